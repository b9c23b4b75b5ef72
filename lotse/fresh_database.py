"""No command creates a new, empty database by accident.

Seen in the field: an administrator ran ``lotse user add`` without the service's
environment; Lotse answered "Benutzer angelegt" — in a new SQLite file in the
administrator's home, not in production. A database is therefore only created
without being asked (``lotse init``) where that cannot be a mistake: with no
service configuration on the machine (``LOTSE_CONFIG_DIR``, ``/etc/lotse``) and
in the per-user default data directory, or in a data directory that already
exists. Everything else stops with a German message naming the database it
would have created.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import make_url

from lotse.db import make_engine, schema_revision
from lotse.settings import Settings


class FreshDatabaseRefused(RuntimeError):
    """A command would create a new database without ``lotse init`` (German message)."""


def database_exists(url: str) -> bool:
    """Whether Lotse has used this database before (SQLite: the file; others: a schema)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return bool(parsed.database) and Path(str(parsed.database)).is_file()
    engine = make_engine(url)
    try:
        return schema_revision(engine) is not None
    finally:
        engine.dispose()


def shown(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


def refuse_fresh_database(settings: Settings) -> None:
    """Raise unless the configured database exists or may be created without asking."""
    production = settings.config_dir.is_dir()
    new_dir = not settings.data_dir.exists() and not settings.is_default_data_dir
    if not (production or new_dir):
        return
    url = settings.effective_database_url
    if database_exists(url):
        return
    if production:
        raise FreshDatabaseRefused(
            f"Auf diesem Rechner ist Lotse als Dienst eingerichtet ({settings.config_dir}), "
            f"dieser Aufruf würde aber eine neue, leere Datenbank anlegen: {shown(url)}. "
            f"Befehle als Administrator über /usr/local/bin/lotse aufrufen (als Dienstbenutzer "
            f"mit {settings.config_dir / 'lotse.env'}); eine neue Datenbank legt nur "
            "„lotse init“ an."
        )
    raise FreshDatabaseRefused(
        f"Das Datenverzeichnis {settings.data_dir} gibt es nicht; Lotse würde dort eine neue, "
        f"leere Datenbank anlegen: {shown(url)}. Tippfehler in LOTSE_DATA_DIR? Sonst zuerst "
        "„lotse init“ aufrufen."
    )
