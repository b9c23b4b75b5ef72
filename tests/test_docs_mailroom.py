"""The batch, e-mail and learning commands in docs/operator.md and docs/it.md run as written."""

from __future__ import annotations

import json
import re
import shlex
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lotse.cli import app
from lotse.samples import SAMPLES_DIR

DOCS = Path(__file__).resolve().parent.parent / "docs"
SECTIONS = {
    "operator.md": ("## Stapel scannen", "## E-Mails", "### Der Vorschlag des gelernten Modells"),
    "it.md": ("### Scanner: Stapel", "### Funktionspostfach", "### Lernen aus den Entscheidungen"),
}


def commands() -> list[str]:
    found = []
    for name, headings in SECTIONS.items():
        text = (DOCS / name).read_text(encoding="utf-8")
        for heading in headings:
            section = text.split(heading, 1)[1].split("\n## ", 1)[0].split("\n### ", 1)[0]
            for block in re.findall(r"```sh\n(.*?)```", section, re.S):
                found += [line for line in block.splitlines() if line.strip()]
    return found


def test_the_sections_have_commands() -> None:
    assert commands() == [
        "lotse mailroom trennblatt --out trennblatt.pdf",
        "lotse mailroom classify samples/mail/emails/Hundesteuer.eml --json",
        "lotse mailroom quality",
        "lotse mailroom lernen",
        "lotse mailroom quality --json",
    ]


@pytest.mark.parametrize("command", commands())
def test_command_runs(command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(SAMPLES_DIR / "mail" / "emails", tmp_path / "samples" / "mail" / "emails")
    monkeypatch.chdir(tmp_path)
    words = shlex.split(command)
    result = CliRunner().invoke(app, words[1:])
    assert result.exit_code == 0, result.output
    if words[2] == "trennblatt":
        assert (tmp_path / "trennblatt.pdf").read_bytes().startswith(b"%PDF-")
    elif words[2] == "classify":
        line = json.loads(result.stdout)
        assert (line["status"], line["department"]) == ("routed", "22")
    elif words[2] == "lernen":
        assert "Zu wenige Entscheidungen" in result.stdout  # a fresh database: nothing decided
    elif "--json" in words:
        assert set(json.loads(result.stdout)) >= {"departments", "held_out", "threshold"}
    else:
        assert "Qualität der Zuordnung je Amt" in result.stdout
        assert "Noch kein Modell gelernt" in " ".join(result.stdout.split())


def test_the_review_page_picture_is_there() -> None:
    text = (DOCS / "operator.md").read_text(encoding="utf-8")
    assert "](img/web-vorschlag.png)" in text
    assert (DOCS / "img" / "web-vorschlag.png").stat().st_size > 10_000
