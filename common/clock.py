"""The one clock: aware UTC inside, Europe/Berlin for people.

Every timestamp Lotse keeps is an aware ``datetime`` in UTC, in Python and in
every table (:class:`UtcDateTime`, also on SQLite, which keeps no time zone).
Whatever shows a time to a person turns it into Berlin time with :func:`local`
(``common.german`` does), so summer and winter time come out right.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import DateTime, Dialect, TypeDecorator

BERLIN = ZoneInfo("Europe/Berlin")


def utcnow() -> datetime:
    return datetime.now(UTC)


def local(moment: datetime) -> datetime:
    """The moment in Berlin time; a naive value is taken as UTC (never as local time)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(BERLIN)


class UtcDateTime(TypeDecorator[datetime]):
    """The one timestamp column type: aware UTC in Python on every database.

    PostgreSQL stores ``timestamptz``; SQLite keeps no time zone, so values are
    written in UTC and read back as aware UTC (naive and aware datetimes do not
    compare, and a local time written as it was would read back hours off).
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is not None:
            value = value.astimezone(UTC)
        return value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value
