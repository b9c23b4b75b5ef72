"""Shared test fixtures: where the repository and the shared conformance files are.

Heavy parts (Tesseract, Chromium, a Prefect server, PostgreSQL) are started by
fixtures, and each such fixture marks the tests that use it (``PART_MARKS``):
``make check`` leaves those marks out, ``make test`` runs everything. A test
that starts a part without asking for its fixture fails, naming the fixture,
so the fast loop never silently runs OCR or a browser.
"""

from __future__ import annotations

import atexit
import os
import signal
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser

    from lotse.app import App
    from tests.mailserver import MailServer

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"

# Prefect reads these when it is imported: a fresh home per test run, and no
# analytics (there is no network here).
os.environ["PREFECT_HOME"] = tempfile.mkdtemp(prefix="lotse-prefect-home-")
os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
os.environ.pop("PREFECT_API_URL", None)
# Rich would wrap sentences at 80 columns; set before any console is made (also in
# pytest-xdist's workers, whose consoles are made when the test modules are imported).
os.environ["COLUMNS"] = "200"


def pytest_configure(config: pytest.Config) -> None:
    """Mark what this run starts, so that nothing it started outlives it (tests/children.py)."""
    from tests import children

    children.mark_this_process(worker=hasattr(config, "workerinput"))
    # CI cancels and `timeout` send SIGTERM, which would end pytest at once, without its
    # teardown: the servers the fixtures started would go on running. As Ctrl-C, it ends
    # the run the way pytest ends it (teardown, then the check below).
    if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        signal.signal(signal.SIGTERM, _interrupt)
    if not hasattr(config, "workerinput"):
        # The last net, also when pytest ends in a way the hooks never see.
        atexit.register(lambda: children.stop(children.leftovers(whole_run=True)))


def _interrupt(signum: int, frame: object) -> NoReturn:
    raise KeyboardInterrupt(f"signal {signum}")


@pytest.fixture(scope="session", autouse=True)
def _no_process_left_behind() -> Iterator[None]:
    """Fails the run if a process a test or fixture started is still running at the end.

    Set up before any other session fixture, so torn down after all of them: what
    is still running then was not stopped by what started it. It is stopped here
    and named, and the run fails (the last test's teardown shows as an error).
    """
    from tests import children

    yield
    left = children.settle()
    if left:
        names = [children.describe(process) for process in left]
        children.stop(left)
        pytest.fail(
            "still running after every fixture was torn down (now stopped):\n  "
            + "\n  ".join(names),
            pytrace=False,
        )


@pytest.hookimpl(wrapper=True)
def pytest_sessionfinish(session: pytest.Session) -> Iterator[None]:
    """In the controller (or a run without xdist): what any process of the run left behind.

    After every other plugin's finish (xdist's stops its workers): a worker that crashed
    cannot stop its servers, nor report them; this finds them by their mark.
    """
    from tests import children

    result = yield
    if hasattr(session.config, "workerinput"):
        return result
    left = children.settle(whole_run=True)
    if left:
        names = [children.describe(process) for process in left]
        children.stop(left)
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        message = "processes of this test run still running at its end (now stopped):\n  "
        message += "\n  ".join(names)
        if reporter is not None:
            reporter.write_line(message, red=True)
        if session.exitstatus in (pytest.ExitCode.OK, pytest.ExitCode.NO_TESTS_COLLECTED):
            session.exitstatus = pytest.ExitCode.TESTS_FAILED
    return result


# fixture → the marks of the parts it starts
PART_MARKS = {
    "tesseract": ("ocr",),
    "chromium_installed": ("browser",),
    "browser": ("browser",),
    "prefect_server": ("prefect",),
    "prefect_served": ("prefect", "postgres"),  # tests/flows/test_serve.py
    "postgres_database": ("postgres",),
    "mail_server": ("mailserver",),
}
# Which fixture a test must ask for to use the part (for the message of the guard).
PART_FIXTURES = {"ocr": "tesseract", "browser": "browser or chromium_installed"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        for fixture, marks in PART_MARKS.items():
            if fixture in names:
                for mark in marks:
                    item.add_marker(mark)
        callspec = getattr(item, "callspec", None)
        if callspec is not None and callspec.params.get("database_url") == "postgresql":
            item.add_marker("postgres")


def _refuse(mark: str) -> Callable[..., NoReturn]:
    def refuse(*args: Any, **kwargs: Any) -> NoReturn:
        pytest.fail(
            f"this test starts a part marked '{mark}' without the fixture that marks it: "
            f"ask for {PART_FIXTURES[mark]} (tests/conftest.py)",
            pytrace=False,
        )

    return refuse


@pytest.fixture(autouse=True)
def _parts_only_where_marked(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tesseract and Chromium refuse to start in a test not marked for them."""
    marks = {mark.name for mark in request.node.iter_markers()}
    if "ocr" not in marks:
        import robots.ocr

        monkeypatch.setattr(robots.ocr, "_run", _refuse("ocr"))
        monkeypatch.setattr(robots.ocr, "_detect_rotation", _refuse("ocr"))
    if "browser" not in marks:
        import robots.browser

        monkeypatch.setattr(robots.browser, "sync_playwright", _refuse("browser"))


@pytest.fixture(scope="session", autouse=True)
def _tesseract_workers_end() -> Iterator[None]:
    """The loaded Tesseracts of in-process OCR end with the session, as they end with a
    robot's process (at exit), before the check for processes left behind."""
    yield
    pool = sys.modules.get("robots.tesseract_pool")
    if pool is not None:
        pool.POOL.close()


@pytest.fixture(scope="session")
def tesseract() -> str:
    """Tesseract with its German model (marks the test ``ocr``); its version."""
    from robots.errors import OcrUnavailable
    from robots.ocr import check_tesseract

    try:
        return check_tesseract("deu")
    except OcrUnavailable as exc:  # not a skip: these tests exist to exercise the real OCR
        pytest.fail(str(exc))


@pytest.fixture
def mail_server() -> Iterator[MailServer]:
    """A real Dovecot (IMAPS, password and XOAUTH2) for this test (marks it ``mailserver``)."""
    from tests.mailserver import dovecot

    with dovecot() as server:
        yield server


@pytest.fixture(scope="session")
def chromium_installed() -> None:
    """The system Chromium is there (marks the test ``browser``): for robots that launch it."""
    from robots.browser import BrowserMissing, chromium_path

    try:
        chromium_path()
    except BrowserMissing as exc:  # a missing browser is a broken setup, not a reason to skip
        pytest.fail(str(exc))


@pytest.fixture(scope="module")
def browser(chromium_installed: None) -> Iterator[Browser]:
    """One Chromium for the browser tests of a module.

    Not for the session: while Playwright's sync API runs, its event loop sits on the
    main thread, and a robot's own Chromium or a Prefect flow in a later module fails.
    """
    from tests.browser import chromium

    with chromium() as launched:
        yield launched


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
    # A machine with Lotse installed as a service (/etc/lotse) must not change what tests see.
    monkeypatch.setenv("LOTSE_CONFIG_DIR", str(tmp_path_factory.getbasetemp() / "kein-dienst"))
    monkeypatch.setenv("LOTSE_STATE_DIR", str(tmp_path_factory.getbasetemp() / "zustand"))
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
        from sqlalchemy.exc import ProgrammingError

        # FORCE ends the test's own leftover sessions, but not an autovacuum worker that
        # happens to be on the database (that takes pg_signal_backend, which the test role
        # does not have); such a worker is done within moments.
        for attempt in range(40):
            try:
                with admin.connect() as connection:
                    connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                break
            except ProgrammingError as exc:
                if "pg_signal_backend" not in str(exc) or attempt == 39:
                    raise
                time.sleep(0.25)
        admin.dispose()

    return make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False), drop


@pytest.fixture
def postgres_database() -> Iterator[Callable[[], str]]:
    """Makes fresh PostgreSQL databases (marks the test ``postgres``); dropped afterwards."""
    drops: list[Callable[[], None]] = []

    def make() -> str:
        url, drop = _fresh_postgres_database()
        drops.append(drop)
        return url

    yield make
    for drop in reversed(drops):
        drop()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Each database test runs on SQLite and on PostgreSQL (the latter marked ``postgres``)."""
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
