"""A small picture of a letter's page for the review screen (run in the sandbox)."""

from __future__ import annotations

import io
import subprocess
import tempfile
from pathlib import Path

from PIL import Image

from robots.documents import Kind, ReadLimits, sniff
from robots.eml import compose
from robots.errors import DocumentRejected


def preview_png(path: str, page: int, width: int = 900) -> bytes:
    """Page ``page`` (0-based) of a PDF, image or e-mail as a PNG about ``width`` pixels wide."""
    with open(path, "rb") as handle:
        kind = sniff(handle.read(2048))
    if kind is Kind.EML:  # the pages the robot read: the body, then the attachments
        with tempfile.TemporaryDirectory() as tmp:
            composed = str(Path(tmp) / "e-mail.pdf")
            compose(path, composed, ReadLimits())
            return preview_png(composed, page, width)
    if kind is Kind.PDF:
        with tempfile.TemporaryDirectory() as tmp:
            prefix = Path(tmp) / "seite"
            subprocess.run(
                ["pdftoppm", "-png", "-singlefile", "-scale-to-x", str(width), "-scale-to-y", "-1",
                 "-f", str(page + 1), "-l", str(page + 1), path, str(prefix)],
                check=True, capture_output=True, timeout=30,
            )  # fmt: skip
            return prefix.with_suffix(".png").read_bytes()
    with Image.open(path) as image:
        if page >= getattr(image, "n_frames", 1):
            raise DocumentRejected("no-page", "Diese Seite gibt es nicht.")
        image.seek(page)
        picture = image.convert("L")
        picture.thumbnail((width, width * 2))
        out = io.BytesIO()
        picture.save(out, format="PNG", optimize=True)
        return out.getvalue()
