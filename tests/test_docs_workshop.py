"""The workshop commands in docs/lotse.md run as written, on the bundled samples."""

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

DOC = Path(__file__).resolve().parent.parent / "docs" / "lotse.md"


def workshop_commands() -> list[str]:
    text = DOC.read_text(encoding="utf-8")
    section = text.split("## Workshop:", 1)[1].split("\n## ", 1)[0]  # with its ### parts
    blocks = re.findall(r"```sh\n(.*?)```", section, re.S)
    return [line for block in blocks for line in block.splitlines() if line.strip()]


def test_the_section_has_commands() -> None:
    assert len(workshop_commands()) == 3


@pytest.mark.parametrize("command", workshop_commands())
def test_command_runs(command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(SAMPLES_DIR / "workshop", tmp_path / "samples" / "workshop")
    monkeypatch.chdir(tmp_path)
    words = shlex.split(command)
    assert words[0] == "lotse"
    result = CliRunner().invoke(app, words[1:])
    assert result.exit_code == 0, result.output
    if "--json" in words:
        assert set(json.loads(result.stdout)) >= {"steps", "missing"}
    if "--out" in words:
        out = tmp_path / words[words.index("--out") + 1]
        assert (out / "workshop.html").is_file() and (out / "workshop.json").is_file()
        data = json.loads((out / "workshop.json").read_text(encoding="utf-8"))
        assert bool(data["corrections"]) == ("--corrections" in words)


def test_the_section_shows_the_page_it_describes() -> None:
    text = DOC.read_text(encoding="utf-8")
    section = text.split("## Workshop:", 1)[1].split("\n## ", 1)[0]
    images = re.findall(r"\]\((img/[^)]+\.png)\)", section)
    assert images == ["img/web-workshop.png", "img/web-workshop-zuordnung.png"]
    for image in images:
        assert (DOC.parent / image).stat().st_size > 10_000, image
    assert "gibt es noch nicht" not in section  # the note from before the browser could correct
