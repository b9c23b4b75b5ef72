"""``lotse demo``: the whole story on the bundled samples, with built-in defaults."""

from __future__ import annotations

import html
from pathlib import Path

import typer
from rich.markup import escape

from bpmn import BpmnReadError, Severity, draw_svg, lint
from lotse.cli.bpmn_commands import load
from lotse.cli.console import console
from lotse.files import expand_bpmn_paths
from lotse.limits import xml_limits
from lotse.samples import SAMPLE_DIAGRAMS
from lotse.settings import get_settings


def demo() -> None:
    """Führt Lotse an den Beispielen vor: Diagramme einlesen, prüfen und zeichnen."""
    settings = get_settings()
    out_dir = settings.data_dir / "demo"
    drawings = out_dir / "zeichnungen"
    drawings.mkdir(parents=True, exist_ok=True)
    limits = xml_limits(settings)

    console.rule("[bold]Lotse – Vorführung")
    files, _ = expand_bpmn_paths([SAMPLE_DIAGRAMS])
    console.print(
        f"1. {len(files)} Beispiel-Diagramme aus {escape(str(SAMPLE_DIAGRAMS))} einlesen und prüfen"
    )
    rows: list[tuple[str, str, str]] = []
    for path in files:
        try:
            defs = load(path, limits)
        except BpmnReadError as exc:
            console.print(f"   [red]✗ {escape(path.name)}: {escape(str(exc))}[/]")
            continue
        findings = lint(defs)
        counts = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
        nodes = sum(1 for _ in defs.nodes())
        target = drawings / (path.name.split(".")[0] + ".svg")
        target.write_text(draw_svg(defs), encoding="utf-8")
        title = ", ".join(p.label for p in defs.processes if p.label) or path.stem
        console.print(
            f"   ✓ {escape(path.name):<32} {nodes:>3} Elemente · "
            f"{counts[Severity.ERROR]} Fehler, {counts[Severity.WARNING]} Warnungen, "
            f"{counts[Severity.INFO]} Hinweise"
        )
        rows.append((title, target.name, f"{nodes} Elemente"))
    index = _write_index(out_dir, rows)
    console.print()
    console.print(f"2. Zeichnungen: [bold]{escape(str(drawings))}[/]")
    console.print(f"   Übersicht im Browser öffnen: [bold]{escape(index.as_uri())}[/]")
    if not rows:
        raise typer.Exit(1)


def _write_index(out_dir: Path, rows: list[tuple[str, str, str]]) -> Path:
    items = "\n".join(
        f"<section><h2>{html.escape(title)}</h2><p>{html.escape(info)}</p>"
        f'<img src="zeichnungen/{html.escape(name)}" alt="Diagramm {html.escape(title)}"></section>'
        for title, name, info in rows
    )
    page = (
        '<!doctype html><html lang="de"><head><meta charset="utf-8">'
        "<title>Lotse – Beispiel-Diagramme</title>"
        "<style>body{font-family:sans-serif;margin:2rem;color:#1a1a1a}"
        "section{margin-bottom:3rem}img{max-width:100%;border:1px solid #ccc}</style>"
        f"</head><body><h1>Lotse – Beispiel-Diagramme</h1>{items}</body></html>"
    )
    index = out_dir / "index.html"
    index.write_text(page, encoding="utf-8")
    return index
