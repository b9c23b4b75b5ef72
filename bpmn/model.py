"""A typed, read-only view of a BPMN 2.0 document.

The model keeps what Lotse uses (structure, names, documentation, extension
properties, diagram geometry) and records what could not be resolved as
``Problem``s instead of failing. Element kinds are the BPMN local names
(``userTask``, ``exclusiveGateway`` …) so that they match the specification,
the modelling tools and the ``inspect`` contract.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field

from bpmn.extensions import ExtensionValue, flatten_extensions

TASK_KINDS = frozenset(
    {
        "task",
        "userTask",
        "serviceTask",
        "sendTask",
        "receiveTask",
        "scriptTask",
        "businessRuleTask",
        "manualTask",
    }
)
SUBPROCESS_KINDS = frozenset({"subProcess", "transaction", "adHocSubProcess"})
ACTIVITY_KINDS = TASK_KINDS | SUBPROCESS_KINDS | {"callActivity"}
EVENT_KINDS = frozenset(
    {
        "startEvent",
        "endEvent",
        "intermediateCatchEvent",
        "intermediateThrowEvent",
        "boundaryEvent",
        "implicitThrowEvent",
    }
)
GATEWAY_KINDS = frozenset(
    {
        "exclusiveGateway",
        "inclusiveGateway",
        "parallelGateway",
        "complexGateway",
        "eventBasedGateway",
    }
)
FLOW_NODE_KINDS = ACTIVITY_KINDS | EVENT_KINDS | GATEWAY_KINDS


@dataclass(slots=True)
class Bounds:
    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height

    @property
    def center(self) -> Point:
        return Point(self.x + self.width / 2, self.y + self.height / 2)


@dataclass(slots=True)
class Point:
    x: float
    y: float


@dataclass(slots=True, kw_only=True)
class Element:
    id: str
    kind: str
    name: str = ""
    documentation: str = ""
    # The raw <extensionElements>; flattened only when asked for, because
    # some tools write large vendor trees that nobody here reads.
    extension_elements: ET.Element | None = field(default=None, repr=False, compare=False)

    @property
    def label(self) -> str:
        """The name on one line, as a person reads it on the canvas."""
        return " ".join(self.name.split())

    @property
    def extensions(self) -> list[ExtensionValue]:
        return flatten_extensions(self.extension_elements)

    @property
    def properties(self) -> dict[str, str]:
        """Name/value extension properties (Camunda, Zeebe, Signavio …) as a dict."""
        return {e.key: e.value for e in self.extensions if "/" not in e.key and "@" not in e.key}


@dataclass(slots=True, kw_only=True)
class FlowNode(Element):
    """Any task, event, gateway, sub-process or call activity."""

    process_id: str
    parent_id: str | None = None  # the enclosing sub-process, if any
    incoming: list[str] = field(default_factory=list)  # sequence flow ids
    outgoing: list[str] = field(default_factory=list)
    lanes: list[str] = field(default_factory=list)  # innermost lane first

    @property
    def is_activity(self) -> bool:
        return self.kind in ACTIVITY_KINDS

    @property
    def is_task(self) -> bool:
        return self.kind in TASK_KINDS

    @property
    def is_event(self) -> bool:
        return self.kind in EVENT_KINDS

    @property
    def is_gateway(self) -> bool:
        return self.kind in GATEWAY_KINDS


@dataclass(slots=True, kw_only=True)
class Activity(FlowNode):
    loop: str | None = None  # "standard", "parallel" or "sequential" (multi-instance)
    is_for_compensation: bool = False
    default_flow: str | None = None
    called_element: str | None = None  # callActivity only
    implementation: str | None = None  # service/send/receive/businessRule/script tasks


@dataclass(slots=True, kw_only=True)
class SubProcess(Activity):
    """An embedded sub-process, transaction or ad-hoc sub-process with its own content."""

    triggered_by_event: bool = False
    content: FlowContainer = field(default_factory=lambda: FlowContainer())


@dataclass(slots=True, kw_only=True)
class Event(FlowNode):
    # Kinds without the suffix: "message", "timer", "error", "signal" …
    definitions: list[str] = field(default_factory=list)
    attached_to: str | None = None  # boundary events
    cancel_activity: bool = True
    is_interrupting: bool = True  # start events of event sub-processes


@dataclass(slots=True, kw_only=True)
class Gateway(FlowNode):
    default_flow: str | None = None
    direction: str = "Unspecified"
    instantiate: bool = False


@dataclass(slots=True, kw_only=True)
class SequenceFlow(Element):
    source: str
    target: str
    # None: no conditionExpression at all; "": one that is present but empty.
    condition: str | None = None
    is_default: bool = False


@dataclass(slots=True, kw_only=True)
class DataElement(Element):
    """dataObject, dataObjectReference, dataStoreReference, dataInput, dataOutput."""

    ref: str | None = None  # dataObjectRef / dataStoreRef
    is_collection: bool = False


@dataclass(slots=True, kw_only=True)
class DataAssociation(Element):
    """A data input (data → activity) or output (activity → data) association."""

    node: str  # the activity or event that owns it
    sources: list[str] = field(default_factory=list)
    target: str | None = None

    @property
    def is_input(self) -> bool:
        return self.kind == "dataInputAssociation"


@dataclass(slots=True, kw_only=True)
class Artifact(Element):
    """textAnnotation (``text``), association (``source``/``target``) or group."""

    text: str = ""
    source: str | None = None
    target: str | None = None


@dataclass(slots=True)
class FlowContainer:
    """What a process or an embedded sub-process holds directly."""

    nodes: list[FlowNode] = field(default_factory=list)
    flows: list[SequenceFlow] = field(default_factory=list)
    data: list[DataElement] = field(default_factory=list)
    data_associations: list[DataAssociation] = field(default_factory=list)
    artifacts: list[Artifact] = field(default_factory=list)
    lanes: list[Lane] = field(default_factory=list)  # top level; children nest

    def walk_nodes(self) -> Iterator[FlowNode]:
        """Every flow node, including those nested in sub-processes (depth first)."""
        for node in self.nodes:
            yield node
            if isinstance(node, SubProcess):
                yield from node.content.walk_nodes()

    def walk_containers(self) -> Iterator[FlowContainer]:
        yield self
        for node in self.nodes:
            if isinstance(node, SubProcess):
                yield from node.content.walk_containers()

    def walk_flows(self) -> Iterator[SequenceFlow]:
        for container in self.walk_containers():
            yield from container.flows


@dataclass(slots=True, kw_only=True)
class Lane(Element):
    node_refs: list[str] = field(default_factory=list)
    children: list[Lane] = field(default_factory=list)

    def walk(self) -> Iterator[Lane]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(slots=True, kw_only=True)
class Process(Element):
    is_executable: bool = False
    content: FlowContainer = field(default_factory=FlowContainer)

    def walk_lanes(self) -> Iterator[Lane]:
        """Every lane at every depth, including lanes of sub-processes."""
        for container in self.content.walk_containers():
            for lane in container.lanes:
                yield from lane.walk()


@dataclass(slots=True, kw_only=True)
class Participant(Element):
    """A pool. ``process_ref`` is None for a collapsed pool (an outside party)."""

    process_ref: str | None = None


@dataclass(slots=True, kw_only=True)
class MessageFlow(Element):
    source: str
    target: str


@dataclass(slots=True, kw_only=True)
class Collaboration(Element):
    participants: list[Participant] = field(default_factory=list)
    message_flows: list[MessageFlow] = field(default_factory=list)
    artifacts: list[Artifact] = field(default_factory=list)


@dataclass(slots=True)
class Shape:
    id: str
    element_id: str
    bounds: Bounds
    label: Bounds | None = None
    is_expanded: bool | None = None
    is_horizontal: bool | None = None


@dataclass(slots=True)
class Edge:
    id: str
    element_id: str
    waypoints: list[Point]
    label: Bounds | None = None


@dataclass(slots=True)
class Diagram:
    id: str
    name: str
    plane_element: str | None
    shapes: list[Shape] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)

    def items(self) -> Iterator[Shape | Edge]:
        yield from self.shapes
        yield from self.edges


@dataclass(slots=True)
class Problem:
    """Something in the file that is wrong but did not stop the reading."""

    element_id: str | None
    code: str  # e.g. "dangling-reference", "duplicate-id", "bad-number"
    message: str  # German, one sentence


@dataclass(slots=True, kw_only=True)
class Definitions(Element):
    target_namespace: str = ""
    exporter: str = ""
    exporter_version: str = ""
    processes: list[Process] = field(default_factory=list)
    collaborations: list[Collaboration] = field(default_factory=list)
    diagrams: list[Diagram] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Every element with an id, first occurrence wins (duplicates are problems).
    index: dict[str, Element] = field(default_factory=dict)

    def nodes(self) -> Iterator[FlowNode]:
        for process in self.processes:
            yield from process.content.walk_nodes()

    def message_flows(self) -> Iterator[MessageFlow]:
        for collaboration in self.collaborations:
            yield from collaboration.message_flows

    def participants(self) -> Iterator[Participant]:
        for collaboration in self.collaborations:
            yield from collaboration.participants

    @property
    def has_diagram(self) -> bool:
        return any(diagram.shapes for diagram in self.diagrams)
