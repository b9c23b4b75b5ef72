"""``lotse demo``: the whole story on the bundled samples, with built-in defaults."""

from __future__ import annotations

import contextlib
import hashlib
import html
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from bpmn import BpmnReadError, Severity, draw_svg, lint
from bpmn.files import expand_bpmn_paths
from lotse.app import open_app
from lotse.cli import workshop_commands
from lotse.cli.bpmn_commands import load
from lotse.cli.console import console
from lotse.samples import SAMPLE_DELIVERY, SAMPLE_DIAGRAMS, SAMPLE_MAIL
from lotse.settings import settings_override
from processes.importer import ImportRequest, Outcome, import_many

if TYPE_CHECKING:
    from eakte.server import StandInServer
    from lotse.app import App


def _progress() -> Progress:
    return Progress(
        TextColumn("   {task.description:<22}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
    )


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
    totals = dict.fromkeys(Severity, 0)
    broken: list[str] = []
    with _progress() as progress:
        task = progress.add_task("Diagramme", total=len(files))
        for path in files:
            progress.advance(task)
            try:
                defs = load(path, lotse.limits)
            except BpmnReadError as exc:
                broken.append(f"{path.name}: {exc}")
                continue
            for finding in lint(defs):
                totals[finding.severity] += 1
            nodes = sum(1 for _ in defs.nodes())
            target = drawings / (path.name.split(".")[0] + ".svg")
            target.write_text(draw_svg(defs), encoding="utf-8")
            title = ", ".join(p.label for p in defs.processes if p.label) or path.stem
            rows.append((title, target.name, f"{nodes} Elemente"))
    _write_index(out_dir, rows)
    summary = ", ".join(f"{n} {s.german_count(n)}" for s, n in totals.items() if n)
    console.print(f"   {len(rows)} gezeichnet; Modellierungshinweise: {summary or 'keine'}")
    for line in broken:
        console.print(f"   [red]✗ {escape(line)}[/]")

    console.print("\n[bold]2. In den Prozesskatalog übernehmen und bewerten[/]")
    with _progress() as progress:
        task = progress.add_task("Katalog", total=len(files))
        results = import_many(
            lotse.db.session,
            [ImportRequest(file_name=path.name, path=path, user="demo") for path in files],
            lotse.model,
            lotse.limits,
            on_file=lambda _name: progress.advance(task),
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
    from lotse.flow_runs import prefect_api, quiet_console
    from lotse.serving import ServeError

    try:
        with (
            _demo_efile(lotse) as efile,
            prefect_api(lotse.settings, lambda text: console.print(f"   {escape(text)}")) as api,
            quiet_console(console),
        ):
            _mailroom_demo(lotse, out_dir / "posteingang")
            _efile_summary(lotse, efile)
            if api.started_here:
                console.print(
                    "   Die Läufe stehen in der Prefect-Oberfläche, sobald "
                    "[bold].venv/bin/lotse serve[/] läuft."
                )
    except ServeError as exc:
        console.print(f"   [red]{escape(str(exc))}[/]")
        raise typer.Exit(1) from None

    # After the robots ran: the report's "Umsetzung" shows their runs against the estimate.
    console.print("\n[bold]4. Kandidatenbericht schreiben[/]")
    with console.status("   Bericht, Diagramme und Tabellen …"), lotse.db.read_session() as session:
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
        "(beim ersten Start steht der Pfad zum Admin-Passwort in der Ausgabe)"
    )
    if not rows or outcomes[Outcome.FAILED] or workshop is None:
        raise typer.Exit(1)


@contextmanager
def _demo_efile(lotse: App) -> Iterator[StandInServer | None]:
    """The stand-in e-file for the demo, with departments 51 and 63 filing into it.

    It lives in the checkout (samples/eakte), not in the installed package: without
    it the demo goes on without the e-file step.
    """
    try:
        from eakte.config import DEFAULT_PASSWORD, StandInConfig
        from eakte.server import StandInServer
    except ImportError:
        console.print(
            "   [yellow]Die Vorführ-E-Akte (samples/eakte) gehört nicht zum installierten Paket; "
            "die Ablage in die E-Akte zeigt nur „make demo“ im Quellbaum.[/]"
        )
        yield None
        return

    settings = lotse.settings
    data = settings.data_dir / "eakte-demo"
    defaults = {"delivery_file": SAMPLE_DELIVERY, "eakte_password": DEFAULT_PASSWORD}
    with StandInServer(StandInConfig(data_dir=data, hinweis=0.2, seed=1)) as server:
        # A city's own settings win; the e-file is the stand-in's, wherever it listens.
        changes = {k: v for k, v in defaults.items() if k not in settings.model_fields_set}
        with settings_override(settings, eakte_url=server.url, **changes):
            yield server


def _efile_summary(lotse: App, efile: StandInServer | None) -> None:
    if efile is None:
        return
    from sqlalchemy import select

    from robots.eakte_robot import filing_counts
    from robots.filings import Filing, FilingStatus

    with lotse.db.read_session() as session:
        filings = list(session.scalars(select(Filing).order_by(Filing.id)))
        filed = [f for f in filings if f.status == FilingStatus.FILED.value]
        failed = [f for f in filings if f.status == FilingStatus.FAILED.value]
        console.print(
            f"   E-Akte: {filing_counts(len(filed), sum(f.is_copy for f in filed), len(failed))}, "
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

    from robots.errors import OcrUnavailable
    from robots.letters import Letter, LetterStatus
    from robots.ocr import check_tesseract

    try:
        check_tesseract("deu", lotse.settings.mail_workers)
    except OcrUnavailable as exc:
        console.print(f"   [red]{escape(str(exc))}[/]")
        raise typer.Exit(1) from None
    inbox.mkdir(parents=True, exist_ok=True)
    with lotse.db.read_session() as session:
        known = set(session.scalars(select(Letter.sha256)))
    new: set[str] = set()
    for sample in sorted(SAMPLE_MAIL.iterdir()):
        digest = hashlib.sha256(sample.read_bytes()).hexdigest() if sample.is_file() else ""
        if digest and digest not in known:
            shutil.copy2(sample, inbox / sample.name)
            new.add(digest)
    if new:
        from flows.mailroom import mailroom_flow

        console.print(f"   {len(new)} Briefe in {escape(str(inbox))}")
        # The copies are complete: no scanner is writing, no need to wait for quiet files.
        with (
            settings_override(mail_stable_seconds=0),
            _progress() as progress,
            _Watch(lotse, new, progress),
        ):
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


class _Watch:
    """Moves the progress bars while the flow runs, from what the database says.

    The flow's tasks run in Prefect's threads; the database is where their work
    shows, so a small thread reads it twice a second.
    """

    DONE = ("review", "quarantined", "delivered", "archived", "purged")

    def __init__(self, lotse: App, letters: set[str], progress: Progress) -> None:
        self.lotse = lotse
        self.letters = letters
        self.progress = progress
        self.mail = progress.add_task("Briefe", total=len(letters))
        self.efile: TaskID | None = None
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, name="demo-fortschritt", daemon=True)

    def __enter__(self) -> _Watch:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join(timeout=5)
        self._update()  # the final numbers

    def _run(self) -> None:
        while not self.stop.wait(0.5):
            with contextlib.suppress(Exception):  # a busy SQLite: next time
                self._update()

    def _update(self) -> None:
        from sqlalchemy import func, select

        from robots.filings import Filing, FilingStatus
        from robots.letters import Letter

        with self.lotse.db.read_session() as session:
            done = session.scalar(
                select(func.count())
                .select_from(Letter)
                .where(Letter.sha256.in_(self.letters), Letter.status.in_(self.DONE))
            )
            filings = session.execute(
                select(Filing.status, func.count()).group_by(Filing.status)
            ).all()
        self.progress.update(self.mail, completed=done or 0)
        total = sum(n for _, n in filings)
        if total:
            finished = sum(n for s, n in filings if s != FilingStatus.PENDING.value)
            if self.efile is None:
                self.efile = self.progress.add_task("E-Akte", total=total)
            self.progress.update(self.efile, total=total, completed=finished)


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
