"""Batch scans for tests: sample letters with separator sheets between them, as a scanner writes them."""

from __future__ import annotations

import io
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

from robots.separators import separator_sheet_png
from tests.conftest import SAMPLES

LETTERS = SAMPLES / "mail" / "letters"
DPI = 200


def letter_page(name: str) -> Image.Image:
    """A scanned sample letter (single page) as a grey page image."""
    with Image.open(LETTERS / name) as image:
        return image.convert("L")


def sheet(*, skew: float = 0.6, seed: int = 1) -> Image.Image:
    """The printed separator sheet as it comes back from a scanner: grey, skewed, specks."""
    page = Image.open(io.BytesIO(separator_sheet_png(DPI))).convert("L")
    page = page.point(lambda v: 40 + v * 0.85)  # toner is not black, paper not white
    page = page.rotate(skew, resample=Image.Resampling.BICUBIC, fillcolor=236)
    _specks(page, seed)
    return page.filter(ImageFilter.GaussianBlur(0.6))


def damaged_sheet() -> Image.Image:
    """A separator sheet with both codes scribbled over: found, but not decodable."""
    page = sheet()
    draw = ImageDraw.Draw(page)
    mm = DPI / 25.4
    rng = random.Random(7)
    for x0, y0, size in ((70, 30, 70), (82.5, 200, 45)):
        for _ in range(120):
            x = (x0 + size * (0.3 + rng.random() * 0.5)) * mm
            y = (y0 + size * (0.3 + rng.random() * 0.5)) * mm
            side = rng.random() * 4 * mm
            draw.rectangle([x, y, x + side, y + side], fill=rng.choice([20, 240]))
    return page


def blank_page(seed: int = 3) -> Image.Image:
    """An empty back side: paper tone, a few specks and two punch holes at the margin."""
    mm = DPI / 25.4
    page = Image.new("L", (round(210 * mm), round(297 * mm)), 232)
    _specks(page, seed)
    draw = ImageDraw.Draw(page)
    for y in (118, 178):
        draw.ellipse([6 * mm, y * mm, 12 * mm, (y + 6) * mm], fill=30)
    return page


def _specks(page: Image.Image, seed: int) -> None:
    rng = random.Random(seed)
    draw = ImageDraw.Draw(page)
    for _ in range(60):
        x, y = rng.randrange(page.width), rng.randrange(page.height)
        draw.point((x, y), fill=rng.randrange(60, 160))


def write_pdf(pages: list[Image.Image], path: Path) -> Path:
    """An image-only PDF, one scanned image per page (what a scanner's "PDF" writes)."""
    pages[0].save(path, format="PDF", save_all=True, append_images=pages[1:], resolution=DPI)
    return path


def write_tiff(pages: list[Image.Image], path: Path) -> Path:
    """A multi-page black-and-white Group 4 TIFF."""
    bw = [page.point(lambda v: 255 if v > 150 else 0).convert("1") for page in pages]
    bw[0].save(
        path, format="TIFF", save_all=True, append_images=bw[1:], compression="group4",
        dpi=(DPI, DPI),
    )  # fmt: skip
    return path
