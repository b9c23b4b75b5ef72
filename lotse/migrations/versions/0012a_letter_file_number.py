"""Letters: the file reference (Aktenzeichen) the routing matched, for the e-file robot.

Letters routed before this revision get the number the e-file robot would have
found in their text until now, with the patterns it used then (frozen here), so
that a letter waiting to be filed goes into the same file as before the update.

Revision ID: 0012a
Revises: 0010a
Create Date: 2026-12-02 22:00:00.000000
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from alembic import op

revision = "0012a"
down_revision = "0010a"
branch_labels = None
depends_on = None

# The e-file robot's own patterns before 0012a (robots/letter_metadata.py at that time).
_LABELLED = re.compile(
    r"(?:\bAz\.?|\bAktenzeichen|\bGeschäftszeichen|\bUnser\s+Zeichen|\bIhr\s+Zeichen)\s*:?\s*"
    r"(?P<number>\d{2}[./\-]\d[\w./\-]*)",
    re.IGNORECASE,
)
_BARE = re.compile(r"\b(?P<number>\d{2}(?:\.\d{1,2})?[/\-]20\d{2}[/\-]\d{3,5})\b")


def _file_number(text: str, department: str) -> str | None:
    for pattern in (_LABELLED, _BARE):
        for match in pattern.finditer(text):
            number = match.group("number").rstrip("./-")
            if number.startswith(department):
                return number
    return None


def upgrade() -> None:
    with op.batch_alter_table("letters", schema=None) as batch_op:
        batch_op.add_column(sa.Column("file_number", sa.String(length=200), nullable=True))
    letters = sa.table(
        "letters",
        sa.column("id", sa.Integer()),
        sa.column("department", sa.String()),
        sa.column("text", sa.Text()),
        sa.column("file_number", sa.String()),
    )
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(letters.c.id, letters.c.department, letters.c.text).where(
            letters.c.department.is_not(None), letters.c.text.is_not(None)
        )
    ).all()
    for letter_id, department, text in rows:
        number = _file_number(text, department)
        if number is not None:
            connection.execute(
                letters.update().where(letters.c.id == letter_id).values(file_number=number[:200])
            )


def downgrade() -> None:
    with op.batch_alter_table("letters", schema=None) as batch_op:
        batch_op.drop_column("file_number")
