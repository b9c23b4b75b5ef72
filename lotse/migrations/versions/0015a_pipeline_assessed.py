"""Pipeline: processes that were scored on import stand as "assessed", not "idea".

Until now every imported process entered the pipeline as an idea, although it
was scored at once; the pipeline showed "Idee (15)", "Bewertet (0)". Each such
process moves to "assessed", with a line in its history saying why.

Revision ID: 0015a
Revises: 0006
Create Date: 2026-11-27 09:00:00.000000
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0015a"
down_revision = "0006"
branch_labels = None
depends_on = None

NOTE = "Bei der Umstellung der Pipeline: bewertete Prozesse stehen als „Bewertet“."

processes = sa.table(
    "processes",
    sa.column("id", sa.Integer),
    sa.column("status", sa.String),
    sa.column("current_assessment_id", sa.Integer),
)
status_changes = sa.table(
    "status_changes",
    sa.column("process_id", sa.Integer),
    sa.column("from_status", sa.String),
    sa.column("to_status", sa.String),
    sa.column("comment", sa.Text),
    sa.column("changed_by", sa.String),
    sa.column("changed_at", sa.DateTime(timezone=True)),
)


def upgrade() -> None:
    connection = op.get_bind()
    scored = [
        row.id
        for row in connection.execute(
            sa.select(processes.c.id).where(
                processes.c.status == "idea", processes.c.current_assessment_id.is_not(None)
            )
        )
    ]
    if not scored:
        return
    now = datetime.now(UTC)
    connection.execute(
        status_changes.insert(),
        [
            {"process_id": process_id, "from_status": "idea", "to_status": "assessed",
             "comment": NOTE, "changed_by": "lotse", "changed_at": now}
            for process_id in scored
        ],
    )  # fmt: skip
    connection.execute(
        processes.update().where(processes.c.id.in_(scored)).values(status="assessed")
    )


def downgrade() -> None:
    connection = op.get_bind()
    moved = [
        row.process_id
        for row in connection.execute(
            sa.select(status_changes.c.process_id).where(status_changes.c.comment == NOTE)
        )
    ]
    if moved:
        connection.execute(
            processes.update()
            .where(processes.c.id.in_(moved), processes.c.status == "assessed")
            .values(status="idea")
        )
        connection.execute(status_changes.delete().where(status_changes.c.comment == NOTE))
