"""Schema history: which Lotse version migrated the database, and when.

An older Lotse reads the newest row to say which version the database needs
(instead of Alembic's "Can't locate revision"). Existing databases start their
history with this upgrade.

Revision ID: 0013a
Revises: 0011a
Create Date: 2026-12-03 10:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013a"
down_revision = "0011a"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "schema_history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("revision", sa.String(length=32), nullable=False),
        sa.Column("lotse_version", sa.String(length=64), nullable=False),
        sa.Column("migrated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_schema_history")),
    )


def downgrade() -> None:
    op.drop_table("schema_history")
