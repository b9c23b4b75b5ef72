"""The combined view: every aligned step once, as a BPMN model of its own.

The model has one process with one lane per role; each step appears once, and
a flow joins two steps when any drawing leads from the one to the other. It
has no diagram interchange, so the ordinary drawing lays it out
automatically, and the ordinary scoring can assess it: the effect of a step
on the automation estimate is the difference between the model with and
without it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from bpmn.model import (
    Activity,
    Definitions,
    Element,
    Event,
    FlowContainer,
    FlowNode,
    Gateway,
    Lane,
    Process,
    SequenceFlow,
)
from processes.workshop.steps import DrawingSteps

COMBINED_PROCESS_ID = "Gemeinsame_Sicht"


@dataclass(frozen=True, slots=True)
class StepNode:
    """What the combined model needs to know about one aligned step."""

    key: str  # element id in the combined model
    label: str
    kind: str
    role: str
    definitions: tuple[str, ...] = ()


def step_links(
    drawings: Sequence[DrawingSteps], key_of: dict[tuple[int, str], str]
) -> dict[tuple[str, str], str]:
    """(step key, next step key) -> a flow label, over all drawings."""
    links: dict[tuple[str, str], str] = {}
    for drawing in drawings:
        for source, targets in drawing.successors.items():
            for target in sorted(targets):
                a, b = key_of.get((drawing.index, source)), key_of.get((drawing.index, target))
                if a is None or b is None or a == b:
                    continue
                label = drawing.flow_labels.get((source, target), "")
                if not links.get((a, b)):
                    links[(a, b)] = label
    return links


def build_model(
    steps: Sequence[StepNode],
    links: dict[tuple[str, str], str],
    *,
    name: str,
    without: Collection[str] = (),
) -> Definitions:
    """A BPMN model of the steps, optionally leaving some out (their neighbours stay linked)."""
    kept = [s for s in steps if s.key not in without]
    kept_keys = {s.key for s in kept}
    edges = _bridge(links, set(without)) if without else dict(links)
    edges = _reduce({k: v for k, v in edges.items() if k[0] in kept_keys and k[1] in kept_keys})

    roles = [r for r, _ in Counter(s.role for s in kept if s.role).most_common()]
    roles.sort(key=lambda r: next(i for i, s in enumerate(kept) if s.role == r))
    lanes = [
        Lane(id=f"Rolle_{i + 1}", kind="lane", name=role, node_refs=[])
        for i, role in enumerate(roles)
    ]
    lane_of = {lane.name: lane for lane in lanes}
    nodes: list[FlowNode] = []
    flows: list[SequenceFlow] = []
    by_key: dict[str, FlowNode] = {}
    for step in kept:
        node = _node(step)
        lane = lane_of.get(step.role)
        if lane is not None:
            node.lanes.append(lane.id)
            lane.node_refs.append(node.id)
        nodes.append(node)
        by_key[step.key] = node
    for number, ((source, target), label) in enumerate(sorted(edges.items()), start=1):
        flow = SequenceFlow(
            id=f"Fluss_{number}", kind="sequenceFlow", name=label, source=source, target=target
        )
        flows.append(flow)
        by_key[source].outgoing.append(flow.id)
        by_key[target].incoming.append(flow.id)
    process = Process(
        id=COMBINED_PROCESS_ID,
        kind="process",
        name=name,
        content=FlowContainer(nodes=nodes, flows=flows, lanes=lanes),
    )
    index: dict[str, Element] = {process.id: process}
    for element in [*nodes, *flows, *lanes]:
        index[element.id] = element
    return Definitions(
        id="Workshop_Vergleich",
        kind="definitions",
        name=name,
        exporter="Lotse",
        processes=[process],
        index=index,
    )


def _node(step: StepNode) -> FlowNode:
    if step.kind.endswith("Gateway"):
        return Gateway(id=step.key, kind=step.kind, name=step.label, process_id=COMBINED_PROCESS_ID)
    if step.kind.endswith("Event"):
        # Boundary events lose their host in the combined view: show them as caught events.
        kind = "intermediateCatchEvent" if step.kind == "boundaryEvent" else step.kind
        return Event(
            id=step.key,
            kind=kind,
            name=step.label,
            process_id=COMBINED_PROCESS_ID,
            definitions=list(step.definitions),
        )
    return Activity(id=step.key, kind=step.kind, name=step.label, process_id=COMBINED_PROCESS_ID)


def _reduce(links: dict[tuple[str, str], str]) -> dict[tuple[str, str], str]:
    """Drop a link that a longer way also makes (one drawing skips a step others draw):
    it says nothing new and would cross the drawing."""
    successors: dict[str, set[str]] = {}
    for source, target in links:
        successors.setdefault(source, set()).add(target)

    def reachable_without(source: str, target: str) -> bool:
        stack = [n for n in successors.get(source, ()) if n != target]
        seen = set(stack)
        while stack:
            current = stack.pop()
            if current == target:
                return True
            for nxt in successors.get(current, ()):
                if nxt not in seen and nxt != source:
                    seen.add(nxt)
                    stack.append(nxt)
        return False

    return {
        (source, target): label
        for (source, target), label in links.items()
        if label or not reachable_without(source, target)
    }


def _bridge(links: dict[tuple[str, str], str], removed: set[str]) -> dict[tuple[str, str], str]:
    """Links with removed steps cut out: what led into them now leads past them."""
    successors: dict[str, list[tuple[str, str]]] = {}
    for (source, target), label in links.items():
        successors.setdefault(source, []).append((target, label))
    bridged: dict[tuple[str, str], str] = {}
    for (source, target), label in links.items():
        if source in removed:
            continue
        stack = [(target, label)]
        seen: set[str] = set()
        while stack:
            current, first_label = stack.pop()
            if current not in removed:
                if current != source:
                    bridged.setdefault((source, current), first_label)
                continue
            if current in seen:
                continue
            seen.add(current)
            stack.extend((nxt, first_label) for nxt, _ in successors.get(current, []))
    return bridged
