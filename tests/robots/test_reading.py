"""Reading letters with the real Tesseract: text layers kept, scans OCRed and turned upright."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from robots.documents import ReadLimits
from robots.errors import DocumentRejected
from robots.reading import PageText, _read_at_once, read_document
from tests.robots.letters import (
    KITA_MEMO,
    TAX_OBJECTION,
    TREE_REQUEST,
    mixed_pdf,
    multipage_tiff,
    scan_file,
    text_pdf,
)

LIMITS = ReadLimits()
pytestmark = pytest.mark.usefixtures("tesseract")


def searchable_text(pdf: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(pdf).pages]


def test_born_digital_pdf_uses_its_text_layer(tmp_path: Path) -> None:
    source = text_pdf(tmp_path / "brief.pdf", TAX_OBJECTION, pages=2)
    result = read_document(source, tmp_path / "out.pdf", LIMITS)
    assert result.ocr_pages == 0 and len(result.pages) == 2
    assert "Grundsteuerbescheid" in result.text
    assert (tmp_path / "out.pdf").read_bytes() == source.read_bytes()  # delivered unchanged


@pytest.mark.parametrize(
    ("name", "rotate"),
    [("scan.png", 1.5), ("scan.jpg", -0.8), ("kopf.png", 180.0), ("quer.jpg", 90.0)],
)
def test_scans_are_read_upright(tmp_path: Path, name: str, rotate: float) -> None:
    source = scan_file(tmp_path / name, TAX_OBJECTION, rotate=rotate)
    result = read_document(source, tmp_path / "out.pdf", LIMITS)
    assert result.ocr_pages == 1
    assert "Widerspruch" in result.text and "Grundsteuerbescheid" in result.text
    assert result.pages[0].confidence > 70
    if rotate in (90.0, 180.0):
        assert result.pages[0].rotation in (90, 180, 270)
    # the delivered PDF is searchable
    assert "Grundsteuerbescheid" in searchable_text(tmp_path / "out.pdf")[0]


def test_multipage_tiff(tmp_path: Path) -> None:
    source = multipage_tiff(tmp_path / "akte.tif", [TREE_REQUEST, KITA_MEMO])
    result = read_document(source, tmp_path / "out.pdf", LIMITS)
    assert [p.source for p in result.pages] == ["ocr", "ocr"]
    texts = searchable_text(tmp_path / "out.pdf")
    assert "Birke" in texts[0] and "Elternbeiträge" in texts[1]


class CountingSlots:
    """OCR slots that remember how many pages were read at once."""

    def __init__(self, slots: int) -> None:
        self._free = threading.BoundedSemaphore(slots)
        self._lock = threading.Lock()
        self.now = self.most = 0

    def __enter__(self) -> None:
        self._free.acquire()
        with self._lock:
            self.now += 1
            self.most = max(self.most, self.now)

    def __exit__(self, *_: object) -> None:
        with self._lock:
            self.now -= 1
        self._free.release()


def test_a_letters_pages_are_read_at_once_in_free_slots_and_kept_in_order(
    tmp_path: Path,
) -> None:
    memos = [TREE_REQUEST, KITA_MEMO, TAX_OBJECTION, TREE_REQUEST]
    source = multipage_tiff(tmp_path / "stapel.tif", memos)
    slots = CountingSlots(2)
    result = read_document(source, tmp_path / "out.pdf", LIMITS, ocr_slots=slots, pages_at_once=2)
    assert slots.most == 2 and slots.now == 0
    assert [page.index for page in result.pages] == [0, 1, 2, 3]
    words = ["Birke", "Elternbeiträge", "Grundsteuerbescheid", "Birke"]
    assert all(word in page.text for word, page in zip(words, result.pages, strict=True))
    texts = searchable_text(tmp_path / "out.pdf")
    assert all(word in text for word, text in zip(words, texts, strict=True))


def test_once_a_page_fails_the_pages_not_begun_are_skipped_and_its_reason_is_raised() -> None:
    # Pure scheduling, no Tesseract: page 1 fails while page 0 is still being read.
    begun: list[int] = []
    page_zero_may_end = threading.Event()

    def read(index: int, image: str) -> PageText:
        begun.append(index)
        if index == 1:
            raise DocumentRejected("unreadable", f"Seite {index + 1} unlesbar")
        if index == 0:
            assert page_zero_may_end.wait(10)
        return PageText(index, "ocr", image, 90.0)

    scans = {index: f"seite-{index}.tif" for index in range(6)}
    failing = threading.Thread(target=lambda: (time.sleep(0.3), page_zero_may_end.set()))
    failing.start()
    with pytest.raises(DocumentRejected, match="Seite 2 unlesbar"):
        _read_at_once(read, scans, 2)
    failing.join()
    assert sorted(begun) == [0, 1]  # pages 3 to 6 were never begun


def test_scanned_and_mixed_pdfs_get_ocr_only_where_needed(tmp_path: Path) -> None:
    scanned = read_document(
        scan_file(tmp_path / "scan.pdf", TREE_REQUEST), tmp_path / "a.pdf", LIMITS
    )
    assert scanned.ocr_pages == 1 and "Baumschutzsatzung" in scanned.text
    mixed = read_document(
        mixed_pdf(tmp_path / "mixed.pdf", TAX_OBJECTION, KITA_MEMO), tmp_path / "b.pdf", LIMITS
    )
    assert [p.source for p in mixed.pages] == ["text", "ocr"]
    texts = searchable_text(tmp_path / "b.pdf")
    assert "Grundsteuerbescheid" in texts[0] and "Elternbeiträge" in texts[1]


def test_too_many_pages_is_refused_before_reading(tmp_path: Path) -> None:
    source = text_pdf(tmp_path / "lang.pdf", ["Seite"], pages=4)
    with pytest.raises(DocumentRejected) as caught:
        read_document(source, tmp_path / "out.pdf", ReadLimits(max_pages=3))
    assert caught.value.reason == "too-many-pages"
    assert "höchstens 3" in str(caught.value)
