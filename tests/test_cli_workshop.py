"""``lotse workshop compare`` as a trainer and a script see it, on the bundled samples."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from bpmn import read_bpmn
from lotse.cli import app
from lotse.samples import SAMPLES_DIR

runner = CliRunner()
TOAST = SAMPLES_DIR / "workshop" / "toast"
PARKING = SAMPLES_DIR / "workshop" / "bewohnerparkausweis"


def test_json_contract_on_the_toast_samples() -> None:
    files = sorted(TOAST.glob("*.bpmn"))
    result = runner.invoke(app, ["workshop", "compare", *map(str, files), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    names = [f.name for f in files]
    assert data["drawings"] == names
    for step in data["steps"]:
        assert set(step) >= {"label", "kind", "present_in"}
        assert step["present_in"] and set(step["present_in"]) <= set(names)
    assert set(data["missing"]) == set(names)
    majority = {s["label"] for s in data["steps"] if len(s["present_in"]) * 2 > len(names)}
    for name, labels in data["missing"].items():
        expected = {
            s["label"]
            for s in data["steps"]
            if s["label"] in majority and name not in s["present_in"]
        }
        assert set(labels) == expected
    # every pilot toasts, whatever they call it
    toasting = next(s for s in data["steps"] if s["label"] == "Brot toasten")
    assert toasting["present_in"] == names
    assert toasting["names"]["ben.bpmn"] == "Toastbrot in den Toaster"


def test_samples_are_drawn_in_different_tools_and_styles() -> None:
    toasts = [read_bpmn(path) for path in sorted(TOAST.glob("*.bpmn"))]
    assert len(toasts) == 5
    assert len({d.exporter for d in toasts}) == 5
    assert sum(1 for d in toasts if not d.has_diagram) == 1
    lanes = [sum(1 for p in d.processes for _ in p.walk_lanes()) for d in toasts]
    pools = [sum(1 for p in d.participants() if p.process_ref) for d in toasts]
    assert max(lanes) >= 2 and min(lanes) == 0 and max(pools) >= 2
    assert len(list(PARKING.glob("*.bpmn"))) == 3


def test_out_writes_the_page_and_json_and_a_broken_file_is_skipped(tmp_path: Path) -> None:
    broken = tmp_path / "kaputt.bpmn"
    broken.write_text("<definitions", encoding="utf-8")
    out = tmp_path / "vergleich"
    result = runner.invoke(
        app, ["workshop", "compare", str(PARKING), str(broken), "--out", str(out)]
    )
    assert result.exit_code == 1
    assert "kaputt.bpmn" in result.stderr and "nicht verglichen" in result.stderr
    page = (out / "workshop.html").read_text(encoding="utf-8")
    data = json.loads((out / "workshop.json").read_text(encoding="utf-8"))
    assert data["drawings"] == ["keller.bpmn", "nowak.bpmn", "yilmaz.bpmn"]
    assert "Was fehlt Ihnen vielleicht?" in page and "yilmaz.bpmn" in page
    assert "Antrag abgelehnt" in data["missing"]["yilmaz.bpmn"]


def test_one_readable_drawing_is_refused_in_german(tmp_path: Path) -> None:
    result = runner.invoke(app, ["workshop", "compare", str(TOAST / "anna.bpmn")])
    assert result.exit_code == 1
    assert "mindestens zwei Zeichnungen" in result.stderr
    assert "Traceback" not in result.output


def test_summary_for_people() -> None:
    result = runner.invoke(app, ["workshop", "compare", str(PARKING)])
    assert result.exit_code == 0, result.output
    assert "Workshop-Vergleich" in result.stdout
    assert "nowak.bpmn fehlt, was die Mehrheit hat" in " ".join(result.stdout.split())


def test_demo_step_compares_the_toast_drawings(tmp_path: Path) -> None:
    from lotse.cli.workshop_commands import demo_step
    from lotse.limits import xml_limits
    from lotse.settings import get_settings
    from processes.scoring import load_model

    page = demo_step(tmp_path / "workshop", xml_limits(get_settings()), load_model())
    assert page is not None
    data = json.loads((tmp_path / "workshop" / "workshop.json").read_text(encoding="utf-8"))
    assert data["drawings"] == ["anna.bpmn", "ben.bpmn", "carla.bpmn", "dirk.bpmn", "emil.bpmn"]
    # the sample facts next to anna.bpmn give the exception rate
    assert "10\u202f%" in " ".join(data["estimate"]["notes"])  # the one German percent


def test_corrections_from_a_file_are_kept(tmp_path: Path) -> None:
    """The corrections made in the browser (its workshop.json) give the same comparison here."""
    corrections = TOAST / "korrekturen.json"
    result = runner.invoke(
        app, ["workshop", "compare", str(TOAST), "--corrections", str(corrections), "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    (fixed,) = [s for s in data["steps"] if s["fixed"]]
    assert fixed["present_in"] == ["anna.bpmn", "carla.bpmn", "dirk.bpmn"]
    assert fixed["names"]["dirk.bpmn"] == "Toastscheiben einlegen"
    assert data["corrections"] == json.loads(corrections.read_text(encoding="utf-8"))["corrections"]
    # The output of one run is the input of the next: a bare list works as well.
    again = tmp_path / "nur-liste.json"
    again.write_text(json.dumps(data["corrections"]), encoding="utf-8")
    result = runner.invoke(
        app, ["workshop", "compare", str(TOAST), "--corrections", str(again), "--json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["steps"] == data["steps"]


def test_wrong_corrections_are_one_german_line(tmp_path: Path) -> None:
    broken = tmp_path / "kaputt.json"
    broken.write_text("{nicht json", encoding="utf-8")
    other = tmp_path / "andere.json"
    other.write_text(json.dumps([[["zoe.bpmn", "Task_1"]]]), encoding="utf-8")
    unknown = tmp_path / "unbekannt.json"
    unknown.write_text(json.dumps([[["anna.bpmn", "Task_gibt_es_nicht"]]]), encoding="utf-8")
    for path, says in (
        (broken, "kaputt.json können nicht gelesen werden"),
        (other, "„zoe.bpmn“, die nicht verglichen wird"),
        (unknown, "„Task_gibt_es_nicht“"),
        (tmp_path / "fehlt.json", "fehlt.json können nicht gelesen werden"),
    ):
        result = runner.invoke(app, ["workshop", "compare", str(TOAST), "--corrections", str(path)])
        assert result.exit_code == 1, path
        assert says in " ".join(result.output.split()), result.output
        assert "Traceback" not in result.output
