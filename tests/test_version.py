"""Which Lotse runs, and what an older Lotse says to a database a newer one migrated."""

from __future__ import annotations

import re
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest
from sqlalchemy import select, text

from lotse.db import SCHEMA_HEAD, Database, SchemaTooNew, schema_history
from lotse.version import build_version, commit, recorded_commit
from tests.conftest import REPO


def _git(*args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(REPO), *args], capture_output=True, text=True, check=False
    ).stdout.strip()


def test_version_names_release_commit_and_schema() -> None:
    # HEAD may move while the suite runs (a commit, a rebase): the commit shown must be
    # HEAD as it was just before or just after it was read, nothing else.
    before = _git("rev-parse", "--short=12", "HEAD")
    shown = subprocess.run(
        [sys.executable, "-m", "lotse", "--version"], capture_output=True, text=True, check=True
    ).stdout.strip()
    fresh = commit.__wrapped__()  # read now, not what this process cached earlier
    after = _git("rev-parse", "--short=12", "HEAD")
    assert before and after
    assert shown.startswith(f"Lotse {version('lotse')}")
    assert shown.endswith(f"Datenbankschema {SCHEMA_HEAD}")
    # A checkout names its commit; so do deployments (build_version).
    named = re.search(r"Commit ([0-9a-f]{12}),", shown)
    assert named and named.group(1) in {before, after}, (shown, before, after)
    assert fresh in {before, after}
    # What this process cached (at its first use, maybe before HEAD moved): a real commit.
    cached = commit()
    assert cached and _git("rev-parse", "--verify", "--quiet", f"{cached}^{{commit}}")
    assert build_version() == f"{version('lotse')}+g{cached}"


def test_an_installed_copy_takes_its_commit_from_the_build_file(tmp_path: Path) -> None:
    build = tmp_path / "BUILD"
    assert recorded_commit(build) is None
    build.write_text("version=0.2.0\ncommit=0123456789abcdef0123\n", encoding="utf-8")
    assert recorded_commit(build) == "0123456789ab"


def test_each_migration_is_recorded_with_the_version_that_made_it(database_url: str) -> None:
    Database(database_url).dispose()
    db = Database(database_url)  # a second start migrates nothing and records nothing
    with db.engine.connect() as connection:
        rows = connection.execute(select(schema_history)).all()
    db.dispose()
    assert [(r.revision, r.lotse_version) for r in rows] == [(SCHEMA_HEAD, build_version())]


def _migrated_by_a_newer_lotse(database_url: str) -> None:
    db = Database(database_url)
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0099z'"))
        connection.execute(
            schema_history.insert().values(
                revision="0099z", lotse_version="0.9.0+gfeedc0ffee00",
                migrated_at=connection.execute(select(schema_history.c.migrated_at)).scalar(),
            )
        )  # fmt: skip
    db.dispose()


def test_an_older_lotse_names_both_versions(database_url: str) -> None:
    _migrated_by_a_newer_lotse(database_url)
    with pytest.raises(SchemaTooNew) as raised:
        Database(database_url)
    message = str(raised.value)
    assert "0099z" in message and "Lotse 0.9.0+gfeedc0ffee00" in message
    assert f"dieses Lotse ist {build_version()} (Schemastand {SCHEMA_HEAD})" in message
    assert "Can't locate" not in message


def test_the_cli_says_it_in_one_line(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'lotse.db'}"
    _migrated_by_a_newer_lotse(url)
    result = subprocess.run(
        [sys.executable, "-m", "lotse", "catalogue", "list"],
        env={"PATH": "/usr/bin:/bin", "COLUMNS": "300", "LOTSE_DATABASE_URL": url,
             "LOTSE_DATA_DIR": str(tmp_path)},
        capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "Lotse kann nicht starten: Die Datenbank hat den Schemastand 0099z" in result.stderr
    assert "Lotse 0.9.0+gfeedc0ffee00" in result.stderr
