"""The classifier in the mailroom: trained from decisions, asked only where the rules are unsure."""

from __future__ import annotations

import dataclasses
import hashlib
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from lotse.app import App
from robots.decisions import Choice, Outcome
from robots.letters import ClassifierRecord, Letter, LetterStatus
from robots.mailroom import Mailroom
from robots.suggestions import (
    WITHOUT_DEPARTMENT,
    quality,
    quality_rows,
    retrain,
    training_examples,
    without_department_line,
)
from tests.conftest import SAMPLES
from tests.robots.learning_data import sample_examples
from tests.robots.letters import ADVERT, text_pdf

MAILS = SAMPLES / "mail" / "emails"


def _decided_letters(app: App) -> None:
    """The sample letters as if a clerk had decided each of them."""
    with app.db.session() as session:
        for number, example in enumerate(sample_examples()):
            session.add(
                Letter(
                    sha256=example.key, name=f"brief-{number}.pdf", status=LetterStatus.ARCHIVED.value,
                    text=example.text, department=example.department, routed_by="person",
                    decided_by="poststelle",
                )
            )  # fmt: skip


@pytest.fixture
def mailroom(lotse_app: App, tmp_path: Path) -> Mailroom:
    inbox = tmp_path / "posteingang"
    inbox.mkdir()
    room = lotse_app.mailroom(inbox=inbox)
    room.config = dataclasses.replace(room.config, stable_seconds=0, workers=2)
    return room


def test_retrained_only_when_decisions_changed(lotse_app: App) -> None:
    with lotse_app.db.session() as session:
        first = retrain(session)
    assert not first.trained and "Zu wenige Entscheidungen" in first.message
    _decided_letters(lotse_app)
    with lotse_app.db.session() as session:
        trained = retrain(session)
    assert trained.trained and trained.record_id is not None
    assert "zurückgehaltene" in trained.message
    with lotse_app.db.session() as session:
        assert not retrain(session).trained  # nothing new
        letter = session.scalars(select(Letter).order_by(Letter.id)).first()
        assert letter is not None
        letter.department = "10" if letter.department != "10" else "20"  # a correction
    with lotse_app.db.session() as session:
        assert retrain(session).trained
        assert len(session.scalars(select(ClassifierRecord)).all()) == 2
    with lotse_app.db.session() as session:
        # A model of words, stored before stems, with the fingerprint of then: retrained,
        # though no decision changed.
        examples = training_examples(session)
        record = session.scalars(select(ClassifierRecord).order_by(ClassifierRecord.id)).all()[-1]
        digest = hashlib.sha256()
        for example in sorted(examples, key=lambda e: (e.key, e.department, e.source)):
            digest.update(f"{example.key}\t{example.department}\t{example.source}\n".encode())
        record.fingerprint = digest.hexdigest()[:32]
        record.model = {**record.model, "features": "words"}
    with lotse_app.db.session() as session:
        assert retrain(session).trained


def test_classifier_routed_letters_never_train_it(lotse_app: App) -> None:
    _decided_letters(lotse_app)
    with lotse_app.db.session() as session:
        letter = session.scalars(select(Letter)).first()
        assert letter is not None
        letter.routed_by, letter.decided_by = "classifier", None
        assert letter.sha256 not in {e.key for e in training_examples(session)}


def test_unsure_letter_gets_a_suggestion_and_stays_in_review(
    lotse_app: App, mailroom: Mailroom
) -> None:
    _decided_letters(lotse_app)
    with lotse_app.db.session() as session:
        retrain(session)
    shutil.copy(MAILS / "Rechnung 2026-4471.eml", mailroom.config.inbox / "rechnung.eml")
    shutil.copy(MAILS / "Hundesteuer.eml", mailroom.config.inbox / "hund.eml")

    outcomes = {o.name: o for o in mailroom.run()}

    assert outcomes["hund.eml"].status == "archived"  # rules routed it; never asked
    assert outcomes["rechnung.eml"].status == "review"
    with lotse_app.db.read_session() as session:
        dog = session.scalars(select(Letter).where(Letter.name == "hund.eml")).one()
        assert dog.routed_by == "rules" and dog.suggestion is None
        bill = session.scalars(select(Letter).where(Letter.name == "rechnung.eml")).one()
        assert bill.suggestion is not None
        assert bill.suggestion["department"] == "20"
        assert bill.suggestion["words"] and 0 < bill.suggestion["confidence"] <= 1
        review = next(e for e in bill.events if e.kind == "review")
        assert "Vorschlag des gelernten Modells: 20" in review.detail
        bill_id = bill.id

    # The clerk agrees: the classifier's precision for 20 counts it.
    mailroom.decide_review(bill_id, "20", "poststelle")
    report = quality(lotse_app.db.session().__enter__())
    row = next(d for d in report.departments if d.code == "20")
    assert (row.classifier_suggested, row.classifier_right, row.classifier_precision) == (1, 1, 1.0)
    assert report.held_out is not None and report.model_examples


def test_classifier_routes_only_when_switched_on_and_above_threshold(
    lotse_app: App, mailroom: Mailroom
) -> None:
    _decided_letters(lotse_app)
    with lotse_app.db.session() as session:
        result = retrain(session)
        assert result.record_id is not None
        # As if the held-out split had found a threshold this letter clears.
        record = session.get_one(ClassifierRecord, result.record_id)
        record.threshold = 0.05
    mailroom.config = dataclasses.replace(mailroom.config, classifier_routes=True)
    shutil.copy(MAILS / "Rechnung 2026-4471.eml", mailroom.config.inbox / "rechnung.eml")
    shutil.copy(MAILS / "Newsletter KommunalSoft.eml", mailroom.config.inbox / "werbung.eml")

    outcomes = {o.name: o for o in mailroom.run()}

    assert (outcomes["rechnung.eml"].status, outcomes["rechnung.eml"].department) == (
        "archived",
        "20",
    )
    assert outcomes["werbung.eml"].status == "review"  # advertising: never routed by the model
    with lotse_app.db.read_session() as session:
        bill = session.scalars(select(Letter).where(Letter.name == "rechnung.eml")).one()
        assert bill.routed_by == "classifier"
        assert bill.reasons[0].startswith("Gelerntes Modell (aus ")


def _review_letters(mailroom: Mailroom, lines: list[list[str]]) -> list[int]:
    """Born-digital letters the rules are unsure about, waiting in review."""
    for index, text in enumerate(lines):
        text_pdf(mailroom.config.inbox / f"brief-{index}.pdf", text)
    outcomes = mailroom.run()
    assert [o.status for o in outcomes] == ["review"] * len(lines)
    return sorted(o.letter_id for o in outcomes)


def test_every_decision_that_names_an_amt_trains_until_it_is_undone(
    lotse_app: App, mailroom: Mailroom
) -> None:
    _decided_letters(lotse_app)
    letters = _review_letters(
        mailroom,
        [
            ["Guten Tag,", "die Rechnung für die Ferienbetreuung im Kindergarten liegt bei.",
             "Bitte überweisen Sie den Betrag bis Monatsende."],
            [*ADVERT, "Angebot Nr. 7"],
        ],
    )  # fmt: skip
    with lotse_app.db.session() as session:
        before = training_examples(session)
        first = retrain(session)
    assert first.trained and first.model is not None
    texts = {e.key for e in before}

    # The clerk gives the bill to 20 with a copy to 51 ("Anderes Amt" and a copy) and
    # calls the advert no administrative mail; both still within their undo time.
    mailroom.decide(letters[0], Choice(Outcome.DELIVER, ("20", "51"), user="anna"))
    mailroom.decide(letters[1], Choice(Outcome.NOT_MAIL, user="anna"))

    with lotse_app.db.session() as session:
        examples = training_examples(session)
        added = [(e.department, e.source) for e in examples if e.key not in texts]
        assert added == [("20", "person"), ("51", "copy")]  # the advert teaches nothing
        again = retrain(session)  # the next `lernen` run learns from the decision
        assert again.trained and again.model is not None
        assert again.model.fingerprint != first.model.fingerprint
        assert again.model.examples == first.model.examples + 1  # one letter, two Ämter
        report = quality(session)
    assert report.without_department == {"not_mail": 1}
    assert report.as_json()["without_department"]["letters"] == 1
    last = quality_rows(report)[-1]
    assert (last["Amt"], last["Briefe"], last["durch Menschen"]) == (WITHOUT_DEPARTMENT, "1", "1")
    assert without_department_line(report) == (
        "Ohne Amt entschieden: 1 Brief (1 keine Verwaltungspost); sie gehen an kein Amt und "
        "lehren das Modell nichts."
    )

    mailroom.undo_decision(letters[0], "anna")
    mailroom.undo_decision(letters[1], "anna")
    with lotse_app.db.session() as session:
        assert training_examples(session) == before
        assert quality(session).without_department == {}
        undone = retrain(session)
    assert undone.trained and undone.model is not None
    assert undone.model.fingerprint == first.model.fingerprint


def test_a_carried_out_decision_trains_once_with_the_persons_amt(
    lotse_app: App, mailroom: Mailroom
) -> None:
    (letter_id,) = _review_letters(
        mailroom,
        [["Sehr geehrte Damen und Herren,", "ich bitte um einen Termin wegen meines Anliegens."]],
    )
    mailroom.decide_now(letter_id, Choice(Outcome.DELIVER, ("33",), user="anna"))
    with lotse_app.db.session() as session:
        letter = session.get_one(Letter, letter_id)
        assert letter.status == LetterStatus.ARCHIVED.value and letter.department == "33"
        mine = [
            (e.department, e.source) for e in training_examples(session) if e.key == letter.sha256
        ]
    assert mine == [("33", "person")]  # from the decision; the delivered letter adds no second
