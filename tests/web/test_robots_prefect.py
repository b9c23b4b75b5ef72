"""The robots on the overview, read from a real Prefect server: last run, its state, links
into the Prefect UI in a new tab, and "Jetzt starten"."""

from __future__ import annotations

import re
from typing import Any

import pytest

from flows.names import POSTSTELLE, REVIEW_ERINNERUNG
from lotse.prefect_runs import PrefectApi, PrefectUnavailable
from tests.flows.conftest import prefect_server  # noqa: F401  (the session's Prefect server)
from tests.web.conftest import Workbench, csrf_of

pytestmark = pytest.mark.usefixtures("cheap_hashing")


def _section(html: str) -> str:
    match = re.search(r'<section id="roboter".*?</section>', html, re.S)
    assert match, "no robots section"
    return match.group(0)


def _deploy(client: Any, name: str) -> Any:
    flow_id = client.create_flow_from_name(name)
    return client.create_deployment(flow_id=flow_id, name=name)


def test_robots_show_their_last_run_and_start_with_one_click(
    prefect_server: None,  # noqa: F811
    workbench: Workbench,
) -> None:
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL
    from prefect.states import Failed, Running

    api_url = PREFECT_API_URL.value()
    with get_client(sync_client=True) as client:
        mailroom = _deploy(client, POSTSTELLE)
        reminder = _deploy(client, REVIEW_ERINNERUNG)
        failed = client.create_flow_run_from_deployment(mailroom)
        client.set_flow_run_state(failed.id, Failed(message="Posteingang fehlt"), force=True)
        running = client.create_flow_run_from_deployment(reminder)
        client.set_flow_run_state(running.id, Running(), force=True)
        # A scheduled run in the future is not "the last run".
        client.create_flow_run_from_deployment(mailroom)

    workbench.asgi.state.prefect_api_url = api_url
    it = workbench.client("it")
    page = it.get("/").text
    robots = _section(page)
    ui = workbench.lotse.settings.prefect_ui_url
    row = re.search(r"<tr>\s*<th scope=\"row\">Posteingangs-Roboter.*?</tr>", robots, re.S)
    assert row, robots
    assert "fehlgeschlagen" in row.group(0)
    assert f'href="{ui}/deployments/deployment/{mailroom}?tab=Runs" target="_blank"' in row.group(0)
    assert f'href="{ui}/runs/flow-run/{failed.id}" target="_blank"' in row.group(0)
    reminder_row = re.search(
        r"<th scope=\"row\">Erinnerung an den Prüfstapel.*?</tr>", robots, re.S
    )
    assert reminder_row and "läuft gerade" in reminder_row.group(0)
    assert "nicht bereitgestellt" in robots, "robots not served show as such"

    # "Jetzt starten": one click, a new run of that deployment.
    with get_client(sync_client=True) as client:
        before = len(client.read_flow_runs())
    answer = it.post(f"/roboter/{POSTSTELLE}/starten", data={"csrf_token": csrf_of(page)})
    assert (answer.status_code, answer.headers["location"]) == (303, "/#roboter")
    assert "„Posteingangs-Roboter“ gestartet" in _section(it.get("/").text)
    with get_client(sync_client=True) as client:
        runs = client.read_flow_runs()
    assert len(runs) == before + 1
    assert {str(run.deployment_id) for run in runs} >= {str(mailroom)}

    # Pilots see no robots and may not start one.
    pilot = workbench.client("pilot63")
    pilot_page = pilot.get("/").text
    assert 'id="roboter"' not in pilot_page
    refused = pilot.post(f"/roboter/{POSTSTELLE}/starten", data={"csrf_token": csrf_of(pilot_page)})
    assert refused.status_code == 403


def test_without_prefect_the_overview_says_why(workbench: Workbench) -> None:
    it = workbench.client("it")
    assert "„lotse serve“ startet sie" in _section(it.get("/").text)
    # A Prefect server that is down: one sentence, the page still loads at once.
    workbench.asgi.state.prefect_api_url = "http://127.0.0.1:9/api"
    assert "antwortet nicht wie erwartet" in _section(it.get("/").text)
    with pytest.raises(PrefectUnavailable, match="antwortet nicht"):
        PrefectApi("http://127.0.0.1:9/api", "http://x").robots([POSTSTELLE])


def test_every_deployment_has_a_title_on_the_overview() -> None:
    from flows.names import NAMES, TITLES

    assert set(TITLES) == set(NAMES)
