"""How the differences between the drawings change the automation estimate.

The ordinary scoring (``processes.scoring.assess``) judges the combined model
in variants: each drawing's own steps, the steps most drawings share (the
reference), and the reference with one differing step added or taken away.
The difference is what that step means for a robot.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

from processes.facts import Facts
from processes.scoring import ProcessScore, assess
from processes.scoring.model import ScoringModel
from processes.scoring.text import number, percent
from processes.workshop.aligned import Step
from processes.workshop.combined import StepNode, build_model

# Changes smaller than this (points on a 0-100 scale) are not worth a sentence.
NOTICEABLE = 0.5
# The debrief shows the largest effects only.
MAX_EFFECTS = 8


@dataclass(frozen=True, slots=True)
class Figures:
    potential: float
    ease: float
    share: float  # share of the people's work a robot could do
    quadrant: str  # German

    @classmethod
    def of(cls, score: ProcessScore) -> Figures:
        return cls(score.potential, score.ease, score.automatable_share, score.quadrant.german)

    def to_json(self) -> dict[str, Any]:
        return {
            "potential": self.potential,
            "ease": self.ease,
            "automatable_share": self.share,
            "quadrant": self.quadrant,
        }


@dataclass(frozen=True, slots=True)
class Effect:
    step: str
    text: str
    potential_change: float
    ease_change: float


@dataclass(slots=True)
class Estimate:
    reference: Figures  # the steps most drawings share
    combined: Figures  # every step any drawing has
    drawings: list[Figures]
    effects: list[Effect] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def to_json(self, names: Sequence[str]) -> dict[str, Any]:
        return {
            "reference": self.reference.to_json(),
            "combined": self.combined.to_json(),
            "drawings": {n: f.to_json() for n, f in zip(names, self.drawings, strict=True)},
            "effects": [e.text for e in self.effects],
            "notes": self.notes,
        }


def estimate(
    steps: Sequence[Step],
    nodes: Sequence[StepNode],
    links: dict[tuple[str, str], str],
    *,
    drawing_count: int,
    name: str,
    model: ScoringModel,
    facts: Facts,
) -> Estimate:
    """Pure: score the variants and explain each difference in one German sentence."""

    def score(without: Collection[str]) -> ProcessScore:
        defs = build_model(nodes, links, name=name, without=without)
        return assess(defs, defs.processes[0], facts, model)

    total = drawing_count
    minority = {s.key for s in steps if not s.in_majority}
    reference = score(minority)
    combined = score(())
    drawings = [
        Figures.of(score({s.key for s in steps if index not in s.members}))
        for index in range(total)
    ]
    effects: list[Effect] = []
    for step in steps:
        if step.count == total or step.family == "start":
            continue
        if step.in_majority:
            variant = score(minority | {step.key})
            effect = _effect(step, reference, variant, total, added=False)
        else:
            variant = score(minority - {step.key})
            effect = _effect(step, reference, variant, total, added=True)
        if effect is not None:
            effects.append(effect)
    effects.sort(key=lambda e: -max(abs(e.potential_change), abs(e.ease_change)))
    del effects[MAX_EFFECTS:]
    return Estimate(
        reference=Figures.of(reference),
        combined=Figures.of(combined),
        drawings=drawings,
        effects=effects,
        notes=_notes(steps, facts),
    )


def _effect(
    step: Step, reference: ProcessScore, variant: ProcessScore, total: int, *, added: bool
) -> Effect | None:
    """One sentence: "Mit der Ausnahme „Toaster defekt“ (2 von 5) sinkt …"."""
    with_step, without_step = (variant, reference) if added else (reference, variant)
    potential = with_step.potential - without_step.potential
    ease = with_step.ease - without_step.ease
    changed = _changed_criteria(without_step, with_step)
    if abs(potential) < NOTICEABLE and abs(ease) < NOTICEABLE and not changed:
        return None
    what = {"decision": "der Entscheidung", "end": "dem Ende"}.get(step.family, "dem Schritt")
    if step.exception:
        what = "der Ausnahme"
    parts = []
    if abs(potential) >= NOTICEABLE:
        parts.append(
            _moves("das Automatisierungspotenzial", without_step.potential, with_step.potential)
            + " Punkte"
        )
    old_share, new_share = without_step.automatable_share, with_step.automatable_share
    if percent(old_share) != percent(new_share):
        parts.append(
            _moves("der Anteil, den ein Roboter übernehmen könnte,", old_share, new_share, percent)
        )
    if abs(ease) >= NOTICEABLE:
        parts.append(_moves("die Umsetzbarkeit", without_step.ease, with_step.ease))
    parts += changed
    text = f"Mit {what} „{step.label}“ ({step.count} von {total} Zeichnungen) " + _join(parts) + "."
    return Effect(step.key, text, round(potential, 1), round(ease, 1))


def _changed_criteria(before: ProcessScore, after: ProcessScore) -> list[str]:
    """Conditions that change, e.g. "Entscheidungen nach Regeln von 90 auf 60"."""
    old = {c.key: c for c in before.criteria if c.axis == "potential"}
    sentences = []
    for criterion in after.criteria:
        if criterion.axis != "potential" or criterion.key in ("tasks", "formula"):
            continue
        previous = old.get(criterion.key)
        if previous is not None and abs(previous.score - criterion.score) >= NOTICEABLE:
            sentences.append(_moves(f"„{criterion.label}“", previous.score, criterion.score))
    return sentences


def _moves(what: str, old: float, new: float, shown: Callable[[float], str] = number) -> str:
    """ "sinkt die Umsetzbarkeit von 87 auf 83"."""
    return f"{'steigt' if new > old else 'sinkt'} {what} von {shown(old)} auf {shown(new)}"


def _join(parts: list[str]) -> str:
    if not parts:
        return "ändert sich die Schätzung kaum"
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " und " + parts[-1]


def _notes(steps: Sequence[Step], facts: Facts) -> list[str]:
    exceptions = [s for s in steps if s.exception]
    if not exceptions:
        return []
    names = ", ".join(f"„{s.label}“" for s in exceptions[:4])
    if facts.exception_rate is None:
        return [
            f"Gezeichnete Ausnahmen ({names}) zeigen: nicht jeder Fall läuft glatt. Wie oft sie "
            "vorkommen, ist nicht angegeben; die Schätzung nimmt einen mittleren Wert an. "
            "Fragen Sie in der Runde nach der Ausnahmequote."
        ]
    return [
        f"Laut Angabe sind {percent(facts.exception_rate)} der Fälle Ausnahmen ({names}); "
        f"der Anteil ohne Ausnahme ({percent(1 - facts.exception_rate)}) geht in die Schätzung ein."
    ]
