"""What the report shows, read from the catalogue in a handful of queries.

Rows are plain values (no ORM objects), built once and shared by the HTML,
the CSV and the workbook, so that all three agree on ranks and numbers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bpmn.names import kind_german
from processes.catalogue import current_processes, ranked
from processes.departments import department_names
from processes.headline import Headline, HeadlineItem, headline
from processes.ledger import RobotSummary, robot_summaries
from processes.models import STATUS_GERMAN, Finding, Process, SourceFile, Status
from processes.quickcheck import from_stored
from processes.scoring.results import Category, Quadrant

SEVERITY_GERMAN = {"error": "Fehler", "warning": "Warnung", "info": "Hinweis"}
_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
_CHUNK = 500  # ids per IN (…) query, well below every database's parameter limit


@dataclass(frozen=True, slots=True)
class TaskRow:
    element_id: str
    name: str
    kind: str
    lane: str
    potential: float
    category: Category
    discretion: bool
    reasons: str  # the German sentences, joined

    @property
    def kind_german(self) -> str:
        return kind_german(self.kind)


@dataclass(frozen=True, slots=True)
class CriterionRow:
    axis: str  # "potential" or "ease"
    key: str
    label: str
    score: float  # potential: 0..100; ease: the penalty (<= 0)
    weight: (
        float  # potential: the criterion's weight in the model (0: not weighted, e.g. the result)
    )
    reason: str


@dataclass(frozen=True, slots=True)
class FindingRow:
    rule: str
    severity: str
    element_id: str | None
    message: str

    @property
    def severity_german(self) -> str:
        return SEVERITY_GERMAN.get(self.severity, self.severity)


@dataclass(slots=True)
class ProcessRow:
    rank: int
    key: str
    bpmn_id: str
    name: str
    department_code: str
    department_name: str
    status: str
    assessed: bool
    quadrant: Quadrant | None
    potential: float | None
    ease: float | None
    hours_saved: float | None
    automatable_share: float | None
    feasible: bool | None
    feasibility_reason: str
    confidence: float | None
    model_version: str
    version: int | None
    file_name: str
    cases_per_month: float | None
    minutes_per_case: float | None
    criteria: list[CriterionRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    tasks: list[TaskRow] = field(default_factory=list)
    findings: list[FindingRow] = field(default_factory=list)
    source_sha256: str = ""  # the BPMN file of the current version (see load_sources)
    copies: list[str] = field(default_factory=list)  # keys of the same file in other Ämter
    idea_score: int | None = None  # from the pilot's quick check
    benefit_band: str | None = None
    robots: list[RobotSummary] = field(default_factory=list)  # linked robots, with actuals

    @property
    def anchor(self) -> str:
        """The HTML id of the process's section (keys never contain white space)."""
        return f"p-{self.key}"

    @property
    def heading_id(self) -> str:
        return f"t-{self.key}"

    @property
    def status_german(self) -> str:
        try:
            return STATUS_GERMAN[Status(self.status)]
        except ValueError:
            return self.status

    @property
    def robot_tasks(self) -> int:
        return sum(1 for t in self.tasks if t.category is Category.ROBOT)

    @property
    def confidence_german(self) -> str:
        return confidence_level(self.confidence)

    def axis(self, name: str) -> list[CriterionRow]:
        return [c for c in self.criteria if c.axis == name]

    # -- the robots' actuals, summed over the robots of the process ------------------

    @property
    def robot_names(self) -> str:
        return " ".join(r.deployment for r in self.robots)

    @property
    def robot_runs(self) -> int:
        return sum(r.actuals.runs for r in self.robots)

    @property
    def robot_cases(self) -> int:
        return sum(r.actuals.cases for r in self.robots)

    @property
    def robot_cases_automated(self) -> int:
        return sum(r.actuals.cases_automated for r in self.robots)

    @property
    def robot_cases_to_person(self) -> int:
        return sum(r.actuals.cases_to_person for r in self.robots)

    @property
    def actual_share(self) -> float | None:
        cases = self.robot_cases
        return self.robot_cases_automated / cases if cases else None

    @property
    def actual_hours_year(self) -> float | None:
        return _sum_known(r.actuals.actual_hours_year for r in self.robots)

    @property
    def actual_hours_total(self) -> float | None:
        return _sum_known(r.actuals.actual_hours_total for r in self.robots)


def _sum_known(values: Iterable[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def confidence_level(confidence: float | None) -> str:
    if confidence is None:
        return "–"
    if confidence >= 0.75:
        return "hoch"
    if confidence >= 0.5:
        return "mittel"
    return "niedrig"


@dataclass(frozen=True, slots=True)
class Summary:
    processes: int
    assessed: int
    quick_wins: int
    hours_total: float  # suitable processes with known hours, each file once (see headline)
    hours_known: int
    headline: Headline
    robot_processes: int
    average_potential: float | None
    other_model_versions: int  # processes scored with another model version than the report's
    robots: int = 0  # robots with a process (linked or with runs)
    live_processes: int = 0  # processes one of them automates, after its first run
    actual_hours_year: float | None = None  # saved in the last twelve months, all robots


def load_rows(
    session: Session, *, model_version: str, now: datetime
) -> tuple[list[ProcessRow], Summary]:
    processes = ranked(current_processes(session))
    names = department_names(session)
    findings = _findings(session, [p.current_version_id for p in processes if p.current_version_id])
    rows = [
        _row(rank, process, names, findings.get(process.current_version_id or -1, []))
        for rank, process in enumerate(processes, start=1)
    ]
    _mark_copies(rows)
    by_process: dict[int, list[RobotSummary]] = defaultdict(list)
    for robot in robot_summaries(session, now, loaded={p.id: p for p in processes}):
        if robot.process_id is not None:
            by_process[robot.process_id].append(robot)
    for row, process in zip(rows, processes, strict=True):
        row.robots = by_process.get(process.id, [])
    return rows, summarise(rows, model_version)


def _mark_copies(rows: Sequence[ProcessRow]) -> None:
    """The same file with the same process in several Ämter: each names the others."""
    groups: dict[tuple[str, str], list[ProcessRow]] = defaultdict(list)
    for row in rows:
        if row.source_sha256:
            groups[(row.source_sha256, row.bpmn_id)].append(row)
    for members in groups.values():
        for row in members if len(members) > 1 else ():
            row.copies = [other.key for other in members if other is not row]


def summarise(rows: Sequence[ProcessRow], model_version: str) -> Summary:
    assessed = [r for r in rows if r.assessed]
    hours = headline(
        [
            HeadlineItem(
                key=r.key,
                quadrant=r.quadrant.value if r.quadrant else None,
                hours=r.hours_saved,
                content_sha256=r.source_sha256,
                bpmn_id=r.bpmn_id,
            )
            for r in rows
        ]
    )
    return Summary(
        processes=len(rows),
        assessed=len(assessed),
        quick_wins=sum(1 for r in assessed if r.quadrant is Quadrant.QUICK_WIN),
        hours_total=hours.hours,
        hours_known=hours.counted,
        headline=hours,
        robot_processes=sum(1 for r in assessed if r.robot_tasks > 0),
        average_potential=(
            sum(r.potential or 0.0 for r in assessed) / len(assessed) if assessed else None
        ),
        other_model_versions=sum(1 for r in assessed if r.model_version != model_version),
        robots=sum(len(r.robots) for r in rows),
        live_processes=sum(1 for r in rows if r.robots and r.robot_runs),
        actual_hours_year=_sum_known(r.actual_hours_year for r in rows),
    )


def _findings(session: Session, version_ids: list[int]) -> dict[int, list[FindingRow]]:
    """Lint findings of all current versions, in a few queries instead of one per process."""
    result: dict[int, list[FindingRow]] = defaultdict(list)
    for start in range(0, len(version_ids), _CHUNK):
        chunk = version_ids[start : start + _CHUNK]
        query = (
            select(
                Finding.version_id,
                Finding.rule,
                Finding.severity,
                Finding.element_id,
                Finding.message,
            )
            .where(Finding.version_id.in_(chunk))
            .order_by(Finding.id)
        )
        for version_id, rule, severity, element_id, message in session.execute(query):
            result[version_id].append(FindingRow(rule, severity, element_id, message))
    for rows in result.values():
        rows.sort(key=lambda f: _SEVERITY_ORDER.get(f.severity, 3))
    return result


def load_sources(session: Session, digests: Sequence[str]) -> dict[str, bytes]:
    """The stored BPMN files with these content hashes (only those to be drawn are read)."""
    wanted = sorted({d for d in digests if d})
    result: dict[str, bytes] = {}
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        query = select(SourceFile.sha256, SourceFile.data).where(SourceFile.sha256.in_(chunk))
        result.update({sha: bytes(data) for sha, data in session.execute(query)})
    return result


def _row(
    rank: int, process: Process, names: dict[str, str], findings: list[FindingRow]
) -> ProcessRow:
    assessment = process.current_assessment
    version = process.current_version
    facts = process.facts
    row = ProcessRow(
        rank=rank,
        key=process.key,
        bpmn_id=process.bpmn_id,
        name=process.name or process.bpmn_id,
        department_code=process.department_code,
        department_name=names.get(process.department_code, "") if process.department_code else "",
        status=process.status,
        assessed=assessment is not None,
        quadrant=None,
        potential=None,
        ease=None,
        hours_saved=None,
        automatable_share=None,
        feasible=None,
        feasibility_reason="",
        confidence=None,
        model_version="",
        version=version.number if version else None,
        file_name=version.file_name if version else "",
        cases_per_month=facts.cases_per_month if facts else None,
        minutes_per_case=facts.minutes_per_case if facts else None,
        findings=findings,
        source_sha256=version.content_sha256 if version else "",
    )
    check = from_stored(facts.quick_check) if facts else None
    if check is not None:
        row.idea_score, row.benefit_band = check.idea_score, check.benefit_band
    if assessment is None:
        return row
    row.quadrant = Quadrant(assessment.quadrant)
    row.potential = assessment.potential
    row.ease = assessment.ease
    row.hours_saved = assessment.hours_saved
    row.automatable_share = assessment.automatable_share
    row.feasible = assessment.feasible
    row.feasibility_reason = assessment.feasibility_reason
    row.confidence = assessment.confidence
    row.model_version = assessment.model_version
    row.notes = list(assessment.notes or [])
    row.criteria = [
        CriterionRow(
            axis=str(c.get("axis", "")),
            key=str(c.get("criterion", "")),
            label=str(c.get("label", "")),
            score=float(c.get("score") or 0.0),
            weight=float(c.get("weight") or 0.0),
            reason=str(c.get("reason", "")),
        )
        for c in assessment.criteria
    ]
    row.tasks = [
        TaskRow(
            element_id=t.element_id,
            name=t.name or t.element_id,
            kind=t.kind,
            lane=t.lane,
            potential=t.potential,
            category=Category(t.category),
            discretion=t.discretion,
            reasons=" ".join(str(r.get("text", "")).strip() for r in t.reasons if r.get("text")),
        )
        for t in assessment.tasks
    ]
    return row
