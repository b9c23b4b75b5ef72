"""What one drawing says, as steps: names, kinds, roles, order and exceptions.

A *step* is what a pilot would point at when explaining the process: an
activity, a start or an end, an intermediate or boundary event, or a decision
(an exclusive, inclusive, complex or event-based gateway that splits). Joins
and parallel gateways are structure, not steps; the flow passes through them.

Roles are drawn as lanes or as pools of one collaboration (in real workshop
files pools are far more common): both become the step's ``role``, and the
flow between pools (message flows) counts like the flow within one.
"""

from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass, field

from bpmn.model import (
    ACTIVITY_KINDS,
    Definitions,
    Event,
    FlowNode,
    Lane,
)

DECISION_KINDS = frozenset(
    {"exclusiveGateway", "inclusiveGateway", "complexGateway", "eventBasedGateway"}
)
EXCEPTION_DEFINITIONS = frozenset({"error", "escalation", "cancel", "compensate"})
# Above this many flow nodes a drawing is no workshop drawing; order analysis
# (reachability from every step) is skipped so that a huge file cannot stall a page.
MAX_NODES_FOR_ORDER = 600


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One step as one drawing shows it."""

    drawing: int
    element_id: str
    label: str  # the name, or for unnamed elements a German description
    named: bool
    kind: str  # BPMN local name
    family: str  # "activity", "start", "end", "event" or "decision"
    role: str  # lane or pool name; "" when the drawing shows no roles
    position: float  # 0 (start) … 1 (end) along the flow
    exception: bool  # on an exception path (see DrawingSteps.exception)
    branches: tuple[str, ...] = ()  # decisions: the labels of the outgoing flows

    @property
    def ref(self) -> tuple[int, str]:
        return (self.drawing, self.element_id)


@dataclass(slots=True)
class DrawingSteps:
    """The steps of one drawing and how they follow each other."""

    index: int
    name: str
    steps: list[Occurrence]
    # step id -> the steps that come next (through joins and parallel gateways)
    successors: dict[str, set[str]] = field(default_factory=dict)
    # step id -> every step reachable from it; None when the drawing is too large
    reachable: dict[str, set[str]] | None = None
    flow_labels: dict[tuple[str, str], str] = field(default_factory=dict)
    hand_offs: int = 0  # changes of role along the flow, including message flows

    @property
    def by_id(self) -> dict[str, Occurrence]:
        return {s.element_id: s for s in self.steps}

    @property
    def roles(self) -> list[str]:
        seen: list[str] = []
        for step in self.steps:
            if step.role and step.role not in seen:
                seen.append(step.role)
        return seen


def family_of(node: FlowNode) -> str | None:
    """The kind of step a flow node is, or None when it is structure only."""
    if node.kind in ACTIVITY_KINDS:
        return "activity"
    if node.kind == "startEvent":
        # a start event inside a sub-process is part of that sub-process's content
        return "start" if node.parent_id is None else None
    if node.kind == "endEvent":
        return "end" if node.parent_id is None else None
    if isinstance(node, Event):
        return "event"
    if node.kind in DECISION_KINDS and len(node.outgoing) > 1:
        return "decision"
    return None


def drawing_steps(defs: Definitions, index: int, name: str) -> DrawingSteps:
    """Pure: the steps of a read diagram (every process and pool of the file)."""
    nodes = {node.id: node for node in defs.nodes()}
    graph = _Graph(defs, nodes)
    roles = _roles(defs)
    positions = graph.positions()
    steps_ids = [n.id for n in nodes.values() if family_of(n) is not None]
    step_set = set(steps_ids)
    successors = {sid: graph.next_steps(sid, step_set) for sid in steps_ids}
    reachable = (
        {sid: graph.reachable(sid) & step_set for sid in steps_ids}
        if len(nodes) <= MAX_NODES_FOR_ORDER
        else None
    )
    exceptional = graph.exceptional(step_set)
    flow_labels = graph.step_flow_labels(step_set)
    occurrences = []
    for sid in steps_ids:
        node = nodes[sid]
        family = family_of(node)
        assert family is not None
        branches = tuple(graph.flow_label(f) for f in node.outgoing) if family == "decision" else ()
        occurrences.append(
            Occurrence(
                drawing=index,
                element_id=sid,
                label=node.label or _describe_unnamed(node, family, branches),
                named=bool(node.label),
                kind=node.kind,
                family=family,
                role=roles.get(sid, ""),
                position=positions.get(sid, 0.0),
                exception=sid in exceptional,
                branches=tuple(b for b in branches if b),
            )
        )
    occurrences.sort(key=lambda o: (o.position, o.element_id))
    hand_offs = sum(
        1
        for sid, nexts in successors.items()
        for nxt in nexts
        if roles.get(sid) and roles.get(nxt) and roles.get(sid) != roles.get(nxt)
    )
    return DrawingSteps(
        index=index,
        name=name,
        steps=occurrences,
        successors=successors,
        reachable=reachable,
        flow_labels=flow_labels,
        hand_offs=hand_offs,
    )


_FAMILY_GERMAN = {
    "start": "Start",
    "end": "Ende",
    "event": "Ereignis",
    "activity": "Schritt ohne Namen",
}


def _describe_unnamed(node: FlowNode, family: str, branches: tuple[str, ...]) -> str:
    if family == "decision":
        shown = [b for b in branches if b]
        return "Entscheidung (" + " / ".join(shown) + ")" if shown else "Entscheidung ohne Namen"
    if (
        family == "end"
        and isinstance(node, Event)
        and set(node.definitions) & EXCEPTION_DEFINITIONS
    ):
        return "Ende mit Fehler"
    return _FAMILY_GERMAN[family]


def _roles(defs: Definitions) -> dict[str, str]:
    """Node id -> the innermost named lane, else the pool of its process."""
    pools = {p.process_ref: p.label for p in defs.participants() if p.process_ref}
    roles: dict[str, str] = {}
    for process in defs.processes:
        lanes: dict[str, Lane] = {lane.id: lane for lane in process.walk_lanes()}
        for node in process.content.walk_nodes():
            named = [lanes[i].label for i in node.lanes if i in lanes and lanes[i].label]
            role = named[0] if named else pools.get(process.id, "")
            if role:
                roles[node.id] = role
    return roles


class _Graph:
    """The flow of one file: sequence flows, message flows between nodes, boundary events."""

    def __init__(self, defs: Definitions, nodes: dict[str, FlowNode]) -> None:
        self.nodes = nodes
        self.succ: dict[str, list[str]] = defaultdict(list)
        self.pred: dict[str, list[str]] = defaultdict(list)
        self.labels: dict[str, str] = {}
        self.edge_labels: dict[tuple[str, str], str] = {}
        for process in defs.processes:
            for flow in process.content.walk_flows():
                if flow.source in nodes and flow.target in nodes:
                    self._link(flow.source, flow.target)
                    self.labels[flow.id] = flow.label
                    if flow.label:
                        self.edge_labels.setdefault((flow.source, flow.target), flow.label)
        for message in defs.message_flows():
            if message.source in nodes and message.target in nodes:
                self._link(message.source, message.target)
        for node in nodes.values():
            if isinstance(node, Event) and node.attached_to in nodes:
                self._link(node.attached_to, node.id)
            # a sub-process's content follows its start: link it to the inner starts
            if node.parent_id in nodes and not self.pred.get(node.id):
                self._link(node.parent_id, node.id)

    def _link(self, source: str, target: str) -> None:
        self.succ[source].append(target)
        self.pred[target].append(source)

    def flow_label(self, flow_id: str) -> str:
        return self.labels.get(flow_id, "")

    def starts(self) -> list[str]:
        roots = [n for n in self.nodes if not self.pred.get(n)]
        return roots or list(self.nodes)[:1]

    def back_edges(self) -> set[tuple[str, str]]:
        """Edges that close a loop, by depth-first search from every root."""
        state: dict[str, int] = {}
        back: set[tuple[str, str]] = set()
        for root in [*self.starts(), *self.nodes]:
            if root in state:
                continue
            state[root] = 1
            stack = [(root, iter(self.succ.get(root, [])))]
            while stack:
                current, children = stack[-1]
                child = next(children, None)
                if child is None:
                    state[current] = 2
                    stack.pop()
                elif state.get(child) == 1:
                    back.add((current, child))
                elif child not in state:
                    state[child] = 1
                    stack.append((child, iter(self.succ.get(child, []))))
        return back

    def positions(self) -> dict[str, float]:
        """Longest-path layer of every node (loops ignored), scaled to 0 … 1."""
        back = self.back_edges()
        indegree = {n: 0 for n in self.nodes}
        for source, targets in self.succ.items():
            for target in targets:
                if (source, target) not in back:
                    indegree[target] += 1
        layer = dict.fromkeys(self.nodes, 0)
        queue = deque(n for n, d in indegree.items() if d == 0)
        while queue:
            current = queue.popleft()
            for target in self.succ.get(current, []):
                if (current, target) in back:
                    continue
                layer[target] = max(layer[target], layer[current] + 1)
                indegree[target] -= 1
                if indegree[target] == 0:
                    queue.append(target)
        deepest = max(layer.values(), default=0) or 1
        return {n: value / deepest for n, value in layer.items()}

    def next_steps(self, start: str, steps: set[str]) -> set[str]:
        """The steps reached from ``start`` without passing another step."""
        found: set[str] = set()
        seen = {start}
        stack = list(self.succ.get(start, []))
        while stack:
            current = stack.pop()
            if current in seen:
                continue
            seen.add(current)
            if current in steps:
                found.add(current)
            else:
                stack.extend(self.succ.get(current, []))
        return found

    def reachable(self, start: str) -> set[str]:
        seen: set[str] = set()
        stack = list(self.succ.get(start, []))
        while stack:
            current = stack.pop()
            if current not in seen:
                seen.add(current)
                stack.extend(self.succ.get(current, []))
        return seen

    def step_flow_labels(self, steps: set[str]) -> dict[tuple[str, str], str]:
        """Labels on the way from one step to the next (a decision's "ja", "nein")."""
        labels: dict[tuple[str, str], str] = {}
        for (source, target), label in self.edge_labels.items():
            if source not in steps:
                continue
            targets = {target} if target in steps else self.next_steps(target, steps)
            for reached in targets:
                labels.setdefault((source, reached), label)
        return labels

    def exceptional(self, steps: set[str]) -> set[str]:
        """Steps on an exception path.

        Boundary events and error/escalation/cancel events are exceptions, and
        so is everything after them that never returns to the main flow. The
        main end of a process (a pool) is the end event the longest path leads
        to; its steps that cannot reach it lead to another end ("Antrag
        abgelehnt", "kein Toast").
        """
        marked = {
            n
            for n, node in self.nodes.items()
            if node.kind == "boundaryEvent"
            or (isinstance(node, Event) and set(node.definitions) & EXCEPTION_DEFINITIONS)
        }
        ends_by_process: dict[str, list[str]] = defaultdict(list)
        for n in steps:
            if self.nodes[n].kind == "endEvent":
                ends_by_process[self.nodes[n].process_id].append(n)
        positions = self.positions()
        for process_id, ends in ends_by_process.items():
            normal_ends = sorted(e for e in ends if e not in marked) or sorted(ends)
            main = max(normal_ends, key=lambda e: positions.get(e, 0.0))
            reaching_main = self._reaching(main)
            for node in steps:
                if self.nodes[node].process_id == process_id and node not in reaching_main:
                    marked.add(node)
        return marked & steps

    def _reaching(self, target: str) -> set[str]:
        seen = {target}
        stack = [target]
        while stack:
            current = stack.pop()
            for source in self.pred.get(current, []):
                if source not in seen:
                    seen.add(source)
                    stack.append(source)
        return seen
