"""The robots as the workbench shows them: each deployment's last run and its state,
read from the Prefect REST API, with addresses in the Prefect UI, and starting a run.

Plain HTTP (httpx) instead of Prefect's client: importing Prefect costs the web
seconds, and a page must not wait long for a Prefect server that is down. Every
call has a short timeout; a failure is one German sentence, never an exception
the page shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import httpx

TIMEOUT = 2.0
# Runs that happened or happen: scheduled ones lie in the future (an interval
# schedule keeps dozens of them ready) and are not "the last run".
STARTED = [
    "PENDING",
    "RUNNING",
    "COMPLETED",
    "FAILED",
    "CRASHED",
    "CANCELLED",
    "CANCELLING",
    "PAUSED",
]
ACTIVE = frozenset({"PENDING", "RUNNING", "CANCELLING"})
STATE_GERMAN = {
    "SCHEDULED": "geplant",
    "PENDING": "startet",
    "RUNNING": "läuft gerade",
    "COMPLETED": "erfolgreich",
    "FAILED": "fehlgeschlagen",
    "CRASHED": "abgestürzt",
    "CANCELLED": "abgebrochen",
    "CANCELLING": "wird abgebrochen",
    "PAUSED": "angehalten",
}


class PrefectUnavailable(Exception):
    """The Prefect API did not answer as expected; German message."""


@dataclass(frozen=True, slots=True)
class Run:
    id: str
    name: str
    state: str  # Prefect's state type, "COMPLETED" …
    started: datetime | None
    ended: datetime | None

    @property
    def german(self) -> str:
        return STATE_GERMAN.get(self.state, self.state.lower())

    @property
    def active(self) -> bool:
        return self.state in ACTIVE


@dataclass(frozen=True, slots=True)
class Robot:
    name: str  # the deployment's name (a contract: flows/deployments.py)
    deployment_id: str | None  # None: not served (yet)
    last: Run | None
    running: bool


class PrefectApi:
    """The few calls the workbench makes; ``ui_url`` builds the links into the Prefect UI."""

    def __init__(self, api_url: str, ui_url: str, auth: str | None = None) -> None:
        self.api_url = api_url.rstrip("/")
        self.ui_url = ui_url.rstrip("/")
        # Prefect's auth string is "user:password", as basic auth sends it.
        self.auth = httpx.BasicAuth(*auth.split(":", 1)) if auth and ":" in auth else None

    def _post(self, path: str, body: dict[str, Any]) -> Any:
        try:
            answer = httpx.post(f"{self.api_url}{path}", json=body, auth=self.auth, timeout=TIMEOUT)
            answer.raise_for_status()
            return answer.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise PrefectUnavailable(
                f"Die Prefect-API unter {self.api_url} antwortet nicht wie erwartet ({_short(exc)})."
            ) from None

    def robots(self, names: Sequence[str]) -> list[Robot]:
        """Each deployment of ``names`` with its last started run, in the order given."""
        deployments = self._post(
            "/deployments/filter", {"deployments": {"name": {"any_": list(names)}}}
        )
        ids = {d["name"]: str(d["id"]) for d in deployments}
        result = []
        for name in names:
            deployment_id = ids.get(name)
            last = running = None
            if deployment_id is not None:
                runs = self._runs(deployment_id, STARTED, limit=1)
                last = runs[0] if runs else None
                running = bool(self._runs(deployment_id, sorted(ACTIVE), limit=1))
            result.append(Robot(name, deployment_id, last, bool(running)))
        return result

    def _runs(self, deployment_id: str, states: Sequence[str], limit: int) -> list[Run]:
        found = self._post(
            "/flow_runs/filter",
            {
                "deployments": {"id": {"any_": [deployment_id]}},
                "flow_runs": {"state": {"type": {"any_": list(states)}}},
                "sort": "EXPECTED_START_TIME_DESC",
                "limit": limit,
            },
        )
        return [
            Run(
                id=str(run["id"]),
                name=str(run.get("name") or ""),
                state=str((run.get("state") or {}).get("type") or run.get("state_type") or ""),
                started=_time(run.get("start_time")),
                ended=_time(run.get("end_time")),
            )
            for run in found
        ]

    def start(self, deployment_id: str) -> Run:
        """A run of the deployment now, with its saved parameters (the UI's "Quick run")."""
        run = self._post(f"/deployments/{deployment_id}/create_flow_run", {})
        return Run(
            id=str(run["id"]), name=str(run.get("name") or ""), state="SCHEDULED",
            started=None, ended=None,
        )  # fmt: skip

    # -- addresses in the Prefect UI ---------------------------------------------------

    def deployment_url(self, deployment_id: str) -> str:
        return f"{self.ui_url}/deployments/deployment/{deployment_id}"

    def runs_url(self, deployment_id: str) -> str:
        return f"{self.ui_url}/deployments/deployment/{deployment_id}?tab=Runs"

    def run_url(self, run_id: str) -> str:
        return f"{self.ui_url}/runs/flow-run/{run_id}"


def _time(value: object) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def _short(exc: Exception) -> str:
    if isinstance(exc, httpx.HTTPStatusError):
        return f"HTTP {exc.response.status_code}"
    return type(exc).__name__
