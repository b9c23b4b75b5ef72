"""The mailroom desk's outcomes on SQLite and PostgreSQL: delivery to several Ämter, the
outcomes that deliver nothing, the undo time, exactly once, and the training record."""

from __future__ import annotations

import dataclasses
import json
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, text

from lotse.app import App
from robots.decisions import Choice, ChoiceError, LetterCopy, Outcome, ReviewOutcome
from robots.letters import Letter, LetterEvent, LetterStatus, utcnow
from robots.mailroom import Mailroom, letters_json
from tests.migrations import schema_at
from tests.robots.letters import ADVERT, text_pdf


@pytest.fixture
def mailroom(lotse_app: App, tmp_path: Path) -> Mailroom:
    inbox = tmp_path / "posteingang"
    inbox.mkdir()
    room = lotse_app.mailroom(inbox=inbox)
    room.config = dataclasses.replace(room.config, stable_seconds=0, workers=1)
    return room


def review_letters(mailroom: Mailroom, count: int) -> list[int]:
    """``count`` adverts (each different), all waiting in review."""
    for index in range(count):
        text_pdf(mailroom.config.inbox / f"werbung-{index}.pdf", [*ADVERT, f"Angebot Nr. {index}"])
    outcomes = mailroom.run()
    assert [o.status for o in outcomes] == ["review"] * count
    return sorted(o.letter_id for o in outcomes)


def sidecars(mailroom: Mailroom) -> list[dict[str, object]]:
    return [json.loads(p.read_text()) for p in sorted(mailroom.config.outbox.glob("*/*.json"))]


def letter(app: App, letter_id: int) -> Letter:
    with app.db.read_session() as session:
        return session.get_one(Letter, letter_id)


def test_outcomes_that_deliver_nothing_archive_the_original_only(
    mailroom: Mailroom, lotse_app: App
) -> None:
    ids = review_letters(mailroom, 4)
    choices = [
        Choice(Outcome.NOT_MAIL, comment="Möbelwerbung", user="anna"),
        Choice(Outcome.MISDELIVERED, comment="an die Kreisverwaltung", user="anna"),
        Choice(Outcome.PRIVATE, handed_to="Frau Keller, 33", user="anna"),
        Choice(Outcome.RESCAN, comment="Seite 2 fehlt", user="anna"),
    ]
    for letter_id, choice in zip(ids, choices, strict=True):
        outcome = mailroom.decide_now(letter_id, choice)
        assert (outcome.status, outcome.department) == ("archived", None)
    assert sidecars(mailroom) == [], "nothing was delivered"
    assert not list(mailroom.config.outbox.glob("*/*.pdf"))
    with lotse_app.db.read_session() as session:
        letters = session.scalars(select(Letter).where(Letter.id.in_(ids))).all()
        for row, choice in zip(sorted(letters, key=lambda x: x.id), choices, strict=True):
            assert row.outcome == choice.outcome.value and row.delivered_to is None
            assert row.archive_file and Path(row.archive_file).is_file(), "the original is kept"
            assert row.retention_until is not None
            kinds = [e.kind for e in row.events]
            assert kinds[-2:] == ["decided", "archived"] and "delivered" not in kinds
        rows = {r["id"]: r for r in letters_json(letters)}
        records = session.scalars(select(ReviewOutcome).order_by(ReviewOutcome.id)).all()
    assert [rows[i]["outcome"] for i in ids] == ["not_mail", "misdelivered", "private", "rescan"]
    assert all(rows[i]["status"] == "archived" and rows[i]["delivered_to"] is None for i in ids)
    # The training record: outcome, who, when, comment and what the robot had said.
    assert [(r.letter_id, r.outcome, r.decided_by) for r in records] == [
        (i, c.outcome.value, "anna") for i, c in zip(ids, choices, strict=True)
    ]
    assert records[0].comment == "Möbelwerbung" and records[2].handed_to == "Frau Keller, 33"
    assert all(r.robot_reason.startswith("Werbung") for r in records)
    assert all(r.applied_at is not None and r.undone_at is None for r in records)


def test_several_amter_get_one_original_and_copies(mailroom: Mailroom, lotse_app: App) -> None:
    (letter_id,) = review_letters(mailroom, 1)
    choice = Choice(Outcome.DELIVER, ("20", "51", "33"), comment="Rechnung und Kita", user="bo")
    outcome = mailroom.decide_now(letter_id, choice)
    assert (outcome.status, outcome.department) == ("archived", "20")
    delivered = {str(s["department"]): s for s in sidecars(mailroom)}
    assert set(delivered) == {"20", "51", "33"}
    assert not delivered["20"].get("copy") and delivered["51"]["copy"] is True
    assert delivered["33"]["original_to"] == "20"
    for code, sidecar in delivered.items():
        pdf = mailroom.config.outbox / code / str(sidecar["file"])
        assert pdf.read_bytes().startswith(b"%PDF")
    assert str(delivered["51"]["file"]).endswith("_Kopie.pdf")
    assert not list(mailroom.config.outbox.glob("*/.*.part"))
    row = letter(lotse_app, letter_id)
    assert row.archive_file and Path(row.archive_file).is_file(), "one original, archived"
    with lotse_app.db.read_session() as session:
        copies = session.scalars(select(LetterCopy).order_by(LetterCopy.department)).all()
        kinds = [
            e.kind
            for e in session.scalars(
                select(LetterEvent)
                .where(LetterEvent.letter_id == letter_id)
                .order_by(LetterEvent.id)
            )
        ]
    assert [(c.department, c.delivered_at is not None) for c in copies] == [
        ("33", True),
        ("51", True),
    ]
    assert kinds[-5:] == ["decided", "copied", "copied", "delivered", "archived"]
    assert "Kopie an 51" in row.reasons[0] and "Rechnung und Kita" in row.reasons[0]


def test_decisions_wait_for_their_undo_time_and_can_be_taken_back(
    mailroom: Mailroom, lotse_app: App
) -> None:
    first, second = review_letters(mailroom, 2)
    now = utcnow()
    recorded = mailroom.decide(first, Choice(Outcome.DELIVER, ("22",), user="anna"), now=now)
    assert recorded.due_at == now + timedelta(seconds=mailroom.config.undo_seconds)
    # Before its time nothing happens, also not in a robot run.
    assert mailroom.apply_due_decisions(now + timedelta(seconds=10)) == []
    mailroom.run()
    assert letter(lotse_app, first).status == "review" and sidecars(mailroom) == []
    # A second decision on the same letter is refused; another clerk sees why.
    with pytest.raises(ChoiceError, match="gerade entschieden"):
        mailroom.decide(first, Choice(Outcome.NOT_MAIL, user="bo"))
    # Taken back: the letter waits again, the record stays marked as undone.
    assert mailroom.undo_decision(first, "anna").departments == ("22",)
    with pytest.raises(ChoiceError, match="nichts rückgängig"):
        mailroom.undo_decision(first, "anna")
    mailroom.decide(first, Choice(Outcome.NOT_MAIL, user="anna"), now=now)
    mailroom.decide(second, Choice(Outcome.DELIVER, ("51",), comment="Kita", user="anna"), now=now)
    # Once the time is up the next run carries them out.
    later = now + timedelta(seconds=mailroom.config.undo_seconds + 1)
    assert sorted(mailroom.apply_due_decisions(later)) == [first, second]
    mailroom.run()
    assert (letter(lotse_app, first).status, letter(lotse_app, first).outcome) == (
        "archived",
        "not_mail",
    )
    assert letter(lotse_app, second).delivered_to
    with pytest.raises(ChoiceError, match="Zu spät"):
        mailroom.undo_decision(second, "anna")
    with lotse_app.db.read_session() as session:
        records = session.scalars(select(ReviewOutcome).order_by(ReviewOutcome.id)).all()
    assert [(r.outcome, r.undone_at is not None, r.applied_at is not None) for r in records] == [
        ("deliver", True, False),
        ("not_mail", False, True),
        ("deliver", False, True),
    ]
    assert records[2].comment == "Kita", "the comment is never dropped"


def test_two_runs_at_once_carry_a_decision_out_once(mailroom: Mailroom, lotse_app: App) -> None:
    ids = review_letters(mailroom, 3)
    now = utcnow()
    for letter_id in ids:
        mailroom.decide(letter_id, Choice(Outcome.DELIVER, ("20", "51"), user="anna"), now=now)
    later = now + timedelta(seconds=mailroom.config.undo_seconds + 1)
    applied: list[list[int]] = []
    barrier = threading.Barrier(2)

    def carry_out() -> None:
        run = Mailroom(mailroom.config, mailroom.sessions)  # a run of its own (own lease owner)
        barrier.wait()
        applied.append(run.apply_due_decisions(later))
        run.process_all(ids)

    threads = [threading.Thread(target=carry_out) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert sorted(applied[0] + applied[1]) == ids, "each decision applied by exactly one run"
    counts: dict[tuple[str, object], int] = {}
    for sidecar in sidecars(mailroom):
        key = (str(sidecar["sha256"]), sidecar["department"])
        counts[key] = counts.get(key, 0) + 1
    assert len(counts) == 6 and set(counts.values()) == {1}
    with lotse_app.db.read_session() as session:
        decided = session.scalars(select(LetterEvent).where(LetterEvent.kind == "decided")).all()
    assert len(decided) == 3


def test_incomplete_choices_are_refused_in_german(mailroom: Mailroom) -> None:
    (letter_id,) = review_letters(mailroom, 1)
    for choice, message in [
        (Choice(Outcome.DELIVER, ()), "Bitte ein Amt wählen"),
        (Choice(Outcome.DELIVER, ("99",)), "„99“ ist unbekannt"),
        (Choice(Outcome.PRIVATE, handed_to="  "), "an wen"),
        (Choice(Outcome.NOT_MAIL, ("20",)), "geht an kein Amt"),
    ]:
        with pytest.raises(ChoiceError, match=message):
            mailroom.decide(letter_id, choice)
    with pytest.raises(ChoiceError, match="gibt es nicht"):
        mailroom.decide(999_999, Choice(Outcome.NOT_MAIL))


def test_retention_purges_closed_letters_and_what_people_wrote(
    mailroom: Mailroom, lotse_app: App
) -> None:
    not_mail, private = review_letters(mailroom, 2)
    mailroom.decide_now(not_mail, Choice(Outcome.NOT_MAIL, comment="Werbung Möbel", user="a"))
    mailroom.decide_now(private, Choice(Outcome.PRIVATE, handed_to="Herrn Bauer", user="a"))
    original = Path(letter(lotse_app, not_mail).archive_file or "")
    assert original.is_file()
    purged = mailroom.purge(utcnow() + timedelta(days=mailroom.config.retention_days + 1))
    assert sorted(purged) == [not_mail, private]
    assert not original.exists()
    assert letter(lotse_app, not_mail).status == LetterStatus.PURGED.value
    with lotse_app.db.read_session() as session:
        records = session.scalars(select(ReviewOutcome).order_by(ReviewOutcome.id)).all()
        kept = [
            e.data
            for e in session.scalars(select(LetterEvent).where(LetterEvent.kind == "decided"))
        ]
    # What the rules learn from stays; what people wrote about the letter goes.
    assert [(r.outcome, r.comment, r.handed_to) for r in records] == [
        ("not_mail", "", ""),
        ("private", "", ""),
    ]
    assert all("comment" not in data and "handed_to" not in data for data in kept)
    assert {data["outcome"] for data in kept} == {"not_mail", "private"}


def test_decisions_before_the_desk_become_review_outcomes(database_url: str) -> None:
    """Migration 0015b carries the earlier "decided" events into the training record."""
    from lotse.db import Database

    engine = schema_at(database_url, "0014a")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO letters (id, sha256, name, media_type, size, status, received_at, "
                "updated_at, reasons, candidates, rules_version) VALUES (7, :sha, 'alt.pdf', "
                "'pdf', 1, 'archived', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, '[]', '[]', 'r1')"
            ),
            {"sha": "a" * 64},
        )
        connection.execute(
            text(
                "INSERT INTO letter_events (letter_id, at, kind, detail, data) VALUES "
                "(7, CURRENT_TIMESTAMP, 'decided', 'Von anna an 51 gegeben.', :data)"
            ),
            {
                "data": json.dumps(
                    {
                        "department": "51",
                        "robot_guess": "40",
                        "user": "anna",
                        "comment": "Kita",
                        "candidates": [["40", 3.0]],
                    }
                )
            },
        )
    engine.dispose()
    db = Database(database_url)
    try:
        with db.read_session() as session:
            (record,) = session.scalars(select(ReviewOutcome)).all()
            outcome = session.get_one(Letter, 7).outcome
    finally:
        db.dispose()
    assert (record.letter_id, record.outcome, record.departments) == (7, "deliver", ["51"])
    assert (record.decided_by, record.comment, record.robot_department) == ("anna", "Kita", "40")
    assert record.applied_at is not None and record.rules_version == "r1"
    assert outcome == "deliver"
