"""The robots for IT: each one's last run and state from the Prefect API, links into the
Prefect UI (new tab), and "Jetzt starten" (one click instead of seven in the UI)."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from flows.names import TITLES
from lotse.prefect_runs import PrefectApi, PrefectUnavailable, Robot
from lotse.web.core import ItUser, OneHandOff, check_csrf, flash, lotse_app

router = APIRouter(route_class=OneHandOff)


@dataclass(frozen=True, slots=True)
class RobotsView:
    robots: list[Robot]
    api: PrefectApi | None
    problem: str  # why nothing is shown, in German; empty when robots are shown


def prefect_api(request: Request) -> PrefectApi | None:
    """The Prefect API the workbench was started with (``lotse serve``), if any."""
    api_url = request.app.state.prefect_api_url
    if not api_url:
        return None
    return PrefectApi(
        api_url, lotse_app(request).settings.prefect_ui_url, request.app.state.prefect_auth
    )


def robots_view(request: Request) -> RobotsView:
    api = prefect_api(request)
    if api is None:
        return RobotsView([], None, "Die Roboter laufen nicht mit dieser Werkbank: "
                          "„lotse serve“ startet sie zusammen mit Prefect.")  # fmt: skip
    try:
        return RobotsView(api.robots(list(TITLES)), api, "")
    except PrefectUnavailable as exc:
        return RobotsView([], api, str(exc))


@router.post("/roboter/{name}/starten", dependencies=[Depends(check_csrf)])
def start(request: Request, name: str, user: ItUser) -> Response:
    api = prefect_api(request)
    title = TITLES.get(name)
    if api is None or title is None:
        flash(request, "Diesen Roboter gibt es hier nicht.", "error", place="roboter")
        return RedirectResponse("/#roboter", status_code=303)
    try:
        (robot,) = api.robots([name])
        if robot.deployment_id is None:
            flash(request, f"„{title}“ ist nicht bereitgestellt: läuft „lotse serve“?", "error",
                  place="roboter")  # fmt: skip
            return RedirectResponse("/#roboter", status_code=303)
        run = api.start(robot.deployment_id)
    except PrefectUnavailable as exc:
        flash(request, str(exc), "error", place="roboter")
        return RedirectResponse("/#roboter", status_code=303)
    flash(request, f"„{title}“ gestartet (Lauf {run.name}); er beginnt in wenigen Sekunden.",
          "success", place="roboter")  # fmt: skip
    return RedirectResponse("/#roboter", status_code=303)
