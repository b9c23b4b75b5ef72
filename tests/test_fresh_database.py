"""No command makes a new, empty database by accident; ``lotse init`` does it on purpose.

Seen in the field: ``lotse user add`` without the service's environment said
"Benutzer angelegt" — into a new SQLite file in the administrator's home.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from alembic import command

from lotse.db import SCHEMA_HEAD, alembic_config, make_engine

PREVIOUS_HEAD = "0011a"  # the schema head before schema_history (0013a) came


def _lotse(env: dict[str, str], *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lotse", *args],
        env=env, input=stdin, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip


def _environment(tmp_path: Path, **settings: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LOTSE_")}
    env.update(HOME=str(tmp_path / "home"), COLUMNS="300", **settings)
    env.pop("XDG_DATA_HOME", None)
    return env


def test_without_the_service_environment_nothing_is_created(tmp_path: Path) -> None:
    config = tmp_path / "etc-lotse"
    config.mkdir()
    env = _environment(tmp_path, LOTSE_CONFIG_DIR=str(config))
    result = _lotse(env, "user", "add", "it-team", "--role", "it", "--password-stdin",
                    stdin="ein-langes-passwort\n")  # fmt: skip
    assert result.returncode == 2
    default_db = tmp_path / "home" / ".local" / "share" / "lotse" / "lotse.db"
    assert "Benutzer" not in result.stdout
    assert (
        f"Lotse kann nicht starten: Auf diesem Rechner ist Lotse als Dienst eingerichtet "
        f"({config}), dieser Aufruf würde aber eine neue, leere Datenbank anlegen: "
        f"sqlite:///{default_db}." in result.stderr
    )
    assert "/usr/local/bin/lotse" in result.stderr and "lotse init" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1  # one line in the journal
    assert not default_db.exists()


def test_a_new_data_dir_needs_lotse_init(tmp_path: Path) -> None:
    data = tmp_path / "srv" / "daten"
    env = _environment(tmp_path, LOTSE_DATA_DIR=str(data))
    refused = _lotse(env, "catalogue", "list")
    assert refused.returncode == 2
    assert f"Das Datenverzeichnis {data} gibt es nicht" in refused.stderr
    assert "Tippfehler in LOTSE_DATA_DIR?" in refused.stderr
    assert not data.exists()

    made = _lotse(env, "init")
    assert made.returncode == 0, made.stderr
    assert f"Neue Datenbank angelegt: sqlite:///{data / 'lotse.db'}" in made.stdout
    assert (data / "lotse.db").is_file() and (data.stat().st_mode & 0o777) == 0o750
    assert _lotse(env, "catalogue", "list", "--json").returncode == 0
    again = _lotse(env, "init")
    assert f"ist aktuell (Schemastand {SCHEMA_HEAD})" in again.stdout


def test_the_default_demo_dir_is_made_without_asking(tmp_path: Path) -> None:
    env = _environment(tmp_path)
    result = _lotse(env, "catalogue", "list", "--json")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "home" / ".local" / "share" / "lotse" / "lotse.db").is_file()


def test_with_the_service_environment_commands_work_and_init_upgrades(
    tmp_path: Path, postgres_database: Callable[[], str]
) -> None:
    config = tmp_path / "etc-lotse"
    config.mkdir()
    url = postgres_database()
    env = _environment(
        tmp_path, LOTSE_CONFIG_DIR=str(config), LOTSE_DATABASE_URL=url,
        LOTSE_DATA_DIR=str(tmp_path / "daten"),
    )  # fmt: skip
    assert _lotse(env, "user", "list").returncode == 2  # an empty database: init first

    engine = make_engine(url)
    config_ = alembic_config(engine)
    with engine.begin() as connection:  # the database as the previous release left it
        config_.attributes["connection"] = connection
        command.upgrade(config_, PREVIOUS_HEAD)
    engine.dispose()
    upgraded = _lotse(env, "init")
    assert upgraded.returncode == 0, upgraded.stderr
    assert f"vom Schemastand {PREVIOUS_HEAD} auf {SCHEMA_HEAD} gebracht" in upgraded.stdout
    added = _lotse(env, "user", "add", "it-team", "--role", "it", "--password-stdin",
                   stdin="ein-langes-passwort\n")  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert "it-team" in _lotse(env, "user", "list").stdout
