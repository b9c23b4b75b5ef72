"""Robots and their process: links (deployment → process and tasks) and the run ledger.

Revision ID: 0014a
Revises: 0010b
Create Date: 2026-11-27 10:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014a"
down_revision = "0010b"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "robot_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("deployment", sa.String(length=100), nullable=False),
        sa.Column("process_id", sa.Integer(), nullable=False),
        sa.Column("task_ids", sa.JSON(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("case_noun", sa.String(length=60), nullable=False),
        sa.Column("done_phrase", sa.String(length=120), nullable=False),
        sa.Column("linked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("linked_by", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["process_id"],
            ["processes.id"],
            name=op.f("fk_robot_links_process_id_processes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_robot_links")),
        sa.UniqueConstraint("deployment", name=op.f("uq_robot_links_deployment")),
    )
    with op.batch_alter_table("robot_links", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_robot_links_process_id"), ["process_id"])

    op.create_table(
        "robot_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("deployment", sa.String(length=100), nullable=False),
        sa.Column("process_id", sa.Integer(), nullable=True),
        sa.Column("flow_run_id", sa.String(length=64), nullable=True),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column("cases", sa.Integer(), nullable=False),
        sa.Column("cases_automated", sa.Integer(), nullable=False),
        sa.Column("cases_to_person", sa.Integer(), nullable=False),
        sa.Column("robot_seconds", sa.Float(), nullable=False),
        sa.Column("cpu_seconds", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["process_id"],
            ["processes.id"],
            name=op.f("fk_robot_runs_process_id_processes"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_robot_runs")),
        sa.UniqueConstraint("flow_run_id", name=op.f("uq_robot_runs_flow_run_id")),
    )
    with op.batch_alter_table("robot_runs", schema=None) as batch_op:
        batch_op.create_index(
            "ix_robot_runs_deployment_period", ["deployment", "period"], unique=False
        )
        batch_op.create_index(
            "ix_robot_runs_process_period", ["process_id", "period"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("robot_runs", schema=None) as batch_op:
        batch_op.drop_index("ix_robot_runs_process_period")
        batch_op.drop_index("ix_robot_runs_deployment_period")
    op.drop_table("robot_runs")
    with op.batch_alter_table("robot_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_robot_links_process_id"))
    op.drop_table("robot_links")
