"""Write the sample batch scans: ``batches/*`` and ``batches.csv``.

Usage (from the repository root)::

    .venv/bin/python samples/mail/make_batches.py [--out samples/mail]

A Poststelle scans a stack of letters in one go, with a separator sheet
(``lotse mailroom trennblatt``) before each letter. The batches here are made
from the scanned sample letters in ``letters/`` and the printed sheet as a
scanner returns it (grey paper, toner, a little skew, specks):

- ``Stapel_0001.pdf``: three letters, one sheet before each (image-only PDF,
  as office scanners write it);
- ``Stapel_0002.tif``: duplex scan, Group 4 TIFF: every letter and every sheet
  has an empty back, which must not become a letter;
- ``Stapel_0003.pdf``: the second sheet is scribbled over (torn, smudged): the
  robot must not guess and puts the whole batch into quarantine.

Deterministic: the noise is seeded, the PDF dates are fixed.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import sys
import time
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

HERE = Path(__file__).resolve().parent
LETTERS = HERE / "letters"
DPI = 200
PDF_DATE = (2026, 11, 24, 9, 0, 0, 0, 0, 0)  # a time.struct_time-like tuple for Pillow


def sheet_scan(*, skew: float = 0.6, seed: int = 1) -> Image.Image:
    """The printed separator sheet as it comes back from a scanner: grey, skewed, specks."""
    sys.path.insert(0, str(HERE.parent.parent))  # the repository, for robots.separators
    from robots.separators import separator_sheet_png

    page = Image.open(io.BytesIO(separator_sheet_png(DPI))).convert("L")
    page = page.point(lambda v: 40 + v * 0.85)  # toner is not black, paper not white
    page = page.rotate(skew, resample=Image.Resampling.BICUBIC, fillcolor=236)
    specks(page, seed)
    return page.filter(ImageFilter.GaussianBlur(0.6))


def damaged_sheet_scan(*, strokes: int = 120, seed: int = 7) -> Image.Image:
    """A separator sheet with both codes scribbled over: found, but not decodable."""
    page = sheet_scan()
    draw = ImageDraw.Draw(page)
    mm = DPI / 25.4
    rng = random.Random(seed)
    for x0, y0, size in ((70, 30, 70), (82.5, 200, 45)):  # the two codes, in millimetres
        for _ in range(strokes):
            x = (x0 + size * (0.3 + rng.random() * 0.5)) * mm
            y = (y0 + size * (0.3 + rng.random() * 0.5)) * mm
            side = rng.random() * 4 * mm
            draw.rectangle([x, y, x + side, y + side], fill=rng.choice([20, 240]))
    return page


def blank_back(seed: int = 3) -> Image.Image:
    """An empty back side: paper tone, a few specks and two punch holes at the margin."""
    mm = DPI / 25.4
    page = Image.new("L", (round(210 * mm), round(297 * mm)), 232)
    specks(page, seed)
    draw = ImageDraw.Draw(page)
    for y in (118, 178):
        draw.ellipse([6 * mm, y * mm, 12 * mm, (y + 6) * mm], fill=30)
    return page


def specks(page: Image.Image, seed: int) -> None:
    rng = random.Random(seed)
    draw = ImageDraw.Draw(page)
    for _ in range(60):
        x, y = rng.randrange(page.width), rng.randrange(page.height)
        draw.point((x, y), fill=rng.randrange(60, 160))


def letter(name: str) -> list[Image.Image]:
    """Every page of a scanned sample letter, grey."""
    pages = []
    with Image.open(LETTERS / name) as image:
        for index in range(getattr(image, "n_frames", 1)):
            image.seek(index)
            pages.append(image.convert("L"))
    return pages


def write_pdf(pages: list[Image.Image], path: Path) -> Path:
    """An image-only PDF, one scanned image per page (what a scanner's "PDF" writes)."""
    stamp = time.struct_time(PDF_DATE)
    pages[0].save(
        path, format="PDF", save_all=True, append_images=pages[1:], resolution=float(DPI),
        creationDate=stamp, modDate=stamp,
    )  # fmt: skip
    return path


def write_tiff(pages: list[Image.Image], path: Path) -> Path:
    """A multi-page black-and-white Group 4 TIFF."""
    bw = [page.point(lambda v: 255 if v > 150 else 0).convert("1") for page in pages]
    bw[0].save(
        path, format="TIFF", save_all=True, append_images=bw[1:], compression="group4",
        dpi=(DPI, DPI),
    )  # fmt: skip
    return path


# (file, letters in order as sample files, expected department of each, note)
BATCHES = [
    ("Stapel_0001.pdf", ["brief.png", "image009.png", "IMG_20261124_122011.jpg"], "51;67;32",
     "drei Briefe, je ein Trennblatt davor; Bild-PDF"),
    ("Stapel_0002.tif", ["image016.png", "image024.png"], "33;10",
     "beidseitig gescannt: leere Rückseiten hinter Briefen und Trennblättern; TIFF Gruppe 4"),
    ("Stapel_0003.pdf", ["brief(8).png", "image045.png"], "QUARANTINE",
     "zweites Trennblatt unlesbar (bekritzelt): der Stapel kommt in die Quarantäne"),
]  # fmt: skip


def build(file: str, names: list[str]) -> list[Image.Image]:
    pages: list[Image.Image] = []
    for number, name in enumerate(names):
        if file == "Stapel_0003.pdf" and number == 1:
            pages.append(damaged_sheet_scan())
        else:
            pages.append(sheet_scan(skew=0.4 + 0.3 * number, seed=number + 1))
        if file.endswith(".tif"):
            pages.append(blank_back(seed=number + 10))  # the sheet's empty back
        for page in letter(name):
            pages.append(page)
            if file.endswith(".tif"):
                pages.append(blank_back(seed=number + 20))
    return pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE)
    args = parser.parse_args(argv)
    folder = args.out / "batches"
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for file, names, expected, note in BATCHES:
        pages = build(file, names)
        (write_tiff if file.endswith(".tif") else write_pdf)(pages, folder / file)
        rows.append({"file": file, "letters": " ".join(names), "expected": expected, "note": note})
    with (args.out / "batches.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["file", "letters", "expected", "note"])
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} Stapel in {folder}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
