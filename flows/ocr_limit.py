"""One machine-wide limit on Tesseracts, shared by every flow run on this host.

Within one process the mailroom keeps OCR to one Tesseract per core. Two
overlapping runs (a scheduled one and one started by hand, or two ``lotse
serve`` processes) are separate processes; a Prefect global concurrency limit
named after the host bounds them together. IT can change the limit in the
Prefect UI (Concurrency page); Lotse only creates it when it is missing.

A host slot is not taken and given back for every page: that cost 190 ms per
page with Prefect's ``concurrency()`` (a lease, a renewal thread and two
events each time) and made the flow 68 % slower than the plain pipeline (see
docs/benchmarks.md, "Prefect flows"). Each of the process's OCR slots instead
keeps its host slot, a Prefect lease, while pages keep coming, and gives it
back after ``linger`` seconds without work. A process that dies holds nothing
for long: the lease runs out after ``lease_seconds`` unless renewed.
"""

from __future__ import annotations

import atexit
import contextvars
import logging
import os
import queue
import socket
import threading
import time
import weakref
from collections.abc import Callable
from contextlib import AbstractContextManager, suppress
from dataclasses import dataclass
from types import TracebackType
from uuid import UUID

import httpx
from prefect.client.orchestration import SyncPrefectClient, get_client
from prefect.client.schemas.actions import GlobalConcurrencyLimitCreate
from prefect.exceptions import ObjectAlreadyExists, ObjectNotFound

log = logging.getLogger(__name__)

LOCKED = 423  # Prefect's answer while every slot of the limit is taken
NOT_FOUND, GONE = 404, 410  # a lease the server no longer knows
LONGEST_WAIT = 2.0  # poll at least this often for a free slot: a freed slot should not idle
WARN_EVERY = 60.0  # seconds of waiting for a slot between two warnings


def _client() -> SyncPrefectClient:
    # Short timeouts: the keeper renews one lease after the other, and one call stuck for
    # Prefect's default minute would let the others run out.
    return get_client(sync_client=True, httpx_settings={"timeout": 10.0})


def limit_name(host: str | None = None) -> str:
    return f"lotse-ocr-{host or socket.gethostname()}"


def ensure_limit(name: str, slots: int) -> None:
    """Create the limit with ``slots`` if it does not exist; keep it as IT set it otherwise."""
    with get_client(sync_client=True) as client:
        try:
            client.read_global_concurrency_limit_by_name(name)
            return
        except ObjectNotFound:
            pass
        with suppress(ObjectAlreadyExists):  # another run created it a moment ago
            client.create_global_concurrency_limit(
                GlobalConcurrencyLimitCreate(name=name, limit=slots)
            )


@dataclass(eq=False)
class _Slot:
    """One of the process's OCR slots and the host slot (lease) it holds, if any."""

    lease: UUID | None = None
    renewed: float = 0.0  # monotonic time of the lease's last grant or renewal
    busy: bool = False
    idle_since: float = 0.0


class OcrSlots(AbstractContextManager[None]):
    """``slots`` OCR slots for this process, each backed by a slot of the host's limit.

    Use as ``with ocr_slots:`` around one Tesseract call. Blocks while this
    process already runs ``slots`` Tesseracts, then while the host's limit is
    full. A limit that does not exist (deleted in the Prefect UI) limits nothing.

    The slot taken is remembered per thread in a plain dict, not in a
    ``threading.local``: the sandbox forks while other threads hold slots, and
    a forked child frees the other threads' ``threading.local`` values.
    """

    def __init__(
        self, slots: int, name: str, *, linger: float = 2.0, lease_seconds: float = 60.0
    ) -> None:
        if slots < 1:
            raise ValueError("OcrSlots needs at least one slot")
        self.name = name
        self.linger = linger
        self.lease_seconds = max(lease_seconds, 60.0)  # Prefect's shortest lease
        # Last in, first out: the slot used last most likely still holds its lease.
        self._free: queue.LifoQueue[_Slot] = queue.LifoQueue()
        self._all = [_Slot() for _ in range(slots)]
        for slot in self._all:
            self._free.put(slot)
        self._held: dict[int, list[_Slot]] = {}  # per thread; nested use takes two slots
        self._lock = threading.Lock()
        self._keeper: threading.Thread | None = None
        self._pid = os.getpid()
        self._no_limit_until = 0.0
        _alive.add(self)

    # -- taking and giving back ----------------------------------------------------------

    def __enter__(self) -> None:
        slot = self._free.get()
        with self._lock:
            slot.busy = True
            needs_lease = slot.lease is None and time.monotonic() >= self._no_limit_until
        if needs_lease:
            lease = None
            try:
                lease = self._acquire()
                with self._lock:
                    slot.lease, slot.renewed = lease, time.monotonic()
                if lease is not None:
                    self._start_keeper()
            except BaseException:
                with self._lock:
                    slot.lease = None
                self._release(lease)
                self._give_back(slot)
                raise
        self._held.setdefault(threading.get_ident(), []).append(slot)

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        held = self._held[threading.get_ident()]
        slot = held.pop()
        if not held:
            del self._held[threading.get_ident()]
        self._give_back(slot)

    def _give_back(self, slot: _Slot) -> None:
        with self._lock:
            slot.busy = False
            slot.idle_since = time.monotonic()
        self._free.put(slot)

    def release_all(self) -> None:
        """Give every idle host slot back now (at the end of a run, at exit)."""
        for lease in self._take_leases(lambda slot, now: True):
            self._release(lease)

    def leases_held(self) -> int:
        with self._lock:
            return sum(slot.lease is not None for slot in self._all)

    # -- the keeper: renews leases in use, gives back those idle for ``linger`` s -----------

    def _start_keeper(self) -> None:
        with self._lock:
            # The keeper clears this under the lock before it ends, so a lease granted
            # while it ends always gets a new keeper.
            if self._keeper is not None:
                return
            # With the context of the run that needs it: Prefect's settings (the API URL
            # of the server this run talks to) live in context variables, which a new
            # thread would not have.
            self._keeper = threading.Thread(
                target=contextvars.copy_context().run,
                args=(self._keep,),
                name=f"ocr-slots-{self.name}",
                daemon=True,
            )
            self._keeper.start()

    def _keep(self) -> None:
        while True:
            time.sleep(max(min(self.linger, self.lease_seconds / 4) / 2, 0.05))
            for lease in self._take_leases(lambda slot, now: now - slot.idle_since >= self.linger):
                self._release(lease)
            with self._lock:
                due = [
                    slot
                    for slot in self._all
                    if slot.lease is not None
                    and time.monotonic() - slot.renewed >= self.lease_seconds / 3
                ]
                if not any(slot.lease is not None for slot in self._all):
                    self._keeper = None
                    return
            for slot in due:
                self._renew(slot)

    def _take_leases(self, idle_enough: Callable[[_Slot, float], bool]) -> list[UUID]:
        """Detach the leases of idle slots that ``idle_enough(slot, now)`` picks."""
        now = time.monotonic()
        taken = []
        with self._lock:
            for slot in self._all:
                if slot.lease is not None and not slot.busy and idle_enough(slot, now):
                    taken.append(slot.lease)
                    slot.lease = None
        return taken

    # -- Prefect -------------------------------------------------------------------------

    def _acquire(self) -> UUID | None:
        """A lease on one slot of the host's limit; ``None`` if the limit does not exist."""
        waiting_since = time.monotonic()
        warned = 0.0
        with _client() as client:
            while True:
                try:
                    answer = client.increment_concurrency_slots_with_lease(
                        names=[self.name],
                        slots=1,
                        mode="concurrency",
                        lease_duration=self.lease_seconds,
                    )
                except httpx.HTTPStatusError as error:
                    if error.response.status_code != LOCKED:
                        raise
                    waited = time.monotonic() - waiting_since
                    if waited - warned >= WARN_EVERY:
                        # A run that only waits looks like a hang: say what it waits for.
                        warned = waited
                        log.warning(
                            "Wartet seit %d s auf einen OCR-Platz des Limits %s (Prefect, Seite "
                            "Concurrency): alle Plätze belegt.",
                            waited,
                            self.name,
                        )
                    wait = float(error.response.headers.get("Retry-After", LONGEST_WAIT))
                    time.sleep(min(max(wait, 0.05), LONGEST_WAIT))
                    continue
                granted = answer.json()
                if not granted.get("limits"):
                    # Deleted in the Prefect UI: no limit, and no request per page to learn it.
                    self._no_limit_until = time.monotonic() + 30
                    if granted.get("lease_id"):
                        client.release_concurrency_slots_with_lease(
                            lease_id=UUID(granted["lease_id"])
                        )
                    return None
                return UUID(granted["lease_id"])

    def _renew(self, slot: _Slot) -> None:
        with self._lock:
            lease = slot.lease
        if lease is None:
            return
        try:
            with _client() as client:
                client.renew_concurrency_lease(lease_id=lease, lease_duration=self.lease_seconds)
        except httpx.HTTPStatusError as error:
            if error.response.status_code in (GONE, NOT_FOUND):
                # Run out (the keeper was late) or lost (the server restarted): without a
                # new lease this process would read beyond the host's limit.
                log.warning("OCR-Platz %s war abgelaufen; wird neu belegt.", self.name)
                with self._lock:
                    if slot.lease == lease:
                        slot.lease = None
                return
            log.warning("OCR-Platz %s nicht verlängert: %s", self.name, error)
            return
        except Exception as error:  # tried again at the next round of the keeper
            log.warning("OCR-Platz %s nicht verlängert: %s", self.name, error)
            return
        with self._lock:
            if slot.lease == lease:
                slot.renewed = time.monotonic()

    def _release(self, lease: UUID | None) -> None:
        if lease is None:
            return
        try:
            with _client() as client:
                client.release_concurrency_slots_with_lease(lease_id=lease)
        except Exception as error:  # the lease runs out by itself
            log.warning("OCR-Platz %s nicht freigegeben: %s", self.name, error)


_alive: weakref.WeakSet[OcrSlots] = weakref.WeakSet()


@atexit.register
def release_all_slots() -> None:
    """Give back every slot this process holds: at exit, or earlier while the API is there."""
    for slots in list(_alive):
        if slots._pid == os.getpid():  # never from a forked child: the leases are the parent's
            slots.release_all()
