"""Sender, subject and file number as a clerk would type them into the e-file."""

from __future__ import annotations

from datetime import UTC, datetime

from robots.letter_metadata import marker, metadata, sender, subject
from tests.robots.letters import KITA_MEMO, TAX_OBJECTION

SCAN = """Hinrich Boysen
Hof Boysen
Marschweg 1

STADT SEESTADT
Posteingang
24. NOV. 2026

Stadtverwaltung Seestadt
. Rathausplatz. 1

Wiesental, den 10.11.2026

Meine Fläche am Ortsrand Seestadt-Nord (Flurstück 118/4) .

sehr geehrte Damen und Herren,
ich besitze eine Ackerfläche.
"""


def test_labelled_subject_and_sender_with_address_on_one_line() -> None:
    lines = TAX_OBJECTION
    assert sender(lines) == "Erika Mustermann"
    assert subject(lines) == "Widerspruch gegen den Grundsteuerbescheid 2026"


def test_subject_is_the_line_before_the_salutation_skipping_dates() -> None:
    lines = SCAN.splitlines()
    assert subject(lines) == "Meine Fläche am Ortsrand Seestadt-Nord (Flurstück 118/4)"
    assert sender(lines) == "Hinrich Boysen"


def test_memo_subject() -> None:
    assert subject(KITA_MEMO) == "Abrechnung der Elternbeiträge Oktober"


def test_a_subject_label_alone_on_its_line_takes_the_next_line() -> None:
    assert subject(["Betreff:", "", "Antrag auf Baumfällung", "Sehr geehrte Damen"]) == (
        "Antrag auf Baumfällung"
    )


def test_fallbacks_keep_required_fields_filled() -> None:
    found = metadata(
        "", file_name="scan.pdf", file_number=None,
        received_at=datetime(2026, 11, 25, 23, 30, tzinfo=UTC), sha256="ab" * 32, letter_id=7,
    )  # fmt: skip
    assert (found.sender, found.subject, found.file_number) == (
        "unbekannt", "Posteingang scan.pdf", None,
    )  # fmt: skip
    assert found.received == "26.11.2026"  # German local date, not UTC
    assert marker("ab" * 32) in found.remark and "Nr. 7" in found.remark
