"""Modelling checks in the spirit of bpmnlint's recommended rules.

Each rule is a small function over the model that yields findings with a
German message naming the element as the pilot sees it on the canvas. Real
exports break many rules (fake joins, missing labels, missing end events), so
most findings are warnings: they explain, they do not block. Errors are kept
for things that make the model itself unreliable (dangling references,
duplicate ids).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum

from bpmn.model import (
    Definitions,
    Event,
    FlowContainer,
    FlowNode,
    Gateway,
    SequenceFlow,
    SubProcess,
)
from bpmn.names import describe


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def german(self) -> str:
        return {"error": "Fehler", "warning": "Warnung", "info": "Hinweis"}[self.value]

    def german_count(self, count: int) -> str:
        if count == 1:
            return self.german
        return {"error": "Fehler", "warning": "Warnungen", "info": "Hinweise"}[self.value]


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    severity: Severity
    element_id: str | None
    message: str


Rule = Callable[["_Context"], Iterable[Finding]]
RULES: dict[str, Rule] = {}
_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def rule(name: str) -> Callable[[Rule], Rule]:
    def register(func: Rule) -> Rule:
        RULES[name] = func
        return func

    return register


class Profile(StrEnum):
    """How much a pilot is told.

    ``workshop`` (default): drawing-only problems are drawing warnings, and
    findings of one kind that repeat are one grouped finding ("12 Ereignisse
    ohne Namen: …"), so that a pilot reads the list to the end. ``strict``:
    every finding on its own, drawing problems as errors.
    """

    WORKSHOP = "workshop"
    STRICT = "strict"


GROUP_FROM = 3  # this many findings of one kind become one


def lint(
    defs: Definitions,
    rules: Iterable[str] | None = None,
    *,
    profile: Profile | str = Profile.WORKSHOP,
) -> list[Finding]:
    """All findings for a document, errors first, then in document order."""
    context = _Context(defs, Profile(profile))
    selected = RULES if rules is None else {name: RULES[name] for name in rules}
    findings = [finding for check in selected.values() for finding in check(context)]
    if context.profile is Profile.WORKSHOP:
        findings = group_findings(findings)
    # sorted() is stable, so findings of equal severity keep document order.
    return sorted(findings, key=lambda f: _ORDER[f.severity])


# (rule, severity) → (plural title, advice) for grouped findings
_GROUPS: dict[tuple[str, Severity], tuple[str, str]] = {
    ("label-required", Severity.INFO): (
        "Ereignisse ohne Namen",
        "Ein Name (z. B. „Antrag eingegangen“) macht den Ablauf lesbarer.",
    ),
    ("label-required", Severity.WARNING): (
        "Aufgaben oder verzweigende Gateways ohne Namen",
        "Aufgaben brauchen einen Namen, Gateways eine Frage; Lotse bewertet unbenannte Aufgaben nicht.",
    ),
    ("conditional-flows", Severity.INFO): (
        "Gateway-Ausgänge nur beschriftet",
        "Für eine Automatisierung muss die Bedingung als Regel ausformuliert werden.",
    ),
    ("drawing", Severity.WARNING): (
        "Zeichnungsreste ohne Modell-Element",
        "Nur die Zeichnung ist betroffen (typisch für ADONIS-Exporte); der Ablauf ist vollständig.",
    ),
    ("no-bpmndi", Severity.WARNING): (
        "Elemente ohne Form im Diagramm",
        "Sie sind im Modell, aber nicht zu sehen.",
    ),
}


def group_findings(findings: list[Finding], at_least: int = GROUP_FROM) -> list[Finding]:
    """Findings of a kind that repeats in real exports (``_GROUPS``: unnamed events,
    labelled-only branches, drawing leftovers …) that occur ``at_least`` times
    become one, naming the elements (the first eight) and the advice once. Other
    findings stay as they are: each says something of its own."""
    counts = Counter((f.rule, f.severity) for f in findings)
    grouped: list[Finding] = []
    done: set[tuple[str, Severity]] = set()
    for finding in findings:
        key = (finding.rule, finding.severity)
        if key not in _GROUPS or counts[key] < at_least:
            grouped.append(finding)
            continue
        if key in done:
            continue
        done.add(key)
        members = [f for f in findings if (f.rule, f.severity) == key]
        title, advice = _GROUPS[key]
        names = [
            f.element_id if f.rule == "drawing" and f.element_id else _subject(f.message)
            for f in members
        ]
        shown = ", ".join(names[:8]) + (f" und {len(names) - 8} weitere" if len(names) > 8 else "")
        grouped.append(
            Finding(
                finding.rule, finding.severity, None, f"{len(members)} {title}: {shown}. {advice}"
            )
        )
    return grouped


def _subject(message: str) -> str:
    """The element a message is about: the text before its first colon, or its start."""
    head = message.split(":", 1)[0]
    return head if len(head) <= 80 else head[:79] + "…"


class _Context:
    """What several rules need, computed once."""

    def __init__(self, defs: Definitions, profile: Profile = Profile.WORKSHOP) -> None:
        self.defs = defs
        self.profile = profile
        self.flows: dict[str, SequenceFlow] = {
            flow.id: flow for process in defs.processes for flow in process.content.walk_flows()
        }

    def containers(self) -> Iterator[tuple[str, FlowContainer, SubProcess | None]]:
        """(owner id, container, the sub-process or None for a process)."""
        for process in self.defs.processes:
            yield process.id, process.content, None
            for node in process.content.walk_nodes():
                if isinstance(node, SubProcess):
                    yield node.id, node.content, node

    def outgoing(self, node: FlowNode) -> list[SequenceFlow]:
        return [self.flows[f] for f in node.outgoing if f in self.flows]


def _finding(name: str, severity: Severity, element_id: str | None, message: str) -> Finding:
    return Finding(name, severity, element_id, message)


@rule("model-problem")
def _model_problems(ctx: _Context) -> Iterator[Finding]:
    """What the reader could not resolve (dangling references, duplicate ids …)."""
    serious = {"dangling-reference", "duplicate-id"}
    drawing = {"drawing-reference", "bad-geometry"}
    for problem in ctx.defs.problems:
        if problem.code in drawing:
            if ctx.profile is Profile.STRICT:
                yield _finding(problem.code, Severity.ERROR, problem.element_id, problem.message)
            else:
                yield _finding(
                    "drawing",
                    Severity.WARNING,
                    problem.element_id,
                    f"Nur die Zeichnung: {problem.message}",
                )
            continue
        severity = Severity.ERROR if problem.code in serious else Severity.WARNING
        yield _finding(problem.code, severity, problem.element_id, problem.message)


def _needs_events(owner: SubProcess | None) -> bool:
    # Ad-hoc sub-processes have no flow by definition; event sub-processes
    # start with their typed start event and may end implicitly.
    return owner is None or owner.kind not in ("adHocSubProcess",)


@rule("start-event-required")
def _start_event_required(ctx: _Context) -> Iterator[Finding]:
    for owner_id, container, owner in ctx.containers():
        if not container.nodes or not _needs_events(owner):
            continue
        if not any(node.kind == "startEvent" for node in container.nodes):
            where = describe(owner) if owner else _process_name(ctx, owner_id)
            yield _finding(
                "start-event-required",
                Severity.WARNING,
                owner_id,
                f"{where} hat kein Startereignis; so ist nicht erkennbar, wodurch der Ablauf beginnt.",
            )


@rule("end-event-required")
def _end_event_required(ctx: _Context) -> Iterator[Finding]:
    for owner_id, container, owner in ctx.containers():
        if not container.nodes or not _needs_events(owner):
            continue
        if not any(node.kind == "endEvent" for node in container.nodes):
            where = describe(owner) if owner else _process_name(ctx, owner_id)
            yield _finding(
                "end-event-required",
                Severity.WARNING,
                owner_id,
                f"{where} hat kein Endereignis; so ist nicht erkennbar, wann der Ablauf fertig ist.",
            )


def _process_name(ctx: _Context, process_id: str) -> str:
    """The process as the pilot sees it: by its pool's name when the process has none."""
    process = next(p for p in ctx.defs.processes if p.id == process_id)
    if not process.label:
        for participant in ctx.defs.participants():
            if participant.process_ref == process_id and participant.label:
                return f"Der Pool „{participant.label}“"
    return describe(process)


def _free_floating(node: FlowNode, ctx: _Context) -> bool:
    """Nodes that legitimately have no sequence flows."""
    if isinstance(node, SubProcess) and node.triggered_by_event:
        return True
    if getattr(node, "is_for_compensation", False):
        return True
    if node.parent_id:
        parent = ctx.defs.index.get(node.parent_id)
        if isinstance(parent, SubProcess) and parent.kind == "adHocSubProcess":
            return True
    return False


@rule("no-disconnected")
def _no_disconnected(ctx: _Context) -> Iterator[Finding]:
    for node in ctx.defs.nodes():
        if node.incoming or node.outgoing or _free_floating(node, ctx):
            continue
        if isinstance(node, Event) and node.kind == "boundaryEvent":
            if "compensate" in node.definitions:
                continue  # connected by an association, not a sequence flow
            yield _finding(
                "no-disconnected",
                Severity.WARNING,
                node.id,
                f"{describe(node)} hat keinen ausgehenden Sequenzfluss; es bleibt folgenlos.",
            )
            continue
        yield _finding(
            "no-disconnected",
            Severity.WARNING,
            node.id,
            f"{describe(node)} ist mit nichts verbunden (kein ein- oder ausgehender Sequenzfluss).",
        )


@rule("no-implicit-start")
def _no_implicit_start(ctx: _Context) -> Iterator[Finding]:
    for node in ctx.defs.nodes():
        if node.incoming or not node.outgoing or _free_floating(node, ctx):
            continue
        if node.kind in ("startEvent", "boundaryEvent"):
            continue
        if isinstance(node, Event) and "link" in node.definitions:
            continue  # a catching link event continues a flow from elsewhere
        yield _finding(
            "no-implicit-start",
            Severity.WARNING,
            node.id,
            f"{describe(node)} hat keinen eingehenden Sequenzfluss und beginnt damit den Ablauf "
            "ohne Startereignis.",
        )


@rule("no-implicit-end")
def _no_implicit_end(ctx: _Context) -> Iterator[Finding]:
    for node in ctx.defs.nodes():
        if node.outgoing or not node.incoming or _free_floating(node, ctx):
            continue
        if node.kind == "endEvent":
            continue
        if isinstance(node, Event) and "link" in node.definitions:
            continue
        yield _finding(
            "no-implicit-end",
            Severity.WARNING,
            node.id,
            f"{describe(node)} hat keinen ausgehenden Sequenzfluss und beendet den Ablauf "
            "ohne Endereignis.",
        )


@rule("label-required")
def _label_required(ctx: _Context) -> Iterator[Finding]:
    for node in ctx.defs.nodes():
        if node.label:
            continue
        if node.is_activity:
            yield _finding(
                "label-required",
                Severity.WARNING,
                node.id,
                f"{describe(node)}: Aufgaben brauchen einen Namen, damit klar ist, was getan wird.",
            )
        elif (
            isinstance(node, Gateway)
            and node.kind in ("exclusiveGateway", "inclusiveGateway", "complexGateway")
            and len(node.outgoing) > 1
        ):
            yield _finding(
                "label-required",
                Severity.WARNING,
                node.id,
                f"{describe(node)}: verzweigende Gateways brauchen eine Frage als Namen "
                "(z. B. „Antrag vollständig?“).",
            )
        elif node.kind in ("startEvent", "endEvent"):
            yield _finding(
                "label-required",
                Severity.INFO,
                node.id,
                f"{describe(node)}: ein Name (z. B. „Antrag eingegangen“) macht den Ablauf lesbarer.",
            )


@rule("no-implicit-split")
def _no_implicit_split(ctx: _Context) -> Iterator[Finding]:
    for node in ctx.defs.nodes():
        if node.is_gateway:
            continue
        unconditional = [f for f in ctx.outgoing(node) if f.condition is None and not f.is_default]
        if len(unconditional) > 1:
            yield _finding(
                "no-implicit-split",
                Severity.WARNING,
                node.id,
                f"{describe(node)} hat {len(unconditional)} ausgehende Flüsse ohne Bedingung: das "
                "ist eine versteckte Parallelverzweigung; besser ein paralleles Gateway verwenden.",
            )


@rule("fake-join")
def _fake_join(ctx: _Context) -> Iterator[Finding]:
    for node in ctx.defs.nodes():
        if len(node.incoming) < 2:
            continue
        if node.is_activity:
            yield _finding(
                "fake-join",
                Severity.WARNING,
                node.id,
                f"{describe(node)} hat {len(node.incoming)} eingehende Flüsse: die Aufgabe wartet "
                "nicht auf alle, sondern startet bei jedem erneut; zum Zusammenführen ein Gateway "
                "verwenden.",
            )
        elif node.kind in ("intermediateCatchEvent", "intermediateThrowEvent"):
            yield _finding(
                "implicit-join",
                Severity.WARNING,
                node.id,
                f"{describe(node)} hat {len(node.incoming)} eingehende Flüsse ohne Gateway "
                "(implizite Zusammenführung).",
            )


@rule("no-gateway-join-fork")
def _no_gateway_join_fork(ctx: _Context) -> Iterator[Finding]:
    for node in ctx.defs.nodes():
        if node.is_gateway and len(node.incoming) > 1 and len(node.outgoing) > 1:
            yield _finding(
                "no-gateway-join-fork",
                Severity.WARNING,
                node.id,
                f"{describe(node)} führt zusammen und verzweigt zugleich; zwei Gateways sind "
                "eindeutiger.",
            )


@rule("superfluous-gateway")
def _superfluous_gateway(ctx: _Context) -> Iterator[Finding]:
    for node in ctx.defs.nodes():
        if node.is_gateway and len(node.incoming) == 1 and len(node.outgoing) == 1:
            yield _finding(
                "superfluous-gateway",
                Severity.INFO,
                node.id,
                f"{describe(node)} hat nur einen Ein- und einen Ausgang und ist überflüssig.",
            )


@rule("conditional-flows")
def _conditional_flows(ctx: _Context) -> Iterator[Finding]:
    for node in ctx.defs.nodes():
        outgoing = ctx.outgoing(node)
        deciding = node.kind in ("exclusiveGateway", "inclusiveGateway") and len(outgoing) > 1
        for flow in outgoing:
            if flow.condition == "":
                yield _finding(
                    "conditional-flows",
                    Severity.WARNING,
                    flow.id,
                    f"Der Fluss „{flow.label or flow.id}“ hat eine leere Bedingung.",
                )
            elif deciding and flow.condition is None and not flow.is_default:
                if flow.label:
                    yield _finding(
                        "conditional-flows",
                        Severity.INFO,
                        flow.id,
                        f"Der Ausgang „{flow.label}“ von {describe(node)} ist nur beschriftet; "
                        "für eine Automatisierung muss die Bedingung als Regel ausformuliert werden.",
                    )
                else:
                    yield _finding(
                        "conditional-flows",
                        Severity.WARNING,
                        flow.id,
                        f"Ein Ausgang von {describe(node)} hat weder Bedingung noch Beschriftung; "
                        "es ist nicht erkennbar, wann er genommen wird.",
                    )


@rule("no-duplicate-sequence-flows")
def _no_duplicate_sequence_flows(ctx: _Context) -> Iterator[Finding]:
    pairs = Counter((f.source, f.target) for f in ctx.flows.values())
    reported: set[tuple[str, str]] = set()
    for flow in ctx.flows.values():
        pair = (flow.source, flow.target)
        if pairs[pair] > 1 and pair not in reported:
            reported.add(pair)
            # named as a pilot sees them ("Exklusives Gateway „genehmigt?“"), not by id
            source, target = (ctx.defs.index.get(i) for i in pair)
            yield _finding(
                "no-duplicate-sequence-flows",
                Severity.WARNING,
                flow.id,
                f"Zwischen {describe(source) if source else f'„{flow.source}“'} und "
                f"{describe(target) if target else f'„{flow.target}“'} gibt es {pairs[pair]} "
                "gleiche Sequenzflüsse.",
            )


@rule("single-blank-start-event")
def _single_blank_start_event(ctx: _Context) -> Iterator[Finding]:
    for owner_id, container, _owner in ctx.containers():
        blank = [
            n
            for n in container.nodes
            if isinstance(n, Event) and n.kind == "startEvent" and not n.definitions
        ]
        if len(blank) > 1:
            yield _finding(
                "single-blank-start-event",
                Severity.WARNING,
                owner_id,
                f"Es gibt {len(blank)} Startereignisse ohne Auslöser; es ist unklar, welches gilt.",
            )


@rule("no-bpmndi")
def _no_bpmndi(ctx: _Context) -> Iterator[Finding]:
    defs = ctx.defs
    if not defs.has_diagram:
        if defs.processes:
            yield _finding(
                "no-bpmndi",
                Severity.INFO,
                None,
                "Die Datei enthält keine Diagramm-Informationen; Lotse ordnet die Elemente "
                "für die Zeichnung selbst an.",
            )
        return
    drawn = {item.element_id for d in defs.diagrams for item in d.items()}
    collapsed = {s.element_id for d in defs.diagrams for s in d.shapes if s.is_expanded is False}

    def inside_collapsed(node: FlowNode) -> bool:
        parent = node.parent_id
        while parent:
            if parent in collapsed:
                return True
            owner = defs.index.get(parent)
            parent = owner.parent_id if isinstance(owner, FlowNode) else None
        return False

    hidden: set[str] = set()
    for node in defs.nodes():
        if node.id not in drawn and inside_collapsed(node):
            hidden.add(node.id)  # the tool shows it only when the sub-process is opened
            continue
        if node.id not in drawn:
            yield _finding(
                "no-bpmndi",
                Severity.WARNING,
                node.id,
                f"{describe(node)} hat keine Form im Diagramm und ist deshalb nicht zu sehen.",
            )
    for flow in ctx.flows.values():
        if flow.id not in drawn and flow.source not in hidden and flow.target not in hidden:
            yield _finding(
                "no-bpmndi",
                Severity.WARNING,
                flow.id,
                f"Der Sequenzfluss „{flow.label or flow.id}“ ist im Diagramm nicht gezeichnet.",
            )
