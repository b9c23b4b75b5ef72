"""``lotse init``: create the database and data directory on purpose, or bring them up to date."""

from __future__ import annotations

import typer
from rich.markup import escape

from lotse.cli.console import console, errors


def init_command() -> None:
    """Legt Datenverzeichnis und Datenbank an oder bringt die Datenbank auf den neuen Stand.

    Der einzige Befehl, der eine neue Datenbank anlegt, wenn Lotse als Dienst
    eingerichtet ist (LOTSE_CONFIG_DIR) oder das Datenverzeichnis neu ist.
    Nach einem Update zeigt er, von welchem auf welchen Schemastand die Datenbank kam.
    """
    from lotse.app import open_app
    from lotse.db import SCHEMA_HEAD, make_engine, schema_revision
    from lotse.fresh_database import shown
    from lotse.settings import get_settings
    from lotse.version import describe

    settings = get_settings()
    url = settings.effective_database_url
    try:
        probe = make_engine(url)
        try:
            before = schema_revision(probe)
        finally:
            probe.dispose()
        lotse = open_app(settings)
    except Exception as exc:  # unreachable database, a newer schema, unreadable folder …
        errors.print(f"[red]Lotse kann nicht starten: {escape(str(exc).splitlines()[0])}[/]")
        raise typer.Exit(2) from None
    lotse.db.dispose()
    machine = lotse.machine  # made once per installation, in the machine-local state folder
    if (
        settings.mail_inbox is None
    ):  # Lotse's own inbox is there from the start (a share is not ours)
        settings.inbox.mkdir(parents=True, exist_ok=True)
    console.print(escape(describe()))
    console.print(f"Datenverzeichnis: {escape(str(settings.data_dir))}")
    console.print(f"Posteingang: {escape(str(settings.inbox))}")
    console.print(
        f"Rechner: {escape(machine.hostname)}, Kennung {machine.installation[:8] or 'keine'} "
        f"({escape(str(settings.state_dir))})"
    )
    if before is None:
        console.print(f"Neue Datenbank angelegt: {escape(shown(url))} (Schemastand {SCHEMA_HEAD})")
    elif before != SCHEMA_HEAD:
        console.print(
            f"Datenbank {escape(shown(url))} vom Schemastand {before} auf {SCHEMA_HEAD} gebracht."
        )
    else:
        console.print(f"Datenbank {escape(shown(url))} ist aktuell (Schemastand {SCHEMA_HEAD}).")
