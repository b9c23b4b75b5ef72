"""Migration 0012b: the processes get an index on the BPMN id (copies of a page)."""

from __future__ import annotations

from sqlalchemy import inspect

from tests.migrations import schema_at


def test_the_bpmn_id_index_comes_and_goes(database_url: str) -> None:
    from alembic import command

    from lotse.db import Database, alembic_config

    engine = schema_at(database_url, "0018b")
    assert "ix_processes_bpmn_id" not in {
        i["name"] for i in inspect(engine).get_indexes("processes")
    }
    engine.dispose()
    db = Database(database_url)  # migrates to the head
    try:
        indexes = {
            i["name"]: i["column_names"] for i in inspect(db.engine).get_indexes("processes")
        }
        assert indexes["ix_processes_bpmn_id"] == ["bpmn_id"]
        with db.engine.begin() as connection:
            config = alembic_config(db.engine)
            config.attributes["connection"] = connection
            command.downgrade(config, "0018b")
        assert "ix_processes_bpmn_id" not in {
            i["name"] for i in inspect(db.engine).get_indexes("processes")
        }
    finally:
        db.dispose()
