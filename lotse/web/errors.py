"""Answers for everything that goes wrong: German pages, never a stack trace or SQL."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse, Response
from starlette.exceptions import HTTPException
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from lotse.web.core import (
    PASSWORD_PAGE,
    Forbidden,
    LoginRequired,
    PasswordChangeRequired,
    render,
    signed_in_user,
)
from lotse.web.security import BodyTooLarge

log = logging.getLogger(__name__)

TITLES = {404: "Nicht gefunden", 403: "Nicht erlaubt", 405: "Nicht erlaubt", 413: "Datei zu groß"}
CRASH_MESSAGE = (
    "Ein interner Fehler ist aufgetreten. Bitte versuchen Sie es erneut "
    "oder wenden Sie sich an die IT."
)


class CrashGuard:
    """Turns an unexpected exception into the German error page.

    Starlette's own handler for ``Exception`` answers and then re-raises, which makes
    the server drop the connection; catching here keeps keep-alive clients working.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watch(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except BodyTooLarge:  # a streamed upload over the limit: BodyLimit answers 413
            raise
        except Exception:
            request = Request(scope, receive)
            log.exception("Fehler bei %s %s", request.method, request.url.path)
            if started:
                raise
            response = error_page(request, 500, "Fehler", CRASH_MESSAGE)
            await response(scope, receive, send)


def install_error_pages(app: FastAPI) -> None:
    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, exc: LoginRequired) -> Response:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target)}", status_code=303)

    @app.exception_handler(PasswordChangeRequired)
    async def password_change(request: Request, exc: PasswordChangeRequired) -> Response:
        return RedirectResponse(PASSWORD_PAGE, status_code=303)

    @app.exception_handler(Forbidden)
    async def forbidden(request: Request, exc: Forbidden) -> Response:
        return error_page(
            request,
            403,
            "Keine Berechtigung",
            "Für diese Seite oder Aktion fehlt Ihnen die Berechtigung.",
        )

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        # Wrong ids or parameters in a hand-edited address: say so, without the
        # validator's English field dump.
        return error_page(
            request,
            400,
            "Ungültige Anfrage",
            "Die Adresse oder das Formular enthält ungültige Angaben. Bitte über die Navigation neu aufrufen.",
        )

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        detail = (
            exc.detail
            if isinstance(exc.detail, str) and exc.status_code < 500
            else "Ein Fehler ist aufgetreten."
        )
        if exc.status_code == 404 and detail == "Not Found":
            without_slash = _route_without_slash(request)
            if without_slash is not None:
                return RedirectResponse(without_slash, status_code=307)
            detail = "Diese Seite gibt es nicht."
        if exc.status_code == 405:
            detail = "Diese Aktion ist hier nicht möglich."
        return error_page(request, exc.status_code, TITLES.get(exc.status_code, "Fehler"), detail)


def _route_without_slash(request: Request) -> str | None:
    """``/katalog/`` → ``/katalog`` if that is a page; a relative address, no Host in it."""
    path = request.url.path
    if path == "/" or not path.endswith("/"):
        return None
    target = "/" + path.strip("/")  # never "//host": that would leave the site
    scope = {**request.scope, "path": target}
    if not any(route.matches(scope)[0] is Match.FULL for route in request.app.router.routes):
        return None
    return target + (f"?{request.url.query}" if request.url.query else "")


def error_page(request: Request, status: int, title: str, message: str) -> Response:
    user: Any = None
    try:
        if "user_id" in request.session:
            with request.app.state.lotse.db.read_session() as session:
                # Only a valid session shows its user: an old cookie shows no name.
                user = signed_in_user(request.session, session)
                if user is not None:
                    session.expunge(user)
    except Exception:  # the error page must render even when the database is the problem
        user = None
    return render(
        request, "fehler.html", status_code=status, user=user, title=title, message=message
    )
