"""The ranking on the evaluation set: structural checks and rank correlation with the expert."""

from __future__ import annotations

from pathlib import Path

import pytest

from lotse.app import App
from processes.evaluation import MAX_ID_NAMED, evaluate, read_ranking, spearman

EVALUATION = Path(__file__).resolve().parents[2] / "samples" / "evaluation"


def test_the_expert_ranking_covers_every_diagram_once() -> None:
    ranking = read_ranking(EVALUATION)
    files = {p.name for p in EVALUATION.glob("*.bpmn")}
    assert len(files) >= 24
    assert sorted(file for _, file, _ in ranking) == sorted(files)
    assert all(reason.strip() for _, _, reason in ranking)


def test_lotse_ranks_the_evaluation_set_as_the_expert_does(lotse_app: App) -> None:
    result = evaluate(lotse_app.db.session, EVALUATION, lotse_app.model, lotse_app.limits)
    assert result.failed == []
    assert result.files_without_entry == [], "every distinct file keeps a current entry"
    assert result.entries == len(result.placed)
    assert result.id_named_share <= MAX_ID_NAMED, result.id_named
    assert result.unknown_quick_wins == [], "no quick win while the hours are unknown"
    by_file = {p.file: p for p in result.placed}
    assert by_file["platzhalter.bpmn"].quadrant == "not_assessable"
    assert by_file["entwurf.bpmn"].quadrant == "not_assessable"
    assert by_file["rechnungseingang.bpmn"].quadrant == "benefit_unknown"
    assert result.rho >= 0.8, [(p.file, p.expert, p.lotse) for p in result.placed]


def test_spearman_on_known_series() -> None:
    assert spearman([1, 2, 3, 4], [1, 2, 3, 4]) == pytest.approx(1.0)
    assert spearman([1, 2, 3, 4], [4, 3, 2, 1]) == pytest.approx(-1.0)
    assert spearman([1, 2, 3, 4, 5], [2, 1, 4, 3, 5]) == pytest.approx(0.8)
    assert spearman([1, 2, 3], [1, 1, 2]) == pytest.approx(0.866, abs=0.001)
