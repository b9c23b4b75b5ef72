"""Batch scans: a file of several letters is split at its separator sheets, exactly once.

The inbox takes every PDF and TIFF as a batch first (a single letter is a batch
of one). The split step (sandboxed: :mod:`robots.batch_split`) finds the
separator sheets; then, in one transaction, either the file becomes one letter
as it is, or each part becomes a letter of its own with the batch and its page
range. Afterwards the batch original is archived once; its letters point there.

Crash safety follows the letters' pattern: the parts are written under names
derived from their content before anything is recorded, the letters and the
batch's new state are committed together, and the archive move records its
intent first. A run killed at any point splits again or goes on: no letter is
lost and none is made twice (tested by killing real runs, tests/robots/test_crash.py).
"""

from __future__ import annotations

import logging
import os
import re
import shutil
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

# Imported with this module, never in a worker thread: a fork while another thread
# holds the import lock would leave the sandboxed child waiting for it.
from robots.batch_split import BatchPlan, split_batch
from robots.documents import SUFFIX, Kind, ReadLimits
from robots.errors import DocumentRejected
from robots.faults import crash_point
from robots.files import fsync_dir, move_durably, safe_name, sha256_of
from robots.leases import hold
from robots.letters import Batch, BatchStatus, Letter, LetterEvent, LetterStatus, utcnow
from robots.sandbox import run_sandboxed

log = logging.getLogger(__name__)

Sessions = Callable[[], AbstractContextManager[Session]]

# Kinds that can hold several letters (one page each for PNG and JPEG).
BATCH_KINDS = (Kind.PDF, Kind.TIFF)
# A page object in a PDF's plain bytes ("/Type /Page", not "/Pages"); pages inside
# compressed object streams are not seen, so 0 means "unknown", never "none".
PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![A-Za-z])")


def may_hold_letters(kind: Kind, page_objects: int) -> bool:
    """Whether a file of this kind needs the (sandboxed) batch step at all.

    A PDF that plainly holds one page (one page object, none hidden in compressed
    object streams) cannot hold two letters: no batch step, no fork for it.
    """
    return kind in BATCH_KINDS and not (kind is Kind.PDF and page_objects == 1)


def split_sandboxed(
    source: Path, out_dir: Path, limits: ReadLimits, split_on_blank: bool
) -> BatchPlan:
    """The split step in the sandbox (the run and ``classify`` split alike)."""
    return run_sandboxed(
        split_batch, str(source), str(out_dir), limits, split_on_blank,
        seconds=limits.seconds, memory_mb=limits.memory_mb,
    )  # fmt: skip


def open_batches(sessions: Sessions) -> list[int]:
    """Batches with work left (new ones and any a crashed run left behind)."""
    states = [s.value for s in BatchStatus if s.open]
    with sessions() as session:
        return list(
            session.scalars(select(Batch.id).where(Batch.status.in_(states)).order_by(Batch.id))
        )


def split_batch_once(
    sessions: Sessions,
    batch_id: int,
    *,
    owner: str,
    work: Path,
    archive: Path,
    limits: ReadLimits,
    split_on_blank: bool,
) -> list[int]:
    """Run the batch's remaining steps; the ids of the letters it became (new or not).

    The caller holds the batch's lease (``owner``); every state change begins with a
    compare-and-set on it (:func:`robots.leases.hold`), so a run that lost the batch
    during a stall changes nothing.
    """
    with sessions() as session:
        first = session.get(Batch, batch_id)
        sha = first.sha256 if first else None
    for _ in range(3):  # at most one pass per state
        with sessions() as session:
            found = session.get(Batch, batch_id)
            if found is None:  # one letter now (see _become_one_letter)
                break
            state, source = found.state, Path(found.work_file or "")
        if state is BatchStatus.RECEIVED:
            _split(sessions, batch_id, owner, source, work, archive, limits, split_on_blank)
        elif state is BatchStatus.SPLIT:
            _archive(sessions, batch_id, owner, archive)
        else:
            break
    with sessions() as session:
        if session.get(Batch, batch_id) is None:  # it was one letter, which took its place
            query = select(Letter.id).where(Letter.sha256 == sha)
        else:
            query = select(Letter.id).where(Letter.batch_id == batch_id)
        return list(session.scalars(query.order_by(Letter.id)))


def _split(
    sessions: Sessions,
    batch_id: int,
    owner: str,
    source: Path,
    work: Path,
    archive: Path,
    limits: ReadLimits,
    split_on_blank: bool,
) -> None:
    parts_dir = work / f".{source.stem}.teile"
    shutil.rmtree(parts_dir, ignore_errors=True)  # a crashed split starts again
    parts_dir.mkdir(parents=True)
    try:
        try:
            plan = split_sandboxed(source, parts_dir, limits, split_on_blank)
        except DocumentRejected as exc:
            # The file is one letter that cannot be read: the letter's own reading
            # quarantines it with this reason, and it is listed among the letters.
            _become_one_letter(sessions, batch_id, owner, rejected=exc)
            return
        if plan.single:
            _become_one_letter(sessions, batch_id, owner)
            return
        _become_letters(sessions, batch_id, owner, plan, work, archive)
    finally:
        shutil.rmtree(parts_dir, ignore_errors=True)


def _become_one_letter(
    sessions: Sessions, batch_id: int, owner: str, *, rejected: DocumentRejected | None = None
) -> None:
    """No separators: the file is one letter and takes the work file over, as it is."""
    with sessions() as session:
        hold(session, Batch, batch_id, owner, BatchStatus.RECEIVED.value)
        batch = session.get_one(Batch, batch_id)
        letter = Letter(
            sha256=batch.sha256,
            name=batch.name,
            media_type=batch.media_type,
            size=batch.size,
            status=LetterStatus.RECEIVED.value,
            work_file=batch.work_file,
            received_at=batch.received_at,
        )
        if rejected is not None:  # the reading finishes the quarantine (see Mailroom._read)
            letter.quarantine_code = rejected.reason
            letter.quarantine_reason = rejected.message
        session.add(letter)
        session.add(
            LetterEvent(
                letter=letter,
                kind="received",
                detail=f"Eingegangen als „{batch.name}“ ({batch.size} Bytes).",
                data={},
            )
        )
        # The letter holds everything the intake row knew (hash, name, file): the row goes,
        # in the same transaction, so nothing of the file is kept twice (and purged once).
        session.delete(batch)
        crash_point("batch-before-commit")


def _become_letters(
    sessions: Sessions, batch_id: int, owner: str, plan: BatchPlan, work: Path, archive: Path
) -> None:
    suffix = SUFFIX[plan.kind]
    named: list[tuple[Path, str]] = []
    for file in plan.files:  # content names: a rerun writes the same name again
        digest = sha256_of(Path(file))
        target = work / f"{digest}{suffix}"
        os.replace(file, target)
        named.append((target, digest))
    fsync_dir(work)
    with sessions() as session:
        hold(session, Batch, batch_id, owner, BatchStatus.RECEIVED.value)
        batch = session.get_one(Batch, batch_id)
        stem = Path(batch.name).stem
        for number, ((path, digest), part) in enumerate(
            zip(named, plan.parts, strict=True), start=1
        ):
            pages = f"S. {part.label}"
            name = f"{safe_name(stem, 60)} – Teil {number} ({pages}){suffix}"
            existing = session.scalar(select(Letter).where(Letter.sha256 == digest))
            if existing is not None:  # the same letter came before (another batch, a rescan)
                session.add(
                    LetterEvent(
                        letter=existing,
                        kind="duplicate",
                        detail=f"Noch einmal eingegangen als Teil {number} ({pages}) des "
                        f"Stapels „{batch.name}“.",
                        data={"batch": batch.name},
                    )
                )
                if existing.work_file != str(path):
                    path.unlink(missing_ok=True)
                continue
            letter = Letter(
                sha256=digest,
                name=name,
                media_type=plan.kind.value,
                size=path.stat().st_size,
                status=LetterStatus.RECEIVED.value,
                work_file=str(path),
                received_at=batch.received_at,
                batch_id=batch.id,
                page_from=part.first + 1,
                page_to=part.last + 1,
            )
            session.add(letter)
            session.add(
                LetterEvent(
                    letter=letter,
                    kind="received",
                    detail=f"Eingegangen als Teil {number} ({pages}) des Stapels „{batch.name}“.",
                    data={"batch": batch.name, "pages": [part.first + 1, part.last + 1]},
                )
            )
        batch.status = BatchStatus.SPLIT.value
        # The archive place is named with the split: after a crash, the rerun may archive
        # a part before the batch itself, and the part must already know where its
        # original will be.
        batch.archive_file = str(archive_target(batch, archive))
        batch.pages = plan.pages
        batch.parts = len(plan.parts)
        batch.separators = [index + 1 for index in plan.separators]
        crash_point("batch-before-commit")
    crash_point("batch-split-committed")
    log.info("Stapel %s in %d Briefe geteilt", batch_id, len(plan.parts))


def archive_target(batch: Batch, archive: Path) -> Path:
    """Where a batch scan's original is kept (the same place whenever it is asked)."""
    return (
        archive / f"{batch.received_at:%Y}" / f"{batch.received_at:%m}"
        / f"{batch.sha256[:12]}_{safe_name(batch.name)}"
    )  # fmt: skip


def _archive(sessions: Sessions, batch_id: int, owner: str, archive: Path) -> None:
    crash_point("batch-archive-start")
    with sessions() as session:
        hold(session, Batch, batch_id, owner, BatchStatus.SPLIT.value)
        batch = session.get_one(Batch, batch_id)
        source = Path(batch.work_file) if batch.work_file else None
        # Batches split before the place was named at the split have none yet.
        target = Path(batch.archive_file or archive_target(batch, archive))
        batch.archive_file = str(target)  # intent first
    crash_point("batch-archive-before-move")
    if source is not None and source.exists():
        move_durably(source, target)
    with sessions() as session:
        hold(session, Batch, batch_id, owner, BatchStatus.SPLIT.value)
        batch = session.get_one(Batch, batch_id)
        batch.status = BatchStatus.ARCHIVED.value
        batch.work_file = None
        batch.archived_at = utcnow()
        for letter in session.scalars(select(Letter).where(Letter.batch_id == batch_id)):
            session.add(
                LetterEvent(
                    letter=letter,
                    kind="batch-archived",
                    detail=f"Stapel-Original archiviert: {target.name}.",
                    data={"file": str(target)},
                )
            )
