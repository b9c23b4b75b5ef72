"""A corpus of broken and hostile files for the mailroom robot's intake.

``write_bad_inputs(folder)`` writes the corpus into a folder and returns
``{file name: what is wrong with it}``. Nothing is downloaded or committed:
every file is generated at call time, deterministically (same bytes on every
call with the same library versions), in well under a second, and small on
disk (the largest is about 1 MB) even where it unpacks to gigabytes.

What the corpus holds:

* Plain damage, the everyday kind: empty files, a bare header, a PDF cut off
  mid-transfer, garbage after the header, broken xref offsets, a truncated
  JPEG, PNGs with a bad CRC or a broken deflate stream.
* Refusals by policy: an encrypted PDF, 2,000 pages, a page-count that lies,
  no pages at all, types the mailroom does not take (GIF, DOCX, text, an ELF
  executable, all under scanner-like names), a letter carrying JavaScript and
  an embedded executable.
* Parser traps: the classic pypdf CVE shapes (a cross-reference ``/Prev``
  chain that loops, an outline ``/Next`` cycle, a page tree whose ``/Kids``
  contain an ancestor, an inline image without ``EI``, 100,000 nested arrays,
  self-referencing ``/Length`` and reference cycles, an unknown filter).
* Resource bombs: a 30000×30000 PNG, a PDF image XObject of 30000×30000 and a
  content stream that inflate to about 1 GB from about 1 MB; TIFF and JPEG
  headers that claim 40000×40000 and 65500×65500 pixels; a PNG text chunk
  that inflates to 100 MB; a TIFF whose page chain loops; a page 700 m wide.

Some files are only damaged, not hostile: pypdf repairs ``bad-xref-offsets.pdf``
and Pillow will read a few others. The contract the tests should check is the
same for every file: the run does not crash, hang or run out of memory, and the
file ends up either read or in quarantine with a reason; nothing is lost.

With ``include_special=True`` the folder also gets things an inbox meets that
are not regular files or should be ignored: a FIFO (opening it blocks), a
symlink to ``/etc/passwd``, a dangling symlink, macOS ``._`` and Windows
``Thumbs.db`` droppings, a ``.part`` file still being written and a file name
with a line break in it. They are off by default because a naive test that
opens every file in the folder would block on the FIFO.
"""

from __future__ import annotations

import io
import os
import random
import struct
import zipfile
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path

__all__ = ["write_bad_inputs"]

_SEED = 4  # issue 4


# --------------------------------------------------------------------------- PDF helpers


def _pdf_text(text: str) -> bytes:
    """A PDF literal string in WinAnsi (cp1252), with the special characters escaped."""
    raw = text.encode("cp1252")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _stream(data: bytes, entries: bytes = b"", length: bytes | None = None) -> bytes:
    """A stream object body; ``length`` overrides the correct ``/Length`` value."""
    if length is None:
        length = b"%d" % len(data)
    return b"<< /Length " + length + entries + b" >>\nstream\n" + data + b"\nendstream"


def _text_content(lines: Sequence[str], size: int = 11) -> bytes:
    """A page content stream that shows lines of text in font /F1."""
    out = [b"BT /F1 %d Tf 14 TL 72 770 Td" % size]
    out += [_pdf_text(line) + b" '" for line in lines]
    out.append(b"ET")
    return b"\n".join(out)


_HEADER = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
_A4 = b"/MediaBox [0 0 595 842]"


def _body(objects: Sequence[bytes], out: bytearray, first: int = 1) -> list[int]:
    """Append ``objects`` (numbered from ``first``) to ``out``; return their offsets."""
    offsets = []
    for number, body in enumerate(objects, first):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    return offsets


def _xref(offsets: Sequence[int]) -> bytes:
    """A complete xref table for objects 1..n at ``offsets`` (plus the free object 0)."""
    rows = [b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1)]
    rows += [b"%010d 00000 n \n" % offset for offset in offsets]
    return b"".join(rows)


def _pdf(
    objects: Sequence[bytes], trailer: bytes = b"/Root 1 0 R", header: bytes = _HEADER
) -> bytes:
    """A complete PDF with objects 1..n, a correct xref table and trailer."""
    out = bytearray(header)
    offsets = _body(objects, out)
    start = len(out)
    out += _xref(offsets)
    out += b"trailer\n<< /Size %d %s >>\n" % (len(objects) + 1, trailer)
    out += b"startxref\n%d\n%%%%EOF\n" % start
    return bytes(out)


_LETTER = [
    "Stadt Beispielhausen – Bürgeramt",
    "Az. 32.1-0815/2024",
    "",
    "Sehr geehrte Damen und Herren,",
    "hiermit beantrage ich die Verlängerung meines Anwohnerparkausweises",
    "für die Straße „Am Mühlbach“. Die Unterlagen füge ich bei.",
    "",
    "Mit freundlichen Grüßen",
    "Erika Mustermann",
]


def _letter_pdf(
    pages: int = 1, compress: bool = False, extra_catalog: bytes = b""
) -> tuple[list[bytes], int]:
    """Objects of a plain text letter: 1 catalog, 2 pages, 3 font, then page/content pairs.

    Returns the objects and the number of the first free object.
    """
    kids = b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R" + extra_catalog + b" >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
        _FONT,
    ]
    for i in range(pages):
        content = _text_content([*_LETTER, "", f"Seite {i + 1} von {pages}"])
        page = b"<< /Type /Page /Parent 2 0 R " + _A4
        page += b" /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (5 + 2 * i)
        if compress:
            stream = _stream(zlib.compress(content, 9), b" /Filter /FlateDecode")
        else:
            stream = _stream(content)
        objects += [page, stream]
    return objects, len(objects) + 1


def _one_page(content: bytes, page_extra: bytes = b"", resources: bytes = b"") -> list[bytes]:
    """Objects 1-4 of a one-page PDF: catalog, pages, page, content stream."""
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R "
        + _A4
        + b" /Resources << /Font << /F1 5 0 R >>"
        + resources
        + b" >> /Contents 4 0 R"
        + page_extra
        + b" >>",
        content,
    ]


def _deflate_zeros(size: int) -> bytes:
    """A zlib stream that inflates to ``size`` zero bytes, built in milliseconds.

    Compressing a gigabyte would take seconds; instead one megabyte is
    compressed and closed with a full flush (which resets the compressor's
    history), so the same compressed block can be repeated. The Adler-32 of
    ``size`` zeros is simply ``(size mod 65521) << 16 | 1``.
    """
    chunk = 1 << 20
    if size <= 3 * chunk:
        return zlib.compress(bytes(size), 9)
    comp = zlib.compressobj(9)
    head = comp.compress(bytes(chunk)) + comp.flush(zlib.Z_FULL_FLUSH)
    block = comp.compress(bytes(chunk)) + comp.flush(zlib.Z_FULL_FLUSH)
    again = comp.compress(bytes(chunk)) + comp.flush(zlib.Z_FULL_FLUSH)
    assert block == again, "zlib did not repeat the flushed block"
    full, rest = divmod(size, chunk)
    tail = comp.compress(bytes(rest)) + comp.flush()
    adler = struct.pack(">I", (size % 65521) << 16 | 1)
    return head + block * (full - 1) + tail[:-4] + adler


def _rng() -> random.Random:
    return random.Random(_SEED)


# --------------------------------------------------------------------------- image helpers


def _png_chunk(kind: bytes, data: bytes, crc: int | None = None) -> bytes:
    if crc is None:
        crc = zlib.crc32(kind + data)
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def _png(
    width: int, height: int, depth: int, colour: int, idat: bytes, extra: bytes = b""
) -> bytes:
    ihdr = struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", ihdr)
        + extra
        + _png_chunk(b"IDAT", idat)
        + _png_chunk(b"IEND", b"")
    )


def _sample_image(width: int = 480, height: int = 320):  # -> PIL.Image.Image
    """A deterministic picture with a little text on it, like a tiny scan."""
    from PIL import Image, ImageDraw

    image = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(_LETTER):
        draw.text((20, 20 + 16 * i), line.encode("ascii", "replace").decode(), fill=(0, 0, 90))
    draw.rectangle((width - 90, height - 60, width - 20, height - 20), outline=(200, 0, 0), width=3)
    return image


def _encoded(image, fmt: str, **options) -> bytes:  # image: PIL.Image.Image
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def _png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    """Split a PNG into (type, data) pairs."""
    chunks, pos = [], 8
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        chunks.append((data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]))
        pos += 12 + length
    return chunks


def _tiff(
    ifds: Sequence[Sequence[tuple[int, int, int]]], data: bytes, next_of_last: int | None = 0
) -> bytes:
    """A little-endian TIFF: pixel data at offset 8, then IFDs of (tag, type, value) entries.

    Every entry has count 1 (type 3 SHORT or 4 LONG). ``next_of_last`` is the
    "next IFD" offset written into the last IFD; None means "the first IFD".
    """
    ifd_size = [2 + 12 * len(entries) + 4 for entries in ifds]
    starts, pos = [], 8 + len(data) + len(data) % 2
    for size in ifd_size:
        starts.append(pos)
        pos += size
    out = bytearray(b"II*\x00" + struct.pack("<I", starts[0]) + data)
    out += b"\x00" * (len(data) % 2)
    for i, entries in enumerate(ifds):
        out += struct.pack("<H", len(entries))
        for tag, kind, value in sorted(entries):
            packed = (
                struct.pack("<H", value) + b"\x00\x00" if kind == 3 else struct.pack("<I", value)
            )
            out += struct.pack("<HHI", tag, kind, 1) + packed
        if i + 1 < len(ifds):
            following = starts[i + 1]
        else:
            following = starts[0] if next_of_last is None else next_of_last
        out += struct.pack("<I", following)
    return bytes(out)


def _gray_tiff_entries(
    width: int, height: int, data_offset: int, byte_count: int
) -> list[tuple[int, int, int]]:
    return [
        (256, 4, width),  # ImageWidth
        (257, 4, height),  # ImageLength
        (258, 3, 8),  # BitsPerSample
        (259, 3, 1),  # Compression: none
        (262, 3, 1),  # PhotometricInterpretation: BlackIsZero
        (273, 4, data_offset),  # StripOffsets
        (277, 3, 1),  # SamplesPerPixel
        (278, 4, height),  # RowsPerStrip
        (279, 4, byte_count),  # StripByteCounts
    ]


# --------------------------------------------------------------------------- the corpus: PDFs


def _truncated_pdf() -> bytes:
    objects, _ = _letter_pdf(pages=6, compress=True)
    whole = _pdf(objects)
    return whole[: len(whole) // 2]


def _garbage_after_header() -> bytes:
    return b"%PDF-1.4\n" + _rng().randbytes(64 * 1024)


def _encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, ByteStringObject

    objects, _ = _letter_pdf(pages=2)
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_pdf(objects))))
    # A fixed file identifier keeps the output deterministic: with RC4 the key
    # depends on the first /ID string only, and pypdf would pick it at random.
    file_id = ByteStringObject(b"lotse-bad-input!")
    writer._ID = ArrayObject([file_id, file_id])
    writer.encrypt(user_password="geheim", owner_password="noch-geheimer", algorithm="RC4-128")
    writer._ID = ArrayObject([file_id, file_id])
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _two_thousand_pages() -> bytes:
    pages = 2000
    first_page = 5
    kids = b" ".join(b"%d 0 R" % (first_page + i) for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        # MediaBox and Resources are inherited from the page tree node: every
        # page object is a few bytes and all pages share one content stream.
        b"<< /Type /Pages /Kids ["
        + kids
        + b"] /Count %d " % pages
        + _A4
        + b" /Resources << /Font << /F1 3 0 R >> >> >>",
        _FONT,
        _stream(_text_content(["Leerseite"])),
    ]
    objects += [b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>"] * pages
    return _pdf(objects)


def _xref_loop() -> bytes:
    """Two xref sections whose trailers' /Prev point at each other."""
    objects, _ = _letter_pdf()
    out = bytearray(_HEADER)
    offsets = _body(objects, out)
    xref_a = len(out)
    table_a = _xref(offsets)
    # An incremental update replaces object 5 (the content stream) ...
    update = _stream(_text_content([*_LETTER, "", "(Nachtrag)"]))
    guess = 0
    while True:  # trailer A names the offset of section B, which comes after trailer A
        trailer_a = b"trailer\n<< /Size %d /Root 1 0 R /Prev %d >>\n" % (len(objects) + 1, guess)
        update_at = xref_a + len(table_a) + len(trailer_a)
        xref_b = update_at + len(b"5 0 obj\n" + update + b"\nendobj\n")
        if xref_b == guess:
            break
        guess = xref_b
    out += table_a + trailer_a
    assert _body([update], out, first=5) == [update_at]
    assert len(out) == xref_b
    out += b"xref\n5 1\n%010d 00000 n \n" % update_at
    out += b"trailer\n<< /Size %d /Root 1 0 R /Prev %d >>\n" % (len(objects) + 1, xref_a)
    out += b"startxref\n%d\n%%%%EOF\n" % xref_b
    return bytes(out)


def _xref_self_loop() -> bytes:
    objects, _ = _letter_pdf()
    out = bytearray(_HEADER)
    offsets = _body(objects, out)
    start = len(out)
    out += _xref(offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Prev %d >>\n" % (len(objects) + 1, start)
    out += b"startxref\n%d\n%%%%EOF\n" % start
    return bytes(out)


def _outline_loop() -> bytes:
    objects, free = _letter_pdf(extra_catalog=b" /Outlines %d 0 R /PageMode /UseOutlines" % 6)
    assert free == 6
    objects += [
        b"<< /Type /Outlines /First 7 0 R /Last 8 0 R /Count 2 >>",
        b"<< /Title (Antrag) /Parent 6 0 R /Next 8 0 R /Prev 8 0 R /Dest [4 0 R /Fit] >>",
        b"<< /Title (Anlagen) /Parent 6 0 R /Next 7 0 R /Prev 7 0 R /Dest [4 0 R /Fit] >>",
    ]
    return _pdf(objects)


def _inline_image_without_ei() -> bytes:
    # Random image data with no "EI" anywhere: every E becomes an F.
    data = _rng().randbytes(32 * 1024).replace(b"E", b"F")
    content = (
        _text_content(_LETTER[:5])
        + b"\nq 200 0 0 100 72 400 cm\nBI /W 256 /H 128 /CS /G /BPC 8 ID "
        + data
    )
    return _pdf([*_one_page(_stream(content)), _FONT])


def _deep_nesting() -> bytes:
    depth = 100_000
    nested = b"[" * depth + b"]" * depth
    return _pdf(
        [*_one_page(_stream(_text_content(_LETTER)), page_extra=b" /Lotse " + nested), _FONT]
    )


def _pdf_image_bomb() -> bytes:
    side = 30_000
    image = _stream(
        _deflate_zeros(side * side),
        b" /Type /XObject /Subtype /Image /Width %d /Height %d" % (side, side)
        + b" /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode",
    )
    content = _text_content(_LETTER[:2]) + b"\nq 595 0 0 700 0 0 cm /Im1 Do Q"
    objects = _one_page(_stream(content), resources=b" /XObject << /Im1 6 0 R >>")
    return _pdf([*objects, _FONT, image])


def _content_stream_bomb() -> bytes:
    # NUL is white space in PDF syntax: the page content is 1 GiB of nothing.
    content = _stream(_deflate_zeros(1 << 30), b" /Filter /FlateDecode")
    return _pdf([*_one_page(content), _FONT])


def _page_tree_loop() -> bytes:
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R "
        + _A4
        + b" /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        _stream(_text_content(_LETTER)),
        _FONT,
        # An intermediate node whose only kid is the root of the page tree.
        b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>",
    ]
    return _pdf(objects)


def _length_self_reference() -> bytes:
    content = _stream(_text_content(_LETTER), length=b"4 0 R")
    return _pdf([*_one_page(content), _FONT])


def _reference_cycle() -> bytes:
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R " + _A4 + b" /Resources 6 0 R /Contents 4 0 R >>",
        b"5 0 R",
        b"4 0 R",
        b"6 0 R",
    ]
    return _pdf(objects)


def _bad_xref_offsets() -> bytes:
    objects, _ = _letter_pdf(pages=2)
    whole = _pdf(objects)
    head, _, tail = whole.partition(b"\nxref\n")
    lines = tail.split(b"\n")
    for i, line in enumerate(lines):
        if line.endswith(b" 00000 n "):
            lines[i] = b"%010d 00000 n " % (int(line[:10]) + 37)
    return head + b"\nxref\n" + b"\n".join(lines)


def _no_xref() -> bytes:
    objects, _ = _letter_pdf()
    out = bytearray(_HEADER)
    _body(objects, out)
    return bytes(out) + b"%%EOF\n"


def _zero_pages() -> bytes:
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"])


def _page_count_lie() -> bytes:
    objects, _ = _letter_pdf()
    objects[1] = b"<< /Type /Pages /Kids [4 0 R] /Count 2147483647 >>"
    return _pdf(objects)


def _huge_page_size() -> bytes:
    objects = _one_page(_stream(_text_content(_LETTER)))
    objects[2] = objects[2].replace(_A4, b"/MediaBox [0 0 2000000 2000000]")
    return _pdf([*objects, _FONT])


def _unknown_filter() -> bytes:
    content = _stream(_rng().randbytes(2048), b" /Filter /LotseSecretDecode")
    return _pdf([*_one_page(content), _FONT])


def _javascript_and_attachment() -> bytes:
    objects, free = _letter_pdf(
        extra_catalog=b" /OpenAction 6 0 R /Names << /EmbeddedFiles << /Names [(Rechnung.exe) 7 0 R] >> >>"
    )
    assert free == 6
    objects += [
        b"<< /Type /Action /S /JavaScript /JS (app.alert\\('Ihre Rechnung ist bereit'\\);) >>",
        b"<< /Type /Filespec /F (Rechnung.exe) /UF (Rechnung.exe) /EF << /F 8 0 R >> >>",
        _stream(_elf(), b" /Type /EmbeddedFile"),
    ]
    return _pdf(objects)


# --------------------------------------------------------------------------- the corpus: images


def _png_bomb() -> bytes:
    """30000×30000, one-bit palette (white): 112 MB of zero rows, ~110 KB on disk."""
    side = 30_000
    row = 1 + side // 8  # filter byte + 3,750 bytes of pixels
    return _png(side, side, 1, 3, _deflate_zeros(row * side), _png_chunk(b"PLTE", b"\xff\xff\xff"))


def _huge_dimensions_tif() -> bytes:
    side = 40_000
    data = bytes(64)
    return _tiff([_gray_tiff_entries(side, side, 8, side * side)], data)


def _tiff_ifd_loop() -> bytes:
    data = bytes(range(0, 256, 4))  # 8×8 grey ramp
    entries = _gray_tiff_entries(8, 8, 8, len(data))
    return _tiff([entries, entries], data, next_of_last=None)


def _truncated_jpg() -> bytes:
    whole = _encoded(_sample_image(), "JPEG", quality=85)
    return whole[: len(whole) // 2]


def _huge_dimensions_jpg() -> bytes:
    data = bytearray(_encoded(_sample_image(64, 48), "JPEG", quality=85))
    sof = data.index(b"\xff\xc0")
    data[sof + 5 : sof + 9] = struct.pack(">HH", 65_500, 65_500)  # height, width
    return bytes(data)


def _broken_png(fix_crc: bool) -> bytes:
    original = _encoded(_sample_image(), "PNG")
    out = bytearray(b"\x89PNG\r\n\x1a\n")
    for kind, data in _png_chunks(original):
        crc = zlib.crc32(kind + data)
        if kind == b"IDAT":
            middle = len(data) // 2
            data = data[:middle] + _rng().randbytes(64) + data[middle + 64 :]
            if fix_crc:
                crc = zlib.crc32(kind + data)
        out += _png_chunk(kind, data, crc)
    return bytes(out)


def _zero_pixels_png() -> bytes:
    return _png(0, 0, 8, 2, zlib.compress(b""))


def _text_chunk_bomb() -> bytes:
    ztxt = b"Comment\x00\x00" + _deflate_zeros(100 * 1024 * 1024)
    image = _sample_image(64, 48).convert("L")
    rows = b"".join(b"\x00" + image.tobytes()[y * 64 : (y + 1) * 64] for y in range(48))
    return _png(64, 48, 8, 0, zlib.compress(rows, 9), _png_chunk(b"zTXt", ztxt))


def _gif() -> bytes:
    return _encoded(_sample_image(160, 100).convert("P"), "GIF")


# --------------------------------------------------------------------------- the corpus: other types


def _text_file() -> bytes:
    return ("\n".join(_LETTER) + "\n").encode("utf-8")


def _docx() -> bytes:
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
        ),
        "word/document.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
            + "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in _LETTER)
            + "</w:body></w:document>"
        ),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 2, 3, 4, 6))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text)
    return buffer.getvalue()


def _elf() -> bytes:
    """A complete 129-byte x86-64 Linux executable that only calls exit(0)."""
    base, header, program = 0x400000, 64, 56
    code = b"\xb8\x3c\x00\x00\x00\x31\xff\x0f\x05"  # mov eax, 60; xor edi, edi; syscall
    size = header + program + len(code)
    elf_header = (
        b"\x7fELF\x02\x01\x01"
        + bytes(9)
        + struct.pack(
            "<HHIQQQIHHHHHH",
            2,
            0x3E,
            1,
            base + header + program,
            header,
            0,
            0,
            header,
            program,
            1,
            0,
            0,
            0,
        )
    )
    program_header = struct.pack("<IIQQQQQQ", 1, 5, 0, base, base, size, size, 0x1000)
    return elf_header + program_header + code


# --------------------------------------------------------------------------- the table


_CORPUS: dict[str, tuple[Callable[[], bytes], str]] = {
    "empty.pdf": (lambda: b"", "empty file (0 bytes)"),
    "only-header.pdf": (lambda: b"%PDF-1.7\n", "only the PDF header line, nothing else"),
    "truncated.pdf": (
        _truncated_pdf,
        "valid 6-page PDF cut off in the middle (no xref, no trailer)",
    ),
    "garbage-after-header.pdf": (
        _garbage_after_header,
        "PDF header followed by 64 KiB of random bytes",
    ),
    "encrypted.pdf": (_encrypted_pdf, "text PDF encrypted with a user password (RC4-128)"),
    "two-thousand-pages.pdf": (
        _two_thousand_pages,
        "valid PDF with 2,000 pages (too many for a letter)",
    ),
    "xref-loop.pdf": (
        _xref_loop,
        "two xref sections whose trailer /Prev entries point at each other",
    ),
    "xref-self-loop.pdf": (_xref_self_loop, "xref trailer /Prev points at its own xref section"),
    "outline-loop.pdf": (
        _outline_loop,
        "document outline (bookmarks) whose /Next entries form a cycle",
    ),
    "inline-image-without-EI.pdf": (
        _inline_image_without_ei,
        "page content has an inline image (BI … ID) that never ends with EI",
    ),
    "deep-nesting.pdf": (
        _deep_nesting,
        "page dictionary holds an array nested 100,000 levels deep",
    ),
    "pdf-image-bomb.pdf": (
        _pdf_image_bomb,
        "page image XObject of 30000×30000 grey pixels: ~0.9 MB inflating to 900 MB",
    ),
    "content-stream-bomb.pdf": (
        _content_stream_bomb,
        "page content stream of ~1 MB that inflates to 1 GiB",
    ),
    "page-tree-loop.pdf": (_page_tree_loop, "page tree /Kids contain the root node again (cycle)"),
    "length-self-reference.pdf": (
        _length_self_reference,
        "content stream's /Length is an indirect reference to the stream itself",
    ),
    "reference-cycle.pdf": (
        _reference_cycle,
        "page /Contents and /Resources are indirect references that only point at each other",
    ),
    "bad-xref-offsets.pdf": (_bad_xref_offsets, "every xref offset is 37 bytes off (repairable)"),
    "no-xref.pdf": (_no_xref, "objects only: no xref table, no trailer, no startxref"),
    "zero-pages.pdf": (_zero_pages, "well-formed PDF without any page"),
    "page-count-lie.pdf": (_page_count_lie, "one page, but the page tree claims /Count 2147483647"),
    "huge-page-size.pdf": (
        _huge_page_size,
        "page of 2,000,000 × 2,000,000 pt (~700 m): rendering it for OCR needs absurd memory",
    ),
    "unknown-filter.pdf": (_unknown_filter, "content stream uses a filter that does not exist"),
    "javascript-and-attachment.pdf": (
        _javascript_and_attachment,
        "readable letter with a JavaScript OpenAction and an embedded executable",
    ),
    "decompression-bomb.png": (
        _png_bomb,
        "PNG of 30000×30000 pixels (~110 KB on disk, 900 MB decoded)",
    ),
    "huge-dimensions.tif": (
        _huge_dimensions_tif,
        "TIFF header claims 40000×40000 pixels (1.6 GB) but holds 64 bytes of data",
    ),
    "tiff-ifd-loop.tif": (
        _tiff_ifd_loop,
        "multi-page TIFF whose second page links back to the first (endless pages)",
    ),
    "truncated.jpg": (_truncated_jpg, "JPEG cut off in the middle"),
    "huge-dimensions.jpg": (
        _huge_dimensions_jpg,
        "small JPEG whose header claims 65500×65500 pixels",
    ),
    "bad-crc.png": (
        lambda: _broken_png(fix_crc=False),
        "PNG whose image data (IDAT) is damaged and no longer matches its CRC",
    ),
    "broken-idat.png": (
        lambda: _broken_png(fix_crc=True),
        "PNG whose compressed image data is damaged (CRC recomputed, so only zlib notices)",
    ),
    "zero-pixels.png": (_zero_pixels_png, "PNG header claims 0×0 pixels"),
    "text-chunk-bomb.png": (
        _text_chunk_bomb,
        "small PNG with a zTXt text chunk inflating to 100 MiB",
    ),
    "text-renamed.pdf": (_text_file, "plain UTF-8 text file named .pdf"),
    "word-document.pdf": (
        _docx,
        "Word document (DOCX, a ZIP container) named .pdf: unsupported type",
    ),
    "unsupported.gif": (_gif, "a real GIF image: unsupported type"),
    "executable.jpg": (_elf, "x86-64 Linux ELF executable named .jpg"),
}


def _write_special(folder: Path) -> dict[str, str]:
    """Entries that are not ordinary files, or files a mailroom must ignore."""
    written: dict[str, str] = {}
    for name in ("scanner-pipe.pdf", "link-to-passwd.pdf", "dangling-link.pdf"):
        (folder / name).unlink(missing_ok=True)  # a second call must not fail
    fifo = folder / "scanner-pipe.pdf"
    os.mkfifo(fifo)
    written[fifo.name] = "a FIFO (named pipe), not a file: opening it for reading blocks"
    (folder / "link-to-passwd.pdf").symlink_to("/etc/passwd")
    written["link-to-passwd.pdf"] = "symlink to /etc/passwd"
    (folder / "dangling-link.pdf").symlink_to("does-not-exist.pdf")
    written["dangling-link.pdf"] = "symlink to a file that does not exist"
    apple = b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        " + bytes(4058)
    (folder / "._Brief.pdf").write_bytes(apple)
    written["._Brief.pdf"] = "macOS AppleDouble metadata file (not a letter)"
    (folder / "Thumbs.db").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    written["Thumbs.db"] = "Windows thumbnail cache (not a letter)"
    letter, _ = _letter_pdf(pages=3)
    whole = _pdf(letter)
    (folder / "Scan-0001.pdf.part").write_bytes(whole[: len(whole) // 3])
    written["Scan-0001.pdf.part"] = "a scan still being written (.part)"
    newline = "Brief\nRechnung.pdf"
    (folder / newline).write_bytes(_pdf(_letter_pdf()[0]))
    written[newline] = "valid letter whose file name contains a line break"
    return written


def write_bad_inputs(folder: Path, *, include_special: bool = False) -> dict[str, str]:
    """Write the corpus into folder; return {file name: what is wrong with it (English, short)}.

    ``include_special`` adds a FIFO, symlinks, OS droppings, a ``.part`` file
    and a file name with a line break (see the module docstring).
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written: dict[str, str] = {}
    for name, (make, reason) in _CORPUS.items():
        (folder / name).write_bytes(make())
        written[name] = reason
    if include_special:
        written.update(_write_special(folder))
    return written
