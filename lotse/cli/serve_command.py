"""``lotse serve``: the web workbench (and, with issue 6, the Prefect parts)."""

from __future__ import annotations

import os
import secrets
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

from lotse.cli.console import console

if TYPE_CHECKING:
    from lotse.app import App


def serve(
    host: Annotated[
        str | None, typer.Option("--host", help="Adresse (Standard: LOTSE_WEB_HOST, 127.0.0.1).")
    ] = None,
    port: Annotated[
        int | None, typer.Option("--port", help="Port (Standard: LOTSE_WEB_PORT, 8000).")
    ] = None,
    no_prefect: Annotated[
        bool, typer.Option("--no-prefect", help="Ohne Prefect-Server und Roboter-Deployments.")
    ] = False,
) -> None:
    """Startet die Weboberfläche."""
    import uvicorn

    from lotse.cli.catalogue_commands import _app
    from lotse.web.app import create_app

    lotse = _app()
    ensure_first_admin(lotse)
    app = create_app(lotse)
    host = host or lotse.settings.web_host
    port = port or lotse.settings.web_port
    console.print(f"Lotse läuft auf [bold]http://{host}:{port}/[/] (beenden mit Strg+C)")
    uvicorn.run(
        app, host=host, port=port, log_level="warning", proxy_headers=False, server_header=False
    )


def ensure_first_admin(lotse: App) -> None:
    """With no users at all, create ``admin`` with a random password, shown once."""
    from sqlalchemy import func, select

    from lotse.users import Role, User, add_user

    with lotse.db.session() as session:
        if session.scalar(select(func.count()).select_from(User)):
            return
        password = secrets.token_urlsafe(12)
        add_user(session, "admin", password, Role.ADMIN)
    path = lotse.settings.data_dir / "erstes-admin-passwort.txt"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(f"admin\n{password}\n")
    console.print(
        f"Erster Start: Benutzer [bold]admin[/] mit dem Passwort [bold]{escape(password)}[/] angelegt "
        f"(steht auch in {escape(str(path))}; bitte nach der Anmeldung weitere Benutzer anlegen)."
    )
