"""Fonts for PDFs Lotse writes itself (separator sheets, e-mails as letters).

fpdf2's built-in fonts know only Latin-1: no "–", "„", "€" or Polish and
Turkish names, which real mail has. Liberation Sans (installed by
``scripts/bootstrap``, metric-compatible with Arial) covers them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fpdf import FPDF

FONT_DIR = Path("/usr/share/fonts/truetype/liberation")
SANS = {
    "": "LiberationSans-Regular.ttf",
    "B": "LiberationSans-Bold.ttf",
    "I": "LiberationSans-Italic.ttf",
}
MONO = {"": "LiberationMono-Regular.ttf"}


class FontMissing(RuntimeError):
    """An installation problem, not a letter's."""


def register_sans(pdf: FPDF) -> None:
    """Register ``sans`` (regular, bold, italic) and ``mono`` with ``pdf``."""
    for family, styles in (("sans", SANS), ("mono", MONO)):
        for style, name in styles.items():
            path = FONT_DIR / name
            if not path.is_file():
                raise FontMissing(
                    f"Die Schrift {name} fehlt: bitte das Paket fonts-liberation installieren."
                )
            pdf.add_font(family, style, str(path))
