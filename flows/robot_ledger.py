"""Every run of Lotse's robots goes into the ledger, with or without Prefect.

The mailroom (``poststelle``) and the e-file robot (``eakte-ablage``) declare
here which process and tasks they automate. The flows and the command line's
runs without Prefect measure a run with a :class:`Stopwatch`, turn the
outcomes into :class:`RunFigures` and call :func:`record`. This module imports
no Prefect (``mailroom run --without-prefect`` stays quick); only
:func:`publish_artifact` does, when a flow calls it.
"""

from __future__ import annotations

import resource
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from common.german import num, pct
from flows.names import EAKTE_ABLAGE, POSTSTELLE
from processes.actuals import dative, estimate_words
from processes.ledger import RobotSummary, RunFigures, record_run, robot_summaries
from processes.robot_links import DeclaredLink

if TYPE_CHECKING:
    from flows.context import App
    from robots.eakte_robot import FilingOutcome
    from robots.mailroom import LetterOutcome


# The sample diagram "Hauspost verteilen" (samples/bpmn/hauspost-verteilen.bpmn):
# the robot stamps, registers, sorts, asks about unclear letters (the review
# queue), and delivers electronically instead of folders and messengers.
# Opening the envelopes and scanning stays with people.
HAUSPOST_FILES = ("hauspost-verteilen.bpmn",)
HAUSPOST_WORDS = ("Hauspost",)
DECLARED_LINKS = (
    DeclaredLink(
        deployment=POSTSTELLE,
        task_ids=(
            "Activity_18w92jk",  # Eingangsstempel aufbringen
            "Activity_1lzo16l",  # Eingang ins Eingangsbuch eintragen
            "Activity_17nwggq",  # Post nach Ämtern sortieren
            "Activity_19a8al2",  # Zuständigkeit telefonisch klären
            "Activity_147jtxw",  # Hauspostmappen packen
            "Activity_1jcqf7d",  # Hauspostmappen abholen
            "Activity_1aquf7a",  # Zu den Ämtern tragen
        ),
        case_noun="Briefe",
        done_phrase="ohne Prüfung zugestellt",
        file_names=HAUSPOST_FILES,
        name_words=HAUSPOST_WORDS,
    ),
    DeclaredLink(
        deployment=EAKTE_ABLAGE,
        task_ids=("Activity_1ablg5k",),  # Schreiben in der E-Akte ablegen
        case_noun="Briefe",
        done_phrase="ohne Nacharbeit in der E-Akte abgelegt",
        file_names=HAUSPOST_FILES,
        name_words=HAUSPOST_WORDS,
    ),
)

DELIVERED = frozenset({"delivered", "archived"})
TO_PERSON = frozenset({"review", "quarantined"})


def _cpu() -> float:
    """CPU seconds of this process and of the children it waited for (Tesseract)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


@dataclass(slots=True)
class Stopwatch:
    """Start, wall clock and CPU of a run; started when made."""

    started_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    _wall: float = field(default_factory=time.perf_counter)
    _cpu: float = field(default_factory=_cpu)

    def seconds(self) -> float:
        return time.perf_counter() - self._wall

    def cpu_seconds(self) -> float:
        return max(0.0, _cpu() - self._cpu)


def mailroom_figures(
    outcomes: Sequence[LetterOutcome], watch: Stopwatch, *, finished_at: datetime | None = None
) -> RunFigures:
    """A mailroom run: delivered letters went without a person, review and quarantine to one."""
    return RunFigures(
        started_at=watch.started_at,
        finished_at=finished_at or datetime.now(UTC),
        cases=len(outcomes),
        cases_automated=sum(1 for o in outcomes if o.status in DELIVERED),
        cases_to_person=sum(1 for o in outcomes if o.status in TO_PERSON),
        robot_seconds=sum(o.seconds for o in outcomes),
        cpu_seconds=watch.cpu_seconds(),
    )


def filing_figures(
    outcomes: Sequence[FilingOutcome], watch: Stopwatch, *, finished_at: datetime | None = None
) -> RunFigures:
    """An e-file run: filed letters went without a person; failed ones need a clerk."""
    return RunFigures(
        started_at=watch.started_at,
        finished_at=finished_at or datetime.now(UTC),
        cases=len(outcomes),
        cases_automated=sum(1 for o in outcomes if o.status == "filed"),
        cases_to_person=sum(1 for o in outcomes if o.status == "failed"),
        robot_seconds=watch.seconds(),
        cpu_seconds=watch.cpu_seconds(),
    )


def record(
    lotse: App,
    deployment: str,
    figures: RunFigures,
    *,
    source: str,
    flow_run_id: str | None = None,
) -> RobotSummary | None:
    """Write the run and return the robot's estimate against actual (None: not linked)."""
    with lotse.db.session() as session:
        run = record_run(
            session,
            deployment,
            figures,
            flow_run_id=flow_run_id,
            source=source,
            declared=DECLARED_LINKS,
        )
        process_id = run.process_id
    if process_id is None:
        return None
    with lotse.db.read_session() as session:
        summaries = robot_summaries(session, datetime.now(UTC), process_ids=[process_id])
    return next((s for s in summaries if s.deployment == deployment), None)


def estimate_line(summary: RobotSummary) -> str:
    """One German line: the robot against its estimate (the end of the demo, the CLI)."""
    a = summary.actuals
    estimated = estimate_words(a.linked)
    actual = (
        f"tatsächlich {pct(a.actual_share)} von {num(a.cases)} {dative(summary.case_noun)} "
        f"{summary.done_phrase}"
        if a.actual_share is not None
        else "noch keine Fälle"
    )
    hours = ""
    if a.projected_hours_year is not None:
        hours = f"; hochgerechnet {num(a.projected_hours_year)} Stunden im Jahr" + (
            f" (geschätzt {num(a.estimated_hours_year)})"
            if a.estimated_hours_year is not None
            else ""
        )
    return f"„{summary.deployment}“ für „{summary.process_name}“: {estimated}, {actual}{hours}."


def run_markdown(deployment: str, figures: RunFigures, summary: RobotSummary | None) -> str:
    """The Prefect artifact of one run: its figures and the robot's estimate against actual."""
    lines = [
        f"# Ist-Zahlen: {deployment}",
        "",
        "| Dieser Lauf | |",
        "|---|---:|",
        f"| Fälle | {figures.cases} |",
        f"| ohne Menschen erledigt | {figures.cases_automated} |",
        f"| an Menschen übergeben | {figures.cases_to_person} |",
        f"| Laufzeit | {num((figures.finished_at - figures.started_at).total_seconds(), 1)} s |",
        f"| Arbeitszeit des Roboters | {num(figures.robot_seconds, 1)} s |",
        f"| CPU-Zeit | {num(figures.cpu_seconds, 1)} s |",
        "",
    ]
    if summary is None:
        lines.append(
            "Dieser Roboter ist mit keinem Prozess des Katalogs verknüpft: "
            f"`lotse robot link {deployment} SCHLÜSSEL`."
        )
    else:
        a = summary.actuals
        lines += [
            f"## Prozess „{summary.process_name}“ (`{summary.process_key}`)",
            "",
            "| Bisher | geschätzt | tatsächlich |",
            "|---|---:|---:|",
            f"| automatisierter Anteil | {pct(a.linked.estimated_share)} | {pct(a.actual_share)} |",
            f"| Stunden im Jahr | {num(a.estimated_hours_year)} | {num(a.actual_hours_year, 1)} |",
            f"| hochgerechnet auf die Fallzahl | | {num(a.projected_hours_year)} |",
            "",
            a.explanation,
        ]
    return "\n".join(lines) + "\n"


def publish_artifact(deployment: str, figures: RunFigures, summary: RobotSummary | None) -> None:
    """A markdown artifact on the Prefect UI's Artifacts page (keyed, so it is listed there)."""
    from prefect.artifacts import create_markdown_artifact

    create_markdown_artifact(
        run_markdown(deployment, figures, summary),
        key=f"{deployment}-ist-zahlen",
        description="Ist-Zahlen dieses Laufs: geschätzt und tatsächlich.",
    )


def record_in_ledger(deployment: str, figures: RunFigures) -> RobotSummary | None:
    """In a flow run: record the run, publish its artifact and log the estimate line.

    The robot's work is done when this runs; a ledger that cannot be written
    (database away) is logged as a warning and never fails the run.
    """
    from prefect import get_run_logger
    from prefect.runtime import flow_run

    from flows.context import lotse_app

    logger = get_run_logger()
    try:
        summary = record(
            lotse_app(), deployment, figures, source="prefect", flow_run_id=flow_run.id or None
        )
    except Exception as exc:
        logger.warning(
            "Der Lauf konnte nicht in die Ist-Zahlen des Roboters geschrieben werden: %s", exc
        )
        return None
    publish_artifact(deployment, figures, summary)
    if summary is not None:
        logger.info("%s", estimate_line(summary))
    return summary


def record_generated_run(deployment: str, started_at: datetime, asked_a_person: bool) -> None:
    """A run of a generated robot (``lotse robot new``): one case, alone unless a person was asked.

    Called by the skeleton's flow when it runs under ``lotse serve``.
    """
    finished = datetime.now(UTC)
    record_in_ledger(
        deployment,
        RunFigures(
            started_at=started_at,
            finished_at=finished,
            cases=1,
            cases_automated=0 if asked_a_person else 1,
            cases_to_person=1 if asked_a_person else 0,
            robot_seconds=(finished - started_at).total_seconds(),
        ),
    )
