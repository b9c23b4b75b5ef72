"""``/healthz`` for monitoring, and the access log."""

from __future__ import annotations

import dataclasses
import logging
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from fastapi.testclient import TestClient

from lotse.app import App
from lotse.db import Database
from lotse.web.app import create_app
from tests.web.conftest import Workbench

NOBODY_LISTENS = "http://127.0.0.1:9/api"  # the discard port: connection refused


class _PrefectHealth(BaseHTTPRequestHandler):
    """Answers ``/api/health`` as Prefect does, if the basic-auth string matches."""

    expected = "Basic bG90c2UtaXQ6Z2VoZWlt"  # lotse-it:geheim

    def do_GET(self) -> None:
        ok = self.path == "/api/health" and self.headers.get("Authorization") == self.expected
        self.send_response(200 if ok else 401)
        self.end_headers()
        self.wfile.write(b"true" if ok else b"")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def prefect_api() -> Iterator[str]:
    """A stand-in for the Prefect API's health route (the real server: test_fresh_server)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _PrefectHealth)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/api"
    server.shutdown()


def test_healthy_without_signing_in(workbench: Workbench, prefect_api: str) -> None:
    app = create_app(workbench.lotse, prefect_api_url=prefect_api, prefect_auth="lotse-it:geheim")
    answer = TestClient(app).get("/healthz")
    assert answer.status_code == 200
    assert answer.json() == {"status": "ok", "datenbank": "ok", "prefect": "ok"}
    assert answer.headers["cache-control"].startswith("no-store")
    assert "set-cookie" not in answer.headers


def test_without_a_prefect_api_configured_the_web_alone_is_healthy(workbench: Workbench) -> None:
    answer = workbench.client().get("/healthz")
    assert answer.status_code == 200
    assert answer.json()["prefect"] == "nicht eingerichtet"


def test_a_missing_part_is_named_with_503(workbench: Workbench, prefect_api: str) -> None:
    unreachable = create_app(workbench.lotse, prefect_api_url=NOBODY_LISTENS)
    answer = TestClient(unreachable).get("/healthz")
    assert answer.status_code == 503
    assert answer.json() == {"status": "gestört", "datenbank": "ok", "prefect": "nicht erreichbar"}
    wrong_auth = create_app(workbench.lotse, prefect_api_url=prefect_api, prefect_auth="x:y")
    assert TestClient(wrong_auth).get("/healthz").json()["prefect"] == "nicht erreichbar"


def test_a_database_that_does_not_answer(workbench: Workbench) -> None:
    gone = Database("postgresql+psycopg://lotse:x@127.0.0.1:9/lotse", migrate_schema=False)
    lotse = App(workbench.lotse.settings, gone)
    answer = TestClient(create_app(lotse)).get("/healthz")
    assert answer.status_code == 503
    assert answer.json()["datenbank"] == "nicht erreichbar"


def test_one_access_line_per_request_without_query_or_static(
    workbench: Workbench, caplog: pytest.LogCaptureFixture
) -> None:
    client = workbench.client("it")
    with caplog.at_level(logging.INFO, logger="lotse.zugriff"):
        client.get("/katalog?suche=Mustermann", headers={"X-Forwarded-For": "203.0.113.9"})
        client.get("/static/lotse.css")
        client.get("/gibt-es-nicht")
    lines = [r.getMessage() for r in caplog.records if r.name == "lotse.zugriff"]
    assert len(lines) == 2, lines
    catalogue, missing = lines
    # No trusted proxies configured: the header is not believed.
    assert catalogue.startswith('testclient "GET /katalog" 200 ') and catalogue.endswith(" ms")
    assert "Mustermann" not in catalogue and "203.0.113.9" not in catalogue
    assert missing.startswith('testclient "GET /gibt-es-nicht" 404 ')


def test_behind_a_trusted_proxy_the_client_is_logged(
    workbench: Workbench, caplog: pytest.LogCaptureFixture
) -> None:
    lotse = dataclasses.replace(
        workbench.lotse,
        settings=workbench.lotse.settings.model_copy(update={"trusted_proxies": "127.0.0.1"}),
    )
    client = TestClient(create_app(lotse), client=("127.0.0.1", 50000))
    with caplog.at_level(logging.INFO, logger="lotse.zugriff"):
        client.get("/login", headers={"X-Forwarded-For": "198.51.100.7"})
    (line,) = [r.getMessage() for r in caplog.records if r.name == "lotse.zugriff"]
    assert line.startswith('198.51.100.7 "GET /login" 200 ')


def test_the_robots_wait_for_the_prefect_api_with_a_message() -> None:
    """Started before its Prefect server (boot order, another machine): wait, don't crash."""
    from lotse.serving import wait_for_api

    server = ThreadingHTTPServer(("127.0.0.1", 0), _PrefectHealth)
    port = server.server_address[1]
    server.server_close()  # nobody listens at first
    said: list[str] = []
    later: list[ThreadingHTTPServer] = []

    def say(line: str) -> None:
        said.append(line)
        if "antwortet seit" in line and not later:  # the server comes up after the reminder
            late = ThreadingHTTPServer(("127.0.0.1", port), _PrefectHealth)
            later.append(late)
            threading.Thread(target=late.serve_forever, daemon=True).start()

    try:
        waited = wait_for_api(
            f"http://127.0.0.1:{port}/api", "lotse-it:geheim", say,
            poll_seconds=0.1, report_seconds=0.4,
        )  # fmt: skip
    finally:
        for late in later:
            late.shutdown()
    assert waited >= 0.4
    assert said[0] == f"Warte auf die Prefect-API unter http://127.0.0.1:{port}/api …"
    assert "systemctl status prefect-server" in said[1] and "antwortet seit" in said[1]
    assert said[-1].startswith("Prefect-API bereit (nach ")
