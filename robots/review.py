"""The review queue: letters the robot was unsure about, waiting for a person."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from robots.decisions import ReviewOutcome
from robots.letters import Letter, LetterStatus


def review_queue(
    session: Session, *, received_before: datetime | None = None, limit: int | None = None
) -> Sequence[Letter]:
    """Waiting letters, oldest first; ``received_before`` keeps only those that waited long."""
    query = select(Letter).where(Letter.status == LetterStatus.REVIEW.value)
    if received_before is not None:
        query = query.where(Letter.received_at < received_before)
    query = query.order_by(Letter.received_at, Letter.id)
    if limit is not None:
        query = query.limit(limit)
    return session.scalars(query).all()


def pending(session: Session, letter_ids: list[int] | None = None) -> dict[int, ReviewOutcome]:
    """Decisions written down and not yet carried out (nor undone), by letter.

    Their letters are still in review until the robot carries them out (the undo time).
    """
    query = select(ReviewOutcome).where(
        ReviewOutcome.applied_at.is_(None), ReviewOutcome.undone_at.is_(None)
    )
    if letter_ids is not None:
        query = query.where(ReviewOutcome.letter_id.in_(letter_ids))
    return {row.letter_id: row for row in session.scalars(query.order_by(ReviewOutcome.id))}
