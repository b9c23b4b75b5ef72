"""What scoring produces: plain values with a German sentence for every point."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Category(StrEnum):
    SYSTEM = "system"  # a machine does it already
    ROBOT = "robot"  # a software robot can take it over
    ASSIST = "assist"  # a robot can prepare it, a person finishes
    HUMAN = "human"  # stays with people

    @property
    def german(self) -> str:
        return CATEGORY_GERMAN[self]


CATEGORY_GERMAN = {
    Category.SYSTEM: "bereits automatisiert",
    Category.ROBOT: "Roboter-geeignet",
    Category.ASSIST: "Roboter kann vorbereiten",
    Category.HUMAN: "bleibt Menschenarbeit",
}

# Colour-blind-safe (Okabe-Ito based) fills for drawings, with enough contrast to the black text.
CATEGORY_COLOURS = {
    Category.SYSTEM: "#9ecae9",
    Category.ROBOT: "#7fd3a8",
    Category.ASSIST: "#f6d87a",
    Category.HUMAN: "#f4a582",
}


class Quadrant(StrEnum):
    """Where a process stands; the order is the ranking's (quick wins first)."""

    QUICK_WIN = "quick_win"
    STRATEGIC = "strategic"
    BENEFIT_UNKNOWN = "benefit_unknown"  # suitable, but hours saved are not known
    LATER = "later"
    NOT_SUITABLE = "not_suitable"
    NOT_ASSESSABLE = "not_assessable"  # no named task: nothing to judge

    @property
    def german(self) -> str:
        return QUADRANT_GERMAN[self]

    @property
    def rank(self) -> int:
        return list(Quadrant).index(self)


QUADRANT_GERMAN = {
    Quadrant.QUICK_WIN: "Schneller Erfolg",
    Quadrant.STRATEGIC: "Strategisch",
    Quadrant.LATER: "Später prüfen",
    Quadrant.NOT_SUITABLE: "Nicht geeignet",
    Quadrant.BENEFIT_UNKNOWN: "Nutzen unbekannt",
    Quadrant.NOT_ASSESSABLE: "Nicht bewertbar",
}


@dataclass(frozen=True, slots=True)
class Reason:
    points: float  # signed; 0 for purely explanatory sentences
    text: str


@dataclass(slots=True)
class TaskScore:
    element_id: str
    name: str
    kind: str
    lane: str
    potential: float
    category: Category
    discretion: bool
    weight: float
    reasons: list[Reason]
    judged_by_words: bool  # False: only the task type spoke
    after_scanning: bool = False  # rule work on paper: a robot's once it is scanned


@dataclass(frozen=True, slots=True)
class Criterion:
    axis: str  # "potential" or "ease"
    key: str
    label: str
    score: float  # potential: 0..100; ease: the penalty subtracted (<= 0)
    weight: float  # potential: the criterion's weight; ease: 1
    reason: str


@dataclass(slots=True)
class ProcessScore:
    model_version: str
    potential: float
    ease: float
    automatable_share: float
    hours_saved: float | None
    feasible: bool
    feasibility_reason: str
    quadrant: Quadrant
    confidence: float
    criteria: list[Criterion]
    tasks: list[TaskScore]
    notes: list[str] = field(default_factory=list)
