"""Per-task automation potential: task type, and the words the diagram holds about the task."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from bpmn.model import (
    ACTIVITY_KINDS,
    Artifact,
    DataAssociation,
    DataElement,
    Definitions,
    FlowNode,
    Lane,
    Process,
    SubProcess,
)
from processes.diagram import is_placeholder
from processes.scoring.model import KeywordGroup, ScoringModel
from processes.scoring.results import Category, Reason, TaskScore
from processes.scoring.text import points

MINUTES_KEYS = ("lotse:minutes", "lotse:minutenprofall", "minuten", "minutes", "lotse:minuten")


def scored_activities(process: Process) -> Iterator[FlowNode]:
    """Activities people or systems perform. An expanded sub-process is a
    container: its content is scored, not the sub-process itself."""
    for node in process.content.walk_nodes():
        if node.kind not in ACTIVITY_KINDS:
            continue
        if isinstance(node, SubProcess) and node.content.nodes:
            continue
        yield node


@dataclass(frozen=True, slots=True)
class Evidence:
    """A text the diagram holds about a task, and where it stands."""

    text: str
    source: str  # German, for reasons: "laut Anmerkung im Diagramm: „…“"


def score_tasks(
    defs: Definitions,
    process: Process,
    model: ScoringModel,
    context: list[Evidence] | None = None,
) -> list[TaskScore]:
    """Score every named task; ``context`` is evidence about the whole process
    (annotations on pools, the process's documentation) that names systems."""
    roles = roles_by_node(process)
    associations = _associations_by_node(process)
    notes = annotations_by_node(process)
    return [
        score_task(
            node,
            defs,
            model,
            roles.get(node.id, ""),
            associations.get(node.id, []),
            notes.get(node.id, []),
            context or [],
        )
        for node in scored_activities(process)
        if not is_placeholder(node.label)
    ]


def annotations_by_node(process: Process) -> dict[str, list[str]]:
    """Text annotations linked to a node by an association (either direction)."""
    texts: dict[str, str] = {}
    links: list[tuple[str, str]] = []
    for container in process.content.walk_containers():
        for artifact in container.artifacts:
            if artifact.kind == "textAnnotation" and artifact.text.strip():
                texts[artifact.id] = " ".join(artifact.text.split())
            elif artifact.kind == "association" and artifact.source and artifact.target:
                links.append((artifact.source, artifact.target))
    by_node: dict[str, list[str]] = {}
    for source, target in links:
        if target in texts:
            by_node.setdefault(source, []).append(texts[target])
        elif source in texts:
            by_node.setdefault(target, []).append(texts[source])
    return by_node


def unattached_annotations(process: Process, extra: Iterable[Artifact] = ()) -> list[str]:
    """Annotations about the process as a whole: linked to nothing, or to a pool or lane."""
    nodes = {n.id for n in process.content.walk_nodes()}
    artifacts = [a for c in process.content.walk_containers() for a in c.artifacts]
    artifacts += list(extra)
    linked_to_node = set()
    for artifact in artifacts:
        if artifact.kind == "association" and artifact.source and artifact.target:
            if artifact.source in nodes:
                linked_to_node.add(artifact.target)
            if artifact.target in nodes:
                linked_to_node.add(artifact.source)
    return [
        " ".join(a.text.split())
        for a in artifacts
        if a.kind == "textAnnotation" and a.text.strip() and a.id not in linked_to_node
    ]


def roles_by_node(process: Process) -> dict[str, str]:
    """The innermost named lane (or pool) each node sits in."""
    roles: dict[str, tuple[int, str]] = {}

    def visit(lane: Lane, depth: int) -> None:
        for ref in lane.node_refs:
            if lane.label and roles.get(ref, (-1, ""))[0] < depth:
                roles[ref] = (depth, lane.label)
        for child in lane.children:
            visit(child, depth + 1)

    for container in process.content.walk_containers():
        for lane in container.lanes:
            visit(lane, 0)
    return {node: label for node, (_, label) in roles.items()}


def _associations_by_node(process: Process) -> dict[str, list[DataAssociation]]:
    by_node: dict[str, list[DataAssociation]] = {}
    for container in process.content.walk_containers():
        for association in container.data_associations:
            by_node.setdefault(association.node, []).append(association)
    return by_node


def score_task(
    node: FlowNode,
    defs: Definitions,
    model: ScoringModel,
    lane: str,
    associations: list[DataAssociation],
    annotations: list[str] | None = None,
    context: list[Evidence] | None = None,
) -> TaskScore:
    """One task's potential from its type and every word the diagram holds about it.

    The name speaks first; documentation, attached annotations, the names of
    the data it uses and its extension properties add evidence, and every
    reason says where its word came from.
    """
    task_type = model.task_types.get(node.kind) or model.task_types["task"]
    evidence = _evidence(node, defs, associations, annotations or [])
    found: dict[str, tuple[str, str]] = {}  # key → (word, source); "" is the task's name
    for item in evidence:
        for key, word in model.matches(item.text).items():
            found.setdefault(key, (word, item.source))
    systems_known = "_system" in found or any(
        "_system" in model.matches(item.text) for item in context or []
    )
    counted, overruled = counted_groups(found, systems_known, model)
    keys = {g.key for g in counted}
    named = {g.key for g in counted if not found[g.key][1]}
    rule = model.after_scanning
    # the name decides what kind of work it is: "Hundemarke beilegen" stays
    # handwork even if its documentation mentions a list entry
    after_scanning = (
        rule is not None
        and node.kind in rule.types
        and bool(named & set(rule.groups))
        and not keys & set(rule.unless)
    )
    if rule is not None and after_scanning:
        reasons = [Reason(rule.base, rule.reason)]
        score = rule.base
    else:
        reasons = [Reason(task_type.base, task_type.reason)]
        score = task_type.base
    judged = bool(counted) or task_type.category == "system"
    for group in counted:
        word, source = found[group.key]
        score += group.points
        text = group.reason.format(word=word, points=points(group.points))
        reasons.append(Reason(group.points, _with_source(text, source)))
    for group, by in overruled:
        word, source = found[group.key]
        reasons.append(
            Reason(
                0.0,
                f"„{word}“ ({source}) zählt hier nicht ({points(group.points)} entfallen): "
                f"der Name der Aufgabe beschreibt andere Arbeit („{found[by.key][0]}“).",
            )
        )

    for name, paper in _data_names(node, defs, associations, model):
        if paper:
            delta, template = model.data.paper_points, model.data.paper_reason
        else:
            delta, template = model.data.digital_points, model.data.digital_reason
        score += delta
        judged = True
        reasons.append(Reason(delta, template.format(name=name, points=points(delta))))

    score = max(0.0, min(100.0, score))
    discretion = found.get("_discretion")
    if discretion:
        cap = model.discretion.cap
        reason = model.discretion.reason.format(word=discretion[0], cap=round(cap))
        reasons.append(Reason(min(0.0, cap - score), _with_source(reason, discretion[1])))
        score = min(score, cap)
    secret = found.get("_human_only")
    if secret:
        cap = model.human_only.cap
        reason = model.human_only.reason.format(word=secret[0], cap=round(cap))
        reasons.append(Reason(min(0.0, cap - score), _with_source(reason, secret[1])))
        score = min(score, cap)
        judged = True

    category = _category(score, task_type.category, model)
    if secret and category is not Category.SYSTEM:
        category = Category.HUMAN
    return TaskScore(
        element_id=node.id,
        name=node.label,
        kind=node.kind,
        lane=lane,
        potential=round(score, 1),
        category=category,
        discretion=discretion is not None,
        weight=_minutes(node) or 1.0,
        reasons=reasons,
        judged_by_words=judged,
        after_scanning=after_scanning,
    )


def counted_groups(
    found: dict[str, tuple[str, str]], systems_known: bool, model: ScoringModel
) -> tuple[list[KeywordGroup], list[tuple[KeywordGroup, KeywordGroup]]]:
    """The keyword groups that count for a task, and those its name overrules.

    ``found`` maps a group's key to (word, source); the source is "" for the
    task's name. The name says what kind of work a task is; the rest of the
    diagram (documentation, annotations, data, properties) may add to it or
    sharpen it, never turn it around. When every group the name matched
    points one way, a group found only elsewhere that points the other way is
    overruled ("Zustellung dauert bis zu eine Woche" next to "Zu den Ämtern
    tragen" does not make carrying communication work), unless the two are
    related by ``unless`` (then the other evidence sharpens the name:
    "Vollständigkeit" turns "Antrag prüfen" into a formal check). A name that
    says nothing, or points both ways ("Gebühr kassieren"), leaves the
    decision to the rest. Then ``requires`` and ``unless`` apply. Pure.
    """
    groups = [
        g
        for g in model.keyword_groups
        if g.key in found
        and (
            not g.requires
            or any(r in found or (r == "_system" and systems_known) for r in g.requires)
        )
    ]
    by_name = [g for g in groups if not found[g.key][1]]
    overruled: list[tuple[KeywordGroup, KeywordGroup]] = []
    valid: list[KeywordGroup] = []
    for group in groups:
        against = [n for n in by_name if _contradicts(group, n)]
        if found[group.key][1] and against and len(against) == len(by_name):
            overruled.append((group, against[0]))
        else:
            valid.append(group)
    keys = {g.key for g in valid}
    return [g for g in valid if not set(g.unless) & keys], overruled


def _contradicts(other: KeywordGroup, name: KeywordGroup) -> bool:
    related = other.key in name.unless or name.key in other.unless
    return not related and (other.points > 0) != (name.points > 0)


def _with_source(reason: str, source: str) -> str:
    if not source:
        return reason
    return f"{reason.rstrip().rstrip('.')}; {source}."


def _evidence(
    node: FlowNode, defs: Definitions, associations: list[DataAssociation], annotations: list[str]
) -> list[Evidence]:
    """What the diagram says about one task, the name first."""
    items = [Evidence(node.label, "")]
    if node.documentation.strip():
        items.append(Evidence(node.documentation, "laut Dokumentation der Aufgabe"))
    for text in annotations:
        items.append(Evidence(text, f"laut Anmerkung im Diagramm: „{_short(text)}“"))
    for association in associations:
        refs = association.sources if association.is_input else [association.target or ""]
        for ref in refs:
            element = defs.index.get(ref)
            if isinstance(element, DataElement):
                name = data_name(element, defs)
                if name:
                    what = (
                        "Datenspeicher" if element.kind == "dataStoreReference" else "Datenobjekt"
                    )
                    items.append(Evidence(name, f"laut {what} „{name}“"))
    for key, value in _text_properties(node):
        items.append(Evidence(value, f"laut Eigenschaft „{key}“"))
    return items


def _text_properties(node: FlowNode) -> Iterator[tuple[str, str]]:
    """Name/value extension properties with text values (not numbers), read from the
    raw elements: flattening every task's extensions costs more than scoring it."""
    if node.extension_elements is None:
        return
    for element in node.extension_elements.iter():
        name = element.get("name") or element.get("key") or element.get("metaKey")
        value = element.get("value") or element.get("metaValue")
        if name and value and value.strip() and not _is_number(value):
            yield name, value.strip()


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _is_number(value: str) -> bool:
    try:
        float(value.replace(",", "."))
    except ValueError:
        return False
    return True


def _category(score: float, type_category: str | None, model: ScoringModel) -> Category:
    if type_category == "system":
        return Category.SYSTEM
    if score >= model.categories.robot:
        return Category.ROBOT
    if score >= model.categories.assist:
        return Category.ASSIST
    return Category.HUMAN


def data_name(element: DataElement, defs: Definitions) -> str:
    if element.label:
        return element.label
    referenced = defs.index.get(element.ref or "")
    return referenced.label if referenced is not None else ""


def is_paper(name: str, model: ScoringModel) -> bool | None:
    """True for paper, False for digital, None when the name says neither."""
    found = model.matches(name)
    if "_paper" in found:
        return True
    if "_digital" in found:
        return False
    return None


def _data_names(
    node: FlowNode,
    defs: Definitions,
    associations: list[DataAssociation],
    model: ScoringModel,
) -> list[tuple[str, bool]]:
    """(name, is_paper) for the first paper and the first digital data the task touches."""
    found: dict[bool, str] = {}
    for association in associations:
        refs = association.sources if association.is_input else [association.target or ""]
        for ref in refs:
            element = defs.index.get(ref)
            if not isinstance(element, DataElement):
                continue
            name = data_name(element, defs)
            paper = is_paper(name, model)
            if paper is not None and paper not in found:
                found[paper] = name
    return [(name, paper) for paper, name in sorted(found.items(), reverse=True)]


def node_property(node: FlowNode, keys: tuple[str, ...]) -> str | None:
    """The first name/value extension property of a node whose name is one of ``keys``.

    Searches the raw extension elements instead of flattening them: this runs
    for every task, and some tools attach metadata to every element.
    """
    if node.extension_elements is None:
        return None
    for element in node.extension_elements.iter():
        name = element.get("name") or element.get("key") or element.get("metaKey")
        if name and name.lower() in keys:
            value = element.get("value") or element.get("metaValue") or element.text
            return value.strip() if value else None
    return None


def _minutes(node: FlowNode) -> float | None:
    """Minutes a task takes per case, if the pilot noted them as a property."""
    value = node_property(node, MINUTES_KEYS)
    if value is None:
        return None
    try:
        minutes = float(value.replace(",", "."))
    except ValueError:
        return None
    return minutes if minutes > 0 else None
