"""The headline number: hours per year robots could take over, counted honestly.

Only processes that are suitable (a quadrant other than "not suitable" and,
from the scoring issue, "benefit unknown" or "not assessable") and whose hours
are known count. The same file uploaded by two Ämter is one process, counted
once. Everything left out is said in words, with its hours where they are known,
so that nobody mistakes the headline for the whole catalogue.

Pure functions over plain values; the dashboard and the report build the items.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from processes.scoring.results import Quadrant
from processes.scoring.text import number

# Named, not "everything but not_suitable": a quadrant added later counts only once
# someone decides it is suitable.
SUITABLE = frozenset({Quadrant.QUICK_WIN.value, Quadrant.STRATEGIC.value, Quadrant.LATER.value})


@dataclass(frozen=True, slots=True)
class HeadlineItem:
    key: str  # the process key, "20:Process_Rechnungseingang"
    quadrant: str | None  # None: not assessed
    hours: float | None
    # The same (file content, BPMN id) in two Ämter is one process uploaded twice.
    content_sha256: str = ""
    bpmn_id: str = ""

    @property
    def same_file(self) -> tuple[str, str] | None:
        return (self.content_sha256, self.bpmn_id) if self.content_sha256 else None


@dataclass(frozen=True, slots=True)
class Headline:
    hours: float
    counted: int
    # (quadrant, processes, their known hours) for every quadrant that does not count
    unsuitable: tuple[tuple[str, int, float], ...]
    unknown_hours: int  # suitable, but cases or minutes missing
    not_assessed: int
    duplicates: int  # copies of a file counted under another Amt
    duplicate_hours: float

    def left_out(self) -> list[str]:
        """What the headline does not count, one German phrase each (empty: nothing)."""
        parts = [
            f"{_processes(n)} „{quadrant_german(quadrant)}“"
            + (f" ({number(hours)} Std.)" if hours else "")
            for quadrant, n, hours in self.unsuitable
        ]
        if self.unknown_hours:
            parts.append(f"{_processes(self.unknown_hours)} ohne Fallzahl oder Minuten pro Fall")
        if self.not_assessed:
            parts.append(f"{_processes(self.not_assessed)} ohne Bewertung")
        if self.duplicates:
            parts.append(
                f"{_processes(self.duplicates)} doppelt (dieselbe Datei in einem anderen Amt"
                + (f", {number(self.duplicate_hours)} Std." if self.duplicate_hours else "")
                + ")"
            )
        return parts

    def explanation(self) -> str:
        """One sentence under the number."""
        which = (
            "der sich eignet und dessen Stunden bekannt sind"
            if self.counted == 1
            else "die sich eignen und deren Stunden bekannt sind"
        )
        counted = f"Summe über {_processes(self.counted)}, {which}."
        left_out = self.left_out()
        if not left_out:
            return counted
        return f"{counted} Nicht mitgezählt: {_join(left_out)}."


def headline(items: Sequence[HeadlineItem]) -> Headline:
    seen: set[tuple[str, str]] = set()
    unsuitable: dict[str, tuple[int, float]] = {}
    hours = duplicate_hours = 0.0
    counted = unknown = not_assessed = duplicates = 0
    for item in sorted(items, key=lambda i: i.key):  # the first key keeps a duplicated file
        same = item.same_file
        if same is not None and same in seen:
            duplicates += 1
            duplicate_hours += item.hours or 0.0
            continue
        if same is not None:
            seen.add(same)
        if item.quadrant is None:
            not_assessed += 1
        elif item.quadrant not in SUITABLE:
            n, known = unsuitable.get(item.quadrant, (0, 0.0))
            unsuitable[item.quadrant] = (n + 1, known + (item.hours or 0.0))
        elif item.hours is None:
            unknown += 1
        else:
            counted += 1
            hours += item.hours
    return Headline(
        hours=hours, counted=counted,
        unsuitable=tuple((q, n, h) for q, (n, h) in sorted(unsuitable.items(), key=_by_rank)),
        unknown_hours=unknown, not_assessed=not_assessed,
        duplicates=duplicates, duplicate_hours=duplicate_hours,
    )  # fmt: skip


def _by_rank(entry: tuple[str, tuple[int, float]]) -> int:
    try:
        return Quadrant(entry[0]).rank
    except ValueError:
        return len(Quadrant)


def quadrant_german(value: str) -> str:
    """The German name of a stored quadrant; an unknown one (a newer model's) as it is."""
    try:
        return Quadrant(value).german
    except ValueError:
        return value


def _processes(n: int) -> str:
    return f"{number(n)} {'Prozess' if n == 1 else 'Prozesse'}"


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " und " + parts[-1]
