"""A generated robot on a real Prefect server: it pauses for a person, the API resumes it with
the person's input, its robot task runs as a task run, and the run counts for its process."""

from __future__ import annotations

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
from tests.bpmn.documents import chain, document, simple_process

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
    folder.mkdir()
    with lotse_app.db.session() as session:
        (result,) = import_diagram(
            session,
            ImportRequest(file_name=path.name, path=path, department="32"),
            lotse_app.model,
            lotse_app.limits,
        )
        skeleton = render(robot_source(session, find_process(session, result.key or "")))
    (folder / f"{skeleton.module_name}.py").write_text(skeleton.module, encoding="utf-8")
    return folder


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
