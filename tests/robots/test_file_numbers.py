"""One definition of the Aktenzeichen: the rules route by it, record it, and the e-file robot files by it."""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from sqlalchemy import text

from lotse.app import App
from lotse.db import Database, alembic_config, make_engine
from robots import rules as rules_module
from robots.filings import Filing, metadata_for
from robots.leases import claim
from robots.letters import Letter, LetterStatus
from robots.mailroom.steps import LetterSteps
from robots.rules import Rules, load_rules
from tests.conftest import SAMPLES
from tests.robots.sample_texts import load_texts

RULES_FILE = SAMPLES / "rules" / "mailroom.yaml"
DEPARTMENTS = {
    d["code"]: d["name"]
    for d in yaml.safe_load((SAMPLES / "departments.yaml").read_text())["departments"]
}
SQLITE = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


def route_then_file(
    lotse: App, rules: Rules, letter_text: str, name: str
) -> tuple[Letter, str | None]:
    """The mailroom's own decide step on a read letter, then what the e-file robot types."""
    room = lotse.mailroom()
    with lotse.db.session() as session:
        letter = Letter(
            sha256=hashlib.sha256(name.encode()).hexdigest(), name=name,
            status=LetterStatus.READ.value,
            text=letter_text, ocr_confidence=None,
        )  # fmt: skip
        session.add(letter)
        session.flush()
        letter_id = letter.id
    config = dataclasses.replace(room.config, rules=rules)
    with lotse.db.session() as session:  # a run holds the letter while it decides
        assert claim(session, Letter, letter_id, room.owner, 60)
    LetterSteps(config, lotse.db.session, room.ocr_slots, room.owner).decide(letter_id)
    with lotse.db.session() as session:
        letter = session.get_one(Letter, letter_id)
        if letter.department is None:
            return letter, None
        filing = Filing(letter_id=letter.id, department=letter.department)
        session.add(filing)
        session.flush()
        return letter, metadata_for(filing).file_number


@pytest.fixture
def sqlite_app(lotse_app: App) -> Iterator[App]:
    yield lotse_app


@SQLITE
@pytest.mark.slow
def test_router_and_filer_agree_on_every_sample_letter(sqlite_app: App) -> None:
    rules = load_rules(RULES_FILE, DEPARTMENTS)
    with_number = 0
    for name, read in sorted(load_texts().items()):
        letter, filed_under = route_then_file(sqlite_app, rules, read.text, name)
        assert filed_under == letter.file_number, name
        if letter.state is LetterStatus.ROUTED and letter.file_number:
            with_number += 1
            assert letter.file_number.startswith(letter.department or "?"), name
            assert letter.file_number in read.text, name
    assert with_number >= 10  # the samples name file numbers often enough to mean something


def edited_rules(tmp_path: Path) -> Path:
    """A city whose file numbers read "51/K/2026/17" edits the documented pattern."""
    original = RULES_FILE.read_text(encoding="utf-8")
    labelled = re.search(r"      - '(\(\?:\\bAz.*)'\n", original)
    assert labelled, "the labelled Aktenzeichen pattern is no longer in the sample rules"
    city = (
        r"(?:\bAz\.?|\bAktenzeichen|\bUnser\s+Zeichen|\bIhr\s+Zeichen)\s*:?\s*"
        r"(?P<aktenzeichen>(?P<code>\d{2})/[A-Z]/\d{4}/\d+)"
    )
    edited = tmp_path / "mailroom.yaml"
    edited.write_text(original.replace(labelled.group(1), city), encoding="utf-8")
    return edited


CITY_LETTER = """Erika Mustermann
Musterweg 3, 12345 Seestadt

Unser Zeichen: 51/K/2026/17

Betreff: Nachreichung der Einkommensnachweise

Sehr geehrte Damen und Herren,
anbei reiche ich die fehlenden Unterlagen nach, wie im Schreiben erbeten.
Mit freundlichen Grüßen
Erika Mustermann
"""


@SQLITE
def test_an_edited_rules_file_routes_and_files_by_the_new_pattern(
    sqlite_app: App, tmp_path: Path
) -> None:
    sample = load_rules(RULES_FILE, DEPARTMENTS)
    assert sample.file_numbers(CITY_LETTER) == {}  # the shipped pattern does not know it
    city = load_rules(edited_rules(tmp_path), DEPARTMENTS)
    letter, filed_under = route_then_file(sqlite_app, city, CITY_LETTER, "nachreichung.pdf")
    assert (letter.status, letter.department) == ("routed", "51")
    assert letter.file_number == filed_under == "51/K/2026/17"  # not the catch-all file


def test_a_labelled_number_wins_over_a_bare_one_further_up() -> None:
    rules = load_rules(RULES_FILE, DEPARTMENTS)
    letter = "Vorgang 63/2026/0042 liegt vor.\nAz. 63.2-2026-0412, bitte angeben."
    assert rules.file_numbers(letter) == {"63": "63.2-2026-0412"}
    both = "Ihr Zeichen: 22/2026/1187\nAz. 63.2-2026-0412."
    assert rules.file_numbers(both) == {"22": "22/2026/1187", "63": "63.2-2026-0412"}
    assert rules.file_number(both, "51") is None


def test_a_person_deciding_for_another_department_gets_its_number(tmp_path: Path) -> None:
    rules = load_rules(RULES_FILE, DEPARTMENTS)
    both = "Ihr Zeichen: 22/2026/1187\nAz. 63.2-2026-0412."
    assert rules.file_number(both, "22") == "22/2026/1187"


def test_a_pattern_that_takes_too_long_sends_the_letter_to_a_person(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rules_module, "PATTERN_SECONDS", 0.05)
    original = RULES_FILE.read_text(encoding="utf-8")
    assert "'\\bIBAN\\b': 1" in original
    slow = tmp_path / "regeln.yaml"
    slow.write_text(original.replace("'\\bIBAN\\b': 1", "'^(a|aa)+$': 1", 1), encoding="utf-8")
    rules = load_rules(slow, DEPARTMENTS)
    decision = rules.decide("Widerspruch gegen den Grundsteuerbescheid\n" + "a" * 60 + "b\n" * 40)
    assert decision.status == "review"
    assert "brauchte zu lange" in decision.reasons[0] and "^(a|aa)+$" in decision.reasons[0]


def test_the_migration_keeps_the_file_number_letters_waiting_to_be_filed_had(
    database_url: str,
) -> None:
    from alembic import command

    engine = make_engine(database_url)
    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0012a-1")  # the revision before ours
    rows = [
        (1, "63", "Az. 63.2-2026-0412, bitte angeben."),
        (2, "22", "Vorgang 22/2026/1187 und Az. 63.2-2026-0412."),
        (3, "51", "Kein Zeichen."),
        (4, None, "Az. 63.2-2026-0412"),
    ]
    with engine.begin() as connection:
        for letter_id, department, body in rows:
            connection.execute(
                text(
                    "INSERT INTO letters (id, sha256, name, media_type, size, status, received_at,"
                    " updated_at, reasons, candidates, department, text) VALUES (:id, :sha, 'b.pdf',"
                    " 'pdf', 1, 'delivered', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, '[]', '[]', :d, :t)"
                ),
                {"id": letter_id, "sha": f"{letter_id:064d}", "d": department, "t": body},
            )
    engine.dispose()
    db = Database(database_url)  # migrates to the head, as every start does
    try:
        with db.engine.connect() as connection:
            numbers = dict(connection.execute(text("SELECT id, file_number FROM letters")).all())
    finally:
        db.dispose()
    assert numbers == {1: "63.2-2026-0412", 2: "22/2026/1187", 3: None, 4: None}
