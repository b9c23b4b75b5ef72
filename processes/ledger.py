"""The robots' ledger: one row per run, and estimate against actual per robot.

``record_run`` is called at the end of every run of a robot (with or without
Prefect). The first run of a linked robot moves its process to "Im Betrieb".
``robot_summaries`` reads links, runs (summed per month in SQL), the current
assessment's tasks and the facts, and hands them to :mod:`processes.actuals`.
Every function works inside the caller's transaction.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from common.clock import BERLIN
from processes.actuals import Actuals, MonthFigures, TaskWeight, compute_actuals
from processes.catalogue import CatalogueError, change_status
from processes.models import (
    Assessment,
    Process,
    RobotLink,
    RobotRun,
    Status,
    TaskAssessment,
)
from processes.robot_links import DeclaredLink, ensure_declared_links


class LedgerError(ValueError):
    """Run figures that cannot be right; German message."""


@dataclass(frozen=True, slots=True)
class RunFigures:
    """What one run of a robot did and cost."""

    started_at: datetime  # aware
    finished_at: datetime
    cases: int  # cases handled in this run
    cases_automated: int  # finished without a person
    cases_to_person: int  # handed to a person: review, failures, quarantine
    robot_seconds: float = 0.0  # wall time of the robot's own work
    cpu_seconds: float = 0.0  # CPU time of the robot's process (and its children)

    def __post_init__(self) -> None:
        counts = (self.cases, self.cases_automated, self.cases_to_person)
        if min(counts) < 0 or self.robot_seconds < 0 or self.cpu_seconds < 0:
            raise LedgerError("Ein Lauf kann keine negativen Zahlen haben.")
        if self.cases_automated + self.cases_to_person > self.cases:
            raise LedgerError(
                f"Ein Lauf mit {self.cases} Fällen kann nicht {self.cases_automated} allein "
                f"erledigen und {self.cases_to_person} an Menschen geben."
            )
        if self.started_at.tzinfo is None or self.finished_at.tzinfo is None:
            raise LedgerError("Beginn und Ende eines Laufs brauchen eine Zeitzone.")


def period_of(moment: datetime) -> str:
    """The month a moment falls into in German local time: "2026-11"."""
    return moment.astimezone(BERLIN).strftime("%Y-%m")


def record_run(
    session: Session,
    deployment: str,
    figures: RunFigures,
    *,
    flow_run_id: str | None = None,
    source: str = "",
    declared: Iterable[DeclaredLink] = (),
) -> RobotRun:
    """Write one run into the ledger; a flow run recorded twice adds to its row."""
    ensure_declared_links(session, [d for d in declared if d.deployment == deployment])
    link = session.scalar(select(RobotLink).where(RobotLink.deployment == deployment))
    process_id = link.process_id if link else None
    run = (
        session.scalar(select(RobotRun).where(RobotRun.flow_run_id == flow_run_id))
        if flow_run_id
        else None
    )
    if run is None:
        run = RobotRun(
            deployment=deployment,
            process_id=process_id,
            flow_run_id=flow_run_id,
            source=source,
            started_at=figures.started_at,
            finished_at=figures.finished_at,
            period=period_of(figures.started_at),
            cases=0,
            cases_automated=0,
            cases_to_person=0,
            robot_seconds=0.0,
            cpu_seconds=0.0,
        )
        session.add(run)
    else:
        run.finished_at = max(aware(run.finished_at), figures.finished_at)
    run.cases += figures.cases
    run.cases_automated += figures.cases_automated
    run.cases_to_person += figures.cases_to_person
    run.robot_seconds += figures.robot_seconds
    run.cpu_seconds += figures.cpu_seconds
    session.flush()
    if link is not None:
        process = session.get_one(Process, link.process_id)
        if process.status != Status.LIVE.value:
            # A rejected candidate stays rejected (the pipeline allows no jump from there);
            # its robot's runs are counted all the same.
            with suppress(CatalogueError):
                change_status(
                    session,
                    process,
                    Status.LIVE,
                    f"roboter:{deployment}",
                    f"Der Roboter „{deployment}“ ist gelaufen; damit ist der Prozess im Betrieb.",
                )
    return run


# -- reading -----------------------------------------------------------------------------


@dataclass(slots=True)
class RobotSummary:
    """One robot with its process and its estimate against actual."""

    deployment: str
    process_id: int | None
    process_key: str | None
    process_name: str
    process_status: str | None
    link_source: str | None  # None: runs without a link
    task_ids: list[str]
    task_names: dict[str, str]
    first_run_at: datetime | None
    last_run_at: datetime | None
    process_estimated_hours_year: float | None
    actuals: Actuals
    case_noun: str = "Fälle"
    done_phrase: str = "ohne Menschen erledigt"

    def as_json(self) -> dict[str, Any]:
        a = self.actuals
        return {
            "deployment": self.deployment,
            "process_key": self.process_key,
            "process_name": self.process_name or None,
            "process_status": self.process_status,
            "link": self.link_source,
            "tasks": self.task_ids,
            "missing_tasks": list(a.linked.missing_task_ids),
            "runs": a.runs,
            "cases": a.cases,
            "cases_automated": a.cases_automated,
            "cases_to_person": a.cases_to_person,
            "robot_seconds": _round(a.robot_seconds, 1),
            "cpu_seconds": _round(a.cpu_seconds, 1),
            "first_run_at": self.first_run_at.isoformat() if self.first_run_at else None,
            "last_run_at": self.last_run_at.isoformat() if self.last_run_at else None,
            "minutes_per_case": a.minutes_per_case,
            "minutes_saved_per_case": _round(a.minutes_saved_per_case, 2),
            "estimated_share": _round(a.linked.estimated_share, 4),
            # the whole process's share, as the catalogue states it
            "process_share": _round(a.linked.process_share, 4),
            "actual_share": _round(a.actual_share, 4),
            "estimated_hours_year": _round(a.estimated_hours_year, 1),
            "process_estimated_hours_year": _round(self.process_estimated_hours_year, 1),
            "actual_hours_total": _round(a.actual_hours_total, 2),
            "actual_hours_year": _round(a.actual_hours_year, 2),
            "actual_hours_month": _round(a.actual_hours_month, 2),
            "projected_hours_year": _round(a.projected_hours_year, 1),
            "months": [
                {
                    "period": m.period,
                    "runs": m.runs,
                    "cases": m.cases,
                    "cases_automated": m.cases_automated,
                    "cases_to_person": m.cases_to_person,
                    "actual_hours": _round(m.hours, 2),
                    "estimated_hours": _round(m.estimated_hours, 1),
                }
                for m in a.months
            ],
            "explanation": a.explanation,
        }


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def robot_summaries(
    session: Session,
    now: datetime,
    *,
    process_ids: Sequence[int] | None = None,
    deployments: Sequence[str] = (),
    loaded: Mapping[int, Process] | None = None,
) -> list[RobotSummary]:
    """Every robot (linked, with runs, or named in ``deployments``), or those of some processes.

    A robot's figures are its runs for the process it is linked to now; runs
    for a process it was linked to before count for that process, under the
    same deployment name. ``loaded`` are processes the caller has read already,
    with current assessment, tasks and facts (the report): not read again.
    """
    link_rows = list(session.scalars(select(RobotLink).order_by(RobotLink.deployment)))
    pairs: dict[tuple[str, int | None], RobotLink | None] = {
        (link.deployment, link.process_id): link for link in link_rows
    }
    month_rows, spans = _months(session, process_ids)
    for deployment, process_id in month_rows:
        pairs.setdefault((deployment, process_id), None)
    if process_ids is not None:
        wanted = set(process_ids)
        pairs = {k: v for k, v in pairs.items() if k[1] in wanted}
    else:
        known = {deployment for deployment, _ in pairs}
        for deployment in deployments:
            if deployment not in known:
                pairs[(deployment, None)] = None
    wanted_processes = {pid for _, pid in pairs if pid is not None}
    processes = dict(loaded or {})
    processes.update(_processes(session, wanted_processes - set(processes)))
    current = period_of(now)
    summaries = []
    for (deployment, process_id), link in sorted(
        pairs.items(), key=lambda item: (item[0][0], item[0][1] or 0)
    ):
        process = processes.get(process_id) if process_id is not None else None
        assessment = process.current_assessment if process else None
        tasks = task_weights(assessment)
        facts = process.facts if process else None
        task_ids = list(link.task_ids) if link else []
        actuals = compute_actuals(
            month_rows.get((deployment, process_id), []),
            tasks,
            task_ids,
            minutes_per_case=facts.minutes_per_case if facts else None,
            cases_per_month=facts.cases_per_month if facts else None,
            current_period=current,
            case_noun=link.case_noun if link else "Fälle",
            done_phrase=link.done_phrase if link else "ohne Menschen erledigt",
        )
        first, last = spans.get((deployment, process_id), (None, None))
        summaries.append(
            RobotSummary(
                deployment=deployment,
                process_id=process_id,
                process_key=process.key if process else None,
                process_name=(process.name or process.bpmn_id) if process else "",
                process_status=process.status if process else None,
                link_source=link.source if link else None,
                task_ids=task_ids,
                task_names={t.element_id: t.name or t.element_id for t in tasks},
                first_run_at=first,
                last_run_at=last,
                process_estimated_hours_year=assessment.hours_saved if assessment else None,
                actuals=actuals,
                case_noun=link.case_noun if link else "Fälle",
                done_phrase=link.done_phrase if link else "ohne Menschen erledigt",
            )
        )
    return summaries


Pair = tuple[str, int | None]  # (deployment, process id)


def _months(
    session: Session, process_ids: Sequence[int] | None
) -> tuple[dict[Pair, list[MonthFigures]], dict[Pair, tuple[datetime, datetime]]]:
    """The ledger summed per robot, process and month (one small row per month), and
    each robot's first start and last end."""
    query = select(
        RobotRun.deployment,
        RobotRun.process_id,
        RobotRun.period,
        func.count(),
        func.sum(RobotRun.cases),
        func.sum(RobotRun.cases_automated),
        func.sum(RobotRun.cases_to_person),
        func.sum(RobotRun.robot_seconds),
        func.sum(RobotRun.cpu_seconds),
        func.min(RobotRun.started_at),
        func.max(RobotRun.finished_at),
    ).group_by(RobotRun.deployment, RobotRun.process_id, RobotRun.period)
    if process_ids is not None:
        query = query.where(RobotRun.process_id.in_(list(process_ids)))
    months: dict[Pair, list[MonthFigures]] = defaultdict(list)
    spans: dict[Pair, tuple[datetime, datetime]] = {}
    for row in session.execute(query):
        deployment, process_id, period, runs, cases, automated, to_person, robot, cpu = row[:9]
        key = (deployment, process_id)
        first, last = aware(row[9]), aware(row[10])
        if key in spans:
            first, last = min(first, spans[key][0]), max(last, spans[key][1])
        spans[key] = (first, last)
        months[key].append(
            MonthFigures(
                period=period,
                runs=int(runs),
                cases=int(cases or 0),
                cases_automated=int(automated or 0),
                cases_to_person=int(to_person or 0),
                robot_seconds=float(robot or 0.0),
                cpu_seconds=float(cpu or 0.0),
            )
        )
    return months, spans


def aware(moment: datetime) -> datetime:
    """SQLite gives stored times back without their zone; they were written in UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _processes(session: Session, ids: set[int]) -> dict[int, Process]:
    if not ids:
        return {}
    rows = session.scalars(
        select(Process)
        .where(Process.id.in_(sorted(ids)))
        .options(
            selectinload(Process.current_assessment).selectinload(Assessment.tasks),
            selectinload(Process.facts),
        )
    )
    return {process.id: process for process in rows}


def task_weights(assessment: Assessment | None) -> list[TaskWeight]:
    tasks: Sequence[TaskAssessment] = assessment.tasks if assessment else []
    return [TaskWeight(t.element_id, t.name, t.category, t.potential, t.weight) for t in tasks]
