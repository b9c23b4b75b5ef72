"""``lotse user …``: people who may sign in to the workbench."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.table import Table

from lotse.cli.console import console, errors

if TYPE_CHECKING:
    from lotse.users import User

app = typer.Typer(help="Benutzer der Weboberfläche anlegen und anzeigen.", no_args_is_help=True)


@app.command("add")
def add_command(
    name: Annotated[str, typer.Argument(help="Benutzername.", show_default=False)],
    role: Annotated[str, typer.Option("--role", help="lotse, it, poststelle oder admin.")],
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
        errors.print(
            f"[red]Unbekannte Rolle „{escape(role)}“; möglich sind lotse, it, poststelle, admin.[/]"
        )
        raise typer.Exit(1) from None
    password = _read_password(password_stdin)
    lotse = _app()
    try:
        with lotse.db.session() as session:
            if department and department not in department_names(session):
                raise UserError(f"Das Amt „{department}“ ist unbekannt.")
            name = add_user(session, name, password, user_role, department).username
    except UserError as exc:
        errors.print(f"[red]{escape(str(exc))}[/]")
        raise typer.Exit(1) from None
    console.print(f"Benutzer „{escape(name)}“ ({user_role.german}) angelegt.")


@app.command("password")
def password_command(
    name: Annotated[str, typer.Argument(help="Benutzername.", show_default=False)],
    password_stdin: Annotated[
        bool,
        typer.Option(
            "--password-stdin", help="Passwort von der Standardeingabe lesen (für Skripte)."
        ),
    ] = False,
    change_at_sign_in: Annotated[
        bool,
        typer.Option(
            "--change-at-sign-in",
            help="Vorläufiges Passwort: bei der nächsten Anmeldung muss es geändert werden.",
        ),
    ] = False,
) -> None:
    """Setzt ein neues Passwort; alle Sitzungen des Benutzers enden."""
    from lotse.cli.catalogue_commands import _app
    from lotse.users import UserError, find_user, set_password

    password = _read_password(password_stdin)
    lotse = _app()
    try:
        with lotse.db.session() as session:
            user = find_user(session, name)
            if user is None:
                raise UserError(f"Den Benutzer „{name}“ gibt es nicht (siehe lotse user list).")
            set_password(session, user, password, temporary=change_at_sign_in)
            name = user.username
    except UserError as exc:
        errors.print(f"[red]{escape(str(exc))}[/]")
        raise typer.Exit(1) from None
    then = " Bei der nächsten Anmeldung muss es geändert werden." if change_at_sign_in else ""
    console.print(
        f"Neues Passwort für „{escape(name)}“ gesetzt; alle Sitzungen sind beendet.{then}"
    )


@app.command("signout")
def signout_command(
    name: Annotated[
        str | None, typer.Argument(help="Benutzername (oder --all).", show_default=False)
    ] = None,
    everyone: Annotated[
        bool, typer.Option("--all", help="Alle Benutzer abmelden (z. B. nach einem Update).")
    ] = False,
) -> None:
    """Beendet alle Sitzungen eines Benutzers oder aller Benutzer (Abmelden aus der Ferne)."""
    from sqlalchemy import select

    from lotse.cli.catalogue_commands import _app
    from lotse.users import User, end_sessions, find_user

    if (name is None) == (not everyone):
        errors.print("[red]Bitte einen Benutzernamen oder --all angeben.[/]")
        raise typer.Exit(2)
    lotse = _app()
    with lotse.db.session() as session:
        if everyone:
            people = list(session.scalars(select(User)))
        else:
            found = find_user(session, name or "")
            if found is None:
                errors.print(f"[red]Den Benutzer „{escape(name or '')}“ gibt es nicht.[/]")
                raise typer.Exit(1)
            people = [found]
        for person in people:
            end_sessions(person)
    console.print(
        f"Abgemeldet: {len(people)} Benutzer; ihre Sitzungen enden bei der nächsten Anfrage."
    )


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return str(typer.prompt("Passwort", hide_input=True, confirmation_prompt=True))


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
                          _state(person))  # fmt: skip
    console.print(table)


def _state(person: User) -> str:
    state = "aktiv" if person.active else "gesperrt"
    return f"{state}, muss Passwort ändern" if person.must_change_password else state
