"""The deployments ``lotse serve`` offers the Prefect UI.

Their names are a contract: scripts start them as ``FLOW/DEPLOYMENT``, e.g.
``poststelle/poststelle``. Flows are referenced by module path, so a served
run imports the installed package, wherever ``lotse serve`` was started.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from prefect.client.schemas.schedules import CronSchedule, IntervalSchedule
from prefect.deployments.runner import RunnerDeployment
from prefect.types.entrypoint import EntrypointType

from flows.context import build_version

# The names live in flows.names, without Prefect imports, for the workbench; re-exported here.
from flows.names import (
    AUFBEWAHRUNG,
    EAKTE_ABLAGE,
    KANDIDATEN_BERICHT,
    KATALOG_IMPORT,
    NAMES,
    POSTSTELLE,
    POSTSTELLE_LERNEN,
    REVIEW_ERINNERUNG,
)

if TYPE_CHECKING:
    from flows.context import Settings

TIMEZONE = "Europe/Berlin"

__all__ = [
    "AUFBEWAHRUNG", "EAKTE_ABLAGE", "KANDIDATEN_BERICHT", "KATALOG_IMPORT", "NAMES", "POSTSTELLE",
    "POSTSTELLE_LERNEN", "REVIEW_ERINNERUNG", "deployments",
]  # fmt: skip


def deployments(settings: Settings) -> list[RunnerDeployment]:
    from flows.catalogue import candidates_report_flow, catalogue_import_flow
    from flows.eakte import eakte_flow
    from flows.learning import learning_flow
    from flows.mailroom import mailroom_flow
    from flows.retention import retention_flow
    from flows.review_reminder import review_reminder_flow

    # Release and commit: during an upgrade the Prefect UI shows which code each serves.
    version = build_version()
    made = [
        catalogue_import_flow.to_deployment(
            name=KATALOG_IMPORT,
            description="Einen Ordner mit BPMN-Diagrammen in den Katalog einlesen und bewerten.",
            tags=["lotse", "katalog"],
            parameters={"ordner": str(settings.diagrams)},
            version=version,
            entrypoint_type=EntrypointType.MODULE_PATH,
        ),
        candidates_report_flow.to_deployment(
            name=KANDIDATEN_BERICHT,
            description="Den Kandidatenbericht (HTML, CSV, Excel) schreiben.",
            tags=["lotse", "katalog", "bericht"],
            version=version,
            entrypoint_type=EntrypointType.MODULE_PATH,
        ),
        mailroom_flow.to_deployment(
            name=POSTSTELLE,
            description=(
                "Posteingangs-Roboter: Scans lesen, nach Regeln zuordnen, zustellen, archivieren. "
                f"Läuft alle {settings.mail_interval_minutes:g} Minuten von selbst."
            ),
            tags=["lotse", "poststelle", "roboter"],
            schedules=[
                IntervalSchedule(
                    interval=timedelta(minutes=settings.mail_interval_minutes),
                    timezone=TIMEZONE,
                )
            ],
            version=version,
            entrypoint_type=EntrypointType.MODULE_PATH,
        ),
        review_reminder_flow.to_deployment(
            name=REVIEW_ERINNERUNG,
            description="Meldet Briefe, die länger als einen Tag auf eine Prüfung warten.",
            tags=["lotse", "poststelle"],
            schedules=[CronSchedule(cron=settings.review_reminder_cron, timezone=TIMEZONE)],
            version=version,
            entrypoint_type=EntrypointType.MODULE_PATH,
        ),
        eakte_flow.to_deployment(
            name=EAKTE_ABLAGE,
            description=(
                "E-Akte-Roboter: zugestellte Briefe über die Oberfläche in die E-Akte der Ämter "
                "ablegen. Läuft nach jeder Poststelle von selbst, wenn Ämter so eingestellt sind."
            ),
            tags=["lotse", "poststelle", "roboter", "eakte"],
            version=version,
            entrypoint_type=EntrypointType.MODULE_PATH,
        ),
        retention_flow.to_deployment(
            name=AUFBEWAHRUNG,
            description=(
                "Vernichtet archivierte Originale, deren Aufbewahrungsfrist "
                f"({settings.mail_retention_days} Tage) abgelaufen ist."
            ),
            tags=["lotse", "poststelle", "aufbewahrung"],
            schedules=(
                [CronSchedule(cron=settings.mail_purge_cron, timezone=TIMEZONE)]
                if settings.mail_purge_cron.strip()
                else []
            ),
            version=version,
            entrypoint_type=EntrypointType.MODULE_PATH,
        ),
        learning_flow.to_deployment(
            name=POSTSTELLE_LERNEN,
            description=(
                "Lernt nachts aus den Entscheidungen der Poststelle (nur wenn neue dazukamen) "
                "und berichtet Genauigkeit und Abdeckung je Amt."
            ),
            tags=["lotse", "poststelle", "lernen"],
            schedules=[CronSchedule(cron="30 2 * * *", timezone=TIMEZONE)],
            version=version,
            entrypoint_type=EntrypointType.MODULE_PATH,
        ),
    ]
    # Called outside an event loop, ``to_deployment`` answers synchronously.
    ready = [d for d in made if isinstance(d, RunnerDeployment)]
    if len(ready) != len(made):
        raise RuntimeError("deployments() must be called outside an event loop")
    return ready
