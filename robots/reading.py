"""Read a letter: text per page (text layer or OCR) and a searchable PDF of it."""

from __future__ import annotations

import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from robots.documents import Kind, ReadLimits, sniff
from robots.eml import compose  # imported here, not in a worker thread: see robots.sandbox
from robots.extract import Extracted, assemble_pdf, extract
from robots.ocr import ocr_page
from robots.sandbox import run_sandboxed

if TYPE_CHECKING:
    from robots.eml import MailInfo


@dataclass(frozen=True, slots=True)
class PageText:
    index: int
    source: str  # "text" (the PDF's own text layer) or "ocr"
    text: str
    confidence: float  # 0..100; 100 for a text layer
    rotation: int = 0
    words: int = 0  # words Tesseract found (OCR pages)


@dataclass(frozen=True, slots=True)
class ReadResult:
    kind: Kind
    pages: list[PageText]
    seconds: float
    mail: MailInfo | None = None  # for an e-mail: sender, subject, attachments

    @property
    def text(self) -> str:
        return "\n\n".join(page.text for page in self.pages)

    @property
    def ocr_pages(self) -> int:
        return sum(1 for page in self.pages if page.source == "ocr")

    @property
    def ocr_confidence(self) -> float | None:
        """Mean word confidence over the OCR pages (None when no page needed OCR).

        Weighted by words: an empty back of a duplex scan has no words and says
        nothing about how well the letter itself was read.
        """
        pages = [page for page in self.pages if page.source == "ocr"]
        if not pages:
            return None
        words = sum(page.words for page in pages)
        if not words:
            return sum(page.confidence for page in pages) / len(pages)
        return sum(page.confidence * page.words for page in pages) / words


def read_document(
    source: Path,
    searchable_pdf: Path | None,
    limits: ReadLimits,
    *,
    lang: str = "deu",
    ocr_slots: AbstractContextManager[object] | None = None,
    pages_at_once: int = 1,
) -> ReadResult:
    """Read ``source`` and write it as a searchable PDF to ``searchable_pdf``.

    ``ocr_slots`` (a semaphore) bounds how many Tesseracts run at once when
    several letters are read in parallel; up to ``pages_at_once`` of this letter's
    scanned pages wait for a slot at the same time (the number of slots: a letter's
    pages need not be read one after the other). Raises DocumentRejected (the letter
    goes to quarantine) when the file cannot be read safely.
    """
    slots = ocr_slots or nullcontext()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="lotse-read-") as tmp:
        mail = None
        with open(source, "rb") as handle:
            kind = sniff(handle.read(2048))
        if kind is Kind.EML:
            # The mail becomes one PDF (body with a text layer, attachments as pages),
            # which is then read like any scan; the .eml stays the original.
            composed = Path(tmp) / "e-mail.pdf"
            mail = run_sandboxed(
                compose, str(source), str(composed), limits,
                seconds=limits.seconds, memory_mb=limits.memory_mb,
            )  # fmt: skip
            source = composed
        extracted: Extracted = run_sandboxed(
            extract, str(source), tmp, limits, seconds=limits.seconds, memory_mb=limits.memory_mb
        )
        scans = {page.index: page.image for page in extracted.pages if page.image is not None}
        ocr_pdfs = (
            {index: str(Path(tmp) / f"ocr-{index:04d}.pdf") for index in scans}
            if searchable_pdf is not None  # None: only the text is wanted (classify)
            else {}
        )

        def read_scan(index: int, image: str) -> PageText:
            with slots:
                result = ocr_page(image, lang=lang, pdf=searchable_pdf is not None)
            if index in ocr_pdfs:  # on disk at once, not in memory until the last page
                Path(ocr_pdfs[index]).write_bytes(result.pdf)
            return PageText(
                index, "ocr", result.text, result.confidence, result.rotation, result.words
            )

        read = _read_at_once(read_scan, scans, pages_at_once)
        pages = [
            read.get(page.index) or PageText(page.index, "text", page.text, 100.0)
            for page in extracted.pages
        ]
        if searchable_pdf is not None:
            _write_searchable(extracted.kind, source, ocr_pdfs, searchable_pdf, limits)
    return ReadResult(kind, pages, time.perf_counter() - started, mail)


class _Skipped(Exception):
    """A page not read because another page of the letter already failed."""


def _read_at_once(
    read: Callable[[int, str], PageText], scans: dict[int, str], at_once: int
) -> dict[int, PageText]:
    """Every scanned page, up to ``at_once`` of them at the same time.

    The last letters of a run (often the long ones, cut from a batch) would otherwise
    keep one core busy while the others wait. Once a page fails, the pages not begun
    are skipped (the letter goes to quarantine anyway); the failure of the first
    failing page, in page order, is raised.
    """
    if at_once < 2 or len(scans) < 2:
        return {index: read(index, image) for index, image in scans.items()}
    failed = threading.Event()

    def read_unless_failed(index: int, image: str) -> PageText:
        if failed.is_set():
            raise _Skipped
        try:
            return read(index, image)
        except BaseException:
            failed.set()
            raise

    workers = min(len(scans), at_once)
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="lotse-seite") as pool:
        futures = {index: pool.submit(read_unless_failed, index, image)
                   for index, image in scans.items()}  # fmt: skip
    problems = [future.exception() for future in futures.values()]
    first = next((p for p in problems if p is not None and not isinstance(p, _Skipped)), None)
    if first is not None:
        raise first
    return {index: future.result() for index, future in futures.items()}


def _write_searchable(
    kind: Kind, source: Path, ocr_pdfs: dict[int, str], target: Path, limits: ReadLimits
) -> None:
    partial = target.with_name(target.name + ".part")
    if kind is Kind.PDF and not ocr_pdfs:
        shutil.copyfile(source, partial)  # born digital: the original is already searchable
    elif kind is Kind.PDF:
        # The original PDF is untrusted: it is opened again only inside the sandbox.
        run_sandboxed(
            assemble_pdf, str(source), ocr_pdfs, str(partial),
            seconds=limits.seconds, memory_mb=limits.memory_mb,
        )  # fmt: skip
    else:
        _merge_trusted(ocr_pdfs, partial)
    partial.replace(target)


def _merge_trusted(ocr_pdfs: dict[int, str], target: Path) -> None:
    """Tesseract's own page PDFs, in page order, as one document."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for index in sorted(ocr_pdfs):
        writer.add_page(PdfReader(ocr_pdfs[index]).pages[0])
    with open(target, "wb") as handle:
        writer.write(handle)
