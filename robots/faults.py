"""Crash points for the crash-safety tests.

The tests kill real runs with SIGKILL at each named point to prove that a
rerun delivers every letter exactly once. In production the variable is
unset and ``crash_point`` does nothing but read it.
"""

from __future__ import annotations

import os
import signal

_VARIABLE = "LOTSE_CRASH_AT"


def crash_point(name: str) -> None:
    """Die like a power cut (SIGKILL, no cleanup) if the tests asked for it here."""
    wanted = os.environ.get(_VARIABLE)
    if wanted and wanted == name:
        os.kill(os.getpid(), signal.SIGKILL)
