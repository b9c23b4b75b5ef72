"""The processes a test run starts, found again and stopped at its end.

Servers the tests start (Prefect, ``lotse serve``, Dask, Dovecot, the e-file
stand-in's command) must end with the fixture or test that started them. One
left running keeps pytest's output pipe open after pytest exits, and CI or the
caller waits for ever. So every process started from a test run carries two
variables (set in tests/conftest.py before anything starts):

- ``LOTSE_TEST_RUN``: one value for the whole run, pytest-xdist's workers included;
- ``LOTSE_TEST_PID``: the pid of the pytest process (controller or worker) that
  started it, directly or through its children.

The variables outlive the parent: a process whose parent was killed (and which
the kernel handed to init) is still recognised. Processes started with an empty
environment (the systemd stand-in of tests/deploy runs ``env -i``) are found as
descendants of this process instead.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import time
import uuid
from pathlib import Path

import psutil

RUN = "LOTSE_TEST_RUN"
PID = "LOTSE_TEST_PID"


def mark_this_process(*, worker: bool) -> None:
    """Children started from now on carry this run and this process (see module doc).

    An xdist ``worker`` keeps the run of its controller; any other pytest (one started
    by a test, say) is a run of its own.
    """
    if not (worker and RUN in os.environ):
        os.environ[RUN] = uuid.uuid4().hex
    os.environ[PID] = str(os.getpid())


def _environ(process: psutil.Process) -> dict[str, str]:
    try:
        return process.environ()
    except (psutil.Error, OSError):  # gone meanwhile, or not ours to read
        return {}


def _alive(process: psutil.Process) -> bool:
    try:
        return process.is_running() and process.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def leftovers(*, whole_run: bool = False) -> list[psutil.Process]:
    """Live processes started from this pytest process (``whole_run``: from any of the run's).

    Never this process itself, nor what started it (a pytest run started by a test).
    """
    me = psutil.Process()
    own = {me.pid} | {parent.pid for parent in me.parents()}
    key, value = (RUN, os.environ[RUN]) if whole_run else (PID, str(me.pid))
    found: dict[int, psutil.Process] = {p.pid: p for p in me.children(recursive=True)}
    for process in psutil.process_iter():
        new = process.pid not in own and process.pid not in found
        if new and _environ(process).get(key) == value:
            found[process.pid] = process
    return [p for pid, p in sorted(found.items()) if pid not in own and _alive(p)]


def describe(process: psutil.Process) -> str:
    try:
        return f"{process.pid}: {' '.join(process.cmdline())[:200]}"
    except psutil.Error:
        return f"{process.pid}: (beendet)"


def stop(processes: list[psutil.Process], seconds: float = 10) -> None:
    """SIGTERM to each (and what they started), SIGKILL to what is still there after ``seconds``."""
    family: dict[int, psutil.Process] = {}
    for process in processes:
        family[process.pid] = process
        with contextlib.suppress(psutil.Error):
            family.update({child.pid: child for child in process.children(recursive=True)})
    everyone = list(family.values())
    for process in everyone:
        with contextlib.suppress(psutil.Error):
            process.terminate()
    _, alive = psutil.wait_procs(everyone, timeout=seconds)
    for process in alive:
        with contextlib.suppress(psutil.Error):
            process.kill()
    psutil.wait_procs(alive, timeout=5)


def settle(*, whole_run: bool = False, seconds: float = 10) -> list[psutil.Process]:
    """The leftovers still there after up to ``seconds`` (a server may be stopping)."""
    deadline = time.monotonic() + seconds
    while True:
        found = leftovers(whole_run=whole_run)
        if not found or time.monotonic() > deadline:
            return found
        time.sleep(0.2)


def new_children(before: set[int]) -> list[psutil.Process]:
    """This process's children that were not there ``before`` (pids)."""
    return [p for p in psutil.Process().children() if p.pid not in before]


def child_pids() -> set[int]:
    return {p.pid for p in psutil.Process().children()}


def wait_for_line(
    log: Path, text: str, process: subprocess.Popen[bytes], deadline: float, every: float = 0.5
) -> None:
    """Until ``text`` appears in the command's ``log``; fails with the log if it ends or the
    ``time.monotonic()`` deadline passes first."""
    while text not in log.read_text(errors="replace"):
        assert process.poll() is None, log.read_text(errors="replace")
        assert time.monotonic() < deadline, log.read_text(errors="replace")
        time.sleep(every)
