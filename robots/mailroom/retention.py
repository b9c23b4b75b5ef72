"""Retention: archived originals are destroyed only when a person asks, after their date.

Only letters that were delivered count: a letter in review or quarantine is
never purged before someone decided on it.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session

from robots.letters import Letter, LetterStatus, utcnow
from robots.mailroom.config import Sessions
from robots.mailroom.records import event


def due(now: datetime) -> ColumnElement[bool]:
    """Letters whose original may be destroyed at ``now``."""
    return and_(
        Letter.status == LetterStatus.ARCHIVED.value,
        Letter.delivered_to.is_not(None),
        Letter.retention_until < now,
    )


def count_due(session: Session, now: datetime | None = None) -> int:
    return session.scalar(select(func.count()).select_from(Letter).where(due(now or utcnow()))) or 0


def purge(sessions: Sessions, now: datetime | None = None) -> list[int]:
    """Destroy archived originals whose retention has passed; their ids."""
    moment = now or utcnow()
    purged = []
    with sessions() as session:
        for letter in session.scalars(select(Letter).where(due(moment))).all():
            if letter.archive_file:
                Path(letter.archive_file).unlink(missing_ok=True)
            letter.status = LetterStatus.PURGED.value
            letter.purged_at = moment
            event(
                session, letter, "purged", "Original nach Ablauf der Aufbewahrungsfrist vernichtet."
            )
            purged.append(letter.id)
    return purged
