"""The candidate pipeline for the automation team: by status, with status changes."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from lotse.web.core import DbSession, ItUser, render
from processes.catalogue import ranked
from processes.models import STATUS_GERMAN, Process, Status

router = APIRouter()
LIMIT_PER_STATUS = 100


@router.get("/pipeline", response_class=HTMLResponse)
def pipeline(request: Request, user: ItUser, session: DbSession) -> Response:
    columns = []
    for status in Status:
        processes = session.scalars(
            select(Process)
            .where(Process.status == status.value)
            .options(selectinload(Process.current_assessment))
            .limit(5000)
        ).all()
        ordered = ranked(processes)
        columns.append((status, ordered[:LIMIT_PER_STATUS], len(ordered)))
    return render(
        request, "pipeline.html", user=user, columns=columns, statuses=STATUS_GERMAN, Status=Status
    )
