"""Compare what several pilots drew of one process: the data a debrief needs.

    comparison = compare([Drawing("anna.bpmn", defs_a), Drawing("ben.bpmn", defs_b)],
                         model=load_model(), facts=Facts(), corrections=Corrections())

Pure: the drawings come in read, nothing is read or written here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from bpmn.model import Definitions, Event
from processes.facts import Facts
from processes.scoring.model import ScoringModel
from processes.workshop.align import MAX_OCCURRENCES, Group, Ref, align, representative
from processes.workshop.aligned import AGREEMENT_COLOURS, Step
from processes.workshop.combined import StepNode, build_model, step_links
from processes.workshop.corrections import Corrections
from processes.workshop.debrief import (
    DecisionDifference,
    Hint,
    OrderDifference,
    decision_differences,
    hints_for,
    order_differences,
    same_role,
)
from processes.workshop.estimate import Estimate, estimate
from processes.workshop.steps import DrawingSteps, drawing_steps


class WorkshopError(ValueError):
    """The drawings cannot be compared; the message says why, in German."""


@dataclass(frozen=True, slots=True)
class Drawing:
    """One pilot's drawing: the name people know it by (the file name) and the read model."""

    name: str
    defs: Definitions


@dataclass(slots=True)
class Comparison:
    title: str
    drawings: list[Drawing]
    steps_by_drawing: list[DrawingSteps]
    steps: list[Step]
    hints: dict[int, list[Hint]]
    decisions: list[DecisionDifference]
    orders: list[OrderDifference]
    estimate: Estimate
    combined: Definitions
    notes: list[str] = field(default_factory=list)
    corrections: Corrections = field(default_factory=Corrections)

    @property
    def names(self) -> list[str]:
        return [d.name for d in self.drawings]

    def missing(self, index: int) -> list[Step]:
        """Steps present in the majority of drawings but not in this one."""
        return [s for s in self.steps if s.in_majority and index not in s.members]

    def colours(self, index: int | None) -> dict[str, str]:
        """Element id -> agreement colour, for one drawing or (None) the combined view."""
        result: dict[str, str] = {}
        for step in self.steps:
            colour = AGREEMENT_COLOURS[step.agreement]
            if index is None:
                result[step.key] = colour
            elif index in step.members:
                result[step.members[index]] = colour
        return result

    def groups(self) -> list[list[Ref]]:
        """The alignment as plain references, as corrections are given back."""
        return [[(d, e) for d, e in sorted(step.members.items())] for step in self.steps]

    def to_json(self) -> dict[str, Any]:
        """The ``lotse workshop compare --json`` contract (DESIGN.md), plus details."""
        names = self.names
        return {
            "title": self.title,
            "drawings": names,
            "steps": [
                {
                    "key": s.key,
                    "label": s.label,
                    "kind": s.kind,
                    "role": s.role or None,
                    "exception": s.exception,
                    "present_in": [names[i] for i in s.present_in],
                    "names": {names[i]: label for i, label in sorted(s.labels.items())},
                    "elements": {names[i]: e for i, e in sorted(s.members.items())},
                    "fixed": s.fixed,
                }
                for s in self.steps
            ],
            "missing": {name: [s.label for s in self.missing(i)] for i, name in enumerate(names)},
            "hints": {
                names[i]: [{"kind": h.kind, "text": h.text} for h in hints]
                for i, hints in sorted(self.hints.items())
            },
            "decisions": [d.text for d in self.decisions],
            "orders": [o.text for o in self.orders],
            "estimate": self.estimate.to_json(names),
            "notes": self.notes,
            # what the pilot corrected, to compare again with the same corrections
            "corrections": self.corrections.to_json(names),
        }


def compare(
    drawings: Sequence[Drawing],
    *,
    model: ScoringModel,
    facts: Facts | None = None,
    corrections: Corrections | None = None,
    title: str | None = None,
    max_steps: int = MAX_OCCURRENCES,
) -> Comparison:
    """Align the steps of the drawings and work out everything the debrief shows.

    ``corrections`` are the pilot's fixed groups: taken as they are, the rest is
    aligned around them (an :class:`AlignmentError` when one names an unknown step).
    More than ``max_steps`` steps in all drawings are refused (an AlignmentError).
    """
    corrections = corrections or Corrections()
    if len(drawings) < 2:
        raise WorkshopError("Für einen Vergleich braucht es mindestens zwei Zeichnungen.")
    per_drawing = [drawing_steps(d.defs, i, d.name) for i, d in enumerate(drawings)]
    notes = [
        f"In „{d.name}“ ist kein Schritt gezeichnet."
        for d, s in zip(drawings, per_drawing, strict=True)
        if not s.steps
    ]
    notes += [
        f"„{d.name}“ ist zu groß, um die Reihenfolge zu vergleichen."
        for d, s in zip(drawings, per_drawing, strict=True)
        if s.reachable is None
    ]
    groups = align(per_drawing, corrections.groups, max_steps=max_steps)
    roles = role_names(per_drawing)
    steps = _steps(groups, drawings, roles, corrections)
    key_of = {(i, element): s.key for s in steps for i, element in s.members.items()}
    links = step_links(per_drawing, key_of)
    name = title or _title(drawings)
    shared = {role for role, holders in roles.values() if len(holders) >= 2}
    nodes = [_step_node(s, drawings, shared) for s in steps]
    combined = build_model(nodes, links, name=name)
    comparison = Comparison(
        title=name,
        drawings=list(drawings),
        steps_by_drawing=per_drawing,
        steps=steps,
        hints={},
        decisions=decision_differences(steps, per_drawing),
        orders=order_differences(steps, per_drawing),
        estimate=estimate(
            steps,
            nodes,
            links,
            drawing_count=len(drawings),
            name=name,
            model=model,
            facts=facts or Facts(),
        ),
        combined=combined,
        notes=notes,
        corrections=corrections,
    )
    comparison.hints = {
        i: hints_for(i, steps, per_drawing, comparison.missing(i), links)
        for i in range(len(drawings))
    }
    return comparison


def distinct_names(names: Sequence[str]) -> list[str]:
    """Names as people know them (file names), the same one twice made "name (2)".

    The results and the JSON use the names as keys, so each must be unique.
    """
    result: list[str] = []
    for name in names:
        candidate, number = name, 1
        while candidate in result:
            number += 1
            candidate = f"{name} ({number})"
        result.append(candidate)
    return result


def role_names(drawings: Sequence[DrawingSteps]) -> dict[str, tuple[str, set[int]]]:
    """Each role name -> (the name most drawings use for that role, the drawings that have it).

    "Kasse" and "Stadtkasse" are one role; "Person" and "Ich" stay two (names only).
    """
    clusters: list[tuple[Counter[str], set[int]]] = []
    for drawing in drawings:
        for role in drawing.roles:
            for names, holders in clusters:
                if any(same_role(role, known) for known in names):
                    names[role] += 1
                    holders.add(drawing.index)
                    break
            else:
                clusters.append((Counter({role: 1}), {drawing.index}))
    result: dict[str, tuple[str, set[int]]] = {}
    for names, holders in clusters:
        canonical = names.most_common(1)[0][0]
        for name in names:
            result[name] = (canonical, holders)
    return result


def _steps(
    groups: list[Group],
    drawings: Sequence[Drawing],
    role_of: dict[str, tuple[str, set[int]]],
    corrections: Corrections,
) -> list[Step]:
    fixed = set(corrections.groups)
    steps = []
    for number, group in enumerate(groups, start=1):
        best = representative(group)
        roles = Counter(role_of[m.role][0] for m in group.members if m.role in role_of)
        steps.append(
            Step(
                key=f"S{number}",
                label=best.label,
                kind=best.kind,
                family=best.family,
                role=roles.most_common(1)[0][0] if roles else "",
                exception=sum(m.exception for m in group.members) * 2 >= len(group.members),
                members={m.drawing: m.element_id for m in group.members},
                labels={m.drawing: m.label for m in group.members},
                drawing_count=len(drawings),
                fixed=tuple(sorted(m.ref for m in group.members)) in fixed,
            )
        )
    return steps


def _step_node(step: Step, drawings: Sequence[Drawing], shared_roles: set[str]) -> StepNode:
    """The combined view gets lanes only for roles that two or more drawings show."""
    index, element = min(step.members.items())
    node = drawings[index].defs.index.get(element)
    definitions = tuple(node.definitions) if isinstance(node, Event) else ()
    role = step.role if step.role in shared_roles else ""
    return StepNode(step.key, step.label, step.kind, role, definitions)


def _title(drawings: Sequence[Drawing]) -> str:
    """The process name most drawings give, else the first pool's name."""
    names: Counter[str] = Counter()
    for drawing in drawings:
        for process in drawing.defs.processes:
            if process.label:
                names[process.label] += 1
        if not drawing.defs.processes or not any(p.label for p in drawing.defs.processes):
            for pool in drawing.defs.participants():
                if pool.label and pool.process_ref:
                    names[pool.label] += 1
                    break
    return names.most_common(1)[0][0] if names else "Workshop-Vergleich"
