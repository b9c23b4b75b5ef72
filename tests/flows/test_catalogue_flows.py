"""``katalog-import``, ``kandidaten-bericht`` and the review reminder on a real Prefect server."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update

from lotse.app import App
from robots.letters import Letter
from tests.conftest import SAMPLES
from tests.robots.letters import ADVERT, text_pdf


def artifact(key: str) -> Any:
    """The newest artifact with this key, its data decoded."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey
    from prefect.client.schemas.sorting import ArtifactSort

    with get_client(sync_client=True) as client:
        found = client.read_artifacts(
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=[key])),
            sort=ArtifactSort.CREATED_DESC,
            limit=1,
        )
    assert found, f"no artifact {key}"
    data = found[0].data
    return json.loads(data) if found[0].type == "table" and isinstance(data, str) else data


@pytest.mark.timeout(300)
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_import_then_report(prefect_server: None, lotse_app: App, tmp_path: Path) -> None:
    from flows.catalogue import candidates_report_flow, catalogue_import_flow

    folder = tmp_path / "diagramme"
    folder.mkdir()
    for name in ("gewerbeanmeldung", "hundesteuer-anmeldung"):
        shutil.copy(SAMPLES / "bpmn" / f"{name}.bpmn", folder)
        shutil.copy(SAMPLES / "bpmn" / f"{name}.facts.yaml", folder)
    (folder / "kaputt.bpmn").write_text("<definitions><process id='x'>", encoding="utf-8")

    summary = catalogue_import_flow(ordner=str(folder), benutzer="it-team")
    assert (summary.files, summary.new, summary.failed) == (3, 2, 1)
    rows = artifact("katalog-import")
    broken = next(r for r in rows if r["Datei"] == "kaputt.bpmn")
    assert "Zeile" in broken["Meldung"]  # the pilot learns where the XML breaks
    again = catalogue_import_flow(ordner=str(folder))
    assert (again.new, again.unchanged) == (0, 2)

    report = candidates_report_flow(ordner=str(tmp_path / "bericht"), anzahl=5)
    assert report.processes == 2
    html = Path(report.html)
    assert html.is_file() and (html.parent / "candidates.xlsx").is_file()
    assert (
        artifact("kandidaten-bericht") == f"[Kandidatenbericht öffnen]({html.resolve().as_uri()})"
    )
    top = artifact("kandidaten-top")
    assert [row["Rang"] for row in top] == ["1", "2"]
    assert {row["Prozess"] for row in top} == {
        "Gewerbeanmeldung bearbeiten",
        "Hund zur Hundesteuer anmelden",
    }


@pytest.mark.timeout(300)
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_import_of_a_missing_folder_fails_with_a_clear_message(
    prefect_server: None, lotse_app: App, tmp_path: Path
) -> None:
    from flows.catalogue import catalogue_import_flow

    with pytest.raises(FileNotFoundError, match="gibt es auf diesem Rechner nicht"):
        catalogue_import_flow(ordner=str(tmp_path / "fehlt"))


@pytest.mark.timeout(300)
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_review_reminder_names_only_letters_that_waited_long(
    prefect_server: None, lotse_app: App, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dataclasses

    from flows.review_reminder import review_reminder_flow

    room = lotse_app.mailroom(inbox=tmp_path / "eingang")
    room.config = dataclasses.replace(room.config, stable_seconds=0, workers=1)
    room.config.inbox.mkdir()
    text_pdf(room.config.inbox / "alt.pdf", ADVERT * 3)
    text_pdf(room.config.inbox / "neu.pdf", [*ADVERT, "Heute neu im Angebot."] * 3)
    outcomes = {o.name: o for o in room.run()}
    assert {o.status for o in outcomes.values()} == {"review"}
    with lotse_app.db.session() as session:
        session.execute(
            update(Letter)
            .where(Letter.id == outcomes["alt.pdf"].letter_id)
            .values(received_at=datetime.now(UTC) - timedelta(hours=30))
        )

    waiting = review_reminder_flow(stunden=24)
    assert [w.name for w in waiting] == ["alt.pdf"]
    assert 29 < waiting[0].hours_waiting < 31
    table = artifact("poststelle-pruefstapel")
    assert [row["Datei"] for row in table] == ["alt.pdf"]
    assert "**1** Briefe warten" in artifact("poststelle-erinnerung")
