"""Which inbox files are mail: named checks, the same for a run and for its dry run."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from lotse.app import App
from robots.letters import Letter
from robots.mailroom.intake import Skip, letters_in, scan_inbox, take_inbox
from tests.robots.letters import TAX_OBJECTION, text_pdf


def fill(inbox: Path, outside: Path) -> float:
    """Noise of every kind, one fresh scan and two complete letters; returns "now"."""
    now = time.time()
    for name in ("Thumbs.db", "desktop.ini", "._Scan_0001.pdf", ".versteckt.pdf", "Scan.pdf.part",
                 "Download.crdownload", "kopie.tmp"):  # fmt: skip
        (inbox / name).write_bytes(b"x")
    (inbox / "Unterordner").mkdir()
    text_pdf(outside, TAX_OBJECTION)
    (inbox / "link.pdf").symlink_to(outside)
    os.mkfifo(inbox / "pipe.pdf")
    for name in ("Scan_0002.pdf", "Scan_0003.pdf", "frisch.pdf"):
        text_pdf(inbox / name, [*TAX_OBJECTION, name])
    for name in ("Scan_0002.pdf", "Scan_0003.pdf"):
        os.utime(inbox / name, (now - 60, now - 60))
    return now


def test_every_file_gets_a_named_reason_or_is_taken(tmp_path: Path) -> None:
    inbox = tmp_path / "posteingang"
    inbox.mkdir()
    now = fill(inbox, tmp_path / "geheim.pdf")
    found = {entry.path.name: entry.skip for entry in scan_inbox(inbox, 5.0, now)}
    assert found == {
        "Thumbs.db": Skip.SYSTEM_FILE,
        "desktop.ini": Skip.SYSTEM_FILE,
        "._Scan_0001.pdf": Skip.HIDDEN,
        ".versteckt.pdf": Skip.HIDDEN,
        "Scan.pdf.part": Skip.INCOMPLETE,
        "Download.crdownload": Skip.INCOMPLETE,
        "kopie.tmp": Skip.INCOMPLETE,
        "Unterordner": Skip.NOT_A_FILE,
        "link.pdf": Skip.NOT_A_FILE,
        "pipe.pdf": Skip.NOT_A_FILE,
        "frisch.pdf": Skip.STILL_CHANGING,
        "Scan_0002.pdf": None,
        "Scan_0003.pdf": None,
    }
    assert all(skip.german for skip in Skip)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_run_takes_exactly_what_its_dry_run_lists(lotse_app: App, tmp_path: Path) -> None:
    inbox = tmp_path / "posteingang"
    inbox.mkdir()
    fill(inbox, tmp_path / "geheim.pdf")
    room = lotse_app.mailroom(inbox=inbox)
    listed = [path.name for path in letters_in(inbox, room.config.stable_seconds)]
    assert listed == ["Scan_0002.pdf", "Scan_0003.pdf"]
    take_inbox(room.config, room.sessions)
    room.split_all()  # PDFs are taken as possible batch scans first (robots.batches)
    with lotse_app.db.read_session() as session:
        assert sorted(session.scalars(select(Letter.name))) == listed
    assert not (inbox / "Scan_0002.pdf").exists() and (inbox / "frisch.pdf").exists()


def test_a_missing_inbox_is_named(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"Der Posteingang .*fehlt existiert nicht"):
        scan_inbox(tmp_path / "fehlt", 5.0)
