"""``eakte-ablage``: the e-file robot as a Prefect flow.

One task files the whole batch: the robot keeps one browser and one sign-in
for all letters (Playwright's browser belongs to the thread that started it).
Each letter is logged by number and file number only, never by content.
"""

from __future__ import annotations

from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact

from flows.context import EAKTE_SECRET_BLOCK, EAktePasswordMissing, lotse_app
from flows.forms import parameter
from flows.names import EAKTE_ABLAGE
from flows.robot_ledger import Stopwatch, filing_figures, record_in_ledger
from robots.browser import BrowserMissing
from robots.eakte_robot import EAkteRobot, FilingOutcome, filing_counts
from robots.eakte_ui import SignInFailed
from robots.filings import FilingStatus

__all__ = ["EAktePasswordMissing", "eakte_flow", "robot", "secret_password", "waiting_filings"]


def secret_password() -> str | None:
    """The e-file password from Prefect's Secret block, if IT put it there."""
    from prefect.blocks.system import Secret

    try:
        return str(Secret.load(EAKTE_SECRET_BLOCK).get())  # type: ignore[union-attr]
    except ValueError:
        return None


def waiting_filings() -> int:
    """Letters waiting for the e-file (a database count; needs no e-file access)."""
    from sqlalchemy import func, select

    from robots.filings import Filing

    with lotse_app().db.read_session() as session:
        count = session.scalar(
            select(func.count())
            .select_from(Filing)
            .where(Filing.status == FilingStatus.PENDING.value)
        )
    return int(count or 0)


def robot(headless: bool | None = None) -> EAkteRobot:
    """The e-file robot, with the password from the settings or else from the Secret block."""
    lotse = lotse_app()
    password = None if lotse.settings.eakte_password.get_secret_value() else secret_password()
    return lotse.efile_robot(password=password, headless=headless)


def _worth_retrying(task: Any, run: Any, state: Any) -> bool:
    # A refused password tried again risks locking the robot's account; a missing browser
    # or password does not come back in 30 s. The robot retries each letter itself.
    try:
        state.result()
    except (SignInFailed, EAktePasswordMissing, BrowserMissing):
        return False
    except Exception:
        return True
    return True


@task(name="akten-ablegen", retries=1, retry_delay_seconds=30, retry_condition_fn=_worth_retrying)
def file_letters() -> list[FilingOutcome]:
    logger = get_run_logger()

    def report(outcome: FilingOutcome) -> None:
        if outcome.status == FilingStatus.FILED.value:
            logger.info(
                "Brief %d abgelegt: Akte %s, %s",
                outcome.letter_id, outcome.file_number, outcome.document_number,
            )  # fmt: skip
        else:
            logger.warning("Brief %d nicht abgelegt: %s", outcome.letter_id, outcome.error)

    outcomes = robot().run(on_filing=report)
    logger.info("%d Briefe bearbeitet", len(outcomes))
    return outcomes


@flow(
    name="eakte-ablage",
    description="Zugestellte Briefe über die Oberfläche in die E-Akte der Ämter ablegen.",
    log_prints=False,
)
def eakte_flow(
    nur_zaehlen: bool = parameter(
        "Nur zählen", "Nur melden, wie viele Briefe auf die Ablage warten; nichts ablegen.", False
    ),
) -> list[FilingOutcome]:
    """Der E-Akte-Roboter: legt wartende Briefe in die E-Akte ab."""
    if nur_zaehlen:
        get_run_logger().info("%d Briefe warten auf die Ablage", waiting_filings())
        return []
    watch = Stopwatch()
    outcomes = file_letters()
    publish_artifacts(outcomes)
    record_in_ledger(EAKTE_ABLAGE, filing_figures(outcomes, watch))
    return outcomes


def publish_artifacts(outcomes: list[FilingOutcome]) -> None:
    create_table_artifact(
        [
            {
                "Brief": o.letter_id,
                "Datei": o.letter_name,
                "Amt": o.department,
                "Akte": o.file_number or "",
                "Dokumentnummer": o.document_number or "",
                "Zustand": FilingStatus(o.status).german,
                "Versuche": o.attempts,
                "Fehler": o.error or "",
            }
            for o in outcomes
        ],
        key="eakte-ablage",
        description="Die Briefe dieses Laufs mit ihren Dokumentnummern.",
    )
    filed = [o for o in outcomes if o.status == FilingStatus.FILED.value]
    failed = [o for o in outcomes if o.status == FilingStatus.FAILED.value]
    lines = [
        "# E-Akte-Ablage",
        "",
        f"- {filing_counts(len(filed), sum(o.copy for o in filed), len(failed))}",
    ]
    if failed:
        lines += ["", "## Fehlgeschlagen – bitte von Hand ablegen", ""]
        lines += [
            f"- Brief {o.letter_id} ({o.letter_name}), Amt {o.department}: {o.error}"
            + (f" – [Bildschirmfoto]({_uri(o.snapshot)})" if o.snapshot else "")
            for o in failed
        ]
    create_markdown_artifact(
        "\n".join(lines) + "\n", key="eakte-ablage-zusammenfassung", description="Ablage-Lauf."
    )


def _uri(path: str) -> str:
    from pathlib import Path

    return Path(path).resolve().as_uri()
