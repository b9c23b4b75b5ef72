"""Robot links and the run ledger on SQLite and PostgreSQL: seeded runs against a hand calculation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from lotse.app import App
from processes.catalogue import CatalogueError, change_status, find_process, rescore_all
from processes.importer import ImportRequest, import_diagram
from processes.ledger import LedgerError, RunFigures, record_run, robot_summaries
from processes.models import Assessment, RobotRun, Status
from processes.robot_links import DeclaredLink, link_robot
from processes.scoring import load_model
from processes.scoring.model import DEFAULT_MODEL_FILE
from tests.bpmn.documents import chain, document, simple_process

NOW = datetime(2026, 3, 15, 12, 0, tzinfo=UTC)


def diagram(second_task: str = "Daten ins Fachverfahren übertragen") -> str:
    facts = (
        "<{p}extensionElements><camunda:properties xmlns:camunda='http://camunda.org/schema/1.0/bpmn'>"
        "<camunda:property name='lotse:casesPerMonth' value='1000'/>"
        "<camunda:property name='lotse:minutesPerCase' value='6'/>"
        "</camunda:properties></{p}extensionElements>"
    )
    return document(
        simple_process(
            facts
            + chain(
                ("startEvent", "s", "Antrag eingegangen"),
                ("userTask", "erfassen", "Antrag im Fachverfahren erfassen"),
                ("userTask", "uebertragen", second_task),
                ("endEvent", "e", "Erledigt"),
            ),
            process_id="Process_Antrag",
            name="Antrag auf Anwohnerparkausweis",
        )
    )


def load(app: App, tmp_path: Path, *, name: str = "anwohnerparken.bpmn", text: str = "") -> str:
    path = tmp_path / name
    path.write_text(text or diagram(), encoding="utf-8")
    with app.db.session() as session:
        (result,) = import_diagram(
            session,
            ImportRequest(file_name=name, path=path, department="32"),
            app.model,
            app.limits,
        )
    assert result.key is not None
    return result.key


def figures(day: int, cases: int, automated: int, to_person: int, month: int = 3) -> RunFigures:
    start = datetime(2026, month, day, 8, 0, tzinfo=UTC)
    return RunFigures(
        started_at=start,
        finished_at=start + timedelta(minutes=2),
        cases=cases,
        cases_automated=automated,
        cases_to_person=to_person,
        robot_seconds=30.0,
        cpu_seconds=12.5,
    )


DECLARED = DeclaredLink(
    deployment="anwohnerparken",
    file_names=("anwohnerparken.bpmn",),
    case_noun="Anträge",
    done_phrase="ohne Sachbearbeitung beschieden",
)


def test_seeded_runs_equal_a_hand_calculation_and_survive_rescoring_and_versions(
    lotse_app: App, tmp_path: Path
) -> None:
    key = load(lotse_app, tmp_path)
    with lotse_app.db.session() as session:
        for run in (
            figures(2, 100, 70, 30),
            figures(9, 50, 45, 5),
            figures(20, 10, 0, 10, month=1),
        ):
            record_run(session, "anwohnerparken", run, source="cli", declared=[DECLARED])
        process = find_process(session, key)
        assert process.status == Status.LIVE.value
        assert process.status_changes[-1].changed_by == "roboter:anwohnerparken"
        current = session.get_one(Assessment, process.current_assessment_id)
        estimate, catalogue_share = current.hours_saved, current.automatable_share

    def summary() -> dict[str, object]:
        with lotse_app.db.read_session() as session:
            (only,) = robot_summaries(session, NOW)
        return only.as_json()

    first = summary()
    # The whole process is linked: every automated case saves its 6 minutes.
    assert first["process_key"] == key and first["tasks"] == [] and first["link"] == "standard"
    assert (first["runs"], first["cases"], first["cases_automated"], first["cases_to_person"]) == (
        3,
        160,
        115,
        45,
    )
    assert first["actual_share"] == round(115 / 160, 4)
    assert first["actual_hours_total"] == 11.5  # 115 × 6 / 60
    assert first["actual_hours_year"] == 11.5
    assert first["actual_hours_month"] == round(11.5 / 3, 2)  # January to March
    assert first["minutes_saved_per_case"] == 6.0
    assert first["estimated_hours_year"] == estimate  # all tasks: the assessment's estimate
    # the robot and the catalogue state one share ("automatisierbarer Anteil")
    assert first["estimated_share"] == first["process_share"] == round(catalogue_share, 4)
    assert first["projected_hours_year"] == round(1000 * 12 * 6 * 115 / 160 / 60, 1)
    assert first["robot_seconds"] == 90.0 and first["cpu_seconds"] == 37.5
    assert [(m["period"], m["runs"], m["actual_hours"]) for m in first["months"]] == [  # type: ignore[attr-defined]
        ("2026-01", 1, 0.0),
        ("2026-02", 0, 0.0),
        ("2026-03", 2, 11.5),
    ]
    assert "ohne Sachbearbeitung beschieden (115 von 160 Anträgen)" in str(first["explanation"])

    # re-scoring and a new version of the diagram leave the ledger as it was
    with lotse_app.db.session() as session:
        rescore_all(session, load_model(DEFAULT_MODEL_FILE), force=True)
    load(lotse_app, tmp_path, text=diagram("Daten ins Melderegister übertragen"))
    with lotse_app.db.read_session() as session:
        assert len(find_process(session, key).versions) == 2
    again = summary()
    for field in ("runs", "cases", "cases_automated", "actual_hours_total", "actual_hours_year"):
        assert again[field] == first[field]


def test_a_flow_run_recorded_twice_adds_to_its_row(lotse_app: App, tmp_path: Path) -> None:
    load(lotse_app, tmp_path)
    with lotse_app.db.session() as session:
        record_run(
            session, "anwohnerparken", figures(2, 3, 2, 1), flow_run_id="abc", declared=[DECLARED]
        )
        record_run(
            session, "anwohnerparken", figures(2, 4, 4, 0), flow_run_id="abc", declared=[DECLARED]
        )
        rows = list(session.scalars(select(RobotRun)))
    assert [(r.cases, r.cases_automated, r.cases_to_person) for r in rows] == [(7, 6, 1)]


def test_runs_before_the_link_count_once_it_is_linked(lotse_app: App, tmp_path: Path) -> None:
    key = load(lotse_app, tmp_path)
    with lotse_app.db.session() as session:
        run = record_run(session, "neuer-roboter", figures(2, 5, 5, 0))
        assert run.process_id is None
        process = find_process(session, key)
        assert process.status != Status.LIVE.value  # nobody knows yet what it automates
        link_robot(session, "neuer-roboter", process, ["erfassen"], user="it")
    with lotse_app.db.read_session() as session:
        (summary,) = robot_summaries(session, NOW)
    assert summary.process_key == key and summary.task_ids == ["erfassen"]
    assert summary.actuals.cases_automated == 5
    # one of two equally weighted tasks: 3 of the 6 minutes per case
    assert summary.actuals.minutes_saved_per_case == pytest.approx(3.0)


def test_links_refuse_unknown_tasks_and_bad_names(lotse_app: App, tmp_path: Path) -> None:
    key = load(lotse_app, tmp_path)
    with lotse_app.db.session() as session:
        process = find_process(session, key)
        with pytest.raises(CatalogueError, match="hat keine Aufgabe Task_Gibtsnicht"):
            link_robot(session, "anwohnerparken", process, ["Task_Gibtsnicht"])
        with pytest.raises(CatalogueError, match="kein gültiger Deployment-Name"):
            link_robot(session, "mit leerzeichen", process)


def test_declared_links_find_the_process_by_file_and_tasks_not_by_key(
    lotse_app: App, tmp_path: Path
) -> None:
    other = load(lotse_app, tmp_path, name="anderes.bpmn", text=diagram())
    key = load(
        lotse_app,
        tmp_path,
        name="Anwohnerparken.BPMN",
        text=diagram().replace("Process_Antrag", "Process_Parken_v2"),
    )
    assert key != other
    declared = DeclaredLink(
        deployment="anwohnerparken", file_names=("anwohnerparken.bpmn",), task_ids=("erfassen",)
    )
    with lotse_app.db.session() as session:
        run = record_run(session, "anwohnerparken", figures(2, 1, 1, 0), declared=[declared])
        assert run.process_id == find_process(session, key).id


def test_a_rejected_process_stays_rejected_but_its_runs_count(
    lotse_app: App, tmp_path: Path
) -> None:
    key = load(lotse_app, tmp_path)
    with lotse_app.db.session() as session:
        change_status(session, find_process(session, key), Status.REJECTED, "it", "zu teuer")
        record_run(session, "anwohnerparken", figures(2, 4, 3, 1), declared=[DECLARED])
        assert find_process(session, key).status == Status.REJECTED.value
    with lotse_app.db.read_session() as session:
        (summary,) = robot_summaries(session, NOW)
    assert summary.actuals.cases == 4


def test_impossible_figures_are_refused() -> None:
    with pytest.raises(LedgerError, match="kann nicht 5 allein"):
        RunFigures(NOW, NOW, cases=3, cases_automated=5, cases_to_person=0)
    with pytest.raises(LedgerError, match="Zeitzone"):
        RunFigures(NOW.replace(tzinfo=None), NOW, cases=1, cases_automated=1, cases_to_person=0)
