"""Database tables of the process catalogue (SQLAlchemy 2, SQLite and PostgreSQL).

A *process* is one BPMN process of one department, identified by its BPMN id
within that department. Every distinct file content imported for it is a
*version*; every scoring of a version is an *assessment*, so re-scoring with
new weights keeps the old results. Facts belong to the process (the pilot
keeps them current), status changes are a history of their own.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from common.clock import UtcDateTime, utcnow

# Stable constraint names, so that migrations are the same on SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UtcDateTime(),
        dict[str, Any]: JSON,
    }


class Status(StrEnum):
    """The candidate pipeline."""

    IDEA = "idea"
    ASSESSED = "assessed"
    APPROVED = "approved"
    IN_DEVELOPMENT = "in_development"
    LIVE = "live"
    REJECTED = "rejected"

    @property
    def german(self) -> str:
        return STATUS_GERMAN[self]


STATUS_GERMAN = {
    Status.IDEA: "Idee",
    Status.ASSESSED: "Bewertet",
    Status.APPROVED: "Freigegeben",
    Status.IN_DEVELOPMENT: "In Entwicklung",
    Status.LIVE: "Im Betrieb",
    Status.REJECTED: "Abgelehnt",
}


class Department(Base):
    __tablename__ = "departments"

    code: Mapped[str] = mapped_column(String(10), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    remit: Mapped[str] = mapped_column(Text, default="")


class Process(Base):
    __tablename__ = "processes"
    __table_args__ = (
        # The BPMN id is unique within a department. Processes without a
        # department share the empty code, so the constraint still holds.
        UniqueConstraint("department_code", "bpmn_id"),
        Index("ix_processes_status", "status"),
        Index("ix_processes_bpmn_id", "bpmn_id"),  # copies of a page (duplicates.py)
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    department_code: Mapped[str] = mapped_column(String(10), default="")
    bpmn_id: Mapped[str] = mapped_column(String(300))
    name: Mapped[str] = mapped_column(String(500), default="")
    status: Mapped[str] = mapped_column(String(20), default=Status.IDEA.value)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    # Pointers to the newest version and its current assessment, for fast
    # listing and sorting of large catalogues. Deliberately without foreign
    # keys: they would make processes and versions refer to each other in a
    # circle, which complicates every migration; the catalogue code keeps them.
    current_version_id: Mapped[int | None] = mapped_column(Integer)
    current_assessment_id: Mapped[int | None] = mapped_column(Integer, index=True)

    versions: Mapped[list[ProcessVersion]] = relationship(
        back_populates="process",
        foreign_keys="ProcessVersion.process_id",
        order_by="ProcessVersion.number",
        cascade="all, delete-orphan",
    )
    current_version: Mapped[ProcessVersion | None] = relationship(
        primaryjoin="foreign(Process.current_version_id) == ProcessVersion.id", viewonly=True
    )
    current_assessment: Mapped[Assessment | None] = relationship(
        primaryjoin="foreign(Process.current_assessment_id) == Assessment.id", viewonly=True
    )
    facts: Mapped[ProcessFacts | None] = relationship(
        back_populates="process", cascade="all, delete-orphan", uselist=False
    )
    status_changes: Mapped[list[StatusChange]] = relationship(
        back_populates="process", order_by="StatusChange.changed_at", cascade="all, delete-orphan"
    )

    @property
    def key(self) -> str:
        """The key scripts and the CLI use: ``20:Process_Rechnungseingang``.

        BPMN ids are XML NCNames and can never contain a colon.
        """
        return f"{self.department_code}:{self.bpmn_id}" if self.department_code else self.bpmn_id


class SourceFile(Base):
    """An imported BPMN file, stored once by content however many versions use it."""

    __tablename__ = "source_files"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    size: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ProcessVersion(Base):
    __tablename__ = "process_versions"
    __table_args__ = (
        UniqueConstraint("process_id", "number"),
        # Importing the same content twice, even at the same moment, makes one version.
        UniqueConstraint("process_id", "content_sha256"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    process_id: Mapped[int] = mapped_column(ForeignKey("processes.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    content_sha256: Mapped[str] = mapped_column(ForeignKey("source_files.sha256"))
    file_name: Mapped[str] = mapped_column(String(500))
    name: Mapped[str] = mapped_column(String(500), default="")
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)
    imported_by: Mapped[str] = mapped_column(String(100), default="")
    task_count: Mapped[int] = mapped_column(Integer, default=0)

    process: Mapped[Process] = relationship(back_populates="versions", foreign_keys=[process_id])
    source_file: Mapped[SourceFile] = relationship()
    findings: Mapped[list[Finding]] = relationship(
        back_populates="version", cascade="all, delete-orphan"
    )
    assessments: Mapped[list[Assessment]] = relationship(
        back_populates="version", cascade="all, delete-orphan", order_by="Assessment.id"
    )

    @property
    def source(self) -> bytes:
        """The BPMN file this version was imported from."""
        return self.source_file.data


class Finding(Base):
    """A lint finding of one version."""

    __tablename__ = "findings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("process_versions.id", ondelete="CASCADE"), index=True
    )
    rule: Mapped[str] = mapped_column(String(60))
    severity: Mapped[str] = mapped_column(String(10))
    element_id: Mapped[str | None] = mapped_column(String(300))
    message: Mapped[str] = mapped_column(Text)

    version: Mapped[ProcessVersion] = relationship(back_populates="findings")


class Assessment(Base):
    """One scoring of one version with one version of the scoring model."""

    __tablename__ = "assessments"
    __table_args__ = (
        # The catalogue filters by quadrant and sorts by these: with them in one
        # index a filtered page is found without reading the wide rows (criteria).
        Index("ix_assessments_quadrant", "quadrant", "hours_saved", "potential", "ease"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("process_versions.id", ondelete="CASCADE"), index=True
    )
    model_version: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    potential: Mapped[float] = mapped_column(Float)
    ease: Mapped[float] = mapped_column(Float)
    automatable_share: Mapped[float] = mapped_column(Float)
    hours_saved: Mapped[float | None] = mapped_column(Float)
    feasible: Mapped[bool] = mapped_column(Boolean)
    feasibility_reason: Mapped[str] = mapped_column(Text)
    quadrant: Mapped[str] = mapped_column(String(20))
    confidence: Mapped[float] = mapped_column(Float)
    # [{"axis", "criterion", "label", "score", "weight", "reason"}, …]
    criteria: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    notes: Mapped[list[str]] = mapped_column(JSON, default=list)

    version: Mapped[ProcessVersion] = relationship(back_populates="assessments")
    tasks: Mapped[list[TaskAssessment]] = relationship(
        back_populates="assessment",
        cascade="all, delete-orphan",
        order_by="TaskAssessment.position",
    )


class TaskAssessment(Base):
    """A task of the version's model with its own potential and reasons."""

    __tablename__ = "task_assessments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    element_id: Mapped[str] = mapped_column(String(300))
    name: Mapped[str] = mapped_column(String(500))
    kind: Mapped[str] = mapped_column(String(40))
    lane: Mapped[str] = mapped_column(String(300), default="")
    potential: Mapped[float] = mapped_column(Float)
    category: Mapped[str] = mapped_column(String(20))
    discretion: Mapped[bool] = mapped_column(Boolean, default=False)
    weight: Mapped[float] = mapped_column(Float, default=1.0)
    reasons: Mapped[list[dict[str, Any]]] = mapped_column(JSON)

    assessment: Mapped[Assessment] = relationship(back_populates="tasks")


class ProcessFacts(Base):
    """What the pilot knows about the process; every field may be missing."""

    __tablename__ = "process_facts"

    process_id: Mapped[int] = mapped_column(
        ForeignKey("processes.id", ondelete="CASCADE"), primary_key=True
    )
    cases_per_month: Mapped[float | None] = mapped_column(Float)
    minutes_per_case: Mapped[float | None] = mapped_column(Float)
    digital_share: Mapped[float | None] = mapped_column(Float)  # 0..1
    exception_rate: Mapped[float | None] = mapped_column(Float)  # 0..1
    expected_changes: Mapped[str | None] = mapped_column(String(10))
    it_systems: Mapped[int | None] = mapped_column(Integer)
    legal_basis: Mapped[str | None] = mapped_column(Text)
    # The pilot's one-minute quick check (processes.quickcheck.QuickCheck as a dict)
    quick_check: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    source: Mapped[str] = mapped_column(String(20), default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    updated_by: Mapped[str] = mapped_column(String(100), default="")

    process: Mapped[Process] = relationship(back_populates="facts")


class StatusChange(Base):
    __tablename__ = "status_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    process_id: Mapped[int] = mapped_column(
        ForeignKey("processes.id", ondelete="CASCADE"), index=True
    )
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    comment: Mapped[str] = mapped_column(Text, default="")
    changed_by: Mapped[str] = mapped_column(String(100), default="")
    changed_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=func.now())

    process: Mapped[Process] = relationship(back_populates="status_changes")


class RobotLink(Base):
    """Which catalogue process (and which of its tasks) a robot's deployment automates.

    Keyed by the Prefect deployment name. Task ids are BPMN element ids, so the
    link survives new versions of the diagram as long as the tasks keep their ids.
    """

    __tablename__ = "robot_links"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    deployment: Mapped[str] = mapped_column(String(100), unique=True)
    process_id: Mapped[int] = mapped_column(
        ForeignKey("processes.id", ondelete="CASCADE"), index=True
    )
    task_ids: Mapped[list[str]] = mapped_column(JSON, default=list)  # empty: the whole process
    # "standard" (declared by Lotse), "hand" (lotse robot link), "geruest" (a generated robot)
    source: Mapped[str] = mapped_column(String(20), default="hand")
    # How the robot's cases are named in explanations: "Briefe", "ohne Prüfung zugestellt".
    case_noun: Mapped[str] = mapped_column(String(60), default="Fälle")
    done_phrase: Mapped[str] = mapped_column(String(120), default="ohne Menschen erledigt")
    linked_at: Mapped[datetime] = mapped_column(default=utcnow)
    linked_by: Mapped[str] = mapped_column(String(100), default="")

    process: Mapped[Process] = relationship()


class RobotRun(Base):
    """One run of a robot: what it handled and what it cost (the ledger).

    A run belongs to its deployment and to the process linked at the time it
    ran, never to a version or an assessment: re-scoring and new diagram
    versions leave the ledger alone. Hours saved are derived when read, from
    these counts and the process's current minutes per case.
    """

    __tablename__ = "robot_runs"
    __table_args__ = (
        Index("ix_robot_runs_deployment_period", "deployment", "period"),
        Index("ix_robot_runs_process_period", "process_id", "period"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    deployment: Mapped[str] = mapped_column(String(100))
    process_id: Mapped[int | None] = mapped_column(ForeignKey("processes.id", ondelete="SET NULL"))
    # The Prefect flow run, if any: a flow run that records twice adds to its row.
    flow_run_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    source: Mapped[str] = mapped_column(String(20), default="")  # "prefect" or "cli"
    started_at: Mapped[datetime] = mapped_column()
    finished_at: Mapped[datetime] = mapped_column()
    period: Mapped[str] = mapped_column(String(7))  # "2026-11": the month in Europe/Berlin
    cases: Mapped[int] = mapped_column(Integer, default=0)
    cases_automated: Mapped[int] = mapped_column(Integer, default=0)
    cases_to_person: Mapped[int] = mapped_column(Integer, default=0)
    robot_seconds: Mapped[float] = mapped_column(Float, default=0.0)  # the robot's own work
    cpu_seconds: Mapped[float] = mapped_column(Float, default=0.0)
