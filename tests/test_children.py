"""No process a test run starts outlives it (tests/children.py, the checks in tests/conftest.py).

Each case runs a small pytest of its own with this suite's conftest (``-p tests.conftest``)
and looks at what it leaves behind.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import psutil
import pytest

from tests.conftest import REPO


def _pytest(folder: Path, source: str) -> subprocess.Popen[str]:
    (folder / "test_inner.py").write_text(source)
    return subprocess.Popen(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "tests.conftest",
         "-o", "timeout=120", str(folder / "test_inner.py")],
        cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )  # fmt: skip


def _running(marker: str) -> list[psutil.Process]:
    """``sleep`` processes with this (unique) duration, anywhere on the machine."""
    found = []
    for process in psutil.process_iter(["cmdline", "status"]):
        info = process.info
        if info["cmdline"] == ["sleep", marker] and info["status"] != psutil.STATUS_ZOMBIE:
            found.append(process)
    return found


def _seconds() -> str:
    return f"{4000 + uuid.uuid4().int % 1000}.{uuid.uuid4().int % 1000}"  # one of its own


@pytest.mark.slow
def test_a_process_left_running_fails_the_run_and_is_stopped(tmp_path: Path) -> None:
    child, orphan = _seconds(), _seconds()
    inner = _pytest(tmp_path, f"""
import subprocess

def test_forgets_its_processes():
    subprocess.Popen(["sleep", "{child}"])
    # started through a shell that exits at once: the kernel hands it to init
    subprocess.run(["sh", "-c", "sleep {orphan} &"], check=True, start_new_session=True)
""")  # fmt: skip
    output, _ = inner.communicate(timeout=120)
    assert inner.returncode == 1, output
    assert "still running after every fixture was torn down" in output, output
    assert f"sleep {child}" in output and f"sleep {orphan}" in output, output
    assert "1 passed, 1 error" in output, output
    assert _running(child) == [] and _running(orphan) == []


def test_a_run_that_stops_what_it_started_passes(tmp_path: Path) -> None:
    inner = _pytest(tmp_path, """
import subprocess

def test_stops_its_process():
    process = subprocess.Popen(["sleep", "60"])
    process.terminate()
    process.wait()
""")  # fmt: skip
    output, _ = inner.communicate(timeout=120)
    assert inner.returncode == 0, output
    assert "1 passed" in output and "still running" not in output, output


def test_sigterm_ends_the_run_with_its_teardown(tmp_path: Path) -> None:
    """As CI cancels a job: the fixtures still stop their servers."""
    server = _seconds()
    started = tmp_path / "gestartet"
    inner = _pytest(tmp_path, f"""
import pathlib, subprocess, time
import pytest

@pytest.fixture
def server():
    process = subprocess.Popen(["sleep", "{server}"])
    yield
    process.terminate()
    process.wait()

def test_waits(server):
    pathlib.Path("{started}").touch()
    time.sleep(100)
""")  # fmt: skip
    deadline = time.monotonic() + 90
    while not started.exists():
        assert inner.poll() is None and time.monotonic() < deadline, inner.communicate()[0]
        time.sleep(0.1)
    assert len(_running(server)) == 1
    inner.send_signal(signal.SIGTERM)
    output, _ = inner.communicate(timeout=60)
    assert inner.returncode == 2, output  # interrupted, as pytest reports Ctrl-C
    assert _running(server) == [], output
