"""The mailroom robot: scanned mail in, read, routed by rules, delivered, archived.

Every letter moves through the state machine of :mod:`robots.letters`. Each
step is idempotent and records its result before the next begins, so the
robot can be killed at any moment (``kill -9``, power cut) and simply run
again: every letter ends delivered exactly once, in review, or in quarantine.

Where the files are (all under the data directory except the inbox)::

    work/<sha256>.<ext>          the letter while the robot works on it
    outbox/<code>/<name>.pdf     delivered: searchable PDF + JSON sidecar
    archive/YYYY/MM/<name>       originals, kept until their retention date
    quarantine/<name>            unreadable files, each with a .grund.txt
    archive/duplicates/<name>    the same letter arriving again

Delivery is the delicate step (a department may take the file away at once):
the PDF is written under a temporary name, the intended target is recorded,
then the file is renamed. A rerun that finds the intent knows whether the
rename happened (temporary file gone) and never delivers twice.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import stat
import tempfile
import threading
import time
import unicodedata
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from robots.documents import SUFFIX, Kind, ReadLimits, sniff
from robots.errors import DocumentRejected
from robots.faults import crash_point
from robots.files import copy_durably, fsync_dir, move_durably, safe_name, write_atomic
from robots.filings import Filing
from robots.leases import claim, new_owner, release
from robots.letters import Letter, LetterEvent, LetterStatus, utcnow
from robots.reading import ReadResult, read_document
from robots.rules import Decision, Rules

log = logging.getLogger(__name__)

Sessions = Callable[[], AbstractContextManager[Session]]

IGNORED_NAMES = {"thumbs.db", "desktop.ini", ".ds_store"}
INCOMPLETE_SUFFIXES = (".part", ".tmp", ".crdownload", ".partial", "~")


@dataclass(frozen=True)
class MailroomConfig:
    inbox: Path
    data_dir: Path
    rules: Rules
    limits: ReadLimits = field(default_factory=ReadLimits)
    lang: str = "deu"
    retention_days: int = 90
    stable_seconds: float = 5.0  # a file must not have changed for this long
    lease_seconds: float = 900.0
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    # Departments whose letters the e-file robot files after delivery.
    efile_departments: frozenset[str] = frozenset()

    @property
    def work(self) -> Path:
        return self.data_dir / "work"

    @property
    def outbox(self) -> Path:
        return self.data_dir / "outbox"

    @property
    def archive(self) -> Path:
        return self.data_dir / "archive"

    @property
    def quarantine(self) -> Path:
        return self.data_dir / "quarantine"


@dataclass(frozen=True, slots=True)
class LetterOutcome:
    """What happened to one letter in this run (for summaries and artifacts)."""

    letter_id: int
    name: str
    status: str
    department: str | None
    confidence: float | None
    pages: int | None
    ocr_pages: int | None
    seconds: float
    reason: str = ""


@dataclass(slots=True)
class Classification:
    """``mailroom classify``: a decision without side effects."""

    file: str
    status: str  # routed | review | quarantined
    department: str | None
    confidence: float
    reasons: list[str]
    pages: int
    ocr_pages: int

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "status": self.status,
            "department": self.department,
            "confidence": self.confidence,
            "reasons": self.reasons,
            "pages": self.pages,
            "ocr_pages": self.ocr_pages,
        }


class Mailroom:
    def __init__(
        self, config: MailroomConfig, sessions: Sessions, *, owner: str | None = None
    ) -> None:
        self.config = config
        self.sessions = sessions
        # One Tesseract per core, however many letters are in the works: the
        # letters' other steps (parsing, delivery, database) overlap with OCR.
        # The flow layer may wrap this to add a machine-wide limit (the one plugin seam).
        self.ocr_slots: AbstractContextManager[object] = threading.BoundedSemaphore(config.workers)
        # host:pid:random: on the same host a dead owner's lease can be taken at once
        self.owner = owner or new_owner()

    # -- one run --------------------------------------------------------------------

    def run(
        self, *, on_letter: Callable[[LetterOutcome], None] | None = None
    ) -> list[LetterOutcome]:
        """Take in the inbox and finish every letter that is not finished (plain Python)."""
        self.intake()
        return self.process_all(self.open_letters(), on_letter=on_letter)

    def process_all(
        self, letters: list[int], *, on_letter: Callable[[LetterOutcome], None] | None = None
    ) -> list[LetterOutcome]:
        """Finish these letters, ``letters_at_once`` at a time; ``on_letter`` after each."""
        outcomes: list[LetterOutcome] = []
        with ThreadPoolExecutor(
            max_workers=self.letters_at_once, thread_name_prefix="lotse-post"
        ) as pool:
            for outcome in pool.map(self.process, letters):
                if outcome is not None:
                    outcomes.append(outcome)
                    if on_letter:
                        on_letter(outcome)
        return outcomes

    @property
    def letters_at_once(self) -> int:
        """Letters in the works at once: twice the OCR slots, so the cores stay busy."""
        return 2 * self.config.workers

    # -- intake -----------------------------------------------------------------------

    def intake(self) -> list[int]:
        """Take complete files from the inbox; returns the ids of the letters taken."""
        inbox = self.config.inbox
        if not inbox.is_dir():
            raise FileNotFoundError(f"Der Posteingang {inbox} existiert nicht.")
        taken = []
        for entry in sorted(os.scandir(inbox), key=lambda e: e.name):
            if not self._acceptable(entry):
                continue
            letter_id = self._take(Path(entry.path))
            if letter_id is not None:
                taken.append(letter_id)
        return taken

    def _acceptable(self, entry: os.DirEntry[str]) -> bool:
        name = entry.name
        lowered = name.lower()
        if (
            name.startswith(".")
            or lowered in IGNORED_NAMES
            or lowered.endswith(INCOMPLETE_SUFFIXES)
        ):
            return False  # hidden, AppleDouble ("._x"), thumbnails, files still being written
        try:
            info = entry.stat(follow_symlinks=False)
        except FileNotFoundError:
            return False
        if not stat.S_ISREG(info.st_mode):
            return False  # symlinks, FIFOs, sockets, folders
        # A scanner still writing changes size and time; wait until it is quiet.
        return time.time() - info.st_mtime >= self.config.stable_seconds

    def _take(self, path: Path) -> int | None:
        work = self.config.work
        work.mkdir(parents=True, exist_ok=True)
        try:
            before = path.stat()
            with tempfile.NamedTemporaryFile(dir=work, prefix=".in-", delete=False) as copy:
                partial = Path(copy.name)
            copied = _copy_for_work(path, partial)
        except FileNotFoundError:  # renamed or taken away while we looked: seen again later
            log.info("Datei %s ist verschwunden, bevor sie übernommen wurde", path.name)
            return None
        if copied is None:
            partial.unlink(missing_ok=True)
            return None
        digest, size, head = copied
        kind = _kind_or_none(head)
        target = work / f"{digest}{SUFFIX[kind] if kind else '.bin'}"
        name = unicodedata.normalize("NFC", path.name)

        with self.sessions() as session:
            letter = session.scalar(select(Letter).where(Letter.sha256 == digest))
            if letter is None:
                os.replace(partial, target)
                fsync_dir(work)
                letter = Letter(
                    sha256=digest,
                    name=name,
                    media_type=kind.value if kind else "",
                    size=size,
                    status=LetterStatus.RECEIVED.value,
                    work_file=str(target),
                )
                try:
                    with session.begin_nested():
                        session.add(letter)
                except IntegrityError:  # another run took the same letter a moment ago
                    _unlink_if_unchanged(path, before)
                    return None
                _event(session, letter, "received", f"Eingegangen als „{name}“ ({size} Bytes).")
                crash_point("intake-before-commit")
            elif letter.state.open or letter.state is LetterStatus.REVIEW:
                # Still being worked on: a crashed run left the inbox file behind.
                if letter.work_file and not Path(letter.work_file).exists():
                    os.replace(partial, letter.work_file)
                partial.unlink(missing_ok=True)
            else:
                partial.unlink(missing_ok=True)
                kept = self._keep_duplicate(path, letter)
                detail = f"Noch einmal eingegangen als „{name}“; abgelegt unter {kept.name}."
                _event(session, letter, "duplicate", detail, {"file": str(kept)})
                return letter.id
            letter_id = letter.id
        crash_point("intake-before-unlink")
        _unlink_if_unchanged(path, before)
        return letter_id

    def _keep_duplicate(self, path: Path, letter: Letter) -> Path:
        folder = self.config.archive / "duplicates"
        target = folder / f"{utcnow():%Y%m%d-%H%M%S}_{letter.sha256[:12]}_{safe_name(path.name)}"
        move_durably(path, target)
        return target

    # -- processing -------------------------------------------------------------------

    def open_letters(self) -> list[int]:
        """Letters with work left: new ones and any a crashed run left behind."""
        states = [s.value for s in LetterStatus if s.open]
        with self.sessions() as session:
            return list(
                session.scalars(
                    select(Letter.id).where(Letter.status.in_(states)).order_by(Letter.id)
                )
            )

    def process(self, letter_id: int) -> LetterOutcome | None:
        """Run all remaining steps for one letter; None if another run holds it."""
        if not self._claim(letter_id):
            return None
        started = time.perf_counter()
        try:
            for _ in range(6):  # at most one pass per state
                state = self._state(letter_id)
                if state is LetterStatus.RECEIVED:
                    self._read(letter_id)
                elif state is LetterStatus.READ:
                    self._decide(letter_id)
                elif state is LetterStatus.ROUTED:
                    self._deliver(letter_id)
                elif state is LetterStatus.DELIVERED:
                    self._archive(letter_id)
                else:
                    break
        finally:
            self._release(letter_id)
        return self._outcome(letter_id, time.perf_counter() - started)

    def _claim(self, letter_id: int) -> bool:
        with self.sessions() as session:
            return claim(session, Letter, letter_id, self.owner, self.config.lease_seconds)

    def _release(self, letter_id: int) -> None:
        with self.sessions() as session:
            release(session, Letter, letter_id, self.owner)

    def _state(self, letter_id: int) -> LetterStatus:
        with self.sessions() as session:
            status = session.scalars(select(Letter.status).where(Letter.id == letter_id)).one()
        return LetterStatus(status)

    def _read(self, letter_id: int) -> None:
        with self.sessions() as session:
            letter = session.get_one(Letter, letter_id)
            source = Path(letter.work_file or "")
            name = letter.name
            code, reason = letter.quarantine_code, letter.quarantine_reason
        if code and reason:  # a crash interrupted the quarantine: finish it
            self._quarantine(letter_id, source, name, DocumentRejected(code, reason))
            return
        searchable = self._searchable(source)
        crash_point("read-start")
        try:
            result = read_document(
                source,
                searchable,
                self.config.limits,
                lang=self.config.lang,
                ocr_slots=self.ocr_slots,
            )
        except DocumentRejected as exc:
            self._quarantine(letter_id, source, name, exc)
            return
        with self.sessions() as session:
            letter = session.get_one(Letter, letter_id)
            _store_reading(letter, result)
            letter.status = LetterStatus.READ.value
            detail = f"Gelesen: {letter.pages} Seite(n), davon {letter.ocr_pages} per Texterkennung, {result.seconds:.1f} s."
            data: dict[str, Any] = {
                "pages": letter.pages,
                "ocr_pages": letter.ocr_pages,
                "seconds": round(result.seconds, 2),
            }
            if result.mail is not None:  # who wrote it, and which attachments became pages
                data["mail"] = result.mail.as_json()
                detail += f" E-Mail von {result.mail.sender or 'unbekannt'}."
            _event(session, letter, "read", detail, data)
        log.info("Brief %s gelesen (%s Seiten, %s OCR)", name, len(result.pages), result.ocr_pages)

    def _searchable(self, source: Path) -> Path:
        return source.with_name(source.name.split(".")[0] + ".durchsuchbar.pdf")

    def _quarantine(self, letter_id: int, source: Path, name: str, exc: DocumentRejected) -> None:
        with self.sessions() as session:  # the intent first: reason and target
            letter = session.get_one(Letter, letter_id)
            target = Path(letter.quarantine_file) if letter.quarantine_file else (
                self.config.quarantine / f"{letter.received_at:%Y%m%d}_{letter.sha256[:12]}_{safe_name(name)}"
            )  # fmt: skip
            letter.quarantine_file = str(target)
            letter.quarantine_reason = exc.message
            letter.quarantine_code = exc.reason
        if source.is_file():
            move_durably(source, target)
        write_atomic(
            target.with_name(target.name + ".grund.txt"),
            f"{exc.message}\n(Code: {exc.reason})\n".encode(),
        )
        self._searchable(source).unlink(missing_ok=True)
        crash_point("quarantine-before-commit")
        with self.sessions() as session:
            letter = session.get_one(Letter, letter_id)
            letter.status = LetterStatus.QUARANTINED.value
            letter.work_file = None
            _event(
                session,
                letter,
                "quarantined",
                exc.message,
                {"code": exc.reason, "file": str(target)},
            )
        log.info("Brief %s in Quarantäne: %s", name, exc.reason)

    def _decide(self, letter_id: int) -> None:
        with self.sessions() as session:
            letter = session.get_one(Letter, letter_id)
            decision = self.config.rules.decide(
                letter.text or "", ocr_confidence=letter.ocr_confidence
            )
            _store_decision(letter, decision, self.config.rules.version)
            if decision.routed:
                letter.status = LetterStatus.ROUTED.value
                detail = (
                    f"Zugeordnet an {decision.department} (Sicherheit {decision.confidence:.0%})."
                )
                _event(
                    session,
                    letter,
                    "routed",
                    detail,
                    {
                        "department": decision.department,
                        "confidence": decision.confidence,
                        "reasons": decision.reasons,
                    },
                )
            else:
                letter.status = LetterStatus.REVIEW.value
                _event(
                    session,
                    letter,
                    "review",
                    "Zur Prüfung: " + " ".join(decision.reasons[:1]),
                    {"reasons": decision.reasons, "candidates": decision.candidates},
                )
        log.info("Brief %s: %s %s", letter_id, decision.status, decision.department or "")

    def _deliver(self, letter_id: int) -> None:
        with self.sessions() as session:
            letter = session.get_one(Letter, letter_id)
            target = (
                Path(letter.delivery_target)
                if letter.delivery_target
                else self._delivery_path(letter)
            )
            intent_recorded = letter.delivery_target is not None
            searchable = self._searchable(Path(letter.work_file or ""))
            sidecar = _sidecar(letter, target)
        partial = target.with_name(f".{target.name}.part")
        if not intent_recorded:
            target.parent.mkdir(parents=True, exist_ok=True)
            if not searchable.exists():  # lost with a crashed disk or deleted by hand: read again
                with self.sessions() as session:
                    letter = session.get_one(Letter, letter_id)
                    letter.status = LetterStatus.RECEIVED.value
                return
            copy_durably(searchable, partial)
            write_atomic(
                target.with_suffix(".json"),
                json.dumps(sidecar, ensure_ascii=False, indent=2).encode(),
            )
            crash_point("deliver-before-intent")
            with self.sessions() as session:
                session.get_one(Letter, letter_id).delivery_target = str(target)
            crash_point("deliver-after-intent")
        # The intent is recorded: the partial file exists until the rename is done.
        if partial.exists():
            os.replace(partial, target)
            fsync_dir(target.parent)
        crash_point("deliver-after-rename")
        with self.sessions() as session:
            letter = session.get_one(Letter, letter_id)
            letter.status = LetterStatus.DELIVERED.value
            letter.delivered_to = str(target)
            letter.delivered_at = utcnow()
            detail = f"Zugestellt an {letter.department}: {target.name}."
            if letter.department in self.config.efile_departments:
                # Same transaction: a delivered letter cannot miss its filing.
                session.add(Filing(letter_id=letter.id, department=letter.department))
                detail += " Zur Ablage in die E-Akte vorgemerkt."
            _event(session, letter, "delivered", detail, {"file": str(target)})

    def _delivery_path(self, letter: Letter) -> Path:
        stem = safe_name(Path(letter.name).stem, 60)
        folder = self.config.outbox / (letter.department or "unbekannt")
        return folder / f"{letter.received_at:%Y%m%d}_{letter.sha256[:12]}_{stem}.pdf"

    def _archive(self, letter_id: int) -> None:
        with self.sessions() as session:
            letter = session.get_one(Letter, letter_id)
            source = Path(letter.work_file) if letter.work_file else None
            target = Path(letter.archive_file) if letter.archive_file else (
                self.config.archive / f"{letter.received_at:%Y}" / f"{letter.received_at:%m}"
                / f"{letter.sha256[:12]}_{safe_name(letter.name)}"
            )  # fmt: skip
            if letter.archive_file is None:
                letter.archive_file = str(target)  # intent first, as for delivery
        crash_point("archive-before-move")
        if source is not None and source.exists():
            move_durably(source, target)
            self._searchable(source).unlink(missing_ok=True)
        crash_point("archive-after-move")
        with self.sessions() as session:
            letter = session.get_one(Letter, letter_id)
            letter.status = LetterStatus.ARCHIVED.value
            letter.work_file = None
            letter.archived_at = utcnow()
            letter.retention_until = letter.archived_at + timedelta(days=self.config.retention_days)
            detail = f"Original archiviert, aufzubewahren bis {letter.retention_until:%d.%m.%Y}."
            _event(session, letter, "archived", detail, {"file": str(target)})

    def _outcome(self, letter_id: int, seconds: float) -> LetterOutcome:
        with self.sessions() as session:
            letter = session.get_one(Letter, letter_id)
            return LetterOutcome(
                letter_id=letter.id,
                name=letter.name,
                status=letter.status,
                department=letter.department,
                confidence=letter.confidence,
                pages=letter.pages,
                ocr_pages=letter.ocr_pages,
                seconds=round(seconds, 2),
                reason=letter.quarantine_reason or (letter.reasons[0] if letter.reasons else ""),
            )

    # -- people's decisions and housekeeping ----------------------------------------------

    def decide_review(
        self, letter_id: int, department: str, user: str, comment: str = ""
    ) -> LetterOutcome:
        """A person routes a letter the robot was unsure about; it is then delivered."""
        if department not in self.config.rules.names:
            known = ", ".join(sorted(self.config.rules.names))
            raise ValueError(f"Das Amt „{department}“ ist unbekannt; möglich sind {known}.")
        with self.sessions() as session:
            letter = session.get(Letter, letter_id)
            if letter is None:
                raise ValueError(f"Einen Brief mit der Nummer {letter_id} gibt es nicht.")
            if letter.state is not LetterStatus.REVIEW:
                raise ValueError(
                    f"Brief {letter_id} ist nicht zur Prüfung, sondern {letter.state.german}."
                )
            robot = letter.candidates[0][0] if letter.candidates else None
            letter.department = department
            letter.confidence = 1.0
            letter.decided_by = user
            letter.status = LetterStatus.ROUTED.value
            letter.reasons = [
                f"Entschieden von {user or 'unbekannt'}" + (f": {comment}" if comment else "."),
                *letter.reasons,
            ]
            # Kept for rule improvements: what the robot guessed, what the person chose.
            _event(
                session,
                letter,
                "decided",
                f"Von {user or 'unbekannt'} an {department} gegeben.",
                {
                    "department": department,
                    "robot_guess": robot,
                    "candidates": letter.candidates,
                    "user": user,
                    "comment": comment,
                },
            )
        outcome = self.process(letter_id)
        if outcome is None:
            raise ValueError(f"Brief {letter_id} wird gerade von einem anderen Lauf bearbeitet.")
        return outcome

    def purge(self, now: datetime | None = None) -> list[int]:
        """Destroy archived originals whose retention has passed (never automatic)."""
        now = now or utcnow()
        purged = []
        with self.sessions() as session:
            due = session.scalars(
                select(Letter).where(
                    Letter.status == LetterStatus.ARCHIVED.value,
                    Letter.delivered_to.is_not(None),
                    Letter.retention_until < now,
                )
            ).all()
            for letter in due:
                if letter.archive_file:
                    Path(letter.archive_file).unlink(missing_ok=True)
                letter.status = LetterStatus.PURGED.value
                letter.purged_at = now
                _event(
                    session,
                    letter,
                    "purged",
                    "Original nach Ablauf der Aufbewahrungsfrist vernichtet.",
                )
                purged.append(letter.id)
        return purged

    def classify(self, path: Path) -> Classification:
        """Read and decide one file without moving or recording anything."""
        if not path.is_file():
            return Classification(
                str(path), "quarantined", None, 0.0, ["Die Datei wurde nicht gefunden."], 0, 0
            )
        with tempfile.TemporaryDirectory(prefix="lotse-classify-") as tmp:
            try:
                result = read_document(
                    path, Path(tmp) / "out.pdf", self.config.limits, lang=self.config.lang
                )
            except DocumentRejected as exc:
                return Classification(str(path), "quarantined", None, 0.0, [exc.message], 0, 0)
        decision = self.config.rules.decide(result.text, ocr_confidence=result.ocr_confidence)
        return Classification(
            str(path), decision.status, decision.department, decision.confidence,
            decision.reasons, len(result.pages), result.ocr_pages,
        )  # fmt: skip


# -- helpers ---------------------------------------------------------------------------


def _event(
    session: Session, letter: Letter, kind: str, detail: str, data: dict[str, Any] | None = None
) -> None:
    session.add(LetterEvent(letter=letter, kind=kind, detail=detail, data=data or {}))


def _copy_for_work(path: Path, partial: Path) -> tuple[str, int, bytes] | None:
    """Copy the inbox file to ``partial`` durably, hashing on the way: (sha256, size, head)."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as src:
        if not stat.S_ISREG(os.fstat(src.fileno()).st_mode):
            return None
        digest = hashlib.sha256()
        size = 0
        head = b""
        with open(partial, "wb") as dst:
            for block in iter(lambda: src.read(1024 * 1024), b""):
                if not head:
                    head = block[:2048]
                digest.update(block)
                size += len(block)
                dst.write(block)
            dst.flush()
            os.fsync(dst.fileno())
    return digest.hexdigest(), size, head


def _kind_or_none(head: bytes) -> Kind | None:
    try:
        return sniff(head)
    except DocumentRejected:
        return None


def _unlink_if_unchanged(path: Path, before: os.stat_result) -> None:
    """Remove the inbox file, unless someone replaced it meanwhile (then it is new mail)."""
    try:
        now = path.stat()
    except FileNotFoundError:
        return
    if (now.st_ino, now.st_size, now.st_mtime_ns) == (
        before.st_ino,
        before.st_size,
        before.st_mtime_ns,
    ):
        path.unlink(missing_ok=True)


def _store_reading(letter: Letter, result: ReadResult) -> None:
    letter.pages = len(result.pages)
    letter.ocr_pages = result.ocr_pages
    letter.read_seconds = round(result.seconds, 3)
    letter.ocr_confidence = result.ocr_confidence
    letter.text = result.text
    letter.media_type = result.kind.value


def _store_decision(letter: Letter, decision: Decision, rules_version: str) -> None:
    letter.department = decision.department
    letter.confidence = decision.confidence
    letter.reasons = decision.reasons
    letter.candidates = [[code, points] for code, points in decision.candidates]
    letter.rules_version = rules_version


def _sidecar(letter: Letter, target: Path) -> dict[str, Any]:
    return {
        "sha256": letter.sha256,
        "original_name": letter.name,
        "received": letter.received_at.isoformat(),
        "department": letter.department,
        "confidence": letter.confidence,
        "reasons": letter.reasons,
        "pages": letter.pages,
        "ocr_pages": letter.ocr_pages,
        "decided_by": letter.decided_by,
        "file": target.name,
    }


def letters_json(letters: Iterable[Letter]) -> list[dict[str, Any]]:
    """``mailroom letters --json``: every letter with its state (DESIGN.md contract)."""
    return [
        {
            "id": letter.id,
            "sha256": letter.sha256,
            "name": letter.name,
            "status": letter.status,
            "department": letter.department,
            "delivered_to": letter.delivered_to,
            "confidence": letter.confidence,
            "pages": letter.pages,
            "ocr_pages": letter.ocr_pages,
            "received_at": letter.received_at.isoformat(),
            "quarantine_reason": letter.quarantine_reason,
            "archive_file": letter.archive_file,
            "retention_until": letter.retention_until.isoformat()
            if letter.retention_until
            else None,
        }
        for letter in letters
    ]
