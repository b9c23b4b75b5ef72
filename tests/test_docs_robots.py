"""The commands in docs/robots.md run as written, in Lotse's folder with the samples."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lotse.cli import app
from tests.conftest import REPO, SAMPLES

DOC = REPO / "docs" / "robots.md"


def commands() -> list[str]:
    section = DOC.read_text(encoding="utf-8").split("## Der Weg in Befehlen", 1)[1]
    section = section.split("\n## ", 1)[0]
    (block,) = re.findall(r"```sh\n(.*?)```", section, re.S)
    return [line for line in block.splitlines() if line.strip()]


def test_the_pictures_are_there() -> None:
    images = re.findall(r"\]\((img/[^)]+\.png)\)", DOC.read_text(encoding="utf-8"))
    assert images == ["img/web-umsetzung.png"]
    for image in images:
        assert (DOC.parent / image).stat().st_size > 10_000, image


@pytest.mark.timeout(600)
def test_the_commands_run_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(SAMPLES / "bpmn", tmp_path / "samples" / "bpmn")
    monkeypatch.chdir(tmp_path)
    lines = commands()
    assert [shlex.split(line)[:3] for line in lines][:2] == [
        ["lotse", "catalogue", "import"],
        ["lotse", "robot", "new"],
    ]
    for line in lines:
        words = shlex.split(line)
        if words[0] == "lotse":
            result = CliRunner().invoke(app, words[1:])
            assert result.exit_code == 0, (line, result.output)
            output = result.stdout
        else:  # pytest and grep, as the team runs them in a shell
            program = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
            command = program + words[1:] if words[0] == "pytest" else words
            done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
            assert done.returncode == 0, (line, done.stdout[-2000:], done.stderr[-2000:])
            output = done.stdout
        if words[:3] == ["lotse", "robot", "check"]:
            assert "unverändert" in output
        if words[0] == "grep":
            assert output.count("STUB") >= 10
        if words[-1] == "--json" and words[:3] == ["lotse", "robot", "list"]:
            robots = {r["deployment"]: r for r in json.loads(output)}
            assert robots["poststelle"]["process_key"] == "10:Process_HauspostVerteilen"
    robots = json.loads(CliRunner().invoke(app, ["robot", "list", "--json"]).stdout)
    linked = {r["deployment"]: r for r in robots}["eakte-ablage"]
    assert (linked["link"], linked["tasks"]) == ("hand", ["Activity_1ablg5k"])
