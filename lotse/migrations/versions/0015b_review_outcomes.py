"""Mailroom desk: what people decide in review (besides delivery), copies, undo.

``letters.outcome`` says what a person decided; ``review_outcomes`` keeps every decision
beside the robot's suggestion (the training data of rules and classifier);
``letter_copies`` are the further Ämter a letter goes to. Decisions taken before this
revision (trail events "decided") become review outcomes of kind "deliver", already
carried out, so that nothing people taught the robot is lost.

Revision ID: 0015b
Revises: 0014a
Create Date: 2026-12-03 09:00:00.000000
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0015b"
down_revision = "0014a"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("letters", schema=None) as batch_op:
        batch_op.add_column(sa.Column("outcome", sa.String(length=20), nullable=True))
    op.create_table(
        "review_outcomes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("letter_id", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("departments", sa.JSON(), nullable=False),
        sa.Column("handed_to", sa.String(length=200), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("decided_by", sa.String(length=100), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("applied_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("undone_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("undone_by", sa.String(length=100), nullable=False),
        sa.Column("robot_department", sa.String(length=10), nullable=True),
        sa.Column("robot_candidates", sa.JSON(), nullable=False),
        sa.Column("robot_reason", sa.Text(), nullable=False),
        sa.Column("rules_version", sa.String(length=40), nullable=True),
        sa.ForeignKeyConstraint(
            ["letter_id"], ["letters.id"],
            name=op.f("fk_review_outcomes_letter_id_letters"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_outcomes")),
    )  # fmt: skip
    with op.batch_alter_table("review_outcomes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_review_outcomes_letter_id"), ["letter_id"])
        batch_op.create_index(batch_op.f("ix_review_outcomes_due_at"), ["due_at"])
    op.create_table(
        "letter_copies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("letter_id", sa.Integer(), nullable=False),
        sa.Column("department", sa.String(length=10), nullable=False),
        sa.Column("target", sa.String(length=1000), nullable=True),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["letter_id"], ["letters.id"],
            name=op.f("fk_letter_copies_letter_id_letters"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_letter_copies")),
        sa.UniqueConstraint("letter_id", "department", name=op.f("uq_letter_copies_letter_id_department")),
    )  # fmt: skip
    with op.batch_alter_table("letter_copies", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_letter_copies_letter_id"), ["letter_id"])
    _carry_earlier_decisions()


def _carry_earlier_decisions() -> None:
    events = sa.table(
        "letter_events",
        sa.column("letter_id", sa.Integer()),
        sa.column("at", sa.DateTime(timezone=True)),
        sa.column("kind", sa.String()),
        sa.column("data", sa.JSON()),
    )
    letters = sa.table(
        "letters",
        sa.column("id", sa.Integer()),
        sa.column("rules_version", sa.String()),
        sa.column("outcome", sa.String()),
    )
    outcomes = sa.table(
        "review_outcomes",
        *(sa.column(name) for name in (
            "letter_id", "outcome", "handed_to", "comment", "decided_by", "undone_by",
            "robot_department", "robot_reason", "rules_version",
        )),
        sa.column("departments", sa.JSON()),
        sa.column("robot_candidates", sa.JSON()),
        *(sa.column(name, sa.DateTime(timezone=True)) for name in (
            "decided_at", "due_at", "applied_at",
        )),
    )  # fmt: skip
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(events.c.letter_id, events.c.at, events.c.data, letters.c.rules_version)
        .join(letters, letters.c.id == events.c.letter_id)
        .where(events.c.kind == "decided")
        .order_by(events.c.letter_id, events.c.at)
    ).all()
    carried: list[dict[str, Any]] = []
    for letter_id, at, data, rules_version in rows:
        data = data or {}
        department = data.get("department")
        if not department:
            continue
        carried.append(
            {
                "letter_id": letter_id, "outcome": "deliver", "departments": [department],
                "handed_to": "", "comment": str(data.get("comment") or ""),
                "decided_by": str(data.get("user") or ""), "decided_at": at, "due_at": at,
                "applied_at": at, "undone_by": "", "robot_department": data.get("robot_guess"),
                "robot_candidates": data.get("candidates") or [], "robot_reason": "",
                "rules_version": rules_version,
            }
        )  # fmt: skip
    if carried:
        connection.execute(outcomes.insert(), carried)
        decided = sorted({row["letter_id"] for row in carried})
        connection.execute(
            letters.update().where(letters.c.id.in_(decided)).values(outcome="deliver")
        )


def downgrade() -> None:
    op.drop_table("letter_copies")
    op.drop_table("review_outcomes")
    with op.batch_alter_table("letters", schema=None) as batch_op:
        batch_op.drop_column("outcome")
