"""The mailroom robot: scanned mail in, read, routed by rules, delivered, archived.

Every letter moves through the state machine of :mod:`robots.letters`. Each
step is idempotent and records its result before the next begins, so the
robot can be killed at any moment and simply run again: every letter ends
delivered exactly once, in review, or in quarantine.

The package, one job per module:

==============  ===========================================================
``config``      what one mailroom works with (inbox, data folder, rules, limits)
``paths``       where each file of a letter goes
``intake``      which inbox files are mail (named checks), taking them durably
``steps``       the state machine: read, decide, deliver, archive, quarantine
``review``      a person's decision on a letter in review
``retention``   purging originals after their retention date
``classify``    decisions on files (one per letter) without a database
``summary``     one run in numbers, for the CLI and the Prefect artifacts
``records``     trail events, outcomes and the JSON contracts
==============  ===========================================================

:class:`Mailroom` puts them together for the CLI, the flows and the web.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from contextlib import AbstractContextManager
from datetime import datetime
from pathlib import Path
from typing import Any, cast

from sqlalchemy import select

from robots.batches import open_batches, split_batch_once
from robots.decisions import Choice, ChoiceError, Outcome
from robots.faults import crash_point
from robots.leases import LeaseLost, claim, keep_lease, new_owner, release
from robots.letters import Batch, Letter, LetterStatus
from robots.mailroom import intake, retention, review
from robots.mailroom.classify import Classification, classify_all
from robots.mailroom.config import MailroomConfig, Sessions
from robots.mailroom.intake import Record
from robots.mailroom.records import LetterOutcome, letters_json
from robots.mailroom.steps import LetterSteps
from robots.mailroom.summary import RunSummary

log = logging.getLogger(__name__)

__all__ = [
    "Classification",
    "LetterOutcome",
    "Mailroom",
    "MailroomConfig",
    "RunSummary",
    "Sessions",
    "letters_json",
]


class Mailroom:
    """One mailroom: its configuration, its database and how many Tesseracts it may run.

    ``ocr_slots`` bounds the Tesseracts running at once; by default one per
    configured worker on this machine. The flows pass a machine-wide limit.
    ``config`` may be replaced between runs (tests do); every call reads it anew.
    """

    def __init__(
        self,
        config: MailroomConfig,
        sessions: Sessions,
        *,
        owner: str | None = None,
        ocr_slots: AbstractContextManager[object] | None = None,
    ) -> None:
        self.config = config
        self.sessions = sessions
        # One Tesseract per core, however many letters are in the works: the
        # letters' other steps (parsing, delivery, database) overlap with OCR.
        self.ocr_slots = ocr_slots or threading.BoundedSemaphore(config.workers)
        # The machine (boot and PID namespace), the pid and a random part: see robots.leases.
        self.owner = owner or new_owner()
        self._working: set[int] = set()
        self._working_lock = threading.Lock()

    # -- one run --------------------------------------------------------------------

    def run(
        self,
        *,
        on_start: Callable[[list[int], list[int]], None] | None = None,
        on_letter: Callable[[LetterOutcome], None] | None = None,
    ) -> list[LetterOutcome]:
        """Take in the inbox and finish every letter that is not finished (plain Python).

        ``on_start(taken, letters)`` after the intake, ``on_letter`` after each letter.
        """
        taken = self.intake()
        self.apply_due_decisions()
        batches = open_batches(self.sessions)
        letters = self.open_letters()
        if on_start:
            on_start(taken, letters + batches)  # a batch counts once until it is split
        return self._process_with_batches(letters, batches, on_letter)

    def _process_with_batches(
        self,
        letters: list[int],
        batches: list[int],
        on_letter: Callable[[LetterOutcome], None] | None,
    ) -> list[LetterOutcome]:
        """Letters and batch splits in one pool: a batch's letters start as soon as it is
        split, while other letters are read (splitting is no reason for a core to wait)."""
        outcomes: list[LetterOutcome] = []
        with ThreadPoolExecutor(
            max_workers=self.letters_at_once, thread_name_prefix="lotse-post"
        ) as pool:
            submitted = set(letters)
            pending: set[Future[Any]] = {pool.submit(self.process, i) for i in letters}
            splits: set[Future[Any]] = {pool.submit(self.split, i) for i in batches}
            while pending or splits:
                done, _ = wait(pending | splits, return_when=FIRST_COMPLETED)
                for future in done:
                    if future in splits:
                        splits.discard(future)
                        # A batch a crashed run left split but not archived returns letters
                        # that are already on their way: each is worked on once.
                        parts = set(cast("list[int]", future.result())) - submitted
                        submitted |= parts
                        pending |= {pool.submit(self.process, letter_id) for letter_id in parts}
                        continue
                    pending.discard(future)
                    outcome = cast("LetterOutcome | None", future.result())
                    if outcome is not None:
                        outcomes.append(outcome)
                        if on_letter:
                            on_letter(outcome)
        return sorted(outcomes, key=lambda outcome: outcome.letter_id)

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

    def intake(self) -> list[int]:
        """Take complete files from the inbox; the ids of the letters (and, for PDF and
        TIFF, of the batches: see :meth:`split_all`) taken."""
        return intake.take_inbox(self.config, self.sessions)

    def take_file(self, path: Path, *, name: str, record: Record) -> int | None:
        """Take one file from elsewhere (a fetched e-mail) like an inbox file.

        ``record(session, letter, duplicate)`` runs in the transaction that creates the
        letter (or notes the duplicate), so the caller's memory of the file commits
        together with the letter: exactly once, whatever crashes when.
        """
        return intake.take(self.config, self.sessions, path, name=name, record=record)

    def split_all(self) -> list[int]:
        """Split every batch scan with work left into its letters; their ids."""
        letters: list[int] = []
        with ThreadPoolExecutor(
            max_workers=self.letters_at_once, thread_name_prefix="lotse-stapel"
        ) as pool:
            for ids in pool.map(self.split, open_batches(self.sessions)):
                letters += ids
        return letters

    def split(self, batch_id: int) -> list[int]:
        """Split one batch (see robots.batches); [] if another run holds it."""
        with self.sessions() as session:
            if not claim(session, Batch, batch_id, self.owner, self.config.lease_seconds):
                return []
        try:
            # Renewed while the batch is split: a slow split stays this run's.
            with keep_lease(self.sessions, Batch, batch_id, self.owner, self.config.lease_seconds):
                return split_batch_once(
                    self.sessions, batch_id, owner=self.owner, work=self.config.work,
                    archive=self.config.archive, limits=self.config.limits,
                    split_on_blank=self.config.split_on_blank,
                )  # fmt: skip
        except LeaseLost as exc:  # another run has it now: its work stands, ours stops
            log.warning("%s", exc)
            return []
        finally:
            with self.sessions() as session:
                release(session, Batch, batch_id, self.owner)  # a no-op once the row is gone

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
        """Run all remaining steps for one letter; None if another run holds it.

        The lease keeps other runs away; a letter's own run could claim it twice (the
        lease is its own), so this process also refuses a letter it is already working on.
        """
        with self._working_lock:
            if letter_id in self._working:
                return None
            self._working.add(letter_id)
        try:
            return LetterSteps(self.config, self.sessions, self.ocr_slots, self.owner).process(
                letter_id
            )
        finally:
            with self._working_lock:
                self._working.discard(letter_id)

    # -- people's decisions and housekeeping ----------------------------------------------

    def decide(
        self, letter_id: int, choice: Choice, *, now: datetime | None = None
    ) -> review.Recorded:
        """A person's decision on a letter in review, carried out after the undo time."""
        return review.record(self.config, self.sessions, letter_id, choice, now=now)

    def decide_now(self, letter_id: int, choice: Choice) -> LetterOutcome:
        """A decision carried out at once (the command line): no time to undo it."""
        review.record(self.config, self.sessions, letter_id, choice, undo_seconds=0)
        review.apply_due(self.config, self.sessions, letter_id=letter_id)
        crash_point("decision-applied")  # routed now; the next run delivers it
        outcome = self.process(letter_id)
        if outcome is None:
            raise ChoiceError(f"Brief {letter_id} wird gerade von einem anderen Lauf bearbeitet.")
        return outcome

    def decide_review(
        self, letter_id: int, department: str, user: str, comment: str = ""
    ) -> LetterOutcome:
        """A person routes a letter the robot was unsure about; it is delivered at once."""
        choice = Choice(Outcome.DELIVER, (department,), comment=comment, user=user)
        return self.decide_now(letter_id, choice)

    def undo_decision(self, letter_id: int, user: str) -> Choice:
        """Take back a decision not carried out yet; the letter waits for review again."""
        return review.undo(self.sessions, letter_id, user)

    def apply_due_decisions(self, now: datetime | None = None) -> list[int]:
        """Carry out decisions whose undo time has passed (each run does this first)."""
        return review.apply_due(self.config, self.sessions, now=now)

    def purge(self, now: datetime | None = None) -> list[int]:
        """Destroy archived originals whose retention has passed (never automatic)."""
        return retention.purge(self.sessions, now)

    def classify(self, paths: list[Path]) -> Iterator[Classification]:
        """Read and decide files without moving or recording anything: one result per letter
        (a batch scan is split as the run splits it), with the run's worker pool."""
        config = self.config
        return classify_all(
            paths, config.rules, config.limits, lang=config.lang, workers=config.workers,
            split_batches=config.split_batches, split_on_blank=config.split_on_blank,
            ocr_slots=self.ocr_slots,  # a dry run beside a real one keeps the machine's limit
        )  # fmt: skip
