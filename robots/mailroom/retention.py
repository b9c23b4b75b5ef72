"""Retention: archived originals are destroyed only when a person asks, after their date.

Only letters that were delivered, or that a person decided need no delivery
(keine Verwaltungspost, Fehlzustellung, Privatpost, neu scannen), count: a letter
in review or quarantine is never purged before someone decided on it.

What is left of a letter then is what the retention rule needs. Kept (DSGVO
Art. 5 (1) c and e, data minimisation and storage limitation; the Aktenordnung
asks for proof of receipt and hand-over): the SHA-256 of the original, the dates
(received, delivered, archived, retention end, purged), the department, the
decision (confidence, rules version, who decided) and the kind of each step in
the trail. Removed: the original and any copy Lotse still holds, the letter's
text, its file name, the rules' reasons (they quote the letter), and the details
of every step in the trail. The delivered copy in ``outbox/<Amt>/`` belongs to
the department from the moment it is delivered; its own retention applies.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import ColumnElement, and_, func, or_, select, update
from sqlalchemy.orm import Session

from robots.decisions import CLOSING, LetterCopy, ReviewOutcome
from robots.letters import Letter, LetterStatus, utcnow
from robots.mailroom.config import Sessions
from robots.mailroom.paths import searchable
from robots.mailroom.records import event


def due(now: datetime) -> ColumnElement[bool]:
    """Letters whose original may be destroyed at ``now``."""
    return and_(
        Letter.status == LetterStatus.ARCHIVED.value,
        or_(Letter.delivered_to.is_not(None), Letter.outcome.in_(sorted(CLOSING))),
        Letter.retention_until < now,
    )


def count_due(session: Session, now: datetime | None = None) -> int:
    return session.scalar(select(func.count()).select_from(Letter).where(due(now or utcnow()))) or 0


def purge(sessions: Sessions, now: datetime | None = None) -> list[int]:
    """Destroy archived originals whose retention has passed, and the letters' personal data."""
    moment = now or utcnow()
    purged: list[int] = []
    files: list[Path] = []
    with sessions() as session:
        # Rows another purge has locked are its own (PostgreSQL); SQLite writers take turns.
        chosen = select(Letter).where(due(moment)).with_for_update(skip_locked=True)
        for letter in session.scalars(chosen).all():
            original = letter.archive_file
            shared = _shared_original_in_use(session, letter)
            forgotten = forget(letter, moment).files
            files.extend(p for p in forgotten if not (shared and str(p) == original))
            if letter.batch is not None and not shared:  # its last letter: the scan goes too
                letter.batch.name = f"{PURGED_NAME}-{letter.batch.sha256[:12]}"
                letter.batch.archive_file = None
            event(
                session,
                letter,
                "purged",
                "Original, Text und Name nach Ablauf der Aufbewahrungsfrist vernichtet.",
            )
            purged.append(letter.id)
        if purged:
            # What people wrote about the letter goes too; the decision itself (outcome,
            # Ämter, the robot's guess) stays, it is what the rules learn from.
            session.execute(
                update(ReviewOutcome)
                .where(ReviewOutcome.letter_id.in_(purged))
                .values(comment="", handed_to="", robot_reason="")
            )
            for copy in session.scalars(select(LetterCopy).where(LetterCopy.letter_id.in_(purged))):
                copy.target = str(Path(copy.target).parent) if copy.target else None
    for path in files:  # after the commit: a crash leaves files, never a half-purged row
        path.unlink(missing_ok=True)
    return purged


# What each step's line in the trail says once the details are gone.
PLAIN_EVENTS = {
    "received": "Eingegangen.",
    "duplicate": "Noch einmal eingegangen (Duplikat).",
    "read": "Gelesen.",
    "routed": "Nach Regeln zugeordnet.",
    "review": "Zur Prüfung gelegt.",
    "decided": "Von Hand entschieden.",
    "undone": "Entscheidung rückgängig gemacht.",
    "copied": "Kopie zugestellt.",
    "quarantined": "In Quarantäne gelegt.",
    "delivered": "Zugestellt.",
    "archived": "Original archiviert.",
    "batch-archived": "Stapel-Original archiviert.",
}
KEPT_EVENT_DATA = frozenset(
    {"department", "confidence", "rules_version", "user", "code", "outcome", "departments"}
)
PURGED_NAME = "vernichtet"


@dataclass(frozen=True, slots=True)
class Forgotten:
    """Files the caller deletes once the database change is committed."""

    files: tuple[Path, ...]


def forget(letter: Letter, now: datetime) -> Forgotten:
    """Strip ``letter`` (and its trail) down to what retention needs; no I/O here."""
    files = [
        Path(p)
        for p in (letter.archive_file, letter.work_file)
        if p  # the searchable copy lies next to the work file
    ]
    if letter.work_file:
        files.append(searchable(Path(letter.work_file)))
    suffix = Path(letter.name).suffix.lower()[:10] if letter.name else ""
    letter.name = f"{PURGED_NAME}-{letter.sha256[:12]}{suffix}"
    letter.text = None
    letter.reasons = []
    letter.candidates = []
    letter.work_file = None
    letter.archive_file = None
    letter.delivery_target = None
    if letter.delivered_to:
        # The folder says where it went; the file name carried the letter's name.
        letter.delivered_to = str(Path(letter.delivered_to).parent)
    for step in letter.events:
        if step.kind in PLAIN_EVENTS:
            step.detail = PLAIN_EVENTS[step.kind]
        step.data = {k: v for k, v in (step.data or {}).items() if k in KEPT_EVENT_DATA}
    letter.status = LetterStatus.PURGED.value
    letter.purged_at = now
    return Forgotten(tuple(files))


def _shared_original_in_use(session: Session, letter: Letter) -> bool:
    """A batch scan is the original of several letters: kept until the last is purged."""
    if letter.batch_id is None:
        return False
    other = session.scalar(
        select(Letter.id).where(
            Letter.batch_id == letter.batch_id,
            Letter.id != letter.id,
            Letter.status != LetterStatus.PURGED.value,
        )
    )
    return other is not None
