"""Scoring one process: automation potential, ease of implementation, benefit, quadrant.

The axes follow what automation teams know from UiPath Automation Hub's
detailed assessment (automation potential from rule-based, digital, stable
work; ease of implementation; yearly hours saved; feasibility now), but most
of the evidence comes from the diagram, per task, and every point is
explained. See docs/scoring.md.
"""

from __future__ import annotations

from collections import defaultdict

from bpmn.model import DataElement, Definitions, FlowContainer, Gateway, Process, SequenceFlow
from processes.diagram import DiagramCandidate, is_placeholder, process_candidate
from processes.facts import ChangeLevel, Facts
from processes.quickcheck import QuickCheck
from processes.scoring.model import ScoringModel
from processes.scoring.results import (
    Category,
    Criterion,
    ProcessScore,
    Quadrant,
    TaskScore,
)
from processes.scoring.tasks import (
    Evidence,
    annotations_by_node,
    data_name,
    is_paper,
    node_property,
    score_tasks,
    scored_activities,
    unattached_annotations,
)
from processes.scoring.text import count, number, percent, points

SYSTEM_KEYS = ("lotse:system", "lotse:itsystem", "lotse:it-system", "system", "it-system")


def assess(
    defs: Definitions,
    candidate: DiagramCandidate | Process,
    facts: Facts,
    model: ScoringModel,
    quick_check: QuickCheck | None = None,
) -> ProcessScore:
    """Score a diagram's process (its own pools and lanes) with the facts known about it. Pure.

    A bare BPMN process is scored alone, as if it were the whole diagram. The
    quick check's answers are expected in ``facts`` already (where facts are
    missing); here it adds its idea score and benefit band to the notes.
    """
    if isinstance(candidate, Process):
        candidate = process_candidate(defs, candidate)
    process = candidate.process
    context = _context(candidate)
    tasks = score_tasks(defs, process, model, context)
    evidence = _Evidence(defs, candidate, model, context)
    unnamed = sum(1 for n in scored_activities(process) if is_placeholder(n.label))
    human_tasks = [t for t in tasks if t.category is not Category.SYSTEM]
    share = _automatable_share(human_tasks)

    criteria = _potential_criteria(tasks, human_tasks, share, evidence, facts, model)
    potential, formula = _combine(share * 100, criteria, model)
    criteria.append(formula)
    ease_criteria = _ease_criteria(tasks, evidence, facts, model)
    ease = max(0.0, min(100.0, 100 + sum(c.score for c in ease_criteria)))
    criteria += ease_criteria

    hours = None
    notes: list[str] = []
    lacking = " und ".join(
        label
        for label, value in (
            ("Fälle pro Monat", facts.cases_per_month),
            ("Minuten pro Fall", facts.minutes_per_case),
        )
        if value is None
    )
    if not lacking:
        hours = (facts.cases_per_month or 0) * 12 * (facts.minutes_per_case or 0) * share / 60
    else:
        notes.append(f"Eingesparte Stunden nicht berechenbar: es fehlt {lacking}.")
    if not human_tasks and tasks:
        notes.append("Alle Aufgaben erledigen bereits IT-Systeme; für einen Roboter bleibt nichts.")
    if unnamed:
        notes.append(
            f"{count(unnamed, 'Aufgabe ohne Namen oder mit Platzhalter-Namen', 'Aufgaben ohne Namen oder mit Platzhalter-Namen')} "
            "(„Task 1“, „Aufgabe“ …) wurde nicht bewertet: was dort geschieht, sagt das Diagramm nicht."
            if unnamed == 1
            else f"{count(unnamed, 'Aufgabe', 'Aufgaben')} ohne Namen oder mit Platzhalter-Namen "
            "(„Task 1“, „Aufgabe“ …) wurden nicht bewertet: was dort geschieht, sagt das Diagramm nicht."
        )
    if candidate.outside:
        parties = ", ".join(f"„{r.name}“" for r in candidate.outside if r.name)
        if parties:
            notes.append(
                f"Außerhalb der Verwaltung: {parties}. Ihre Schritte sind Übergaben und "
                "zählen nicht als Arbeit der Stadt."
            )
    scanned = [t for t in tasks if t.after_scanning]
    if scanned:
        names = ", ".join(f"„{t.name}“" for t in scanned)
        notes.append(
            f"Nach dem Scannen automatisierbar: {names} – heute von Hand auf Papier, aber nach "
            "festen Regeln. Wer die Eingänge scannt, macht daraus Arbeit für einen Roboter."
        )
    discretionary = [t for t in tasks if t.discretion]
    if discretionary:
        names = ", ".join(f"„{t.name or t.element_id}“" for t in discretionary)
        notes.append(
            f"Ermessen (§ 35a VwVfG) bei {names}: ein Roboter darf vorbereiten, "
            "entscheiden muss ein Mensch."
        )

    feasible, feasibility_reason = _feasibility(human_tasks, evidence, facts, model)
    quadrant = _quadrant(potential, ease, model)
    if not tasks:
        quadrant = Quadrant.NOT_ASSESSABLE
        potential = ease = 0.0
        notes.insert(
            0,
            "Nicht bewertbar: das Diagramm hat keine benannte Aufgabe der Verwaltung. "
            "Benennen Sie die Aufgaben (Verb und Gegenstand, z. B. „Rechnung in SAP erfassen“).",
        )
    elif hours is None and quadrant is not Quadrant.NOT_SUITABLE:
        quadrant = Quadrant.BENEFIT_UNKNOWN
        # one note says what is missing, instead of two
        notes = [n for n in notes if not n.startswith("Eingesparte Stunden nicht berechenbar")]
        if quick_check is None:
            notes.insert(
                0,
                f"Nutzen unbekannt: es fehlen {lacking}. Ohne sie lässt sich nicht sagen, ob "
                "sich ein Roboter lohnt – tragen Sie die Fakten ein oder machen Sie den Schnellcheck.",
            )
        else:
            notes.insert(
                0,
                f"Nutzen unbekannt in Stunden: laut Schnellcheck {quick_check.benefit_band} "
                f"({quick_check.cases.german}); für die Stunden fehlen {lacking}.",
            )
    if quick_check is not None:
        notes.append(quick_check.summary())
    return ProcessScore(
        model_version=model.version,
        potential=round(potential, 1),
        ease=round(ease, 1),
        automatable_share=round(share, 4),
        hours_saved=None if hours is None else round(hours, 1),
        feasible=feasible,
        feasibility_reason=feasibility_reason,
        quadrant=quadrant,
        confidence=round(_confidence(tasks, unnamed, facts, model), 2),
        criteria=criteria,
        tasks=tasks,
        notes=notes,
    )


def _automatable_share(human_tasks: list[TaskScore]) -> float:
    """Share of the people's work a robot could do: task potentials weighted by minutes."""
    total = sum(t.weight for t in human_tasks)
    if total <= 0:
        return 0.0
    return sum(t.potential / 100 * t.weight for t in human_tasks) / total


def _combine(
    task_share: float, criteria: list[Criterion], model: ScoringModel
) -> tuple[float, Criterion]:
    """Task share scaled by the conditions; returns the potential and its explanation."""
    conditions = [c for c in criteria if c.axis == "potential" and c.key != "tasks"]
    weights = sum(c.weight for c in conditions)
    mean = sum(c.score * c.weight for c in conditions) / weights if weights > 0 else 100.0
    floor = model.potential.conditions_floor
    factor = floor + (1 - floor) * mean / 100
    potential = task_share * factor
    reason = (
        f"Aufgaben-Anteil {number(task_share)} × Faktor {number(factor, 2)} aus den "
        f"Rahmenbedingungen (Mittel {number(mean)} von 100) = {number(potential)}."
    )
    return potential, Criterion(
        "potential", "formula", "Berechnung", round(potential, 1), 0.0, reason
    )


class _Evidence:
    """What the diagram says beyond the tasks: decisions, loops, hand-offs, data."""

    def __init__(
        self,
        defs: Definitions,
        candidate: DiagramCandidate,
        model: ScoringModel,
        context: list[Evidence],
    ) -> None:
        process = candidate.process
        flows = {f.id: f for f in process.content.walk_flows()}
        self.decisions = [
            _decision_kind(node, flows)
            for node in process.content.walk_nodes()
            if isinstance(node, Gateway)
            and node.kind in ("exclusiveGateway", "inclusiveGateway", "complexGateway")
            and len(node.outgoing) > 1
        ]
        self.loops = sum(_back_edges(c) for c in process.content.walk_containers())
        self.lanes = sum(1 for lane in process.walk_lanes() if not lane.children)
        node_ids = {n.id for n in process.content.walk_nodes()}
        pools = candidate.participant_ids
        self.message_flows = sum(
            1 for m in defs.message_flows() if {m.source, m.target} & (node_ids | pools)
        )
        self.paper: list[str] = []
        self.digital: list[str] = []
        self.systems: set[str] = set()  # IT systems named by data stores or task properties
        for container in process.content.walk_containers():
            for element in container.data:
                if not isinstance(element, DataElement) or element.kind == "dataObject":
                    continue
                name = data_name(element, defs)
                kind = is_paper(name, model)
                if kind is True:
                    self.paper.append(name)
                elif kind is False:
                    self.digital.append(name)
                if element.kind == "dataStoreReference" and name and kind is not True:
                    self.systems.add(name.lower())
        for node in process.content.walk_nodes():
            system = node_property(node, SYSTEM_KEYS)
            if system:
                self.systems.add(system.lower())
        # systems the workshop named in task names and annotations ("in SAP erfassen")
        notes = annotations_by_node(process)
        texts = [n.label for n in scored_activities(process)]
        texts += [t for found in notes.values() for t in found] + [e.text for e in context]
        for text in texts:
            found = model.matches(text)
            named = found.get("_system")
            if named and named != found.get("_generic_system"):
                self.systems.add(named.casefold())


def _decision_kind(gateway: Gateway, flows: dict[str, SequenceFlow]) -> str:
    outgoing = [flows[f] for f in gateway.outgoing if f in flows and not flows[f].is_default]
    if outgoing and all(f.condition for f in outgoing):
        return "conditions"
    if outgoing and all(f.label for f in outgoing):
        return "labelled"
    return "unlabelled"


def _back_edges(container: FlowContainer) -> int:
    """Flows that close a loop (found by depth-first search from the start)."""
    successors: dict[str, list[str]] = defaultdict(list)
    targets = set()
    for flow in container.flows:
        successors[flow.source].append(flow.target)
        targets.add(flow.target)
    nodes = [n.id for n in container.nodes]
    roots = [n for n in nodes if n not in targets] + nodes
    state: dict[str, int] = {}
    back = 0
    for root in roots:
        if root in state:
            continue
        state[root] = 1
        stack = [(root, iter(successors[root]))]
        while stack:
            current, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[current] = 2
                stack.pop()
            elif state.get(child) == 1:
                back += 1
            elif child not in state:
                state[child] = 1
                stack.append((child, iter(successors[child])))
    return back


def _potential_criteria(
    tasks: list[TaskScore],
    human_tasks: list[TaskScore],
    share: float,
    evidence: _Evidence,
    facts: Facts,
    model: ScoringModel,
) -> list[Criterion]:
    w = model.potential.condition_weights
    criteria = []

    if human_tasks:
        robot = sum(1 for t in human_tasks if t.category is Category.ROBOT)
        assist = sum(1 for t in human_tasks if t.category is Category.ASSIST)
        reason = (
            f"Von {count(len(human_tasks), 'Aufgabe', 'Aufgaben')}, die heute Menschen erledigen, "
            f"{'ist' if robot == 1 else 'sind'} {robot} Roboter-geeignet, bei {assist} kann ein "
            f"Roboter vorbereiten; gewichtet könnte ein Roboter {percent(share)} der Arbeit übernehmen."
        )
        score = share * 100
    elif tasks:
        reason = "Alle Aufgaben erledigen bereits IT-Systeme."
        score = 0.0
    else:
        reason = "Der Prozess enthält keine Aufgaben."
        score = 0.0
    criteria.append(
        Criterion("potential", "tasks", "Aufgaben-Anteil", round(score, 1), 1.0, reason)
    )

    d = model.decisions
    if evidence.decisions:
        values = {"conditions": d.conditions, "labelled": d.labelled, "unlabelled": d.unlabelled}
        score = sum(values[k] for k in evidence.decisions) / len(evidence.decisions)
        counts = {k: evidence.decisions.count(k) for k in values}
        reason = (
            f"{count(len(evidence.decisions), 'Entscheidung', 'Entscheidungen')}: {counts['conditions']} mit ausformulierter "
            f"Bedingung, {counts['labelled']} nur beschriftet, {counts['unlabelled']} ohne "
            "Angabe, wann welcher Weg gilt. Regeln kann ein Roboter befolgen, Einschätzungen nicht."
        )
    else:
        score = d.none
        reason = "Keine Verzweigungen: ein gerader Ablauf ohne Entscheidungen."
    criteria.append(
        Criterion(
            "potential",
            "decisions",
            "Entscheidungen nach Regeln",
            round(score, 1),
            w.decisions,
            reason,
        )
    )

    if facts.digital_share is not None:
        score = facts.digital_share * 100
        reason = f"Laut Angabe kommen {percent(facts.digital_share)} der Eingänge digital an."
    elif evidence.paper or evidence.digital:
        total = len(evidence.paper) + len(evidence.digital)
        score = len(evidence.digital) / total * 100
        reason = (
            f"Geschätzt aus den Datenobjekten im Diagramm: {len(evidence.digital)} digital, "
            f"{len(evidence.paper)} auf Papier (der Anteil digitaler Eingänge ist nicht angegeben)."
        )
    else:
        score = model.unknown.digital_input
        reason = "Der Anteil digitaler Eingänge ist nicht angegeben; Lotse nimmt einen mittleren Wert an."
    criteria.append(
        Criterion(
            "potential",
            "digital_input",
            "Digitale Eingänge",
            round(score, 1),
            w.digital_input,
            reason,
        )
    )

    if facts.exception_rate is not None:
        score = (1 - facts.exception_rate) * 100
        reason = f"Laut Angabe sind {percent(facts.exception_rate)} der Fälle Ausnahmen, die eine Regel nicht abdeckt."
    else:
        score = model.unknown.exceptions
        reason = "Die Ausnahmequote ist nicht angegeben; Lotse nimmt einen mittleren Wert an."
    criteria.append(
        Criterion(
            "potential", "exceptions", "Fälle ohne Ausnahme", round(score, 1), w.exceptions, reason
        )
    )

    if facts.expected_changes is not None:
        score = getattr(model.stability, facts.expected_changes.value)
        reason = f"Der Ablauf {facts.expected_changes.sentence} (laut Angabe)."
    else:
        score = model.unknown.stability
        reason = "Wie oft sich der Ablauf ändert, ist nicht angegeben."
    criteria.append(
        Criterion("potential", "stability", "Stabilität", round(score, 1), w.stability, reason)
    )
    return criteria


def _ease_criteria(
    tasks: list[TaskScore], evidence: _Evidence, facts: Facts, model: ScoringModel
) -> list[Criterion]:
    p = model.ease_penalties
    criteria: list[Criterion] = []

    def penalty(key: str, label: str, value: float, reason: str) -> None:
        criteria.append(
            Criterion(
                "ease",
                key,
                label,
                -round(value, 1),
                1.0,
                f"{reason[:1].upper()}{reason[1:]} ({points(-value)})",
            )
        )

    extra_tasks = max(0, len(tasks) - p.tasks_free)
    penalty(
        "size",
        "Umfang",
        min(p.tasks_max, extra_tasks * p.per_task),
        f"{count(len(tasks), 'Aufgabe', 'Aufgaben')}"
        + (f", {extra_tasks} mehr als {p.tasks_free}" if extra_tasks else ", ein kleiner Ablauf"),
    )
    decisions = len(evidence.decisions)
    penalty(
        "decisions",
        "Verzweigungen",
        min(p.decisions_max, decisions * p.per_decision),
        f"{count(decisions, 'Entscheidungspunkt', 'Entscheidungspunkte')} mit je eigenen Wegen",
    )
    penalty(
        "loops",
        "Schleifen",
        min(p.loops_max, evidence.loops * p.per_loop),
        f"{count(evidence.loops, 'Rücksprung', 'Rücksprünge')} (Nacharbeit, Schleifen)",
    )
    extra_lanes = max(0, evidence.lanes - 1)
    hand_offs = min(p.lanes_max, extra_lanes * p.per_extra_lane) + min(
        p.message_flows_max, evidence.message_flows * p.per_message_flow
    )
    penalty(
        "hand_offs",
        "Übergaben",
        hand_offs,
        f"{count(evidence.lanes, 'Lane', 'Lanes')} und {count(evidence.message_flows, 'Nachrichtenfluss', 'Nachrichtenflüsse')} zu anderen Beteiligten",
    )

    if facts.it_systems is not None:
        systems, source = facts.it_systems, "laut Angabe"
    else:
        systems, source = len(evidence.systems), "laut Diagramm (Datenspeicher, Aufgaben)"
    penalty(
        "systems",
        "IT-Systeme",
        min(p.systems_max, max(0, systems - 1) * p.per_extra_system),
        f"{count(systems, 'IT-System', 'IT-Systeme')} {source}; jedes weitere braucht eine eigene Anbindung",
    )

    if facts.digital_share is not None:
        paper: bool | None = facts.digital_share < 0.5
    elif evidence.paper or evidence.digital:
        paper = len(evidence.paper) > len(evidence.digital)
    else:
        paper = None
    if paper is None:
        penalty("ocr", "Papiereingang", 0, "Ob Eingänge auf Papier kommen, ist nicht bekannt")
    else:
        penalty(
            "ocr",
            "Papiereingang",
            p.paper_input if paper else 0,
            "Überwiegend Papiereingang: Scannen und Texterkennung (OCR) nötig"
            if paper
            else "Eingänge überwiegend digital, keine Texterkennung nötig",
        )

    changes = facts.expected_changes
    change_penalty = {
        ChangeLevel.STABLE: 0.0,
        ChangeLevel.SOME: p.changes_some,
        ChangeLevel.MANY: p.changes_many,
    }
    value = p.changes_unknown if changes is None else change_penalty[changes]
    penalty(
        "changes",
        "Änderungen",
        value,
        "Änderungshäufigkeit unbekannt" if changes is None else f"Der Ablauf {changes.sentence}",
    )

    discretionary = sum(1 for t in tasks if t.discretion)
    penalty(
        "discretion",
        "Übergaben an Menschen",
        min(p.discretion_max, discretionary * p.per_discretionary_task),
        f"{count(discretionary, 'Aufgabe', 'Aufgaben')} mit Ermessen, an denen der Roboter an einen Menschen übergibt",
    )
    return criteria


def _feasibility(
    human_tasks: list[TaskScore], evidence: _Evidence, facts: Facts, model: ScoringModel
) -> tuple[bool, str]:
    if facts.expected_changes is ChangeLevel.MANY:
        return (
            False,
            "Nein: der Ablauf ändert sich häufig; erst wenn er stabil ist, lohnt ein Roboter.",
        )
    if facts.it_systems is not None and facts.it_systems > model.feasibility.max_it_systems:
        return False, (
            f"Nein: {facts.it_systems} IT-Systeme sind für einen ersten Roboter zu viele "
            f"(höchstens {model.feasibility.max_it_systems})."
        )
    if not human_tasks:
        return False, "Nein: es gibt keine Arbeit von Menschen, die ein Roboter übernehmen könnte."
    if all(t.category is Category.HUMAN for t in human_tasks):
        return False, "Nein: keine der Aufgaben ist für einen Roboter geeignet."
    if facts.expected_changes is None or facts.it_systems is None:
        return True, (
            "Ja, soweit bekannt: das Diagramm spricht nicht dagegen; Angaben zu Änderungen "
            "und IT-Systemen fehlen noch."
        )
    return (
        True,
        "Ja: Ablauf und IT-Systeme sind stabil genug für eine Automatisierung in diesem Jahr.",
    )


def _quadrant(potential: float, ease: float, model: ScoringModel) -> Quadrant:
    if potential < model.quadrant.not_suitable_below:
        return Quadrant.NOT_SUITABLE
    high_potential = potential >= model.quadrant.potential
    easy = ease >= model.quadrant.ease
    if high_potential and easy:
        return Quadrant.QUICK_WIN
    if high_potential:
        return Quadrant.STRATEGIC
    if easy:
        return Quadrant.LATER
    return Quadrant.NOT_SUITABLE


def _confidence(tasks: list[TaskScore], unnamed: int, facts: Facts, model: ScoringModel) -> float:
    """How much of the score rests on evidence: each missing fact lowers it, and
    so does every task judged by its type alone or left unnamed."""
    c = model.confidence
    value = 1.0 - sum(c.missing_fact.get(name, 0.0) for name in facts.missing())
    total = len(tasks) + unnamed
    if not tasks:
        return c.minimum
    unjudged = unnamed + sum(1 for t in tasks if not t.judged_by_words)
    value -= c.unjudged_tasks * unjudged / total
    return max(c.minimum, value)


def _context(candidate: DiagramCandidate) -> list[Evidence]:
    """Evidence about the whole process: annotations not tied to one task, documentation."""
    items = [
        Evidence(text, f"laut Anmerkung im Diagramm: „{text[:90]}“")
        for text in unattached_annotations(candidate.process, candidate.artifacts)
    ]
    for process in candidate.own_processes:
        if process.documentation.strip():
            items.append(Evidence(process.documentation, "laut Dokumentation des Prozesses"))
    return items


def hours_text(hours: float | None) -> str:
    return "unbekannt" if hours is None else f"{number(hours)} Stunden pro Jahr"
