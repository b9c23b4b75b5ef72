"""The catalogue commands in docs/lotse.md and docs/scoring.md run as written."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lotse.app import App
from lotse.cli import app
from tests.bpmn.documents import chain, document, simple_process
from tests.conftest import SAMPLES

DOCS = Path(__file__).resolve().parent.parent / "docs"
REPO = DOCS.parent


def commands(doc: str, section: str) -> list[str]:
    text = (DOCS / doc).read_text(encoding="utf-8")
    part = text.split(section, 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", part, re.S)
    return [line for block in blocks for line in block.splitlines() if line.strip()]


def my_process(task: str) -> str:
    return document(
        simple_process(
            chain(("startEvent", "s", ""), ("userTask", "t", task), ("endEvent", "e", "")),
            process_id="Process_MeinAblauf",
            name="Mein Ablauf",
        )
    )


def test_the_catalogue_section_of_lotse_md_runs(
    lotse_app: App, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("mein-ablauf.bpmn").write_text(my_process("Antrag im Fachverfahren erfassen"))
    Path("mein-ablauf-2027.bpmn").write_text(my_process("Antrag in der E-Akte erfassen"))
    found = commands("lotse.md", "## Ihr Diagramm im Prozesskatalog")
    assert any("--version-of" in c for c in found) and any(" check " in c for c in found)
    outputs = []
    for command in found:
        words = shlex.split(command)
        assert words[0] == "lotse"
        result = CliRunner().invoke(app, words[1:])
        assert result.exit_code == 0, (command, result.output)
        outputs.append(result.output)
    version_of = outputs[next(i for i, c in enumerate(found) if "--version-of" in c)]
    assert "Version 2, neue Version" in version_of
    assert "Ideenwert" in outputs[next(i for i, c in enumerate(found) if " check " in c)]


def test_the_quick_check_command_of_scoring_md_runs(lotse_app: App) -> None:
    (command,) = [c for c in commands("scoring.md", "### 4.11") if c.startswith("lotse")]
    imported = CliRunner().invoke(
        app, ["catalogue", "import", str(SAMPLES / "bpmn" / "rechnungseingang.bpmn")]
    )
    assert imported.exit_code == 0, imported.output
    result = CliRunner().invoke(app, shlex.split(command)[1:])
    assert result.exit_code == 0, result.output
    assert "Schnellcheck: Ideenwert 88 von 100, Nutzen hoch" in result.output


def test_the_ranking_bench_of_scoring_md_runs() -> None:
    (command,) = commands("scoring.md", "## 7b. Measuring the ranking")
    words = shlex.split(command)
    assert words[:2] == [".venv/bin/python", "bench/ranking.py"]
    result = subprocess.run(
        [sys.executable, *words[1:]], cwd=REPO, capture_output=True, text=True, timeout=240
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"rho = 0\.[89]\d\d", result.stdout)


def test_the_command_line_section_of_lotse_md_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = commands("lotse.md", "## Mit der Kommandozeile")
    monkeypatch.chdir(tmp_path)
    Path("mein-ablauf.bpmn").write_text(my_process("Antrag im Fachverfahren erfassen"))
    for command in found:
        result = CliRunner().invoke(app, shlex.split(command)[1:])
        assert result.exit_code == 0, (command, result.output)
    assert [shlex.split(c)[2] for c in found] == ["inspect", "lint", "draw", "lint"]
    assert Path("mein-ablauf.svg").read_text(encoding="utf-8").lstrip().startswith("<svg")


def test_the_strict_lint_profile_of_lotse_md_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (command,) = [c for c in commands("lotse.md", "## Mit der Kommandozeile") if "--profile" in c]
    monkeypatch.chdir(tmp_path)
    leftover = (
        '<bpmndi:BPMNDiagram id="D"><bpmndi:BPMNPlane id="P" bpmnElement="Process_MeinAblauf">'
        '<bpmndi:BPMNShape id="x_di" bpmnElement="obj.90001"><dc:Bounds x="0" y="0" width="9" '
        'height="9"/></bpmndi:BPMNShape></bpmndi:BPMNPlane></bpmndi:BPMNDiagram>'
    )
    xml = my_process("Antrag erfassen").replace(
        "</bpmn:definitions>", leftover + "</bpmn:definitions>"
    )
    Path("mein-ablauf.bpmn").write_text(xml)
    strict = CliRunner().invoke(app, shlex.split(command)[1:])
    assert strict.exit_code == 1 and "Fehler" in strict.output  # a drawing error counts here
    workshop = CliRunner().invoke(app, ["bpmn", "lint", "mein-ablauf.bpmn"])
    assert workshop.exit_code == 0 and "Nur die Zeichnung" in workshop.output
