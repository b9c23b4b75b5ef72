"""``mailroom classify``: read and decide one file, without a database and without moving it."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager
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


def classify(
    path: Path,
    rules: Rules,
    limits: ReadLimits,
    *,
    lang: str = "deu",
    ocr_slots: AbstractContextManager[object] | None = None,
) -> Classification:
    """Read ``path`` as the mailroom would and say where it would go.

    No searchable PDF is written (nobody would see it); ``ocr_slots`` bounds the
    Tesseracts when several files are classified at once (see :func:`classify_all`).
    """
    if not path.is_file():
        return Classification(
            str(path), "quarantined", None, 0.0, ["Die Datei wurde nicht gefunden."], 0, 0
        )
    try:
        result = read_document(path, None, limits, lang=lang, ocr_slots=ocr_slots)
    except DocumentRejected as exc:
        return Classification(str(path), "quarantined", None, 0.0, [exc.message], 0, 0)
    decision = rules.decide(result.text, ocr_confidence=result.ocr_confidence)
    return Classification(
        str(path), decision.status, decision.department, decision.confidence,
        decision.reasons, len(result.pages), result.ocr_pages, decision.file_number,
    )  # fmt: skip


def classify_all(
    paths: list[Path], rules: Rules, limits: ReadLimits, *, lang: str = "deu", workers: int = 1
) -> Iterator[Classification]:
    """Classify files with the worker pool of ``mailroom run``: one Tesseract per worker and
    twice as many files in the works, so parsing and deciding overlap with OCR. Results
    come in the order of ``paths``, each as soon as it and those before it are done."""
    slots = threading.BoundedSemaphore(workers)
    with ThreadPoolExecutor(max_workers=2 * workers, thread_name_prefix="lotse-classify") as pool:
        yield from pool.map(
            lambda path: classify(path, rules, limits, lang=lang, ocr_slots=slots), paths
        )
