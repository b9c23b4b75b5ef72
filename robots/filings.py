"""Letters waiting to be filed into a department's e-file, and what became of them.

A filing is created in the same transaction that records a letter as
delivered to a department that files electronically, so no delivered letter
can miss its filing. A copy for a further Amt (a review decision for several
Ämter) is a letter of that Amt like any other: if the Amt files electronically,
the copy gets its own filing, into that Amt's file, when it is delivered. The robot takes filings with a lease (like letters), so
two robots never work on the same one.

    pending → filed
            ↘ failed (after the retries; a person looks at the snapshots)
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from robots.letter_metadata import FilingMetadata, metadata
from robots.letters import Base, Letter, utcnow


class FilingStatus(StrEnum):
    PENDING = "pending"
    FILED = "filed"
    FAILED = "failed"

    @property
    def german(self) -> str:
        return {"pending": "wartet", "filed": "abgelegt", "failed": "fehlgeschlagen"}[self.value]


class Filing(Base):
    __tablename__ = "filings"
    # One filing per letter and Amt: the original's Amt and each Amt that got a copy.
    __table_args__ = (UniqueConstraint("letter_id", "department"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    letter_id: Mapped[int] = mapped_column(ForeignKey("letters.id"))
    department: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(20), default=FilingStatus.PENDING.value, index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    file_number: Mapped[str | None] = mapped_column(String(200))  # Aktenzeichen used
    document_number: Mapped[str | None] = mapped_column(String(100))
    error: Mapped[str | None] = mapped_column(Text)
    snapshot: Mapped[str | None] = mapped_column(String(1000))  # folder with screenshots
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    filed_at: Mapped[datetime | None] = mapped_column()
    lease_owner: Mapped[str | None] = mapped_column(String(64))
    lease_until: Mapped[datetime | None] = mapped_column()

    letter: Mapped[Letter] = relationship()

    @property
    def is_copy(self) -> bool:
        """Filing the copy a further Amt got, not the original."""
        return self.department != self.letter.department


def metadata_for(filing: Filing) -> FilingMetadata:
    """What the e-file robot types for this filing.

    The file number is the one the routing recorded for the letter's department
    (the rules' one definition); none when the letter names none. A copy goes into
    the inbox file of its Amt: the recorded number belongs to the original's Amt.
    """
    letter = filing.letter
    copy = filing.is_copy
    found = metadata(
        letter.text or "",
        file_name=letter.name,
        file_number=None if copy else letter.file_number,
        received_at=letter.received_at,
        sha256=letter.sha256,
        letter_id=letter.id,
    )
    if not copy:
        return found
    return replace(found, remark=f"Kopie, Original an Amt {letter.department}. {found.remark}")
