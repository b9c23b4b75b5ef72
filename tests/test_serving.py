"""How ``lotse serve`` stops: Ctrl-C takes the graceful SIGTERM path of Prefect's runner."""

from __future__ import annotations

import signal
from collections.abc import Iterator

import pytest

from lotse.serving import _ctrl_c_as_sigterm


@pytest.fixture
def sigterm_handler() -> Iterator[None]:
    previous = signal.getsignal(signal.SIGTERM)
    yield
    signal.signal(signal.SIGTERM, previous)


def test_ctrl_c_calls_the_runners_sigterm_handler(sigterm_handler: None) -> None:
    received: list[int] = []
    signal.signal(signal.SIGTERM, lambda signum, frame: received.append(signum))
    _ctrl_c_as_sigterm(signal.SIGINT, None)
    assert received == [signal.SIGTERM]


def test_ctrl_c_before_the_runner_started_interrupts(sigterm_handler: None) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    with pytest.raises(KeyboardInterrupt):
        _ctrl_c_as_sigterm(signal.SIGINT, None)
