"""``mailroom classify``: read and decide one file, without a database and without moving it."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from robots.documents import ReadLimits
from robots.errors import DocumentRejected
from robots.reading import read_document
from robots.rules import Rules


@dataclass(slots=True)
class Classification:
    """A decision without side effects (the ``classify --json`` contract, DESIGN.md)."""

    file: str
    status: str  # routed | review | quarantined
    department: str | None
    confidence: float
    reasons: list[str]
    pages: int
    ocr_pages: int
    file_number: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "status": self.status,
            "department": self.department,
            "confidence": self.confidence,
            "reasons": self.reasons,
            "pages": self.pages,
            "ocr_pages": self.ocr_pages,
            "file_number": self.file_number,
        }


def classify(path: Path, rules: Rules, limits: ReadLimits, *, lang: str = "deu") -> Classification:
    """Read ``path`` as the mailroom would and say where it would go."""
    if not path.is_file():
        return Classification(
            str(path), "quarantined", None, 0.0, ["Die Datei wurde nicht gefunden."], 0, 0
        )
    with tempfile.TemporaryDirectory(prefix="lotse-classify-") as tmp:
        try:
            result = read_document(path, Path(tmp) / "out.pdf", limits, lang=lang)
        except DocumentRejected as exc:
            return Classification(str(path), "quarantined", None, 0.0, [exc.message], 0, 0)
    decision = rules.decide(result.text, ocr_confidence=result.ocr_confidence)
    return Classification(
        str(path), decision.status, decision.department, decision.confidence,
        decision.reasons, len(result.pages), result.ocr_pages, decision.file_number,
    )  # fmt: skip
