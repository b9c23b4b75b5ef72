"""Workshop comparison: steps aligned by meaning across drawings of the same process."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from bpmn import read_bpmn
from processes.facts import Facts
from processes.scoring import load_model
from processes.workshop import (
    AlignmentError,
    Comparison,
    Corrections,
    Drawing,
    WorkshopError,
    compare,
)
from processes.workshop.aligned import AGREEMENT_COLOURS
from processes.workshop.html import render_html
from processes.workshop.wording import name_similarity
from tests.bpmn.documents import chain, document, simple_process
from tests.processes.workshop_styles import alignment_quality

MODEL = load_model()


def drawing(name: str, *nodes: tuple[str, str, str], extra: str = "") -> Drawing:
    body = simple_process(chain(*nodes, extra=extra), name="Toast zubereiten")
    return Drawing(name, read_bpmn(document(body).encode()))


def step_of(comparison: Comparison, file: str, label: str) -> str:
    """The key of the combined step that holds ``label`` of drawing ``file``."""
    index = comparison.names.index(file)
    for step in comparison.steps:
        if step.labels.get(index) == label:
            return step.key
    raise AssertionError(f"{label!r} of {file} is in no step")


ANNA = drawing(
    "anna.bpmn",
    ("startEvent", "s", "Hunger auf Toast"),
    ("manualTask", "a", "Brot aus dem Schrank holen"),
    ("task", "b", "Brot toasten"),
    ("manualTask", "c", "Toast mit Butter bestreichen"),
    ("endEvent", "e", "Toast fertig"),
)
BEN = drawing(
    "ben.bpmn",
    ("startEvent", "s", "Hunger"),
    ("task", "a", "Toastbrot holen"),
    ("task", "b", "Toastbrot in den Toaster"),
    ("task", "c", "Butter auf den Toast streichen"),
    ("endEvent", "e", "Frühstück"),
)
CARLA = drawing(
    "carla.bpmn",
    ("startEvent", "s", "Morgens"),
    ("manualTask", "a", "Brot holen"),
    ("manualTask", "k", "Krümelschublade leeren"),
    ("task", "b", "Brot toasten"),
    ("manualTask", "c", "Toast mit Butter bestreichen"),
    ("endEvent", "e", "Toast fertig"),
)


def test_renamed_steps_are_one_step() -> None:
    result = compare([ANNA, BEN], model=MODEL)
    toasting = step_of(result, "anna.bpmn", "Brot toasten")
    assert step_of(result, "ben.bpmn", "Toastbrot in den Toaster") == toasting
    assert step_of(result, "ben.bpmn", "Toastbrot holen") == step_of(
        result, "anna.bpmn", "Brot aus dem Schrank holen"
    )
    assert step_of(result, "ben.bpmn", "Butter auf den Toast streichen") == step_of(
        result, "anna.bpmn", "Toast mit Butter bestreichen"
    )
    # starts and ends are matched whatever the pilots call them
    assert step_of(result, "ben.bpmn", "Hunger") == step_of(result, "anna.bpmn", "Hunger auf Toast")
    assert step_of(result, "ben.bpmn", "Frühstück") == step_of(result, "anna.bpmn", "Toast fertig")
    assert len(result.steps) == 5


def test_different_work_is_not_joined_for_its_position() -> None:
    other = drawing(
        "dirk.bpmn",
        ("startEvent", "s", "Hunger"),
        ("manualTask", "a", "Kaffee kochen"),
        ("task", "b", "Brot toasten"),
        ("manualTask", "c", "Zeitung lesen"),
        ("endEvent", "e", "Toast fertig"),
    )
    result = compare([ANNA, other], model=MODEL)
    assert step_of(result, "dirk.bpmn", "Kaffee kochen") != step_of(
        result, "anna.bpmn", "Brot aus dem Schrank holen"
    )
    assert step_of(result, "dirk.bpmn", "Brot toasten") == step_of(
        result, "anna.bpmn", "Brot toasten"
    )


def test_a_step_only_one_drawing_has() -> None:
    result = compare([ANNA, BEN, CARLA], model=MODEL)
    data = result.to_json()
    only = [s for s in data["steps"] if s["label"] == "Krümelschublade leeren"]
    assert len(only) == 1
    assert only[0]["present_in"] == ["carla.bpmn"]
    assert only[0]["kind"] == "manualTask"
    # a step of one drawing is missing from nobody
    assert all("Krümelschublade leeren" not in labels for labels in data["missing"].values())
    brot = next(
        s
        for s in data["steps"]
        if "anna.bpmn" in s["names"] and s["names"]["anna.bpmn"] == "Brot toasten"
    )
    assert brot["present_in"] == ["anna.bpmn", "ben.bpmn", "carla.bpmn"]
    colours = result.colours(2)
    assert colours["k"] == AGREEMENT_COLOURS["one"]
    assert colours["b"] == AGREEMENT_COLOURS["all"]


def test_missing_lists_what_the_majority_has() -> None:
    without_butter = drawing(
        "emil.bpmn",
        ("startEvent", "s", "Start"),
        ("userTask", "a", "Brot holen"),
        ("userTask", "b", "Brot toasten"),
        ("endEvent", "e", "Ende"),
    )
    result = compare([ANNA, CARLA, without_butter], model=MODEL)
    data = result.to_json()
    assert data["missing"]["emil.bpmn"] == ["Toast mit Butter bestreichen"]
    assert data["missing"]["anna.bpmn"] == []
    hints = [h["text"] for h in data["hints"]["emil.bpmn"] if h["kind"] == "majority"]
    assert hints == ["„Toast mit Butter bestreichen“ – 2 von 3 Zeichnungen haben diesen Schritt."]


LANES = document(
    """
    <{p}collaboration id="collab"><{p}participant id="pool" name="Küche" processRef="P"/></{p}collaboration>
    <{p}process id="P" name="Toast zubereiten">
      <{p}laneSet id="ls">
        <{p}lane id="l1" name="Person"><{p}flowNodeRef>s</{p}flowNodeRef><{p}flowNodeRef>a</{p}flowNodeRef>
          <{p}flowNodeRef>c</{p}flowNodeRef><{p}flowNodeRef>e</{p}flowNodeRef></{p}lane>
        <{p}lane id="l2" name="Toaster"><{p}flowNodeRef>b</{p}flowNodeRef></{p}lane>
      </{p}laneSet>
    """
    + chain(
        ("startEvent", "s", "Hunger"),
        ("manualTask", "a", "Brot in den Toaster stecken"),
        ("task", "b", "Brot toasten"),
        ("manualTask", "c", "Toast mit Butter bestreichen"),
        ("endEvent", "e", "Toast fertig"),
    )
    + "</{p}process>"
)
POOLS = document(
    """
    <{p}collaboration id="collab">
      <{p}participant id="p1" name="Person" processRef="P1"/>
      <{p}participant id="p2" name="Toaster" processRef="P2"/>
      <{p}messageFlow id="m1" sourceRef="x1" targetRef="y1"/>
      <{p}messageFlow id="m2" sourceRef="y2" targetRef="x2"/>
    </{p}collaboration>
    <{p}process id="P1" name="Toast zubereiten">
    """
    + chain(
        ("startEvent", "x0", "Hunger"),
        ("sendTask", "x1", "Toastbrot in den Toaster stecken"),
        ("receiveTask", "x2", "Toast entnehmen"),
        ("manualTask", "x3", "Butter auf den Toast streichen"),
        ("endEvent", "x4", "Fertig"),
    )
    + '</{p}process><{p}process id="P2">'
    + chain(
        ("startEvent", "y1", "Scheibe eingelegt"),
        ("task", "y2", "Brot toasten"),
        ("endEvent", "y3", "Toast ausgeworfen"),
    ).replace('id="f', 'id="g')
    + "</{p}process>"
)


def test_lanes_and_pools_are_the_same_roles() -> None:
    lanes = Drawing("lanes.bpmn", read_bpmn(LANES.encode()))
    pools = Drawing("pools.bpmn", read_bpmn(POOLS.encode()))
    result = compare([lanes, pools], model=MODEL)
    toasting = step_of(result, "lanes.bpmn", "Brot toasten")
    assert step_of(result, "pools.bpmn", "Brot toasten") == toasting
    assert step_of(result, "pools.bpmn", "Toastbrot in den Toaster stecken") == step_of(
        result, "lanes.bpmn", "Brot in den Toaster stecken"
    )
    step = next(s for s in result.steps if s.key == toasting)
    assert step.role == "Toaster"
    # the message flows carry the order across pools: no order differences
    assert result.orders == []
    # both show the roles Person and Toaster: nothing to say about roles
    assert not [h for hints in result.hints.values() for h in hints if h.kind == "role"]
    # the combined view has one lane per shared role
    lanes_drawn = {lane.name for lane in result.combined.processes[0].walk_lanes()}
    assert lanes_drawn == {"Person", "Toaster"}


def test_drawing_without_roles_is_told_about_them() -> None:
    lanes = Drawing("lanes.bpmn", read_bpmn(LANES.encode()))
    pools = Drawing("pools.bpmn", read_bpmn(POOLS.encode()))
    result = compare([lanes, pools, ANNA], model=MODEL)
    roles = [h.text for h in result.hints[2] if h.kind == "role"]
    assert roles and "keine Rollen" in roles[0] and "„Toaster“" in roles[0]


WITH_EXCEPTION = drawing(
    "dirk.bpmn",
    ("startEvent", "s", "Hunger"),
    ("manualTask", "a", "Brot holen"),
    ("task", "b", "Brot toasten"),
    ("exclusiveGateway", "g", "Toast goldbraun?"),
    ("manualTask", "c", "Toast mit Butter bestreichen"),
    ("endEvent", "e", "Toast fertig"),
    extra=(
        '<{p}boundaryEvent id="x" name="Toaster defekt" attachedToRef="b">'
        '<{p}errorEventDefinition id="xd"/></{p}boundaryEvent>'
        '<{p}manualTask id="y" name="Sicherung prüfen"/>'
        '<{p}endEvent id="z" name="Kein Toast"/>'
        '<{p}sequenceFlow id="fx" sourceRef="x" targetRef="y"/>'
        '<{p}sequenceFlow id="fy" sourceRef="y" targetRef="z"/>'
        '<{p}sequenceFlow id="fn" name="nein, zu hell" sourceRef="g" targetRef="b"/>'
    ),
)


def test_exception_paths_and_decisions_others_draw() -> None:
    result = compare([ANNA, WITH_EXCEPTION], model=MODEL, facts=Facts(exception_rate=0.1))
    hints = {h.kind: h.text for h in result.hints[0]}
    assert hints["exception"] == (
        "Ausnahme „Toaster defekt“ → „Sicherung prüfen“ → „Kein Toast“ – gezeichnet von „dirk.bpmn“."
    )
    assert "„Toast goldbraun?“" in hints["decision"]
    assert not [h for h in result.hints[1] if h.kind in ("exception", "decision")]
    assert any("„Toast goldbraun?“ entscheiden nur „dirk.bpmn“" in d.text for d in result.decisions)
    # the exception and the decision show in the automation estimate
    effects = " ".join(e.text for e in result.estimate.effects)
    assert "Entscheidung „Toast goldbraun?“" in effects
    assert "10\u202f%" in result.estimate.notes[0]  # the one German percent


def test_differing_orders() -> None:
    butter_first = drawing(
        "ben.bpmn",
        ("startEvent", "s", "Hunger"),
        ("manualTask", "a", "Brot holen"),
        ("manualTask", "c", "Butter aus dem Kühlschrank holen"),
        ("task", "b", "Brot toasten"),
        ("endEvent", "e", "Toast fertig"),
    )
    butter_last = drawing(
        "carla.bpmn",
        ("startEvent", "s", "Hunger"),
        ("manualTask", "a", "Brot holen"),
        ("task", "b", "Brot toasten"),
        ("manualTask", "c", "Butter aus dem Kühlschrank holen"),
        ("endEvent", "e", "Toast fertig"),
    )
    result = compare([butter_first, butter_last], model=MODEL)
    texts = [o.text for o in result.orders]
    assert texts == [
        "„Butter aus dem Kühlschrank holen“ und „Brot toasten“: „Butter aus dem Kühlschrank "
        "holen“ zuerst bei „ben.bpmn“; „Brot toasten“ zuerst bei „carla.bpmn“."
    ]


def test_corrections_are_kept_and_checked() -> None:
    automatic = compare([ANNA, BEN], model=MODEL)
    groups = automatic.groups()
    # the pilot says: Ben's "Toastbrot holen" is a step of its own
    fixed = Corrections(tuple(tuple(ref for ref in g if ref != (1, "a")) for g in groups))
    corrected = compare([ANNA, BEN], model=MODEL, corrections=fixed)
    assert step_of(corrected, "ben.bpmn", "Toastbrot holen") != step_of(
        corrected, "anna.bpmn", "Brot aus dem Schrank holen"
    )
    assert corrected.groups() != groups
    with pytest.raises(AlignmentError, match="gibt"):
        compare([ANNA, BEN], model=MODEL, corrections=Corrections((((0, "nicht-da"),),)))
    with pytest.raises(AlignmentError, match="derselben Zeichnung"):
        compare([ANNA, BEN], model=MODEL, corrections=Corrections((((0, "a"), (0, "b")),)))


def test_one_drawing_is_no_comparison() -> None:
    with pytest.raises(WorkshopError, match="mindestens zwei"):
        compare([ANNA], model=MODEL)


def test_html_shows_drawings_coloured_and_the_lists() -> None:
    result = compare([ANNA, BEN, CARLA], model=MODEL)
    page = render_html(result, generated_at=datetime(2026, 3, 2, 9, 30, tzinfo=UTC))
    assert page.count('<svg xmlns="http://www.w3.org/2000/svg"') == 4  # combined + three
    for name in ("anna.bpmn", "ben.bpmn", "carla.bpmn"):
        assert f">{name}</h3>" in page
    assert page.count("Was fehlt Ihnen vielleicht?") == 3
    assert f'fill="{AGREEMENT_COLOURS["one"]}"' in page  # Krümelschublade
    assert f'fill="{AGREEMENT_COLOURS["all"]}"' in page
    assert "@media print" in page
    # offline: nothing is fetched from elsewhere
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)


def test_german_names_are_compared_by_meaning() -> None:
    assert name_similarity("Brot toasten", "Toastbrot in den Toaster") > 0.7
    assert name_similarity("Antrag prüfen", "Anträge prüfen") == 1.0
    assert name_similarity("Kaffee kochen", "Brot toasten") == 0.0
    assert (
        name_similarity("Zahlung im Kassenverfahren verbuchen", "Zahlungseingang verbuchen") > 0.45
    )


def _office(name: str, *labels: str) -> Drawing:
    kinds = ["startEvent", *["task"] * len(labels), "endEvent"]
    names = ["Antrag eingegangen", *labels, "Vorgang erledigt"]
    nodes = [(k, f"n{i}", n) for i, (k, n) in enumerate(zip(kinds, names, strict=True))]
    body = simple_process(chain(*nodes), name="Antrag bearbeiten")
    return Drawing(name, read_bpmn(document(body).encode()))


def test_verbal_nominal_done_and_synonymous_names_align() -> None:
    """Three colleagues, three styles: the same work is one step, other work stays apart."""
    comparison = compare(
        [
            _office("a.bpmn", "Antrag erfassen", "Antrag prüfen", "Bescheid versenden"),
            _office("b.bpmn", "Erfassung", "Prüfung des Antrags", "Bescheid verschicken"),
            _office(
                "c.bpmn", "Antrag wird erfasst", "Antrag kontrolliert", "Versand des Bescheids"
            ),
        ],
        model=MODEL,
    )
    for a, b, c in (
        ("Antrag prüfen", "Prüfung des Antrags", "Antrag kontrolliert"),
        ("Bescheid versenden", "Bescheid verschicken", "Versand des Bescheids"),
        ("Antrag erfassen", "Erfassung", "Antrag wird erfasst"),
    ):
        key = step_of(comparison, "a.bpmn", a)
        assert step_of(comparison, "b.bpmn", b) == key, (a, b)
        assert step_of(comparison, "c.bpmn", c) == key, (a, c)
    assert step_of(comparison, "a.bpmn", "Antrag erfassen") != step_of(
        comparison, "a.bpmn", "Antrag prüfen"
    )
    assert name_similarity("Bescheid versenden", "Bescheid verschicken") == 1.0
    assert name_similarity("Bescheid versenden", "Bescheid erstellen") < 0.7


def test_colleagues_styles_align_without_joining_different_work() -> None:
    """Six processes drawn by three colleagues each (tests/processes/workshop_styles.py)."""
    precision, recall, right, gold = alignment_quality(MODEL)
    assert precision == 1.0  # never two different steps in one
    assert recall >= 0.78, f"{right} of {gold} pairs"  # stems alone: 65 %
