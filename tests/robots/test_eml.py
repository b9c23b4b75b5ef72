"""E-mails as letters: every sample mail becomes one PDF with its text, attachments as pages."""

from __future__ import annotations

import csv
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from robots.documents import Kind, ReadLimits, sniff
from robots.eml import MailInfo, compose
from robots.errors import DocumentRejected
from robots.reading import read_document
from robots.sandbox import run_sandboxed
from tests.conftest import SAMPLES

MAILS = SAMPLES / "mail" / "emails"


def _labels() -> dict[str, str]:
    with (SAMPLES / "mail" / "emails.csv").open(encoding="utf-8") as handle:
        return {row["file"]: row["expected"] for row in csv.DictReader(handle)}


def _compose(name: str, tmp_path: Path) -> tuple[MailInfo, str, int]:
    target = tmp_path / "mail.pdf"
    info = run_sandboxed(
        compose, str(MAILS / name), str(target), ReadLimits(), seconds=60, memory_mb=1536
    )
    text = subprocess.run(
        ["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    return info, " ".join(text.split()), len(PdfReader(target).pages)


def test_samples_are_what_the_labels_say() -> None:
    labels = _labels()
    assert sorted(labels) == sorted(path.name for path in MAILS.glob("*.eml"))
    assert len(labels) >= 10


def test_every_mail_is_sniffed_as_mail_by_its_content() -> None:
    for path in MAILS.glob("*.eml"):
        assert sniff(path.read_bytes()[:2048]) is Kind.EML, path.name
    with pytest.raises(DocumentRejected, match="Textdatei"):
        sniff(b"Liebe Grete,\nDatum: morgen\nwie geht es dir?\n")


def test_plain_text_with_a_scanned_pdf(tmp_path: Path) -> None:
    info, text, pages = _compose("Antrag Kita-Gebühren.eml", tmp_path)
    assert info.subject == "Antrag auf Ermäßigung der Kita-Gebühren"
    assert info.sender == "Jana Wolff <jana.wolff@example.org>"
    assert info.message_id == "0001.mozilla@example.org"
    assert [a.name for a in info.attachments if a.included] == ["Antrag Kita-Gebühren.pdf"]
    assert pages == 2  # the body and the scanned form
    assert "Bitte leiten Sie den Antrag an das Jugendamt weiter." in text
    assert "Datum: 24.11.2026, 12:19 Uhr" in text  # Berlin time, German order


def test_outlook_html_with_plain_twin_and_logo(tmp_path: Path) -> None:
    info, text, pages = _compose("Rechnung 2026-4471.eml", tmp_path)
    assert pages == 1
    assert info.attachments == []  # the inline logo is no document
    assert "Gesamtbetrag 2.150,00 € zzgl. 19 % USt." in text  # windows-1252, quoted-printable


def test_html_only_without_script(tmp_path: Path) -> None:
    _, text, _ = _compose("Schlagloch Lindenallee.eml", tmp_path)
    assert (
        "in der Lindenallee vor Hausnummer 23 ist seit letzter Woche ein tiefes Schlagloch" in text
    )
    assert "alert" not in text and "<div>" not in text


def test_odd_encodings_read_right(tmp_path: Path) -> None:
    info, text, _ = _compose("Hundesteuer.eml", tmp_path)
    assert info.subject == "Hundesteuer für unseren Dackel"  # RFC 2047, ISO-8859-1
    assert "Horst und Käthe Brandt, Gärtnerweg 9" in text  # 8 bit without a charset
    _, text, _ = _compose("Kontaktformular Brandschutz.eml", tmp_path)
    assert "Vereinsheim um und möchten wissen" in text  # says UTF-8, is windows-1252


def test_forwarded_mail_is_shown_inline(tmp_path: Path) -> None:
    info, text, _ = _compose("WG Frage zu Wohngeld.eml", tmp_path)
    assert info.forwarded == 1
    assert "Weitergeleitete Nachricht" in text
    assert "Von: Ewa Kowalczyk <ewa.kowalczyk@example.org>" in text
    assert "Weiterleistungsantrag stellen" in text


def test_attachment_that_cannot_become_pages_is_named(tmp_path: Path) -> None:
    info, text, pages = _compose("Bauantrag Nachreichung.eml", tmp_path)
    assert [(a.name, a.included) for a in info.attachments] == [
        ("Baubeschreibung.docx", False),
        ("Wohnflächenberechnung.pdf", True),
    ]
    assert pages == 2
    assert "Baubeschreibung.docx (nicht umgewandelt; liegt der Original-E-Mail bei)" in text


def test_photo_without_text_becomes_a_page(tmp_path: Path) -> None:
    info, text, pages = _compose("IMG_4711.eml", tmp_path)
    assert info.subject == "" and pages == 2
    assert "(ohne Betreff)" in text


def test_broken_mail_is_refused_with_a_reason(tmp_path: Path) -> None:
    with pytest.raises(DocumentRejected) as caught:
        _compose("abgebrochen.eml", tmp_path)
    assert caught.value.reason == "broken-mail"
    assert "abgebrochen" in caught.value.message


def test_empty_mail_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "leer.eml"
    path.write_bytes(
        b"From: a@example.org\r\nTo: b@example.org\r\nSubject: \r\nDate: Mon, 1 Dec 2026 10:00:00 +0100\r\n\r\n\r\n"
    )
    with pytest.raises(DocumentRejected) as caught:
        run_sandboxed(
            compose, str(path), str(tmp_path / "x.pdf"), ReadLimits(), seconds=60, memory_mb=1536
        )
    assert caught.value.reason == "empty-mail"


def test_active_pdf_attachment_is_refused(tmp_path: Path) -> None:
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = (
        "a@example.org",
        "b@example.org",
        "Rechnung",
    )
    message["Date"] = "Mon, 1 Dec 2026 10:00:00 +0100"
    message.set_content("Anbei die Rechnung.")
    message.add_attachment(
        b"%PDF-1.4\n1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj\n%%EOF",
        maintype="application", subtype="pdf", filename="rechnung.pdf",
    )  # fmt: skip
    path = tmp_path / "aktiv.eml"
    path.write_bytes(bytes(message))
    with pytest.raises(DocumentRejected) as caught:
        run_sandboxed(
            compose, str(path), str(tmp_path / "x.pdf"), ReadLimits(), seconds=60, memory_mb=1536
        )
    assert caught.value.reason == "active-content"
    assert "rechnung.pdf" in caught.value.message


def test_reading_a_mail_needs_no_ocr_for_its_body(tmp_path: Path) -> None:
    result = read_document(MAILS / "Hundesteuer.eml", tmp_path / "out.pdf", ReadLimits())
    assert result.kind is Kind.EML
    assert result.ocr_pages == 0 and len(result.pages) == 1
    assert "Hundesteuer" in result.text
    assert result.mail is not None and result.mail.sender.startswith("Horst Brandt")
    assert PdfReader(tmp_path / "out.pdf").pages[0].extract_text()


def test_reading_a_mail_with_a_scan_reads_the_scan(tmp_path: Path, tesseract: str) -> None:
    result = read_document(MAILS / "IMG_4711.eml", tmp_path / "out.pdf", ReadLimits())
    assert [page.source for page in result.pages] == ["text", "ocr"]
    assert "Fund" in result.pages[1].text
