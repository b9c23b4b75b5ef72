"""The mailroom for clerks: review queue, a letter with its picture and text, trails, counts."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload
from starlette.concurrency import run_in_threadpool

from common.clock import BERLIN, local
from lotse.users import User
from lotse.web.core import (
    Clerk,
    DbSession,
    OneHandOff,
    check_csrf,
    flash,
    known_id,
    lotse_app,
    page_number,
    render,
)
from processes.departments import department_names
from robots.decisions import (
    COMMENT_LIMIT,
    OUTCOME_GERMAN,
    Choice,
    ChoiceError,
    LetterCopy,
    Outcome,
    ReviewOutcome,
)
from robots.errors import DocumentRejected
from robots.letters import STATUS_GERMAN, Letter, LetterStatus
from robots.preview import preview_png
from robots.review import pending, review_queue
from robots.sandbox import run_sandboxed

router = APIRouter(route_class=OneHandOff)
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
    waiting = review_queue(session, limit=200)
    decided = pending(session, [letter.id for letter in waiting])
    queue = [letter for letter in waiting if letter.id not in decided]
    just_decided = [(letter, decided[letter.id]) for letter in waiting if letter.id in decided]
    names = department_names(session)
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
        pages=max(1, math.ceil(total / PER_PAGE)), page=seite, just_decided=just_decided,
        filters={"name": name, "amt": amt, "zustand": zustand, "von": von, "bis": bis},
        departments=names, statuses=STATUS_GERMAN, counts=_counts(session),
        outcomes=OUTCOME_GERMAN, last=_last_decision(session, user, names),
    )  # fmt: skip


@router.get("/post/qualitaet", response_class=HTMLResponse)
def quality_page(request: Request, user: Clerk, session: DbSession) -> Response:
    """Precision and coverage per department: rules, the learned classifier, people."""
    from robots.suggestions import (
        QUALITY_COLUMNS,
        held_out_lines,
        quality,
        quality_rows,
        without_department_line,
    )

    report = quality(session)
    return render(
        request, "qualitaet.html", user=user, columns=QUALITY_COLUMNS, rows=quality_rows(report),
        held_out=held_out_lines(report), departments=department_names(session),
        without=without_department_line(report),
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
    return _letter_page(request, user, session, _letter(session, letter_id))


def _letter_page(
    request: Request, user: User, session: Session, letter: Letter, *, status_code: int = 200,
    typed: dict[str, Any] | None = None, problem: str = "",
) -> Response:  # fmt: skip
    """The letter; in review with the desk (after a refused decision: what was chosen)."""
    names = department_names(session)
    waiting = pending(session, [letter.id]).get(letter.id)
    queue = _waiting_ids(session)
    return render(
        request, "brief.html", status_code=status_code, user=user, letter=letter,
        departments=names, by_name=sorted(names.items(), key=lambda item: item[1].casefold()),
        statuses=STATUS_GERMAN, LetterStatus=LetterStatus, outcomes=OUTCOME_GERMAN,
        pages=range(1, (letter.pages or 0) + 1) if _picture_source(letter) else range(0),
        reasons_for=_reasons_by_candidate(letter, names), pending=waiting,
        copies=_copies(session, letter.id), last=_last_decision(session, user, names),
        typed=typed or {}, problem=problem, queue_left=len([i for i in queue if i != letter.id]),
        undo_minutes=_undo_minutes(request),
    )  # fmt: skip


def _undo_minutes(request: Request) -> float:
    return float(lotse_app(request).settings.mail_undo_minutes)


def _reasons_by_candidate(letter: Letter, names: dict[str, str]) -> dict[str, list[str]]:
    """The robot's reasons grouped by the Amt they speak for ("… → 33 Bürgeramt (+3)")."""
    grouped: dict[str, list[str]] = {}
    for entry in letter.candidates or []:
        code = str(entry[0])
        label = f"→ {code} {names.get(code, '')}".strip()
        grouped[code] = [r for r in letter.reasons or [] if label in r or f"→ {code} " in r]
    return grouped


def _copies(session: Session, letter_id: int) -> list[LetterCopy]:
    return list(
        session.scalars(
            select(LetterCopy).where(LetterCopy.letter_id == letter_id).order_by(LetterCopy.id)
        )
    )


def _waiting_ids(session: Session) -> list[int]:
    """The review queue without the letters someone decided a moment ago (oldest first)."""
    letters = [letter.id for letter in review_queue(session, limit=500)]
    decided = pending(session, letters)
    return [i for i in letters if i not in decided]


@dataclass(frozen=True, slots=True)
class LastDecision:
    """The user's newest decision not yet carried out: shown with "Rückgängig"."""

    letter_id: int
    letter_name: str
    sentence: str
    due_at: datetime


def _last_decision(session: Session, user: User, names: dict[str, str]) -> LastDecision | None:
    row = session.execute(
        select(ReviewOutcome, Letter.name)
        .join(Letter, Letter.id == ReviewOutcome.letter_id)
        .where(
            ReviewOutcome.decided_by == user.username,
            ReviewOutcome.applied_at.is_(None),
            ReviewOutcome.undone_at.is_(None),
        )
        .order_by(ReviewOutcome.id.desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    decision, name = row
    return LastDecision(decision.letter_id, name, decision.choice.sentence(names), decision.due_at)


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


# What the desk's buttons send as "aktion": "amt:CODE" (a suggestion), "zustellen" (the
# Ämter chosen in the list: "original" and "kopie"), or an outcome that delivers nothing.
CLOSING_ACTIONS = {o.value: o for o in Outcome if not o.delivers}


def choice_from_form(form: Mapping[str, Any], copies: list[str], user: str) -> Choice:
    """The desk's form as a :class:`Choice` (pure; checked by the mailroom)."""
    action = str(form.get("aktion") or "")
    comment = str(form.get("kommentar") or "")[:COMMENT_LIMIT]
    extra = tuple(c for c in copies if c)
    if action.startswith("amt:"):
        lead = action.removeprefix("amt:")
        return Choice(Outcome.DELIVER, (lead, *(c for c in extra if c != lead)), "", comment, user)
    if action == "zustellen" or (not action and form.get("amt")):
        # "amt": the desk before 0015b and scripts that post it, one Amt, no copies.
        lead = str(form.get("original") or form.get("amt") or "").strip()
        if not lead:
            raise ChoiceError(
                "Bitte ein Amt wählen, das das Original bekommt (Kopien allein gehen nicht)."
            )
        return Choice(Outcome.DELIVER, (lead, *(c for c in extra if c != lead)), "", comment, user)
    if action == "auto":  # Enter in a field: what was filled in says what is meant
        if str(form.get("an_wen") or "").strip():
            action = Outcome.PRIVATE.value
        elif form.get("original"):
            lead = str(form.get("original"))
            return Choice(
                Outcome.DELIVER, (lead, *(c for c in extra if c != lead)), "", comment, user
            )
        else:
            raise ChoiceError("Bitte eine Entscheidung wählen: Enter allein stellt nichts zu.")
    if action in CLOSING_ACTIONS:
        handed_to = str(form.get("an_wen") or "")
        return Choice(CLOSING_ACTIONS[action], (), handed_to, comment, user)
    raise ChoiceError("Bitte eine der Entscheidungen wählen.")


@router.post("/post/{letter_id}/entscheiden", dependencies=[Depends(check_csrf)])
async def decide(request: Request, user: Clerk, session: DbSession, letter_id: int) -> Response:
    """Write the decision down (carried out after the undo time) and open the next letter."""
    form = await request.form()
    copies = [str(c) for c in form.getlist("kopie")]
    letter = _letter(session, letter_id)
    names = department_names(session)
    following = [i for i in _waiting_ids(session) if i != letter_id]
    # The mailroom writes in transactions of its own. On SQLite this request's transaction
    # (which read the user) holds the write lock and would make it wait until it times out.
    session.commit()
    mailroom = request.app.state.mailroom()
    try:
        choice = choice_from_form(form, copies, user.username)
        recorded = await run_in_threadpool(mailroom.decide, letter_id, choice)
    except ChoiceError as exc:
        # Answered at once: the comment, the name and the ticked Ämter stay as they were.
        typed = {"kommentar": str(form.get("kommentar") or ""), "an_wen": str(form.get("an_wen") or ""),
                 "original": str(form.get("original") or ""), "kopie": copies}  # fmt: skip
        with lotse_app(request).db.read_session() as fresh:
            return _letter_page(request, user, fresh, _letter(fresh, letter_id), status_code=422,
                                typed=typed, problem=str(exc))  # fmt: skip
    # Decisions of this and other clerks whose undo time has passed: carried out now, so
    # that the mail moves on also while no robot run is due.
    await run_in_threadpool(_carry_out_due, mailroom)
    if recorded.due_at <= datetime.now(UTC):  # no undo time: say so; else the undo box does
        flash(request, f"Brief {letter_id} „{letter.name}“: {recorded.choice.sentence(names)}.",
              "success", place="entscheidung")  # fmt: skip
    return RedirectResponse(
        f"/post/{following[0]}" if following else "/post#pruefung", status_code=303
    )


def _carry_out_due(mailroom: Any) -> None:
    for letter_id in mailroom.apply_due_decisions():
        mailroom.process(letter_id)


@router.post("/post/{letter_id}/rueckgaengig", dependencies=[Depends(check_csrf)])
async def undo(request: Request, user: Clerk, session: DbSession, letter_id: int) -> Response:
    """Take a decision back while it waits; the letter is in the queue again."""
    letter = _letter(session, letter_id)
    session.commit()
    mailroom = request.app.state.mailroom()
    try:
        await run_in_threadpool(mailroom.undo_decision, letter_id, user.username)
    except ChoiceError as exc:
        flash(request, str(exc), "error", place="entscheidung")
    else:
        flash(request, f"Entscheidung über Brief {letter_id} „{letter.name}“ rückgängig gemacht; "
              "er wartet wieder auf Sie.", "success", place="entscheidung")  # fmt: skip
    return RedirectResponse(f"/post/{letter_id}", status_code=303)
