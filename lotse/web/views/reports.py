"""The candidates report of the current catalogue: in the browser, or as a file.

report.html takes a few seconds to build for a large catalogue (every drawing, the
chart). "Im Browser öffnen" first shows a page that says so, with a progress bar,
and moves on to the report; the browser keeps that page on screen until the report
arrives. The spreadsheets are built on their own, without drawing anything.
"""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import func, select

from lotse.web.core import DbSession, OneHandOff, Reader, lotse_app, render
from processes.models import Process

router = APIRouter(route_class=OneHandOff)
FILES = {
    "report.html": "text/html; charset=utf-8",
    "kandidaten.csv": "text/csv; charset=utf-8",
    "candidates.csv": "text/csv; charset=utf-8",
    "candidates.xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# The report is a document of its own with inline styles (and matplotlib's style
# attributes in the chart). Shown in the browser it gets a policy of its own: its
# styles, its inline pictures, and nothing else: no script, no requests, no forms.
REPORT_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'none'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
SECONDS_PER_100 = 1.0  # rough build time of report.html per 100 processes, for the wait page


@router.get("/berichte", response_class=HTMLResponse)
def reports(request: Request, user: Reader) -> Response:
    return render(request, "berichte.html", user=user)


@router.get("/berichte/ansehen", response_class=HTMLResponse)
def report_waiting(request: Request, user: Reader, session: DbSession) -> Response:
    """Says that the report is being built, then loads it (meta refresh, no script)."""
    processes = session.scalar(select(func.count()).select_from(Process)) or 0
    return render(
        request, "bericht-wird-erstellt.html", user=user, processes=processes,
        seconds=max(1, round(processes / 100 * SECONDS_PER_100)),
    )  # fmt: skip


@router.get("/berichte/{name}")
def download(
    request: Request, name: str, user: Reader, session: DbSession, im_browser: int = 0
) -> Response:
    if name not in FILES:
        raise HTTPException(status_code=404, detail="Diesen Bericht gibt es nicht.")
    from processes.report import report_file  # matplotlib and openpyxl load on first use

    content = report_file(
        session, name, model=lotse_app(request).model, generated_at=datetime.now().astimezone()
    )
    if name == "report.html" and im_browser:
        return Response(
            content,
            media_type=FILES[name],
            headers={
                "Content-Disposition": 'inline; filename="report.html"',
                "Content-Security-Policy": REPORT_CSP,
            },
        )
    return Response(
        content,
        media_type=FILES[name],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
