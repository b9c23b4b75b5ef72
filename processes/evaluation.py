"""Measuring the ranking against an expert's: rank correlation and structural checks.

An evaluation set is a folder of BPMN files with ``expert_ranking.yaml``
(``rank``, ``file``, ``reason`` per entry). Lotse imports the files into a
catalogue, ranks them as the report does, and compares:

* Spearman's rho between the expert's ranks and Lotse's;
* every file keeps a current catalogue entry (no silent merges);
* at most 5 % of the entries are named by a BPMN id;
* no quick win while the hours saved are unknown.

Used by ``bench/ranking.py`` and the test that keeps the numbers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from sqlalchemy.orm import Session

from bpmn import XmlLimits
from processes.catalogue import current_processes, ranked
from processes.diagram import is_id_like
from processes.importer import ImportRequest, Outcome, import_many
from processes.scoring import Quadrant, ScoringModel

RANKING_FILE = "expert_ranking.yaml"
MAX_ID_NAMED = 0.05


@dataclass(frozen=True, slots=True)
class Placed:
    file: str
    expert: int
    lotse: int | None
    name: str
    quadrant: str | None
    reason: str


@dataclass(slots=True)
class Evaluation:
    placed: list[Placed]
    rho: float
    files_without_entry: list[str] = field(default_factory=list)
    id_named: list[str] = field(default_factory=list)
    entries: int = 0
    unknown_quick_wins: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    @property
    def id_named_share(self) -> float:
        return len(self.id_named) / self.entries if self.entries else 0.0

    @property
    def structure_ok(self) -> bool:
        return (
            not self.files_without_entry
            and not self.failed
            and self.id_named_share <= MAX_ID_NAMED
            and not self.unknown_quick_wins
        )


def read_ranking(folder: Path) -> list[tuple[int, str, str]]:
    """(rank, file, reason) from the folder's ranking file, checked."""
    entries = yaml.safe_load((folder / RANKING_FILE).read_text(encoding="utf-8"))
    ranking = [(int(e["rank"]), str(e["file"]), str(e.get("reason", ""))) for e in entries]
    if sorted(r for r, _, _ in ranking) != list(range(1, len(ranking) + 1)):
        raise ValueError(f"{RANKING_FILE}: die Ränge müssen 1 … {len(ranking)} sein")
    return ranking


def evaluate(
    sessions: Callable[[], AbstractContextManager[Session]],
    folder: Path,
    model: ScoringModel,
    limits: XmlLimits,
) -> Evaluation:
    """Import the set into the (empty) catalogue behind ``sessions`` and measure."""
    ranking = read_ranking(folder)
    files = sorted(folder.glob("*.bpmn"))
    requests = [ImportRequest(file_name=path.name, path=path) for path in files]
    results = import_many(sessions, requests, model, limits)
    failed = [f"{r.file}: {r.message}" for r in results if r.outcome is Outcome.FAILED]
    with sessions() as session:
        order = ranked(current_processes(session))
        position: dict[str, tuple[int, str, str | None]] = {}
        id_named: list[str] = []
        unknown_quick_wins: list[str] = []
        for index, process in enumerate(order, start=1):
            version = process.current_version
            assessment = process.current_assessment
            if version is not None:
                quadrant = assessment.quadrant if assessment else None
                position[version.file_name] = (index, process.name, quadrant)
            if is_id_like(process.name) or process.name == process.bpmn_id:
                id_named.append(process.key)
            if (
                assessment is not None
                and assessment.quadrant == Quadrant.QUICK_WIN.value
                and assessment.hours_saved is None
            ):
                unknown_quick_wins.append(process.key)
        entries = len(order)
    placed = [
        Placed(
            file,
            rank,
            position[file][0] if file in position else None,
            position[file][1] if file in position else "",
            position[file][2] if file in position else None,
            reason,
        )
        for rank, file, reason in ranking
    ]
    both = [(p.expert, p.lotse) for p in placed if p.lotse is not None]
    return Evaluation(
        placed=placed,
        rho=spearman([e for e, _ in both], [float(lotse) for _, lotse in both if lotse]),
        files_without_entry=[p.name for p in files if p.name not in position],
        id_named=id_named,
        entries=entries,
        unknown_quick_wins=unknown_quick_wins,
        failed=failed,
    )


def spearman(first: Sequence[float], second: Sequence[float]) -> float:
    """Spearman's rank correlation (ties get their average rank)."""
    if len(first) != len(second) or len(first) < 2:
        raise ValueError("Spearman braucht zwei gleich lange Reihen mit mindestens zwei Werten")
    a, b = _ranks(first), _ranks(second)
    mean_a, mean_b = sum(a) / len(a), sum(b) / len(b)
    covariance = sum((x - mean_a) * (y - mean_b) for x, y in zip(a, b, strict=True))
    spread = (sum((x - mean_a) ** 2 for x in a) * sum((y - mean_b) ** 2 for y in b)) ** 0.5
    return covariance / spread if spread else 0.0


def _ranks(values: Sequence[float]) -> list[float]:
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        for position in range(start, end + 1):
            ranks[order[position]] = (start + end) / 2 + 1
        start = end + 1
    return ranks
