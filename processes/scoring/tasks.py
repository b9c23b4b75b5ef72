"""Per-task automation potential: task type, words in name and documentation, data used."""

from __future__ import annotations

from collections.abc import Iterator

from bpmn.model import (
    ACTIVITY_KINDS,
    DataAssociation,
    DataElement,
    Definitions,
    FlowNode,
    Lane,
    Process,
    SubProcess,
)
from processes.scoring.model import ScoringModel
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


def score_tasks(defs: Definitions, process: Process, model: ScoringModel) -> list[TaskScore]:
    roles = roles_by_node(process)
    associations = _associations_by_node(process)
    return [
        score_task(node, defs, model, roles.get(node.id, ""), associations.get(node.id, []))
        for node in scored_activities(process)
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
) -> TaskScore:
    task_type = model.task_types.get(node.kind) or model.task_types["task"]
    reasons = [Reason(task_type.base, task_type.reason)]
    score = task_type.base
    text = f"{node.label} {node.documentation}".strip()
    found = model.matches(text)
    matched = {g.key: found[g.key] for g in model.keyword_groups if g.key in found}
    judged = bool(matched) or task_type.category == "system"
    for group in model.keyword_groups:
        if group.key not in matched or any(other in matched for other in group.unless):
            continue
        score += group.points
        reasons.append(
            Reason(
                group.points,
                group.reason.format(word=matched[group.key], points=points(group.points)),
            )
        )

    for name, is_paper in _data_names(node, defs, associations, model):
        if is_paper:
            delta, template = model.data.paper_points, model.data.paper_reason
        else:
            delta, template = model.data.digital_points, model.data.digital_reason
        score += delta
        reasons.append(Reason(delta, template.format(name=name, points=points(delta))))

    score = max(0.0, min(100.0, score))
    discretion = found.get("_discretion")
    if discretion:
        cap = model.discretion.cap
        reason = model.discretion.reason.format(word=discretion, cap=round(cap))
        reasons.append(Reason(min(0.0, cap - score), reason))
        score = min(score, cap)

    category = _category(score, task_type.category, model)
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
    )


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
