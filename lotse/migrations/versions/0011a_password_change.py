"""Users: a password someone else chose must be changed at the next sign-in.

Revision ID: 0011a
Revises: 0015a
Create Date: 2026-12-02 21:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011a"
down_revision = "0015a"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Existing users keep their passwords as they are (false); only new first admins
    # and admin resets set it.
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "must_change_password", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("must_change_password")
