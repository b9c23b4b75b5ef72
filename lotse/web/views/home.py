"""The dashboard: totals, potential, quick wins, the mailroom today."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import func, select

from lotse.web.core import BERLIN, DbSession, ItUser, SignedIn, render
from processes.catalogue import CatalogueQuery, search
from processes.models import Assessment, Process, TaskAssessment
from processes.scoring import Quadrant
from robots.letters import Letter, LetterStatus

router = APIRouter()


@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request, user: SignedIn, session: DbSession) -> Response:
    current = (
        select(Assessment).join(Process, Process.current_assessment_id == Assessment.id).subquery()
    )
    processes = session.scalar(select(func.count()).select_from(Process)) or 0
    quick_wins = (
        session.scalar(
            select(func.count())
            .select_from(current)
            .where(current.c.quadrant == Quadrant.QUICK_WIN.value)
        )
        or 0
    )
    hours = session.scalar(select(func.sum(current.c.hours_saved))) or 0.0
    robot_tasks = (
        session.scalar(
            select(func.count())
            .select_from(TaskAssessment)
            .join(Process, Process.current_assessment_id == TaskAssessment.assessment_id)
            .where(TaskAssessment.category == "robot")
        )
        or 0
    )
    top, _ = search(session, CatalogueQuery(quadrant=Quadrant.QUICK_WIN.value, per_page=5))

    start_of_day = (
        datetime.now(BERLIN).replace(hour=0, minute=0, second=0, microsecond=0).astimezone(UTC)
    )
    received_today = (
        session.scalar(
            select(func.count()).select_from(Letter).where(Letter.received_at >= start_of_day)
        )
        or 0
    )
    delivered_today = (
        session.scalar(
            select(func.count()).select_from(Letter).where(Letter.delivered_at >= start_of_day)
        )
        or 0
    )
    waiting = (
        session.scalar(
            select(func.count())
            .select_from(Letter)
            .where(Letter.status == LetterStatus.REVIEW.value)
        )
        or 0
    )
    waiting_long = (
        session.scalar(
            select(func.count())
            .select_from(Letter)
            .where(
                Letter.status == LetterStatus.REVIEW.value,
                Letter.received_at < datetime.now(UTC) - timedelta(days=1),
            )
        )
        or 0
    )
    return render(
        request, "dashboard.html", user=user, processes=processes, quick_wins=quick_wins, hours=hours,
        robot_tasks=robot_tasks, top=top, received_today=received_today, delivered_today=delivered_today,
        waiting=waiting, waiting_long=waiting_long,
    )  # fmt: skip


@router.get("/prefect")
def prefect_ui(request: Request, user: ItUser) -> Response:
    return RedirectResponse(request.app.state.lotse.settings.prefect_ui_url, status_code=303)
