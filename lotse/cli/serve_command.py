"""``lotse serve``: the web workbench, the robots' deployments and a Prefect server."""

from __future__ import annotations

import contextlib
import dataclasses
import os
import secrets
from contextlib import ExitStack
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

from lotse.cli.console import console, errors

if TYPE_CHECKING:
    from lotse.app import App
    from lotse.serving import WebProcesses, WebServer

FIRST_ADMIN_FILE = "erstes-admin-passwort.txt"


def serve(
    host: Annotated[
        str | None, typer.Option("--host", help="Adresse (Standard: LOTSE_WEB_HOST, 127.0.0.1).")
    ] = None,
    port: Annotated[
        int | None, typer.Option("--port", help="Port (Standard: LOTSE_WEB_PORT, 8000).")
    ] = None,
    no_prefect: Annotated[
        bool, typer.Option("--no-prefect", help="Nur die Weboberfläche, ohne Prefect und Roboter.")
    ] = False,
    no_web: Annotated[
        bool,
        typer.Option("--no-web", help="Nur die Roboter-Deployments (für einen weiteren Rechner)."),
    ] = False,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            min=1,
            max=64,
            help="Die Weboberfläche in so vielen eigenen Prozessen (Standard: im Lotse-Prozess).",
        ),
    ] = None,
) -> None:
    """Startet Weboberfläche, Roboter-Deployments und (falls nötig) einen Prefect-Server.

    Mit gesetztem PREFECT_API_URL wird dieser Server benutzt und keiner gestartet.
    Strg+C beendet alles geordnet.
    """
    from lotse.cli.catalogue_commands import _app
    from lotse.serving import PrefectServer, ServeError, serve_deployments, wait_for_api

    if no_prefect and no_web:
        errors.print("[red]Mit --no-prefect und --no-web bleibt nichts zu starten.[/]")
        raise typer.Exit(2)
    lotse = _app()
    settings = lotse.settings
    api_url = os.environ.get("PREFECT_API_URL") or None
    try:
        with ExitStack() as running:
            if not no_prefect and api_url is None:
                console.print("Prefect-Server startet (beim ersten Mal dauert das etwas) …")
                server = running.enter_context(
                    PrefectServer(
                        settings.prefect_port,
                        log_file=settings.data_dir / "logs" / "prefect-server.log",
                    )
                )
                api_url = server.api_url
                console.print(f"Prefect-Oberfläche: [bold]{server.ui_url}/[/]")
            elif api_url:
                console.print(f"Prefect-Server: {escape(api_url)}")
            if not no_web:
                web = _web(lotse, host, port, api_url, workers)
                running.enter_context(web)
                console.print(
                    f"Lotse läuft auf [bold]http://{web.host}:{web.port}/[/]"
                    + (f" in {workers} Prozessen" if workers else "")
                    + " (beenden mit Strg+C)"
                )
            if no_prefect:
                web.wait()
            else:
                # A server of our own is up by now; another one (its own service, another
                # machine) may still be starting.
                assert api_url is not None  # ours, or PREFECT_API_URL
                wait_for_api(api_url, os.environ.get("PREFECT_API_AUTH_STRING"), _say_plain)
                # Says what it serves (also the generated robots) right before serving.
                serve_deployments(api_url, _say_plain)
    except ServeError as exc:
        errors.print(f"[red]{escape(str(exc))}[/]")
        raise typer.Exit(1) from None
    except KeyboardInterrupt:  # Ctrl-C while waiting for the Prefect API
        pass
    console.print("Lotse ist beendet.")


def _say_plain(line: str) -> None:
    console.print(escape(line))


def _web(
    lotse: App, host: str | None, port: int | None, api_url: str | None, workers: int | None
) -> WebServer | WebProcesses:
    """The web in a thread of this process, or with ``workers`` in processes of its own."""
    from lotse.serving import WebProcesses, WebServer
    from lotse.web.app import create_app

    settings = lotse.settings
    children: dict[str, str] = {}
    if api_url and "prefect_ui_url" not in settings.model_fields_set:
        # The UI is served by the same Prefect server as the API.
        ui_url = api_url.removesuffix("/").removesuffix("/api")
        lotse = dataclasses.replace(lotse, settings=settings.changed(prefect_ui_url=ui_url))
        children["LOTSE_PREFECT_UI_URL"] = ui_url
    ensure_first_admin(lotse)
    where = (host or settings.web_host, port or settings.web_port)
    if workers:
        if api_url:
            children["PREFECT_API_URL"] = api_url
        log = settings.data_dir / "logs" / "web.log"
        return WebProcesses(*where, workers, children, log)
    asgi = create_app(
        lotse, prefect_api_url=api_url, prefect_auth=os.environ.get("PREFECT_API_AUTH_STRING")
    )
    return WebServer(asgi, *where)


def ensure_first_admin(lotse: App) -> None:
    """With no users at all, create ``admin`` with a random password, written once to a file.

    The password never goes to the console: under systemd that is the journal, which
    many people may read. The file is the service user's alone (0600), written once;
    the password has to be changed at the first sign-in.
    """
    from sqlalchemy import func, select

    from lotse.users import Role, User, add_user

    path = lotse.settings.data_dir / FIRST_ADMIN_FILE
    with lotse.db.session() as session:
        if session.scalar(select(func.count()).select_from(User)):
            return
        password = secrets.token_urlsafe(12)
        path.parent.mkdir(parents=True, exist_ok=True)
        # O_EXCL: never into a file (or a link) someone else put there.
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(f"admin\n{password}\n")
        add_user(session, "admin", password, Role.ADMIN, must_change_password=True)
    console.print(
        f"Erster Start: Benutzer [bold]admin[/] angelegt; das Passwort steht in "
        f"[bold]{escape(str(path))}[/] (nur für diesen Dienstbenutzer lesbar). Bei der ersten "
        "Anmeldung muss es geändert werden; danach die Datei löschen."
    )
