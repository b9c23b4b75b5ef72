"""The letter's state machine: each step moves one letter one state on, crash-safe.

Every step reads the state, does its idempotent file work and records the new
state, so a run killed at any moment (``kill -9``, power cut) simply continues
where the letter stood::

    received → read → routed → delivered → archived
             ↘ quarantined      ↘ review (waits for a person, see review.py)
                                     → routed → delivered (original and copies) → archived
                                     → routed → archived (outcomes that deliver nothing)

Delivery is the delicate step (a department may take the file away at once):
the PDF is written under a temporary name, the intended target is recorded,
then the file is renamed. A rerun that finds the intent knows whether the
rename happened (temporary file gone) and never delivers twice.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from common.german import day, pct, percent
from robots.batches import archive_target
from robots.decisions import CLOSING, LetterCopy, Outcome
from robots.errors import DocumentRejected
from robots.faults import crash_point
from robots.files import copy_durably, fsync_dir, move_durably, write_atomic
from robots.filings import Filing
from robots.learning import Model, Suggestion
from robots.leases import LeaseLost, claim, hold, keep_lease, lost, release
from robots.letters import Letter, LetterStatus, utcnow
from robots.mailroom import paths
from robots.mailroom.config import MailroomConfig, Sessions
from robots.mailroom.records import LetterOutcome, event, outcome_of, sidecar_json
from robots.reading import ReadResult, read_document
from robots.rules import Decision
from robots.suggestions import suggest, suggestion_json

log = logging.getLogger(__name__)

# received → read → routed → delivered → archived: at most one pass per state
MAX_STEPS = 6


@dataclass(frozen=True)
class LetterSteps:
    """The steps for one run: its settings, database, OCR slots and lease owner."""

    config: MailroomConfig
    sessions: Sessions
    ocr_slots: AbstractContextManager[object]
    owner: str

    def process(self, letter_id: int) -> LetterOutcome | None:
        """Run all remaining steps for one letter.

        None if another run holds it, took it over, or finished it before this run got
        to it: a run reports only the letters it moved on itself.
        """
        seconds = self.config.lease_seconds
        with self.sessions() as session:
            if not claim(session, Letter, letter_id, self.owner, seconds):
                return None
            state = self._state(session, letter_id)
        started = time.perf_counter()
        steps = {
            LetterStatus.RECEIVED: self.read,
            LetterStatus.READ: self.decide,
            LetterStatus.ROUTED: self.deliver,
            LetterStatus.DELIVERED: self.archive,
        }
        moved = False
        try:
            # Renewed while the letter is in the works: a slow letter stays this run's.
            with keep_lease(self.sessions, Letter, letter_id, self.owner, seconds):
                # Each step says the state it committed, so no transaction of its own
                # asks for it (a dozen fewer per letter, and the database is shared by
                # the letters in the works); a step that finds another state stops at
                # its hold() as before.
                for _ in range(MAX_STEPS):
                    step = steps.get(state)
                    if step is None:
                        break
                    state = self._step(step, letter_id, state)
                    moved = True
        except LeaseLost as exc:  # another run has it now: its work stands, ours stops
            log.warning("%s", exc)
            self._release(letter_id)
            return None
        except BaseException:
            self._release(letter_id)
            raise
        with self.sessions() as session:
            release(session, Letter, letter_id, self.owner)
            if not moved:
                return None
            return outcome_of(session.get_one(Letter, letter_id), time.perf_counter() - started)

    def _release(self, letter_id: int) -> None:
        with self.sessions() as session:
            release(session, Letter, letter_id, self.owner)

    def _step(
        self, step: Callable[[int], LetterStatus], letter_id: int, state: LetterStatus
    ) -> LetterStatus:
        """One step; its failure after the letter changed hands is a lost race, not an error.

        A run that stalled longer than its lease (a paused VM) finds the letter's
        files moved on by the run that took it over.
        """
        try:
            return step(letter_id)
        except LeaseLost:
            raise
        except Exception:
            with self.sessions() as session:
                now = session.execute(
                    select(Letter.status, Letter.lease_owner).where(Letter.id == letter_id)
                ).one()
            if tuple(now) != (state.value, self.owner):
                raise lost(Letter, letter_id, state.value, now[0], now[1]) from None
            raise

    def _hold(self, session: Session, letter_id: int, expected: LetterStatus) -> Letter:
        """The letter for a state change: still this run's and still ``expected`` (CAS)."""
        hold(session, Letter, letter_id, self.owner, expected.value)
        return session.get_one(Letter, letter_id)

    @staticmethod
    def _state(session: Session, letter_id: int) -> LetterStatus:
        status = session.scalars(select(Letter.status).where(Letter.id == letter_id)).one()
        return LetterStatus(status)

    # -- received → read (or quarantined) ----------------------------------------------

    def read(self, letter_id: int) -> LetterStatus:
        with self.sessions() as session:
            letter = self._hold(session, letter_id, LetterStatus.RECEIVED)
            source = Path(letter.work_file or "")
            name = letter.name
            code, reason = letter.quarantine_code, letter.quarantine_reason
        if code and reason:  # a crash interrupted the quarantine: finish it
            return self.quarantine(letter_id, source, name, DocumentRejected(code, reason))
        crash_point("read-start")
        try:
            result = read_document(
                source,
                paths.searchable(source),
                self.config.limits,
                lang=self.config.lang,
                ocr_slots=self.ocr_slots,
                pages_at_once=self.config.workers,
            )
        except DocumentRejected as exc:
            return self.quarantine(letter_id, source, name, exc)
        with self.sessions() as session:
            letter = self._hold(session, letter_id, LetterStatus.RECEIVED)
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
            event(session, letter, "read", detail, data)
        log.info("Brief %s gelesen (%s Seiten, %s OCR)", name, len(result.pages), result.ocr_pages)
        return LetterStatus.READ

    def quarantine(
        self, letter_id: int, source: Path, name: str, exc: DocumentRejected
    ) -> LetterStatus:
        with self.sessions() as session:  # the intent first: reason and target
            letter = self._hold(session, letter_id, LetterStatus.RECEIVED)
            target = (
                Path(letter.quarantine_file)
                if letter.quarantine_file
                else paths.quarantine_target(self.config, letter, name)
            )
            letter.quarantine_file = str(target)
            letter.quarantine_reason = exc.message
            letter.quarantine_code = exc.reason
        if source.is_file():
            move_durably(source, target)
        write_atomic(paths.reason_file(target), f"{exc.message}\n(Code: {exc.reason})\n".encode())
        paths.searchable(source).unlink(missing_ok=True)
        crash_point("quarantine-before-commit")
        with self.sessions() as session:
            letter = self._hold(session, letter_id, LetterStatus.RECEIVED)
            letter.status = LetterStatus.QUARANTINED.value
            letter.work_file = None
            data = {"code": exc.reason, "file": str(target)}
            event(session, letter, "quarantined", exc.message, data)
        log.info("Brief %s in Quarantäne: %s", name, exc.reason)
        return LetterStatus.QUARANTINED

    # -- read → routed or review -----------------------------------------------------------

    def decide(self, letter_id: int) -> LetterStatus:
        rules = self.config.rules
        with self.sessions() as session:
            letter = self._hold(session, letter_id, LetterStatus.READ)
            decision = rules.decide(letter.text or "", ocr_confidence=letter.ocr_confidence)
            _store_decision(letter, decision, rules.version)
            # Rules always win; the classifier is asked only where they sent a letter to review.
            learned = None if decision.routed else suggest(session, letter.text or "")
            if learned is not None:
                letter.suggestion = suggestion_json(*learned)
            if decision.routed:
                letter.status = LetterStatus.ROUTED.value
                letter.routed_by = "rules"
                detail = (
                    f"Zugeordnet an {decision.department} (Sicherheit {pct(decision.confidence)})."
                )
                if decision.file_number:
                    detail += f" Aktenzeichen {decision.file_number}."
                routed = {
                    "department": decision.department,
                    "confidence": decision.confidence,
                    "reasons": decision.reasons,
                    "file_number": decision.file_number,
                }
                event(session, letter, "routed", detail, routed)
            elif learned is not None and self._classifier_may_route(decision.unsure, learned):
                self._route_by_classifier(session, letter, learned)
            else:
                letter.status = LetterStatus.REVIEW.value
                detail = "Zur Prüfung: " + " ".join(decision.reasons[:1])
                review: dict[str, Any] = {
                    "reasons": decision.reasons,
                    "candidates": decision.candidates,
                }
                if learned is not None:
                    review["suggestion"] = letter.suggestion
                    detail += (
                        f" Vorschlag des gelernten Modells: {learned[2].department} "
                        f"({percent(learned[2].confidence)})."
                    )
                event(session, letter, "review", detail, review)
            now = LetterStatus(letter.status)
        log.info("Brief %s: %s %s", letter_id, decision.status, decision.department or "")
        return now

    def _classifier_may_route(self, unsure: bool, learned: tuple[int, Model, Suggestion]) -> bool:
        """Only if IT switched it on, only where the rules were merely unsure (not for
        unreadable text or advertising), and only above the held-out threshold."""
        _, model, suggestion = learned
        return (
            self.config.classifier_routes
            and unsure
            and model.threshold is not None
            and suggestion.confidence >= model.threshold
            and suggestion.department in self.config.rules.names
        )

    def _route_by_classifier(
        self, session: Session, letter: Letter, learned: tuple[int, Model, Suggestion]
    ) -> None:
        record_id, model, suggestion = learned
        words = ", ".join(f"„{word}“" for word, _ in suggestion.words[:5])
        reason = (
            f"Gelerntes Modell (aus {model.examples} Entscheidungen): {suggestion.department} "
            f"mit {percent(suggestion.confidence)} (Schwelle {percent(model.threshold or 0)}); "
            f"Wörter: {words}."
        )
        letter.department = suggestion.department
        letter.confidence = round(suggestion.confidence, 2)
        letter.routed_by = "classifier"
        letter.reasons = [reason, *letter.reasons]
        letter.status = LetterStatus.ROUTED.value
        letter.file_number = self.config.rules.file_number(letter.text or "", suggestion.department)
        detail = f"Zugeordnet an {suggestion.department} vom gelernten Modell ({percent(suggestion.confidence)})."
        event(
            session, letter, "routed", detail,
            {"department": suggestion.department, "confidence": suggestion.confidence,
             "reasons": letter.reasons, "by": "classifier", "model": record_id},
        )  # fmt: skip

    # -- routed → delivered ----------------------------------------------------------------

    def deliver(self, letter_id: int) -> LetterStatus:
        with self.sessions() as session:  # each step starts with a check: still ours, still due
            letter = self._hold(session, letter_id, LetterStatus.ROUTED)
            # A person said that no Amt gets it: the original is archived, nothing delivered.
            due = None if letter.outcome in CLOSING else self._delivery(session, letter)
        if due is None:
            return self._archive(letter_id, LetterStatus.ROUTED)
        target, intent_recorded, searchable, sidecar, copies = due
        partial = paths.partial(target)
        if not intent_recorded:
            target.parent.mkdir(parents=True, exist_ok=True)
            if not searchable.exists():  # lost with a crashed disk or deleted by hand: read again
                with self.sessions() as session:
                    letter = self._hold(session, letter_id, LetterStatus.ROUTED)
                    letter.status = LetterStatus.RECEIVED.value
                return LetterStatus.RECEIVED
            copy_durably(searchable, partial)
            write_atomic(
                paths.sidecar(target), json.dumps(sidecar, ensure_ascii=False, indent=2).encode()
            )
            crash_point("deliver-before-intent")
            with self.sessions() as session:
                self._hold(session, letter_id, LetterStatus.ROUTED).delivery_target = str(target)
            crash_point("deliver-after-intent")
        # The intent is recorded: the partial file exists until the rename is done.
        if partial.exists():
            partial.replace(target)
            fsync_dir(target.parent)
        crash_point("deliver-after-rename")
        if copies:
            self.deliver_copies(letter_id, target)
        with self.sessions() as session:
            letter = self._hold(session, letter_id, LetterStatus.ROUTED)
            letter.status = LetterStatus.DELIVERED.value
            letter.delivered_to = str(target)
            letter.delivered_at = utcnow()
            detail = f"Zugestellt an {letter.department}: {target.name}."
            if letter.department in self.config.efile_departments:
                # Same transaction: a delivered letter cannot miss its filing.
                session.add(Filing(letter_id=letter.id, department=letter.department))
                detail += " Zur Ablage in die E-Akte vorgemerkt."
            event(session, letter, "delivered", detail, {"file": str(target)})
        return LetterStatus.DELIVERED

    def _delivery(
        self, session: Session, letter: Letter
    ) -> tuple[Path, bool, Path, dict[str, Any], bool]:
        """Where the letter goes, whether that intent is recorded, the file to deliver, its
        sidecar, and whether further Ämter get copies."""
        target = (
            Path(letter.delivery_target)
            if letter.delivery_target
            else paths.delivery_target(self.config, letter)
        )
        copies = session.scalar(select(exists().where(LetterCopy.letter_id == letter.id)))
        return (
            target,
            letter.delivery_target is not None,
            paths.searchable(Path(letter.work_file or "")),
            sidecar_json(letter, target),
            bool(copies),
        )

    def deliver_copies(self, letter_id: int, original: Path) -> None:
        """Copies for further Ämter, each the way the original went: intent, then rename."""
        with self.sessions() as session:
            copies = [
                (c.id, c.department, c.target, c.delivered_at)
                for c in session.scalars(
                    select(LetterCopy).where(LetterCopy.letter_id == letter_id)
                )
            ]
            letter = session.get_one(Letter, letter_id)
            searchable = paths.searchable(Path(letter.work_file or ""))
            sidecars = {
                code: {**sidecar_json(letter, paths.copy_target(self.config, letter, code)),
                       "copy": True, "department": code, "original_to": letter.department}
                for _, code, _, _ in copies
            }  # fmt: skip
            targets = {
                code: paths.copy_target(self.config, letter, code) for _, code, _, _ in copies
            }
        # The searchable PDF is there until the archive step; after a crash the original's
        # delivered file is the same content.
        source = searchable if searchable.exists() else original
        for copy_id, code, recorded, delivered in copies:
            if delivered is not None:
                continue
            target = Path(recorded) if recorded else targets[code]
            partial = paths.partial(target)
            if recorded is None:
                target.parent.mkdir(parents=True, exist_ok=True)
                copy_durably(source, partial)
                write_atomic(
                    paths.sidecar(target),
                    json.dumps(sidecars[code], ensure_ascii=False, indent=2).encode(),
                )
                with self.sessions() as session:
                    self._hold(session, letter_id, LetterStatus.ROUTED)
                    session.get_one(LetterCopy, copy_id).target = str(target)
                crash_point("copy-after-intent")
            if partial.exists():
                partial.replace(target)
                fsync_dir(target.parent)
            crash_point("copy-after-rename")
            with self.sessions() as session:
                letter = self._hold(session, letter_id, LetterStatus.ROUTED)
                session.get_one(LetterCopy, copy_id).delivered_at = utcnow()
                detail = f"Kopie zugestellt an {code}: {target.name}."
                if code in self.config.efile_departments:
                    # As for the original: the copy is that Amt's post, filed into its file.
                    session.add(Filing(letter_id=letter_id, department=code))
                    detail += " Zur Ablage in die E-Akte vorgemerkt."
                event(session, letter, "copied", detail, {"department": code, "file": str(target)})

    # -- delivered → archived --------------------------------------------------------------

    def archive(self, letter_id: int) -> LetterStatus:
        return self._archive(letter_id, LetterStatus.DELIVERED)

    def _archive(self, letter_id: int, expected: LetterStatus) -> LetterStatus:
        """The original into the archive: after delivery, or routed to no Amt (``ROUTED``)."""
        with self.sessions() as session:
            letter = self._hold(session, letter_id, expected)
            source = Path(letter.work_file) if letter.work_file else None
            batch = letter.batch
            if batch is not None:
                # Its original is the batch scan, archived once for all its letters.
                target = Path(batch.archive_file or archive_target(batch, self.config.archive))
                letter.archive_file = str(target)
            else:
                target = (
                    Path(letter.archive_file)
                    if letter.archive_file
                    else paths.archive_target(self.config, letter)
                )
                if letter.archive_file is None:
                    letter.archive_file = str(target)  # intent first, as for delivery
        crash_point("archive-before-move")
        if source is not None and source.exists():
            if batch is not None:
                source.unlink()  # cut from the batch: nothing of its own to keep
            else:
                move_durably(source, target)
            paths.searchable(source).unlink(missing_ok=True)
        crash_point("archive-after-move")
        with self.sessions() as session:
            letter = self._hold(session, letter_id, expected)
            letter.status = LetterStatus.ARCHIVED.value
            letter.work_file = None
            letter.archived_at = utcnow()
            letter.retention_until = letter.archived_at + timedelta(days=self.config.retention_days)
            why = f" ({Outcome(letter.outcome).german})" if letter.outcome in CLOSING else ""
            what = "Original (der Stapel-Scan)" if batch is not None else "Original"
            detail = f"{what} archiviert{why}, aufzubewahren bis {day(letter.retention_until)}."
            event(session, letter, "archived", detail, {"file": str(target)})
        return LetterStatus.ARCHIVED


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
    letter.file_number = decision.file_number
