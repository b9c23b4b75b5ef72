"""What Prefect costs: the mailroom as plain Python against the ``poststelle`` flow.

    .venv/bin/python bench/flows.py [--letters 93] [--repeat 2] [--tasks 200] [--explain]

1. Starts a real Prefect server (``prefect server start`` on 127.0.0.1, a free
   port, SQLite in a fresh ``PREFECT_HOME``) and points ``PREFECT_API_URL`` at
   it before Prefect is imported.
2. Warm-up, reported separately and not compared: server start, Prefect
   import, and two small runs of each variant (first Tesseract model load,
   first flow-run and task registration, the OCR concurrency limit).
3. The sample mail, each run on a fresh copy of the letters in a fresh data
   directory and SQLite database, alternating (a, b, b, a, ...):
   (a) ``Mailroom.run()``, the plain Python pipeline (``--without-prefect``);
   (b) ``mailroom_flow``, the ``poststelle`` flow against the server;
   (c) with ``--explain``: the flow without the host-wide OCR limit (only the
       process's own Tesseract semaphore), to see what that limit costs.
   All with the same ``LOTSE_MAIL_WORKERS``. Prints the medians, the ratio b/a
   (goal: Prefect adds under 10 % wall time), the overhead per task run =
   (b - a) / (letters + 1 intake task), and checks that every run did the same
   work (same letters archived, in review, in quarantine, per department).
4. The cost of one host-wide OCR slot (taken once per OCR page), and per-task
   costs without OCR noise: flows of N no-op tasks (mapped on a thread pool like
   ``poststelle``, and one after another) against an empty flow and N plain
   calls, with the server's CPU and its catch-up (recording the task runs
   after the flow has returned).

CPU seconds are counted per run for this process, its children (Tesseract,
sandboxed parsing), the Prefect server's process tree and, from /proc/stat,
every other process on the machine. OCR keeps all cores busy, so each CPU
second Prefect spends comes out of Tesseract's time; when other processes
used more than 5 % of the machine during a run, the wall-time verdict is
marked unreliable and the CPU ratio is the steadier estimate.
"""

from __future__ import annotations

import argparse
import csv
import logging
import os
import shutil
import statistics
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from _common import (
    CORES,
    busy_cpu,
    free_port,
    own_cpu,
    print_machine,
    tree_cpu,
)

from lotse.samples import SAMPLE_MAIL
from lotse.settings import Settings, get_settings, settings_override

LABELS = SAMPLE_MAIL.parent / "labels.csv"
GOAL = 1.10  # Prefect may add 10 % wall time
BUSY = 0.05  # other processes using more of the machine than this make wall times unreliable

Outcome = dict[str, tuple[str, str | None]]  # letter name -> (status, department)


@dataclass
class Run:
    variant: str  # "a" plain Python, "b" Prefect flow
    seconds: float
    cpu_self: float
    cpu_children: float
    cpu_server: float
    outcome: Outcome
    catch_up: float = 0.0  # (b) only: until the server has recorded every task run
    foreign: float = 0.0  # CPU seconds other processes on the machine used meanwhile

    @property
    def cpu(self) -> float:
        return self.cpu_self + self.cpu_children + self.cpu_server


# -- the letters and the settings of one run -----------------------------------------


def sample_letters(count: int | None) -> tuple[list[Path], list[Path]]:
    """The first ``count`` sample letters (labels order is mixed), and a small warm-up set."""
    rows = list(csv.DictReader(LABELS.open(encoding="utf-8")))
    letters = [SAMPLE_MAIL / row["file"] for row in rows][: count or None]
    warm = [SAMPLE_MAIL / r["file"] for r in rows if r["kind"] == "scan"][:2]
    warm += [SAMPLE_MAIL / r["file"] for r in rows if r["kind"] == "digital"][:2]
    return letters, warm


def fresh_run(base: Path, tag: str, files: list[Path]) -> tuple[Path, Settings]:
    """A fresh inbox holding copies of ``files``, a fresh data dir and SQLite database."""
    folder = base / tag
    inbox = folder / "inbox"
    inbox.mkdir(parents=True)
    for path in files:
        shutil.copy(path, inbox / path.name)
    data = folder / "data"
    settings = get_settings().changed(
        data_dir=data, database_url=f"sqlite:///{data / 'lotse.db'}", mail_inbox=inbox
    )
    return folder, settings


def outcome_of(folder: Path) -> Outcome:
    """What the run left behind: each letter's state and department, from its database."""
    from sqlalchemy import create_engine, select

    from robots.letters import Letter

    engine = create_engine(f"sqlite:///{folder / 'data' / 'lotse.db'}")
    try:
        with engine.connect() as connection:
            rows = connection.execute(select(Letter.name, Letter.status, Letter.department))
            outcome: Outcome = {name: (status, department) for name, status, department in rows}
    finally:
        engine.dispose()
    delivered = sum(1 for _ in (folder / "data" / "outbox").glob("*/*.pdf"))
    assert delivered == sum(1 for s, _ in outcome.values() if s == "archived"), folder
    assert not any((folder / "inbox").iterdir()), f"letters left in {folder / 'inbox'}"
    return outcome


def forget_apps() -> None:
    """Drop the flows' cached apps and mailrooms (keyed by settings) and their engines."""
    from flows import mailroom as flow_module
    from lotse.app import close_apps

    close_apps()
    flow_module._build.cache_clear()


# -- the two variants ----------------------------------------------------------------


def measured(variant: str, server_pid: int, body: Callable[[], float]) -> Run:
    self_before, kids_before = own_cpu()
    server_before = tree_cpu(server_pid)
    busy_before = busy_cpu()
    started = time.perf_counter()
    catch_up = body()
    seconds = time.perf_counter() - started - catch_up
    self_after, kids_after = own_cpu()
    run = Run(
        variant, seconds, self_after - self_before, kids_after - kids_before,
        tree_cpu(server_pid) - server_before, {}, catch_up,
    )  # fmt: skip
    run.foreign = max(0.0, busy_cpu() - busy_before - run.cpu)
    return run


def plain_run(base: Path, tag: str, files: list[Path], server_pid: int) -> Run:
    """(a) ``lotse mailroom run --without-prefect``, in process: open the app, run."""
    from lotse.app import open_app

    folder, settings = fresh_run(base, tag, files)

    def body() -> float:
        app = open_app(settings)
        app.mailroom().run()
        app.db.engine.dispose()
        return 0.0

    run = measured("a", server_pid, body)
    run.outcome = outcome_of(folder)
    return run


def flow_run(base: Path, tag: str, files: list[Path], server: Any, host_limit: bool = True) -> Run:
    """(b) the ``poststelle`` flow against the server; catch-up timed separately.

    ``host_limit=False`` is (c), a diagnosis: the flow with only the process's own
    Tesseract semaphore, without the host-wide Prefect concurrency limit per page.
    """
    import flows.mailroom as flow_module

    folder, settings = fresh_run(base, tag, files)
    forget_apps()
    wrapper = flow_module.OcrSlots
    if not host_limit:
        flow_module.OcrSlots = lambda slots, name: threading.BoundedSemaphore(slots)  # type: ignore[assignment,misc]

    def body() -> float:
        with settings_override(settings):
            state = flow_module.mailroom_flow(inbox=str(settings.inbox), return_state=True)
        state.result()
        finished = time.perf_counter()
        wait_for_task_runs(server.api_url, state.state_details.flow_run_id, len(files) + 1)
        return time.perf_counter() - finished

    try:
        run = measured("b" if host_limit else "c", server.process.pid, body)
    finally:
        flow_module.OcrSlots = wrapper  # type: ignore[misc]
        forget_apps()
    run.outcome = outcome_of(folder)
    return run


def wait_for_task_runs(api_url: str, flow_run_id: Any, expected: int, limit: float = 300) -> None:
    """Until the server has recorded ``expected`` completed task runs of the flow run."""
    import httpx

    body = {
        "flow_runs": {"id": {"any_": [str(flow_run_id)]}},
        "task_runs": {"state": {"type": {"any_": ["COMPLETED"]}}},
    }
    deadline = time.monotonic() + limit
    with httpx.Client(base_url=api_url, timeout=30) as client:
        while time.monotonic() < deadline:
            answer = client.post("/task_runs/count", json=body)
            if answer.status_code == 200 and answer.json() >= expected:
                return
            time.sleep(0.05)
    raise RuntimeError(f"the server recorded fewer than {expected} task runs in {limit} s")


# -- per task, without OCR -----------------------------------------------------------


def noop_tasks(n: int, workers: int, server: Any, repeat: int = 3) -> dict[str, float]:
    """Per-task costs of Prefect without OCR: medians over ``repeat`` rounds.

    Keys ``<kind> <measure>`` for kind in plain, pool, empty, mapped, serial and
    measure in wall (the call), body (inside the flow function), cpu (this
    process), server (server CPU including its catch-up), catch-up (after return
    until the server has recorded every task run).
    """
    from prefect import flow, task
    from prefect.task_runners import ThreadPoolTaskRunner

    @task(name="nichts")
    def nothing(i: int) -> int:
        return i

    @flow(name="bench-leer")
    def empty() -> float:
        return 0.0

    @flow(name="bench-nichts-parallel", task_runner=ThreadPoolTaskRunner(max_workers=workers))  # type: ignore[arg-type]
    def mapped(n: int) -> float:
        started = time.perf_counter()
        nothing.map(range(n)).result()
        return time.perf_counter() - started

    @flow(name="bench-nichts-seriell")
    def serial(n: int) -> float:
        started = time.perf_counter()
        for i in range(n):
            nothing(i)
        return time.perf_counter() - started

    def plain() -> None:
        for i in range(n):
            nothing.fn(i)

    def pool() -> None:
        with ThreadPoolExecutor(max_workers=workers) as executor:
            list(executor.map(nothing.fn, range(n)))

    samples: dict[str, list[float]] = {}

    def timed(kind: str, call: Callable[[], Any], tasks: int = 0) -> None:
        def note(measure: str, value: float) -> None:
            samples.setdefault(f"{kind} {measure}", []).append(value)

        server_before = tree_cpu(server.process.pid)
        cpu_before, _ = own_cpu()
        started = time.perf_counter()
        state = call()
        note("wall", time.perf_counter() - started)
        note("cpu", own_cpu()[0] - cpu_before)
        if state is not None:
            note("body", state.result())
            finished = time.perf_counter()
            if tasks:
                wait_for_task_runs(server.api_url, state.state_details.flow_run_id, tasks)
            note("catch-up", time.perf_counter() - finished)
            note("server", tree_cpu(server.process.pid) - server_before)

    mapped(2)  # registers the task and the flows
    serial(2)
    for _ in range(repeat):
        timed("plain", plain)
        timed("pool", pool)
        timed("empty", lambda: empty(return_state=True))
        timed("mapped", lambda: mapped(n, return_state=True), n)
        timed("serial", lambda: serial(n, return_state=True), n)
    return {key: statistics.median(values) for key, values in samples.items()}


def ocr_slot_cost(server: Any, n: int = 50) -> dict[str, tuple[float, float, float]]:
    """The host-wide OCR slot: per page while kept, and one lease taken and given back.

    Returns, per case, seconds each: wall, CPU in this process, CPU of the server.
    "page" is ``with slots:`` back to back, as OCR pages come during a run (the
    slot keeps its lease); "lease" is one acquire and release at Prefect, which
    a process pays when it starts OCR after ``linger`` seconds without.
    """
    from flows.ocr_limit import OcrSlots, ensure_limit, limit_name

    name = limit_name("bench")  # not the host's real limit
    ensure_limit(name, 2)
    slots = OcrSlots(1, name)

    def cost(step: Callable[[], None]) -> tuple[float, float, float]:
        step()
        self_before, _ = own_cpu()
        server_before = tree_cpu(server.process.pid)
        started = time.perf_counter()
        for _ in range(n):
            step()
        wall = time.perf_counter() - started
        self_after, _ = own_cpu()
        return (
            wall / n,
            (self_after - self_before) / n,
            (tree_cpu(server.process.pid) - server_before) / n,
        )

    def page() -> None:
        with slots:
            pass

    def lease() -> None:
        slots._release(slots._acquire())

    costs = {"page": cost(page), "lease": cost(lease)}
    slots.release_all()
    return costs


# -- report --------------------------------------------------------------------------


def describe(outcome: Outcome) -> str:
    states = Counter(status for status, _ in outcome.values())
    departments = Counter(dep for status, dep in outcome.values() if status == "archived")
    per_department = " ".join(f"{code}:{count}" for code, count in sorted(departments.items()))
    return (
        f"{states.get('archived', 0)} archived ({per_department}), "
        f"{states.get('review', 0)} review, {states.get('quarantined', 0)} quarantined"
        + "".join(
            f", {count} {status}"
            for status, count in sorted(states.items())
            if status not in ("archived", "review", "quarantined")
        )
    )


def differences(first: Outcome, other: Outcome) -> list[str]:
    return [
        f"{name}: {first.get(name)} vs {other.get(name)}"
        for name in sorted(set(first) | set(other))
        if first.get(name) != other.get(name)
    ]


def show(run: Run, label: str) -> None:
    extra = f", server catch-up {run.catch_up:.2f} s" if run.variant != "a" else ""
    print(
        f"  {label:<28} {run.seconds:6.1f} s   CPU s: here {run.cpu_self:4.1f}, "
        f"Tesseract+sandboxes {run.cpu_children:4.1f}, server {run.cpu_server:4.1f}, "
        f"other processes {run.foreign:4.1f}{extra}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--letters", type=int, default=None, help="first N sample letters")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each variant")
    parser.add_argument("--tasks", type=int, default=200, help="no-op tasks per flow")
    parser.add_argument("--workers", type=int, default=CORES, help="LOTSE_MAIL_WORKERS")
    parser.add_argument(
        "--explain", action="store_true", help="also (c): the flow without the host-wide OCR limit"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()

    letters, warm = sample_letters(args.letters)
    print_machine()
    print(f"letters: {len(letters)} sample letters; warm-up: {len(warm)} (2 scans, 2 born digital)")
    base = Path(tempfile.mkdtemp(prefix="lotse-bench-flows-"))
    # Prefect's own configuration: read from the environment when Prefect is imported.
    os.environ.update(
        PREFECT_HOME=str(base / "prefect-home"), PREFECT_SERVER_ANALYTICS_ENABLED="false"
    )
    os.environ.pop("PREFECT_API_URL", None)
    try:
        with settings_override(mail_stable_seconds=0, mail_workers=args.workers):
            bench(args, letters, warm, base)
    finally:
        if args.keep:
            print(f"kept: {base}")
        else:
            shutil.rmtree(base, ignore_errors=True)


def bench(args: argparse.Namespace, letters: list[Path], warm: list[Path], base: Path) -> None:
    from lotse.serving import PrefectServer

    print("\nwarm-up (one-time costs, not compared)")
    started = time.perf_counter()
    with PrefectServer(free_port(), log_file=base / "prefect-server.log") as server:
        assert server.process is not None
        print(f"  Prefect server start (fresh SQLite)  {time.perf_counter() - started:7.1f} s")
        os.environ["PREFECT_API_URL"] = server.api_url
        started = time.perf_counter()
        import prefect
        from prefect.logging.handlers import PrefectConsoleHandler

        print(
            f"  import prefect {prefect.__version__} + flows.mailroom    "
            f"{time.perf_counter() - started:7.1f} s"
        )
        # Run logs still go to the server at INFO, as in production; the terminal
        # gets warnings only.
        loggers = [logging.getLogger(), *map(logging.getLogger, logging.root.manager.loggerDict)]
        for handler in {h for logger in loggers for h in getattr(logger, "handlers", [])}:
            if isinstance(handler, PrefectConsoleHandler):
                handler.setLevel(logging.WARNING)
        pid = server.process.pid
        show(plain_run(base, "warm-a", warm, pid), f"(a) first run, {len(warm)} letters")
        show(flow_run(base, "warm-b", warm, server), f"(b) first run, {len(warm)} letters")
        show(plain_run(base, "warm-a2", warm, pid), f"(a) second run, {len(warm)} letters")
        show(flow_run(base, "warm-b2", warm, server), f"(b) second run, {len(warm)} letters")

        threads = 2 * args.workers
        print(
            f"\nmailroom, {len(letters)} letters, LOTSE_MAIL_WORKERS={args.workers} "
            f"(Tesseracts at once); letters at once: {threads} threads in (a), "
            f"{threads} task-runner threads in (b)"
        )
        variants = ("a", "b", "c") if args.explain else ("a", "b")
        labels = {"a": "plain Python", "b": "Prefect flow", "c": "flow, no host limit"}
        runs: list[Run] = []
        for index in range(args.repeat):
            order = variants if index % 2 == 0 else variants[::-1]
            for variant in order:
                tag = f"run{index}-{variant}"
                if variant == "a":
                    run = plain_run(base, tag, letters, pid)
                else:
                    run = flow_run(base, tag, letters, server, host_limit=variant == "b")
                show(run, f"({variant}) {labels[variant]} #{index + 1}")
                runs.append(run)

        first = runs[0].outcome
        mismatches = [(r, differences(first, r.outcome)) for r in runs[1:]]
        mismatches = [(r, d) for r, d in mismatches if d]
        if mismatches:
            print("\nOUTCOMES DIFFER: the runs did not do the same work; the comparison is void.")
            for run, diff in mismatches:
                print(f"  ({run.variant}): " + "; ".join(diff[:10]))
        else:
            print(f"\nsame outcome in all {len(runs)} runs: {describe(first)}")

        def median(variant: str, measure: str = "seconds") -> float:
            return statistics.median(getattr(r, measure) for r in runs if r.variant == variant)

        a, b = median("a"), median("b")
        task_runs = len(letters) + 1
        ratio = b / a
        busiest = max(r.foreign / (r.seconds * CORES) for r in runs)
        quiet = busiest <= BUSY
        verdict = "PASS" if ratio < GOAL and not mismatches else "MISS"
        print(f"(a) plain Python, median   {a:6.1f} s")
        print(f"(b) Prefect flow, median   {b:6.1f} s")
        print(
            f"ratio b/a: {ratio:.3f}  (Prefect adds {100 * (ratio - 1):+.1f} % wall time, "
            f"goal < +{100 * (GOAL - 1):.0f} %)  {verdict}"
            + ("" if quiet else "  (UNRELIABLE: the machine was busy, see below)")
        )
        print(
            f"overhead per task run: {1000 * (b - a) / task_runs:.0f} ms "
            f"((b - a) / {task_runs} task runs: {len(letters)} letters + intake)"
        )
        if args.explain:
            c = median("c")
            print(
                f"(c) flow without the host-wide OCR limit, median {c:6.1f} s: "
                f"ratio c/a {c / a:.3f}; the limit accounts for {b - c:+.1f} s of {b - a:+.1f} s"
            )
        print("CPU seconds (medians): here + Tesseract and sandboxes + Prefect server = total")
        for v in variants:
            print(
                f"  ({v}) {median(v, 'cpu_self'):5.1f} + {median(v, 'cpu_children'):5.1f} + "
                f"{median(v, 'cpu_server'):5.1f} = {median(v, 'cpu'):5.1f}"
                + (
                    ""
                    if v == "a"
                    else f"   ratio {v}/a {median(v, 'cpu') / median('a', 'cpu'):.3f}"
                )
            )
        print(
            f"other processes used up to {100 * busiest:.0f} % of the machine during a run"
            + (
                ""
                if quiet
                else " — wall times are unreliable; the CPU ratio is the steadier estimate "
                "(OCR keeps every core busy, so each CPU second Prefect spends is taken from it)"
            )
        )

        print("\nhost-wide OCR slot (Prefect global concurrency limit):")
        costs = ocr_slot_cost(server)
        for case, label in (
            ("page", "per OCR page, the slot kept between pages"),
            ("lease", "a lease taken and given back (after a pause in OCR)"),
        ):
            wall, here, there = costs[case]
            print(
                f"  {label}: {1000 * wall:.1f} ms wall, {1000 * here:.1f} ms CPU here, "
                f"{1000 * there:.1f} ms CPU in the server"
            )

        n = args.tasks
        print(f"\nper task without OCR: {n} no-op tasks, {threads} threads, median of 3 rounds")
        t = noop_tasks(n, threads, server)
        print(
            f"  plain: {n} calls {1000 * t['plain wall']:.1f} ms, "
            f"on a thread pool {1000 * t['pool wall']:.1f} ms"
        )
        print(
            f"  empty flow: {1000 * t['empty wall']:.0f} ms wall (fixed cost per flow run), "
            f"{1000 * t['empty cpu']:.0f} ms CPU here, {1000 * t['empty server']:.0f} ms CPU in the server"
        )
        for kind, label in (("mapped", "mapped on the pool"), ("serial", "one after another")):
            print(
                f"  {n} tasks {label}: flow {1000 * t[kind + ' wall']:.0f} ms wall; per task "
                f"{1000 * t[kind + ' body'] / n:.1f} ms inside the flow, "
                f"{1000 * (t[kind + ' cpu'] - t['empty cpu']) / n:.1f} ms CPU here, "
                f"{1000 * (t[kind + ' server'] - t['empty server']) / n:.1f} ms CPU in the server, "
                f"server catch-up after return {1000 * t[kind + ' catch-up'] / n:.1f} ms"
            )
        print(f"\nload average now: {os.getloadavg()[0]:.1f}")
        forget_apps()
        # Send the last run logs and events while the server is still there.
        from prefect.events.worker import EventsWorker
        from prefect.logging.handlers import APILogWorker

        APILogWorker.drain_all(timeout=10)
        EventsWorker.drain_all(timeout=10)


if __name__ == "__main__":
    main()
