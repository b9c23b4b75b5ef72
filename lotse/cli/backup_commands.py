"""``lotse backup`` and ``lotse restore``: database and data directory, checked."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from lotse.cli.console import console, errors
from processes.scoring.text import number


def _megabytes(size: int) -> str:
    return f"{number(size / 1_000_000, 1)} MB"


def backup_command(
    target: Annotated[
        Path,
        typer.Argument(
            help="Ordner, in den die Sicherung kommt (nicht im Datenverzeichnis).",
            show_default=False,
        ),
    ],
) -> None:
    """Sichert Datenbank (pg_dump bzw. SQLite) und Datenverzeichnis in einen neuen Ordner.

    Die Sicherung wird geprüft (Rückgabewerte, Größen, Prüfsummen, Lesbarkeit des
    Abzugs); erst dann bekommt der Ordner seinen endgültigen Namen.
    """
    from lotse.backup import BackupError, backup
    from lotse.settings import get_settings

    settings = get_settings()
    try:
        report = backup(
            settings.effective_database_url,
            settings.data_dir,
            target,
            say=lambda line: console.print(escape(line)),
        )
    except BackupError as exc:
        errors.print(f"[red]Sicherung fehlgeschlagen: {escape(str(exc))}[/]")
        raise typer.Exit(1) from None
    manifest = report.manifest
    database = manifest.files[manifest.database_file]
    console.print(
        f"Sicherung geschrieben und geprüft: [bold]{escape(str(report.folder))}[/]\n"
        f"  Datenbank: {_megabytes(database.bytes)}, {len(manifest.rows)} Tabellen, "
        f"{number(sum(manifest.rows.values()))} Zeilen (Schemastand {manifest.schema_revision})\n"
        f"  Datenverzeichnis: {number(manifest.data_files)} Dateien, "
        f"{_megabytes(manifest.data_bytes)}"
    )


def restore_command(
    folder: Annotated[Path, typer.Argument(help="Der Ordner einer Sicherung (lotse-sicherung-…).")],
    database_url: Annotated[
        str | None,
        typer.Option(
            "--database-url",
            help="Leere Zieldatenbank (Standard: LOTSE_DATABASE_URL bzw. die SQLite-Datei).",
        ),
    ] = None,
    data_dir: Annotated[
        Path | None,
        typer.Option("--data-dir", help="Neues Datenverzeichnis (Standard: LOTSE_DATA_DIR)."),
    ] = None,
) -> None:
    """Spielt eine Sicherung in eine leere Datenbank und ein neues Datenverzeichnis zurück.

    Vorhandene Daten werden nie überschrieben. Danach wird das Ergebnis mit der
    Sicherung verglichen (Zeilen je Tabelle, Schemastand, Dateien).
    """
    from lotse.backup import BackupError, restore
    from lotse.settings import get_settings

    settings = get_settings()
    try:
        report = restore(
            folder,
            database_url or settings.effective_database_url,
            data_dir or settings.data_dir,
            say=lambda line: console.print(escape(line)),
        )
    except BackupError as exc:
        errors.print(f"[red]Zurückspielen fehlgeschlagen: {escape(str(exc))}[/]")
        raise typer.Exit(1) from None
    manifest = report.manifest
    console.print(
        f"Zurückgespielt und geprüft: {len(manifest.rows)} Tabellen, "
        f"{number(sum(manifest.rows.values()))} Zeilen, {number(manifest.data_files)} Dateien "
        f"(gesichert von Lotse {escape(manifest.lotse_version)} am "
        f"{escape(manifest.created_at[:16].replace('T', ' '))} UTC)."
    )
    for warning in report.warnings:
        errors.print(f"[yellow]{escape(warning)}[/]")
