"""Import, versions, facts, status and re-scoring on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import func, select

from lotse.app import App
from processes.catalogue import (
    SORTS,
    CatalogueError,
    CatalogueQuery,
    change_status,
    find_process,
    rescore_all,
    search,
    set_facts,
    stored_facts,
)
from processes.facts import Facts
from processes.importer import ImportRequest, Outcome, import_diagram
from processes.models import Assessment, Finding, Process, ProcessVersion, Status, StatusChange
from processes.scoring import load_model
from processes.scoring.model import DEFAULT_MODEL_FILE
from tests.bpmn.documents import chain, document, simple_process


def diagram(task_name: str = "Daten erfassen", process_id: str = "Process_Antrag") -> str:
    return document(
        simple_process(
            chain(
                ("startEvent", "s", "Antrag eingegangen"),
                ("userTask", "t", task_name),
                ("endEvent", "e", "Erledigt"),
            ),
            process_id=process_id,
            name="Antrag bearbeiten",
        )
    )


def run_import(app: App, path: Path, **kwargs: object) -> list:  # type: ignore[type-arg]
    with app.db.session() as session:
        return import_diagram(
            session,
            ImportRequest(file_name=path.name, path=path, **kwargs),
            app.model,
            app.limits,  # type: ignore[arg-type]
        )


def test_new_unchanged_and_new_version(lotse_app: App, tmp_path: Path) -> None:
    path = tmp_path / "antrag.bpmn"
    path.write_text(diagram())
    (first,) = run_import(lotse_app, path, department="33")
    assert (first.outcome, first.key, first.version) == (Outcome.NEW, "33:Process_Antrag", 1)
    (again,) = run_import(lotse_app, path, department="33")
    assert again.outcome is Outcome.UNCHANGED and again.version == 1
    path.write_text(diagram("Daten im Melderegister erfassen"))
    (changed,) = run_import(lotse_app, path, department="33")
    assert changed.outcome is Outcome.NEW_VERSION and changed.version == 2
    with lotse_app.db.session() as session:
        process = find_process(session, "33:Process_Antrag")
        assert [v.number for v in process.versions] == [1, 2]
        assert process.current_version_id == process.versions[-1].id
        # the history keeps the first version's assessment
        assert all(v.assessments for v in process.versions)
        # scored on import: it enters the pipeline as assessed
        assert process.status == Status.ASSESSED.value
        assert [c.to_status for c in process.status_changes] == ["assessed"]


def test_same_process_id_in_two_departments_is_two_processes(
    lotse_app: App, tmp_path: Path
) -> None:
    path = tmp_path / "antrag.bpmn"
    path.write_text(diagram())
    run_import(lotse_app, path, department="33")
    run_import(lotse_app, path, department="50")
    with lotse_app.db.session() as session:
        assert session.scalar(select(func.count()).select_from(Process)) == 2
        with pytest.raises(CatalogueError, match="mehrdeutig"):
            find_process(session, "Process_Antrag")


def test_broken_file_stores_nothing_and_says_why(lotse_app: App, tmp_path: Path) -> None:
    path = tmp_path / "kaputt.bpmn"
    path.write_text(diagram()[:300])
    (result,) = run_import(lotse_app, path)
    assert result.outcome is Outcome.FAILED and "Zeile" in result.message
    unknown = tmp_path / "amt.bpmn"
    unknown.write_text(diagram())
    (result,) = run_import(lotse_app, unknown, department="99")
    assert result.outcome is Outcome.FAILED and "Das Amt „99“ ist unbekannt" in result.message
    with lotse_app.db.session() as session:
        assert session.scalar(select(func.count()).select_from(Process)) == 0


def test_facts_from_properties_and_sidecar(lotse_app: App, tmp_path: Path) -> None:
    text = (
        diagram()
        .replace(
            'isExecutable="false">',
            'isExecutable="false"><bpmn:extensionElements><camunda:properties>'
            '<camunda:property name="lotse:department" value="50"/>'
            '<camunda:property name="lotse:casesPerMonth" value="300"/>'
            "</camunda:properties></bpmn:extensionElements>",
        )
        .replace(
            'id="Definitions_1"',
            'id="Definitions_1" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"',
        )
    )
    path = tmp_path / "wohngeld.bpmn"
    path.write_text(text)
    (tmp_path / "wohngeld.facts.yaml").write_text("minuten_pro_fall: 20\nanteil_digital: 40\n")
    (result,) = run_import(lotse_app, path)
    assert result.key == "50:Process_Antrag"
    with lotse_app.db.session() as session:
        process = find_process(session, "50:Process_Antrag")
        facts = stored_facts(session, process)
        assert (facts.cases_per_month, facts.minutes_per_case, facts.digital_share) == (
            300,
            20,
            0.4,
        )
        assert process.current_assessment is not None
        assert process.current_assessment.hours_saved is not None
    # a changed sidecar updates the facts of the same version and re-scores it
    (tmp_path / "wohngeld.facts.yaml").write_text("minuten_pro_fall: 30\n")
    (result,) = run_import(lotse_app, path)
    assert result.outcome is Outcome.FACTS_UPDATED and result.version == 1


def test_facts_out_of_range_refuse_the_import(lotse_app: App, tmp_path: Path) -> None:
    path = tmp_path / "antrag.bpmn"
    path.write_text(diagram())
    (tmp_path / "antrag.facts.yaml").write_text("anteil_digital: 150\n")
    (result,) = run_import(lotse_app, path)
    assert result.outcome is Outcome.FAILED and "100 %" in result.message


def test_findings_tasks_and_explanations_are_stored(lotse_app: App, tmp_path: Path) -> None:
    path = tmp_path / "antrag.bpmn"
    path.write_text(diagram().replace('name="Erledigt"', 'name=""'))
    run_import(lotse_app, path)
    with lotse_app.db.session() as session:
        process = find_process(session, "Process_Antrag")
        assessment = process.current_assessment
        assert assessment is not None
        (task,) = assessment.tasks
        assert task.name == "Daten erfassen" and task.category == "robot"
        assert all(r["text"] for r in task.reasons)
        assert {c["axis"] for c in assessment.criteria} == {"potential", "ease"}
        rules = set(session.scalars(select(Finding.rule)))
        assert "label-required" in rules


def test_status_changes_are_a_history(lotse_app: App, tmp_path: Path) -> None:
    path = tmp_path / "antrag.bpmn"
    path.write_text(diagram())
    run_import(lotse_app, path)
    with lotse_app.db.session() as session:
        process = find_process(session, "Process_Antrag")
        change_status(session, process, Status.APPROVED, "it-anna", "")
        with pytest.raises(CatalogueError, match="bereits"):
            change_status(session, process, Status.APPROVED, "it-anna")
        with pytest.raises(CatalogueError, match="nur mit Begründung"):
            change_status(session, process, Status.LIVE, "it-anna")
        change_status(session, process, Status.LIVE, "it-anna", "Fertiger Roboter übernommen")
    with lotse_app.db.session() as session:
        changes = session.scalars(select(StatusChange).order_by(StatusChange.id)).all()
        assert [(c.from_status, c.to_status, c.changed_by) for c in changes] == [
            (None, "assessed", ""),
            ("assessed", "approved", "it-anna"),
            ("approved", "live", "it-anna"),
        ]


def test_editing_facts_rescores_and_keeps_old_assessments(lotse_app: App, tmp_path: Path) -> None:
    path = tmp_path / "antrag.bpmn"
    path.write_text(diagram())
    run_import(lotse_app, path)
    with lotse_app.db.session() as session:
        process = find_process(session, "Process_Antrag")
        before = process.current_assessment
        assert before is not None and before.hours_saved is None
        after = set_facts(
            session,
            process,
            Facts(cases_per_month=100, minutes_per_case=6),
            lotse_app.model,
            "lotsin",
        )
        assert after.hours_saved is not None and after.hours_saved > 0
        assert process.current_assessment_id == after.id
        assert session.scalar(select(func.count()).select_from(Assessment)) == 2


def _catalogue_with_ties(lotse_app: App) -> None:
    """23 processes: same names and often the same scores, no hours for every fifth."""
    tasks = ["Daten erfassen", "Antrag prüfen und entscheiden", "Bescheid drucken"]
    with lotse_app.db.session() as session:
        for number in range(23):  # same names and often the same scores: ties everywhere
            facts = Facts(cases_per_month=10 * (number % 4), minutes_per_case=5)
            request = ImportRequest(
                file_name=f"{number}.bpmn",
                data=diagram(tasks[number % 3], f"Process_{number:02d}").encode(),
                department=("33", "20")[number % 2],
                facts=facts if number % 5 else None,
            )
            import_diagram(session, request, lotse_app.model, lotse_app.limits)


def test_search_pages_through_every_match_once_and_counts_what_it_lists(
    lotse_app: App,
) -> None:
    _catalogue_with_ties(lotse_app)
    with lotse_app.db.read_session() as session:
        for sort in SORTS:
            for descending in (True, False):
                query = CatalogueQuery(sort=sort, descending=descending, per_page=100)
                whole, total = search(session, query)
                assert total == len(whole) == 23
                paged = []
                for page in range(1, 5):
                    rows, count = search(
                        session,
                        CatalogueQuery(sort=sort, descending=descending, page=page, per_page=7),
                    )
                    assert count == 23
                    paged += rows
                assert [p.id for p, _ in paged] == [p.id for p, _ in whole], (sort, descending)
        everything, _ = search(session, CatalogueQuery(per_page=100))
        quadrants = {a.quadrant for _, a in everything if a}
        assert quadrants
        for quadrant in quadrants:
            rows, total = search(
                session, CatalogueQuery(quadrant=quadrant, department="33", per_page=100)
            )
            expected = [
                p.id
                for p, a in everything
                if a and a.quadrant == quadrant and p.department_code == "33"
            ]
            assert total == len(rows) and sorted(p.id for p, _ in rows) == sorted(expected)
        rows, total = search(session, CatalogueQuery(text="PROCESS_1", department="20"))
        assert total == len(rows) == 5  # Process_10, 12, 14, 16, 18
        # the list does not load the reasons, but they are there when asked for
        assert all(a.criteria for _, a in everything if a)


def test_pages_past_the_middle_read_from_the_end_and_neither_overlap_nor_skip(
    lotse_app: App,
) -> None:
    """Pages past the middle are read in the reverse order; every page, every sort key,
    both directions, with ties and empty scores, a short last page and filters."""
    _catalogue_with_ties(lotse_app)
    with lotse_app.db.read_session() as session:
        quadrant = session.scalars(select(Assessment.quadrant)).first()
        assert quadrant
        filters = [CatalogueQuery(), CatalogueQuery(department="33"),
                   CatalogueQuery(quadrant=quadrant), CatalogueQuery(text="process_1")]  # fmt: skip
        for base in filters:
            for sort in SORTS:
                for descending in (True, False):
                    whole, total = search(session, replace(base, sort=sort, descending=descending,
                                                           per_page=100))  # fmt: skip
                    assert total == len(whole) > 0
                    for per_page in (1, 2, 5, 7, total):
                        paged = []
                        for page in range(1, -(-total // per_page) + 2):  # one past the end
                            rows, count = search(session, replace(
                                base, sort=sort, descending=descending, page=page,
                                per_page=per_page,
                            ))  # fmt: skip
                            assert count == total
                            paged.append([p.id for p, _ in rows])
                        where = (base, sort, descending, per_page)
                        assert paged[-1] == [], where
                        assert all(len(rows) == per_page for rows in paged[:-2]), where
                        flat = [pid for rows in paged for pid in rows]
                        assert flat == [p.id for p, _ in whole], where


def test_rescore_with_a_new_model_version(lotse_app: App, tmp_path: Path) -> None:
    path = tmp_path / "antrag.bpmn"
    path.write_text(diagram())
    run_import(lotse_app, path)
    own = tmp_path / "modell.yaml"
    own.write_text(
        DEFAULT_MODEL_FILE.read_text(encoding="utf-8").replace(
            f'version: "{lotse_app.model.version}"', 'version: "2027.1"'
        )
    )
    new_model = load_model(own)
    with lotse_app.db.session() as session:
        assert rescore_all(session, new_model) == (1, 0)
        assert rescore_all(session, new_model) == (0, 1)
        process = find_process(session, "Process_Antrag")
        assert process.current_assessment is not None
        assert process.current_assessment.model_version == "2027.1"
        versions = session.scalars(select(Assessment.model_version).order_by(Assessment.id)).all()
        assert versions == [lotse_app.model.version, "2027.1"]


def test_concurrent_imports_of_the_same_files_make_one_version_each(
    lotse_app: App, tmp_path: Path
) -> None:
    """Four importers on the same folder at once: the database keeps it to one version each."""
    paths = []
    for index in range(6):
        path = tmp_path / f"p{index}.bpmn"
        path.write_text(diagram(f"Daten {index} erfassen", process_id=f"Process_{index}"))
        paths.append(path)
    barrier = threading.Barrier(4)
    failures: list[BaseException] = []

    def worker() -> None:
        try:
            barrier.wait()
            for path in paths:
                run_import(lotse_app, path, department="20")
        except BaseException as exc:
            failures.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures, failures
    with lotse_app.db.session() as session:
        assert session.scalar(select(func.count()).select_from(Process)) == 6
        assert session.scalar(select(func.count()).select_from(ProcessVersion)) == 6


@pytest.mark.slow
def test_whole_conformance_corpus_imports(lotse_app: App, conformance_dir: Path) -> None:
    """Every well-formed MIWG file imports as one entry; only the four broken files fail."""
    import json

    from processes.importer import import_many

    expected = json.loads((conformance_dir / "expected.json").read_text(encoding="utf-8"))
    requests = [ImportRequest(file_name=name, path=conformance_dir / name) for name in expected]
    results = import_many(lotse_app.db.session, requests, lotse_app.model, lotse_app.limits)
    failed = {r.file for r in results if r.outcome is Outcome.FAILED}
    broken = {name for name, e in expected.items() if not e["ok"]}
    assert failed == broken
    empty = {r.file for r in results if r.outcome is Outcome.EMPTY}
    without_content = {
        name
        for name, e in expected.items()
        if e["ok"] and not any(p["elements"] for p in e["processes"].values())
    }
    assert empty == without_content
    with lotse_app.db.session() as session:
        # one diagram, one entry: also the files that copied another file's ids
        assert session.scalar(select(func.count()).select_from(Process)) == len(
            {r.file for r in results if r.outcome is Outcome.NEW}
        )
        # every file keeps an entry; byte-identical copies find their twin ("unchanged")
        stored = {r.file for r in results if r.outcome in (Outcome.NEW, Outcome.UNCHANGED)}
        assert len(stored) == len([n for n, e in expected.items() if e["ok"]]) - len(
            without_content
        )
        assert (
            session.scalar(
                select(func.count())
                .select_from(Process)
                .where(Process.current_assessment_id.is_(None))
            )
            == 0
        )


# -- one diagram, one entry; no silent merges ---------------------------------------


def collaboration(task: str = "Antrag im DMS ablegen") -> str:
    return document(
        '<{p}collaboration id="Collaboration_1">'
        '<{p}participant id="P1" name="Sachbearbeitung" processRef="Process_1"/>'
        '<{p}participant id="P2" name="Vorgesetzte/r" processRef="Process_2"/>'
        '<{p}participant id="P3" name="Antragsteller"/>'
        "</{p}collaboration>"
        + simple_process(
            chain(("startEvent", "s1", ""), ("task", "t1", task)), process_id="Process_1", name=""
        )
        + simple_process(
            chain(
                ("task", "t2", "Antrag genehmigen"),
            ),
            process_id="Process_2",
            name="",
        )
    )


def test_a_collaboration_with_a_pool_per_role_is_one_entry(lotse_app: App, tmp_path: Path) -> None:
    path = tmp_path / "urlaubsantrag.bpmn"
    path.write_text(collaboration())
    (result,) = run_import(lotse_app, path, department="10")
    assert (result.outcome, result.key, result.name) == (
        Outcome.NEW,
        "10:Collaboration_1",
        "Urlaubsantrag",
    )
    with lotse_app.db.session() as session:
        (process,) = session.scalars(select(Process)).all()
        assert process.current_assessment is not None
        assert sorted(t.lane for t in process.current_assessment.tasks) == [
            "Sachbearbeitung",
            "Vorgesetzte/r",
        ]


def test_a_copied_diagram_becomes_its_own_process_and_says_so(
    lotse_app: App, tmp_path: Path
) -> None:
    original = tmp_path / "urlaubsantrag.bpmn"
    original.write_text(collaboration())
    copy = tmp_path / "dienstreise.bpmn"
    copy.write_text(collaboration("Reisekosten in SAP erfassen"))
    run_import(lotse_app, original, department="10")
    (result,) = run_import(lotse_app, copy, department="10")
    assert result.outcome is Outcome.NEW
    assert result.key == "10:Collaboration_1.dienstreise"
    assert (
        "urlaubsantrag.bpmn" in result.warning
        and "--version-of 10:Collaboration_1" in result.warning
    )
    # a re-export of the copy is a new version of the copy, without a warning
    copy.write_text(collaboration("Reisekosten im Fachverfahren erfassen"))
    (again,) = run_import(lotse_app, copy, department="10")
    assert (again.outcome, again.key, again.version, again.warning) == (
        Outcome.NEW_VERSION,
        "10:Collaboration_1.dienstreise",
        2,
        "",
    )
    with lotse_app.db.session() as session:
        files = {p.key: p.current_version.file_name for p in session.scalars(select(Process))}
    assert files == {
        "10:Collaboration_1": "urlaubsantrag.bpmn",
        "10:Collaboration_1.dienstreise": "dienstreise.bpmn",
    }


def test_the_pilot_can_say_a_file_is_a_new_version(lotse_app: App, tmp_path: Path) -> None:
    original = tmp_path / "urlaubsantrag.bpmn"
    original.write_text(collaboration())
    renamed = tmp_path / "urlaubsantrag-2027.bpmn"
    renamed.write_text(collaboration("Antrag in der E-Akte ablegen"))
    run_import(lotse_app, original, department="10")
    (result,) = run_import(lotse_app, renamed, department="10", version_of="10:Collaboration_1")
    assert (result.outcome, result.key, result.version, result.warning) == (
        Outcome.NEW_VERSION,
        "10:Collaboration_1",
        2,
        "",
    )
    (unknown,) = run_import(lotse_app, renamed, department="10", version_of="10:Gibt_es_nicht")
    assert unknown.outcome is Outcome.FAILED and "--version-of" in unknown.message


def test_sidecar_facts_may_name_the_pool_and_apply_once(lotse_app: App, tmp_path: Path) -> None:
    path = tmp_path / "urlaubsantrag.bpmn"
    path.write_text(collaboration())
    (tmp_path / "urlaubsantrag.facts.yaml").write_text(
        "fälle_pro_monat: 100\nprozesse:\n  Sachbearbeitung:\n    minuten_pro_fall: 6\n",
        encoding="utf-8",
    )
    (result,) = run_import(lotse_app, path, department="10")
    with lotse_app.db.session() as session:
        facts = stored_facts(session, find_process(session, result.key))
    assert (facts.cases_per_month, facts.minutes_per_case) == (100, 6)


def test_a_sidecar_key_that_matches_nothing_is_an_error(lotse_app: App, tmp_path: Path) -> None:
    path = tmp_path / "urlaubsantrag.bpmn"
    path.write_text(collaboration())
    (tmp_path / "urlaubsantrag.facts.yaml").write_text(
        "prozesse:\n  Process_Tippfehler:\n    minuten_pro_fall: 6\n", encoding="utf-8"
    )
    (result,) = run_import(lotse_app, path, department="10")
    assert result.outcome is Outcome.FAILED
    assert "Process_Tippfehler" in result.message and "Sachbearbeitung" in result.message
