"""What kind of document a file is, decided by its content, and the limits for reading it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from robots.errors import DocumentRejected


class Kind(StrEnum):
    PDF = "pdf"
    PNG = "png"
    JPEG = "jpeg"
    TIFF = "tiff"
    EML = "eml"  # an e-mail (RFC 5322): its body and attachments become one PDF


SUFFIX = {
    Kind.PDF: ".pdf",
    Kind.PNG: ".png",
    Kind.JPEG: ".jpg",
    Kind.TIFF: ".tif",
    Kind.EML: ".eml",
}
ACCEPTED = "PDF, PNG, JPEG, TIFF und E-Mails (.eml)"


@dataclass(frozen=True, slots=True)
class ReadLimits:
    """Upper bounds for one letter; a scanner's output stays far below them."""

    max_bytes: int = 200 * 1024 * 1024
    max_pages: int = 50
    max_pixels: int = 80_000_000  # per page: A4 at 600 dpi is about 35 million
    max_side: int = 20_000  # Tesseract refuses sides above 32767
    seconds: float = 120.0  # for parsing one document in the sandbox
    memory_mb: int = 1536  # address space of the sandbox process


_SIGNATURES: tuple[tuple[bytes, Kind | str], ...] = (
    (b"%PDF-", Kind.PDF),
    (b"\x89PNG\r\n\x1a\n", Kind.PNG),
    (b"\xff\xd8\xff", Kind.JPEG),
    (b"II*\x00", Kind.TIFF),
    (b"MM\x00*", Kind.TIFF),
    (b"II+\x00", Kind.TIFF),  # BigTIFF
    (b"MM\x00+", Kind.TIFF),
    (b"GIF8", "ein GIF-Bild"),
    (b"BM", "ein BMP-Bild"),
    (b"PK\x03\x04", "ein ZIP-Archiv oder Office-Dokument"),
    (b"\xd0\xcf\x11\xe0", "ein altes Office-Dokument"),
    (b"\x7fELF", "ein Programm"),
    (b"MZ", "ein Windows-Programm"),
    (b"RIFF", "eine RIFF-Datei (z. B. WebP-Bild)"),
    (b"{\\rtf", "ein RTF-Dokument"),
)


def sniff(head: bytes) -> Kind:
    """The document kind from the first bytes, whatever the file is called."""
    if not head:
        raise DocumentRejected("empty", "Die Datei ist leer.")
    # PDF allows some junk before the header (within the first 1024 bytes).
    if b"%PDF-" in head[:1024]:
        return Kind.PDF
    for magic, kind in _SIGNATURES:
        if head.startswith(magic):
            if isinstance(kind, Kind):
                return kind
            raise DocumentRejected(
                "unsupported-type",
                f"Die Datei ist {kind}; angenommen werden {ACCEPTED}.",
            )
    if looks_like_mail(head):
        return Kind.EML
    if _looks_like_text(head):
        raise DocumentRejected(
            "unsupported-type",
            f"Die Datei ist eine Textdatei; angenommen werden {ACCEPTED}.",
        )
    raise DocumentRejected(
        "unsupported-type",
        f"Das Dateiformat ist unbekannt; angenommen werden {ACCEPTED}.",
    )


_HEADER = re.compile(rb"[A-Za-z][A-Za-z0-9-]{1,60}:")
_MAIL_HEADERS = (
    b"from:", b"to:", b"subject:", b"date:", b"message-id:", b"received:",
    b"return-path:", b"mime-version:", b"content-type:", b"delivered-to:", b"x-mailer:",
)  # fmt: skip


def looks_like_mail(head: bytes) -> bool:
    """The first bytes of an e-mail (RFC 5322): header lines, at least two well-known ones."""
    start = head.lstrip(b"\r\n")
    if start.startswith(b"From ") and b"\n" in start:  # an mbox "From " line before the headers
        start = start.split(b"\n", 1)[1]
    if not _HEADER.match(start):
        return False
    block = start.replace(b"\r\n", b"\n").split(b"\n\n", 1)[0].lower()
    lines = [line for line in block.split(b"\n") if not line[:1].isspace()]
    known = {h for h in _MAIL_HEADERS if any(line.startswith(h) for line in lines)}
    return len(known) >= 2


def _looks_like_text(head: bytes) -> bool:
    try:
        head[:512].decode("utf-8")
    except UnicodeDecodeError:
        return False
    return b"\x00" not in head[:512]
