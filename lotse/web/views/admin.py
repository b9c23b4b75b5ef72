"""User administration (role ``admin``)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select

from lotse.users import Role, User, UserError, add_user, end_sessions
from lotse.web.core import AdminUser, DbSession, check_csrf, flash, known_id, render
from processes.departments import department_names

router = APIRouter()


@router.get("/admin/benutzer", response_class=HTMLResponse)
def users(request: Request, user: AdminUser, session: DbSession) -> Response:
    people = session.scalars(select(User).order_by(User.username)).all()
    return render(
        request,
        "benutzer.html",
        user=user,
        people=people,
        roles=list(Role),
        departments=department_names(session),
    )


@router.post("/admin/benutzer", dependencies=[Depends(check_csrf)])
def create(
    request: Request,
    user: AdminUser,
    session: DbSession,
    benutzername: str = Form(...),
    passwort: str = Form(...),
    rolle: str = Form(...),
    amt: str = Form(""),
) -> Response:
    try:
        role = Role(rolle)
        if amt and amt not in department_names(session):
            raise UserError(f"Das Amt „{amt}“ ist unbekannt.")
        with session.begin_nested():
            add_user(session, benutzername, passwort, role, amt or None)
    except (UserError, ValueError) as exc:
        flash(request, str(exc) if isinstance(exc, UserError) else "Unbekannte Rolle.", "error")
    else:
        flash(request, f"Benutzer „{benutzername}“ angelegt.", "success")
    return RedirectResponse("/admin/benutzer", status_code=303)


@router.post("/admin/benutzer/{user_id}/aktiv", dependencies=[Depends(check_csrf)])
def toggle(request: Request, user_id: int, user: AdminUser, session: DbSession) -> Response:
    person = session.get(User, user_id) if known_id(user_id) else None
    if person is None:
        raise HTTPException(status_code=404, detail="Diesen Benutzer gibt es nicht.")
    if person.id == user.id:
        flash(request, "Sie können sich nicht selbst sperren.", "error")
    else:
        person.active = not person.active
        end_sessions(person)  # a locked user is out at once, also after unlocking
        flash(
            request,
            f"„{person.username}“ ist jetzt {'aktiv' if person.active else 'gesperrt'}.",
            "success",
        )
    return RedirectResponse("/admin/benutzer", status_code=303)
