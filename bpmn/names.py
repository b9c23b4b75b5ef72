"""German names of BPMN element kinds, as the Lotse user interface shows them."""

from __future__ import annotations

from bpmn.model import Element

KIND_GERMAN: dict[str, str] = {
    "task": "Aufgabe",
    "userTask": "Benutzeraufgabe",
    "serviceTask": "Serviceaufgabe",
    "sendTask": "Sendeaufgabe",
    "receiveTask": "Empfangsaufgabe",
    "scriptTask": "Skriptaufgabe",
    "businessRuleTask": "Geschäftsregel-Aufgabe",
    "manualTask": "Manuelle Aufgabe",
    "callActivity": "Aufruf-Aktivität",
    "subProcess": "Teilprozess",
    "transaction": "Transaktion",
    "adHocSubProcess": "Ad-hoc-Teilprozess",
    "startEvent": "Startereignis",
    "endEvent": "Endereignis",
    "intermediateCatchEvent": "Zwischenereignis (eintretend)",
    "intermediateThrowEvent": "Zwischenereignis (auslösend)",
    "implicitThrowEvent": "Zwischenereignis (auslösend)",
    "boundaryEvent": "Angeheftetes Ereignis",
    "exclusiveGateway": "Exklusives Gateway",
    "inclusiveGateway": "Inklusives Gateway",
    "parallelGateway": "Paralleles Gateway",
    "complexGateway": "Komplexes Gateway",
    "eventBasedGateway": "Ereignisbasiertes Gateway",
    "sequenceFlow": "Sequenzfluss",
    "messageFlow": "Nachrichtenfluss",
    "participant": "Pool",
    "lane": "Lane",
    "process": "Prozess",
    "dataObject": "Datenobjekt",
    "dataObjectReference": "Datenobjekt",
    "dataStoreReference": "Datenspeicher",
    "dataInput": "Dateneingabe",
    "dataOutput": "Datenausgabe",
    "textAnnotation": "Anmerkung",
    "association": "Assoziation",
    "group": "Gruppe",
}

EVENT_DEFINITION_GERMAN: dict[str, str] = {
    "message": "Nachricht",
    "timer": "Zeit",
    "error": "Fehler",
    "escalation": "Eskalation",
    "cancel": "Abbruch",
    "compensate": "Kompensation",
    "conditional": "Bedingung",
    "link": "Link",
    "signal": "Signal",
    "terminate": "Terminierung",
}


def kind_german(kind: str) -> str:
    return KIND_GERMAN.get(kind, kind)


def describe(element: Element) -> str:
    """'Benutzeraufgabe „Antrag prüfen“' or 'Exklusives Gateway ohne Namen (Gateway_1)'."""
    kind = kind_german(element.kind)
    if element.label:
        return f"{kind} „{element.label}“"
    return f"{kind} ohne Namen ({element.id})"
