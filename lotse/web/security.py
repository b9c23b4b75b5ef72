"""Web hardening: security headers, an upload size limit, sign-in rate limiting, CSRF."""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections import defaultdict, deque
from typing import Any

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# No inline scripts or styles anywhere; drawings are inline SVG with
# presentation attributes only. Charts made by matplotlib (which uses style
# attributes) are loaded as images, where the page's policy does not apply.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


class SecurityHeaders:
    """Adds the security headers to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name for name, _ in message.get("headers", [])}
                message.setdefault("headers", [])
                message["headers"] = [
                    *message["headers"],
                    *[h for h in HEADERS if h[0] not in names],
                ]
            await send(message)

        await self.app(scope, receive, with_headers)


class BodyTooLarge(Exception):
    pass


class BodyLimit:
    """Refuses request bodies above ``limit`` bytes with 413, declared or streamed."""

    def __init__(self, app: ASGIApp, limit: int, shown_mb: float | None = None) -> None:
        self.app = app
        self.limit = limit
        self.shown_mb = shown_mb if shown_mb is not None else limit / (1024 * 1024)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await _too_large(send, self.shown_mb)
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise BodyTooLarge
            return message

        try:
            await self.app(scope, counted, send)
        except BodyTooLarge:
            await _too_large(send, self.shown_mb)


async def _too_large(send: Send, shown_mb: float) -> None:
    mb = f"{shown_mb:.1f}".removesuffix(".0").replace(".", ",")
    text = (
        "<!doctype html><html lang=de><meta charset=utf-8><title>Datei zu groß</title>"
        f"<h1>Datei zu groß</h1><p>Erlaubt sind höchstens {mb} MB.</p></html>"
    ).encode()
    await send({
        "type": "http.response.start",
        "status": 413,
        "headers": [(b"content-type", b"text/html; charset=utf-8"), *HEADERS],
    })  # fmt: skip
    await send({"type": "http.response.body", "body": text})


class LoginLimiter:
    """At most ``attempts`` failed sign-ins per user name and address in ``window`` seconds."""

    def __init__(self, attempts: int = 5, window: float = 300.0) -> None:
        self.attempts = attempts
        self.window = window
        self._failures: dict[tuple[str, str], deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def blocked(self, address: str, username: str) -> bool:
        with self._lock:
            key = (address, _name(username))
            if key not in self._failures:  # no entry for every name ever tried
                return False
            recent = len(self._recent(*key))
            if not recent:
                del self._failures[key]
            return recent >= self.attempts

    def failed(self, address: str, username: str) -> None:
        with self._lock:
            self._recent(address, _name(username)).append(time.monotonic())

    def succeeded(self, address: str, username: str) -> None:
        with self._lock:
            self._failures.pop((address, _name(username)), None)

    def _recent(self, address: str, username: str) -> deque[float]:
        failures = self._failures[(address, username)]
        cutoff = time.monotonic() - self.window
        while failures and failures[0] < cutoff:
            failures.popleft()
        return failures


def _name(username: str) -> str:
    """As sign-in finds the user (surrounding spaces ignored): " anna" counts as "anna"."""
    return username.strip().lower()


# -- CSRF: a synchronizer token per session, in a hidden field of every form ----------


def csrf_token(request: Request) -> str:
    session: dict[str, Any] = request.session
    token = session.get("csrf")
    if not token:
        token = session["csrf"] = secrets.token_urlsafe(32)
    return str(token)


def csrf_valid(request: Request, submitted: str | None) -> bool:
    expected = request.session.get("csrf")
    return bool(expected and submitted and hmac.compare_digest(str(expected), submitted))
