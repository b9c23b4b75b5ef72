"""``eakte-ablage`` on a real Prefect server: chained after ``poststelle``, password from a block."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest

from eakte.config import StandInConfig
from eakte.server import StandInServer
from lotse.app import App
from tests.conftest import SAMPLES
from tests.robots.letters import KITA_MEMO, TAX_OBJECTION, text_pdf

SQLITE = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


@pytest.fixture
def efile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> StandInServer:
    from lotse.settings import get_settings

    server = StandInServer(StandInConfig(data_dir=tmp_path / "eakte", hinweis=0.5, seed=3))
    monkeypatch.setenv("LOTSE_DELIVERY_FILE", str(SAMPLES / "rules" / "ablage.yaml"))
    monkeypatch.setenv("LOTSE_EAKTE_URL", server.url)
    monkeypatch.setenv("LOTSE_MAIL_STABLE_SECONDS", "0")
    get_settings.cache_clear()
    return server


def _artifact(key: str) -> list[dict[str, object]]:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey
    from prefect.client.schemas.sorting import ArtifactSort

    with get_client(sync_client=True) as client:
        (found,) = client.read_artifacts(
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=[key])),
            sort=ArtifactSort.CREATED_DESC,
            limit=1,
        )
    return json.loads(str(found.data))  # type: ignore[no-any-return]


@pytest.mark.timeout(300)
@SQLITE
def test_poststelle_files_into_the_efile_with_the_password_from_a_secret_block(
    prefect_server: None,
    efile: StandInServer,
    lotse_app: App,
    tmp_path: Path,
    chromium_installed: None,  # the e-file robot launches it
) -> None:
    from prefect.blocks.system import Secret

    from flows.mailroom import mailroom_flow

    Secret(value="Ablage!2026").save("lotse-eakte-kennwort", overwrite=True)
    inbox = tmp_path / "eingang"
    inbox.mkdir()
    text_pdf(inbox / "memo.pdf", KITA_MEMO)
    text_pdf(inbox / "widerspruch.pdf", TAX_OBJECTION)
    with efile:
        outcomes = mailroom_flow(inbox=str(inbox))
        assert sorted((o.name, o.department) for o in outcomes) == [
            ("memo.pdf", "51"),
            ("widerspruch.pdf", "22"),
        ]
        (document,) = efile.app.state.store.documents("51-POST-2026")
    (row,) = _artifact("eakte-ablage")
    assert (row["Datei"], row["Akte"], row["Zustand"]) == ("memo.pdf", "51-POST-2026", "abgelegt")
    assert row["Dokumentnummer"] == document.nummer


@pytest.mark.timeout(300)
@SQLITE
def test_a_missing_password_says_where_to_set_it(
    prefect_server: None, efile: StandInServer, lotse_app: App
) -> None:
    from prefect.client.orchestration import get_client
    from prefect.exceptions import ObjectNotFound

    from flows.eakte import EAktePasswordMissing, robot

    with get_client(sync_client=True) as client, contextlib.suppress(ObjectNotFound):
        client.delete_block_document(
            client.read_block_document_by_name("lotse-eakte-kennwort", "secret").id
        )
    with pytest.raises(EAktePasswordMissing, match="LOTSE_EAKTE_PASSWORD"):
        robot()
