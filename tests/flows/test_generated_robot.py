"""A generated robot on a real Prefect server: it pauses for a person, the API resumes it with
the person's input, its robot task runs as a task run, and the run counts for its process."""

from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from flows.generated import generated_deployments, link_generated, load_generated
from lotse.app import App
from processes.catalogue import find_process
from processes.importer import ImportRequest, import_diagram
from processes.models import RobotLink, RobotRun
from processes.robotgen import render, robot_source
from tests import children
from tests.bpmn.documents import chain, document, simple_process
from tests.conftest import SAMPLES

DIAGRAM = document(
    simple_process(
        chain(
            ("startEvent", "s", "Antrag eingegangen"),
            ("userTask", "erfassen", "Antrag im Fachverfahren erfassen"),
            ("userTask", "unterschreiben", "Bescheid unterschreiben"),
            ("endEvent", "e", "Bescheid erteilt"),
        ),
        process_id="Process_Anwohnerparken",
        name="Anwohnerparkausweis ausstellen",
    )
)


@pytest.fixture
def robot_folder(lotse_app: App, tmp_path: Path) -> Path:
    path = tmp_path / "anwohnerparken.bpmn"
    path.write_text(DIAGRAM, encoding="utf-8")
    folder = tmp_path / "roboter"
    _write_skeleton(lotse_app, path, "32", folder)
    return folder


def _write_skeleton(
    lotse_app: App, diagram: Path, department: str, folder: Path, *, tests: bool = False
) -> None:
    """Imports ``diagram`` and writes its skeleton (and its tests) as `lotse robot new` does."""
    folder.mkdir()
    with lotse_app.db.session() as session:
        (result,) = import_diagram(
            session,
            ImportRequest(file_name=diagram.name, path=diagram, department=department),
            lotse_app.model,
            lotse_app.limits,
        )
        skeleton = render(robot_source(session, find_process(session, result.key or "")))
    (folder / f"{skeleton.module_name}.py").write_text(skeleton.module, encoding="utf-8")
    if tests:
        (folder / f"test_{skeleton.module_name}.py").write_text(skeleton.tests, encoding="utf-8")


def _paused_run(flow_name: str, timeout: float = 180) -> Any:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowFilter, FlowFilterName

    deadline = time.monotonic() + timeout
    with get_client(sync_client=True) as client:
        while time.monotonic() < deadline:
            runs = client.read_flow_runs(
                flow_filter=FlowFilter(name=FlowFilterName(any_=[flow_name]))
            )
            paused = [r for r in runs if r.state is not None and r.state.is_paused()]
            if paused:
                return paused[0]
            time.sleep(0.5)
    pytest.fail(f"no paused run of {flow_name} within {timeout} s")


@pytest.mark.timeout(400)
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_generated_robot_waits_for_a_person_and_goes_on_when_resumed(
    prefect_server: None, lotse_app: App, robot_folder: Path
) -> None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId
    from prefect.flow_runs import resume_flow_run

    (robot,) = load_generated(robot_folder)
    roles = {ident: values[2] for ident, values in robot.skeleton.structure["aufgaben"].items()}
    # The scoring decides: screen work for the robot, a signature stays with a person.
    assert roles == {"erfassen": "aufgabe", "unterschreiben": "mensch"}
    assert link_generated([robot]) == ["anwohnerparkausweis-ausstellen → 32:Process_Anwohnerparken"]
    (deployment,) = generated_deployments([robot])
    assert deployment.name == "anwohnerparkausweis-ausstellen"

    outcome: dict[str, Any] = {}
    runner = threading.Thread(
        target=lambda: outcome.update(state=robot.flow(daten={"antrag": 7}, return_state=True))
    )
    runner.start()
    paused = _paused_run(robot.flow.name)
    resume_flow_run(paused.id, run_input={"erledigt": True, "bemerkung": "unterschrieben"})
    runner.join(timeout=180)
    assert not runner.is_alive(), "the run did not go on after it was resumed"

    state = outcome["state"]
    assert state.is_completed(), state
    fall = state.result()
    assert fall.spur == ["s", "erfassen", "unterschreiben", "e"]
    assert fall.daten["unterschreiben"] == {"erledigt": True, "bemerkung": "unterschrieben"}
    assert fall.daten["antrag"] == 7
    with get_client(sync_client=True) as client:
        task_runs = client.read_task_runs(
            flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[paused.id]))
        )
    assert [t.name.rsplit("-", 1)[0] for t in task_runs] == ["Antrag im Fachverfahren erfassen"]

    # The run counts for the process: one case, handed to a person (the signature).
    with lotse_app.db.read_session() as session:
        link = session.scalar(select(RobotLink))
        (run,) = session.scalars(select(RobotRun))
    assert link is not None and (link.deployment, link.source) == (robot.deployment, "geruest")
    assert link.task_ids == ["erfassen"]
    assert (run.deployment, run.flow_run_id) == (robot.deployment, str(paused.id))
    assert (run.cases, run.cases_automated, run.cases_to_person) == (1, 0, 1)


@pytest.fixture
def sample_folder(lotse_app: App, tmp_path: Path) -> Path:
    """The skeleton of a sample process as `lotse robot new` writes it: robot tasks in
    parallel waves, a step the robot prepares for a person, a person's step, decisions,
    messages."""
    folder = tmp_path / "roboter-probe"
    _write_skeleton(
        lotse_app, SAMPLES / "bpmn" / "meldebescheinigung.bpmn", "33", folder, tests=True
    )
    return folder


def _ways(folder: Path) -> list[tuple[dict[str, list[str]], list[str]]]:
    """The ways the skeleton's generated tests walk: decisions given, steps expected."""
    (path,) = folder.glob("test_*.py")
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # imports the skeleton load_generated loaded
    return [(param.values[0], param.values[1]) for param in module.WEGE]


@pytest.mark.timeout(600)
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_sample_skeleton_runs_once_on_prefect_as_its_tests_walk_it(
    prefect_server: None, lotse_app: App, sample_folder: Path
) -> None:
    """Every pause resumed through the API; the way is the one its generated tests walk
    without Prefect, each robot task a task run, and the run reaches Lotse's ledger."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import (
        FlowFilter,
        FlowFilterName,
        FlowRunFilter,
        FlowRunFilterId,
    )
    from prefect.flow_runs import resume_flow_run

    (robot,) = load_generated(sample_folder)
    this_flow = FlowFilter(name=FlowFilterName(any_=[robot.flow.name]))
    link_generated([robot])
    roles = {k: v[2] for k, v in robot.skeleton.structure["aufgaben"].items()}
    labels = {k: v[0] for k, v in robot.skeleton.structure["aufgaben"].items()}
    # The way with the most work for a person (at the counter: fee, hand-over).
    wege, expected = max(
        _ways(sample_folder),
        key=lambda way: sum(roles.get(step) in ("mensch", "vorbereiten") for step in way[1]),
    )
    plain = robot.flow.fn(wege=wege)  # no Prefect run: sequential, default answers
    assert plain.spur == expected

    outcome: dict[str, Any] = {}
    runner = threading.Thread(
        target=lambda: outcome.update(state=robot.flow(wege=wege, return_state=True))
    )
    runner.start()
    resumed: list[str] = []
    deadline = time.monotonic() + 400
    with get_client(sync_client=True) as client:
        while runner.is_alive() and time.monotonic() < deadline:
            runs = client.read_flow_runs(flow_filter=this_flow)
            paused = [r for r in runs if r.state is not None and r.state.is_paused()]
            key = paused[0].state.state_details.pause_key if paused else None  # type: ignore[union-attr]
            if key and key not in resumed:
                try:
                    resume_flow_run(paused[0].id, run_input={"erledigt": True, "bemerkung": key})
                except RuntimeError as exc:  # paused first, the input's form saved just after
                    assert "schema not found" in str(exc), exc
                else:
                    resumed.append(key)
            time.sleep(0.3)
    runner.join(timeout=60)
    assert not runner.is_alive(), f"the run did not finish; resumed: {resumed}"
    state = outcome["state"]
    assert state.is_completed(), state
    fall = state.result()
    assert fall.spur == expected
    # Each step that needed a person paused once and got what was typed in.
    people = [step for step in fall.spur if roles.get(step) in ("mensch", "vorbereiten")]
    assert len(people) >= 2 and len(resumed) == len(people)
    for step, key in zip(people, resumed, strict=True):
        assert key.startswith(f"{step.lower().replace('_', '-')}-")
        typed = fall.daten[step]["mensch"] if roles[step] == "vorbereiten" else fall.daten[step]
        assert typed == {"erledigt": True, "bemerkung": key}
    with get_client(sync_client=True) as client:
        (run,) = client.read_flow_runs(flow_filter=this_flow)
        task_runs = client.read_task_runs(
            flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[run.id]))
        )
    robot_steps = [s for s in fall.spur if roles.get(s) in ("aufgabe", "nachricht", "vorbereiten")]
    assert len(robot_steps) >= 3
    prepared = {s: f"{labels[s]} (vorbereiten)" for s in robot_steps if roles[s] == "vorbereiten"}
    assert sorted(t.name.rsplit("-", 1)[0] for t in task_runs) == sorted(
        prepared.get(s, labels[s]) for s in robot_steps
    )
    with lotse_app.db.read_session() as session:
        (ledger,) = session.scalars(select(RobotRun))
    assert (ledger.deployment, ledger.cases, ledger.cases_to_person) == (robot.deployment, 1, 1)


@pytest.mark.timeout(400)
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_lotse_serve_offers_the_generated_robots_and_says_so(
    prefect_server: None, lotse_app: App, robot_folder: Path, tmp_path: Path
) -> None:
    """IT put a skeleton into LOTSE_ROBOTS_DIR (and one that does not load): the console
    names both, the skeleton is a deployment in Prefect, linked to its process."""
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL

    broken = robot_folder / "roboter_kaputt.py"
    (skeleton,) = robot_folder.glob("roboter_*.py")
    broken.write_text(
        skeleton.read_text(encoding="utf-8") + '\nraise RuntimeError("halb ausgefüllt")\n',
        encoding="utf-8",
    )
    env = {**os.environ, "PREFECT_API_URL": str(PREFECT_API_URL.value()),
           "LOTSE_ROBOTS_DIR": str(robot_folder)}  # fmt: skip
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(Path(sys.executable).with_name("lotse")), "serve", "--no-web"], env=env,
            stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    try:
        deadline = time.monotonic() + 240
        children.wait_for_line(log, "Nicht angeboten", process, deadline)
        with get_client(sync_client=True) as client:
            while True:
                names = {d.name for d in client.read_deployments()}
                if "anwohnerparkausweis-ausstellen" in names:
                    break
                assert process.poll() is None and time.monotonic() < deadline, names
                time.sleep(0.5)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    shown = " ".join(log.read_text(errors="replace").split())
    assert "Roboter-Deployments: katalog-import, kandidaten-bericht, poststelle," in shown
    assert f"Erzeugte Roboter aus {robot_folder}: anwohnerparkausweis-ausstellen" in shown
    assert "verknüpft: anwohnerparkausweis-ausstellen → 32:Process_Anwohnerparken" in shown
    assert (
        "Nicht angeboten: roboter_kaputt.py: lässt sich nicht laden "
        "(RuntimeError: halb ausgefüllt)" in shown
    )
    with lotse_app.db.read_session() as session:
        link = session.scalar(select(RobotLink))
    assert link is not None and link.deployment == "anwohnerparkausweis-ausstellen"
