"""Der Ablauf eines Roboter-Gerüsts: Marken wandern wie in BPMN durch das Diagramm.

Lotse kopiert dieses Modul unverändert in jedes Gerüst (``lotse robot new``)
und benutzt es selbst, um beim Erzeugen alle Wege durch das Diagramm zu
finden: was die erzeugten Tests erwarten, rechnet derselbe Code aus, der den
Roboter später steuert. Nur die Standardbibliothek, kein Prefect.

Regeln (wie BPMN, vereinfacht):

* Ein Schritt läuft für jede ankommende Marke; danach gehen Marken über alle
  seine ausgehenden Flüsse (mehrere Ausgänge ohne Gateway: gleichzeitig).
* Eine Entscheidung (exklusives, inklusives, ereignisbasiertes Gateway) gibt
  die Flüsse zurück, die gelten. Ohne eigene Regel nimmt sie die Vorgabe des
  Falls (``Fall.wege``, für Tests und Probeläufe) oder ihren Standardweg.
* Ein paralleles Gateway mit mehreren Eingängen wartet auf je eine Marke über
  jeden Eingang; ein inklusives, bis keine andere Marke es mehr erreichen kann.
* Schritte, die zur selben Zeit an der Reihe sind, bilden eine Welle; die
  Roboter-Aufgaben einer Welle laufen gleichzeitig.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

MAX_SCHRITTE = 10_000  # mehr Schritte für einen Fall: eine Schleife ohne Ausgang


class AblaufFehler(Exception):
    """Der Ablauf kann nicht weiter; die Meldung sagt, wo."""


class KeinWeg(AblaufFehler):
    """Eine Entscheidung hat keinen Weg gefunden, der gilt."""


class AblaufHaengt(AblaufFehler):
    """Marken warten an einer Zusammenführung auf Marken, die nie kommen."""


class AblaufEndetNicht(AblaufFehler):
    """Mehr als MAX_SCHRITTE Schritte: eine Schleife, die nie verlassen wird."""


@dataclass
class Fall:
    """Ein Fall (ein Brief, ein Antrag …), der durch den Ablauf läuft.

    ``daten`` hält, was die Schritte herausfinden (je Schritt unter seiner
    BPMN-ID). ``wege`` gibt Entscheidungen vor (je Entscheidungspunkt eine
    Liste, ein Eintrag je Besuch; mehrere Flüsse mit „+“ verbunden), ``antworten``
    die Eingaben menschlicher Schritte, beides für Tests und Probeläufe.
    """

    daten: dict[str, Any] = field(default_factory=dict)
    wege: dict[str, list[str]] = field(default_factory=dict)
    antworten: dict[str, dict[str, Any]] = field(default_factory=dict)
    spur: list[str] = field(default_factory=list)  # die Schritte in der Reihenfolge ihres Beginns
    entscheidungen: list[tuple[str, str]] = field(default_factory=list)
    besuche: dict[str, int] = field(default_factory=dict)
    vorgabe: str = ""  # was für die Entscheidung gerade vorgegeben ist

    def vorgabe_ist(self, weg: str) -> bool:
        """Ob ``weg`` (ein Fluss oder ein Ereignis) zur aktuellen Vorgabe gehört."""
        return weg in self.vorgabe.split("+")


@dataclass(frozen=True)
class Schritt:
    """Ein Element des Diagramms im Ablauf.

    ``art``: aufgabe, mensch, vorbereiten, nachricht, ereignis, leer, ende,
    abbruch, entscheidung, teilablauf, randereignis. ``wahl`` sind die
    Möglichkeiten einer Entscheidung oder der Randereignisse einer Aufgabe
    ("" = keines), ``standard`` die, die ohne Regel und Vorgabe gilt.
    """

    art: str
    name: str = ""
    ausfuehren: Callable[[Fall], Any] | None = None
    weiter: tuple[str, ...] = ()
    sammeln: str = ""  # "" (jede Marke geht durch), "alle" (parallel), "inklusiv"
    eingaenge: tuple[str, ...] = ()
    wahl: tuple[str, ...] = ()
    standard: str = ""
    ereignisse: tuple[str, ...] = ()  # Randereignisse dieser Aufgabe
    unterbricht: bool = True  # Randereignis: bricht die Aufgabe ab


@dataclass(frozen=True)
class Ablauf:
    """Ein Prozess oder Teilprozess: Schritte, Flüsse (Fluss → Ziel) und Start."""

    id: str
    schritte: dict[str, Schritt]
    ziele: dict[str, str]
    start: tuple[str, ...]  # Startereignisse: eines gilt (Vorgabe unter ``startpunkt``)
    immer: tuple[str, ...] = ()  # Schritte ohne Eingang, die mit jedem Start beginnen
    erreicht: dict[str, frozenset[str]] = field(default_factory=dict)  # für inklusive Gateways


def startpunkt(ablauf: Ablauf) -> str:
    """Unter diesem Schlüssel gibt ``Fall.wege`` vor, welches Startereignis gilt."""
    return f"{ablauf.id}#start"


Ausfuehrung = Callable[[Sequence[Callable[[Fall], Any]], Fall], list[Any]]


def nacheinander(arbeiten: Sequence[Callable[[Fall], Any]], fall: Fall) -> list[Any]:
    """Schritte einer Welle nacheinander, ohne Prefect (Tests, Probeläufe)."""
    return [getattr(arbeit, "fn", arbeit)(fall) for arbeit in arbeiten]


def waehlen(fall: Fall, punkt: str, standard: str) -> str:
    """Die Vorgabe für diesen Besuch von ``punkt`` (oder den Standardweg), gemerkt im Fall."""
    besuch = fall.besuche.get(punkt, 0)
    fall.besuche[punkt] = besuch + 1
    vorgaben = fall.wege.get(punkt, [])
    gewaehlt = vorgaben[besuch] if besuch < len(vorgaben) else standard
    fall.entscheidungen.append((punkt, gewaehlt))
    return gewaehlt


def durchlaufen(ablauf: Ablauf, fall: Fall, ausfuehren: Ausfuehrung = nacheinander) -> Fall:
    """Einen Fall durch den Ablauf führen, bis keine Marke mehr unterwegs ist."""
    anfang = list(ablauf.immer)
    if ablauf.start:
        erster = ablauf.start[0]
        if len(ablauf.start) > 1:
            erster = waehlen(fall, startpunkt(ablauf), erster)
        if erster not in ablauf.start:
            raise KeinWeg(f"„{erster}“ ist kein Start von {ablauf.id}.")
        anfang.insert(0, erster)
    marken: deque[tuple[str, str]] = deque((schritt, "") for schritt in anfang)
    wartend: dict[str, dict[str, int]] = {}
    gelaufen = 0
    while marken or wartend:
        welle: list[str] = []
        while marken:
            knoten, ueber = marken.popleft()
            if ablauf.schritte[knoten].sammeln:
                eingang = wartend.setdefault(knoten, {})
                eingang[ueber] = eingang.get(ueber, 0) + 1
            else:
                welle.append(knoten)
        welle += _zusammenfuehren(ablauf, welle, wartend)
        if not welle:
            if wartend:
                namen = ", ".join(ablauf.schritte[k].name or k for k in wartend)
                raise AblaufHaengt(f"Der Ablauf wartet an {namen} auf Marken, die nie kommen.")
            break
        gelaufen += len(welle)
        if gelaufen > MAX_SCHRITTE:
            raise AblaufEndetNicht(
                f"Mehr als {MAX_SCHRITTE} Schritte: eine Schleife wird nie verlassen."
            )
        fall.spur.extend(welle)
        arbeit = _arbeit(ablauf, welle)
        ergebnisse = ausfuehren([tun for _, tun in arbeit], fall)
        for (knoten, _), ergebnis in zip(arbeit, ergebnisse, strict=True):
            if isinstance(ergebnis, Fall):  # ein Teilablauf gibt den ganzen Fall zurück
                fall.daten, fall.spur = ergebnis.daten, ergebnis.spur
                fall.entscheidungen, fall.besuche = ergebnis.entscheidungen, ergebnis.besuche
            elif ergebnis is not None:
                fall.daten[knoten] = ergebnis
        for knoten in welle:
            schritt = ablauf.schritte[knoten]
            if schritt.art == "abbruch":
                marken.clear()
                wartend.clear()
                break
            for fluss in _weiter(ablauf, knoten, fall):
                marken.append((ablauf.ziele[fluss], fluss))
    return fall


def _arbeit(ablauf: Ablauf, welle: list[str]) -> list[tuple[str, Callable[[Fall], Any]]]:
    """Was die Schritte der Welle tun (Entscheidungen fallen danach, einzeln)."""
    arbeit = []
    for knoten in welle:
        schritt = ablauf.schritte[knoten]
        if schritt.ausfuehren is not None and schritt.art != "entscheidung":
            arbeit.append((knoten, schritt.ausfuehren))
    return arbeit


def _weiter(ablauf: Ablauf, knoten: str, fall: Fall) -> list[str]:
    """Die Flüsse, über die Marken den Schritt verlassen."""
    schritt = ablauf.schritte[knoten]
    if schritt.art == "entscheidung" and schritt.ausfuehren is not None:
        fall.vorgabe = waehlen(fall, knoten, schritt.standard)
        wege = list(schritt.ausfuehren(fall))
        fall.vorgabe = ""
    else:
        wege = list(schritt.weiter)
    if schritt.ereignisse:
        fall.vorgabe = waehlen(fall, knoten, "")
        for ereignis in schritt.ereignisse:
            rand = ablauf.schritte[ereignis]
            if rand.ausfuehren is not None and rand.ausfuehren(fall):
                fall.spur.append(ereignis)
                wege = ([] if rand.unterbricht else wege) + list(rand.weiter)
                if rand.unterbricht:
                    break
        fall.vorgabe = ""
    return wege


def _zusammenfuehren(
    ablauf: Ablauf, welle: list[str], wartend: dict[str, dict[str, int]]
) -> list[str]:
    """Die Zusammenführungen, die jetzt weiter dürfen (und ihre Marken verbrauchen)."""
    bereit: list[str] = []
    for knoten in list(wartend):
        schritt = ablauf.schritte[knoten]
        eingang = wartend[knoten]
        if schritt.sammeln == "alle":
            while all(eingang.get(e, 0) > 0 for e in schritt.eingaenge):
                for e in schritt.eingaenge:
                    eingang[e] -= 1
                bereit.append(knoten)
        else:  # inklusiv: weiter, wenn keine andere Marke es noch erreichen kann
            andere = welle + [k for k in wartend if k != knoten]
            if not any(knoten in ablauf.erreicht.get(k, frozenset()) for k in andere):
                eingang.clear()
                bereit.append(knoten)
        if not any(eingang.values()):
            del wartend[knoten]
    return bereit
