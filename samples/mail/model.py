"""Data model of the sample mail: documents, how they were "posted", and the expected routing.

`corpus.py` fills this model with the letters; `make_samples.py` renders it. Everything here
is plain immutable data, so that a letter's text and its rendering options sit side by side
and the generator stays free of content.

Measurements are in millimetres on an A4 page (210 × 297 mm), font sizes in points.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Addressing = Literal["general", "ref-head", "ref-text", "department", "memo", "none"]
"""How the letter tells its department: only the city ("general"), a file reference in the
header block or in the running text, the department named in the address, an in-house
memo's address block, or nothing that points anywhere ("none", REVIEW letters)."""

Kind = Literal["digital", "scan", "mixed"]
Fmt = Literal["pdf", "png", "jpg", "tif"]
Family = Literal["sans", "serif", "dejavu", "dserif", "mono", "narrow", "cond"]
Head = Literal["private", "private-right", "typewriter", "company", "authority"]

Field = tuple[str, str]
"""A label and the value filled in."""


@dataclass(frozen=True)
class Scan:
    """How the paper went through the scanner (ignored for born-digital pages)."""

    dpi: int = 200
    bilevel: bool = False  # black and white (TIFF group 4, 1-bit PNG, CCITT in PDF)
    skew: float = 0.6  # degrees; every page varies a little around it
    turn: int = 0  # 0, 90, 180 or 270: the sheet was fed the wrong way round
    quality: int = 68  # JPEG quality for .jpg files and grayscale PDF pages
    speckle: float = 1.0  # dust and toner specks, relative amount
    holes: bool = False  # punched for a ring binder
    folds: bool = True  # folded for a DIN-lang envelope
    stamp: bool = False  # the mailroom's received stamp
    unreadable: bool = False  # ruined: far too dark, blurred and noisy to read


@dataclass(frozen=True)
class Letter:
    """A letter in DIN 5008 layout; it flows over as many pages as it needs.

    Body paragraphs: a blank line separates them. Inside a paragraph, a newline starts a
    new line; a line with ``" | "`` is a table row (first column left, last column right
    aligned, a middle column at 105 mm); ``"**text**"`` is bold; a paragraph that is just
    ``"\\f"`` starts a new page; ``"• "`` starts a bullet with a hanging indent.
    """

    sender: tuple[str, ...]  # name first, then the postal address
    recipient: tuple[str, ...]
    date: str
    subject: str
    body: tuple[str, ...]
    salutation: str = "Sehr geehrte Damen und Herren,"
    closing: str = "Mit freundlichen Grüßen"
    signature: tuple[str, ...] = ()
    refs: tuple[Field, ...] = ()  # information block: Ihr Zeichen, Kundennummer, …
    contact: tuple[str, ...] = ()  # telephone, e-mail of a private sender
    head: Head = "private"
    company: tuple[str, ...] = ()  # letterhead: name, then a claim or the legal form
    footer: tuple[str, ...] = ()  # company footer, one line per column
    family: Family = "sans"
    size: float = 11.0
    enclosures: tuple[str, ...] = ()
    signed: bool = True  # draw a handwritten signature above the name


@dataclass(frozen=True)
class Memo:
    """An in-house memo (Hausmitteilung) between departments of the city."""

    to: str  # "51 – Jugendamt"
    sender: str  # "10 – Haupt- und Personalamt"
    date: str
    subject: str
    body: tuple[str, ...]
    signature: tuple[str, ...] = ()
    ref: Field | None = None  # ("Ihr Zeichen", "51-3/2026-0077")
    copy: str = ""  # "nachrichtlich: …"
    title: str = "Hausmitteilung"
    family: Family = "sans"


@dataclass(frozen=True)
class Form:
    """A filled-in form: rows of labelled boxes, check boxes, small print and a signature."""

    issuer: tuple[str, ...]
    title: str
    rows: tuple[tuple[Field, ...], ...]
    subtitle: str = ""
    refs: tuple[Field, ...] = ()
    checks: tuple[tuple[bool, str], ...] = ()
    text: tuple[str, ...] = ()
    place_date: str = ""
    family: Family = "sans"


@dataclass(frozen=True)
class Invoice:
    """A company's invoice to the city."""

    company: tuple[str, ...]  # name, claim
    sender_line: str  # return address line above the window
    recipient: tuple[str, ...]
    meta: tuple[Field, ...]  # Rechnungsnummer, Datum, Kundennummer, …
    title: str
    intro: str
    positions: tuple[tuple[str, str, str, float], ...]  # quantity, unit, text, unit price
    outro: tuple[str, ...]
    footer: tuple[str, ...]
    vat: int = 19
    family: Family = "sans"


@dataclass(frozen=True)
class Flyer:
    """An advertising mailing."""

    brand: str
    headline: tuple[str, ...]
    body: tuple[str, ...]
    offers: tuple[tuple[str, str, str], ...]  # article, old price, new price
    small_print: tuple[str, ...]
    recipient: tuple[str, ...] = ()
    family: Family = "sans"


@dataclass(frozen=True)
class Newsletter:
    """A printed company newsletter with several articles."""

    masthead: str
    issue: str
    recipient: tuple[str, ...]
    articles: tuple[tuple[str, str], ...]  # title, text
    footer: tuple[str, ...]
    family: Family = "dejavu"


@dataclass(frozen=True)
class Card:
    """A greeting card laid on the scanner glass; the greeting is handwritten."""

    printed: str  # the card's printed motto
    lines: tuple[str, ...]  # handwritten


@dataclass(frozen=True)
class Note:
    """A handwritten note on a checked notepad sheet."""

    lines: tuple[str, ...]


@dataclass(frozen=True)
class Blank:
    """An (almost) empty sheet."""

    marks: tuple[str, ...] = ()  # a few faint handwritten characters, if any


@dataclass(frozen=True)
class Plan:
    """A site plan (Lageplan) drawing with a title block."""

    title: tuple[str, ...]
    street: str
    parcel: str
    neighbours: tuple[str, ...]


Doc = Letter | Memo | Form | Invoice | Flyer | Newsletter | Card | Note | Blank | Plan


@dataclass(frozen=True)
class Sample:
    """One item of incoming mail: its documents (pages in order), format and expected routing.

    ``kind == "mixed"`` renders the first document born-digital and the rest as scans
    (an e-mailed cover letter with a scanned enclosure).
    """

    key: str  # stable internal id; also seeds the scan noise
    expected: str  # department code or "REVIEW"
    note: str
    addressing: Addressing
    fmt: Fmt
    kind: Kind
    docs: tuple[Doc, ...]
    scan: Scan = Scan()
