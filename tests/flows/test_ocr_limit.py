"""The host-wide OCR limit: Prefect global concurrency slots kept by a process while it reads."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from uuid import uuid4

import pytest

from robots.sandbox import run_sandboxed

pytestmark = pytest.mark.timeout(180)


def _answer() -> int:
    return 42


def _active(name: str) -> int:
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        return client.read_global_concurrency_limit_by_name(name).active_slots


def _fresh_limit(slots: int) -> str:
    from flows.ocr_limit import ensure_limit, limit_name

    name = limit_name(f"test-{uuid4().hex[:8]}")
    ensure_limit(name, slots)
    return name


def _eventually(condition: Callable[[], bool], seconds: float = 15) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def test_pages_back_to_back_keep_the_host_slot_and_it_is_given_back_when_idle(
    prefect_server: None,
) -> None:
    from flows.ocr_limit import OcrSlots

    name = _fresh_limit(2)
    slots = OcrSlots(2, name, linger=0.5)
    with slots:
        assert _active(name) == 1
    for _ in range(5):  # the next pages, within the linger time
        with slots:
            pass
    assert slots.leases_held() == 1
    assert _active(name) == 1  # one lease the whole time, not one per page
    assert _eventually(lambda: _active(name) == 0)
    assert slots.leases_held() == 0
    with slots:  # and taken again when OCR resumes
        assert _active(name) == 1
    slots.release_all()
    assert _active(name) == 0


def test_two_processes_share_the_host_limit(prefect_server: None) -> None:
    from flows.ocr_limit import OcrSlots

    name = _fresh_limit(1)
    # Two OcrSlots stand for two processes (two serve processes, two runs at once).
    first, second = OcrSlots(1, name, linger=0.3), OcrSlots(1, name, linger=0.3)
    most = 0
    in_second = threading.Event()

    def read_in_second() -> None:
        nonlocal most
        with second:
            most = max(most, _active(name))
            in_second.set()

    with first:
        waiting = threading.Thread(target=read_in_second)
        waiting.start()
        time.sleep(1.5)
        assert not in_second.is_set()  # the host's one slot is the first process's
    assert in_second.wait(30)  # given back after the linger time, then the other reads
    waiting.join(30)
    assert most == 1
    second.release_all()
    assert _eventually(lambda: _active(name) == 0)


def test_a_deleted_limit_limits_nothing(prefect_server: None) -> None:
    from prefect.client.orchestration import get_client

    from flows.ocr_limit import OcrSlots

    name = _fresh_limit(1)
    with get_client(sync_client=True) as client:
        client.delete_global_concurrency_limit_by_name(name)
    slots = OcrSlots(2, name)
    with slots, slots:  # two slots of the process's own, no host limit to wait for
        assert slots.leases_held() == 0


def test_sandbox_forks_while_another_thread_holds_an_ocr_slot(prefect_server: None) -> None:
    # Regression: the held slots were kept in a threading.local. A forked child
    # frees the other threads' threading.local values; with Prefect's
    # concurrency() that released the parent's slot in the child, or (in flow
    # runs) waited forever for Prefect's event loop, and the letter went to
    # quarantine after the sandbox deadline.
    from flows.ocr_limit import OcrSlots

    name = _fresh_limit(2)
    slots = OcrSlots(2, name, linger=0.3)
    holding, done = threading.Event(), threading.Event()

    def hold() -> None:
        with slots:
            holding.set()
            done.wait(120)

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert holding.wait(60)
        assert _active(name) == 1
        assert run_sandboxed(_answer, seconds=60, memory_mb=1536) == 42
        assert _active(name) == 1  # the child left the holder's slot alone
    finally:
        done.set()
        holder.join(60)
    assert _eventually(lambda: _active(name) == 0)


@pytest.mark.timeout(240)
def test_a_lease_the_server_lost_is_taken_anew_while_pages_keep_coming(
    prefect_server: None,
) -> None:
    # A lease runs out when the keeper is late (process suspended, a call stuck) or is
    # lost when the Prefect server restarts. Renewing it then fails; the slot must take
    # a new lease, or this process reads beyond the host's limit as long as pages come.
    from prefect.client.orchestration import get_client

    from flows.ocr_limit import OcrSlots

    name = _fresh_limit(1)
    slots = OcrSlots(1, name, linger=5)
    with slots:
        (lease,) = [slot.lease for slot in slots._all if slot.lease is not None]
    with get_client(sync_client=True) as client:
        client.release_concurrency_slots_with_lease(lease_id=lease)
    assert _active(name) == 0

    def page() -> bool:
        with slots:
            time.sleep(0.2)
        return _active(name) == 1

    # The keeper renews a third into the lease's minute, finds it gone, and the next
    # page takes a new one.
    assert _eventually(page, seconds=90)
    slots.release_all()
    assert _active(name) == 0
