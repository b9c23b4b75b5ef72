"""``lotse workshop …``: compare what several pilots drew of the same process."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from bpmn import BpmnReadError, XmlLimits
from bpmn.files import expand_bpmn_paths
from lotse.cli.bpmn_commands import load
from lotse.cli.console import console, errors, print_json
from lotse.limits import xml_limits
from lotse.settings import get_settings
from processes.facts import Facts, FactsError, facts_from_mapping, read_sidecar
from processes.scoring import ScoringModel, ScoringModelError, load_model
from processes.workshop import (
    AlignmentError,
    Comparison,
    Corrections,
    Drawing,
    WorkshopError,
    compare,
)
from processes.workshop.aligned import AGREEMENT_GERMAN
from processes.workshop.comparison import distinct_names
from robots.files import write_atomic

HTML_NAME = "workshop.html"
JSON_NAME = "workshop.json"

app = typer.Typer(
    help="Workshop: vergleichen, was mehrere Digitallotsen vom selben Prozess gezeichnet haben.",
    no_args_is_help=True,
)


@app.command("compare")
def compare_command(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Die Zeichnungen (BPMN-Dateien oder ein Ordner mit ihnen), mindestens zwei.",
            show_default=False,
        ),
    ],
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", "-o", help=f"Ordner für {HTML_NAME} (zum Ausdrucken) und {JSON_NAME}."
        ),
    ] = None,
    json_output: Annotated[
        bool, typer.Option("--json", help="Ergebnis als JSON auf die Standardausgabe.")
    ] = False,
    facts_file: Annotated[
        Path | None,
        typer.Option(
            "--facts",
            help="Fakten zum Prozess (YAML wie *.facts.yaml) für die Automatisierungs-Schätzung.",
        ),
    ] = None,
    title: Annotated[
        str | None, typer.Option("--title", help="Überschrift; Standard: der Prozessname.")
    ] = None,
    corrections_file: Annotated[
        Path | None,
        typer.Option(
            "--corrections",
            help=f"Von Hand festgelegte Zuordnungen: die {JSON_NAME} eines früheren Vergleichs "
            "(etwa aus dem Browser heruntergeladen) oder nur ihre Liste „corrections“.",
        ),
    ] = None,
) -> None:
    """Ordnet die Schritte der Zeichnungen einander zu und zeigt, was wem fehlt.

    Der Rückgabewert ist 1, wenn eine Datei nicht gelesen werden konnte (die
    übrigen werden trotzdem verglichen) oder weniger als zwei Zeichnungen übrig bleiben.
    """
    settings = get_settings()
    limits = xml_limits(settings)
    paths, empty = expand_bpmn_paths(files)
    failed = bool(empty)
    for folder in empty:
        errors.print(f"[yellow]Im Ordner {escape(str(folder))} gibt es keine BPMN-Dateien.[/]")
    drawings: list[Drawing] = []
    names = unique_names(paths)
    for path in paths:
        try:
            drawings.append(Drawing(names[path], load(path, limits)))
        except BpmnReadError as exc:
            errors.print(f"[red]{escape(path.name)}: {escape(str(exc))} – nicht verglichen.[/]")
            failed = True
    try:
        model = load_model(settings.scoring_file)
        facts = _facts(facts_file, paths)
        corrections = _corrections(corrections_file, [d.name for d in drawings])
        comparison = compare(
            drawings, model=model, facts=facts, corrections=corrections, title=title
        )
    except (WorkshopError, AlignmentError, FactsError, ScoringModelError) as exc:
        errors.print(f"[red]{escape(str(exc))}[/]")
        raise typer.Exit(1) from None

    if out is not None:
        html_path = write_outputs(comparison, out)
        if not json_output:
            console.print(f"Vergleich geschrieben: {escape(str(html_path))}")
            console.print(f"Im Browser öffnen: [bold]{escape(html_path.resolve().as_uri())}[/]")
    if json_output:
        print_json(comparison.to_json())
    elif out is None:
        print_summary(comparison)
    if failed:
        raise typer.Exit(1)


def unique_names(paths: list[Path]) -> dict[Path, str]:
    """File names as people know them; the same name twice gets "(2)"."""
    return dict(zip(paths, distinct_names([p.name for p in paths]), strict=True))


def _corrections(path: Path | None, names: list[str]) -> Corrections:
    """The pilot's fixed groups from a file, by drawing name (see Corrections.to_json)."""
    if path is None:
        return Corrections()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise AlignmentError(
            f"Die Korrekturen in {path.name} können nicht gelesen werden ({exc})."
        ) from None
    if isinstance(data, dict):  # a whole workshop.json
        data = data.get("corrections", [])
    return Corrections.from_json(data, names)


def _facts(facts_file: Path | None, paths: list[Path]) -> Facts:
    """Facts given on the command line, else the first drawing's sidecar that has some."""
    import yaml

    if facts_file is not None:
        try:
            raw = yaml.safe_load(facts_file.read_text(encoding="utf-8")) or {}
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            raise FactsError(
                f"Die Fakten-Datei {facts_file} kann nicht gelesen werden ({exc})."
            ) from None
        if not isinstance(raw, dict):
            raise FactsError(
                f"Fakten-Datei {facts_file.name}: erwartet werden Schlüssel und Werte."
            )
        return facts_from_mapping(raw, where=facts_file.name)
    for path in paths:
        found = read_sidecar(path)
        if "*" in found:
            return found["*"]
    return Facts()


def write_outputs(comparison: Comparison, out: Path) -> Path:
    """``workshop.html`` and ``workshop.json`` in ``out``, each written whole or not at all."""
    from processes.workshop.html import render_html

    out.mkdir(parents=True, exist_ok=True)
    page = render_html(comparison, generated_at=datetime.now().astimezone())
    data = json.dumps(comparison.to_json(), ensure_ascii=False, indent=2) + "\n"
    for name, text in ((HTML_NAME, page), (JSON_NAME, data)):
        write_atomic(out / name, text.encode("utf-8"))  # 0640 under Lotse's umask
    return out / HTML_NAME


def print_summary(comparison: Comparison) -> None:
    table = Table(title=f"Workshop-Vergleich: {escape(comparison.title)}", title_justify="left")
    table.add_column("Schritt", overflow="fold")
    table.add_column("Zeichnungen", justify="right")
    for name in comparison.names:
        table.add_column(escape(name), overflow="fold")
    total = len(comparison.drawings)
    for step in comparison.steps:
        table.add_row(
            escape(step.label),
            f"{step.count}/{total}",
            *[escape(step.labels[i]) if i in step.labels else "[dim]–[/]" for i in range(total)],
        )
    console.print(table)
    console.print(
        "Farben in der HTML-Ausgabe: "
        + ", ".join(AGREEMENT_GERMAN.values())
        + ". Für die Nachbesprechung: --out ORDNER."
    )
    for index, name in enumerate(comparison.names):
        missing = comparison.missing(index)
        if missing:
            labels = ", ".join(f"„{escape(s.label)}“" for s in missing)
            console.print(f"[bold]{escape(name)}[/] fehlt, was die Mehrheit hat: {labels}")


def demo_step(out_dir: Path, limits: XmlLimits, model: ScoringModel) -> Path | None:
    """``lotse demo``: the five toast drawings compared, as a trainer would before a debrief."""
    from lotse.samples import SAMPLE_WORKSHOP

    paths, _ = expand_bpmn_paths([SAMPLE_WORKSHOP])
    names = unique_names(paths)
    drawings = []
    for path in paths:
        try:
            drawings.append(Drawing(names[path], load(path, limits)))
        except BpmnReadError as exc:
            console.print(f"   [red]✗ {escape(path.name)}: {escape(str(exc))}[/]")
    try:
        comparison = compare(drawings, model=model, facts=_facts(None, paths))
    except (WorkshopError, AlignmentError, FactsError) as exc:
        console.print(f"   [red]{escape(str(exc))}[/]")
        return None
    page = write_outputs(comparison, out_dir)
    everyone = sum(1 for s in comparison.steps if s.agreement == "all")
    console.print(
        f"   {len(drawings)} Zeichnungen, {len(comparison.steps)} verschiedene Schritte, "
        f"{everyone} davon in allen Zeichnungen."
    )
    for index, name in enumerate(comparison.names):
        kinds = {h.kind for h in comparison.hints[index]}
        console.print(
            f"   {escape(name):<12} {len(comparison.hints[index])} Hinweise für "
            "„Was fehlt Ihnen vielleicht?“"
            + (" (darunter Ausnahmen)" if "exception" in kinds else "")
        )
    return page
