"""One line per request: who (address), what (method, path), answer, time.

The path is logged without its query string: searches may hold names. The
address honours ``X-Forwarded-For`` only from LOTSE_TRUSTED_PROXIES, as the
sign-in limits do. Static files are left out (a page brings several). Lines go
to the logger ``lotse.zugriff``; ``lotse serve`` writes them to standard error,
which systemd puts into the journal (``journalctl -u lotse``).
"""

from __future__ import annotations

import logging
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from lotse.web.security import Network, client_address

log = logging.getLogger("lotse.zugriff")


class AccessLog:
    def __init__(self, app: ASGIApp, trusted_proxies: tuple[Network, ...] = ()) -> None:
        self.app = app
        self.trusted = trusted_proxies

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith("/static/"):
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500  # unless an answer starts: the crash guard's page, or a dropped connection

        async def noting_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, noting_status)
        finally:
            peer = scope.get("client")
            headers = dict(scope.get("headers") or [])
            forwarded = headers.get(b"x-forwarded-for")
            address = client_address(
                peer[0] if peer else None,
                forwarded.decode("latin-1") if forwarded else None,
                self.trusted,
            )
            log.info(
                '%s "%s %s" %s %.0f ms',
                address,
                scope["method"],
                scope["path"],
                status,
                (time.perf_counter() - started) * 1000,
            )
