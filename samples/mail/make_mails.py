"""Write the sample e-mails of the mailroom robot: ``emails/*.eml`` and ``emails.csv``.

Usage (from the repository root)::

    .venv/bin/python samples/mail/make_mails.py [--out samples/mail]

Mails as they arrive in a city's functional mailbox (poststelle@seestadt.example),
in the styles real mail programs write them: Thunderbird (plain text, format=flowed),
Outlook (HTML with a plain-text twin, windows-1252, inline logo), a web mailer
(HTML only), a phone (a photo attached, no text), a mail forwarded as an attachment,
an old program that declares no charset or the wrong one, and a broken file.
Scanned attachments are the sample letters from ``letters/``. Every name and
address is fictitious; dates and Message-IDs are fixed, so re-runs write the
same bytes.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
LETTERS = HERE / "letters"
CITY = Address("Poststelle Stadt Seestadt", "poststelle", "seestadt.example")
BASE_DATE = datetime(2026, 11, 24, 8, 12, tzinfo=UTC)


@dataclass(frozen=True)
class Mail:
    file: str
    expected: str  # department code or REVIEW, as in labels.csv
    note: str
    build: Callable[[int], bytes] = field(repr=False)


def _base(number: int, sender: Address, subject: str, mailer: str) -> EmailMessage:
    message = EmailMessage(policy=policy.SMTP)
    message["From"] = sender
    message["To"] = CITY
    message["Subject"] = subject
    message["Date"] = format_datetime(BASE_DATE + timedelta(hours=number * 3, minutes=number * 7))
    message["Message-ID"] = f"<{number:04d}.{mailer.lower().split()[0]}@{sender.domain}>"
    message["X-Mailer"] = mailer
    return message


def plain_with_pdf(number: int) -> bytes:
    """Thunderbird: a short plain text, a scanned application form as PDF attached."""
    message = _base(
        number,
        Address("Jana Wolff", "jana.wolff", "example.org"),
        "Antrag auf Ermäßigung der Kita-Gebühren",
        "Mozilla Thunderbird",
    )
    message.set_content(
        "Sehr geehrte Damen und Herren,\n\n"
        "anbei sende ich Ihnen meinen Antrag auf Ermäßigung der Kita-Gebühren für\n"
        "unsere Tochter Mia (Kita Sonnenblume) mit den Einkommensnachweisen.\n"
        "Bitte leiten Sie den Antrag an das Jugendamt weiter.\n\n"
        "Mit freundlichen Grüßen\nJana Wolff\nMöwenstraße 12, 12346 Seestadt\n"
    )
    message.add_attachment(
        _scan_pdf(LETTERS / "brief.png"),  # the sample letter: Kita-Gebühren, Jugendamt
        maintype="application",
        subtype="pdf",
        filename="Antrag Kita-Gebühren.pdf",
    )
    return bytes(message)


def outlook_html(number: int) -> bytes:
    """Outlook: HTML with a plain twin, windows-1252, a logo inline, an invoice table."""
    message = _base(
        number,
        Address("Buchhaltung Grünwerk GmbH", "rechnung", "gruenwerk.example.com"),
        "Rechnung Nr. 2026-4471 – Pflege Grünanlage Hafenpark",
        "Microsoft Outlook 16.0",
    )
    plain = (
        "Sehr geehrte Damen und Herren,\r\n\r\n"
        "für die Pflege der Grünanlage Hafenpark im Oktober 2026 stellen wir Ihnen "
        "folgende Leistungen in Rechnung (Rechnung Nr. 2026-4471, Auftrag 20-2026-118):\r\n\r\n"
        "Rasenschnitt 3 x 420,00 € = 1.260,00 €\r\nHeckenschnitt 1 x 890,00 €\r\n"
        "Gesamtbetrag 2.150,00 € zzgl. 19 % USt. = 2.558,50 €\r\n\r\n"
        "Bitte überweisen Sie den Betrag innerhalb von 30 Tagen auf "
        "IBAN DE00 1234 5678 9012 3456 78.\r\n\r\nMit freundlichen Grüßen\r\nIhre Buchhaltung\r\n"
    )
    html = (
        "<html><head><meta charset='windows-1252'><style>td{padding:2px 8px}</style></head>"
        "<body><p>Sehr geehrte Damen und Herren,</p><p>für die Pflege der Grünanlage "
        "<b>Hafenpark</b> im Oktober 2026 stellen wir Ihnen folgende Leistungen in Rechnung "
        "(Rechnung Nr. 2026-4471, Auftrag 20-2026-118):</p><table>"
        "<tr><th>Leistung</th><th>Menge</th><th>Betrag</th></tr>"
        "<tr><td>Rasenschnitt</td><td>3</td><td>1.260,00 €</td></tr>"
        "<tr><td>Heckenschnitt</td><td>1</td><td>890,00 €</td></tr>"
        "<tr><td><b>Gesamt inkl. 19 % USt.</b></td><td></td><td><b>2.558,50 €</b></td></tr>"
        "</table><p>Bitte überweisen Sie den Betrag innerhalb von 30 Tagen auf IBAN "
        "DE00 1234 5678 9012 3456 78.</p><p>Mit freundlichen Grüßen<br>Ihre Buchhaltung</p>"
        "<img src='cid:logo@gruenwerk'></body></html>"
    )
    message.set_content(plain, charset="windows-1252", cte="quoted-printable")
    message.add_alternative(html, subtype="html", charset="windows-1252", cte="quoted-printable")
    html_part = message.get_payload()[1]
    html_part.add_related(_logo_png(), maintype="image", subtype="png", cid="<logo@gruenwerk>")
    return bytes(message)


def html_only(number: int) -> bytes:
    """A web mailer that sends HTML only: a pothole report with a link."""
    message = _base(
        number,
        Address("Tobias Krämer", "t.kraemer", "example.org"),
        "Schlagloch Lindenallee",
        "Roundcube Webmail",
    )
    message.set_content(
        "<!DOCTYPE html><html><body><div>Hallo,</div><div><br></div>"
        "<div>in der <b>Lindenallee</b> vor Hausnummer 23 ist seit letzter Woche ein tiefes "
        "Schlagloch auf der Fahrbahn, etwa 40 cm breit. Radfahrer weichen auf den Gehweg "
        "aus, gestern ist dort fast ein Kind gestürzt. Bitte lassen Sie die Straße "
        "ausbessern.</div><div><br></div><div>Ein Foto habe ich hier hochgeladen: "
        "<a href='https://fotos.example.org/schlagloch'>Foto vom Schlagloch</a></div>"
        "<div><br></div><div>Viele Grüße<br>Tobias Krämer</div>"
        "<script>alert('nie ausführen')</script></body></html>",
        subtype="html",
    )
    return bytes(message)


def phone_photo(number: int) -> bytes:
    """A phone: no text at all, a photographed letter as JPEG."""
    message = _base(
        number,
        Address("", "m.yilmaz.1988", "example.org"),
        "",
        "iPhone Mail (22B91)",
    )
    del message["Subject"]
    message.set_content("\n\nVon meinem iPhone gesendet\n")
    photo = next(LETTERS.glob("IMG_20261124_122011.jpg"))
    message.add_attachment(
        photo.read_bytes(), maintype="image", subtype="jpeg", filename="IMG_4711.JPG"
    )
    return bytes(message)


def forwarded(number: int) -> bytes:
    """A colleague forwards a citizen's mail (as an attachment) to the Poststelle."""
    inner = _base(
        number + 100,
        Address("Ewa Kowalczyk", "ewa.kowalczyk", "example.org"),
        "Frage zu Wohngeld – Weiterbewilligung",
        "Mozilla Thunderbird",
    )
    inner.replace_header("Date", format_datetime(BASE_DATE + timedelta(hours=number * 3 - 20)))
    inner.set_content(
        "Sehr geehrte Damen und Herren,\n\n"
        "mein Wohngeld (Bescheid vom 3. Mai 2026) läuft Ende Dezember aus. Ich möchte den\n"
        "Weiterleistungsantrag stellen. Reicht es, die neuen Lohnabrechnungen zu schicken,\n"
        "oder muss ich das ganze Formular noch einmal ausfüllen? Meine Miete hat sich\n"
        "nicht geändert.\n\nMit freundlichen Grüßen\nEwa Kowalczyk, Hafenstraße 4, 12345 Seestadt\n",
        charset="utf-8",
    )
    outer = _base(
        number,
        Address("Bürgerbüro Seestadt", "buergerbuero", "seestadt.example"),
        "WG: Frage zu Wohngeld – Weiterbewilligung",
        "Microsoft Outlook 16.0",
    )
    outer.set_content(
        "Liebe Kolleginnen und Kollegen der Poststelle,\n\n"
        "diese Mail kam bei uns im Bürgerbüro an, gehört aber nicht zu uns. "
        "Bitte an die zuständige Stelle weitergeben.\n\nViele Grüße\nBürgerbüro\n"
    )
    outer.add_attachment(inner, filename="Frage zu Wohngeld.eml")
    return bytes(outer)


def latin1_no_charset(number: int) -> bytes:
    """An old mail program: 8-bit Latin-1 text without any charset declared."""
    lines = [
        "From: Horst Brandt <h.brandt@example.org>",
        "To: poststelle@seestadt.example",
        "Subject: Hundesteuer =?ISO-8859-1?Q?f=FCr_unseren_Dackel?=",
        f"Date: {format_datetime(BASE_DATE + timedelta(days=1, hours=number))}",
        f"Message-ID: <{number:04d}.pegasus@example.org>",
        "X-Mailer: Pegasus Mail for Windows (4.73)",
        "MIME-Version: 1.0",
        "Content-Type: text/plain",
        "Content-Transfer-Encoding: 8bit",
        "",
        "Sehr geehrte Damen und Herren,",
        "",
        "wir haben seit dem 1. November einen Dackel (Waldi) aus dem Tierheim.",
        "Bitte melden Sie ihn zur Hundesteuer an. Unser Kassenzeichen für die",
        "Grundsteuer lautet 22-4711-0815, falls das hilft.",
        "",
        "Mit freundlichen Grüßen",
        "Horst und Käthe Brandt, Gärtnerweg 9, 12348 Seestadt",
        "",
    ]
    return "\r\n".join(lines).encode("latin-1")


def wrong_charset(number: int) -> bytes:
    """Declared UTF-8, written in windows-1252 (a misconfigured web form)."""
    head = [
        "From: Kontaktformular <noreply@seestadt.example>",
        "To: poststelle@seestadt.example",
        "Subject: Kontaktformular: Brandschutz im Vereinsheim",
        f"Date: {format_datetime(BASE_DATE + timedelta(days=2, hours=number))}",
        f"Message-ID: <{number:04d}.formular@seestadt.example>",
        "MIME-Version: 1.0",
        'Content-Type: text/plain; charset="utf-8"',
        "Content-Transfer-Encoding: 8bit",
        "",
    ]
    body = (
        "Name: Sportverein Blau-Weiß Seestadt e. V., Uwe Schäfer\r\n"
        "Anliegen: Wir bauen unser Vereinsheim um und möchten wissen, ob für den neuen "
        "Saal mit 120 Plätzen eine Brandverhütungsschau nötig ist und wie viele "
        "Rauchmelder und Feuerlöscher wir brauchen. Können Sie einen Termin für eine "
        "Begehung vorschlagen?\r\n"
    )
    return "\r\n".join(head).encode("ascii") + b"\r\n" + body.encode("cp1252")


def office_attachment(number: int) -> bytes:
    """A building application with a PDF plan and a Word file the robot cannot convert."""
    message = _base(
        number,
        Address("Architekturbüro Nordlicht", "info", "nordlicht-architekten.example.com"),
        "Bauantrag Einfamilienhaus Flurstück 112/4 – Nachreichung Unterlagen",
        "Microsoft Outlook 16.0",
    )
    message.set_content(
        "Sehr geehrte Damen und Herren,\n\n"
        "zum Bauantrag für das Einfamilienhaus auf dem Flurstück 112/4 (Az. 63-BA-2026-0412)\n"
        "reichen wir wie besprochen die Baubeschreibung und die Berechnung der\n"
        "Wohnfläche nach. Die Baugenehmigung erwarten wir gern bis Jahresende.\n\n"
        "Mit freundlichen Grüßen\nDipl.-Ing. Karin Nordmann\n"
    )
    message.add_attachment(
        b"PK\x03\x04" + bytes(400),
        maintype="application",
        subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
        filename="Baubeschreibung.docx",
    )
    message.add_attachment(
        _text_pdf("Berechnung der Wohnfläche nach WoFlV, Flurstück 112/4: 142,6 m²"),
        maintype="application",
        subtype="pdf",
        filename="Wohnflächenberechnung.pdf",
    )
    return bytes(message)


def advert(number: int) -> bytes:
    """A newsletter: HTML, no department (REVIEW)."""
    message = _base(
        number,
        Address("KommunalSoft Newsletter", "newsletter", "kommunalsoft.example.com"),
        "🎉 Nur noch 3 Tage: 20 % auf alle Lizenzen!",
        "Mailchimp",
    )
    message.set_content(
        "<html><body><h1>Jahresendaktion</h1><p>Sichern Sie sich jetzt 20 % Rabatt auf alle "
        "Lizenzen unserer Bürgerservice-Suite. Angebot gültig bis 30.11.2026.</p>"
        "<p><a href='https://kommunalsoft.example.com/abmelden'>Newsletter abbestellen</a>"
        "</p></body></html>",
        subtype="html",
    )
    return bytes(message)


def broken(number: int) -> bytes:
    """Cut off in the middle of the headers (a crashed export): not a readable mail."""
    return b"From: Unbekannt <x@example.org>\r\nTo: poststelle@seestadt.example\r\nSubj"


MAILS = [
    Mail(
        "Antrag Kita-Gebühren.eml",
        "51",
        "Thunderbird, Text und gescannter PDF-Antrag",
        plain_with_pdf,
    ),
    Mail(
        "Rechnung 2026-4471.eml",
        "20",
        "Outlook, HTML mit Text-Zwilling, windows-1252, Logo",
        outlook_html,
    ),
    Mail("Schlagloch Lindenallee.eml", "66", "Webmailer, nur HTML, Link und Skript", html_only),
    Mail("IMG_4711.eml", "32", "Handy, kein Text, Foto eines Briefs (Fundbüro)", phone_photo),
    Mail("WG Frage zu Wohngeld.eml", "50", "als Anhang weitergeleitete Mail", forwarded),
    Mail(
        "Hundesteuer.eml",
        "22",
        "8 Bit Latin-1 ohne Zeichensatzangabe, RFC-2047-Betreff",
        latin1_no_charset,
    ),
    Mail(
        "Kontaktformular Brandschutz.eml",
        "37",
        "als UTF-8 erklärt, in windows-1252 geschrieben",
        wrong_charset,
    ),
    Mail(
        "Bauantrag Nachreichung.eml",
        "63",
        "PDF-Anlage und Word-Datei (nicht umwandelbar)",
        office_attachment,
    ),
    Mail("Newsletter KommunalSoft.eml", "REVIEW", "Werbung, nur HTML, Emoji im Betreff", advert),
    Mail("abgebrochen.eml", "QUARANTINE", "mitten in den Kopfzeilen abgebrochen", broken),
]


def _scan_pdf(image_path: Path) -> bytes:
    """A scanned page as an image-only PDF, as a home scanner app writes it."""
    import io

    from PIL import Image

    out = io.BytesIO()
    with Image.open(image_path) as image:
        image.convert("L").save(
            out,
            format="PDF",
            resolution=200.0,
            creationDate=BASE_DATE.timetuple(),
            modDate=BASE_DATE.timetuple(),
        )
    return out.getvalue()


def _logo_png() -> bytes:
    import io

    from PIL import Image, ImageDraw

    image = Image.new("RGB", (180, 48), (34, 120, 60))
    ImageDraw.Draw(image).text((10, 16), "Grünwerk", fill=(255, 255, 255))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _text_pdf(line: str) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="mm")
    pdf.set_creation_date(BASE_DATE)
    pdf.add_font("sans", "", "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf")
    pdf.add_page()
    pdf.set_font("sans", "", 12)
    pdf.multi_cell(0, 7, "Architekturbüro Nordlicht\n\n" + line + "\n\nAufgestellt: 20.11.2026")
    return bytes(pdf.output())


def _fixed_boundaries(data: bytes, number: int) -> bytes:
    """The email library draws MIME boundaries at random; fixed ones keep re-runs identical."""
    import re

    for index, boundary in enumerate(dict.fromkeys(re.findall(rb'boundary="([^"]+)"', data))):
        data = data.replace(boundary, f"==lotse-{number:02d}-{index}==".encode())
    return data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE)
    args = parser.parse_args(argv)
    folder = args.out / "emails"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.eml"):
        old.unlink()
    rows = []
    for number, mail in enumerate(MAILS, start=1):
        data = _fixed_boundaries(mail.build(number), number)
        (folder / mail.file).write_bytes(data)
        rows.append({"file": mail.file, "expected": mail.expected, "note": mail.note})
    with (args.out / "emails.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["file", "expected", "note"])
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} E-Mails in {folder}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
