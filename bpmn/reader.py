"""Read BPMN 2.0 XML from any modelling tool into :mod:`bpmn.model`.

Elements are matched by namespace and local name, never by prefix: real
exports use ``bpmn:``, ``bpmn2:``, ``semantic:``, ``model:`` or no prefix at
all. Anything unexpected is skipped or recorded as a ``Problem``; only a file
that is not readable XML or not BPMN 2.0 at all raises ``BpmnReadError``.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import TypedDict

from bpmn.errors import BpmnReadError
from bpmn.model import (
    EVENT_KINDS,
    FLOW_NODE_KINDS,
    GATEWAY_KINDS,
    SUBPROCESS_KINDS,
    Activity,
    Artifact,
    Bounds,
    Collaboration,
    DataAssociation,
    DataElement,
    Definitions,
    Diagram,
    Edge,
    Element,
    Event,
    FlowContainer,
    FlowNode,
    Gateway,
    Lane,
    MessageFlow,
    Participant,
    Point,
    Problem,
    Process,
    SequenceFlow,
    Shape,
    SubProcess,
)
from bpmn.safe_xml import (
    MAX_ID,
    SHORTENED,
    XmlLimits,
    parse_xml,
    read_limited,
    shortened_id,
)

MODEL_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI_NS = "http://www.omg.org/spec/BPMN/20100524/DI"

_M = "{" + MODEL_NS + "}"
_DI = "{" + BPMNDI_NS + "}"
_M_LEN = len(_M)

_DATA_KINDS = frozenset(
    {"dataObject", "dataObjectReference", "dataStoreReference", "dataInput", "dataOutput"}
)
_ARTIFACT_KINDS = frozenset({"textAnnotation", "association", "group"})
_LOOP_KINDS = {"standardLoopCharacteristics", "multiInstanceLoopCharacteristics"}
_DEFAULT_LIMITS = XmlLimits()


def read_bpmn(source: Path | str | bytes, *, limits: XmlLimits = _DEFAULT_LIMITS) -> Definitions:
    """Read a BPMN file (path) or document (bytes).

    Raises :class:`BpmnReadError` with a German one-line message when the input
    is not a readable BPMN 2.0 document.
    """
    data = source if isinstance(source, bytes) else read_limited(Path(source), limits)
    root = parse_xml(data, limits)
    return _Reader().read(root)


def _local(tag: object) -> str | None:
    """Local name of an element in the BPMN model namespace, else None."""
    if isinstance(tag, str) and tag.startswith(_M):
        return tag[_M_LEN:]
    return None


def _split(tag: str) -> tuple[str, str]:
    if tag.startswith("{"):
        namespace, _, local = tag[1:].partition("}")
        return namespace, local
    return "", tag


def _text(el: ET.Element) -> str:
    return (el.text or "").strip()


def _ref(value: str | None) -> str:
    """A reference as an id. Some tools write QNames (``bpmn2:Task_1``); ids
    are NCNames and never hold a colon, so the prefix can always go."""
    if not value:
        return ""
    value = value.strip()
    value = value.rpartition(":")[2] if ":" in value else value
    # As the id it points to was shortened (safe_xml); an attribute came shortened already.
    return shortened_id(value) if len(value) > MAX_ID else value


def _opt_ref(value: str | None) -> str | None:
    return _ref(value) or None


def _flag(el: ET.Element, name: str, default: bool = False) -> bool:
    value = el.get(name)
    if value is None:
        return default
    return value.strip().lower() == "true"


class _NodeFields(TypedDict):
    id: str
    kind: str
    name: str
    documentation: str
    extension_elements: ET.Element | None
    process_id: str
    parent_id: str | None


class _ActivityFields(TypedDict):
    loop: str | None
    is_for_compensation: bool
    default_flow: str | None
    called_element: str | None
    implementation: str | None


class _Reader:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.index: dict[str, Element] = {}
        self.flows: list[SequenceFlow] = []
        self.data_associations: list[DataAssociation] = []
        self.artifacts: list[Artifact] = []
        self.lanes: list[Lane] = []
        self._anonymous = 0

    # -- entry -------------------------------------------------------------

    def read(self, root: ET.Element) -> Definitions:
        if root.tag != _M + "definitions":
            raise _not_bpmn(root.tag)
        defs = Definitions(
            id=root.get("id") or "",
            kind="definitions",
            name=root.get("name") or "",
            target_namespace=root.get("targetNamespace") or "",
            exporter=root.get("exporter") or "",
            exporter_version=root.get("exporterVersion") or "",
            documentation=self._documentation(root),
            problems=self.problems,
            index=self.index,
        )
        for child in root:
            local = _local(child.tag)
            if local == "process":
                defs.processes.append(self._process(child))
            elif local == "collaboration":
                defs.collaborations.append(self._collaboration(child))
            elif local is not None and child.get("id"):
                # messages, signals, errors, data stores …: kept so that
                # references to them resolve
                self._register(
                    Element(id=child.get("id") or "", kind=local, name=child.get("name") or "")
                )
            elif child.tag == _DI + "BPMNDiagram":
                defs.diagrams.append(self._diagram(child))
        self._resolve(defs)
        if root.get(SHORTENED) is not None:
            self._report_shortened(root)
        return defs

    def _report_shortened(self, root: ET.Element) -> None:
        """One finding per element whose name or id was too long to keep (see safe_xml)."""
        for el in root.iter():
            note = el.get(SHORTENED)
            if not note:
                continue
            what = _local(el.tag) or "Element"
            for part in note.split():
                attribute, _, length = part.partition(":")
                label = {"name": "Der Name", "id": "Die id"}.get(attribute, f"„{attribute}“")
                chars = f"{int(length):,}".replace(",", ".")
                self.problems.append(
                    Problem(
                        el.get("id"),
                        "too-long",
                        f"{label} eines Elements vom Typ „{what}“ war {chars} Zeichen lang und "
                        "wird gekürzt gezeigt; bitte im Modellierungswerkzeug kürzen.",
                    )
                )

    # -- semantic part -----------------------------------------------------

    def _id(self, el: ET.Element, kind: str) -> str:
        element_id = el.get("id")
        if element_id:
            return element_id
        self._anonymous += 1
        element_id = f"lotse-ohne-id-{self._anonymous}"
        self.problems.append(
            Problem(
                element_id,
                "missing-id",
                f"Ein Element vom Typ „{kind}“ hat keine id; Lotse nennt es „{element_id}“.",
            )
        )
        return element_id

    def _register(self, element: Element) -> None:
        if element.id in self.index:
            self.problems.append(
                Problem(
                    element.id,
                    "duplicate-id",
                    f"Die id „{element.id}“ kommt mehrfach vor; ids müssen eindeutig sein.",
                )
            )
            return
        self.index[element.id] = element

    def _documentation(self, el: ET.Element) -> str:
        parts = [_text(d) for d in el if d.tag == _M + "documentation"]
        return "\n".join(p for p in parts if p)

    def _process(self, el: ET.Element) -> Process:
        process = Process(
            id=self._id(el, "process"),
            kind="process",
            name=el.get("name") or "",
            documentation=self._documentation(el),
            extension_elements=_extensions(el),
            is_executable=_flag(el, "isExecutable"),
        )
        self._register(process)
        process.content = self._container(el, process.id, None)
        return process

    def _container(self, el: ET.Element, process_id: str, parent_id: str | None) -> FlowContainer:
        container = FlowContainer()
        for child in el:
            local = _local(child.tag)
            if local is None:
                continue
            if local in FLOW_NODE_KINDS:
                container.nodes.append(self._node(child, local, process_id, parent_id, container))
            elif local == "sequenceFlow":
                container.flows.append(self._sequence_flow(child))
            elif local in _DATA_KINDS:
                container.data.append(self._data(child, local))
            elif local == "ioSpecification":
                for io in child:
                    io_local = _local(io.tag)
                    if io_local in ("dataInput", "dataOutput"):
                        container.data.append(self._data(io, io_local))
            elif local in _ARTIFACT_KINDS:
                container.artifacts.append(self._artifact(child, local))
            elif local == "laneSet":
                container.lanes.extend(self._lane_set(child))
        return container

    def _node(
        self,
        el: ET.Element,
        kind: str,
        process_id: str,
        parent_id: str | None,
        container: FlowContainer,
    ) -> FlowNode:
        children = _children(el)  # one pass; nodes are the bulk of the work
        common: _NodeFields = {
            "id": self._id(el, kind),
            "kind": kind,
            "name": el.get("name") or "",
            "documentation": _joined_text(children.get("documentation")),
            "extension_elements": _first(children.get("extensionElements")),
            "process_id": process_id,
            "parent_id": parent_id,
        }
        node: FlowNode
        if kind in EVENT_KINDS:
            node = Event(
                **common,
                definitions=_event_definitions(children),
                attached_to=_opt_ref(el.get("attachedToRef")),
                cancel_activity=_flag(el, "cancelActivity", True),
                is_interrupting=_flag(el, "isInterrupting", True),
            )
        elif kind in GATEWAY_KINDS:
            node = Gateway(
                **common,
                default_flow=_opt_ref(el.get("default")),
                direction=el.get("gatewayDirection") or "Unspecified",
                instantiate=_flag(el, "instantiate"),
            )
        else:
            activity_fields: _ActivityFields = {
                "loop": _loop(children),
                "is_for_compensation": _flag(el, "isForCompensation"),
                "default_flow": _opt_ref(el.get("default")),
                "called_element": el.get("calledElement"),
                "implementation": el.get("implementation") or el.get("scriptFormat"),
            }
            if kind in SUBPROCESS_KINDS:
                sub = SubProcess(
                    **common, **activity_fields, triggered_by_event=_flag(el, "triggeredByEvent")
                )
                sub.content = self._container(el, process_id, sub.id)
                node = sub
            else:
                node = Activity(**common, **activity_fields)
            for prop in children.get("property", ()):
                # data associations point at these; keep them resolvable
                if prop.get("id"):
                    self._register(Element(id=prop.get("id") or "", kind="property"))
        self._register(node)
        for local in ("dataInputAssociation", "dataOutputAssociation"):
            for child in children.get(local, ()):
                container.data_associations.append(self._data_association(child, local, node.id))
        return node

    def _sequence_flow(self, el: ET.Element) -> SequenceFlow:
        children = _children(el)
        expressions = children.get("conditionExpression")
        flow = SequenceFlow(
            id=self._id(el, "sequenceFlow"),
            kind="sequenceFlow",
            name=el.get("name") or "",
            documentation=_joined_text(children.get("documentation")),
            extension_elements=_first(children.get("extensionElements")),
            source=_ref(el.get("sourceRef")),
            target=_ref(el.get("targetRef")),
            condition="".join(expressions[-1].itertext()).strip() if expressions else None,
        )
        self._register(flow)
        self.flows.append(flow)
        return flow

    def _data(self, el: ET.Element, kind: str) -> DataElement:
        data = DataElement(
            id=self._id(el, kind),
            kind=kind,
            name=el.get("name") or "",
            documentation=self._documentation(el),
            extension_elements=_extensions(el),
            ref=_opt_ref(el.get("dataObjectRef") or el.get("dataStoreRef")),
            is_collection=_flag(el, "isCollection"),
        )
        self._register(data)
        return data

    def _data_association(self, el: ET.Element, kind: str, node_id: str) -> DataAssociation:
        sources = [_ref(c.text) for c in el if c.tag == _M + "sourceRef" and _text(c)]
        targets = [_ref(c.text) for c in el if c.tag == _M + "targetRef" and _text(c)]
        association = DataAssociation(
            id=self._id(el, kind),
            kind=kind,
            node=node_id,
            sources=sources,
            target=targets[0] if targets else None,
        )
        self._register(association)
        self.data_associations.append(association)
        return association

    def _artifact(self, el: ET.Element, kind: str) -> Artifact:
        text = ""
        for child in el:
            if child.tag == _M + "text":
                text = "".join(child.itertext()).strip()
        artifact = Artifact(
            id=self._id(el, kind),
            kind=kind,
            name=el.get("name") or "",
            documentation=self._documentation(el),
            text=text,
            source=_opt_ref(el.get("sourceRef")),
            target=_opt_ref(el.get("targetRef")),
        )
        self._register(artifact)
        self.artifacts.append(artifact)
        return artifact

    def _lane_set(self, el: ET.Element) -> list[Lane]:
        lanes = []
        for child in el:
            if child.tag != _M + "lane":
                continue
            lane = Lane(
                id=self._id(child, "lane"),
                kind="lane",
                name=child.get("name") or "",
                documentation=self._documentation(child),
                extension_elements=_extensions(child),
            )
            self._register(lane)
            self.lanes.append(lane)
            for part in child:
                if part.tag == _M + "flowNodeRef" and _text(part):
                    lane.node_refs.append(_ref(part.text))
                elif part.tag == _M + "childLaneSet":
                    lane.children.extend(self._lane_set(part))
            lanes.append(lane)
        return lanes

    def _collaboration(self, el: ET.Element) -> Collaboration:
        collaboration = Collaboration(
            id=self._id(el, "collaboration"),
            kind="collaboration",
            name=el.get("name") or "",
            documentation=self._documentation(el),
        )
        self._register(collaboration)
        for child in el:
            local = _local(child.tag)
            if local == "participant":
                participant = Participant(
                    id=self._id(child, local),
                    kind=local,
                    name=child.get("name") or "",
                    documentation=self._documentation(child),
                    extension_elements=_extensions(child),
                    process_ref=_opt_ref(child.get("processRef")),
                )
                self._register(participant)
                collaboration.participants.append(participant)
            elif local == "messageFlow":
                message_flow = MessageFlow(
                    id=self._id(child, local),
                    kind=local,
                    name=child.get("name") or "",
                    documentation=self._documentation(child),
                    source=_ref(child.get("sourceRef")),
                    target=_ref(child.get("targetRef")),
                )
                self._register(message_flow)
                collaboration.message_flows.append(message_flow)
            elif local in _ARTIFACT_KINDS:
                collaboration.artifacts.append(self._artifact(child, local))
        return collaboration

    # -- diagram interchange ----------------------------------------------

    def _diagram(self, el: ET.Element) -> Diagram:
        diagram = Diagram(id=el.get("id") or "", name=el.get("name") or "", plane_element=None)
        for plane in el:
            if plane.tag != _DI + "BPMNPlane":
                continue
            diagram.plane_element = _opt_ref(plane.get("bpmnElement"))
            for item in plane:
                if item.tag == _DI + "BPMNShape":
                    shape = self._shape(item)
                    if shape is not None:
                        diagram.shapes.append(shape)
                elif item.tag == _DI + "BPMNEdge":
                    edge = self._edge(item)
                    if edge is not None:
                        diagram.edges.append(edge)
        return diagram

    def _shape(self, el: ET.Element) -> Shape | None:
        bounds = None
        label = None
        for child in el:
            tag = child.tag
            if tag.endswith("Bounds"):
                bounds = self._bounds(child, el)
            elif tag.endswith("BPMNLabel"):
                label = self._label(child, el)
        if bounds is None:
            self._bad_geometry(el, "hat keine gültigen Abmessungen (Bounds)")
            return None
        expanded = el.get("isExpanded")
        horizontal = el.get("isHorizontal")
        return Shape(
            id=el.get("id") or "",
            element_id=_ref(el.get("bpmnElement")),
            bounds=bounds,
            label=label,
            is_expanded=None if expanded is None else expanded.strip().lower() == "true",
            is_horizontal=None if horizontal is None else horizontal.strip().lower() == "true",
        )

    def _edge(self, el: ET.Element) -> Edge | None:
        points: list[Point] = []
        label = None
        for child in el:
            tag = child.tag
            if tag.endswith("waypoint"):
                try:
                    point = Point(float(child.get("x", "")), float(child.get("y", "")))
                except ValueError:
                    point = Point(math.nan, math.nan)
                if not (math.isfinite(point.x) and math.isfinite(point.y)):
                    self._bad_geometry(el, "hat einen ungültigen Wegpunkt")
                    return None
                points.append(point)
            elif tag.endswith("BPMNLabel"):
                label = self._label(child, el)
        return Edge(
            id=el.get("id") or "",
            element_id=_ref(el.get("bpmnElement")),
            waypoints=points,
            label=label,
        )

    def _label(self, el: ET.Element, owner: ET.Element) -> Bounds | None:
        for child in el:
            if child.tag.endswith("Bounds"):
                return self._bounds(child, owner)
        return None

    def _bounds(self, el: ET.Element, owner: ET.Element) -> Bounds | None:
        try:
            x, y = float(el.get("x", "")), float(el.get("y", ""))
            width, height = float(el.get("width", "")), float(el.get("height", ""))
        except ValueError:
            return None
        if not all(map(math.isfinite, (x, y, width, height))) or width < 0 or height < 0:
            return None
        return Bounds(x, y, width, height)

    def _bad_geometry(self, el: ET.Element, what: str) -> None:
        element = el.get("bpmnElement") or el.get("id") or "?"
        self.problems.append(
            Problem(element, "bad-geometry", f"Die Diagramm-Form für „{element}“ {what}.")
        )

    # -- references --------------------------------------------------------

    def _resolve(self, defs: Definitions) -> None:
        index = self.index

        def dangling(owner: str, what: str, ref: str, code: str = "dangling-reference") -> None:
            shown = ref or "(leer)"
            self.problems.append(
                Problem(
                    owner,
                    code,
                    f"„{owner}“ verweist als {what} auf „{shown}“, das es in der Datei nicht gibt.",
                )
            )

        def node(ref: str) -> FlowNode | None:
            found = index.get(ref)
            return found if isinstance(found, FlowNode) else None

        for flow in self.flows:
            source, target = node(flow.source), node(flow.target)
            if source is None:
                dangling(flow.id, "Quelle", flow.source)
            else:
                source.outgoing.append(flow.id)
            if target is None:
                dangling(flow.id, "Ziel", flow.target)
            else:
                target.incoming.append(flow.id)

        for element in list(index.values()):
            if isinstance(element, (Gateway, Activity)) and element.default_flow:
                default = index.get(element.default_flow)
                if isinstance(default, SequenceFlow):
                    default.is_default = True
                else:
                    dangling(element.id, "Standardfluss", element.default_flow)
            if isinstance(element, Event):
                if element.kind == "boundaryEvent":
                    host = index.get(element.attached_to or "")
                    if not isinstance(host, Activity):
                        dangling(element.id, "angeheftete Aktivität", element.attached_to or "")
                element.definitions = [self._definition_kind(d) for d in element.definitions]

        for lane in self.lanes:
            for ref in lane.node_refs:
                target_node = node(ref)
                if target_node is None:
                    dangling(lane.id, "Element der Lane", ref)
                else:
                    target_node.lanes.append(lane.id)

        for participant in defs.participants():
            if participant.process_ref and not isinstance(
                index.get(participant.process_ref), Process
            ):
                dangling(participant.id, "Prozess", participant.process_ref)

        for message_flow in defs.message_flows():
            for what, ref in (("Quelle", message_flow.source), ("Ziel", message_flow.target)):
                if ref not in index:
                    dangling(message_flow.id, what, ref)

        for association in self.data_associations:
            refs = association.sources if association.is_input else [association.target or ""]
            for data_ref in refs:
                if data_ref not in index:
                    dangling(association.id, "Datenobjekt", data_ref)

        for artifact in self.artifacts:
            if artifact.kind == "association":
                for what, end in (("Quelle", artifact.source), ("Ziel", artifact.target)):
                    if (end or "") not in index:
                        dangling(artifact.id, what, end or "")

        for data in index.values():
            if isinstance(data, DataElement) and data.ref and data.ref not in index:
                dangling(data.id, "Datenobjekt", data.ref)

        for diagram in defs.diagrams:
            if diagram.plane_element and diagram.plane_element not in index:
                dangling(
                    diagram.id or "BPMNPlane",
                    "Diagramm-Inhalt",
                    diagram.plane_element,
                    "drawing-reference",
                )
            for item in diagram.items():
                if item.element_id not in index:
                    # drawing leftovers (ADONIS keeps shapes of deleted objects): the
                    # model is fine, only the picture has a shape too many
                    dangling(
                        item.id or "BPMNShape",
                        "Diagramm-Element",
                        item.element_id,
                        "drawing-reference",
                    )

    def _definition_kind(self, definition: str) -> str:
        if not definition.startswith("ref:"):
            return definition
        referenced = self.index.get(definition[4:])
        if referenced is not None and referenced.kind.endswith("EventDefinition"):
            return referenced.kind.removesuffix("EventDefinition")
        return "unknown"


def _children(el: ET.Element) -> dict[str, list[ET.Element]]:
    """Children in the BPMN namespace grouped by local name, in document order."""
    groups: dict[str, list[ET.Element]] = {}
    for child in el:
        tag = child.tag
        if tag.startswith(_M):
            groups.setdefault(tag[_M_LEN:], []).append(child)
    return groups


def _first(elements: list[ET.Element] | None) -> ET.Element | None:
    return elements[0] if elements else None


def _joined_text(elements: list[ET.Element] | None) -> str:
    if not elements:
        return ""
    return "\n".join(text for text in (_text(e) for e in elements) if text)


def _event_definitions(children: dict[str, list[ET.Element]]) -> list[str]:
    definitions: list[str] = []
    for local, elements in children.items():
        if local.endswith("EventDefinition"):
            definitions.extend(local.removesuffix("EventDefinition") for _ in elements)
        elif local == "eventDefinitionRef":
            # resolved once every root element is known
            definitions.extend("ref:" + _ref(e.text) for e in elements)
    return definitions


def _loop(children: dict[str, list[ET.Element]]) -> str | None:
    if "standardLoopCharacteristics" in children:
        return "standard"
    multi = children.get("multiInstanceLoopCharacteristics")
    if multi:
        return "sequential" if _flag(multi[0], "isSequential") else "parallel"
    return None


def _extensions(el: ET.Element) -> ET.Element | None:
    for child in el:
        if child.tag == _M + "extensionElements":
            return child
    return None


def _not_bpmn(tag: object) -> BpmnReadError:
    namespace, local = _split(tag if isinstance(tag, str) else "?")
    if local == "definitions" and namespace:
        message = (
            f"Die Datei ist keine BPMN-2.0-Datei: sie verwendet den Namensraum „{namespace}“ "
            f"statt „{MODEL_NS}“."
        )
    else:
        where = f" (Namensraum „{namespace}“)" if namespace else ""
        message = (
            f"Die Datei ist keine BPMN-2.0-Datei: das oberste Element ist <{local}>{where} "
            "statt <definitions>."
        )
    return BpmnReadError(message, reason="not-bpmn")
