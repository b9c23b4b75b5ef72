"""``lotse robot new`` and ``lotse robot check``: skeletons that import, pass ruff, mypy and
their own tests, for every sample process; drift after a new version of a diagram."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lotse.cli import app
from tests.bpmn.documents import chain, document, simple_process
from tests.conftest import REPO, SAMPLES

runner = CliRunner()
VENV = Path(sys.executable).parent


def lotse(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, " ".join(result.output.split())


def run(*command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, timeout=600, check=False
    )


def code_checks(folder: Path) -> None:
    """What the automation team runs: ruff (theirs and ours), mypy --strict, the tests."""
    for config in (["--isolated"], ["--config", str(REPO / "pyproject.toml")]):
        ruff = run(str(VENV / "ruff"), "check", *config, ".", cwd=folder)
        assert ruff.returncode == 0, ruff.stdout + ruff.stderr
    mypy = run(
        str(VENV / "mypy"), "--strict", "--cache-dir", str(folder.parent / ".mypy"), ".",
        cwd=folder,
    )  # fmt: skip
    assert mypy.returncode == 0, mypy.stdout + mypy.stderr
    tests = run(sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", ".", cwd=folder)
    assert tests.returncode == 0, tests.stdout[-3000:] + tests.stderr[-2000:]
    assert " passed" in tests.stdout and "failed" not in tests.stdout


@pytest.fixture
def catalogue(tmp_path: Path) -> Iterator[dict[str, str]]:
    """The sample diagrams in the catalogue; file name → key."""
    diagrams = tmp_path / "diagramme"
    shutil.copytree(SAMPLES / "bpmn", diagrams)
    code, output = lotse("catalogue", "import", str(diagrams))
    assert code == 0, output
    listing = runner.invoke(app, ["catalogue", "list", "--json"])
    yield {p["file"]: p["key"] for p in json.loads(listing.stdout)}


@pytest.mark.timeout(900)
@pytest.mark.slow
def test_every_sample_process_becomes_a_skeleton_that_passes_its_checks(
    catalogue: dict[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "roboter"
    for file_name, key in sorted(catalogue.items()):
        code, output = lotse("robot", "new", key, "--out", str(out))
        assert code == 0, (file_name, output)
        assert "Roboter-Gerüst für" in output and "Wege durch das Diagramm" in output
    modules = sorted(p for p in out.glob("roboter_*.py"))
    assert len(modules) == len(catalogue)
    assert len(list(out.glob("test_roboter_*.py"))) == len(catalogue)
    code_checks(out)

    # The Hauspost: human steps pause for Prefect input, the filing is a robot task.
    hauspost = (out / "roboter_hauspost_verteilen_ist_ablauf.py").read_text(encoding="utf-8")
    assert '"version": 1' in hauspost and "10:Process_HauspostVerteilen" in hauspost
    assert 'return mensch_fragen(fall, "Activity_19zalbx", PostOeffnenEingabe)' in hauspost
    assert '@task(name="Schreiben in der E-Akte ablegen", cache_policy=NO_CACHE)' in hauspost
    assert "def zustaendiges_amt_erkennbar_ja(fall: Fall) -> bool:" in hauspost

    # Generating again changes nothing (deterministic) and asks before overwriting work.
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    key = catalogue["hauspost-verteilen.bpmn"]
    assert lotse("robot", "new", key, "--out", str(out))[0] == 0
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before
    module = out / "roboter_hauspost_verteilen_ist_ablauf.py"
    module.write_text(hauspost.replace("# STUB: Arbeit des Roboters", "# ausgefüllt"))
    code, output = lotse("robot", "new", key, "--out", str(out))
    assert code == 2 and "gibt es schon mit anderem Inhalt" in output
    assert "# ausgefüllt" in module.read_text(encoding="utf-8")
    assert lotse("robot", "new", key, "--out", str(out), "--force")[0] == 0
    assert module.read_text(encoding="utf-8") == hauspost

    code, output = lotse("robot", "check", str(out))
    assert code == 0, output
    assert output.count("unverändert") == len(catalogue)


@pytest.mark.slow
def test_mypy_checks_the_skeletons_call_into_lotse(
    catalogue: dict[str, str], tmp_path: Path
) -> None:
    """The run's report to Lotse's ledger is typed against Lotse: a changed signature on
    either side fails mypy instead of every run of the robot."""
    out = tmp_path / "roboter"
    assert lotse("robot", "new", catalogue["urlaubsantrag.bpmn"], "--out", str(out))[0] == 0
    (module,) = out.glob("roboter_*.py")
    source = module.read_text(encoding="utf-8")
    call = 'record_generated_run(str(DIAGRAMM["flow"]), beginn, mensch)'
    assert call in source
    module.write_text(source.replace(call, call.replace("beginn, ", "")), encoding="utf-8")
    mypy = run(
        str(VENV / "mypy"), "--strict", "--cache-dir", str(tmp_path / ".mypy"), module.name,
        cwd=out,
    )  # fmt: skip
    assert mypy.returncode == 1, mypy.stdout
    assert 'in call to "record_generated_run"  [call-arg]' in mypy.stdout


def test_check_reports_what_changed_in_the_diagram(
    catalogue: dict[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "roboter"
    key = catalogue["urlaubsantrag.bpmn"]
    assert lotse("robot", "new", key, "--out", str(out))[0] == 0
    source = (SAMPLES / "bpmn" / "urlaubsantrag.bpmn").read_text(encoding="utf-8")
    changed = tmp_path / "neu" / "urlaubsantrag.bpmn"
    changed.parent.mkdir()
    old, new = 'name="Urlaubsantrag stellen"', 'name="Urlaubsantrag im Portal stellen"'
    assert old in source  # the sample has the task this test renames
    changed.write_text(source.replace(old, new), encoding="utf-8")
    code, output = lotse("catalogue", "import", str(changed))
    assert code == 0, output

    code, output = lotse("robot", "check", str(out))
    assert code == 1, output
    assert "erzeugt aus Version 1, im Katalog Version 2" in output
    assert (
        "heißt jetzt „Urlaubsantrag im Portal stellen“ (vorher „Urlaubsantrag stellen“)" in output
    )
    result = runner.invoke(app, ["robot", "check", str(out), "--json"])
    (entry,) = json.loads(result.stdout)
    assert entry["process_key"] == key and entry["catalogue_version"] == 2
    assert len(entry["changes"]) == 1

    assert lotse("robot", "check", str(tmp_path / "leer"))[0] == 2


def test_check_names_a_skeleton_older_than_the_prefect_pause_keys(
    catalogue: dict[str, str], tmp_path: Path
) -> None:
    """A skeleton from before pause_schluessel passes its own tests but stops at its first
    human step on Prefect: ``robot check`` says so, although the diagram did not change."""
    out = tmp_path / "roboter"
    assert lotse("robot", "new", catalogue["urlaubsantrag.bpmn"], "--out", str(out))[0] == 0
    (module,) = out.glob("roboter_*.py")
    source = module.read_text(encoding="utf-8")
    new_key = "key=pause_schluessel(schritt, besuch)"
    assert new_key in source and "def pause_schluessel(" in source
    start = source.index("def pause_schluessel(")
    end = source.index("def ist_zahlen_melden(")
    old = source[:start] + source[end:]
    module.write_text(old.replace(new_key, 'key=f"{schritt}-{besuch}"'), encoding="utf-8")

    code, output = lotse("robot", "check", str(out))
    assert code == 1, output
    assert "Menschliche Schritte halten in Prefect nicht an" in output
    assert "„Ältere Gerüste“" in output
    assert "1 Mangel im Gerüst" in output and "Änderung" not in output  # the diagram is the same
    (entry,) = json.loads(runner.invoke(app, ["robot", "check", str(out), "--json"]).stdout)
    assert (entry["changes"], len(entry["defects"])) == ([], 1)

    module.write_text(source, encoding="utf-8")
    assert lotse("robot", "check", str(out))[0] == 0


def test_unknown_keys_and_processes_without_tasks_are_refused(tmp_path: Path) -> None:
    code, output = lotse("robot", "new", "99:Gibtsnicht", "--out", str(tmp_path / "r"))
    assert code == 2 and "Im Katalog gibt es keinen Prozess „99:Gibtsnicht“." in output
    empty = tmp_path / "leer.bpmn"
    empty.write_text(
        document(
            simple_process(
                chain(("startEvent", "s", "Eingang"), ("endEvent", "e", "Erledigt")),
                process_id="Process_Leer",
                name="Nur Ereignisse",
            )
        )
    )
    assert lotse("catalogue", "import", str(empty), "--department", "32")[0] == 0
    code, output = lotse("robot", "new", "32:Process_Leer", "--out", str(tmp_path / "r"))
    assert code == 2
    assert "enthält keine Aufgaben; ein Roboter hätte nichts zu tun." in output
    assert not (tmp_path / "r").exists()
