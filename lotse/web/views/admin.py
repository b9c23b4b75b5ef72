"""User administration (role ``admin``)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select

from lotse.users import Role, User, UserError, add_user, end_sessions, set_password
from lotse.web.core import AdminUser, DbSession, OneHandOff, check_csrf, flash, known_id, render
from processes.departments import department_names

router = APIRouter(route_class=OneHandOff)


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
            # The admin knows this password: the new user chooses their own at first sign-in.
            person = add_user(
                session, benutzername, passwort, role, amt or None, must_change_password=True
            )
    except (UserError, ValueError) as exc:
        flash(request, str(exc) if isinstance(exc, UserError) else "Unbekannte Rolle.", "error")
    else:
        flash(request, f"Benutzer „{person.username}“ angelegt.", "success")
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


@router.post("/admin/benutzer/{user_id}/passwort", dependencies=[Depends(check_csrf)])
def reset_password(
    request: Request,
    user_id: int,
    user: AdminUser,
    session: DbSession,
    passwort: str = Form(...),
) -> Response:
    """A temporary password for someone who forgot theirs: to be changed at next sign-in."""
    person = session.get(User, user_id) if known_id(user_id) else None
    if person is None:
        raise HTTPException(status_code=404, detail="Diesen Benutzer gibt es nicht.")
    if person.id == user.id:
        flash(request, "Ihr eigenes Passwort ändern Sie unter „Passwort ändern“.", "error")
        return RedirectResponse("/admin/benutzer", status_code=303)
    try:
        set_password(session, person, passwort, temporary=True)
    except UserError as exc:
        flash(request, str(exc), "error")
    else:
        flash(
            request,
            f"Neues vorläufiges Passwort für „{person.username}“ gesetzt; alle Sitzungen sind "
            "beendet, bei der nächsten Anmeldung muss es geändert werden.",
            "success",
        )
    return RedirectResponse("/admin/benutzer", status_code=303)
