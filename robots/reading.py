"""Read a letter: text per page (text layer or OCR) and a searchable PDF of it."""

from __future__ import annotations

import os
import shutil
import tempfile
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
from robots.ocr import OcrPage, ocr_page
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
) -> ReadResult:
    """Read ``source`` and write it as a searchable PDF to ``searchable_pdf``.

    ``ocr_slots`` (a semaphore) bounds how many Tesseracts run at once when
    several letters are read in parallel. Raises DocumentRejected (the letter
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

        def read_scan(image: str) -> OcrPage:
            with slots:
                return ocr_page(image, lang=lang, pdf=searchable_pdf is not None)

        read = _read_at_once(read_scan, scans)
        pages: list[PageText] = []
        ocr_pdfs: dict[int, str] = {}
        for page in extracted.pages:
            if page.index not in read:
                pages.append(PageText(page.index, "text", page.text, 100.0))
                continue
            result = read[page.index]
            pages.append(
                PageText(
                    page.index, "ocr", result.text, result.confidence, result.rotation, result.words
                )
            )
            if searchable_pdf is not None:
                pdf_path = Path(tmp) / f"ocr-{page.index:04d}.pdf"
                pdf_path.write_bytes(result.pdf)
                ocr_pdfs[page.index] = str(pdf_path)
        if searchable_pdf is not None:  # None: only the text is wanted (classify)
            _write_searchable(extracted.kind, source, ocr_pdfs, searchable_pdf, limits)
    return ReadResult(kind, pages, time.perf_counter() - started, mail)


def _read_at_once(read: Callable[[str], OcrPage], scans: dict[int, str]) -> dict[int, OcrPage]:
    """Every scanned page, as many at once as there are free OCR slots.

    A letter's pages are not read one after the other: the last letters of a run (often
    the long ones, cut from a batch) would otherwise keep one core busy while the other
    waits. The OCR slots still bound how many Tesseracts run.
    """
    if len(scans) < 2:
        return {index: read(image) for index, image in scans.items()}
    at_once = min(len(scans), os.cpu_count() or 1)
    with ThreadPoolExecutor(max_workers=at_once, thread_name_prefix="lotse-seite") as pool:
        return dict(zip(scans, pool.map(read, scans.values()), strict=True))


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
