"""Split a batch scan into letters at its separator sheets (runs inside the sandbox).

The batch file is untrusted like any scan, so this module is called through
:func:`robots.sandbox.run_sandboxed`; it returns plain data and writes the
parts as files into ``out_dir``. A part keeps the original's pages unchanged
(PDF pages are copied, not re-rendered; TIFF frames keep their pixels), so
each part is read exactly as a single scan would be.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PIL import Image
from pypdf import PdfWriter
from pypdf.errors import FileNotDecryptedError

from robots.documents import SUFFIX, Kind, ReadLimits, sniff
from robots.errors import DocumentRejected
from robots.extract import (
    PDF_FAILURES,
    check_page_count,
    check_size,
    has_real_text,
    image_xobjects,
    open_pdf,
    page_image,
    page_text,
    pdf_errors,
)
from robots.separators import PageKind, Part, classify_page, plan_parts


@dataclass(frozen=True, slots=True)
class BatchPlan:
    """How a file divides into letters. ``files`` is empty when it is one letter as it is."""

    kind: Kind
    pages: int
    parts: list[Part]
    files: list[str]
    separators: list[int]  # 0-based pages that were separator sheets

    @property
    def single(self) -> bool:
        return not self.files


def split_batch(path: str, out_dir: str, limits: ReadLimits, split_on_blank: bool) -> BatchPlan:
    """Find separator sheets (and blank pages if asked); write each letter to ``out_dir``."""
    with open(path, "rb") as handle:
        kind = sniff(handle.read(2048))
    if kind is Kind.PDF:
        return _split_pdf(path, Path(out_dir), limits, split_on_blank)
    if kind is Kind.TIFF:
        return _split_tiff(path, Path(out_dir), limits, split_on_blank)
    return BatchPlan(kind, 1, [Part(0, 0)], [], [])  # PNG and JPEG hold one page


def _decide(kinds: list[PageKind], split_on_blank: bool) -> tuple[list[Part], list[int]]:
    parts = plan_parts(kinds, split_on_blank=split_on_blank)
    separators = [index for index, page in enumerate(kinds) if page.separator]
    if not parts:
        raise DocumentRejected(
            "batch-empty",
            "Der Stapel enthält nur Trennblätter oder leere Seiten; es gibt nichts zuzustellen.",
        )
    return parts, separators


def _is_whole(parts: list[Part], pages: int) -> bool:
    return len(parts) == 1 and parts[0].first == 0 and parts[0].last == pages - 1


def _split_pdf(path: str, out_dir: Path, limits: ReadLimits, split_on_blank: bool) -> BatchPlan:
    try:
        reader = open_pdf(path)
        count = len(reader.pages)
        check_page_count(count, limits)
        if count == 1:
            return BatchPlan(Kind.PDF, 1, [Part(0, 0)], [], [])
        kinds = []
        for index in range(count):
            page = reader.pages[index]
            # A sheet is scanned: a page without an image is no sheet (and is not read here).
            if not image_xobjects(page) or has_real_text(page_text(page, index)):
                kinds.append(PageKind())  # a page with a real text layer is no scanned sheet
                continue
            image_path = page_image(page, path, index, out_dir, limits)
            with Image.open(image_path) as image:
                kinds.append(classify_page(image, page=index + 1))
            Path(image_path).unlink(missing_ok=True)
        parts, separators = _decide(kinds, split_on_blank)
        if _is_whole(parts, count):
            return BatchPlan(Kind.PDF, count, parts, [], separators)
        files = []
        for number, part in enumerate(parts, start=1):
            writer = PdfWriter()
            for index in part.pages:
                writer.add_page(reader.pages[index])
            target = out_dir / f"teil-{number:03d}{SUFFIX[Kind.PDF]}"
            with open(target, "wb") as handle:
                writer.write(handle)
            files.append(str(target))
        return BatchPlan(Kind.PDF, count, parts, files, separators)
    except (RecursionError, FileNotDecryptedError, *PDF_FAILURES) as exc:
        reason = pdf_errors(exc)
        if reason is None:
            raise
        raise reason from None


def _split_tiff(path: str, out_dir: Path, limits: ReadLimits, split_on_blank: bool) -> BatchPlan:
    Image.MAX_IMAGE_PIXELS = limits.max_pixels
    try:
        with Image.open(path) as image:
            count = getattr(image, "n_frames", 1)
            check_page_count(count, limits)
            if count == 1:
                return BatchPlan(Kind.TIFF, 1, [Part(0, 0)], [], [])
            kinds = []
            for index in range(count):
                image.seek(index)
                check_size(image.width, image.height, limits)
                kinds.append(classify_page(image, page=index + 1))
            parts, separators = _decide(kinds, split_on_blank)
            if _is_whole(parts, count):
                return BatchPlan(Kind.TIFF, count, parts, [], separators)
            files = []
            for number, part in enumerate(parts, start=1):
                frames = []
                for index in part.pages:
                    image.seek(index)
                    frames.append(image.copy())
                target = out_dir / f"teil-{number:03d}{SUFFIX[Kind.TIFF]}"
                # Group 4 for black-and-white scans (what the scanner wrote), lossless otherwise.
                compression = "group4" if frames[0].mode == "1" else "tiff_lzw"
                dpi = frames[0].info.get("dpi", (300, 300))
                frames[0].save(
                    target, format="TIFF", save_all=True, append_images=frames[1:],
                    compression=compression, dpi=dpi,
                )  # fmt: skip
                files.append(str(target))
            return BatchPlan(Kind.TIFF, count, parts, files, separators)
    except DocumentRejected:
        raise
    except Image.DecompressionBombError:
        raise DocumentRejected(
            "image-too-large", "Ein Bild des Stapels ist zu groß (beschädigte Datei?)."
        ) from None
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise DocumentRejected(
            "corrupt", f"Der Stapel ist beschädigt oder unvollständig ({str(exc)[:120]})."
        ) from None
