"""``lotse bpmn …`` and ``lotse demo`` as a user and a script see them."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lotse.cli import app
from tests.bpmn.documents import chain, document, simple_process

runner = CliRunner()

GOOD = document(
    simple_process(
        chain(("startEvent", "s", "Los"), ("userTask", "t", "Erfassen"), ("endEvent", "e", "Ende"))
    )
)
WITH_ERROR = document(
    simple_process(
        chain(("startEvent", "s", "Los"), ("task", "t", "Prüfen"), ("endEvent", "e", "Ende"))
        + '<{p}sequenceFlow id="x" sourceRef="t" targetRef="gibtsnicht"/>'
    )
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    base = tmp_path / "Workshop (Amt 20)"
    base.mkdir()
    (base / "gut.bpmn").write_text(GOOD, encoding="utf-8")
    (base / "export.bpmn20.xml").write_text(GOOD, encoding="utf-8")
    (base / "kaputt.bpmn").write_text(GOOD[:200], encoding="utf-8")
    (base / "notiz.txt").write_text("kein Diagramm")
    return base


def test_inspect_json_contract(folder: Path) -> None:
    result = runner.invoke(app, ["bpmn", "inspect", "--json", str(folder)])
    assert result.exit_code == 1  # one file is broken
    entries = json.loads(result.stdout)
    names = [Path(e["file"]).name for e in entries]
    assert names == ["export.bpmn20.xml", "gut.bpmn", "kaputt.bpmn"]
    good = entries[1]
    assert good["ok"] is True and good["error"] is None and good["diagram"] is False
    assert good["message_flows"] == 0
    (process,) = good["processes"]
    assert process == {
        "id": "Process_1",
        "name": "Ablauf",
        "elements": {"startEvent": 1, "userTask": 1, "endEvent": 1},
        "lanes": 0,
        "sequence_flows": 2,
    }
    broken = entries[2]
    assert broken["ok"] is False and broken["processes"] == []
    assert "Zeile" in broken["error"] and "\n" not in broken["error"]


def test_inspect_all_good_exits_zero_and_prints_a_table(folder: Path) -> None:
    result = runner.invoke(app, ["bpmn", "inspect", str(folder / "gut.bpmn")])
    assert result.exit_code == 0, result.output
    assert "Ablauf" in result.output


def test_inspect_table_shows_unreadable_files(folder: Path) -> None:
    result = runner.invoke(app, ["bpmn", "inspect", str(folder)])
    assert result.exit_code == 1
    assert "nicht lesbar" in result.output
    assert "3 Datei(en), davon 1 nicht lesbar." in result.output


def test_inspect_missing_file_and_empty_folder(tmp_path: Path) -> None:
    empty = tmp_path / "leer"
    empty.mkdir()
    result = runner.invoke(
        app, ["bpmn", "inspect", "--json", str(tmp_path / "fehlt.bpmn"), str(empty)]
    )
    assert result.exit_code == 1
    (entry,) = json.loads(result.stdout)
    assert entry["ok"] is False and entry["error"] == "Die Datei wurde nicht gefunden."


def test_lint_exit_code_follows_errors_not_warnings(tmp_path: Path) -> None:
    warn_only = tmp_path / "warn.bpmn"
    warn_only.write_text(GOOD)
    erroneous = tmp_path / "fehler.bpmn"
    erroneous.write_text(WITH_ERROR)
    ok = runner.invoke(app, ["bpmn", "lint", str(warn_only)])
    assert ok.exit_code == 0, ok.output
    bad = runner.invoke(app, ["bpmn", "lint", str(erroneous)])
    assert bad.exit_code == 1
    assert "Fehler" in bad.output and "gibtsnicht" in bad.output


def test_lint_json_and_severity_filter(tmp_path: Path) -> None:
    path = tmp_path / "fehler.bpmn"
    path.write_text(WITH_ERROR)
    result = runner.invoke(app, ["bpmn", "lint", "--json", "--min-severity", "error", str(path)])
    (report,) = json.loads(result.stdout)
    assert {f["severity"] for f in report["findings"]} == {"error"}
    assert report["findings"][0]["rule"] == "dangling-reference"


def test_draw_writes_svg(tmp_path: Path) -> None:
    source = tmp_path / "ablauf.bpmn"
    source.write_text(GOOD)
    target = tmp_path / "bild.svg"
    result = runner.invoke(app, ["bpmn", "draw", str(source), "--out", str(target)])
    assert result.exit_code == 0, result.output
    assert ET.fromstring(target.read_text()).tag.endswith("svg")
    missing = runner.invoke(
        app, ["bpmn", "draw", str(source), "--diagram", "2", "--out", str(target)]
    )
    # no DI at all: the automatic layout is the only "diagram"
    assert missing.exit_code == 0


def test_draw_broken_file_says_why(tmp_path: Path) -> None:
    source = tmp_path / "kaputt.bpmn"
    source.write_text("<nix")
    result = runner.invoke(app, ["bpmn", "draw", str(source), "--out", str(tmp_path / "x.svg")])
    assert result.exit_code == 1
    assert "kein wohlgeformtes XML" in result.output
    assert not (tmp_path / "x.svg").exists()


def test_help_is_german() -> None:
    result = runner.invoke(app, ["bpmn", "--help"])
    assert result.exit_code == 0
    assert "zeichnen" in result.output
