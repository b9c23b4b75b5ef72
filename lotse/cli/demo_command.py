"""``lotse demo``: the whole story on the bundled samples, with built-in defaults."""

from __future__ import annotations

import hashlib
import html
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.markup import escape

from bpmn import BpmnReadError, Severity, draw_svg, lint
from lotse.app import open_app
from lotse.cli import workshop_commands
from lotse.cli.bpmn_commands import load
from lotse.cli.console import console
from lotse.files import expand_bpmn_paths
from lotse.samples import SAMPLE_DELIVERY, SAMPLE_DIAGRAMS, SAMPLE_MAIL
from lotse.settings import get_settings
from processes.importer import ImportRequest, Outcome, import_many

if TYPE_CHECKING:
    from eakte.server import StandInServer
    from lotse.app import App


def demo() -> None:
    """Führt Lotse an den Beispielen vor: Diagramme prüfen, Katalog bewerten, Bericht schreiben."""
    from processes.report import write_report  # matplotlib and openpyxl load only when needed

    lotse = open_app()
    out_dir = lotse.settings.data_dir / "demo"
    drawings = out_dir / "zeichnungen"
    drawings.mkdir(parents=True, exist_ok=True)

    console.rule("[bold]Lotse – Vorführung")
    files, _ = expand_bpmn_paths([SAMPLE_DIAGRAMS])
    console.print(
        f"[bold]1. {len(files)} Workshop-Diagramme prüfen und zeichnen[/] ({escape(str(SAMPLE_DIAGRAMS))})"
    )
    rows: list[tuple[str, str, str]] = []
    for path in files:
        try:
            defs = load(path, lotse.limits)
        except BpmnReadError as exc:
            console.print(f"   [red]✗ {escape(path.name)}: {escape(str(exc))}[/]")
            continue
        findings = lint(defs)
        counts = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
        nodes = sum(1 for _ in defs.nodes())
        target = drawings / (path.name.split(".")[0] + ".svg")
        target.write_text(draw_svg(defs), encoding="utf-8")
        title = ", ".join(p.label for p in defs.processes if p.label) or path.stem
        summary = ", ".join(f"{n} {s.german_count(n)}" for s, n in counts.items() if n)
        console.print(
            f"   ✓ {escape(path.name):<30} {nodes:>3} Elemente · {summary or 'keine Befunde'}"
        )
        rows.append((title, target.name, f"{nodes} Elemente"))
    _write_index(out_dir, rows)

    console.print("\n[bold]2. In den Prozesskatalog übernehmen und bewerten[/]")
    results = import_many(
        lotse.db.session,
        [ImportRequest(file_name=path.name, path=path, user="demo") for path in files],
        lotse.model,
        lotse.limits,
    )
    outcomes = {o: sum(1 for r in results if r.outcome is o) for o in Outcome}
    console.print("   " + ", ".join(f"{n} {o.german}" for o, n in outcomes.items() if n))
    for result in results:
        if result.outcome is Outcome.FAILED:
            console.print(f"   [red]✗ {escape(result.file)}: {escape(result.message)}[/]")

    console.print(
        "\n[bold]3. Der Posteingangs-Roboter bearbeitet die Beispielpost (Prefect-Flow „poststelle“)[/]"
    )
    console.print(
        "   Die Ämter 51 und 63 bekommen ihre Post zusätzlich in die E-Akte: der E-Akte-Roboter "
        "legt sie über die Oberfläche ab (Prefect-Flow „eakte-ablage“, im Hintergrund Chromium)."
    )
    with _demo_efile(lotse) as efile:
        _mailroom_demo(lotse, out_dir / "posteingang")
        _efile_summary(lotse, efile)

    # After the robots ran: the report's "Umsetzung" shows their runs against the estimate.
    console.print("\n[bold]4. Kandidatenbericht schreiben[/]")
    with lotse.db.read_session() as session:
        report = write_report(
            session,
            out_dir / "bericht",
            model=lotse.model,
            generated_at=datetime.now().astimezone(),
        )
    console.print(
        f"   {report.processes} Prozesse bewertet: HTML, CSV und Excel in {escape(str(report.html.parent))}"
    )
    console.print("\n[bold]5. Workshop: fünf Toast-Zeichnungen vergleichen[/]")
    workshop = workshop_commands.demo_step(out_dir / "workshop", lotse.limits, lotse.model)
    console.print("\n[bold]6. Geschätzt und tatsächlich[/]")
    _estimate_against_actual(lotse)
    console.print()
    console.print(f"Bericht im Browser öffnen: [bold]{escape(report.html.resolve().as_uri())}[/]")
    console.print(
        f"Nur die Zeichnungen:       {escape((out_dir / 'index.html').resolve().as_uri())}"
    )
    if workshop is not None:
        console.print(f"Workshop-Vergleich:        {escape(workshop.resolve().as_uri())}")
    console.print(
        "Weboberfläche mit denselben Daten: [bold].venv/bin/lotse serve[/] "
        "(Anmeldedaten erscheinen beim ersten Start)"
    )
    if not rows or outcomes[Outcome.FAILED] or workshop is None:
        raise typer.Exit(1)


@contextmanager
def _demo_efile(lotse: App) -> Iterator[StandInServer]:
    """The stand-in e-file for the demo, with departments 51 and 63 filing into it."""
    from eakte.config import DEFAULT_PASSWORD, StandInConfig
    from eakte.server import StandInServer

    data = lotse.settings.data_dir / "eakte-demo"
    defaults = {
        "LOTSE_DELIVERY_FILE": str(SAMPLE_DELIVERY),
        "LOTSE_EAKTE_PASSWORD": DEFAULT_PASSWORD,
    }
    with StandInServer(StandInConfig(data_dir=data, hinweis=0.2, seed=1)) as server:
        previous = {key: os.environ.get(key) for key in [*defaults, "LOTSE_EAKTE_URL"]}
        for key, value in defaults.items():
            os.environ.setdefault(key, value)  # a city's own settings win
        os.environ["LOTSE_EAKTE_URL"] = server.url
        get_settings.cache_clear()
        try:
            yield server
        finally:
            for key, old in previous.items():
                if old is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = old
            get_settings.cache_clear()


def _efile_summary(lotse: App, efile: StandInServer) -> None:
    from sqlalchemy import select

    from robots.filings import Filing, FilingStatus

    with lotse.db.read_session() as session:
        filings = list(session.scalars(select(Filing).order_by(Filing.id)))
        filed = [f for f in filings if f.status == FilingStatus.FILED.value]
        failed = [f for f in filings if f.status == FilingStatus.FAILED.value]
        console.print(
            f"   E-Akte: {len(filed)} Briefe abgelegt, {len(failed)} fehlgeschlagen, "
            f"{len(filings) - len(filed) - len(failed)} warten."
        )
        for filing in filed[:3]:
            console.print(
                f"     {escape(filing.letter.name)} → Akte {escape(filing.file_number or '')}, "
                f"{escape(filing.document_number or '')}"
            )
    data = lotse.settings.data_dir / "eakte-demo"
    console.print(
        "   Die E-Akte ansehen: [bold].venv/bin/lotse eakte-demo-server --data "
        f"{escape(str(data))}[/] (Anmeldung poststelle-roboter / Ablage!2026)"
    )


def _mailroom_demo(lotse: App, inbox: Path) -> None:
    """Put the sample letters the robot has not seen yet into a demo inbox and run the flow."""
    from sqlalchemy import select

    from robots.letters import Letter, LetterStatus
    from robots.ocr import OcrUnavailable, check_tesseract

    try:
        check_tesseract("deu")
    except OcrUnavailable as exc:
        console.print(f"   [red]{escape(str(exc))}[/]")
        raise typer.Exit(1) from None
    inbox.mkdir(parents=True, exist_ok=True)
    with lotse.db.read_session() as session:
        known = set(session.scalars(select(Letter.sha256)))
    new = 0
    for sample in sorted(SAMPLE_MAIL.iterdir()):
        if sample.is_file() and hashlib.sha256(sample.read_bytes()).hexdigest() not in known:
            shutil.copy2(sample, inbox / sample.name)
            new += 1
    if new:
        os.environ["LOTSE_MAIL_STABLE_SECONDS"] = (
            "0"  # the copies are complete; no scanner is writing
        )
        get_settings.cache_clear()
        from flows.mailroom import mailroom_flow

        console.print(
            f"   {new} Briefe in {escape(str(inbox))}; Prefect startet (beim ersten Mal dauert das etwas) …"
        )
        mailroom_flow(inbox=str(inbox))
    else:
        console.print("   Die Beispielpost ist schon bearbeitet.")
    with lotse.db.read_session() as session:
        counts: dict[str, int] = {}
        for status in session.scalars(select(Letter.status)):
            counts[status] = counts.get(status, 0) + 1
    console.print(
        "   " + ", ".join(f"{n} {LetterStatus(s).german}" for s, n in sorted(counts.items()))
    )
    console.print(
        f"   Zugestellt (durchsuchbare PDFs mit JSON-Begleitdatei): {escape(str(lotse.settings.data_dir / 'outbox'))}"
    )
    console.print("   Briefe zur Prüfung: lotse mailroom review list")


def _estimate_against_actual(lotse: App) -> None:
    """One line per robot of the demo: what the scoring expected, what the runs did."""
    from flows.robot_ledger import DECLARED_LINKS, estimate_line
    from processes.ledger import robot_summaries

    with lotse.db.read_session() as session:
        summaries = robot_summaries(session, datetime.now().astimezone())
    shown = {d.deployment for d in DECLARED_LINKS}
    for summary in summaries:
        if summary.deployment in shown and summary.process_key is not None:
            console.print(f"   {escape(estimate_line(summary))}")
    console.print("   Mehr dazu im Bericht (Abschnitt „Umsetzung“) und mit: lotse robot list")


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
