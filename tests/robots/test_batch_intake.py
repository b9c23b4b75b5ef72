"""Batch scans in the inbox: each part a letter like a single scan, the original archived once."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from lotse.app import App
from robots.letters import Batch, Letter, utcnow
from robots.mailroom import Mailroom, letters_json
from tests.robots.batches import blank_page, damaged_sheet, sheet, write_pdf, write_tiff
from tests.robots.letters import KITA_MEMO, TAX_OBJECTION, TREE_REQUEST, scan, text_pdf


@pytest.fixture
def mailroom(lotse_app: App, tmp_path: Path) -> Mailroom:
    inbox = tmp_path / "posteingang"
    inbox.mkdir()
    room = lotse_app.mailroom(inbox=inbox)
    room.config = dataclasses.replace(room.config, stable_seconds=0, workers=2)
    return room


def test_a_batch_becomes_its_letters(mailroom: Mailroom, lotse_app: App, tesseract: str) -> None:
    inbox = mailroom.config.inbox
    pages = [
        sheet(), scan(TAX_OBJECTION),
        sheet(seed=2), blank_page(), scan(KITA_MEMO), scan(["Seite 2 der Hausmitteilung", *KITA_MEMO]),
        sheet(seed=3), scan(TREE_REQUEST),
    ]  # fmt: skip
    original = write_pdf(pages, inbox / "Stapel_0001.pdf").read_bytes()

    outcomes = mailroom.run()

    assert sorted((o.name, o.status, o.department, o.pages) for o in outcomes) == [
        ("Stapel_0001 – Teil 1 (S. 2).pdf", "archived", "22", 1),
        ("Stapel_0001 – Teil 2 (S. 5–6).pdf", "archived", "51", 2),
        ("Stapel_0001 – Teil 3 (S. 8).pdf", "archived", "67", 1),
    ]
    assert list(inbox.iterdir()) == []
    with lotse_app.db.read_session() as session:
        batch = session.scalars(select(Batch)).one()
        assert (batch.status, batch.pages, batch.parts, batch.separators) == (
            "archived", 8, 3, [1, 3, 7],
        )  # fmt: skip
        assert Path(batch.archive_file or "").read_bytes() == original
        rows = letters_json(session.scalars(select(Letter).order_by(Letter.id)))
    assert [(r["batch"], r["page_range"]) for r in rows] == [
        ("Stapel_0001.pdf", [2, 2]), ("Stapel_0001.pdf", [5, 6]), ("Stapel_0001.pdf", [8, 8]),
    ]  # fmt: skip
    assert {r["archive_file"] for r in rows} == {batch.archive_file}  # archived once
    assert len(list(mailroom.config.archive.rglob("*Stapel_0001.pdf"))) == 1
    assert not list(mailroom.config.work.glob("*.pdf"))  # no part left behind
    # Each part is delivered like a single scan: a searchable PDF with its own pages only.
    delivered = sorted(mailroom.config.outbox.glob("*/*.pdf"))
    assert len(delivered) == 3

    # The same stack scanned again is kept as a duplicate, not delivered again.
    (inbox / "Stapel_0001 (2).pdf").write_bytes(original)
    assert mailroom.run() == []
    assert len(list((mailroom.config.archive / "duplicates").iterdir())) == 1


def test_blank_pages_separate_when_switched_on(mailroom: Mailroom, tesseract: str) -> None:
    mailroom.config = dataclasses.replace(mailroom.config, split_on_blank=True)
    write_tiff(
        [scan(TAX_OBJECTION), blank_page(), scan(TREE_REQUEST)], mailroom.config.inbox / "scan.tif"
    )
    outcomes = mailroom.run()
    assert sorted((o.department, o.pages) for o in outcomes) == [("22", 1), ("67", 1)]


def test_unreadable_separator_quarantines_the_batch_and_the_rest_goes_on(
    mailroom: Mailroom, lotse_app: App
) -> None:
    inbox = mailroom.config.inbox
    write_pdf([scan(TAX_OBJECTION), damaged_sheet(), scan(TREE_REQUEST)], inbox / "Stapel_0002.pdf")
    text_pdf(inbox / "Brief.pdf", TAX_OBJECTION)

    outcomes = {o.name: o for o in mailroom.run()}

    stack = outcomes["Stapel_0002.pdf"]
    assert stack.status == "quarantined"
    assert "Trennblatt" in stack.reason and "Seite 2" in stack.reason
    assert outcomes["Brief.pdf"].status == "archived"
    reasons = list(mailroom.config.quarantine.glob("*Stapel_0002.pdf.grund.txt"))
    assert len(reasons) == 1 and "neu scannen" in reasons[0].read_text()


def test_purge_keeps_a_batch_original_until_its_last_letter_goes(
    mailroom: Mailroom, lotse_app: App, tesseract: str
) -> None:
    write_pdf([scan(TAX_OBJECTION), sheet(), scan(TREE_REQUEST)], mailroom.config.inbox / "S.pdf")
    mailroom.run()
    with lotse_app.db.session() as session:
        first, second = session.scalars(select(Letter).order_by(Letter.id)).all()
        original = Path(first.archive_file or "")
        first.retention_until = utcnow() - timedelta(days=1)
        second_id = second.id
    assert original.is_file()
    assert len(mailroom.purge()) == 1
    assert original.is_file()  # the second letter still needs it
    with lotse_app.db.session() as session:
        session.get_one(Letter, second_id).retention_until = utcnow() - timedelta(days=1)
    assert len(mailroom.purge()) == 1
    assert not original.exists()


def test_splitting_can_be_switched_off(mailroom: Mailroom, tesseract: str) -> None:
    mailroom.config = dataclasses.replace(mailroom.config, split_batches=False)
    write_pdf([scan(TAX_OBJECTION), sheet(), scan(TAX_OBJECTION)], mailroom.config.inbox / "x.pdf")
    outcomes = mailroom.run()
    assert [(o.name, o.pages) for o in outcomes] == [("x.pdf", 3)]


def test_the_sample_batches_are_what_their_labels_say(
    mailroom: Mailroom, lotse_app: App, tesseract: str
) -> None:
    import csv

    from tests.conftest import SAMPLES

    folder = SAMPLES / "mail" / "batches"
    with (SAMPLES / "mail" / "batches.csv").open(encoding="utf-8") as handle:
        labels = {row["file"]: row["expected"] for row in csv.DictReader(handle)}
    assert sorted(labels) == sorted(p.name for p in folder.iterdir())
    for name in labels:
        (mailroom.config.inbox / name).write_bytes((folder / name).read_bytes())

    outcomes = mailroom.run()

    with lotse_app.db.read_session() as session:
        rows = letters_json(session.scalars(select(Letter).order_by(Letter.id)))
    for name, expected in labels.items():
        if expected == "QUARANTINE":
            (row,) = [r for r in rows if r["name"] == name]
            assert row["status"] == "quarantined" and "Trennblatt" in row["quarantine_reason"]
        else:
            parts = sorted((r for r in rows if r["batch"] == name), key=lambda r: r["page_range"])
            assert [r["department"] for r in parts] == expected.split(";"), name
            assert all(r["status"] == "archived" for r in parts)
    assert len(outcomes) == len(rows)
