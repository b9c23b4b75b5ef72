"""``mailroom classify``: read and decide files, without a database and without moving them.

A batch scan (a PDF or TIFF with separator sheets) is split exactly as ``mailroom run``
splits it, and each letter in it is decided on its own: one result per letter, with
the batch's name and the letter's pages there.
"""

from __future__ import annotations

import functools
import tempfile
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Imported with this module, never in a worker thread: a fork while another thread
# holds the import lock would leave the sandboxed child waiting for it.
from robots.batch_split import BatchPlan
from robots.batches import PAGE_OBJECT, may_hold_letters, split_sandboxed
from robots.documents import ReadLimits, sniff
from robots.errors import DocumentRejected
from robots.reading import read_document
from robots.rules import Rules
from robots.separators import Part


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
    # A letter cut from a batch scan: the scan's name and the letter's pages there (from
    # 1), as ``mailroom letters --json`` shows them; None for a file that is one letter.
    batch: str | None = None
    page_range: tuple[int, int] | None = None

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
            "batch": self.batch,
            "page_range": list(self.page_range) if self.page_range else None,
        }


def page_label(page_range: tuple[int, int]) -> str:
    """Pages as on paper: "3" or "3–5" (as the run names a batch's letters)."""
    first, last = page_range
    return Part(first - 1, last - 1).label


def classify(
    path: Path,
    rules: Rules,
    limits: ReadLimits,
    *,
    lang: str = "deu",
    ocr_slots: AbstractContextManager[object] | None = None,
    shown_as: str | None = None,
    pages_at_once: int = 1,
) -> Classification:
    """Read ``path`` as one letter, as the mailroom would, and say where it would go.

    No searchable PDF is written (nobody would see it); ``ocr_slots`` bounds the
    Tesseracts when several files are classified at once (see :func:`classify_all`).
    """
    name = shown_as or str(path)
    if not path.is_file():
        return Classification(
            name, "quarantined", None, 0.0, ["Die Datei wurde nicht gefunden."], 0, 0
        )
    try:
        result = read_document(
            path, None, limits, lang=lang, ocr_slots=ocr_slots, pages_at_once=pages_at_once
        )
    except DocumentRejected as exc:
        return Classification(name, "quarantined", None, 0.0, [exc.message], 0, 0)
    decision = rules.decide(result.text, ocr_confidence=result.ocr_confidence)
    return Classification(
        name, decision.status, decision.department, decision.confidence,
        decision.reasons, len(result.pages), result.ocr_pages, decision.file_number,
    )  # fmt: skip


def classify_all(
    paths: list[Path],
    rules: Rules,
    limits: ReadLimits,
    *,
    lang: str = "deu",
    workers: int = 1,
    split_batches: bool = True,
    split_on_blank: bool = False,
    ocr_slots: AbstractContextManager[object] | None = None,
) -> Iterator[Classification]:
    """Classify files with the worker pool of ``mailroom run``: one Tesseract per worker and
    twice as many letters in the works, so splitting, parsing and deciding overlap with
    OCR. Results come in the order of ``paths`` (a batch's letters in page order), each as
    soon as it and those before it are done. ``ocr_slots``: the run's (under Prefect the
    machine's) limit on Tesseracts at once; by default one per worker."""
    slots = ocr_slots or threading.BoundedSemaphore(workers)
    # One letter, read as the run reads it: its pages wait for the same slots together.
    one = functools.partial(
        classify, rules=rules, limits=limits, lang=lang, ocr_slots=slots, pages_at_once=workers
    )
    with (
        tempfile.TemporaryDirectory(prefix="lotse-classify-") as scratch,
        ThreadPoolExecutor(max_workers=2 * workers, thread_name_prefix="lotse-classify") as pool,
    ):

        def letters(number: int, path: Path) -> list[Future[Classification]]:
            """Split the file if it is a batch; its letters go into the pool at once."""
            plan = _plan(path, Path(scratch) / str(number), limits, split_batches, split_on_blank)
            if isinstance(plan, Classification):
                return [_done(plan)]
            if plan is None or plan.single:
                return [pool.submit(one, path)]
            return [
                pool.submit(_classify_part, one, Path(file), path, (part.first + 1, part.last + 1))
                for file, part in zip(plan.files, plan.parts, strict=True)
            ]  # fmt: skip

        planned = [pool.submit(letters, number, path) for number, path in enumerate(paths)]
        for files in planned:
            for letter in files.result():
                yield letter.result()


def _classify_part(
    one: Callable[..., Classification], part: Path, batch: Path, page_range: tuple[int, int]
) -> Classification:
    """One letter of a batch, named by the batch file and its pages there."""
    result = one(part, shown_as=str(batch))
    result.batch, result.page_range = batch.name, page_range
    return result


def _plan(
    path: Path, scratch: Path, limits: ReadLimits, split_batches: bool, split_on_blank: bool
) -> BatchPlan | Classification | None:
    """How the run would split the file: None for one letter as it is, a quarantined
    result if the batch cannot be split (as the run quarantines it)."""
    if not split_batches:
        return None
    try:
        data = path.read_bytes()
        kind = sniff(data[:2048])
    except (OSError, DocumentRejected):
        return None  # reading it as one letter says what is wrong with it
    if not may_hold_letters(kind, len(PAGE_OBJECT.findall(data))):
        return None
    scratch.mkdir(parents=True)
    try:
        plan = split_sandboxed(path, scratch, limits, split_on_blank)
    except DocumentRejected as exc:
        return Classification(str(path), "quarantined", None, 0.0, [exc.message], 0, 0)
    return plan


def _done(result: Classification) -> Future[Classification]:
    future: Future[Classification] = Future()
    future.set_result(result)
    return future
