"""Tesseract OCR of one page image: text, confidence and a searchable PDF page, upright.

One single-threaded Tesseract per page (``OMP_THREAD_LIMIT=1``): on small pages
Tesseract's own threading is several times slower than running one process
per core, which the caller does with a thread pool (Tesseract runs in its own
process, so threads are enough).
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytesseract

from robots.errors import DocumentRejected

# Set before the first Tesseract starts; every child inherits it.
os.environ["OMP_THREAD_LIMIT"] = "1"

# Below this mean word confidence (or with fewer words) a page may be turned:
# then orientation detection decides, or the other three rotations are tried.
RETRY_BELOW_CONFIDENCE = 55.0
RETRY_BELOW_WORDS = 8


class OcrUnavailable(RuntimeError):
    """Tesseract or its German model is missing: an installation problem, not a letter's."""


@dataclass(frozen=True, slots=True)
class OcrPage:
    text: str
    confidence: float  # mean word confidence 0..100
    words: int
    rotation: int  # degrees the scan was turned to read it (0, 90, 180, 270)
    pdf: bytes  # the page as a searchable PDF (image with invisible text)


def check_tesseract(lang: str) -> str:
    """Tesseract's version, or OcrUnavailable with what to install."""
    if shutil.which("tesseract") is None:
        raise OcrUnavailable("Tesseract fehlt: bitte das Paket tesseract-ocr installieren.")
    languages = pytesseract.get_languages(config="")
    missing = [code for code in lang.split("+") if code not in languages]
    if missing:
        raise OcrUnavailable(
            f"Tesseract-Sprachmodell fehlt: {', '.join(missing)} (Paket tesseract-ocr-{missing[0]})."
        )
    return str(pytesseract.get_tesseract_version())


def ocr_page(image_path: str, *, lang: str = "deu", timeout: int = 120) -> OcrPage:
    """Read one page; turn it if it reads badly the way it was scanned."""
    first = _run(image_path, lang, timeout, rotation=0)
    if first.confidence >= RETRY_BELOW_CONFIDENCE and first.words >= RETRY_BELOW_WORDS:
        return first
    rotation = _detect_rotation(image_path, timeout)
    candidates = [rotation] if rotation else [180, 90, 270]
    best = first
    with tempfile.TemporaryDirectory(prefix="lotse-ocr-") as tmp:
        for angle in candidates:
            turned = _rotated_copy(image_path, angle, Path(tmp))
            attempt = _run(turned, lang, timeout, rotation=angle)
            if attempt.words * attempt.confidence > best.words * best.confidence:
                best = attempt
            if rotation:  # orientation detection was sure; no need to try more
                break
    return best


def _run(image_path: str, lang: str, timeout: int, rotation: int) -> OcrPage:
    try:
        text, tsv, pdf = pytesseract.run_and_get_multiple_output(
            image_path, extensions=["txt", "tsv", "pdf"], lang=lang, timeout=timeout
        )
    except RuntimeError as exc:  # pytesseract raises RuntimeError on timeout
        raise DocumentRejected("timeout", f"Die Texterkennung brauchte zu lange ({exc}).") from None
    except pytesseract.TesseractError as exc:
        raise DocumentRejected(
            "unreadable", f"Die Texterkennung ist gescheitert ({exc.message.strip()[:120]})."
        ) from None
    words, confidence = _confidence(tsv)
    return OcrPage(
        text=text.strip(), confidence=confidence, words=words, rotation=rotation, pdf=pdf
    )


def _confidence(tsv: str) -> tuple[int, float]:
    reader = csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE)
    values = []
    for row in reader:
        try:
            conf = float(row.get("conf") or -1)
        except ValueError:
            continue
        if conf >= 0 and (row.get("text") or "").strip():
            values.append(conf)
    return len(values), (sum(values) / len(values) if values else 0.0)


_ROTATE = re.compile(r"Rotate:\s*(\d+)")


def _detect_rotation(image_path: str, timeout: int) -> int:
    """Tesseract's orientation detection; 0 when it cannot tell (too little text)."""
    try:
        osd = pytesseract.image_to_osd(image_path, config="--psm 0", timeout=timeout)
    except (pytesseract.TesseractError, RuntimeError):
        return 0
    match = _ROTATE.search(osd)
    return int(match.group(1)) % 360 if match else 0


def _rotated_copy(image_path: str, angle: int, folder: Path) -> str:
    from PIL import Image

    with Image.open(image_path) as image:
        # Tesseract's "Rotate" is clockwise; PIL rotates counter-clockwise.
        turned = image.rotate(-angle, expand=True)
        target = folder / f"rotated-{angle}.tif"
        turned.save(target, format="TIFF", dpi=image.info.get("dpi", (300, 300)))
    return str(target)
