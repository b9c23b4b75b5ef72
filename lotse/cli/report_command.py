"""``lotse report``: the candidates report as HTML, CSV and Excel."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from lotse.cli.catalogue_commands import _app
from lotse.cli.console import console


def report(
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            "-o",
            help="Ordner für report.html, kandidaten.csv, candidates.csv, candidates.xlsx.",
        ),
    ],
    drawings: Annotated[
        int,
        typer.Option(
            "--drawings",
            min=0,
            help="Für wie viele der besten Kandidaten Zeichnungen in den Bericht kommen.",
        ),
    ] = 200,
) -> None:
    """Schreibt den Kandidatenbericht (HTML mit Diagrammen, CSV, Excel)."""
    from processes.report import write_report  # matplotlib and openpyxl load only when needed

    lotse = _app()
    with lotse.db.session() as session:
        files = write_report(
            session,
            out,
            model=lotse.model,
            generated_at=datetime.now().astimezone(),
            drawings_limit=drawings,
        )
    console.print(f"Bericht über {files.processes} Prozesse geschrieben:")
    for path in (files.html, files.excel_csv, files.xlsx, files.csv):
        console.print(f"  {escape(str(path))}")
    console.print(f"Im Browser öffnen: [bold]{escape(files.html.resolve().as_uri())}[/]")
