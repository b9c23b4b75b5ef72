"""A workbench on a fresh database with the sample catalogue and one user per role.

``workbench`` serves the ASGI app in-process (``TestClient``) for HTTP tests;
``live_workbench`` runs the same app under uvicorn on 127.0.0.1 for the browser.
"""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from lotse.app import App
from lotse.users import Role, add_user
from processes.importer import ImportRequest, import_many
from processes.models import Process
from tests.conftest import SAMPLES
from tests.robots.letters import ADVERT, TREE_REQUEST, text_pdf

# name → (role, department, password)
USERS: dict[str, tuple[Role, str | None, str]] = {
    "pilot63": (Role.LOTSE, "63", "pilot63-passwort"),
    "pilot20": (Role.LOTSE, "20", "pilot20-passwort"),
    "it": (Role.IT, None, "it-team-passwort"),
    "admin": (Role.ADMIN, None, "admin-passwort!"),
    "post": (Role.POSTSTELLE, None, "poststelle-passwort"),
}
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_of(html: str) -> str:
    match = CSRF.search(html)
    assert match, "page has no CSRF token"
    return match.group(1)


@dataclass
class Workbench:
    lotse: App
    asgi: FastAPI
    # "63:Process_Bauantrag" → database id, for the sample catalogue
    process_ids: dict[str, int] = field(default_factory=dict)

    def client(self, who: str | None = None) -> TestClient:
        """A browser-like client, signed in as ``who`` through the real sign-in form."""
        client = TestClient(self.asgi, follow_redirects=False)
        if who is not None:
            sign_in(client, who, USERS[who][2])
        return client

    def review_letter(self) -> int:
        """One letter the robot could not route (an advert), waiting in the review queue."""
        room = self.lotse.mailroom()
        room.config = dataclasses.replace(room.config, stable_seconds=0, workers=1)
        room.config.inbox.mkdir(parents=True, exist_ok=True)
        text_pdf(room.config.inbox / "werbung.pdf", ADVERT + ["Sofas, Betten und Sessel."] * 3)
        (outcome,) = room.run()
        assert outcome.status == "review", outcome
        return outcome.letter_id

    def two_department_letter(self) -> int:
        """A letter about a tree and a building permit: the robot names both Ämter and asks."""
        room = self.lotse.mailroom()
        room.config = dataclasses.replace(room.config, stable_seconds=0, workers=1)
        room.config.inbox.mkdir(parents=True, exist_ok=True)
        lines = [*TREE_REQUEST, "Außerdem möchte ich für den Carport einen Bauantrag stellen;",
                 "die Baugenehmigung brauche ich bis Mai."]  # fmt: skip
        text_pdf(room.config.inbox / "baum-und-carport.pdf", lines)
        (outcome,) = room.run()
        assert outcome.status == "review", outcome
        return outcome.letter_id

    def review_letters(self, count: int) -> list[int]:
        """``count`` different adverts waiting in the review queue, in the queue's order."""
        room = self.lotse.mailroom()
        room.config = dataclasses.replace(room.config, stable_seconds=0, workers=1)
        room.config.inbox.mkdir(parents=True, exist_ok=True)
        for index in range(count):
            lines = [*ADVERT, f"Prospekt Nr. {index}: Sofas, Betten und Sessel."]
            text_pdf(room.config.inbox / f"werbung-{index}.pdf", lines)
        outcomes = room.run()
        assert [o.status for o in outcomes] == ["review"] * count, outcomes
        from robots.review import review_queue

        with self.lotse.db.read_session() as session:
            return [letter.id for letter in review_queue(session)][-count:]  # as the queue has them


def sign_in(client: TestClient, username: str, password: str) -> None:
    token = csrf_of(client.get("/login").text)
    answer = client.post(
        "/login", data={"username": username, "password": password, "csrf_token": token}
    )
    assert answer.status_code == 303, f"sign-in as {username} failed: {answer.text[:300]}"


def change_password(client: TestClient, current: str, new: str, repeat: str | None = None) -> Any:
    """The "Passwort ändern" form, sent as a browser would."""
    token = csrf_of(client.get("/passwort").text)
    return client.post(
        "/passwort",
        data={"aktuell": current, "neu": new, "wiederholung": repeat or new, "csrf_token": token},
    )


def _fill(lotse: App) -> None:
    """One user per role and the sample catalogue."""
    with lotse.db.session() as session:
        for name, (role, department, password) in USERS.items():
            add_user(session, name, password, role, department)
    requests = [
        ImportRequest(file_name=path.name, path=path)
        for path in sorted(SAMPLES.glob("bpmn/*.bpmn"))
    ]
    import_many(lotse.db.session, requests, lotse.model, lotse.limits)


def _serve(lotse: App) -> Workbench:
    from lotse.web.app import create_app

    bench = Workbench(lotse=lotse, asgi=create_app(lotse))
    with lotse.db.read_session() as session:
        for process in session.scalars(select(Process)):
            bench.process_ids[process.key] = process.id
    return bench


def _build(lotse: App) -> Workbench:
    _fill(lotse)
    return _serve(lotse)


@pytest.fixture(scope="session")
def _workbench_templates() -> dict[tuple[int, ...], Path]:
    """Filled SQLite workbenches, one per password-hashing cost, built once per test process.

    Filling one (five Argon2 hashes, twelve diagrams imported and scored) took 0.7-1.4 s,
    most of a web test's time; each test now starts from a copy of the files.
    """
    return {}


def _template(templates: dict[tuple[int, ...], Path], factory: pytest.TempPathFactory) -> Path:
    from lotse import users
    from lotse.app import open_app
    from lotse.settings import Settings

    hasher = users._hasher
    cost = (hasher.time_cost, hasher.memory_cost, hasher.parallelism)
    if cost not in templates:
        folder = factory.mktemp("workbench-template")
        with pytest.MonkeyPatch.context() as patch:
            # the default workbench, whatever the test that asks first has set for itself
            for name in [name for name in os.environ if name.startswith("LOTSE_")]:
                if name not in ("LOTSE_CONFIG_DIR", "LOTSE_STATE_DIR", "LOTSE_SHARED_DIR"):
                    patch.delenv(name)
            database = f"sqlite:///{folder / 'lotse.db'}"
            lotse = open_app(Settings(data_dir=folder / "data", database_url=database))
            _fill(lotse)
            lotse.db.dispose()
        templates[cost] = folder
    return templates[cost]


@pytest.fixture
def workbench(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path_factory: pytest.TempPathFactory,
    _workbench_templates: dict[tuple[int, ...], Path],
) -> Iterator[Workbench]:
    """On SQLite; the PostgreSQL path is covered by ``workbench_any_db``."""
    from lotse.app import open_app
    from lotse.settings import get_settings

    template = _template(_workbench_templates, tmp_path_factory)
    shutil.copytree(template / "data", tmp_path / "data")
    for part in template.glob("lotse.db*"):  # the database and any journal SQLite kept
        shutil.copy2(part, tmp_path / part.name)
    monkeypatch.setenv("LOTSE_DATABASE_URL", f"sqlite:///{tmp_path / 'lotse.db'}")
    monkeypatch.setenv("LOTSE_DATA_DIR", str(tmp_path / "data"))
    get_settings.cache_clear()
    lotse = open_app()
    yield _serve(lotse)
    lotse.db.dispose()


@pytest.fixture
def small_workbench(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> Workbench:
    """A workbench whose upload limit (LOTSE_BPMN_MAX_MB) is 0.1 MB."""
    monkeypatch.setenv("LOTSE_BPMN_MAX_MB", "0.1")
    bench: Workbench = request.getfixturevalue("workbench")
    assert bench.lotse.settings.bpmn_max_mb == 0.1
    return bench


@pytest.fixture
def workbench_any_db(lotse_app: App) -> Workbench:
    """The same workbench on SQLite and on PostgreSQL."""
    return _build(lotse_app)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class LiveWorkbench:
    bench: Workbench
    url: str


@pytest.fixture
def live_workbench(workbench: Workbench) -> Iterator[LiveWorkbench]:
    """The workbench served by uvicorn on a free loopback port, for a real browser."""
    port = _free_port()
    config = uvicorn.Config(workbench.asgi, host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail(f"the workbench did not start on 127.0.0.1:{port}")
        time.sleep(0.05)
    yield LiveWorkbench(bench=workbench, url=f"http://127.0.0.1:{port}")
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def cheap_hashing() -> Iterator[None]:
    """Argon2 at its lowest cost (see tests/web/hashing.py): sign-ins are most of the work."""
    from tests.web.hashing import cheap_argon2

    with cheap_argon2():
        yield
