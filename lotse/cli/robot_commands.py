"""``lotse robot …``: robots and their processes, estimate against actual, skeletons."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

import typer
from rich.markup import escape

from lotse.cli.catalogue_commands import _app
from lotse.cli.console import console, errors, print_json
from processes.catalogue import CatalogueError, find_process
from processes.report.german import num, pct
from processes.scoring.text import count

app = typer.Typer(
    help="Roboter und ihre Prozesse: verknüpfen, Ist-Zahlen ansehen, Gerüste erzeugen.",
    no_args_is_help=True,
)


@app.command("link")
def link_command(
    deployment: Annotated[
        str, typer.Argument(help="Name des Prefect-Deployments, z. B. poststelle.")
    ],
    key: Annotated[str, typer.Argument(help="Schlüssel des Prozesses im Katalog.")],
    tasks: Annotated[
        list[str] | None,
        typer.Option(
            "--task",
            help="BPMN-ID einer Aufgabe, die der Roboter übernimmt (mehrfach möglich); "
            "ohne Angabe: der ganze Prozess.",
        ),
    ] = None,
    user: Annotated[str, typer.Option("--user", help="Wer verknüpft (für die Historie).")] = "",
) -> None:
    """Verknüpft einen Roboter mit dem Prozess (und den Aufgaben), den er automatisiert."""
    from processes.robot_links import link_robot

    lotse = _app()
    try:
        with lotse.db.session() as session:
            process = find_process(session, key)
            link = link_robot(session, deployment, process, tasks or [], user=user)
            process_key, name, chosen = process.key, process.name, list(link.task_ids)
    except CatalogueError as exc:
        errors.print(f"[red]{escape(str(exc))}[/]")
        raise typer.Exit(2) from None
    what = f"{len(chosen)} Aufgaben" if chosen else "den ganzen Prozess"
    console.print(
        f"„{escape(deployment)}“ automatisiert jetzt {what} von „{escape(name)}“ "
        f"({escape(process_key)})."
    )


@app.command("list")
def list_command(
    json_output: Annotated[bool, typer.Option("--json", help="Ausgabe als JSON.")] = False,
) -> None:
    """Zeigt die Roboter mit Prozess, Läufen und geschätzten gegen tatsächliche Einsparungen."""
    from flows.robot_ledger import DECLARED_LINKS
    from processes.ledger import robot_summaries
    from processes.robot_links import ensure_declared_links

    lotse = _app()
    with lotse.db.session() as session:
        ensure_declared_links(session, DECLARED_LINKS)
    with lotse.db.read_session() as session:
        summaries = robot_summaries(
            session, datetime.now(UTC), deployments=[d.deployment for d in DECLARED_LINKS]
        )
    if json_output:
        print_json([s.as_json() for s in summaries])
        return
    if not summaries:
        console.print("Keine Roboter bekannt.")
    for s in summaries:
        a = s.actuals
        if not s.process_key:
            console.print(
                f"[bold]{escape(s.deployment)}[/] – nicht verknüpft: "
                f"lotse robot link {escape(s.deployment)} SCHLÜSSEL"
            )
            continue
        what = count(len(s.task_ids), "Aufgabe", "Aufgaben") if s.task_ids else "ganzer Prozess"
        console.print(
            f"[bold]{escape(s.deployment)}[/] → {escape(s.process_name)} "
            f"({escape(s.process_key)}), {what}"
        )
        console.print(
            f"   {count(a.runs, 'Lauf', 'Läufe')}, {count(a.cases, 'Fall', 'Fälle')}: "
            f"{num(a.cases_automated)} ohne Menschen, {num(a.cases_to_person)} an Menschen"
        )
        console.print(
            f"   Anteil geschätzt {pct(a.linked.estimated_share)}, tatsächlich "
            f"{pct(a.actual_share)} · Stunden im Jahr geschätzt {num(a.estimated_hours_year)}, "
            f"tatsächlich {num(a.actual_hours_year, 1)}"
        )
        console.print(f"   {escape(a.explanation)}")
