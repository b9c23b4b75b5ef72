"""The sandbox that parses untrusted files: limits hold, and it works inside daemons."""

from __future__ import annotations

import multiprocessing
import os
import time

import pytest

from robots.errors import DocumentRejected
from robots.sandbox import run_sandboxed


def _double(value: int) -> tuple[int, int]:
    return value * 2, os.getpid()


def _hang() -> None:
    time.sleep(60)


def _hog() -> bytes:
    return b"x" * (2 * 1024 * 1024 * 1024)


def _crash() -> None:
    os._exit(7)


def _refuse() -> None:
    raise DocumentRejected("corrupt", "kaputt")


def test_result_comes_from_another_process() -> None:
    value, pid = run_sandboxed(_double, 21, seconds=10, memory_mb=512)
    assert value == 42 and pid != os.getpid()


@pytest.mark.parametrize(
    ("func", "reason"),
    [(_hang, "timeout"), (_hog, "too-large"), (_crash, "crashed"), (_refuse, "corrupt")],
)
def test_failures_become_reasons(func: object, reason: str) -> None:
    with pytest.raises(DocumentRejected) as caught:
        run_sandboxed(func, seconds=1, memory_mb=512)  # type: ignore[arg-type]
    assert caught.value.reason == reason


def _in_daemon(answer: multiprocessing.queues.Queue[object]) -> None:
    try:
        answer.put(run_sandboxed(_double, 2, seconds=10, memory_mb=512)[0])
    except BaseException as exc:  # report, do not hang the test
        answer.put(repr(exc))


def test_works_inside_a_daemonic_process() -> None:
    """Dask's worker processes are daemonic; multiprocessing refuses children there."""
    context = multiprocessing.get_context("fork")
    answer = context.Queue()
    daemon = context.Process(target=_in_daemon, args=(answer,), daemon=True)
    daemon.start()
    try:
        assert answer.get(timeout=30) == 4
    finally:
        daemon.join(10)
