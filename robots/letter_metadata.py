"""What a clerk types into the e-file for a letter: sender, subject, file number, date.

Pure functions over the recognised text. Letters rarely label their subject
("Betreff:"); it is usually the line just before the salutation. The sender is
the first line of the letterhead. When nothing fits, a plain fallback keeps the
e-file's required fields filled rather than blocking the filing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

BERLIN = ZoneInfo("Europe/Berlin")
SALUTATION = re.compile(
    r"^\s*(sehr\s+geehrte|liebe[rs]?\b|hallo\b|guten\s+tag|moin\b|dear\b)", re.IGNORECASE
)
SUBJECT_LABEL = re.compile(r"^\s*(betreff|betr\.|subject)\s*:?\s*", re.IGNORECASE)
DATE_LINE = re.compile(
    r"(\d{1,2}\.\s*\d{1,2}\.\s*\d{2,4}|\d{1,2}\.\s*[a-zäöü]+\.?\s+\d{4}|\b(19|20)\d{2}-\d{2}-\d{2})",
    re.IGNORECASE,
)
LABELLED_FILE_NUMBER = re.compile(
    r"(?:\bAz\.?|\bAktenzeichen|\bGeschäftszeichen|\bUnser\s+Zeichen|\bIhr\s+Zeichen)\s*:?\s*"
    r"(?P<number>\d{2}[./\-]\d[\w./\-]*)",
    re.IGNORECASE,
)
BARE_FILE_NUMBER = re.compile(r"\b(?P<number>\d{2}(?:\.\d{1,2})?[/\-]20\d{2}[/\-]\d{3,5})\b")
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
    department: str,
    received_at: datetime,
    sha256: str,
    letter_id: int,
) -> FilingMetadata:
    lines = [line.strip() for line in text.splitlines()]
    return FilingMetadata(
        sender=sender(lines) or "unbekannt",
        subject=subject(lines) or f"Posteingang {file_name}",
        received=received_at.astimezone(BERLIN).strftime("%d.%m.%Y"),
        file_number=file_number(text, department),
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
    for line in lines:
        if SUBJECT_LABEL.match(line):
            rest = _clean(SUBJECT_LABEL.sub("", line, count=1))
            if rest:
                return _clip(rest, 200)
    for index, line in enumerate(lines):
        if SALUTATION.match(line):
            for previous in reversed(lines[:index]):
                cleaned = _clean(previous)
                if len(cleaned) >= 8 and not DATE_LINE.search(cleaned):
                    return _clip(cleaned, 200)
            break
    return None


def file_number(text: str, department: str) -> str | None:
    """The first file reference in the text that belongs to ``department``."""
    for pattern in (LABELLED_FILE_NUMBER, BARE_FILE_NUMBER):
        for match in pattern.finditer(text):
            number = match.group("number").rstrip("./-")
            if number.startswith(department):
                return number
    return None


def _clean(line: str) -> str:
    # OCR leaves stray dots, colons and dashes at the edges of lines.
    return re.sub(r"\s+", " ", line).strip(" .:;,-–=*_|'\"").strip()


def _clip(value: str, length: int) -> str:
    return value if len(value) <= length else value[: length - 1].rstrip() + "…"
