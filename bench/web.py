"""How fast the web workbench answers with 10,000 processes, against a static file.

    .venv/bin/python bench/web.py [--processes 10000] [--clients 20] [--seconds 30]
                                  [--workers 1] [--quick]

1. Builds a catalogue of N processes in a fresh SQLite database in a temporary
   data directory, through the real importer: variants of the 12 sample
   diagrams, each with its own process id, name, department and facts (so a
   version, an assessment with tasks and lint findings each), one in ten with
   a second version, a third of them moved along the pipeline.
2. Starts the real server as ``lotse serve --no-prefect`` does (uvicorn, one
   process, 127.0.0.1, a free port) in a subprocess, so that the load
   generator does not share the GIL with it. ``--workers N`` runs uvicorn
   with N worker processes instead, as a ``--workers`` option would.
3. Signs in C clients once each (one IT user), then lets them cycle for S
   seconds over the catalogue list (page 1 or a random later page, a random
   sort), a filtered list (department, quadrant, search text) and a process
   page (a random process: drawing, scores, tasks, findings, history).
4. The baseline, in the same run: the same clients, signed in, fetch the
   stylesheet ``/static/lotse.css`` from the same server for S seconds
   (HTTP, middleware and the load generator, no database, no template).

Prints requests/s and p50/p95/p99 latency (client side) per page kind, the
server's CPU time per request in both phases, the ratios page/static of p95
and of CPU per request, and PASS/MISS for the goal of issue 5: p95 < 150 ms
on 2 cores with SQLite. ``--quick`` (2,000 processes, 5 s) is a smoke run.
Nothing is kept between runs but the temporary directory of the run itself.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from _common import REPO, free_port, print_machine, tree_cpu

SAMPLES = REPO / "samples" / "bpmn"
GOAL_P95_MS = 150.0
USER, PASSWORD = "bench-it", "bench-it-passwort"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')

SORTS = ["rang", "potenzial", "umsetzbarkeit", "stunden", "name", "aktualisiert"]
# what people type into the search field: parts of process names
SEARCH_WORDS = ["antrag", "steuer", "genehmigung", "bescheinigung", "kita", "post", "rechnung",
                "nord", "erteilen", "bearbeiten", "wohngeld", "gewerbe", "melde", "urlaub"]  # fmt: skip
PLACES = ["Bezirk Nord", "Bezirk Süd", "Bezirk Ost", "Bezirk West", "Außenstelle", "Bürgerbüro",
          "Soll-Ablauf", "Ist-Ablauf", "Workshop", "Ortsteil"]  # fmt: skip


# -- building the catalogue -------------------------------------------------------------


@dataclass
class Sample:
    name: str
    data: bytes
    ids: list[str]  # processes with content
    facts: object  # processes.facts.Facts from the sidecar, or None


def load_samples() -> list[Sample]:
    from bpmn import read_bpmn
    from processes.facts import read_sidecar

    samples = []
    for path in sorted(SAMPLES.glob("*.bpmn")):
        data = path.read_bytes()
        ids = [p.id for p in read_bpmn(data).processes if p.content.nodes]
        samples.append(Sample(path.name, data, ids, read_sidecar(path).get("*")))
    return samples


def variant(sample: Sample, number: int, rng: random.Random) -> bytes:
    """The sample with new process ids and names: a distinct process of its own."""
    data = sample.data
    for process_id in sample.ids:
        new_id = f"{process_id}_{number:05d}"
        # every reference to the process id is a quoted attribute value
        data = re.sub(
            rb'(["\'])' + re.escape(process_id.encode()) + rb"\1",
            rb"\g<1>" + new_id.encode() + rb"\g<1>",
            data,
        )
        place = f"{rng.choice(PLACES)} {number}"
        data = re.sub(
            rb'(<[\w.-]*:?process\b[^>]*?\bid="' + new_id.encode() + rb'"[^>]*?\bname=")([^"]*)"',
            lambda m, place=place: m.group(1) + m.group(2) + f" ({place})".encode() + b'"',
            data,
            count=1,
        )
    return data


def varied_facts(sample: Sample, rng: random.Random) -> object:
    from processes.facts import Facts

    if rng.random() < 0.15:  # some pilots have not said anything yet
        return None
    base = sample.facts if isinstance(sample.facts, Facts) else Facts()
    return base.merged(
        Facts(
            cases_per_month=round(rng.uniform(5, 2000)),
            minutes_per_case=round(rng.uniform(3, 240)),
            digital_share=round(rng.uniform(0, 1), 2),
        )
    )


def build_catalogue(data_dir: Path, url: str, count: int, seed: int) -> list[int]:
    """N processes through the real importer; returns their database ids."""
    from sqlalchemy import select

    from lotse.app import open_app
    from lotse.settings import Settings
    from lotse.users import Role, add_user
    from lotse.web.app import secret_key
    from processes.catalogue import change_status
    from processes.importer import ImportRequest, Outcome, import_many
    from processes.models import Process, Status

    rng = random.Random(seed)
    app = open_app(Settings(data_dir=data_dir, database_url=url))
    with app.db.session() as session:
        add_user(session, USER, PASSWORD, Role.IT)
    departments = sorted(app.department_names())
    samples = load_samples()

    requests: list[ImportRequest] = []
    second: list[ImportRequest] = []
    processes = number = 0
    while processes < count:
        sample = samples[number % len(samples)]
        data = variant(sample, number, rng)
        # most keep the department of their diagram; others are the same process elsewhere
        department = rng.choice(departments) if rng.random() < 0.4 else None
        facts = varied_facts(sample, rng)
        name = f"{number:05d}-{sample.name}"
        requests.append(ImportRequest(name, data=data, department=department, facts=facts,
                                      user="bench", read_sidecar=False))  # fmt: skip
        if rng.random() < 0.1:  # re-saved after a second workshop: a new version
            changed = data.replace(
                b"</bpmn:definitions>", b"<!-- 2. Workshop -->\n</bpmn:definitions>"
            )
            second.append(ImportRequest(name, data=changed, department=department, facts=facts,
                                        user="bench", read_sidecar=False))  # fmt: skip
        processes += len(sample.ids)
        number += 1
    results = import_many(app.db.session, requests + second, app.model, app.limits)
    outcomes: dict[Outcome, int] = defaultdict(int)
    for result in results:
        outcomes[result.outcome] += 1
    if outcomes[Outcome.FAILED]:
        failed = next(r for r in results if r.outcome is Outcome.FAILED)
        sys.exit(f"import failed: {failed.file}: {failed.message}")

    # Imported processes are assessed already; the board moves a third of them along.
    pipeline = [Status.APPROVED, Status.IN_DEVELOPMENT, Status.LIVE]
    with app.db.session() as session:
        for process in session.scalars(select(Process).order_by(Process.id)):
            if rng.random() < 0.33:
                steps = pipeline[: rng.randint(1, len(pipeline))]
                if rng.random() < 0.15:
                    steps = [Status.REJECTED]
                for status in steps:
                    change_status(session, process, status, "bench", "Benchmark")
        ids = list(session.scalars(select(Process.id)))
    app.db.dispose()
    secret_key(app.settings)  # made once here, as several worker processes would race for it
    print(
        f"  {outcomes[Outcome.NEW]} new processes, {outcomes[Outcome.NEW_VERSION]} second versions "
        f"from {len(requests) + len(second)} diagrams"
    )
    return ids


# -- the server -------------------------------------------------------------------------


def start_server(
    env: dict[str, str], port: int, workers: int, log: Path
) -> subprocess.Popen[bytes]:
    """What users run: ``lotse serve --no-prefect``, with ``--workers N`` from 2 on."""
    command = [sys.executable, "-m", "lotse", "serve", "--no-prefect",
               "--host", "127.0.0.1", "--port", str(port)]  # fmt: skip
    if workers > 1:
        command += ["--workers", str(workers)]
    with log.open("wb") as out:
        server = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"the server stopped at start:\n{log.read_text()}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/login", timeout=2).status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.1)
    server.kill()
    sys.exit(f"the server did not answer on 127.0.0.1:{port} within 60 s:\n{log.read_text()}")


# -- the load ---------------------------------------------------------------------------


@dataclass
class Results:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    first_error: str = ""


async def sign_in(client: httpx.AsyncClient) -> None:
    match = CSRF.search((await client.get("/login")).text)
    assert match, "no CSRF token on /login"
    answer = await client.post(
        "/login", data={"username": USER, "password": PASSWORD, "csrf_token": match.group(1)}
    )
    if answer.status_code != 303 or "lotse_sitzung" not in client.cookies:
        sys.exit(f"sign-in failed: {answer.status_code} {answer.text[:300]}")


def page_requests(ids: list[int], departments: list[str]) -> Callable[[random.Random], list[tuple[str, str, str]]]:  # fmt: skip
    """One round of a client: (kind, path, text the answer must contain)."""
    from processes.scoring import Quadrant

    pages = max(1, len(ids) // 50)
    quadrants = [q.value for q in Quadrant]

    def round_(rng: random.Random) -> list[tuple[str, str, str]]:
        sort = rng.choice(SORTS)
        page = 1 if rng.random() < 0.5 else rng.randint(2, pages)
        listing = f"/katalog?sortierung={sort}&absteigend={rng.randint(0, 1)}&seite={page}"
        filtered = (
            f"/katalog?amt={rng.choice(departments)}&quadrant={rng.choice(quadrants)}"
            f"&q={rng.choice(SEARCH_WORDS)}&sortierung={rng.choice(SORTS)}"
        )
        return [
            ("list", listing, "Prozesskatalog"),
            ("filtered", filtered, "Prozesskatalog"),
            ("process", f"/katalog/{rng.choice(ids)}", "<svg"),
        ]

    return round_


async def client_loop(
    client: httpx.AsyncClient,
    make_round: Callable[[random.Random], list[tuple[str, str, str]]],
    rng: random.Random,
    until: float,
    results: Results | None,
) -> None:
    while time.perf_counter() < until:
        for kind, path, expected in make_round(rng):
            started = time.perf_counter()
            try:
                answer = await client.get(path)
                ok = answer.status_code == 200 and expected in answer.text
                problem = f"{answer.status_code} {path}"
            except httpx.HTTPError as exc:
                ok, problem = False, f"{type(exc).__name__} {path}"
            elapsed = time.perf_counter() - started
            if results is not None:
                if ok:
                    results.latencies[kind].append(elapsed)
                else:
                    results.errors[kind] += 1
                    results.first_error = results.first_error or problem
            if time.perf_counter() >= until:
                return


@dataclass
class Phase:
    results: Results
    seconds: float
    server_cpu: float | None  # CPU seconds of the server (all its processes)
    client_cpu: float  # CPU seconds of this load generator

    @property
    def requests(self) -> int:
        return sum(len(v) for v in self.results.latencies.values())


async def run_load(
    base_url: str,
    clients: int,
    seconds: float,
    ids: list[int],
    departments: list[str],
    seed: int,
    server_cpu: Callable[[], float | None],
) -> tuple[Phase, Phase]:
    """Pages for ``seconds``, then the static baseline for ``seconds``, the same clients."""
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    pool = [httpx.AsyncClient(base_url=base_url, timeout=60, limits=limits) for _ in range(clients)]
    rngs = [random.Random(seed + i) for i in range(clients)]

    async def phase(make_round: Callable[[random.Random], list[tuple[str, str, str]]]) -> Phase:
        results = Results()
        cpu, server = time.process_time(), server_cpu()
        started = time.perf_counter()
        until = started + seconds
        await asyncio.gather(
            *(
                client_loop(c, make_round, r, until, results)
                for c, r in zip(pool, rngs, strict=True)
            )
        )
        elapsed = time.perf_counter() - started
        server_end = server_cpu()
        used = None if server is None or server_end is None else server_end - server
        return Phase(results, elapsed, used, time.process_time() - cpu)

    def static(_rng: random.Random) -> list[tuple[str, str, str]]:
        return [("static", "/static/lotse.css", "{")]

    try:
        await asyncio.gather(*(sign_in(c) for c in pool))
        pages = page_requests(ids, departments)
        # warm-up: templates compiled, connections open; not counted
        warm = time.perf_counter() + min(2.0, seconds / 5)
        await asyncio.gather(
            *(client_loop(c, pages, r, warm, None) for c, r in zip(pool, rngs, strict=True))
        )
        return await phase(pages), await phase(static)
    finally:
        await asyncio.gather(*(c.aclose() for c in pool))


# -- reporting --------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    """Nearest rank, in milliseconds."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return 1000 * ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def line(label: str, values: list[float], errors: int, seconds: float) -> str:
    return (
        f"{label:<26}{len(values):>9}{len(values) / seconds:>9.1f}"
        f"{percentile(values, 0.50):>9.1f}{percentile(values, 0.95):>9.1f}"
        f"{percentile(values, 0.99):>9.1f}{errors:>8}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--processes", type=int, default=None, help="default 10000 (2000 with --quick)"
    )
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument(
        "--seconds", type=float, default=None, help="per phase; default 30 (5 with --quick)"
    )
    parser.add_argument("--quick", action="store_true", help="smoke run: 5 s, 2000 processes")
    parser.add_argument(
        "--workers", type=int, default=1,
        help="1: `lotse serve --no-prefect`; more: `lotse serve --no-prefect --workers N`",
    )  # fmt: skip
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    count = args.processes or (2000 if args.quick else 10_000)
    seconds = args.seconds or (5.0 if args.quick else 30.0)
    print_machine()

    with tempfile.TemporaryDirectory(prefix="lotse-bench-web-") as tmp:
        data_dir = Path(tmp) / "data"
        url = f"sqlite:///{data_dir / 'lotse.db'}"
        print(f"\nbuilding a catalogue of {count} processes (SQLite, real importer) …")
        started = time.perf_counter()
        ids = build_catalogue(data_dir, url, count, args.seed)
        size = (data_dir / "lotse.db").stat().st_size / 1024 / 1024
        print(f"  built in {time.perf_counter() - started:.1f} s; database {size:.0f} MB")

        env = dict(os.environ, LOTSE_DATA_DIR=str(data_dir), LOTSE_DATABASE_URL=url)
        env.pop("PREFECT_API_URL", None)
        port = free_port()
        log = Path(tmp) / "server.log"
        server = start_server(env, port, args.workers, log)
        try:
            departments = sorted(set(re.findall(r'<option value="(\d+)"', _catalogue_page(port))))
            pages, static = asyncio.run(
                run_load(f"http://127.0.0.1:{port}", args.clients, seconds, ids, departments,
                         args.seed, lambda: tree_cpu(server.pid))
            )  # fmt: skip
            if pages.results.first_error or static.results.first_error:
                lines = log.read_text(errors="replace").splitlines()
                print("server log (last lines):", *lines[-15:], sep="\n  ")
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
    report(args.clients, args.workers, pages, static)


def report(clients: int, workers: int, pages: Phase, static: Phase) -> None:
    latencies, errors = pages.results.latencies, pages.results.errors
    all_pages = [v for values in latencies.values() for v in values]
    baseline = static.results.latencies["static"]
    server = "`lotse serve`, 1 process" if workers == 1 else f"uvicorn, {workers} worker processes"
    print(
        f"\n{clients} clients on loopback against {server}: {pages.seconds:.0f} s of pages, then "
        f"{static.seconds:.0f} s of the static baseline; latency in ms, client side"
    )
    print(f"{'':<26}{'requests':>9}{'req/s':>9}{'p50':>9}{'p95':>9}{'p99':>9}{'errors':>8}")
    labels = {"list": "catalogue list", "filtered": "filtered list", "process": "process page"}
    for kind, label in labels.items():
        print(line(label, latencies[kind], errors[kind], pages.seconds))
    print(line("all pages", all_pages, sum(errors.values()), pages.seconds))
    print(line("static /static/lotse.css", baseline, static.results.errors["static"], static.seconds))  # fmt: skip
    first_error = pages.results.first_error or static.results.first_error
    if first_error:
        print(f"first error: {first_error}")
    for phase, name in ((pages, "pages"), (static, "static")):
        if phase.server_cpu is not None and phase.requests:
            print(
                f"{name}: server CPU {phase.server_cpu / phase.seconds:.0%} of one core, "
                f"{1000 * phase.server_cpu / phase.requests:.1f} ms a request; "
                f"load generator CPU {phase.client_cpu / phase.seconds:.0%} of one core"
            )
    p95, static_p95 = percentile(all_pages, 0.95), percentile(baseline, 0.95)
    print(f"\nratio page p95 / static p95: {p95 / static_p95:.1f}x")
    if pages.server_cpu and static.server_cpu and pages.requests and static.requests:
        ratio = (pages.server_cpu / pages.requests) / (static.server_cpu / static.requests)
        print(f"ratio server CPU a page / a static request: {ratio:.1f}x")
    # Closed loop, no think time: each client waits for its answer, so the mean
    # latency is clients / throughput (Little's law), whatever the page costs.
    print(
        f"closed loop: mean latency = clients / throughput = {1000 * clients / (len(all_pages) / pages.seconds):.0f} ms; "
        f"p95 < {GOAL_P95_MS:.0f} ms needs more than {clients / (GOAL_P95_MS / 1000):.0f} pages/s"
    )
    verdict = "PASS" if p95 < GOAL_P95_MS else "MISS"
    print(f"goal (issue 5): p95 of the pages < {GOAL_P95_MS:.0f} ms on 2 cores with SQLite: "
          f"{p95:.0f} ms → {verdict}")  # fmt: skip


def _catalogue_page(port: int) -> str:
    """The department codes as the catalogue offers them (one signed-in request)."""
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
        token = CSRF.search(client.get("/login").text)
        assert token
        client.post("/login", data={"username": USER, "password": PASSWORD, "csrf_token": token.group(1)})  # fmt: skip
        return client.get("/katalog").text


if __name__ == "__main__":
    main()
