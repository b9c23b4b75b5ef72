"""The review queue: letters the robot was unsure about, waiting for a person."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

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
