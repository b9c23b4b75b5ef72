"""Every way through a diagram, found by running the walker with the skeleton's stubs.

The stubs of a generated robot decide what ``Fall.wege`` prescribes and take
the standard way otherwise. Here the same walker runs with functions that do
exactly that, once per combination of decisions: the first run takes every
standard way, each later run changes one decision after those it repeats.
A loop is taken at most once per way (every other choice than the standard
at most once per decision point), so the search ends; on large diagrams it
stops at a limit and keeps the ways that reach something new.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from processes.robotgen.graph import Container, Node, decision_options, standard_options
from processes.robotgen.walker import Ablauf, AblaufFehler, Fall, KeinWeg, Schritt, durchlaufen

FIRST_WAYS = 24  # ways kept in any case (the first ones found)
MAX_WAYS = 60  # ways kept at most (beyond the first: only those that cover something new)
MAX_RUNS = 600  # walker runs per diagram at most


@dataclass(frozen=True, slots=True)
class Way:
    decisions: tuple[tuple[str, str], ...]  # (decision point, choice) in the order taken
    trail: tuple[str, ...]
    error: str  # "" or the walker's exception class

    @property
    def script(self) -> dict[str, list[str]]:
        """As ``Fall.wege``: per decision point its choices, one per visit."""
        wege: dict[str, list[str]] = {}
        for point, choice in self.decisions:
            wege.setdefault(point, []).append(choice)
        return wege


def ablauf(
    container: Container,
    functions: Callable[[Node, Container], Callable[[Fall], Any] | None],
) -> Ablauf:
    """The walker's table of a container; ``functions`` gives each step what it does."""
    return Ablauf(
        id=container.id,
        schritte={
            node.id: Schritt(
                art=node.art,
                name=node.name,
                ausfuehren=functions(node, container),
                weiter=tuple(node.outgoing),
                sammeln=node.sammeln,
                eingaenge=tuple(node.incoming),
                wahl=tuple(node.options),
                standard=node.standard,
                ereignisse=tuple(node.boundaries),
                unterbricht=node.interrupting,
            )
            for node in container.nodes.values()
        },
        ziele={flow.id: flow.target for flow in container.flows.values()},
        start=tuple(container.start),
        immer=tuple(container.always),
        erreicht={k: v for k, v in container.reaches.items() if v},
    )


def stub_functions(node: Node, container: Container) -> Callable[[Fall], Any] | None:
    """What the generated stubs do, without Prefect and without work."""
    if node.art == "entscheidung":
        return _stub_decision(node, container)
    if node.art == "randereignis":
        ident = node.id
        return lambda fall: fall.vorgabe_ist(ident)
    if node.art == "teilablauf" and node.container is not None:
        inner = ablauf(node.container, stub_functions)
        return lambda fall: durchlaufen(inner, fall)
    return None


def _stub_decision(node: Node, container: Container) -> Callable[[Fall], list[str]]:
    choices = [f for f in node.outgoing if not container.flows[f].is_default]
    default = next((f for f in node.outgoing if container.flows[f].is_default), None)
    several = node.kind in ("inclusiveGateway", "complexGateway")
    ident = node.id

    def decide(fall: Fall) -> list[str]:
        chosen = [f for f in choices if fall.vorgabe_ist(f)]
        if chosen and not several:
            chosen = chosen[:1]
        if chosen:
            return chosen
        if default is not None:
            return [default]
        raise KeinWeg(f"Für {ident} gilt kein Weg.")

    return decide


def find_ways(container: Container, start: str = "") -> list[Way]:
    """The ways through ``container`` (its sub-processes included), in a stable order."""
    table = ablauf(container, stub_functions)
    options = decision_options(container)
    standards = standard_options(container)
    if start:
        standards[f"{container.id}#start"] = start
    found: list[Way] = []
    covered: set[tuple[str, str] | str] = set()
    todo: deque[tuple[tuple[str, str], ...]] = deque([()])
    tried: set[tuple[tuple[str, str], ...]] = set()
    runs = 0
    while todo and runs < MAX_RUNS and len(found) < MAX_WAYS:
        prefix = todo.popleft()
        if prefix in tried:
            continue
        tried.add(prefix)
        runs += 1
        way = _run(table, prefix, start, container.id)
        new = (set(way.decisions) | set(way.trail)) - covered
        if len(found) < FIRST_WAYS or new:
            found.append(way)
            covered |= set(way.decisions) | set(way.trail)
        if way.error == "AblaufEndetNicht":
            continue  # a loop without end: its thousands of decisions are no ways to vary
        for index in range(len(prefix), len(way.decisions)):
            point, chosen = way.decisions[index]
            for other in options.get(point, []):
                if other == chosen:
                    continue
                candidate = (*way.decisions[:index], (point, other))
                if _each_detour_once(candidate, standards):
                    todo.append(candidate)
    return found


def _run(table: Ablauf, prefix: tuple[tuple[str, str], ...], start: str, ident: str) -> Way:
    wege: dict[str, list[str]] = {}
    for point, choice in prefix:
        wege.setdefault(point, []).append(choice)
    if start and f"{ident}#start" not in wege:
        wege[f"{ident}#start"] = [start]
    fall = Fall(wege=wege)
    error = ""
    try:
        durchlaufen(table, fall)
    except AblaufFehler as exc:
        error = type(exc).__name__
    return Way(tuple(fall.entscheidungen), tuple(fall.spur), error)


def _each_detour_once(decisions: tuple[tuple[str, str], ...], standards: dict[str, str]) -> bool:
    """No choice other than the standard twice at the same point: loops run at most once more."""
    detours = [(p, c) for p, c in decisions if c != standards.get(p, "")]
    return len(detours) == len(set(detours))
