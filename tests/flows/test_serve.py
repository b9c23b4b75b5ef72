"""``lotse serve`` against a real Prefect server, as IT runs it in production.

The Prefect server keeps its own database in PostgreSQL and asks for basic auth;
``lotse serve --no-web`` processes register the deployments; the test drives them
with the Prefect client, as the UI does, and checks disk and database.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import psutil
import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from flows.names import NAMES
from lotse.serving import PrefectServer, port_is_free
from robots.letters import Letter, LetterEvent
from tests import children
from tests.browser import chromium
from tests.conftest import REPO, SAMPLES, _fresh_postgres_database
from tests.robots.letters import KITA_MEMO, TAX_OBJECTION, TREE_REQUEST, text_pdf

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

AUTH = "lotse-it:prefect-geheim"
LOTSE = str(Path(sys.executable).with_name("lotse"))
ARTIFACTS = REPO / "test-artifacts" / "prefect"


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Served:
    api_url: str
    ui_url: str
    env: dict[str, str]
    data_dir: Path
    inbox: Path
    database_url: str
    workers: list[subprocess.Popen[bytes]] = field(default_factory=list)
    # The versions `lotse serve` may have registered: the checkout's HEAD moves when a
    # commit lands while the suite runs, so HEAD before the first worker and after it.
    versions: set[str] = field(default_factory=set)

    def start_worker(self, name: str) -> subprocess.Popen[bytes]:
        """One more ``lotse serve --no-web`` (a second machine, in miniature)."""
        log = (self.data_dir / f"{name}.log").open("ab")
        process = subprocess.Popen(
            [LOTSE, "serve", "--no-web"], env=self.env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        self.workers.append(process)
        return process

    def stop_workers(self) -> list[int | None]:
        codes = []
        for process in self.workers:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
            try:
                codes.append(process.wait(timeout=60))
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                codes.append(process.wait())
        self.workers.clear()
        return codes


@pytest.fixture(scope="module")
def prefect_served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """A Prefect server on PostgreSQL and one ``lotse serve --no-web`` (marks prefect, postgres)."""
    root = tmp_path_factory.mktemp("served")
    prefect_db, drop_prefect_db = _fresh_postgres_database()
    lotse_db, drop_lotse_db = _fresh_postgres_database()
    port = _free_port()
    server_env = {
        "PREFECT_HOME": str(root / "prefect-home"),
        "PREFECT_API_DATABASE_CONNECTION_URL": prefect_db.replace(
            "postgresql+psycopg://", "postgresql+asyncpg://"
        ),
        "PREFECT_SERVER_API_AUTH_STRING": AUTH,
        "PREFECT_API_AUTH_STRING": AUTH,
    }
    saved = {key: os.environ.get(key) for key in server_env}
    os.environ.update(server_env)
    try:
        with PrefectServer(port, log_file=root / "prefect-server.log") as server:
            env = {
                **os.environ,
                "PREFECT_API_URL": server.api_url,
                "LOTSE_DATA_DIR": str(root / "data"),
                "LOTSE_DATABASE_URL": lotse_db,
                "LOTSE_MAIL_INBOX": str(root / "inbox"),
                "LOTSE_MAIL_STABLE_SECONDS": "0",
                "LOTSE_MAIL_WORKERS": "2",
            }
            env.pop("PREFECT_API_DATABASE_CONNECTION_URL")  # the robots never see it
            (root / "data").mkdir()
            (root / "inbox").mkdir()
            prefect_served = Served(
                api_url=server.api_url, ui_url=server.ui_url, env=env, data_dir=root / "data",
                inbox=root / "inbox", database_url=lotse_db,
            )  # fmt: skip
            try:
                prefect_served.versions.add(_version_now())
                prefect_served.start_worker("serve-1")
                _wait_for_deployments(prefect_served, len(NAMES))
                prefect_served.versions.add(_version_now())
                yield prefect_served
            finally:  # also when the deployments never came: no `lotse serve` left running
                prefect_served.stop_workers()
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        drop_lotse_db()
        drop_prefect_db()


def _version_now() -> str:
    """What a `lotse` started now names as its version (not what this process cached)."""
    from lotse import __version__
    from lotse.version import commit

    found = commit.__wrapped__()
    return f"{__version__}+g{found}" if found else __version__


def _client(prefect_served: Served) -> Any:
    from prefect.client.orchestration import SyncPrefectClient

    return SyncPrefectClient(prefect_served.api_url, auth_string=AUTH)


def _wait_for_deployments(prefect_served: Served, count: int, seconds: float = 120) -> list[Any]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for worker in prefect_served.workers:
            if worker.poll() is not None:
                log = (prefect_served.data_dir / "serve-1.log").read_text(errors="replace")
                pytest.fail(f"lotse serve --no-web stopped ({worker.returncode}):\n{log[-3000:]}")
        with _client(prefect_served) as client:
            found = client.read_deployments()
        if len(found) >= count:
            return list(found)
        time.sleep(1)
    pytest.fail("the deployments did not appear on the Prefect server")


def _run(
    prefect_served: Served, name: str, parameters: dict[str, Any], seconds: float = 300
) -> Any:
    """Start a deployment as the UI's "Run" button does and wait for the end."""
    with _client(prefect_served) as client:
        deployment = client.read_deployment_by_name(name)
        run = client.create_flow_run_from_deployment(deployment.id, parameters=parameters)
    return _wait_for(prefect_served, run.id, seconds)


def _wait_for(prefect_served: Served, run_id: Any, seconds: float = 300) -> Any:
    deadline = time.monotonic() + seconds
    with _client(prefect_served) as client:
        while time.monotonic() < deadline:
            run = client.read_flow_run(run_id)
            if run.state is not None and run.state.is_final():
                return run
            time.sleep(1)
    pytest.fail(f"flow run {run_id} did not finish in {seconds} s")


def _artifact(prefect_served: Served, key: str, run_id: Any) -> Any:
    from prefect.client.schemas.filters import (
        ArtifactFilter,
        ArtifactFilterFlowRunId,
        ArtifactFilterKey,
    )

    with _client(prefect_served) as client:
        (found,) = client.read_artifacts(
            artifact_filter=ArtifactFilter(
                key=ArtifactFilterKey(any_=[key]),
                flow_run_id=ArtifactFilterFlowRunId(any_=[run_id]),
            )
        )
    return json.loads(found.data) if found.type == "table" else found.data


def test_the_server_asks_for_credentials(prefect_served: Served) -> None:
    url = f"{prefect_served.api_url}/deployments/filter"
    assert httpx.post(url, json={}).status_code == 401
    user, password = AUTH.split(":")
    assert httpx.post(url, json={}, auth=(user, password)).status_code == 200


def test_deployments_have_contract_names_forms_and_schedules(prefect_served: Served) -> None:
    with _client(prefect_served) as client:
        by_name = {d.name: d for d in client.read_deployments()}
        flows = {f.id: f.name for f in client.read_flows()}
    assert {f"{flows[d.flow_id]}/{name}" for name, d in by_name.items()} == {
        "katalog-import/katalog-import",
        "kandidaten-bericht/kandidaten-bericht",
        "poststelle/poststelle",
        "poststelle-review-erinnerung/poststelle-review-erinnerung",
        "eakte-ablage/eakte-ablage",
        "poststelle-aufbewahrung/poststelle-aufbewahrung",
        "poststelle-lernen/poststelle-lernen",
    }
    for deployment in by_name.values():
        assert deployment.version in prefect_served.versions and "lotse" in deployment.tags
        assert deployment.description and deployment.entrypoint.startswith("flows.")
        properties = deployment.parameter_openapi_schema["properties"]
        assert all(p.get("title") and p.get("description") for p in properties.values())
    form = by_name["katalog-import"].parameter_openapi_schema["properties"]
    assert form["ordner"]["title"] == "Ordner" and form["amt"]["title"] == "Amt"
    (schedule,) = by_name["poststelle"].schedules
    assert schedule.active and schedule.schedule.interval.total_seconds() == 600
    (daily,) = by_name["poststelle-review-erinnerung"].schedules
    assert daily.schedule.cron == "0 7 * * *" and daily.schedule.timezone == "Europe/Berlin"
    (purge,) = by_name["poststelle-aufbewahrung"].schedules
    assert purge.schedule.cron == "30 3 * * *" and purge.schedule.timezone == "Europe/Berlin"
    # Runs of a machine that died become Crashed: the served robots set up the automation.
    from flows.monitoring import ZOMBIE_AUTOMATION

    with _client(prefect_served) as client:
        assert len(client.read_automations_by_name(ZOMBIE_AUTOMATION)) == 1


def test_catalogue_import_and_report_runs(prefect_served: Served, tmp_path: Path) -> None:
    diagrams = tmp_path / "diagramme"
    diagrams.mkdir()
    for sample in ("gewerbeanmeldung", "urlaubsantrag", "bauantrag"):
        for suffix in (".bpmn", ".facts.yaml"):
            (diagrams / f"{sample}{suffix}").write_bytes(
                (SAMPLES / "bpmn" / f"{sample}{suffix}").read_bytes()
            )
    run = _run(prefect_served, "katalog-import/katalog-import", {"ordner": str(diagrams)})
    assert run.state.is_completed(), run.state
    rows = _artifact(prefect_served, "katalog-import", run.id)
    assert sorted(r["Ergebnis"] for r in rows) == ["neu"] * 3

    out = tmp_path / "bericht"
    run = _run(
        prefect_served, "kandidaten-bericht/kandidaten-bericht", {"ordner": str(out), "anzahl": 2}
    )
    assert run.state.is_completed(), run.state
    assert (out / "report.html").is_file() and (out / "candidates.xlsx").is_file()
    assert _artifact(prefect_served, "kandidaten-bericht", run.id).endswith(
        f"({(out / 'report.html').resolve().as_uri()})"
    )
    top = _artifact(prefect_served, "kandidaten-top", run.id)
    assert [r["Rang"] for r in top] == ["1", "2"]
    # the flow's top entries are the catalogue's first two, whatever the model ranks first
    listed = subprocess.run(
        [LOTSE, "catalogue", "list", "--json"], env=prefect_served.env, capture_output=True,
        text=True, check=True,
    )  # fmt: skip
    catalogue = sorted(json.loads(listed.stdout), key=lambda p: p["rank"])
    assert [r["Prozess"] for r in top] == [p["name"] for p in catalogue[:2]]


def _letters(prefect_served: Served) -> list[Letter]:
    engine = create_engine(prefect_served.database_url)
    try:
        with Session(engine) as session:
            return list(session.scalars(select(Letter)))
    finally:
        engine.dispose()


def _delivered_events(prefect_served: Served) -> dict[int, int]:
    engine = create_engine(prefect_served.database_url)
    try:
        with Session(engine) as session:
            rows = session.execute(
                select(LetterEvent.letter_id, func.count())
                .where(LetterEvent.kind == "delivered")
                .group_by(LetterEvent.letter_id)
            ).all()
    finally:
        engine.dispose()
    return {letter_id: count for letter_id, count in rows}


def test_poststelle_run_with_parameters(prefect_served: Served) -> None:
    text_pdf(prefect_served.inbox / "Widerspruch.pdf", TAX_OBJECTION)
    run = _run(prefect_served, "poststelle/poststelle", {})
    assert run.state.is_completed(), run.state
    (letter,) = [x for x in _letters(prefect_served) if x.name == "Widerspruch.pdf"]
    assert (letter.status, letter.department) == ("archived", "22")
    rows = _artifact(prefect_served, "poststelle-briefe", run.id)
    assert [(r["Datei"], r["Amt"]) for r in rows] == [("Widerspruch.pdf", "22")]


def test_two_serve_processes_and_two_runs_deliver_each_letter_once(prefect_served: Served) -> None:
    prefect_served.start_worker("serve-2")
    letters = [TAX_OBJECTION, KITA_MEMO, TREE_REQUEST]
    names = []
    for number in range(12):
        name = f"Scan_{number:04d}.pdf"
        text_pdf(prefect_served.inbox / name, [*letters[number % 3], f"Vorgang {number}"])
        names.append(name)
    digests = {
        hashlib.sha256((prefect_served.inbox / name).read_bytes()).hexdigest() for name in names
    }
    with _client(prefect_served) as client:
        deployment = client.read_deployment_by_name("poststelle/poststelle")
        runs = [client.create_flow_run_from_deployment(deployment.id) for _ in range(2)]
    finished = [_wait_for(prefect_served, run.id) for run in runs]
    assert all(run.state.is_completed() for run in finished), [r.state for r in finished]

    ours = [x for x in _letters(prefect_served) if x.sha256 in digests]
    assert len(ours) == 12 and {x.status for x in ours} == {"archived"}
    delivered = _delivered_events(prefect_served)
    assert all(delivered[x.id] == 1 for x in ours)
    sidecars = [
        json.loads(p.read_text()) for p in (prefect_served.data_dir / "outbox").glob("*/*.json")
    ]
    ours_delivered = [s["sha256"] for s in sidecars if s["sha256"] in digests]
    assert sorted(ours_delivered) == sorted(digests)  # each exactly once
    assert prefect_served.stop_workers() == [0, 0]  # SIGTERM ends both cleanly
    prefect_served.start_worker("serve-1")  # later tests in this module still find one
    _wait_for_deployments(prefect_served, len(NAMES))


def test_letters_fan_out_to_a_dask_cluster_of_two_workers(
    prefect_served: Served, tmp_path: Path
) -> None:
    """Scaling option (2): the same flow, its letters read by Dask workers elsewhere."""
    from distributed import Client

    dask = str(Path(sys.executable).with_name("dask"))
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    log = (tmp_path / "dask.log").open("ab")
    cluster = [
        subprocess.Popen(
            [dask, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
            env=prefect_served.env, stdout=log, stderr=subprocess.STDOUT,
        )
    ]  # fmt: skip
    try:
        for _ in range(2):
            cluster.append(
                subprocess.Popen(
                    [dask, "worker", address, "--nthreads", "1", "--host", "127.0.0.1",
                     "--no-dashboard"],
                    env=prefect_served.env, stdout=log, stderr=subprocess.STDOUT,
                )
            )  # fmt: skip
        with Client(address, timeout=60) as client:
            client.wait_for_workers(2, timeout=90)
            inbox = tmp_path / "eingang"
            inbox.mkdir()
            letters = [TAX_OBJECTION, KITA_MEMO, TREE_REQUEST]
            for number in range(6):
                text_pdf(inbox / f"Dask_{number}.pdf", [*letters[number % 3], f"Akte {number}"])
            run = subprocess.run(
                [sys.executable, "-c",
                 "import sys; from flows.mailroom import mailroom_flow; "
                 "print(len(mailroom_flow(inbox=sys.argv[1])))", str(inbox)],
                env={**prefect_served.env, "LOTSE_DASK_ADDRESS": address}, capture_output=True,
                text=True, timeout=600,
            )  # fmt: skip
            assert run.returncode == 0, run.stderr[-3000:]
            executed = client.run(lambda dask_worker: dask_worker.state.executed_count)
        ours = [x for x in _letters(prefect_served) if x.name.startswith("Dask_")]
        assert sorted((x.name, x.status) for x in ours) == [
            (f"Dask_{n}.pdf", "archived") for n in range(6)
        ]
        assert len(executed) == 2 and all(count > 0 for count in executed.values()), executed
    finally:  # the workers' nannies and their processes too, even if one does not stop
        children.stop([psutil.Process(process.pid) for process in reversed(cluster)], 30)
        for process in cluster:
            process.wait(timeout=10)


def test_prefect_ui_shows_the_deployments(prefect_served: Served, chromium_installed: None) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 900}, locale="de-DE")
        page.goto(f"{prefect_served.ui_url}/deployments")
        # The server asks for the auth string before it shows anything.
        page.get_by_placeholder("admin:pass").fill(AUTH, timeout=60_000)
        page.get_by_role("button", name="Login").click()
        page.goto(f"{prefect_served.ui_url}/deployments")
        page.get_by_text("poststelle-review-erinnerung").first.wait_for(timeout=60_000)
        for name in ("katalog-import", "kandidaten-bericht"):
            assert page.get_by_text(name).count() >= 1
        page.screenshot(path=str(ARTIFACTS / "deployments.png"), full_page=True)

        # The "Custom run" form shows the German titles and help texts.
        with _client(prefect_served) as client:
            deployment = client.read_deployment_by_name("katalog-import/katalog-import")
        page.goto(f"{prefect_served.ui_url}/deployments/deployment/{deployment.id}/run")
        page.get_by_text("Ordner (oder einzelne Datei)").first.wait_for(timeout=60_000)
        page.screenshot(path=str(ARTIFACTS / "run-form.png"), full_page=True)
        for title in ("Ordner", "Amt", "Benutzer"):
            label = page.get_by_text(re.compile(rf"^{title}( \(Optional\))?$"))
            assert label.count() >= 1, title
        assert page.get_by_text('Property is type "None"').count() == 0  # plain text fields


def _ctrl_c_as_in_a_terminal() -> None:
    # A suite started in the background (`.ci/run &`, nohup) passes on an ignored SIGINT,
    # and a process that starts with SIGINT ignored rightly ignores Ctrl-C. The test
    # plays a person at a terminal.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.prefect  # `lotse serve` starts its own Prefect server: no fixture does
def test_lotse_serve_starts_and_stops_everything(tmp_path: Path) -> None:
    """The one command: its own Prefect server, the deployments and the web.

    Ctrl-C comes while a ``poststelle`` run is in progress (its scanner share is
    missing, so the run retries): with Prefect's own handling ``lotse serve``
    went on running.
    """
    web_port, prefect_port = _free_port(), _free_port()
    (tmp_path / "data").mkdir()
    env = {key: value for key, value in os.environ.items() if not key.startswith("PREFECT_API")}
    env.update(
        PREFECT_HOME=str(tmp_path / "prefect-home"),
        LOTSE_DATA_DIR=str(tmp_path / "data"),
        LOTSE_PREFECT_PORT=str(prefect_port),
        LOTSE_MAIL_INBOX=str(tmp_path / "scanner-freigabe"),
    )
    env.pop("PREFECT_SERVER_API_AUTH_STRING", None)
    env.pop("PREFECT_API_DATABASE_CONNECTION_URL", None)
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [LOTSE, "serve", "--port", str(web_port)], env=env, stdout=out,
            stderr=subprocess.STDOUT, preexec_fn=_ctrl_c_as_in_a_terminal,
        )  # fmt: skip
    try:
        deadline = time.monotonic() + 240
        children.wait_for_line(log, "Roboter-Deployments", process, deadline, every=1)
        login = httpx.get(f"http://127.0.0.1:{web_port}/login")
        assert login.status_code == 200 and 'name="csrf_token"' in login.text
        from prefect.client.orchestration import SyncPrefectClient

        with SyncPrefectClient(f"http://127.0.0.1:{prefect_port}/api") as client:
            while len(client.read_deployments()) < len(NAMES):  # registered right after the message
                assert process.poll() is None and time.monotonic() < deadline
                time.sleep(1)
            poststelle = client.read_deployment_by_name("poststelle/poststelle")
            client.create_flow_run_from_deployment(poststelle.id)
        assert (tmp_path / "data" / "erstes-admin-passwort.txt").stat().st_mode & 0o077 == 0
        children.wait_for_line(
            log, "Retry 1/2", process, deadline, every=0.2
        )  # the run waits to retry
    finally:
        process.send_signal(signal.SIGINT)  # Ctrl-C
        try:
            code = process.wait(timeout=90)
        except subprocess.TimeoutExpired:
            # Leave nothing behind for the next tests: lotse serve and its Prefect server.
            children.stop([psutil.Process(process.pid)])
            process.wait(timeout=10)
            pytest.fail("lotse serve did not stop on Ctrl-C:\n" + log.read_text(errors="replace"))
    assert code == 0, log.read_text(errors="replace")
    assert "Lotse ist beendet" in log.read_text(errors="replace")
    assert port_is_free("127.0.0.1", web_port) and port_is_free("127.0.0.1", prefect_port)
