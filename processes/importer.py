"""Importing BPMN files into the catalogue as versioned, scored processes.

Each function works inside the caller's transaction. ``import_many`` runs
each file in a savepoint and commits in batches, so a bad file never takes
the others with it and large imports stay fast.

Concurrency: two imports of the same file at the same time must not make two
versions. The database enforces it (unique process per department and BPMN
id, unique content per process, unique version number per process); a lost
race rolls back to the process's savepoint and is retried once, which then
finds the other import's rows and reports "unchanged".

The write path uses SQL statements rather than ORM objects: an import writes
a handful of rows per process, and the unit of work cost more than parsing,
linting and scoring together (see docs/benchmarks.md).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import cast

from sqlalchemy import Connection, Table, bindparam, func, insert, select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from bpmn import BpmnReadError, Definitions, XmlLimits, lint, read_bpmn
from bpmn.lint import Finding as LintFinding
from bpmn.safe_xml import read_limited
from common.clock import utcnow
from processes.catalogue import (
    FACT_FIELDS,
    CatalogueError,
    assess_and_store,
    assessment_values,
    stated_changes,
    task_rows,
    update_facts,
)
from processes.diagram import DiagramCandidate, read_candidate
from processes.facts import Facts, FactsError, facts_for, facts_from_mapping, read_sidecar
from processes.models import (
    Assessment,
    Base,
    Department,
    Finding,
    Process,
    ProcessFacts,
    ProcessVersion,
    SourceFile,
    StatusChange,
    TaskAssessment,
)
from processes.pipeline import entry_status
from processes.quickcheck import QuickCheck
from processes.quickcheck import from_stored as quick_check_from_stored
from processes.scoring import ScoringModel, assess


class Outcome(StrEnum):
    NEW = "new"
    NEW_VERSION = "new_version"
    UNCHANGED = "unchanged"
    FACTS_UPDATED = "facts_updated"
    EMPTY = "empty"
    FAILED = "failed"

    @property
    def german(self) -> str:
        return {
            "new": "neu",
            "new_version": "neue Version",
            "unchanged": "unverändert",
            "facts_updated": "Fakten aktualisiert",
            "empty": "ohne Ablauf",
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
    # Said even when the import worked: e.g. that a copied diagram's id
    # already belonged to another file's process and a new process was made.
    warning: str = ""


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
    # The pilot says this file is a new version of that process (its key),
    # even though the diagram id or the file name differs.
    version_of: str | None = None


# Statements built once: executed with parameters they hit SQLAlchemy's
# compiled cache instead of being rebuilt for every row.
def _table(model: type[Base]) -> Table:
    return cast(Table, model.__table__)


_processes = _table(Process)
_versions = _table(ProcessVersion)
_facts = _table(ProcessFacts)
_FIND_PROCESS = select(_processes.c.id, _processes.c.name).where(
    _processes.c.department_code == bindparam("department"),
    _processes.c.bpmn_id == bindparam("bpmn_id"),
)
_FIND_FILE = select(_versions.c.id).where(
    _versions.c.process_id == bindparam("process_id"),
    _versions.c.file_name == bindparam("file_name"),
)
_LAST_FILE = (
    select(_versions.c.file_name)
    .where(_versions.c.process_id == bindparam("process_id"))
    .order_by(_versions.c.number.desc())
    .limit(1)
)
_INSERT_PROCESS = insert(_processes).returning(_processes.c.id)
_INSERT_STATUS = insert(_table(StatusChange))
_FIND_VERSION = select(_versions.c.number).where(
    _versions.c.process_id == bindparam("process_id"),
    _versions.c.content_sha256 == bindparam("digest"),
)
_LAST_NUMBER = select(func.max(_versions.c.number)).where(
    _versions.c.process_id == bindparam("process_id")
)
_FIND_FACTS = select(*[_facts.c[f] for f in FACT_FIELDS], _facts.c.quick_check).where(
    _facts.c.process_id == bindparam("process_id")
)
_FIND_SOURCE = select(_table(SourceFile).c.sha256).where(
    _table(SourceFile).c.sha256 == bindparam("digest")
)
_INSERT_SOURCE = insert(_table(SourceFile))
_INSERT_VERSION = insert(_versions).returning(_versions.c.id)
_INSERT_FINDING = insert(_table(Finding))
_INSERT_ASSESSMENT = insert(_table(Assessment)).returning(_table(Assessment).c.id)
_INSERT_TASK = insert(_table(TaskAssessment))
_POINT_PROCESS = (
    update(_processes)
    .where(_processes.c.id == bindparam("process_id"))
    .values(
        name=bindparam("new_name"),
        current_version_id=bindparam("version_id"),
        current_assessment_id=bindparam("assessment_id"),
        updated_at=bindparam("now"),
    )
)


@dataclass(slots=True)
class _Plan:
    candidate: DiagramCandidate
    department: str
    facts: Facts  # what the file (and the request) says


@dataclass(slots=True)
class PreparedFile:
    """A file read, checked and linted: everything an import needs but the database."""

    request: ImportRequest
    data: bytes
    digest: str
    defs: Definitions
    findings: list[LintFinding]
    plans: list[_Plan]


def prepare_file(request: ImportRequest, limits: XmlLimits) -> PreparedFile | ImportResult:
    """Read, parse, lint and collect facts (no database); a result if that already fails."""
    name = request.file_name
    try:
        data = request.data if request.data is not None else read_limited(_path(request), limits)
        defs = read_bpmn(data, limits=limits)
        sidecar = read_sidecar(request.path) if request.path and request.read_sidecar else {}
        candidate = read_candidate(defs, name)
        if candidate is None:
            message = (
                "Die Datei enthält keinen Prozess mit Aufgaben oder Ereignissen (nur leere Pools)."
            )
            return ImportResult(name, Outcome.EMPTY, message=message)
        plans = [_plan(candidate, request, sidecar)]
    except (BpmnReadError, FactsError, CatalogueError) as exc:
        return ImportResult(name, Outcome.FAILED, message=str(exc))
    digest = hashlib.sha256(data).hexdigest()
    return PreparedFile(request, data, digest, defs, lint(defs), plans)


def store_prepared(
    session: Session, prepared: PreparedFile | ImportResult, model: ScoringModel
) -> list[ImportResult]:
    """Store a prepared file's processes in the catalogue (inside the caller's transaction)."""
    if isinstance(prepared, ImportResult):
        return [prepared]
    departments = {plan.department for plan in prepared.plans if plan.department}
    known = set(session.scalars(select(Department.code)))
    unknown = sorted(departments - known)
    if unknown:
        message = f"Das Amt „{unknown[0]}“ ist unbekannt; bekannt sind: {', '.join(sorted(known))}."
        return [ImportResult(prepared.request.file_name, Outcome.FAILED, message=message)]
    # One savepoint per file: a failing file leaves nothing behind. If a
    # concurrent import stored the same process or content first, the unique
    # constraints fire; roll back and store again, which then finds their rows.
    for attempt in (1, 2):
        try:
            with session.begin_nested():
                stored = _Stored(session, prepared)
                return [stored.store(plan, model) for plan in prepared.plans]
        except IntegrityError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def import_diagram(
    session: Session, request: ImportRequest, model: ScoringModel, limits: XmlLimits
) -> list[ImportResult]:
    """Import every process of one BPMN file. Nothing is stored for a file that fails."""
    return store_prepared(session, prepare_file(request, limits), model)


def import_many(
    sessions: Callable[[], AbstractContextManager[Session]],
    requests: Iterable[ImportRequest],
    model: ScoringModel,
    limits: XmlLimits,
    *,
    batch_size: int = 50,
    on_file: Callable[[str], None] | None = None,
) -> list[ImportResult]:
    """Import many files, each in a savepoint of its own, committing every ``batch_size``."""
    results: list[ImportResult] = []
    batch: list[PreparedFile | ImportResult] = []
    for request in requests:
        batch.append(prepare_file(request, limits))
        if len(batch) >= batch_size:
            results += _store_batch(sessions, batch, model, on_file)
            batch = []
    if batch:
        results += _store_batch(sessions, batch, model, on_file)
    return results


def _store_batch(
    sessions: Callable[[], AbstractContextManager[Session]],
    batch: list[PreparedFile | ImportResult],
    model: ScoringModel,
    on_file: Callable[[str], None] | None,
) -> list[ImportResult]:
    results: list[ImportResult] = []
    try:
        with sessions() as session:
            for prepared in batch:
                try:
                    results += store_prepared(session, prepared, model)
                except SQLAlchemyError as exc:
                    results.append(_database_failure(_file_name(prepared), exc))
                if on_file:
                    on_file(_file_name(prepared))
    except SQLAlchemyError as exc:  # the commit itself failed: nothing of the batch is stored
        return [_database_failure(_file_name(prepared), exc) for prepared in batch]
    return results


def _file_name(prepared: PreparedFile | ImportResult) -> str:
    return prepared.request.file_name if isinstance(prepared, PreparedFile) else prepared.file


def _database_failure(file_name: str, exc: Exception) -> ImportResult:
    detail = str(exc).splitlines()[0][:200]
    return ImportResult(file_name, Outcome.FAILED, message=f"Speichern fehlgeschlagen: {detail}")


def _path(request: ImportRequest) -> Path:
    if request.path is None:
        raise CatalogueError("Weder Datei noch Inhalt angegeben.")
    return request.path


def _plan(candidate: DiagramCandidate, request: ImportRequest, sidecar: dict[str, Facts]) -> _Plan:
    """Department and facts of the diagram, from the file, its sidecar and the request.

    File-level facts apply to the process once, however many pools it has.
    """
    where = f"{request.file_name} (Prozess „{candidate.name}“)"
    facts = facts_from_mapping(candidate.properties, where=where)
    facts = facts.merged(facts_for(sidecar, candidate, where=request.file_name))
    if request.facts is not None:
        facts = facts.merged(request.facts)
    department = (request.department or facts.department or "").strip()
    return _Plan(candidate, department, facts)


class _Stored:
    """Writes the processes of one prepared file."""

    def __init__(self, session: Session, prepared: PreparedFile) -> None:
        self.session = session
        self.data = prepared.data
        self.digest = prepared.digest
        self.findings = prepared.findings
        self.defs = prepared.defs
        self.request = prepared.request
        self.source_stored = False

    def _result(self, outcome: Outcome, key: str, name: str, version: int) -> ImportResult:
        return ImportResult(self.request.file_name, outcome, key=key, name=name, version=version)

    def store(self, plan: _Plan, model: ScoringModel) -> ImportResult:
        request, now = self.request, utcnow()
        db = self.session.connection()
        name = plan.candidate.name
        target = self._target(db, plan)
        if isinstance(target, ImportResult):
            return target
        bpmn_id, found_id, warning = target
        key = f"{plan.department}:{bpmn_id}" if plan.department else bpmn_id
        current_facts: dict[str, object] = {}
        check: QuickCheck | None = None
        if found_id is None:
            process_id = db.execute(
                _INSERT_PROCESS,
                {
                    "department_code": plan.department,
                    "bpmn_id": bpmn_id,
                    "name": name,
                    # Every imported process is scored at once: it enters as assessed.
                    "status": entry_status(scored=True).value,
                    "created_at": now,
                    "updated_at": now,
                },
            ).scalar_one()
            db.execute(
                _INSERT_STATUS,
                {
                    "process_id": process_id,
                    "from_status": None,
                    "to_status": entry_status(scored=True).value,
                    "comment": "Aus BPMN-Diagramm importiert und bewertet",
                    "changed_by": request.user,
                    "changed_at": now,
                },
            )
            number, has_facts = 1, False
        else:
            process_id = found_id
            existing = db.execute(
                _FIND_VERSION, {"process_id": process_id, "digest": self.digest}
            ).first()
            if existing is not None:
                return self._same_content(process_id, existing.number, plan, model)
            number = 1 + (db.execute(_LAST_NUMBER, {"process_id": process_id}).scalar() or 0)
            row = db.execute(_FIND_FACTS, {"process_id": process_id}).first()
            has_facts = row is not None
            current_facts = dict(row._mapping) if row is not None else {}
            check = quick_check_from_stored(current_facts.pop("quick_check", None))

        changes = stated_changes(current_facts, plan.facts)
        if changes:
            stamp = {"source": "import", "updated_by": request.user, "updated_at": now}
            if has_facts:
                db.execute(
                    update(_facts)
                    .where(_facts.c.process_id == process_id)
                    .values(**changes, **stamp)
                )
            else:
                db.execute(insert(_facts).values(process_id=process_id, **changes, **stamp))
            current_facts.update(changes)

        self._store_source(db)
        facts = Facts(department=plan.department or None, **current_facts)  # type: ignore[arg-type]
        if check is not None:
            facts = check.as_facts().merged(facts)
        score = assess(self.defs, plan.candidate, facts, model, check)
        version_id = db.execute(
            _INSERT_VERSION,
            {
                "process_id": process_id,
                "number": number,
                "content_sha256": self.digest,
                "file_name": request.file_name[:500],
                "name": name,
                "imported_at": now,
                "imported_by": request.user,
                "task_count": len(score.tasks),
            },
        ).scalar_one()
        findings = [
            {
                "version_id": version_id,
                "rule": f.rule,
                "severity": f.severity.value,
                "element_id": f.element_id,
                "message": f.message,
            }
            for f in self.findings
        ]
        if findings:
            db.execute(_INSERT_FINDING, findings)
        assessment_id = db.execute(
            _INSERT_ASSESSMENT, {"version_id": version_id, **assessment_values(score)}
        ).scalar_one()
        if score.tasks:
            db.execute(_INSERT_TASK, task_rows(assessment_id, score))
        db.execute(
            _POINT_PROCESS,
            {
                "process_id": process_id,
                "new_name": name,
                "version_id": version_id,
                "assessment_id": assessment_id,
                "now": now,
            },
        )
        outcome = Outcome.NEW if found_id is None else Outcome.NEW_VERSION
        result = self._result(outcome, key, name, number)
        result.warning = warning
        return result

    def _target(self, db: Connection, plan: _Plan) -> tuple[str, int | None, str] | ImportResult:
        """(BPMN id of the entry, existing process id or None, warning) for this file.

        A diagram keeps its id across re-exports, so the same id from the same
        file name is a new version. Copied diagrams keep their ids too: the
        same id from another file becomes a process of its own (its id gets
        the file name), unless the pilot names the process it is a version of.
        """
        department = plan.department
        if self.request.version_of:
            wanted = self.request.version_of.strip()
            wanted_department, _, wanted_id = wanted.rpartition(":")
            found = db.execute(
                _FIND_PROCESS, {"department": wanted_department or department, "bpmn_id": wanted_id}
            ).first()
            if found is None:
                message = (
                    f"„{wanted}“ ist kein Prozess im Katalog; --version-of braucht den "
                    "Schlüssel eines vorhandenen Prozesses (lotse catalogue list)."
                )
                return ImportResult(self.request.file_name, Outcome.FAILED, message=message)
            if (wanted_department or department) != department:
                message = (
                    f"„{wanted}“ gehört zu Amt {wanted_department or '–'}, die Datei zu Amt "
                    f"{department or '–'}; eine neue Version bleibt im selben Amt."
                )
                return ImportResult(self.request.file_name, Outcome.FAILED, message=message)
            return wanted_id, found.id, ""
        diagram_id = plan.candidate.diagram_id
        first = db.execute(_FIND_PROCESS, {"department": department, "bpmn_id": diagram_id}).first()
        if first is not None and self._same_file(db, first.id):
            return diagram_id, first.id, ""
        for other_id in plan.candidate.other_ids:
            # the same file, keyed differently before (a pool was added or removed)
            other = db.execute(
                _FIND_PROCESS, {"department": department, "bpmn_id": other_id}
            ).first()
            if other is not None and self._same_file(db, other.id):
                return other_id, other.id, ""
        if first is None:
            return diagram_id, None, ""
        slug = _slug(self.request.file_name)
        for attempt in range(1, 100):
            copy_id = f"{diagram_id}.{slug}" + (f"-{attempt}" if attempt > 1 else "")
            copy = db.execute(_FIND_PROCESS, {"department": department, "bpmn_id": copy_id}).first()
            if copy is not None and self._same_file(db, copy.id):
                return copy_id, copy.id, ""
            if copy is None:
                break
        other_file = db.execute(_LAST_FILE, {"process_id": first.id}).scalar() or "?"
        other_key = f"{department}:{diagram_id}" if department else diagram_id
        warning = (
            f"Die Diagramm-id „{diagram_id}“ gehört schon zu „{first.name}“ aus {other_file}; "
            f"diese Datei ist deshalb ein eigener Prozess. Ist sie eine neue Version davon, "
            f"importieren Sie sie mit --version-of {other_key}."
        )
        return copy_id, None, warning

    def _same_file(self, db: Connection, process_id: int) -> bool:
        """Whether the process already has a version from this file name or with this content."""
        file_name = self.request.file_name[:500]
        return (
            db.execute(_FIND_FILE, {"process_id": process_id, "file_name": file_name}).first()
            is not None
            or db.execute(_FIND_VERSION, {"process_id": process_id, "digest": self.digest}).first()
            is not None
        )

    def _store_source(self, db: Connection) -> None:
        """The file itself, once, however many processes and versions it feeds."""
        if self.source_stored:
            return
        if db.execute(_FIND_SOURCE, {"digest": self.digest}).first() is None:
            db.execute(
                _INSERT_SOURCE,
                {
                    "sha256": self.digest,
                    "data": self.data,
                    "size": len(self.data),
                    "created_at": utcnow(),
                },
            )
        self.source_stored = True

    def _same_content(
        self, process_id: int, number: int, plan: _Plan, model: ScoringModel
    ) -> ImportResult:
        """The file is known; only facts next to it (sidecar, form) may have changed."""
        process = self.session.get(Process, process_id)
        assert process is not None
        version = self.session.scalars(
            select(ProcessVersion).where(
                ProcessVersion.process_id == process_id, ProcessVersion.number == number
            )
        ).one()
        if update_facts(process, plan.facts, self.request.user, "import"):
            assess_and_store(self.session, process, version, self.defs, plan.candidate, model)
            return self._result(Outcome.FACTS_UPDATED, process.key, process.name, number)
        return self._result(Outcome.UNCHANGED, process.key, process.name, number)


def _slug(file_name: str) -> str:
    """A file name as the tail of an NCName: ``Urlaub (Kopie).bpmn`` → ``urlaub-kopie``."""
    stem = file_name.lower()
    for suffix in (".bpmn20.xml", ".bpmn2", ".bpmn", ".xml"):
        stem = stem.removesuffix(suffix)
    for umlaut, plain in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        stem = stem.replace(umlaut, plain)
    slug = re.sub(r"[^a-z0-9]+", "-", stem).strip("-")
    return slug[:80] or "kopie"
