"""Take a document apart into pages: a PDF text layer where it holds real text,
otherwise a page image for OCR (taken from the PDF directly where possible).

Runs inside the sandbox (:mod:`robots.sandbox`): everything here parses
untrusted files, and pypdf and image codecs have had loops and memory blow-ups.
The results are plain data and files in ``out_dir``.
"""

from __future__ import annotations

import logging
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

# Imported here, not inside the functions: the sandbox forks this process,
# and a child must not need the import lock another thread might hold.
import pypdf
from PIL import Image, ImageOps, TiffImagePlugin, UnidentifiedImageError
from pypdf import PdfReader, PdfWriter
from pypdf.errors import FileNotDecryptedError, PdfReadError, PyPdfError

from robots.documents import Kind, ReadLimits, sniff
from robots.errors import DocumentRejected

_ = (pypdf, TiffImagePlugin)  # loaded for the forked children
# Image.open loads the common format plugins on first use; load them now, in the parent,
# so that no forked child needs the import lock another thread may hold at the fork.
Image.preinit()

# pypdf reports every repair of a broken file as a warning; the outcome (read
# or quarantined with a reason) is what counts, not stderr noise.
logging.getLogger("pypdf").setLevel(logging.ERROR)

# A text layer counts as real text with at least this many letters and mostly
# letters (scanners sometimes write a layer of garbage or just page numbers).
MIN_TEXT_LETTERS = 30
_LETTERS = re.compile(r"[^\W\d_]", re.UNICODE)


@dataclass(frozen=True, slots=True)
class PageSource:
    index: int
    text: str  # the text layer; empty when the page needs OCR
    image: str | None  # path of the page image for OCR, or None


@dataclass(frozen=True, slots=True)
class Extracted:
    kind: Kind
    pages: list[PageSource]


def has_real_text(text: str) -> bool:
    letters = len(_LETTERS.findall(text))
    visible = len("".join(text.split()))
    return letters >= MIN_TEXT_LETTERS and letters >= 0.5 * visible


def extract(path: str, out_dir: str, limits: ReadLimits) -> Extracted:
    with open(path, "rb") as handle:
        kind = sniff(handle.read(2048))
    if kind is Kind.PDF:
        return Extracted(kind, _pdf_pages(path, Path(out_dir), limits))
    return Extracted(kind, _image_pages(path, Path(out_dir), limits))


# -- images -------------------------------------------------------------------


def _image_pages(path: str, out_dir: Path, limits: ReadLimits) -> list[PageSource]:
    Image.MAX_IMAGE_PIXELS = limits.max_pixels
    pages: list[PageSource] = []
    try:
        with Image.open(path) as image:
            count = getattr(image, "n_frames", 1)
            check_page_count(count, limits)
            for index in range(count):
                image.seek(index)
                check_size(image.width, image.height, limits)
                image.load()
                page = ImageOps.exif_transpose(image) if index == 0 else image
                pages.append(PageSource(index, "", _save_for_ocr(page, out_dir, index)))
    except DocumentRejected:
        raise
    except Image.DecompressionBombError:
        raise _too_large() from None
    except UnidentifiedImageError:
        raise DocumentRejected(
            "corrupt", "Das Bild ist beschädigt oder kein gültiges Bildformat."
        ) from None
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise DocumentRejected(
            "corrupt", f"Das Bild ist beschädigt oder unvollständig ({_short(exc)})."
        ) from None
    return pages


def _save_for_ocr(image: object, out_dir: Path, index: int) -> str:
    assert isinstance(image, Image.Image)
    if image.mode not in ("1", "L"):
        image = image.convert("L")
    target = out_dir / f"page-{index:04d}.tif"
    # Uncompressed TIFF: Tesseract reads it fastest, and it never leaves this machine.
    image.save(target, format="TIFF", dpi=image.info.get("dpi", (300, 300)))
    return str(target)


def check_page_count(count: int, limits: ReadLimits) -> None:
    if count < 1:
        raise DocumentRejected("no-pages", "Das Dokument hat keine Seiten.")
    if count > limits.max_pages:
        raise DocumentRejected(
            "too-many-pages",
            f"Das Dokument hat {count} Seiten; angenommen werden höchstens {limits.max_pages}.",
        )


def check_size(width: int, height: int, limits: ReadLimits) -> None:
    if width <= 0 or height <= 0:
        raise DocumentRejected("corrupt", "Das Bild hat keine gültige Größe.")
    if width > limits.max_side or height > limits.max_side or width * height > limits.max_pixels:
        raise _too_large(f"{width} × {height} Pixel")


def _too_large(size: str = "") -> DocumentRejected:
    detail = f" ({size})" if size else ""
    return DocumentRejected(
        "image-too-large",
        f"Das Bild ist zu groß{detail}; das deutet auf eine beschädigte oder gefährliche Datei hin.",
    )


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:120]


# -- PDF ----------------------------------------------------------------------


# Active content that would run when a clerk opens the delivered PDF.
_ACTIVE = re.compile(rb"/(?:JavaScript|JS|Launch|RichMedia)\b")


def open_pdf(path: str) -> PdfReader:
    """An untrusted PDF opened for reading; DocumentRejected for active content or a password.

    Other pypdf errors propagate: callers turn them into their own reason.
    """
    with open(path, "rb") as handle:
        if _ACTIVE.search(handle.read()):
            raise DocumentRejected(
                "active-content",
                "Das PDF enthält aktive Inhalte (JavaScript oder Programmstart) und wird nicht "
                "zugestellt; bitte von Hand prüfen.",
            )
    reader = PdfReader(path, strict=False)
    if reader.is_encrypted:
        # Some scanners encrypt with an empty user password; that we can open.
        try:
            opened = bool(reader.decrypt(""))
        except (NotImplementedError, PyPdfError):
            opened = False
        if not opened:
            raise DocumentRejected(
                "encrypted", "Das PDF ist verschlüsselt und kann nicht gelesen werden."
            )
    return reader


def pdf_errors(exc: BaseException) -> DocumentRejected | None:
    """The quarantine reason for an exception pypdf raised on a broken file (None: not ours)."""
    if isinstance(exc, DocumentRejected):
        return exc
    if isinstance(exc, FileNotDecryptedError):
        return DocumentRejected(
            "encrypted", "Das PDF ist verschlüsselt und kann nicht gelesen werden."
        )
    if isinstance(exc, RecursionError):
        return DocumentRejected(
            "corrupt", "Das PDF ist fehlerhaft aufgebaut (zu tief verschachtelt)."
        )
    if isinstance(exc, PDF_FAILURES):
        return DocumentRejected("corrupt", f"Das PDF ist beschädigt ({_short(exc)}).")
    return None


PDF_FAILURES = (
    PdfReadError,
    PyPdfError,
    OSError,
    ValueError,
    KeyError,
    TypeError,
    AttributeError,
    IndexError,
    AssertionError,
    ZeroDivisionError,
)


def _pdf_pages(path: str, out_dir: Path, limits: ReadLimits) -> list[PageSource]:
    try:
        reader = open_pdf(path)
        count = len(reader.pages)
        check_page_count(count, limits)
        pages = []
        for index in range(count):
            page = reader.pages[index]
            text = page_text(page, index)
            if has_real_text(text):
                pages.append(PageSource(index, text, None))
            else:
                pages.append(PageSource(index, "", page_image(page, path, index, out_dir, limits)))
        return pages
    except (RecursionError, FileNotDecryptedError, *PDF_FAILURES) as exc:
        reason = pdf_errors(exc)
        if reason is None:
            raise
        raise reason from None


# The PDF specification limits pages to 200 inches (14,400 points) a side.
MAX_PAGE_POINTS = 14_400


def page_text(page: object, index: int) -> str:
    try:
        box = page.mediabox  # type: ignore[attr-defined]
        width, height = float(box.width), float(box.height)
    except Exception:
        width = height = 0.0
    if not (0 < width <= MAX_PAGE_POINTS and 0 < height <= MAX_PAGE_POINTS):
        raise DocumentRejected("corrupt", f"Seite {index + 1} des PDF hat keine gültige Größe.")
    try:
        return page.extract_text() or ""  # type: ignore[attr-defined]
    except RecursionError:
        raise
    except Exception as exc:  # pypdf also raises NotImplementedError and internal errors
        raise DocumentRejected(
            "corrupt", f"Der Inhalt von Seite {index + 1} des PDF ist beschädigt ({_short(exc)})."
        ) from None


def page_image(page: object, path: str, index: int, out_dir: Path, limits: ReadLimits) -> str:
    """The scanned image of a page: the page's single embedded image if there is
    one, else a rendering of the page (pdftoppm)."""
    images = image_xobjects(page)
    for width, height in images:
        check_size(width, height, limits)
    if len(images) == 1:
        try:
            extracted = page.images  # type: ignore[attr-defined]
            if len(extracted) == 1:
                found = extracted[0]
                if found.name.lower().endswith((".jpg", ".jpeg")):
                    # A scanner's JPEG goes to Tesseract as it is: no decoding, no re-encoding.
                    target = out_dir / f"page-{index:04d}.jpg"
                    target.write_bytes(found.data)
                    return str(target)
                return _save_for_ocr(found.image, out_dir, index)
        except DocumentRejected:
            raise
        except Exception:  # an image pypdf cannot decode: let poppler render the page
            pass
    return _render_page(path, index, out_dir)


def image_xobjects(page: object) -> list[tuple[int, int]]:
    """Sizes of the image XObjects of a page, read before anything is decoded."""
    try:
        resources = page["/Resources"]  # type: ignore[index]
        xobjects = resources.get("/XObject") if resources else None
        if not xobjects:
            return []
        sizes = []
        for reference in xobjects.values():
            xobject = reference.get_object()
            if xobject.get("/Subtype") == "/Image":
                sizes.append((int(xobject.get("/Width", 0)), int(xobject.get("/Height", 0))))
        return sizes
    except (KeyError, TypeError, ValueError, AttributeError):
        return []


def _render_page(path: str, index: int, out_dir: Path) -> str:
    prefix = out_dir / f"render-{index:04d}"
    try:
        subprocess.run(
            [
                "pdftoppm", "-r", "300", "-gray", "-tiff", "-singlefile",
                "-f", str(index + 1), "-l", str(index + 1), path, str(prefix),
            ],
            check=True,
            capture_output=True,
            timeout=60,
        )  # fmt: skip
    except FileNotFoundError:
        raise DocumentRejected(
            "unreadable", "Die Seite muss gerastert werden, aber pdftoppm (poppler-utils) fehlt."
        ) from None
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
        raise DocumentRejected(
            "corrupt", f"Seite {index + 1} des PDF lässt sich nicht darstellen."
        ) from None
    rendered = prefix.with_suffix(".tif")
    if not rendered.exists():
        raise DocumentRejected("corrupt", f"Seite {index + 1} des PDF lässt sich nicht darstellen.")
    return str(rendered)


# -- assembling the searchable PDF --------------------------------------------


def assemble_pdf(original: str, ocr_pages: dict[int, str], target: str) -> None:
    """The original PDF with its image-only pages replaced by Tesseract's searchable pages."""
    reader = PdfReader(original, strict=False)
    if reader.is_encrypted:
        reader.decrypt("")
    writer = PdfWriter()
    for index, page in enumerate(reader.pages):
        if index in ocr_pages:
            writer.add_page(PdfReader(ocr_pages[index]).pages[0])
        else:
            writer.add_page(page)
    with open(target, "wb") as handle:
        writer.write(handle)
