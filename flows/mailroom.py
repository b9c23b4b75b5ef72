"""The ``poststelle`` flow: the mailroom robot as a Prefect flow.

One task takes in the inbox, then one task per letter (not per page: each
task run costs the server some work) reads, routes, delivers and archives it,
as many at once as there are cores. The business logic is
:class:`robots.mailroom.Mailroom`; this module only orchestrates, logs and
publishes what a person looks at afterwards (artifacts).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task, unmapped
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner

from common.german import pct
from flows.context import Settings, app_for
from flows.forms import parameter
from flows.names import POSTSTELLE
from flows.ocr_limit import OcrSlots, ensure_limit, limit_name
from flows.robot_ledger import Stopwatch, mailroom_figures, record_in_ledger
from robots.letters import LetterStatus
from robots.mailroom import LetterOutcome, Mailroom, RunSummary
from robots.mailroom.classify import page_label
from robots.mailroom.intake import letters_in


def task_runner() -> TaskRunner[Any]:
    """Threads on this machine, or a Dask cluster when LOTSE_DASK_ADDRESS names one.

    Read when the flow is imported, that is when a served run starts: a change of
    the setting takes effect with the next run.
    """
    from flows.context import get_settings

    settings = get_settings()
    if settings.dask_address:
        from prefect_dask.task_runners import DaskTaskRunner

        dask: TaskRunner[Any] = DaskTaskRunner(address=settings.dask_address)
        return dask
    # As many letters at once as the plain pipeline (Mailroom.letters_at_once): twice the
    # OCR slots, so that the cores stay busy while a letter waits for its database work.
    return ThreadPoolTaskRunner(max_workers=2 * settings.mail_workers)


def _mailroom(inbox: str | None, rules_file: str | None) -> Mailroom:
    """The mailroom for these parameters and the current settings, shared by task threads."""
    from flows.context import get_settings

    return _build(get_settings(), inbox, rules_file)


def _machine_limit() -> str:
    """This machine's OCR limit: per machine, not per hostname (clones share hostnames)."""
    from flows.context import get_settings

    return limit_name(app_for(get_settings()).machine.name())


@lru_cache(maxsize=8)
def _build(settings: Settings, inbox: str | None, rules_file: str | None) -> Mailroom:
    # Keyed on the whole settings: any change (a test's, the demo's) builds a new one.
    lotse = app_for(settings)
    return lotse.mailroom(
        inbox=Path(inbox) if inbox else None,
        rules_file=Path(rules_file) if rules_file else None,
        ocr_slots=OcrSlots(settings.mail_workers, limit_name(lotse.machine.name())),
    )


@task(name="posteingang-übernehmen", retries=2, retry_delay_seconds=5)
def take_in(inbox: str | None, rules_file: str | None) -> list[int]:
    """Take complete scans from the inbox; returns every letter with work left."""
    logger = get_run_logger()
    mailroom = _mailroom(inbox, rules_file)
    ensure_limit(_machine_limit(), mailroom.config.workers)
    _fetch_mailbox(mailroom, logger)
    taken = mailroom.intake()
    # Decisions of the Poststelle whose undo time has passed: their letters go on now.
    decided = mailroom.apply_due_decisions()
    if decided:
        logger.info("%d Entscheidungen der Poststelle ausgeführt", len(decided))
    # Batch scans become their letters before the letters are handed out (fast: no OCR).
    mailroom.split_all()
    letters = mailroom.open_letters()
    logger.info("%d neue Briefe übernommen, %d zu bearbeiten", len(taken), len(letters))
    return letters


def _fetch_mailbox(mailroom: Mailroom, logger: Any) -> None:
    """The functional mailbox, if configured: its refusal is logged, the scans go on."""
    from flows.context import lotse_app
    from robots.mailbox import poll

    config = lotse_app().mailbox()
    if config is None:
        return
    result = poll(mailroom, config)
    (logger.warning if result.error else logger.info)(result.summary())


# No Prefect timeout: in worker threads it cannot interrupt anything. The
# steps carry their own deadlines (sandboxed parsing, Tesseract's timeout).
@task(
    name="brief-bearbeiten",
    task_run_name="brief-{letter_id}",
    retries=2,
    retry_delay_seconds=10,
)
def process_letter(
    letter_id: int, inbox: str | None, rules_file: str | None
) -> LetterOutcome | None:
    """Read, route, deliver and archive one letter (each step resumes after a crash)."""
    logger = get_run_logger()
    mailroom = _mailroom(inbox, rules_file)
    outcome = mailroom.process(letter_id)
    if outcome is None:
        logger.info("Brief %d wird von einem anderen Lauf bearbeitet", letter_id)
    else:
        logger.info("%s", letter_sentence(outcome, mailroom.config.rules.names))
    return outcome


def letter_sentence(outcome: LetterOutcome, names: Mapping[str, str]) -> str:
    """One log line in plain German: "Brief 12 („scan.pdf“) an 33 Bürgeramt zugestellt."

    File name, department and the robot's own reasons for quarantine only: what the
    letter says (the review reasons quote it) stays out of the log.
    """
    letter = f"Brief {outcome.letter_id} („{outcome.name}“)"
    status = outcome.status
    if status in (LetterStatus.DELIVERED, LetterStatus.ARCHIVED):
        where = _department(outcome.department, names)
        done = "zugestellt und archiviert" if status == LetterStatus.ARCHIVED else "zugestellt"
        return f"{letter} an {where} {done}."
    if status == LetterStatus.REVIEW:
        return f"{letter} wartet auf eine Entscheidung der Poststelle."
    if status == LetterStatus.QUARANTINED:
        return f"{letter} in Quarantäne: {outcome.reason}"
    try:
        german = LetterStatus(status).german
    except ValueError:
        german = status
    return f"{letter}: {german}."


def _department(code: str | None, names: Mapping[str, str]) -> str:
    if not code:
        return "kein Amt"
    return f"{code} {names.get(code, '')}".strip()


@flow(
    name="poststelle",
    description="Posteingang lesen, nach Regeln den Ämtern zuordnen, zustellen und archivieren.",
    task_runner=task_runner(),
    log_prints=False,
)
def mailroom_flow(
    # Plain strings ("" = the setting), so the Prefect UI shows a text field, not a type switch.
    inbox: str = parameter(
        "Posteingang",
        "Ordner, in den der Scanner schreibt; leer = Einstellung LOTSE_MAIL_INBOX.",
        "",
    ),
    rules_file: str = parameter(
        "Regeldatei", "Routing-Regeln (YAML); leer = Einstellung LOTSE_MAIL_RULES_FILE.", ""
    ),
    dry_run: bool = parameter(
        "Nur prüfen", "Briefe lesen und zuordnen, aber nichts verschieben oder zustellen.", False
    ),
) -> list[LetterOutcome]:
    """Der Posteingangs-Roboter: ein Lauf über den Posteingang."""
    folder, rules = inbox or None, rules_file or None
    if dry_run:
        return _dry_run(folder, rules)
    watch = Stopwatch()
    letters = take_in(folder, rules)
    futures = process_letter.map(letters, inbox=unmapped(folder), rules_file=unmapped(rules))
    outcomes = [outcome for outcome in futures.result() if outcome is not None]
    publish_artifacts(
        outcomes,
        names=_mailroom(folder, rules).config.rules.names,
        workbench=_workbench_url(),
    )
    record_in_ledger(POSTSTELLE, mailroom_figures(outcomes, watch))
    if _mailroom(folder, rules).config.efile_departments:
        _file_into_efiles()
    return outcomes


def _file_into_efiles() -> None:
    """Chained ``eakte-ablage``: its failure is its own, the letters are delivered anyway."""
    from flows.eakte import eakte_flow, waiting_filings

    if not waiting_filings():
        return
    state = eakte_flow(return_state=True)
    if not state.is_completed():
        get_run_logger().warning(
            "Die Ablage in die E-Akte ist fehlgeschlagen (%s); die Briefe liegen in den "
            "Ausgangsordnern der Ämter und werden beim nächsten Lauf abgelegt.",
            state.name,
        )


def _dry_run(inbox: str | None, rules_file: str | None) -> list[LetterOutcome]:
    logger = get_run_logger()
    mailroom = _mailroom(inbox, rules_file)
    rows = []
    # Exactly the files a real run would take now, by the same checks.
    # A batch scan gives one row per letter, as the run would split it.
    for result in mailroom.classify(
        letters_in(mailroom.config.inbox, mailroom.config.stable_seconds)
    ):
        name = Path(result.file).name
        if result.page_range:
            name += f" (S. {page_label(result.page_range)})"
        logger.info("Probelauf: %s → %s", name, result.department or result.status)
        rows.append(
            {"Datei": name, "Ergebnis": result.status, "Amt": result.department or "",
             "Sicherheit": pct(result.confidence)}
        )  # fmt: skip
    create_table_artifact(
        rows, key="poststelle-probelauf", description="Probelauf: so würde der Roboter zuordnen."
    )
    return []


def _workbench_url() -> str:
    from flows.context import get_settings

    return get_settings().workbench_url


def publish_artifacts(
    outcomes: list[LetterOutcome], *, names: Mapping[str, str] | None = None, workbench: str = ""
) -> None:
    """A table of this run's letters and a summary, on the Prefect UI's Artifacts page.

    Each letter carries the number and the reason the workbench shows, and its address
    there (``workbench``): the summary links every letter to its page.
    """
    names = names or {}
    rows = [
        {
            "Nr.": o.letter_id,
            "Datei": o.name,
            "Zustand": _status_german(o.status),
            "Amt": o.department or "",
            "Amt (Name)": names.get(o.department or "", ""),
            "Grund": o.reason,
            "Sicherheit": pct(o.confidence) if o.confidence is not None else "",
            "Seiten": o.pages or 0,
            "davon OCR": o.ocr_pages or 0,
            "Sekunden": o.seconds,
            "In der Werkbank": f"{workbench}/post/{o.letter_id}" if workbench else "",
        }
        for o in outcomes
    ]
    create_table_artifact(rows, key="poststelle-briefe", description="Die Briefe dieses Laufs.")
    create_markdown_artifact(
        summary_markdown(outcomes, names=names, workbench=workbench),
        key="poststelle-zusammenfassung",
        description="Zusammenfassung des Laufs.",
    )


def _status_german(status: str) -> str:
    try:
        return LetterStatus(status).german
    except ValueError:
        return status


LINKED_LETTERS = 200  # the summary lists this many letters; the table has them all


def summary_markdown(
    outcomes: list[LetterOutcome], *, names: Mapping[str, str] | None = None, workbench: str = ""
) -> str:
    if not outcomes:
        return "# Poststelle\n\nKeine Briefe in diesem Lauf.\n"
    summary = RunSummary.of(outcomes)
    lines = [
        "# Poststelle",
        "",
        f"- **{summary.letters}** Briefe, davon **{summary.delivered}** zugestellt, "
        f"**{summary.review}** zur Prüfung, **{summary.quarantined}** in Quarantäne",
        f"- **{summary.pages}** Seiten, davon **{summary.ocr_pages}** per Texterkennung gelesen",
        f"- Median **{summary.median_seconds:.1f} s** je Brief",
        "",
        "| Amt | Briefe |",
        "|---|---:|",
        *[f"| {code} | {count} |" for code, count in summary.by_department.items()],
        "",
        "## Die Briefe",
        "",
        "| Nr. | Datei | Ergebnis | Amt | Grund |",
        "|---:|---|---|---|---|",
        *[_letter_row(o, names or {}, workbench) for o in outcomes[:LINKED_LETTERS]],
    ]
    if len(outcomes) > LINKED_LETTERS:
        lines.append(
            f"\n… und {len(outcomes) - LINKED_LETTERS} weitere (Tabelle „poststelle-briefe“)."
        )
    return "\n".join(lines) + "\n"


def _letter_row(o: LetterOutcome, names: Mapping[str, str], workbench: str) -> str:
    number = f"[{o.letter_id}]({workbench}/post/{o.letter_id})" if workbench else str(o.letter_id)
    department = _department(o.department, names) if o.department else "–"
    return (
        f"| {number} | {_cell(o.name)} | {_status_german(o.status)} | {_cell(department)} "
        f"| {_cell(o.reason)} |"
    )


def _cell(text: str) -> str:
    """Text in a Markdown table cell: a "|" would start a new cell, a newline a new row."""
    return " ".join(text.replace("|", "\\|").split())
