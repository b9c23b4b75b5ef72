"""What a clerk types into the e-file for a letter: sender, subject, file number, date.

Pure functions over the recognised text. Letters rarely label their subject
("Betreff:"); it is usually the line just before the salutation. The sender is
the first line of the letterhead. When nothing fits, a plain fallback keeps the
e-file's required fields filled rather than blocking the filing.

The file number is not looked for here: the routing rules recorded it on the
letter when they chose the department (``Letter.file_number``), so that routing
and filing cannot read the same letter differently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from common.german import day
from robots.letter_text import labelled_subject

SALUTATION = re.compile(
    r"^\s*(sehr\s+geehrte|liebe[rs]?\b|hallo\b|guten\s+tag|moin\b|dear\b)", re.IGNORECASE
)
DATE_LINE = re.compile(
    r"(\d{1,2}\.\s*\d{1,2}\.\s*\d{2,4}|\d{1,2}\.\s*[a-zäöü]+\.?\s+\d{4}|\b(19|20)\d{2}-\d{2}-\d{2})",
    re.IGNORECASE,
)
MARKER_PREFIX = "Lotse-Prüfsumme"


@dataclass(frozen=True, slots=True)
class FilingMetadata:
    sender: str
    subject: str
    received: str  # TT.MM.JJJJ, as the e-file wants it
    file_number: str | None  # the department's own file reference, when the letter names one
    remark: str  # carries the marker that makes filing idempotent


def marker(sha256: str) -> str:
    """Written into the e-file's remark; finding it there means the letter is filed."""
    return f"{MARKER_PREFIX} {sha256}"


def metadata(
    text: str,
    *,
    file_name: str,
    file_number: str | None,
    received_at: datetime,
    sha256: str,
    letter_id: int,
) -> FilingMetadata:
    lines = [line.strip() for line in text.splitlines()]
    return FilingMetadata(
        sender=sender(lines) or "unbekannt",
        subject=subject(lines) or f"Posteingang {file_name}",
        received=day(received_at),  # the Berlin date, as the e-file wants it
        file_number=file_number,
        remark=f"Eingang per Posteingangs-Roboter, Brief Nr. {letter_id}. {marker(sha256)}",
    )


def sender(lines: list[str]) -> str | None:
    for line in lines:
        cleaned = _clean(line)
        if len(cleaned) >= 3:
            # "Erika Mustermann, Musterstraße 1, 99999 Seestadt" → the name
            return _clip(cleaned.split(",")[0], 120)
    return None


def subject(lines: list[str]) -> str | None:
    labelled = _clean(labelled_subject(lines) or "")
    if labelled:
        return _clip(labelled, 200)
    for index, line in enumerate(lines):
        if SALUTATION.match(line):
            for previous in reversed(lines[:index]):
                cleaned = _clean(previous)
                if len(cleaned) >= 8 and not DATE_LINE.search(cleaned):
                    return _clip(cleaned, 200)
            break
    return None


def _clean(line: str) -> str:
    # OCR leaves stray dots, colons and dashes at the edges of lines.
    return re.sub(r"\s+", " ", line).strip(" .:;,-–=*_|'\"").strip()


def _clip(value: str, length: int) -> str:
    return value if len(value) <= length else value[: length - 1].rstrip() + "…"
