"""``poststelle-review-erinnerung``: tell the mailroom which letters wait too long."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Annotated

from prefect import flow, get_run_logger
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from pydantic import BaseModel, Field

from common.german import when
from flows.context import lotse_app
from flows.forms import parameter
from robots.review import review_queue


class WaitingLetter(BaseModel):
    letter_id: int
    name: str
    received_at: datetime
    hours_waiting: float
    reason: str


@flow(
    name="poststelle-review-erinnerung",
    description="Täglich: Briefe, die länger als einen Tag auf eine Prüfung warten.",
    log_prints=False,
)
def review_reminder_flow(
    stunden: Annotated[float, Field(gt=0, le=24 * 60)] = parameter(
        "Wartezeit in Stunden",
        "Briefe, die länger als so viele Stunden zur Prüfung liegen, werden gemeldet.",
        24,
    ),
) -> list[WaitingLetter]:
    """Erinnerung an den Prüfstapel der Poststelle."""
    logger = get_run_logger()
    now = datetime.now(UTC)
    with lotse_app().db.read_session() as session:
        waiting = [
            WaitingLetter(
                letter_id=letter.id,
                name=letter.name,
                received_at=letter.received_at,
                hours_waiting=round((now - _aware(letter.received_at)).total_seconds() / 3600, 1),
                reason=(letter.reasons or [""])[0],
            )
            for letter in review_queue(session, received_before=now - timedelta(hours=stunden))
        ]
    if waiting:
        # Ids and file names only: what the letters say stays out of logs.
        logger.warning(
            "%d Briefe warten länger als %s Stunden auf eine Prüfung (älteste: Nr. %d, %s Stunden)",
            len(waiting), f"{stunden:g}", waiting[0].letter_id, f"{waiting[0].hours_waiting:g}",
        )  # fmt: skip
    else:
        logger.info("Kein Brief wartet länger als %s Stunden auf eine Prüfung", f"{stunden:g}")
    create_table_artifact(
        [
            {
                "Nr.": w.letter_id,
                "Datei": w.name,
                "Eingegangen": when(w.received_at),
                "Wartet (Std.)": w.hours_waiting,
                "Warum zur Prüfung": w.reason,
            }
            for w in waiting
        ],
        key="poststelle-pruefstapel",
        description=f"Briefe, die länger als {stunden:g} Stunden auf eine Prüfung warten.",
    )
    create_markdown_artifact(
        f"# Prüfstapel der Poststelle\n\n**{len(waiting)}** Briefe warten länger als "
        f"{stunden:g} Stunden. Entscheiden in der Weboberfläche unter **Poststelle** "
        "oder mit `lotse mailroom review decide`.\n",
        key="poststelle-erinnerung",
        description="Erinnerung an den Prüfstapel.",
    )
    return waiting


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)
