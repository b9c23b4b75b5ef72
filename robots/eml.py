"""An e-mail (``.eml``) as a letter: the body rendered to PDF, the attachments appended.

The result is one PDF the rest of the mailroom reads like any scan: the body
page carries a real text layer (no OCR), a PDF attachment keeps its pages (and
is OCRed only where it holds no text), image attachments become pages. What
cannot become a page (an office document, an archive) is named on the body page,
and the ``.eml`` itself is kept as the original, so nothing is lost.

Runs inside the sandbox (:mod:`robots.sandbox`): mails come from anyone, and
MIME, HTML and attachments are all parsed here.
"""

from __future__ import annotations

import email
import email.policy
import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.errors import MissingHeaderBodySeparatorDefect
from email.message import EmailMessage, Message
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path

# Imported here, not inside functions: the sandbox forks, and a child must not
# need the import lock (see robots.sandbox).
import inscriptis
from fpdf import FPDF
from PIL import Image
from pypdf import PdfReader, PdfWriter

from robots.documents import Kind, ReadLimits, looks_like_mail, sniff
from robots.errors import DocumentRejected
from robots.extract import PDF_FAILURES, check_page_count, open_pdf, pdf_errors
from robots.pdf_fonts import register_sans

_ = inscriptis

# Longer bodies are cut (a mail is not a book); the .eml keeps the whole text.
MAX_BODY_CHARS = 60_000
# Inline pictures below this size are logos and icons of signatures, not documents.
MIN_INLINE_IMAGE_BYTES = 20_000
MAX_PARTS = 200


@dataclass(frozen=True, slots=True)
class Attachment:
    name: str
    media_type: str
    size: int
    included: bool  # became pages of the letter
    note: str = ""  # why not, in German


@dataclass(frozen=True, slots=True)
class MailInfo:
    """What a clerk sees of a mail besides its text."""

    sender: str
    to: str
    subject: str
    date: str  # ISO 8601, or "" when the mail has none that parses
    message_id: str
    attachments: list[Attachment] = field(default_factory=list)
    forwarded: int = 0  # mails forwarded as attachments, rendered inline

    def as_json(self) -> dict[str, object]:
        return {
            "from": self.sender,
            "to": self.to,
            "subject": self.subject,
            "date": self.date,
            "message_id": self.message_id,
            "attachments": [
                {"name": a.name, "media_type": a.media_type, "size": a.size,
                 "included": a.included, "note": a.note}
                for a in self.attachments
            ],
            "forwarded": self.forwarded,
        }  # fmt: skip


def compose(path: str, target: str, limits: ReadLimits) -> MailInfo:
    """Write the mail at ``path`` as one PDF to ``target``; what it is, for the letter's trail."""
    with open(path, "rb") as handle:
        raw = handle.read(limits.max_bytes + 1)
    if len(raw) > limits.max_bytes:
        raise DocumentRejected("too-large", "Die E-Mail ist zu groß.")
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    if not message.keys() or not looks_like_mail(raw[:4096]):
        raise DocumentRejected(
            "broken-mail", "Die E-Mail ist beschädigt: sie hat keine lesbaren Kopfzeilen."
        )
    body = _Body()
    _walk(message, body, depth=0)
    info = MailInfo(
        sender=_header(message, "from"),
        to=_header(message, "to"),
        subject=_header(message, "subject"),
        date=_date(message),
        message_id=_header(message, "message-id").strip("<> "),
        attachments=body.attachments,
        forwarded=body.forwarded,
    )
    cut_off = any(isinstance(d, MissingHeaderBodySeparatorDefect) for d in message.defects)
    if cut_off and not message.get("date"):
        raise DocumentRejected(
            "broken-mail",
            "Die E-Mail ist beschädigt oder abgebrochen: ihre Kopfzeilen enden mitten im Text.",
        )
    if not body.text.strip() and not body.attachments:
        if message.defects:
            raise DocumentRejected(
                "broken-mail",
                "Die E-Mail ist beschädigt oder abgebrochen: sie hat weder lesbaren Text noch "
                f"Anhänge ({type(message.defects[0]).__name__}).",
            )
        raise DocumentRejected(
            "empty-mail", "Die E-Mail hat weder Text noch Anhänge; es gibt nichts zuzustellen."
        )
    writer = PdfWriter()
    cover = _render_body(info, body.text)
    for page in PdfReader(io.BytesIO(cover)).pages:
        writer.add_page(page)
    for data in body.pdfs:
        try:
            for page in PdfReader(io.BytesIO(data), strict=False).pages:
                writer.add_page(page)
        except (RecursionError, *PDF_FAILURES) as exc:
            raise pdf_errors(exc) or exc from None
    check_page_count(len(writer.pages), limits)
    with open(target, "wb") as handle:
        writer.write(handle)
    return info


# -- walking the MIME tree ------------------------------------------------------------


@dataclass
class _Body:
    text: str = ""
    pdfs: list[bytes] = field(default_factory=list)  # attachments that became pages, in order
    attachments: list[Attachment] = field(default_factory=list)
    forwarded: int = 0
    parts: int = 0


def _walk(message: Message, body: _Body, depth: int) -> None:
    if depth > 10:
        raise DocumentRejected("broken-mail", "Die E-Mail ist zu tief verschachtelt.")
    text_part = _body_part(message)
    if text_part is not None:
        body.text += _part_text(text_part)
    for part in _leaves(message):
        body.parts += 1
        if body.parts > MAX_PARTS:
            raise DocumentRejected("broken-mail", "Die E-Mail hat zu viele Teile.")
        if part is text_part:
            continue
        if part.get_content_type() == "message/rfc822":
            _forwarded(part, body, depth)
        elif not _is_alternative_text(part, text_part):
            _attachment(part, body)


def _leaves(message: Message) -> Iterator[Message]:
    """The parts of a mail in order, without descending into forwarded mails."""
    if message.get_content_type() == "message/rfc822" or not message.is_multipart():
        yield message
        return
    payload = message.get_payload()
    for part in payload if isinstance(payload, list) else []:
        if isinstance(part, Message):
            if part.get_content_type() == "message/rfc822":
                yield part
            else:
                yield from _leaves(part)


def _body_part(message: Message) -> Message | None:
    """The text a person reads: plain text if there is one, else HTML."""
    if isinstance(message, EmailMessage):
        try:
            return message.get_body(preferencelist=("plain", "html"))
        except (KeyError, LookupError, ValueError):
            return None
    return None


def _is_alternative_text(part: Message, chosen: Message | None) -> bool:
    """Another rendering of the body (the HTML twin of a plain text), not an attachment."""
    if part.get_content_maintype() != "text" or part.get_filename():
        return False
    disposition = (part.get_content_disposition() or "inline").lower()
    return disposition == "inline" and chosen is not None


def _forwarded(part: Message, body: _Body, depth: int) -> None:
    payload = part.get_payload()
    inner = payload[0] if isinstance(payload, list) and payload else None
    if not isinstance(inner, Message):
        return
    body.forwarded += 1
    lines = [
        "\n",
        "---------- Weitergeleitete Nachricht ----------",
        f"Von: {_header(inner, 'from')}",
        f"Datum: {_german_date(_date(inner))}",
        f"Betreff: {_header(inner, 'subject')}",
        f"An: {_header(inner, 'to')}",
        "",
    ]
    body.text += "\n".join(lines) + "\n"
    _walk(inner, body, depth + 1)


def _attachment(part: Message, body: _Body) -> None:
    name = _filename(part)
    data = part.get_payload(decode=True)
    if not isinstance(data, bytes):
        data = b""
    media_type = part.get_content_type()
    inline = (part.get_content_disposition() or "") != "attachment" and not part.get_filename()
    if inline and part.get_content_maintype() == "image" and len(data) < MIN_INLINE_IMAGE_BYTES:
        return  # a logo or an icon of the signature
    if not data:
        body.attachments.append(Attachment(name, media_type, 0, False, "leer"))
        return
    try:
        kind = sniff(data[:2048])
    except DocumentRejected:
        kind = None
    if kind is Kind.PDF:
        body.pdfs.append(_checked_pdf(data, name))
        body.attachments.append(Attachment(name, media_type, len(data), True))
    elif kind in (Kind.PNG, Kind.JPEG, Kind.TIFF):
        body.pdfs.append(_image_pdf(data, name))
        body.attachments.append(Attachment(name, media_type, len(data), True))
    elif part.get_content_maintype() == "text":
        body.text += f"\n\n---------- Anlage „{name}“ ----------\n\n{_part_text(part)}"
        body.attachments.append(Attachment(name, media_type, len(data), True))
    else:
        note = "nicht umgewandelt; liegt der Original-E-Mail bei"
        body.attachments.append(Attachment(name, media_type, len(data), False, note))


def _checked_pdf(data: bytes, name: str) -> bytes:
    """A PDF attachment, refused like a scanned PDF would be (active content, password)."""
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(data)
        handle.flush()
        try:
            open_pdf(handle.name)
        except DocumentRejected as exc:
            raise DocumentRejected(exc.reason, f"Anhang „{name}“: {exc.message}") from None
        except (RecursionError, *PDF_FAILURES) as exc:
            reason = pdf_errors(exc)
            if reason is None:
                raise
            raise DocumentRejected(reason.reason, f"Anhang „{name}“: {reason.message}") from None
    return data


def _image_pdf(data: bytes, name: str) -> bytes:
    """An image attachment as PDF pages (every frame of a TIFF)."""
    out = io.BytesIO()
    try:
        with Image.open(io.BytesIO(data)) as image:
            frames = []
            for index in range(getattr(image, "n_frames", 1)):
                image.seek(index)
                frame = image.convert("L") if image.mode not in ("1", "L", "RGB") else image.copy()
                frames.append(frame)
            dpi = image.info.get("dpi", (200, 200))
            resolution = float(dpi[0]) if dpi and dpi[0] else 200.0
            frames[0].save(
                out, format="PDF", save_all=True, append_images=frames[1:], resolution=resolution
            )
    except Image.DecompressionBombError:
        raise DocumentRejected(
            "image-too-large", f"Das Bild im Anhang „{name}“ ist zu groß (beschädigte Datei?)."
        ) from None
    except (OSError, SyntaxError, ValueError, EOFError):
        raise DocumentRejected(
            "corrupt", f"Das Bild im Anhang „{name}“ ist beschädigt oder unvollständig."
        ) from None
    return out.getvalue()


# -- text -------------------------------------------------------------------------------


def _part_text(part: Message) -> str:
    data = part.get_payload(decode=True)
    raw = data if isinstance(data, bytes) else str(part.get_payload()).encode()
    text = _decode(raw, part.get_content_charset())
    if part.get_content_subtype() == "html":
        text = inscriptis.get_text(text)
    return _clean(text)


def _decode(data: bytes, charset: str | None) -> str:
    """Bytes in the declared charset; mails often declare none or the wrong one."""
    for candidate in (charset, "utf-8"):
        if not candidate:
            continue
        try:
            return data.decode(candidate)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("cp1252", errors="replace")  # what Outlook wrote for decades


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\ufeff]")


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _CONTROL.sub("", text)
    return re.sub(r"\n{4,}", "\n\n\n", text).strip()


def _header(message: Message, name: str) -> str:
    try:
        value = message.get(name)
    except (ValueError, IndexError, TypeError):  # a header the parser cannot make sense of
        value = None
    if value is None:
        return ""
    text = str(value)
    if name in ("from", "to"):
        people = [
            f"{who} <{address}>" if who else address
            for who, address in getaddresses([text])
            if who or address
        ]
        text = ", ".join(people) or text
    return _clean(" ".join(text.split()))[:500]


def _date(message: Message) -> str:
    value = _header(message, "date")
    if not value:
        return ""
    try:
        return parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError):
        return ""


def _filename(part: Message) -> str:
    try:
        name = part.get_filename()
    except (ValueError, IndexError, TypeError):
        name = None
    name = _clean(name or "") or f"Anhang ({part.get_content_type()})"
    return Path(name.replace("\\", "/")).name[:200] or "Anhang"


# -- the body page ----------------------------------------------------------------------


def _render_body(info: MailInfo, text: str) -> bytes:
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_creator("Lotse")
    pdf.set_title(info.subject or "E-Mail")
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(True, margin=18)
    register_sans(pdf)
    pdf.add_page()
    pdf.set_font("sans", "B", 13)
    pdf.multi_cell(
        0, 7, _printable(info.subject or "(ohne Betreff)"), new_x="LMARGIN", new_y="NEXT", align="L"
    )
    pdf.ln(2)
    pdf.set_font("sans", "", 9.5)
    rows = [
        ("Von", info.sender),
        ("An", info.to),
        ("Datum", _german_date(info.date)),
        ("Eingang", "E-Mail"),
    ]
    if info.attachments:
        rows.append(("Anlagen", "; ".join(_attachment_line(a) for a in info.attachments)))
    for label, value in rows:
        pdf.set_font("sans", "B", 9.5)
        pdf.cell(22, 5, label + ":")
        pdf.set_font("sans", "", 9.5)
        pdf.multi_cell(0, 5, _printable(value or "–"), new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.ln(3)
    pdf.line(20, pdf.get_y(), 190, pdf.get_y())
    pdf.ln(4)
    pdf.set_font("sans", "", 10.5)
    shown = text if len(text) <= MAX_BODY_CHARS else text[:MAX_BODY_CHARS]
    pdf.multi_cell(
        0,
        5.2,
        _printable(shown) or "(Die E-Mail hat keinen Text.)",
        new_x="LMARGIN",
        new_y="NEXT",
        align="L",
    )
    if len(text) > MAX_BODY_CHARS:
        pdf.ln(3)
        pdf.set_font("sans", "I", 9.5)
        pdf.multi_cell(
            0, 5, "Der Text ist hier gekürzt; vollständig in der Original-E-Mail.", align="L"
        )
    return bytes(pdf.output())


def _german_date(iso: str) -> str:
    """As a clerk reads it: Berlin time, German order."""
    if not iso:
        return "unbekannt"
    from datetime import datetime

    from common.clock import local

    moment = datetime.fromisoformat(iso)
    if moment.tzinfo is None:
        return f"{moment:%d.%m.%Y, %H:%M} Uhr"  # a mail without its zone: as it says
    return f"{local(moment):%d.%m.%Y, %H:%M} Uhr"


def _attachment_line(attachment: Attachment) -> str:
    if attachment.included:
        return attachment.name
    return f"{attachment.name} ({attachment.note})"


def _printable(text: str) -> str:
    """Characters the font has: no emoji or private-use glyphs (they would print as boxes)."""
    return "".join(ch if ord(ch) < 0x2FFF or 0xFB00 <= ord(ch) <= 0xFFFD else "·" for ch in text)
