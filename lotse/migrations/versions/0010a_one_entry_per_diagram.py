"""Catalogue: one entry per diagram instead of one per pool.

Before, every pool of a collaboration became a catalogue entry of its own
(a leave request drawn with pools "Sachbearbeitung", "Vorgesetzte/r" and
"Antragsteller" made three). Entries whose current versions come from the
same file of the same department are merged into one, keyed by the diagram
(the collaboration's id) and named by the rules of ``processes.diagram``.

What is kept: the entry with the most advanced status survives with all its
versions, assessments and facts; facts it lacks are taken from the merged
entries; their status history moves over, each change marked with the entry
it came from. The merged entries' versions are the same files and go. The
survivor's assessment still scores one pool until ``lotse catalogue rescore``
runs (the scoring model's version changed with this release, so the report
counts such entries as scored with another model).

Revision ID: 0010a
Revises: 0013a
Create Date: 2026-12-02 21:00:00.000000
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0010a"
down_revision = "0013a"
branch_labels = None
depends_on = None

# Most advanced first: the survivor of a merge keeps the pipeline state people set.
_STATUS_ORDER = ("live", "in_development", "approved", "assessed", "idea", "rejected")
_FACTS = (
    "cases_per_month",
    "minutes_per_case",
    "digital_share",
    "exception_rate",
    "expected_changes",
    "it_systems",
    "legal_basis",
)


def upgrade() -> None:
    connection = op.get_bind()
    meta = sa.MetaData()
    processes = sa.Table("processes", meta, autoload_with=connection)
    versions = sa.Table("process_versions", meta, autoload_with=connection)
    sources = sa.Table("source_files", meta, autoload_with=connection)
    facts = sa.Table("process_facts", meta, autoload_with=connection)
    changes = sa.Table("status_changes", meta, autoload_with=connection)
    findings = sa.Table("findings", meta, autoload_with=connection)
    assessments = sa.Table("assessments", meta, autoload_with=connection)
    tasks = sa.Table("task_assessments", meta, autoload_with=connection)

    rows = connection.execute(
        sa.select(
            processes.c.id,
            processes.c.department_code,
            processes.c.bpmn_id,
            processes.c.status,
            versions.c.content_sha256,
            versions.c.file_name,
        ).join(versions, versions.c.id == processes.c.current_version_id)
    ).all()
    groups: dict[tuple[str, str], list[Any]] = {}
    for row in rows:
        groups.setdefault((row.department_code, row.content_sha256), []).append(row)

    taken = {(r.department_code, r.bpmn_id) for r in connection.execute(sa.select(processes))}
    for (department, digest), members in groups.items():
        data = connection.execute(
            sa.select(sources.c.data).where(sources.c.sha256 == digest)
        ).scalar()
        candidate = _candidate(data, members[0].file_name)
        if candidate is None:
            continue  # unreadable with today's reader: left exactly as it was
        diagram_id, name = candidate
        members.sort(key=lambda r: (_rank(r.status), r.id))
        survivor, merged = members[0], members[1:]
        new_id = diagram_id
        if new_id != survivor.bpmn_id and (department, new_id) in taken:
            new_id = f"{diagram_id}.{survivor.id}"
        taken.discard((department, survivor.bpmn_id))
        taken.add((department, new_id))
        connection.execute(
            processes.update()
            .where(processes.c.id == survivor.id)
            .values(bpmn_id=new_id, name=name[:500])
        )
        for other in merged:
            _fill_facts(connection, facts, survivor.id, other.id)
            connection.execute(
                changes.update()
                .where(changes.c.process_id == other.id)
                .values(
                    process_id=survivor.id,
                    comment=sa.func.trim(
                        sa.literal(f"(vorher Eintrag {other.bpmn_id}) ") + changes.c.comment
                    ),
                )
            )
            _delete_process(
                connection, other.id, processes, versions, facts, findings, assessments, tasks
            )
            taken.discard((department, other.bpmn_id))


def downgrade() -> None:
    # Merged entries were copies of the same file; they are not split again.
    pass


def _rank(status: str) -> int:
    return _STATUS_ORDER.index(status) if status in _STATUS_ORDER else len(_STATUS_ORDER)


def _candidate(data: bytes | None, file_name: str) -> tuple[str, str] | None:
    """(diagram id, name) of a stored file, by today's reading rules."""
    if data is None:
        return None
    from bpmn import BpmnReadError, read_bpmn
    from processes.diagram import read_candidate

    try:
        candidate = read_candidate(read_bpmn(bytes(data)), file_name)
    except BpmnReadError:
        return None
    return None if candidate is None else (candidate.diagram_id, candidate.name)


def _fill_facts(connection: sa.Connection, facts: sa.Table, survivor: int, other: int) -> None:
    """Facts the survivor lacks, taken from a merged entry (never added up)."""
    theirs = connection.execute(sa.select(facts).where(facts.c.process_id == other)).first()
    if theirs is None:
        return
    ours = connection.execute(sa.select(facts).where(facts.c.process_id == survivor)).first()
    if ours is None:
        values = {k: v for k, v in theirs._mapping.items() if k != "process_id"}
        connection.execute(facts.insert().values(process_id=survivor, **values))
        return
    missing = {k: theirs._mapping[k] for k in _FACTS if ours._mapping[k] is None}
    missing = {k: v for k, v in missing.items() if v is not None}
    if missing:
        connection.execute(facts.update().where(facts.c.process_id == survivor).values(**missing))


def _delete_process(
    connection: sa.Connection,
    process_id: int,
    processes: sa.Table,
    versions: sa.Table,
    facts: sa.Table,
    findings: sa.Table,
    assessments: sa.Table,
    tasks: sa.Table,
) -> None:
    """Delete a merged entry child-first (SQLite does not cascade by default)."""
    version_ids = sa.select(versions.c.id).where(versions.c.process_id == process_id)
    assessment_ids = sa.select(assessments.c.id).where(assessments.c.version_id.in_(version_ids))
    connection.execute(tasks.delete().where(tasks.c.assessment_id.in_(assessment_ids)))
    connection.execute(assessments.delete().where(assessments.c.version_id.in_(version_ids)))
    connection.execute(findings.delete().where(findings.c.version_id.in_(version_ids)))
    connection.execute(facts.delete().where(facts.c.process_id == process_id))
    connection.execute(
        processes.update()
        .where(processes.c.id == process_id)
        .values(current_version_id=None, current_assessment_id=None)
    )
    connection.execute(versions.delete().where(versions.c.process_id == process_id))
    connection.execute(processes.delete().where(processes.c.id == process_id))
