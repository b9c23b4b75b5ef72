"""``/healthz``: is the workbench able to work? For monitoring (Icinga, Zabbix, a load balancer).

Answers without signing in and without details an attacker could use: only
whether the database answers and whether the Prefect API (the robots' server)
answers. 200 when everything configured answers, 503 otherwise; the JSON body
says which part is missing.
"""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text
from starlette.concurrency import run_in_threadpool

from lotse.app import App

router = APIRouter()
log = logging.getLogger(__name__)

OK = "ok"
UNREACHABLE = "nicht erreichbar"
NOT_CONFIGURED = "nicht eingerichtet"


def _database(lotse: App) -> str:
    try:
        with lotse.db.read_session() as session:
            session.execute(text("SELECT 1"))
    except Exception as exc:  # any failure means "not able to work"; the reason goes to the log
        log.warning("Gesundheitsprüfung: Datenbank nicht erreichbar: %s", exc)
        return UNREACHABLE
    return OK


def _prefect(api_url: str | None, auth: str | None) -> str:
    from lotse.serving import api_is_healthy

    if not api_url:
        return NOT_CONFIGURED
    return OK if api_is_healthy(api_url, auth) else UNREACHABLE


@router.api_route("/healthz", methods=["GET", "HEAD"])
async def healthz(request: Request) -> JSONResponse:
    state = request.app.state
    parts = {
        "datenbank": await run_in_threadpool(_database, state.lotse),
        "prefect": await run_in_threadpool(_prefect, state.prefect_api_url, state.prefect_auth),
    }
    healthy = all(value in (OK, NOT_CONFIGURED) for value in parts.values())
    return JSONResponse(
        {"status": OK if healthy else "gestört", **parts}, status_code=200 if healthy else 503
    )
