"""``lotse mailroom file`` and ``filings``: the e-file robot from the command line."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.table import Table

from lotse.cli.console import console, errors, print_json, shown

if TYPE_CHECKING:
    from robots.eakte_robot import FilingOutcome


def file_command(
    without_prefect: Annotated[
        bool, typer.Option("--without-prefect", help="Ohne Prefect (z. B. zum Ausprobieren).")
    ] = False,
    headed: Annotated[
        bool,
        typer.Option("--headed", help="Den Browser sichtbar zeigen (braucht ein Display/Xvfb)."),
    ] = False,
) -> None:
    """Legt zugestellte Briefe über die Oberfläche in die E-Akte der Ämter ab."""
    from lotse.app import EAktePasswordMissing
    from lotse.cli.catalogue_commands import _app
    from lotse.serving import ServeError
    from robots.browser import BrowserMissing
    from robots.eakte_robot import filing_counts

    lotse = _app()
    if not lotse.delivery().efile_departments:
        console.print(
            "Kein Amt legt in die E-Akte ab (LOTSE_DELIVERY_FILE, siehe docs/operations.md)."
        )
        return
    try:
        if without_prefect or headed:
            from flows.names import EAKTE_ABLAGE
            from flows.robot_ledger import Stopwatch, filing_figures, record

            if without_prefect:  # the password from LOTSE_EAKTE_PASSWORD only: no Prefect at all
                robot = lotse.efile_robot(headless=not headed)
            else:  # a window to watch; the password may come from Prefect's Secret block
                from flows.eakte import robot as efile_robot

                robot = efile_robot(headless=False)
            watch = Stopwatch()
            outcomes = robot.run(on_filing=_print_one)
            record(lotse, EAKTE_ABLAGE, filing_figures(outcomes, watch), source="cli")
        else:
            from flows.eakte import eakte_flow
            from lotse.flow_runs import prefect_api, quiet_console  # before Prefect

            with prefect_api(lotse.settings, console.print), quiet_console(console):
                console.print("[dim]Starte den Prefect-Flow „eakte-ablage“ …[/]")
                outcomes = eakte_flow()
    except (BrowserMissing, ServeError, EAktePasswordMissing) as exc:
        errors.print(f"[red]{escape(str(exc))}[/]")
        raise typer.Exit(2) from None
    failed = [o for o in outcomes if o.status == "failed"]
    filed = [o for o in outcomes if o.status != "failed"]
    copies = sum(o.copy for o in filed)
    console.print(filing_counts(len(filed), copies, len(failed)) + ".")
    if failed:
        raise typer.Exit(1)


def _print_one(outcome: FilingOutcome) -> None:
    if outcome.status == "filed":
        console.print(
            f"  ✓ Brief {outcome.letter_id} ({shown(outcome.letter_name)}) → Akte "
            f"{escape(outcome.file_number or '')}, {escape(outcome.document_number or '')}"
        )
    else:
        console.print(
            f"  [red]✗ Brief {outcome.letter_id} ({shown(outcome.letter_name)}): "
            f"{escape(outcome.error or '')}[/]"
        )


def filings_command(
    json_output: Annotated[bool, typer.Option("--json", help="JSON-Liste.")] = False,
    status: Annotated[
        str | None, typer.Option("--status", help="Nur pending, filed oder failed.")
    ] = None,
) -> None:
    """Zeigt die Ablagen in die E-Akte: wartend, abgelegt (mit Dokumentnummer), fehlgeschlagen."""
    from sqlalchemy import select

    from lotse.cli.catalogue_commands import _app
    from robots.filings import Filing, FilingStatus

    lotse = _app()
    with lotse.db.read_session() as session:
        query = select(Filing).order_by(Filing.id)
        if status:
            query = query.where(Filing.status == status)
        rows = [
            {
                "letter_id": f.letter_id,
                "letter": f.letter.name,
                "department": f.department,
                "copy": f.is_copy,
                "status": f.status,
                "file_number": f.file_number,
                "document_number": f.document_number,
                "attempts": f.attempts,
                "error": f.error,
                "snapshot": f.snapshot,
            }
            for f in session.scalars(query)
        ]
    if json_output:
        print_json(rows)
        return
    table = Table("Brief", "Datei", "Amt", "Zustand", "Akte", "Dokument", "Fehler")
    for row in rows:
        table.add_row(
            str(row["letter_id"]), shown(str(row["letter"])),
            f"{row['department']} (Kopie)" if row["copy"] else str(row["department"]),
            FilingStatus(str(row["status"])).german, escape(str(row["file_number"] or "–")),
            escape(str(row["document_number"] or "–")), escape(str(row["error"] or "")),
        )  # fmt: skip
    console.print(table if rows else "Keine Ablagen.")
