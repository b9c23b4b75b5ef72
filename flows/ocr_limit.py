"""One machine-wide limit on Tesseracts, shared by every flow run on this host.

Within one process the mailroom's own semaphore keeps OCR to one Tesseract per
core. Two overlapping runs (a scheduled one and one started by hand, or two
``lotse serve`` processes) are separate processes; a Prefect global concurrency
limit named after the host bounds them together. IT can change the limit in the
Prefect UI (Concurrency page); Lotse only creates it when it is missing.
"""

from __future__ import annotations

import socket
import threading
from contextlib import AbstractContextManager, ExitStack, suppress
from types import TracebackType

from prefect.client.orchestration import get_client
from prefect.client.schemas.actions import GlobalConcurrencyLimitCreate
from prefect.concurrency.sync import concurrency
from prefect.exceptions import ObjectAlreadyExists, ObjectNotFound


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


class OcrSlots(AbstractContextManager[None]):
    """The process's own OCR slot, then the host's Prefect slot, held for one page."""

    def __init__(self, local: AbstractContextManager[object], name: str) -> None:
        self.local = local
        self.name = name
        self._held = threading.local()

    def __enter__(self) -> None:
        stack = ExitStack()
        stack.enter_context(self.local)
        try:
            stack.enter_context(concurrency(self.name, occupy=1, strict=False))
        except BaseException:
            stack.close()
            raise
        self._held.stack = stack

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._held.stack.close()
