"""What the mailroom writes down about letters: trail events, outcomes and the JSON contracts.

``letters_json`` (``lotse mailroom letters --json``) and the delivery sidecar
are contracts (DESIGN.md): add fields, never rename or drop one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from robots.letters import Letter, LetterEvent


@dataclass(frozen=True, slots=True)
class LetterOutcome:
    """What happened to one letter in this run (for summaries and artifacts)."""

    letter_id: int
    name: str
    status: str
    department: str | None
    confidence: float | None
    pages: int | None
    ocr_pages: int | None
    seconds: float
    reason: str = ""


def outcome_of(letter: Letter, seconds: float) -> LetterOutcome:
    return LetterOutcome(
        letter_id=letter.id,
        name=letter.name,
        status=letter.status,
        department=letter.department,
        confidence=letter.confidence,
        pages=letter.pages,
        ocr_pages=letter.ocr_pages,
        seconds=round(seconds, 2),
        reason=letter.quarantine_reason or (letter.reasons[0] if letter.reasons else ""),
    )


def event(
    session: Session, letter: Letter, kind: str, detail: str, data: dict[str, Any] | None = None
) -> None:
    """One line of the letter's trail: German ``detail`` for people, ``data`` for analysis."""
    session.add(LetterEvent(letter=letter, kind=kind, detail=detail, data=data or {}))


def sidecar_json(letter: Letter, target: Path) -> dict[str, Any]:
    """The JSON beside each delivered PDF."""
    return {
        "sha256": letter.sha256,
        "original_name": letter.name,
        "received": letter.received_at.isoformat(),
        "department": letter.department,
        "confidence": letter.confidence,
        "reasons": letter.reasons,
        "pages": letter.pages,
        "ocr_pages": letter.ocr_pages,
        "decided_by": letter.decided_by,
        "file_number": letter.file_number,
        "file": target.name,
    }


def letters_json(letters: Iterable[Letter]) -> list[dict[str, Any]]:
    """``mailroom letters --json``: every letter with its state (DESIGN.md contract)."""
    return [
        {
            "id": letter.id,
            "sha256": letter.sha256,
            "name": letter.name,
            "status": letter.status,
            "department": letter.department,
            "delivered_to": letter.delivered_to,
            "confidence": letter.confidence,
            "pages": letter.pages,
            "ocr_pages": letter.ocr_pages,
            "received_at": letter.received_at.isoformat(),
            "quarantine_reason": letter.quarantine_reason,
            "archive_file": letter.archive_file,
            "retention_until": letter.retention_until.isoformat()
            if letter.retention_until
            else None,
            "file_number": letter.file_number,
            # A person's decision in review (robots.decisions.Outcome), None otherwise:
            # an archived letter with outcome "not_mail" and no delivered_to was not delivered.
            "outcome": letter.outcome,
            "media_type": letter.media_type,
            "routed_by": letter.routed_by,
            # A letter cut from a batch scan: the scan's name and its pages there (from 1).
            "batch": letter.batch.name if letter.batch else None,
            "page_range": [letter.page_from, letter.page_to] if letter.batch_id else None,
        }
        for letter in letters
    ]
