"""Alembic environment: Lotse passes its own engine/connection, no alembic.ini."""

from __future__ import annotations

from alembic import context

import robots.decisions  # (registers review outcomes and letter copies)
import robots.filings  # noqa: F401  (registers the filings table with the mailroom metadata)
from lotse.db import metadata as shell_metadata
from lotse.users import Base as UsersBase
from processes.models import Base as CatalogueBase
from robots.letters import Base as MailroomBase

target_metadata = [
    CatalogueBase.metadata,
    MailroomBase.metadata,
    UsersBase.metadata,
    shell_metadata,
]

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    engine = config.attributes["engine"]
    with engine.begin() as connection:
        context.configure(
            connection=connection, target_metadata=target_metadata, render_as_batch=True
        )
        context.run_migrations()
else:
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
