"""Letters made for tests: born-digital PDFs, scans as images and image-only PDFs."""

from __future__ import annotations

import io
from pathlib import Path

from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFont
from pypdf import PdfReader, PdfWriter

FONT = "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"

TAX_OBJECTION = [
    "Erika Mustermann, Musterstraße 1, 99999 Seestadt",
    "",
    "Stadtverwaltung Seestadt",
    "",
    "Betreff: Widerspruch gegen den Grundsteuerbescheid 2026",
    "",
    "Sehr geehrte Damen und Herren,",
    "gegen den Grundsteuerbescheid vom 3. März 2026 lege ich hiermit",
    "fristgerecht Widerspruch ein. Der Hebesatz wurde falsch angewendet.",
    "",
    "Mit freundlichen Grüßen",
    "Erika Mustermann",
]
KITA_MEMO = [
    "Hausmitteilung",
    "An: 51 – Jugendamt",
    "Von: 20 – Kämmerei und Stadtkasse",
    "",
    "Betreff: Abrechnung der Elternbeiträge Oktober",
    "",
    "die Abrechnung der Elternbeiträge für die Kindertagesstätten im",
    "Oktober liegt bei. Bitte prüfen Sie die Liste und geben Sie uns bis",
    "Freitag Bescheid, ob alle Ermäßigungen berücksichtigt sind.",
]
TREE_REQUEST = [
    "Hans Beispiel, Lindenweg 4, 99999 Seestadt",
    "",
    "Stadt Seestadt",
    "",
    "Betreff: Antrag auf Fällgenehmigung für eine Birke",
    "",
    "Sehr geehrte Damen und Herren,",
    "in unserem Garten steht eine Birke, die nach dem letzten Sturm",
    "stark geneigt ist. Ich beantrage die Genehmigung zur Baumfällung",
    "nach der Baumschutzsatzung und biete eine Ersatzpflanzung an.",
    "",
    "Mit freundlichen Grüßen",
    "Hans Beispiel",
]
ADVERT = [
    "Möbelhaus Sonnenschein – Großer Ausverkauf!",
    "",
    "Nur für kurze Zeit: 50 Prozent sparen auf alle Sofas und Betten.",
    "Jetzt bestellen und einen Gutschein über 100 Euro sichern.",
    "Sie möchten keine Angebote mehr? Newsletter abbestellen unter",
    "www.moebel-sonnenschein.example",
]


def text_pdf(path: Path, lines: list[str], pages: int = 1) -> Path:
    pdf = FPDF(format="A4")
    pdf.add_font("Liberation", fname=FONT)
    for _ in range(pages):
        pdf.add_page()
        pdf.set_font("Liberation", size=11)
        for line in lines:
            pdf.cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def scan(lines: list[str], *, rotate: float = 0.0, dpi: int = 200) -> Image.Image:
    width, height = int(8.27 * dpi), int(11.69 * dpi)
    image = Image.new("L", (width, height), 250)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, int(dpi * 0.15))
    for index, line in enumerate(lines):
        draw.text(
            (int(dpi * 0.9), int(dpi * 1.2) + index * int(dpi * 0.25)), line, fill=20, font=font
        )
    if rotate:
        image = image.rotate(rotate, fillcolor=250, expand=rotate % 90 == 0)
    return image


def scan_file(path: Path, lines: list[str], *, rotate: float = 0.0, dpi: int = 200) -> Path:
    image = scan(lines, rotate=rotate, dpi=dpi)
    suffix = path.suffix.lower()
    if suffix in (".jpg", ".jpeg"):
        image.save(path, format="JPEG", quality=75, dpi=(dpi, dpi))
    elif suffix in (".tif", ".tiff"):
        image.point(lambda v: 0 if v < 128 else 255).convert("1").save(
            path, format="TIFF", compression="group4", dpi=(dpi, dpi)
        )
    elif suffix == ".pdf":
        image.save(path, format="PDF", resolution=dpi)
    else:
        image.save(path, format="PNG", dpi=(dpi, dpi))
    return path


def multipage_tiff(path: Path, pages: list[list[str]], dpi: int = 200) -> Path:
    images = [
        scan(lines, dpi=dpi).point(lambda v: 0 if v < 128 else 255).convert("1") for lines in pages
    ]
    images[0].save(
        path,
        format="TIFF",
        save_all=True,
        append_images=images[1:],
        compression="group4",
        dpi=(dpi, dpi),
    )
    return path


def mixed_pdf(path: Path, text_lines: list[str], scan_lines: list[str]) -> Path:
    """A born-digital cover letter with a scanned attachment page."""
    digital = io.BytesIO()
    text_pdf(path.with_suffix(".tmp.pdf"), text_lines)
    digital.write(path.with_suffix(".tmp.pdf").read_bytes())
    path.with_suffix(".tmp.pdf").unlink()
    scanned = io.BytesIO()
    scan(scan_lines).save(scanned, format="PDF", resolution=200)
    writer = PdfWriter()
    for source in (digital, scanned):
        source.seek(0)
        for page in PdfReader(source).pages:
            writer.add_page(page)
    with open(path, "wb") as handle:
        writer.write(handle)
    return path
