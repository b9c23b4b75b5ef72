"""Workshops in the styles colleagues really write: evaluation data for the alignment.

Each workshop is one municipal process drawn by three colleagues. Every step carries
the step it means (the gold answer, a short key) and its name as that colleague would
write it: infinitive ("Antrag prüfen"), noun ("Prüfung des Antrags",
"Antragsprüfung"), done ("Antrag geprüft"), passive ("Antrag wird geprüft"), a
person doing it ("SB prüft Antrag"), and other words for the same work
("kontrollieren", "verschicken"). Steps that share an object but not the work
("Antrag erfassen" / "Antrag prüfen") stay apart in the gold answer. Written for
these processes, not taken from the samples the matcher was built on
(bench/workshop.py measures with them; tests/processes/test_workshop.py holds them).
"""

from __future__ import annotations

Drawing = list[tuple[str, str]]  # (the step meant, its name as written)

WORKSHOPS: dict[str, list[Drawing]] = {
    "Bewohnerparkausweis": [
        [("eingang", "Antrag eingegangen"), ("erfassen", "Antrag im Fachverfahren erfassen"),
         ("pruefen", "Antrag prüfen"), ("gebuehr", "Gebühr berechnen"),
         ("bescheid", "Parkausweis erstellen"), ("versand", "Parkausweis versenden"),
         ("ende", "Ausweis zugestellt")],
        [("eingang", "Eingang des Antrags"), ("erfassen", "Erfassung der Antragsdaten"),
         ("pruefen", "Prüfung der Unterlagen"), ("gebuehr", "Ermittlung der Gebühr"),
         ("zahlung", "Zahlung abwarten"), ("bescheid", "Ausstellung des Parkausweises"),
         ("versand", "Versand per Post"), ("ende", "Vorgang abgeschlossen")],
        [("eingang", "Antrag liegt vor"), ("erfassen", "Daten eingegeben"),
         ("pruefen", "Unterlagen kontrolliert"), ("bescheid", "Ausweis gedruckt"),
         ("versand", "Ausweis verschickt"), ("ende", "erledigt")],
    ],
    "Gewerbeanmeldung": [
        [("eingang", "Gewerbeanmeldung eingegangen"), ("pruefen", "Angaben prüfen"),
         ("nachfordern", "Fehlende Unterlagen anfordern"), ("erfassen", "Gewerbe erfassen"),
         ("bestaetigung", "Bestätigung erstellen"), ("weiterleiten", "Daten an Finanzamt weiterleiten"),
         ("ende", "Gewerbe angemeldet")],
        [("eingang", "Anmeldung geht ein"), ("pruefen", "SB prüft Angaben"),
         ("nachfordern", "SB fordert Unterlagen nach"), ("erfassen", "SB erfasst Gewerbe im System"),
         ("weiterleiten", "Meldung an Finanzamt und IHK"), ("bestaetigung", "Empfangsbestätigung schreiben"),
         ("ende", "fertig")],
        [("eingang", "Eingang der Gewerbeanmeldung"), ("pruefen", "Kontrolle der Angaben"),
         ("nachfordern", "Nachforderung von Unterlagen"), ("erfassen", "Eintrag ins Gewerberegister"),
         ("bestaetigung", "Ausstellung der Bestätigung"), ("weiterleiten", "Weitergabe an das Finanzamt"),
         ("ende", "Anmeldung abgeschlossen")],
    ],
    "Wohngeld": [
        [("eingang", "Wohngeldantrag eingegangen"), ("erfassen", "Antrag erfassen"),
         ("pruefen", "Einkommen prüfen"), ("berechnen", "Wohngeld berechnen"),
         ("bescheid", "Bescheid erstellen"), ("unterschrift", "Bescheid unterschreiben"),
         ("versand", "Bescheid versenden"), ("ende", "Bescheid zugestellt")],
        [("eingang", "Antrag kommt an"), ("erfassen", "Antrag wird erfasst"),
         ("pruefen", "Einkommen wird geprüft"), ("berechnen", "Wohngeld wird berechnet"),
         ("bescheid", "Bescheid wird erstellt"), ("versand", "Bescheid wird verschickt"),
         ("ende", "Ende")],
        [("eingang", "Eingang Wohngeldantrag"), ("erfassen", "Antragserfassung"),
         ("pruefen", "Einkommensprüfung"), ("berechnen", "Berechnung des Wohngelds"),
         ("bescheid", "Bescheiderstellung"), ("unterschrift", "Unterzeichnung durch Sachgebietsleitung"),
         ("versand", "Bescheidversand"), ("ende", "Bescheid raus")],
    ],
    "Baumfällgenehmigung": [
        [("eingang", "Antrag auf Fällung eingegangen"), ("termin", "Ortstermin vereinbaren"),
         ("begutachten", "Baum begutachten"), ("genehmigen", "Fällung genehmigen"),
         ("ablehnen", "Antrag ablehnen"), ("informieren", "Antragsteller informieren"),
         ("ende", "Vorgang erledigt")],
        [("eingang", "Fällantrag liegt vor"), ("termin", "Termin vor Ort absprechen"),
         ("begutachten", "Begutachtung des Baums"), ("genehmigen", "Genehmigung erteilen"),
         ("ablehnen", "Ablehnung"), ("informieren", "Benachrichtigung des Antragstellers"),
         ("ende", "Ende")],
        [("eingang", "Antrag geht ein"), ("termin", "Ortstermin ausmachen"),
         ("begutachten", "Baum vor Ort ansehen"), ("genehmigen", "Fällung bewilligen"),
         ("ablehnen", "Antrag zurückweisen"), ("informieren", "Antragsteller wird benachrichtigt"),
         ("ende", "fertig")],
    ],
    "Rechnungseingang": [
        [("eingang", "Rechnung eingegangen"), ("scannen", "Rechnung scannen"),
         ("pruefen", "Rechnung sachlich prüfen"), ("freigeben", "Rechnung freigeben"),
         ("buchen", "Rechnung buchen"), ("zahlen", "Rechnung bezahlen"),
         ("ablegen", "Beleg ablegen"), ("ende", "Rechnung erledigt")],
        [("eingang", "Eingang der Rechnung"), ("scannen", "Digitalisierung"),
         ("pruefen", "sachliche Prüfung"), ("freigeben", "Freigabe durch Amtsleitung"),
         ("buchen", "Buchung im Haushaltssystem"), ("zahlen", "Überweisung"),
         ("ablegen", "Archivierung des Belegs"), ("ende", "Ende")],
        [("eingang", "Rechnung kommt per Post"), ("scannen", "Rechnung wird eingescannt"),
         ("pruefen", "Rechnung wird kontrolliert"), ("buchen", "Rechnung wird verbucht"),
         ("zahlen", "Betrag wird überwiesen"), ("ablegen", "Beleg wird archiviert"),
         ("ende", "Vorgang abgeschlossen")],
    ],
    "Meldebescheinigung": [
        [("eingang", "Bürger kommt zum Schalter"), ("ausweis", "Ausweis prüfen"),
         ("register", "Melderegister abfragen"), ("drucken", "Bescheinigung drucken"),
         ("gebuehr", "Gebühr kassieren"), ("aushaendigen", "Bescheinigung aushändigen"),
         ("ende", "Bürger geht")],
        [("eingang", "Vorsprache am Schalter"), ("ausweis", "Kontrolle des Ausweises"),
         ("register", "Abfrage im Melderegister"), ("drucken", "Ausdruck der Bescheinigung"),
         ("gebuehr", "Zahlung der Gebühr"), ("aushaendigen", "Übergabe an den Bürger"),
         ("ende", "Ende")],
        [("eingang", "Bürger erscheint"), ("ausweis", "Ausweis wird kontrolliert"),
         ("register", "Melderegister wird abgefragt"), ("gebuehr", "Gebühr wird bezahlt"),
         ("drucken", "Bescheinigung wird ausgedruckt"), ("aushaendigen", "Bescheinigung wird ausgehändigt"),
         ("ende", "erledigt")],
    ],
}  # fmt: skip


def drawings() -> dict[str, list[object]]:
    """Per workshop, its drawings as :class:`processes.workshop.Drawing` (a plain chain each:
    the first step a start event, the last an end event, tasks between)."""
    from bpmn import read_bpmn
    from processes.workshop import Drawing as Made
    from tests.bpmn.documents import chain, document, simple_process

    made: dict[str, list[object]] = {}
    for process, drawn in WORKSHOPS.items():
        made[process] = []
        for number, steps in enumerate(drawn, start=1):
            kinds = ["startEvent"] + ["task"] * (len(steps) - 2) + ["endEvent"]
            nodes = [
                (kind, f"x_{gold}", name) for kind, (gold, name) in zip(kinds, steps, strict=True)
            ]
            body = simple_process(chain(*nodes), name=process)
            made[process].append(
                Made(f"kollegin-{number}.bpmn", read_bpmn(document(body).encode()))
            )
    return made


def alignment_quality(model: object) -> tuple[float, float, int, int]:
    """Over every pair of steps from two drawings of one workshop: precision and recall
    of "the same step" against the gold answer, the pairs found right, the gold pairs."""
    from itertools import combinations

    from processes.workshop import compare

    right = found = gold = 0
    made = drawings()
    for process, drawn in WORKSHOPS.items():
        comparison = compare(made[process], model=model)  # type: ignore[arg-type]
        together = {
            frozenset(pair) for group in comparison.groups() for pair in combinations(group, 2)
        }
        refs = [(index, f"x_{key}") for index, steps in enumerate(drawn) for key, _ in steps]
        for a, b in combinations(refs, 2):
            if a[0] == b[0]:
                continue
            same = a[1] == b[1]
            predicted = frozenset((a, b)) in together
            gold += same
            found += predicted
            right += same and predicted
    return (right / found if found else 1.0), right / gold, right, gold
