"""Catalogue: an index for filtering by quadrant and sorting by the scores.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 00:20:00.000000
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("assessments", schema=None) as batch_op:
        batch_op.create_index(
            "ix_assessments_quadrant",
            ["quadrant", "hours_saved", "potential", "ease"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("assessments", schema=None) as batch_op:
        batch_op.drop_index("ix_assessments_quadrant")
