"""The e-file robot at work, step by step, for the docs (docs/img/eakte-*.png).

Runs the real mailroom and the real e-file robot in a temporary data folder
against the stand-in e-file (no quirks: the pictures show the normal way), and
saves a screenshot at each step a person would recognise: sign-in, search, new
file, the filled upload form, the confirmation. Nothing outside --out is
touched.

    .venv/bin/python scripts/eakte_screenshots.py
    .venv/bin/python scripts/eakte_screenshots.py --out /tmp/eakte-shots
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # for tests.robots.letters (sample letters as PDFs)

from PIL import Image  # noqa: E402
from playwright.sync_api import Page  # noqa: E402

from tests.robots.letters import text_pdf  # noqa: E402

LETTER = [
    "Ingenieurbüro Lindner, Hafenstraße 9, 12345 Seestadt",
    "",
    "Stadt Seestadt – Baurechtsamt",
    "",
    "Betreff: Nachreichung Statik, Az. 63.2-2026-0412",
    "",
    "Sehr geehrte Damen und Herren,",
    "zum Bauantrag für das Mehrfamilienhaus Hafenstraße 11 reichen wir die Statik nach.",
    "",
    "Mit freundlichen Grüßen",
]
STEPS = {
    "anmeldung": "1-anmeldung",
    "suche": "2-suche",
    "akte-anlegen": "3-akte-anlegen",
    "dokument": "4-dokument",
    "bestaetigung": "5-bestaetigung",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    out: Path = parser.parse_args().out
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lotse-eakte-shots-") as tmp:
        from eakte.config import DEFAULT_PASSWORD, DEFAULT_USER, StandInConfig
        from eakte.server import StandInServer
        from lotse.app import open_app
        from lotse.settings import get_settings
        from robots.eakte_robot import EAkteAccess, EAkteRobot

        lotse = open_app(
            get_settings().changed(
                data_dir=f"{tmp}/data", database_url=f"sqlite:///{tmp}/lotse.db",
                delivery_file=ROOT / "samples" / "rules" / "ablage.yaml",
            )
        )  # fmt: skip
        room = lotse.mailroom(inbox=Path(tmp) / "eingang")
        room.config = dataclasses.replace(room.config, stable_seconds=0)
        room.config.inbox.mkdir()
        text_pdf(room.config.inbox / "Statik_Hafenstrasse.pdf", LETTER)
        room.run()
        taken: set[str] = set()

        def photograph(step: str, page: Page) -> None:
            if step in STEPS and step not in taken:
                taken.add(step)
                _save(page.screenshot(full_page=True), out / f"eakte-{STEPS[step]}.png")

        config = StandInConfig(data_dir=Path(tmp) / "eakte", seed=1)
        with StandInServer(config) as server:
            robot = EAkteRobot(
                lotse.db.session, lotse.delivery(),
                EAkteAccess(server.url, DEFAULT_USER, DEFAULT_PASSWORD),
                Path(tmp) / "fehler", on_step=photograph,
            )  # fmt: skip
            (outcome,) = robot.run()
        print(f"{outcome.letter_name} → Akte {outcome.file_number}, {outcome.document_number}")
    for step in STEPS.values():
        print(out / f"eakte-{step}.png")


def _save(png: bytes, path: Path) -> None:
    image = Image.open(io.BytesIO(png)).convert("RGB")
    image.crop((0, 0, image.width, min(image.height, 900))).quantize(colors=128).save(
        path, optimize=True
    )


if __name__ == "__main__":
    main()
