"""``eakte-ablage``: the e-file robot as a Prefect flow.

One task files the whole batch: the robot keeps one browser and one sign-in
for all letters (Playwright's browser belongs to the thread that started it).
Each letter is logged by number and file number only, never by content.
"""

from __future__ import annotations

from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact

from flows.context import lotse_app
from flows.forms import parameter
from flows.names import EAKTE_ABLAGE
from flows.robot_ledger import Stopwatch, filing_figures, record_in_ledger
from robots.browser import BrowserMissing
from robots.eakte_robot import EAkteAccess, EAkteRobot, FilingOutcome
from robots.eakte_ui import SignInFailed
from robots.filings import FilingStatus

SECRET_BLOCK = "lotse-eakte-kennwort"


class EAktePasswordMissing(RuntimeError):
    """Neither LOTSE_EAKTE_PASSWORD nor the Prefect Secret block is set."""


def access(headless: bool | None = None) -> EAkteAccess:
    settings = lotse_app().settings
    password = settings.eakte_password.get_secret_value()
    if not password:
        password = _secret_block()
    return EAkteAccess(
        url=settings.eakte_url,
        user=settings.eakte_user,
        password=password,
        headless=settings.eakte_headless if headless is None else headless,
    )


def _secret_block() -> str:
    from prefect.blocks.system import Secret

    try:
        value = Secret.load(SECRET_BLOCK).get()  # type: ignore[union-attr]
    except ValueError:
        raise EAktePasswordMissing(
            "Für die E-Akte ist kein Kennwort hinterlegt: LOTSE_EAKTE_PASSWORD setzen oder in "
            f"Prefect einen Secret-Block „{SECRET_BLOCK}“ anlegen."
        ) from None
    return str(value)


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


def robot() -> EAkteRobot:
    lotse = lotse_app()
    return EAkteRobot(
        lotse.db.session,
        lotse.delivery(),
        access(),
        lotse.settings.data_dir / "eakte" / "fehler",
    )


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
        f"- **{len(filed)}** Briefe abgelegt, **{len(failed)}** fehlgeschlagen",
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
