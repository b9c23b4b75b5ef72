"""Users: every password not known to be the user's own choice must be changed.

Before 0011a no one could change a password: the first admin's was printed to the
console (under systemd: the journal), every other one was chosen by an admin.
0011a kept those passwords as they were, and since it nothing recorded whether a
user later chose their own, so this migration cannot tell the two apart: every
user changes the password once at the next sign-in (a user who already did so
under 0.1.0 does it once more). From now on ``password_chosen_at`` says when the
user chose the current password (empty: someone else chose it).

Revision ID: 0018a
Revises: 0016a
Create Date: 2026-12-03 06:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0018a"
down_revision = "0016a"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("password_chosen_at", sa.DateTime(timezone=True)))
    users = sa.table(
        "users",
        sa.column("must_change_password", sa.Boolean()),
        sa.column("password_chosen_at", sa.DateTime(timezone=True)),
    )
    op.execute(
        users.update()
        .where(users.c.password_chosen_at.is_(None))
        .values(must_change_password=sa.true())
    )


def downgrade() -> None:
    # The flags stay set: going back must not make a leaked password valid for good.
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("password_chosen_at")
