"""Letters waiting to be filed into a department's e-file, and what became of them.

A filing is created in the same transaction that records a letter as
delivered to a department that files electronically, so no delivered letter
can miss its filing. The robot takes filings with a lease (like letters), so
two robots never work on the same one.

    pending → filed
            ↘ failed (after the retries; a person looks at the snapshots)
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Integer, String, Text
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

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    letter_id: Mapped[int] = mapped_column(ForeignKey("letters.id"), unique=True)
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


def metadata_for(filing: Filing) -> FilingMetadata:
    """What the e-file robot types for this filing.

    The file number is the one the routing recorded for the letter's department
    (the rules' one definition); none when the letter names none.
    """
    letter = filing.letter
    number = letter.file_number if letter.department == filing.department else None
    return metadata(
        letter.text or "",
        file_name=letter.name,
        file_number=number,
        received_at=letter.received_at,
        sha256=letter.sha256,
        letter_id=letter.id,
    )
