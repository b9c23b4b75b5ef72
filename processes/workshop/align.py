"""Which steps of several drawings are the same step: alignment by meaning, not by id.

Every pair of steps from two different drawings gets a score from the name
(German-aware word similarity, compounds included), the kind of element, the
role (lane or pool) and the position in the flow. Pairs are then joined
greedily, best first, into groups that hold at most one step per drawing; a
join must keep the mean score between the two groups above a threshold, so
that a chain of weak look-alikes does not pull unrelated steps together.

A pilot can correct the result: groups given as ``fixed`` are taken as they
are, and the rest is aligned around them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

from processes.workshop.steps import DrawingSteps, Occurrence
from processes.workshop.wording import name_similarity, rarity

Ref = tuple[int, str]  # (drawing index, element id)

THRESHOLD = 0.55
# Two named steps with less in common than this are never the same step,
# however well role and position fit.
MIN_NAME = 0.45
WEIGHT_NAME = 0.65
WEIGHT_ROLE = 0.10
WEIGHT_POSITION = 0.25
# How well kinds of steps stand in for each other (symmetric; missing pairs: 0).
_FAMILY_FIT = {
    ("activity", "activity"): 1.0,
    ("decision", "decision"): 1.0,
    ("start", "start"): 1.0,
    ("end", "end"): 1.0,
    ("event", "event"): 1.0,
    # "Toaster defekt" as an error event in one drawing, as a task in another
    ("activity", "event"): 0.8,
    ("end", "event"): 0.7,
}
# Pairs of steps grow with the square of the steps: 600 steps take about 13 s on
# these machines (mostly the estimate), 1500 over two minutes. Callers that answer a
# person waiting (the web) pass a lower limit.
MAX_OCCURRENCES = 3000


class AlignmentError(ValueError):
    """A correction cannot be applied; the message says why, in German."""


@dataclass(frozen=True, slots=True)
class Group:
    """One aligned step: the occurrences that are the same step, at most one per drawing."""

    members: tuple[Occurrence, ...]

    @property
    def drawings(self) -> frozenset[int]:
        return frozenset(m.drawing for m in self.members)


def family_fit(a: str, b: str) -> float:
    return _FAMILY_FIT.get((a, b)) or _FAMILY_FIT.get((b, a)) or 0.0


def pair_score(a: Occurrence, b: Occurrence, weights: Mapping[str, float] | None = None) -> float:
    """How likely two steps of different drawings are the same step: 0 … 1."""
    fit = family_fit(a.family, b.family)
    if fit == 0.0 or a.drawing == b.drawing:
        return 0.0
    name = _name_score(a, b, weights)
    if name is None:
        return 0.0
    if a.role and b.role:
        role = 1.0 if name_similarity(a.role, b.role) >= 0.5 or a.role == b.role else 0.0
    else:
        role = 0.5  # one drawing shows no roles: neither for nor against
    position = 1.0 - abs(a.position - b.position)
    if a.exception != b.exception:
        position *= 0.6
    return fit * (WEIGHT_NAME * name + WEIGHT_ROLE * role + WEIGHT_POSITION * position)


def _name_score(a: Occurrence, b: Occurrence, weights: Mapping[str, float] | None) -> float | None:
    """Name similarity, or None when the names rule the pair out."""
    if a.named and b.named:
        similarity = name_similarity(a.label, b.label, weights)
        if a.family in ("start", "end") and a.family == b.family:
            # most drawings have one start and one main end, whatever they call it
            return max(similarity, 0.5)
        return similarity if similarity >= MIN_NAME else None
    if a.family == "decision" and b.family == "decision" and a.branches and b.branches:
        # unnamed decisions: what their branches say ("defekt" / "funktioniert")
        return name_similarity(" ".join(a.branches), " ".join(b.branches), weights)
    if a.family in ("start", "end") and a.family == b.family:
        return 0.7 if not (a.named or b.named) else 0.5
    return 0.3  # an unnamed step: only position, role and kind can speak


def align(
    drawings: Sequence[DrawingSteps],
    fixed: Sequence[Sequence[Ref]] = (),
    *,
    max_steps: int = MAX_OCCURRENCES,
) -> list[Group]:
    """Group the steps of all drawings. Pure; deterministic for the same input."""
    occurrences = {o.ref: o for d in drawings for o in d.steps}
    if len(occurrences) > max_steps:
        raise AlignmentError(
            f"Die Zeichnungen haben zusammen {len(occurrences)} Schritte; verglichen werden "
            f"höchstens {max_steps}. Bitte vergleichen Sie kleinere Ausschnitte."
        )
    clusters: dict[int, list[Ref]] = {}
    owner: dict[Ref, int] = {}
    frozen: set[int] = set()
    for number, refs in enumerate(_checked(fixed, occurrences)):
        clusters[number] = list(refs)
        frozen.add(number)
        for ref in refs:
            owner[ref] = number
    for ref in occurrences:
        if ref not in owner:
            number = len(clusters)
            clusters[number] = [ref]
            owner[ref] = number

    free = [ref for ref in occurrences if owner[ref] not in frozen]
    weights = rarity(o.label for o in occurrences.values() if o.named)
    scores: dict[tuple[Ref, Ref], float] = {}
    for a, b in combinations(free, 2):
        score = pair_score(occurrences[a], occurrences[b], weights)
        if score >= THRESHOLD:
            scores[(a, b)] = scores[(b, a)] = score
    ranked = sorted(
        ((score, a, b) for (a, b), score in scores.items() if a < b),
        key=lambda item: (-item[0], item[1], item[2]),
    )
    for _score, a, b in ranked:
        left, right = owner[a], owner[b]
        if left == right:
            continue
        if {r[0] for r in clusters[left]} & {r[0] for r in clusters[right]}:
            continue  # one step per drawing in a group
        pairs = [(x, y) for x in clusters[left] for y in clusters[right]]
        mean = sum(scores.get(p, 0.0) for p in pairs) / len(pairs)
        if mean < THRESHOLD:
            continue
        clusters[left].extend(clusters.pop(right))
        for ref in clusters[left]:
            owner[ref] = left
    groups = [
        Group(tuple(sorted((occurrences[r] for r in refs), key=lambda o: o.drawing)))
        for refs in clusters.values()
    ]
    groups.sort(key=_group_order)
    return groups


def _group_order(group: Group) -> tuple[float, int, str]:
    mean = sum(m.position for m in group.members) / len(group.members)
    first = group.members[0]
    family_rank = {"start": 0, "end": 2}.get(first.family, 1)
    return (family_rank * 10 + mean, -len(group.members), representative(group).label)


def _checked(fixed: Sequence[Sequence[Ref]], occurrences: dict[Ref, Occurrence]) -> list[list[Ref]]:
    """Corrections as valid groups: known steps, each once, one per drawing."""
    seen: set[Ref] = set()
    result: list[list[Ref]] = []
    for refs in fixed:
        group = [(int(d), str(e)) for d, e in refs]
        if not group:
            continue
        for ref in group:
            if ref not in occurrences:
                raise AlignmentError(
                    f"Die Zuordnung nennt den Schritt „{ref[1]}“ in Zeichnung {ref[0] + 1}, "
                    "den es dort nicht gibt."
                )
            if ref in seen:
                raise AlignmentError(
                    f"„{occurrences[ref].label}“ ist mehreren Schritten zugeordnet; "
                    "jeder Schritt einer Zeichnung gehört zu genau einem gemeinsamen Schritt."
                )
            seen.add(ref)
        drawings = [d for d, _ in group]
        if len(set(drawings)) != len(drawings):
            labels = ", ".join(f"„{occurrences[r].label}“" for r in group)
            raise AlignmentError(
                f"Ein gemeinsamer Schritt enthält mehrere Schritte derselben Zeichnung ({labels})."
            )
        result.append(group)
    return result


def representative(group: Group) -> Occurrence:
    """The member whose name says best what the others say (named ones first)."""
    members = group.members

    def closeness(member: Occurrence) -> tuple[int, float, int, str]:
        others = sum(name_similarity(member.label, o.label) for o in members if o is not member)
        return (int(member.named), others, -len(member.label), member.label)

    return max(members, key=closeness)
