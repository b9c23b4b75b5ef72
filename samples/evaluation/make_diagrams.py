"""Writes the evaluation set: workshop diagrams as real modelling tools export them.

Run ``python samples/evaluation/make_diagrams.py`` to rewrite the ``.bpmn``
files next to this script (the files are committed; the script says how they
came about and keeps them consistent). Each diagram is a German
administrative process as a process-design workshop draws it: roles as pools
of one collaboration, citizens and suppliers as pools of their own, untyped
tasks, text annotations with systems, click paths and workarounds, copied
process ids, placeholder pools. Each is written in the XML style of one tool
(Camunda Modeler 4/5, bpmn.io, Signavio, ADONIS with drawing leftovers,
Activiti). ``expert_ranking.yaml`` holds an RPA consultant's ranking of them,
written before Lotse's scoring was tuned.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

HERE = Path(__file__).parent
MODEL = "http://www.omg.org/spec/BPMN/20100524/MODEL"


@dataclass
class T:
    """A task: kind (BPMN local name), name, and what the workshop wrote around it."""

    name: str
    kind: str = "task"
    note: str = ""  # text annotation attached to the task
    data: str = ""  # a data object the task reads
    store: str = ""  # a data store the task writes to
    doc: str = ""  # documentation
    decide: str = ""  # an exclusive gateway after the task with this question (ja / nein)


@dataclass
class Pool:
    name: str
    tasks: list[T] = field(default_factory=list)
    black_box: bool = False
    lanes: list[tuple[str, int]] = field(default_factory=list)  # (name, tasks in it)
    props: dict[str, str] = field(default_factory=dict)
    process_name: str = ""
    note: str = ""  # an annotation on the pool (the whole process)


@dataclass
class Diagram:
    file: str
    style: str
    pools: list[Pool]
    collaboration_name: str = ""
    ids_from: str = ""  # copy the ids of this file's diagram (a copied diagram)
    leftovers: bool = False  # drawing leftovers as ADONIS exports have them


class Ids:
    """Ids as each tool makes them."""

    def __init__(self, style: str, seed: str) -> None:
        self.style = style
        self.random = random.Random(seed)
        self.counter = 0

    def __call__(self, kind: str) -> str:
        self.counter += 1
        alphabet = "0123456789abcdefghijklmnopqrstuvwxyz"
        if self.style == "signavio":
            return "sid-" + str(uuid.UUID(int=self.random.getrandbits(128))).upper()
        if self.style == "adonis":
            return f"obj.{self.random.randint(10000, 99999)}"
        if self.style == "activiti":
            return f"{kind.lower()}{self.counter}"
        prefix = {
            "task": "Activity",
            "process": "Process",
            "collaboration": "Collaboration",
            "participant": "Participant",
            "start": "StartEvent",
            "end": "Event",
            "gateway": "Gateway",
            "flow": "Flow",
            "annotation": "TextAnnotation",
            "association": "Association",
            "data": "DataObjectReference",
            "store": "DataStoreReference",
            "lane": "Lane",
            "laneset": "LaneSet",
            "message": "Flow",
        }.get(kind, kind.capitalize())
        return f"{prefix}_{self.counter % 10}{''.join(self.random.choices(alphabet, k=6))}"


STYLES = {
    "camunda4": ("bpmn", 'exporter="Camunda Modeler" exporterVersion="4.12.0"', "camunda"),
    "camunda5": ("bpmn", 'exporter="Camunda Modeler" exporterVersion="5.17.0"', "camunda"),
    "bpmnio": ("bpmn", 'exporter="bpmn-js (https://demo.bpmn.io)" exporterVersion="17.0.2"', ""),
    "signavio": ("semantic", 'exporter="Signavio Process Editor, http://www.signavio.com" exporterVersion="17.6.0"', "signavio"),
    "adonis": ("bpmn", 'exporter="ADONIS" exporterVersion="14.0"', "adonis"),
    "activiti": ("", 'exporter="Activiti Modeler" exporterVersion="5.22.0"', "activiti"),
}  # fmt: skip
NAMESPACES = {
    "camunda": 'xmlns:camunda="http://camunda.org/schema/1.0/bpmn"',
    "signavio": 'xmlns:signavio="http://www.signavio.com"',
    "adonis": 'xmlns:adonis="http://www.boc-group.com/adonis/bpmn"',
    "activiti": 'xmlns:activiti="http://activiti.org/bpmn"',
}


def render(diagram: Diagram, copied: dict[str, list[str]]) -> str:
    prefix, exporter, vendor = STYLES[diagram.style]
    p = f"{prefix}:" if prefix else ""
    ids = Ids(diagram.style, diagram.file)
    reuse = list(copied.get(diagram.ids_from, []))
    made: list[str] = []

    def new(kind: str) -> str:
        # a copied diagram keeps the original's ids in order, as a copy does
        element_id = reuse.pop(0) if reuse else ids(kind)
        made.append(element_id)
        return element_id

    semantic: list[str] = []
    shapes: list[str] = []
    pos: dict[str, tuple[float, float, float, float]] = {}

    def shape(element_id: str, x: float, y: float, w: float, h: float, **flags: bool) -> None:
        pos[element_id] = (x, y, w, h)
        shapes.append(_shape(element_id, x, y, w, h, **flags))

    def right(element_id: str) -> tuple[float, float]:
        x, y, w, h = pos[element_id]
        return (x + w, y + h / 2)

    def left(element_id: str) -> tuple[float, float]:
        x, y, _, h = pos[element_id]
        return (x, y + h / 2)

    edges: list[str] = []
    collab_parts: list[str] = []
    collaboration_id = new("collaboration")
    y = 80
    pool_starts: list[tuple[str, str, float, float]] = []  # (first node, last node, x, y)
    for pool in diagram.pools:
        participant_id = new("participant")
        height = 120 * max(1, len(pool.lanes) or 1) + 40
        if pool.black_box:
            collab_parts.append(
                f"<{p}participant id={quoteattr(participant_id)} name={quoteattr(pool.name)} />"
            )
            shape(participant_id, 160, y, 900, 60, horizontal=True)
            pool_starts.append((participant_id, participant_id, 160, y))
            y += 100
            continue
        process_id = new("process")
        props = _properties(vendor, p, pool.props)
        collab_parts.append(
            f"<{p}participant id={quoteattr(participant_id)} name={quoteattr(pool.name)} "
            f"processRef={quoteattr(process_id)}>{props}</{p}participant>"
            if props and vendor == "signavio"
            else f"<{p}participant id={quoteattr(participant_id)} name={quoteattr(pool.name)} processRef={quoteattr(process_id)} />"
        )
        body: list[str] = []
        if props and vendor != "signavio":
            body.append(props)
        start, end = new("start"), new("end")
        chain = [start]
        x = 230
        node_y = y + 60
        shape(participant_id, 160, y, 200 * (len(pool.tasks) + 2), height, horizontal=True)
        body.append(f"<{p}startEvent id={quoteattr(start)} />")
        shape(start, x, node_y + 22, 36, 36)
        x += 100
        lane_of: list[tuple[str, list[str]]] = []
        for task in pool.tasks:
            task_id = new("task")
            extra = ""
            if task.doc:
                extra += f"<{p}documentation>{escape(task.doc)}</{p}documentation>"
            attributes = ""
            if diagram.style == "activiti" and task.kind == "userTask":
                attributes = ' activiti:candidateGroups="sachbearbeitung"'
            if task.data or task.store:
                ref = new("data" if task.data else "store")
                name = task.data or task.store
                kind = "dataObjectReference" if task.data else "dataStoreReference"
                if task.data:
                    obj = new("dataobject")
                    body.append(f"<{p}dataObject id={quoteattr(obj)} />")
                    body.append(
                        f"<{p}{kind} id={quoteattr(ref)} name={quoteattr(name)} dataObjectRef={quoteattr(obj)} />"
                    )
                else:
                    body.append(f"<{p}{kind} id={quoteattr(ref)} name={quoteattr(name)} />")
                shape(ref, x + 32, node_y + 100, 36, 50)
                association = new("association")
                if task.data:
                    extra += (
                        f"<{p}dataInputAssociation id={quoteattr(association)}>"
                        f"<{p}sourceRef>{ref}</{p}sourceRef></{p}dataInputAssociation>"
                    )
                else:
                    extra += (
                        f"<{p}dataOutputAssociation id={quoteattr(association)}>"
                        f"<{p}targetRef>{ref}</{p}targetRef></{p}dataOutputAssociation>"
                    )
                edges.append(_edge(association, [(x + 50, node_y + 100), (x + 50, node_y + 80)]))
            body.append(
                f"<{p}{task.kind} id={quoteattr(task_id)} name={quoteattr(task.name)}{attributes}>{extra}</{p}{task.kind}>"
            )
            shape(task_id, x, node_y, 100, 80)
            if task.note:
                note_id, link_id = new("annotation"), new("association")
                body.append(
                    f"<{p}textAnnotation id={quoteattr(note_id)}><{p}text>{escape(task.note)}</{p}text></{p}textAnnotation>"
                )
                body.append(
                    f"<{p}association id={quoteattr(link_id)} sourceRef={quoteattr(task_id)} targetRef={quoteattr(note_id)} />"
                )
                shape(note_id, x + 40, y + 5, 160, 45)
                edges.append(_edge(link_id, [(x + 60, node_y), (x + 80, y + 50)]))
            chain.append(task_id)
            x += 160
            if task.decide:
                gateway = new("gateway")
                body.append(
                    f"<{p}exclusiveGateway id={quoteattr(gateway)} name={quoteattr(task.decide)} />"
                )
                shape(gateway, x, node_y + 15, 50, 50)
                chain.append(gateway)
                x += 90
        if pool.note:
            note_id = new("annotation")
            body.append(
                f"<{p}textAnnotation id={quoteattr(note_id)}><{p}text>{escape(pool.note)}</{p}text></{p}textAnnotation>"
            )
            shape(note_id, x + 60, y + 5, 220, 60)
        chain.append(end)
        body.append(f"<{p}endEvent id={quoteattr(end)} />")
        shape(end, x + 20, node_y + 22, 36, 36)
        for source, target in pairwise(chain):
            flow = new("flow")
            label = ""
            if source.startswith(("Gateway", "exclusivegateway", "gateway")) or _is_gateway(
                source, body
            ):
                label = ' name="ja"'
            body.append(
                f"<{p}sequenceFlow id={quoteattr(flow)}{label} sourceRef={quoteattr(source)} targetRef={quoteattr(target)} />"
            )
            edges.append(_edge(flow, [right(source), left(target)]))
        for gateway in [n for n in chain if _is_gateway(n, body)]:
            flow = new("flow")
            body.append(
                f'<{p}sequenceFlow id={quoteattr(flow)} name="nein" sourceRef={quoteattr(gateway)} targetRef={quoteattr(end)} />'
            )
            gx, gy, _, _ = pos[gateway]
            ex, ey, _, _ = pos[end]
            edges.append(
                _edge(
                    flow,
                    [
                        (gx + 25, gy + 50),
                        (gx + 25, gy + 85),
                        (ex + 18, gy + 85),
                        (ex + 18, ey + 36),
                    ],
                )
            )
        if pool.lanes:
            lane_set = new("laneset")
            lanes_xml = []
            members = list(chain)
            index = 0
            for lane_name, count in pool.lanes:
                lane_id = new("lane")
                refs = members[index : index + count]
                index += count
                lane_of.append((lane_id, refs))
                lanes_xml.append(
                    f"<{p}lane id={quoteattr(lane_id)} name={quoteattr(lane_name)}>"
                    + "".join(f"<{p}flowNodeRef>{r}</{p}flowNodeRef>" for r in refs)
                    + f"</{p}lane>"
                )
            if index < len(members):  # the rest into the last lane
                last = lanes_xml.pop()
                extra_refs = "".join(
                    f"<{p}flowNodeRef>{r}</{p}flowNodeRef>" for r in members[index:]
                )
                lanes_xml.append(last.replace(f"</{p}lane>", extra_refs + f"</{p}lane>"))
            body.insert(
                0, f"<{p}laneSet id={quoteattr(lane_set)}>" + "".join(lanes_xml) + f"</{p}laneSet>"
            )
        named = f" name={quoteattr(pool.process_name)}" if pool.process_name else ""
        semantic.append(
            f'<{p}process id={quoteattr(process_id)}{named} isExecutable="false">'
            + "".join(body)
            + f"</{p}process>"
        )
        pool_starts.append((start, chain[-2] if len(chain) > 2 else start, 160, y))
        y += height + 40
    # hand-offs: each pool's last task sends to the next pool
    for (_, last_a, _, _), (first_b, _, _, _) in pairwise(pool_starts):
        message = new("message")
        collab_parts.append(
            f"<{p}messageFlow id={quoteattr(message)} sourceRef={quoteattr(last_a)} targetRef={quoteattr(first_b)} />"
        )
        sx, sy, sw, sh = pos[last_a]
        tx, ty, tw, _ = pos[first_b]
        edges.append(
            _edge(
                message,
                [
                    (sx + sw / 2, sy + sh),
                    (sx + sw / 2, ty - 10),
                    (tx + tw / 2, ty - 10),
                    (tx + tw / 2, ty),
                ],
            )
        )
    if diagram.leftovers:
        # ADONIS keeps shapes of deleted objects and edges without waypoints
        shapes.append(_shape(f"obj.{90000 + len(made)}", 1200, 40, 100, 80))
        edges.append(
            _edge(f"obj.{91000 + len(made)}", [(10, 10)], element=f"obj.{91000 + len(made)}")
        )
    collab_name = (
        f" name={quoteattr(diagram.collaboration_name)}" if diagram.collaboration_name else ""
    )
    collaboration = (
        f"<{p}collaboration id={quoteattr(collaboration_id)}{collab_name}>"
        + "".join(collab_parts)
        + f"</{p}collaboration>"
    )
    copied[diagram.file] = made
    xmlns = f'xmlns:{prefix}="{MODEL}"' if prefix else f'xmlns="{MODEL}"'
    vendor_ns = NAMESPACES.get(vendor, "")
    definitions_id = "Definitions_" + ids("definitions").split("_")[-1]
    di = (
        f'<bpmndi:BPMNDiagram id="BPMNDiagram_1"><bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement={quoteattr(collaboration_id)}>'
        + "".join(shapes)
        + "".join(edges)
        + "</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>"
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<{p}definitions {xmlns} xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" '
        'xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" '
        f'{vendor_ns} id={quoteattr(definitions_id)} targetNamespace="http://bpmn.io/schema/bpmn" {exporter}>\n'
        + collaboration
        + "\n"
        + "\n".join(semantic)
        + "\n"
        + di
        + f"\n</{p}definitions>\n"
    )


def _is_gateway(node_id: str, body: list[str]) -> bool:
    return any(f"exclusiveGateway id={quoteattr(node_id)}" in line for line in body)


def _properties(vendor: str, p: str, props: dict[str, str]) -> str:
    if not props:
        return ""
    if vendor == "camunda":
        inner = "".join(
            f"<camunda:property name={quoteattr(k)} value={quoteattr(v)} />"
            for k, v in props.items()
        )
        return f"<{p}extensionElements><camunda:properties>{inner}</camunda:properties></{p}extensionElements>"
    if vendor == "signavio":
        inner = "".join(
            f"<signavio:signavioMetaData metaKey={quoteattr(k)} metaValue={quoteattr(v)} />"
            for k, v in props.items()
        )
        return f"<{p}extensionElements>{inner}</{p}extensionElements>"
    return ""


def _shape(
    element_id: str,
    x: float,
    y: float,
    w: float,
    h: float,
    *,
    horizontal: bool = False,
    element: str | None = None,
) -> str:
    flag = ' isHorizontal="true"' if horizontal else ""
    return (
        f'<bpmndi:BPMNShape id="{element_id}_di" bpmnElement="{element or element_id}"{flag}>'
        f'<dc:Bounds x="{x:g}" y="{y:g}" width="{w:g}" height="{h:g}" /></bpmndi:BPMNShape>'
    )


def _edge(edge_id: str, points: list[tuple[float, float]], *, element: str | None = None) -> str:
    waypoints = "".join(f'<di:waypoint x="{x:g}" y="{y:g}" />' for x, y in points)
    return f'<bpmndi:BPMNEdge id="{edge_id}_di" bpmnElement="{element or edge_id}">{waypoints}</bpmndi:BPMNEdge>'


CITIZEN = Pool("Antragsteller/in", black_box=True)
P = "lotse:department"

DIAGRAMS = [
    Diagram("rechnungseingang.bpmn", "camunda4", [
        Pool("Lieferant", black_box=True),
        Pool("Rechnungseingangsstelle", [
            T("Rechnung aus dem Funktionspostfach abrufen", note="Postfach rechnung@stadt; XRechnung als XML-Anhang"),
            T("Rechnungsdaten in SAP FI erfassen", kind="userTask", note="Kreditor, Betrag, Fälligkeit werden aus der XRechnung abgetippt", store="SAP FI"),
            T("Rechnung auf Vollständigkeit prüfen", decide="vollständig?"),
            T("Rechnung an Fachamt weiterleiten"),
        ]),
        Pool("Fachamt", [
            T("Sachliche Richtigkeit bestätigen", note="Abgleich mit Bestellung"),
            T("Rechnung in SAP buchen", kind="userTask"),
            T("Zahlung anweisen"),
        ]),
    ]),
    Diagram("funktionspostfach.bpmn", "bpmnio", [
        Pool("Bürgerservice", [
            T("E-Mail im Funktionspostfach öffnen"),
            T("Anhang speichern", note="Rechtsklick > Speichern unter > Laufwerk S:\\Eingang"),
            T("Vorgang im DMS anlegen"),
            T("E-Mail an Sachbearbeitung weiterleiten"),
            T("E-Mail in Ordner Erledigt verschieben"),
        ], process_name="", note="Der gesamte Prozess wird über MS-Outlook abgewickelt."),
    ]),
    Diagram("gewerbeanmeldung.bpmn", "signavio", [
        Pool("Gewerbetreibende/r", black_box=True),
        Pool("Gewerbeamt", [
            T("Online-Anmeldung aus dem Portal abrufen"),
            T("Daten in das Gewerberegister übertragen", note="copy & paste aus dem PDF in die Maske des Fachverfahrens"),
            T("Gewerbeschein erzeugen"),
            T("Meldung an Finanzamt und IHK versenden", kind="sendTask"),
        ], process_name="Gewerbeanmeldung", props={P: "32"}),
    ]),
    Diagram("bescheid-word.bpmn", "camunda5", [
        Pool("Steueramt", [
            T("Word öffnen"),
            T("Vorlage Bescheid auswählen", note="Datei > Neu > Vorlagen > Bescheid"),
            T("Dokumenteninhalt mit Strg-A auswählen"),
            T("Inhalt in Outlook einfügen"),
            T("E-Mail an Antragsteller senden"),
            T("Bescheid im DMS speichern"),
        ], process_name="Bescheid per E-Mail versenden"),
    ]),
    Diagram("hundesteuer.bpmn", "camunda5", [
        CITIZEN,
        Pool("Steueramt", [
            T("Anmeldeformular aus dem Postfach holen"),
            T("Halterdaten im Steuerverfahren anlegen", kind="userTask", store="Steuerverfahren"),
            T("Steuerbescheid erzeugen", kind="serviceTask"),
            T("Steuermarke versenden"),
        ], process_name="Hundesteuer anmelden"),
    ]),
    Diagram("reisekosten.bpmn", "adonis", [
        Pool("Beschäftigte/r", [T("Reisekostenantrag ausfüllen"), T("Belege einreichen", data="Papierbelege")]),
        Pool("Reisekostenstelle", [
            T("Belege auf Vollständigkeit prüfen"),
            T("Erstattungsbetrag in Excel berechnen", note="Tabelle Reisekosten.xlsx, Pauschalen nach BRKG"),
            T("Auszahlung in SAP erfassen"),
        ]),
    ], leftovers=True),
    Diagram("zeitkorrektur.bpmn", "activiti", [
        Pool("Beschäftigte/r", [T("Korrekturantrag stellen", kind="userTask")]),
        Pool("Vorgesetzte/r", [T("Korrektur genehmigen", kind="userTask", decide="genehmigt?")]),
        Pool("Personalstelle", [T("Buchung im Zeiterfassungssystem korrigieren", kind="userTask"), T("Beschäftigte per E-Mail informieren", kind="userTask")]),
    ]),
    Diagram("meldebescheinigung.bpmn", "bpmnio", [
        Pool("Antragsteller/in", [T("Login Antragsteller"), T("Antrag im Portal ausfüllen"), T("Gebühr online bezahlen")]),
        Pool("Bürgerbüro", [
            T("Antrag aus dem Portal abrufen"),
            T("Daten mit dem Melderegister abgleichen"),
            T("Meldebescheinigung erzeugen"),
            T("Bescheinigung elektronisch signieren", note="Kennwort eingeben, Signaturkarte stecken, PIN"),
            T("Bescheinigung ins Postfach des Antragstellers senden"),
        ]),
    ], collaboration_name=""),
    Diagram("posteingang.bpmn", "adonis", [
        Pool("Poststelle", [
            T("Briefe öffnen", kind="manualTask"),
            T("Eingangsstempel aufbringen"),
            T("Post scannen"),
            T("Scan im DMS ablegen"),
            T("Fachamt per E-Mail benachrichtigen"),
        ], process_name="Posteingang bearbeiten"),
    ], leftovers=True),
    Diagram("urlaubsantrag.bpmn", "camunda4", [
        Pool("Beschäftigte/r", [T("Urlaubsantrag stellen")]),
        Pool("Vorgesetzte/r", [T("Vertretung prüfen"), T("Urlaubsantrag genehmigen", decide="genehmigt?")]),
        Pool("Personalstelle", [T("Resturlaub in Excel prüfen"), T("Urlaub in Zeiterfassung eintragen")]),
    ]),
    Diagram("dienstreiseantrag.bpmn", "camunda4", [
        Pool("Beschäftigte/r", [T("Dienstreiseantrag stellen")]),
        Pool("Vorgesetzte/r", [T("Dienstliche Notwendigkeit beurteilen"), T("Dienstreise genehmigen", decide="genehmigt?")]),
        Pool("Reisestelle", [T("Fahrkarte buchen"), T("Reise im Kalender eintragen")]),
    ], ids_from="urlaubsantrag.bpmn"),
    Diagram("fortbildungsantrag.bpmn", "camunda5", [
        Pool("Beschäftigte/r", [T("Fortbildung auswählen"), T("Antrag stellen")]),
        Pool("Vorgesetzte/r", [T("Antrag genehmigen", decide="genehmigt?")]),
        Pool("Personalentwicklung", [T("Budget prüfen"), T("Anmeldung an Anbieter per E-Mail senden"), T("Teilnahme in Personalakte vermerken")]),
    ]),
    Diagram("sitzungsdienst.bpmn", "signavio", [
        Pool("Ratsbüro", [
            T("Tagesordnung abstimmen"),
            T("Einladung erstellen"),
            T("Sitzungsunterlagen im Ratsinformationssystem hochladen"),
            T("Sitzung protokollieren"),
            T("Niederschrift mit Vorsitz abstimmen"),
        ], process_name="Ratssitzung vorbereiten und nachbereiten"),
    ]),
    Diagram("beschaffung.bpmn", "bpmnio", [
        Pool("Fachamt", [T("Bedarf melden"), T("Angebote einholen", note="mind. 3 Angebote, telefonisch oder per Mail")]),
        Pool("Zentrale Vergabestelle", [T("Vergabe entscheiden", decide="Zuschlag?"), T("Bestellung in SAP anlegen")]),
        Pool("Lieferant", black_box=True),
        Pool("Fachamt Lager", [T("Ware annehmen", kind="manualTask"), T("Lieferung auf Schäden prüfen")]),
    ]),
    Diagram("tageskasse.bpmn", "adonis", [
        Pool("Stadtkasse", [
            T("Bargeld zählen", kind="manualTask"),
            T("Kassenbuch in Excel übertragen"),
            T("Differenzen klären"),
            T("Geld zur Bank bringen"),
        ], process_name="Tagesabschluss der Barkasse"),
    ], leftovers=True),
    Diagram("fundsachen.bpmn", "camunda5", [
        Pool("Bürger/in", [T("Fundsache abgeben")]),
        Pool("Fundbüro", [T("Fundsache entgegennehmen", kind="manualTask"), T("Fundsache im Fundregister erfassen"), T("Fundsache einlagern")]),
    ]),
    Diagram("vertretung.bpmn", "bpmnio", [
        Pool("Teamleitung", [T("Abwesenheit klären"), T("Vertretung sicherstellen"), T("Team informieren")], process_name="Vertretung organisieren"),
    ]),
    Diagram("akteneinsicht.bpmn", "signavio", [
        CITIZEN,
        Pool("Rechtsamt", [
            T("Antrag auf Akteneinsicht inhaltlich prüfen"),
            T("Schutzwürdige Belange abwägen"),
            T("Akte schwärzen"),
            T("Einsicht gewähren", decide="gewährt?"),
        ], process_name="Akteneinsicht nach IFG"),
    ]),
    Diagram("bewerbungsverfahren.bpmn", "camunda4", [
        Pool("Bewerber/in", black_box=True),
        Pool("Personalstelle", [T("Bewerbungen sichten"), T("Vorstellungsgespräche führen"), T("Auswahl treffen", decide="geeignet?"), T("Absagen versenden")]),
    ]),
    Diagram("baumfaellung.bpmn", "activiti", [
        Pool("Grundstückseigentümer/in", black_box=True),
        Pool("Umweltamt", [
            T("Ortstermin durchführen", kind="userTask"),
            T("Baum begutachten", kind="userTask"),
            T("Ermessen ausüben", kind="userTask", doc="Abwägung zwischen Eigentum und Baumschutz im Einzelfall"),
            T("Bescheid erstellen", kind="userTask"),
        ]),
    ]),
    Diagram("wohngeld-haertefall.bpmn", "camunda5", [
        CITIZEN,
        Pool("Wohngeldstelle", [
            T("Härtefallantrag lesen"),
            T("Persönliche Verhältnisse würdigen"),
            T("Anhörung durchführen"),
            T("Über Härtefall entscheiden", decide="anerkannt?"),
        ], process_name="Wohngeld im Härtefall"),
    ]),
    Diagram("widerspruch.bpmn", "signavio", [
        CITIZEN,
        Pool("Rechtsamt", [
            T("Widerspruch rechtlich würdigen"),
            T("Stellungnahme des Fachamts einholen"),
            T("Abhilfe prüfen", decide="Abhilfe?"),
            T("Widerspruchsbescheid verfassen"),
        ], process_name="Widerspruchsverfahren"),
    ]),
    Diagram("schluesselausgabe.bpmn", "adonis", [
        Pool("Hausmeisterei", [T("Schlüssel aushändigen", kind="manualTask"), T("Unterschrift auf Ausgabeliste einholen"), T("Schlüssel zurücknehmen", kind="manualTask")], process_name="Schlüsselausgabe"),
    ], leftovers=True),
    Diagram("telefonnotiz.bpmn", "bpmnio", [
        Pool("Bürgerservice", [T("Anruf entgegennehmen"), T("Anliegen klären"), T("Rückruf vereinbaren")], process_name="Telefonische Anfragen"),
    ]),
    Diagram("platzhalter.bpmn", "camunda5", [
        Pool("Pool", [T("", kind="sendTask")]),
        Pool("Pool 2", [T("Task 1"), T("")]),
    ]),
    Diagram("entwurf.bpmn", "bpmnio", [
        Pool("Sachbearbeitung", [T("Aufgabe"), T("Task 2"), T("...")]),
    ]),
]  # fmt: skip


def main() -> None:
    copied: dict[str, list[str]] = {}
    for diagram in DIAGRAMS:
        (HERE / diagram.file).write_text(render(diagram, copied), encoding="utf-8")
    print(f"{len(DIAGRAMS)} Diagramme geschrieben nach {HERE}")


if __name__ == "__main__":
    main()
