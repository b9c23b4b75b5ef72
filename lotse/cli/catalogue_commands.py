"""``lotse catalogue …``: import diagrams, list and inspect candidates, steer their status."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from bpmn.files import expand_bpmn_paths
from bpmn.names import kind_german
from common.german import when
from lotse.app import App, open_app
from lotse.cli.console import console, errors, print_json
from processes.catalogue import (
    CatalogueError,
    change_status,
    current_processes,
    find_process,
    ranked,
    rescore_all,
    set_facts,
    set_quick_check,
    stored_facts,
)
from processes.departments import department_names
from processes.facts import FACT_LABELS, FactsError, as_percent, facts_from_mapping
from processes.importer import ImportRequest, ImportResult, Outcome, import_many
from processes.models import STATUS_GERMAN, Process, Status
from processes.quickcheck import QUESTIONS, QuickCheck, answer_from_text
from processes.scoring import Category, Quadrant
from processes.scoring.text import number

app = typer.Typer(
    help="Der Prozesskatalog: Diagramme einlesen, Kandidaten ansehen, Status pflegen.",
    no_args_is_help=True,
)

KeyArg = Annotated[
    str, typer.Argument(help="Schlüssel des Prozesses, z. B. 20:Process_Rechnungseingang.")
]
UserOpt = Annotated[
    str, typer.Option("--user", help="Wer die Änderung vornimmt (für die Historie).")
]


def _app() -> App:
    from lotse.fresh_database import refuse_fresh_database
    from lotse.settings import get_settings

    try:
        refuse_fresh_database(get_settings())
        return open_app()
    except Exception as exc:  # database unreachable, broken departments file …
        errors.print(f"[red]Lotse kann nicht starten: {escape(str(exc).splitlines()[0])}[/]")
        raise typer.Exit(2) from None


def confidence_label(value: float) -> str:
    return "hoch" if value >= 0.75 else "mittel" if value >= 0.5 else "niedrig"


@app.command("import")
def import_command(
    paths: Annotated[
        list[Path], typer.Argument(help="BPMN-Dateien oder Ordner.", show_default=False)
    ],
    department: Annotated[
        str | None, typer.Option("--department", help="Kennziffer des Amtes, z. B. 20.")
    ] = None,
    user: UserOpt = "",
    version_of: Annotated[
        str | None,
        typer.Option(
            "--version-of",
            help="Die Datei ist eine neue Version dieses Prozesses (Schlüssel), "
            "auch wenn Dateiname oder Diagramm-id anders sind.",
        ),
    ] = None,
) -> None:
    """Liest BPMN-Diagramme in den Katalog ein und bewertet sie.

    Ein Diagramm ist ein Prozess, auch wenn jede Rolle ein eigener Pool ist.
    Eine gleiche Datei ändert nichts, eine geänderte wird zur neuen Version.
    Trägt eine andere Datei dieselbe Diagramm-id (kopiertes Diagramm), wird
    sie ein eigener Prozess, außer --version-of sagt etwas anderes.
    Fakten werden aus den Diagramm-Eigenschaften und einer Datei NAME.facts.yaml
    daneben gelesen. Fehlerhafte Dateien werden mit Grund gemeldet; der Rest läuft weiter.
    """
    lotse = _app()
    files, empty = expand_bpmn_paths(paths)
    for folder in empty:
        errors.print(f"[yellow]Im Ordner {escape(str(folder))} gibt es keine BPMN-Dateien.[/]")
    if version_of and len(files) != 1:
        errors.print("[red]--version-of gilt für genau eine Datei.[/]")
        raise typer.Exit(2)
    requests = [
        ImportRequest(
            file_name=path.name,
            path=path,
            department=department,
            user=user,
            version_of=version_of,
        )
        for path in files
    ]
    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
        disable=len(files) < 5 or not console.is_terminal,  # nobody sees it in a log
    ) as progress:
        task = progress.add_task("Einlesen", total=len(files))
        results = import_many(
            lotse.db.session,
            requests,
            lotse.model,
            lotse.limits,
            on_file=lambda _name: progress.advance(task),
        )
    _print_import_summary(results)
    if empty or any(r.outcome is Outcome.FAILED for r in results):
        raise typer.Exit(1)


def _print_import_summary(results: list[ImportResult]) -> None:
    counts = {outcome: 0 for outcome in Outcome}
    for result in results:
        counts[result.outcome] += 1
    summary = ", ".join(f"{n} {o.german}" for o, n in counts.items() if n) or "nichts zu tun"
    console.print(f"Katalog: {summary}.")
    for result in results:
        if result.outcome is Outcome.FAILED:
            console.print(f"  [red]✗ {escape(result.file)}: {escape(result.message)}[/]")
        elif result.outcome is Outcome.EMPTY:
            console.print(f"  [yellow]– {escape(result.file)}: {escape(result.message)}[/]")
        elif result.outcome in (Outcome.NEW, Outcome.NEW_VERSION, Outcome.FACTS_UPDATED):
            console.print(
                f"  ✓ {escape(result.key or '')} – {escape(result.name)} "
                f"(Version {result.version}, {result.outcome.german})"
            )
        if result.warning:
            console.print(f"    [yellow]! {escape(result.file)}: {escape(result.warning)}[/]")
    warned = sum(1 for r in results if r.warning)
    if warned:
        console.print(
            f"[yellow]{warned} Datei(en) mit Hinweis: bitte prüfen, ob sie neue Versionen "
            "vorhandener Prozesse sind.[/]"
        )


def _row(process: Process, rank: int, departments: dict[str, str]) -> dict[str, Any]:
    a = process.current_assessment
    v = process.current_version
    return {
        "rank": rank,
        "key": process.key,
        "name": process.name,
        "department": process.department_code or None,
        "department_name": departments.get(process.department_code),
        "status": process.status,
        "potential": a.potential if a else None,
        "ease": a.ease if a else None,
        "hours_saved": a.hours_saved if a else None,
        "automatable_share": a.automatable_share if a else None,
        "quadrant": a.quadrant if a else None,
        "feasible": a.feasible if a else None,
        "confidence": a.confidence if a else None,
        "model_version": a.model_version if a else None,
        "version": v.number if v else None,
        "file": v.file_name if v else None,
        "tasks": len(a.tasks) if a else 0,
        "robot_tasks": sum(1 for t in a.tasks if t.category == Category.ROBOT.value) if a else 0,
    }


@app.command("list")
def list_command(
    json_output: Annotated[
        bool, typer.Option("--json", help="Ausgabe als JSON für Skripte.")
    ] = False,
    department: Annotated[str | None, typer.Option("--department", help="Nur dieses Amt.")] = None,
    status: Annotated[str | None, typer.Option("--status", help="Nur dieser Status.")] = None,
) -> None:
    """Zeigt den Katalog, nach Eignung gereiht (schnelle Erfolge zuerst)."""
    lotse = _app()
    wanted_status = _status(status) if status else None
    with lotse.db.session() as session:
        departments = department_names(session)
        rows = [
            _row(p, rank, departments)
            for rank, p in enumerate(ranked(current_processes(session)), start=1)
        ]
    rows = [
        r
        for r in rows
        if (department is None or r["department"] == department)
        and (wanted_status is None or r["status"] == wanted_status.value)
    ]
    if json_output:
        print_json(rows)
        return
    table = Table(title=f"Prozesskatalog ({len(rows)} Prozesse)", title_justify="left")
    for column, justify in (
        ("Rang", "right"), ("Schlüssel", "left"), ("Prozess", "left"), ("Status", "left"),
        ("Quadrant", "left"), ("Potenzial", "right"), ("Umsetzbarkeit", "right"), ("Std./Jahr", "right"),
    ):  # fmt: skip
        table.add_column(column, justify=justify, overflow="fold")  # type: ignore[arg-type]
    for r in rows:
        table.add_row(
            str(r["rank"]),
            escape(r["key"]),
            escape(r["name"]),
            STATUS_GERMAN[Status(r["status"])],
            Quadrant(r["quadrant"]).german if r["quadrant"] else "–",
            number(r["potential"]) if r["potential"] is not None else "–",
            number(r["ease"]) if r["ease"] is not None else "–",
            number(r["hours_saved"]) if r["hours_saved"] is not None else "–",
        )
    console.print(table)


@app.command("show")
def show_command(key: KeyArg) -> None:
    """Zeigt einen Prozess mit Bewertung und allen Begründungen."""
    lotse = _app()
    with lotse.db.session() as session:
        try:
            process = find_process(session, key)
        except CatalogueError as exc:
            errors.print(f"[red]{escape(str(exc))}[/]")
            raise typer.Exit(1) from None
        departments = department_names(session)
        _print_process(process, departments, stored_facts(session, process))


def _print_process(process: Process, departments: dict[str, str], facts: Any) -> None:
    a = process.current_assessment
    v = process.current_version
    department = departments.get(process.department_code, "ohne Amt")
    console.rule(f"[bold]{escape(process.name)}[/] ({escape(process.key)})")
    console.print(
        f"Amt: {escape(department)} · Status: {STATUS_GERMAN[Status(process.status)]} · "
        f"Version {v.number if v else '–'} ({escape(v.file_name) if v else '–'})"
    )
    if a is None:
        console.print("Noch nicht bewertet.")
        return
    console.print(
        f"\n[bold]Automatisierungspotenzial {number(a.potential)}[/] · "
        f"[bold]Umsetzbarkeit {number(a.ease)}[/] · {Quadrant(a.quadrant).german} · "
        f"Verlässlichkeit {confidence_label(a.confidence)} · Modell {escape(a.model_version)}"
    )
    hours = "unbekannt" if a.hours_saved is None else f"{number(a.hours_saved)} Stunden pro Jahr"
    console.print(
        f"Eingesparte Zeit: {hours} (automatisierbarer Anteil {as_percent(a.automatable_share)})"
    )
    console.print(f"Machbar in diesem Jahr: {escape(a.feasibility_reason)}")
    for note in a.notes:
        console.print(f"[yellow]Hinweis:[/] {escape(note)}")
    console.print("\n[bold]Potenzial[/]")
    for c in a.criteria:
        if c["axis"] == "potential":
            console.print(
                f"  {c['label']}: {number(c['score'])} (Gewicht {number(c['weight'] * 100)} %) – {escape(c['reason'])}"
            )
    console.print("[bold]Umsetzbarkeit[/] (100 minus Abzüge)")
    for c in a.criteria:
        if c["axis"] == "ease":
            console.print(f"  {c['label']}: {escape(c['reason'])}")
    table = Table(title="Aufgaben", title_justify="left", show_lines=False)
    for column in ("Aufgabe", "Typ", "Lane", "Potenzial", "Einschätzung", "Warum"):
        table.add_column(column, overflow="fold")
    for t in a.tasks:
        table.add_row(
            escape(t.name or t.element_id),
            kind_german(t.kind),
            escape(t.lane),
            number(t.potential),
            Category(t.category).german + (" · Ermessen" if t.discretion else ""),
            escape(" ".join(r["text"] for r in t.reasons)),
        )
    console.print(table)
    console.print("[bold]Fakten[/]")
    for field, label in FACT_LABELS.items():
        if field == "department":
            continue
        value = getattr(facts, field)
        if value is None:
            shown = "[dim]fehlt[/]"
        elif field in ("digital_share", "exception_rate"):
            shown = as_percent(value)
        elif isinstance(value, float):
            shown = number(value, 0 if value == int(value) else 1)
        else:
            shown = escape(str(getattr(value, "german", value)))
        console.print(f"  {label}: {shown}")
    if v is not None and v.findings:
        console.print(f"[bold]Modellierungsbefunde[/] ({len(v.findings)})")
        for f in v.findings[:20]:
            console.print(f"  {escape(f.message)}")
        if len(v.findings) > 20:
            console.print(f"  … und {len(v.findings) - 20} weitere")
    console.print("[bold]Status-Historie[/]")
    for change in process.status_changes:
        before = STATUS_GERMAN[Status(change.from_status)] if change.from_status else "–"
        console.print(
            f"  {when(change.changed_at)} {before} → {STATUS_GERMAN[Status(change.to_status)]}"
            f" {escape(change.changed_by or '')} {escape(change.comment)}"
        )


def _status(text: str) -> Status:
    wanted = text.strip().lower().replace(" ", "_").replace("-", "_")
    for status in Status:
        if wanted in (status.value, status.german.lower().replace(" ", "_")):
            return status
    choices = ", ".join(f"{s.value} ({s.german})" for s in Status)
    errors.print(f"[red]Unbekannter Status „{escape(text)}“; möglich sind: {choices}.[/]")
    raise typer.Exit(1)


@app.command("status")
def status_command(
    key: KeyArg,
    status: Annotated[
        str,
        typer.Argument(
            help="Neuer Status: idea, assessed, approved, in_development, live, rejected."
        ),
    ],
    comment: Annotated[str, typer.Option("--comment", help="Begründung für die Historie.")] = "",
    user: UserOpt = "",
) -> None:
    """Setzt den Pipeline-Status eines Kandidaten (mit Historie)."""
    lotse = _app()
    new_status = _status(status)
    try:
        with lotse.db.session() as session:
            process = find_process(session, key)
            before = process.status
            change_status(session, process, new_status, user, comment)
    except CatalogueError as exc:
        errors.print(f"[red]{escape(str(exc))}[/]")
        raise typer.Exit(1) from None
    console.print(f"{escape(key)}: {STATUS_GERMAN[Status(before)]} → {new_status.german}")


@app.command("facts")
def facts_command(
    key: KeyArg,
    values: Annotated[
        list[str] | None,
        typer.Argument(
            help="Fakten als NAME=WERT, z. B. fallzahl=120 minuten=15 anteil_digital=80.",
            show_default=False,
        ),
    ] = None,
    user: UserOpt = "",
) -> None:
    """Zeigt oder ändert die Fakten eines Prozesses und bewertet ihn neu."""
    lotse = _app()
    try:
        with lotse.db.session() as session:
            process = find_process(session, key)
            facts = stored_facts(session, process)
            if values:
                pairs = {}
                for item in values:
                    name, sep, value = item.partition("=")
                    if not sep:
                        raise FactsError(f"„{item}“ hat nicht die Form NAME=WERT.")
                    pairs[name] = value
                facts = facts.merged(facts_from_mapping(pairs, where="der Eingabe"))
                set_facts(session, process, facts, lotse.model, user)
            departments = department_names(session)
            _print_process(process, departments, facts)
    except (CatalogueError, FactsError) as exc:
        errors.print(f"[red]{escape(str(exc))}[/]")
        raise typer.Exit(1) from None


@app.command("check")
def check_command(
    key: KeyArg,
    regelbasiert: Annotated[
        str | None, typer.Option("--regelbasiert", help="ja, teilweise oder nein")
    ] = None,
    digital: Annotated[
        str | None, typer.Option("--digital", help="ja, teilweise oder nein")
    ] = None,
    strukturiert: Annotated[
        str | None, typer.Option("--strukturiert", help="ja, teilweise oder nein")
    ] = None,
    aenderungen: Annotated[
        str | None, typer.Option("--aenderungen", help="keine, einige oder viele")
    ] = None,
    faelle: Annotated[
        str | None,
        typer.Option("--faelle", help="Fälle im Monat: unter-50, 50-200, 200-1000 oder ueber-1000"),
    ] = None,
    user: UserOpt = "",
) -> None:
    """Schnellcheck in einer Minute: fünf Fragen statt genauer Zahlen.

    Ergibt einen Ideenwert (0–100) und eine Nutzen-Einschätzung und füllt fehlende
    Fakten; genaue Fakten (lotse catalogue facts) haben Vorrang. Fehlende Antworten
    werden abgefragt.
    """
    given = {
        "rule_based": regelbasiert,
        "digital_input": digital,
        "structured_input": strukturiert,
        "changes": aenderungen,
        "cases": faelle,
    }
    answers: dict[str, object] = {}
    try:
        for field, text in given.items():
            while text is None:
                if not sys.stdin.isatty():
                    raise ValueError(f"Antwort fehlt: {QUESTIONS[field]}")
                text = typer.prompt(QUESTIONS[field])
            answers[field] = answer_from_text(field, text)
        check = QuickCheck.model_validate(answers)
    except ValueError as exc:
        errors.print(f"[red]{escape(str(exc).splitlines()[0])}[/]")
        raise typer.Exit(2) from None
    lotse = _app()
    try:
        with lotse.db.session() as session:
            process = find_process(session, key)
            set_quick_check(session, process, check, lotse.model, user)
            console.print(f"[bold]{escape(check.summary())}[/]")
            _print_process(process, department_names(session), stored_facts(session, process))
    except CatalogueError as exc:
        errors.print(f"[red]{escape(str(exc))}[/]")
        raise typer.Exit(1) from None


@app.command("rescore")
def rescore_command(
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Auch Prozesse neu bewerten, die schon nach diesem Modell bewertet sind.",
        ),
    ] = False,
) -> None:
    """Bewertet den Katalog nach dem aktuellen Bewertungsmodell neu; alte Bewertungen bleiben erhalten."""
    lotse = _app()
    with lotse.db.session() as session:
        done, skipped = rescore_all(session, lotse.model, force=force)
    console.print(
        f"Modell {escape(lotse.model.name)} {escape(lotse.model.version)}: {done} Prozesse neu bewertet, "
        f"{skipped} waren schon aktuell."
    )
