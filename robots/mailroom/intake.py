"""Taking letters from the inbox: which files are mail yet, and the durable copy into work/.

Which files count is decided by named checks (:func:`check_entry`), used by the
real run and by the dry run alike, so that a dry run shows exactly the letters
a run would take now. A file is taken by copying it into ``work/`` (hashing on
the way), recording the letter, and only then removing it from the inbox,
unless someone replaced it meanwhile (then it is new mail).
"""

from __future__ import annotations

import hashlib
import logging
import os
import stat
import tempfile
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from robots.batches import PAGE_OBJECT, may_hold_letters
from robots.documents import SUFFIX, Kind, sniff
from robots.errors import DocumentRejected
from robots.faults import crash_point
from robots.files import fsync_dir, move_durably
from robots.letters import Batch, Letter, LetterStatus, utcnow
from robots.mailroom import paths
from robots.mailroom.config import MailroomConfig, Sessions
from robots.mailroom.records import event

log = logging.getLogger(__name__)

IGNORED_NAMES = {"thumbs.db", "desktop.ini", ".ds_store"}
INCOMPLETE_SUFFIXES = (".part", ".tmp", ".crdownload", ".partial", "~")


class Skip(StrEnum):
    """Why a file in the inbox is not (yet) a letter."""

    HIDDEN = "hidden"  # ".name", also macOS's AppleDouble "._name"
    SYSTEM_FILE = "system-file"  # Thumbs.db, desktop.ini, .DS_Store
    INCOMPLETE = "incomplete"  # a download or copy still under its temporary name
    NOT_A_FILE = "not-a-file"  # folders, symlinks (never followed), FIFOs, sockets
    GONE = "gone"  # vanished while we looked
    STILL_CHANGING = "still-changing"  # a scanner still writing changes size and time

    @property
    def german(self) -> str:
        return SKIP_GERMAN[self]


SKIP_GERMAN = {
    Skip.HIDDEN: "versteckte Datei",
    Skip.SYSTEM_FILE: "Systemdatei",
    Skip.INCOMPLETE: "wird noch kopiert",
    Skip.NOT_A_FILE: "keine gewöhnliche Datei",
    Skip.GONE: "verschwunden",
    Skip.STILL_CHANGING: "wird noch geschrieben",
}


@dataclass(frozen=True, slots=True)
class InboxEntry:
    path: Path
    skip: Skip | None  # None: mail, to be taken

    @property
    def taken(self) -> bool:
        return self.skip is None


def check_entry(entry: os.DirEntry[str], stable_seconds: float, now: float) -> Skip | None:
    """The first check a directory entry fails, or None when it is a letter to take."""
    name = entry.name
    lowered = name.lower()
    if lowered in IGNORED_NAMES:
        return Skip.SYSTEM_FILE
    if name.startswith("."):
        return Skip.HIDDEN
    if lowered.endswith(INCOMPLETE_SUFFIXES):
        return Skip.INCOMPLETE
    try:
        info = entry.stat(follow_symlinks=False)
    except FileNotFoundError:
        return Skip.GONE
    if not stat.S_ISREG(info.st_mode):
        return Skip.NOT_A_FILE
    if now - info.st_mtime < stable_seconds:
        return Skip.STILL_CHANGING
    return None


def scan_inbox(inbox: Path, stable_seconds: float, now: float | None = None) -> list[InboxEntry]:
    """Every entry of the inbox, by name, with the check it fails (if any)."""
    if not inbox.is_dir():
        raise FileNotFoundError(f"Der Posteingang {inbox} existiert nicht.")
    moment = time.time() if now is None else now
    return [
        InboxEntry(Path(entry.path), check_entry(entry, stable_seconds, moment))
        for entry in sorted(os.scandir(inbox), key=lambda e: e.name)
    ]


def letters_in(inbox: Path, stable_seconds: float) -> list[Path]:
    """The files a run would take from the inbox now."""
    return [entry.path for entry in scan_inbox(inbox, stable_seconds) if entry.taken]


def take_inbox(config: MailroomConfig, sessions: Sessions) -> list[int]:
    """Take complete files from the inbox; returns the ids of the letters taken."""
    taken = []
    for path in letters_in(config.inbox, config.stable_seconds):
        letter_id = take(config, sessions, path)
        if letter_id is not None:
            taken.append(letter_id)
    return taken


# Called inside the transaction that records a file: (session, letter, duplicate).
Record = Callable[[Session, Letter, bool], None]


def take(
    config: MailroomConfig,
    sessions: Sessions,
    path: Path,
    *,
    name: str | None = None,
    record: Record | None = None,
) -> int | None:
    """Copy one inbox file into work/ and record it; None when it is gone or raced away.

    PDF and TIFF files become a batch first (they may hold several letters, see
    :mod:`robots.batches`); the id returned is then the batch's. ``record`` lets a
    caller (the mailbox) commit its own memory of the file in the same transaction.
    """
    work = config.work
    work.mkdir(parents=True, exist_ok=True)
    try:
        before = path.stat()
    except FileNotFoundError:  # renamed or taken away while we looked: seen again later
        log.info("Datei %s ist verschwunden, bevor sie übernommen wurde", path.name)
        return None
    with tempfile.NamedTemporaryFile(dir=work, prefix=".in-", delete=False) as copy:
        partial = Path(copy.name)
    try:
        copied = _copy_for_work(path, partial)
    except FileNotFoundError:  # another run took it between listing and copying
        partial.unlink(missing_ok=True)
        log.info("Datei %s ist verschwunden, bevor sie übernommen wurde", path.name)
        return None
    if copied is None:
        partial.unlink(missing_ok=True)
        return None
    digest, size, head, page_objects = copied
    kind = _kind_or_none(head)
    target = paths.work_file(config, digest, SUFFIX[kind] if kind else ".bin")
    name = unicodedata.normalize("NFC", name or path.name)

    with sessions() as session:
        letter = session.scalar(select(Letter).where(Letter.sha256 == digest))
        batch = None if letter else session.scalar(select(Batch).where(Batch.sha256 == digest))
        if letter is None and batch is None:
            as_batch = (
                config.split_batches and kind is not None and may_hold_letters(kind, page_objects)
            )
            row = (Batch if as_batch else Letter)(
                sha256=digest,
                name=name,
                media_type=kind.value if kind else "",
                size=size,
                status=LetterStatus.RECEIVED.value,
                work_file=str(target),
            )
            try:
                with session.begin_nested():
                    session.add(row)
            except IntegrityError:  # another run took the same letter a moment ago
                partial.unlink(missing_ok=True)
                _unlink_if_unchanged(path, before)
                return None
            # Only once the row is ours: the other run may have archived its work file
            # already, and a copy put there now would stay behind in work/.
            os.replace(partial, target)
            fsync_dir(work)
            if isinstance(row, Letter):
                event(session, row, "received", f"Eingegangen als „{name}“ ({size} Bytes).")
                if record is not None:
                    record(session, row, False)
            crash_point("intake-before-commit")
            taken_id = row.id
        elif batch is not None and batch.state.open:
            # A crashed run left the inbox file behind; the batch is still being split.
            if batch.work_file and not Path(batch.work_file).exists():
                os.replace(partial, batch.work_file)
            partial.unlink(missing_ok=True)
            taken_id = batch.id
        elif batch is not None:
            partial.unlink(missing_ok=True)
            kept = paths.duplicate_target(config, digest, path.name, utcnow())
            if _set_aside(path, before, kept):
                log.info("Stapel %s noch einmal eingegangen; abgelegt unter %s", name, kept.name)
            return None
        elif letter is not None and (letter.state.open or letter.state is LetterStatus.REVIEW):
            # Still being worked on: a crashed run left the inbox file behind.
            if letter.work_file and not Path(letter.work_file).exists():
                os.replace(partial, letter.work_file)
            partial.unlink(missing_ok=True)
            if record is not None:
                record(session, letter, True)
            taken_id = letter.id
        else:
            assert letter is not None
            partial.unlink(missing_ok=True)
            kept = paths.duplicate_target(config, letter.sha256, path.name, utcnow())
            if not _set_aside(path, before, kept):
                return None
            detail = f"Noch einmal eingegangen als „{name}“; abgelegt unter {kept.name}."
            event(session, letter, "duplicate", detail, {"file": str(kept)})
            if record is not None:
                record(session, letter, True)
            return letter.id
    crash_point("intake-before-unlink")
    _unlink_if_unchanged(path, before)
    return taken_id


def _copy_for_work(path: Path, partial: Path) -> tuple[str, int, bytes, int] | None:
    """Copy the inbox file to ``partial`` durably, hashing on the way.

    Returns (sha256, size, head, page objects seen): the last only counts, it parses nothing.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as src:
        if not stat.S_ISREG(os.fstat(src.fileno()).st_mode):
            return None
        digest = hashlib.sha256()
        size = 0
        head = b""
        pages = 0
        tail = b""  # a page object may straddle two blocks
        with open(partial, "wb") as dst:
            for block in iter(lambda: src.read(1024 * 1024), b""):
                if not head:
                    head = block[:2048]
                window = tail + block
                pages += len(PAGE_OBJECT.findall(window)) - len(PAGE_OBJECT.findall(tail))
                tail = window[-32:]
                digest.update(block)
                size += len(block)
                dst.write(block)
            dst.flush()
            os.fsync(dst.fileno())
    return digest.hexdigest(), size, head, pages


def _kind_or_none(head: bytes) -> Kind | None:
    try:
        return sniff(head)
    except DocumentRejected:
        return None


def _set_aside(path: Path, before: os.stat_result, kept: Path) -> bool:
    """Move a file that came in again to the duplicates; False when it is not ours to move.

    Two runs may list the same file: the one that took it removes it from the inbox
    and may finish the letter before the other looks it up. To the slower run the
    letter then looks closed and its file like a second delivery, but the file is
    gone (or replaced by new mail): nothing came in twice, nothing is moved.
    """
    if not _unchanged(path, before):
        return False
    try:
        move_durably(path, kept)
    except FileNotFoundError:  # taken by the other run between the look and the move
        # (Across disks a copy may be left in the duplicates: removing it here could, in
        # a case this cannot tell apart, remove the only copy.)
        return False
    return True


def _unchanged(path: Path, before: os.stat_result) -> bool:
    """Still the very file that was listed (same inode, size and time)?"""
    try:
        now = path.stat()
    except FileNotFoundError:
        return False
    return (now.st_ino, now.st_size, now.st_mtime_ns) == (
        before.st_ino,
        before.st_size,
        before.st_mtime_ns,
    )


def _unlink_if_unchanged(path: Path, before: os.stat_result) -> None:
    """Remove the inbox file, unless someone replaced it meanwhile (then it is new mail)."""
    if _unchanged(path, before):
        path.unlink(missing_ok=True)
