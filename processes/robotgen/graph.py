"""A process as the skeleton sees it: containers of steps and flows, with their roles.

Built from the read diagram (``bpmn.model``) and the current assessment's
task categories, which say which tasks need a person: the generator never
judges a task itself. Pure; no database, no files.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from bpmn.model import (
    Activity,
    Event,
    FlowContainer,
    FlowNode,
    Process,
    SequenceFlow,
    SubProcess,
)

DECIDING = frozenset(
    {"exclusiveGateway", "inclusiveGateway", "complexGateway", "eventBasedGateway"}
)
SEVERAL = frozenset({"inclusiveGateway", "complexGateway"})  # more than one way may hold
MESSAGE_TASKS = frozenset({"sendTask", "receiveTask"})


@dataclass(frozen=True, slots=True)
class TaskInfo:
    """What the scoring says about a task (from its task assessment)."""

    category: str  # system, robot, assist, human
    potential: float
    discretion: bool
    lane: str = ""
    reasons: tuple[str, ...] = ()


@dataclass(slots=True)
class Flow:
    id: str
    source: str
    target: str
    label: str
    condition: str | None
    is_default: bool


@dataclass(slots=True)
class Node:
    id: str
    kind: str  # the BPMN element name
    label: str
    documentation: str
    art: str  # the walker's kind of step (see walker.Schritt)
    incoming: list[str] = field(default_factory=list)
    outgoing: list[str] = field(default_factory=list)
    sammeln: str = ""
    options: list[str] = field(default_factory=list)  # decisions: "" / flow ids / "a+b"
    standard: str = ""
    boundaries: list[str] = field(default_factory=list)
    interrupting: bool = True
    attached_to: str | None = None
    definitions: tuple[str, ...] = ()
    task: TaskInfo | None = None
    container: Container | None = None  # expanded sub-processes
    called: str | None = None  # call activities

    @property
    def name(self) -> str:
        return self.label or self.id


@dataclass(slots=True)
class Container:
    """A process or an expanded sub-process: the steps of one walker ``Ablauf``."""

    id: str
    kind: str
    label: str
    nodes: dict[str, Node] = field(default_factory=dict)
    flows: dict[str, Flow] = field(default_factory=dict)
    start: list[str] = field(default_factory=list)
    always: list[str] = field(default_factory=list)
    reaches: dict[str, frozenset[str]] = field(default_factory=dict)
    back_edges: set[str] = field(default_factory=set)
    event_triggered: list[Container] = field(default_factory=list)  # event sub-processes

    @property
    def name(self) -> str:
        return self.label or self.id

    def walk(self) -> Iterator[Container]:
        """This container, its sub-processes and event sub-processes, depth first."""
        yield self
        for node in self.nodes.values():
            if node.container is not None:
                yield from node.container.walk()
        for triggered in self.event_triggered:
            yield from triggered.walk()


def build(process: Process, tasks: Mapping[str, TaskInfo]) -> Container:
    """The skeleton's view of a BPMN process."""
    return _container(process.id, "process", process.label, process.content, tasks)


def _container(
    ident: str, kind: str, label: str, content: FlowContainer, tasks: Mapping[str, TaskInfo]
) -> Container:
    container = Container(ident, kind, label)
    skipped: set[str] = set()
    for bpmn_node in content.nodes:
        if isinstance(bpmn_node, SubProcess) and bpmn_node.triggered_by_event:
            container.event_triggered.append(
                _container(bpmn_node.id, bpmn_node.kind, bpmn_node.label, bpmn_node.content, tasks)
            )
            skipped.add(bpmn_node.id)
            continue
        if _is_compensation(bpmn_node) or bpmn_node.id in container.nodes:
            skipped.add(bpmn_node.id)  # compensation runs outside the normal flow; duplicates
            continue
        container.nodes[bpmn_node.id] = _node(bpmn_node, tasks)
    for bpmn_flow in content.flows:
        if bpmn_flow.source in container.nodes and bpmn_flow.target in container.nodes:
            if bpmn_flow.id in container.flows:
                continue
            container.flows[bpmn_flow.id] = _flow(bpmn_flow)
            container.nodes[bpmn_flow.source].outgoing.append(bpmn_flow.id)
            container.nodes[bpmn_flow.target].incoming.append(bpmn_flow.id)
    _link_events(container)
    for node in container.nodes.values():
        if node.art == "randereignis" and node.attached_to in container.nodes:
            container.nodes[node.attached_to].boundaries.append(node.id)
    _starts(container)
    _back_edges(container)
    _reaches(container)
    for node in container.nodes.values():
        _roles_of_flows(node, container)
    return container


def _is_compensation(node: FlowNode) -> bool:
    if isinstance(node, Activity) and node.is_for_compensation:
        return True
    return (
        isinstance(node, Event)
        and node.kind == "boundaryEvent"
        and ("compensate" in node.definitions)
    )


def _flow(flow: SequenceFlow) -> Flow:
    return Flow(flow.id, flow.source, flow.target, flow.label, flow.condition, flow.is_default)


def _node(bpmn_node: FlowNode, tasks: Mapping[str, TaskInfo]) -> Node:
    node = Node(
        id=bpmn_node.id,
        kind=bpmn_node.kind,
        label=bpmn_node.label,
        documentation=" ".join(bpmn_node.documentation.split()),
        art="leer",
        task=tasks.get(bpmn_node.id),
    )
    if isinstance(bpmn_node, SubProcess) and bpmn_node.content.nodes:
        node.art = "teilablauf"
        node.container = _container(
            bpmn_node.id, bpmn_node.kind, bpmn_node.label, bpmn_node.content, tasks
        )
    elif isinstance(bpmn_node, Activity):
        node.called = bpmn_node.called_element
        node.art = _activity_art(bpmn_node, node.task)
    elif isinstance(bpmn_node, Event):
        node.definitions = tuple(bpmn_node.definitions)
        node.interrupting = bpmn_node.cancel_activity
        if bpmn_node.kind == "boundaryEvent":
            node.art = "randereignis"
            node.attached_to = bpmn_node.attached_to
        elif "terminate" in node.definitions:
            node.art = "abbruch"
        elif node.definitions:
            node.art = "ereignis"
        else:
            node.art = "ende" if bpmn_node.kind == "endEvent" else "leer"
    return node


def _activity_art(activity: Activity, task: TaskInfo | None) -> str:
    if activity.kind in MESSAGE_TASKS:
        return "nachricht"
    if task is not None and (task.category == "human" or task.discretion):
        return "mensch"
    if task is not None and task.category == "assist":
        return "vorbereiten"
    return "aufgabe"


def _link_events(container: Container) -> None:
    """A thrown link event continues at the caught link event of the same name."""
    catching = {
        n.label: n.id
        for n in container.nodes.values()
        if n.kind == "intermediateCatchEvent" and "link" in n.definitions and n.label
    }
    for node in list(container.nodes.values()):
        if node.kind == "intermediateThrowEvent" and "link" in node.definitions:
            target = catching.get(node.label)
            if target is not None:
                ident = f"{node.id}>{target}"
                container.flows[ident] = Flow(ident, node.id, target, "", None, False)
                node.outgoing.append(ident)
                container.nodes[target].incoming.append(ident)


def _starts(container: Container) -> None:
    """Start events are alternatives; other steps without an incoming flow start always."""
    for node in container.nodes.values():
        if node.incoming or node.art == "randereignis":
            continue
        if node.kind == "startEvent":
            container.start.append(node.id)
        elif node.kind == "intermediateCatchEvent" and "link" in node.definitions:
            continue  # reached through its thrown link event only
        else:
            container.always.append(node.id)


def _successors(container: Container, node: Node) -> list[str]:
    targets = [container.flows[f].target for f in node.outgoing]
    for boundary in node.boundaries:
        targets += [container.flows[f].target for f in container.nodes[boundary].outgoing]
    return targets


def _back_edges(container: Container) -> None:
    """Flows that close a loop, found depth first from the starts (for the standard ways)."""
    state: dict[str, int] = {}
    roots = container.start + container.always + list(container.nodes)
    for root in roots:
        if root in state:
            continue
        state[root] = 1
        stack: list[tuple[str, Iterator[str]]] = [(root, iter(_outgoing(container, root)))]
        while stack:
            current, flows = stack[-1]
            flow = next(flows, None)
            if flow is None:
                state[current] = 2
                stack.pop()
                continue
            target = container.flows[flow].target
            if state.get(target) == 1:
                container.back_edges.add(flow)
            elif target not in state:
                state[target] = 1
                stack.append((target, iter(_outgoing(container, target))))


def _outgoing(container: Container, node_id: str) -> list[str]:
    node = container.nodes[node_id]
    flows = list(node.outgoing)
    for boundary in node.boundaries:
        flows += container.nodes[boundary].outgoing
    return flows


def _reaches(container: Container) -> None:
    """Which steps each step can reach (an inclusive join waits while a token can)."""
    for ident, node in container.nodes.items():
        seen: set[str] = set()
        todo = _successors(container, node)
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            todo += _successors(container, container.nodes[current])
        container.reaches[ident] = frozenset(seen)


def _roles_of_flows(node: Node, container: Container) -> None:
    """Joins, decisions and their standard ways."""
    if node.kind == "parallelGateway" and len(node.incoming) > 1:
        node.sammeln = "alle"
    elif node.kind in SEVERAL and len(node.incoming) > 1:
        node.sammeln = "inklusiv"
    if node.kind in DECIDING and len(node.outgoing) > 1:
        node.art = "entscheidung"
        choices = [f for f in node.outgoing if not container.flows[f].is_default]
        default = next((f for f in node.outgoing if container.flows[f].is_default), None)
        node.options = list(choices) + ([default] if default else [])
        if node.kind in SEVERAL and len(choices) > 1:
            node.options.append("+".join(choices))
        # Without a default: the first way that leaves a loop around the gateway, so that
        # stubs without rules always come to an end (then the first not closing a loop).
        leaving = [
            f
            for f in node.outgoing
            if node.id not in container.reaches.get(container.flows[f].target, frozenset())
            and container.flows[f].target != node.id
        ]
        forward = [f for f in node.outgoing if f not in container.back_edges]
        node.standard = default or next(iter(leaving + forward + node.outgoing))


def decision_options(container: Container) -> dict[str, list[str]]:
    """Every decision point of the container tree with its options (for the path search)."""
    options: dict[str, list[str]] = {}
    for part in container.walk():
        if len(part.start) > 1:
            options[f"{part.id}#start"] = list(part.start)
        for node in part.nodes.values():
            if node.art == "entscheidung":
                options[node.id] = list(node.options)
            if node.boundaries:  # only activities have them, never a gateway
                options[node.id] = ["", *node.boundaries]
    return options


def standard_options(container: Container) -> dict[str, str]:
    standards: dict[str, str] = {}
    for part in container.walk():
        if len(part.start) > 1:
            standards[f"{part.id}#start"] = part.start[0]
        for node in part.nodes.values():
            if node.art == "entscheidung":
                standards[node.id] = node.standard
            if node.boundaries:
                standards[node.id] = ""
    return standards


def is_gateway(node: Node) -> bool:
    return node.kind.endswith("Gateway")
