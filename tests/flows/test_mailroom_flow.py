"""The ``poststelle`` flow on a real (temporary) Prefect server: outcomes and artifacts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from lotse.app import App
from processes.importer import ImportRequest, import_diagram
from processes.models import Process, RobotRun
from tests.conftest import SAMPLES
from tests.robots.letters import ADVERT, KITA_MEMO, TAX_OBJECTION, scan_file, text_pdf

HAUSPOST = SAMPLES / "bpmn" / "hauspost-verteilen.bpmn"


@pytest.fixture
def inbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tesseract: str) -> Path:
    from lotse.settings import get_settings

    monkeypatch.setenv("LOTSE_MAIL_STABLE_SECONDS", "0")
    get_settings.cache_clear()
    folder = tmp_path / "posteingang"
    folder.mkdir()
    text_pdf(folder / "Scan_0001.pdf", TAX_OBJECTION)
    scan_file(folder / "IMG_0002.png", KITA_MEMO)
    text_pdf(folder / "werbung.pdf", ADVERT * 3)
    return folder


@pytest.mark.timeout(300)
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_flow_routes_letters_and_publishes_artifacts(
    prefect_server: None, lotse_app: App, inbox: Path
) -> None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import (
        ArtifactFilter,
        ArtifactFilterFlowRunId,
        ArtifactFilterKey,
    )

    from flows.mailroom import mailroom_flow

    # The Hauspost in the catalogue: the run counts for it (ledger, artifact, status).
    with lotse_app.db.session() as session:
        import_diagram(
            session,
            ImportRequest(file_name=HAUSPOST.name, path=HAUSPOST),
            lotse_app.model,
            lotse_app.limits,
        )
    state = mailroom_flow(inbox=str(inbox), return_state=True)
    outcomes = state.result()
    assert sorted((o.name, o.status, o.department) for o in outcomes) == [
        ("IMG_0002.png", "archived", "51"),
        ("Scan_0001.pdf", "archived", "22"),
        ("werbung.pdf", "review", None),
    ]
    assert list(inbox.iterdir()) == []
    sidecars = [
        json.loads(p.read_text()) for p in (lotse_app.settings.data_dir / "outbox").glob("*/*.json")
    ]
    assert sorted(s["department"] for s in sidecars) == ["22", "51"]

    # This run's artifacts: other tests run the same flow on the same server.
    this_run = ArtifactFilterFlowRunId(any_=[state.state_details.flow_run_id])
    with get_client(sync_client=True) as client:
        tables = client.read_artifacts(
            artifact_filter=ArtifactFilter(
                key=ArtifactFilterKey(any_=["poststelle-briefe"]), flow_run_id=this_run
            )
        )
        summaries = client.read_artifacts(
            artifact_filter=ArtifactFilter(
                key=ArtifactFilterKey(any_=["poststelle-zusammenfassung"]), flow_run_id=this_run
            )
        )
    assert len(tables) == len(summaries) == 1
    rows = json.loads(tables[0].data) if isinstance(tables[0].data, str) else tables[0].data
    assert sorted(row["Datei"] for row in rows) == ["IMG_0002.png", "Scan_0001.pdf", "werbung.pdf"]
    # Each letter with the number, the reason and the page the workbench shows.
    workbench = lotse_app.settings.workbench_url
    for row in rows:
        assert row["In der Werkbank"] == f"{workbench}/post/{row['Nr.']}"
    (advert,) = [row for row in rows if row["Datei"] == "werbung.pdf"]
    assert advert["Grund"].startswith("Werbung")
    markdown = summaries[0].data
    assert (
        f"| [{advert['Nr.']}]({workbench}/post/{advert['Nr.']}) | werbung.pdf | zur Prüfung |"
        in markdown
    )
    assert "**3** Briefe, davon **2** zugestellt, **1** zur Prüfung" in markdown
    assert "| 22 | 1 |" in markdown and "| 51 | 1 |" in markdown

    # The run is in the ledger under its flow run, and its process is live.
    with lotse_app.db.read_session() as session:
        (run,) = session.scalars(select(RobotRun))
        assert run.flow_run_id == str(state.state_details.flow_run_id)
        assert (run.deployment, run.source) == ("poststelle", "prefect")
        assert (run.cases, run.cases_automated, run.cases_to_person) == (3, 2, 1)
        assert run.robot_seconds > 0 and run.cpu_seconds > 0
        assert session.get_one(Process, run.process_id).status == "live"
    with get_client(sync_client=True) as client:
        (ledger,) = client.read_artifacts(
            artifact_filter=ArtifactFilter(
                key=ArtifactFilterKey(any_=["poststelle-ist-zahlen"]), flow_run_id=this_run
            )
        )
    assert "| ohne Menschen erledigt | 2 |" in ledger.data
    assert "tatsächlich 67\u202f% ohne Prüfung zugestellt (2 von 3 Briefen)" in ledger.data


@pytest.mark.timeout(300)
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_dry_run_moves_nothing(prefect_server: None, lotse_app: App, inbox: Path) -> None:
    from flows.mailroom import mailroom_flow

    before = sorted(p.name for p in inbox.iterdir())
    assert mailroom_flow(inbox=str(inbox), dry_run=True) == []
    assert sorted(p.name for p in inbox.iterdir()) == before
    assert not (lotse_app.settings.data_dir / "outbox").exists()
