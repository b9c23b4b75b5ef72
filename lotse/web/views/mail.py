"""The mailroom for clerks: review queue, a letter with its picture and text, trails, counts."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from common.clock import BERLIN, local
from lotse.web.core import (
    Clerk,
    DbSession,
    check_csrf,
    flash,
    known_id,
    page_number,
    render,
)
from processes.departments import department_names
from robots.errors import DocumentRejected
from robots.letters import STATUS_GERMAN, Letter, LetterStatus
from robots.preview import preview_png
from robots.review import review_queue
from robots.sandbox import run_sandboxed

router = APIRouter()
PER_PAGE = 50


@router.get("/post", response_class=HTMLResponse)
def mailroom(
    request: Request,
    user: Clerk,
    session: DbSession,
    name: str = "",
    amt: str = "",
    zustand: str = "",
    von: str = "",
    bis: str = "",
    seite: int = 1,
) -> Response:
    seite = page_number(seite)
    queue = review_queue(session, limit=200)
    query = select(Letter)
    if name.strip():
        query = query.where(
            func.lower(Letter.name).contains(name.strip().lower()[:200], autoescape=True)
        )
    if amt:
        query = query.where(Letter.department == amt[:10])
    if zustand:
        query = query.where(Letter.status == zustand[:20])
    start, end = _day(von), _day(bis)
    if start:
        query = query.where(Letter.received_at >= start)
    if end:
        query = query.where(Letter.received_at < end + timedelta(days=1))
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    letters = session.scalars(
        query.order_by(Letter.received_at.desc()).limit(PER_PAGE).offset((seite - 1) * PER_PAGE)
    ).all()
    return render(
        request, "post.html", user=user, queue=queue, letters=letters, total=total,
        pages=max(1, math.ceil(total / PER_PAGE)), page=seite,
        filters={"name": name, "amt": amt, "zustand": zustand, "von": von, "bis": bis},
        departments=department_names(session), statuses=STATUS_GERMAN, counts=_counts(session),
    )  # fmt: skip


@router.get("/post/qualitaet", response_class=HTMLResponse)
def quality_page(request: Request, user: Clerk, session: DbSession) -> Response:
    """Precision and coverage per department: rules, the learned classifier, people."""
    from robots.suggestions import QUALITY_COLUMNS, held_out_lines, quality, quality_rows

    report = quality(session)
    return render(
        request, "qualitaet.html", user=user, columns=QUALITY_COLUMNS, rows=quality_rows(report),
        held_out=held_out_lines(report), departments=department_names(session),
    )  # fmt: skip


def _day(text: str) -> datetime | None:
    try:
        return datetime.strptime(text, "%Y-%m-%d").replace(tzinfo=BERLIN).astimezone(UTC)
    except ValueError:
        return None


def _counts(session: Session, days: int = 14) -> tuple[list[str], list[tuple[str, list[int]]]]:
    """Letters received per department and day (German local days), for the last two weeks."""
    since = datetime.now(UTC) - timedelta(days=days)
    rows = session.execute(
        select(Letter.received_at, Letter.department).where(Letter.received_at >= since)
    ).all()
    labels = [
        (datetime.now(BERLIN) - timedelta(days=offset)).strftime("%d.%m.")
        for offset in range(days - 1, -1, -1)
    ]
    table: dict[str, list[int]] = {}
    for received, department in rows:
        day = local(received).strftime("%d.%m.")  # naive (never now) would be UTC
        if day in labels:
            table.setdefault(department or "Prüfung/Quarantäne", [0] * days)[labels.index(day)] += 1
    return labels, sorted(table.items())


def _letter(session: Session, letter_id: int) -> Letter:
    if not known_id(letter_id):
        raise HTTPException(status_code=404, detail="Diesen Brief gibt es nicht.")
    letter = session.scalar(
        select(Letter).where(Letter.id == letter_id).options(selectinload(Letter.events))
    )
    if letter is None:
        raise HTTPException(status_code=404, detail="Diesen Brief gibt es nicht.")
    return letter


@router.get("/post/{letter_id}", response_class=HTMLResponse)
def letter_page(request: Request, letter_id: int, user: Clerk, session: DbSession) -> Response:
    letter = _letter(session, letter_id)
    names = department_names(session)
    return render(
        request, "brief.html", user=user, letter=letter, departments=names, statuses=STATUS_GERMAN,
        pages=range(1, (letter.pages or 0) + 1) if _picture_source(letter) else range(0), LetterStatus=LetterStatus,
    )  # fmt: skip


def _picture_source(letter: Letter) -> Path | None:
    """The letter's own file while it is kept: in work or in the archive (never quarantine)."""
    for candidate in (letter.work_file, letter.archive_file):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


@router.get("/post/{letter_id}/seite/{page}.png")  # pages count from 1, as on paper
def letter_picture(letter_id: int, page: int, user: Clerk, session: DbSession) -> Response:
    letter = _letter(session, letter_id)
    source = _picture_source(letter)
    if source is None or not 1 <= page <= (letter.pages or 0):
        raise HTTPException(status_code=404, detail="Dieses Bild gibt es nicht.")
    index = page - 1
    if letter.batch_id and letter.page_from and str(source) == letter.archive_file:
        index += letter.page_from - 1  # the archived original is the whole batch scan
    try:
        png = run_sandboxed(preview_png, str(source), index, seconds=30, memory_mb=1024)
    except DocumentRejected as exc:
        raise HTTPException(status_code=404, detail=str(exc)) from None
    # No browser cache: a page of a letter is personal data (SecurityHeaders adds no-store).
    return Response(png, media_type="image/png")


@router.post("/post/{letter_id}/entscheiden", dependencies=[Depends(check_csrf)])
def decide(
    request: Request,
    user: Clerk,
    session: DbSession,
    letter_id: int,
    amt: str = Form(...),
    kommentar: str = Form(""),
) -> Response:
    username = user.username
    # The mailroom writes in transactions of its own. On SQLite this request's transaction
    # (which read the user) holds the write lock and would make it wait until it times out.
    session.commit()
    mailroom = request.app.state.mailroom()
    try:
        outcome = mailroom.decide_review(letter_id, amt, username, kommentar[:2000])
    except ValueError as exc:
        flash(request, str(exc), "error")
        return RedirectResponse(f"/post/{letter_id}", status_code=303)
    flash(request, f"Brief „{outcome.name}“ an {amt} gegeben und zugestellt.", "success")
    return RedirectResponse("/post#pruefung", status_code=303)
