"""Schema migrations: the recorded head matches Alembic's, and upgrading is idempotent."""

from __future__ import annotations

from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from lotse.db import SCHEMA_HEAD, Database, alembic_config, make_engine, schema_is_current


def test_schema_head_constant_matches_the_migrations(tmp_path) -> None:  # type: ignore[no-untyped-def]
    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    script = ScriptDirectory.from_config(alembic_config(engine))
    assert script.get_current_head() == SCHEMA_HEAD


def test_migrations_create_every_table_and_run_twice_harmlessly(database_url: str) -> None:
    db = Database(database_url)
    assert schema_is_current(db.engine)
    tables = set(inspect(db.engine).get_table_names())
    assert {"processes", "process_versions", "assessments", "letters", "letter_events"} <= tables
    Database(database_url).dispose()  # second start: nothing to do
    db.dispose()


def test_migrations_match_the_models(database_url: str) -> None:
    """A model change without its migration (or the reverse) fails here, on both databases."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    import robots.decisions  # (registers its tables, as the migrations' env does)
    import robots.filings  # noqa: F401  (registers its table, as the migrations' env does)
    from lotse.db import metadata as shell_metadata
    from lotse.users import Base as UsersBase
    from processes.models import Base as CatalogueBase
    from robots.letters import Base as MailroomBase

    target_metadata = [
        CatalogueBase.metadata,
        MailroomBase.metadata,
        UsersBase.metadata,
        shell_metadata,
    ]
    db = Database(database_url)
    try:
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, target_metadata)
    finally:
        db.dispose()
    assert differences == []


def test_sqlite_keeps_the_connections_of_concurrent_pages_open(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Twelve pages at once, twice: the second time no connection is opened anew (each new
    one costs its PRAGMAs; the default pool kept five and closed the rest)."""
    from contextlib import ExitStack

    from sqlalchemy import event, text

    db = Database(f"sqlite:///{tmp_path / 'lotse.db'}")
    opened: list[object] = []
    event.listen(db.engine, "connect", lambda connection, record: opened.append(connection))
    try:
        counts = []
        for _ in range(2):
            with ExitStack() as pages:
                for _ in range(12):
                    session = pages.enter_context(db.read_session())
                    session.execute(text("SELECT 1"))
            counts.append(len(opened))
        assert counts[0] > 0 and counts[1] == counts[0]
    finally:
        db.dispose()
