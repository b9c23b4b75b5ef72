"""Estimate against actual: what a robot really saved, next to what the scoring expected.

Pure functions over plain values. The ledger (:mod:`processes.ledger`) loads
the counts per month; the estimate comes from the current assessment's tasks
and the process's facts. Hours are derived here, when read, so that a corrected
"minutes per case" applies to every run and re-scoring never touches a run.

The arithmetic, per robot (``w`` are the task weights of the scoring, the
minutes a pilot noted per task or 1):

* the robot's part of a case = linked tasks that people do (not "bereits
  automatisiert"), ``part = Σ w(linked) / Σ w(all tasks people do)``;
* minutes the robot takes off a case it finishes alone = minutes per case × part;
* estimated share = Σ potential × w / Σ w over the linked tasks;
* estimated hours per year = cases per month × 12 × minutes per case × part ×
  estimated share ÷ 60 (with every task linked: the assessment's hours saved);
* actual hours = cases finished without a person × minutes per case × part ÷ 60;
* projected hours per year = cases per month × 12 × minutes per case × part ×
  actual share ÷ 60, the estimate's formula with the measured share.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

SYSTEM_CATEGORY = "system"  # tasks an IT system does already: nobody's minutes to save


@dataclass(frozen=True, slots=True)
class TaskWeight:
    """A task of the current assessment, as far as the arithmetic needs it."""

    element_id: str
    name: str
    category: str
    potential: float  # 0..100
    weight: float


@dataclass(frozen=True, slots=True)
class MonthFigures:
    """The runs of one robot in one month (Europe/Berlin), summed."""

    period: str  # "2026-11"
    runs: int
    cases: int
    cases_automated: int
    cases_to_person: int
    robot_seconds: float = 0.0
    cpu_seconds: float = 0.0


@dataclass(frozen=True, slots=True)
class MonthActual:
    period: str
    runs: int
    cases: int
    cases_automated: int
    cases_to_person: int
    share: float | None
    hours: float | None
    estimated_hours: float | None  # the estimate per month (a twelfth of the year)


@dataclass(frozen=True, slots=True)
class LinkedPart:
    """What of the process a robot covers, according to the scoring."""

    task_ids: tuple[str, ...]  # the linked ids that exist in the current version
    missing_task_ids: tuple[str, ...]  # linked ids the current version no longer has
    part: float | None  # share of the people's minutes per case (None: nothing to weigh)
    estimated_share: float | None  # how much of that part a robot could do (scoring)
    # the whole process, as the catalogue states it ("automatisierbarer Anteil")
    process_share: float | None = None
    linked_tasks: int = 0  # tasks people do that the robot is linked to
    people_tasks: int = 0  # all tasks people do

    @property
    def whole_process(self) -> bool:
        return self.linked_tasks == self.people_tasks


@dataclass(slots=True)
class Actuals:
    runs: int
    cases: int
    cases_automated: int
    cases_to_person: int
    robot_seconds: float
    cpu_seconds: float
    linked: LinkedPart
    minutes_per_case: float | None  # the process's, from the facts
    cases_per_month: float | None
    minutes_saved_per_case: float | None
    estimated_hours_year: float | None
    actual_share: float | None
    actual_hours_total: float | None
    actual_hours_year: float | None  # the last twelve months, this one included
    actual_hours_month: float | None  # average month since the first run
    projected_hours_year: float | None
    months_active: int
    months: list[MonthActual] = field(default_factory=list)
    explanation: str = ""


def linked_part(tasks: Sequence[TaskWeight], linked_ids: Sequence[str]) -> LinkedPart:
    """The part of the process the linked tasks (all tasks if none are named) make up."""
    known = {t.element_id for t in tasks}
    wanted = list(dict.fromkeys(linked_ids))
    present = tuple(i for i in wanted if i in known)
    missing = tuple(i for i in wanted if i not in known)
    people = [t for t in tasks if t.category != SYSTEM_CATEGORY and t.weight > 0]
    chosen = [t for t in people if t.element_id in present] if wanted else people
    total = sum(t.weight for t in people)
    covered = sum(t.weight for t in chosen)
    counts = {"linked_tasks": len(chosen), "people_tasks": len(people)}
    if total <= 0 or covered <= 0:
        return LinkedPart(present, missing, None, None, **counts)
    share = sum(t.potential / 100 * t.weight for t in chosen) / covered
    whole = sum(t.potential / 100 * t.weight for t in people) / total
    return LinkedPart(present, missing, covered / total, share, whole, **counts)


def estimate_words(linked: LinkedPart) -> str:
    """ "geschätzt 18 % der 7 verknüpften Aufgaben automatisierbar (ganzer Prozess: 21 %)".

    The catalogue states the whole process's share; a robot linked to part of
    it is estimated on its part. Both numbers are said, each with what it
    counts, so that they never seem to contradict each other.
    """
    from common.german import pct

    if linked.estimated_share is None:
        return "ohne Schätzung"
    if linked.whole_process:
        return f"geschätzt {pct(linked.estimated_share)} automatisierbar"
    return (
        f"geschätzt {pct(linked.estimated_share)} der {linked.linked_tasks} verknüpften "
        f"Aufgaben automatisierbar (ganzer Prozess: {pct(linked.process_share)})"
    )


def months_between(first: str, last: str) -> int:
    """Calendar months from ``first`` to ``last`` ("2026-01", "2026-03" → 3), at least 1."""
    fy, fm = (int(x) for x in first.split("-"))
    ly, lm = (int(x) for x in last.split("-"))
    return max(1, (ly - fy) * 12 + (lm - fm) + 1)


def period_range(first: str, last: str) -> list[str]:
    """Every month from ``first`` to ``last``, both included."""
    year, month = (int(x) for x in first.split("-"))
    periods = []
    for _ in range(months_between(first, last)):
        periods.append(f"{year:04d}-{month:02d}")
        month += 1
        if month == 13:
            year, month = year + 1, 1
    return periods


def previous_periods(current: str, count: int) -> set[str]:
    """``current`` and the ``count - 1`` months before it."""
    year, month = (int(x) for x in current.split("-"))
    periods = set()
    for _ in range(count):
        periods.add(f"{year:04d}-{month:02d}")
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return periods


def compute_actuals(
    months: Sequence[MonthFigures],
    tasks: Sequence[TaskWeight],
    linked_ids: Sequence[str],
    *,
    minutes_per_case: float | None,
    cases_per_month: float | None,
    current_period: str,
    case_noun: str = "Fälle",
    done_phrase: str = "ohne Menschen erledigt",
) -> Actuals:
    """Estimate and actual of one robot from its ledger months. Pure."""
    months = sorted(months, key=lambda m: m.period)
    linked = linked_part(tasks, linked_ids)
    runs = sum(m.runs for m in months)
    cases = sum(m.cases for m in months)
    automated = sum(m.cases_automated for m in months)
    to_person = sum(m.cases_to_person for m in months)

    saved_minutes = (
        minutes_per_case * linked.part
        if minutes_per_case is not None and linked.part is not None
        else None
    )
    estimated_year = (
        cases_per_month * 12 * saved_minutes * linked.estimated_share / 60
        if cases_per_month is not None
        and saved_minutes is not None
        and linked.estimated_share is not None
        else None
    )
    share = automated / cases if cases else None

    def hours(n: int) -> float | None:
        return n * saved_minutes / 60 if saved_minutes is not None else None

    last_year = previous_periods(current_period, 12)
    active = (
        months_between(months[0].period, max(current_period, months[-1].period)) if months else 0
    )
    total_hours = hours(automated) if months else None
    year_hours = (
        hours(sum(m.cases_automated for m in months if m.period in last_year)) if months else None
    )
    projected = (
        cases_per_month * 12 * saved_minutes * share / 60
        if cases_per_month is not None and saved_minutes is not None and share is not None
        else None
    )
    actuals = Actuals(
        runs=runs,
        cases=cases,
        cases_automated=automated,
        cases_to_person=to_person,
        robot_seconds=sum(m.robot_seconds for m in months),
        cpu_seconds=sum(m.cpu_seconds for m in months),
        linked=linked,
        minutes_per_case=minutes_per_case,
        cases_per_month=cases_per_month,
        minutes_saved_per_case=saved_minutes,
        estimated_hours_year=estimated_year,
        actual_share=share,
        actual_hours_total=total_hours,
        actual_hours_year=year_hours if cases else None,
        actual_hours_month=(
            total_hours / active if total_hours is not None and active and cases else None
        ),
        projected_hours_year=projected,
        months_active=active,
        months=[
            MonthActual(
                period=m.period,
                runs=m.runs,
                cases=m.cases,
                cases_automated=m.cases_automated,
                cases_to_person=m.cases_to_person,
                share=m.cases_automated / m.cases if m.cases else None,
                hours=hours(m.cases_automated),
                estimated_hours=estimated_year / 12 if estimated_year is not None else None,
            )
            for m in _every_month(months, current_period)
        ],
    )
    actuals.explanation = explain(actuals, case_noun=case_noun, done_phrase=done_phrase)
    return actuals


def _every_month(months: Sequence[MonthFigures], current_period: str) -> list[MonthFigures]:
    """The months from the first run to now, months without a run as zeros (a chart's gaps)."""
    if not months:
        return []
    by_period = {m.period: m for m in months}
    last = max(current_period, months[-1].period)
    return [
        by_period.get(period) or MonthFigures(period, 0, 0, 0, 0)
        for period in period_range(months[0].period, last)
    ]


def explain(a: Actuals, *, case_noun: str, done_phrase: str) -> str:
    """The difference between estimate and actual in German sentences."""
    # Imported here: the report package imports the ledger, which imports this module.
    from common.german import num, pct

    if a.runs == 0:
        return (
            "Der Roboter ist noch nicht gelaufen; Ist-Zahlen gibt es erst nach seinem ersten Lauf."
        )
    if a.cases == 0:
        return (
            f"Der Roboter ist {_times(a.runs)} gelaufen, hat aber noch keine {case_noun} "
            "bearbeitet."
        )
    estimated = a.linked.estimated_share
    done = (
        f"{pct(a.actual_share)} {done_phrase} "
        f"({num(a.cases_automated)} von {num(a.cases)} {dative(case_noun)})"
    )
    sentences = []
    if estimated is None:
        sentences.append(
            f"Tatsächlich {done}; eine Schätzung gibt es nicht, weil die verknüpften Aufgaben "
            "nicht bewertet sind."
        )
    else:
        words = estimate_words(a.linked)
        sentences.append(f"{words[:1].upper()}{words[1:]}, tatsächlich {done}.")
        difference = (a.actual_share or 0.0) - estimated
        if abs(difference) < 0.05:
            sentences.append("Das entspricht der Schätzung.")
        elif difference > 0:
            sentences.append(f"Der Roboter erledigt mehr {case_noun} allein als geschätzt.")
            if difference > 0.25:
                sentences.append(
                    "Die Schätzung bewertet den Ablauf, wie er im Diagramm steht; ein Roboter, "
                    "der ihn umbaut (etwa Scannen statt Papier), übernimmt oft mehr."
                )
        else:
            sentences.append(
                f"{num(a.cases_to_person)} {case_noun} gingen an Menschen (Prüfung, Fehler), "
                "mehr als geschätzt."
            )
    if a.linked.missing_task_ids:
        sentences.append(
            "Verknüpfte Aufgaben fehlen in der aktuellen Version des Diagramms: "
            + ", ".join(a.linked.missing_task_ids)
            + "."
        )
    if a.minutes_saved_per_case is None:
        sentences.append(
            "Eingesparte Stunden nicht berechenbar: es fehlen die Minuten pro Fall"
            + (" oder bewertete Aufgaben." if a.minutes_per_case is not None else ".")
        )
        return " ".join(sentences)
    sentences.append(
        f"Eingespart bisher {num(a.actual_hours_total, 1)} Stunden "
        f"({num(a.minutes_saved_per_case, 1)} Minuten je Fall, den der Roboter allein erledigt)."
    )
    if a.cases_per_month is not None and a.projected_hours_year is not None:
        comparison = (
            f" statt geschätzt {num(a.estimated_hours_year)}"
            if a.estimated_hours_year is not None
            else ""
        )
        sentences.append(
            f"Hochgerechnet auf die angegebenen {num(a.cases_per_month)} Fälle im Monat: "
            f"{num(a.projected_hours_year)}{comparison} Stunden im Jahr."
        )
        per_month = a.cases / max(1, a.months_active)
        if per_month < 0.8 * a.cases_per_month:
            sentences.append(
                f"Bisher bearbeitet der Roboter im Schnitt {num(per_month)} statt "
                f"{num(a.cases_per_month)} Fälle im Monat; die tatsächlich eingesparten Stunden "
                "bleiben deshalb unter der Hochrechnung."
            )
    return " ".join(sentences)


def dative(noun: str) -> str:
    """ "von 4 Briefen", "von 3 Fällen": German plural nouns take -n in the dative."""
    return noun if noun.endswith(("n", "s")) else f"{noun}n"


def _times(n: int) -> str:
    return "einmal" if n == 1 else f"{n}-mal"
