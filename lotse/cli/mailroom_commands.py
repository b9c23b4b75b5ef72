"""``lotse mailroom …``: the mailroom robot from the command line."""

from __future__ import annotations

import json
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from common.german import pct
from lotse.cli.console import console, errors, print_json, shown
from lotse.settings import get_settings

if TYPE_CHECKING:
    from lotse.app import App
    from robots.mailroom import LetterOutcome, Mailroom

app = typer.Typer(
    help="Der Posteingangs-Roboter: Scans lesen, nach Regeln zuordnen, zustellen, archivieren.",
    no_args_is_help=True,
)
review_app = typer.Typer(help="Briefe, bei denen der Roboter unsicher war.", no_args_is_help=True)
app.add_typer(review_app, name="review")

RulesOpt = Annotated[
    Path | None,
    typer.Option("--rules", help="Regeldatei (YAML); Standard: LOTSE_MAIL_RULES_FILE."),
]


def _app() -> App:
    from lotse.cli.catalogue_commands import _app as open_lotse

    return open_lotse()


@app.command("classify")
def classify_command(
    files: Annotated[
        list[Path],
        typer.Argument(help="Briefe (PDF, PNG, JPEG, TIFF, E-Mails .eml).", show_default=False),
    ],
    json_output: Annotated[
        bool, typer.Option("--json", help="Eine JSON-Zeile je Brief (auch je Brief eines Stapels).")
    ] = False,
    rules_file: RulesOpt = None,
) -> None:
    """Liest Briefe und sagt, wohin der Roboter sie geben würde – ohne etwas zu verschieben."""
    from lotse.app import mailroom_config, rules_without_database
    from robots.errors import OcrUnavailable
    from robots.mailroom.classify import classify_all, page_label
    from robots.ocr import check_tesseract
    from robots.rules import RulesError

    settings = get_settings()
    try:
        rules = rules_without_database(settings, rules_file)
        check_tesseract("deu", settings.mail_workers)
    except (RulesError, OcrUnavailable) as exc:
        errors.print(f"[red]{escape(str(exc))}[/]")
        raise typer.Exit(2) from None
    config = mailroom_config(settings, rules)  # classify never touches the database
    # The worker pool of `mailroom run`: one Tesseract per core, files overlapping; a batch
    # scan is split as the run splits it, and each of its letters gets its own line.
    results = classify_all(
        files, rules, config.limits, lang=config.lang, workers=config.workers,
        split_batches=config.split_batches, split_on_blank=config.split_on_blank,
    )  # fmt: skip
    for result in results:
        if json_output:
            sys.stdout.write(json.dumps(result.as_json(), ensure_ascii=False) + "\n")
            sys.stdout.flush()
        else:
            name = Path(result.file).name
            part = f" S. {page_label(result.page_range)}" if result.page_range else ""
            target = result.department or result.status.upper()
            console.print(
                f"[bold]{shown(name)}[/]{part} → {escape(target)} ({pct(result.confidence)})"
            )
            for reason in result.reasons[:4]:
                console.print(f"   {escape(reason)}")


@app.command("run")
def run_command(
    inbox: Annotated[
        Path | None, typer.Option("--inbox", help="Posteingang (Ordner des Scanners).")
    ] = None,
    rules_file: RulesOpt = None,
    without_prefect: Annotated[
        bool,
        typer.Option(
            "--without-prefect",
            help="Ohne Prefect laufen (kein Flow-Lauf in der Prefect-Oberfläche).",
        ),
    ] = False,
) -> None:
    """Verarbeitet den Posteingang einmal: lesen, zuordnen, zustellen, archivieren."""
    from robots.errors import OcrUnavailable
    from robots.ocr import check_tesseract
    from robots.rules import RulesError

    def tesseract_ready() -> str:
        # Settings read here: broken ones are said by _app() as for every command.
        return check_tesseract("deu", get_settings().mail_workers)

    # The Tesseracts load their model while the database opens and the robot's modules
    # load: on two cores the second had nothing else to do in that second.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="lotse-check") as checks:
        tesseract = checks.submit(tesseract_ready)
        lotse = _app()
        import robots.mailroom  # noqa: F401 (loading while the Tesseracts load)

        try:
            tesseract.result()
            # Then the rules, before anything moves; this also creates the default inbox.
            mailroom = lotse.mailroom(inbox=inbox, rules_file=rules_file)
        except (RulesError, OcrUnavailable) as exc:
            errors.print(f"[red]{escape(str(exc))}[/]")
            raise typer.Exit(2) from None
    if not mailroom.config.inbox.is_dir():
        errors.print(
            f"[red]Der Posteingang {escape(str(mailroom.config.inbox))} existiert nicht.[/]"
        )
        raise typer.Exit(2)
    if without_prefect:
        _fetch_mailbox(mailroom)
        outcomes = _run_plain(lotse, mailroom)
    else:
        from flows.mailroom import mailroom_flow
        from lotse.flow_runs import prefect_api, quiet_console  # before Prefect is imported
        from lotse.serving import ServeError

        try:
            with prefect_api(lotse.settings, console.print), quiet_console(console):
                console.print("[dim]Starte den Prefect-Flow „poststelle“ …[/]")
                outcomes = mailroom_flow(
                    inbox=str(inbox) if inbox else "",
                    rules_file=str(rules_file) if rules_file else "",
                )
        except ServeError as exc:
            errors.print(f"[red]{escape(str(exc))}[/]")
            raise typer.Exit(1) from None
    _print_summary(outcomes)
    _print_estimate(lotse)


def _fetch_mailbox(mailroom: Mailroom) -> None:
    """The functional mailbox first, if one is configured; its failure stops nothing."""
    from lotse.app import mailbox_config
    from robots.mailbox import poll

    config = mailbox_config(get_settings())
    if config is None:
        return
    result = poll(mailroom, config)
    (errors if result.error else console).print(escape(result.summary()))


@app.command("postfach")
def mailbox_command() -> None:
    """Holt neue E-Mails aus dem Funktionspostfach (LOTSE_MAIL_IMAP_*) in den Posteingang."""
    from lotse.app import mailbox_config
    from robots.mailbox import poll

    config = mailbox_config(get_settings())
    if config is None:
        errors.print("[red]Kein Postfach eingerichtet: LOTSE_MAIL_IMAP_HOST ist leer.[/]")
        raise typer.Exit(2)
    result = poll(_app().mailroom(), config)
    if result.error:
        errors.print(f"[red]{escape(result.summary())}[/]")
        raise typer.Exit(1)
    console.print(escape(result.summary()))


def _run_plain(lotse: App, mailroom: Mailroom) -> list[LetterOutcome]:
    """The mailroom without Prefect; the run counts in the ledger all the same."""
    from flows.names import POSTSTELLE
    from flows.robot_ledger import Stopwatch, mailroom_figures, record

    watch = Stopwatch()
    # A bar only for a person at a terminal: Rich redraws it from a thread of its own even
    # when nobody sees it (a log, a pipe), and that thread took CPU time from the letters.
    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=console, transient=True, refresh_per_second=2, disable=not console.is_terminal,
    ) as progress:  # fmt: skip
        task = progress.add_task("Briefe", total=None, visible=False)

        def started(taken: list[int], letters: list[int]) -> None:
            console.print(f"{len(taken)} neue Briefe im Posteingang, {len(letters)} zu bearbeiten.")
            progress.update(task, total=len(letters), visible=bool(letters))

        outcomes = mailroom.run(on_start=started, on_letter=lambda _: progress.advance(task))
    record(lotse, POSTSTELLE, mailroom_figures(outcomes, watch), source="cli")
    return outcomes


def _print_estimate(lotse: App) -> None:
    """The mailroom's estimate against actual, when it is linked to a process."""
    from datetime import UTC, datetime

    from flows.names import POSTSTELLE
    from flows.robot_ledger import estimate_line
    from processes.ledger import robot_summaries

    with lotse.db.read_session() as session:
        summaries = robot_summaries(session, datetime.now(UTC))
    for summary in summaries:
        if summary.deployment == POSTSTELLE and summary.process_key is not None:
            console.print(escape(estimate_line(summary)))


def _print_summary(outcomes: list[LetterOutcome]) -> None:
    from robots.letters import LetterStatus
    from robots.mailroom import RunSummary

    if not outcomes:
        console.print("Keine Briefe zu bearbeiten.")
        return
    summary = RunSummary.of(outcomes)
    console.print(
        f"{summary.letters} Briefe: "
        + ", ".join(f"{n} {LetterStatus(s).german}" for s, n in summary.by_status.items())
    )
    if summary.by_department:
        console.print(
            "Zugestellt je Amt: " + ", ".join(f"{c}: {n}" for c, n in summary.by_department.items())
        )
    console.print(
        f"{summary.pages} Seiten, davon {summary.ocr_pages} per Texterkennung; "
        f"Median {summary.median_seconds:.1f} s je Brief."
    )
    for outcome in summary.attention:
        if outcome.status == "quarantined":
            console.print(f"  [red]Quarantäne[/] {shown(outcome.name)}: {escape(outcome.reason)}")
        elif outcome.status == "review":
            console.print(
                f"  [yellow]Zur Prüfung[/] {shown(outcome.name)} (Nr. {outcome.letter_id}): {escape(outcome.reason)}"
            )
    settings = get_settings()
    console.print(f"Zugestellt in {escape(str(settings.data_dir / 'outbox'))}")


@app.command("letters")
def letters_command(
    json_output: Annotated[bool, typer.Option("--json", help="JSON-Liste aller Briefe.")] = False,
    status: Annotated[
        str | None, typer.Option("--status", help="Nur Briefe in diesem Zustand.")
    ] = None,
) -> None:
    """Zeigt alle Briefe, die der Roboter kennt, mit ihrem Zustand."""
    from sqlalchemy import select

    from robots.letters import Letter, LetterStatus
    from robots.mailroom import letters_json

    lotse = _app()
    with lotse.db.read_session() as session:
        query = select(Letter).order_by(Letter.id)
        if status:
            query = query.where(Letter.status == status)
        letters = session.scalars(query).all()
        rows = letters_json(letters)
    if json_output:
        print_json(rows)
        return
    table = Table(title=f"Briefe ({len(rows)})", title_justify="left")
    for column in ("Nr.", "Name", "Zustand", "Amt", "Sicherheit", "Seiten"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(
            str(row["id"]),
            shown(row["name"]),
            LetterStatus(row["status"]).german,
            row["department"] or "–",
            pct(row["confidence"]),
            str(row["pages"] or "–"),
        )
    console.print(table)


@review_app.command("list")
def review_list_command(
    json_output: Annotated[bool, typer.Option("--json", help="Ausgabe als JSON.")] = False,
) -> None:
    """Briefe, die auf eine Entscheidung warten, mit den Vermutungen des Roboters."""
    from robots.review import review_queue

    lotse = _app()
    with lotse.db.read_session() as session:
        letters = review_queue(session)
        rows: list[dict[str, Any]] = [
            {
                "id": letter.id,
                "name": letter.name,
                "received_at": letter.received_at.isoformat(),
                "reasons": letter.reasons,
                "candidates": letter.candidates,
                "text": (letter.text or "")[:500],
            }
            for letter in letters
        ]
    if json_output:
        print_json(rows)
        return
    if not rows:
        console.print("Keine Briefe zur Prüfung.")
        return
    for row in rows:
        guesses = (
            ", ".join(f"{code} ({points:.0f})" for code, points in row["candidates"]) or "keine"
        )
        console.print(
            f"[bold]Nr. {row['id']}[/] {shown(row['name'])} – Vermutung: {escape(guesses)}"
        )
        for reason in row["reasons"][:2]:
            console.print(f"   {escape(reason)}")
    console.print("Entscheiden mit: lotse mailroom review decide NR AMT")


@review_app.command("decide")
def review_decide_command(
    letter_id: Annotated[int, typer.Argument(help="Nummer des Briefs (siehe review list).")],
    department: Annotated[str, typer.Argument(help="Kennziffer des Amtes, z. B. 51.")],
    copy: Annotated[
        list[str] | None,
        typer.Option("--copy", help="Eine Kopie auch an dieses Amt (mehrfach möglich)."),
    ] = None,
    user: Annotated[
        str, typer.Option("--user", help="Wer entscheidet (für die Spur des Briefs).")
    ] = "",
    comment: Annotated[str, typer.Option("--comment", help="Begründung.")] = "",
) -> None:
    """Gibt einen Brief an ein Amt (das Original) und Kopien an weitere; sofort zugestellt."""
    from robots.decisions import Choice, Outcome

    choice = Choice(Outcome.DELIVER, (department, *(copy or [])), comment=comment, user=user)
    outcome = _decide_now(letter_id, choice)
    copies = f", Kopie an {', '.join(copy)}" if copy else ""
    console.print(f"Brief {letter_id} an {escape(department)}{escape(copies)} gegeben: {outcome}.")


OUTCOME_HELP = (
    "not_mail (keine Verwaltungspost), misdelivered (Fehlzustellung – zurück), "
    "private (Privatpost, mit --to), rescan (neu scannen)."
)


@review_app.command("close")
def review_close_command(
    letter_id: Annotated[int, typer.Argument(help="Nummer des Briefs (siehe review list).")],
    outcome: Annotated[str, typer.Option("--outcome", help=OUTCOME_HELP, show_default=False)],
    to: Annotated[str, typer.Option("--to", help="Privatpost: an wen sie weitergeht.")] = "",
    user: Annotated[
        str, typer.Option("--user", help="Wer entscheidet (für die Spur des Briefs).")
    ] = "",
    comment: Annotated[str, typer.Option("--comment", help="Begründung.")] = "",
) -> None:
    """Erledigt einen Brief ohne Zustellung; das Original wird archiviert."""
    from robots.decisions import CLOSING, Choice, Outcome

    if outcome not in CLOSING:
        errors.print(f"[red]Unbekanntes Ergebnis „{escape(outcome)}“; möglich: {OUTCOME_HELP}[/]")
        raise typer.Exit(1)
    choice = Choice(Outcome(outcome), handed_to=to, comment=comment, user=user)
    status = _decide_now(letter_id, choice)
    console.print(f"Brief {letter_id}: {Outcome(outcome).german}, Original {status}.")


def _decide_now(letter_id: int, choice: Any) -> str:
    from robots.letters import LetterStatus

    mailroom = _app().mailroom()
    try:
        outcome = mailroom.decide_now(letter_id, choice)
    except ValueError as exc:
        errors.print(f"[red]{escape(str(exc))}[/]")
        raise typer.Exit(1) from None
    return LetterStatus(outcome.status).german


@app.command("lernen")
def learn_command(
    force: Annotated[
        bool, typer.Option("--immer", help="Auch ohne neue Entscheidungen neu lernen.")
    ] = False,
) -> None:
    """Lernt aus den Entscheidungen (Prüfstapel und zugestellte Briefe) ein Modell für Vorschläge."""
    from robots.suggestions import retrain

    lotse = _app()
    with lotse.db.session() as session:
        result = retrain(session, force=force)
    console.print(escape(result.message))


@app.command("quality")
def quality_command(
    json_output: Annotated[bool, typer.Option("--json", help="Ausgabe als JSON.")] = False,
) -> None:
    """Genauigkeit und Abdeckung je Amt: Regeln, gelerntes Modell und Menschen."""
    from robots.suggestions import (
        QUALITY_COLUMNS,
        held_out_lines,
        quality,
        quality_rows,
        without_department_line,
    )

    lotse = _app()
    with lotse.db.read_session() as session:
        report = quality(session)
    if json_output:
        print_json(report.as_json())
        return
    table = Table(title="Qualität der Zuordnung je Amt", title_justify="left")
    for column in QUALITY_COLUMNS:
        table.add_column(column, justify="left" if column == "Amt" else "right")
    for row in quality_rows(report):
        table.add_row(*(escape(row[column]) for column in QUALITY_COLUMNS))
    console.print(table)
    for line in [without_department_line(report), *held_out_lines(report)]:
        if line:
            console.print(escape(line))


@app.command("trennblatt")
def separator_sheet_command(
    out: Annotated[
        Path, typer.Option("--out", help="Zieldatei (PDF) zum Ausdrucken.", show_default=False)
    ] = Path("trennblatt.pdf"),
) -> None:
    """Schreibt ein Trennblatt (PDF): vor jeden Brief eines Stapels legen, dann alles in einem Scan."""
    from robots.pdf_fonts import FontMissing
    from robots.separators import separator_sheet_pdf

    try:
        pdf = separator_sheet_pdf()
    except FontMissing as exc:
        errors.print(f"[red]{escape(str(exc))}[/]")
        raise typer.Exit(2) from None
    try:
        out.write_bytes(pdf)
    except OSError as exc:
        errors.print(f"[red]{escape(f'{out} lässt sich nicht schreiben: {exc.strerror}.')}[/]")
        raise typer.Exit(1) from None
    console.print(
        f"Trennblatt geschrieben: {escape(str(out))}. Ausdrucken (einseitig genügt) und vor "
        "jeden Brief eines Stapels legen; der Roboter teilt den Scan dort auf."
    )


@app.command("purge")
def purge_command(
    yes: Annotated[bool, typer.Option("--yes", help="Ohne Rückfrage vernichten.")] = False,
) -> None:
    """Vernichtet archivierte Originale, deren Aufbewahrungsfrist abgelaufen ist (nur zugestellte)."""
    from robots.mailroom.retention import count_due

    lotse = _app()
    with lotse.db.read_session() as session:
        due = count_due(session)
    if not due:
        console.print("Keine Originale mit abgelaufener Aufbewahrungsfrist.")
        return
    if not yes and not typer.confirm(f"{due} Originale endgültig vernichten?"):
        raise typer.Exit(1)
    purged = lotse.mailroom().purge()
    console.print(f"{len(purged)} Originale vernichtet.")
