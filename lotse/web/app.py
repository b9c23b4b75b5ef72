"""The web workbench (FastAPI, server-rendered German pages, no front-end build)."""

from __future__ import annotations

import os
import secrets
from functools import cache
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware

from lotse.app import App, open_app
from lotse.settings import Settings
from lotse.web import health
from lotse.web.access_log import AccessLog
from lotse.web.core import PASSWORD_PAGE, SignInFirst
from lotse.web.errors import CrashGuard, install_error_pages
from lotse.web.security import BodyLimit, LoginThrottle, SecurityHeaders, parse_networks
from lotse.web.views import admin, auth, catalogue, home, mail, pipeline, reports, robots, workshop

SESSION_HOURS = 8
SMALL_FORM_BYTES = 16 * 1024  # sign-in and password forms: a few short fields


def secret_key(settings: Settings) -> str:
    """The configured key, or one created once and kept (owner-only) in the data directory."""
    if settings.secret_key:
        return settings.secret_key
    path = settings.data_dir / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(48))
    return path.read_text().strip()


def served_app() -> FastAPI:
    """The factory each web worker of ``lotse serve --workers N`` calls (its own process).

    Settings come from the environment, as in every Lotse process; the Prefect API
    for ``/healthz`` from Prefect's own variables, which the command set for it.
    """
    import os

    from lotse.serving import _access_log_to_stderr

    _access_log_to_stderr()
    return create_app(
        prefect_api_url=os.environ.get("PREFECT_API_URL") or None,
        prefect_auth=os.environ.get("PREFECT_API_AUTH_STRING"),
    )


def create_app(
    lotse: App | None = None,
    *,
    prefect_api_url: str | None = None,
    prefect_auth: str | None = None,
) -> FastAPI:
    """The workbench; ``prefect_api_url`` (and its basic-auth string) for ``/healthz``."""
    lotse = lotse or open_app()
    settings = lotse.settings
    # No slash redirects from Starlette: they build an absolute address from the Host
    # header. errors.py answers "/katalog/" with a relative redirect instead.
    app = FastAPI(
        title="Lotse", docs_url=None, redoc_url=None, openapi_url=None, redirect_slashes=False
    )
    app.state.lotse = lotse
    app.state.login_throttle = LoginThrottle()
    app.state.trusted_proxies = parse_networks(settings.trusted_proxies)
    app.state.prefect_api_url = prefect_api_url
    app.state.prefect_auth = prefect_auth
    # Built on first use: importing the mailroom (OCR, PDF) costs the web 0.6 s at start.
    app.state.mailroom = cache(lotse.mailroom)

    for router in (
        health.router,
        auth.router,
        home.router,
        catalogue.router,
        pipeline.router,
        reports.router,
        mail.router,
        admin.router,
        robots.router,
        workshop.router,
    ):
        app.include_router(router)
    install_error_pages(app)
    app.mount("/static", StaticFiles(directory=Path(__file__).with_name("static")), name="static")

    # Added innermost first: crash guard inside the session (so the error page knows the
    # user), the sign-in check before any form is read, then sessions, the size limit,
    # headers on every answer and, outermost, the access log (it sees every answer).
    app.add_middleware(CrashGuard)
    app.add_middleware(SignInFirst)
    app.add_middleware(
        SessionMiddleware,
        secret_key=secret_key(settings),
        session_cookie="lotse_sitzung",
        max_age=SESSION_HOURS * 3600,
        same_site="strict",
        https_only=settings.cookie_secure,
    )
    app.add_middleware(
        BodyLimit,
        limit=int(settings.bpmn_max_mb * 1024 * 1024) + 256 * 1024,  # room for the form fields
        shown_mb=settings.bpmn_max_mb,
        small={"/login": SMALL_FORM_BYTES, PASSWORD_PAGE: SMALL_FORM_BYTES},
    )
    app.add_middleware(SecurityHeaders)
    app.add_middleware(AccessLog, trusted_proxies=app.state.trusted_proxies)
    return app
