"""Signing in and out (``GET/POST /login`` is a contract for outside scripts)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from lotse.users import User, authenticate, end_sessions
from lotse.web.core import DbSession, check_csrf, render
from lotse.web.security import csrf_token

router = APIRouter()


def _safe_next(target: str | None) -> str:
    """Only paths on this site: no "//evil.example", "https://…" or "/\t/evil" redirects."""
    if (
        target
        and target.startswith("/")
        and not target.startswith("//")
        and "\\" not in target
        and target.isprintable()  # browsers drop tabs and newlines: "/\t/x" would be "//x"
    ):
        return target
    return "/"


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/") -> Response:
    return render(request, "login.html", next=_safe_next(next), username="")


@router.post("/login", dependencies=[Depends(check_csrf)])
def login(
    request: Request,
    session: DbSession,
    username: str = Form(""),
    password: str = Form(""),
    next: str = Form("/"),
) -> Response:
    limiter = request.app.state.login_limiter
    address = request.client.host if request.client else "?"
    if limiter.blocked(address, username):
        return render(
            request, "login.html", status_code=429, next=_safe_next(next), username=username,
            error="Zu viele Fehlversuche. Bitte warten Sie einige Minuten.",
        )  # fmt: skip
    user = authenticate(session, username, password)
    if user is None:
        limiter.failed(address, username)
        return render(
            request, "login.html", status_code=401, next=_safe_next(next), username=username,
            error="Benutzername oder Passwort stimmen nicht.",
        )  # fmt: skip
    limiter.succeeded(address, username)
    request.session.clear()  # a new session on sign-in: no session fixation
    request.session["user_id"] = user.id
    request.session["generation"] = user.session_generation
    csrf_token(request)
    return RedirectResponse(_safe_next(next), status_code=303)


@router.post("/logout", dependencies=[Depends(check_csrf)])
def logout(request: Request, session: DbSession) -> Response:
    """Ends this user's sessions everywhere, including copies of the cookie."""
    user_id = request.session.get("user_id")
    user = session.get(User, user_id) if isinstance(user_id, int) else None
    if user is not None:
        end_sessions(user)
    request.session.clear()
    return RedirectResponse("/login", status_code=303)
