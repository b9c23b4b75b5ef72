"""Migration 0016a keeps every letter and its trail, and says who routed the earlier letters."""

from __future__ import annotations

from sqlalchemy import text

from tests.migrations import schema_at


def test_existing_letters_and_trails_survive(database_url: str) -> None:
    from lotse.db import Database

    engine = schema_at(database_url, "0015b")
    with engine.begin() as connection:
        for number, decided_by, department in ((1, None, "22"), (2, "anna", "51"), (3, None, None)):
            connection.execute(
                text(
                    "INSERT INTO letters (id, sha256, name, media_type, size, status, received_at, "
                    "updated_at, reasons, candidates, decided_by, department) VALUES (:id, :sha, "
                    "'alt.pdf', 'pdf', 1, 'archived', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, '[]', "
                    "'[]', :by, :dep)"
                ),
                {"id": number, "sha": str(number) * 64, "by": decided_by, "dep": department},
            )
            connection.execute(
                text(
                    "INSERT INTO letter_events (letter_id, at, kind, detail, data) VALUES "
                    "(:id, CURRENT_TIMESTAMP, 'received', 'Eingegangen.', '{}')"
                ),
                {"id": number},
            )
    engine.dispose()
    db = Database(database_url)  # migrates to the head
    try:
        with db.engine.connect() as connection:
            routed = connection.execute(
                text("SELECT id, routed_by, batch_id FROM letters ORDER BY id")
            ).all()
            events = connection.execute(text("SELECT count(*) FROM letter_events")).scalar()
    finally:
        db.dispose()
    assert [tuple(row) for row in routed] == [
        (1, "rules", None),
        (2, "person", None),
        (3, None, None),
    ]
    assert events == 3  # the trail is untouched (no table was copied and dropped)
