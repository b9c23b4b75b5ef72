"""Web hardening: security headers, an upload size limit, sign-in rate limiting, CSRF."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import math
import secrets
import threading
import time
import unicodedata
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
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
# Pages show personal data (letters, names): no copy in browser or proxy caches, nor in
# the back-button history after signing out. Only the static files may be cached.
NO_STORE = (b"cache-control", b"no-store")


class SecurityHeaders:
    """Adds the security headers to every response, and ``no-store`` to every page."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        static = scope["path"].startswith("/static/")

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name.lower() for name, _ in message.get("headers", [])}
                wanted = HEADERS if static else [*HEADERS, NO_STORE]
                message["headers"] = [
                    *message.get("headers", []),
                    *[h for h in wanted if h[0] not in names],
                ]
            await send(message)

        await self.app(scope, receive, with_headers)


class BodyTooLarge(Exception):
    pass


class BodyLimit:
    """Refuses request bodies above ``limit`` bytes with 413, declared or streamed.

    ``small`` gives paths whose forms hold a few short fields (sign-in, passwords) a
    much lower limit: their forms are parsed before anyone is signed in.
    """

    def __init__(
        self,
        app: ASGIApp,
        limit: int,
        shown_mb: float | None = None,
        small: dict[str, int] | None = None,
    ) -> None:
        self.app = app
        self.limit = limit
        self.shown_mb = shown_mb if shown_mb is not None else limit / (1024 * 1024)
        self.small = small or {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.small.get(scope["path"], self.limit)
        shown = None if scope["path"] in self.small else self.shown_mb
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await _too_large(send, shown)
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge
            return message

        try:
            await self.app(scope, counted, send)
        except BodyTooLarge:
            await _too_large(send, shown)


async def _too_large(send: Send, shown_mb: float | None) -> None:
    if shown_mb is None:
        title, detail = "Anfrage zu groß", "Das Formular enthält mehr Text als erlaubt."
    else:
        mb = f"{shown_mb:.1f}".removesuffix(".0").replace(".", ",")
        title, detail = "Datei zu groß", f"Erlaubt sind höchstens {mb} MB."
    text = (
        f"<!doctype html><html lang=de><meta charset=utf-8><title>{title}</title>"
        f"<h1>{title}</h1><p>{detail}</p></html>"
    ).encode()
    await send({
        "type": "http.response.start",
        "status": 413,
        "headers": [(b"content-type", b"text/html; charset=utf-8"), *HEADERS, NO_STORE],
    })  # fmt: skip
    await send({"type": "http.response.body", "body": text})


# -- sign-in throttling ------------------------------------------------------------------

MAX_USERNAME = 100  # longer names cannot exist (users.username is String(100))


@dataclass(frozen=True, slots=True)
class Verdict:
    """Whether a sign-in attempt may be checked now; if not, for how long to wait."""

    allowed: bool
    wait_seconds: int = 0
    reason: str = ""  # "address" or "account"


@dataclass(slots=True)
class _Account:
    failures: int = 0
    last_failure: float = 0.0
    next_allowed: float = 0.0


@dataclass(slots=True)
class _Address:
    tokens: float
    updated: float


class LoginThrottle:
    """Slows down password guessing before any password is hashed.

    Per account: after ``free_failures`` wrong passwords, each further attempt has
    to wait for a delay that doubles (1 s, 2 s, 4 s …) up to ``max_delay`` and
    never beyond: guessing slows to a crawl, the owner is never locked out (the
    old limiter, keyed on address and name, let anyone behind the same proxy keep
    the admin out). Per address: at most ``address_attempts`` failed or refused
    attempts per ``address_window`` across all names, refilled evenly.

    State is bounded whatever is sent: names are kept as 16-byte digests and the
    least recently seen entries give way above ``max_entries``.
    """

    def __init__(
        self,
        *,
        free_failures: int = 5,
        max_delay: float = 30.0,
        window: float = 900.0,
        address_attempts: int = 30,
        address_window: float = 300.0,
        max_entries: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.free_failures = free_failures
        self.max_delay = max_delay
        self.window = window
        self.address_attempts = address_attempts
        self.address_window = address_window
        self.max_entries = max_entries
        self.clock = clock
        self._accounts: OrderedDict[bytes, _Account] = OrderedDict()
        self._addresses: OrderedDict[str, _Address] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._accounts) + len(self._addresses)

    def check(self, address: str, username: str) -> Verdict:
        """May this attempt be checked now? A refused attempt counts against the address."""
        now = self.clock()
        with self._lock:
            bucket = self._address(address, now)
            if bucket.tokens < 1:
                return Verdict(False, self._until_token(bucket), "address")
            account = self._accounts.get(_account_key(username))
            if account is not None and now < account.next_allowed:
                bucket.tokens -= 1
                return Verdict(False, math.ceil(account.next_allowed - now), "account")
            return Verdict(True)

    def failed(self, address: str, username: str) -> None:
        now = self.clock()
        with self._lock:
            self._address(address, now).tokens -= 1
            key = _account_key(username)
            account = self._accounts.get(key)
            if account is None or now - account.last_failure > self.window:
                account = _Account()
            account.failures += 1
            account.last_failure = now
            extra = account.failures - self.free_failures
            if extra >= 0:
                account.next_allowed = now + min(self.max_delay, 2.0**extra)
            self._remember(self._accounts, key, account)

    def succeeded(self, address: str, username: str) -> None:
        with self._lock:
            self._accounts.pop(_account_key(username), None)

    def _address(self, address: str, now: float) -> _Address:
        rate = self.address_attempts / self.address_window
        bucket = self._addresses.get(address[:64])
        if bucket is None:
            bucket = _Address(tokens=float(self.address_attempts), updated=now)
        else:
            bucket.tokens = min(
                float(self.address_attempts), bucket.tokens + (now - bucket.updated) * rate
            )
            bucket.updated = now
        self._remember(self._addresses, address[:64], bucket)
        return bucket

    def _until_token(self, bucket: _Address) -> int:
        rate = self.address_attempts / self.address_window
        return max(1, math.ceil((1 - bucket.tokens) / rate))

    def _remember(self, entries: OrderedDict[Any, Any], key: Any, value: Any) -> None:
        entries[key] = value
        entries.move_to_end(key)
        while len(entries) > self.max_entries:
            entries.popitem(last=False)


def _account_key(username: str) -> bytes:
    """As sign-in finds the user: " Anna" and "ANNA" count as "anna"; 16 bytes whatever sent."""
    name = unicodedata.normalize("NFKC", username[: MAX_USERNAME * 4]).strip().casefold()
    return hashlib.blake2b(name.encode("utf-8", "replace"), digest_size=16).digest()


# -- the client's address, behind trusted proxies only -----------------------------------


Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(text: str) -> tuple[Network, ...]:
    """``"10.0.0.5, 10.1.0.0/16"`` → networks; a German ValueError for a wrong entry."""
    networks = []
    for part in text.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        try:
            networks.append(ipaddress.ip_network(part, strict=False))
        except ValueError:
            raise ValueError(
                f"„{part}“ ist keine IP-Adresse und kein Netz (z. B. 10.0.0.5 oder 10.0.0.0/24)."
            ) from None
    return tuple(networks)


def client_address(
    peer: str | None, forwarded_for: str | None, trusted: tuple[Network, ...]
) -> str:
    """The address a request comes from.

    ``X-Forwarded-For`` is read only when the direct peer is a trusted proxy, and
    only as far back as trusted proxies reach: read from the right, the first
    address that is not a trusted proxy is the client (anything left of it could
    be written by the client itself).
    """
    address = peer or "?"
    if not forwarded_for or not _trusted(address, trusted):
        return address
    for hop in reversed([h.strip() for h in forwarded_for.split(",")]):
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            return address  # garbage from the client's side: the last trusted hop it is
        if not _trusted(hop, trusted):
            return hop
        address = hop
    return address


def _trusted(address: str, trusted: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in trusted)


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
