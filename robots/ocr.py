"""Tesseract OCR of one page image: text, confidence and a searchable PDF page, upright.

One single-threaded Tesseract per page read at once (``OMP_THREAD_LIMIT=1`` in its
own environment; Lotse's is left alone): on small pages Tesseract's own threading
is several times slower than running one process per core, which the caller does
with a thread pool. The Tesseracts stay loaded between pages
(:mod:`robots.tesseract_pool`); only the rare orientation check runs the
``tesseract`` command.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from robots.errors import DocumentRejected, OcrUnavailable
from robots.tesseract_pool import POOL, TESSERACT_ENV, TesseractFailed, tessdata_dir

# Below this mean word confidence (or with fewer words) a page may be turned:
# then orientation detection decides, or the other three rotations are tried.
RETRY_BELOW_CONFIDENCE = 55.0
RETRY_BELOW_WORDS = 8
MIN_WORDS_TO_TURN = 3


@dataclass(frozen=True, slots=True)
class OcrPage:
    text: str
    confidence: float  # mean word confidence 0..100
    words: int
    rotation: int  # degrees the scan was turned to read it (0, 90, 180, 270)
    pdf: bytes  # the page as a searchable PDF (image with invisible text)


def check_tesseract(lang: str, workers: int = 1) -> str:
    """The version of the Tesseract that reads the pages, or OcrUnavailable with what
    to install.

    The installed ``tesseract`` brings the models (and checks orientation); the
    loaded Tesseracts that read the pages (one per OCR slot: ``workers``) are started
    here, so that a broken one is reported before the first letter, and wait for it.
    """
    if shutil.which("tesseract") is None:
        raise OcrUnavailable("Tesseract fehlt: bitte das Paket tesseract-ocr installieren.")
    # The models the pool's workers will load (one `tesseract --list-langs` for both).
    languages = {model.stem for model in Path(tessdata_dir()).glob("*.traineddata")}
    missing = [code for code in lang.split("+") if code not in languages]
    if missing:
        raise OcrUnavailable(
            f"Tesseract-Sprachmodell fehlt: {', '.join(missing)} (Paket tesseract-ocr-{missing[0]})."
        )
    return POOL.warm(lang, workers)


def ocr_page(
    image_path: str, *, lang: str = "deu", timeout: int = 120, pdf: bool = True
) -> OcrPage:
    """Read one page; turn it if it reads badly the way it was scanned.

    A sheet put in upside down is the common mistake, so a page that reads
    badly is first tried turned by 180°. Only if that does not help does
    orientation detection (which costs about as much as reading the page)
    look for 90° or 270°. A page with next to no text is not turned at all:
    it stays unreadable whichever way up it is.
    """
    first = _run(image_path, lang, timeout, rotation=0, pdf=pdf)
    if first.confidence >= RETRY_BELOW_CONFIDENCE and first.words >= RETRY_BELOW_WORDS:
        return first
    if first.words < MIN_WORDS_TO_TURN:
        return first
    with tempfile.TemporaryDirectory(prefix="lotse-ocr-") as tmp:
        best = _better(
            first,
            _run(_rotated_copy(image_path, 180, Path(tmp)), lang, timeout, rotation=180, pdf=pdf),
        )
        if best.confidence >= RETRY_BELOW_CONFIDENCE:
            return best
        angle = _detect_rotation(image_path, timeout)
        if angle in (90, 270):
            best = _better(
                best,
                _run(
                    _rotated_copy(image_path, angle, Path(tmp)),
                    lang,
                    timeout,
                    rotation=angle,
                    pdf=pdf,
                ),
            )
    return best


def _better(a: OcrPage, b: OcrPage) -> OcrPage:
    return b if b.words * b.confidence > a.words * a.confidence else a


def _tesseract(args: list[str], timeout: int) -> None:
    """Run ``tesseract ARGS`` single-threaded; TesseractFailed on a timeout or an error."""
    command = shutil.which("tesseract")
    if command is None:
        raise OcrUnavailable("Tesseract fehlt: bitte das Paket tesseract-ocr installieren.")
    try:
        done = subprocess.run(
            [command, *args], env={**os.environ, **TESSERACT_ENV}, stdin=subprocess.DEVNULL,
            capture_output=True, timeout=timeout, check=False,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        raise TesseractFailed(
            "timeout", f"Die Texterkennung brauchte zu lange (über {timeout} s)."
        ) from None
    if done.returncode != 0:
        error = " ".join(done.stderr.decode(errors="replace").split())[:120]
        raise TesseractFailed("unreadable", f"Die Texterkennung ist gescheitert ({error}).")


def _run(image_path: str, lang: str, timeout: int, rotation: int, pdf: bool = True) -> OcrPage:
    """One reading writing text, word confidences and (if asked) a searchable PDF at
    once; ``classify`` needs no PDF, and Tesseract's PDF renderer costs time."""
    try:
        with tempfile.TemporaryDirectory(prefix="lotse-tess-") as tmp:
            base = str(Path(tmp) / "page")
            text, tsv = POOL.read(image_path, base, lang=lang, pdf=pdf, timeout=timeout)
            page_pdf = Path(base + ".pdf").read_bytes() if pdf else b""
    except TesseractFailed as exc:
        raise DocumentRejected(exc.reason, exc.message) from None
    words, confidence = _confidence(tsv)
    return OcrPage(
        text=text.strip(), confidence=confidence, words=words, rotation=rotation, pdf=page_pdf
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
        with tempfile.TemporaryDirectory(prefix="lotse-osd-") as tmp:
            base = str(Path(tmp) / "page")
            _tesseract([image_path, base, "-l", "osd", "--psm", "0"], timeout)
            osd = Path(base + ".osd").read_text(encoding="utf-8", errors="replace")
    except (TesseractFailed, OSError):
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
