"""How fast Lotse imports a large catalogue and writes the report.

    .venv/bin/python bench/catalogue.py [--count 2000] [--skip-postgres]

Builds N diagrams from the MIWG conformance files and the samples, repeated
under new process ids so that every copy is a new process, then for a fresh
SQLite database and a fresh PostgreSQL database (LOTSE_TEST_POSTGRES_URL, the
test server the bootstrap starts):

* imports all of them (parse, lint, score, store) and prints diagrams/s;
* parses the same bytes with a bare ``xml.etree.ElementTree.fromstring`` in
  the same run (the floor) and prints the ratio;
* writes the report (HTML with charts and drawings, CSV, XLSX) and prints the time.

Goals (issue 3): import within 10x of the bare parse; report for 2,000
processes in under 30 s.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path

from _common import REPO, print_machine

from bpmn import BpmnReadError, read_bpmn
from lotse.app import open_app
from lotse.settings import Settings
from processes.importer import ImportRequest, Outcome, import_many
from processes.report import write_report

CORPUS = REPO.parent / "shared" / "conformance" / "bpmn-miwg"
SAMPLES = REPO / "samples" / "bpmn"


def build_corpus(count: int) -> list[tuple[str, bytes]]:
    """``count`` readable diagrams; copies get new process ids (and so new processes)."""
    originals: list[tuple[str, bytes, list[str]]] = []
    for path in sorted(CORPUS.rglob("*.bpmn")) + sorted(SAMPLES.glob("*.bpmn")):
        data = path.read_bytes()
        try:
            defs = read_bpmn(data)
        except BpmnReadError:
            continue
        ids = [p.id for p in defs.processes if p.content.nodes]
        if ids:
            originals.append((path.name, data, ids))
    corpus: list[tuple[str, bytes]] = []
    copy = 0
    while len(corpus) < count:
        for name, data, ids in originals:
            if len(corpus) >= count:
                break
            if copy:
                for process_id in ids:
                    # every reference to the process id is a quoted attribute value
                    data = re.sub(
                        rb'(["\'])' + re.escape(process_id.encode()) + rb"\1",
                        rb"\g<1>" + f"{process_id}_copy{copy}".encode() + rb"\g<1>",
                        data,
                    )
            corpus.append((f"{copy}-{name}", data))
        copy += 1
    return corpus


def bare_parse(corpus: list[tuple[str, bytes]]) -> float:
    start = time.perf_counter()
    for _name, data in corpus:
        ET.fromstring(data)
    return time.perf_counter() - start


def run(label: str, url: str, corpus: list[tuple[str, bytes]], out: Path) -> None:
    app = open_app(Settings(database_url=url, data_dir=out))
    requests = [ImportRequest(file_name=name, data=data) for name, data in corpus]
    floor = min(bare_parse(corpus) for _ in range(3))
    start = time.perf_counter()
    results = import_many(app.db.session, requests, app.model, app.limits)
    elapsed = time.perf_counter() - start
    failed = [r for r in results if r.outcome is Outcome.FAILED]
    processes = sum(1 for r in results if r.outcome is Outcome.NEW)
    print(f"\n{label}")
    print(
        f"  import: {len(corpus)} diagrams ({processes} processes) in {elapsed:.1f} s "
        f"= {len(corpus) / elapsed:.0f} diagrams/s; failed: {len(failed)}"
    )
    print(
        f"  bare ElementTree parse of the same bytes: {floor:.2f} s "
        f"= {len(corpus) / floor:.0f} diagrams/s"
    )
    print(f"  ratio import / bare parse: {elapsed / floor:.1f}x   (goal <= 10x)")
    start = time.perf_counter()
    with app.db.read_session() as session:
        files = write_report(session, out / "bericht", model=app.model, generated_at=datetime.now())
    elapsed = time.perf_counter() - start
    size = files.html.stat().st_size / 1024 / 1024
    print(
        f"  report for {files.processes} processes: {elapsed:.1f} s (goal < 30 s); "
        f"report.html {size:.1f} MB"
    )
    app.db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--skip-postgres", action="store_true")
    args = parser.parse_args()
    corpus = build_corpus(args.count)
    print(f"{len(corpus)} diagrams, {sum(len(d) for _, d in corpus) / 1024 / 1024:.0f} MB")
    print_machine()
    with tempfile.TemporaryDirectory() as tmp:
        run("SQLite", f"sqlite:///{tmp}/bench.db", corpus, Path(tmp) / "sqlite")
    if args.skip_postgres:
        return
    sys.path.insert(0, str(REPO))
    from tests.conftest import _fresh_postgres_database  # the test server's throw-away databases

    url, drop = _fresh_postgres_database()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            run("PostgreSQL", url, corpus, Path(tmp))
    finally:
        drop()


if __name__ == "__main__":
    main()
