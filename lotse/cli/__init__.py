"""The ``lotse`` command line. Help texts are German; option names stay English."""

from __future__ import annotations

import gc
from typing import Annotated

import typer

from lotse.cli import (
    bpmn_commands,
    catalogue_commands,
    filing_commands,
    mailroom_commands,
    robot_commands,
    user_commands,
    workshop_commands,
)
from lotse.cli.backup_commands import backup_command, restore_command
from lotse.cli.demo_command import demo
from lotse.cli.eakte_commands import eakte_demo_server
from lotse.cli.init_command import init_command
from lotse.cli.report_command import report
from lotse.cli.serve_command import serve
from lotse.flow_runs import prefect_defaults
from lotse.permissions import restrict_umask

app = typer.Typer(
    name="lotse",
    help="Lotse – Prozessautomatisierung für Stadtverwaltungen: BPMN-Diagramme einlesen, "
    "für Software-Roboter (RPA) bewerten und die Roboter mit Prefect betreiben.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _print_version(wanted: bool) -> None:
    if wanted:
        from lotse.version import describe

        print(describe())
        raise typer.Exit


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            is_eager=True,
            callback=_print_version,
            help="Version, Commit und Datenbankschema dieses Lotse zeigen und beenden.",
        ),
    ] = False,
) -> None:
    """Lotse – Prozessautomatisierung für Stadtverwaltungen."""


app.add_typer(bpmn_commands.app, name="bpmn")
app.add_typer(catalogue_commands.app, name="catalogue")
app.add_typer(mailroom_commands.app, name="mailroom")
mailroom_commands.app.command("file")(filing_commands.file_command)
mailroom_commands.app.command("filings")(filing_commands.filings_command)
app.add_typer(user_commands.app, name="user")
app.add_typer(workshop_commands.app, name="workshop")
app.add_typer(robot_commands.app, name="robot")
app.command("serve")(serve)
app.command("report")(report)
app.command("demo")(demo)
app.command("eakte-demo-server")(eakte_demo_server)
app.command("init")(init_command)
app.command("backup")(backup_command)
app.command("restore")(restore_command)


def main() -> None:
    # Also for commands that never open the application (bpmn draw --out …).
    restrict_umask()
    prefect_defaults()  # before any command imports Prefect
    try:
        app()
    finally:
        # The interpreter's last garbage collection walks every object the command made
        # (a third of a second after a mailroom run) only to free memory the operating
        # system takes back anyway. Files and connections are closed by their owners.
        gc.freeze()
