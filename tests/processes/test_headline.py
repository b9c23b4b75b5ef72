"""Honest headline hours: suitable and known only, each file once, the rest said in words."""

from __future__ import annotations

from pathlib import Path

from lotse.app import App
from processes.catalogue import headline_items
from processes.duplicates import copies
from processes.headline import HeadlineItem, headline
from processes.models import Process
from tests.processes.test_catalogue import diagram, run_import


def test_only_suitable_processes_with_known_hours_count() -> None:
    result = headline(
        [
            HeadlineItem("20:A", "quick_win", 1200.0),
            HeadlineItem("20:B", "strategic", 300.5),
            HeadlineItem("20:C", "later", 99.5),
            HeadlineItem("33:D", "not_suitable", 4300.0),
            HeadlineItem("33:E", "quick_win", None),
            HeadlineItem("33:F", None, None),
        ]
    )
    assert (result.hours, result.counted) == (1600.0, 3)
    assert result.explanation() == (
        "Summe über 3 Prozesse, die sich eignen und deren Stunden bekannt sind. "
        "Nicht mitgezählt: 1 Prozess „Nicht geeignet“ (4.300 Std.), "
        "1 Prozess ohne Fallzahl oder Minuten pro Fall und 1 Prozess ohne Bewertung."
    )


def test_the_same_file_in_two_departments_counts_once() -> None:
    result = headline(
        [
            HeadlineItem("33:Process_X", "quick_win", 500.0, "abc", "Process_X"),
            HeadlineItem("20:Process_X", "quick_win", 500.0, "abc", "Process_X"),
            # the same file, another process in it: counted on its own
            HeadlineItem("20:Process_Y", "quick_win", 70.0, "abc", "Process_Y"),
        ]
    )
    assert (result.hours, result.counted, result.duplicates) == (570.0, 2, 1)
    assert result.left_out() == [
        "1 Prozess doppelt (dieselbe Datei in einem anderen Amt, 500 Std.)"
    ]


def test_a_quadrant_not_known_as_suitable_is_left_out_by_its_name() -> None:
    result = headline(
        [HeadlineItem("A", "kuenftiger_zustand", None), HeadlineItem("B", "quick_win", 8)]
    )
    assert result.hours == 8
    assert result.left_out() == ["1 Prozess „kuenftiger_zustand“"]


def test_nothing_left_out_says_so_in_one_sentence() -> None:
    result = headline([HeadlineItem("A", "quick_win", 10.0)])
    assert result.explanation() == (
        "Summe über 1 Prozess, der sich eignet und dessen Stunden bekannt sind."
    )


def test_copies_are_found_across_departments(lotse_app: App, tmp_path: Path) -> None:
    path = tmp_path / "antrag.bpmn"
    path.write_text(diagram())
    run_import(lotse_app, path, department="33")
    run_import(lotse_app, path, department="20")
    other = tmp_path / "anders.bpmn"
    other.write_text(diagram(process_id="Process_Anders"))
    run_import(lotse_app, other, department="20")
    with lotse_app.db.read_session() as session:
        ids = {p.key: p.id for p in session.query(Process)}
        found = copies(session)
        assert set(found) == {ids["33:Process_Antrag"], ids["20:Process_Antrag"]}
        assert [c.department_code for c in found[ids["33:Process_Antrag"]]] == ["20"]
        # asked for one page of the catalogue: only its processes
        page = copies(session, [ids["20:Process_Antrag"], ids["20:Process_Anders"]])
        assert list(page) == [ids["20:Process_Antrag"]]
        assert page[ids["20:Process_Antrag"]][0].department_code == "33"
        assert copies(session, []) == {}
        items = headline_items(session)
    assert headline(items).duplicates == 1
    with lotse_app.db.read_session() as session:
        assert len(headline_items(session, department="20")) == 2


def test_copies_of_a_page_are_those_of_the_whole_catalogue(lotse_app: App, tmp_path: Path) -> None:
    """Asked for some processes, ``copies`` answers as for all, restricted to them: also
    when one BPMN id is in two different files, and for a process without copies."""
    from itertools import combinations

    from tests.bpmn.documents import chain, document, simple_process

    def process(process_id: str, task: str) -> str:
        nodes = chain(
            ("startEvent", "s", "Start"), ("userTask", "t", task), ("endEvent", "e", "Ende")
        )
        return simple_process(nodes, process_id=process_id, name=process_id)

    both = tmp_path / "x.bpmn"
    both.write_text(document(process("Process_X", "Erfassen")))
    only_x = tmp_path / "anderes-x.bpmn"  # another file with a Process_X
    only_x.write_text(document(process("Process_X", "Bescheiden")))
    run_import(lotse_app, both, department="33")
    run_import(lotse_app, both, department="20")
    run_import(lotse_app, only_x, department="50")
    run_import(lotse_app, only_x, department="10")
    alone = tmp_path / "einzeln.bpmn"  # a Process_Y in a file of its own: no copy
    alone.write_text(document(process("Process_Y", "Ablegen")))
    run_import(lotse_app, alone, department="63")
    with lotse_app.db.read_session() as session:
        ids = {p.key: p.id for p in session.query(Process)}
        whole = copies(session)
        assert set(whole) == set(ids.values()) - {ids["63:Process_Y"]}
        assert [c.department_code for c in whole[ids["50:Process_X"]]] == ["10"]
        for size in (1, 2, 3):
            for chosen in combinations(sorted(ids.values()), size):
                expected = {k: v for k, v in whole.items() if k in chosen}
                assert copies(session, list(chosen)) == expected, chosen
