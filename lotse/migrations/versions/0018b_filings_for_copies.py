"""Filings: one per letter and Amt, so a copy for a further Amt is filed into its e-file too.

Until now a letter had at most one filing (its original's). Existing filings keep
their rows; copies delivered before this revision are not filed afterwards (they
lie in the Amt's outbox folder, as the docs said then).

Revision ID: 0018b
Revises: 0018a
Create Date: 2026-12-03 06:30:00.000000
"""

from __future__ import annotations

from alembic import op

revision = "0018b"
down_revision = "0018a"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("filings", schema=None) as batch_op:
        batch_op.drop_constraint("uq_filings_letter_id", type_="unique")
        batch_op.create_unique_constraint(
            "uq_filings_letter_id_department", ["letter_id", "department"]
        )


def downgrade() -> None:
    # Only possible while no letter has a filing for a copy (otherwise it stops here,
    # with the database unchanged).
    with op.batch_alter_table("filings", schema=None) as batch_op:
        batch_op.drop_constraint("uq_filings_letter_id_department", type_="unique")
        batch_op.create_unique_constraint("uq_filings_letter_id", ["letter_id"])
