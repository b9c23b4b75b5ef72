"""How well Lotse ranks real-style workshop diagrams, against an RPA consultant's ranking.

    .venv/bin/python bench/ranking.py [FOLDER]

Imports the evaluation set (default ``samples/evaluation``) into a fresh
SQLite catalogue, ranks it as the report does and prints Spearman's rho
against ``expert_ranking.yaml`` with the structural checks: every file keeps
a current entry, at most 5 % of entries are named by an id, no quick win with
unknown hours. Goal (issue 10): rho ≥ 0.8 and every check passed.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from _common import REPO, keep_bench_off_path, print_machine

keep_bench_off_path()

from bpmn import XmlLimits  # noqa: E402
from lotse.db import Database  # noqa: E402
from processes.departments import read_departments, seed_departments  # noqa: E402
from processes.evaluation import MAX_ID_NAMED, evaluate  # noqa: E402
from processes.scoring import Quadrant, load_model  # noqa: E402


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "samples" / "evaluation"
    print_machine()
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(f"sqlite:///{tmp}/ranking.db")
        with db.session() as session:
            seed_departments(session, read_departments(REPO / "samples" / "departments.yaml"))
        model = load_model()
        result = evaluate(db.session, folder, model, XmlLimits())
        db.dispose()
    print(f"Bewertungsmodell {model.version}, {len(result.placed)} Diagramme in {folder.name}/\n")
    print(f"{'Experte':>7} {'Lotse':>5}  {'Datei':<28} {'Einordnung':<18} Name")
    for p in sorted(result.placed, key=lambda p: p.expert):
        quadrant = Quadrant(p.quadrant).german if p.quadrant else "–"
        lotse = str(p.lotse) if p.lotse is not None else "–"
        print(f"{p.expert:>7} {lotse:>5}  {p.file:<28} {quadrant:<18} {p.name}")
    checks = [
        ("jede Datei hat einen aktuellen Eintrag", not result.files_without_entry,
         ", ".join(result.files_without_entry) or "ja"),
        ("keine Datei fehlgeschlagen", not result.failed, "; ".join(result.failed) or "ja"),
        (f"höchstens {MAX_ID_NAMED:.0%} nach id benannt", result.id_named_share <= MAX_ID_NAMED,
         f"{len(result.id_named)} von {result.entries} ({result.id_named_share:.0%})"),
        ("kein schneller Erfolg mit unbekannten Stunden", not result.unknown_quick_wins,
         ", ".join(result.unknown_quick_wins) or "keiner"),
        ("Rangkorrelation (Spearman) ≥ 0,8", result.rho >= 0.8, f"rho = {result.rho:.3f}"),
    ]  # fmt: skip
    print()
    for label, ok, detail in checks:
        print(f"{'✓' if ok else '✗'} {label}: {detail}")
    return 0 if all(ok for _, ok, _ in checks) else 1


if __name__ == "__main__":
    raise SystemExit(main())
