"""``lotse bpmn …``: inspect, lint and draw diagrams without touching the catalogue."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from bpmn import (
    BpmnReadError,
    Definitions,
    Profile,
    Severity,
    draw_svg,
    lint,
    read_bpmn,
    summarise,
)
from bpmn.files import expand_bpmn_paths
from bpmn.model import ACTIVITY_KINDS, EVENT_KINDS, GATEWAY_KINDS
from bpmn.safe_xml import XmlLimits
from lotse.cli.console import console, errors, print_json
from lotse.limits import xml_limits
from lotse.settings import get_settings

log = logging.getLogger(__name__)

app = typer.Typer(
    help="BPMN-Dateien prüfen, auf Modellierungsfehler untersuchen und zeichnen.",
    no_args_is_help=True,
)

FilesArg = Annotated[
    list[Path],
    typer.Argument(
        help="BPMN-Dateien oder Ordner (Ordner werden nach *.bpmn durchsucht).", show_default=False
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Ausgabe als JSON für Skripte.")]

_SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def load(path: Path, limits: XmlLimits) -> Definitions:
    """Read one file; any failure becomes a BpmnReadError with a one-line message."""
    try:
        return read_bpmn(path, limits=limits)
    except BpmnReadError:
        raise
    except Exception as exc:  # a reader bug must not become a traceback for the user
        log.exception("unexpected error reading %s", path)
        raise BpmnReadError(
            f"Die Datei konnte wegen eines internen Fehlers nicht gelesen werden "
            f"({type(exc).__name__}); bitte melden Sie die Datei dem IT-Team.",
            reason="internal-error",
        ) from exc


def _files(paths: list[Path]) -> tuple[list[Path], bool]:
    files, empty = expand_bpmn_paths(paths)
    for folder in empty:
        errors.print(f"[yellow]Im Ordner {escape(str(folder))} gibt es keine BPMN-Dateien.[/]")
    return files, bool(empty)


def inspect_entry(path: Path, limits: XmlLimits) -> dict[str, Any]:
    """One object of the ``inspect --json`` contract (DESIGN.md)."""
    entry: dict[str, Any] = {
        "file": str(path),
        "ok": False,
        "error": None,
        "reason": None,
        "diagram": False,
        "message_flows": 0,
        "processes": [],
    }
    try:
        defs = load(path, limits)
    except BpmnReadError as exc:
        entry.update(error=str(exc), reason=exc.reason)
        return entry
    entry.update(summarise(defs), ok=True, exporter=defs.exporter or None)
    return entry


@app.command("inspect")
def inspect_command(files: FilesArg, json_output: JsonOpt = False) -> None:
    """Zeigt, was in BPMN-Dateien steht: Prozesse, Elemente, Lanes, Flüsse.

    Mit --json eine JSON-Liste (ein Objekt je Datei). Der Rückgabewert ist 1,
    wenn eine Datei nicht gelesen werden konnte.
    """
    limits = xml_limits(get_settings())
    paths, had_empty = _files(files)
    entries = [inspect_entry(path, limits) for path in paths]
    if json_output:
        print_json(entries)
    else:
        _print_inspect_table(entries)
    if had_empty or any(not e["ok"] for e in entries):
        raise typer.Exit(1)


def _print_inspect_table(entries: list[dict[str, Any]]) -> None:
    table = Table(title="BPMN-Dateien", title_justify="left")
    table.add_column("Datei", overflow="fold")
    table.add_column("Prozess", overflow="fold")
    for column in ("Aktivitäten", "Gateways", "Ereignisse", "Lanes", "Flüsse"):
        table.add_column(column, justify="right")
    shown = _short_names([entry["file"] for entry in entries])
    for entry in entries:
        name = escape(shown[entry["file"]])
        if not entry["ok"]:
            table.add_row(name, f"[red]nicht lesbar: {escape(entry['error'])}[/]")
            continue
        notes = []
        if entry["message_flows"]:
            notes.append(f"{entry['message_flows']} Nachrichtenflüsse")
        if not entry["diagram"]:
            notes.append("ohne Diagramm")
        note = f" [dim]({', '.join(notes)})[/]" if notes else ""
        if not entry["processes"]:
            table.add_row(name, f"(kein Prozess){note}")
        for index, process in enumerate(entry["processes"]):
            elements = process["elements"]
            table.add_row(
                name if index == 0 else "",
                escape(process["name"] or process["id"]) + (note if index == 0 else ""),
                str(sum(n for k, n in elements.items() if k in ACTIVITY_KINDS)),
                str(sum(n for k, n in elements.items() if k in GATEWAY_KINDS)),
                str(sum(n for k, n in elements.items() if k in EVENT_KINDS)),
                str(process["lanes"]),
                str(process["sequence_flows"]),
            )
    console.print(table)
    failed = sum(1 for e in entries if not e["ok"])
    console.print(f"{len(entries)} Datei(en), davon {failed} nicht lesbar.")


def _short_names(files: list[str]) -> dict[str, str]:
    """Paths relative to their common folder, so that the table stays readable."""
    if len(files) < 2:
        return {f: f for f in files}
    base = os.path.commonpath([os.path.dirname(os.path.abspath(f)) for f in files])
    return {f: os.path.relpath(os.path.abspath(f), base) for f in files}


@app.command("lint")
def lint_command(
    files: FilesArg,
    json_output: JsonOpt = False,
    min_severity: Annotated[
        Severity,
        typer.Option("--min-severity", help="Nur Befunde ab dieser Schwere zeigen."),
    ] = Severity.INFO,
    profile: Annotated[
        Profile,
        typer.Option(
            "--profile",
            help="workshop: gleichartige Befunde zusammengefasst, Zeichnungsreste als Warnung; "
            "strict: jeder Befund einzeln, Zeichnungsfehler als Fehler.",
        ),
    ] = Profile.WORKSHOP,
) -> None:
    """Prüft BPMN-Dateien auf Modellierungsfehler (ähnlich bpmnlint).

    Der Rückgabewert ist 1, wenn eine Datei nicht lesbar ist oder Fehler
    (nicht nur Warnungen) enthält.
    """
    limits = xml_limits(get_settings())
    paths, had_empty = _files(files)
    order = [Severity.ERROR, Severity.WARNING, Severity.INFO]
    shown = set(order[: order.index(min_severity) + 1])
    report: list[dict[str, Any]] = []
    failed = had_empty
    for path in paths:
        try:
            findings = lint(load(path, limits), profile=profile)
        except BpmnReadError as exc:
            report.append({"file": str(path), "ok": False, "error": str(exc), "findings": []})
            failed = True
            continue
        failed = failed or any(f.severity is Severity.ERROR for f in findings)
        report.append(
            {
                "file": str(path),
                "ok": True,
                "error": None,
                "findings": [
                    {
                        "rule": f.rule,
                        "severity": f.severity.value,
                        "element": f.element_id,
                        "message": f.message,
                    }
                    for f in findings
                    if f.severity in shown
                ],
            }
        )
    if json_output:
        print_json(report)
    else:
        for item in report:
            _print_lint(item)
    if failed:
        raise typer.Exit(1)


def _print_lint(item: dict[str, Any]) -> None:
    name = escape(item["file"])
    if not item["ok"]:
        console.print(f"[bold]{name}[/]: [red]nicht lesbar – {escape(item['error'])}[/]")
        return
    findings = item["findings"]
    counts = {s: sum(1 for f in findings if f["severity"] == s.value) for s in Severity}
    summary = (
        ", ".join(f"{n} {s.german_count(n)}" for s, n in counts.items() if n) or "keine Befunde"
    )
    console.print(f"[bold]{name}[/]: {summary}")
    for finding in findings:
        severity = Severity(finding["severity"])
        console.print(
            f"  [{_SEVERITY_STYLE[severity]}]{severity.german:<8}[/] "
            f"{escape(finding['message'])} [dim]({finding['rule']})[/]"
        )


@app.command("draw")
def draw_command(
    file: Annotated[Path, typer.Argument(help="Die BPMN-Datei.", show_default=False)],
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Ziel-Datei (.svg); Standard: Name der BPMN-Datei."),
    ] = None,
    diagram: Annotated[
        int, typer.Option("--diagram", min=1, help="Welches Diagramm, wenn die Datei mehrere hat.")
    ] = 1,
) -> None:
    """Zeichnet ein BPMN-Diagramm als SVG (ohne Diagramm-Informationen automatisch angeordnet)."""
    limits = xml_limits(get_settings())
    try:
        defs = load(file, limits)
        svg = draw_svg(defs, diagram=diagram - 1)
    except (BpmnReadError, IndexError) as exc:
        errors.print(f"[red]{escape(str(file))}: {escape(str(exc))}[/]")
        raise typer.Exit(1) from None
    target = out or Path(file.name.split(".")[0] + ".svg")
    target.write_text(svg, encoding="utf-8")
    console.print(f"Zeichnung gespeichert: {escape(str(target))}")
