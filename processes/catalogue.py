"""The catalogue: importing diagrams as versioned processes, scoring, status, facts.

Every function takes an open session and works inside the caller's
transaction, so the caller decides what is atomic (the CLI and the web commit
one file at a time: a bad file never takes the others with it).

Concurrency: two imports of the same file at the same time must not make two
versions. The database enforces it (unique process per department and BPMN
id, unique content per process, unique version number per process); the code
turns a lost race into "unchanged" by retrying inside a savepoint.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from bpmn import BpmnReadError, Definitions, XmlLimits, lint, read_bpmn
from bpmn.lint import Finding as LintFinding
from bpmn.model import Process as BpmnProcess
from bpmn.safe_xml import read_limited
from processes.facts import Facts, FactsError, facts_from_mapping, read_sidecar
from processes.models import (
    Assessment,
    Department,
    Finding,
    Process,
    ProcessFacts,
    ProcessVersion,
    Status,
    StatusChange,
    TaskAssessment,
    utcnow,
)
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


class Outcome(StrEnum):
    NEW = "new"
    NEW_VERSION = "new_version"
    UNCHANGED = "unchanged"
    FACTS_UPDATED = "facts_updated"
    FAILED = "failed"

    @property
    def german(self) -> str:
        return {
            "new": "neu",
            "new_version": "neue Version",
            "unchanged": "unverändert",
            "facts_updated": "Fakten aktualisiert",
            "failed": "fehlgeschlagen",
        }[self.value]


@dataclass(slots=True)
class ImportResult:
    file: str
    outcome: Outcome
    key: str | None = None
    name: str = ""
    version: int | None = None
    message: str = ""


@dataclass(slots=True)
class ImportRequest:
    """One file to import. ``data`` may be given (uploads); else ``path`` is read."""

    file_name: str
    path: Path | None = None
    data: bytes | None = None
    department: str | None = None
    facts: Facts | None = None  # e.g. from the upload form; wins over the file's
    user: str = ""
    read_sidecar: bool = True


# -- import ----------------------------------------------------------------------


def import_diagram(
    session: Session, request: ImportRequest, model: ScoringModel, limits: XmlLimits
) -> list[ImportResult]:
    """Import every process of one BPMN file. Nothing is stored for a file that fails."""
    name = request.file_name
    try:
        data = request.data if request.data is not None else read_limited(_path(request), limits)
        defs = read_bpmn(data, limits=limits)
        sidecar = read_sidecar(request.path) if request.path and request.read_sidecar else {}
        processes = [p for p in defs.processes if p.content.nodes]
        if not processes:
            raise CatalogueError("Die Datei enthält keinen Prozess mit Aufgaben oder Ereignissen.")
        plans = [_plan(session, defs, p, request, sidecar) for p in processes]
    except (BpmnReadError, FactsError, CatalogueError) as exc:
        return [ImportResult(name, Outcome.FAILED, message=str(exc))]

    digest = hashlib.sha256(data).hexdigest()
    findings = lint(defs)
    return [_store(session, defs, plan, data, digest, findings, request, model) for plan in plans]


def _path(request: ImportRequest) -> Path:
    if request.path is None:
        raise CatalogueError("Weder Datei noch Inhalt angegeben.")
    return request.path


@dataclass(slots=True)
class _Plan:
    bpmn: BpmnProcess
    department: str
    facts: Facts  # what the file (and the request) says


def _plan(
    session: Session,
    defs: Definitions,
    process: BpmnProcess,
    request: ImportRequest,
    sidecar: dict[str, Facts],
) -> _Plan:
    """Work out department and facts before anything is written (all or nothing)."""
    where = f"{request.file_name} (Prozess „{process.label or process.id}“)"
    properties = dict(process.properties)
    for participant in defs.participants():
        if participant.process_ref == process.id:
            properties = {**participant.properties, **properties}
    facts = facts_from_mapping(properties, where=where)
    for key in ("*", process.id):
        if key in sidecar:
            facts = facts.merged(sidecar[key])
    if request.facts is not None:
        facts = facts.merged(request.facts)
    department = (request.department or facts.department or "").strip()
    if department and session.get(Department, department) is None:
        raise CatalogueError(
            f"Das Amt „{department}“ ist unbekannt; bekannt sind: "
            + ", ".join(session.scalars(select(Department.code).order_by(Department.code)))
            + "."
        )
    return _Plan(process, department, facts)


def _store(
    session: Session,
    defs: Definitions,
    plan: _Plan,
    data: bytes,
    digest: str,
    findings: Sequence[LintFinding],
    request: ImportRequest,
    model: ScoringModel,
) -> ImportResult:
    process, created = _get_or_create_process(session, plan, request.user)
    existing = session.scalar(
        select(ProcessVersion).where(
            ProcessVersion.process_id == process.id, ProcessVersion.content_sha256 == digest
        )
    )
    facts_changed = _update_facts(session, process, plan.facts, request.user)
    if existing is not None:
        if facts_changed:
            _assess_and_store(session, process, existing, defs, plan.bpmn, model)
            return _result(request, Outcome.FACTS_UPDATED, process, existing)
        return _result(request, Outcome.UNCHANGED, process, existing)

    version = _add_version(session, process, plan, data, digest, request)
    if version is None:  # the same content arrived concurrently
        existing = session.scalar(
            select(ProcessVersion).where(
                ProcessVersion.process_id == process.id,
                ProcessVersion.content_sha256 == digest,
            )
        )
        return _result(request, Outcome.UNCHANGED, process, existing)
    for finding in _findings_of(defs, plan.bpmn, findings):
        session.add(
            Finding(
                version_id=version.id,
                rule=finding.rule,
                severity=finding.severity.value,
                element_id=finding.element_id,
                message=finding.message,
            )
        )
    process.name = plan.bpmn.label or process.name
    process.current_version_id = version.id
    _assess_and_store(session, process, version, defs, plan.bpmn, model)
    return _result(request, Outcome.NEW if created else Outcome.NEW_VERSION, process, version)


def _result(
    request: ImportRequest, outcome: Outcome, process: Process, version: ProcessVersion | None
) -> ImportResult:
    return ImportResult(
        request.file_name,
        outcome,
        key=process.key,
        name=process.name,
        version=version.number if version else None,
    )


def _get_or_create_process(session: Session, plan: _Plan, user: str) -> tuple[Process, bool]:
    query = select(Process).where(
        Process.department_code == plan.department, Process.bpmn_id == plan.bpmn.id
    )
    process = session.scalar(query)
    if process is not None:
        return process, False
    try:
        with session.begin_nested():
            process = Process(
                department_code=plan.department,
                bpmn_id=plan.bpmn.id,
                name=plan.bpmn.label or plan.bpmn.id,
                status=Status.IDEA.value,
            )
            session.add(process)
            session.flush()
            session.add(
                StatusChange(
                    process_id=process.id,
                    from_status=None,
                    to_status=Status.IDEA.value,
                    comment="Aus BPMN-Diagramm importiert",
                    changed_by=user,
                )
            )
            session.flush()
        return process, True
    except IntegrityError:  # another import created it a moment ago
        found = session.scalar(query)
        if found is None:
            raise
        return found, False


def _add_version(
    session: Session,
    process: Process,
    plan: _Plan,
    data: bytes,
    digest: str,
    request: ImportRequest,
) -> ProcessVersion | None:
    for _attempt in range(5):
        number = (
            session.scalar(
                select(func.max(ProcessVersion.number)).where(
                    ProcessVersion.process_id == process.id
                )
            )
            or 0
        ) + 1
        try:
            with session.begin_nested():
                version = ProcessVersion(
                    process_id=process.id,
                    number=number,
                    content_sha256=digest,
                    file_name=request.file_name[:500],
                    source=data,
                    name=plan.bpmn.label,
                    imported_by=request.user,
                    task_count=0,
                )
                session.add(version)
                session.flush()
            return version
        except IntegrityError:
            same_content = session.scalar(
                select(ProcessVersion.id).where(
                    ProcessVersion.process_id == process.id,
                    ProcessVersion.content_sha256 == digest,
                )
            )
            if same_content is not None:
                return None
            # only the number collided with a different concurrent version: try the next
    raise CatalogueError(
        "Die Version konnte wegen gleichzeitiger Importe nicht gespeichert werden."
    )


def _findings_of(
    defs: Definitions, process: BpmnProcess, findings: Sequence[LintFinding]
) -> list[LintFinding]:
    """Findings about this process, plus those about the file as a whole."""
    own = {process.id}
    for container in process.content.walk_containers():
        own.update(n.id for n in container.nodes)
        own.update(f.id for f in container.flows)
        own.update(d.id for d in container.data)
        own.update(a.id for a in container.artifacts)
    own.update(lane.id for lane in process.walk_lanes())
    elsewhere = set(defs.index) - own
    return [f for f in findings if f.element_id is None or f.element_id not in elsewhere]


def _update_facts(session: Session, process: Process, facts: Facts, user: str) -> bool:
    """Store what the file says; facts the file does not state are kept. True if changed."""
    stated = {k: v for k, v in facts.model_dump().items() if k in FACT_FIELDS and v is not None}
    if not stated:
        return False
    row = session.get(ProcessFacts, process.id)
    if row is None:
        row = ProcessFacts(process_id=process.id, source="import", updated_by=user)
        session.add(row)
    changed = False
    for key, value in stated.items():
        value = value.value if hasattr(value, "value") else value
        if getattr(row, key) != value:
            setattr(row, key, value)
            changed = True
    if changed:
        row.source = "import"
        row.updated_by = user
        row.updated_at = utcnow()
    session.flush()
    return changed


def stored_facts(session: Session, process: Process) -> Facts:
    row = session.get(ProcessFacts, process.id)
    values = {k: getattr(row, k) for k in FACT_FIELDS} if row else {}
    return Facts(department=process.department_code or None, **values)


def _assess_and_store(
    session: Session,
    process: Process,
    version: ProcessVersion,
    defs: Definitions,
    bpmn_process: BpmnProcess,
    model: ScoringModel,
) -> Assessment:
    score = assess(defs, bpmn_process, stored_facts(session, process), model)
    assessment = _assessment_row(version, score)
    session.add(assessment)
    session.flush()
    version.task_count = len(score.tasks)
    if process.current_version_id == version.id:
        process.current_assessment_id = assessment.id
    process.updated_at = utcnow()
    return assessment


def _assessment_row(version: ProcessVersion, score: ProcessScore) -> Assessment:
    assessment = Assessment(
        version_id=version.id,
        model_version=score.model_version,
        potential=score.potential,
        ease=score.ease,
        automatable_share=score.automatable_share,
        hours_saved=score.hours_saved,
        feasible=score.feasible,
        feasibility_reason=score.feasibility_reason,
        quadrant=score.quadrant.value,
        confidence=score.confidence,
        criteria=[
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
        notes=list(score.notes),
    )
    assessment.tasks = [
        TaskAssessment(
            position=index,
            element_id=t.element_id,
            name=t.name,
            kind=t.kind,
            lane=t.lane,
            potential=t.potential,
            category=t.category.value,
            discretion=t.discretion,
            weight=t.weight,
            reasons=[{"points": r.points, "text": r.text} for r in t.reasons],
        )
        for index, t in enumerate(score.tasks)
    ]
    return assessment


# -- re-scoring, facts, status ------------------------------------------------------


def _bpmn_of(version: ProcessVersion, process: Process) -> tuple[Definitions, BpmnProcess]:
    defs = read_bpmn(version.source)
    for candidate in defs.processes:
        if candidate.id == process.bpmn_id:
            return defs, candidate
    raise CatalogueError(
        f"Prozess {process.key} fehlt in seiner gespeicherten Version {version.number}."
    )


def reassess(session: Session, process: Process, model: ScoringModel) -> Assessment:
    """A new assessment of the current version (old ones are kept)."""
    version = (
        session.get(ProcessVersion, process.current_version_id)
        if process.current_version_id
        else None
    )
    if version is None:
        raise CatalogueError(f"Prozess {process.key} hat keine Version.")
    defs, bpmn_process = _bpmn_of(version, process)
    return _assess_and_store(session, process, version, defs, bpmn_process, model)


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
    row = session.get(ProcessFacts, process.id)
    if row is None:
        row = ProcessFacts(process_id=process.id)
        session.add(row)
    for key in FACT_FIELDS:
        value = getattr(facts, key)
        setattr(row, key, value.value if hasattr(value, "value") else value)
    row.source = "user"
    row.updated_by = user
    row.updated_at = utcnow()
    session.flush()
    return reassess(session, process, model)


def change_status(
    session: Session, process: Process, status: Status, user: str, comment: str = ""
) -> StatusChange:
    if process.status == status.value:
        raise CatalogueError(f"Prozess {process.key} hat den Status „{status.german}“ bereits.")
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


def ranking_key(process: Process) -> tuple[int, float, float, float]:
    """Quick wins first, then strategic …; within a quadrant by hours saved, potential, ease."""
    assessment = process.current_assessment
    if assessment is None:
        return (len(Quadrant), 0.0, 0.0, 0.0)
    return (
        Quadrant(assessment.quadrant).rank,
        -(assessment.hours_saved or 0.0),
        -assessment.potential,
        -assessment.ease,
    )


def ranked(processes: Iterable[Process]) -> list[Process]:
    return sorted(processes, key=ranking_key)
