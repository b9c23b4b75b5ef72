"""The catalogue: scoring, facts, status, finding and ranking processes.

Importing lives in :mod:`processes.importer`. Every function takes an open
session and works inside the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, SQLColumnExpression, case, func, insert, or_, select
from sqlalchemy.orm import Session, defer, selectinload

from bpmn import Definitions, read_bpmn
from common.clock import utcnow
from processes.diagram import DiagramCandidate, read_candidate
from processes.facts import Facts
from processes.headline import HeadlineItem
from processes.models import (
    Assessment,
    Process,
    ProcessFacts,
    ProcessVersion,
    Status,
    StatusChange,
    TaskAssessment,
)
from processes.pipeline import COURSE, TransitionError, check_transition
from processes.quickcheck import QuickCheck, from_stored
from processes.scoring import ProcessScore, Quadrant, ScoringModel, assess

FACT_FIELDS = (
    "cases_per_month",
    "minutes_per_case",
    "digital_share",
    "exception_rate",
    "expected_changes",
    "it_systems",
    "legal_basis",
)


class CatalogueError(Exception):
    """Something a user asked of the catalogue that cannot be done; German message."""


def stated_changes(current: dict[str, object], facts: Facts) -> dict[str, object]:
    """The facts ``facts`` states that differ from the stored ``current`` values.

    Facts a file does not state are kept as they are.
    """
    changes: dict[str, object] = {}
    for key in FACT_FIELDS:
        value = getattr(facts, key)
        if value is None:
            continue
        value = getattr(value, "value", value)  # enums are stored as their value
        if current.get(key) != value:
            changes[key] = value
    return changes


def update_facts(process: Process, facts: Facts, user: str, source: str) -> bool:
    """Store what ``facts`` states on the process; True if anything changed."""
    row = process.facts
    current = {k: getattr(row, k) for k in FACT_FIELDS} if row else {}
    changes = stated_changes(current, facts)
    if not changes:
        return False
    if row is None:
        row = process.facts = ProcessFacts()
    for key, value in changes.items():
        setattr(row, key, value)
    row.source, row.updated_by, row.updated_at = source, user, utcnow()
    return True


def stored_facts(session: Session, process: Process) -> Facts:
    """The facts the pilot entered (or an import stated)."""
    row = process.facts
    values = {k: getattr(row, k) for k in FACT_FIELDS} if row else {}
    return Facts(department=process.department_code or None, **values)


def scoring_facts(session: Session, process: Process) -> Facts:
    """What scoring uses: the entered facts, and the quick check's answers where one is missing."""
    facts = stored_facts(session, process)
    check = stored_quick_check(process)
    return facts if check is None else check.as_facts().merged(facts)


def stored_quick_check(process: Process) -> QuickCheck | None:
    return None if process.facts is None else from_stored(process.facts.quick_check)


def set_quick_check(
    session: Session, process: Process, check: QuickCheck, model: ScoringModel, user: str
) -> Assessment:
    """Store the quick check's answers and re-score the current version."""
    row = process.facts
    if row is None:
        row = process.facts = ProcessFacts(source="user")
    row.quick_check = check.model_dump(mode="json")
    row.updated_by, row.updated_at = user, utcnow()
    session.flush()
    return reassess(session, process, model)


def assess_and_store(
    session: Session,
    process: Process,
    version: ProcessVersion,
    defs: Definitions,
    candidate: DiagramCandidate,
    model: ScoringModel,
    *,
    make_current: bool = False,
) -> Assessment:
    """Score the version, store the assessment, and point the process at it if current."""
    score = assess(
        defs, candidate, scoring_facts(session, process), model, stored_quick_check(process)
    )
    assessment = Assessment(**assessment_values(score))
    assessment.version = version
    version.task_count = len(score.tasks)
    session.add(assessment)
    session.flush()  # one flush writes process, version and assessment
    if score.tasks:
        session.execute(insert(TaskAssessment), task_rows(assessment.id, score))
    if make_current:
        process.current_version_id = version.id
    if make_current or process.current_version_id == version.id:
        process.current_assessment_id = assessment.id
    process.updated_at = utcnow()
    return assessment


def assessment_values(score: ProcessScore) -> dict[str, object]:
    """Column values of an assessment row (without its version)."""
    return {
        "model_version": score.model_version,
        "potential": score.potential,
        "ease": score.ease,
        "automatable_share": score.automatable_share,
        "hours_saved": score.hours_saved,
        "feasible": score.feasible,
        "feasibility_reason": score.feasibility_reason,
        "quadrant": score.quadrant.value,
        "confidence": score.confidence,
        "criteria": [
            {
                "axis": c.axis,
                "criterion": c.key,
                "label": c.label,
                "score": c.score,
                "weight": c.weight,
                "reason": c.reason,
            }
            for c in score.criteria
        ],
        "notes": list(score.notes),
        "created_at": utcnow(),
    }


def task_rows(assessment_id: int, score: ProcessScore) -> list[dict[str, object]]:
    return [
        {
            "assessment_id": assessment_id,
            "position": index,
            "element_id": t.element_id,
            "name": t.name,
            "kind": t.kind,
            "lane": t.lane,
            "potential": t.potential,
            "category": t.category.value,
            "discretion": t.discretion,
            "weight": t.weight,
            "reasons": [{"points": r.points, "text": r.text} for r in t.reasons],
        }
        for index, t in enumerate(score.tasks)
    ]


# -- re-scoring, facts, status ------------------------------------------------------


def _bpmn_of(version: ProcessVersion, process: Process) -> tuple[Definitions, DiagramCandidate]:
    defs = read_bpmn(version.source)
    candidate = read_candidate(defs, version.file_name)
    if candidate is None:
        raise CatalogueError(
            f"Prozess {process.key}: seine gespeicherte Version {version.number} enthält "
            "keinen Ablauf."
        )
    return defs, candidate


def reassess(session: Session, process: Process, model: ScoringModel) -> Assessment:
    """A new assessment of the current version (old ones are kept)."""
    version = (
        session.get(ProcessVersion, process.current_version_id)
        if process.current_version_id
        else None
    )
    if version is None:
        raise CatalogueError(f"Prozess {process.key} hat keine Version.")
    defs, candidate = _bpmn_of(version, process)
    if process.current_version_id == version.id:
        # the naming rules may have changed with Lotse; the name follows them
        process.name = candidate.name
    return assess_and_store(session, process, version, defs, candidate, model)


def rescore_all(session: Session, model: ScoringModel, *, force: bool = False) -> tuple[int, int]:
    """Re-score every process whose current assessment used another model version.

    Returns (re-scored, already current).
    """
    done = skipped = 0
    processes = session.scalars(
        select(Process).options(selectinload(Process.current_assessment)).order_by(Process.id)
    ).all()
    for process in processes:
        current = process.current_assessment
        if not force and current is not None and current.model_version == model.version:
            skipped += 1
            continue
        reassess(session, process, model)
        done += 1
    return done, skipped


def set_facts(
    session: Session, process: Process, facts: Facts, model: ScoringModel, user: str
) -> Assessment:
    """Replace the facts (a ``None`` clears one) and re-score the current version."""
    row = process.facts
    if row is None:
        row = process.facts = ProcessFacts()
    for key in FACT_FIELDS:
        value = getattr(facts, key)
        setattr(row, key, getattr(value, "value", value))
    row.source, row.updated_by, row.updated_at = "user", user, utcnow()
    session.flush()
    return reassess(session, process, model)


def change_status(
    session: Session, process: Process, status: Status, user: str, comment: str = ""
) -> StatusChange:
    """Move the process along the pipeline, if :mod:`processes.pipeline` allows it."""
    try:
        check_transition(Status(process.status), status, comment)
    except TransitionError as exc:
        raise CatalogueError(f"Prozess {process.key}: {exc}") from None
    change = StatusChange(
        process_id=process.id,
        from_status=process.status,
        to_status=status.value,
        comment=comment.strip(),
        changed_by=user,
    )
    session.add(change)
    process.status = status.value
    process.updated_at = utcnow()
    session.flush()
    return change


# -- finding processes --------------------------------------------------------------


def find_process(session: Session, key: str) -> Process:
    """By key (``20:Process_X``), by bare BPMN id when unique, or by numeric id."""
    key = key.strip()
    department, _, bpmn_id = key.rpartition(":")
    query = select(Process).where(Process.bpmn_id == bpmn_id)
    if department:
        query = query.where(Process.department_code == department)
    matches = session.scalars(query).all()
    if not matches and key.isdigit():
        by_id = session.get(Process, int(key))
        if by_id is not None:
            return by_id
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise CatalogueError(f"Im Katalog gibt es keinen Prozess „{key}“.")
    keys = ", ".join(p.key for p in matches)
    raise CatalogueError(f"„{key}“ ist mehrdeutig, gemeint ist einer von: {keys}.")


def current_processes(session: Session) -> list[Process]:
    """All processes with current version, assessment and facts loaded."""
    return list(
        session.scalars(
            select(Process)
            .options(
                selectinload(Process.current_assessment).selectinload(Assessment.tasks),
                selectinload(Process.current_version),
                selectinload(Process.facts),
            )
            .order_by(Process.id)
        )
    )


def ranking_key(process: Process) -> tuple[int, bool, float, float, float]:
    """Quick wins first, then strategic …; within a quadrant by hours saved, potential, ease.

    The same order as ``search(sort="rang")`` in SQL: unknown hours after known ones.
    """
    assessment = process.current_assessment
    if assessment is None:
        return (len(Quadrant), True, 0.0, 0.0, 0.0)
    return (
        Quadrant(assessment.quadrant).rank,
        assessment.hours_saved is None,
        -(assessment.hours_saved or 0.0),
        -assessment.potential,
        -assessment.ease,
    )


def ranked(processes: Iterable[Process]) -> list[Process]:
    return sorted(processes, key=ranking_key)


def headline_items(session: Session, department: str | None = None) -> list[HeadlineItem]:
    """What :func:`processes.headline.headline` needs of every process, in one query."""
    query = (
        select(
            Process.department_code, Process.bpmn_id, Assessment.quadrant,
            Assessment.hours_saved, ProcessVersion.content_sha256,
        )
        .outerjoin(Assessment, Assessment.id == Process.current_assessment_id)
        .outerjoin(ProcessVersion, ProcessVersion.id == Process.current_version_id)
    )  # fmt: skip
    if department is not None:
        query = query.where(Process.department_code == department)
    return [
        HeadlineItem(
            key=f"{code}:{bpmn_id}" if code else bpmn_id,
            quadrant=quadrant,
            hours=hours,
            content_sha256=sha or "",
            bpmn_id=bpmn_id,
        )
        for code, bpmn_id, quadrant, hours, sha in session.execute(query)
    ]


# -- searching the catalogue (web workbench) --------------------------------------------

QUADRANT_ORDER = {q.value: q.rank for q in Quadrant}
# Descending means "most first": the furthest along the pipeline, rejected last.
STATUS_ORDER = {status.value: index for index, status in enumerate((*COURSE, Status.REJECTED))}
SORTS: dict[str, SQLColumnExpression[Any] | None] = {
    "rang": None,  # quadrant, then hours saved: the ranking of the report
    "potenzial": Assessment.potential,
    "umsetzbarkeit": Assessment.ease,
    "stunden": Assessment.hours_saved,
    "name": Process.name,
    "amt": Process.department_code,
    "status": case(STATUS_ORDER, value=Process.status, else_=len(STATUS_ORDER)),
    "aktualisiert": Process.updated_at,
}
# Sorts by the process's own columns: the list needs no assessments to cut out a page.
PROCESS_SORTS = frozenset({"name", "amt", "status", "aktualisiert"})


@dataclass(frozen=True, slots=True)
class CatalogueQuery:
    text: str = ""
    department: str = ""
    status: str = ""
    quadrant: str = ""
    sort: str = "rang"
    descending: bool = True
    page: int = 1
    per_page: int = 50


def search(
    session: Session, query: CatalogueQuery
) -> tuple[list[tuple[Process, Assessment | None]], int]:
    """One page of the catalogue with its current assessments, and the number of matches.

    Filtering, sorting and paging happen in the database, so that the page
    stays fast with tens of thousands of processes: the matches are sorted
    and cut to the page as narrow rows (id and sort keys), and only the page's
    rows are then loaded whole. Sorting whole rows, each with its assessment's
    criteria, took 0.3 s for a deep page of 10,000 processes on SQLite.
    """
    conditions: list[ColumnElement[bool]] = []
    if query.text.strip():
        # autoescape: a "%" or "_" typed by a user is a character, not a wildcard
        text = query.text.strip().lower()
        conditions.append(
            or_(
                func.lower(Process.name).contains(text, autoescape=True),
                func.lower(Process.bpmn_id).contains(text, autoescape=True),
            )
        )
    if query.department:
        conditions.append(Process.department_code == query.department)
    if query.status:
        conditions.append(Process.status == query.status)
    matches = select(Process.id).where(*conditions)
    if query.quadrant or query.sort not in PROCESS_SORTS:
        # Only to filter or sort by the scores: joined, each match looks up its assessment.
        matches = matches.outerjoin(Assessment, Assessment.id == Process.current_assessment_id)
    if query.quadrant:
        matches = matches.where(Assessment.quadrant == query.quadrant)
        counted = matches
    else:  # counting needs the assessments only to filter by them
        counted = select(Process.id).where(*conditions)
    total = session.scalar(select(func.count()).select_from(counted.subquery())) or 0
    keys = _sort_keys(query)
    offset = (max(1, query.page) - 1) * query.per_page
    if 2 * offset > total and offset < total:
        # A page past the middle: sorted the other way round, it is near the start. SQLite
        # sorts with a bounded heap for LIMIT + OFFSET rows, so the deepest page costs as
        # much as the first instead of sorting (almost) every match (docs/benchmarks.md).
        # The order is total (ties broken by id), so the reverse order has the same rows.
        limit = min(query.per_page, total - offset)
        page = (
            matches.order_by(*_ordered(keys, reverse=True))
            .limit(limit)
            .offset(total - offset - limit)
        )
    else:
        page = matches.order_by(*_ordered(keys)).limit(query.per_page).offset(offset)
    order = _ordered(keys)
    statement = (
        select(Process, Assessment)
        .outerjoin(Assessment, Assessment.id == Process.current_assessment_id)
        .where(Process.id.in_(page.scalar_subquery()))
        .order_by(*order)
        # a list shows the scores, not the reasons: loaded only if someone asks
        .options(defer(Assessment.criteria), defer(Assessment.notes))
    )
    rows: list[tuple[Process, Assessment | None]] = [
        (process, assessment) for process, assessment in session.execute(statement)
    ]
    return rows, total


# A sort key: the column, descending or not, and where NULLs go ("first", "last", or the
# database's own place, which flips with the direction on SQLite and PostgreSQL alike).
SortKey = tuple[SQLColumnExpression[Any], bool, str | None]


def _sort_keys(query: CatalogueQuery) -> list[SortKey]:
    column = SORTS.get(query.sort)
    keys: list[SortKey]
    if column is None:  # the report's ranking: descending = best first, ascending its reverse
        rank = case(QUADRANT_ORDER, value=Assessment.quadrant, else_=len(QUADRANT_ORDER))
        best = query.descending
        keys = [
            (rank, not best, None),
            (Assessment.hours_saved, best, "last" if best else "first"),
            (Assessment.potential, best, None),
            (Assessment.ease, best, None),
        ]
    else:
        keys = [(column, query.descending, "last")]
    keys.append((Process.id, False, None))  # ties in a stable order: pages neither overlap nor skip
    return keys


def _ordered(keys: list[SortKey], *, reverse: bool = False) -> list[SQLColumnExpression[Any]]:
    """The ORDER BY terms of ``keys``; ``reverse``: the exact reverse order."""
    terms: list[SQLColumnExpression[Any]] = []
    for column, descending, nulls in keys:
        if reverse:
            descending = not descending
            nulls = {"first": "last", "last": "first"}.get(nulls or "")
        term = column.desc() if descending else column.asc()
        if nulls == "first":
            term = term.nulls_first()
        elif nulls == "last":
            term = term.nulls_last()
        terms.append(term)
    return terms
