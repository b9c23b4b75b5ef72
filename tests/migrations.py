"""A database migrated only so far: for tests that a later migration carries the data."""

from __future__ import annotations

from sqlalchemy import Engine

from lotse.db import alembic_config, make_engine


def schema_at(database_url: str, revision: str) -> Engine:
    """The database at ``database_url`` with the migrations up to ``revision`` applied.

    The caller fills in rows, disposes of the engine and opens ``Database(url)``, which
    migrates to the head as every start does.
    """
    from alembic import command

    engine = make_engine(database_url)
    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    return engine
