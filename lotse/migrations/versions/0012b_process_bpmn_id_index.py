"""Catalogue: an index on the BPMN id, to find a page's copies without a full scan.

Each list and process page asks which of its processes have copies (the same file
and BPMN id in another Amt); with this index that is a lookup by BPMN id instead
of reading every process (docs/benchmarks.md, "Web workbench").

Revision ID: 0012b
Revises: 0018b
Create Date: 2026-12-03 06:30:00.000000
"""

from __future__ import annotations

from alembic import op

revision = "0012b"
down_revision = "0018b"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("processes", schema=None) as batch_op:
        batch_op.create_index("ix_processes_bpmn_id", ["bpmn_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("processes", schema=None) as batch_op:
        batch_op.drop_index("ix_processes_bpmn_id")
