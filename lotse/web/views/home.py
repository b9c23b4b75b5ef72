"""The dashboard: totals, potential, quick wins, the mailroom today."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from common.clock import BERLIN
from flows.names import TITLES
from lotse.users import Role, User
from lotse.web.core import DbSession, ItUser, OneHandOff, SignedIn, render
from lotse.web.views.robots import robots_view
from processes.catalogue import CatalogueQuery, headline_items, search
from processes.departments import department_names
from processes.headline import Headline, headline
from processes.models import Assessment, Process, TaskAssessment
from processes.scoring import Quadrant
from robots.letters import Letter, LetterStatus

router = APIRouter(route_class=OneHandOff)
OWN_ROWS = 10  # "Mein Amt" lists the department's best candidates; the catalogue has all


@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request, user: SignedIn, session: DbSession) -> Response:
    if user.user_role is Role.POSTSTELLE:
        return RedirectResponse("/post", status_code=303)  # their start page: the review queue
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
    hours = headline(headline_items(session))
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
    own = _own_department(session, user)
    # Only IT sees the robots; asking Prefect costs a request or two (2 s at most).
    robots = robots_view(request) if user.may(Role.IT) else None

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
        waiting=waiting, waiting_long=waiting_long, own=own, departments=department_names(session),
        robots=robots, robot_titles=TITLES,
    )  # fmt: skip


@dataclass(frozen=True, slots=True)
class OwnDepartment:
    """The pilot's department at a glance ("Mein Amt")."""

    code: str
    name: str
    processes: int
    hours: Headline
    rows: list[tuple[Process, Assessment | None]]


def _own_department(session: Session, user: User) -> OwnDepartment | None:
    code = user.department_code
    if not code:
        return None
    rows, total = search(session, CatalogueQuery(department=code, per_page=OWN_ROWS))
    return OwnDepartment(
        code=code, name=department_names(session).get(code, ""), processes=total,
        hours=headline(headline_items(session, department=code)), rows=rows,
    )  # fmt: skip


@router.get("/prefect")
def prefect_ui(request: Request, user: ItUser) -> Response:
    return RedirectResponse(request.app.state.lotse.settings.prefect_ui_url, status_code=303)
