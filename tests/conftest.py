"""Shared test fixtures: where the repository and the shared conformance files are."""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from lotse.app import App

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"

# Prefect reads these when it is imported: a fresh home per test run, and no
# analytics (there is no network here).
os.environ["PREFECT_HOME"] = tempfile.mkdtemp(prefix="lotse-prefect-home-")
os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
os.environ.pop("PREFECT_API_URL", None)


def shared_dir() -> Path:
    """``../shared`` next to the checkout (CI has it there too)."""
    return Path(os.environ.get("LOTSE_SHARED_DIR", REPO.parent / "shared"))


@pytest.fixture(scope="session")
def conformance_dir() -> Path:
    path = shared_dir() / "conformance" / "bpmn-miwg"
    if not (path / "expected.json").is_file():
        # Not a skip: without the corpus the suite would claim a check it never made.
        pytest.fail(f"conformance files missing at {path} (set LOTSE_SHARED_DIR)")
    return path


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """No test writes into the user's real data directory."""
    monkeypatch.setenv("LOTSE_DATA_DIR", str(tmp_path_factory.mktemp("lotse-data")))
    monkeypatch.setenv("COLUMNS", "200")  # Rich would wrap sentences at 80 columns
    from lotse.settings import get_settings

    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


POSTGRES_URL = os.environ.get(
    "LOTSE_TEST_POSTGRES_URL",
    "postgresql+psycopg://lotse_test:lotse_test@127.0.0.1:5432/lotse_test",
)


def _fresh_postgres_database() -> tuple[str, Callable[[], None]]:
    """A new, empty PostgreSQL database for one test, dropped afterwards."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    name = f"lotse_t_{uuid.uuid4().hex[:12]}"
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # not a skip: the suite promises PostgreSQL coverage
        pytest.fail(
            f"PostgreSQL at {POSTGRES_URL} not usable ({exc}); run scripts/bootstrap --test"
        )

    def drop() -> None:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False), drop


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Each database test runs on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'lotse.db'}"
        return
    url, drop = _fresh_postgres_database()
    yield url
    drop()


@pytest.fixture
def lotse_app(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[App]:
    """The wired application on a fresh database (SQLite and PostgreSQL)."""
    from lotse.app import open_app
    from lotse.settings import get_settings

    monkeypatch.setenv("LOTSE_DATABASE_URL", database_url)
    monkeypatch.setenv("LOTSE_DATA_DIR", str(tmp_path / "data"))
    get_settings.cache_clear()
    app = open_app()
    yield app
    app.db.dispose()
