"""Write the sample mail of the mailroom robot: letters in ``letters/`` and ``labels.csv``.

Usage (from the repository root)::

    .venv/bin/python samples/mail/make_samples.py [--out samples/mail]

The letters themselves are in ``corpus.py``. Each document is laid out once as a list of
drawing operations in millimetres; the operations are then either written into a PDF with
a real text layer (fpdf2) or rasterised with Pillow and made to look scanned (paper tone,
toner, blur, specks, punch holes, folds, skew, pages fed upside down), and saved as PNG,
JPEG, TIFF or image-only PDF. Mixed PDFs join a born-digital cover letter and scanned
enclosures with pypdf.

Everything is deterministic: the noise is seeded from each letter's key, the file names
from a fixed seed, and the PDF dates are fixed, so a re-run writes the same bytes (as far
as the installed Pillow, zlib, libjpeg, libtiff and fpdf2 versions allow).
"""

from __future__ import annotations

import argparse
import csv
import io
import math
import random
import shutil
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from fpdf import FPDF
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont
from pypdf import PdfReader, PdfWriter

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import SAMPLES
from model import (
    Blank,
    Card,
    Doc,
    Family,
    Flyer,
    Form,
    Invoice,
    Letter,
    Memo,
    Newsletter,
    Note,
    Plan,
    Sample,
    Scan,
)

SEED = 20261124
PDF_DATE = datetime(2026, 11, 24, 9, 0, 0, tzinfo=UTC)
PAGE_W, PAGE_H = 210.0, 297.0
PT = 25.4 / 72  # millimetres per point

LIBERATION = Path("/usr/share/fonts/truetype/liberation")
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
FONT_FILES: dict[str, Path] = {
    "sans": LIBERATION / "LiberationSans-Regular.ttf",
    "sans-b": LIBERATION / "LiberationSans-Bold.ttf",
    "sans-i": LIBERATION / "LiberationSans-Italic.ttf",
    "serif": LIBERATION / "LiberationSerif-Regular.ttf",
    "serif-b": LIBERATION / "LiberationSerif-Bold.ttf",
    "serif-i": LIBERATION / "LiberationSerif-Italic.ttf",
    "mono": LIBERATION / "LiberationMono-Regular.ttf",
    "mono-b": LIBERATION / "LiberationMono-Bold.ttf",
    "mono-i": LIBERATION / "LiberationMono-Italic.ttf",
    "narrow": LIBERATION / "LiberationSansNarrow-Regular.ttf",
    "narrow-b": LIBERATION / "LiberationSansNarrow-Bold.ttf",
    "narrow-i": LIBERATION / "LiberationSansNarrow-Italic.ttf",
    "dejavu": DEJAVU / "DejaVuSans.ttf",
    "dejavu-b": DEJAVU / "DejaVuSans-Bold.ttf",
    "dejavu-i": DEJAVU / "DejaVuSans-Oblique.ttf",
    "dserif": DEJAVU / "DejaVuSerif.ttf",
    "dserif-b": DEJAVU / "DejaVuSerif-Bold.ttf",
    "dserif-i": DEJAVU / "DejaVuSerif-Italic.ttf",
    "cond": DEJAVU / "DejaVuSansCondensed.ttf",
    "cond-b": DEJAVU / "DejaVuSansCondensed-Bold.ttf",
    "cond-i": DEJAVU / "DejaVuSansCondensed-Oblique.ttf",
    # "Handwriting": no script font ships with the system, so a slanted face is drawn
    # glyph by glyph with a wandering baseline, varying size and tilt (see draw_hand).
    "hand": DEJAVU / "DejaVuSansCondensed-Oblique.ttf",
}


# --------------------------------------------------------------------------------------
# Drawing operations (millimetres, y grows downwards, text y is the baseline)


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    text: str
    font: str
    size: float
    gray: int = 0
    align: str = "l"  # l, r, c


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    width: float = 0.25
    gray: int = 0


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: int | None = None
    stroke: int | None = 0
    width: float = 0.25


@dataclass(frozen=True)
class Poly:
    points: tuple[tuple[float, float], ...]
    width: float = 0.35
    gray: int = 20


@dataclass(frozen=True)
class Hand:
    """A handwritten line (scans only; born-digital output prints it in italics)."""

    x: float
    y: float
    text: str
    size: float
    gray: int = 45


@dataclass(frozen=True)
class Stamp:
    """The mailroom's rubber stamp, in faded red ink (scans only)."""

    x: float
    y: float
    lines: tuple[str, ...]
    angle: float


Op = Text | Line | Rect | Poly | Hand | Stamp


@dataclass
class Page:
    ops: list[Op] = field(default_factory=list)

    def add(self, op: Op) -> None:
        self.ops.append(op)


# --------------------------------------------------------------------------------------
# Text measurement and line breaking


@cache
def _ruler(font: str) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_FILES[font]), 1000)


def width_mm(text: str, font: str, size: float) -> float:
    """Advance width of ``text`` in millimetres."""
    return _ruler(font).getlength(text) / 1000 * size * PT


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy word wrap to ``width`` millimetres; a word longer than the line stays whole."""
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if current and width_mm(candidate, font, size) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    lines.append(current)
    return lines


def fmt_money(value: float) -> str:
    """German money format: 1.234,50 €."""
    whole, cents = f"{value:,.2f}".split(".")
    return f"{whole.replace(',', '.')},{cents} €"


class Flow:
    """Flows paragraphs down the pages of one document, starting new pages as needed."""

    def __init__(
        self,
        pages: list[Page],
        y: float,
        left: float = 25.0,
        right: float = 190.0,
        bottom: float = 268.0,
        top_next: float = 30.0,
        on_new_page: Callable[[Page, int], None] | None = None,
    ) -> None:
        self.pages = pages
        self.y = y
        self.left = left
        self.right = right
        self.bottom = bottom
        self.top_next = top_next
        self.on_new_page = on_new_page

    @property
    def page(self) -> Page:
        return self.pages[-1]

    def new_page(self) -> None:
        page = Page()
        self.pages.append(page)
        if self.on_new_page is not None:
            self.on_new_page(page, len(self.pages))
        self.y = self.top_next

    def need(self, height: float) -> None:
        if self.y + height > self.bottom:
            self.new_page()

    def space(self, mm: float) -> None:
        self.y += mm

    def line(
        self, text: str, font: str, size: float, x: float | None = None, gray: int = 0
    ) -> None:
        lead = size * PT * 1.32
        self.need(lead)
        self.y += lead
        self.page.add(Text(self.left if x is None else x, self.y, text, font, size, gray))

    def table_row(self, cols: list[str], font: str, size: float, lead: float) -> None:
        """A table row: the first column at the margin, amounts (… € or … %) and cells
        marked with a leading ">" right-aligned, other cells at tab stops (50 mm for two
        columns, 45 and 100 mm for three)."""
        tabs = (0.0, 50.0) if len(cols) == 2 else (0.0, 45.0, 100.0, 140.0)
        amount = [
            i > 0 and (c.strip().endswith(("€", "%")) or c.startswith(">"))
            for i, c in enumerate(cols)
        ]
        cells: list[tuple[float, str, list[str]]] = []
        for i, raw in enumerate(cols):
            col = raw.strip().lstrip(">")
            if not col:
                continue
            if amount[i]:
                cells.append((self.right, "r", [col]))
                continue
            x = self.left + tabs[i]
            later = [self.left + tabs[j] for j in range(i + 1, len(cols)) if not amount[j]]
            end = later[0] - 2 if later else self.right - (32 if any(amount[i + 1 :]) else 0)
            cells.append((x, "l", wrap(col, font, size, end - x)))
        rows = max((len(lines) for _, _, lines in cells), default=1)
        self.need(lead * rows)
        for x, align, lines in cells:
            for j, part in enumerate(lines):
                self.page.add(Text(x, self.y + lead * (j + 1), part, font, size, align=align))
        self.y += lead * rows

    def paragraph(self, text: str, family: Family, size: float, gap: bool = True) -> None:
        """One body paragraph (see `model.Letter` for the small markup)."""
        if text == "\f":
            self.new_page()
            return
        font: str = family
        if text.startswith("**") and text.endswith("**"):
            font, text = f"{family}-b", text[2:-2]
        lead = size * PT * 1.32
        width = self.right - self.left
        for raw in text.split("\n"):
            if " | " in raw:
                self.table_row(raw.split(" | "), font, size, lead)
                continue
            indent = 0.0
            bullet = ""
            if raw.startswith(("• ", "- ")):
                bullet, raw, indent = raw[0], raw[2:], 5.0
            for i, part in enumerate(wrap(raw, font, size, width - indent)):
                self.need(lead)
                self.y += lead
                if bullet and i == 0:
                    self.page.add(Text(self.left, self.y, bullet, font, size))
                self.page.add(Text(self.left + indent, self.y, part, font, size))
        if gap:
            self.y += lead * 0.9


# --------------------------------------------------------------------------------------
# Layout of the document types


def signature_scribble(x: float, y: float, rng: random.Random, width: float = 38.0) -> Poly:
    """A fluent, illegible signature: a tall initial, loops drifting to the right, and now
    and then a sweep back underneath. ``y`` is the baseline."""
    points: list[tuple[float, float]] = []
    initial = rng.uniform(6, 10)
    # the initial: up and down with a small loop
    for t in (0.0, 0.25, 0.5, 0.75, 1.0):
        points.append((x + t * 4 + rng.uniform(-0.4, 0.4), y - initial * math.sin(t * math.pi)))
    loops = rng.randint(3, 7)
    amp = rng.uniform(1.8, 3.8)
    tilt = rng.uniform(-0.08, 0.04)
    steps = 18 * loops
    start = x + 4
    for i in range(1, steps + 1):
        t = i / steps
        angle = t * loops * 2 * math.pi
        grow = 1 + 0.6 * math.sin(t * 7 + loops)
        px = start + t * (width - 4) + 1.6 * math.cos(angle)
        py = y - amp * grow * (0.5 + 0.5 * math.sin(angle)) + tilt * t * width
        points.append((px, py))
    if rng.random() < 0.5:  # underline sweep back to the left
        end_x, end_y = points[-1]
        for t in (0.3, 0.6, 1.0):
            points.append((end_x - t * width * 0.8, end_y + 2.5 + t * 0.8))
    return Poly(tuple((round(a, 2), round(b, 2)) for a, b in points), width=0.4, gray=30)


def fold_marks(page: Page) -> None:
    for y in (105.0, 210.0):
        page.add(Line(4, y, 9, y, 0.2, 90))
    page.add(Line(4, 148.5, 11, 148.5, 0.2, 90))


def page_numbers(pages: list[Page], family: Family, y: float = 287.0) -> None:
    if len(pages) < 2:
        return
    for number, page in enumerate(pages, start=1):
        page.add(Text(190, y, f"Seite {number} von {len(pages)}", family, 8.5, 60, align="r"))


def layout_letter(doc: Letter, rng: random.Random) -> list[Page]:
    page = Page()
    pages = [page]
    fam = doc.family
    bold = f"{fam}-b"
    small = 7.5
    name = doc.sender[0]
    if doc.head in ("company", "authority"):
        # letterhead: name large on the top left, claim below, a rule across
        page.add(Text(25, 22, doc.company[0] if doc.company else name, bold, 17))
        for i, line in enumerate(doc.company[1:3]):
            page.add(Text(25, 28.5 + i * 4.6, line, fam, 9, 70))
        page.add(Line(25, 38, 190, 38, 0.5, 40))
        fold_marks(page)
    elif doc.head == "private-right":
        for i, line in enumerate(doc.sender + doc.contact):
            page.add(Text(190, 18 + i * 4.9, line, fam, 10, align="r"))
    else:
        for i, line in enumerate(doc.sender + doc.contact):
            page.add(Text(25, 18 + i * 4.9, line, fam, 10))
    # return address line and address window (DIN 5008 form B)
    if doc.head in ("company", "authority"):
        back = " · ".join(doc.sender)
        page.add(Text(25, 53, back, fam, 6.5, 40))
        page.add(Line(25, 54, 25 + width_mm(back, fam, 6.5), 54, 0.15, 60))
    y = 63.0
    for line in doc.recipient:
        page.add(Text(25, y, line, fam, doc.size))
        y += doc.size * PT * 1.25
    # information block on the right
    info = list(doc.refs)
    if doc.head in ("company", "authority"):
        info.append(("Datum", doc.date))
    iy = 53.0 if doc.head in ("company", "authority") else 63.0
    for label, value in info:
        page.add(Text(125, iy, label, fam, small, 60))
        page.add(Text(125, iy + 4.2, value, fam, 9.5))
        iy += 9.2
    if doc.head not in ("company", "authority") and doc.date:
        page.add(Text(190, max(iy + 2, 98.0), doc.date, fam, doc.size, align="r"))
    top = max(iy + 8, 103.0) if doc.recipient else 18 + 4.9 * len(doc.sender + doc.contact) + 14
    flow = Flow(
        pages,
        y=top,
        bottom=262.0 if doc.footer else 272.0,
        top_next=28.0,
        on_new_page=lambda p, n: _continuation(p, n, doc),
    )
    subject_font = bold if doc.head != "typewriter" else fam
    for part in doc.subject.split("\n"):
        for piece in wrap(part, subject_font, doc.size, 165):
            flow.line(piece, subject_font, doc.size)
    if doc.head == "typewriter":
        flow.page.add(
            Line(25, flow.y + 1, 25 + width_mm(doc.subject, fam, doc.size), flow.y + 1, 0.2)
        )
    flow.space(doc.size * PT * 2.2)
    if doc.salutation:
        flow.paragraph(doc.salutation, fam, doc.size)
    for para in doc.body:
        flow.paragraph(para, fam, doc.size)
    flow.need(28)
    flow.line(doc.closing, fam, doc.size)
    if doc.signed:
        flow.page.add(signature_scribble(27, flow.y + 14, rng))
    flow.space(16)
    for line in doc.signature or (name,):
        flow.line(line, fam, doc.size)
    if doc.enclosures:
        flow.space(5)
        flow.line("Anlagen", fam, doc.size)
        for enc in doc.enclosures:
            flow.line(f"– {enc}", fam, doc.size)
    if doc.footer:
        for p in pages:
            p.add(Line(25, 272, 190, 272, 0.2, 90))
            colw = 165 / len(doc.footer)
            for i, col in enumerate(doc.footer):
                for j, line in enumerate(col.split("\n")):
                    p.add(Text(25 + i * colw, 276 + j * 3.3, line, fam, 6.8, 70))
    page_numbers(pages, fam, 268.0 if doc.footer else 287.0)
    return pages


def _continuation(page: Page, number: int, doc: Letter) -> None:
    who = doc.company[0] if doc.company else doc.sender[0]
    page.add(Text(25, 17, f"{who} – Schreiben vom {doc.date}", doc.family, 8.5, 70))


def layout_memo(doc: Memo, rng: random.Random) -> list[Page]:
    page = Page()
    pages = [page]
    fam = doc.family
    bold = f"{fam}-b"
    page.add(Text(25, 20, "Stadt Seestadt", bold, 11))
    page.add(Text(25, 25, "Der Oberbürgermeister", fam, 8.5, 70))
    page.add(Text(25, 40, doc.title, bold, 18))
    page.add(Text(190, 40, doc.date, fam, 10.5, align="r"))
    rows: list[tuple[str, str]] = [("An:", doc.to), ("Von:", doc.sender)]
    if doc.ref:
        rows.append((f"{doc.ref[0]}:", doc.ref[1]))
    if doc.copy:
        rows.append(("nachrichtlich:", doc.copy))
    rows.append(("Betreff:", doc.subject))
    y = 48.0
    page.add(Line(25, y, 190, y, 0.4))
    for label, value in rows:
        lines = wrap(value, bold if label == "Betreff:" else fam, 10.5, 130)
        height = 3.5 + 5.2 * len(lines)
        page.add(Text(27, y + 6, label, fam, 10.5, 50))
        for i, part in enumerate(lines):
            page.add(Text(58, y + 6 + i * 5.2, part, bold if label == "Betreff:" else fam, 10.5))
        y += height
        page.add(Line(25, y, 190, y, 0.2, 80))
    page.add(Line(55, 48, 55, y, 0.2, 80))
    page.add(Line(25, y, 190, y, 0.4))
    flow = Flow(
        pages,
        y=y + 8,
        on_new_page=lambda p, n: p.add(
            Text(25, 17, f"Hausmitteilung vom {doc.date}, Seite {n}", fam, 8.5, 70)
        ),
    )
    for para in doc.body:
        flow.paragraph(para, fam, 10.5)
    flow.need(24)
    if doc.signature:
        flow.page.add(signature_scribble(27, flow.y + 12, rng, 30))
        flow.space(14)
        for line in doc.signature:
            flow.line(line, fam, 10.5)
    return pages


def layout_form(doc: Form, rng: random.Random) -> list[Page]:
    page = Page()
    fam = doc.family
    bold = f"{fam}-b"
    for i, line in enumerate(doc.issuer):
        page.add(Text(20, 16 + i * 4.4, line, bold if i == 0 else fam, 9 if i else 10))
    ry = 16.0
    for label, value in doc.refs:
        page.add(Text(125, ry, label, fam, 7, 60))
        page.add(Rect(125, ry + 1, 65, 6.5, None, 110, 0.2))
        page.add(Text(127, ry + 6, value, fam, 10))
        ry += 10
    y = max(ry, 16 + 4.4 * len(doc.issuer)) + 9
    for part in wrap(doc.title, bold, 15, 170):
        page.add(Text(20, y, part, bold, 15))
        y += 7
    if doc.subtitle:
        for part in wrap(doc.subtitle, fam, 9, 170):
            page.add(Text(20, y, part, fam, 9, 50))
            y += 4.2
    y += 3
    for row in doc.rows:
        colw = 170 / len(row)
        cells = [wrap(value, fam, 10.5, colw - 4) for _, value in row]
        height = 8.0 + 4.5 * max(len(lines) for lines in cells)
        for i, ((label, _), lines) in enumerate(zip(row, cells, strict=True)):
            x = 20 + i * colw
            page.add(Rect(x, y, colw, height, None, 80, 0.25))
            page.add(Text(x + 1.5, y + 3.3, label, fam, 6.8, 70))
            for j, part in enumerate(lines):
                page.add(Text(x + 2, y + 9.5 + j * 4.5, part, fam, 10.5))
        y += height
    y += 6
    for checked, label in doc.checks:
        page.add(Rect(21, y - 3.4, 3.6, 3.6, None, 40, 0.25))
        if checked:
            page.add(Line(21.4, y - 3.0, 24.2, y - 0.2, 0.45, 20))
            page.add(Line(24.2, y - 3.0, 21.4, y - 0.2, 0.45, 20))
        for k, part in enumerate(wrap(label, fam, 9.5, 160)):
            page.add(Text(27, y + k * 4.4, part, fam, 9.5))
            last = k
        y += 6.5 + 4.4 * last
    y += 2
    for para in doc.text:
        for part in wrap(para, fam, 8.5, 170):
            page.add(Text(20, y, part, fam, 8.5, 40))
            y += 3.9
        y += 2.5
    if doc.place_date:
        y = max(y + 14, 240.0)
        page.add(Text(22, y - 1.5, doc.place_date, fam, 10.5))
        page.add(Line(20, y, 90, y, 0.2, 60))
        page.add(Line(110, y, 190, y, 0.2, 60))
        page.add(Text(20, y + 3.5, "Ort, Datum", fam, 7, 60))
        page.add(Text(110, y + 3.5, "Unterschrift", fam, 7, 60))
        page.add(signature_scribble(115, y - 2, rng, 40))
    return [page]


def layout_invoice(doc: Invoice, rng: random.Random) -> list[Page]:
    page = Page()
    fam = doc.family
    bold = f"{fam}-b"
    page.add(Text(190, 22, doc.company[0], bold, 16, align="r"))
    for i, line in enumerate(doc.company[1:]):
        page.add(Text(190, 28 + i * 4.3, line, fam, 8.5, 60, align="r"))
    fold_marks(page)
    page.add(Text(25, 53, doc.sender_line, fam, 6.5, 40))
    y = 63.0
    for line in doc.recipient:
        page.add(Text(25, y, line, fam, 10.5))
        y += 4.6
    my = 53.0
    for label, value in doc.meta:
        page.add(Text(125, my, label, fam, 8, 60))
        page.add(Text(190, my, value, fam, 9.5, align="r"))
        my += 5.0
    flow = Flow([page], y=max(my, 98.0) + 6, bottom=258)
    flow.line(doc.title, bold, 13)
    flow.space(4)
    flow.paragraph(doc.intro, fam, 10)
    flow.need(10)
    y = flow.y + 2
    page = flow.page
    page.add(Rect(25, y, 165, 6.5, 230, None))
    for x, label, align in (
        (27, "Pos.", "l"),
        (38, "Menge", "l"),
        (58, "Bezeichnung", "l"),
        (163, "Einzelpreis", "r"),
        (189, "Gesamt", "r"),
    ):
        page.add(Text(x, y + 4.6, label, bold, 8.5, align=align))
    y += 6.5
    net = 0.0
    for pos, (qty, unit, text, price) in enumerate(doc.positions, start=1):
        amount = float(qty.replace(",", ".")) * price
        net += amount
        lines = wrap(text, fam, 9.5, 78)
        page.add(Text(27, y + 4.8, str(pos), fam, 9.5))
        page.add(Text(38, y + 4.8, f"{qty} {unit}", fam, 9.5))
        for k, part in enumerate(lines):
            page.add(Text(58, y + 4.8 + k * 4.3, part, fam, 9.5))
        page.add(Text(163, y + 4.8, fmt_money(price), fam, 9.5, align="r"))
        page.add(Text(189, y + 4.8, fmt_money(amount), fam, 9.5, align="r"))
        y += 3 + 4.3 * len(lines)
        page.add(Line(25, y, 190, y, 0.15, 150))
    vat = round(net * doc.vat / 100, 2)
    y += 6
    totals: tuple[tuple[str, float, str], ...] = (
        ("Summe netto", net, fam),
        (f"zzgl. {doc.vat} % USt.", vat, fam),
        ("Rechnungsbetrag", net + vat, bold),
    )
    for label, total, font in totals:
        page.add(Text(163, y, label, font, 10, align="r"))
        page.add(Text(189, y, fmt_money(total), font, 10, align="r"))
        y += 5.2
    flow.y = y + 4
    for para in doc.outro:
        flow.paragraph(para, fam, 10)
    page.add(Line(25, 262, 190, 262, 0.2, 90))
    colw = 165 / len(doc.footer)
    for i, col in enumerate(doc.footer):
        for j, line in enumerate(col.split("\n")):
            page.add(Text(25 + i * colw, 266 + j * 3.3, line, fam, 6.8, 70))
    return flow.pages


def layout_flyer(doc: Flyer, rng: random.Random) -> list[Page]:
    page = Page()
    fam = doc.family
    bold = f"{fam}-b"
    page.add(Rect(0, 0, 210, 34, 60, None))
    page.add(Text(105, 22, doc.brand, bold, 26, 255, align="c"))
    y = 50.0
    if doc.recipient:
        for line in doc.recipient:
            page.add(Text(25, y, line, fam, 9.5))
            y += 4.4
        y += 8
    for line in doc.headline:
        page.add(Text(105, y + 10, line, bold, 24, align="c"))
        y += 12
    y += 8
    for para in doc.body:
        for part in wrap(para, fam, 12, 160):
            page.add(Text(105, y, part, fam, 12, align="c"))
            y += 5.8
        y += 3
    y += 4
    for i, (article, old, new) in enumerate(doc.offers):
        x = 22 + (i % 3) * 57
        yy = y + (i // 3) * 38
        page.add(Rect(x, yy, 52, 33, 238, 120, 0.4))
        for k, part in enumerate(wrap(article, bold, 10.5, 48)[:3]):
            page.add(Text(x + 26, yy + 7 + k * 4.6, part, bold, 10.5, align="c"))
        page.add(Text(x + 26, yy + 22, f"statt {old}", fam, 9, 80, align="c"))
        page.add(Line(x + 14, yy + 21, x + 38, yy + 21, 0.3, 80))
        page.add(Text(x + 26, yy + 30, new, bold, 15, align="c"))
    y += 38 * math.ceil(len(doc.offers) / 3) + 6
    for para in doc.small_print:
        for part in wrap(para, fam, 7.5, 170):
            page.add(Text(20, y, part, fam, 7.5, 60))
            y += 3.5
        y += 1.5
    return [page]


def layout_newsletter(doc: Newsletter, rng: random.Random) -> list[Page]:
    fam = doc.family
    bold = f"{fam}-b"
    first = Page()
    first.add(Rect(20, 12, 170, 20, 45, None))
    first.add(Text(25, 25.5, doc.masthead, bold, 18, 255))
    first.add(Text(185, 25.5, doc.issue, fam, 9, 230, align="r"))
    y = 45.0
    for line in doc.recipient:
        first.add(Text(25, y, line, fam, 9.5))
        y += 4.3
    flow = Flow(
        [first],
        y=y + 8,
        left=20,
        right=190,
        bottom=265,
        top_next=25,
        on_new_page=lambda p, n: p.add(Text(20, 15, f"{doc.masthead} · {doc.issue}", fam, 8, 80)),
    )
    for title, text in doc.articles:
        flow.need(22)
        flow.space(2)
        for part in wrap(title, bold, 12.5, 170):
            flow.line(part, bold, 12.5)
        flow.space(1)
        for para in text.split("\n"):
            flow.paragraph(para, fam, 9.5, gap=False)
            flow.space(1.5)
        flow.space(3)
        flow.page.add(Line(20, flow.y, 190, flow.y, 0.2, 150))
    for p in flow.pages:
        for j, line in enumerate(doc.footer):
            p.add(Text(20, 274 + j * 3.6, line, fam, 7, 70))
    page_numbers(flow.pages, fam, 290)
    return flow.pages


def layout_card(doc: Card, rng: random.Random) -> list[Page]:
    page = Page()
    x, y, w, h = 18.0, 20.0, 148.0, 105.0
    page.add(Rect(x, y, w, h, 225, 150, 0.3))
    page.add(Rect(x + 4, y + 4, w - 8, h - 8, None, 120, 0.8))
    page.add(Rect(x + 6, y + 6, w - 12, h - 12, None, 150, 0.3))
    page.add(Text(x + w / 2, y + 22, doc.printed, "serif-i", 22, 70, align="c"))
    for i in range(5):  # a garland of little circles
        cx = x + 20 + i * 27
        page.add(Rect(cx, y + 28, 3, 3, 150, None))
    for i, line in enumerate(doc.lines):
        page.add(Hand(x + 14, y + 45 + i * 9.5, line, 14))
    return [page]


def layout_note(doc: Note, rng: random.Random) -> list[Page]:
    page = Page()
    x, y, w, h = 30.0, 18.0, 148.0, 210.0
    page.add(Rect(x, y, w, h, 250, 170, 0.2))
    for gx in range(1, int(w // 5)):
        page.add(Line(x + gx * 5, y, x + gx * 5, y + h, 0.1, 205))
    for gy in range(1, int(h // 5)):
        page.add(Line(x, y + gy * 5, x + w, y + gy * 5, 0.1, 205))
    for i, line in enumerate(doc.lines):
        page.add(Hand(x + 8, y + 22 + i * 11, line, 15, gray=30))
    return [page]


def layout_blank(doc: Blank, rng: random.Random) -> list[Page]:
    page = Page()
    for i, mark in enumerate(doc.marks):
        page.add(Hand(150 + i * 6, 280, mark, 9, gray=170))
    return [page]


def hatch(
    x: float, y: float, w: float, h: float, step: float
) -> list[tuple[float, float, float, float]]:
    """45° hatching lines clipped to a rectangle."""
    segments = []
    d = -h + step
    while d < w:
        x1, y1 = x + max(d, 0.0), y + h - max(-d, 0.0)
        x2, y2 = x + min(d + h, w), y + h - (min(d + h, w) - d)
        segments.append((x1, y1, x2, y2))
        d += step
    return segments


def layout_plan(doc: Plan, rng: random.Random) -> list[Page]:
    page = Page()
    page.add(Rect(12, 12, 186, 273, None, 0, 0.5))
    # street along the bottom
    page.add(Line(12, 200, 198, 200, 0.4))
    page.add(Line(12, 215, 198, 215, 0.4))
    page.add(Text(105, 209.5, doc.street, "sans-i", 11, 40, align="c"))
    # parcels
    xs = (20.0, 75.0, 135.0, 190.0)
    for x in xs:
        page.add(Line(x, 60, x, 196, 0.25, 60))
    page.add(Line(20, 60, 190, 60, 0.25, 60))
    page.add(Line(20, 196, 190, 196, 0.25, 60))
    page.add(Text(47, 100, doc.neighbours[0], "sans", 8.5, 60, align="c"))
    page.add(Text(162, 100, doc.neighbours[1], "sans", 8.5, 60, align="c"))
    page.add(Text(105, 70, doc.parcel, "sans-b", 10, align="c"))
    # the building: existing house, new extension hatched
    page.add(Rect(85, 110, 40, 50, None, 0, 0.5))
    page.add(Text(105, 137, "Bestand", "sans", 9, align="c"))
    page.add(Rect(85, 160, 40, 18, None, 0, 0.6))
    for seg in hatch(85, 160, 40, 18, 4):
        page.add(Line(*seg, 0.15, 60))
    page.add(Text(105, 185, "geplanter Anbau", "sans-b", 8.5, align="c"))
    # distances
    page.add(Line(75, 170, 85, 170, 0.2, 40))
    page.add(Text(80, 168.5, "3,00", "sans", 7, align="c"))
    page.add(Line(125, 170, 135, 170, 0.2, 40))
    page.add(Text(130, 168.5, "3,50", "sans", 7, align="c"))
    # north arrow
    page.add(Poly(((30, 40), (34, 25), (38, 40), (34, 36), (30, 40)), 0.4, 0))
    page.add(Text(34, 22, "N", "sans-b", 10, align="c"))
    # title block
    page.add(Rect(110, 228, 88, 57, None, 0, 0.4))
    ty = 234.0
    for i, line in enumerate(doc.title):
        page.add(Text(113, ty, line, "sans-b" if i == 0 else "sans", 10 if i == 0 else 8.5))
        ty += 5.2 if i == 0 else 4.4
    return [page]


LAYOUTS: dict[type, Callable[..., list[Page]]] = {
    Letter: layout_letter,
    Memo: layout_memo,
    Form: layout_form,
    Invoice: layout_invoice,
    Flyer: layout_flyer,
    Newsletter: layout_newsletter,
    Card: layout_card,
    Note: layout_note,
    Blank: layout_blank,
    Plan: layout_plan,
}


def layout(doc: Doc, rng: random.Random) -> list[Page]:
    return LAYOUTS[type(doc)](doc, rng)


# --------------------------------------------------------------------------------------
# Born-digital output (fpdf2)


def render_pdf(pages: Sequence[Page], title: str) -> bytes:
    pdf = FPDF(unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_creation_date(PDF_DATE)
    pdf.set_creator("Lotse sample mail (make_samples.py)")
    pdf.set_title(title)
    used = {
        op.font if isinstance(op, Text) else "hand"
        for page in pages
        for op in page.ops
        if isinstance(op, Text | Hand)
    }
    for key in sorted(used):
        pdf.add_font(key, "", str(FONT_FILES[key]))
    for page in pages:
        pdf.add_page()
        for op in page.ops:
            _pdf_op(pdf, op)
    return bytes(pdf.output())


def _pdf_op(pdf: FPDF, op: Op) -> None:
    if isinstance(op, Text | Hand):
        font = op.font if isinstance(op, Text) else "hand"
        pdf.set_font(font, size=op.size)
        pdf.set_text_color(op.gray)
        x = op.x
        align = op.align if isinstance(op, Text) else "l"
        if align != "l":
            w = width_mm(op.text, font, op.size)
            x -= w if align == "r" else w / 2
        pdf.text(x, op.y, op.text)
    elif isinstance(op, Line):
        pdf.set_draw_color(op.gray)
        pdf.set_line_width(op.width)
        pdf.line(op.x1, op.y1, op.x2, op.y2)
    elif isinstance(op, Rect):
        style = ("F" if op.fill is not None else "") + ("D" if op.stroke is not None else "")
        if op.fill is not None:
            pdf.set_fill_color(op.fill)
        if op.stroke is not None:
            pdf.set_draw_color(op.stroke)
        pdf.set_line_width(op.width)
        pdf.rect(op.x, op.y, op.w, op.h, style=style)
    elif isinstance(op, Poly):
        pdf.set_draw_color(op.gray)
        pdf.set_line_width(op.width)
        pdf.polyline(list(op.points))
    # Stamps only exist on paper.


# --------------------------------------------------------------------------------------
# Scanned output (Pillow)


@cache
def _font(key: str, px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_FILES[key]), px)


def rasterise(page: Page, dpi: int, rng: random.Random) -> Image.Image:
    """Draw the page's operations in black on white at ``dpi``."""
    k = dpi / 25.4
    img = Image.new("L", (round(PAGE_W * k), round(PAGE_H * k)), 255)
    draw = ImageDraw.Draw(img)
    for op in page.ops:
        if isinstance(op, Text):
            anchor = {"l": "ls", "r": "rs", "c": "ms"}[op.align]
            font = _font(op.font, round(op.size * PT * k))
            draw.text((op.x * k, op.y * k), op.text, font=font, fill=op.gray, anchor=anchor)
        elif isinstance(op, Line):
            draw.line(
                (op.x1 * k, op.y1 * k, op.x2 * k, op.y2 * k),
                fill=op.gray,
                width=max(1, round(op.width * k)),
            )
        elif isinstance(op, Rect):
            box = (op.x * k, op.y * k, (op.x + op.w) * k, (op.y + op.h) * k)
            draw.rectangle(box, fill=op.fill, outline=op.stroke, width=max(1, round(op.width * k)))
        elif isinstance(op, Poly):
            draw.line(
                [(x * k, y * k) for x, y in op.points],
                fill=op.gray,
                width=max(1, round(op.width * k)),
                joint="curve",
            )
        elif isinstance(op, Hand):
            draw_hand(img, op, k, rng)
        elif isinstance(op, Stamp):
            draw_stamp(img, op, k)
    return img


def draw_hand(img: Image.Image, op: Hand, k: float, rng: random.Random) -> None:
    """Imitate handwriting: slanted glyphs, each a little tilted, resized and off the line."""
    x = op.x * k
    base = op.y * k
    px = round(op.size * PT * k)
    phase = rng.uniform(0, 6.28)
    for i, ch in enumerate(op.text):
        size = max(6, round(px * rng.uniform(0.88, 1.12)))
        font = _font("hand", size)
        advance = font.getlength(ch)
        if ch != " ":
            pad = size
            glyph = Image.new("L", (int(advance) + 2 * pad, 2 * size + pad), 0)
            ImageDraw.Draw(glyph).text(
                (pad, size + pad // 2),
                ch,
                font=font,
                fill=255,
                anchor="ls",
                stroke_width=max(1, size // 28),
            )
            glyph = glyph.rotate(rng.uniform(-9, 9), resample=Image.Resampling.BICUBIC)
            # shear to the right like a quick hand
            glyph = glyph.transform(
                glyph.size,
                Image.Transform.AFFINE,
                (1, 0.28, -0.28 * glyph.size[1] / 2, 0, 1, 0),
                resample=Image.Resampling.BICUBIC,
            )
            wobble = math.sin(phase + i * 0.35) * px * 0.12 + rng.uniform(-1, 1) * px * 0.05
            top = round(base + wobble - size - pad // 2)
            left = round(x - pad)
            ink = Image.new("L", glyph.size, op.gray)
            img.paste(ink, (left, top), glyph)
        x += advance * rng.uniform(0.9, 1.04) + (px * 0.1 if ch == " " else 0)


def draw_stamp(img: Image.Image, op: Stamp, k: float) -> None:
    """A rubber stamp: a frame with a few lines, rotated, in pale ink, multiplied in."""
    px = round(3.4 * k)
    font = _font("sans-b", px)
    width = max(round(font.getlength(line)) for line in op.lines) + 4 * px
    height = len(op.lines) * round(px * 1.5) + 2 * px
    stamp = Image.new("L", (width, height), 255)
    d = ImageDraw.Draw(stamp)
    d.rounded_rectangle(
        (2, 2, width - 3, height - 3), radius=px, outline=140, width=max(2, px // 7)
    )
    for i, line in enumerate(op.lines):
        d.text((width / 2, px * 1.2 + i * round(px * 1.5)), line, font=font, fill=140, anchor="mt")
    stamp = stamp.rotate(op.angle, expand=True, fillcolor=255, resample=Image.Resampling.BICUBIC)
    region = (round(op.x * k), round(op.y * k))
    box = (*region, region[0] + stamp.size[0], region[1] + stamp.size[1])
    img.paste(ImageChops.darker(img.crop(box), stamp), region)


def paper_texture(size: tuple[int, int], rng: random.Random, light: int) -> Image.Image:
    """Smooth, blotchy paper tone: a coarse random grid scaled up bicubically."""
    cols, rows = 9, 13
    grid = Image.new("L", (cols, rows))
    grid.putdata([rng.randint(light - 9, min(255, light + 3)) for _ in range(cols * rows)])
    return grid.resize(size, Image.Resampling.BICUBIC)


def scanify(img: Image.Image, scan: Scan, rng: random.Random, page_no: int) -> Image.Image:
    """Turn a clean rendering into something that came out of an office scanner."""
    w, h = img.size
    k = scan.dpi / 25.4
    ink_level = rng.randint(18, 55)
    img = img.point(lambda v: ink_level + v * (255 - ink_level) // 255)
    draw = ImageDraw.Draw(img)
    if scan.folds:
        for y_mm in (99.0, 198.0):
            y = round((y_mm + rng.uniform(-3, 3)) * k)
            draw.line((0, y, w, y + rng.randint(-4, 4)), fill=218, width=2)
    if scan.holes:
        for y_mm in (148.5 - 40, 148.5 + 40):
            cx, cy, r = 10 * k, y_mm * k, 3 * k
            draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=75)
    img = img.filter(ImageFilter.GaussianBlur(0.35 * scan.dpi / 200 + rng.uniform(0, 0.25)))
    img = ImageChops.multiply(img, paper_texture((w, h), rng, rng.randint(236, 247)))
    draw = ImageDraw.Draw(img)
    for _ in range(int(350 * scan.speckle)):
        x, y = rng.randrange(w), rng.randrange(h)
        r = rng.choice((1, 1, 1, 2, 2, 3))
        draw.ellipse((x, y, x + r, y + r), fill=rng.randint(40, 170))
    for _ in range(int(6 * scan.speckle)):  # a few hairs and scratches
        x, y = rng.randrange(w), rng.randrange(h)
        draw.line(
            (x, y, x + rng.randint(-60, 60), y + rng.randint(-60, 60)),
            fill=rng.randint(120, 190),
            width=1,
        )
    skew = scan.skew + rng.uniform(-0.3, 0.3) * (1 if page_no else 0.3)
    skew = math.copysign(min(2.0, max(0.3, abs(skew))), skew)  # 0.3° to 2°
    lid = rng.randint(246, 252)
    img = img.rotate(skew, resample=Image.Resampling.BICUBIC, fillcolor=lid)
    # the scanner's shadow along the leading edge
    edge = ImageDraw.Draw(img)
    for i in range(rng.randint(3, 7)):
        edge.line((0, i, w, i), fill=120 + i * 18)
    if scan.unreadable:
        img = ruin(img, rng)
    if scan.turn:
        img = img.rotate(scan.turn, expand=True)
    return img


def ruin(img: Image.Image, rng: random.Random) -> Image.Image:
    """A scan gone wrong: far too dark, out of focus, smeared and noisy. The page and its
    blocks of text can still be made out, the words cannot."""
    w, h = img.size
    small = img.resize((w // 7, h // 7), Image.Resampling.BOX)
    small = small.filter(ImageFilter.GaussianBlur(1.1))
    small = small.point(lambda v: 55 + v * 120 // 255)
    smear = small.resize((w // 40, h // 7), Image.Resampling.BOX)
    small = Image.blend(small, smear.resize(small.size, Image.Resampling.BILINEAR), 0.45)
    small.putdata([max(0, min(255, int(v + rng.gauss(0, 14)))) for v in small.tobytes()])
    return small.resize((w, h), Image.Resampling.BICUBIC)


def bilevel(img: Image.Image) -> Image.Image:
    """Black and white as a scanner's text mode makes it (fixed threshold, no dithering)."""
    return img.point(lambda v: 255 if v > 168 else 0).convert("1", dither=Image.Dither.NONE)


def finish(img: Image.Image, scan: Scan) -> Image.Image:
    """Tone for saving: bilevel, or gray with fewer levels (keeps PNG and TIFF small)."""
    if scan.bilevel:
        return bilevel(img)
    return img


def fewer_grays(img: Image.Image) -> Image.Image:
    """Fewer gray levels for lossless formats: coarse steps in the ink (edges of glyphs,
    where nobody sees them), fine steps in the paper tone (no visible banding)."""
    return img.point(lambda v: v // 2 * 2 if v >= 200 else v // 16 * 16)


# --------------------------------------------------------------------------------------
# Writing one sample


def scan_pages(
    sample: Sample, docs: Iterable[Doc], rng: random.Random, start: int = 0
) -> list[Image.Image]:
    """Lay out, rasterise and "scan" ``docs``; ``start`` is the page number of the first
    of them within the sample (the received stamp goes on the sample's first page)."""
    images: list[Image.Image] = []
    for doc in docs:
        for page in layout(doc, rng):
            if sample.scan.stamp and start + len(images) == 0:
                page.add(
                    Stamp(
                        138,
                        12 + rng.uniform(0, 6),
                        ("STADT SEESTADT", "Posteingang", "24. NOV. 2026"),
                        rng.uniform(-6, 6),
                    )
                )
            clean = rasterise(page, sample.scan.dpi, rng)
            images.append(finish(scanify(clean, sample.scan, rng, len(images)), sample.scan))
    return images


def images_pdf(images: Sequence[Image.Image], scan: Scan) -> bytes:
    buf = io.BytesIO()
    stamp = time.struct_time((2026, 11, 24, 9, 0, 0, 1, 328, 0))
    options: dict[str, object] = {
        "resolution": float(scan.dpi),
        "creationDate": stamp,
        "modDate": stamp,
        "title": "",
        "creator": "Lotse sample mail (make_samples.py)",
    }
    if not scan.bilevel:
        options["quality"] = scan.quality
    images[0].save(buf, "PDF", save_all=True, append_images=list(images[1:]), **options)
    return buf.getvalue()


def join_pdfs(parts: Sequence[bytes]) -> bytes:
    writer = PdfWriter()
    for part in parts:
        writer.append(PdfReader(io.BytesIO(part)))
    writer.add_metadata({"/Creator": "Lotse sample mail (make_samples.py)", "/Producer": "pypdf"})
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def write_sample(sample: Sample, path: Path) -> int:
    """Render ``sample`` to ``path``; return its page count."""
    rng = random.Random(f"{SEED}:{sample.key}")
    scan = sample.scan
    dpi = (scan.dpi, scan.dpi)
    if sample.kind == "digital":
        assert sample.fmt == "pdf", sample.key
        pages = [p for doc in sample.docs for p in layout(doc, rng)]
        path.write_bytes(render_pdf(pages, title=""))
        return len(pages)
    if sample.kind == "mixed":
        assert sample.fmt == "pdf", sample.key
        cover = layout(sample.docs[0], rng)
        images = scan_pages(sample, sample.docs[1:], rng, start=1)
        path.write_bytes(join_pdfs([render_pdf(cover, title=""), images_pdf(images, scan)]))
        return len(cover) + len(images)
    images = scan_pages(sample, sample.docs, rng)
    if sample.fmt == "pdf":
        path.write_bytes(images_pdf(images, scan))
    elif sample.fmt == "jpg":
        assert len(images) == 1 and not scan.bilevel, sample.key
        images[0].save(path, "JPEG", quality=scan.quality, optimize=True, dpi=dpi)
    elif sample.fmt == "png":
        assert len(images) == 1, sample.key
        img = images[0] if scan.bilevel else fewer_grays(images[0])
        img.save(path, "PNG", optimize=True, dpi=dpi)
    elif sample.fmt == "tif":
        if scan.bilevel:
            options: dict[str, object] = {"compression": "group4"}
        else:
            images = [fewer_grays(img) for img in images]
            options = {"compression": "tiff_adobe_deflate"}
        images[0].save(path, "TIFF", save_all=True, append_images=images[1:], dpi=dpi, **options)
    return len(images)


# --------------------------------------------------------------------------------------
# File names: what a scanner or a mail client would call them, unrelated to the content


NAME_PATTERNS: dict[str, tuple[str, ...]] = {
    "pdf-scan": (
        "Scan_2026-11-24_{n:04d}.pdf",
        "Posteingang_{n:04d}.pdf",
        "Scan_2026-11-25_{n:04d}.pdf",
    ),
    "pdf-digital": (
        "document({n}).pdf",
        "Dokument_{n:03d}.pdf",
        "E-Mail-Anhang_{n:03d}.pdf",
        "Schreiben_{n:03d}.pdf",
    ),
    "jpg": ("IMG_20261124_{t}.jpg", "IMG_20261125_{t}.jpg", "scan_{n:03d}.jpeg"),
    "png": ("brief({n}).png", "Scan_2026-11-24_{n:04d}.png", "image{n:03d}.png"),
    "tif": ("Posteingang_{n:04d}.tif", "SCAN{n:04d}.TIF", "Posteingang_{n:04d}.tiff"),
}


def assign_names(samples: Sequence[Sample]) -> dict[str, str]:
    """Give every sample a scanner-style file name; the order is shuffled with a fixed seed
    so that neither names nor numbers hint at the department."""
    rng = random.Random(SEED)
    order = list(samples)
    rng.shuffle(order)
    counters: Counter[str] = Counter()
    clock = 9 * 3600 + 12 * 60
    names: dict[str, str] = {}
    taken: set[str] = set()
    first_png = True
    for sample in order:
        pool: str = sample.fmt
        if sample.fmt == "pdf":
            pool = "pdf-digital" if sample.kind == "digital" else "pdf-scan"
        counters[pool] += 1
        n = counters[pool] + rng.randint(0, 3) * 10 + 2
        clock += rng.randint(20, 400)
        t = f"{clock // 3600:02d}{clock // 60 % 60:02d}{clock % 60:02d}"
        if pool == "png" and first_png:
            name, first_png = "brief.png", False
        else:
            patterns = NAME_PATTERNS[pool]
            name = patterns[rng.randrange(len(patterns))].format(n=n, t=t)
        while name in taken:
            n += 1
            name = NAME_PATTERNS[pool][0].format(n=n, t=t)
        taken.add(name)
        names[sample.key] = name
    return names


ADDRESSING_NOTE = {
    "general": "nur an Stadtverwaltung",
    "ref-head": "Az. im Briefkopf",
    "ref-text": "Az. im Text",
    "department": "Amt im Anschriftfeld",
    "memo": "Hausmitteilung mit An/Von",
    "none": "",
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--out",
        type=Path,
        default=Path(__file__).resolve().parent,
        help="folder that receives letters/ and labels.csv",
    )
    args = parser.parse_args(argv)
    out: Path = args.out
    letters = out / "letters"
    if letters.exists():
        shutil.rmtree(letters)
    letters.mkdir(parents=True)
    keys = [s.key for s in SAMPLES]
    assert len(keys) == len(set(keys)), "duplicate sample keys"
    names = assign_names(SAMPLES)
    rows: list[tuple[str, str, str, int, str]] = []
    for sample in SAMPLES:
        name = names[sample.key]
        pages = write_sample(sample, letters / name)
        extra = ADDRESSING_NOTE[sample.addressing]
        note = f"{sample.note}; {extra}" if extra else sample.note
        rows.append((name, sample.expected, sample.kind, pages, note))
        print(f"{name:34} {sample.expected:6} {sample.kind:7} {pages}  {sample.note}")
    rows.sort(key=lambda r: r[0].lower())
    with (out / "labels.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(("file", "expected", "kind", "pages", "note"))
        writer.writerows(rows)
    size = sum(p.stat().st_size for p in letters.iterdir())
    print(f"{len(rows)} letters, {size / 1e6:.1f} MB in {letters}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
