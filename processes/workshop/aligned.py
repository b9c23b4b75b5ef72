"""One step of the combined view: which drawings have it, and how much they agree."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Step:
    """One step of the combined view."""

    key: str  # "S1", "S2" … in the order of the flow
    label: str
    kind: str
    family: str
    role: str
    exception: bool
    members: dict[int, str]  # drawing index -> element id in that drawing
    labels: dict[int, str]  # drawing index -> how that drawing names the step
    drawing_count: int
    fixed: bool = False  # the pilot fixed this step by hand (see corrections.py)

    @property
    def present_in(self) -> list[int]:
        return sorted(self.members)

    @property
    def count(self) -> int:
        return len(self.members)

    @property
    def agreement(self) -> str:
        """ "all", "majority", "some" (two or more) or "one"."""
        return agreement_level(self.count, self.drawing_count)

    @property
    def in_majority(self) -> bool:
        return self.count * 2 > self.drawing_count


def agreement_level(count: int, total: int) -> str:
    if count >= total:
        return "all"
    if count * 2 > total:
        return "majority"
    if count >= 2:
        return "some"
    return "one"


# Colour-blind-safe (blue/orange, diverging) fills; black text keeps enough contrast on all.
AGREEMENT_COLOURS = {
    "all": "#9ecae1",
    "majority": "#d4e6f3",
    "some": "#fdd9a8",
    "one": "#f4a582",
}
AGREEMENT_GERMAN = {
    "all": "in allen Zeichnungen",
    "majority": "in der Mehrheit",
    "some": "in einigen",
    "one": "nur in einer",
}
