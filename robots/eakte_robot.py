"""The e-file robot: files delivered letters into the department's e-file through its UI.

For each waiting filing the robot finds the file (the letter's own Aktenzeichen
or the department's inbox file), creates it when missing, and before uploading
looks into the file for the letter's marker: a crash after the upload but
before the document number was recorded must not file the letter twice. The
document number read from the confirmation goes into the letter's trail.

One browser and one sign-in serve the whole batch: starting Chromium and
signing in cost more than filing a letter. The address of each file is
remembered for the batch (most letters go to a department's inbox file, and
searching costs two page loads); a remembered address is used only if the page
still shows that file, and the file's documents are read afresh before every
upload. A step that fails is retried with a
growing pause (the page reloaded from the start); before each retry the robot
saves a screenshot and the page's HTML next to the letter's trail; after the
last try the filing is marked failed for a person. Nothing is ever dropped.
Credentials the e-file refuses stop the whole run instead: that is a setting
to fix, and the letters keep waiting for the next run.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page
from sqlalchemy import select
from sqlalchemy.orm import Session

from common.german import count
from robots.browser import chromium
from robots.decisions import LetterCopy
from robots.delivery import DeliveryConfig
from robots.eakte_ui import Document, EAkteError, EAkteUi, NotThatFile, SignInFailed, Upload
from robots.faults import crash_point
from robots.filings import Filing, FilingStatus, metadata_for
from robots.leases import LeaseLost, claim, hold, keep_lease, new_owner, release
from robots.letter_metadata import FilingMetadata, marker
from robots.letters import Letter, LetterEvent, utcnow

log = logging.getLogger(__name__)
Sessions = Callable[[], AbstractContextManager[Session]]


@dataclass(frozen=True, slots=True)
class EAkteAccess:
    url: str
    user: str
    password: str
    headless: bool = True

    def __repr__(self) -> str:  # the password never reaches a log or a traceback
        return f"EAkteAccess(url={self.url!r}, user={self.user!r})"


@dataclass(frozen=True, slots=True)
class FilingOutcome:
    filing_id: int
    letter_id: int
    letter_name: str
    department: str
    status: str
    file_number: str | None
    document_number: str | None
    attempts: int
    error: str | None
    snapshot: str | None
    copy: bool = False  # the copy a further Amt got, not the original


def filing_counts(filed: int, copies: int, failed: int) -> str:
    """'12 Briefe und 1 Kopie für weitere Ämter abgelegt, 0 fehlgeschlagen': ``filed``
    counts every filing; a copy is the same letter once more, so it is named apart."""
    letters = filed - copies
    parts = [count(letters, "Brief", "Briefe")] if letters or not copies else []
    if copies:
        parts.append(f"{count(copies, 'Kopie', 'Kopien')} für weitere Ämter")
    return f"{' und '.join(parts)} abgelegt, {failed} fehlgeschlagen"


class EAkteRobot:
    def __init__(
        self,
        sessions: Sessions,
        delivery: DeliveryConfig,
        access: EAkteAccess,
        snapshots: Path,
        *,
        attempts: int = 3,
        backoff_seconds: float = 2.0,
        lease_seconds: float = 120.0,  # renewed while the browser works on a letter
        timeout_ms: float = 30_000,
        on_step: Callable[[str, Page], None] | None = None,
        owner: str | None = None,
    ) -> None:
        self.sessions = sessions
        self.delivery = delivery
        self.access = access
        self.snapshots = snapshots
        self.attempts = attempts
        self.backoff_seconds = backoff_seconds
        self.lease_seconds = lease_seconds
        self.timeout_ms = timeout_ms
        self.on_step = on_step
        # The same leases as the mailroom's letters (robots.leases): claimed, renewed while
        # the browser works, and every state change a compare-and-set.
        self.owner = owner or new_owner()
        # Aktenzeichen → address of its file, for this browser session: most letters go to
        # a department's inbox file, and searching for it again costs two page loads.
        self._file_urls: dict[str, str] = {}

    # -- the batch -----------------------------------------------------------------------

    def waiting(self) -> list[int]:
        with self.sessions() as session:
            return list(
                session.scalars(
                    select(Filing.id)
                    .where(Filing.status == FilingStatus.PENDING.value)
                    .order_by(Filing.id)
                )
            )

    def run(
        self, *, on_filing: Callable[[FilingOutcome], None] | None = None
    ) -> list[FilingOutcome]:
        """File every waiting letter; one browser session for all of them."""
        waiting = self.waiting()
        if not waiting:
            return []
        outcomes = []
        self._file_urls.clear()
        with chromium(headless=self.access.headless) as browser:
            context = browser.new_context(locale="de-DE", accept_downloads=False)
            context.set_default_timeout(self.timeout_ms)
            page = context.new_page()
            ui = EAkteUi(
                page, self.access.url, self.access.user, self.access.password,
                on_step=self.on_step,
            )  # fmt: skip
            ui.sign_in()  # wrong credentials stop the run; the letters keep waiting
            for filing_id in waiting:
                outcome = self.file(ui, filing_id)
                if outcome is not None:
                    outcomes.append(outcome)
                    if on_filing:
                        on_filing(outcome)
            context.close()
        return outcomes

    def file(self, ui: EAkteUi, filing_id: int) -> FilingOutcome | None:
        """File one letter (with retries); None when another robot holds it or it is done."""
        if not self._claim(filing_id):
            return None
        seconds = self.lease_seconds
        try:
            with keep_lease(self.sessions, Filing, filing_id, self.owner, seconds):
                if not self._file_claimed(ui, filing_id):
                    return None
        except LeaseLost as exc:  # another robot has it now: its work stands
            log.warning("%s", exc)
            return None
        finally:
            self._release(filing_id)
        return self._outcome(filing_id)

    def _file_claimed(self, ui: EAkteUi, filing_id: int) -> bool:
        """File one claimed letter, with retries; False when it is not pending any more."""
        with self.sessions() as session:
            filing = session.get_one(Filing, filing_id)
            if filing.status != FilingStatus.PENDING.value:
                return False
            letter = filing.letter
            found = metadata_for(filing)
            pdf = Path(_delivered_file(session, filing) or "")
            sha256, first_attempt = letter.sha256, filing.attempts + 1
        if not pdf.is_file():
            self._failed(
                filing_id,
                f"Die zugestellte Datei {pdf.name} fehlt im Ausgangsordner; "
                "bitte von Hand ablegen.",
                None,
            )
            return True
        for attempt in range(first_attempt, first_attempt + self.attempts):
            try:
                file_number, document = self._file_once(ui, found, sha256, pdf, filing_id)
            except SignInFailed:
                raise  # not this letter's fault: it stays pending for the next run
            except (EAkteError, PlaywrightError) as exc:
                reason = _reason(exc)
                snapshot = self._snapshot(ui.page, filing_id, attempt)
                if attempt - first_attempt + 1 >= self.attempts:
                    self._failed(filing_id, reason, snapshot)
                    break
                self._retrying(filing_id, attempt, reason, snapshot)
                time.sleep(self.backoff_seconds * 2 ** (attempt - first_attempt))
                continue
            self._filed(filing_id, file_number, document)
            break
        return True

    def _file_once(
        self, ui: EAkteUi, found: FilingMetadata, sha256: str, pdf: Path, filing_id: int
    ) -> tuple[str, str]:
        with self.sessions() as session:
            department = session.get_one(Filing, filing_id).department
        file_number = found.file_number or self.delivery.inbox_file(department)
        key = file_number.strip().casefold()
        documents: list[Document] | None = None
        url = self._file_urls.pop(key, None)  # back once this attempt got this far
        if url is not None:
            try:
                documents = ui.documents(url, file_number=file_number)
            except NotThatFile:
                url = None
        if url is None:
            url = ui.find_file(file_number)
            if url is None:
                title = (
                    f"Posteingang Amt {department}"
                    if found.file_number is None
                    else f"Vorgang {file_number}"
                )
                url = ui.create_file(file_number, title, department)
        if documents is None:
            documents = ui.documents(url)
        self._file_urls[key] = url
        for document in documents:
            if marker(sha256) in document.remark:
                # Uploaded before a crash or a lost confirmation: record, do not file again.
                log.info("Brief schon in Akte %s als %s", file_number, document.number)
                return file_number, document.number
        crash_point("eakte-before-upload")
        number = ui.upload(
            url,
            Upload(pdf=pdf, received=found.received, sender=found.sender,
                   subject=found.subject, remark=found.remark),
        )  # fmt: skip
        crash_point("eakte-after-upload")
        return file_number, number

    # -- records -------------------------------------------------------------------------

    def _claim(self, filing_id: int) -> bool:
        with self.sessions() as session:
            return claim(session, Filing, filing_id, self.owner, self.lease_seconds)

    def _release(self, filing_id: int) -> None:
        with self.sessions() as session:
            release(session, Filing, filing_id, self.owner)

    def _pending(self, session: Session, filing_id: int) -> Filing:
        """The filing for a change: still this robot's and still pending (compare-and-set)."""
        hold(session, Filing, filing_id, self.owner, FilingStatus.PENDING.value)
        return session.get_one(Filing, filing_id)

    def _filed(self, filing_id: int, file_number: str, document: str) -> None:
        with self.sessions() as session:
            filing = self._pending(session, filing_id)
            filing.status = FilingStatus.FILED.value
            filing.file_number = file_number
            filing.document_number = document
            filing.filed_at = utcnow()
            filing.attempts += 1
            filing.error = None
            what = f"Kopie für {filing.department} in" if filing.is_copy else "In"
            session.add(
                LetterEvent(
                    letter_id=filing.letter_id,
                    kind="filed",
                    detail=f"{what} der E-Akte abgelegt: Akte {file_number}, Dokument {document}.",
                    data={"file_number": file_number, "document_number": document},
                )
            )
        log.info("Brief abgelegt: Akte %s, %s", file_number, document)

    def _retrying(self, filing_id: int, attempt: int, reason: str, snapshot: str | None) -> None:
        with self.sessions() as session:
            filing = self._pending(session, filing_id)
            filing.attempts = attempt
            filing.error = reason
            filing.snapshot = snapshot
            session.add(
                LetterEvent(
                    letter_id=filing.letter_id,
                    kind="filing_retry",
                    detail=f"Ablage {_of(filing)}in die E-Akte, Versuch {attempt}: {reason} "
                    "Neuer Versuch folgt.",
                    data={"attempt": attempt, "snapshot": snapshot},
                )
            )
        log.warning("Ablage Versuch %d: %s", attempt, reason)

    def _failed(self, filing_id: int, reason: str, snapshot: str | None) -> None:
        with self.sessions() as session:
            filing = self._pending(session, filing_id)
            filing.status = FilingStatus.FAILED.value
            filing.attempts += 1
            filing.error = reason
            filing.snapshot = snapshot
            where = f" Bildschirmfoto und Seite: {snapshot}." if snapshot else ""
            session.add(
                LetterEvent(
                    letter_id=filing.letter_id,
                    kind="filing_failed",
                    detail=f"Ablage {_of(filing)}in die E-Akte fehlgeschlagen: {reason}{where} "
                    f"{_what(filing)} liegt weiter im Ausgangsordner des Amtes; "
                    "bitte von Hand ablegen.",
                    data={"snapshot": snapshot},
                )
            )
        log.error("Ablage fehlgeschlagen: %s", reason)

    def _snapshot(self, page: Page, filing_id: int, attempt: int) -> str | None:
        """Screenshot and HTML of the page as the robot saw it, for a person to look at."""
        with self.sessions() as session:
            filing = session.get_one(Filing, filing_id)
            letter_id, copy = filing.letter_id, f"kopie-{filing.department}-" * filing.is_copy
        folder = self.snapshots / f"brief-{letter_id}"
        stem = f"{copy}versuch-{attempt}-{utcnow():%Y%m%dT%H%M%S}"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(folder / f"{stem}.png"), full_page=True)
            (folder / f"{stem}.html").write_text(page.content(), encoding="utf-8")
        except (PlaywrightError, OSError) as exc:  # a broken page must not hide the real error
            log.warning("Kein Bildschirmfoto möglich: %s", exc)
            return None
        return str(folder / f"{stem}.png")

    def _outcome(self, filing_id: int) -> FilingOutcome:
        with self.sessions() as session:
            filing = session.get_one(Filing, filing_id)
            letter = session.get_one(Letter, filing.letter_id)
            return FilingOutcome(
                filing_id=filing.id, letter_id=letter.id, letter_name=letter.name,
                department=filing.department, status=filing.status,
                file_number=filing.file_number, document_number=filing.document_number,
                attempts=filing.attempts, error=filing.error, snapshot=filing.snapshot,
                copy=filing.is_copy,
            )  # fmt: skip


def _delivered_file(session: Session, filing: Filing) -> str | None:
    """The file in the Amt's outbox folder: the original's, or the copy's for a further Amt."""
    if not filing.is_copy:
        return filing.letter.delivered_to
    return session.scalar(
        select(LetterCopy.target).where(
            LetterCopy.letter_id == filing.letter_id, LetterCopy.department == filing.department
        )
    )


def _what(filing: Filing) -> str:
    return f"Die Kopie für {filing.department}" if filing.is_copy else "Der Brief"


def _of(filing: Filing) -> str:
    return f"der Kopie für {filing.department} " if filing.is_copy else ""


def _reason(exc: BaseException) -> str:
    if isinstance(exc, EAkteError):
        return str(exc)
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if "Timeout" in type(exc).__name__ or "Timeout" in first:
        return "Die E-Akte hat nicht rechtzeitig geantwortet."
    return f"Die E-Akte-Seite war anders als erwartet ({first[:160]})."
