"""Catalogue: the pilot's quick check (five answers) next to the facts.

Revision ID: 0010b
Revises: 0012a
Create Date: 2026-12-02 22:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010b"
down_revision = "0012a"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("process_facts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("quick_check", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("process_facts", schema=None) as batch_op:
        batch_op.drop_column("quick_check")
