"""``lotse user …``: people who may sign in to the workbench."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from lotse.cli.console import console, errors

app = typer.Typer(help="Benutzer der Weboberfläche anlegen und anzeigen.", no_args_is_help=True)


@app.command("add")
def add_command(
    name: Annotated[str, typer.Argument(help="Benutzername.", show_default=False)],
    role: Annotated[str, typer.Option("--role", help="lotse, it oder admin.")],
    department: Annotated[
        str | None, typer.Option("--department", help="Kennziffer des Amtes (für die Rolle lotse).")
    ] = None,
    password_stdin: Annotated[
        bool,
        typer.Option(
            "--password-stdin", help="Passwort von der Standardeingabe lesen (für Skripte)."
        ),
    ] = False,
) -> None:
    """Legt einen Benutzer an; das Passwort wird abgefragt oder von stdin gelesen."""
    from lotse.cli.catalogue_commands import _app
    from lotse.users import Role, UserError, add_user
    from processes.departments import department_names

    try:
        user_role = Role(role)
    except ValueError:
        errors.print(f"[red]Unbekannte Rolle „{escape(role)}“; möglich sind lotse, it, admin.[/]")
        raise typer.Exit(1) from None
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("Passwort", hide_input=True, confirmation_prompt=True)
    lotse = _app()
    try:
        with lotse.db.session() as session:
            if department and department not in department_names(session):
                raise UserError(f"Das Amt „{department}“ ist unbekannt.")
            add_user(session, name, password, user_role, department)
    except UserError as exc:
        errors.print(f"[red]{escape(str(exc))}[/]")
        raise typer.Exit(1) from None
    console.print(f"Benutzer „{escape(name)}“ ({user_role.german}) angelegt.")


@app.command("list")
def list_command() -> None:
    """Zeigt alle Benutzer."""
    from sqlalchemy import select

    from lotse.cli.catalogue_commands import _app
    from lotse.users import User

    lotse = _app()
    with lotse.db.read_session() as session:
        people = session.scalars(select(User).order_by(User.username)).all()
        table = Table(title="Benutzer", title_justify="left")
        for column in ("Name", "Rolle", "Amt", "Zustand"):
            table.add_column(column)
        for person in people:
            table.add_row(escape(person.username), person.user_role.german, person.department_code or "–",
                          "aktiv" if person.active else "gesperrt")  # fmt: skip
    console.print(table)
