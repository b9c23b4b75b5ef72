"""How fast Lotse reads BPMN, against a bare parse and against bpmn-python.

    .venv/bin/python bench/bpmn_parse.py [--repeat 5] [--skip-bpmn-python]

Three readers over the MIWG conformance files, best of N passes each:

* the floor: ``xml.etree.ElementTree.parse`` of the same files (no hardening,
  no model);
* Lotse: ``bpmn.read_bpmn`` (hardened parse, typed model, references resolved);
* bpmn-python 0.0.18 in a throw-away venv (``.bench/``), with the networkx
  shim it needs on current networkx (``Graph.node``/``Graph.edge`` aliases),
  on the files it can read at all.

Goals (issue 2): Lotse within 4x of the floor, at least 5x faster than
bpmn-python on the files both read, while reading far more of them.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import subprocess
import sys
import tempfile
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

from _common import REPO, best_of, print_machine

from bpmn import BpmnReadError, read_bpmn

DEFAULT_CORPUS = REPO.parent / "shared" / "conformance" / "bpmn-miwg"
VENV = REPO / ".bench" / "bpmn-python-venv"

RUNNER = textwrap.dedent(
    """
    import json, sys, time, warnings
    warnings.simplefilter("ignore")
    import networkx as nx
    # bpmn-python was written for networkx 1.x; these aliases are all it needs.
    nx.Graph.node = property(lambda self: self.nodes)
    nx.Graph.edge = property(lambda self: self.adj)
    from bpmn_python.bpmn_diagram_rep import BpmnDiagramGraph

    files, repeat = json.load(sys.stdin), int(sys.argv[1])
    def load(path):
        BpmnDiagramGraph().load_diagram_from_xml_file(path)
    readable = []
    for path in files:
        try:
            load(path)
            readable.append(path)
        except Exception:
            pass
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for path in readable:
            load(path)
        best = min(best, time.perf_counter() - start)
    json.dump({"readable": readable, "seconds": best}, sys.stdout)
    """
)


def bare(files: list[Path]) -> None:
    for path in files:
        with contextlib.suppress(ET.ParseError):
            ET.parse(path)


def lotse(files: list[Path]) -> int:
    failed = 0
    for path in files:
        try:
            read_bpmn(path)
        except BpmnReadError:
            failed += 1
    return failed


def ensure_bpmn_python_venv() -> Path:
    python = VENV / "bin" / "python"
    if not python.exists():
        print(f"creating {VENV} with bpmn-python 0.0.18 (once) …", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "bpmn-python==0.0.18"], check=True
        )
    return python


def run_bpmn_python(files: list[Path], repeat: int) -> tuple[list[Path], float]:
    python = ensure_bpmn_python_venv()
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as script:
        script.write(RUNNER)
    result = subprocess.run(
        [str(python), script.name, str(repeat)],
        input=json.dumps([str(f) for f in files]),
        capture_output=True,
        text=True,
        check=True,
    )
    Path(script.name).unlink()
    data = json.loads(result.stdout)
    return [Path(p) for p in data["readable"]], data["seconds"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--skip-bpmn-python", action="store_true")
    args = parser.parse_args()

    files = sorted(args.corpus.rglob("*.bpmn"))
    size_mb = sum(f.stat().st_size for f in files) / 1024 / 1024
    print(f"corpus: {len(files)} files, {size_mb:.1f} MB; best of {args.repeat} passes")
    print_machine()

    bare(files)  # warm the page cache
    t_bare = best_of(args.repeat, lambda: bare(files))
    failed = lotse(files)
    t_lotse = best_of(args.repeat, lambda: lotse(files))
    print()
    print(f"{'reader':<34}{'files read':>12}{'files/s':>12}")
    print(f"{'bare ElementTree parse (floor)':<34}{len(files):>12}{len(files) / t_bare:>12.0f}")
    print(f"{'Lotse read_bpmn':<34}{len(files) - failed:>12}{len(files) / t_lotse:>12.0f}")
    print(f"ratio Lotse / floor (time): {t_lotse / t_bare:.2f}x   (goal <= 4x)")

    if args.skip_bpmn_python:
        return
    readable, t_bp = run_bpmn_python(files, args.repeat)
    t_lotse_same = best_of(args.repeat, lambda: lotse(readable))
    t_bare_same = best_of(args.repeat, lambda: bare(readable))
    print()
    print(f"on the {len(readable)} files bpmn-python 0.0.18 can read:")
    print(
        f"{'bare ElementTree parse (floor)':<34}{len(readable):>12}{len(readable) / t_bare_same:>12.0f}"
    )
    print(f"{'Lotse read_bpmn':<34}{len(readable):>12}{len(readable) / t_lotse_same:>12.0f}")
    print(f"{'bpmn-python 0.0.18 (+ shim)':<34}{len(readable):>12}{len(readable) / t_bp:>12.0f}")
    print(f"ratio bpmn-python / Lotse (time): {t_bp / t_lotse_same:.1f}x faster   (goal >= 5x)")
    print(
        f"coverage: Lotse {len(files) - failed}/{len(files)}, bpmn-python {len(readable)}/{len(files)}"
    )


if __name__ == "__main__":
    main()
