"""Wiring: settings → database (migrated, departments seeded), scoring model, robots.

Everything that runs Lotse (CLI, web, flows) starts here, so that they all
see the same database, model and folders.
"""

from __future__ import annotations

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

if TYPE_CHECKING:  # the robots load PDF and image libraries; only commands that need them pay
    from robots.delivery import DeliveryConfig
    from robots.mailroom import Mailroom, MailroomConfig
    from robots.rules import Rules


@dataclass
class App:
    settings: Settings
    db: Database

    @cached_property
    def model(self) -> ScoringModel:
        return load_model(self.settings.scoring_file)

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
        return Mailroom(config, self.db.session, ocr_slots=ocr_slots)

    def delivery(self, department_names: dict[str, str] | None = None) -> DeliveryConfig:
        from robots.delivery import load_delivery

        names = department_names if department_names is not None else self.department_names()
        return load_delivery(self.settings.delivery_file, names)


def open_app(settings: Settings | None = None) -> App:
    settings = settings or get_settings()
    restrict_umask()  # before anything is written: database, folders, mail
    keep_private(settings.data_dir)
    db = Database(settings.effective_database_url)
    with db.session() as session:
        seed_departments(session, read_departments(settings.departments_file))
    return App(settings, db)


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
        workers=settings.mail_workers,
        efile_departments=efile_departments,
    )


def rules_without_database(settings: Settings, rules_file: Path | None = None) -> Rules:
    """Rules checked against the departments file: for commands that need no database."""
    from robots.rules import load_rules

    names = {d.code: d.name for d in read_departments(settings.departments_file)}
    return load_rules(rules_file or settings.mail_rules_file, names)
