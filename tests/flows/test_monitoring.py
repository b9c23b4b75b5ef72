"""Monitoring through Prefect: runs of a dead machine become Crashed; retention runs as a deployment.

Found in the field: a run on a killed machine stayed ``Running`` for ever, so the
documented notification on Failed/Crashed never fired; nothing ran the purge.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import update

from lotse.app import App
from robots.letters import Letter, utcnow
from tests.robots.letters import TAX_OBJECTION, text_pdf

DYING_FLOW = """
import time
from prefect import flow

@flow(name="lotse-test-stirbt")
def dies_with_its_machine():
    time.sleep(600)

dies_with_its_machine()
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def own_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A Prefect server of its own, as ``lotse serve`` starts it (with its automation services)."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from lotse.serving import PrefectServer

    monkeypatch.setenv("PREFECT_HOME", str(tmp_path / "prefect-home"))
    with (
        PrefectServer(_free_port(), log_file=tmp_path / "prefect.log") as server,
        temporary_settings(updates={PREFECT_API_URL: server.api_url}),
    ):
        yield server.api_url


@pytest.mark.slow
@pytest.mark.prefect
@pytest.mark.timeout(600)
def test_a_run_whose_machine_died_becomes_crashed(own_server: str) -> None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowFilter, FlowFilterName

    from flows.monitoring import ZOMBIE_AUTOMATION, ensure_zombie_automation

    assert ensure_zombie_automation(30) is True
    assert ensure_zombie_automation(30) is False  # IT's changes are kept: never a second one
    with get_client(sync_client=True) as client:
        (automation,) = client.read_automations_by_name(ZOMBIE_AUTOMATION)
    assert automation.trigger.within == timedelta(seconds=90)  # type: ignore[union-attr]

    machine = subprocess.Popen(
        [sys.executable, "-c", DYING_FLOW], start_new_session=True,
        env={**os.environ, "PREFECT_API_URL": own_server, "PREFECT_FLOWS_HEARTBEAT_FREQUENCY": "30"},
    )  # fmt: skip
    only_ours = FlowFilter(name=FlowFilterName(any_=["lotse-test-stirbt"]))

    def state() -> str | None:
        with get_client(sync_client=True) as client:
            runs = client.read_flow_runs(flow_filter=only_ours)
        return runs[0].state.type.value if runs and runs[0].state else None

    try:
        deadline = time.monotonic() + 120
        while state() != "RUNNING":
            assert machine.poll() is None, "the served robot ended before the run started"
            assert time.monotonic() < deadline, f"the run did not start: {state()}"
            time.sleep(1)
        time.sleep(5)  # its first heartbeat is out
    finally:  # the machine dies (also when the run never started): no word to Prefect
        with contextlib.suppress(ProcessLookupError):  # already gone: the assert above says why
            os.killpg(machine.pid, signal.SIGKILL)
        machine.wait()
    assert state() == "RUNNING"
    deadline = time.monotonic() + 240
    while state() == "RUNNING":
        assert time.monotonic() < deadline, "the dead run stayed Running"
        time.sleep(5)
    assert state() == "CRASHED"


@pytest.mark.timeout(300)
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_retention_as_a_flow(prefect_server: None, lotse_app: App, tmp_path: Path) -> None:
    from flows.retention import retention_flow

    inbox = tmp_path / "eingang"
    inbox.mkdir()
    text_pdf(inbox / "Widerspruch.pdf", TAX_OBJECTION)
    room = lotse_app.mailroom(inbox=inbox)
    room.config = dataclasses.replace(room.config, stable_seconds=0)
    (outcome,) = room.run()
    with lotse_app.db.session() as session:  # archived long ago
        session.execute(update(Letter).values(retention_until=utcnow() - timedelta(days=1)))
        archived = Path(session.get_one(Letter, outcome.letter_id).archive_file or "")
    assert archived.is_file()

    assert retention_flow(nur_zaehlen=True) == 1
    assert archived.is_file()  # counting destroys nothing
    assert retention_flow() == 1
    assert not archived.exists()
    with lotse_app.db.read_session() as session:
        assert session.get_one(Letter, outcome.letter_id).status == "purged"
    assert retention_flow() == 0  # nothing left to do
