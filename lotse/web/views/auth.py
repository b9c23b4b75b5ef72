"""Signing in and out (``GET/POST /login`` is a contract for outside scripts)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from lotse.users import (
    MAX_PASSWORD_LENGTH,
    MAX_USERNAME_LENGTH,
    User,
    UserError,
    authenticate,
    end_sessions,
    set_password,
    verify_password,
)
from lotse.web.core import (
    PASSWORD_PAGE,
    DbSession,
    OneHandOff,
    SignedIn,
    check_csrf,
    flash,
    render,
    request_address,
)
from lotse.web.security import LoginThrottle, Verdict, csrf_token

router = APIRouter(route_class=OneHandOff)


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
    throttle: LoginThrottle = request.app.state.login_throttle
    address = request_address(request)
    shown = username[:MAX_USERNAME_LENGTH]

    def page(status: int, error: str) -> Response:
        return render(
            request, "login.html", status_code=status, next=_safe_next(next), username=shown,
            error=error,
        )  # fmt: skip

    # Before any hashing: a refused attempt costs no CPU.
    verdict = throttle.check(address, username)
    if not verdict.allowed:
        return page(429, _wait_message(verdict))
    too_long = len(username) > MAX_USERNAME_LENGTH * 4 or len(password) > MAX_PASSWORD_LENGTH
    user = None if too_long else authenticate(session, username, password)
    if user is None:
        throttle.failed(address, username)
        return page(401, "Benutzername oder Passwort stimmen nicht.")
    throttle.succeeded(address, username)
    request.session.clear()  # a new session on sign-in: no session fixation
    request.session["user_id"] = user.id
    request.session["generation"] = user.session_generation
    csrf_token(request)
    if user.must_change_password:
        return RedirectResponse(PASSWORD_PAGE, status_code=303)
    return RedirectResponse(_safe_next(next), status_code=303)


def _wait_message(verdict: Verdict) -> str:
    seconds = verdict.wait_seconds
    wait = f"{seconds} Sekunde" if seconds == 1 else f"{seconds} Sekunden"
    if verdict.reason == "address":
        return f"Zu viele Fehlversuche von diesem Rechner. Bitte in {wait} erneut versuchen."
    return f"Zu viele Fehlversuche für diesen Benutzer. Bitte in {wait} erneut versuchen."


@router.get(PASSWORD_PAGE, response_class=HTMLResponse)
def password_form(request: Request, user: SignedIn) -> Response:
    return render(request, "passwort.html", user=user)


@router.post(PASSWORD_PAGE, dependencies=[Depends(check_csrf)])
def change_password(
    request: Request,
    user: SignedIn,
    session: DbSession,
    aktuell: str = Form(""),
    neu: str = Form(""),
    wiederholung: str = Form(""),
) -> Response:
    """The user's own new password; their other sessions end, this one goes on."""
    throttle: LoginThrottle = request.app.state.login_throttle
    address = request_address(request)

    def again(status: int, error: str) -> Response:
        return render(request, "passwort.html", status_code=status, user=user, error=error)

    # A session left open on a shared desk must not let anyone guess the password.
    verdict = throttle.check(address, user.username)
    if not verdict.allowed:
        return again(429, _wait_message(verdict))
    if len(aktuell) > MAX_PASSWORD_LENGTH or not verify_password(user, aktuell):
        throttle.failed(address, user.username)
        return again(400, "Das bisherige Passwort stimmt nicht.")
    throttle.succeeded(address, user.username)
    if neu != wiederholung:
        return again(400, "Die beiden neuen Passwörter stimmen nicht überein.")
    if neu == aktuell:
        return again(400, "Das neue Passwort muss sich vom bisherigen unterscheiden.")
    if neu.casefold() == user.username.casefold():
        return again(400, "Das Passwort darf nicht der Benutzername sein.")
    try:
        set_password(session, user, neu)
    except UserError as exc:
        return again(400, str(exc))
    session.flush()
    request.session["generation"] = user.session_generation
    flash(request, "Ihr Passwort ist geändert. Andere Anmeldungen sind beendet.", "success")
    return RedirectResponse("/", status_code=303)


@router.post("/logout", dependencies=[Depends(check_csrf)])
def logout(request: Request, session: DbSession) -> Response:
    """Ends this user's sessions everywhere, including copies of the cookie."""
    user_id = request.session.get("user_id")
    user = session.get(User, user_id) if isinstance(user_id, int) else None
    if user is not None:
        end_sessions(user)
    request.session.clear()
    return RedirectResponse("/login", status_code=303)
