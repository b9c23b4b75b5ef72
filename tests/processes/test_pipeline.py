"""The pipeline's rules (pure) and the migration that moved scored ideas to "assessed"."""

from __future__ import annotations

from itertools import pairwise

import pytest
from sqlalchemy import text

from lotse.db import Database
from processes.models import Status
from processes.pipeline import COURSE, TransitionError, check_transition, transitions
from tests.migrations import schema_at


def test_one_step_forward_needs_no_reason() -> None:
    for current, following in pairwise(COURSE):
        assert check_transition(current, following, "").kind == "nächster Schritt"


@pytest.mark.parametrize(
    ("current", "target", "kind"),
    [
        (Status.IDEA, Status.APPROVED, "überspringt Bewertet"),
        (Status.ASSESSED, Status.LIVE, "überspringt Freigegeben, In Entwicklung"),
        (Status.LIVE, Status.IN_DEVELOPMENT, "zurück"),
        (Status.APPROVED, Status.REJECTED, "ablehnen"),
        (Status.REJECTED, Status.ASSESSED, "wieder aufnehmen"),
    ],
)
def test_everything_else_needs_a_reason(current: Status, target: Status, kind: str) -> None:
    with pytest.raises(TransitionError, match="nur mit Begründung"):
        check_transition(current, target, "  ")
    assert check_transition(current, target, "Lenkungskreis vom 3.4.").kind == kind


@pytest.mark.parametrize("target", [Status.APPROVED, Status.IN_DEVELOPMENT, Status.LIVE])
def test_rejected_comes_back_only_as_idea_or_assessed(target: Status) -> None:
    with pytest.raises(TransitionError, match="geht es nicht nach"):
        check_transition(Status.REJECTED, target, "doch")
    assert [t.target for t in transitions(Status.REJECTED)] == [Status.IDEA, Status.ASSESSED]


def test_the_same_status_again_is_refused() -> None:
    with pytest.raises(TransitionError, match="bereits"):
        check_transition(Status.APPROVED, Status.APPROVED, "nochmal")


def test_every_status_offers_every_other_but_the_rejected_shortcuts() -> None:
    for current in Status:
        targets = {t.target for t in transitions(current)}
        assert current not in targets
        if current is not Status.REJECTED:
            assert targets == set(Status) - {current}


def test_migration_moves_scored_ideas_to_assessed_and_says_why(database_url: str) -> None:
    engine = schema_at(database_url, "0006")
    with engine.begin() as connection:
        for pid, status, assessment in [(1, "idea", 7), (2, "idea", None), (3, "approved", 9)]:
            connection.execute(
                text(
                    "INSERT INTO processes (id, department_code, bpmn_id, name, status, "
                    "created_at, updated_at, current_assessment_id) VALUES "
                    "(:id, '20', :bpmn, 'P', :status, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, :a)"
                ),
                {"id": pid, "bpmn": f"P{pid}", "status": status, "a": assessment},
            )
    engine.dispose()
    db = Database(database_url)  # migrates to the head, as every start does
    try:
        with db.engine.connect() as connection:
            statuses = dict(connection.execute(text("SELECT id, status FROM processes")).all())
            history = connection.execute(
                text("SELECT process_id, from_status, to_status, changed_by FROM status_changes")
            ).all()
    finally:
        db.dispose()
    assert statuses == {1: "assessed", 2: "idea", 3: "approved"}
    assert [tuple(row) for row in history] == [(1, "idea", "assessed", "lotse")]
