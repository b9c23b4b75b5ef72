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

from sqlalchemy import (
    JSON,
    BigInteger,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from common.clock import UtcDateTime, utcnow

__all__ = [
    "Base", "Batch", "BatchStatus", "ClassifierRecord", "Letter", "LetterEvent", "LetterStatus",
    "MailMessage", "UtcDateTime", "utcnow",
]  # fmt: skip

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
    # Who chose the department: "rules", "classifier" (only if IT switched that on) or "person".
    routed_by: Mapped[str | None] = mapped_column(String(20))
    # The classifier's guess for a letter the rules were unsure about (shown on the review page).
    suggestion: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    # A letter cut out of a batch scan: the batch and its pages there (from 1, inclusive).
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("batches.id"), index=True)
    page_from: Mapped[int | None] = mapped_column(Integer)
    page_to: Mapped[int | None] = mapped_column(Integer)
    batch: Mapped[Batch | None] = relationship(lazy="selectin")

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


class BatchStatus(StrEnum):
    RECEIVED = "received"  # taken from the inbox, not yet looked at
    SPLIT = "split"  # its letters exist; the original waits to be archived
    ARCHIVED = "archived"  # the original is in the archive, kept as long as its letters
    QUARANTINED = "quarantined"

    @property
    def open(self) -> bool:
        return self in (BatchStatus.RECEIVED, BatchStatus.SPLIT)


class Batch(Base):
    """A scan of several letters with separator sheets between them (a "Stapel")."""

    __tablename__ = "batches"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(500))  # as it arrived, NFC
    media_type: Mapped[str] = mapped_column(String(20), default="")
    size: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(20), index=True)
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    work_file: Mapped[str | None] = mapped_column(String(1000))
    pages: Mapped[int | None] = mapped_column(Integer)
    parts: Mapped[int | None] = mapped_column(Integer)
    separators: Mapped[list[int]] = mapped_column(JSON, default=list)  # pages, from 1
    quarantine_reason: Mapped[str | None] = mapped_column(Text)
    quarantine_code: Mapped[str | None] = mapped_column(String(40))
    quarantine_file: Mapped[str | None] = mapped_column(String(1000))
    archive_file: Mapped[str | None] = mapped_column(String(1000))
    archived_at: Mapped[datetime | None] = mapped_column()
    lease_owner: Mapped[str | None] = mapped_column(String(64))
    lease_until: Mapped[datetime | None] = mapped_column()

    @property
    def state(self) -> BatchStatus:
        return BatchStatus(self.status)


class MailMessage(Base):
    """A message fetched from an IMAP mailbox: remembered so it is taken exactly once."""

    __tablename__ = "mail_messages"
    __table_args__ = (UniqueConstraint("account", "uidvalidity", "uid"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account: Mapped[str] = mapped_column(String(300))  # user@host:port/folder, no secret
    uidvalidity: Mapped[int] = mapped_column(BigInteger)
    uid: Mapped[int] = mapped_column(BigInteger)
    message_id: Mapped[str] = mapped_column(String(500), index=True, default="")
    sha256: Mapped[str | None] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer, default=0)
    # taken (a letter exists), duplicate (same Message-ID or content as one taken before),
    # refused (too large: left in the mailbox), moved (in the done folder or deleted)
    status: Mapped[str] = mapped_column(String(20), index=True)
    letter_id: Mapped[int | None] = mapped_column(ForeignKey("letters.id"))
    note: Mapped[str] = mapped_column(Text, default="")
    fetched_at: Mapped[datetime] = mapped_column(default=utcnow)
    moved_at: Mapped[datetime | None] = mapped_column()


class ClassifierRecord(Base):
    """A trained classifier: its numbers (JSON, never pickled) and its held-out figures."""

    __tablename__ = "mail_classifiers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    fingerprint: Mapped[str] = mapped_column(String(32), index=True)
    examples: Mapped[int] = mapped_column(Integer)
    threshold: Mapped[float | None] = mapped_column(Float)
    held_out: Mapped[dict[str, Any]] = mapped_column(JSON)
    model: Mapped[dict[str, Any]] = mapped_column(JSON)
