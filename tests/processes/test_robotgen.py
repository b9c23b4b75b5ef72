"""Robot skeletons: the walker's BPMN semantics, the ways found, names, drift (no database)."""

from __future__ import annotations

from typing import Any

import pytest

from bpmn import read_bpmn
from processes.robotgen.graph import Container, TaskInfo, build
from processes.robotgen.names import Names, docstring, slug
from processes.robotgen.paths import ablauf, find_ways, stub_functions
from processes.robotgen.render import RobotSource, render
from processes.robotgen.structure import drift, structure
from processes.robotgen.walker import AblaufHaengt, Fall, durchlaufen
from tests.bpmn.documents import document, simple_process


def diagram(body: str) -> Container:
    defs = read_bpmn(document(simple_process(body)).encode())
    return build(defs.processes[0], {})


def node(kind: str, ident: str, name: str = "", extra: str = "") -> str:
    return f'<{{p}}{kind} id="{ident}" name="{name}">{extra}</{{p}}{kind}>'


def flow(ident: str, source: str, target: str, name: str = "", default: bool = False) -> str:
    return (
        f'<{{p}}sequenceFlow id="{ident}" name="{name}" sourceRef="{source}" targetRef="{target}"/>'
    )


PARALLEL = "".join(
    [
        node("startEvent", "s"),
        node("parallelGateway", "split"),
        node("task", "a", "Bescheid drucken"),
        node("task", "b", "Gebühr buchen"),
        node("parallelGateway", "join"),
        node("task", "c", "Akte schließen"),
        node("endEvent", "e"),
        flow("f1", "s", "split"),
        flow("f2", "split", "a"),
        flow("f3", "split", "b"),
        flow("f4", "a", "join"),
        flow("f5", "b", "join"),
        flow("f6", "join", "c"),
        flow("f7", "c", "e"),
    ]
)


def test_parallel_branches_run_in_one_wave_and_join_once() -> None:
    container = diagram(PARALLEL)
    waves: list[list[str]] = []

    def record(work: Any, fall: Fall) -> list[Any]:
        waves.append(list(fall.spur))
        return [do(fall) for do in work]

    table = ablauf(container, lambda n, c: (lambda fall: n.id) if n.art == "aufgabe" else None)
    fall = durchlaufen(table, Fall(), record)
    assert fall.spur == ["s", "split", "a", "b", "join", "c", "e"]
    assert ["s", "split", "a", "b"] in waves  # a and b began together: one wave
    assert fall.daten == {"a": "a", "b": "b", "c": "c"}
    (way,) = find_ways(container)
    assert way.error == "" and way.decisions == ()


def test_a_loop_is_walked_once_more_and_then_left() -> None:
    container = diagram(
        "".join(
            [
                node("startEvent", "s"),
                node("task", "a", "Antrag prüfen"),
                node("exclusiveGateway", "g", "Vollständig?"),
                node("endEvent", "e"),
                flow("f1", "s", "a"),
                flow("f2", "a", "g"),
                flow("back", "g", "a", "nein"),
                flow("on", "g", "e", "ja"),
            ]
        )
    )
    ways = find_ways(container)
    assert [w.script for w in ways] == [{"g": ["on"]}, {"g": ["back", "on"]}]
    assert ways[1].trail == ("s", "a", "g", "a", "g", "e")
    # the standard way is the one that leaves the loop, though "nein" comes first
    assert container.nodes["g"].standard == "on"


def test_a_parallel_join_after_an_exclusive_split_is_reported_as_stuck() -> None:
    container = diagram(
        "".join(
            [
                node("startEvent", "s"),
                node("exclusiveGateway", "x", "Eilig?"),
                node("task", "a", "Sofort bearbeiten"),
                node("task", "b", "Später bearbeiten"),
                node("parallelGateway", "join"),
                node("endEvent", "e"),
                flow("f1", "s", "x"),
                flow("f2", "x", "a", "ja"),
                flow("f3", "x", "b", "nein"),
                flow("f4", "a", "join"),
                flow("f5", "b", "join"),
                flow("f6", "join", "e"),
            ]
        )
    )
    ways = find_ways(container)
    assert len(ways) == 2 and all(w.error == "AblaufHaengt" for w in ways)
    with pytest.raises(AblaufHaengt, match="wartet an"):
        durchlaufen(ablauf(container, stub_functions), Fall())


def test_inclusive_gateways_offer_each_way_and_all_together() -> None:
    container = diagram(
        "".join(
            [
                node("startEvent", "s"),
                node("inclusiveGateway", "o", "Was fehlt?"),
                node("task", "x", "Nachweis anfordern"),
                node("task", "y", "Gebühr anfordern"),
                node("inclusiveGateway", "m"),
                node("endEvent", "e"),
                flow("f1", "s", "o"),
                flow("fx", "o", "x", "Nachweis"),
                flow("fy", "o", "y", "Gebühr"),
                flow("f2", "x", "m"),
                flow("f3", "y", "m"),
                flow("f4", "m", "e"),
            ]
        )
    )
    ways = find_ways(container)
    assert sorted(w.script["o"][0] for w in ways) == ["fx", "fx+fy", "fy"]
    both = next(w for w in ways if w.script["o"] == ["fx+fy"])
    assert both.trail == ("s", "o", "x", "y", "m", "e")  # the join waits for both, runs once


def test_boundary_events_and_sub_processes() -> None:
    container = diagram(
        "".join(
            [
                node("startEvent", "s"),
                node(
                    "subProcess",
                    "sub",
                    "Unterlagen sammeln",
                    node("startEvent", "is")
                    + node("task", "t", "Nachweise anfordern")
                    + node("endEvent", "ie")
                    + flow("i1", "is", "t")
                    + flow("i2", "t", "ie"),
                ),
                node(
                    "boundaryEvent",
                    "frist",
                    "Frist abgelaufen",
                    "<{p}timerEventDefinition/>",
                ).replace('id="frist"', 'id="frist" attachedToRef="sub"'),
                node("task", "mahnen", "Mahnung schreiben"),
                node("endEvent", "e"),
                node("endEvent", "e2"),
                flow("f1", "s", "sub"),
                flow("f2", "sub", "e"),
                flow("f3", "frist", "mahnen"),
                flow("f4", "mahnen", "e2"),
            ]
        )
    )
    ways = find_ways(container)
    assert [w.trail for w in ways] == [
        ("s", "sub", "is", "t", "ie", "e"),
        ("s", "sub", "is", "t", "ie", "frist", "mahnen", "e2"),
    ]
    assert ways[1].script == {"sub": ["frist"]}


def test_names_are_german_words_in_python() -> None:
    assert slug("Zuständiges Amt erkennbar?") == "zustaendiges_amt_erkennbar"
    assert slug("Straße prüfen – ÄÖÜ") == "strasse_pruefen_aeoeue"
    assert slug("3. Mahnung") == "schritt_3_mahnung"
    assert slug("???", fallback="aufgabe_x") == "aufgabe_x"
    names = Names({"list"})
    assert [names.new("list"), names.new("class"), names.new("pruefen"), names.new("pruefen")] == [
        "list_2",
        "class_",
        "pruefen",
        "pruefen_2",
    ]
    # quotes and backslashes in labels cannot end a docstring early
    lines = docstring(['Pfad C:\\Akten\\ und """drei""" "Zeichen"'])
    assert lines == ['    """Pfad C:\\\\Akten\\\\ und \\"\\"\\"drei\\"\\"\\" "Zeichen\\""""']
    compile("\n".join(["def f() -> None:", *lines]), "<test>", "exec")


def source(container: Container) -> RobotSource:
    return RobotSource(
        process_key="33:Process_Test",
        process_name="Anwohnerparken: Ausweis ausstellen",
        version=3,
        file_name="anwohnerparken.bpmn",
        sha256="0" * 64,
        model_version="2026.1",
        container=container,
    )


def test_the_skeleton_follows_the_judgement_of_the_scoring() -> None:
    body = "".join(
        [
            node("startEvent", "s", "Antrag da"),
            node("userTask", "erfassen", "Antrag erfassen"),
            node("userTask", "ermessen", "Über Ausnahme entscheiden"),
            node("userTask", "vorbereiten", "Bescheid entwerfen"),
            node("sendTask", "senden", "Bescheid versenden"),
            node("exclusiveGateway", "g", "Gebühr bezahlt?"),
            node("endEvent", "e"),
            node("endEvent", "e2", "Mahnung"),
            flow("f1", "s", "erfassen"),
            flow("f2", "erfassen", "ermessen"),
            flow("f3", "ermessen", "vorbereiten"),
            flow("f4", "vorbereiten", "senden"),
            flow("f5", "senden", "g"),
            flow("ja", "g", "e", "ja"),
            flow("nein", "g", "e2", "nein"),
        ]
    )
    defs = read_bpmn(document(simple_process(body)).encode())
    tasks = {
        "erfassen": TaskInfo("robot", 85.0, False, "Sachbearbeitung", ("Bildschirmarbeit (+20).",)),
        "ermessen": TaskInfo("assist", 55.0, True, "Leitung", ("„entscheiden“: Ermessen.",)),
        "vorbereiten": TaskInfo("assist", 60.0, False),
        "senden": TaskInfo("robot", 70.0, False),
    }
    container = build(defs.processes[0], tasks)
    arts = {n.id: n.art for n in container.nodes.values()}
    assert arts["erfassen"] == "aufgabe"
    assert arts["ermessen"] == "mensch"  # discretion: a person decides, whatever the score
    assert arts["vorbereiten"] == "vorbereiten"
    assert arts["senden"] == "nachricht"
    rendered = render(source(container))
    module = rendered.module
    assert rendered.module_name == "roboter_anwohnerparken_ausweis_ausstellen"
    assert '@task(name="Antrag erfassen", cache_policy=NO_CACHE)\ndef antrag_erfassen(' in module
    assert "class UeberAusnahmeEntscheidenEingabe(RunInput):" in module
    assert 'return mensch_fragen(fall, "ermessen", UeberAusnahmeEntscheidenEingabe)' in module
    flat = " ".join(module.split())  # docstrings wrap
    assert "Ermessen (§ 35a VwVfG)" in flat and "Lane Leitung" in flat
    assert "def gebuehr_bezahlt_ja(fall: Fall) -> bool:" in module
    assert "def gebuehr_bezahlt_nein(fall: Fall) -> bool:" in module
    assert "# STUB: Nachricht senden" in module
    assert "pause_flow_run(" in module
    assert "'version': 3" in module or '"version": 3' in module
    # deterministic: the same source gives the same text
    assert render(source(container)).module == module
    assert rendered.ways == 2


def test_drift_names_what_changed() -> None:
    before = structure(diagram(PARALLEL))
    changed = PARALLEL.replace("Gebühr buchen", "Gebühr im Verfahren buchen").replace(
        flow("f7", "c", "e"), node("task", "d", "Archivieren") + flow("f7", "c", "d")
    )
    after = structure(diagram(changed))
    assert drift(before, before) == []
    assert drift(before, after) == [
        "Aufgabe b heißt jetzt „Gebühr im Verfahren buchen“ (vorher „Gebühr buchen“).",
        "Aufgabe „Archivieren“ (d) ist neu.",
        "Fluss f7 (c → d) hat sich geändert (vorher f7 (c → e)).",
    ]
