"""Wiring: settings → database (migrated, departments seeded), scoring model, limits.

Everything that runs Lotse (CLI, web, flows) starts here, so that they all
see the same database and model.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from bpmn import XmlLimits
from lotse.db import Database
from lotse.limits import xml_limits
from lotse.settings import Settings, get_settings
from processes.departments import read_departments, seed_departments
from processes.scoring import ScoringModel, load_model


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


def open_app(settings: Settings | None = None) -> App:
    settings = settings or get_settings()
    db = Database(settings.effective_database_url)
    with db.session() as session:
        seed_departments(session, read_departments(settings.departments_file))
    return App(settings, db)
