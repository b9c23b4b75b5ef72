"""The stand-in e-file web application ("DMS-Web 4.2"): routes, sessions and quirks.

Every page except the sign-in page and ``/static`` needs a live session; without
one (or after ``sitzung_sekunden`` of inactivity) it answers 303 to
``/anmeldung?abgelaufen=1&ziel=<path>``, for POST too (the submitted data is lost).
Forms carry a hidden anti-forgery field (:data:`eakte.fields.TOKEN_FIELD`); the
sign-in form's token is paired with a cookie, the others with the session.
"""

from __future__ import annotations

import hmac
import re
import secrets
import unicodedata
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from eakte.config import StandInConfig
from eakte.fields import TOKEN_FIELD, FieldKey
from eakte.state import Quirks, Session, Sessions
from eakte.store import DuplicateAktenzeichen, Store

HERE = Path(__file__).resolve().parent
SESSION_COOKIE = "EAKTE_SID"
SIGN_IN_COOKIE = "EAKTE_ANMELDUNG"  # pairs with the sign-in form's anti-forgery field

EXPIRED = "Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an."
SIGN_IN_FAILED = "Anmeldung fehlgeschlagen"
INTERNAL_ERROR = "Interner Fehler. Bitte versuchen Sie es später erneut."
FORGERY = "Die Sicherheitsprüfung ist fehlgeschlagen. Bitte laden Sie die Seite neu."

GERMAN_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
MAX_BEMERKUNG = 2000
MAX_LINE = 255

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
]


class NotSignedIn(Exception):
    """No live session: the page answers with a redirect to the sign-in form."""


class _Quirky:
    """Security headers on every answer; pages (not /static) slow now and then."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        quirks: Quirks = scope["app"].state.quirks
        path: str = scope["path"]
        if not path.startswith("/static/") and quirks.slow_now():
            await quirks.sleep(quirks.langsam_sekunden)

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += HEADERS
                if not path.startswith("/static/"):
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


async def signed_in(request: Request) -> Session:
    """The caller's live session; without one the page redirects to the sign-in form."""
    sessions: Sessions = request.app.state.sessions
    session = sessions.touch(request.cookies.get(SESSION_COOKIE))
    if session is None:
        raise NotSignedIn
    return session


SignedIn = Annotated[Session, Depends(signed_in)]


def local_target(target: str | None) -> str:
    """``target`` if it is a path on this server, else ``/start`` (no open redirects)."""
    if (
        not target
        or not target.startswith("/")
        or target.startswith(("//", "/\\"))
        or any(ord(c) < 32 or c == "\\" for c in target)
        or target.startswith("/abmelden")
    ):
        return "/start"
    return target


def parse_german_date(text: str) -> date | None:
    match = GERMAN_DATE.fullmatch(text.strip())
    if not match:
        return None
    day, month, year = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def safe_file_name(name: str) -> str:
    """The uploaded name for display only: last path part, NFC, no control characters."""
    name = PurePosixPath(name.replace("\\", "/")).name
    name = "".join(c for c in unicodedata.normalize("NFC", name) if c.isprintable())
    return name.strip()[:MAX_LINE] or "dokument.pdf"


def create_app(config: StandInConfig) -> FastAPI:
    """A stand-in instance with its data in ``config.data_dir``.

    ``app.state`` holds ``config``, ``store`` (:class:`eakte.store.Store`),
    ``quirks`` (:class:`eakte.state.Quirks`, change it at run time) and
    ``sessions`` (:class:`eakte.state.Sessions`, e.g. ``expire_all()``).
    """
    store = Store(config.data_dir)
    quirks = Quirks.from_config(config)
    sessions = Sessions(config.sitzung_sekunden)
    templates = Jinja2Templates(directory=HERE / "templates")

    app = FastAPI(title="DMS-Web (Stand-in)", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.config = config
    app.state.store = store
    app.state.quirks = quirks
    app.state.sessions = sessions
    app.add_middleware(_Quirky)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    def page(
        request: Request,
        template: str,
        session: Session | None,
        status_code: int = 200,
        notice: bool = True,
        **context: Any,
    ) -> Response:
        quirks: Quirks = app.state.quirks
        context.update(
            session=session,
            f=quirks.fields,
            token_field=TOKEN_FIELD,
            token=session.csrf if session else context.get("token", ""),
            hinweis=quirks.notice_now() if session and notice else None,
        )
        return templates.TemplateResponse(request, template, context, status_code=status_code)

    def message_page(
        request: Request, status_code: int, title: str, text: str, session: Session | None = None
    ) -> Response:
        return page(
            request,
            "meldung.html",
            session,
            status_code=status_code,
            notice=False,
            title=title,
            text=text,
        )

    def field(form: FormData, key: FieldKey) -> str:
        value = form.get(app.state.quirks.fields[key].name)
        return value.strip() if isinstance(value, str) else ""

    def forged(form: FormData, expected: str | None) -> bool:
        submitted = form.get(TOKEN_FIELD)
        return not (
            expected
            and isinstance(submitted, str)
            and hmac.compare_digest(expected.encode(), submitted.encode())
        )

    # -- errors -------------------------------------------------------------------------

    @app.exception_handler(NotSignedIn)
    async def _not_signed_in(request: Request, exc: Exception) -> Response:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(
            f"/anmeldung?abgelaufen=1&ziel={quote(target, safe='/')}", status_code=303
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, StarletteHTTPException) else 500
        if status == 404:
            return message_page(request, 404, "Nicht gefunden", "Die Seite wurde nicht gefunden.")
        if status == 405:
            return message_page(request, 405, "Nicht erlaubt", "Diese Aktion ist nicht erlaubt.")
        return message_page(request, status, "Fehler", INTERNAL_ERROR)

    @app.exception_handler(RequestValidationError)
    async def _bad_path(request: Request, exc: Exception) -> Response:
        return message_page(request, 404, "Nicht gefunden", "Die Seite wurde nicht gefunden.")

    # -- sign-in ------------------------------------------------------------------------

    def sign_in_page(
        request: Request, *, failed: bool = False, user: str = "", status_code: int = 200
    ) -> Response:
        token = request.cookies.get(SIGN_IN_COOKIE) or secrets.token_urlsafe(32)
        target = request.query_params.get("ziel")
        action = "/anmeldung" + (f"?ziel={quote(target, safe='/')}" if target else "")
        response = page(
            request,
            "anmeldung.html",
            None,
            status_code=status_code,
            token=token,
            action=action,
            expired=request.query_params.get("abgelaufen") == "1" and not failed,
            expired_text=EXPIRED,
            failed=failed,
            failed_text=SIGN_IN_FAILED,
            user=user,
        )
        response.set_cookie(
            SIGN_IN_COOKIE, token, httponly=True, samesite="strict", path="/anmeldung"
        )
        return response

    @app.get("/")
    async def root() -> Response:
        return RedirectResponse("/start", status_code=303)

    @app.get("/anmeldung")
    async def sign_in_form(request: Request) -> Response:
        return sign_in_page(request)

    @app.post("/anmeldung")
    async def sign_in(request: Request) -> Response:
        form = await request.form(max_files=0, max_fields=20)
        if forged(form, request.cookies.get(SIGN_IN_COOKIE)):
            return message_page(request, 400, "Sicherheitsprüfung", FORGERY)
        user = field(form, "benutzer")
        password = form.get(app.state.quirks.fields["kennwort"].name)
        config: StandInConfig = app.state.config
        if not (
            isinstance(password, str)
            and hmac.compare_digest(user.encode(), config.benutzer.encode())
            and hmac.compare_digest(password.encode(), config.kennwort.encode())
        ):
            return sign_in_page(request, failed=True, user=user)
        app.state.sessions.end(request.cookies.get(SESSION_COOKIE))
        sid = app.state.sessions.start(config.benutzer)
        response = RedirectResponse(local_target(request.query_params.get("ziel")), status_code=303)
        response.set_cookie(SESSION_COOKIE, sid, httponly=True, samesite="lax", path="/")
        return response

    @app.get("/abmelden")
    async def sign_out(request: Request) -> Response:
        app.state.sessions.end(request.cookies.get(SESSION_COOKIE))
        response = RedirectResponse("/anmeldung", status_code=303)
        response.delete_cookie(SESSION_COOKIE, path="/")
        return response

    # -- pages ---------------------------------------------------------------------------

    @app.get("/start")
    async def start(request: Request, session: SignedIn) -> Response:
        return page(request, "start.html", session)

    @app.get("/akten/suche")
    async def search(request: Request, session: SignedIn) -> Response:
        query = request.query_params.get(app.state.quirks.fields["suche_aktenzeichen"].name)
        results = None
        error = None
        if query is not None:
            if query.strip():
                found = await run_in_threadpool(app.state.store.find_file, query)
                results = [found] if found else []
            else:
                error = "Bitte ein Aktenzeichen eingeben."
        return page(request, "suche.html", session, query=query or "", results=results, error=error)

    @app.get("/akten/neu")
    async def new_file_form(request: Request, session: SignedIn) -> Response:
        return page(request, "akte_neu.html", session, values={}, errors=[])

    @app.post("/akten/neu")
    async def new_file(request: Request, session: SignedIn) -> Response:
        form = await request.form(max_files=0, max_fields=20)
        if forged(form, session.csrf):
            return message_page(request, 400, "Sicherheitsprüfung", FORGERY, session)
        values = {
            key: field(form, key) for key in ("aktenzeichen", "titel", "organisationseinheit")
        }
        errors = []
        if not values["aktenzeichen"]:
            errors.append("Aktenzeichen fehlt.")
        if not values["titel"]:
            errors.append("Titel fehlt.")
        if not values["organisationseinheit"]:
            errors.append("Organisationseinheit fehlt.")
        errors += [
            f"{label} ist zu lang (höchstens {MAX_LINE} Zeichen)."
            for key, label in (
                ("aktenzeichen", "Aktenzeichen"),
                ("titel", "Titel"),
                ("organisationseinheit", "Organisationseinheit"),
            )
            if len(values[key]) > MAX_LINE
        ]
        if not errors:
            try:
                created = await run_in_threadpool(
                    app.state.store.create_file,
                    values["aktenzeichen"],
                    values["titel"],
                    values["organisationseinheit"],
                )
            except DuplicateAktenzeichen:
                errors.append("Das Aktenzeichen ist bereits vergeben.")
            else:
                return RedirectResponse(f"/akten/{created.id}", status_code=303)
        return page(request, "akte_neu.html", session, values=values, errors=errors)

    @app.get("/akten/{akte_id}")
    async def file_page(request: Request, session: SignedIn, akte_id: int) -> Response:
        store: Store = app.state.store
        akte = await run_in_threadpool(store.file, akte_id)
        if akte is None:
            return message_page(request, 404, "Nicht gefunden", "Akte nicht gefunden.", session)
        documents = await run_in_threadpool(store.documents_of, akte_id)
        return page(request, "akte.html", session, akte=akte, documents=documents)

    @app.get("/akten/{akte_id}/dokument-neu")
    async def new_document_form(request: Request, session: SignedIn, akte_id: int) -> Response:
        akte = await run_in_threadpool(app.state.store.file, akte_id)
        if akte is None:
            return message_page(request, 404, "Nicht gefunden", "Akte nicht gefunden.", session)
        return page(request, "dokument_neu.html", session, akte=akte, values={}, errors=[])

    @app.post("/akten/{akte_id}/dokument-neu")
    async def new_document(request: Request, session: SignedIn, akte_id: int) -> Response:
        store: Store = app.state.store
        quirks: Quirks = app.state.quirks
        config: StandInConfig = app.state.config
        akte = await run_in_threadpool(store.file, akte_id)
        if akte is None:
            return message_page(request, 404, "Nicht gefunden", "Akte nicht gefunden.", session)
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > config.max_upload_bytes + 1024 * 1024:
            return message_page(request, 413, "Datei zu groß", too_large(config), session)
        async with request.form(max_files=1, max_fields=20) as form:
            if forged(form, session.csrf):
                return message_page(request, 400, "Sicherheitsprüfung", FORGERY, session)
            values = {
                key: field(form, key)
                for key in ("eingangsdatum", "absender", "betreff", "bemerkung")
            }
            errors = []
            upload = form.get(quirks.fields["datei"].name)
            if not isinstance(upload, UploadFile) or not upload.filename:
                errors.append("Bitte eine Datei auswählen.")
            if not values["eingangsdatum"]:
                errors.append("Eingangsdatum fehlt.")
            eingang = parse_german_date(values["eingangsdatum"])
            if values["eingangsdatum"] and eingang is None:
                if GERMAN_DATE.fullmatch(values["eingangsdatum"]):
                    errors.append("Das Eingangsdatum ist kein gültiges Datum.")
                else:
                    errors.append("Eingangsdatum im Format TT.MM.JJJJ angeben.")
            if not values["betreff"]:
                errors.append("Betreff fehlt.")
            if len(values["betreff"]) > MAX_LINE:
                errors.append(f"Der Betreff ist zu lang (höchstens {MAX_LINE} Zeichen).")
            if len(values["absender"]) > MAX_LINE:
                errors.append(f"Der Absender ist zu lang (höchstens {MAX_LINE} Zeichen).")
            if len(values["bemerkung"]) > MAX_BEMERKUNG:
                errors.append(f"Die Bemerkung ist zu lang (höchstens {MAX_BEMERKUNG} Zeichen).")
            spooled = None
            if isinstance(upload, UploadFile) and upload.filename:
                spooled = await run_in_threadpool(store.spool, upload.file, config.max_upload_bytes)
                if spooled is None:
                    errors.append(too_large(config))
                elif spooled.size == 0:
                    errors.append("Die Datei ist leer.")
                elif b"%PDF-" not in spooled.head:
                    errors.append("Nur PDF-Dateien sind erlaubt.")
            if errors or spooled is None or eingang is None or not isinstance(upload, UploadFile):
                if spooled is not None:
                    store.discard(spooled)
                return page(
                    request, "dokument_neu.html", session, akte=akte, values=values, errors=errors
                )
            if quirks.take_upload_failure():
                store.discard(spooled)
                return message_page(request, 500, "Fehler", INTERNAL_ERROR, session)
            document = await run_in_threadpool(
                lambda: store.add_document(
                    akte_id,
                    spooled,
                    dateiname=safe_file_name(upload.filename or ""),
                    eingangsdatum=eingang,
                    absender=values["absender"],
                    betreff=values["betreff"],
                    bemerkung=values["bemerkung"],
                )
            )
        if quirks.take_failure_after_saving():
            return message_page(request, 500, "Fehler", INTERNAL_ERROR, session)
        return RedirectResponse(f"/dokumente/{document.nummer}/bestaetigung", status_code=303)

    @app.get("/dokumente/{nummer}/bestaetigung")
    async def confirmation(request: Request, session: SignedIn, nummer: str) -> Response:
        store: Store = app.state.store
        document = await run_in_threadpool(store.document, nummer)
        akte = None
        if document is not None:
            akte = await run_in_threadpool(store.find_file, document.aktenzeichen)
        if document is None or akte is None:
            return message_page(request, 404, "Nicht gefunden", "Dokument nicht gefunden.", session)
        return page(request, "bestaetigung.html", session, document=document, akte=akte)

    @app.get("/dokumente/{nummer}/datei")
    async def document_file(request: Request, session: SignedIn, nummer: str) -> Response:
        store: Store = app.state.store
        document = await run_in_threadpool(store.document, nummer)
        if document is None:
            return message_page(request, 404, "Nicht gefunden", "Dokument nicht gefunden.", session)
        return FileResponse(
            store.file_path(document.sha256),
            media_type="application/pdf",
            filename=document.dateiname,
        )

    return app


def too_large(config: StandInConfig) -> str:
    limit = config.max_upload_bytes
    if limit < 1024 * 1024:
        shown = f"{-(-limit // 1024)} KB"
    else:
        shown = f"{limit / (1024 * 1024):.1f}".removesuffix(".0").replace(".", ",") + " MB"
    return f"Die Datei ist zu groß (höchstens {shown})."
