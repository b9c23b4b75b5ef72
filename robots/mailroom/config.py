"""What one mailroom works with: its inbox, data folder, rules and limits."""

from __future__ import annotations

import os
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session

from robots.documents import ReadLimits
from robots.rules import Rules

# A new session in a transaction, committed when the block ends (Database.session).
Sessions = Callable[[], AbstractContextManager[Session]]


@dataclass(frozen=True)
class MailroomConfig:
    inbox: Path
    data_dir: Path
    rules: Rules
    limits: ReadLimits = field(default_factory=ReadLimits)
    lang: str = "deu"
    retention_days: int = 90
    stable_seconds: float = 5.0  # a file must not have changed for this long
    # Renewed every third of it while a letter is in the works (robots.leases.keep_lease);
    # a machine that died gives its letters free after at most this long.
    lease_seconds: float = 120.0
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    # Departments whose letters the e-file robot files after delivery.
    efile_departments: frozenset[str] = frozenset()
    # How long a person's decision in review waits before the robot carries it out:
    # the time to undo it (robots/mailroom/review.py).
    undo_seconds: float = 300.0
    # Split PDF and TIFF scans at separator sheets; optionally also at blank pages.
    split_batches: bool = True
    split_on_blank: bool = False
    # The learned classifier routes on its own (above its held-out threshold) only if
    # IT switches this on; otherwise it only suggests, on the review page.
    classifier_routes: bool = False

    @property
    def work(self) -> Path:
        return self.data_dir / "work"

    @property
    def outbox(self) -> Path:
        return self.data_dir / "outbox"

    @property
    def archive(self) -> Path:
        return self.data_dir / "archive"

    @property
    def quarantine(self) -> Path:
        return self.data_dir / "quarantine"
