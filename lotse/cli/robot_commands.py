"""``lotse robot …``: robots and their processes, estimate against actual, skeletons."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from common.german import num, pct
from lotse.cli.catalogue_commands import _app
from lotse.cli.console import console, errors, print_json
from processes.catalogue import CatalogueError, find_process
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


@app.command("new")
def new_command(
    key: Annotated[str, typer.Argument(help="Schlüssel des Prozesses im Katalog.")],
    out: Annotated[
        Path, typer.Option("--out", help="Ordner für das Gerüst und seine Tests.")
    ] = Path("roboter"),
    force: Annotated[
        bool, typer.Option("--force", help="Vorhandene, geänderte Dateien überschreiben.")
    ] = False,
) -> None:
    """Erzeugt aus dem Diagramm eines Prozesses ein Roboter-Gerüst (Prefect-Flow) mit Tests."""
    from lotse import __version__
    from processes.robotgen import GeneratorError, render, robot_source

    lotse = _app()
    try:
        with lotse.db.read_session() as session:
            process = find_process(session, key)
            source = robot_source(session, process, lotse_version=__version__)
    except (CatalogueError, GeneratorError) as exc:
        errors.print(f"[red]{escape(str(exc))}[/]")
        raise typer.Exit(2) from None
    skeleton = render(source)
    files = {
        out / f"{skeleton.module_name}.py": skeleton.module,
        out / f"test_{skeleton.module_name}.py": skeleton.tests,
    }
    changed = [
        path for path, text in files.items() if path.exists() and path.read_text("utf-8") != text
    ]
    if changed and not force:
        names = ", ".join(str(p) for p in changed)
        errors.print(
            f"[red]{escape(names)} gibt es schon mit anderem Inhalt (schon ausgefüllt?). Mit "
            "--force überschreiben oder einen anderen Ordner wählen; was sich im Diagramm "
            f"geändert hat, zeigt: lotse robot check {escape(str(out))}[/]"
        )
        raise typer.Exit(2)
    out.mkdir(parents=True, exist_ok=True)
    for path, text in files.items():
        path.write_text(text, encoding="utf-8")
    module, tests = files
    console.print(
        f"Roboter-Gerüst für „{escape(source.process_name)}“ ({escape(source.process_key)}, "
        f"Version {source.version}):"
    )
    console.print(f"   {escape(str(module))}")
    console.print(
        f"   {escape(str(tests))} ({count(skeleton.ways, 'Weg', 'Wege')} durch das Diagramm)"
    )
    if skeleton.stuck_ways:
        console.print(
            f"   [yellow]Auf {skeleton.stuck_ways} Wegen kommt der Ablauf nicht ans Ende; "
            "Näheres oben im Modul.[/]"
        )
    console.print(f"Ausfüllen: jede Stelle mit STUB. Prüfen: pytest {escape(str(out))}")
    console.print(f"Hat sich das Diagramm geändert? lotse robot check {escape(str(out))}")


@app.command("check")
def check_command(
    folder: Annotated[Path, typer.Argument(help="Ordner (oder Datei) mit Roboter-Gerüsten.")],
    json_output: Annotated[bool, typer.Option("--json", help="Ausgabe als JSON.")] = False,
) -> None:
    """Meldet, was sich im Diagramm seit dem Erzeugen eines Gerüsts geändert hat.

    Exit-Code 0: nichts geändert; 1: Änderungen; 2: kein Gerüst gefunden.
    """
    from processes.robotgen import check_skeleton
    from processes.robotgen.structure import NotASkeleton, read_module

    paths = [folder] if folder.is_file() else sorted(folder.glob("*.py")) if folder.is_dir() else []
    skeletons = []
    for path in paths:
        if path.name.startswith("test_"):
            continue
        try:
            skeletons.append(read_module(path))
        except NotASkeleton:
            continue
    if not skeletons:
        errors.print(f"[red]In {escape(str(folder))} liegt kein Roboter-Gerüst von Lotse.[/]")
        raise typer.Exit(2)
    lotse = _app()
    with lotse.db.read_session() as session:
        results = [check_skeleton(session, skeleton) for skeleton in skeletons]
    if json_output:
        print_json([result.as_json() for result in results])
    else:
        for result in results:
            head = (
                f"[bold]{escape(result.path.name)}[/] ({escape(result.process_key)}, "
                f"erzeugt aus Version {result.generated_from}"
            )
            if result.catalogue_version is not None:
                head += f", im Katalog Version {result.catalogue_version}"
            if not result.changes and not result.defects:
                console.print(head + "): unverändert.")
                continue
            said = [count(len(result.changes), "Änderung", "Änderungen")] if result.changes else []
            if result.defects:
                said.append(count(len(result.defects), "Mangel", "Mängel") + " im Gerüst")
            console.print(head + "): " + ", ".join(said))
            for line in [*result.changes, *result.defects]:
                console.print(f"   {escape(line)}")
    if any(result.changes or result.defects for result in results):
        raise typer.Exit(1)
