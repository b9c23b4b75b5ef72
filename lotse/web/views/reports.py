"""Downloads of the candidates report: HTML, CSV, XLSX of the current catalogue."""

from __future__ import annotations

import tempfile
from datetime import datetime
from pathlib import Path

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from lotse.web.core import DbSession, SignedIn, lotse_app, render

router = APIRouter()
FILES = {
    "report.html": "text/html; charset=utf-8",
    "candidates.csv": "text/csv; charset=utf-8",
    "candidates.xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@router.get("/berichte", response_class=HTMLResponse)
def reports(request: Request, user: SignedIn) -> Response:
    return render(request, "berichte.html", user=user)


@router.get("/berichte/{name}")
def download(request: Request, name: str, user: SignedIn, session: DbSession) -> Response:
    if name not in FILES:
        raise HTTPException(status_code=404, detail="Diesen Bericht gibt es nicht.")
    from processes.report import write_report  # matplotlib and openpyxl load on first use

    lotse = lotse_app(request)
    with tempfile.TemporaryDirectory(prefix="lotse-bericht-") as tmp:
        write_report(
            session, Path(tmp), model=lotse.model, generated_at=datetime.now().astimezone()
        )
        content = (Path(tmp) / name).read_bytes()
    # The report is a standalone document with its own inline styles: served
    # as a download, so the workbench's content security policy is not in its way.
    return Response(
        content,
        media_type=FILES[name],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
