"""E-mails in the inbox: each is a letter, delivered as PDF, the .eml archived as its original."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

from sqlalchemy import select

from lotse.app import App
from robots.letters import Letter
from tests.conftest import SAMPLES

MAILS = SAMPLES / "mail" / "emails"


def test_mails_in_the_inbox_are_letters(lotse_app: App, tmp_path: Path) -> None:
    inbox = tmp_path / "posteingang"
    inbox.mkdir()
    for name in ("Hundesteuer.eml", "Kontaktformular Brandschutz.eml", "abgebrochen.eml"):
        shutil.copy(MAILS / name, inbox / name)
    mailroom = lotse_app.mailroom(inbox=inbox)
    mailroom.config = dataclasses.replace(mailroom.config, stable_seconds=0, workers=2)

    outcomes = {o.name: o for o in mailroom.run()}

    assert outcomes["Hundesteuer.eml"].status == "archived"
    assert outcomes["Hundesteuer.eml"].department == "22"
    assert outcomes["Kontaktformular Brandschutz.eml"].department == "37"
    broken = outcomes["abgebrochen.eml"]
    assert broken.status == "quarantined" and "abgebrochen" in broken.reason
    assert list(inbox.iterdir()) == []
    with lotse_app.db.read_session() as session:
        letter = session.scalars(select(Letter).where(Letter.name == "Hundesteuer.eml")).one()
        # The original is the mail itself, byte for byte; the delivery is its PDF.
        assert letter.media_type == "eml"
        assert (
            Path(letter.archive_file or "").read_bytes() == (MAILS / "Hundesteuer.eml").read_bytes()
        )
        assert Path(letter.delivered_to or "").read_bytes().startswith(b"%PDF")
        read = next(e for e in letter.events if e.kind == "read")
        assert read.data["mail"]["from"] == "Horst Brandt <h.brandt@example.org>"
        assert read.data["ocr_pages"] == 0
    sidecar = json.loads(Path(letter.delivered_to or "").with_suffix(".json").read_text())
    assert sidecar["sha256"] == letter.sha256
    quarantined = list(mailroom.config.quarantine.glob("*abgebrochen.eml"))
    assert len(quarantined) == 1
    assert "abgebrochen" in quarantined[0].with_name(quarantined[0].name + ".grund.txt").read_text()
