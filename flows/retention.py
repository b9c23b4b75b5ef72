"""``poststelle-aufbewahrung``: archived originals are destroyed when their retention ends.

The retention is LOTSE_MAIL_RETENTION_DAYS after archiving; what a letter keeps
afterwards is robots.mailroom.retention's (docs/operator.md). The deployment runs
daily (LOTSE_MAIL_PURGE_CRON; empty = only by hand); "Nur zählen" says how many
are due without destroying anything.
"""

from __future__ import annotations

from prefect import flow, get_run_logger
from prefect.artifacts import create_markdown_artifact

from flows.context import lotse_app
from flows.forms import parameter
from robots.mailroom.retention import count_due, purge


@flow(
    name="poststelle-aufbewahrung",
    description="Täglich: archivierte Originale nach Ablauf der Aufbewahrungsfrist vernichten.",
    log_prints=False,
)
def retention_flow(
    nur_zaehlen: bool = parameter(
        "Nur zählen", "Nur melden, wie viele Originale fällig sind; nichts vernichten.", False
    ),
) -> int:
    """Aufbewahrungsfristen der Poststelle."""
    logger = get_run_logger()
    lotse = lotse_app()
    days = lotse.settings.mail_retention_days
    if nur_zaehlen:
        with lotse.db.read_session() as session:
            due = count_due(session)
        logger.info("%d Originale haben ihre Aufbewahrungsfrist überschritten", due)
        summary = f"**{due}** Originale sind fällig (Frist {days} Tage); nichts vernichtet."
        number = due
    else:
        purged = purge(lotse.db.session)
        # Numbers only: which letters they were is in each letter's trail.
        logger.info("%d Originale nach Ablauf der Aufbewahrungsfrist vernichtet", len(purged))
        summary = (
            f"**{len(purged)}** Originale vernichtet (Frist {days} Tage nach der Archivierung)."
        )
        number = len(purged)
    create_markdown_artifact(
        f"# Aufbewahrung der Poststelle\n\n{summary}\n",
        key="poststelle-aufbewahrung",
        description="Vernichtete Originale nach Ablauf der Aufbewahrungsfrist.",
    )
    return number
