"""``poststelle-lernen`` on a real (temporary) Prefect server: learns once, reports quality."""

from __future__ import annotations

import pytest

from lotse.app import App
from robots.letters import Letter, LetterStatus
from tests.robots.learning_data import sample_examples


@pytest.mark.timeout(300)
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_learns_when_decisions_changed_and_publishes_quality(
    prefect_server: None, lotse_app: App
) -> None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import (
        ArtifactFilter,
        ArtifactFilterFlowRunId,
        ArtifactFilterKey,
    )

    from flows.learning import learning_flow

    with lotse_app.db.session() as session:
        for number, example in enumerate(sample_examples()):
            session.add(
                Letter(
                    sha256=example.key, name=f"brief-{number}.pdf", text=example.text,
                    status=LetterStatus.ARCHIVED.value, department=example.department,
                    routed_by="person", decided_by="poststelle",
                )
            )  # fmt: skip

    state = learning_flow(return_state=True)
    assert state.result().startswith("Gelernt aus 78 Briefen (13 Ämter)")
    assert learning_flow().startswith("Keine neuen Entscheidungen")  # nothing new: no training

    this_run = ArtifactFilterFlowRunId(any_=[state.state_details.flow_run_id])
    with get_client(sync_client=True) as client:
        found = {
            artifact.key: artifact
            for artifact in client.read_artifacts(
                artifact_filter=ArtifactFilter(
                    key=ArtifactFilterKey(any_=["poststelle-qualitaet", "poststelle-modell"]),
                    flow_run_id=this_run,
                )
            )
        }
    assert set(found) == {"poststelle-qualitaet", "poststelle-modell"}
    assert '"Amt": "51"' in str(found["poststelle-qualitaet"].data).replace("'", '"')
    assert "zurückgehalten" in str(found["poststelle-modell"].data)
