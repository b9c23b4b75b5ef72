"""Automatic left-to-right layout for files that carry no diagram interchange.

A few tools export only the semantic model. To still show the pilot a
picture, nodes are placed in layers by the longest path from the start
(loops are ignored for the layering), one band per pool and one row band per
lane, with sub-processes drawn collapsed and boundary events on their host's
lower edge. The result is an ordinary :class:`~bpmn.model.Diagram`, so the
painter draws it like any other.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from bpmn.model import (
    Bounds,
    Definitions,
    Diagram,
    Edge,
    Event,
    Lane,
    Participant,
    Point,
    Process,
    Shape,
)

COLUMN = 160.0
ROW = 110.0
HEADER = 30.0
POOL_GAP = 40.0
BLACK_BOX_HEIGHT = 70.0


def node_size(kind: str) -> tuple[float, float]:
    if kind.endswith("Event"):
        return 36.0, 36.0
    if kind.endswith("Gateway"):
        return 50.0, 50.0
    return 100.0, 80.0


def auto_layout(defs: Definitions) -> Diagram:
    diagram = Diagram(id="lotse-auto-layout", name="Automatisch angeordnet", plane_element=None)
    pools = {p.process_ref: p for p in defs.participants() if p.process_ref}
    placed: dict[str, Bounds] = {}
    top = 0.0
    width = 0.0
    bands: list[tuple[Participant | None, Bounds]] = []
    for process in defs.processes:
        pool = pools.get(process.id)
        if not process.content.nodes and pool is None:
            continue
        band = _ProcessLayout(process, top).run(diagram, placed)
        bands.append((pool, band))
        width = max(width, band.width)
        top = band.bottom + POOL_GAP
    for pool, band in bands:
        if pool is not None:
            diagram.shapes.insert(
                0,
                Shape(
                    f"{pool.id}_di",
                    pool.id,
                    Bounds(0, band.y, width, band.height),
                    is_horizontal=True,
                ),
            )
    for pool in defs.participants():
        if pool.process_ref is None or pool.process_ref not in {p.id for p in defs.processes}:
            bounds = Bounds(0, top, max(width, 400), BLACK_BOX_HEIGHT)
            diagram.shapes.insert(0, Shape(f"{pool.id}_di", pool.id, bounds, is_horizontal=True))
            placed[pool.id] = bounds
            top = bounds.bottom + POOL_GAP
    for flow in defs.message_flows():
        source, target = placed.get(flow.source), placed.get(flow.target)
        if source is None or target is None:
            continue
        diagram.edges.append(Edge(f"{flow.id}_di", flow.id, _vertical_link(source, target)))
    return diagram


def _vertical_link(source: Bounds, target: Bounds) -> list[Point]:
    x = (max(source.x, target.x) + min(source.right, target.right)) / 2
    if not (source.x <= x <= source.right and target.x <= x <= target.right):
        x = source.center.x
    if source.bottom <= target.y:
        return [Point(x, source.bottom), Point(x, target.y)]
    return [Point(x, source.y), Point(x, target.bottom)]


class _ProcessLayout:
    def __init__(self, process: Process, top: float) -> None:
        self.process = process
        self.top = top
        nodes = process.content.nodes
        self.nodes = [n for n in nodes if n.kind != "boundaryEvent"]
        self.boundary = [n for n in nodes if isinstance(n, Event) and n.kind == "boundaryEvent"]
        self.host_of = {b.id: b.attached_to for b in self.boundary if b.attached_to}
        self.ids = {n.id for n in self.nodes}

    def run(self, diagram: Diagram, placed: dict[str, Bounds]) -> Bounds:
        flows = [
            f
            for f in self.process.content.flows
            if self._anchor(f.source) in self.ids and self._anchor(f.target) in self.ids
        ]
        links = [(self._anchor(f.source), self._anchor(f.target)) for f in flows]
        layer = _layers([n.id for n in self.nodes], links)
        lanes = _leaf_lanes(self.process.content.lanes)
        lane_of = self._lane_of(lanes)
        rows = self._rows(layer, links, lane_of)

        lane_rows: dict[int, int] = defaultdict(lambda: 1)
        for node_id, row in rows.items():
            lane_rows[lane_of[node_id]] = max(lane_rows[lane_of[node_id]], row + 1)
        lane_count = max(len(lanes), 1) + (
            1 if any(v == len(lanes) for v in lane_of.values()) and lanes else 0
        )
        lane_top: list[float] = []
        cursor = self.top
        for index in range(lane_count):
            lane_top.append(cursor)
            cursor += lane_rows[index] * ROW
        height = max(cursor - self.top, ROW)
        left = 2 * HEADER if lanes else HEADER
        columns = max(layer.values(), default=0) + 1
        width = left + columns * COLUMN + 20

        for node in self.nodes:
            w, h = node_size(node.kind)
            x = left + layer[node.id] * COLUMN + (COLUMN - w) / 2
            y = lane_top[lane_of[node.id]] + rows[node.id] * ROW + (ROW - h) / 2
            bounds = Bounds(x, y, w, h)
            placed[node.id] = bounds
            diagram.shapes.append(Shape(f"{node.id}_di", node.id, bounds, is_expanded=False))
        per_host: dict[str, int] = defaultdict(int)
        for event in self.boundary:
            host = placed.get(event.attached_to or "")
            if host is None:
                continue
            slot = per_host[event.attached_to or ""]
            per_host[event.attached_to or ""] += 1
            bounds = Bounds(host.right - 46 - slot * 40, host.bottom - 18, 36, 36)
            placed[event.id] = bounds
            diagram.shapes.append(Shape(f"{event.id}_di", event.id, bounds))
        for index, lane in enumerate(lanes):
            bounds = Bounds(HEADER, lane_top[index], width - HEADER, lane_rows[index] * ROW)
            diagram.shapes.insert(0, Shape(f"{lane.id}_di", lane.id, bounds, is_horizontal=True))
        kinds = {n.id: n.kind for n in self.process.content.nodes}
        for flow in flows:
            source, target = placed.get(flow.source), placed.get(flow.target)
            if source is not None and target is not None:
                points = _route(
                    source,
                    target,
                    fork=kinds.get(flow.source, "").endswith("Gateway"),
                    join=kinds.get(flow.target, "").endswith("Gateway"),
                )
                diagram.edges.append(Edge(f"{flow.id}_di", flow.id, points))
        return Bounds(0, self.top, width, height)

    def _anchor(self, node_id: str) -> str:
        """Boundary events take part in the layering through their host."""
        return self.host_of.get(node_id, node_id)

    def _lane_of(self, lanes: list[Lane]) -> dict[str, int]:
        index = {lane.id: i for i, lane in enumerate(lanes)}
        lane_of = {}
        for node in self.nodes:
            inner = [index[lane] for lane in node.lanes if lane in index]
            lane_of[node.id] = inner[-1] if inner else len(lanes) if lanes else 0
        return lane_of

    def _rows(
        self, layer: dict[str, int], links: list[tuple[str, str]], lane_of: dict[str, int]
    ) -> dict[str, int]:
        """Keep chains on one row; give parallel branches the next free row."""
        predecessors: dict[str, list[str]] = defaultdict(list)
        for source, target in links:
            predecessors[target].append(source)
        taken: set[tuple[int, int, int]] = set()
        rows: dict[str, int] = {}
        for node in sorted(self.nodes, key=lambda n: layer[n.id]):
            lane = lane_of[node.id]
            wanted = min(
                (rows[p] for p in predecessors[node.id] if p in rows and lane_of[p] == lane),
                default=0,
            )
            row = wanted
            while (lane, layer[node.id], row) in taken:
                row += 1
            taken.add((lane, layer[node.id], row))
            rows[node.id] = row
        return rows


def _leaf_lanes(lanes: Iterable[Lane]) -> list[Lane]:
    leaves: list[Lane] = []
    for lane in lanes:
        for item in lane.walk():
            if not item.children:
                leaves.append(item)
    return leaves


def _layers(nodes: list[str], links: list[tuple[str, str]]) -> dict[str, int]:
    """Longest-path layering after removing the edges that close loops."""
    successors: dict[str, list[str]] = defaultdict(list)
    indegree = dict.fromkeys(nodes, 0)
    for source, target in links:
        successors[source].append(target)
        indegree[target] += 1
    back: set[tuple[str, str]] = set()
    state: dict[str, int] = {}  # 1 on the stack, 2 done
    roots = [n for n in nodes if indegree[n] == 0] + nodes
    for root in roots:
        if root in state:
            continue
        stack = [(root, iter(successors[root]))]
        state[root] = 1
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
                stack.append((child, iter(successors[child])))
    layer = dict.fromkeys(nodes, 0)
    remaining = dict.fromkeys(nodes, 0)
    for source, target in links:
        if (source, target) not in back:
            remaining[target] += 1
    ready = [n for n in nodes if remaining[n] == 0]
    while ready:
        current = ready.pop(0)
        for child in successors[current]:
            if (current, child) in back:
                continue
            layer[child] = max(layer[child], layer[current] + 1)
            remaining[child] -= 1
            if remaining[child] == 0:
                ready.append(child)
    return layer


def _route(source: Bounds, target: Bounds, *, fork: bool, join: bool) -> list[Point]:
    """Orthogonal route; gateways branch from and merge into their corners, as bpmn.io does."""
    s, t = source.center, target.center
    if target.x >= source.right:  # forwards
        if abs(s.y - t.y) < 1:
            return [Point(source.right, s.y), Point(target.x, t.y)]
        if fork:
            exit_y = source.bottom if t.y > s.y else source.y
            return [Point(s.x, exit_y), Point(s.x, t.y), Point(target.x, t.y)]
        if join:
            entry_y = target.bottom if s.y > t.y else target.y
            return [Point(source.right, s.y), Point(t.x, s.y), Point(t.x, entry_y)]
        mid = (source.right + target.x) / 2
        return [Point(source.right, s.y), Point(mid, s.y), Point(mid, t.y), Point(target.x, t.y)]
    # backwards (a loop): under both shapes
    below = max(source.bottom, target.bottom) + 18
    return [
        Point(s.x, source.bottom),
        Point(s.x, below),
        Point(t.x, below),
        Point(t.x, target.bottom),
    ]
