"""The same diagram uploaded by two Ämter: two catalogue entries for one process.

Two processes are copies when their current versions are the same file (by
SHA-256) and they are the same BPMN process in it. Copies stay in the
catalogue (each Amt may keep its own facts and status) but are flagged, and
the headline counts them once (:mod:`processes.headline`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import func, select, tuple_
from sqlalchemy.orm import Session

from processes.models import Process, ProcessVersion


@dataclass(frozen=True, slots=True)
class Copy:
    """Another entry of the same process: where to find it."""

    process_id: int
    department_code: str
    name: str


def copies(session: Session, process_ids: Collection[int] | None = None) -> dict[int, list[Copy]]:
    """For each process (of ``process_ids``, or all) that has copies: the other entries."""
    current = (
        select(
            Process.id, Process.department_code, Process.name, Process.bpmn_id,
            ProcessVersion.content_sha256,
        )
        .join(ProcessVersion, ProcessVersion.id == Process.current_version_id)
    )  # fmt: skip
    if process_ids is None:
        shared = (
            select(ProcessVersion.content_sha256, Process.bpmn_id)
            .join(Process, ProcessVersion.id == Process.current_version_id)
            .group_by(ProcessVersion.content_sha256, Process.bpmn_id)
            .having(func.count() > 1)
        )
        rows = session.execute(
            current.where(tuple_(ProcessVersion.content_sha256, Process.bpmn_id).in_(shared))
            .order_by(Process.department_code, Process.id)
        ).all()  # fmt: skip
    else:
        # A page asks for a few processes: look up their files and BPMN ids first, then
        # only the entries with those. Grouping every entry of the catalogue to find the
        # shared ones took 30-60 ms a page with 10,000 processes (docs/benchmarks.md).
        if not process_ids:
            return {}
        wanted = {
            (sha, bpmn_id)
            for sha, bpmn_id in session.execute(
                current.with_only_columns(ProcessVersion.content_sha256, Process.bpmn_id)
                .where(Process.id.in_(list(process_ids)))
            )
        }  # fmt: skip
        if not wanted:
            return {}
        candidates = session.execute(
            current.where(
                Process.bpmn_id.in_({bpmn_id for _, bpmn_id in wanted}),
                ProcessVersion.content_sha256.in_({sha for sha, _ in wanted}),
            ).order_by(Process.department_code, Process.id)
        ).all()
        rows = [row for row in candidates if (row[4], row[3]) in wanted]
    groups: dict[tuple[str, str], list[Copy]] = defaultdict(list)
    for pid, department, name, bpmn_id, sha in rows:
        groups[(sha, bpmn_id)].append(Copy(pid, department, name))
    result: dict[int, list[Copy]] = {}
    for members in groups.values():
        if len(members) < 2:  # only itself: no copies
            continue
        for member in members:
            if process_ids is None or member.process_id in process_ids:
                result[member.process_id] = [m for m in members if m is not member]
    return result
