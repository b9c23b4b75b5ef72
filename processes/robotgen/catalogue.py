"""A catalogued process as the generator's input: current version, diagram, task judgements."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from bpmn import BpmnReadError
from processes.catalogue import CatalogueError, _bpmn_of, find_process
from processes.models import Assessment, Process, ProcessVersion
from processes.robotgen.graph import Container, TaskInfo, build
from processes.robotgen.render import RobotSource
from processes.robotgen.structure import Skeleton, Structure, drift, structure


class GeneratorError(Exception):
    """A process no skeleton can be made from; German message."""


def task_infos(assessment: Assessment | None) -> dict[str, TaskInfo]:
    """Which tasks need a person, as the scoring judged them (never judged here again)."""
    if assessment is None:
        return {}
    return {
        t.element_id: TaskInfo(
            category=t.category,
            potential=t.potential,
            discretion=t.discretion,
            lane=t.lane,
            reasons=tuple(
                str(r.get("text", "")).strip() for r in t.reasons if str(r.get("text", "")).strip()
            ),
        )
        for t in assessment.tasks
    }


def _container(session: Session, process: Process) -> tuple[ProcessVersion, Container]:
    version = (
        session.get(ProcessVersion, process.current_version_id)
        if process.current_version_id
        else None
    )
    if version is None:
        raise GeneratorError(f"Prozess {process.key} hat keine gespeicherte Version.")
    try:
        # The diagram as the catalogue reads it: own pools merged into one process.
        _defs, candidate = _bpmn_of(version, process)
    except (CatalogueError, BpmnReadError) as exc:
        raise GeneratorError(str(exc)) from None
    assessment = session.get(Assessment, process.current_assessment_id or -1)
    return version, build(candidate.process, task_infos(assessment))


def robot_source(session: Session, process: Process, *, lotse_version: str = "") -> RobotSource:
    """What ``lotse robot new`` makes a skeleton from."""
    version, container = _container(session, process)
    assessment = session.get(Assessment, process.current_assessment_id or -1)
    if assessment is None or not assessment.tasks:
        raise GeneratorError(
            f"Prozess {process.key} („{process.name or process.bpmn_id}“) enthält keine "
            "Aufgaben; ein Roboter hätte nichts zu tun."
        )
    return RobotSource(
        process_key=process.key,
        process_name=process.name or process.bpmn_id,
        version=version.number,
        file_name=version.file_name,
        sha256=version.content_sha256,
        model_version=assessment.model_version,
        container=container,
        lotse_version=lotse_version,
    )


def current_structure(session: Session, process: Process) -> tuple[int, Structure]:
    """The current version's number and structure (for ``lotse robot check``)."""
    version, container = _container(session, process)
    return version.number, structure(container)


@dataclass(frozen=True, slots=True)
class CheckResult:
    path: Path
    process_key: str
    generated_from: int | None
    catalogue_version: int | None
    changes: list[str]  # in the diagram since the skeleton was made
    defects: list[str] = field(default_factory=list)  # in the skeleton itself (see known_defects)

    def as_json(self) -> dict[str, Any]:
        return {
            "file": str(self.path),
            "process_key": self.process_key,
            "generated_from_version": self.generated_from,
            "catalogue_version": self.catalogue_version,
            "changes": self.changes,
            "defects": self.defects,
        }


def check_skeleton(session: Session, skeleton: Skeleton) -> CheckResult:
    """What changed in the catalogued diagram since ``skeleton`` was generated."""
    key = str(skeleton.diagram["prozess"])
    made_from = skeleton.diagram.get("version")
    generated = made_from if isinstance(made_from, int) else None
    try:
        version, now = current_structure(session, find_process(session, key))
    except (CatalogueError, GeneratorError) as exc:
        return CheckResult(skeleton.path, key, generated, None, [str(exc)], list(skeleton.defects))
    changes = drift(skeleton.structure, now)
    return CheckResult(skeleton.path, key, generated, version, changes, list(skeleton.defects))
