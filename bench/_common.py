"""What every benchmark needs: the machine line, a free port, CPU seconds, a clean import path.

Each bench prints :func:`machine_line` first, so that a figure copied into
``docs/benchmarks.md`` carries its date and machine. CPU is counted with psutil
the same way everywhere: a process with all its descendants, or the whole
machine (to see other work disturbing a run).
"""

from __future__ import annotations

import os
import platform
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import psutil

CORES = psutil.cpu_count(logical=True) or 1
BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent


def keep_bench_off_path() -> None:
    """Scripts named like the packages they measure (flows.py, eakte.py) must not shadow them."""
    sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != BENCH]


# Every bench imports this module first; from then on ``import flows`` is the package.
keep_bench_off_path()


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def chromium_version() -> str:
    try:
        found = subprocess.run(
            ["chromium", "--version"], capture_output=True, text=True, check=False
        ).stdout.strip()
    except OSError:
        found = ""
    return found or "Chromium ?"


def machine_line(*extra: str) -> str:
    """``2026-12-02 20:40 · host · 2 cores (model) · 24 GiB · Python 3.11.2 · load 0.42``."""
    memory = psutil.virtual_memory().total / 2**30
    parts = [
        f"{datetime.now():%Y-%m-%d %H:%M}",
        platform.node(),
        f"{CORES} cores ({_cpu_model()})",
        f"{memory:.0f} GiB",
        f"Python {platform.python_version()}",
        *extra,
        f"load {os.getloadavg()[0]:.2f}",
    ]
    return " · ".join(parts)


def print_machine(*extra: str) -> None:
    print(f"machine: {machine_line(*extra)}")
    load = os.getloadavg()[0]
    if load > 0.5:
        print(f"note: load average {load:.1f} before the run; other work slows every phase")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _seconds(times: Any) -> float:
    return float(times.user + times.system)


def tree_cpu(pid: int) -> float:
    """CPU seconds of a process and every live descendant (a server and its workers).

    Children that already ended count through their parent's ``children_*`` times
    once it has waited for them.
    """
    try:
        root = psutil.Process(pid)
        processes = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0.0
    total = 0.0
    for process in processes:
        try:
            times = process.cpu_times()
        except psutil.Error:  # ended meanwhile
            continue
        total += _seconds(times) + times.children_user + times.children_system
    return total


def own_cpu() -> tuple[float, float]:
    """This process's CPU seconds, and those of its children it has waited for."""
    times = psutil.Process().cpu_times()
    return _seconds(times), float(times.children_user + times.children_system)


def busy_cpu() -> float:
    """CPU seconds the whole machine has been busy, all cores together."""
    times = psutil.cpu_times()
    idle = times.idle + getattr(times, "iowait", 0.0)
    return float(
        sum(times) - idle - getattr(times, "guest", 0.0) - getattr(times, "guest_nice", 0.0)
    )


def best_of(repeat: int, func: Callable[[], object]) -> float:
    """The shortest of ``repeat`` runs of ``func``, in seconds (the least disturbed one)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best
