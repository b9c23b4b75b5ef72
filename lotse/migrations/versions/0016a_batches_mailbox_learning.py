"""Mailroom, second generation: batch scans, the IMAP mailbox's memory, the classifier.

Letters learn who routed them (rules, classifier, person) and the classifier's
suggestion; a letter cut from a batch scan points at its batch and page range.
Existing letters keep everything; ``routed_by`` is filled from what is known.

Revision ID: 0016a
Revises: 0015b
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016a"
down_revision = "0015b"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "batches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=500), nullable=False),
        sa.Column("media_type", sa.String(length=20), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("work_file", sa.String(length=1000), nullable=True),
        sa.Column("pages", sa.Integer(), nullable=True),
        sa.Column("parts", sa.Integer(), nullable=True),
        sa.Column("separators", sa.JSON(), nullable=False),
        sa.Column("quarantine_reason", sa.Text(), nullable=True),
        sa.Column("quarantine_code", sa.String(length=40), nullable=True),
        sa.Column("quarantine_file", sa.String(length=1000), nullable=True),
        sa.Column("archive_file", sa.String(length=1000), nullable=True),
        sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("lease_owner", sa.String(length=64), nullable=True),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_batches")),
        sa.UniqueConstraint("sha256", name=op.f("uq_batches_sha256")),
    )
    with op.batch_alter_table("batches", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_batches_status"), ["status"], unique=False)

    # Plain ADD COLUMN, no batch mode: on SQLite a batch operation copies and drops the
    # letters table, and dropping it would cascade to their events and review outcomes.
    op.add_column("letters", sa.Column("routed_by", sa.String(length=20), nullable=True))
    op.add_column("letters", sa.Column("suggestion", sa.JSON(), nullable=True))
    fk_name = op.f("fk_letters_batch_id_batches")
    if op.get_bind().dialect.name == "sqlite":
        # SQLite adds a column with a (named) reference in place; Alembic only offers
        # batch mode for it, which would copy and drop the table (see above).
        op.execute(
            f"ALTER TABLE letters ADD COLUMN batch_id INTEGER CONSTRAINT {fk_name} "
            "REFERENCES batches (id)"
        )
    else:
        op.add_column("letters", sa.Column("batch_id", sa.Integer(), nullable=True))
        op.create_foreign_key(fk_name, "letters", "batches", ["batch_id"], ["id"])
    op.add_column("letters", sa.Column("page_from", sa.Integer(), nullable=True))
    op.add_column("letters", sa.Column("page_to", sa.Integer(), nullable=True))
    op.create_index(op.f("ix_letters_batch_id"), "letters", ["batch_id"], unique=False)
    letters = sa.table(
        "letters",
        sa.column("routed_by", sa.String),
        sa.column("decided_by", sa.String),
        sa.column("department", sa.String),
    )
    op.execute(letters.update().where(letters.c.decided_by.is_not(None)).values(routed_by="person"))
    op.execute(
        letters.update()
        .where(letters.c.decided_by.is_(None), letters.c.department.is_not(None))
        .values(routed_by="rules")
    )

    op.create_table(
        "mail_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account", sa.String(length=300), nullable=False),
        sa.Column("uidvalidity", sa.BigInteger(), nullable=False),
        sa.Column("uid", sa.BigInteger(), nullable=False),
        sa.Column("message_id", sa.String(length=500), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("letter_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("moved_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["letter_id"], ["letters.id"], name=op.f("fk_mail_messages_letter_id_letters")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_messages")),
        sa.UniqueConstraint(
            "account", "uidvalidity", "uid", name=op.f("uq_mail_messages_account_uidvalidity_uid")
        ),
    )
    with op.batch_alter_table("mail_messages", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_mail_messages_message_id"), ["message_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_mail_messages_status"), ["status"], unique=False)

    op.create_table(
        "mail_classifiers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("fingerprint", sa.String(length=32), nullable=False),
        sa.Column("examples", sa.Integer(), nullable=False),
        sa.Column("threshold", sa.Float(), nullable=True),
        sa.Column("held_out", sa.JSON(), nullable=False),
        sa.Column("model", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_classifiers")),
    )
    with op.batch_alter_table("mail_classifiers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_mail_classifiers_fingerprint"), ["fingerprint"], unique=False
        )


def downgrade() -> None:
    op.drop_table("mail_classifiers")
    op.drop_table("mail_messages")
    with op.batch_alter_table("letters", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_letters_batch_id_batches"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_letters_batch_id"))
        for column in ("page_to", "page_from", "batch_id", "suggestion", "routed_by"):
            batch_op.drop_column(column)
    op.drop_table("batches")
