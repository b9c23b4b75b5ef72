"""Run-time state of a stand-in: its sessions and its quirks (tests may change both)."""

from __future__ import annotations

import asyncio
import random
import secrets
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from eakte.config import IdScheme, StandInConfig
from eakte.fields import Fields, fields_for

HINWEISE = (
    "Am Freitag ab 16 Uhr finden Wartungsarbeiten statt. Bitte speichern Sie Ihre Arbeit rechtzeitig.",
    "Ab dem 1. des Monats gilt der neue Aktenplan. Bitte beachten Sie die geänderten Aktenzeichen.",
    "Das System wird am Wochenende aktualisiert und ist dann nicht erreichbar.",
)


@dataclass
class Session:
    user: str
    csrf: str
    last_seen: float


class Sessions:
    """Server-side sessions that expire after ``lifetime`` seconds without a request."""

    def __init__(self, lifetime: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.lifetime = lifetime
        self.clock = clock
        self._sessions: dict[str, Session] = {}
        self._lock = threading.Lock()

    def start(self, user: str) -> str:
        sid = secrets.token_urlsafe(32)
        with self._lock:
            self._sessions[sid] = Session(user, secrets.token_urlsafe(32), self.clock())
        return sid

    def touch(self, sid: str | None) -> Session | None:
        """The live session ``sid`` (its inactivity timer restarted), or ``None``."""
        if not sid:
            return None
        now = self.clock()
        with self._lock:
            session = self._sessions.get(sid)
            if session is None:
                return None
            if now - session.last_seen > self.lifetime:
                del self._sessions[sid]
                return None
            session.last_seen = now
            return session

    def end(self, sid: str | None) -> None:
        with self._lock:
            self._sessions.pop(sid or "", None)

    def expire_all(self) -> None:
        """Every session ends now (for tests: "the session expired mid-run")."""
        with self._lock:
            self._sessions.clear()

    def __len__(self) -> int:
        return len(self._sessions)


def _rng(seed: int | None, purpose: str) -> random.Random:
    return random.Random(f"{seed}:{purpose}") if seed is not None else random.Random()


@dataclass
class Quirks:
    """How badly the stand-in behaves; change the attributes at run time as needed."""

    langsam: float = 0.0
    langsam_sekunden: float = 2.0
    hinweis: float = 0.0
    fehler_beim_naechsten_upload: int = 0
    fehler_nach_dem_speichern: int = 0
    seed: int | None = None
    ids: IdScheme = "v1"
    fields: Fields = field(default_factory=dict)
    # The slow quirk awaits this (a test may replace it to see that it was called).
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
    _slow_rng: random.Random = field(default_factory=random.Random, repr=False)
    _notice_rng: random.Random = field(default_factory=random.Random, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def from_config(cls, config: StandInConfig) -> Quirks:
        quirks = cls(
            langsam=config.langsam,
            langsam_sekunden=config.langsam_sekunden,
            hinweis=config.hinweis,
            fehler_beim_naechsten_upload=config.fehler_beim_naechsten_upload,
            fehler_nach_dem_speichern=config.fehler_nach_dem_speichern,
            seed=config.seed,
            _slow_rng=_rng(config.seed, "langsam"),
            _notice_rng=_rng(config.seed, "hinweis"),
        )
        quirks.use_ids(config.ids)
        return quirks

    def use_ids(self, scheme: IdScheme) -> Fields:
        """Switch the id scheme (as if a new version were installed); ``zufall`` draws anew."""
        self.ids = scheme
        self.fields = fields_for(scheme, _rng(self.seed, "ids") if self.seed is not None else None)
        return self.fields

    def slow_now(self) -> bool:
        with self._lock:
            return self.langsam > 0 and self._slow_rng.random() < self.langsam

    def notice_now(self) -> str | None:
        """The text of a "Hinweis" to show on this page, or ``None``."""
        with self._lock:
            if self.hinweis > 0 and self._notice_rng.random() < self.hinweis:
                return self._notice_rng.choice(HINWEISE)
        return None

    def take_upload_failure(self) -> bool:
        with self._lock:
            if self.fehler_beim_naechsten_upload > 0:
                self.fehler_beim_naechsten_upload -= 1
                return True
        return False

    def take_failure_after_saving(self) -> bool:
        with self._lock:
            if self.fehler_nach_dem_speichern > 0:
                self.fehler_nach_dem_speichern -= 1
                return True
        return False
