"""Separator sheets ("Trennblätter") for batch scans: printing them, finding them, the plan.

A Poststelle scans a stack of letters into one file and puts a separator sheet
before each letter. The sheet carries a QR code with a fixed text; pages with
that code separate letters and are not delivered. paperless-ngx's sheets
(``PATCHT``, also as Code 128) are accepted too, so a city that used them can
keep its printed stock. Optionally an empty page separates as well (off by
default: duplex scanners produce empty backs of one-sided letters).

Everything here is pure: page images in, page numbers and plans out. Reading
the untrusted file and writing the parts happens in :mod:`robots.batch_split`
inside the sandbox.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import UTC, datetime

# Imported here, not where used: the search runs in the sandbox's forked child,
# which must not need the import lock.
import zxingcpp
from PIL import Image, ImageOps

from robots.errors import DocumentRejected

LOTSE_PAYLOAD = "LOTSE-TRENNBLATT"
# What counts as a separator: our own sheet and paperless-ngx's default.
PAYLOADS = frozenset({LOTSE_PAYLOAD, "PATCHT"})

# A page counts as empty when, after cutting away the margins (punch holes,
# scanner shadows at the edges), fewer than this share of its pixels are dark.
BLANK_DARK_SHARE = 0.002
BLANK_MARGIN = 0.08
# Barcode search works on a copy of the page at most this wide: the sheet's
# 7 cm code keeps about 7 pixels per module, and 300 dpi pages cost far more.
DETECT_WIDTH = 900
# The sheet's codes are 7 and 4.5 cm wide on a 21 cm page; codes on letters
# (GiroCode, parcel labels) are 2-3 cm. Only a damaged code at least this share
# of the page's width is taken for a damaged separator sheet.
SHEET_CODE_SHARE = 0.18


class SeparatorUnreadable(DocumentRejected):
    """A page looks like a separator sheet, but its code cannot be read."""

    def __init__(self, page: int) -> None:
        super().__init__(
            "separator-unreadable",
            f"Seite {page} sieht wie ein Trennblatt aus, ihr Code ist aber nicht lesbar; "
            "der Stapel wurde nicht aufgeteilt. Bitte das Trennblatt ersetzen und neu scannen.",
        )


@dataclass(frozen=True, slots=True)
class PageKind:
    """What one page of a batch is, for the split plan."""

    separator: bool = False
    blank: bool = False


@dataclass(frozen=True, slots=True)
class Part:
    """One letter of a batch: its pages, 0-based and inclusive, in the batch's numbering."""

    first: int
    last: int

    @property
    def pages(self) -> list[int]:
        return list(range(self.first, self.last + 1))

    @property
    def label(self) -> str:
        """Pages as on paper (from 1): "3" or "3–5"."""
        if self.first == self.last:
            return str(self.first + 1)
        return f"{self.first + 1}–{self.last + 1}"


def plan_parts(kinds: list[PageKind], *, split_on_blank: bool = False) -> list[Part]:
    """The letters of a batch: runs of pages between separators (and blank pages if asked).

    Separator pages (and separating blank pages) belong to no letter. Two
    separators in a row or a separator at the start or end make no empty letter.
    A blank page right after a separator is the sheet's back (a duplex scan) and
    belongs to no letter either.
    """
    parts: list[Part] = []
    start: int | None = None
    for index, kind in enumerate(kinds):
        back_of_sheet = kind.blank and index > 0 and kinds[index - 1].separator
        separates = kind.separator or back_of_sheet or (split_on_blank and kind.blank)
        if separates:
            if start is not None:
                parts.append(Part(start, index - 1))
            start = None
        elif start is None:
            start = index
    if start is not None:
        parts.append(Part(start, len(kinds) - 1))
    return parts


def classify_page(image: Image.Image, *, page: int) -> PageKind:
    """Is this page image a separator sheet, or empty? ``page`` counts from 1, for messages."""
    gray = _gray(image)
    if is_separator(gray, page=page):
        return PageKind(separator=True)
    return PageKind(blank=is_blank(gray))


def is_separator(image: Image.Image, *, page: int = 0) -> bool:
    """True if the page carries a separator code; SeparatorUnreadable if it seems to but
    the code cannot be decoded."""
    small = _downscaled(_gray(image))
    formats = zxingcpp.barcode_formats_from_str("QRCode,Code128")
    # No search for white-on-black codes: sheets are printed black on white.
    found = zxingcpp.read_barcodes(small, formats=formats, try_invert=False, return_errors=True)
    damaged = False
    for barcode in found:
        if barcode.valid and barcode.text.strip().upper() in PAYLOADS:
            return True
        if not barcode.valid and _sheet_sized(barcode, small.width):
            damaged = True
    if damaged:
        # A code as large as the sheet's that does not decode: a torn, smudged or badly
        # copied separator sheet. Guessing would join two letters, so the batch stops.
        # Small codes (a GiroCode on an invoice) never count.
        raise SeparatorUnreadable(page)
    return False


def _sheet_sized(barcode: object, page_width: int) -> bool:
    position = barcode.position  # type: ignore[attr-defined]
    width = abs(position.top_right.x - position.top_left.x)
    return bool(width >= SHEET_CODE_SHARE * page_width)


def is_blank(image: Image.Image) -> bool:
    """Next to no ink once the margins are cut away."""
    gray = _gray(image)
    width, height = gray.size
    dx, dy = int(width * BLANK_MARGIN), int(height * BLANK_MARGIN)
    inner = gray.crop((dx, dy, width - dx, height - dy))
    inner.thumbnail((600, 600))
    # Auto-contrast would turn paper tone and specks into "ink"; a fixed threshold
    # below typical recycled-paper grey does not.
    histogram = inner.histogram()
    dark = sum(histogram[:128])
    total = inner.width * inner.height
    return total > 0 and dark / total < BLANK_DARK_SHARE


def _gray(image: Image.Image) -> Image.Image:
    return image if image.mode == "L" else image.convert("L")


def _downscaled(image: Image.Image) -> Image.Image:
    if image.width <= DETECT_WIDTH:
        return image
    height = round(image.height * DETECT_WIDTH / image.width)
    return image.resize((DETECT_WIDTH, height), Image.Resampling.BOX)


# -- the printed sheet -----------------------------------------------------------------

# A fixed date keeps the sheet's bytes the same on every print.
_FIXED_DATE = datetime(2026, 1, 1, tzinfo=UTC)
SHEET_TITLE = "Trennblatt"
SHEET_LINES = (
    "Poststelle · Lotse",
    "Dieses Blatt vor jeden Brief des Stapels legen.",
    "Der Roboter teilt den Scan hier auf; das Blatt selbst wird nicht zugestellt.",
    "Blatt nicht knicken oder beschreiben. Beidseitig scannen ist erlaubt.",
)


def separator_sheet_pdf() -> bytes:
    """An A4 separator sheet: a large QR code (also at the bottom, upside down) and a label."""
    import segno
    from fpdf import FPDF

    from robots.pdf_fonts import register_sans

    code = segno.make_qr(LOTSE_PAYLOAD, error="h")
    modules = [list(row) for row in code.matrix]
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_creation_date(_FIXED_DATE)
    pdf.set_title("Lotse – Trennblatt")
    pdf.set_creator("Lotse")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    register_sans(pdf)
    size = 70.0
    _draw_modules(pdf, modules, x=(210 - size) / 2, y=30, size=size)
    pdf.set_font("sans", "B", 36)
    pdf.set_xy(0, 112)
    pdf.cell(210, 16, SHEET_TITLE, align="C")
    pdf.set_font("sans", "", 13)
    pdf.set_xy(25, 132)
    for line in SHEET_LINES:
        pdf.set_x(25)
        pdf.multi_cell(160, 7, line, align="C")
    pdf.set_font("sans", "", 10)
    pdf.set_xy(0, 165)
    pdf.cell(210, 6, f"Code: {LOTSE_PAYLOAD}", align="C")
    # The second code, lower on the page, still reads when the top is torn or stapled.
    _draw_modules(pdf, modules, x=(210 - 45) / 2, y=200, size=45.0)
    return bytes(pdf.output())


def separator_sheet_png(dpi: int = 300) -> bytes:
    """The sheet as a scanner would see it (for samples and tests): a grey page image."""
    import segno

    code = segno.make_qr(LOTSE_PAYLOAD, error="h")
    mm = dpi / 25.4
    page = Image.new("L", (round(210 * mm), round(297 * mm)), 255)
    buffer = io.BytesIO()
    code.save(buffer, kind="png", scale=max(1, round(70 * mm / code.symbol_size()[0])), border=4)
    qr = Image.open(io.BytesIO(buffer.getvalue())).convert("L")
    page.paste(qr, ((page.width - qr.width) // 2, round(30 * mm)))
    small = ImageOps.contain(qr, (round(45 * mm), round(45 * mm)))
    page.paste(small, ((page.width - small.width) // 2, round(200 * mm)))
    out = io.BytesIO()
    page.save(out, format="PNG", dpi=(dpi, dpi))
    return out.getvalue()


def _draw_modules(
    pdf: object, modules: list[list[int]], *, x: float, y: float, size: float
) -> None:
    from fpdf import FPDF

    assert isinstance(pdf, FPDF)
    quiet = 4  # the quiet zone QR readers need, in modules
    count = len(modules)
    module = size / (count + 2 * quiet)
    pdf.set_fill_color(0, 0, 0)
    for row, line in enumerate(modules):
        column = 0
        while column < count:
            if line[column]:
                run = column
                while run < count and line[run]:
                    run += 1
                pdf.rect(
                    x + (quiet + column) * module,
                    y + (quiet + row) * module,
                    (run - column) * module,
                    module,
                    style="F",
                )
                column = run
            else:
                column += 1
