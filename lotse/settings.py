"""Settings from ``LOTSE_*`` environment variables; every one has a working default.

Only the application shell reads settings. Domain packages (``bpmn``,
``processes``, ``robots``) get what they need as arguments.

Settings are frozen (and so hashable: caches key on the whole of them). The
environment is read once per process; code that needs other values for a
while (the demo, benchmarks) uses :func:`settings_override`, as Prefect's
``temporary_settings``, never ``os.environ``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from lotse.defaults import default_file


def _default_state_dir() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state"
    return Path(base) / "lotse"


def _default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "lotse"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="LOTSE_", extra="ignore", frozen=True)

    data_dir: Path = Field(
        default_factory=_default_data_dir,
        description="Where Lotse keeps its database, drawings, reports and mail.",
    )
    state_dir: Path = Field(
        default_factory=_default_state_dir,
        description="Machine-local state (this installation's identity); never shared or copied.",
    )
    config_dir: Path = Field(
        default=Path("/etc/lotse"),
        description="The services' configuration (scripts/install-server); while it exists, "
        "no command creates a new database on its own (only `lotse init`).",
    )
    database_url: str = Field(
        default="",
        description="SQLAlchemy URL; empty means a SQLite file lotse.db in the data directory.",
    )
    scoring_file: Path | None = Field(
        default=None, description="Own scoring model (YAML); empty means Lotse's standard model."
    )
    departments_file: Path = Field(
        default_factory=lambda: default_file("departments.yaml"),
        description="Departments to seed the database with on first start.",
    )
    mail_inbox: Path | None = Field(
        default=None, description="The scanner's drop folder; empty means DATA_DIR/inbox."
    )
    mail_rules_file: Path = Field(
        default_factory=lambda: default_file("mailroom.yaml"),
        description="Routing rules of the mailroom robot (YAML).",
    )
    mail_interval_minutes: float = Field(
        default=10,
        gt=0,
        description="How often the served `poststelle` deployment runs on its own.",
    )
    mail_purge_cron: str = Field(
        default="30 3 * * *",
        description="When `poststelle-aufbewahrung` destroys originals past their retention "
        "(cron, Europe/Berlin); empty = only when started by hand.",
    )
    review_reminder_cron: str = Field(
        default="0 7 * * *",
        description="When `poststelle-review-erinnerung` runs (cron, Europe/Berlin).",
    )
    diagram_dir: Path | None = Field(
        default=None,
        description="Default folder of `katalog-import`; empty means DATA_DIR/diagramme.",
    )
    robots_dir: Path | None = Field(
        default=None,
        description="Generated robots (`lotse robot new`) that `lotse serve` serves and links; "
        "empty means DATA_DIR/roboter.",
    )
    dask_address: str | None = Field(
        default=None,
        description="Dask scheduler (tcp://host:8786) for the mailroom's letters; empty = threads here.",
    )
    delivery_file: Path | None = Field(
        default=None,
        description="Per department: folder or e-file (YAML); empty = every department a folder.",
    )
    eakte_url: str = Field(
        default="http://127.0.0.1:8090", description="Address of the e-file web application."
    )
    eakte_user: str = Field(
        default="poststelle-roboter", description="The e-file robot's user in the e-file."
    )
    eakte_password: SecretStr = Field(
        default=SecretStr(""),
        description="Its password; empty = the Prefect Secret block `lotse-eakte-kennwort`.",
    )
    eakte_headless: bool = Field(
        default=True, description="Run the e-file robot's browser without a window."
    )
    prefect_port: int = Field(
        default=4200, ge=1, le=65535, description="Port of the Prefect server `lotse serve` starts."
    )
    mail_imap_host: str = Field(
        default="",
        description="IMAP server of the functional mailbox (IMAPS); empty = no mailbox.",
    )
    mail_imap_port: int = Field(default=993, ge=1, le=65535, description="IMAPS port.")
    mail_imap_user: str = Field(default="", description="User name of the mailbox.")
    mail_imap_password: SecretStr = Field(
        default=SecretStr(""), description="Password of the mailbox (or use a token file)."
    )
    mail_imap_token_file: Path | None = Field(
        default=None,
        description="XOAUTH2: file with a current access token (renewed by another program).",
    )
    mail_imap_folder: str = Field(default="INBOX", description="Folder the robot reads.")
    mail_imap_done_folder: str = Field(
        default="Lotse/Verarbeitet",
        description="Folder a message moves to once its letter is recorded; empty = stays.",
    )
    mail_imap_delete: bool = Field(
        default=False, description="Delete messages instead of moving them (not recommended)."
    )
    mail_imap_ca_file: Path | None = Field(
        default=None, description="CA certificate of the mail server, if it is the city's own."
    )
    mail_classifier_routes: bool = Field(
        default=False,
        description="Let the learned classifier route letters the rules were unsure about, "
        "above the threshold chosen on held-out decisions (default: it only suggests).",
    )
    mail_split_batches: bool = Field(
        default=True,
        description="Split PDF and TIFF scans at separator sheets (lotse mailroom trennblatt).",
    )
    mail_split_on_blank: bool = Field(
        default=False,
        description="Also split batch scans at blank pages (not with duplex scanning).",
    )
    mail_retention_days: int = Field(
        default=90, ge=0, description="Days an archived original is kept before it may be purged."
    )
    mail_undo_minutes: float = Field(
        default=5.0,
        ge=0,
        description="Minutes a decision in the review queue can be undone before the robot "
        "carries it out.",
    )
    mail_stable_seconds: float = Field(
        default=5.0,
        ge=0,
        description="A scan is taken only after it has not changed for this long.",
    )
    mail_workers: int = Field(
        default_factory=lambda: os.cpu_count() or 1,
        ge=1,
        description="Tesseracts at once (OCR slots); twice as many letters are in the works.",
    )
    mail_max_pages: int = Field(default=50, ge=1, description="Longest letter accepted, in pages.")
    secret_key: str = Field(
        default="",
        description="Signs session cookies; empty means a random key kept in DATA_DIR/secret_key.",
    )
    cookie_secure: bool = Field(
        default=False, description="Send the session cookie over HTTPS only (set behind TLS)."
    )
    trusted_proxies: str = Field(
        default="",
        description="Reverse proxies (IP addresses or networks, comma-separated) whose "
        "X-Forwarded-For names the client; empty = trust no such header.",
    )
    web_host: str = Field(default="127.0.0.1", description="Address the workbench listens on.")
    web_port: int = Field(default=8000, ge=1, le=65535, description="Port of the workbench.")
    web_url: str = Field(
        default="",
        description="The workbench's address as browsers reach it (links in Prefect artifacts); "
        "empty = http://WEB_HOST:WEB_PORT.",
    )
    prefect_ui_url: str = Field(
        default="http://127.0.0.1:4200", description="Where IT opens the Prefect UI (a link)."
    )
    bpmn_max_mb: float = Field(
        default=20, gt=0, description="Largest BPMN file accepted, in megabytes."
    )
    bpmn_max_depth: int = Field(default=200, gt=10, description="Deepest XML nesting accepted.")

    @property
    def workbench_url(self) -> str:
        return (self.web_url or f"http://{self.web_host}:{self.web_port}").rstrip("/")

    @property
    def inbox(self) -> Path:
        return self.mail_inbox or self.data_dir / "inbox"

    @property
    def diagrams(self) -> Path:
        return self.diagram_dir or self.data_dir / "diagramme"

    @property
    def robots(self) -> Path:
        return self.robots_dir or self.data_dir / "roboter"

    @property
    def effective_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'lotse.db'}"

    @property
    def is_default_data_dir(self) -> bool:
        """The data directory is the per-user default (the demo's), not one set for a service."""
        return self.data_dir.expanduser().resolve() == _default_data_dir().resolve()

    def changed(self, **changes: Any) -> Settings:
        """A validated copy with ``changes``; what was set stays set (``model_fields_set``)."""
        unknown = set(changes) - set(type(self).model_fields)
        if unknown:
            raise ValueError(f"Unbekannte Einstellungen: {', '.join(sorted(unknown))}")
        kept = self.model_dump(include=self.model_fields_set)
        return type(self).model_validate({**kept, **changes})


_override: ContextVar[Settings | None] = ContextVar("lotse_settings", default=None)


@lru_cache(maxsize=1)
def _from_environment() -> Settings:
    return Settings()


class _CurrentSettings:
    """``get_settings()``: the overridden settings of this context, else the environment's."""

    def __call__(self) -> Settings:
        return _override.get() or _from_environment()

    def cache_clear(self) -> None:
        """Read the environment again at the next call (tests change it through fixtures)."""
        _from_environment.cache_clear()


get_settings = _CurrentSettings()


@contextmanager
def settings_override(base: Settings | None = None, /, **changes: Any) -> Iterator[Settings]:
    """Within the block, ``get_settings()`` returns ``base`` (default: the current settings)
    with ``changes``. Threads started by Prefect's task runners see it too (they copy the
    context); other new threads do not, as with any context variable.
    """
    settings = (base or get_settings()).changed(**changes)
    token = _override.set(settings)
    try:
        yield settings
    finally:
        _override.reset(token)
