"""``lotse backup`` / ``lotse restore`` with the engines' own tools, on SQLite and PostgreSQL.

Found in the field: ``pg_dump`` as documented left a 0-byte "backup", and the
documented restore into a new database exited 1 with 75 errors.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url

from lotse.app import App
from lotse.backup import DATA_FILE, MANIFEST, BackupError, Manifest, backup, restore
from lotse.db import Database
from lotse.users import Role, add_user
from processes.importer import ImportRequest, import_many
from robots.letters import Letter
from robots.mailroom import letters_json
from tests.conftest import SAMPLES, _fresh_postgres_database
from tests.robots.letters import KITA_MEMO, TAX_OBJECTION, text_pdf


def _quiet(_line: str) -> None:
    pass


@pytest.fixture
def filled(lotse_app: App, tmp_path: Path) -> App:
    """A catalogue, a user and two letters delivered and archived."""
    with lotse_app.db.session() as session:
        add_user(session, "mmuster", "ein-langes-passwort", Role.LOTSE, department="20")
    sample = SAMPLES / "bpmn" / "gewerbeanmeldung.bpmn"
    import_many(
        lotse_app.db.session,
        [ImportRequest(file_name=sample.name, path=sample, department="32")],
        lotse_app.model,
        lotse_app.limits,
    )
    inbox = tmp_path / "eingang"
    inbox.mkdir()
    text_pdf(inbox / "Widerspruch.pdf", TAX_OBJECTION)
    text_pdf(inbox / "Hausmitteilung.pdf", KITA_MEMO)
    room = lotse_app.mailroom(inbox=inbox)
    room.config = dataclasses.replace(room.config, stable_seconds=0, workers=1)
    assert {o.status for o in room.run()} == {"archived"}
    return lotse_app


@pytest.fixture
def empty_database(database_url: str, tmp_path: Path) -> Iterator[str]:
    """A second, empty database of the same kind to restore into."""
    if database_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'zurueck' / 'lotse.db'}"
        return
    url, drop = _fresh_postgres_database()  # marked postgres through database_url
    yield url
    drop()


def _letters(url: str) -> list[dict[str, object]]:
    db = Database(url, migrate_schema=False)
    try:
        with db.read_session() as session:
            return letters_json(session.scalars(select(Letter).order_by(Letter.id)))
    finally:
        db.dispose()


def _files(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_backup_and_restore_into_a_new_database(
    filled: App, empty_database: str, tmp_path: Path
) -> None:
    settings = filled.settings
    url = settings.effective_database_url
    report = backup(url, settings.data_dir, tmp_path / "sicherungen", _quiet)

    folder = report.folder
    assert folder.name.startswith("lotse-sicherung-") and folder.is_dir()
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [DATA_FILE, MANIFEST, report.manifest.database_file]
    )
    assert all((p.stat().st_mode & 0o077) == 0 for p in [folder, *folder.iterdir()])
    manifest = Manifest.read(folder)
    assert manifest.rows["letters"] == 2 and manifest.rows["users"] == 1
    assert manifest.rows["processes"] >= 1 and manifest.rows["alembic_version"] == 1
    assert manifest.data_dir == str(settings.data_dir.resolve())
    # The database file never goes into the data tar: it is in the database backup.
    original_files = {
        name: digest for name, digest in _files(settings.data_dir).items()
        if not name.startswith("lotse.db")
    }  # fmt: skip
    assert manifest.data_files == len(original_files) > 4  # outbox, archive, secret …

    restored_dir = tmp_path / "daten-zurueck"
    result = restore(folder, empty_database, restored_dir, _quiet)

    assert _letters(empty_database) == _letters(url)
    assert _files(restored_dir) == original_files
    # The letters' paths point into the old data dir: said, not silently wrong.
    (warning,) = result.warnings
    assert f"LOTSE_DATA_DIR={settings.data_dir.resolve()}" in warning
    # The restored database opens as any other (the schema is current).
    reopened = Database(empty_database)
    with reopened.read_session() as session:
        assert session.scalar(select(Letter.name).where(Letter.department == "22"))
    reopened.dispose()


def test_restore_never_overwrites(filled: App, empty_database: str, tmp_path: Path) -> None:
    settings = filled.settings
    url = settings.effective_database_url
    folder = backup(url, settings.data_dir, tmp_path / "sicherungen", _quiet).folder
    before = _letters(url)
    with pytest.raises(BackupError, match=r"nicht leer|gibt es schon"):
        restore(folder, url, tmp_path / "neu", _quiet)  # the live database
    with pytest.raises(BackupError, match=r"Datenverzeichnis .* ist nicht leer"):
        restore(folder, empty_database, settings.data_dir, _quiet)
    assert _letters(url) == before
    assert Database(empty_database, migrate_schema=False).engine.dialect  # still empty:
    restore(folder, empty_database, tmp_path / "neu", _quiet)  # … the refusals changed nothing


def test_a_damaged_backup_is_refused(filled: App, tmp_path: Path) -> None:
    settings = filled.settings
    folder = backup(
        settings.effective_database_url, settings.data_dir, tmp_path / "sicherungen", _quiet
    ).folder
    manifest = Manifest.read(folder)
    database_file = folder / manifest.database_file
    data = bytearray(database_file.read_bytes())
    data[len(data) // 2] ^= 0xFF
    database_file.write_bytes(bytes(data))
    with pytest.raises(BackupError, match="beschädigt"):
        restore(folder, f"sqlite:///{tmp_path / 'neu.db'}", tmp_path / "neu", _quiet)
    assert not (tmp_path / "neu").exists() and not (tmp_path / "neu.db").exists()


@pytest.fixture
def postgres_lotse(postgres_database: Callable[[], str], tmp_path: Path) -> tuple[str, Path]:
    url = postgres_database()
    Database(url).dispose()
    data = tmp_path / "daten"
    data.mkdir()
    return url, data


def test_an_unreachable_database_is_named(postgres_lotse: tuple[str, Path], tmp_path: Path) -> None:
    url, data = postgres_lotse
    wrong = make_url(url).set(password="falsch").render_as_string(hide_password=False)
    with pytest.raises(BackupError, match=r"ist nicht erreichbar: .*password authentication"):
        backup(wrong, data, tmp_path / "sicherungen", _quiet)
    assert list((tmp_path / "sicherungen").iterdir()) == []


@pytest.mark.parametrize(
    ("script", "message"),
    [
        (
            "echo 'pg_dump: error: could not write' >&2; exit 1",
            r"pg_dump ist fehlgeschlagen \(Code 1\): pg_dump: error: could not write",
        ),
        ('for a; do case $a in --file=*) : > "${a#--file=}";; esac; done; exit 0', "ist leer"),
    ],
    ids=["exit-code", "empty-file"],
)
def test_a_failing_pg_dump_leaves_no_backup_behind(
    postgres_lotse: tuple[str, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    script: str,
    message: str,
) -> None:
    """The old documented way left a 0-byte file that looked like a backup.

    A stand-in pg_dump (a unit test of the checks; the real one runs above) fails
    in the two ways seen: an exit code, and success with nothing written.
    """
    url, data = postgres_lotse
    tools = tmp_path / "bin"
    tools.mkdir()
    (tools / "pg_dump").write_text(f"#!/bin/sh\n{script}\n")
    (tools / "pg_dump").chmod(0o755)
    monkeypatch.setenv("PATH", f"{tools}:{os.environ['PATH']}")
    with pytest.raises(BackupError, match=message):
        backup(url, data, tmp_path / "sicherungen", _quiet)
    assert list((tmp_path / "sicherungen").iterdir()) == []


def test_no_backup_into_the_data_dir(tmp_path: Path) -> None:
    data = tmp_path / "daten"
    data.mkdir()
    with pytest.raises(BackupError, match="liegt im Datenverzeichnis"):
        backup(f"sqlite:///{data / 'lotse.db'}", data, data / "sicherung", _quiet)


def test_the_commands_as_an_administrator_uses_them(filled: App, tmp_path: Path) -> None:
    settings = filled.settings
    env = {
        **os.environ,
        "COLUMNS": "200",
        "LOTSE_DATABASE_URL": settings.effective_database_url,
        "LOTSE_DATA_DIR": str(settings.data_dir),
    }
    made = subprocess.run(
        [sys.executable, "-m", "lotse", "backup", str(tmp_path / "sicherungen")],
        env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert "Sicherung geschrieben und geprüft:" in made.stdout
    assert "Datenverzeichnis:" in made.stdout and " MB" in made.stdout
    (folder,) = (tmp_path / "sicherungen").iterdir()
    target = tmp_path / "zurueck"
    back = subprocess.run(
        [sys.executable, "-m", "lotse", "restore", str(folder),
         "--database-url", f"sqlite:///{target / 'lotse.db'}", "--data-dir", str(target / "daten")],
        env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    if settings.effective_database_url.startswith("sqlite"):
        assert back.returncode == 0, back.stderr
        assert "Zurückgespielt und geprüft: " in back.stdout
        assert json.loads(Manifest.read(folder).to_json())["rows"]["letters"] == 2
    else:  # a PostgreSQL backup goes back into PostgreSQL only
        assert back.returncode == 1
        assert "nur in eine postgresql-Datenbank" in back.stderr
