"""What the trainer says in the debrief: what each drawing may lack, where the drawings differ."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from statistics import median

from processes.workshop.aligned import Step
from processes.workshop.steps import DrawingSteps
from processes.workshop.wording import name_similarity, name_tokens

HINT_KINDS = {
    "majority": "Schritte, die die meisten anderen haben",
    "exception": "Ausnahmen und Enden",
    "decision": "Entscheidungen, die andere ausdrücklich zeichnen",
    "role": "Rollen und Übergaben",
}
MAX_ORDER_DIFFERENCES = 25


@dataclass(frozen=True, slots=True)
class Hint:
    """One line of "Was fehlt Ihnen vielleicht"."""

    kind: str  # a key of HINT_KINDS
    text: str
    step: str | None = None  # the step's key, when the hint is about one step


@dataclass(frozen=True, slots=True)
class DecisionDifference:
    step: str
    text: str


@dataclass(frozen=True, slots=True)
class OrderDifference:
    first: str
    second: str
    text: str


def _who(indexes: Sequence[int], drawings: Sequence[DrawingSteps]) -> str:
    names = [f"„{drawings[i].name}“" for i in sorted(indexes)]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " und " + names[-1]


def hints_for(
    index: int,
    steps: Sequence[Step],
    drawings: Sequence[DrawingSteps],
    missing: Sequence[Step],
    links: Collection[tuple[str, str]],
) -> list[Hint]:
    """Pure: "Was fehlt Ihnen vielleicht" for one drawing."""
    total = len(drawings)
    hints: list[Hint] = []
    for step in missing:
        if step.family in ("activity", "event", "start", "end") and not step.exception:
            hints.append(
                Hint(
                    "majority",
                    f"„{step.label}“ – {step.count} von {total} Zeichnungen haben diesen Schritt.",
                    step.key,
                )
            )
    for path in exception_paths(steps, links):
        if any(index in step.members for step in path):
            continue
        holders = sorted({d for step in path for d in step.members})
        shown = " → ".join(f"„{step.label}“" for step in path)
        hints.append(
            Hint(
                "exception",
                f"Ausnahme {shown} – gezeichnet von {_who(holders, drawings)}.",
                path[0].key,
            )
        )
    for step in steps:
        if step.family != "decision" or index in step.members:
            continue
        if step.count >= max(1, total // 2):  # half of the others, at least one
            hints.append(
                Hint(
                    "decision",
                    f"„{step.label}“ – {step.count} von {total} Zeichnungen entscheiden hier "
                    "ausdrücklich; bei Ihnen steckt die Entscheidung vielleicht in einem Schritt.",
                    step.key,
                )
            )
    hints += _role_hints(index, drawings)
    return hints


def exception_paths(steps: Sequence[Step], links: Collection[tuple[str, str]]) -> list[list[Step]]:
    """Exception steps that follow each other, as paths in the order of the flow."""
    exceptional = {s.key: s for s in steps if s.exception}
    order = {s.key: i for i, s in enumerate(steps)}
    neighbours: dict[str, set[str]] = {key: set() for key in exceptional}
    for source, target in links:
        if source in exceptional and target in exceptional:
            neighbours[source].add(target)
            neighbours[target].add(source)
    paths: list[list[Step]] = []
    seen: set[str] = set()
    for key in exceptional:
        if key in seen:
            continue
        component, stack = [], [key]
        seen.add(key)
        while stack:
            current = stack.pop()
            component.append(current)
            for other in neighbours[current] - seen:
                seen.add(other)
                stack.append(other)
        paths.append([exceptional[k] for k in sorted(component, key=order.__getitem__)])
    return paths


def _role_hints(index: int, drawings: Sequence[DrawingSteps]) -> list[Hint]:
    own = drawings[index].roles
    others = [d for d in drawings if d.index != index]
    counted: list[tuple[str, list[int]]] = []
    for drawing in others:
        for role in drawing.roles:
            for seen, holders in counted:
                if same_role(seen, role):
                    if drawing.index not in holders:
                        holders.append(drawing.index)
                    break
            else:
                counted.append((role, [drawing.index]))
    hints: list[Hint] = []
    wanted = max(2, (len(others) + 1) // 2)  # at least two others, and half of them
    lacking = [
        (role, holders)
        for role, holders in counted
        if len(holders) >= min(wanted, len(others)) and not any(same_role(role, r) for r in own)
    ]
    if lacking and not own:
        hints.append(
            Hint(
                "role",
                "Ihre Zeichnung zeigt keine Rollen (Lanes oder Pools); andere zeigen "
                + ", ".join(f"„{role}“" for role, _ in lacking)
                + ". Wer macht welchen Schritt?",
            )
        )
    else:
        for role, holders in lacking:
            hints.append(Hint("role", f"Rolle „{role}“ – bei {_who(holders, drawings)}."))
    other_hand_offs = [d.hand_offs for d in others]
    typical = median(other_hand_offs) if other_hand_offs else 0
    mine = drawings[index].hand_offs
    if typical >= 1 and mine < typical:
        hints.append(
            Hint(
                "role",
                f"Übergaben zwischen Rollen: bei Ihnen {mine}, bei den anderen im Mittel "
                f"{typical:g}. Wer gibt die Arbeit an wen weiter?",
            )
        )
    return hints


def same_role(a: str, b: str) -> bool:
    return a.strip().lower() == b.strip().lower() or name_similarity(a, b) >= 0.5


def decision_differences(
    steps: Sequence[Step], drawings: Sequence[DrawingSteps]
) -> list[DecisionDifference]:
    """Decisions some drawings make and others not, and decisions with other branches."""
    differences: list[DecisionDifference] = []
    total = len(drawings)
    for step in steps:
        if step.family != "decision":
            continue
        if step.count < total:
            differences.append(
                DecisionDifference(
                    step.key,
                    f"„{step.label}“ entscheiden nur {_who(step.present_in, drawings)} "
                    f"ausdrücklich ({step.count} von {total}).",
                )
            )
        branches: dict[int, tuple[str, ...]] = {}
        for index, element in step.members.items():
            occurrence = drawings[index].by_id[element]
            branches[index] = occurrence.branches
        if len({_branch_key(b) for b in branches.values()}) > 1:
            shown = "; ".join(
                f"{_who([i], drawings)}: {' / '.join(b) if b else 'Wege ohne Beschriftung'}"
                for i, b in sorted(branches.items())
            )
            differences.append(
                DecisionDifference(step.key, f"„{step.label}“ hat verschiedene Wege – {shown}.")
            )
    return differences


def _branch_key(branches: tuple[str, ...]) -> frozenset[str]:
    # "nein, noch zu hell" and "nein, zu hell" say the same
    return frozenset(" ".join(name_tokens(b)) for b in branches)


def order_differences(
    steps: Sequence[Step], drawings: Sequence[DrawingSteps]
) -> list[OrderDifference]:
    """Pairs of neighbouring steps that the drawings put in different orders."""
    key_of = {(i, e): s.key for s in steps for i, e in s.members.items()}
    label = {s.key: s.label for s in steps}
    element_of = {s.key: s.members for s in steps}
    candidates: list[tuple[str, str]] = []
    for drawing in drawings:
        for source, targets in drawing.successors.items():
            for target in sorted(targets):
                a, b = key_of.get((drawing.index, source)), key_of.get((drawing.index, target))
                if a and b and a != b and (a, b) not in candidates and (b, a) not in candidates:
                    candidates.append((a, b))
    differences: list[OrderDifference] = []
    for a, b in candidates:
        relations: dict[int, str] = {}
        for drawing in drawings:
            if drawing.reachable is None:
                continue
            ea, eb = element_of[a].get(drawing.index), element_of[b].get(drawing.index)
            if ea is None or eb is None:
                continue
            forward = eb in drawing.reachable.get(ea, set())
            backward = ea in drawing.reachable.get(eb, set())
            if forward and backward:
                continue  # in one loop: no order to compare
            relations[drawing.index] = "before" if forward else "after" if backward else "parallel"
        if len(set(relations.values())) < 2:
            continue
        by_relation: dict[str, list[int]] = {}
        for index, relation in relations.items():
            by_relation.setdefault(relation, []).append(index)
        said = {
            "before": f"„{label[a]}“ zuerst",
            "after": f"„{label[b]}“ zuerst",
            "parallel": "beides unabhängig voneinander",
        }
        parts = [
            f"{said[r]} bei {_who(by_relation[r], drawings)}"
            for r in ("before", "after", "parallel")
            if r in by_relation
        ]
        differences.append(
            OrderDifference(a, b, f"„{label[a]}“ und „{label[b]}“: " + "; ".join(parts) + ".")
        )
        if len(differences) >= MAX_ORDER_DIFFERENCES:
            break
    return differences
