"""``lotse serve --workers N``: the web in processes of its own, stopped with the command."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import psutil
import pytest

LOTSE = str(Path(sys.executable).with_name("lotse"))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.slow
def test_the_web_runs_in_worker_processes_and_stops_with_the_command(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    port = _free_port()
    env = dict(os.environ, LOTSE_DATA_DIR=str(data))
    env.pop("LOTSE_DATABASE_URL", None)
    command = subprocess.Popen(
        [LOTSE, "serve", "--no-prefect", "--workers", "2", "--port", str(port)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 90
        while True:
            assert command.poll() is None, command.stdout.read().decode() if command.stdout else ""
            try:
                if httpx.get(f"http://127.0.0.1:{port}/login", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "the workbench did not answer"
            time.sleep(0.3)
        lotse = psutil.Process(command.pid)
        listening = {
            c.laddr.port for c in lotse.net_connections(kind="tcp") if c.status == "LISTEN"
        }
        assert port not in listening  # not in the command's own process …
        family = lotse.children(recursive=True)
        workers = [p for p in family if "spawn_main" in " ".join(p.cmdline())]
        assert len(workers) == 2, [p.cmdline() for p in family]  # … but in two of their own
        for _ in range(4):  # and they answer
            assert httpx.get(f"http://127.0.0.1:{port}/login", timeout=5).status_code == 200
    finally:
        command.send_signal(signal.SIGTERM)
        code = command.wait(timeout=60)
    assert code == 0
    assert not [p for p in family if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
