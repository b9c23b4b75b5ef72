"""One clock: aware UTC in every table, Berlin time wherever a person reads it.

The two instants are half past midnight in Berlin, in summer (UTC+2) and in
winter (UTC+1): showing UTC, or a fixed offset, gets one of them wrong.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from common import german
from common.clock import local
from lotse.app import App
from lotse.users import Role, User, add_user
from lotse.web.core import TEMPLATES
from processes.models import Department
from robots.letter_metadata import metadata
from robots.letters import Letter, LetterStatus

SUMMER = datetime(2026, 7, 15, 22, 30, tzinfo=UTC)  # 16.07.2026 00:30 in Berlin
WINTER = datetime(2026, 1, 15, 23, 30, tzinfo=UTC)  # 16.01.2026 00:30 in Berlin
SHOWN = {SUMMER: ("16.07.2026 00:30", "16.07.2026"), WINTER: ("16.01.2026 00:30", "16.01.2026")}


@pytest.mark.parametrize("moment", [SUMMER, WINTER])
def test_people_read_berlin_time_in_summer_and_winter(moment: datetime) -> None:
    at, on = SHOWN[moment]
    assert german.when(moment) == at and german.day(moment) == on
    assert (
        german.date_time(moment)
        == f"16. {'Juli' if moment is SUMMER else 'Januar'} 2026, 00:30 Uhr"
    )
    # the web's filters are the formatter's
    assert TEMPLATES.env.filters["when"](moment) == at
    assert TEMPLATES.env.filters["day"](moment) == on
    # the e-file gets the Berlin date of arrival
    found = metadata("", file_name="a.pdf", file_number=None, received_at=moment, sha256="0" * 64,
                     letter_id=1)  # fmt: skip
    assert found.received == on
    # a naive value is UTC, never the machine's local time
    assert german.when(moment.replace(tzinfo=None)) == at


def test_every_table_gives_back_aware_utc(lotse_app: App) -> None:
    with lotse_app.db.session() as session:
        session.add(Letter(sha256="a" * 64, name="s.pdf", status=LetterStatus.RECEIVED.value,
                           received_at=SUMMER))  # fmt: skip
        user = add_user(session, "zeit", "ein-langes-passwort", Role.IT, None)
        user.created_at = WINTER.astimezone(local(WINTER).tzinfo)  # written as Berlin time
    with lotse_app.db.read_session() as session:
        received = session.scalars(select(Letter.received_at)).one()
        created = session.scalars(select(User.created_at).where(User.username == "zeit")).one()
        departments = session.scalars(select(Department)).all()
    assert (
        received == SUMMER
        and received.tzinfo is not None
        and received.utcoffset() == UTC.utcoffset(None)
    )
    assert created == WINTER and created.utcoffset() == UTC.utcoffset(None)
    assert german.when(received) == "16.07.2026 00:30"
    assert departments


def test_one_timestamp_type_in_every_table() -> None:
    from sqlalchemy import DateTime

    import robots.filings  # noqa: F401  (registers its table)
    from common.clock import UtcDateTime
    from lotse.db import metadata as schema_history
    from lotse.users import Base as UsersBase
    from processes.models import Base as CatalogueBase
    from robots.letters import Base as MailroomBase

    columns = [
        column
        for metadata in (
            CatalogueBase.metadata,
            MailroomBase.metadata,
            UsersBase.metadata,
            schema_history,
        )
        for table in metadata.tables.values()
        for column in table.columns
        if isinstance(column.type, (DateTime, UtcDateTime))
    ]
    assert len(columns) > 20
    assert [str(c) for c in columns if not isinstance(c.type, UtcDateTime)] == []
