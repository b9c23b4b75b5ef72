"""The sample letters: incoming and in-house mail of the fictitious city of Seestadt.

Every person, company, address, account and file number here is invented. Postcodes are
12345–12350 ("Seestadt", "Wiesental"), IBANs start with ``DE00`` (an impossible check
number), telephone numbers are in the reserved-looking range ``01234``, e-mail addresses
use ``example.org``/``example.com``.

Each `Sample` says what a mailroom clerk who knows ``shared/departments.md`` would decide
(`expected`), how it names its department (`addressing`), and how it arrived (format,
born-digital or scanned, scan defects). See ``model.py`` for the small body markup.
"""

from __future__ import annotations

from model import (
    Blank,
    Card,
    Field,
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

# --------------------------------------------------------------------------------------
# Addresses of the city

RATHAUS = ("Rathausplatz 1", "12345 Seestadt")
TECHNISCHES_RATHAUS = ("Technisches Rathaus", "Hafenstraße 12", "12345 Seestadt")
SOZIALRATHAUS = ("Sozialrathaus", "Lindenallee 20", "12345 Seestadt")
POSTFACH = ("Postfach 10 02 40", "12340 Seestadt")

GENERAL = ("Stadtverwaltung Seestadt", *RATHAUS)
GENERAL_PF = ("Stadt Seestadt", *POSTFACH)
GENERAL_AN = ("An die", "Stadtverwaltung Seestadt", *RATHAUS)


def dept(name: str, *rest: str, where: tuple[str, ...] = RATHAUS) -> tuple[str, ...]:
    """An address naming the department: "Stadt Seestadt – Bürgeramt –" and so on."""
    return ("Stadt Seestadt", f"– {name} –", *rest, *where)


def ref(label: str, value: str) -> Field:
    return (label, value)


BANK_FOOTER = "Bankverbindung\nSparkasse Seestadt\nIBAN DE00 2105 0170 0012 3456 78"

SCAN_GRAY = Scan()
SCAN_BW = Scan(bilevel=True)

# --------------------------------------------------------------------------------------
# 10 – Haupt- und Personalamt

S10 = [
    Sample(
        key="10-bewerbung-personalservice",
        expected="10",
        note="Bewerbung mit Lebenslauf, Kennziffer der Ausschreibung",
        addressing="ref-text",
        fmt="pdf",
        kind="digital",
        docs=(
            Letter(
                sender=("Lena Hoffmann", "Dünenweg 7", "12347 Seestadt"),
                contact=("Tel. 01234 5678-21", "lena.hoffmann@example.org"),
                recipient=GENERAL,
                date="Seestadt, 12. November 2026",
                subject=("Bewerbung als Sachbearbeiterin Personalservice (m/w/d) in Vollzeit"),
                body=(
                    "mit großem Interesse habe ich Ihre Stellenausschreibung auf dem "
                    "Karriereportal der Stadt Seestadt gelesen (Az. 10.1-2026-0031) und "
                    "bewerbe mich hiermit um die ausgeschriebene Stelle.",
                    "Nach meiner Ausbildung zur Verwaltungsfachangestellten beim Landkreis "
                    "Wiesental arbeite ich seit vier Jahren in der Entgeltabrechnung eines "
                    "Logistikunternehmens mit rund 600 Beschäftigten. Dort betreue ich "
                    "eigenständig die Abrechnung für drei Standorte, pflege Stammdaten, "
                    "bearbeite Eintritte und Austritte und bin Ansprechpartnerin für "
                    "Krankenkassen und die Rentenversicherung. Den TVöD kenne ich aus "
                    "meiner Ausbildungszeit noch gut, und ich würde sehr gern in den "
                    "öffentlichen Dienst zurückkehren.",
                    "Besonders reizt mich an Ihrer Ausschreibung die Einführung der "
                    "digitalen Personalakte. Bei meinem jetzigen Arbeitgeber habe ich die "
                    "Umstellung auf ein neues Abrechnungssystem im Projektteam begleitet "
                    "und dabei gelernt, wie wichtig klare Abläufe und geduldige Schulungen "
                    "für die Kolleginnen und Kollegen sind.",
                    "Meine Kündigungsfrist beträgt drei Monate zum Quartalsende; ich könnte "
                    "die Stelle also zum 1. April 2027 antreten. Über die Einladung zu "
                    "einem Vorstellungsgespräch freue ich mich sehr.",
                ),
                signature=("Lena Hoffmann",),
                enclosures=("Lebenslauf", "Zeugnisse"),
                family="sans",
            ),
            Letter(
                sender=("Lena Hoffmann", "Dünenweg 7", "12347 Seestadt"),
                contact=("Tel. 01234 5678-21", "lena.hoffmann@example.org"),
                recipient=(),
                date="",
                subject="Lebenslauf",
                salutation="",
                body=(
                    "**Persönliche Daten**",
                    "Geburtsdatum | 14.03.1996\nGeburtsort | Wiesental\nFamilienstand | ledig",
                    "**Berufserfahrung**",
                    "seit 08/2022 | Sachbearbeiterin Entgeltabrechnung,\n"
                    " | Spedition Nordhafen GmbH, Seestadt\n"
                    "09/2019 – 07/2022 | Verwaltungsfachangestellte, Landkreis Wiesental,\n"
                    " | Sachgebiet Personal und Organisation",
                    "**Ausbildung**",
                    "09/2016 – 08/2019 | Ausbildung zur Verwaltungsfachangestellten,\n"
                    " | Landkreis Wiesental\n"
                    "2016 | Allgemeine Hochschulreife, Gymnasium am See, Seestadt",
                    "**Weiterbildung und Kenntnisse**",
                    "2024 | Lohnsteuer und Sozialversicherung kompakt (IHK)\n"
                    "2021 | Verwaltungsfachwirtin, Modul 1\n"
                    "EDV | Abrechnungssoftware, Tabellenkalkulation, E-Akte\n"
                    "Sprachen | Englisch gut, Dänisch Grundkenntnisse",
                ),
                closing="Seestadt, 12. November 2026",
                signature=("Lena Hoffmann",),
                family="sans",
            ),
        ),
    ),
    Sample(
        key="10-fraktion-anfrage",
        expected="10",
        note="Anfrage einer Fraktion zur Gemeinderatssitzung",
        addressing="department",
        fmt="pdf",
        kind="digital",
        docs=(
            Letter(
                sender=(
                    "Fraktion Bürgerliste Seestadt",
                    "Rathausplatz 1, Zimmer 014",
                    "12345 Seestadt",
                ),
                company=("Bürgerliste Seestadt", "Fraktion im Gemeinderat der Stadt Seestadt"),
                head="company",
                recipient=dept("Haupt- und Personalamt", "Geschäftsstelle Gemeinderat"),
                refs=(
                    ref("Ansprechpartnerin", "Dr. Martina Ohlsen"),
                    ref("Telefon", "01234 5670-14"),
                ),
                date="16.11.2026",
                subject=(
                    "Anfrage nach § 24 Abs. 4 GemO zur Sitzung des Gemeinderats am "
                    "10. Dezember 2026 – unbesetzte Stellen in der Stadtverwaltung"
                ),
                body=(
                    "die Fraktion Bürgerliste bittet um schriftliche Beantwortung der folgenden "
                    "Fragen und um Aufnahme der Anfrage in die Tagesordnung der nächsten "
                    "öffentlichen Sitzung des Gemeinderats:",
                    "1. Wie viele Stellen des Stellenplans 2026 waren zum 1. November 2026 "
                    "nicht besetzt, aufgeteilt nach Ämtern und Entgeltgruppen?\n"
                    "2. Wie lange dauerte ein Besetzungsverfahren im Jahr 2026 im Durchschnitt, "
                    "von der Ausschreibung bis zum Dienstantritt?\n"
                    "3. Wie viele Ausschreibungen mussten mangels geeigneter Bewerbungen "
                    "wiederholt werden?\n"
                    "4. Welche Maßnahmen zur Personalgewinnung (Ausbildung, duales Studium, "
                    "Zulagen, mobiles Arbeiten) plant die Verwaltung für 2027?",
                    "Hintergrund: In den Ausschüssen wurde mehrfach darauf hingewiesen, dass "
                    "Vorhaben wegen fehlenden Personals verschoben werden mussten. Wir möchten "
                    "uns vor den Haushaltsberatungen ein vollständiges Bild machen.",
                    "Für eine Vorabübersendung der Antworten per E-Mail an die "
                    "Fraktionsgeschäftsstelle wären wir dankbar.",
                ),
                signature=("Dr. Martina Ohlsen", "Fraktionsvorsitzende"),
                footer=(
                    "Fraktion Bürgerliste Seestadt\nRathausplatz 1, 12345 Seestadt",
                    "Telefon 01234 5670-14\nfraktion@buergerliste.example.org",
                ),
                family="dserif",
                size=10.5,
            ),
        ),
    ),
    Sample(
        key="10-hausmitteilung-fortbildung",
        expected="10",
        note="Hausmitteilung Fortbildungsantrag eines Mitarbeiters",
        addressing="memo",
        fmt="tif",
        kind="scan",
        scan=Scan(bilevel=True, skew=-0.7, folds=False, holes=True),
        docs=(
            Memo(
                to="10 – Haupt- und Personalamt, Sachgebiet Fortbildung",
                sender="66 – Tiefbauamt, Amtsleitung",
                date="18.11.2026",
                subject="Antrag auf Teilnahme an einer Fortbildung – Herr Tobias Brandt",
                body=(
                    "Herr Brandt möchte an dem Seminar „Führen ohne Vorgesetztenfunktion – "
                    "Grundlagen für Teamleitungen“ der Verwaltungsakademie Küstenland "
                    "teilnehmen. Das Seminar findet vom 12. bis 14. Januar 2027 in "
                    "Wiesental statt; die Teilnahmegebühr beträgt 690,00 Euro zuzüglich "
                    "Fahrtkosten.",
                    "Herr Brandt übernimmt ab Februar die Koordination einer Arbeitsgruppe "
                    "mit fünf Beschäftigten. Die Amtsleitung hält die Fortbildung deshalb "
                    "für dienstlich notwendig und befürwortet den Antrag. Die Vertretung "
                    "während der Seminartage ist geregelt.",
                    "Wir bitten um Genehmigung, um Anmeldung über das zentrale "
                    "Fortbildungsbudget und um Mitteilung, ob die Fahrtkosten nach dem "
                    "Reisekostenrecht gesondert abzurechnen sind. Die ausgefüllte "
                    "Seminarbeschreibung liegt bei.",
                ),
                signature=("Keller", "Amtsleiter, Tel. -2601"),
            ),
        ),
    ),
    Sample(
        key="10-bewerbung-ausbildung",
        expected="10",
        note="Bewerbung um Ausbildungsplatz",
        addressing="ref-head",
        fmt="jpg",
        kind="scan",
        scan=Scan(skew=1.1, quality=62),
        docs=(
            Letter(
                sender=("Jonas Petersen", "Fischerstraße 22", "12345 Seestadt"),
                contact=("Mobil 01234 998877",),
                recipient=GENERAL_AN,
                refs=(ref("Ihr Zeichen", "10.3/2026/0118"),),
                date="Seestadt, den 9.11.2026",
                subject=(
                    "Bewerbung um einen Ausbildungsplatz als Verwaltungsfachangestellter "
                    "ab 1. September 2027"
                ),
                body=(
                    "ich heiße Jonas Petersen, bin 17 Jahre alt und besuche zurzeit die "
                    "zehnte Klasse der Realschule am Leuchtturm. Im Sommer 2027 mache ich "
                    "meinen Abschluss. Auf Ihre Ausschreibung bin ich bei der "
                    "Ausbildungsmesse im Hafenspeicher aufmerksam geworden, wo ich mich "
                    "lange mit zwei Ihrer Auszubildenden unterhalten habe.",
                    "Mich interessiert, wie eine Stadt eigentlich funktioniert und wer "
                    "dafür sorgt, dass am Ende alles klappt. In meinem Schulpraktikum im "
                    "Rathaus konnte ich schon ein bisschen hineinschnuppern und habe "
                    "gemerkt, dass mir die Arbeit mit Menschen und mit Vorschriften Spaß "
                    "macht. In Mathe und Deutsch stehe ich auf einer Zwei, außerdem bin "
                    "ich seit drei Jahren Trainer einer Handball-Minimannschaft.",
                    "Ich würde mich sehr freuen, wenn Sie mich zu einem Auswahltest oder "
                    "einem Gespräch einladen. Mein Halbjahreszeugnis reiche ich gern nach.",
                ),
                closing="Mit freundlichen Grüßen",
                signature=("Jonas Petersen",),
                enclosures=("Lebenslauf", "Zeugnis Klasse 9", "Praktikumsbescheinigung"),
                family="dejavu",
                size=11,
            ),
        ),
    ),
    Sample(
        key="10-teilzeit-antrag",
        expected="10",
        note="Beschäftigte beantragt Teilzeit",
        addressing="department",
        fmt="png",
        kind="scan",
        scan=Scan(skew=-0.5, stamp=True),
        docs=(
            Letter(
                sender=("Sabine Krüger", "Mühlbachweg 3", "12349 Seestadt"),
                recipient=dept("Haupt- und Personalamt", "Personalabteilung"),
                date="Seestadt, 17.11.2026",
                subject=(
                    "Antrag auf Verringerung meiner Arbeitszeit ab 1. Februar 2027\n"
                    "Personalnummer 40817, Stadtbibliothek"
                ),
                body=(
                    "hiermit beantrage ich, meine regelmäßige wöchentliche Arbeitszeit ab "
                    "dem 1. Februar 2027 von derzeit 39 Stunden auf 30 Stunden zu "
                    "verringern. Grund ist die Pflege meiner Mutter, die seit dem Sommer "
                    "in Pflegegrad 3 eingestuft ist und die ich zusammen mit meinem "
                    "Bruder zu Hause betreue.",
                    "Die Stunden möchte ich auf vier Tage verteilen (Montag bis Donnerstag, "
                    "jeweils 7,5 Stunden). Mit meiner Vorgesetzten, Frau Albers, habe ich "
                    "das bereits besprochen; sie hat keine Einwände, sofern die "
                    "Samstagsdienste wie bisher im Wechsel verteilt werden.",
                    "Die Teilzeit möchte ich zunächst auf zwei Jahre befristen. Bitte "
                    "teilen Sie mir mit, welche Auswirkungen das auf meine "
                    "Zusatzversorgung hat und ob ich für die Bezügeabrechnung noch etwas "
                    "einreichen muss.",
                ),
                closing="Vielen Dank und freundliche Grüße",
                signature=("Sabine Krüger",),
                family="serif",
                size=12,
            ),
        ),
    ),
    Sample(
        key="10-einwohnerfragestunde",
        expected="10",
        note="Bürgerfrage für Einwohnerfragestunde im Gemeinderat",
        addressing="general",
        fmt="jpg",
        kind="scan",
        scan=Scan(skew=-1.4, quality=66),
        docs=(
            Letter(
                sender=("Heinz-Dieter Brommer", "Am Leuchtturm 40", "12345 Seestadt"),
                recipient=GENERAL,
                date="Seestadt, 14.11.2026",
                subject="Frage für die Einwohnerfragestunde",
                head="typewriter",
                salutation="Sehr geehrter Herr Oberbürgermeister,",
                body=(
                    "ich möchte in der nächsten öffentlichen Sitzung des Gemeinderats in der "
                    "Einwohnerfragestunde eine Frage stellen und bitte Sie, diese vorab "
                    "aufzunehmen, falls das nötig ist.",
                    "Meine Frage: Warum werden die Sitzungen des Gemeinderats bis heute "
                    "nicht im Internet übertragen, obwohl das in vielen Nachbarstädten "
                    "längst üblich ist? Ich bin 81 Jahre alt und schaffe den Weg in den "
                    "Ratssaal am Abend nicht mehr. Trotzdem möchte ich verfolgen, was die "
                    "Stadträte beschließen.",
                    "Sollte ich wegen meiner Gesundheit nicht kommen können, bitte ich um "
                    "eine schriftliche Antwort. Die Niederschrift der Sitzung lese ich "
                    "dann in der Zeitung nach, wie immer.",
                ),
                closing="Hochachtungsvoll",
                signature=("H.-D. Brommer",),
                family="mono",
                size=11,
            ),
        ),
    ),
]

# --------------------------------------------------------------------------------------
# 20 – Kämmerei und Stadtkasse

S20 = [
    Sample(
        key="20-rechnung-bueromaterial",
        expected="20",
        note="Rechnung Büromaterial mit gescanntem Lieferschein",
        addressing="general",
        fmt="pdf",
        kind="mixed",
        scan=Scan(bilevel=True, skew=-1.1, folds=False),
        docs=(
            Invoice(
                company=(
                    "Kranich Büro- und Schulbedarf GmbH",
                    "Werftstraße 9 · 12350 Wiesental",
                    "Telefon 01234 77010 · info@kranich-buero.example.com",
                ),
                sender_line="Kranich Büro- und Schulbedarf GmbH · Werftstraße 9 · 12350 Wiesental",
                recipient=GENERAL,
                meta=(
                    ref("Rechnungsnummer", "RE-2026-11873"),
                    ref("Rechnungsdatum", "19.11.2026"),
                    ref("Kundennummer", "K-20417"),
                    ref("Lieferdatum", "17.11.2026"),
                    ref("Ihre Bestellung", "E-Mail vom 03.11.2026"),
                ),
                title="Rechnung Nr. RE-2026-11873",
                intro=(
                    "Sehr geehrte Damen und Herren, für die Lieferung an die Poststelle im "
                    "Rathaus berechnen wir Ihnen wie folgt:"
                ),
                positions=(
                    ("40", "Pck.", "Kopierpapier A4, 80 g/m², weiß, 500 Blatt", 4.85),
                    ("12", "Stk.", "Tonerkartusche schwarz, Typ TK-5240", 68.90),
                    ("60", "Stk.", "Ordner A4, Rückenbreite 8 cm, blau", 2.35),
                    ("10", "Pck.", "Versandtaschen DIN C4 mit Fenster, 250 Stk.", 21.40),
                    ("1", "psch.", "Anlieferung frei Verwendungsstelle", 0.0),
                ),
                outro=(
                    "Zahlbar innerhalb von 30 Tagen nach Rechnungseingang ohne Abzug. Bitte "
                    "geben Sie bei der Überweisung die Rechnungsnummer an.",
                    "Vielen Dank für Ihren Auftrag!",
                ),
                footer=(
                    "Kranich Büro- und Schulbedarf GmbH\nGeschäftsführer: Ole Kranich\n"
                    "Amtsgericht Seestadt HRB 4711",
                    "USt-IdNr. DE000000000\nSteuernummer 00/000/00000",
                    "Sparkasse Seestadt\nIBAN DE00 2105 0170 0098 7654 32\nBIC NOLADE00XXX",
                ),
            ),
            Form(
                issuer=("Kranich Büro- und Schulbedarf GmbH", "Werftstraße 9 · 12350 Wiesental"),
                refs=(ref("Lieferschein-Nr.", "LS-2026-5530"), ref("Kundennummer", "K-20417")),
                title="Lieferschein",
                subtitle="Lieferanschrift: Stadtverwaltung Seestadt, Poststelle, Rathausplatz 1",
                rows=(
                    (("Menge", "40 Pck."), ("Artikel", "Kopierpapier A4, 80 g/m², weiß")),
                    (("Menge", "12 Stk."), ("Artikel", "Tonerkartusche schwarz TK-5240")),
                    (("Menge", "60 Stk."), ("Artikel", "Ordner A4, 8 cm, blau")),
                    (("Menge", "10 Pck."), ("Artikel", "Versandtaschen C4 mit Fenster")),
                    (("Anzahl Packstücke", "3 Kartons"), ("Lieferdatum", "17.11.2026")),
                ),
                checks=(
                    (True, "Ware vollständig und ohne erkennbare Schäden erhalten"),
                    (False, "Beanstandung (bitte unten angeben)"),
                ),
                text=("Empfang bestätigt: Poststelle Rathaus, Herr Mertens",),
                place_date="Seestadt, 17.11.2026",
            ),
        ),
    ),
    Sample(
        key="20-zahlungserinnerung-elektro",
        expected="20",
        note="Zahlungserinnerung eines Handwerksbetriebs",
        addressing="ref-head",
        fmt="pdf",
        kind="scan",
        scan=Scan(skew=0.4, quality=60),
        docs=(
            Letter(
                sender=("Elektro Hansen GmbH & Co. KG", "Kaistraße 18", "12345 Seestadt"),
                company=("ELEKTRO HANSEN", "Elektroinstallation · Gebäudetechnik · Notdienst"),
                head="company",
                recipient=GENERAL,
                refs=(ref("Ihr Zeichen", "20.1/2025/4411"), ref("Kunden-Nr.", "10233")),
                date="20.11.2026",
                subject="Zahlungserinnerung – Rechnung Nr. 2026-0388 vom 29.09.2026",
                body=(
                    "sicherlich ist es Ihrer Aufmerksamkeit entgangen, dass unsere oben "
                    "genannte Rechnung über den Austausch der Unterverteilung im Bauhof, "
                    "Ladestraße 4, noch nicht beglichen ist. Die Zahlungsfrist ist am "
                    "29.10.2026 abgelaufen.",
                    "Rechnungsbetrag | 1.874,60 €\nbisher gezahlt | 0,00 €\n"
                    "offener Betrag | 1.874,60 €",
                    "Wir bitten Sie, den offenen Betrag bis zum 4. Dezember 2026 auf unser "
                    "Konto bei der Seestädter Volksbank, IBAN DE00 2009 0000 0044 5566 77, "
                    "zu überweisen. Sollte sich Ihre Zahlung mit diesem Schreiben "
                    "überschnitten haben, betrachten Sie es bitte als gegenstandslos.",
                    "Eine Kopie der Rechnung fügen wir bei.",
                ),
                signature=("Buchhaltung", "i. A. Frauke Meinert"),
                footer=(
                    "Elektro Hansen GmbH & Co. KG\nKaistraße 18 · 12345 Seestadt",
                    "Amtsgericht Seestadt HRA 1200\nGeschäftsführer: Nils Hansen",
                    "Seestädter Volksbank\nIBAN DE00 2009 0000 0044 5566 77",
                ),
                family="narrow",
                size=11,
            ),
        ),
    ),
    Sample(
        key="20-erstattung-doppelzahlung",
        expected="20",
        note="Bitte um Erstattung doppelter Zahlung",
        addressing="general",
        fmt="jpg",
        kind="scan",
        scan=Scan(skew=0.9, quality=64),
        docs=(
            Letter(
                sender=("Aylin und Murat Yilmaz", "Birkenweg 15", "12345 Seestadt"),
                recipient=GENERAL_PF,
                date="13.11.2026",
                subject="Doppelte Überweisung – Kassenzeichen 5.0300.117482",
                salutation="Guten Tag,",
                body=(
                    "leider ist uns beim Einrichten eines neuen Dauerauftrags ein Fehler "
                    "passiert: Die Zahlung für das Kassenzeichen 5.0300.117482 über 248,00 "
                    "Euro ist am 15.10.2026 zweimal von unserem Konto abgegangen, einmal "
                    "noch über den alten Auftrag und einmal über den neuen. Die "
                    "Kontoauszüge legen wir in Kopie bei.",
                    "Wir bitten darum, den zu viel gezahlten Betrag zu erstatten, und zwar "
                    "auf unser Girokonto:",
                    "Kontoinhaber: Murat Yilmaz\nIBAN: DE00 1203 0000 1020 3040 50\n"
                    "Bank: Küstenbank Seestadt",
                    "Falls eine Verrechnung mit der nächsten Fälligkeit einfacher ist, wäre "
                    "das für uns auch in Ordnung. Geben Sie uns dann bitte kurz Bescheid, "
                    "damit wir den Februar-Betrag nicht überweisen.",
                ),
                closing="Viele Grüße",
                signature=("Aylin Yilmaz",),
                family="sans",
                size=11,
            ),
        ),
    ),
    Sample(
        key="20-sepa-mandat",
        expected="20",
        note="SEPA-Lastschriftmandat, Formular der Stadtkasse",
        addressing="department",
        fmt="tif",
        kind="scan",
        scan=Scan(bilevel=True, skew=1.3, folds=True),
        docs=(
            Form(
                issuer=(
                    "Stadt Seestadt",
                    "Kämmerei und Stadtkasse",
                    "Rathausplatz 1, 12345 Seestadt",
                ),
                title="SEPA-Lastschriftmandat für wiederkehrende Zahlungen",
                subtitle=(
                    "Gläubiger-Identifikationsnummer DE00ZZZ00000123456 · Die Mandatsreferenz "
                    "wird Ihnen gesondert mitgeteilt."
                ),
                rows=(
                    (
                        ("Kassenzeichen", "6.0100.482211"),
                        ("Zahlungspflichtige/r (Name, Vorname)", "Ahrens, Wolfgang"),
                    ),
                    (("Straße, Hausnummer", "Seeweg 61"), ("PLZ, Ort", "12345 Seestadt")),
                    (("Kreditinstitut", "Seestädter Volksbank"), ("BIC", "GENODE00SEE")),
                    (("IBAN", "DE00 2009 0000 0071 1223 34"),),
                    (("Kontoinhaber/in, falls abweichend", ""),),
                ),
                checks=(
                    (
                        True,
                        "Neues Mandat – ersetzt das bisherige Mandat wegen Änderung der "
                        "Bankverbindung",
                    ),
                    (False, "Erstmaliges Mandat"),
                    (False, "Widerruf eines bestehenden Mandats"),
                ),
                text=(
                    "Ich ermächtige die Stadt Seestadt, Zahlungen von meinem Konto mittels "
                    "Lastschrift einzuziehen. Zugleich weise ich mein Kreditinstitut an, die "
                    "von der Stadt Seestadt auf mein Konto gezogenen Lastschriften einzulösen.",
                    "Hinweis: Ich kann innerhalb von acht Wochen, beginnend mit dem "
                    "Belastungsdatum, die Erstattung des belasteten Betrages verlangen. Es "
                    "gelten dabei die mit meinem Kreditinstitut vereinbarten Bedingungen.",
                ),
                place_date="Seestadt, 16.11.2026",
            ),
        ),
    ),
    Sample(
        key="20-hausmitteilung-mittelanmeldung",
        expected="20",
        note="Hausmitteilung Mittelanmeldung Haushalt 2027",
        addressing="memo",
        fmt="pdf",
        kind="digital",
        docs=(
            Memo(
                to="20 – Kämmerei und Stadtkasse, Haushaltsabteilung",
                sender="40 – Amt für Bildung und Sport",
                date="19.11.2026",
                ref=("Ihr Zeichen", "20.2/2026/0061 (Haushaltsrundschreiben 3/2026)"),
                subject="Nachmeldung zum Haushaltsplanentwurf 2027 – Produktgruppe 42.10",
                body=(
                    "wie im Haushaltsrundschreiben 3/2026 erbeten, melden wir die folgenden "
                    "Veränderungen gegenüber unserer Mittelanmeldung vom 30. September nach:",
                    "Konto 4211000 Unterhaltung Gebäude | + 48.000 €\n"
                    "Konto 4431000 Geschäftsaufwendungen | + 3.500 €\n"
                    "Konto 0820000 Investitionen Ausstattung | − 12.000 €",
                    "Begründung: Das Gutachten vom Oktober hat bei den Umkleiden in der "
                    "Halle am See Feuchtigkeitsschäden festgestellt, die 2027 behoben "
                    "werden müssen. Im Gegenzug verschieben wir die Ersatzbeschaffung von "
                    "Mobiliar um ein Jahr. Der Saldo beträgt + 39.500 Euro im "
                    "Ergebnishaushalt und − 12.000 Euro im Finanzhaushalt.",
                    "Bitte berücksichtigen Sie die Änderungen in der Vorlage für die "
                    "Haushaltsberatungen. Für Rückfragen steht Frau Lorenz (Tel. -4012) "
                    "zur Verfügung.",
                ),
                signature=("i. A. Petra Lorenz", "Haushaltssachbearbeitung Amt 40"),
            ),
        ),
    ),
    Sample(
        key="20-kommunalaufsicht-haushalt",
        expected="20",
        note="Schreiben der Kommunalaufsicht zur Haushaltssatzung",
        addressing="ref-text",
        fmt="pdf",
        kind="digital",
        docs=(
            Letter(
                sender=("Landratsamt Wiesental", "Schlossplatz 2", "12350 Wiesental"),
                company=("Landratsamt Wiesental", "Kommunalaufsicht und Rechnungsprüfung"),
                head="authority",
                recipient=("Stadt Seestadt", "Herrn Oberbürgermeister", *RATHAUS),
                refs=(
                    ref("Unser Zeichen", "KA 902.41-117/26"),
                    ref("Bearbeiter", "Herr Voss"),
                    ref("Telefon", "01234 3030-417"),
                ),
                date="18.11.2026",
                subject=(
                    "Haushaltssatzung der Stadt Seestadt für das Haushaltsjahr 2027\n"
                    "Genehmigung des Gesamtbetrags der vorgesehenen Kreditaufnahmen"
                ),
                salutation="Sehr geehrter Herr Oberbürgermeister,",
                body=(
                    "mit Schreiben vom 30. September 2026 (Az. 20.2-2026-0140) haben Sie uns "
                    "die vom Gemeinderat am 24. September 2026 beschlossene Haushaltssatzung "
                    "2027 mit ihren Anlagen vorgelegt. Wir danken für die vollständigen "
                    "Unterlagen.",
                    "Der in § 2 der Haushaltssatzung festgesetzte Gesamtbetrag der Kredite "
                    "für Investitionen und Investitionsförderungsmaßnahmen in Höhe von "
                    "6.800.000 Euro wird in Höhe von 5.900.000 Euro genehmigt. Im Übrigen "
                    "wird die Genehmigung versagt.",
                    "Begründung: Die mittelfristige Finanzplanung weist für 2028 und 2029 "
                    "einen negativen Zahlungsmittelüberschuss aus laufender "
                    "Verwaltungstätigkeit aus. Die dauernde Leistungsfähigkeit ist nur "
                    "gewährleistet, wenn die Nettoneuverschuldung begrenzt wird. Wir bitten, "
                    "die Priorisierung der Investitionen entsprechend anzupassen und uns "
                    "bis zum 31. März 2027 ein Haushaltssicherungskonzept vorzulegen.",
                    "Die Kassenkredite (§ 3) und die Verpflichtungsermächtigungen (§ 4) "
                    "sind nicht genehmigungspflichtig; gegen sie bestehen keine Bedenken.",
                    "Die Haushaltssatzung kann nach Bekanntgabe dieser Entscheidung "
                    "öffentlich bekannt gemacht werden.",
                    "Rechtsbehelfsbelehrung: Gegen diese Entscheidung kann innerhalb eines "
                    "Monats nach Bekanntgabe Widerspruch beim Landratsamt Wiesental erhoben "
                    "werden.",
                ),
                signature=("Im Auftrag", "Voss"),
                footer=(
                    "Landratsamt Wiesental\nSchlossplatz 2 · 12350 Wiesental",
                    "Sprechzeiten\nMo–Fr 8–12 Uhr, Do 14–17 Uhr",
                    "Kreissparkasse Wiesental\nIBAN DE00 2505 0000 0000 1234 00",
                ),
                family="sans",
                size=10.5,
            ),
        ),
    ),
]

# --------------------------------------------------------------------------------------
# 22 – Steueramt

S22 = [
    Sample(
        key="22-widerspruch-grundsteuer",
        expected="22",
        note="Widerspruch Grundsteuerbescheid",
        addressing="ref-head",
        fmt="tif",
        kind="scan",
        scan=Scan(bilevel=True, skew=0.8, holes=True),
        docs=(
            Letter(
                sender=("Gerd und Monika Wendland", "Lindenallee 14", "12345 Seestadt"),
                contact=("Telefon 01234 41 22 90",),
                recipient=GENERAL,
                refs=(
                    ref("Aktenzeichen", "22/2026/1187"),
                    ref("Kassenzeichen", "2.1100.009931"),
                    ref("Bescheid vom", "02.11.2026"),
                ),
                date="Seestadt, 21. November 2026",
                subject="Widerspruch gegen den Grundsteuerbescheid 2027",
                body=(
                    "gegen den oben genannten Bescheid über die Grundsteuer B für unser "
                    "Grundstück Lindenallee 14 legen wir hiermit fristgerecht Widerspruch "
                    "ein.",
                    "Der Bescheid setzt für 2027 eine Grundsteuer von 1.146,80 Euro fest. "
                    "Bis 2024 haben wir für dasselbe Haus 412,00 Euro im Jahr gezahlt. "
                    "Eine Steigerung auf fast das Dreifache ist für uns als Rentner nicht "
                    "nachvollziehbar und auch nicht zu tragen.",
                    "Zur Begründung tragen wir Folgendes vor:",
                    "• Der Bescheid beruht auf dem Grundsteuermessbescheid des Finanzamts. "
                    "Gegen den zugrunde liegenden Grundsteuerwert haben wir beim Finanzamt "
                    "Einspruch eingelegt, über den noch nicht entschieden ist. Die "
                    "Wohnfläche ist dort mit 148 m² angesetzt, tatsächlich sind es 121 m², "
                    "weil das Dachgeschoss nicht ausgebaut ist.",
                    "• Der Gemeinderat hat den Hebesatz für 2027 auf 520 Prozent angehoben. "
                    "Nach unserer Kenntnis hatte die Stadt angekündigt, die Reform "
                    "aufkommensneutral umzusetzen. Davon kann bei unserem Grundstück keine "
                    "Rede sein.",
                    "• Der Bodenrichtwert für unsere Lage wurde aus einem Neubaugebiet "
                    "abgeleitet, das mit unserer Straße nicht vergleichbar ist.",
                    "\f",
                    "Wir beantragen, den Bescheid aufzuheben oder jedenfalls bis zur "
                    "Entscheidung des Finanzamts über unseren Einspruch ruhen zu lassen. "
                    "Gleichzeitig beantragen wir die Aussetzung der Vollziehung, damit wir "
                    "die erste Rate zum 15. Februar 2027 nicht in voller Höhe zahlen müssen.",
                    "Bitte bestätigen Sie uns den Eingang dieses Widerspruchs schriftlich. "
                    "Eine Kopie des Einspruchs beim Finanzamt und den Bauplan mit der "
                    "Wohnflächenberechnung fügen wir bei.",
                    "Für ein Gespräch stehen wir gern zur Verfügung; wir sind vormittags "
                    "telefonisch gut zu erreichen.",
                ),
                signature=("Gerd Wendland        Monika Wendland",),
                enclosures=(
                    "Einspruch beim Finanzamt vom 30.10.2026 (Kopie)",
                    "Wohnflächenberechnung",
                ),
                family="serif",
                size=12,
            ),
        ),
    ),
    Sample(
        key="22-hundesteuer-anmeldung",
        expected="22",
        note="Anmeldung eines Hundes aus dem Tierheim",
        addressing="general",
        fmt="png",
        kind="scan",
        scan=Scan(skew=0.6),
        docs=(
            Letter(
                sender=("Miriam Ochs & Tim Bauer", "Uferpromenade 8a", "12345 Seestadt"),
                contact=("miriam.ochs@example.org",),
                recipient=GENERAL,
                date="Seestadt, 10.11.2026",
                subject="Anmeldung unseres Hundes „Bruno“",
                head="private-right",
                salutation="Hallo zusammen,",
                body=(
                    "seit dem 1. November lebt bei uns Bruno, ein etwa vierjähriger "
                    "Labrador-Mischling aus dem Tierheim Wiesental. Wir möchten ihn hiermit "
                    "zur Hundesteuer anmelden.",
                    "Halterin: Miriam Ochs, geb. 22.07.1994\nRasse: Labrador-Mischling, "
                    "Rüde, schwarz\nChipnummer: 276 0000 1234 5678\nHund gehalten seit: "
                    "01.11.2026",
                    "Im Tierheim hieß es, dass es für Hunde aus dem Tierschutz in manchen "
                    "Städten im ersten Jahr eine Steuerbefreiung gibt. Gilt das auch in "
                    "Seestadt? Die Übernahmebestätigung des Tierheims haben wir beigelegt.",
                    "Bitte schicken Sie uns die Steuermarke und den Bescheid an die oben "
                    "genannte Adresse. Es ist unser erster Hund, falls noch etwas fehlt, "
                    "melden Sie sich gern per Mail.",
                ),
                closing="Viele Grüße",
                signature=("Miriam Ochs",),
                family="dejavu",
                size=10.5,
            ),
        ),
    ),
    Sample(
        key="22-hundesteuer-abmeldung",
        expected="22",
        note="Abmeldung Hundesteuer, Hund verstorben; Blatt auf dem Kopf",
        addressing="department",
        fmt="jpg",
        kind="scan",
        scan=Scan(skew=-0.6, turn=180, quality=65),
        docs=(
            Letter(
                sender=("Ingeborg Lahrmann", "Schulstraße 5", "12345 Seestadt"),
                recipient=dept("Steueramt", "Hundesteuer"),
                date="Seestadt, den 15. November 2026",
                subject="Abmeldung meines Hundes Lotte, Steuermarke Nr. 0815",
                salutation="Sehr geehrte Damen und Herren,",
                body=(
                    "meine Hündin Lotte ist am 6. November im Alter von fünfzehn Jahren "
                    "gestorben. Sie musste beim Tierarzt eingeschläfert werden. Ich möchte "
                    "sie deshalb abmelden und lege die Steuermarke bei.",
                    "Die Bescheinigung der Tierarztpraxis Dr. Sander habe ich ebenfalls "
                    "beigefügt. Die Steuer für dieses Jahr habe ich im Februar schon ganz "
                    "bezahlt. Wenn ich etwas zurückbekomme, überweisen Sie es bitte auf mein "
                    "Konto bei der Sparkasse, die Nummer müssten Sie ja haben.",
                    "Einen neuen Hund werde ich mir in meinem Alter nicht mehr anschaffen.",
                ),
                closing="Mit freundlichen Grüßen",
                signature=("Ingeborg Lahrmann",),
                family="serif",
                size=13,
            ),
        ),
    ),
    Sample(
        key="22-gewerbesteuer-vorauszahlung",
        expected="22",
        note="Steuerberater: Herabsetzung Gewerbesteuer-Vorauszahlungen",
        addressing="ref-head",
        fmt="pdf",
        kind="digital",
        docs=(
            Letter(
                sender=("Brinkmann & Partner mbB", "Hafenstraße 40", "12345 Seestadt"),
                company=("Brinkmann & Partner", "Steuerberatungsgesellschaft mbB"),
                head="company",
                recipient=GENERAL,
                refs=(
                    ref("Ihr Zeichen", "22.3/2026/0551"),
                    ref("Unser Zeichen", "BR/kl 4471"),
                    ref("Mandant", "Seewind Bootsbau GmbH"),
                ),
                date="17.11.2026",
                subject=(
                    "Seewind Bootsbau GmbH, Werftweg 2 – Antrag auf Anpassung der "
                    "Gewerbesteuer-Vorauszahlungen 2026 und 2027"
                ),
                body=(
                    "namens und in Vollmacht unserer oben genannten Mandantin beantragen wir, "
                    "die Vorauszahlungen zur Gewerbesteuer für das laufende Jahr ab dem "
                    "IV. Quartal sowie für 2027 herabzusetzen.",
                    "Die Vorauszahlungen wurden auf Grundlage des Gewerbesteuermessbetrags "
                    "2024 festgesetzt. Im Jahr 2026 ist der Umsatz unserer Mandantin wegen "
                    "des Ausfalls eines Großauftrags um rund 35 Prozent zurückgegangen. "
                    "Nach der beigefügten Hochrechnung rechnen wir mit einem Gewerbeertrag "
                    "von etwa 42.000 Euro; nach Abzug des Freibetrags ergibt sich ein "
                    "Messbetrag von 595 Euro.",
                    "Festgesetzte Vorauszahlung je Quartal | 4.860,00 €\n"
                    "beantragte Vorauszahlung je Quartal | 1.030,00 €",
                    "Ein entsprechender Antrag auf Anpassung des Vorauszahlungsmessbetrags "
                    "ist beim Finanzamt Seestadt gestellt. Wir bitten, die "
                    "Vorauszahlung zum 15. November 2026 bis zur Entscheidung zu stunden.",
                    "Eine Vollmacht liegt Ihnen vor. Für Rückfragen erreichen Sie den "
                    "Unterzeichner unter 01234 5090-12.",
                ),
                signature=("Jan Brinkmann", "Steuerberater"),
                enclosures=("Hochrechnung 2026 (BWA Oktober)",),
                footer=(
                    "Brinkmann & Partner mbB\nHafenstraße 40, 12345 Seestadt",
                    "Partnerschaftsregister PR 77\nAmtsgericht Seestadt",
                    BANK_FOOTER,
                ),
                family="serif",
                size=11,
            ),
        ),
    ),
    Sample(
        key="22-zweitwohnungsteuer",
        expected="22",
        note="Frage zur Zweitwohnungsteuer für Ferienwohnung",
        addressing="general",
        fmt="pdf",
        kind="scan",
        scan=Scan(skew=-1.0, quality=60, stamp=True),
        docs=(
            Letter(
                sender=("Dr. Ulrich Faber", "Marienthaler Weg 112", "20000 Hamburg"),
                recipient=GENERAL,
                date="Hamburg, 11. November 2026",
                subject=(
                    "Ihre Aufforderung zur Abgabe einer Steuererklärung – Wohnung "
                    "Uferpromenade 31, 2. OG"
                ),
                body=(
                    "vielen Dank für Ihr Schreiben vom 28. Oktober, mit dem Sie mich "
                    "auffordern, eine Erklärung zur Zweitwohnungsteuer für die oben genannte "
                    "Wohnung abzugeben. Bevor ich das Formular ausfülle, habe ich eine Frage.",
                    "Meine Frau und ich haben die Wohnung 2019 gekauft. Wir nutzen sie selbst "
                    "nur an etwa drei Wochenenden im Jahr; die übrige Zeit wird sie über eine "
                    "Agentur an Feriengäste vermietet. Die Agentur hat einen Vertrag, nach "
                    "dem wir die Wohnung nur nach Absprache und außerhalb der Saison "
                    "nutzen dürfen.",
                    "Nach meinem Verständnis ist eine solche Kapitalanlage, die überwiegend "
                    "vermietet wird, nur anteilig oder gar nicht steuerpflichtig. Können "
                    "Sie mir sagen, nach welchem Anteil die Steuer in diesem Fall berechnet "
                    "würde und welche Nachweise Sie benötigen? Die Belegungsübersicht der "
                    "Agentur für 2025 und 2026 kann ich Ihnen gern schicken.",
                    "Die Frist zur Abgabe der Erklärung bitte ich bis zur Klärung zu verlängern.",
                ),
                signature=("Dr. Ulrich Faber",),
                family="dserif",
                size=10.5,
            ),
        ),
    ),
    Sample(
        key="22-vergnuegungssteuer",
        expected="22",
        note="Vergnügungssteueranmeldung einer Spielhalle",
        addressing="department",
        fmt="pdf",
        kind="digital",
        docs=(
            Letter(
                sender=("Spielhalle Seeblick GmbH", "Bahnhofstraße 27", "12345 Seestadt"),
                company=("Spielhalle Seeblick GmbH", "Freizeit und Unterhaltung"),
                head="company",
                recipient=dept("Steueramt", "Sachgebiet Vergnügungssteuer"),
                refs=(ref("Steuernummer Stadt", "VS-0042"),),
                date="12.11.2026",
                subject="Vergnügungssteuer-Anmeldung für das III. Quartal 2026",
                body=(
                    "hiermit melden wir die Vergnügungssteuer für das III. Quartal 2026 "
                    "(Juli bis September) für unsere Spielstätte in der Bahnhofstraße 27 an. "
                    "Die Zählwerksausdrucke aller Geräte sind beigefügt.",
                    "Gerät | Zulassungsnummer | >elektr. gezählte Kasse\n"
                    "Gerät 1 | PTB 1.23-4011/12 | 6.214,50 €\n"
                    "Gerät 2 | PTB 1.23-4011/13 | 5.987,00 €\n"
                    "Gerät 3 | PTB 1.23-4102/07 | 7.130,20 €\n"
                    "Gerät 4 | PTB 1.23-4102/08 | 4.455,80 €\n"
                    "Summe |  | 23.787,50 €",
                    "Steuersatz 15 % der elektronisch gezählten Kasse | 3.568,13 €",
                    "Den Betrag überweisen wir fristgerecht bis zum 15. des Folgemonats auf "
                    "das Konto der Stadtkasse. Gerät 4 wurde am 30. September abgebaut und "
                    "durch kein neues ersetzt; wir bitten, dies für das IV. Quartal zu "
                    "berücksichtigen.",
                ),
                signature=("Carsten Dreyer", "Geschäftsführer"),
                enclosures=("Zählwerksausdrucke Gerät 1–4",),
                footer=(
                    "Spielhalle Seeblick GmbH\nBahnhofstraße 27 · 12345 Seestadt",
                    "Amtsgericht Seestadt HRB 9030",
                    BANK_FOOTER,
                ),
                family="cond",
                size=10.5,
            ),
        ),
    ),
]

# --------------------------------------------------------------------------------------
# 32 – Ordnungsamt

S32 = [
    Sample(
        key="32-laerm-bar",
        expected="32",
        note="Lärmbeschwerde über Bar mit Außenbereich",
        addressing="general",
        fmt="jpg",
        kind="scan",
        scan=Scan(skew=-0.8, quality=63),
        docs=(
            Letter(
                sender=("Renate und Klaus Vogler", "Hafenstraße 5, 3. OG", "12345 Seestadt"),
                contact=("Tel. 01234 20 33 41",),
                recipient=GENERAL,
                date="Seestadt, 20.11.2026",
                subject="Beschwerde über nächtlichen Lärm der Bar „Hafenkante“, Hafenstraße 3",
                body=(
                    "wir wohnen seit 22 Jahren direkt über der Bar „Hafenkante“ und können "
                    "seit dem Betreiberwechsel im Frühjahr kaum noch schlafen. Wir haben "
                    "lange gezögert, uns an Sie zu wenden, aber es geht so nicht weiter.",
                    "Fast jeden Donnerstag, Freitag und Samstag läuft bis weit nach "
                    "Mitternacht laute Musik mit starken Bässen, die Fenster der Bar stehen "
                    "offen. Die Gäste stehen zum Rauchen bis zwei oder drei Uhr nachts vor "
                    "der Tür und unterhalten sich lautstark, oft grölen sie. Am vergangenen "
                    "Samstag, dem 14. November, wurde um 2:40 Uhr noch Musik gespielt. Wir "
                    "haben eine Liste mit Datum und Uhrzeit geführt, die wir beilegen.",
                    "Mit dem Wirt haben wir zweimal freundlich gesprochen. Beim ersten Mal "
                    "wurde es für eine Woche besser, beim zweiten Mal hat er uns gesagt, "
                    "wir sollten doch wegziehen, wenn uns das Hafenleben nicht passt.",
                    "Wir bitten Sie, die Einhaltung der Nachtruhe zu kontrollieren und "
                    "gegebenenfalls Auflagen zu erteilen. Mein Mann ist herzkrank, und der "
                    "fehlende Schlaf macht ihm sehr zu schaffen.",
                ),
                signature=("Renate Vogler",),
                enclosures=("Lärmprotokoll September bis November",),
                family="sans",
                size=11,
            ),
        ),
    ),
    Sample(
        key="32-gewerbeanmeldung-kosmetik",
        expected="32",
        note="Gewerbeanmeldung: Anschreiben digital, Formular gescannt",
        addressing="department",
        fmt="pdf",
        kind="mixed",
        scan=Scan(skew=0.5, quality=62, folds=False),
        docs=(
            Letter(
                sender=("Jana Wiebe", "Kaistraße 7", "12345 Seestadt"),
                contact=("Telefon 01234 88 71 60", "info@nagelzeit.example.com"),
                recipient=dept("Ordnungsamt", "Gewerbeangelegenheiten"),
                date="Seestadt, 19. November 2026",
                subject="Gewerbeanmeldung „Nagelzeit – Kosmetik & Nagelpflege“",
                body=(
                    "anbei sende ich Ihnen die ausgefüllte und unterschriebene "
                    "Gewerbeanmeldung für mein Kosmetik- und Nagelstudio, das ich zum "
                    "1. Januar 2027 in der Kaistraße 7 (Erdgeschoss, ehemals Blumenladen) "
                    "eröffnen möchte.",
                    "Eine Kopie meines Personalausweises und den Mietvertrag für die "
                    "Geschäftsräume habe ich der E-Mail ebenfalls angehängt. Ich habe "
                    "gelesen, dass für die Anmeldung eine Gebühr anfällt. Bitte teilen Sie "
                    "mir mit, wie ich diese bezahlen soll, dann überweise ich sofort.",
                    "Außerdem würde ich gern wissen, ob ich für das Aufstellen eines "
                    "Werbeaufstellers vor dem Laden noch einen gesonderten Antrag stellen "
                    "muss.",
                    "Über eine kurze Eingangsbestätigung würde ich mich freuen.",
                ),
                closing="Herzliche Grüße",
                signature=("Jana Wiebe",),
                enclosures=("Gewerbeanmeldung (GewA 1)",),
                family="dejavu",
                size=10.5,
                signed=False,
            ),
            Form(
                issuer=("Stadt Seestadt", "Ordnungsamt – Gewerbeangelegenheiten"),
                title="Gewerbe-Anmeldung nach § 14 GewO bzw. § 55c GewO",
                subtitle="Bitte vollständig und gut lesbar ausfüllen (GewA 1).",
                rows=(
                    (("1 Name", "Wiebe"), ("2 Vornamen", "Jana Katharina")),
                    (
                        ("6 Geburtsdatum", "03.05.1991"),
                        ("7 Geburtsort, -land", "Wiesental, Deutschland"),
                    ),
                    (("9 Anschrift der Wohnung", "Kaistraße 7, 12345 Seestadt"),),
                    (("12 Anschrift der Betriebsstätte", "Kaistraße 7, 12345 Seestadt"),),
                    (
                        (
                            "14 Angemeldete Tätigkeit",
                            "Kosmetik, Maniküre und Nageldesign, Verkauf von Pflegeprodukten",
                        ),
                    ),
                    (
                        ("15 Beginn der angemeldeten Tätigkeit", "01.01.2027"),
                        ("16 Zahl der Beschäftigten", "0 Vollzeit, 1 Teilzeit"),
                    ),
                ),
                checks=(
                    (True, "Hauptniederlassung"),
                    (False, "Zweigniederlassung"),
                    (False, "Unselbständige Zweigstelle"),
                    (True, "Neuerrichtung"),
                    (False, "Übernahme"),
                    (False, "Im Nebenerwerb"),
                ),
                text=(
                    "Hinweis: Diese Anzeige berechtigt nicht zum Beginn des Gewerbebetriebes, "
                    "wenn noch eine Erlaubnis oder eine Eintragung in die Handwerksrolle "
                    "notwendig ist. Zuwiderhandlungen können mit Geldbuße oder Geldstrafe "
                    "geahndet werden.",
                ),
                place_date="Seestadt, 19.11.2026",
            ),
        ),
    ),
    Sample(
        key="32-anhoerung-parkverstoss",
        expected="32",
        note="Anhörungsbogen Bußgeldverfahren zurückgeschickt",
        addressing="ref-head",
        fmt="tif",
        kind="scan",
        scan=Scan(bilevel=True, dpi=300, skew=-1.2, folds=True),
        docs=(
            Form(
                issuer=(
                    "Stadt Seestadt",
                    "Ordnungsamt – Bußgeldstelle",
                    "Marktstraße 8",
                    "12345 Seestadt",
                ),
                refs=(ref("Aktenzeichen", "32.4-2026-1034"), ref("Datum", "05.11.2026")),
                title="Anhörung im Bußgeldverfahren – Äußerungsbogen",
                subtitle=(
                    "Ihnen wird vorgeworfen, folgende Ordnungswidrigkeit begangen zu haben. "
                    "Sie können sich zur Sache äußern; Angaben zur Person sind Pflicht."
                ),
                rows=(
                    (("Tatzeit", "28.10.2026, 10:42 Uhr"), ("Kennzeichen", "SEE-KM 418")),
                    (("Tatort", "Seestadt, Marktstraße vor Hausnummer 12"),),
                    (
                        (
                            "Tatvorwurf",
                            "Sie parkten im absoluten Haltverbot (Zeichen 283). § 12 StVO; 25 €",
                        ),
                    ),
                    (
                        ("Angaben zur Person: Name, Vorname", "Marquardt, Kerstin"),
                        ("Geburtsdatum", "17.09.1978"),
                    ),
                    (("Anschrift", "Seeweg 19, 12345 Seestadt"),),
                    (
                        (
                            "Angaben zur Sache (freiwillig)",
                            "Ich war nicht die Fahrerin. Das Fahrzeug fuhr mein Sohn, s. unten.",
                        ),
                    ),
                    (
                        (
                            "Fahrer/in: Name, Anschrift",
                            "Marquardt, Lukas, Seeweg 19, 12345 Seestadt",
                        ),
                    ),
                ),
                checks=(
                    (False, "Ich gebe den Verstoß zu."),
                    (True, "Ich gebe den Verstoß nicht zu / Ich war nicht Fahrer/in."),
                    (False, "Ich möchte mich nicht zur Sache äußern."),
                ),
                text=(
                    "Bitte senden Sie den Äußerungsbogen innerhalb einer Woche zurück. Geben Sie "
                    "bei Schriftverkehr und Zahlung stets das Aktenzeichen an.",
                ),
                place_date="Seestadt, 11.11.2026",
            ),
        ),
    ),
    Sample(
        key="32-sondernutzung-cafe",
        expected="32",
        note="Antrag Sondernutzung Außenbestuhlung",
        addressing="general",
        fmt="pdf",
        kind="digital",
        docs=(
            Letter(
                sender=("Café Möwe", "Hafenstraße 3", "12345 Seestadt"),
                company=("Café Möwe", "Kaffee · Kuchen · Frühstück am Hafen"),
                head="company",
                recipient=GENERAL,
                refs=(ref("Ansprechpartner", "Piet Janssen"), ref("Telefon", "01234 200 301")),
                date="16.11.2026",
                subject=(
                    "Antrag auf Erlaubnis zur Sondernutzung für Tische und Stühle vor dem "
                    "Café Möwe in der Saison 2027"
                ),
                body=(
                    "wie in den vergangenen Jahren möchten wir auch 2027 vor unserem Café "
                    "Tische und Stühle aufstellen und beantragen dafür die Erlaubnis zur "
                    "Sondernutzung der öffentlichen Verkehrsfläche.",
                    "Zeitraum | 1. April bis 31. Oktober 2027\n"
                    "Fläche | 3,00 m × 9,50 m = 28,5 m² (wie 2026)\n"
                    "Möblierung | 8 Tische, 24 Stühle, 2 Sonnenschirme, 4 Pflanzkübel\n"
                    "Betriebszeit außen | täglich 8:00 bis 22:00 Uhr",
                    "Neu ist, dass wir zwei Heizstrahler aufstellen möchten, damit die Gäste "
                    "im April und Oktober auch abends draußen sitzen können. Falls das nach "
                    "Ihrer Satzung nicht zulässig ist, verzichten wir darauf.",
                    "Eine Durchgangsbreite von mindestens 1,50 m für Fußgänger und "
                    "Kinderwagen bleibt selbstverständlich frei. Eine Skizze mit den Maßen "
                    "liegt bei. Die Gebühren bitten wir wie bisher per Bescheid "
                    "festzusetzen.",
                ),
                signature=("Piet Janssen", "Inhaber"),
                enclosures=("Skizze der Fläche",),
                footer=(
                    "Café Möwe · Inh. Piet Janssen\nHafenstraße 3 · 12345 Seestadt",
                    "USt-IdNr. DE000000001",
                    BANK_FOOTER,
                ),
                family="dejavu",
                size=10,
            ),
        ),
    ),
    Sample(
        key="32-veranstaltung-adventsmarkt",
        expected="32",
        note="Anzeige einer Veranstaltung (Adventsmarkt eines Vereins)",
        addressing="department",
        fmt="png",
        kind="scan",
        scan=Scan(bilevel=True, skew=0.4),
        docs=(
            Letter(
                sender=(
                    "Bürgerverein Altstadt Seestadt e. V.",
                    "c/o Hanna Roloff",
                    "Fischerstraße 2",
                    "12345 Seestadt",
                ),
                recipient=dept(
                    "Ordnungsamt",
                    "Veranstaltungen und Märkte",
                    where=("Marktstraße 8", "12345 Seestadt"),
                ),
                date="Seestadt, 12.11.2026",
                subject="Anzeige unseres Adventsmarkts im Fischerviertel am 5. und 6. Dezember 2026",
                body=(
                    "auch in diesem Jahr veranstaltet der Bürgerverein Altstadt wieder "
                    "seinen kleinen Adventsmarkt im Fischerviertel. Wir zeigen die "
                    "Veranstaltung hiermit an und bitten um die nötigen Genehmigungen.",
                    "Ort: Fischerstraße zwischen Hausnummer 1 und 24 sowie Platz an der "
                    "Kapelle\nZeit: Samstag 14–21 Uhr, Sonntag 12–19 Uhr\n"
                    "Aufbau ab Samstag 9 Uhr, Abbau bis Sonntag 22 Uhr\n"
                    "Erwartete Besucher: etwa 800 über beide Tage\n"
                    "Stände: 18 Holzhütten (Vereine, Kunsthandwerk, Imbiss)",
                    "Für den Ausschank von Glühwein und Punsch durch den Verein beantragen "
                    "wir eine vorübergehende Gestattung. Die Fischerstraße müsste in dieser "
                    "Zeit für den Durchgangsverkehr gesperrt werden; die Zufahrt für "
                    "Rettungsfahrzeuge bleibt frei, die Anwohner wurden informiert.",
                    "Ansprechpartnerin während der Veranstaltung bin ich selbst, Telefon "
                    "0171 0000 4411. Eine Haftpflichtversicherung besteht.",
                ),
                signature=("Hanna Roloff", "1. Vorsitzende"),
                family="sans",
                size=11,
            ),
        ),
    ),
    Sample(
        key="32-fundsache-ring",
        expected="32",
        note="Verlustanzeige an das Fundbüro",
        addressing="general",
        fmt="jpg",
        kind="scan",
        scan=Scan(skew=1.6, quality=70, speckle=1.5),
        docs=(
            Letter(
                sender=("Erika Siemsen", "Am Deich 3", "12350 Wiesental"),
                recipient=GENERAL_AN,
                date="Wiesental, 18.11.26",
                subject="Verlorener Ehering – Fundbüro",
                head="typewriter",
                salutation="Sehr geehrte Damen und Herren vom Fundbüro,",
                body=(
                    "am Samstag, dem 14. November, habe ich vormittags auf dem Wochenmarkt "
                    "in Seestadt meinen Ehering verloren. Ich vermute, er ist mir beim "
                    "Ausziehen der Handschuhe am Fischstand oder an der Kasse vom "
                    "Gemüsehändler abgerutscht.",
                    "Der Ring ist aus Gelbgold, etwas abgetragen, innen ist eingraviert: "
                    "„Heinrich 12.6.1971“. Mein Mann ist vor drei Jahren gestorben, und der "
                    "Ring bedeutet mir sehr viel.",
                    "Sollte jemand den Ring abgegeben haben, rufen Sie mich bitte an unter "
                    "01234 71 09 88. Ich komme dann sofort vorbei. Einen Finderlohn zahle "
                    "ich selbstverständlich gern.",
                ),
                closing="Mit freundlichem Gruß",
                signature=("Erika Siemsen",),
                family="mono",
                size=11,
            ),
        ),
    ),
]

# --------------------------------------------------------------------------------------
# 33 – Bürgeramt

S33 = [
    Sample(
        key="33-meldebescheinigung-post",
        expected="33",
        note="Meldebescheinigung per Post erbeten",
        addressing="general",
        fmt="png",
        kind="scan",
        scan=Scan(skew=-0.9, holes=False),
        docs=(
            Letter(
                sender=(
                    "Walter Nissen",
                    "Seniorenresidenz Am Park, App. 114",
                    "Parkallee 2",
                    "12345 Seestadt",
                ),
                recipient=GENERAL,
                date="Seestadt, den 11. November 2026",
                subject="Bitte um Zusendung einer Meldebescheinigung",
                body=(
                    "ich benötige für meine Rentenversicherung eine Bescheinigung darüber, "
                    "dass ich in Seestadt mit Hauptwohnung gemeldet bin. Seit meiner "
                    "Hüftoperation kann ich leider nicht mehr selbst ins Rathaus kommen, "
                    "und einen Computer habe ich nicht.",
                    "Könnten Sie mir die Meldebescheinigung bitte per Post zuschicken? "
                    "Meine Daten: Walter Nissen, geboren am 2. Februar 1939 in Kiel, "
                    "wohnhaft in der oben genannten Anschrift seit dem 1. April 2024.",
                    "Eine Kopie meines Ausweises lege ich bei. Die Gebühr kann ich gern "
                    "überweisen oder Sie legen eine Rechnung bei. Falls Sie eine Vollmacht "
                    "brauchen, damit meine Tochter das für mich erledigt, schreibe ich "
                    "Ihnen gern eine.",
                ),
                closing="Mit freundlichen Grüßen und vielen Dank im Voraus",
                signature=("Walter Nissen",),
                family="serif",
                size=12.5,
            ),
        ),
    ),
    Sample(
        key="33-abmeldung-ausland",
        expected="33",
        note="Abmeldung wegen Umzug ins Ausland",
        addressing="department",
        fmt="pdf",
        kind="scan",
        scan=Scan(bilevel=True, skew=0.7),
        docs=(
            Letter(
                sender=("Dr. Felix Amsel", "Seeweg 88", "12345 Seestadt"),
                contact=("felix.amsel@example.com",),
                recipient=dept("Bürgeramt", "Meldebehörde"),
                date="Seestadt, 20. November 2026",
                subject="Abmeldung meiner Wohnung wegen Wegzugs nach Österreich",
                body=(
                    "zum 15. Dezember 2026 ziehe ich beruflich nach Graz (Österreich) und "
                    "gebe meine Wohnung im Seeweg 88 auf. Eine neue Wohnung in Deutschland "
                    "behalte ich nicht. Ich melde mich daher hiermit ab.",
                    "Das ausgefüllte und unterschriebene Formular zur Abmeldung sowie eine "
                    "Kopie meines Personalausweises liegen bei. Meine künftige Anschrift "
                    "lautet:",
                    "Dr. Felix Amsel\nLeonhardstraße 40/7\n8010 Graz, Österreich",
                    "Bitte senden Sie mir die Abmeldebestätigung an diese Adresse oder, "
                    "wenn möglich, vorab als PDF an meine E-Mail-Adresse, da ich sie für "
                    "meinen Arbeitgeber und die Krankenkasse benötige.",
                ),
                signature=("Felix Amsel",),
                enclosures=("Abmeldeformular", "Kopie Personalausweis"),
                family="dserif",
                size=10.5,
            ),
        ),
    ),
    Sample(
        key="33-briefwahl",
        expected="33",
        note="Antrag auf Briefwahlunterlagen; um 90° gedreht gescannt",
        addressing="department",
        fmt="jpg",
        kind="scan",
        scan=Scan(skew=0.5, turn=90, quality=64),
        docs=(
            Letter(
                sender=("Gisela Brandes", "Möwenweg 4", "12347 Seestadt"),
                recipient=dept("Bürgeramt", "Briefwahlstelle"),
                date="Seestadt, 19.11.2026",
                subject="Antrag auf Briefwahl zur Oberbürgermeisterwahl am 17. Januar 2027",
                salutation="Sehr geehrte Damen und Herren,",
                body=(
                    "hiermit beantrage ich die Briefwahlunterlagen für die Wahl des "
                    "Oberbürgermeisters am 17. Januar 2027 und für eine eventuelle "
                    "Neuwahl.",
                    "Name: Gisela Brandes\nGeburtsdatum: 30.08.1952\n"
                    "Wahlbezirk: 012 (Grundschule Seeblick)\nNr. im Wählerverzeichnis: 1734",
                    "Ich verbringe die Zeit vom 28. Dezember bis 28. Februar bei meiner "
                    "Tochter auf Teneriffa. Bitte schicken Sie die Unterlagen daher nicht "
                    "an meine Wohnanschrift, sondern an:",
                    "Gisela Brandes, c/o Familie Ortega\nCalle del Mar 12\n"
                    "38650 Los Cristianos, Spanien",
                    "Ich versichere, dass ich die Unterlagen selbst beantrage.",
                ),
                signature=("Gisela Brandes",),
                family="sans",
                size=11.5,
            ),
        ),
    ),
    Sample(
        key="33-fuehrungszeugnis",
        expected="33",
        note="Antrag Führungszeugnis per Brief",
        addressing="general",
        fmt="tif",
        kind="scan",
        scan=Scan(bilevel=True, skew=-0.4, stamp=True),
        docs=(
            Letter(
                sender=("Marco Lindqvist", "Werftweg 31", "12345 Seestadt"),
                contact=("Tel. 01234 55 90 12",),
                recipient=GENERAL_PF,
                date="Seestadt, 16.11.2026",
                subject="Führungszeugnis für meinen neuen Arbeitgeber",
                salutation="Sehr geehrte Damen und Herren,",
                body=(
                    "mein neuer Arbeitgeber, ein ambulanter Pflegedienst in Wiesental, "
                    "verlangt vor Arbeitsbeginn am 1. Januar ein Führungszeugnis zur "
                    "Vorlage bei einer Behörde. Ich arbeite zurzeit im Schichtdienst und "
                    "schaffe es zu Ihren Öffnungszeiten nicht ins Rathaus.",
                    "Kann ich das Führungszeugnis auch schriftlich beantragen? Eine "
                    "beglaubigte Kopie meines Personalausweises würde ich nachreichen. Das "
                    "Zeugnis soll direkt an folgende Stelle geschickt werden:",
                    "Pflegedienst Lebenswert GmbH\nPersonalabteilung\n"
                    "Kirchplatz 6\n12350 Wiesental",
                    "Die Gebühr von 13 Euro überweise ich, sobald Sie mir die "
                    "Kontoverbindung und den Verwendungszweck mitteilen.",
                ),
                closing="Danke und freundliche Grüße",
                signature=("Marco Lindqvist",),
                family="narrow",
                size=12,
            ),
        ),
    ),
    Sample(
        key="33-reisepass-nachfrage",
        expected="33",
        note="Nachfrage zum Stand eines Reisepass-Antrags",
        addressing="ref-head",
        fmt="jpg",
        kind="scan",
        scan=Scan(skew=-0.3, quality=60),
        docs=(
            Letter(
                sender=("Tobias Rahn", "Dünenweg 19", "12347 Seestadt"),
                contact=("Mobil 01234 600 700", "t.rahn@example.org"),
                recipient=GENERAL,
                refs=(ref("Ihr Zeichen", "33.1/2026/2290"), ref("Antrag vom", "12.10.2026")),
                date="Seestadt, 21.11.2026",
                subject="Mein Antrag auf einen neuen Reisepass – wann kann ich ihn abholen?",
                salutation="Sehr geehrte Damen und Herren,",
                body=(
                    "am 12. Oktober habe ich bei Ihnen einen neuen Reisepass beantragt. Man "
                    "sagte mir damals, die Herstellung dauere etwa vier bis sechs Wochen "
                    "und ich bekäme eine Nachricht, sobald der Pass abholbereit ist. Bisher "
                    "habe ich nichts gehört.",
                    "Ich frage deshalb nach, weil ich am 20. Dezember nach Kanada fliege und "
                    "für die Einreise den Pass brauche. Mein alter Pass ist abgelaufen. "
                    "Sollte der neue nicht rechtzeitig fertig werden, bitte ich um einen "
                    "Hinweis, ob ich noch einen vorläufigen Reisepass beantragen kann und "
                    "was ich dafür mitbringen muss.",
                    "Am besten erreichen Sie mich mobil oder per E-Mail. Vielen Dank!",
                ),
                signature=("Tobias Rahn",),
                family="dejavu",
                size=10.5,
            ),
        ),
    ),
    Sample(
        key="33-wohnungsgeberbestaetigung",
        expected="33",
        note="Hausverwaltung reicht Wohnungsgeberbestätigung nach",
        addressing="ref-text",
        fmt="pdf",
        kind="digital",
        docs=(
            Letter(
                sender=("Hausverwaltung Möller & Sohn", "Lindenallee 3", "12345 Seestadt"),
                company=("Möller & Sohn", "Hausverwaltung seit 1972"),
                head="company",
                recipient=GENERAL,
                refs=(ref("Objekt", "Lindenallee 31"), ref("Sachbearbeiterin", "Frau Koch")),
                date="18.11.2026",
                subject="Bestätigung des Wohnungsgebers nach § 19 Bundesmeldegesetz",
                body=(
                    "unser Mieter, Herr Paul Ostermann, teilte uns mit, dass Sie zur "
                    "Anmeldung seiner Wohnung noch die Bestätigung des Wohnungsgebers "
                    "benötigen (Ihr Schreiben an Herrn Ostermann vom 9. November, "
                    "Aktenzeichen: 33/2026/3310). Wir bestätigen hiermit:",
                    "Wohnungsgeber | Erbengemeinschaft Hollmann, vertreten durch die "
                    "Hausverwaltung Möller & Sohn\n"
                    "Anschrift der Wohnung | Lindenallee 31, 1. OG links, 12345 Seestadt\n"
                    "Art des Vorgangs | Einzug\n"
                    "Datum des Einzugs | 01.11.2026\n"
                    "Meldepflichtige Person | Paul Ostermann, geb. 11.01.1989",
                    "Wir bestätigen, dass die genannte Person in die Wohnung tatsächlich "
                    "eingezogen ist. Uns ist bekannt, dass es verboten ist, eine "
                    "Wohnanschrift für eine Anmeldung anzubieten, wenn ein Einzug weder "
                    "stattfindet noch beabsichtigt ist.",
                ),
                signature=("i. A. Sandra Koch",),
                footer=(
                    "Möller & Sohn Hausverwaltung GmbH\nLindenallee 3 · 12345 Seestadt",
                    "Amtsgericht Seestadt HRB 2211\nGF: Jens Möller",
                    BANK_FOOTER,
                ),
                family="sans",
                size=10.5,
            ),
        ),
    ),
]

# --------------------------------------------------------------------------------------
# 37 – Feuerwehr

S37 = [
    Sample(
        key="37-brandverhuetungsschau-maengel",
        expected="37",
        note="Nachweis Mängelbeseitigung nach Brandverhütungsschau, Anlagen gescannt",
        addressing="ref-head",
        fmt="pdf",
        kind="mixed",
        scan=Scan(bilevel=True, skew=-0.6, folds=False, holes=True),
        docs=(
            Letter(
                sender=("Pflegeheim Lindenhof gGmbH", "Lindenallee 60", "12345 Seestadt"),
                company=("Pflegeheim Lindenhof", "gemeinnützige GmbH · Wohnen und Pflege im Alter"),
                head="company",
                recipient=dept(
                    "Feuerwehr",
                    "Vorbeugender Brandschutz",
                    where=("Florianweg 2", "12345 Seestadt"),
                ),
                refs=(
                    ref("Ihr Zeichen", "Az. 37.2-2026-0088"),
                    ref("Ansprechpartner", "Holger Timm, Haustechnik"),
                ),
                date="20.11.2026",
                subject=(
                    "Brandverhütungsschau vom 14.10.2026 – Nachweis der Beseitigung der "
                    "festgestellten Mängel"
                ),
                body=(
                    "bei der Brandverhütungsschau am 14. Oktober 2026 haben Sie in unserem "
                    "Haus vier Mängel festgestellt und uns eine Frist bis zum 30. November "
                    "gesetzt. Wir teilen Ihnen mit, dass alle Mängel beseitigt sind:",
                    "1. Die Rauchschutztür im 2. OG (Flur Ost) schloss nicht selbsttätig. "
                    "Der Obentürschließer wurde am 22.10. ausgetauscht.\n"
                    "2. Im Kellerflur lagerten Kartons im Rettungsweg. Sie wurden entfernt; "
                    "die Mitarbeitenden sind unterwiesen.\n"
                    "3. Die Prüfung der Brandmeldeanlage war überfällig. Sie wurde am "
                    "05.11. durchgeführt, der Prüfbericht liegt bei.\n"
                    "4. Der Feuerwehrplan entsprach nicht mehr dem Umbau des Erdgeschosses. "
                    "Er wird derzeit vom Planungsbüro überarbeitet und Ihnen bis zum "
                    "15.12. zur Abstimmung vorgelegt.",
                    "Wir bitten Sie, die Mängel 1 bis 3 als erledigt zu vermerken, und "
                    "bedanken uns für die gute Zusammenarbeit.",
                ),
                signature=("Dr. Anke Reimers", "Einrichtungsleitung"),
                enclosures=("Prüfbericht Brandmeldeanlage", "Unterweisungsnachweis"),
                footer=(
                    "Pflegeheim Lindenhof gGmbH\nLindenallee 60 · 12345 Seestadt",
                    "Amtsgericht Seestadt HRB 3150",
                    BANK_FOOTER,
                ),
                family="sans",
                size=10.5,
                signed=False,
            ),
            Form(
                issuer=(
                    "Signal & Schutz Brandmeldetechnik GmbH",
                    "Meisterbetrieb · Kaistraße 60",
                    "12345 Seestadt",
                ),
                refs=(ref("Auftrag", "W-2026-1192"), ref("Prüfdatum", "05.11.2026")),
                title="Prüfbericht Brandmeldeanlage nach DIN 14675 / VDE 0833",
                rows=(
                    (("Objekt", "Pflegeheim Lindenhof, Lindenallee 60, 12345 Seestadt"),),
                    (("Zentrale", "BMZ Typ 5000, Aufschaltung Feuerwehr"), ("Meldergruppen", "42")),
                    (("Geprüfte Melder", "318 von 318"), ("Handfeuermelder", "24 von 24")),
                    (("Feststellungen", "2 Melder verschmutzt, getauscht; keine offenen Mängel"),),
                    (("Nächste Prüfung", "11/2027"), ("Prüfer", "Sven Albrecht")),
                ),
                checks=(
                    (True, "Anlage betriebsbereit übergeben"),
                    (True, "Übertragungseinrichtung zur Feuerwehr geprüft"),
                    (False, "Mängel vorhanden, Nachprüfung erforderlich"),
                ),
                place_date="Seestadt, 05.11.2026",
            ),
            Form(
                issuer=("Pflegeheim Lindenhof", "Haustechnik / Brandschutzbeauftragter"),
                title="Nachweis über die Unterweisung im Brandschutz",
                rows=(
                    (("Thema", "Freihalten der Rettungswege, Verhalten im Brandfall"),),
                    (("Datum", "28.10.2026"), ("Dauer", "45 Minuten")),
                    (("Unterwiesen", "31 Mitarbeitende (Liste liegt in der Verwaltung)"),),
                    (("Durchgeführt von", "Holger Timm, Brandschutzbeauftragter"),),
                ),
                text=(
                    "Inhalt: Rettungswege im Keller und in den Wohnbereichen sind jederzeit "
                    "freizuhalten; Lagerung nur in den dafür vorgesehenen Räumen. "
                    "Rauchschutztüren dürfen nicht festgestellt oder verkeilt werden.",
                ),
                place_date="Seestadt, 28.10.2026",
            ),
        ),
    ),
    Sample(
        key="37-freiwillige-feuerwehr",
        expected="37",
        note="Interesse an Mitarbeit in der Freiwilligen Feuerwehr",
        addressing="general",
        fmt="png",
        kind="scan",
        scan=Scan(skew=1.2),
        docs=(
            Letter(
                sender=("Leonie Haack", "Kirchweg 12", "12349 Seestadt"),
                contact=("leonie.haack@example.org",),
                recipient=GENERAL,
                date="13. November 2026",
                subject="Ich möchte bei der Freiwilligen Feuerwehr mitmachen",
                head="private-right",
                salutation="Liebe Kameradinnen und Kameraden,",
                body=(
                    "ich bin im Sommer für meinen Job nach Seestadt gezogen und war vorher "
                    "sechs Jahre in der Freiwilligen Feuerwehr meiner Heimatgemeinde aktiv, "
                    "zuletzt als Atemschutzgeräteträgerin. Die Truppmannausbildung und den "
                    "Sprechfunklehrgang habe ich abgeschlossen.",
                    "Jetzt würde ich gern in der Einsatzabteilung in Seestadt weitermachen. "
                    "An welchem Abend finden die Übungsdienste statt, und an wen wende ich "
                    "mich für die Aufnahme? Brauche ich eine neue ärztliche Untersuchung "
                    "nach G 26.3, oder gilt meine vom März noch?",
                    "Tagsüber arbeite ich im Hafen, also nur etwa zwei Kilometer von der "
                    "Wache entfernt, und könnte daher auch bei Einsätzen am Tag helfen.",
                ),
                closing="Viele Grüße",
                signature=("Leonie Haack",),
                family="sans",
                size=11,
            ),
        ),
    ),
    Sample(
        key="37-widerspruch-kostenbescheid",
        expected="37",
        note="Widerspruch gegen Kostenbescheid Feuerwehreinsatz (Fehlalarm)",
        addressing="ref-head",
        fmt="jpg",
        kind="scan",
        scan=Scan(skew=0.7, quality=62, holes=True),
        docs=(
            Letter(
                sender=("Tischlerei Behrens GmbH", "Gewerbering 14", "12349 Seestadt"),
                company=("Tischlerei Behrens", "Innenausbau · Möbel nach Maß"),
                head="company",
                recipient=GENERAL,
                refs=(ref("Aktenzeichen", "37/2026/0412"), ref("Bescheid vom", "10.11.2026")),
                date="19.11.2026",
                subject="Widerspruch gegen den Kostenbescheid für den Einsatz am 3. November 2026",
                body=(
                    "gegen den oben genannten Kostenbescheid über 1.230,00 Euro legen wir "
                    "Widerspruch ein.",
                    "Am 3. November löste die Brandmeldeanlage in unserer Werkhalle aus, "
                    "die Feuerwehr rückte mit zwei Fahrzeugen an. Ein Brand lag nicht vor. "
                    "Ausgelöst hatte ein Rauchmelder über der Schleifstraße, weil die "
                    "Absauganlage an diesem Morgen ausgefallen war und sich Schleifstaub in "
                    "der Halle verteilt hatte.",
                    "Wir halten die Kostenerstattung für unbillig. Die Anlage war "
                    "ordnungsgemäß gewartet (letzte Prüfung 08/2026), und der Ausfall der "
                    "Absaugung war für uns nicht vorhersehbar. Es handelt sich um den "
                    "ersten Fehlalarm seit Inbetriebnahme der Anlage im Jahr 2019.",
                    "Wir bitten, den Bescheid aufzuheben oder den Betrag zumindest "
                    "angemessen zu ermäßigen. Den Wartungsnachweis und das Protokoll des "
                    "Elektrikers über die defekte Absauganlage fügen wir bei.",
                ),
                signature=("Jörg Behrens", "Geschäftsführer"),
                footer=(
                    "Tischlerei Behrens GmbH\nGewerbering 14 · 12349 Seestadt",
                    "Tel. 01234 70 80 90\nwww.tischlerei-behrens.example.com",
                    BANK_FOOTER,
                ),
                family="serif",
                size=11,
            ),
        ),
    ),
    Sample(
        key="37-rauchmelder-mietwohnung",
        expected="37",
        note="Mieterin fragt nach Rauchmelderpflicht",
        addressing="general",
        fmt="tif",
        kind="scan",
        scan=Scan(bilevel=True, skew=1.0),
        docs=(
            Letter(
                sender=("Svetlana Kurz", "Bahnhofstraße 40", "12345 Seestadt"),
                recipient=GENERAL,
                date="17.11.2026",
                subject="Keine Rauchmelder in meiner Mietwohnung",
                salutation="Sehr geehrte Damen und Herren,",
                body=(
                    "ich wohne mit meinen zwei Kindern (4 und 7 Jahre) in einer "
                    "Mietwohnung in der Bahnhofstraße 40. In der Wohnung gibt es nur im Flur "
                    "einen Rauchmelder, in den Schlafzimmern und im Kinderzimmer keinen. "
                    "Der Vermieter sagt, das sei nicht seine Aufgabe, ich könne ja selbst "
                    "welche kaufen.",
                    "Nach dem, was ich gelesen habe, müssen Schlafräume und Kinderzimmer "
                    "Rauchmelder haben und der Eigentümer muss sie einbauen. Stimmt das? "
                    "Und kann die Feuerwehr das kontrollieren oder den Vermieter "
                    "auffordern? Ich habe große Angst, dass nachts etwas passiert.",
                    "Über eine kurze Antwort, auch telefonisch unter 01234 31 41 59, wäre "
                    "ich sehr dankbar.",
                ),
                closing="Mit freundlichen Grüßen",
                signature=("S. Kurz",),
                family="dejavu",
                size=11,
            ),
        ),
    ),
    Sample(
        key="37-hausmitteilung-stellungnahme-brandschutz",
        expected="37",
        note="Hausmitteilung vom Baurechtsamt: Bitte um Brandschutz-Stellungnahme",
        addressing="memo",
        fmt="pdf",
        kind="digital",
        docs=(
            Memo(
                to="37 – Feuerwehr, Vorbeugender Brandschutz",
                sender="63 – Baurechtsamt, Sachgebiet Sonderbauten",
                date="17.11.2026",
                subject=(
                    "Bitte um brandschutztechnische Stellungnahme – Umbau des ehemaligen "
                    "Kaufhauses Neumann, Marktstraße 20, zu einer Versammlungsstätte"
                ),
                body=(
                    "für das oben genannte Vorhaben liegt uns das Brandschutzkonzept des "
                    "Ingenieurbüros Claasen vom 2. November vor. Vorgesehen ist ein "
                    "Veranstaltungssaal für bis zu 650 Personen im 1. Obergeschoss.",
                    "Wir bitten um Ihre Stellungnahme bis zum 11. Dezember 2026, "
                    "insbesondere zu folgenden Punkten:",
                    "• Führung des zweiten Rettungswegs über die Außentreppe Hofseite\n"
                    "• Feuerwehrzufahrt und Aufstellflächen in der Marktstraße\n"
                    "• Löschwasserversorgung und Anordnung der Wandhydranten\n"
                    "• Anforderungen an Brandmeldeanlage und Alarmierung",
                    "Die Unterlagen stehen Ihnen im digitalen Beteiligungsportal zur "
                    "Verfügung. Eine gemeinsame Ortsbesichtigung halten wir für sinnvoll; "
                    "bitte nennen Sie uns zwei Terminvorschläge.",
                ),
                signature=("Ruth Albers", "Tel. -6314"),
                family="sans",
            ),
        ),
    ),
    Sample(
        key="37-angebot-atemschutz",
        expected="37",
        note="Angebot zu laufender Ausschreibung Atemschutzwartung",
        addressing="ref-text",
        fmt="pdf",
        kind="digital",
        docs=(
            Letter(
                sender=("Atemschutztechnik Nord GmbH", "Dieselstraße 5", "12350 Wiesental"),
                company=(
                    "Atemschutztechnik Nord GmbH",
                    "Prüfung · Wartung · Service für Feuerwehren",
                ),
                head="company",
                recipient=dept(
                    "Feuerwehr", "Gerätewartung", where=("Florianweg 2", "12345 Seestadt")
                ),
                refs=(ref("Angebot Nr.", "AN-26-0745"), ref("Bearbeiter", "Malte Steffen")),
                date="13.11.2026",
                subject="Angebot: Prüfung und Wartung von Atemschutzgeräten 2027–2029",
                body=(
                    "vielen Dank für Ihre Aufforderung zur Angebotsabgabe vom 2. November "
                    "2026 (Az. 37.1-2026-0007). Gern bieten wir Ihnen die regelmäßige "
                    "Prüfung und Wartung Ihrer Atemschutztechnik wie folgt an:",
                    "Pressluftatmer, Prüfung nach Herstellervorgaben, je Stück | 38,50 €\n"
                    "Vollmasken, Reinigung, Desinfektion und Dichtprüfung, je Stück | 14,20 €\n"
                    "Lungenautomaten, Prüfung, je Stück | 19,80 €\n"
                    "Druckluftflaschen, Befüllung bis 300 bar, je Stück | 6,90 €\n"
                    "Abholung und Rücklieferung, je Termin | 85,00 €",
                    "Alle Preise zuzüglich der gesetzlichen Umsatzsteuer. Die Prüfungen "
                    "erfolgen durch zertifizierte Gerätewarte in unserer Werkstatt; Ersatz "
                    "für die Dauer der Wartung stellen wir aus unserem Pool.",
                    "Das Angebot ist bis zum Ablauf der Bindefrist am 31. Januar 2027 "
                    "gültig. Die geforderten Eignungsnachweise und das unterschriebene "
                    "Preisblatt sind beigefügt.",
                ),
                signature=("Malte Steffen", "Vertrieb Behörden"),
                enclosures=("Preisblatt", "Eignungsnachweise", "Zertifikat DIN EN ISO 9001"),
                footer=(
                    "Atemschutztechnik Nord GmbH\nDieselstraße 5 · 12350 Wiesental",
                    "Amtsgericht Wiesental HRB 771\nGF: Dörte Wulf",
                    BANK_FOOTER,
                ),
                family="narrow",
                size=11,
                signed=False,
            ),
        ),
    ),
]

# --------------------------------------------------------------------------------------
# 40 – Amt für Bildung und Sport

S40 = [
    Sample(
        key="40-grundschule-gestattung",
        expected="40",
        note="Eltern: Schulanmeldung an anderer Grundschule",
        addressing="general",
        fmt="jpg",
        kind="scan",
        scan=Scan(skew=-1.1, quality=64),
        docs=(
            Letter(
                sender=("Katrin und Sven Holm", "Deichstraße 9", "12347 Seestadt"),
                recipient=GENERAL,
                date="Seestadt, 12. November 2026",
                subject="Schulanmeldung unseres Sohnes Mats zum Schuljahr 2027/28",
                body=(
                    "unser Sohn Mats Holm (geboren am 14.05.2021) wird im kommenden Sommer "
                    "eingeschult. Nach unserer Wohnanschrift wäre die Grundschule "
                    "Nordstrand zuständig. Wir möchten ihn jedoch an der Grundschule "
                    "Seeblick anmelden und beantragen dafür die Gestattung.",
                    "Unsere Gründe: Beide arbeiten wir in Vollzeit, Mats wird nach der "
                    "Schule von seinen Großeltern betreut, die zwei Straßen von der "
                    "Grundschule Seeblick entfernt wohnen. Seine ältere Schwester Ida "
                    "besucht diese Schule bereits in der dritten Klasse, sodass die Kinder "
                    "den Schulweg gemeinsam gehen könnten. Außerdem ist Mats in der Kita "
                    "„Kleine Möwen“ mit mehreren Kindern befreundet, die ebenfalls in den "
                    "Seeblick kommen.",
                    "Wir wissen, dass die Plätze knapp sind, und wären dankbar, wenn Sie "
                    "unseren Antrag wohlwollend prüfen. Eine Bescheinigung der Großeltern "
                    "über die Betreuung legen wir bei.",
                ),
                signature=("Katrin Holm    Sven Holm",),
                family="serif",
                size=11.5,
            ),
        ),
    ),
    Sample(
        key="40-schuelerbefoerderung",
        expected="40",
        note="Antrag Übernahme Schülerfahrkosten",
        addressing="department",
        fmt="png",
        kind="scan",
        scan=Scan(bilevel=True, skew=-0.6, stamp=True),
        docs=(
            Letter(
                sender=("Olga Schäfer", "Heideweg 21", "12350 Wiesental-Ost"),
                recipient=dept("Amt für Bildung und Sport", "Schülerbeförderung"),
                date="10.11.2026",
                subject="Übernahme der Fahrkosten für meine Tochter Marie, Klasse 5b",
                salutation="Sehr geehrte Damen und Herren,",
                body=(
                    "meine Tochter Marie Schäfer besucht seit August die Klasse 5b der "
                    "Gesamtschule am Hafen. Unser Wohnort liegt 6,4 Kilometer von der "
                    "Schule entfernt. Bisher bezahle ich die Monatskarte für den Bus "
                    "selbst, 42,50 Euro im Monat.",
                    "Eine Bekannte hat mir gesagt, dass die Stadt die Kosten übernimmt, "
                    "wenn der Schulweg länger als vier Kilometer ist. Ich beantrage daher "
                    "die Übernahme der Fahrkosten bzw. eine Schülerzeitkarte für Marie, "
                    "wenn möglich rückwirkend ab Schuljahresbeginn.",
                    "Eine Schulbescheinigung und die Kopie der Monatskarten von August bis "
                    "November lege ich bei. Falls es dafür ein Formular gibt, schicken Sie "
                    "es mir bitte zu.",
                ),
                closing="Mit freundlichen Grüßen",
                signature=("Olga Schäfer",),
                family="sans",
                size=11,
            ),
        ),
    ),
    Sample(
        key="40-sporthalle-hallenzeiten",
        expected="40",
        note="Verein beantragt Hallenzeiten",
        addressing="department",
        fmt="pdf",
        kind="digital",
        docs=(
            Letter(
                sender=("TSV Seestadt von 1890 e. V.", "Sportplatzweg 1", "12345 Seestadt"),
                company=("TSV Seestadt von 1890 e. V.", "Abteilung Handball"),
                head="company",
                recipient=dept(
                    "Amt für Bildung und Sport", "Sportverwaltung", where=SOZIALRATHAUS[1:]
                ),
                refs=(ref("Abteilungsleiter", "Frank Gosch"), ref("Telefon", "01234 66 12 00")),
                date="14.11.2026",
                subject=(
                    "Antrag auf zusätzliche Hallenzeiten in der Sporthalle am See "
                    "(Januar bis April 2027)"
                ),
                body=(
                    "unsere Handballabteilung ist in dieser Saison auf elf Mannschaften "
                    "gewachsen, darunter zwei neue Mädchenteams. Mit den bisherigen "
                    "Trainingszeiten kommen wir nicht mehr aus.",
                    "Wir beantragen deshalb für die Zeit vom 11. Januar bis 30. April 2027 "
                    "folgende zusätzliche Zeiten in der Sporthalle am See (Dreifachhalle):",
                    "Dienstag | 17:00–18:30 Uhr | Halle 2\n"
                    "Donnerstag | 17:00–18:30 Uhr | Halle 3\n"
                    "Samstag | 9:00–13:00 Uhr | alle Hallenteile (Heimspieltag)",
                    "Soweit die Zeiten am Samstag durch Schulveranstaltungen belegt sind, "
                    "könnten wir auf die Sporthalle Nordstrand ausweichen. Die "
                    "Übungsleiterinnen und Übungsleiter besitzen gültige Lizenzen; die "
                    "Hallenordnung ist allen bekannt.",
                    "Für eine Rückmeldung bis Mitte Dezember wären wir dankbar, damit wir "
                    "den Trainingsplan rechtzeitig verteilen können.",
                ),
                signature=("Frank Gosch", "Abteilungsleiter Handball"),
                footer=(
                    "TSV Seestadt von 1890 e. V.\nSportplatzweg 1 · 12345 Seestadt",
                    "Vereinsregister VR 101\nAmtsgericht Seestadt",
                    "Sparkasse Seestadt\nIBAN DE00 2105 0170 0055 6677 88",
                ),
                family="dejavu",
                size=10.5,
            ),
        ),
    ),
    Sample(
        key="40-vereinsfoerderung-tore",
        expected="40",
        note="Antrag Sportförderung mit Kosten- und Finanzierungsplan",
        addressing="ref-head",
        fmt="pdf",
        kind="scan",
        scan=Scan(skew=0.9, quality=58),
        docs=(
            Letter(
                sender=("SV Blau-Weiß Wiesental e. V.", "Am Sportplatz 3", "12350 Wiesental"),
                recipient=GENERAL,
                refs=(
                    ref("Ihr Zeichen", "Az. 40.3-2026-0215"),
                    ref("Ansprechpartner", "Uwe Harms, Kassenwart"),
                ),
                date="Wiesental, 16.11.2026",
                subject="Antrag auf Zuschuss zur Anschaffung von Kleinfeldtoren und Netzen",
                body=(
                    "bezugnehmend auf unser Telefonat mit Ihrer Kollegin Frau Rieck "
                    "beantragen wir einen Zuschuss aus der Sportförderung der Stadt für die "
                    "Anschaffung neuer Tore für unseren Nachwuchsfußball.",
                    "Unsere fünf Kleinfeldtore sind über zwanzig Jahre alt; zwei mussten im "
                    "Oktober nach der Sicherheitsprüfung gesperrt werden, weil die "
                    "Verankerung durchgerostet ist. Ohne Ersatz können wir den Spielbetrieb "
                    "für die E- und F-Junioren (zusammen 64 Kinder) im Frühjahr nicht "
                    "aufrechterhalten.",
                    "Die Gesamtkosten betragen nach dem günstigsten von drei Angeboten "
                    "6.420,00 Euro. Der Verein kann 40 Prozent aus Eigenmitteln und "
                    "Spenden aufbringen. Wir bitten um einen Zuschuss von 3.850,00 Euro. "
                    "Mit der Anschaffung haben wir noch nicht begonnen.",
                    "Den Kosten- und Finanzierungsplan finden Sie auf der folgenden Seite; "
                    "die Angebote, die Mitgliederzahlen und der Freistellungsbescheid des "
                    "Finanzamts liegen bei.",
                    "\f",
                    "**Kosten- und Finanzierungsplan**",
                    "Kosten | \n"
                    "4 Kleinfeldtore 5 × 2 m, Aluminium, kippsicher | 4.960,00 €\n"
                    "Bodenhülsen und Montage | 980,00 €\n"
                    "8 Tornetze | 480,00 €\n"
                    "**Summe Kosten** | 6.420,00 €",
                    "Finanzierung | \n"
                    "Eigenmittel des Vereins | 1.570,00 €\n"
                    "Spende Seestädter Volksbank (zugesagt) | 1.000,00 €\n"
                    "beantragter Zuschuss Stadt Seestadt | 3.850,00 €\n"
                    "Summe Finanzierung | 6.420,00 €",
                    "Wir versichern die Richtigkeit der Angaben. Der Verein ist als "
                    "gemeinnützig anerkannt und Mitglied im Landessportbund.",
                ),
                signature=("Uwe Harms, Kassenwart      Birte Lüders, 1. Vorsitzende",),
                enclosures=("3 Angebote", "Mitgliederstatistik 2026", "Freistellungsbescheid"),
                family="sans",
                size=11,
            ),
        ),
    ),
    Sample(
        key="40-elternbeirat-mensa",
        expected="40",
        note="Elternbeirat beschwert sich über Schulverpflegung",
        addressing="general",
        fmt="tif",
        kind="scan",
        scan=Scan(skew=-0.5),
        docs=(
            Letter(
                sender=(
                    "Schulelternbeirat der Gesamtschule am Hafen",
                    "c/o Dr. Nadine Busch",
                    "Ankerweg 5",
                    "12345 Seestadt",
                ),
                recipient=GENERAL_AN,
                date="Seestadt, 18.11.2026",
                subject="Mittagessen an der Gesamtschule am Hafen",
                salutation="Sehr geehrte Damen und Herren,",
                body=(
                    "der Schulelternbeirat hat sich in seiner Sitzung am 11. November "
                    "ausführlich mit dem Mittagessen in der Mensa befasst. Seit dem "
                    "Wechsel des Caterers nach den Sommerferien erreichen uns viele "
                    "Beschwerden von Eltern und Schülerinnen und Schülern.",
                    "• Das Essen wird bereits um 9:30 Uhr angeliefert und bis zur Ausgabe "
                    "warmgehalten; Gemüse und Nudeln sind dann zerkocht.\n"
                    "• Das vegetarische Gericht ist häufig schon nach zwanzig Minuten "
                    "ausverkauft.\n"
                    "• In der ersten Mittagspause stehen die Kinder bis zu 25 Minuten an und "
                    "haben danach kaum noch Zeit zum Essen.\n"
                    "• Der Preis ist von 3,60 Euro auf 4,20 Euro gestiegen.",
                    "Als Schulträger haben Sie den Vertrag mit dem Caterer geschlossen. Wir "
                    "bitten Sie deshalb, mit dem Anbieter über die Qualität zu sprechen und "
                    "uns über das Ergebnis zu informieren. Gern laden wir Sie zu einem "
                    "gemeinsamen Probeessen mit der Schulleitung und der Schülervertretung "
                    "ein.",
                ),
                signature=("Dr. Nadine Busch", "Vorsitzende des Schulelternbeirats"),
                family="dserif",
                size=10.5,
            ),
        ),
    ),
    Sample(
        key="40-bieterfrage-schulverpflegung",
        expected="40",
        note="Bieterfrage zur laufenden Ausschreibung Schulverpflegung",
        addressing="ref-text",
        fmt="pdf",
        kind="digital",
        docs=(
            Letter(
                sender=("Küstenküche Catering GmbH", "Am Großmarkt 8", "12350 Wiesental"),
                company=("Küstenküche Catering", "Frisch gekocht für Kitas, Schulen und Betriebe"),
                head="company",
                recipient=GENERAL,
                refs=(ref("Unser Zeichen", "KK/sb"), ref("Telefon", "01234 40 50 60")),
                date="20.11.2026",
                subject="Bieterfragen zur Ausschreibung „Mittagsverpflegung an Grundschulen, Los 2“",
                body=(
                    "wir beabsichtigen, uns an der oben genannten Ausschreibung "
                    "(Vergabeverfahren Az. 40.2-2026-0097, Angebotsfrist 8. Dezember 2026) "
                    "zu beteiligen, und bitten um Beantwortung folgender Fragen:",
                    "1. In der Leistungsbeschreibung ist für Los 2 „Cook & Chill“ "
                    "vorgegeben. Sind an allen drei Schulen Regenerieröfen vorhanden, oder "
                    "sind diese vom Auftragnehmer zu stellen?\n"
                    "2. Wie viele Essen wurden im laufenden Schuljahr durchschnittlich pro "
                    "Tag und Schule ausgegeben?\n"
                    "3. Ist der Bio-Anteil von 30 Prozent auf den Wareneinsatz oder auf die "
                    "Anzahl der Komponenten bezogen?\n"
                    "4. Kann die Ausgabe durch Personal der Schulen erfolgen, oder muss der "
                    "Auftragnehmer eigenes Ausgabepersonal einsetzen?",
                    "Wir bitten um Beantwortung über die Vergabeplattform, damit alle Bieter "
                    "die gleichen Informationen erhalten.",
                ),
                signature=("Sabine Brandt", "Leitung Vertrieb"),
                footer=(
                    "Küstenküche Catering GmbH\nAm Großmarkt 8 · 12350 Wiesental",
                    "Amtsgericht Wiesental HRB 902\nGF: Rolf Ebeling",
                    BANK_FOOTER,
                ),
                family="sans",
                size=10.5,
                signed=False,
            ),
        ),
    ),
]

# --------------------------------------------------------------------------------------
# 50 – Sozialamt

BESCHEID_HLU = Letter(
    sender=("Stadt Seestadt · Sozialamt", "Lindenallee 20", "12345 Seestadt"),
    company=("Stadt Seestadt", "Der Oberbürgermeister – Sozialamt"),
    head="authority",
    recipient=("Herrn", "Dirk Maschke", "Ankerweg 17", "12345 Seestadt"),
    refs=(
        ref("Unser Zeichen", "50.2/2026/0319"),
        ref("Sachbearbeitung", "Frau Hein"),
        ref("Zimmer / Telefon", "2.14 / 01234 5670-5021"),
    ),
    date="27.10.2026",
    subject="Hilfe zum Lebensunterhalt nach dem Dritten Kapitel SGB XII\nBescheid",
    salutation="Sehr geehrter Herr Maschke,",
    body=(
        "auf Ihren Antrag vom 1. September 2026 werden Ihnen für die Zeit vom 1. November "
        "2026 bis 31. Oktober 2027 Leistungen der Hilfe zum Lebensunterhalt in folgender "
        "Höhe bewilligt:",
        "Regelbedarf Stufe 1 | 563,00 €\nKosten der Unterkunft (Grundmiete) | 390,00 €\n"
        "Heizkosten | 60,00 €\nabzüglich anzurechnendes Einkommen | − 612,40 €\n"
        "monatliche Leistung | 400,60 €",
        "Die Heizkosten werden nur in Höhe von 60,00 Euro berücksichtigt. Die von Ihnen "
        "nachgewiesenen Abschläge von 95,00 Euro übersteigen die angemessenen Heizkosten "
        "für einen Einpersonenhaushalt. Als Einkommen wird die Rente wegen teilweiser "
        "Erwerbsminderung angerechnet.",
        "\f",
        "Rechtsbehelfsbelehrung: Gegen diesen Bescheid kann innerhalb eines Monats nach "
        "Bekanntgabe Widerspruch erhoben werden. Der Widerspruch ist schriftlich oder zur "
        "Niederschrift bei der Stadt Seestadt, Sozialamt, Lindenallee 20, 12345 Seestadt, "
        "einzulegen.",
    ),
    signature=("Im Auftrag", "Hein"),
    footer=(
        "Stadt Seestadt · Sozialamt\nLindenallee 20 · 12345 Seestadt",
        "Sprechzeiten: Mo, Di, Fr 8–12 Uhr\nDo 14–18 Uhr",
        BANK_FOOTER,
    ),
    family="sans",
    size=10.5,
    signed=False,
)

S50 = [
    Sample(
        key="50-wohngeld-weiterleistung",
        expected="50",
        note="Wohngeld-Weiterleistungsantrag: Anschreiben digital, Mietbescheinigung gescannt",
        addressing="ref-head",
        fmt="pdf",
        kind="mixed",
        scan=Scan(skew=-0.8, quality=60),
        docs=(
            Letter(
                sender=("Bernd Kowalski", "Werftweg 8", "12345 Seestadt"),
                recipient=GENERAL,
                refs=(ref("Aktenzeichen", "50/2026/0734"),),
                date="Seestadt, 17. November 2026",
                subject="Weiterleistungsantrag Wohngeld ab 1. Januar 2027",
                body=(
                    "mein Wohngeld ist bis zum 31. Dezember 2026 bewilligt. Ich beantrage "
                    "hiermit die Weiterzahlung ab dem 1. Januar 2027.",
                    "An meinen Verhältnissen hat sich gegenüber dem letzten Antrag nur "
                    "wenig geändert: Meine Rente ist zum 1. Juli um 4,2 Prozent gestiegen "
                    "(Rentenanpassungsmitteilung liegt bei), und die Miete wurde zum "
                    "1. Oktober um 18 Euro erhöht. Die neue Mietbescheinigung meines "
                    "Vermieters habe ich eingescannt und angehängt.",
                    "Den ausgefüllten Antrag schicke ich Ihnen zusätzlich mit der Post, "
                    "weil die Unterschrift im Original verlangt wird.",
                ),
                signature=("Bernd Kowalski",),
                enclosures=("Mietbescheinigung", "Rentenanpassungsmitteilung 2026"),
                family="sans",
                size=11,
                signed=False,
            ),
            Form(
                issuer=("Mietbescheinigung", "zum Antrag auf Mietzuschuss (Wohngeld)"),
                title="Mietbescheinigung – vom Vermieter auszufüllen",
                rows=(
                    (("Name des Mieters", "Bernd Kowalski"), ("Einzug am", "01.03.2015")),
                    (("Anschrift der Wohnung", "Werftweg 8, Erdgeschoss rechts, 12345 Seestadt"),),
                    (("Wohnfläche", "52 m²"), ("Zahl der Räume", "2 Zimmer, Küche, Bad")),
                    (
                        ("Grundmiete monatlich", "418,00 €"),
                        ("Vorauszahlung Betriebskosten", "120,00 €"),
                    ),
                    (("davon Heizkosten / Warmwasser", "75,00 €"), ("Gesamtmiete", "538,00 €")),
                    (
                        (
                            "Vermieter (Name, Anschrift)",
                            "Wohnungsbau Seestadt eG, Hafenstraße 70, 12345 Seestadt",
                        ),
                    ),
                ),
                checks=(
                    (True, "Die Wohnung ist mit Sammelheizung ausgestattet."),
                    (False, "Die Wohnung ist öffentlich gefördert."),
                    (False, "Untervermietung liegt vor."),
                ),
                text=(
                    "Der Vermieter versichert die Richtigkeit der Angaben. Die Auskunft ist "
                    "nach § 23 Abs. 3 WoGG zu erteilen.",
                ),
                place_date="Seestadt, 06.11.2026",
            ),
        ),
    ),
    Sample(
        key="50-grundsicherung-oma",
        expected="50",
        note="Enkel fragt nach Grundsicherung im Alter; auf dem Kopf",
        addressing="general",
        fmt="jpg",
        kind="scan",
        scan=Scan(skew=0.4, turn=180, quality=66),
        docs=(
            Letter(
                sender=("Kevin Lührs", "Seeweg 120", "12345 Seestadt"),
                contact=("Tel. 01234 99 00 77",),
                recipient=GENERAL,
                date="20.11.2026",
                subject="Unterstützung für meine Großmutter Hildegard Lührs",
                salutation="Sehr geehrte Damen und Herren,",
                body=(
                    "ich schreibe Ihnen für meine Oma, Frau Hildegard Lührs, 84 Jahre, "
                    "Fischerstraße 9. Sie hat mich gebeten, mich darum zu kümmern, weil sie "
                    "selbst nicht mehr gut sieht.",
                    "Meine Oma bekommt eine kleine Witwenrente von 780 Euro im Monat. Die "
                    "Miete ist jetzt auf 495 Euro warm gestiegen, und es bleibt ihr kaum "
                    "etwas zum Leben. Ersparnisse hat sie nicht mehr, nur ein Sparbuch mit "
                    "etwa 1.200 Euro für ihre Beerdigung.",
                    "Ein Nachbar meinte, sie könnte vielleicht Grundsicherung im Alter "
                    "bekommen. Können Sie uns sagen, ob das in Frage kommt und welche "
                    "Unterlagen wir brauchen? Am liebsten wäre es uns, wenn wir einen "
                    "Termin bekommen, zu dem ich sie begleiten kann. Eine Vollmacht von "
                    "meiner Oma liegt bei.",
                ),
                signature=("Kevin Lührs",),
                enclosures=("Vollmacht",),
                family="dejavu",
                size=11,
            ),
        ),
    ),
    Sample(
        key="50-unterbringung-wohnungslos",
        expected="50",
        note="Beratungsstelle bittet um Obdachlosenunterbringung",
        addressing="department",
        fmt="pdf",
        kind="digital",
        docs=(
            Letter(
                sender=("Diakonie Seestadt", "Kirchplatz 1", "12345 Seestadt"),
                company=("Diakonie Seestadt", "Beratungsstelle für Menschen in Wohnungsnot"),
                head="company",
                recipient=dept("Sozialamt", "Fachstelle Wohnungsnotfälle", where=SOZIALRATHAUS[1:]),
                refs=(ref("Beraterin", "Anna Lüttjohann"), ref("Telefon", "01234 88 20 14")),
                date="23.11.2026",
                subject=("Dringend: Unterbringung von Herrn Rüdiger Pahl ab 1. Dezember 2026"),
                body=(
                    "Herr Rüdiger Pahl, geboren am 07.02.1968, zuletzt wohnhaft Ankerweg "
                    "22, ist seit einigen Wochen in unserer Beratung. Die Räumung seiner "
                    "Wohnung ist für den 30. November 2026 angesetzt; der "
                    "Räumungstermin kann nach Auskunft des Gerichtsvollziehers nicht mehr "
                    "verschoben werden.",
                    "Trotz intensiver Suche hat Herr Pahl keine neue Wohnung gefunden. "
                    "Angehörige, bei denen er unterkommen könnte, hat er nicht. Er ist "
                    "gesundheitlich angeschlagen (Diabetes, Zustand nach Bandscheibenvorfall) "
                    "und kann nicht auf der Straße leben.",
                    "Wir bitten Sie, Herrn Pahl ab dem 1. Dezember eine Unterkunft nach dem "
                    "Ordnungsrecht zur Verfügung zu stellen, möglichst nicht in einer "
                    "Gemeinschaftsunterkunft mit Etagenbetten, da er wegen seiner "
                    "Rückenbeschwerden ein normales Bett benötigt.",
                    "Herr Pahl ist einverstanden, dass wir Ihnen seine Daten übermitteln; "
                    "die Schweigepflichtentbindung liegt bei. Für ein gemeinsames Gespräch "
                    "kommen wir gern zu Ihnen.",
                ),
                signature=("Anna Lüttjohann", "Dipl.-Sozialarbeiterin"),
                enclosures=("Schweigepflichtentbindung", "Räumungsmitteilung (Kopie)"),
                footer=(
                    "Diakonisches Werk Seestadt e. V.\nKirchplatz 1 · 12345 Seestadt",
                    "Offene Sprechstunde\nDi und Do 9–12 Uhr",
                    BANK_FOOTER,
                ),
                family="serif",
                size=11,
            ),
        ),
    ),
    Sample(
        key="50-bildung-teilhabe-klassenfahrt",
        expected="50",
        note="Antrag Bildung und Teilhabe für Klassenfahrt",
        addressing="department",
        fmt="png",
        kind="scan",
        scan=Scan(skew=-1.5),
        docs=(
            Letter(
                sender=("Daniela Wolter", "Möwenweg 30", "12347 Seestadt"),
                recipient=dept("Sozialamt", "Bildung und Teilhabe", where=SOZIALRATHAUS[1:]),
                date="Seestadt, 15.11.2026",
                subject="Antrag auf Übernahme der Kosten für die Klassenfahrt meines Sohnes",
                salutation="Sehr geehrte Damen und Herren,",
                body=(
                    "mein Sohn Finn (13 Jahre) fährt vom 22. bis 26. März 2027 mit seiner "
                    "Klasse 7c auf Klassenfahrt nach Sylt. Die Kosten betragen 289 Euro, "
                    "die Anzahlung von 100 Euro ist bis zum 15. Dezember fällig.",
                    "Wir bekommen seit Mai Wohngeld und Kinderzuschlag. Den Bescheid der "
                    "Familienkasse und den Wohngeldbescheid lege ich in Kopie bei, ebenso "
                    "das Schreiben der Schule mit den Kosten und der Kontoverbindung des "
                    "Schulfördervereins.",
                    "Ich beantrage, die Kosten für die Klassenfahrt aus dem Bildungspaket "
                    "zu übernehmen und direkt an die Schule zu überweisen. Außerdem möchte "
                    "ich fragen, ob auch das Mittagessen in der Schule bezuschusst werden "
                    "kann.",
                ),
                closing="Vielen Dank und freundliche Grüße",
                signature=("Daniela Wolter",),
                family="sans",
                size=11.5,
            ),
        ),
    ),
    Sample(
        key="50-widerspruch-hilfe-lebensunterhalt",
        expected="50",
        note="Widerspruch Hilfe zum Lebensunterhalt mit Kopie des Bescheids",
        addressing="ref-head",
        fmt="pdf",
        kind="scan",
        scan=Scan(bilevel=True, skew=0.5, holes=True),
        docs=(
            Letter(
                sender=("Dirk Maschke", "Ankerweg 17", "12345 Seestadt"),
                recipient=GENERAL,
                refs=(ref("Ihr Zeichen", "50.2/2026/0319"), ref("Ihr Bescheid vom", "27.10.2026")),
                date="Seestadt, 22.11.2026",
                subject="Widerspruch gegen Ihren Bescheid über Hilfe zum Lebensunterhalt",
                body=(
                    "gegen Ihren Bescheid vom 27. Oktober 2026 lege ich Widerspruch ein. "
                    "Eine Kopie des Bescheids lege ich bei.",
                    "Sie haben meine Heizkosten nur mit 60 Euro berücksichtigt, obwohl ich "
                    "an die Stadtwerke monatlich 95 Euro Abschlag zahlen muss. Ich wohne in "
                    "einem Altbau mit Nachtspeicheröfen, die Wohnung liegt im Erdgeschoss "
                    "über einem ungeheizten Keller. Ich heize sparsam und halte die "
                    "Schlafzimmertür geschlossen. Trotzdem hatte ich im letzten Jahr eine "
                    "Nachzahlung von 210 Euro.",
                    "Nach meiner Kenntnis sind die tatsächlichen Heizkosten zu übernehmen, "
                    "solange sie nicht unangemessen sind, und dafür muss man die "
                    "Besonderheiten der Wohnung ansehen. Ich habe keine andere Möglichkeit "
                    "zu heizen, und der Vermieter wird die Öfen nicht austauschen.",
                    "Außerdem haben Sie als Einkommen die Rente mit 612,40 Euro angesetzt. "
                    "Davon gehen aber noch die Beiträge zur Kranken- und Pflegeversicherung "
                    "ab, ausgezahlt werden mir nur 548,15 Euro (siehe Rentenbescheid).",
                    "\f",
                    "Ich beantrage daher,",
                    "1. die Heizkosten in tatsächlicher Höhe von 95 Euro zu übernehmen,\n"
                    "2. das Einkommen richtig mit dem Auszahlungsbetrag anzusetzen und\n"
                    "3. mir die Differenz ab 1. November nachzuzahlen.",
                    "Die Jahresabrechnung der Stadtwerke für 2025 und den Rentenbescheid "
                    "lege ich bei. Falls Sie noch etwas brauchen, melden Sie sich bitte. "
                    "Ich bin auf das Geld angewiesen.",
                ),
                signature=("Dirk Maschke",),
                enclosures=(
                    "Kopie Bescheid vom 27.10.2026",
                    "Jahresabrechnung Stadtwerke 2025",
                    "Rentenbescheid",
                ),
                family="mono",
                size=10.5,
            ),
            BESCHEID_HLU,
        ),
    ),
    Sample(
        key="50-rentenversicherung-erwerbsminderung",
        expected="50",
        note="Rentenversicherung antwortet auf Ersuchen zur Erwerbsminderung",
        addressing="ref-text",
        fmt="pdf",
        kind="digital",
        docs=(
            Letter(
                sender=("Rentenversicherung Küstenland", "Postfach 90 01", "12300 Hafenstadt"),
                company=(
                    "Rentenversicherung Küstenland",
                    "Träger der gesetzlichen Rentenversicherung",
                ),
                head="authority",
                recipient=("Stadt Seestadt", "Der Oberbürgermeister", *SOZIALRATHAUS[1:]),
                refs=(
                    ref("Versicherungsnummer", "00 120368 M 999"),
                    ref("Unser Zeichen", "RV-EM 4410/26"),
                    ref("Telefon", "01234 900-0"),
                ),
                date="16.11.2026",
                subject=(
                    "Ersuchen nach § 45 SGB XII – Feststellung der dauerhaften vollen "
                    "Erwerbsminderung\nVersicherter: Holger Dreesen, geb. 12.03.1968"
                ),
                body=(
                    "mit Ihrem Schreiben vom 14. Oktober 2026, Az. 50.3-2026-0562, haben Sie "
                    "uns um Prüfung gebeten, ob bei Herrn Dreesen eine dauerhafte volle "
                    "Erwerbsminderung vorliegt.",
                    "Nach Auswertung der beigezogenen ärztlichen Unterlagen und der "
                    "Begutachtung vom 4. November 2026 kommen wir zu folgendem Ergebnis: "
                    "Herr Dreesen ist unabhängig von der Arbeitsmarktlage voll "
                    "erwerbsgemindert. Es ist unwahrscheinlich, dass die volle "
                    "Erwerbsminderung behoben werden kann.",
                    "Diese Feststellung ist für Sie als Träger der Sozialhilfe bindend "
                    "(§ 45 Satz 2 SGB XII). Ein Anspruch auf eine Rente wegen "
                    "Erwerbsminderung besteht nicht, weil die versicherungsrechtlichen "
                    "Voraussetzungen nicht erfüllt sind.",
                    "Das Gutachten fügen wir bei. Bitte beachten Sie beim Umgang mit den "
                    "Gesundheitsdaten die Vorschriften zum Sozialdatenschutz.",
                ),
                signature=("Im Auftrag", "Petersen"),
                enclosures=("Sozialmedizinisches Gutachten vom 04.11.2026",),
                footer=(
                    "Rentenversicherung Küstenland\nPostfach 90 01 · 12300 Hafenstadt",
                    "Servicetelefon 01234 900-0\nwww.rv-kuestenland.example.org",
                    "Körperschaft des öffentlichen Rechts",
                ),
                family="dejavu",
                size=10,
                signed=False,
            ),
        ),
    ),
]

# --------------------------------------------------------------------------------------
# 51 – Jugendamt

S51 = [
    Sample(
        key="51-kita-platz",
        expected="51",
        note="Eltern suchen Kita-Platz für Kleinkind",
        addressing="general",
        fmt="jpg",
        kind="scan",
        scan=Scan(skew=1.3, quality=65),
        docs=(
            Letter(
                sender=("Julia Engel und Ben Okafor", "Lotsenstraße 6", "12345 Seestadt"),
                contact=("julia.engel@example.com", "Tel. 01234 52 52 52"),
                recipient=GENERAL,
                date="Seestadt, 9. November 2026",
                subject="Betreuungsplatz für unsere Tochter Emma ab August 2027",
                salutation="Sehr geehrte Damen und Herren,",
                body=(
                    "unsere Tochter Emma wurde am 2. Juni 2026 geboren. Wir möchten beide "
                    "im Sommer 2027 wieder arbeiten und suchen deshalb ab dem 1. August "
                    "2027 einen Krippenplatz für sie, möglichst für 35 Stunden in der Woche.",
                    "Über das Online-Portal haben wir Emma im September bei drei "
                    "Einrichtungen vorgemerkt (Kita Sonnenschein, Kita Kleine Möwen und "
                    "die Krippe im Familienzentrum Nord). Eine Bestätigung haben wir nur von "
                    "der Kita Sonnenschein erhalten, und dort hieß es, die Warteliste sei "
                    "sehr lang.",
                    "Wir möchten deshalb sicherstellen, dass Emma bei der zentralen "
                    "Platzvergabe berücksichtigt wird, und bitten um eine Bestätigung. Falls "
                    "es bei Ihnen keinen Platz gibt, würden wir auch eine "
                    "Tagespflegeperson in Betracht ziehen. Können Sie uns dazu beraten?",
                ),
                closing="Viele Grüße",
                signature=("Julia Engel",),
                family="sans",
                size=11,
            ),
        ),
    ),
    Sample(
        key="51-kita-beitrag-ermaessigung",
        expected="51",
        note="Antrag auf Ermäßigung der Kita-Gebühren",
        addressing="department",
        fmt="png",
        kind="scan",
        scan=Scan(skew=0.8, speckle=1.4),
        docs=(
            Letter(
                sender=("Thomas Reuter", "Am Hafen 44", "12345 Seestadt"),
                recipient=dept(
                    "Jugendamt",
                    "Abteilung Kindertagesbetreuung – Elternbeiträge",
                    where=SOZIALRATHAUS[1:],
                ),
                date="14.11.2026",
                subject="Ermäßigung der Elternbeiträge für Lina Reuter, Kita Kleine Möwen",
                salutation="Sehr geehrte Damen und Herren,",
                body=(
                    "seit dem 1. Oktober bin ich alleinerziehend, meine Frau und ich leben "
                    "getrennt. Lina (3 Jahre) lebt bei mir. Dadurch hat sich unser "
                    "Einkommen deutlich verringert, und den monatlichen Beitrag von 286 "
                    "Euro für die Kita kann ich allein kaum aufbringen.",
                    "Ich beantrage deshalb, den Elternbeitrag ab Oktober nach meinem "
                    "jetzigen Einkommen neu festzusetzen. Meine Gehaltsabrechnungen für "
                    "September und Oktober sowie die Meldebestätigung über den Auszug "
                    "meiner Frau lege ich bei.",
                    "Lina ist weiterhin 40 Stunden in der Woche in der Kita. Bitte "
                    "teilen Sie mir mit, ob Sie weitere Nachweise brauchen.",
                ),
                signature=("Thomas Reuter",),
                family="serif",
                size=12,
            ),
        ),
    ),
    Sample(
        key="51-unterhaltsvorschuss",
        expected="51",
        note="Mutter reicht Unterlagen zum Unterhaltsvorschuss nach",
        addressing="ref-head",
        fmt="pdf",
        kind="scan",
        scan=Scan(skew=-0.7, quality=62, stamp=True),
        docs=(
            Letter(
                sender=("Melanie Kraft", "Birkenweg 40", "12345 Seestadt"),
                recipient=GENERAL,
                refs=(ref("Ihr Zeichen", "51-3/2026-0077"),),
                date="Seestadt, 18.11.2026",
                subject="Unterhaltsvorschuss für Noah Kraft – Ihre Nachfrage vom 4. November",
                body=(
                    "vielen Dank für Ihr Schreiben. Sie hatten noch nach folgenden "
                    "Unterlagen gefragt, die ich hiermit nachreiche:",
                    "• Geburtsurkunde von Noah (Kopie)\n"
                    "• Nachweis über die Vaterschaftsanerkennung\n"
                    "• Schreiben meines Anwalts an den Vater vom 12. September",
                    "Zu Ihrer Frage, ob der Vater Unterhalt zahlt: Herr Daniel Sommer hat "
                    "im August und September jeweils 100 Euro überwiesen, seitdem nichts "
                    "mehr. Seine aktuelle Adresse kenne ich nicht genau, er soll in "
                    "Hafenstadt bei seiner Schwester wohnen. Die letzte mir bekannte "
                    "Anschrift ist Kanalstraße 12, 12300 Hafenstadt.",
                    "Ich hoffe, dass der Antrag jetzt vollständig ist, und bitte um eine "
                    "baldige Entscheidung, weil das Geld ab Dezember sehr knapp wird.",
                ),
                signature=("Melanie Kraft",),
                family="sans",
                size=11,
            ),
        ),
    ),
    Sample(
        key="51-beistandschaft-anwalt",
        expected="51",
        note="Anwältin des Vaters an das Jugendamt als Beistand, Vollmacht gescannt",
        addressing="ref-head",
        fmt="pdf",
        kind="mixed",
        scan=Scan(skew=0.7, quality=60, folds=False),
        docs=(
            Letter(
                sender=("Rechtsanwältin Dr. Claudia Herbst", "Marktstraße 2", "12345 Seestadt"),
                company=("Dr. Claudia Herbst", "Rechtsanwältin · Fachanwältin für Familienrecht"),
                head="company",
                recipient=dept("Jugendamt", "Beistandschaften", where=SOZIALRATHAUS[1:]),
                refs=(ref("Ihr Zeichen", "51.4-2026-0190"), ref("Mein Zeichen", "112/26 He")),
                date="19.11.2026",
                subject=(
                    "Beistandschaft für Mia Lorenzen, geb. 03.04.2019\n"
                    "Kindesunterhalt – Ihre Aufforderung zur Auskunft vom 21.10.2026"
                ),
                body=(
                    "ich zeige an, dass ich Herrn Stefan Lorenzen anwaltlich vertrete; eine "
                    "Vollmacht füge ich bei. Ihr Schreiben, mit dem Sie meinen Mandanten als "
                    "Beistand des Kindes zur Auskunft über sein Einkommen auffordern, liegt "
                    "mir vor.",
                    "In der Anlage übersende ich die Gehaltsabrechnungen von Oktober 2025 "
                    "bis September 2026 sowie den Einkommensteuerbescheid 2025. Mein Mandant "
                    "ist bereit, Kindesunterhalt nach der Düsseldorfer Tabelle zu zahlen. "
                    "Zu berücksichtigen ist allerdings, dass er seit Juli zwei weiteren "
                    "Kindern aus seiner neuen Ehe unterhaltspflichtig ist und berufsbedingte "
                    "Fahrtkosten von täglich 96 Kilometern hat.",
                    "Nach meiner Berechnung ergibt sich ein Zahlbetrag von 402 Euro "
                    "monatlich. Mein Mandant ist bereit, diesen Betrag ab Dezember zu "
                    "zahlen und eine Jugendamtsurkunde zu errichten. Ich rege an, die "
                    "Einzelheiten in einem gemeinsamen Termin zu besprechen.",
                ),
                signature=("Dr. Claudia Herbst", "Rechtsanwältin"),
                enclosures=(
                    "Vollmacht",
                    "Gehaltsabrechnungen 10/2025–09/2026",
                    "Einkommensteuerbescheid 2025",
                ),
                footer=(
                    "Kanzlei Dr. Herbst\nMarktstraße 2 · 12345 Seestadt",
                    "Telefon 01234 30 30 30\nkanzlei@herbst.example.com",
                    "Anderkonto: Sparkasse Seestadt\nIBAN DE00 2105 0170 0033 4455 66",
                ),
                family="serif",
                size=11,
            ),
            Form(
                issuer=("Dr. Claudia Herbst", "Rechtsanwältin", "Marktstraße 2 · 12345 Seestadt"),
                title="Vollmacht",
                rows=(
                    (
                        (
                            "Der Rechtsanwältin Dr. Claudia Herbst wird hiermit in Sachen",
                            "Lorenzen, Stefan ./. Lorenzen, Mia, vertreten durch das Jugendamt",
                        ),
                    ),
                    (("wegen", "Kindesunterhalt"),),
                    (
                        (
                            "Vollmachtgeber (Name, Anschrift)",
                            "Stefan Lorenzen, Ulmenweg 30, 12347 Seestadt",
                        ),
                    ),
                ),
                text=(
                    "Vollmacht erteilt zur außergerichtlichen Vertretung sowie zur Prozessführung, "
                    "insbesondere zur Abgabe und Entgegennahme von Erklärungen, zur Einsicht in "
                    "Akten von Behörden, zum Abschluss von Vergleichen und zur Entgegennahme von "
                    "Geld, Wertsachen und Urkunden.",
                    "Die Vollmacht gilt für alle Instanzen und erstreckt sich auf Neben- und "
                    "Folgeverfahren aller Art.",
                ),
                place_date="Seestadt, 02.11.2026",
            ),
        ),
    ),
    Sample(
        key="51-hausmitteilung-jugendhilfeausschuss",
        expected="51",
        note="Hausmitteilung: Vorlage für den Jugendhilfeausschuss",
        addressing="memo",
        fmt="tif",
        kind="scan",
        scan=Scan(bilevel=True, skew=0.3, folds=False),
        docs=(
            Memo(
                to="51 – Jugendamt, Amtsleitung",
                sender="10 – Haupt- und Personalamt, Sitzungsdienst",
                date="16.11.2026",
                subject="Sitzung des Jugendhilfeausschusses am 3. Dezember 2026 – Vorlagen",
                body=(
                    "für die Sitzung des Jugendhilfeausschusses am 3. Dezember 2026 fehlen "
                    "uns noch die folgenden Vorlagen Ihres Amtes:",
                    "• Fortschreibung der Kita-Bedarfsplanung 2027–2030\n"
                    "• Bericht über die Entwicklung der Hilfen zur Erziehung 2026\n"
                    "• Zuschüsse an freie Träger der Jugendarbeit 2027",
                    "Bitte stellen Sie die abgestimmten Vorlagen bis spätestens Freitag, "
                    "20. November, 12 Uhr, in das Ratsinformationssystem ein, damit die "
                    "Einladung fristgerecht versandt werden kann.",
                    "Die Sitzung findet ausnahmsweise im Haus der Familie statt, weil der "
                    "Ratssaal belegt ist. Bitte teilen Sie uns mit, wer aus Ihrem Amt an "
                    "der Sitzung teilnimmt.",
                ),
                signature=("Jessica Marten", "Sitzungsdienst, Tel. -1042"),
                family="narrow",
            ),
        ),
    ),
    Sample(
        key="51-erziehungsberatung",
        expected="51",
        note="Mutter bittet um Hilfe zur Erziehung",
        addressing="general",
        fmt="tif",
        kind="scan",
        scan=Scan(bilevel=True, skew=-1.6, holes=True),
        docs=(
            Letter(
                sender=("Sandra Pohl", "Kirchweg 3", "12349 Seestadt"),
                recipient=GENERAL_AN,
                date="21.11.2026",
                subject="Bitte um Hilfe für meinen Sohn Luca",
                salutation="Sehr geehrte Damen und Herren,",
                body=(
                    "ich weiß nicht genau, an wen ich mich wenden soll, und schreibe "
                    "deshalb an die Stadt. Mein Sohn Luca ist 14 Jahre alt. Seit dem Tod "
                    "seines Vaters im Frühjahr hat er sich sehr verändert. Er geht kaum "
                    "noch zur Schule, ist nachts unterwegs und spricht nicht mehr mit mir. "
                    "Letzte Woche hat ihn die Polizei um ein Uhr nachts nach Hause gebracht.",
                    "Ich arbeite in der Pflege im Schichtdienst und komme allein nicht mehr "
                    "an ihn heran. Ich habe Angst, dass er abrutscht.",
                    "Gibt es bei Ihnen jemanden, der mit uns sprechen kann? Ich habe von "
                    "Erziehungsberatung und Erziehungsbeistand gehört, weiß aber nicht, "
                    "was das genau ist und ob wir das bekommen können. Bitte rufen Sie mich "
                    "an: 01234 77 66 55, am besten vormittags.",
                ),
                closing="Danke",
                signature=("Sandra Pohl",),
                family="sans",
                size=11.5,
            ),
        ),
    ),
    Sample(
        key="51-hausmitteilung-vormundschaft",
        expected="51",
        note="Hausmitteilung Bürgeramt: unbegleiteter Minderjähriger",
        addressing="memo",
        fmt="pdf",
        kind="digital",
        docs=(
            Memo(
                to="51 – Jugendamt, Vormundschaften und Inobhutnahme",
                sender="33 – Bürgeramt, Meldebehörde",
                date="23.11.2026",
                subject="Vorsprache eines vermutlich unbegleiteten minderjährigen Jugendlichen",
                body=(
                    "heute gegen 10:30 Uhr sprach ein Jugendlicher im Bürgerbüro vor, der "
                    "sich nach eigenen Angaben als Ahmad N., geboren 2011, vorstellte. Er "
                    "wollte sich in der Unterkunft Hafenstraße 70 anmelden. Ausweispapiere "
                    "konnte er nicht vorlegen; Eltern oder andere Sorgeberechtigte sind "
                    "nach seinen Angaben nicht in Deutschland.",
                    "Eine Anmeldung wurde nicht vorgenommen. Der Jugendliche wurde gebeten, "
                    "im Wartebereich zu bleiben; er ist jedoch nach etwa zwanzig Minuten "
                    "gegangen. Nach Auskunft der Unterkunft ist er dort seit drei Tagen bei "
                    "einem Bekannten untergekommen.",
                    "Wir bitten um Prüfung der vorläufigen Inobhutnahme und der Bestellung "
                    "eines Vormunds. Die Kopie der Vorsprache-Notiz mit den von ihm "
                    "genannten Daten liegt bei.",
                ),
                signature=("Ines Wagner", "Bürgerbüro, Tel. -3307"),
                family="sans",
            ),
        ),
    ),
]

# --------------------------------------------------------------------------------------
# 61 – Stadtplanungsamt

S61 = [
    Sample(
        key="61-stellungnahme-bplan-muehlbach",
        expected="61",
        note="Stellungnahme von Anwohnern in der Öffentlichkeitsbeteiligung",
        addressing="ref-text",
        fmt="pdf",
        kind="digital",
        docs=(
            Letter(
                sender=(
                    "Interessengemeinschaft Mühlbachweg",
                    "c/o Dr. Jürgen Sass",
                    "Mühlbachweg 12",
                    "12349 Seestadt",
                ),
                contact=("ig-muehlbach@example.org",),
                recipient=GENERAL,
                date="Seestadt, 20. November 2026",
                subject=(
                    "Bebauungsplan Nr. 87 „Am Mühlbach“ – Stellungnahme im Rahmen der "
                    "Öffentlichkeitsbeteiligung nach § 3 Abs. 2 BauGB"
                ),
                body=(
                    "der Entwurf des Bebauungsplans Nr. 87 „Am Mühlbach“ liegt seit dem "
                    "26. Oktober öffentlich aus (Bekanntmachung im Amtsblatt vom 16. "
                    "Oktober, Az. 61.1-2026-0031). Die unterzeichnenden 23 Haushalte aus dem "
                    "Mühlbachweg, dem Kirchweg und der Straße Am Wehr nehmen dazu wie folgt "
                    "Stellung.",
                    "**1. Maß der baulichen Nutzung**",
                    "Der Entwurf sieht im allgemeinen Wohngebiet WA 2 vier Vollgeschosse "
                    "und eine Grundflächenzahl von 0,5 vor. Die vorhandene Bebauung in der "
                    "Umgebung besteht ausschließlich aus ein- bis zweigeschossigen "
                    "Einfamilien- und Doppelhäusern. Vier Geschosse fügen sich nicht ein "
                    "und führen zu einer erheblichen Verschattung der Gärten auf der "
                    "Nordseite des Mühlbachwegs. Wir regen an, höchstens drei Geschosse, "
                    "das dritte als Staffelgeschoss, festzusetzen.",
                    "**2. Verkehrliche Erschließung**",
                    "Das neue Quartier mit rund 180 Wohnungen soll ausschließlich über den "
                    "Mühlbachweg erschlossen werden. Der Mühlbachweg ist 5,20 Meter breit "
                    "und hat nur auf einer Seite einen Gehweg. Er ist Schulweg zur "
                    "Grundschule Seeblick. Die Verkehrsuntersuchung geht von 1.100 "
                    "zusätzlichen Fahrten am Tag aus. Wir halten eine zweite Anbindung an "
                    "die Wiesentaler Straße für zwingend erforderlich, wie sie in der "
                    "Variante B der frühzeitigen Beteiligung noch enthalten war.",
                    "**3. Grünzug und Entwässerung**",
                    "Der Bachlauf mit seinen Uferbereichen ist für das Kleinklima und als "
                    "Lebensraum bedeutsam. Der Entwurf verringert den Abstand der "
                    "Baufenster zum Bach auf zehn Meter. Wir bitten, den in der "
                    "Begründung selbst empfohlenen Gewässerrandstreifen von zwanzig Metern "
                    "festzusetzen. Bei Starkregen wie im Juni 2025 standen die Keller im "
                    "Kirchweg unter Wasser; die zusätzliche Versiegelung verschärft das "
                    "Problem. Ein Regenrückhaltebecken ist im Plan nicht vorgesehen.",
                    "**4. Soziale Infrastruktur**",
                    "Für 180 Wohnungen ist mit etwa 60 bis 80 Kindern im Kita- und "
                    "Grundschulalter zu rechnen. Die Begründung äußert sich dazu nicht. "
                    "Wir regen an, eine Fläche für eine Kindertagesstätte im Plangebiet "
                    "festzusetzen.",
                    "**5. Verfahren**",
                    "Die Auslegungsunterlagen waren im Internet in den ersten zehn Tagen "
                    "nicht vollständig abrufbar; das Lärmgutachten fehlte. Wir bitten zu "
                    "prüfen, ob die Auslegung zu wiederholen ist.",
                    "Wir bitten, unsere Anregungen in die Abwägung einzustellen und uns "
                    "über das Ergebnis zu unterrichten. Die Liste der Unterzeichnenden "
                    "liegt bei.",
                ),
                signature=("Dr. Jürgen Sass", "für die Interessengemeinschaft Mühlbachweg"),
                enclosures=("Unterschriftenliste (23 Haushalte)", "Fotos Starkregen Juni 2025"),
                family="dserif",
                size=11,
            ),
        ),
    ),
    Sample(
        key="61-stadtwerke-toeb-fnp",
        expected="61",
        note="Stellungnahme Träger öffentlicher Belange zur FNP-Änderung",
        addressing="ref-head",
        fmt="pdf",
        kind="digital",
        docs=(
            Letter(
                sender=("Stadtwerke Seestadt GmbH", "Werkstraße 1", "12345 Seestadt"),
                company=("Stadtwerke Seestadt", "Strom · Gas · Wasser · Wärme"),
                head="company",
                recipient=GENERAL_PF,
                refs=(
                    ref("Ihr Zeichen", "61.2/2026/0044"),
                    ref("Unser Zeichen", "NP-L/Ha 26-311"),
                    ref("Ansprechpartner", "Hauke Harder"),
                ),
                date="11.11.2026",
                subject=(
                    "12. Änderung des Flächennutzungsplans „Solarpark Seewiesen“ – "
                    "Beteiligung der Behörden und sonstigen Träger öffentlicher Belange"
                ),
                body=(
                    "vielen Dank für die Beteiligung am oben genannten Verfahren. Aus Sicht "
                    "der Stadtwerke Seestadt nehmen wir wie folgt Stellung:",
                    "Im Änderungsbereich verlaufen eine 20-kV-Mittelspannungsleitung "
                    "(Erdkabel) sowie eine Trinkwassertransportleitung DN 300 der "
                    "Stadtwerke. Die Trassen sind in dem beigefügten Lageplan dargestellt. "
                    "Die Leitungen einschließlich eines Schutzstreifens von jeweils 3 Metern "
                    "beiderseits der Trassenachse sind von Bebauung und tiefwurzelnder "
                    "Bepflanzung freizuhalten.",
                    "Gegen die Darstellung einer Sonderbaufläche Photovoltaik bestehen "
                    "grundsätzlich keine Bedenken. Wir weisen darauf hin, dass für die "
                    "Einspeisung der geplanten Leistung von etwa 18 MWp ein Anschluss an "
                    "das Umspannwerk Nord erforderlich ist; die Netzverträglichkeit wird im "
                    "Rahmen des Netzanschlussbegehrens geprüft.",
                    "Wir bitten, die Leitungstrassen in der Begründung zu erwähnen und uns "
                    "am nachfolgenden Bebauungsplanverfahren erneut zu beteiligen.",
                ),
                signature=("i. A. Hauke Harder", "Netzplanung"),
                enclosures=("Lageplan Leitungsbestand",),
                footer=(
                    "Stadtwerke Seestadt GmbH\nWerkstraße 1 · 12345 Seestadt",
                    "Amtsgericht Seestadt HRB 100\nAufsichtsratsvorsitz: Oberbürgermeister",
                    "Sparkasse Seestadt\nIBAN DE00 2105 0170 0000 0001 00",
                ),
                family="sans",
                size=10.5,
                signed=False,
            ),
        ),
    ),
    Sample(
        key="61-landwirt-bauland",
        expected="61",
        note="Landwirt fragt, ob sein Acker im Flächennutzungsplan Bauland werden kann",
        addressing="general",
        fmt="png",
        kind="scan",
        scan=Scan(skew=0.6, stamp=True),
        docs=(
            Letter(
                sender=("Hinrich Boysen", "Hof Boysen", "Marschweg 1", "12350 Wiesental"),
                recipient=GENERAL,
                date="Wiesental, den 10.11.2026",
                subject="Meine Fläche am Ortsrand Seestadt-Nord (Flurstück 118/4)",
                head="typewriter",
                salutation="Sehr geehrte Damen und Herren,",
                body=(
                    "ich besitze am nördlichen Ortsrand von Seestadt, zwischen der "
                    "Wiesentaler Straße und dem Graben, eine Ackerfläche von rund 2,8 Hektar "
                    "(Gemarkung Seestadt, Flur 7, Flurstück 118/4). Die Fläche wird zurzeit "
                    "noch verpachtet.",
                    "Ich habe in der Zeitung gelesen, dass die Stadt den "
                    "Flächennutzungsplan neu aufstellen will und neue Wohngebiete sucht. "
                    "Ich möchte anregen, meine Fläche dabei als Wohnbaufläche zu "
                    "berücksichtigen. Sie grenzt direkt an die bestehende Siedlung am "
                    "Kiebitzweg, Wasser und Kanal liegen in der Straße.",
                    "Bitte teilen Sie mir mit, wie das Verfahren abläuft, wann die Bürger "
                    "beteiligt werden und ob ich einen förmlichen Antrag stellen muss. Zu "
                    "einem Gespräch komme ich gern ins Rathaus.",
                ),
                closing="Mit freundlichen Grüßen",
                signature=("Hinrich Boysen",),
                family="mono",
                size=11,
            ),
        ),
    ),
    Sample(
        key="61-einwendung-gewerbegebiet",
        expected="61",
        note="Einwendungen gegen Bebauungsplan Gewerbegebiet",
        addressing="department",
        fmt="tif",
        kind="scan",
        scan=Scan(bilevel=True, skew=-0.9, holes=True),
        docs=(
            Letter(
                sender=("Familie Carstensen", "Seewiesenweg 4", "12349 Seestadt"),
                recipient=dept("Stadtplanungsamt", where=TECHNISCHES_RATHAUS[1:]),
                date="Seestadt, 22. November 2026",
                subject=(
                    "Einwendungen gegen den Entwurf des Bebauungsplans Nr. 91 "
                    "„Gewerbegebiet Seewiesen-Süd“"
                ),
                body=(
                    "wir sind Eigentümer des Wohnhauses Seewiesenweg 4, das unmittelbar an "
                    "das geplante Gewerbegebiet angrenzt. Gegen den Entwurf erheben wir "
                    "folgende Einwendungen:",
                    "**Abstand zur Wohnbebauung**",
                    "Zwischen unserem Grundstück und der nächsten Baugrenze im "
                    "Gewerbegebiet liegen nach dem Entwurf nur 35 Meter. Zulässig sein "
                    "sollen ausdrücklich auch Speditionen und Logistikbetriebe mit "
                    "Nachtbetrieb. Der Abstandserlass empfiehlt für solche Betriebe deutlich "
                    "größere Abstände. Die Gliederung des Gebiets nach Emissionskontingenten "
                    "reicht aus unserer Sicht nicht aus, weil die Kontingente am Tag und in "
                    "der Nacht gleich hoch angesetzt sind.",
                    "**Schallschutzgutachten**",
                    "Das Gutachten berücksichtigt den Lkw-Verkehr auf der Zufahrtsstraße "
                    "nur für die Zeit von 6 bis 22 Uhr. Gerade die Anlieferung in der Nacht "
                    "ist für uns das Problem. Wir bitten, das Gutachten insoweit zu "
                    "ergänzen und die Ergebnisse erneut auszulegen.",
                    "\f",
                    "**Frischluftschneise**",
                    "Nach dem Klimagutachten der Stadt aus dem Jahr 2021 liegt das Gebiet "
                    "in einer Kaltluftleitbahn, die die Innenstadt in Sommernächten mit "
                    "kühler Luft versorgt. Die geplante Bebauung mit bis zu 18 Meter hohen "
                    "Hallen quer zur Strömungsrichtung widerspricht den Empfehlungen dieses "
                    "Gutachtens. In der Begründung wird das Gutachten nicht erwähnt.",
                    "**Verkehr**",
                    "Die Erschließung soll über den Seewiesenweg und die Brückenstraße "
                    "erfolgen. Der Seewiesenweg ist eine schmale Anliegerstraße ohne "
                    "Gehweg. Wir fordern, die Zufahrt ausschließlich über die geplante "
                    "Anbindung an die Landesstraße herzustellen und den Seewiesenweg für "
                    "den Durchgangsverkehr zu sperren.",
                    "**Wertverlust**",
                    "Schließlich weisen wir darauf hin, dass unser Grundstück durch die "
                    "Planung erheblich an Wert verliert. Wir behalten uns vor, "
                    "Entschädigungsansprüche geltend zu machen.",
                    "\f",
                    "**Zusammenfassung**",
                    "Wir beantragen,",
                    "1. den Abstand zwischen Gewerbegebiet und Wohnbebauung auf mindestens "
                    "100 Meter zu vergrößern und den Zwischenraum als Grünfläche "
                    "festzusetzen,\n"
                    "2. für die Nachtzeit niedrigere Emissionskontingente festzusetzen,\n"
                    "3. das Klimagutachten in der Abwägung zu berücksichtigen und die "
                    "Gebäudehöhen im nördlichen Teil auf 10 Meter zu begrenzen,\n"
                    "4. die Erschließung über den Seewiesenweg auszuschließen.",
                    "Bitte bestätigen Sie uns den fristgerechten Eingang dieser "
                    "Einwendungen und teilen Sie uns das Ergebnis der Abwägung mit.",
                ),
                signature=("Ole Carstensen       Britta Carstensen",),
                family="serif",
                size=12,
            ),
        ),
    ),
    Sample(
        key="61-nachbargemeinde-abstimmung",
        expected="61",
        note="Nachbargemeinde zur interkommunalen Abstimmung eines Bebauungsplans",
        addressing="department",
        fmt="pdf",
        kind="digital",
        docs=(
            Letter(
                sender=("Gemeinde Wiesental", "Rathausstraße 1", "12350 Wiesental"),
                company=("Gemeinde Wiesental", "Die Bürgermeisterin – Bauamt"),
                head="authority",
                recipient=dept("Stadtplanungsamt", where=TECHNISCHES_RATHAUS[1:]),
                refs=(
                    ref("Unser Zeichen", "BA 621.41/Wö"),
                    ref("Auskunft", "Herr Wöhlk"),
                    ref("Telefon", "01234 6060-31"),
                ),
                date="12.11.2026",
                subject=(
                    "Bebauungsplan Nr. 93 „Fachmarktzentrum Nord“ der Stadt Seestadt – "
                    "Stellungnahme der Gemeinde Wiesental nach § 2 Abs. 2 BauGB"
                ),
                body=(
                    "die Gemeinde Wiesental wurde als Nachbargemeinde am oben genannten "
                    "Verfahren beteiligt. Der Gemeinderat hat sich in seiner Sitzung am "
                    "5. November mit der Planung befasst und folgende Stellungnahme "
                    "beschlossen:",
                    "Die Gemeinde Wiesental erhebt Bedenken gegen die geplante "
                    "Verkaufsfläche von 4.800 Quadratmetern für zentrenrelevante "
                    "Sortimente. Nach der Auswirkungsanalyse ist mit einer Umlenkung von "
                    "bis zu 11 Prozent des Umsatzes aus dem Ortskern von Wiesental zu "
                    "rechnen. Damit wären die wohnortnahe Versorgung und der Bestand der "
                    "letzten beiden Lebensmittelmärkte in unserem Ortskern gefährdet.",
                    "Wir regen an, die zentrenrelevanten Sortimente auf höchstens 10 "
                    "Prozent der Verkaufsfläche zu beschränken und die Planung mit dem "
                    "regionalen Einzelhandelskonzept abzustimmen. Zu einem Gespräch auf "
                    "Arbeitsebene sind wir gern bereit.",
                ),
                signature=("Im Auftrag", "Wöhlk, Bauamtsleiter"),
                footer=(
                    "Gemeinde Wiesental\nRathausstraße 1 · 12350 Wiesental",
                    "Öffnungszeiten\nMo–Fr 8–12 Uhr, Di 14–18 Uhr",
                    "Kreissparkasse Wiesental\nIBAN DE00 2505 0000 0000 7788 99",
                ),
                family="serif",
                size=11,
            ),
        ),
    ),
]

# --------------------------------------------------------------------------------------
# 63 – Baurechtsamt

S63 = [
    Sample(
        key="63-nachreichung-bauantrag-architekt",
        expected="63",
        note="Architekt reicht Unterlagen zum Bauantrag nach, Lageplan gescannt",
        addressing="ref-head",
        fmt="pdf",
        kind="mixed",
        scan=Scan(bilevel=True, skew=0.6, folds=False),
        docs=(
            Letter(
                sender=("Architekturbüro Lindemann", "Hafenstraße 22", "12345 Seestadt"),
                company=("Architekturbüro Lindemann", "Dipl.-Ing. Architektin Kirsten Lindemann"),
                head="company",
                recipient=GENERAL,
                refs=(ref("Ihr Zeichen", "Az. 63.2-2026-0412"), ref("Unser Projekt", "2614")),
                date="20.11.2026",
                subject=(
                    "Bauantrag Anbau an ein Einfamilienhaus, Birkenweg 9, Flurstück 1234/5\n"
                    "Nachreichung von Unterlagen"
                ),
                body=(
                    "mit Ihrem Schreiben vom 6. November haben Sie uns mitgeteilt, dass der "
                    "Bauantrag unserer Bauherren, Eheleute Claudia und Markus Friedrichs, "
                    "unvollständig ist. Wir reichen hiermit die fehlenden Unterlagen nach:",
                    "• Lageplan im Maßstab 1:500 mit Darstellung der Abstandsflächen "
                    "(überarbeitet)\n"
                    "• Nachweis der Stellplätze\n"
                    "• Berechnung der Grundflächenzahl nach Anbau (0,31)\n"
                    "• unterschriebene Erklärung des Tragwerksplaners",
                    "Wie telefonisch mit Herrn Dose besprochen, hält der Anbau zu beiden "
                    "Nachbargrenzen die erforderlichen Abstandsflächen ein; eine "
                    "Abweichung wird daher nicht mehr beantragt. Die Zustimmung der "
                    "Nachbarn liegt trotzdem bei.",
                    "Wir bitten um Fortsetzung des Verfahrens und stehen für Rückfragen "
                    "gern zur Verfügung.",
                ),
                signature=("Kirsten Lindemann", "Architektin"),
                enclosures=(
                    "Lageplan M 1:500",
                    "Stellplatznachweis",
                    "Berechnung GRZ",
                    "Erklärung Tragwerksplaner",
                ),
                footer=(
                    "Architekturbüro Lindemann\nHafenstraße 22 · 12345 Seestadt",
                    "Mitglied der Architektenkammer\nListen-Nr. 0000-A",
                    BANK_FOOTER,
                ),
                family="sans",
                size=10.5,
                signed=False,
            ),
            Plan(
                title=(
                    "Lageplan M 1:500",
                    "Bauvorhaben: Anbau an ein Einfamilienhaus",
                    "Birkenweg 9, 12345 Seestadt",
                    "Gemarkung Seestadt, Flur 3, Flurstück 1234/5",
                    "Bauherr: C. und M. Friedrichs",
                    "Entwurf: Architekturbüro Lindemann",
                    "Datum: 18.11.2026 (Index b)",
                ),
                street="Birkenweg",
                parcel="Flurstück 1234/5",
                neighbours=("1234/4", "1234/6"),
            ),
        ),
    ),
    Sample(
        key="63-bauvoranfrage-carport",
        expected="63",
        note="Frage nach Genehmigungspflicht für Carport und Gartenhaus",
        addressing="general",
        fmt="jpg",
        kind="scan",
        scan=Scan(skew=-1.8, quality=63),
        docs=(
            Letter(
                sender=("Andreas Kühl", "Ahornweg 16", "12347 Seestadt"),
                contact=("Tel. 01234 31 00 16",),
                recipient=GENERAL,
                date="Seestadt, 19.11.2026",
                subject="Brauche ich eine Baugenehmigung für Carport und Gartenhaus?",
                salutation="Sehr geehrte Damen und Herren,",
                body=(
                    "ich möchte im Frühjahr auf meinem Grundstück Ahornweg 16 einen "
                    "Doppelcarport (6 × 6 Meter, Flachdach, Höhe 2,60 Meter) direkt an der "
                    "Grenze zum Nachbargrundstück errichten. Außerdem soll hinten im "
                    "Garten ein Gartenhaus mit etwa 20 Kubikmetern umbautem Raum "
                    "aufgestellt werden.",
                    "Der Baumarkt meinte, für beides brauche man keine Genehmigung, ein "
                    "Bekannter sagt, ein Carport an der Grenze sei immer "
                    "genehmigungspflichtig. Für das Grundstück gilt der Bebauungsplan "
                    "„Ahornweg“ aus den 1990er Jahren.",
                    "Können Sie mir verbindlich sagen, ob ich einen Bauantrag stellen "
                    "muss? Falls ja, reicht eine Bauvoranfrage, um vorab zu klären, ob der "
                    "Carport an dieser Stelle zulässig ist? Eine Skizze mit den Maßen habe "
                    "ich beigelegt.",
                ),
                signature=("Andreas Kühl",),
                enclosures=("Skizze",),
                family="sans",
                size=11,
            ),
        ),
    ),
    Sample(
        key="63-nachbar-widerspruch-baugenehmigung",
        expected="63",
        note="Nachbar legt Widerspruch gegen Baugenehmigung ein",
        addressing="department",
        fmt="tif",
        kind="scan",
        scan=Scan(bilevel=True, dpi=300, skew=1.1, stamp=True),
        docs=(
            Letter(
                sender=("Hartmut Evers", "Ulmenweg 5", "12347 Seestadt"),
                recipient=dept(
                    "Baurechtsamt", "Untere Bauaufsichtsbehörde", where=TECHNISCHES_RATHAUS[1:]
                ),
                date="Seestadt, 17. November 2026",
                subject="Widerspruch gegen die Baugenehmigung für das Grundstück Ulmenweg 7",
                salutation="Sehr geehrte Damen und Herren,",
                body=(
                    "am 9. November wurde mir als Nachbar die Baugenehmigung für den Neubau "
                    "eines Mehrfamilienhauses mit sechs Wohnungen auf dem Grundstück "
                    "Ulmenweg 7 zugestellt. Gegen diese Genehmigung lege ich Widerspruch "
                    "ein.",
                    "Das genehmigte Gebäude hält zu meinem Grundstück nur einen Abstand von "
                    "3,10 Metern ein, obwohl die Wandhöhe auf dieser Seite über 9 Meter "
                    "beträgt. Soweit ich es verstehe, ist damit die Abstandsfläche nicht "
                    "eingehalten. Eine Abweichung wurde mir gegenüber weder begründet noch "
                    "wurde ich vorher angehört.",
                    "Zudem sind auf der Seite zu meinem Grundstück drei Balkone vorgesehen, "
                    "von denen man direkt in mein Wohnzimmer und meinen Garten sieht.",
                    "Ich beantrage, die Baugenehmigung aufzuheben, und bitte um Einsicht in "
                    "die genehmigten Bauvorlagen. Die Begründung im Einzelnen reiche ich "
                    "nach Akteneinsicht nach.",
                ),
                signature=("Hartmut Evers",),
                family="sans",
                size=11,
            ),
        ),
    ),
    Sample(
        key="63-abbruch-scheune",
        expected="63",
        note="Anzeige des Abbruchs einer Scheune durch Abbruchfirma",
        addressing="department",
        fmt="pdf",
        kind="digital",
        docs=(
            Letter(
                sender=("Abbruch & Erdbau Reinholz GmbH", "Kiesweg 4", "12350 Wiesental"),
                company=("REINHOLZ", "Abbruch · Erdbau · Entsorgung"),
                head="company",
                recipient=dept("Baurechtsamt", where=TECHNISCHES_RATHAUS[1:]),
                refs=(ref("Unser Auftrag", "2026-188"), ref("Bauleiter", "Dennis Reinholz")),
                date="18.11.2026",
                subject=(
                    "Anzeige des Abbruchs einer landwirtschaftlichen Scheune, "
                    "Dorfstraße 31, Seestadt-Süd"
                ),
                body=(
                    "im Auftrag des Eigentümers, Herrn Henning Dahl, zeigen wir den "
                    "Abbruch der freistehenden Scheune auf dem Grundstück Dorfstraße 31 "
                    "(Gemarkung Seestadt, Flur 12, Flurstück 44) an.",
                    "Gebäude | Holzständerbau, Ziegeldach, ca. 14 × 22 m, Firsthöhe 9 m\n"
                    "Nutzung | zuletzt Lager, seit 2019 leerstehend\n"
                    "Geplanter Beginn | 11. Januar 2027\n"
                    "Dauer | etwa drei Wochen",
                    "Die Scheune steht nicht unter Denkmalschutz; eine entsprechende "
                    "Bestätigung der Denkmalschutzbehörde liegt bei. Asbesthaltige "
                    "Materialien sind nach der Schadstofferkundung nicht vorhanden. Die "
                    "Standsicherheit der benachbarten Gebäude wird durch den Abbruch nicht "
                    "berührt; das Wohnhaus steht 18 Meter entfernt.",
                    "Bitte teilen Sie uns mit, ob für das Vorhaben eine "
                    "Abbruchgenehmigung erforderlich ist oder die Anzeige genügt.",
                ),
                signature=("Dennis Reinholz", "Bauleitung"),
                enclosures=("Lageplan", "Bestätigung Denkmalschutzbehörde", "Schadstofferkundung"),
                footer=(
                    "Abbruch & Erdbau Reinholz GmbH\nKiesweg 4 · 12350 Wiesental",
                    "Amtsgericht Wiesental HRB 513\nGF: Dennis Reinholz",
                    BANK_FOOTER,
                ),
                family="cond",
                size=10.5,
            ),
        ),
    ),
    Sample(
        key="63-nutzungsaenderung-laden",
        expected="63",
        note="Nutzungsänderung Laden in Wohnung, Az. im Fließtext",
        addressing="ref-text",
        fmt="png",
        kind="scan",
        scan=Scan(bilevel=True, skew=-1.3),
        docs=(
            Letter(
                sender=("Petra Ludwig", "Schulstraße 18", "12345 Seestadt"),
                recipient=GENERAL,
                date="Seestadt, 13.11.2026",
                subject="Umbau meines ehemaligen Ladens in eine Wohnung",
                salutation="Sehr geehrter Herr Dose,",
                body=(
                    "vielen Dank für das Gespräch am Telefon. Wie besprochen schicke ich "
                    "Ihnen die fehlenden Angaben zu meinem Vorhaben, Aktenzeichen "
                    "63/2026/0871.",
                    "In meinem Haus Schulstraße 18 war im Erdgeschoss bis 2023 ein "
                    "Schreibwarenladen. Die Räume stehen seitdem leer, einen neuen Mieter "
                    "für ein Geschäft finde ich nicht. Ich möchte die Räume deshalb zu "
                    "einer barrierefreien Wohnung (ca. 68 m²) umbauen und beantrage die "
                    "Genehmigung der Nutzungsänderung.",
                    "Das Schaufenster soll zu einem normalen Fenster mit Brüstung umgebaut "
                    "werden. Am Tragwerk ändert sich nichts. Ein Stellplatz ist im Hof "
                    "vorhanden. Die Pläne macht mein Neffe, der Bauzeichner ist; die "
                    "Bauvorlagen reicht dann ein Architekt ein.",
                    "Bitte sagen Sie mir, ob noch etwas fehlt.",
                ),
                signature=("Petra Ludwig",),
                family="dserif",
                size=11,
            ),
        ),
    ),
    Sample(
        key="63-notar-baulastenauskunft",
        expected="63",
        note="Notar bittet um Auskunft aus dem Baulastenverzeichnis",
        addressing="general",
        fmt="pdf",
        kind="digital",
        docs=(
            Letter(
                sender=("Notar Dr. Friedrich Oldenburg", "Markt 9", "12345 Seestadt"),
                company=("Dr. Friedrich Oldenburg", "Notar"),
                head="company",
                recipient=GENERAL,
                refs=(ref("UR-Nr.", "1873/2026"), ref("Sachbearbeiterin", "Frau Jessen")),
                date="17.11.2026",
                subject=(
                    "Grundstück Gemarkung Seestadt, Flur 5, Flurstück 202/3 "
                    "(Kaistraße 50)\nAnfrage zum Baulastenverzeichnis"
                ),
                body=(
                    "in einer bei mir anhängigen Kaufvertragsangelegenheit bitte ich um "
                    "Auskunft, ob für das oben genannte Grundstück Eintragungen im "
                    "Baulastenverzeichnis bestehen.",
                    "Sofern Baulasten eingetragen sind, bitte ich um Übersendung eines "
                    "beglaubigten Auszugs. Insbesondere ist für die Beteiligten von "
                    "Interesse, ob zugunsten des Nachbargrundstücks Flurstück 202/4 eine "
                    "Zufahrts- oder Abstandsflächenbaulast übernommen wurde.",
                    "Die Einwilligung der Eigentümerin in die Auskunft liegt mir vor und "
                    "ist beigefügt. Die anfallenden Gebühren werden von meinem Amt "
                    "übernommen; bitte richten Sie den Gebührenbescheid an mich.",
                ),
                signature=("Dr. Oldenburg", "Notar"),
                enclosures=("Einwilligung der Eigentümerin",),
                footer=(
                    "Notar Dr. Friedrich Oldenburg\nMarkt 9 · 12345 Seestadt",
                    "Telefon 01234 50 50 0\nnotariat@oldenburg.example.com",
                    "Notaranderkonto auf Anfrage",
                ),
                family="serif",
                size=11,
            ),
        ),
    ),
]

# --------------------------------------------------------------------------------------
# 66 – Tiefbauamt

S66 = [
    Sample(
        key="66-schlagloch-radfahrer",
        expected="66",
        note="Meldung eines gefährlichen Schlaglochs",
        addressing="general",
        fmt="jpg",
        kind="scan",
        scan=Scan(dpi=300, skew=0.9, quality=58),
        docs=(
            Letter(
                sender=("Niklas Behn", "Brückenstraße 11", "12345 Seestadt"),
                contact=("n.behn@example.com",),
                recipient=GENERAL,
                date="22.11.2026",
                subject="Gefährliches Schlagloch in der Brückenstraße",
                salutation="Hallo,",
                body=(
                    "in der Brückenstraße, Höhe Hausnummer 30 (kurz vor der Einmündung "
                    "Kanalweg), ist seit ein paar Wochen ein tiefes Loch in der Fahrbahn, "
                    "direkt in der Spur, in der man mit dem Fahrrad fährt. Es ist etwa "
                    "einen halben Meter breit und bestimmt zehn Zentimeter tief.",
                    "Bei Regen steht Wasser darin und man sieht es nicht. Am Mittwoch ist "
                    "meine Tochter auf dem Schulweg hineingefahren und gestürzt; zum Glück "
                    "hatte sie nur Schürfwunden, aber das Vorderrad ist verbogen.",
                    "Bitte lassen Sie das Loch schnell reparieren oder wenigstens "
                    "absichern. Ein Foto habe ich beigelegt. Falls ich den Schaden am Rad "
                    "irgendwo melden muss, sagen Sie mir bitte, wo.",
                ),
                closing="Danke und viele Grüße",
                signature=("Niklas Behn",),
                family="dejavu",
                size=11,
            ),
        ),
    ),
    Sample(
        key="66-strassenlaterne-defekt",
        expected="66",
        note="Defekte Straßenbeleuchtung gemeldet",
        addressing="department",
        fmt="png",
        kind="scan",
        scan=Scan(skew=-0.4),
        docs=(
            Letter(
                sender=("Anneliese Ott", "Dünenweg 40", "12347 Seestadt"),
                recipient=dept("Tiefbauamt", "Straßenbeleuchtung", where=TECHNISCHES_RATHAUS[1:]),
                date="Seestadt, 16. November 2026",
                subject="Laternen im Dünenweg seit Wochen dunkel",
                salutation="Sehr geehrte Damen und Herren,",
                body=(
                    "im Dünenweg zwischen den Hausnummern 32 und 48 brennen seit Anfang "
                    "Oktober drei Straßenlaternen nicht mehr (die Masten mit den Nummern "
                    "DW-07, DW-08 und DW-09). Ab fünf Uhr nachmittags ist es dort jetzt "
                    "stockdunkel.",
                    "Ich bin 76 Jahre alt und traue mich abends kaum noch zur "
                    "Bushaltestelle. Auch die Kinder, die morgens zum Bus gehen, laufen im "
                    "Dunkeln. Ich habe die Störung schon Mitte Oktober telefonisch "
                    "gemeldet, aber es hat sich nichts getan.",
                    "Ich bitte Sie herzlich, die Lampen bald reparieren zu lassen.",
                ),
                signature=("Anneliese Ott",),
                family="serif",
                size=13,
            ),
        ),
    ),
    Sample(
        key="66-aufgrabung-glasfaser",
        expected="66",
        note="Telekommunikationsunternehmen beantragt Aufgrabungen für Glasfaser",
        addressing="ref-head",
        fmt="pdf",
        kind="digital",
        docs=(
            Letter(
                sender=("NordNetz Glasfaser GmbH", "Am Kanal 30", "12300 Hafenstadt"),
                company=("NordNetz Glasfaser", "Glasfaser für den Norden"),
                head="company",
                recipient=GENERAL,
                refs=(
                    ref("Ihr Zeichen", "66.3/2026/0150"),
                    ref("Projekt", "SEE-FTTH-04"),
                    ref("Ansprechpartner", "Timo Lass"),
                ),
                date="13.11.2026",
                subject=(
                    "Glasfaserausbau Seestadt, Bauabschnitt 4 – Antrag auf Zustimmung zur "
                    "Verlegung nach § 127 TKG und auf Aufgrabungserlaubnis"
                ),
                body=(
                    "wie im Abstimmungsgespräch am 28. Oktober angekündigt, beantragen wir "
                    "die Zustimmung zur Verlegung von Telekommunikationslinien in den "
                    "folgenden öffentlichen Verkehrswegen des Bauabschnitts 4:",
                    "Straße | Länge | Bauweise\n"
                    "Lotsenstraße | 420 m | offene Bauweise, Gehweg\n"
                    "Möwenweg | 610 m | Spülbohrung\n"
                    "Kiebitzweg | 380 m | offene Bauweise, Gehweg\n"
                    "Ahornweg | 290 m | Trenching, Fahrbahnrand\n"
                    "Ulmenweg | 335 m | offene Bauweise, Gehweg",
                    "Die Leitungen werden in einer Tiefe von 0,60 Metern verlegt. Die "
                    "Oberflächen werden nach den Vorgaben Ihrer Aufgrabungsrichtlinie "
                    "wiederhergestellt; Pflaster wird wieder aufgenommen und in gleicher "
                    "Art verlegt. Für das Trenching im Ahornweg bitten wir um Ihre "
                    "gesonderte Zustimmung, da der Asphalt dort erst 2022 erneuert wurde.",
                    "Vorgesehener Baubeginn ist der 1. März 2027, die Bauzeit beträgt etwa "
                    "zehn Wochen. Verkehrszeichenpläne reichen wir für die "
                    "verkehrsrechtliche Anordnung gesondert ein.",
                    "Trassenpläne, Regelquerschnitte und der Nachweis der "
                    "Haftpflichtversicherung sind beigefügt.",
                ),
                signature=("Timo Lass", "Projektleitung Tiefbau"),
                enclosures=("Trassenpläne 1–5", "Regelquerschnitte", "Versicherungsnachweis"),
                footer=(
                    "NordNetz Glasfaser GmbH\nAm Kanal 30 · 12300 Hafenstadt",
                    "Amtsgericht Hafenstadt HRB 3030\nGF: Marie Claußen",
                    BANK_FOOTER,
                ),
                family="sans",
                size=10.5,
                signed=False,
            ),
        ),
    ),
    Sample(
        key="66-winterdienst-raeumplan",
        expected="66",
        note="Anwohner fragt nach Winterdienst im Räumplan",
        addressing="department",
        fmt="tif",
        kind="scan",
        scan=Scan(bilevel=True, skew=0.6),
        docs=(
            Letter(
                sender=("Eheleute Grothe", "Kiebitzweg 28", "12349 Seestadt"),
                recipient=dept("Tiefbauamt", "Winterdienst", where=TECHNISCHES_RATHAUS[1:]),
                date="Seestadt, 20.11.2026",
                subject="Winterdienst im Kiebitzweg im kommenden Winter",
                salutation="Sehr geehrte Damen und Herren,",
                body=(
                    "im Amtsblatt haben wir gelesen, dass der Kiebitzweg im Räum- und "
                    "Streuplan 2026/27 nicht mehr als Straße der Stufe 2 geführt wird, "
                    "sondern gar nicht mehr geräumt werden soll.",
                    "Der Kiebitzweg hat ein Gefälle von fast zehn Prozent zur "
                    "Wiesentaler Straße hin. Im letzten Winter sind dort zwei Autos bei "
                    "Glätte in die Gartenzäune gerutscht, und der Müllwagen kam drei Tage "
                    "nicht durch. Die Anlieger streuen ihre Gehwege, die Fahrbahn können "
                    "wir aber nicht übernehmen.",
                    "Wir bitten Sie, die Einstufung zu überprüfen und den Kiebitzweg wegen "
                    "der Steigung wieder in den Räumplan aufzunehmen, zumindest mit "
                    "Abstumpfen an der steilen Stelle.",
                ),
                signature=("Heike und Rolf Grothe",),
                family="sans",
                size=11,
            ),
        ),
    ),
    Sample(
        key="66-gehwegplatten-abgesackt",
        expected="66",
        note="Abgesackte Gehwegplatten, Sturzgefahr",
        addressing="general",
        fmt="pdf",
        kind="scan",
        scan=Scan(bilevel=True, skew=-0.8, turn=180),
        docs=(
            Letter(
                sender=("Gertrud Albers", "Kanalweg 6", "12345 Seestadt"),
                recipient=GENERAL_AN,
                date="Seestadt, 18. November 2026",
                subject="Gehweg vor dem Kanalweg 2 bis 10",
                head="typewriter",
                salutation="Sehr geehrte Damen und Herren,",
                body=(
                    "nach den Kanalarbeiten im Sommer sind auf dem Gehweg im Kanalweg "
                    "zwischen Hausnummer 2 und 10 viele Platten abgesackt und stehen an den "
                    "Kanten mehrere Zentimeter hoch. Ich gehe mit dem Rollator und bin "
                    "letzte Woche an einer Kante hängen geblieben und beinahe gestürzt.",
                    "Bei Regen bilden sich große Pfützen, sodass man auf die Fahrbahn "
                    "ausweichen muss. Das ist besonders für die älteren Leute aus der "
                    "Wohnanlage gefährlich.",
                    "Ich bitte Sie, den Gehweg wieder ordentlich herrichten zu lassen. Die "
                    "Baufirma hat damals gesagt, das sei Sache der Stadt.",
                ),
                signature=("Gertrud Albers",),
                family="mono",
                size=12,
            ),
        ),
    ),
    Sample(
        key="66-nachtragsangebot-deckenerneuerung",
        expected="66",
        note="Nachtragsangebot Straßenbau zu laufender Maßnahme",
        addressing="ref-text",
        fmt="pdf",
        kind="digital",
        docs=(
            Letter(
                sender=(
                    "Straßen- und Tiefbau Oltmanns GmbH",
                    "Industriestraße 12",
                    "12350 Wiesental",
                ),
                company=("OLTMANNS Straßen- und Tiefbau", "Asphalt · Pflaster · Kanal"),
                head="company",
                recipient=dept("Tiefbauamt", "Abteilung Straßenbau", where=TECHNISCHES_RATHAUS[1:]),
                refs=(ref("Nachtrag", "N-03"), ref("Bauleiter", "Kai Oltmanns")),
                date="19.11.2026",
                subject=(
                    "Deckenerneuerung Hafenstraße zwischen Kaistraße und Markt – "
                    "Nachtragsangebot N-03"
                ),
                body=(
                    "bei den Fräsarbeiten in der Hafenstraße (Vertrag vom 2. September "
                    "2026, Az. 66.1-2026-0214) wurde zwischen Station 0+180 und 0+260 "
                    "festgestellt, dass die Tragschicht stark geschädigt ist. Ihr "
                    "Bauüberwacher, Herr Kruse, hat am 12. November vor Ort angeordnet, "
                    "die Tragschicht in diesem Abschnitt zu erneuern.",
                    "Für die zusätzlich erforderlichen Leistungen bieten wir an:",
                    "Asphalttragschicht aufnehmen und entsorgen, 720 m² | 13.680,00 €\n"
                    "Asphalttragschicht AC 22 TS neu, 10 cm, 720 m² | 19.440,00 €\n"
                    "Bordsteine anpassen, 80 m | 3.520,00 €\n"
                    "Summe netto | 36.640,00 €",
                    "Die Einheitspreise sind aus der Urkalkulation des Hauptauftrags "
                    "abgeleitet. Die Bauzeit verlängert sich um vier Arbeitstage. Wir "
                    "bitten um schriftliche Beauftragung, damit die Arbeiten vor Einbruch "
                    "des Frostes abgeschlossen werden können.",
                ),
                signature=("Kai Oltmanns", "Bauleitung"),
                enclosures=("Aufmaß", "Preisermittlung", "Fotodokumentation"),
                footer=(
                    "Straßen- und Tiefbau Oltmanns GmbH\nIndustriestraße 12 · 12350 Wiesental",
                    "Amtsgericht Wiesental HRB 244\nGF: Kai Oltmanns",
                    BANK_FOOTER,
                ),
                family="narrow",
                size=11,
            ),
        ),
    ),
]

# --------------------------------------------------------------------------------------
# 67 – Umwelt- und Grünflächenamt

S67 = [
    Sample(
        key="67-baumfaellung-walnuss",
        expected="67",
        note="Antrag auf Fällung eines kranken Baums im Garten",
        addressing="general",
        fmt="jpg",
        kind="scan",
        scan=Scan(skew=-0.7, quality=64, holes=True),
        docs=(
            Letter(
                sender=("Christiane Möbius", "Am Wehr 8", "12349 Seestadt"),
                recipient=GENERAL,
                date="Seestadt, 11.11.2026",
                subject="Antrag auf Fällgenehmigung für unseren Walnussbaum",
                salutation="Sehr geehrte Damen und Herren,",
                body=(
                    "in unserem Garten Am Wehr 8 steht ein etwa 60 Jahre alter Walnussbaum "
                    "mit einem Stammumfang von 1,90 Metern (gemessen in einem Meter Höhe). "
                    "Soweit wir wissen, fällt er damit unter die Baumschutzsatzung.",
                    "Seit dem Sommer sind große Teile der Krone abgestorben, und am "
                    "Stammfuß wachsen Pilze. Ein Baumpfleger hat sich den Baum angesehen "
                    "und meint, er sei innen hohl und nicht mehr standsicher. Der Baum "
                    "steht nur fünf Meter von unserem Haus und vom Spielplatz der "
                    "Nachbarskinder entfernt. Bei dem Sturm im Oktober ist bereits ein "
                    "dicker Ast auf den Zaun gefallen.",
                    "Wir beantragen daher die Genehmigung, den Baum fällen zu lassen. Das "
                    "Gutachten des Baumpflegers und Fotos legen wir bei. Selbstverständlich "
                    "sind wir bereit, einen neuen Baum zu pflanzen.",
                ),
                signature=("Christiane Möbius",),
                enclosures=("Stellungnahme Baumpflege Kruse", "4 Fotos"),
                family="sans",
                size=11,
            ),
        ),
    ),
    Sample(
        key="67-spielplatz-schaukel",
        expected="67",
        note="Beschwerde über kaputten Spielplatz",
        addressing="department",
        fmt="png",
        kind="scan",
        scan=Scan(skew=1.4, speckle=1.2),
        docs=(
            Letter(
                sender=(
                    "Elterninitiative Spielplatz Lotsenpark",
                    "c/o Meike Tamm",
                    "Lotsenstraße 15",
                    "12345 Seestadt",
                ),
                recipient=dept("Umwelt- und Grünflächenamt", where=TECHNISCHES_RATHAUS[1:]),
                date="Seestadt, 18. November 2026",
                subject="Zustand des Spielplatzes im Lotsenpark",
                salutation="Sehr geehrte Damen und Herren,",
                body=(
                    "wir sind Eltern, die regelmäßig mit ihren Kindern den Spielplatz im "
                    "Lotsenpark besuchen, und möchten auf mehrere Mängel hinweisen:",
                    "• Die Nestschaukel ist seit September mit Flatterband gesperrt, eine "
                    "Reparatur ist nicht erkennbar.\n"
                    "• Im Sandkasten liegen immer wieder Glasscherben und Zigarettenkippen.\n"
                    "• Am Kletterturm fehlt eine Sprosse der Leiter.\n"
                    "• Die Hecke zum Parkweg ist so zugewachsen, dass man die Kinder von "
                    "den Bänken aus nicht mehr sieht.",
                    "Wir bitten Sie, die Geräte reparieren und den Sand austauschen zu "
                    "lassen. Gern helfen wir auch selbst mit, zum Beispiel bei einer "
                    "Pflanzaktion im Frühjahr.",
                ),
                signature=("Meike Tamm", "für die Elterninitiative"),
                family="dejavu",
                size=11,
            ),
        ),
    ),
    Sample(
        key="67-umwelt-muellablagerung",
        expected="67",
        note="Umweltbeschwerde: Ablagerungen und Ölfilm am Bach",
        addressing="general",
        fmt="pdf",
        kind="scan",
        scan=Scan(skew=1.0, quality=60),
        docs=(
            Letter(
                sender=("Dr. Stefan Wulff", "Kirchweg 40", "12349 Seestadt"),
                recipient=GENERAL,
                date="Seestadt, 15.11.2026",
                subject="Illegale Ablagerungen und Ölfilm am Mühlbach",
                salutation="Sehr geehrte Damen und Herren,",
                body=(
                    "bei meinem Spaziergang am Sonntag, dem 15. November, habe ich am "
                    "Mühlbach, etwa 200 Meter unterhalb der Brücke am Wehr, eine größere "
                    "Menge abgeladenen Mülls entdeckt: mehrere Farbeimer, Autoreifen, "
                    "Bauschutt und Säcke mit Dämmwolle. Einige Eimer liegen direkt an der "
                    "Böschung.",
                    "Auf dem Wasser war unterhalb der Stelle ein schillernder Film zu "
                    "sehen, und es roch deutlich nach Lösungsmittel. Ich fürchte, dass "
                    "Farbe oder Öl in den Bach gelangt. Fotos mit Standortangabe habe ich "
                    "beigefügt.",
                    "Ich bitte Sie, die Abfälle schnell beseitigen zu lassen und zu "
                    "prüfen, ob das Gewässer verunreinigt ist. Zwei Nachbarn haben am "
                    "Samstagabend einen weißen Transporter an dieser Stelle gesehen; das "
                    "Kennzeichen konnten sie leider nicht erkennen.",
                ),
                signature=("Dr. Stefan Wulff",),
                enclosures=("Fotos",),
                family="serif",
                size=11.5,
            ),
        ),
    ),
    Sample(
        key="67-widerspruch-faellablehnung",
        expected="67",
        note="Widerspruch gegen abgelehnte Fällgenehmigung",
        addressing="ref-head",
        fmt="tif",
        kind="scan",
        scan=Scan(bilevel=True, skew=-0.5, holes=True, stamp=True),
        docs=(
            Letter(
                sender=(
                    "Wohnungseigentümergemeinschaft Seeweg 70–74",
                    "vertreten durch Verwaltung Brüggemann",
                    "Ankerweg 1",
                    "12345 Seestadt",
                ),
                recipient=GENERAL,
                refs=(ref("Az.", "67.1-2026-0233"), ref("Ihr Bescheid vom", "29.10.2026")),
                date="Seestadt, 23.11.2026",
                subject="Widerspruch gegen die Ablehnung der Fällgenehmigung für zwei Pappeln",
                body=(
                    "namens der Wohnungseigentümergemeinschaft Seeweg 70–74 legen wir gegen "
                    "Ihren Bescheid vom 29. Oktober 2026, mit dem Sie die Fällung von zwei "
                    "Hybridpappeln auf dem Gemeinschaftsgrundstück abgelehnt haben, "
                    "Widerspruch ein.",
                    "Sie begründen die Ablehnung damit, dass die Bäume vital und "
                    "ortsbildprägend seien und die geltend gemachten Beeinträchtigungen "
                    "durch Pflegeschnitte behoben werden könnten. Dem können wir nicht "
                    "folgen.",
                    "• Die Pappeln sind etwa 28 Meter hoch und stehen nur sieben Meter "
                    "von der Fassade der Häuser 72 und 74 entfernt. Hybridpappeln neigen "
                    "im Alter zu Grünastbruch. Im August 2026 brach bei Windstille ein "
                    "armdicker Ast ab und beschädigte ein geparktes Auto.\n"
                    "• Die Wurzeln haben die Entwässerungsleitung der Tiefgarage "
                    "beschädigt; der Schaden wurde im Juni mit einer Kamerabefahrung "
                    "festgestellt (Bericht liegt bei).\n"
                    "• Ein Kronenschnitt wurde bereits 2021 durchgeführt und hat die "
                    "Probleme nicht gelöst.",
                    "\f",
                    "Wir haben inzwischen ein Gutachten eines öffentlich bestellten "
                    "Sachverständigen beauftragt, das die Bruchsicherheit bewerten soll. "
                    "Es wird voraussichtlich Mitte Dezember vorliegen; wir reichen es "
                    "unverzüglich nach.",
                    "Die Eigentümergemeinschaft ist bereit, als Ersatz vier standortgerechte "
                    "Laubbäume, etwa Feldahorn oder Hainbuche, auf dem Grundstück zu "
                    "pflanzen. Wir beantragen, den Bescheid aufzuheben und die Fällung "
                    "außerhalb der Vegetationszeit zu genehmigen.",
                    "Für einen gemeinsamen Ortstermin stehen wir gern zur Verfügung.",
                ),
                signature=("Jörn Brüggemann", "Verwalter"),
                enclosures=("Bericht Kamerabefahrung vom 17.06.2026", "Fotos Astbruch"),
                family="sans",
                size=11,
            ),
        ),
    ),
    Sample(
        key="67-angebot-gruenpflege",
        expected="67",
        note="Angebot Grünpflege zu laufender Ausschreibung",
        addressing="ref-text",
        fmt="pdf",
        kind="digital",
        docs=(
            Letter(
                sender=(
                    "Garten- und Landschaftsbau Petersen & Jahnke",
                    "Gärtnerweg 3",
                    "12350 Wiesental",
                ),
                company=("Petersen & Jahnke", "Garten- und Landschaftsbau · Baumpflege"),
                head="company",
                recipient=GENERAL,
                refs=(ref("Angebot", "2026-311"), ref("Kontakt", "Lars Jahnke")),
                date="12.11.2026",
                subject=(
                    "Angebot Unterhaltungspflege öffentlicher Grünanlagen 2027, Los 3 "
                    "(Stadtteil Nord)"
                ),
                body=(
                    "zur Ausschreibung der Unterhaltungspflege der öffentlichen "
                    "Grünanlagen, Aktenzeichen 67.3/2026/0105, reichen wir unser Angebot "
                    "für das Los 3 ein. Die Leistung umfasst die Pflege von rund 14 Hektar "
                    "Rasen- und Wiesenflächen, 3,2 Kilometern Hecken sowie der Gehölz- und "
                    "Staudenflächen in den Parks und an den Straßen des Stadtteils.",
                    "Rasenmahd, 12 Gänge, je 1.000 m² | 38,40 €\n"
                    "Extensivwiese, 2 Schnitte mit Abfuhr, je 1.000 m² | 92,00 €\n"
                    "Heckenschnitt beidseitig, je lfd. m | 2,15 €\n"
                    "Pflege Pflanzflächen, je m² und Jahr | 3,80 €\n"
                    "Laubbeseitigung, je Stunde mit Gerät | 68,00 €",
                    "Wir setzen für das Los eine feste Kolonne mit drei Fachkräften ein; "
                    "alle Geräte werden akkubetrieben, was den Lärm in den Wohngebieten "
                    "deutlich verringert. Referenzen über vergleichbare Aufträge für die "
                    "Gemeinde Wiesental und die Stadt Hafenstadt liegen bei.",
                ),
                signature=("Lars Jahnke", "Geschäftsführer"),
                enclosures=(
                    "Leistungsverzeichnis mit Preisen",
                    "Referenzliste",
                    "Eigenerklärungen",
                ),
                footer=(
                    "Petersen & Jahnke GaLaBau GmbH\nGärtnerweg 3 · 12350 Wiesental",
                    "Amtsgericht Wiesental HRB 688",
                    BANK_FOOTER,
                ),
                family="dejavu",
                size=10,
                signed=False,
            ),
        ),
    ),
    Sample(
        key="67-hausmitteilung-baumkontrolle-schulhof",
        expected="67",
        note="Hausmitteilung: Bitte um Baumkontrolle auf einem Schulhof",
        addressing="memo",
        fmt="pdf",
        kind="digital",
        docs=(
            Memo(
                to="67 – Umwelt- und Grünflächenamt, Baumkontrolle",
                sender="40 – Amt für Bildung und Sport, Schulverwaltung",
                date="20.11.2026",
                subject="Linde auf dem Hof der Grundschule Seeblick – Bitte um Kontrolle",
                body=(
                    "die Schulleitung der Grundschule Seeblick hat uns gemeldet, dass bei "
                    "der großen Linde am Rand des Pausenhofs nach dem Sturm vom "
                    "Wochenende ein großer Ast eingerissen ist und über dem Sandkasten "
                    "hängt. Der Bereich wurde vom Hausmeister vorsorglich abgesperrt.",
                    "Wir bitten um kurzfristige Kontrolle und, soweit erforderlich, um "
                    "Beseitigung des Astes und einen Pflegeschnitt. Die nächste reguläre "
                    "Baumkontrolle stünde laut Baumkataster erst im März an.",
                    "Ansprechpartner vor Ort ist Hausmeister Herr Gerdes, Telefon "
                    "01234 5670-4488. Die Schule ist werktags ab 7 Uhr geöffnet.",
                ),
                signature=("Martina Rieck", "Schulverwaltung, Tel. -4020"),
                family="dejavu",
            ),
        ),
    ),
]

# --------------------------------------------------------------------------------------
# REVIEW: advertising, private mail, two departments at once, blank, unreadable, handwritten

REVIEW = [
    Sample(
        key="review-moebelhaus-werbung",
        expected="REVIEW",
        note="Werbung eines Möbelhauses",
        addressing="none",
        fmt="jpg",
        kind="scan",
        scan=Scan(skew=0.8, quality=62, folds=False),
        docs=(
            Flyer(
                brand="MÖBELHAUS WOHNWELT",
                recipient=("Stadtverwaltung Seestadt", *RATHAUS),
                headline=("Großer Winter-Sale!", "Bis zu 40 % auf alles*"),
                body=(
                    "Nur vom 27. November bis 12. Dezember 2026: Erleben Sie auf 12.000 m² "
                    "Wohnideen für jedes Zuhause. Jetzt zugreifen, solange der Vorrat reicht!",
                    "Kostenlose Lieferung ab 500 € Einkaufswert · 0 % Finanzierung · "
                    "Gratis-Parkplätze direkt vor der Tür",
                ),
                offers=(
                    ("Ecksofa „Nordkap“ in Grau", "1.899,00 €", "1.139 €"),
                    ("Boxspringbett 180 × 200 cm", "1.499,00 €", "899 €"),
                    ("Esstisch Eiche massiv, 6 Stühle", "1.249,00 €", "799 €"),
                    ("Schreibtischstuhl ergonomisch", "349,00 €", "199 €"),
                    ("Kleiderschrank 4-türig, weiß", "799,00 €", "479 €"),
                    ("Einbauküche „Lena“ inkl. Geräte", "4.990,00 €", "2.990 €"),
                ),
                small_print=(
                    "* Ausgenommen bereits reduzierte Ware, Werbeware und Artikel der "
                    "Marken aus unserem Prospekt „Premium“. Nicht mit anderen Aktionen "
                    "kombinierbar. Abgabe nur in haushaltsüblichen Mengen.",
                    "Möbelhaus Wohnwelt GmbH & Co. KG · Gewerbepark Nord 1 · 12350 Wiesental · "
                    "Mo–Sa 10–20 Uhr · www.wohnwelt-moebel.example.com. Wenn Sie keine Werbung "
                    "mehr von uns erhalten möchten, genügt eine kurze Nachricht.",
                ),
            ),
        ),
    ),
    Sample(
        key="review-newsletter-software",
        expected="REVIEW",
        note="Newsletter eines Softwareanbieters",
        addressing="none",
        fmt="pdf",
        kind="digital",
        docs=(
            Newsletter(
                masthead="KommunalDigital Newsletter",
                issue="Ausgabe 11/2026",
                recipient=("Stadtverwaltung Seestadt", "z. Hd. IT-Leitung", *RATHAUS),
                articles=(
                    (
                        "Editorial: Digitalisierung ist Teamarbeit",
                        "Liebe Leserinnen und Leser, das Jahr neigt sich dem Ende zu, und in "
                        "vielen Rathäusern wird bereits der Haushalt für das kommende Jahr "
                        "geplant. In dieser Ausgabe zeigen wir Ihnen, wie andere Kommunen mit "
                        "kleinen Schritten große Wirkung erzielen – vom digitalen Posteingang "
                        "bis zur E-Akte.",
                    ),
                    (
                        "Neu: KD-Akte 8.2 mit automatischer Verschlagwortung",
                        "Mit dem Herbst-Update erkennt unsere E-Akte Dokumenttypen jetzt "
                        "automatisch und schlägt passende Aktenpläne vor. Bestandskunden "
                        "erhalten das Update kostenlos im Rahmen ihres Wartungsvertrags.\n"
                        "Alle Neuerungen finden Sie in den Versionshinweisen im Kundenportal.",
                    ),
                    (
                        "Praxisbericht: Wie Hafenstadt 40.000 Briefe im Jahr schneller verteilt",
                        "Seit Januar scannt die Hansestadt Hafenstadt ihre gesamte Eingangspost "
                        "zentral. „Früher lagen Briefe manchmal eine Woche in der Hauspost“, "
                        "berichtet der Leiter der Poststelle. Heute landet ein Scan meist noch "
                        "am selben Tag im richtigen Postfach. Lesen Sie das ganze Interview auf "
                        "unserer Website.",
                    ),
                    (
                        "Webinar-Reihe „KI in der Verwaltung“",
                        "Was kann künstliche Intelligenz heute schon leisten, und wo liegen die "
                        "rechtlichen Grenzen? In vier kostenlosen Online-Terminen im Januar und "
                        "Februar geben unsere Expertinnen und Experten praxisnahe Antworten. "
                        "Die Teilnehmerzahl ist begrenzt – jetzt anmelden!",
                    ),
                    (
                        "Jahresendangebot für Neukunden",
                        "Bis zum 31. Dezember erhalten Neukunden 20 Prozent Rabatt auf die "
                        "Einrichtungspauschale für alle Module. Sprechen Sie Ihre "
                        "Kundenbetreuerin an oder vereinbaren Sie eine unverbindliche "
                        "Online-Präsentation.",
                    ),
                    (
                        "Termine",
                        "KommunalDigital Anwendertreffen Nord: 3. März 2027, Hafenstadt\n"
                        "Fachmesse Moderner Staat: Besuchen Sie uns an Stand C 14.",
                    ),
                ),
                footer=(
                    "KommunalDigital GmbH · Softwarepark 5 · 12300 Hafenstadt · "
                    "www.kommunaldigital.example.com",
                    "Sie erhalten diesen Newsletter, weil Sie Kunde oder Interessent sind. "
                    "Abbestellen: newsletter@kommunaldigital.example.com",
                ),
            ),
        ),
    ),
    Sample(
        key="review-gewinnspiel",
        expected="REVIEW",
        note="Gewinnbenachrichtigung (Werbung/Betrug)",
        addressing="none",
        fmt="jpg",
        kind="scan",
        scan=Scan(skew=-1.2, quality=65),
        docs=(
            Letter(
                sender=(
                    "Euro-Glücksdienst",
                    "Zentrale Gewinnabteilung",
                    "Postfach 77 77",
                    "10000 Berlin",
                ),
                company=("EURO-GLÜCKSDIENST", "Zentrale Gewinnabteilung – Amtliche Mitteilung"),
                head="company",
                recipient=("Stadtverwaltung Seestadt", "z. Hd. Geschäftsleitung", *RATHAUS),
                refs=(ref("Gewinn-Nr.", "DE-2026-447-0815"), ref("Auszahlungscode", "GOLD-25")),
                date="15.11.2026",
                subject="GEWINNBENACHRICHTIGUNG – Sie haben 25.000,00 Euro gewonnen!",
                salutation="Herzlichen Glückwunsch!",
                body=(
                    "Bei der großen Jahresziehung des Euro-Glücksdienstes wurde Ihre "
                    "Adresse als Hauptgewinner ermittelt. Der Gewinn in Höhe von "
                    "25.000,00 Euro ist bereits für Sie reserviert und wird Ihnen nach "
                    "Abschluss der Formalitäten sofort ausgezahlt!",
                    "Um Ihren Gewinn zu sichern, müssen Sie nur noch die einmalige "
                    "Bearbeitungs- und Notargebühr von 39,90 Euro überweisen und uns die "
                    "beiliegende Gewinnanforderung zurücksenden. Rufen Sie JETZT unsere "
                    "Gewinn-Hotline an: 0900 123 456 (1,99 €/Min.).",
                    "ACHTUNG: Ihr Gewinnanspruch verfällt, wenn Sie nicht innerhalb von "
                    "7 Tagen reagieren!",
                    "Wir freuen uns mit Ihnen!",
                ),
                closing="Ihre Gewinnabteilung",
                signature=("Dr. H. Goldmann", "Notarielle Gewinnaufsicht"),
                footer=(
                    "Euro-Glücksdienst Ltd.\nSitz: Valletta",
                    "Teilnahmebedingungen\nsiehe Rückseite",
                    "Überweisung an: IBAN\nMT00 0000 0000 0000 0000 0000 000",
                ),
                family="sans",
                size=11,
            ),
        ),
    ),
    Sample(
        key="review-geburtstagskarte",
        expected="REVIEW",
        note="Private Geburtstagskarte an eine Mitarbeiterin",
        addressing="none",
        fmt="png",
        kind="scan",
        scan=Scan(skew=2.0, folds=False, speckle=0.6),
        docs=(
            Card(
                printed="Herzlichen Glückwunsch!",
                lines=(
                    "Liebe Birgit,",
                    "zum 50. alles, alles Liebe!",
                    "Bleib so wie du bist.",
                    "Wir feiern am Samstag nach!",
                    "Deine Ute mit Jens und den Kindern",
                ),
            ),
        ),
    ),
    Sample(
        key="review-fehlzustellung-baeckerei",
        expected="REVIEW",
        note="Fehlzustellung: Brief an Bäckerei am Rathausplatz",
        addressing="none",
        fmt="tif",
        kind="scan",
        scan=Scan(bilevel=True, skew=0.9),
        docs=(
            Letter(
                sender=("Larissa und Timo Kessler", "Deichstraße 40", "12347 Seestadt"),
                recipient=(
                    "Bäckerei & Konditorei Kornblume",
                    "Frau Heike Kornblum",
                    "Rathausplatz 4",
                    "12345 Seestadt",
                ),
                date="Seestadt, 12.11.2026",
                subject="Unsere Hochzeitstorte am 19. Dezember",
                salutation="Liebe Frau Kornblum,",
                body=(
                    "vielen Dank noch einmal für die schöne Beratung und die Kostprobe "
                    "letzte Woche! Wir haben uns jetzt entschieden und möchten die "
                    "dreistöckige Torte mit Himbeer-Mascarpone-Füllung und dem "
                    "Blütendekor in Weiß und Salbeigrün bestellen, für etwa 70 Gäste.",
                    "Könnten Sie die Torte am 19. Dezember bis 14 Uhr in den Festsaal des "
                    "Hotels Seeblick liefern? Der Eingang für Lieferanten ist an der "
                    "Rückseite. Die Anzahlung überweisen wir, sobald Sie uns die "
                    "Auftragsbestätigung geschickt haben.",
                    "Und noch eine Frage: Wäre es möglich, auf die unterste Etage eine "
                    "kleine Möwe aus Zucker zu setzen? Wir haben uns am Strand kennengelernt.",
                ),
                closing="Herzliche Grüße",
                signature=("Larissa und Timo",),
                family="dejavu",
                size=11,
            ),
        ),
    ),
    Sample(
        key="review-bauvoranfrage-und-baumfaellung",
        expected="REVIEW",
        note="Zwei Ämter: Bauvoranfrage und Baumfällung in einem Brief",
        addressing="general",
        fmt="pdf",
        kind="digital",
        docs=(
            Letter(
                sender=("Dr. Svenja Holtkamp", "Eichenweg 2", "12349 Seestadt"),
                contact=("svenja.holtkamp@example.org",),
                recipient=GENERAL,
                date="Seestadt, 21. November 2026",
                subject="Neubau eines Wohnhauses im Garten Eichenweg 2 und Fällung zweier Eichen",
                body=(
                    "mein Mann und ich möchten auf dem rückwärtigen Teil unseres "
                    "Grundstücks Eichenweg 2 ein zweites, kleineres Wohnhaus für unsere "
                    "Tochter und ihre Familie bauen (etwa 110 m² Wohnfläche, eineinhalb "
                    "Geschosse). Für das Gebiet gibt es keinen Bebauungsplan. Wir bitten "
                    "Sie deshalb um eine Bauvoranfrage bzw. um Auskunft, ob eine solche "
                    "Bebauung in zweiter Reihe grundsätzlich zulässig ist.",
                    "Im Bereich des geplanten Baufensters stehen zwei Stieleichen mit "
                    "Stammumfängen von 2,10 und 2,45 Metern. Für den Neubau müssten beide "
                    "gefällt werden. Gleichzeitig beantragen wir daher die Genehmigung "
                    "zur Fällung nach der Baumschutzsatzung. Zum Ausgleich würden wir an "
                    "der Grundstücksgrenze vier neue Bäume pflanzen.",
                    "Einen Lageplan mit der Lage des geplanten Hauses und der Bäume sowie "
                    "Fotos der Eichen füge ich bei. Für ein Gespräch vor Ort stehen wir "
                    "gern zur Verfügung.",
                ),
                signature=("Svenja Holtkamp",),
                enclosures=("Lageplan (Skizze)", "Fotos der Bäume"),
                family="sans",
                size=11,
                signed=False,
            ),
        ),
    ),
    Sample(
        key="review-hundesteuer-und-laerm",
        expected="REVIEW",
        note="Zwei Ämter: Hundesteuer (Az. 22) und Lärmbeschwerde über Nachbarhund",
        addressing="ref-head",
        fmt="jpg",
        kind="scan",
        scan=Scan(skew=-0.9, quality=64),
        docs=(
            Letter(
                sender=("Manfred Stolle", "Ahornweg 3", "12347 Seestadt"),
                recipient=GENERAL,
                refs=(ref("Aktenzeichen", "22/2026/0938"),),
                date="Seestadt, 17.11.2026",
                subject="Hundesteuer und Hundegebell nebenan",
                salutation="Sehr geehrte Damen und Herren,",
                body=(
                    "ich habe zwei Anliegen. Erstens zu meiner eigenen Hundesteuer: Im "
                    "Bescheid für 2027 werden mir wieder zwei Hunde berechnet, obwohl "
                    "mein Rüde Anton im April gestorben ist. Ich hatte das damals "
                    "telefonisch gemeldet. Bitte korrigieren Sie den Bescheid.",
                    "Zweitens, und das ist mir noch wichtiger: Die Nachbarn im Ahornweg 5 "
                    "haben seit dem Sommer einen jungen Schäferhund, der tagsüber allein "
                    "im Zwinger im Garten gehalten wird und von morgens um sieben bis "
                    "abends um sechs fast ununterbrochen bellt und jault. Ich bin Rentner "
                    "und den ganzen Tag zu Hause, das ist nicht mehr auszuhalten. Ein "
                    "Gespräch mit den Nachbarn hat nichts gebracht.",
                    "Ich bitte Sie, dagegen etwas zu unternehmen. Ob der Hund überhaupt "
                    "angemeldet ist, weiß ich übrigens auch nicht.",
                ),
                signature=("Manfred Stolle",),
                family="sans",
                size=11,
            ),
        ),
    ),
    Sample(
        key="review-fast-leere-seite",
        expected="REVIEW",
        note="Fast leere Seite",
        addressing="none",
        fmt="png",
        kind="scan",
        scan=Scan(bilevel=True, skew=0.3, speckle=1.3),
        docs=(Blank(marks=("-", "2", "-")),),
    ),
    Sample(
        key="review-unlesbarer-scan",
        expected="REVIEW",
        note="Scan unlesbar (zu dunkel, unscharf, verrauscht)",
        addressing="none",
        fmt="jpg",
        kind="scan",
        scan=Scan(skew=1.5, quality=35, unreadable=True),
        docs=(
            Letter(
                sender=("Jens Harmsen", "Seeweg 14", "12345 Seestadt"),
                recipient=GENERAL,
                date="Seestadt, 16.11.2026",
                subject="Widerspruch gegen Ihren Bescheid vom 2. November 2026",
                body=(
                    "gegen Ihren Bescheid vom 2. November 2026 lege ich hiermit Widerspruch "
                    "ein. Die Begründung reiche ich nach, sobald mir die Unterlagen "
                    "vorliegen. Bitte bestätigen Sie mir den Eingang.",
                    "Außerdem bitte ich darum, die Vollziehung bis zur Entscheidung über "
                    "den Widerspruch auszusetzen.",
                ),
                signature=("Jens Harmsen",),
                family="serif",
                size=12,
            ),
        ),
    ),
    Sample(
        key="review-handschriftlicher-zettel",
        expected="REVIEW",
        note="Handschriftlicher Zettel ohne erkennbares Anliegen",
        addressing="none",
        fmt="jpg",
        kind="scan",
        scan=Scan(skew=-1.7, quality=70, folds=False),
        docs=(
            Note(
                lines=(
                    "Hallo Frau Kröger,",
                    "wie am Telefon besprochen",
                    "anbei die Unterlagen.",
                    "Bitte rufen Sie mich",
                    "nochmal zurück!",
                    "Danke, H. Jansen",
                    "Tel. 01234 55 44 33",
                ),
            ),
        ),
    ),
    Sample(
        key="review-umzug-kita-und-anmeldung",
        expected="REVIEW",
        note="Zwei Ämter: Wohnsitzanmeldung und Kita-Platz",
        addressing="general",
        fmt="tif",
        kind="scan",
        scan=Scan(skew=0.7),
        docs=(
            Letter(
                sender=("Familie Nowak", "Lotsenstraße 21", "12345 Seestadt"),
                contact=("Tel. 01234 80 80 21",),
                recipient=GENERAL,
                date="Seestadt, 19. November 2026",
                subject="Zuzug nach Seestadt – Anmeldung und Betreuungsplatz",
                salutation="Sehr geehrte Damen und Herren,",
                body=(
                    "wir sind am 14. November mit unseren beiden Kindern aus Leipzig nach "
                    "Seestadt gezogen. Für die Anmeldung unseres neuen Wohnsitzes haben wir "
                    "online leider erst einen Termin im Januar bekommen. Ist es möglich, "
                    "die Anmeldung früher zu erledigen, zum Beispiel schriftlich? Die "
                    "Wohnungsgeberbestätigung liegt bei.",
                    "Außerdem brauchen wir dringend einen Kita-Platz für unseren Sohn "
                    "Jakub (3 Jahre) ab Januar, da ich dann meine neue Stelle antrete. In "
                    "Leipzig war er in einer Ganztagskita. Wie läuft die Vergabe in "
                    "Seestadt, und können wir ihn schon vor der Anmeldung vormerken "
                    "lassen?",
                    "Vielen Dank für Ihre Hilfe!",
                ),
                signature=("Agnieszka Nowak",),
                family="sans",
                size=11,
            ),
        ),
    ),
    Sample(
        key="review-wohngeld-und-kitabeitrag",
        expected="REVIEW",
        note="Zwei Ämter: Wohngeld und Kita-Beitrag",
        addressing="general",
        fmt="pdf",
        kind="scan",
        scan=Scan(skew=-1.0, quality=60),
        docs=(
            Letter(
                sender=("Ramona Lietz", "Heideweg 7", "12350 Wiesental-Ost"),
                recipient=GENERAL_PF,
                date="14.11.2026",
                subject="Anträge nach meiner Trennung",
                salutation="Sehr geehrte Damen und Herren,",
                body=(
                    "seit meiner Trennung im September lebe ich mit meinen Kindern Ben (2) "
                    "und Clara (5) allein. Ich arbeite 25 Stunden in der Woche und komme mit "
                    "dem Geld nicht mehr aus.",
                    "Ich möchte deshalb Wohngeld beantragen. Die Miete beträgt 720 Euro "
                    "warm. Bitte schicken Sie mir die Antragsformulare zu.",
                    "Gleichzeitig bitte ich darum, die Beiträge für die Kita „Kleine "
                    "Möwen“, die beide Kinder besuchen, nach meinem neuen Einkommen zu "
                    "ermäßigen. Im Moment zahle ich für beide zusammen 410 Euro.",
                    "Meine Gehaltsabrechnung und den Mietvertrag lege ich bei. Vielleicht "
                    "können Sie die Unterlagen an die richtigen Stellen weitergeben.",
                ),
                signature=("Ramona Lietz",),
                family="dejavu",
                size=11,
            ),
        ),
    ),
    Sample(
        key="review-weinhandel-angebot",
        expected="REVIEW",
        note="Werbung: Weihnachtspräsente eines Weinhandels",
        addressing="none",
        fmt="pdf",
        kind="scan",
        scan=Scan(bilevel=True, skew=0.5),
        docs=(
            Letter(
                sender=("Weinkontor Hansen", "Speicherstraße 8", "12345 Seestadt"),
                company=("Weinkontor Hansen", "Weine · Feinkost · Präsente seit 1928"),
                head="company",
                recipient=("Stadtverwaltung Seestadt", "Büro des Oberbürgermeisters", *RATHAUS),
                date="10.11.2026",
                subject="Weihnachtspräsente für Ihre Mitarbeiter und Gäste – jetzt vorbestellen",
                body=(
                    "das Jahr neigt sich dem Ende zu – Zeit, Danke zu sagen! Mit einem "
                    "liebevoll gepackten Präsent aus unserem Kontor bereiten Sie Ihren "
                    "Gästen, Jubilaren und Ehrenamtlichen eine besondere Freude.",
                    "Präsentkarton „Hafenlicht“: Riesling, Terrine, Meersalz | 29,90 €\n"
                    "Präsentkiste „Leuchtturm“: Rotwein, Pesto, Pasta | 44,50 €\n"
                    "Holzkiste „Kapitän“: 3 Weine, Feinkost | 79,00 €",
                    "Bei Bestellung bis zum 5. Dezember liefern wir ab 20 Präsenten "
                    "kostenfrei und gestalten auf Wunsch Grußkarten mit Ihrem Wappen. "
                    "Rufen Sie uns an oder besuchen Sie uns in der Speicherstadt – wir "
                    "beraten Sie gern bei einem Glas Wein.",
                ),
                closing="Mit herzlichen Grüßen aus dem Kontor",
                signature=("Jan-Hendrik Hansen",),
                footer=(
                    "Weinkontor Hansen e. K.\nSpeicherstraße 8 · 12345 Seestadt",
                    "Öffnungszeiten\nMo–Fr 10–19, Sa 10–16 Uhr",
                    "www.weinkontor-hansen.example.com",
                ),
                family="serif",
                size=11,
            ),
        ),
    ),
    Sample(
        key="review-baustelle-az63-gehweg",
        expected="REVIEW",
        note="Zwei Ämter: Az. des Baurechtsamts, aber Straßenschaden durch Baustelle",
        addressing="ref-head",
        fmt="jpg",
        kind="scan",
        scan=Scan(skew=1.2, quality=63),
        docs=(
            Letter(
                sender=("Wiebke Marx", "Seestraße 7", "12345 Seestadt"),
                recipient=GENERAL,
                refs=(
                    ref("Ihr Zeichen", "Az. 63.2-2026-0388"),
                    ref("betrifft", "Neubau Seestraße 5"),
                ),
                date="Seestadt, 20. November 2026",
                subject="Baustelle Seestraße 5 – kaputter Gehweg und Zweifel an der Genehmigung",
                salutation="Sehr geehrte Damen und Herren,",
                body=(
                    "nebenan auf dem Grundstück Seestraße 5 wird seit August ein "
                    "Mehrfamilienhaus gebaut; als Nachbarin habe ich damals die "
                    "Baugenehmigung mit dem oben genannten Zeichen erhalten.",
                    "Seitdem fahren jeden Tag schwere Lkw über den Gehweg auf die "
                    "Baustelle. Die Gehwegplatten vor unseren Häusern sind gebrochen, am "
                    "Bordstein ist ein tiefes Schlagloch entstanden, und die "
                    "Straßenlaterne vor Nummer 7 wurde angefahren und steht schief. Wer "
                    "repariert das?",
                    "Außerdem habe ich den Eindruck, dass das Gebäude deutlich näher an "
                    "unsere Grenze gebaut wird, als es auf den Plänen zu sehen war, und "
                    "dass das Dachgeschoss höher wird. Bitte prüfen Sie, ob der Bau der "
                    "Genehmigung entspricht.",
                ),
                signature=("Wiebke Marx",),
                family="serif",
                size=11.5,
            ),
        ),
    ),
    Sample(
        key="review-genealogie-englisch",
        expected="REVIEW",
        note="Englische Anfrage zur Ahnenforschung (Standesamt, keine der Abteilungen)",
        addressing="none",
        fmt="pdf",
        kind="digital",
        docs=(
            Letter(
                sender=(
                    "Margaret O'Connell",
                    "418 Maple Ridge Road",
                    "Halifax, NS B3H 0A0",
                    "Canada",
                ),
                contact=("m.oconnell@example.com",),
                recipient=("City of Seestadt", "City Hall", *RATHAUS, "Germany"),
                date="November 9, 2026",
                subject="Request for records of my great-grandfather Johann Friedrich Peters",
                salutation="Dear Sir or Madam,",
                body=(
                    "I am researching my family history and have learned that my "
                    "great-grandfather, Johann Friedrich Peters, was born in Seestadt in "
                    "1879 or 1880. He emigrated to Canada in 1903 and worked as a ship's "
                    "carpenter in Halifax.",
                    "Could you please tell me whether you hold a birth record for him, and "
                    "how I can obtain a copy? His father's name may have been Heinrich "
                    "Peters, a fisherman. I would also be grateful for any information "
                    "about the church records of that time.",
                    "I am happy to pay any fees. Please excuse that I write in English; my "
                    "German is limited to a few words.",
                ),
                closing="Kind regards,",
                signature=("Margaret O'Connell",),
                family="serif",
                size=11.5,
                signed=False,
            ),
        ),
    ),
]

SAMPLES: list[Sample] = [
    *S10,
    *S20,
    *S22,
    *S32,
    *S33,
    *S37,
    *S40,
    *S50,
    *S51,
    *S61,
    *S63,
    *S66,
    *S67,
    *REVIEW,
]
