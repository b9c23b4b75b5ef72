"""The mailroom's memory: every letter with its state and its trail.

A letter is identified by the SHA-256 of its content: the same scan arriving
twice is one letter (the second arrival is recorded as a duplicate). The
state machine is what makes the robot crash-safe: every step reads the state,
does its (idempotent) file work and records the new state, so a run killed at
any moment simply continues where it stopped.

    received → read → routed → delivered → archived → purged
                    ↘ review → (decided) → routed …
             ↘ quarantined
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any, ClassVar

from sqlalchemy import JSON, Float, ForeignKey, Integer, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from common.clock import UtcDateTime, utcnow

__all__ = ["Base", "Letter", "LetterEvent", "LetterStatus", "UtcDateTime", "utcnow"]

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UtcDateTime()}


class LetterStatus(StrEnum):
    RECEIVED = "received"
    READ = "read"
    ROUTED = "routed"
    REVIEW = "review"
    QUARANTINED = "quarantined"
    DELIVERED = "delivered"
    ARCHIVED = "archived"
    PURGED = "purged"

    @property
    def german(self) -> str:
        return STATUS_GERMAN[self]

    @property
    def open(self) -> bool:
        """The robot still has work to do on the letter."""
        return self in (
            LetterStatus.RECEIVED,
            LetterStatus.READ,
            LetterStatus.ROUTED,
            LetterStatus.DELIVERED,
        )


STATUS_GERMAN = {
    LetterStatus.RECEIVED: "eingegangen",
    LetterStatus.READ: "gelesen",
    LetterStatus.ROUTED: "zugeordnet",
    LetterStatus.REVIEW: "zur Prüfung",
    LetterStatus.QUARANTINED: "in Quarantäne",
    LetterStatus.DELIVERED: "zugestellt",
    LetterStatus.ARCHIVED: "archiviert",
    LetterStatus.PURGED: "vernichtet",
}


class Letter(Base):
    __tablename__ = "letters"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(500))  # as it arrived, NFC
    media_type: Mapped[str] = mapped_column(String(20), default="")
    size: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(20), index=True)
    received_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    work_file: Mapped[str | None] = mapped_column(String(1000))

    pages: Mapped[int | None] = mapped_column(Integer)
    ocr_pages: Mapped[int | None] = mapped_column(Integer)
    read_seconds: Mapped[float | None] = mapped_column(Float)
    ocr_confidence: Mapped[float | None] = mapped_column(Float)
    text: Mapped[str | None] = mapped_column(Text)

    department: Mapped[str | None] = mapped_column(String(10), index=True)
    confidence: Mapped[float | None] = mapped_column(Float)
    reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    candidates: Mapped[list[Any]] = mapped_column(JSON, default=list)  # [[code, points], …]
    rules_version: Mapped[str | None] = mapped_column(String(40))
    # The department's file reference the rules matched (their group ``aktenzeichen``):
    # the e-file robot files the letter under it. None: the letter names none.
    file_number: Mapped[str | None] = mapped_column(String(200))
    decided_by: Mapped[str | None] = mapped_column(String(100))
    # What a person decided in review (robots.decisions.Outcome: deliver, not_mail,
    # misdelivered, private, rescan); None while nobody decided. Letters not delivered
    # end archived with delivered_to empty and this saying why.
    outcome: Mapped[str | None] = mapped_column(String(20))

    quarantine_reason: Mapped[str | None] = mapped_column(Text)
    quarantine_code: Mapped[str | None] = mapped_column(String(40))
    quarantine_file: Mapped[str | None] = mapped_column(String(1000))

    delivery_target: Mapped[str | None] = mapped_column(String(1000))  # intent, before the move
    delivered_to: Mapped[str | None] = mapped_column(String(1000))
    delivered_at: Mapped[datetime | None] = mapped_column()
    archive_file: Mapped[str | None] = mapped_column(String(1000))
    archived_at: Mapped[datetime | None] = mapped_column()
    retention_until: Mapped[datetime | None] = mapped_column()
    purged_at: Mapped[datetime | None] = mapped_column()

    # Which run works on the letter, until when (two overlapping runs must not
    # process the same letter; a crashed run's lease simply expires).
    lease_owner: Mapped[str | None] = mapped_column(String(64))
    lease_until: Mapped[datetime | None] = mapped_column()

    events: Mapped[list[LetterEvent]] = relationship(
        back_populates="letter", order_by="LetterEvent.id", cascade="all, delete-orphan"
    )

    @property
    def state(self) -> LetterStatus:
        return LetterStatus(self.status)


class LetterEvent(Base):
    """One line of a letter's trail."""

    __tablename__ = "letter_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    letter_id: Mapped[int] = mapped_column(ForeignKey("letters.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    kind: Mapped[str] = mapped_column(String(20))
    detail: Mapped[str] = mapped_column(Text, default="")  # German, for people
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # for analysis

    letter: Mapped[Letter] = relationship(back_populates="events")
