"""Migration 0018b: filings become one per letter and Amt (copies are filed too)."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from tests.migrations import schema_at

LETTER = (
    "INSERT INTO letters (id, sha256, name, media_type, size, status, received_at, updated_at, "
    "reasons, candidates, department) VALUES (1, :sha, 'brief.pdf', 'pdf', 1, 'archived', "
    "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, '[]', '[]', '51')"
)
FILING = (
    "INSERT INTO filings (letter_id, department, status, attempts, document_number, "
    "created_at, updated_at) VALUES (1, :department, :status, 1, :number, "
    "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
)


def test_filings_survive_and_a_copy_may_have_its_own(database_url: str) -> None:
    from lotse.db import Database

    engine = schema_at(database_url, "0018a")
    with engine.begin() as connection:
        connection.execute(text(LETTER), {"sha": "a" * 64})
        connection.execute(text(FILING), {"department": "51", "status": "filed", "number": "D-7"})
    engine.dispose()
    db = Database(database_url)  # migrates to the head
    try:
        with db.engine.begin() as connection:
            connection.execute(
                text(FILING), {"department": "63", "status": "pending", "number": None}
            )
        with db.engine.connect() as connection:
            rows = connection.execute(
                text("SELECT department, status, document_number FROM filings ORDER BY id")
            ).all()
        assert [tuple(r) for r in rows] == [("51", "filed", "D-7"), ("63", "pending", None)]
        with pytest.raises(IntegrityError), db.engine.begin() as connection:
            connection.execute(
                text(FILING), {"department": "63", "status": "pending", "number": None}
            )
    finally:
        db.dispose()
