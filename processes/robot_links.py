"""Robots know their process: deployment → catalogue process and the tasks it automates.

A link names the process by its row (so it survives new versions and
re-scoring) and the tasks by their BPMN ids. Lotse's own robots declare their
link in code (:class:`DeclaredLink`); the process is looked up by its file and
name, never by a fixed key, because keys depend on how diagrams are imported.
Every function works inside the caller's transaction.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, or_, select, update
from sqlalchemy.orm import Session

from common.clock import utcnow
from processes.catalogue import CatalogueError
from processes.models import Process, ProcessVersion, RobotLink, RobotRun, TaskAssessment

DEPLOYMENT_NAME = re.compile(r"^[\w.-]{1,100}$")


class LinkSource:
    DECLARED = "standard"
    HAND = "hand"
    GENERATED = "geruest"


@dataclass(frozen=True, slots=True)
class DeclaredLink:
    """A robot's own statement of the process it automates.

    The process is the one whose current version came from one of
    ``file_names``, or whose name contains one of ``name_words``; among
    several, the one that has most of ``task_ids`` wins.
    """

    deployment: str
    file_names: tuple[str, ...] = ()
    name_words: tuple[str, ...] = ()
    task_ids: tuple[str, ...] = ()
    case_noun: str = "Fälle"
    done_phrase: str = "ohne Menschen erledigt"


def task_ids_of(session: Session, process: Process) -> list[str]:
    """The BPMN ids of the tasks of the process's current assessment, in diagram order."""
    if process.current_assessment_id is None:
        return []
    return list(
        session.scalars(
            select(TaskAssessment.element_id)
            .where(TaskAssessment.assessment_id == process.current_assessment_id)
            .order_by(TaskAssessment.position)
        )
    )


def find_declared_process(session: Session, declared: DeclaredLink) -> Process | None:
    """The catalogue process a declared link means, or None if it is not in the catalogue."""
    conditions: list[ColumnElement[bool]] = []
    if declared.file_names:
        by_file = (
            select(ProcessVersion.process_id)
            .where(
                func.lower(ProcessVersion.file_name).in_([f.lower() for f in declared.file_names])
            )
            .scalar_subquery()
        )
        conditions.append(Process.id.in_(by_file))
    for word in declared.name_words:
        conditions.append(func.lower(Process.name).contains(word.lower(), autoescape=True))
    if not conditions:
        return None
    candidates = list(session.scalars(select(Process).where(or_(*conditions)).order_by(Process.id)))
    if not candidates:
        return None
    wanted = set(declared.task_ids)

    def fit(process: Process) -> tuple[int, int]:
        return (len(wanted & set(task_ids_of(session, process))), -process.id)

    return max(candidates, key=fit)


def link_robot(
    session: Session,
    deployment: str,
    process: Process,
    task_ids: Sequence[str] = (),
    *,
    user: str = "",
    source: str = LinkSource.HAND,
    case_noun: str | None = None,
    done_phrase: str | None = None,
) -> RobotLink:
    """Link (or re-link) a deployment to a process and some of its tasks.

    Task ids must be tasks of the process's current version. Runs of the
    deployment recorded before it had any link are counted for this process.
    """
    deployment = deployment.strip()
    if not DEPLOYMENT_NAME.match(deployment):
        raise CatalogueError(
            f"„{deployment}“ ist kein gültiger Deployment-Name (Buchstaben, Ziffern, - _ . ; "
            "höchstens 100 Zeichen)."
        )
    known = task_ids_of(session, process)
    chosen = list(dict.fromkeys(t.strip() for t in task_ids if t.strip()))
    unknown = [t for t in chosen if t not in known]
    if unknown:
        listing = ", ".join(known[:20]) + (" …" if len(known) > 20 else "")
        raise CatalogueError(
            f"Prozess {process.key} hat keine Aufgabe {', '.join(unknown)}. "
            f"Bekannte Aufgaben: {listing or 'keine'}."
        )
    link = session.scalar(select(RobotLink).where(RobotLink.deployment == deployment))
    if link is None:
        link = RobotLink(deployment=deployment)
        session.add(link)
    link.process_id = process.id
    link.task_ids = chosen
    link.source = source
    if case_noun is not None:
        link.case_noun = case_noun
    if done_phrase is not None:
        link.done_phrase = done_phrase
    link.linked_at, link.linked_by = utcnow(), user
    session.flush()
    session.execute(
        update(RobotRun)
        .where(RobotRun.deployment == deployment, RobotRun.process_id.is_(None))
        .values(process_id=process.id)
    )
    return link


def ensure_declared_links(
    session: Session, declared: Iterable[DeclaredLink], *, user: str = "lotse"
) -> list[RobotLink]:
    """Create the declared links that do not exist yet and whose process is catalogued.

    A link someone set by hand is never replaced.
    """
    made = []
    for item in declared:
        if session.scalar(select(RobotLink.id).where(RobotLink.deployment == item.deployment)):
            continue
        process = find_declared_process(session, item)
        if process is None:
            continue
        present = set(task_ids_of(session, process))
        made.append(
            link_robot(
                session,
                item.deployment,
                process,
                [t for t in item.task_ids if t in present],
                user=user,
                source=LinkSource.DECLARED,
                case_noun=item.case_noun,
                done_phrase=item.done_phrase,
            )
        )
    return made


def links(session: Session) -> list[RobotLink]:
    return list(session.scalars(select(RobotLink).order_by(RobotLink.deployment)))
