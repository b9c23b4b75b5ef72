"""Wiring: settings → database (migrated, departments seeded), scoring model, robots.

The one place that builds Lotse's parts from settings: the application
(:func:`open_app`, and :func:`app_for`, which keeps one per settings in a
process), the mailroom (:meth:`App.mailroom`) and the e-file robot
(:meth:`App.efile_robot`). The CLI, the web and the flows all start here, so
that they see the same database, model, folders and robots.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from contextlib import AbstractContextManager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from bpmn import XmlLimits
from lotse.db import Database
from lotse.limits import xml_limits
from lotse.permissions import keep_private, restrict_umask
from lotse.settings import Settings, get_settings
from processes.departments import department_names, read_departments, seed_departments
from processes.scoring import ScoringModel, load_model
from robots.machine import Machine, this_machine

if TYPE_CHECKING:  # the robots load PDF and image libraries; only commands that need them pay
    from robots.delivery import DeliveryConfig
    from robots.eakte_robot import EAkteRobot
    from robots.imap import MailboxConfig
    from robots.mailroom import Mailroom, MailroomConfig
    from robots.rules import Rules


class EAktePasswordMissing(RuntimeError):
    """No password for the e-file robot; German message naming where to set it."""


@dataclass
class App:
    settings: Settings
    db: Database

    @cached_property
    def model(self) -> ScoringModel:
        return load_model(self.settings.scoring_file)

    @cached_property
    def machine(self) -> Machine:
        """This machine for leases and per-machine names (identity in LOTSE_STATE_DIR)."""
        return this_machine(self.settings.state_dir)

    @property
    def limits(self) -> XmlLimits:
        return xml_limits(self.settings)

    def department_names(self) -> dict[str, str]:
        with self.db.read_session() as session:
            return department_names(session)

    def mailroom(
        self,
        *,
        inbox: Path | None = None,
        rules_file: Path | None = None,
        ocr_slots: AbstractContextManager[object] | None = None,
    ) -> Mailroom:
        from robots.leases import new_owner
        from robots.mailroom import Mailroom
        from robots.rules import load_rules

        names = self.department_names()
        rules = load_rules(rules_file or self.settings.mail_rules_file, names)
        config = mailroom_config(
            self.settings, rules, inbox, efile_departments=self.delivery(names).efile_departments
        )
        if inbox is None and self.settings.mail_inbox is None:
            # The default inbox is Lotse's own folder: there from the start, so that the
            # first scheduled run finds it empty instead of failing. A configured inbox
            # (a scanner share) that is missing stays an error: the share is not mounted.
            config.inbox.mkdir(parents=True, exist_ok=True)
        return Mailroom(config, self.db.session, ocr_slots=ocr_slots, owner=new_owner(self.machine))

    def mailbox(self) -> MailboxConfig | None:
        """The functional mailbox the mailroom polls, if one is configured."""
        return mailbox_config(self.settings)

    def delivery(self, department_names: dict[str, str] | None = None) -> DeliveryConfig:
        from robots.delivery import load_delivery

        names = department_names if department_names is not None else self.department_names()
        return load_delivery(self.settings.delivery_file, names)

    def efile_robot(
        self, *, password: str | None = None, headless: bool | None = None
    ) -> EAkteRobot:
        """The e-file robot with the settings' address and user.

        ``password`` comes from the caller when the settings have none (the flow
        reads Prefect's Secret block); without either, EAktePasswordMissing.
        """
        from robots.eakte_robot import EAkteAccess, EAkteRobot

        settings = self.settings
        secret = settings.eakte_password.get_secret_value() or password
        if not secret:
            raise EAktePasswordMissing(
                "Für die E-Akte ist kein Kennwort hinterlegt: LOTSE_EAKTE_PASSWORD setzen oder in "
                f"Prefect einen Secret-Block „{EAKTE_SECRET_BLOCK}“ anlegen."
            )
        access = EAkteAccess(
            url=settings.eakte_url,
            user=settings.eakte_user,
            password=secret,
            headless=settings.eakte_headless if headless is None else headless,
        )
        from robots.leases import new_owner

        return EAkteRobot(
            self.db.session, self.delivery(), access, settings.data_dir / "eakte" / "fehler",
            owner=new_owner(self.machine),  # the mailroom's leases, this machine's name
        )  # fmt: skip


# The Prefect Secret block that may hold the e-file password (read by flows.eakte).
EAKTE_SECRET_BLOCK = "lotse-eakte-kennwort"


def mailbox_config(settings: Settings) -> MailboxConfig | None:
    """The functional mailbox, if one is configured (LOTSE_MAIL_IMAP_HOST)."""
    from robots.imap import MailboxConfig

    if not settings.mail_imap_host:
        return None
    return MailboxConfig(
        host=settings.mail_imap_host,
        port=settings.mail_imap_port,
        user=settings.mail_imap_user,
        password=settings.mail_imap_password.get_secret_value(),
        token_file=settings.mail_imap_token_file,
        folder=settings.mail_imap_folder,
        done_folder=settings.mail_imap_done_folder,
        delete_after=settings.mail_imap_delete,
        ca_file=settings.mail_imap_ca_file,
    )


def open_app(settings: Settings | None = None) -> App:
    """Open the application: migrate the database and seed the departments."""
    settings = settings or get_settings()
    restrict_umask()  # before anything is written: database, folders, mail
    keep_private(settings.data_dir)
    db = Database(settings.effective_database_url)
    with db.session() as session:
        seed_departments(session, read_departments(settings.departments_file))
    return App(settings, db)


_APPS: OrderedDict[Settings, App] = OrderedDict()
_APPS_LOCK = threading.Lock()
APPS_KEPT = 4  # settings in use at once in one process: the served ones, a demo's, a test's


def app_for(settings: Settings | None = None) -> App:
    """The application for these settings (default: the current ones), opened once per process.

    Keyed on the whole settings, so that a change of any setting opens a new one.
    Flow runs in served processes share it across task threads.
    """
    settings = settings or get_settings()
    with _APPS_LOCK:
        app = _APPS.get(settings)
        if app is None:
            app = _APPS[settings] = open_app(settings)
            while len(_APPS) > APPS_KEPT:
                _APPS.popitem(last=False)[1].db.dispose()
        _APPS.move_to_end(settings)
        return app


def close_apps() -> None:
    """Close every application :func:`app_for` opened (benchmarks and tests between runs)."""
    with _APPS_LOCK:
        for app in _APPS.values():
            app.db.dispose()
        _APPS.clear()


def mailroom_config(
    settings: Settings,
    rules: Rules,
    inbox: Path | None = None,
    *,
    efile_departments: frozenset[str] = frozenset(),
) -> MailroomConfig:
    from robots.documents import ReadLimits
    from robots.mailroom import MailroomConfig

    return MailroomConfig(
        inbox=inbox or settings.inbox,
        data_dir=settings.data_dir,
        rules=rules,
        limits=ReadLimits(max_pages=settings.mail_max_pages),
        retention_days=settings.mail_retention_days,
        stable_seconds=settings.mail_stable_seconds,
        undo_seconds=settings.mail_undo_minutes * 60,
        workers=settings.mail_workers,
        efile_departments=efile_departments,
        split_batches=settings.mail_split_batches,
        split_on_blank=settings.mail_split_on_blank,
        classifier_routes=settings.mail_classifier_routes,
    )


def rules_without_database(settings: Settings, rules_file: Path | None = None) -> Rules:
    """Rules checked against the departments file: for commands that need no database."""
    from robots.rules import load_rules

    names = {d.code: d.name for d in read_departments(settings.departments_file)}
    return load_rules(rules_file or settings.mail_rules_file, names)
