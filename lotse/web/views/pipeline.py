"""The candidate pipeline for the automation team: by status, with status changes."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from lotse.web.core import DbSession, ItUser, OneHandOff, render
from processes.catalogue import CatalogueQuery, search
from processes.departments import department_names
from processes.models import STATUS_GERMAN, Status

router = APIRouter(route_class=OneHandOff)
LIMIT_PER_STATUS = 100


@router.get("/pipeline", response_class=HTMLResponse)
def pipeline(request: Request, user: ItUser, session: DbSession) -> Response:
    # Ranked like the catalogue and the report, counted and cut in the database.
    columns = []
    for status in Status:
        rows, total = search(
            session, CatalogueQuery(status=status.value, per_page=LIMIT_PER_STATUS)
        )
        columns.append((status, rows, total))
    return render(
        request, "pipeline.html", user=user, columns=columns, statuses=STATUS_GERMAN,
        departments=department_names(session),
    )  # fmt: skip
