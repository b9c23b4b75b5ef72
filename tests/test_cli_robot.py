"""``lotse robot link|list``: the contract of ``list --json`` and a mailroom run as a robot run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bpmn import read_bpmn
from tests.conftest import SAMPLES
from tests.robots.letters import ADVERT, TAX_OBJECTION, text_pdf

CONTRACT = {
    "deployment",
    "process_key",
    "tasks",
    "runs",
    "cases",
    "cases_automated",
    "cases_to_person",
    "estimated_hours_year",
    "actual_hours_year",
}


def _lotse(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    data.mkdir(exist_ok=True)  # an explicit data dir must exist (or be made by `lotse init`)
    env = dict(os.environ, LOTSE_DATA_DIR=str(data), LOTSE_MAIL_STABLE_SECONDS="0")
    env.pop("LOTSE_DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "lotse", *args],
        env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip


def _robots(data: Path) -> dict[str, dict[str, object]]:
    result = _lotse(data, "robot", "list", "--json")
    assert result.returncode == 0, result.stderr
    return {robot["deployment"]: robot for robot in json.loads(result.stdout)}


@pytest.mark.slow
def test_a_mailroom_run_without_prefect_is_a_run_of_the_linked_poststelle(tmp_path: Path) -> None:
    data = tmp_path / "data"
    # Before the catalogue knows the Hauspost: the robots are listed, not linked.
    before = _robots(data)
    assert set(before) >= {"poststelle", "eakte-ablage"}
    assert before["poststelle"]["process_key"] is None
    assert before["poststelle"]["actual_hours_year"] is None

    imported = _lotse(
        data, "catalogue", "import", str(SAMPLES / "bpmn" / "hauspost-verteilen.bpmn")
    )
    assert imported.returncode == 0, imported.stderr
    inbox = tmp_path / "posteingang"
    inbox.mkdir()
    text_pdf(inbox / "Scan_0001.pdf", TAX_OBJECTION)
    text_pdf(inbox / "werbung.pdf", ADVERT * 3)
    run = _lotse(data, "mailroom", "run", "--without-prefect", "--inbox", str(inbox))
    assert run.returncode == 0, run.stderr
    line = " ".join(run.stdout.split())
    assert "„poststelle“ für „Hauspost verteilen (Ist-Ablauf)“: geschätzt" in line
    assert "tatsächlich 50 % von 2 Briefen ohne Prüfung zugestellt" in line

    robots = _robots(data)
    poststelle = robots["poststelle"]
    assert set(poststelle) >= CONTRACT
    assert poststelle["process_key"] == "10:Process_HauspostVerteilen"
    assert "Activity_17nwggq" in poststelle["tasks"]  # Post nach Ämtern sortieren
    assert (poststelle["runs"], poststelle["cases"]) == (1, 2)
    assert (poststelle["cases_automated"], poststelle["cases_to_person"]) == (1, 1)
    # 3 minutes per case (the diagram's facts) × 7 of 11 equally weighted tasks, for one letter
    assert poststelle["actual_hours_year"] == round(3 * 7 / 11 / 60, 2)
    assert isinstance(poststelle["estimated_hours_year"], float)
    # the e-file robot has not run: linked, but without actuals
    assert robots["eakte-ablage"]["tasks"] == ["Activity_1ablg5k"]
    assert robots["eakte-ablage"]["runs"] == 0
    assert robots["eakte-ablage"]["actual_hours_year"] is None

    listing = _lotse(data, "catalogue", "list", "--json")
    (hauspost,) = [p for p in json.loads(listing.stdout) if p["key"] == poststelle["process_key"]]
    assert hauspost["status"] == "live"

    shown = " ".join(_lotse(data, "robot", "list").stdout.split())
    assert "poststelle → Hauspost verteilen (Ist-Ablauf)" in shown
    assert "1 Lauf, 2 Fälle: 1 ohne Menschen, 1 an Menschen" in shown


@pytest.mark.slow
def test_link_names_what_is_wrong(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _lotse(data, "catalogue", "import", str(SAMPLES / "bpmn" / "urlaubsantrag.bpmn"))
    key = json.loads(_lotse(data, "catalogue", "list", "--json").stdout)[0]["key"]

    unknown = _lotse(data, "robot", "link", "urlaub", "10:Gibtsnicht")
    assert unknown.returncode == 2
    assert "keinen Prozess „10:Gibtsnicht“" in " ".join(unknown.stderr.split())

    wrong_task = _lotse(data, "robot", "link", "urlaub", key, "--task", "Task_X")
    assert wrong_task.returncode == 2
    assert "hat keine Aufgabe Task_X" in " ".join(wrong_task.stderr.split())

    tasks = [n.id for n in read_bpmn(SAMPLES / "bpmn" / "urlaubsantrag.bpmn").nodes() if n.is_task]
    linked = _lotse(data, "robot", "link", "urlaub", key, "--task", tasks[0])
    assert linked.returncode == 0, linked.stderr
    assert "„urlaub“ automatisiert jetzt 1 Aufgabe" in " ".join(linked.stdout.split())
    robots = _robots(data)
    assert robots["urlaub"]["process_key"] == key and robots["urlaub"]["tasks"] == [tasks[0]]
    assert robots["urlaub"]["link"] == "hand"
