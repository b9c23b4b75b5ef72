"""What every page needs: the signed-in user, role checks, CSRF, templates, messages."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any, get_args, get_origin, get_type_hints
from urllib.parse import quote

from fastapi import Depends, HTTPException, Request
from fastapi.params import Depends as DependsMarker
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.routing import APIRoute
from fastapi.templating import Jinja2Templates
from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader
from markupsafe import Markup
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Receive, Scope, Send

from common import german
from lotse.app import App
from lotse.users import Role, User
from lotse.visible import visible
from lotse.web.security import client_address, csrf_token, csrf_valid
from processes.models import Status
from processes.pipeline import transitions
from processes.scoring import Quadrant
from processes.workshop.html import TEMPLATES as WORKSHOP_TEMPLATES

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).with_name("templates")))
# The workshop comparison's sections are shared with its offline page: "workshop/…".
TEMPLATES.env.loader = ChoiceLoader(
    [
        FileSystemLoader(Path(__file__).with_name("templates")),
        PrefixLoader({"workshop": FileSystemLoader(WORKSHOP_TEMPLATES)}),
    ]
)
# Templates are compiled once per process and kept: without this Jinja asks the file
# system for each template's time stamp on every page (and a page uses several). The
# templates ship with Lotse and change only with an update, which restarts the server.
TEMPLATES.env.auto_reload = False


class LoginRequired(Exception):
    """Raised by dependencies; answered with a redirect to the sign-in page."""


class Forbidden(Exception):
    """The user is signed in but may not do this; answered with 403 and a German page."""


class PasswordChangeRequired(Exception):
    """Signed in with a password someone else chose; answered with a redirect to /passwort."""


PASSWORD_PAGE = "/passwort"


def lotse_app(request: Request) -> App:
    return request.app.state.lotse  # type: ignore[no-any-return]


READ_ONLY_METHODS = frozenset({"GET", "HEAD"})


def db(request: Request) -> Iterator[Session]:
    """A session in a transaction for one request (committed when the page is done).

    Pages (GET, HEAD) only read: on SQLite their transaction does not take the
    write lock, so concurrent page views neither queue behind each other nor
    wait for an import (see docs/benchmarks.md, "Web workbench").
    """
    database = lotse_app(request).db
    sessions = database.read_session if request.method in READ_ONLY_METHODS else database.session
    with sessions() as session:
        yield session


# scope="function": commit when the view returns, before the answer is sent. With the
# default ("request") FastAPI commits only after sending it, so a browser following the
# 303 after a form could read the page before the change was committed (stale scores).
DbSession = Annotated[Session, Depends(db, scope="function")]


def signed_in_user(cookie: dict[str, Any], session: Session) -> User | None:
    """The user of a session cookie, if that session is still valid.

    A cookie stays readable after signing out, locking or a new password; only the
    generation stored with the user tells that it has ended.
    """
    user_id = cookie.get("user_id")
    if not isinstance(user_id, int) or not known_id(user_id):
        return None
    user = session.get(User, user_id)
    if user is None or not user.active or cookie.get("generation") != user.session_generation:
        return None
    return user


def current_user(request: Request, session: DbSession) -> User:
    user = signed_in_user(request.session, session)
    if user is None:
        if "user_id" in request.session:  # an ended session; an anonymous one keeps its token
            request.session.clear()
        raise LoginRequired
    if user.must_change_password and request.url.path != PASSWORD_PAGE:
        raise PasswordChangeRequired
    return user


def request_address(request: Request) -> str:
    """The client's address; ``X-Forwarded-For`` only from LOTSE_TRUSTED_PROXIES."""
    peer = request.client.host if request.client else None
    return client_address(
        peer, request.headers.get("x-forwarded-for"), request.app.state.trusted_proxies
    )


# Forms anyone may send: everything else is refused before its body is read.
PUBLIC_POSTS = frozenset({"/login"})


class SignInFirst:
    """Sends a state-changing request without a valid session to the sign-in page at once.

    FastAPI parses a form (an upload of up to LOTSE_BPMN_MAX_MB) before any
    dependency runs; without this, anyone could make the server read and spool
    large bodies without signing in. Sits inside the session middleware.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] in READ_ONLY_METHODS
            or scope["path"] in PUBLIC_POSTS
            or await run_in_threadpool(self._valid, scope)
        ):
            await self.app(scope, receive, send)
            return
        if "user_id" in scope.get("session", {}):
            scope["session"].clear()
        # As for pages (LoginRequired): signing in leads back to where the form was sent;
        # signing out without a session needs nothing more.
        path = scope["path"]
        target = "/login" if path == "/logout" else f"/login?next={quote(path)}"
        await RedirectResponse(target, status_code=303)(scope, receive, send)

    def _valid(self, scope: Scope) -> bool:
        cookie = scope.get("session") or {}
        if "user_id" not in cookie:
            return False
        lotse: App = scope["app"].state.lotse
        with lotse.db.read_session() as session:
            return signed_in_user(cookie, session) is not None


def permitted(user: User, roles: tuple[Role, ...]) -> User:
    """The user, if one of ``roles`` (admins always); no roles: any signed-in user."""
    if roles and not user.may(*roles):
        raise Forbidden
    return user


# Each role check's roles, for OneHandOff (which makes the same check in the view's thread).
_ROLE_CHECKS: dict[Callable[..., User], tuple[Role, ...]] = {current_user: ()}


def require(*roles: Role) -> Any:
    """A dependency that lets only these roles (and admins) through."""

    def check(user: Annotated[User, Depends(current_user)]) -> User:
        return permitted(user, roles)

    _ROLE_CHECKS[check] = roles
    return Depends(check)


async def cookie_names_a_user(request: Request) -> None:
    """Without a user in the session cookie, off to the sign-in page before anything else.

    Costs nothing (no database): it keeps the order of the dependencies it replaces in
    OneHandOff's pages, where an anonymous visitor is sent to sign in before the page's
    parameters are checked.
    """
    if "user_id" not in request.session:
        raise LoginRequired


_SESSION = object()  # OneHandOff: "this parameter is the request's database session"


def _dependency(annotation: Any) -> Any:
    """The callable of ``Annotated[..., Depends(callable)]``; None for anything else."""
    if get_origin(annotation) is not Annotated:
        return None
    for extra in get_args(annotation)[1:]:
        if isinstance(extra, DependsMarker):
            return extra.dependency
    return None


def in_one_thread(view: Callable[..., Any]) -> Callable[..., Any]:
    """A plain ``def`` view with its session and sign-in check in its own worker thread.

    FastAPI runs each sync dependency in a worker thread of its own: opening the
    session, checking the user, checking the role, the view and closing the session
    were five hand-offs between the event loop and the thread pool a page, about a
    third of a page's CPU under load (docs/benchmarks.md, "Web workbench"). Here the
    view's parameters ``DbSession``, ``SignedIn`` and the role types (``Reader`` …) are
    taken out of what FastAPI sees and made in the thread that runs the view, with
    the same functions (``db``'s sessions, ``current_user``, ``permitted``): one
    hand-off. The transaction ends (commit, or rollback on an exception) before the
    answer is sent, as with ``DbSession``'s ``scope="function"``.
    """
    hints = get_type_hints(view, include_extras=True)
    made: dict[str, Any] = {}  # parameter -> _SESSION or the roles it needs
    request_name = ""
    kept: list[inspect.Parameter] = []
    for parameter in inspect.signature(view).parameters.values():
        annotation = hints.get(parameter.name, parameter.annotation)
        dependency = _dependency(annotation)
        if dependency is db:
            made[parameter.name] = _SESSION
            continue
        if dependency in _ROLE_CHECKS:
            made[parameter.name] = _ROLE_CHECKS[dependency]
            continue
        if annotation is Request:
            request_name = parameter.name
        kept.append(parameter.replace(annotation=annotation, kind=inspect.Parameter.KEYWORD_ONLY))
    if not made:
        return view
    added = not request_name
    if added:
        request_name = "lotse_request"
        kept.append(
            inspect.Parameter(request_name, inspect.Parameter.KEYWORD_ONLY, annotation=Request)
        )
    if any(what is not _SESSION for what in made.values()):
        kept.append(
            inspect.Parameter(
                "lotse_signed_in", inspect.Parameter.KEYWORD_ONLY,
                annotation=Annotated[None, Depends(cookie_names_a_user)],
            )
        )  # fmt: skip

    def page(**values: Any) -> Any:
        values.pop("lotse_signed_in", None)
        request: Request = values.pop(request_name) if added else values[request_name]
        database = lotse_app(request).db
        sessions = (
            database.read_session if request.method in READ_ONLY_METHODS else database.session
        )
        with sessions() as session:
            for name, what in made.items():
                values[name] = (
                    session if what is _SESSION else permitted(current_user(request, session), what)
                )
            return view(**values)

    page.__name__, page.__qualname__, page.__doc__ = view.__name__, view.__qualname__, view.__doc__
    page.__module__ = view.__module__
    page.__signature__ = inspect.Signature(kept, return_annotation=hints.get("return", Any))  # type: ignore[attr-defined]
    return page


class OneHandOff(APIRoute):
    """Routes whose plain ``def`` views take one trip to the thread pool a request (see
    :func:`in_one_thread`); ``async def`` views keep FastAPI's dependencies."""

    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        if not inspect.iscoroutinefunction(endpoint):
            endpoint = in_one_thread(endpoint)
        super().__init__(path, endpoint, **kwargs)


SignedIn = Annotated[User, Depends(current_user)]
Pilot = Annotated[User, require(Role.LOTSE, Role.IT)]
# The catalogue, its reports and the overview: everyone but the mailroom's clerks.
Reader = Annotated[User, require(Role.LOTSE, Role.IT)]
# The mailroom: its clerks and IT.
Clerk = Annotated[User, require(Role.POSTSTELLE, Role.IT)]
ItUser = Annotated[User, require(Role.IT)]
AdminUser = Annotated[User, require(Role.ADMIN)]


async def check_csrf(request: Request) -> None:
    """Every state-changing request carries the session's token in ``csrf_token``."""
    form = await request.form()
    submitted = form.get("csrf_token")
    if not csrf_valid(request, submitted if isinstance(submitted, str) else None):
        raise HTTPException(
            status_code=403,
            detail="Das Formular ist abgelaufen oder stammt nicht von dieser Seite. Bitte neu laden.",
        )


def flash(request: Request, message: str, kind: str = "info", place: str = "") -> None:
    """A message for the next page; ``place`` puts it where the user is (a section id)
    instead of at the top of the page."""
    messages = list(request.session.get("flash", []))
    messages.append({"text": message, "kind": kind, "place": place})
    request.session["flash"] = messages


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    user: User | None = context.pop("user", None)
    messages = request.session.pop("flash", []) if "session" in request.scope else []
    base = {
        "request": request,
        "user": user,
        "csrf_token": csrf_token(request),
        "messages": messages,
        "prefect_ui_url": lotse_app(request).settings.prefect_ui_url,
        "Role": Role,
    }
    return TEMPLATES.TemplateResponse(
        request, template, {**base, **context}, status_code=status_code
    )


# Ids are 32-bit integers on PostgreSQL (and SQLite refuses anything above 64 bits): a
# larger number in a hand-edited address is "not found", never a database error.
MAX_ID = 2**31 - 1
MAX_PAGE = 100_000


def known_id(value: int) -> bool:
    return 0 < value <= MAX_ID


def page_number(value: int) -> int:
    return min(max(1, value), MAX_PAGE)


# -- formatting in templates ---------------------------------------------------------


# num, pct, when and day are the one German formatter's (common.german): Berlin time,
# "86 %", the typographic minus.


def _shown(value: Any) -> Any:
    """Every ``{{ … }}`` of every page: invisible direction and control characters visible."""
    if isinstance(value, Markup):
        return Markup(visible(str(value)))
    if isinstance(value, str):
        return visible(value)
    return value


TEMPLATES.env.finalize = _shown
TEMPLATES.env.filters.update(num=german.num, pct=german.pct, when=german.when, day=german.day)
TEMPLATES.env.globals.update(
    quadrant_names={quadrant.value: quadrant.german for quadrant in Quadrant},
    status_names={status.value: status.german for status in Status},
    transitions=transitions,
)
