"""Catalogue flows for IT: ``katalog-import`` and ``kandidaten-bericht``.

The work is done by :mod:`processes`; these flows add what the Prefect UI shows:
a form for the parameters, one log line per diagram and artifacts a person reads.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_link_artifact, create_markdown_artifact, create_table_artifact
from pydantic import BaseModel, Field

from bpmn.files import expand_bpmn_paths
from flows.context import lotse_app
from flows.forms import parameter
from processes.catalogue import current_processes, ranked
from processes.importer import ImportRequest, ImportResult, Outcome, import_many
from processes.scoring import Quadrant
from processes.scoring.text import number


class ImportSummary(BaseModel):
    """What a ``katalog-import`` run did (also its return value)."""

    files: int
    new: int
    new_versions: int
    unchanged: int
    failed: int
    empty: int


@task(name="diagramme-einlesen", retries=2, retry_delay_seconds=10, timeout_seconds=3600)
def import_diagrams(folder: str, department: str | None, user: str) -> list[ImportResult]:
    logger = get_run_logger()
    lotse = lotse_app()
    files, empty_folders = expand_bpmn_paths([Path(folder)])
    for empty in empty_folders:
        logger.warning("Im Ordner %s gibt es keine BPMN-Dateien", empty)
    requests = [
        ImportRequest(file_name=path.name, path=path, department=department, user=user)
        for path in files
    ]
    results = import_many(lotse.db.session, requests, lotse.model, lotse.limits)
    for result in results:
        if result.outcome is Outcome.FAILED:
            logger.warning("%s: %s", result.file, result.message)
        else:
            logger.info("%s: %s %s", result.file, result.outcome.german, result.key or "")
    return results


@flow(
    name="katalog-import",
    description="Einen Ordner mit BPMN-Diagrammen in den Prozesskatalog einlesen und bewerten.",
    log_prints=False,
)
def catalogue_import_flow(
    ordner: str = parameter(
        "Ordner",
        "Ordner (oder einzelne Datei) mit .bpmn-Diagrammen, auf dem Rechner dieses Dienstes.",
    ),
    amt: Annotated[str, Field(max_length=10)] = parameter(
        "Amt", "Kennziffer des Amtes, z. B. 20; leer = aus dem Diagramm.", ""
    ),
    benutzer: str = parameter("Benutzer", "Wer einliest (für die Versionsgeschichte).", "prefect"),
) -> ImportSummary:
    """Diagramme einlesen: neue Prozesse, neue Versionen, Fehler mit Grund."""
    if not Path(ordner).exists():
        raise FileNotFoundError(f"Den Ordner {ordner} gibt es auf diesem Rechner nicht.")
    results = import_diagrams(ordner, amt or None, benutzer)
    summary = ImportSummary(
        files=len(results),
        new=sum(r.outcome is Outcome.NEW for r in results),
        new_versions=sum(r.outcome is Outcome.NEW_VERSION for r in results),
        unchanged=sum(r.outcome in (Outcome.UNCHANGED, Outcome.FACTS_UPDATED) for r in results),
        failed=sum(r.outcome is Outcome.FAILED for r in results),
        empty=sum(r.outcome is Outcome.EMPTY for r in results),
    )
    create_table_artifact(
        [
            {
                "Datei": r.file,
                "Ergebnis": r.outcome.german,
                "Prozess": r.key or "",
                "Version": r.version or "",
                "Meldung": r.message,
            }
            for r in results
        ],
        key="katalog-import",
        description=(
            f"{summary.files} Dateien: {summary.new} neu, {summary.new_versions} neue Versionen, "
            f"{summary.unchanged} unverändert, {summary.failed} fehlerhaft."
        ),
    )
    return summary


class ReportSummary(BaseModel):
    folder: str
    html: str
    processes: int


@task(name="bericht-schreiben", retries=1, retry_delay_seconds=10, timeout_seconds=1800)
def write_candidates_report(folder: str) -> ReportSummary:
    from processes.report import write_report  # charts and Excel load only when needed

    lotse = lotse_app()
    with lotse.db.read_session() as session:
        files = write_report(
            session, Path(folder), model=lotse.model, generated_at=datetime.now(UTC)
        )
    get_run_logger().info("Bericht über %d Prozesse in %s", files.processes, folder)
    return ReportSummary(folder=folder, html=str(files.html), processes=files.processes)


def top_candidates(limit: int) -> list[dict[str, str]]:
    lotse = lotse_app()
    with lotse.db.read_session() as session:
        processes = ranked(current_processes(session))[:limit]
        return [
            {
                "Rang": str(rank),
                "Prozess": p.name,
                "Amt": p.department_code or "",
                "Einordnung": Quadrant(p.current_assessment.quadrant).german,
                "Potenzial": number(p.current_assessment.potential),
                "Umsetzbarkeit": number(p.current_assessment.ease),
                "Std./Jahr": number(p.current_assessment.hours_saved or 0),
            }
            for rank, p in enumerate(processes, start=1)
            if p.current_assessment is not None
        ]


@flow(
    name="kandidaten-bericht",
    description="Den Kandidatenbericht (HTML, CSV, Excel) aus dem aktuellen Katalog schreiben.",
    log_prints=False,
)
def candidates_report_flow(
    ordner: str = parameter(
        "Zielordner",
        "Wohin der Bericht geschrieben wird; leer = DATENVERZEICHNIS/berichte/DATUM-UHRZEIT.",
        "",
    ),
    anzahl: Annotated[int, Field(ge=1, le=100)] = parameter(
        "Beste Kandidaten", "So viele stehen in der Tabelle des Laufs.", 10
    ),
) -> ReportSummary:
    """Kandidatenbericht schreiben und die besten Kandidaten als Tabelle zeigen."""
    lotse = lotse_app()
    folder = ordner or str(
        lotse.settings.data_dir / "berichte" / datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    )
    report = write_candidates_report(folder)
    create_link_artifact(
        Path(report.html).resolve().as_uri(),
        link_text="Kandidatenbericht öffnen",
        key="kandidaten-bericht",
        description=f"Bericht über {report.processes} Prozesse (HTML; CSV und Excel daneben).",
    )
    rows = top_candidates(anzahl)
    create_table_artifact(
        rows, key="kandidaten-top", description=f"Die {len(rows)} besten Kandidaten."
    )
    create_markdown_artifact(
        f"# Kandidatenbericht\n\n- **{report.processes}** Prozesse bewertet\n"
        f"- Dateien in `{report.folder}`: `report.html`, `kandidaten.csv`, `candidates.csv`, `candidates.xlsx`\n"
        "- In der Weboberfläche unter **Berichte** jederzeit neu herunterladen\n",
        key="kandidaten-bericht-zusammenfassung",
        description="Wo der Bericht liegt.",
    )
    return report
