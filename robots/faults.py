"""Crash and pause points for the crash-safety and lease tests.

The tests kill real runs with SIGKILL at each named point to prove that a
rerun delivers every letter exactly once (``LOTSE_CRASH_AT=point``), and make a
letter slower than its lease at a point (``LOTSE_PAUSE_AT=point:seconds``) to
prove that a second machine does not take it meanwhile. In production the
variables are unset and ``crash_point`` does nothing but read them.
"""

from __future__ import annotations

import os
import signal
import time

_VARIABLE = "LOTSE_CRASH_AT"
_PAUSE = "LOTSE_PAUSE_AT"


def crash_point(name: str) -> None:
    """Die like a power cut (SIGKILL, no cleanup), or stall, if the tests asked for it here."""
    wanted = os.environ.get(_VARIABLE)
    if wanted and wanted == name:
        os.kill(os.getpid(), signal.SIGKILL)
    pause = os.environ.get(_PAUSE)
    if pause:
        point, _, seconds = pause.partition(":")
        if point == name:
            time.sleep(float(seconds))
