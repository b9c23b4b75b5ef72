"""Database engine, sessions and schema migrations (Alembic, run on start).

SQLite is the default (a file in the data directory); PostgreSQL is used when
``LOTSE_DATABASE_URL`` says so. The schema is always brought to the newest
migration before use, so an upgrade of Lotse needs no separate step. Each
upgrade is recorded with the Lotse version that made it (``schema_history``):
an older Lotse started against a database a newer one has migrated stops with
a message naming both versions instead of Alembic's "Can't locate revision".
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    create_engine,
    event,
    insert,
    select,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from common.clock import UtcDateTime

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
# The newest migration. Checked against Alembic by the tests; lets a database
# that is already up to date skip loading Alembic (most of a command's start-up).
SCHEMA_HEAD = "0012b"

# Which Lotse version brought the schema to which revision, and when.
metadata = MetaData(naming_convention={"pk": "pk_%(table_name)s"})
schema_history = Table(
    "schema_history",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("revision", String(32), nullable=False),
    Column("lotse_version", String(64), nullable=False),
    Column("migrated_at", UtcDateTime(), nullable=False),
)


class SchemaTooNew(RuntimeError):
    """The database was migrated by a newer Lotse than this one (German message)."""


def make_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        pool: dict[str, int] = {}
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
            # Connections stay open for the web's concurrent pages (the default keeps 5
            # and opens and closes the rest each time, with their PRAGMAs); they are cheap.
            pool = {"pool_size": 20, "max_overflow": 20}
        engine = create_engine(url, connect_args={"timeout": 30}, **pool)
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _sqlite_connect(dbapi_connection: object, _record: object) -> None:
    # Let SQLAlchemy, not the sqlite3 module, emit BEGIN: the module's own
    # transaction handling breaks savepoints and cannot begin IMMEDIATE.
    dbapi_connection.isolation_level = None  # type: ignore[attr-defined]
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    # WAL lets the web app read while an import writes; foreign keys are off by default.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    # Read pages through a memory map (shared by all connections) instead of a
    # read() each: sorting the catalogue touches every current assessment.
    cursor.execute("PRAGMA mmap_size=1073741824")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    # A writer takes the write lock when it begins. A deferred transaction
    # that reads first and writes later fails at once with "database is
    # locked" when another writer got in between; an immediate one waits.
    if connection.get_execution_options().get("lotse_read_only"):
        connection.exec_driver_sql("BEGIN")
    else:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config  # Alembic loads only when a database is opened

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def schema_revision(engine: Engine) -> str | None:
    """The database's schema revision; None for a database Lotse has never opened."""
    try:
        with engine.connect() as connection:
            found = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    except SQLAlchemyError:  # no alembic_version table yet: a new database
        return None
    return str(found) if found else None


def schema_is_current(engine: Engine) -> bool:
    return schema_revision(engine) == SCHEMA_HEAD


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration (idempotent)."""
    revision = schema_revision(engine)
    if revision == SCHEMA_HEAD:
        return
    from alembic import command

    with engine.begin() as connection:
        config = alembic_config(engine)
        if revision is not None:
            refuse_unknown_revision(config, connection, revision)
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        from lotse.version import build_version

        connection.execute(
            insert(schema_history).values(
                revision=SCHEMA_HEAD, lotse_version=build_version(), migrated_at=datetime.now(UTC)
            )
        )


def refuse_unknown_revision(config: Config, connection: Connection, revision: str) -> None:
    """A revision this code has no migration for was written by a newer Lotse: stop, clearly."""
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    try:
        ScriptDirectory.from_config(config).get_revision(revision)
        return
    except CommandError:
        pass
    from lotse.version import build_version

    try:
        newer = connection.scalar(
            select(schema_history.c.lotse_version).order_by(schema_history.c.id.desc()).limit(1)
        )
    except SQLAlchemyError:
        newer = None
    raise SchemaTooNew(
        f"Die Datenbank hat den Schemastand {revision}"
        + (f" von Lotse {newer}" if newer else " einer neueren Lotse-Version")
        + f"; dieses Lotse ist {build_version()} (Schemastand {SCHEMA_HEAD}) und kennt ihn "
        "nicht. Bitte Lotse auf diesem Rechner auf dieselbe Version aktualisieren "
        "(docs/operations.md, „Aktualisieren“)."
    )


class Database:
    """An engine with a session factory; the schema is migrated on creation."""

    def __init__(self, url: str, *, migrate_schema: bool = True) -> None:
        self.url = url
        self.engine = make_engine(url)
        if migrate_schema:
            migrate(self.engine)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        self.read_sessions = sessionmaker(
            self.engine.execution_options(lotse_read_only=True), expire_on_commit=False
        )

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session in a transaction: committed on success, rolled back on error."""
        with self.sessions() as session, session.begin():
            yield session

    @contextmanager
    def read_session(self) -> Iterator[Session]:
        """A session for reading only; on SQLite it does not wait for writers."""
        with self.read_sessions() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()
