"""The pilot corrects an alignment: join steps that mean the same, split one out of a group."""

from __future__ import annotations

from functools import cache

import pytest

from bpmn import read_bpmn
from processes.scoring import load_model
from processes.workshop import AlignmentError, Comparison, Corrections, Drawing, compare
from processes.workshop.align import Ref
from processes.workshop.aligned import Step
from processes.workshop.corrections import refs_of
from tests.conftest import SAMPLES

MODEL = load_model()


@cache
def toast() -> tuple[Drawing, ...]:
    """The five toast drawings of the samples, as a trainer brings them to the debrief."""
    return tuple(
        Drawing(path.name, read_bpmn(path.read_bytes()))
        for path in sorted((SAMPLES / "workshop" / "toast").glob("*.bpmn"))
    )


def ref(comparison: Comparison, name: str, label: str) -> Ref:
    """The reference of the step ``label`` in drawing ``name``."""
    index = comparison.names.index(name)
    (found,) = [s.ref for s in comparison.steps_by_drawing[index].steps if s.label == label]
    return found


def step_holding(comparison: Comparison, reference: Ref) -> Step:
    (step,) = [s for s in comparison.steps if reference in refs_of(s)]
    return step


def groups(comparison: Comparison) -> set[frozenset[Ref]]:
    return {frozenset(refs_of(s)) for s in comparison.steps}


def test_joining_two_steps_that_mean_the_same() -> None:
    automatic = compare(toast(), model=MODEL)
    dirk = ref(automatic, "dirk.bpmn", "Toastscheiben einlegen")
    carla = ref(automatic, "carla.bpmn", "Brot in den Toaster stecken")
    # Lotse does not see the synonym: Dirk's step stands alone, Carla's is with Anna's.
    assert step_holding(automatic, dirk).count == 1
    inserting = step_holding(automatic, carla)
    assert inserting.present_in == [0, 2]  # anna, carla
    assert not inserting.fixed

    corrections = automatic.corrections.join(automatic.steps, [dirk, carla], automatic.names)
    corrected = compare(toast(), model=MODEL, corrections=corrections)

    joined = step_holding(corrected, dirk)
    assert joined is step_holding(corrected, carla)
    assert joined.present_in == [0, 2, 3]  # anna, carla, dirk
    assert joined.agreement == "majority" and joined.fixed
    assert sum(s.fixed for s in corrected.steps) == 1
    # Three of five now have it: Ben and Emil are told, nobody else.
    data = corrected.to_json()
    lacking = {name for name, labels in data["missing"].items() if joined.label in labels}
    assert lacking == {"ben.bpmn", "emil.bpmn"}
    assert data["corrections"] == [
        [
            ["anna.bpmn", ref(automatic, "anna.bpmn", "Brotscheibe in den Toaster stecken")[1]],
            ["carla.bpmn", carla[1]],
            ["dirk.bpmn", dirk[1]],
        ]
    ]
    # Steps the pilot did not touch are aligned as before.
    untouched = groups(automatic) - {frozenset(refs_of(inserting)), frozenset([dirk])}
    assert untouched <= groups(corrected)
    assert len(corrected.steps) == len(automatic.steps) - 1


def test_splitting_a_step_out_of_its_group_and_undoing_it() -> None:
    automatic = compare(toast(), model=MODEL)
    emil = ref(automatic, "emil.bpmn", "Brot holen")
    anna = ref(automatic, "anna.bpmn", "Brot aus dem Schrank holen")
    assert step_holding(automatic, emil) is step_holding(automatic, anna)

    corrections = automatic.corrections.split(automatic.steps, emil)
    corrected = compare(toast(), model=MODEL, corrections=corrections)
    alone = step_holding(corrected, emil)
    assert alone.present_in == [4] and alone.fixed
    rest = step_holding(corrected, anna)
    assert emil not in refs_of(rest) and rest.fixed
    assert len(corrected.corrections) == 2

    # "Festlegung aufheben" on Emil's step: the split is undone, the rest stays fixed.
    released = corrected.corrections.release(emil)
    assert len(released) == 1
    # Both undone: the automatic alignment again.
    again = compare(toast(), model=MODEL, corrections=released.release(anna))
    assert groups(again) == groups(automatic)
    assert not any(s.fixed for s in again.steps)


def test_corrections_accumulate_and_replace_what_they_touch() -> None:
    automatic = compare(toast(), model=MODEL)
    dirk = ref(automatic, "dirk.bpmn", "Toastscheiben einlegen")
    carla = ref(automatic, "carla.bpmn", "Brot in den Toaster stecken")
    emil = ref(automatic, "emil.bpmn", "Brot holen")
    first = compare(
        toast(),
        model=MODEL,
        corrections=automatic.corrections.join(automatic.steps, [dirk, carla], automatic.names),
    )
    second = compare(toast(), model=MODEL, corrections=first.corrections.split(first.steps, emil))
    assert len(second.corrections) == 3  # the join, Emil alone, the rest of "Brot holen"
    # Taking Dirk's step out of the joined group replaces the join, nothing else.
    third = compare(toast(), model=MODEL, corrections=second.corrections.split(second.steps, dirk))
    assert step_holding(third, dirk).present_in == [3]
    assert step_holding(third, carla).present_in == [0, 2]
    assert step_holding(third, emil).present_in == [4]
    assert len(third.corrections) == 4


def test_impossible_corrections_are_explained() -> None:
    automatic = compare(toast(), model=MODEL)
    anna_holen = ref(automatic, "anna.bpmn", "Brot aus dem Schrank holen")
    anna_stecken = ref(automatic, "anna.bpmn", "Brotscheibe in den Toaster stecken")
    dirk = ref(automatic, "dirk.bpmn", "Toastscheiben einlegen")

    # Two steps of the same drawing cannot become one common step.
    with pytest.raises(AlignmentError) as raised:
        automatic.corrections.join(automatic.steps, [anna_holen, anna_stecken], automatic.names)
    message = str(raised.value)
    assert "„Brot aus dem Schrank holen“" in message and "„anna.bpmn“" in message
    assert "gehört nicht dazu" in message and "\n" not in message

    with pytest.raises(AlignmentError, match="mindestens zwei verschiedene Schritte"):
        automatic.corrections.join(automatic.steps, [dirk], automatic.names)
    with pytest.raises(AlignmentError, match="schon ein Schritt für sich"):
        automatic.corrections.split(automatic.steps, dirk)
    with pytest.raises(AlignmentError, match="neu"):
        automatic.corrections.split(automatic.steps, (3, "gibt-es-nicht"))


def test_corrections_travel_as_json_by_drawing_name() -> None:
    automatic = compare(toast(), model=MODEL)
    dirk = ref(automatic, "dirk.bpmn", "Toastscheiben einlegen")
    carla = ref(automatic, "carla.bpmn", "Brot in den Toaster stecken")
    corrections = automatic.corrections.join(automatic.steps, [dirk, carla], automatic.names)
    data = corrections.to_json(automatic.names)
    assert Corrections.from_json(data, automatic.names) == corrections
    # The same drawings in another order (another machine, another folder listing).
    names = list(reversed(automatic.names))
    moved = Corrections.from_json(data, names)
    reordered = compare(tuple(reversed(toast())), model=MODEL, corrections=moved)
    joined = step_holding(reordered, (names.index("dirk.bpmn"), dirk[1]))
    assert sorted(reordered.names[i] for i in joined.present_in) == [
        "anna.bpmn",
        "carla.bpmn",
        "dirk.bpmn",
    ]


@pytest.mark.parametrize(
    ("data", "says"),
    [
        ({"anna.bpmn": "x"}, "keine Liste"),
        ([[]], "Liste von"),
        ([["anna.bpmn", "x"]], "Liste von"),
        ([[["anna.bpmn", 3]]], "Liste von"),
        ([[["fremd.bpmn", "Task_1"]]], "„fremd.bpmn“"),
        ([[["anna.bpmn", "x"]]] * 3001, "Mehr als 3000"),
    ],
)
def test_wrong_corrections_json_is_refused_in_german(data: object, says: str) -> None:
    with pytest.raises(AlignmentError, match=says):
        Corrections.from_json(data, ["anna.bpmn", "ben.bpmn"])
