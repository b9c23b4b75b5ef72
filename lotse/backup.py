"""``lotse backup`` and ``lotse restore``: the database with its engine's own tools, the data dir.

A backup is one folder ``lotse-sicherung-<Zeit>/``:

    datenbank.dump     PostgreSQL: ``pg_dump --format=custom`` (or ``datenbank.sqlite``:
                       SQLite's online backup API, safe while Lotse writes)
    daten.tar          the data directory, without the SQLite database files
    manifest.json      versions, schema, sizes, SHA-256 of both files, rows per table

It is written as ``….unfertig`` and renamed only once everything is checked, so a
folder with the final name is complete. Checks: the tools' exit codes and
messages, no empty file, the dump readable (``pg_restore --list`` lists every
table, SQLite's ``integrity_check``). The row counts come from the very snapshot
the dump was made from (``pg_dump --snapshot``), so a restore can compare exactly.

A restore goes only into an empty database and a new data directory, never over
existing data, and checks the result against the manifest: every table's rows,
the schema revision, every file of the data directory.

The database holds absolute paths of letters (outbox, archive): the data
directory belongs back at its old path (``manifest.json``, ``data_dir``); a
restore elsewhere says so.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import SQLAlchemyError

from lotse.db import schema_revision
from lotse.version import build_version
from robots.files import fsync_dir

FORMAT = 1
MANIFEST = "manifest.json"
DATA_FILE = "daten.tar"
PG_FILE = "datenbank.dump"
SQLITE_FILE = "datenbank.sqlite"
UNFINISHED = ".unfertig"
SQLITE_SIDE_FILES = ("", "-wal", "-shm", "-journal")

Say = Callable[[str], None]


class BackupError(RuntimeError):
    """A backup or restore cannot be made or trusted (German, names what to do)."""


@dataclass(frozen=True)
class FileEntry:
    bytes: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    lotse_version: str
    schema_revision: str
    created_at: str
    database: str  # postgresql | sqlite
    database_file: str
    data_dir: str
    data_files: int
    data_bytes: int
    rows: dict[str, int]
    files: dict[str, FileEntry]
    format: int = FORMAT

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2, sort_keys=True)

    @classmethod
    def read(cls, folder: Path) -> Manifest:
        try:
            raw = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
            if raw.get("format") != FORMAT:
                raise BackupError(
                    f"{folder} hat das Sicherungsformat {raw.get('format')!r}; dieses Lotse "
                    f"kennt nur Format {FORMAT}."
                )
            files = {name: FileEntry(**entry) for name, entry in raw.pop("files").items()}
            return cls(files=files, **raw)
        except FileNotFoundError:
            raise BackupError(
                f"In {folder} fehlt {MANIFEST}: das ist keine (vollständige) Lotse-Sicherung."
            ) from None
        except (ValueError, TypeError, KeyError) as exc:
            raise BackupError(f"{folder / MANIFEST} ist beschädigt ({exc}).") from None


@dataclass
class Report:
    """What was written or restored, for the console."""

    folder: Path
    manifest: Manifest
    warnings: list[str] = field(default_factory=list)


# -- backup ------------------------------------------------------------------------------


def backup(database_url: str, data_dir: Path, target_parent: Path, say: Say) -> Report:
    """Back up database and data directory into a new folder below ``target_parent``."""
    url = make_url(database_url)
    data_dir = data_dir.resolve()
    target_parent = target_parent.resolve()
    if target_parent == data_dir or data_dir in target_parent.parents:
        raise BackupError(
            f"Das Ziel {target_parent} liegt im Datenverzeichnis {data_dir}; die Sicherung "
            "gehört woanders hin (anderes Laufwerk oder Netzlaufwerk)."
        )
    if not data_dir.is_dir():
        raise BackupError(f"Das Datenverzeichnis {data_dir} gibt es nicht.")
    stamp = datetime.now(UTC)
    final = target_parent / f"lotse-sicherung-{stamp:%Y%m%d-%H%M%S}"
    folder = final.with_name(final.name + UNFINISHED)
    if final.exists() or folder.exists():
        raise BackupError(f"{final} gibt es schon; bitte einen Augenblick später noch einmal.")
    target_parent.mkdir(parents=True, exist_ok=True)
    folder.mkdir(mode=0o700)  # everything: letters, password hashes, the secret key
    try:
        backend = url.get_backend_name()
        if backend == "postgresql":
            say("Datenbank sichern (pg_dump) …")
            database_file, revision, rows = _dump_postgres(url, folder / PG_FILE)
        elif backend == "sqlite":
            say("Datenbank sichern (SQLite) …")
            database_file, revision, rows = _copy_sqlite(_sqlite_path(url), folder / SQLITE_FILE)
        else:
            raise BackupError(f"Datenbanken vom Typ {backend} kann Lotse nicht sichern.")
        say(f"Datenverzeichnis {data_dir} sichern …")
        skip = set(_sqlite_files(url)) if backend == "sqlite" else set()
        files, size = _tar_data_dir(data_dir, folder / DATA_FILE, skip)
        manifest = Manifest(
            lotse_version=build_version(),
            schema_revision=revision,
            created_at=stamp.isoformat(),
            database=backend,
            database_file=database_file.name,
            data_dir=str(data_dir),
            data_files=files,
            data_bytes=size,
            rows=rows,
            files={p.name: _entry(p) for p in (database_file, folder / DATA_FILE)},
        )
        _write_private(folder / MANIFEST, manifest.to_json().encode())
        say("Sicherung prüfen …")
        verify_backup(folder)
        fsync_dir(folder)
        os.rename(folder, final)
        fsync_dir(target_parent)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return Report(final, manifest)


def verify_backup(folder: Path) -> Manifest:
    """Every file as the manifest says (size, SHA-256), and the dump readable by its tool."""
    manifest = Manifest.read(folder)
    for name, expected in manifest.files.items():
        path = folder / name
        if not path.is_file():
            raise BackupError(f"In der Sicherung {folder} fehlt {name}.")
        found = _entry(path)
        if found.bytes == 0:
            raise BackupError(f"{path} ist leer: die Sicherung ist unbrauchbar.")
        if found != expected:
            raise BackupError(
                f"{path} ist nicht mehr, was gesichert wurde (Größe oder Prüfsumme weicht "
                "ab): die Sicherung ist beschädigt."
            )
    database_file = folder / manifest.database_file
    if manifest.database == "postgresql":
        listing = _run(["pg_restore", "--list", str(database_file)], "pg_restore --list")
        listed = {
            line.split()[-2]
            for line in listing.splitlines()
            if " TABLE DATA " in line and not line.startswith(";")
        }
        missing = sorted(set(manifest.rows) - listed)
        if missing:
            raise BackupError(
                f"Im Abzug {database_file} fehlen die Daten der Tabellen {', '.join(missing)}."
            )
    else:
        with _sqlite(database_file) as connection:
            check = connection.execute("PRAGMA integrity_check").fetchone()
        if not check or check[0] != "ok":
            raise BackupError(f"Die gesicherte SQLite-Datei {database_file} ist beschädigt.")
    with tarfile.open(folder / DATA_FILE) as archive:
        members = [m for m in archive.getmembers() if m.isfile()]
    if len(members) != manifest.data_files:
        raise BackupError(
            f"{folder / DATA_FILE} enthält {len(members)} Dateien statt {manifest.data_files}."
        )
    return manifest


def _dump_postgres(url: URL, target: Path) -> tuple[Path, str, dict[str, int]]:
    """``pg_dump`` from an exported snapshot; the rows are counted in that same snapshot."""
    engine = create_engine(url)
    try:
        snapshot_reader = _connect(engine, url).execution_options(
            isolation_level="REPEATABLE READ", postgresql_readonly=True
        )
        # The transaction stays open until pg_dump is done: its snapshot lives as long.
        with snapshot_reader as connection, connection.begin():
            snapshot = connection.exec_driver_sql("SELECT pg_export_snapshot()").scalar_one()
            revision = _revision_or_refuse(connection, url)
            rows = _count_rows(connection, _postgres_tables(connection))
            conninfo, env = _libpq(url)
            _run(
                ["pg_dump", "--format=custom", "--no-owner", "--no-privileges",
                 f"--snapshot={snapshot}", f"--file={target}", f"--dbname={conninfo}"],
                "pg_dump", env=env,
            )  # fmt: skip
    finally:
        engine.dispose()
    os.chmod(target, 0o600)
    return target, revision, rows


def _copy_sqlite(source: Path, target: Path) -> tuple[Path, str, dict[str, int]]:
    if not source.is_file():
        raise BackupError(f"Die Datenbankdatei {source} gibt es nicht.")
    # The online backup API copies a consistent state even while Lotse writes (WAL).
    with _sqlite(source) as src, _sqlite(target) as dst:
        src.backup(dst)
    os.chmod(target, 0o600)
    with _sqlite(target) as copy:
        try:
            row = copy.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.Error:
            row = None
        if not row:
            raise BackupError(f"{source} ist keine Lotse-Datenbank (kein Schemastand).")
        tables = [
            name
            for (name,) in copy.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        rows = {t: copy.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    return target, str(row[0]), rows


def _tar_data_dir(data_dir: Path, target: Path, skip: set[Path]) -> tuple[int, int]:
    """The data directory as an uncompressed tar (letters are PDFs; gzip gains nothing)."""
    files = size = 0
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle, tarfile.open(fileobj=handle, mode="w") as archive:
        for path in _walk(data_dir):
            if path in skip:
                continue
            name = path.relative_to(data_dir).as_posix()
            try:
                info = archive.gettarinfo(str(path), arcname=name)
                if info is None:  # a socket: nothing to keep
                    continue
                if info.isfile():
                    with path.open("rb") as source:
                        archive.addfile(info, source)
                    files += 1
                    size += info.size
                elif info.isdir():
                    archive.addfile(info)
            except FileNotFoundError:
                continue  # moved by a running robot: the database says where it went
        handle.flush()
        os.fsync(handle.fileno())
    return files, size


def _walk(root: Path) -> Iterator[Path]:
    for folder, dirs, names in os.walk(root, followlinks=False):
        dirs.sort()
        base = Path(folder)
        for name in dirs:
            yield base / name
        for name in sorted(names):
            yield base / name


# -- restore -----------------------------------------------------------------------------


def restore(folder: Path, database_url: str, data_dir: Path, say: Say) -> Report:
    """Restore into an empty database and a new data directory, then compare with the manifest."""
    folder = folder.resolve()
    say(f"Sicherung {folder} prüfen …")
    manifest = verify_backup(folder)
    url = make_url(database_url)
    backend = url.get_backend_name()
    if backend != manifest.database:
        raise BackupError(
            f"Die Sicherung ist eine {manifest.database}-Datenbank; zurückspielen lässt sie sich "
            f"nur in eine {manifest.database}-Datenbank, nicht in {backend}."
        )
    data_dir = data_dir.resolve()
    if data_dir.exists() and any(data_dir.iterdir()):
        raise BackupError(
            f"Das Datenverzeichnis {data_dir} ist nicht leer; zurückgespielt wird nur in ein "
            "neues Verzeichnis (das alte erst umbenennen oder ein anderes angeben)."
        )
    shown = url.render_as_string(hide_password=True)
    say(f"Datenbank {shown} zurückspielen …")
    if backend == "postgresql":
        _restore_postgres(folder / manifest.database_file, url)
    else:
        _restore_sqlite(folder / manifest.database_file, _sqlite_path(url))
    say(f"Datenverzeichnis nach {data_dir} zurückspielen …")
    _untar(folder / DATA_FILE, data_dir)
    say("Ergebnis mit der Sicherung vergleichen …")
    _compare(manifest, url, data_dir)
    report = Report(folder, manifest)
    if str(data_dir) != manifest.data_dir:
        report.warnings.append(
            f"Die Datenbank nennt Briefe mit ihrem Pfad unter {manifest.data_dir}: "
            f"Lotse braucht das Datenverzeichnis wieder dort (LOTSE_DATA_DIR={manifest.data_dir}, "
            f"z. B. {data_dir} dorthin verschieben oder einhängen)."
        )
    return report


def _restore_postgres(dump: Path, url: URL) -> None:
    engine = create_engine(url)
    try:
        with _connect(engine, url) as connection:
            tables = _postgres_tables(connection)
    finally:
        engine.dispose()
    if tables:
        raise BackupError(
            f"Die Datenbank {url.render_as_string(hide_password=True)} ist nicht leer "
            f"({len(tables)} Tabellen); zurückgespielt wird nur in eine neue, leere Datenbank "
            "(createdb -O BENUTZER NAME)."
        )
    conninfo, env = _libpq(url)
    # One transaction: a failure leaves the database as empty as it was.
    _run(
        ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
         f"--dbname={conninfo}", str(dump)],
        "pg_restore", env=env,
    )  # fmt: skip


def _restore_sqlite(copy: Path, target: Path) -> None:
    if any(Path(f"{target}{side}").exists() for side in SQLITE_SIDE_FILES):
        raise BackupError(
            f"Die Datenbankdatei {target} gibt es schon; zurückgespielt wird nur in eine neue "
            "Datei (die alte erst umbenennen)."
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.zurueck")
    with _sqlite(copy) as src, _sqlite(partial) as dst:
        src.backup(dst)
    os.chmod(partial, 0o600)
    os.replace(partial, target)


def _untar(archive_path: Path, data_dir: Path) -> None:
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o750)
    with tarfile.open(archive_path) as archive:
        for member in archive.getmembers():
            relative = PurePosixPath(member.name)
            if (
                relative.is_absolute()
                or ".." in relative.parts
                or not (member.isfile() or member.isdir())
            ):
                raise BackupError(
                    f"{archive_path} enthält den unzulässigen Eintrag {member.name!r}."
                )
            target = data_dir.joinpath(*relative.parts)
            if member.isdir():
                target.mkdir(parents=True, exist_ok=True)
                target.chmod(member.mode & 0o7777)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            source = archive.extractfile(member)
            if source is None:
                raise BackupError(f"{archive_path}: {member.name} ist nicht lesbar.")
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, member.mode & 0o777)
            with source, os.fdopen(fd, "wb") as handle:
                shutil.copyfileobj(source, handle, 1024 * 1024)
            os.utime(target, (member.mtime, member.mtime))


def _compare(manifest: Manifest, url: URL, data_dir: Path) -> None:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            if url.get_backend_name() == "postgresql":
                tables = _postgres_tables(connection)
            else:
                tables = [
                    name
                    for (name,) in connection.exec_driver_sql(
                        "SELECT name FROM sqlite_master WHERE type = 'table' "
                        "AND name NOT LIKE 'sqlite_%'"
                    )
                ]
            rows = _count_rows(connection, tables)
        revision = schema_revision(engine)
    finally:
        engine.dispose()
    differences = [
        f"{table}: {rows.get(table, 'fehlt')} statt {count}"
        for table, count in sorted(manifest.rows.items())
        if rows.get(table) != count
    ]
    if differences:
        raise BackupError(
            "Die zurückgespielte Datenbank weicht von der Sicherung ab: " + "; ".join(differences)
        )
    if revision != manifest.schema_revision:
        raise BackupError(
            f"Die zurückgespielte Datenbank hat den Schemastand {revision} statt "
            f"{manifest.schema_revision}."
        )
    found = [p for p in _walk(data_dir) if p.is_file()]
    size = sum(p.stat().st_size for p in found)
    if (len(found), size) != (manifest.data_files, manifest.data_bytes):
        raise BackupError(
            f"Im Datenverzeichnis {data_dir} liegen {len(found)} Dateien ({size} Bytes) statt "
            f"{manifest.data_files} ({manifest.data_bytes} Bytes)."
        )


# -- helpers -----------------------------------------------------------------------------


def _connect(engine: Engine, url: URL) -> Connection:
    try:
        return engine.connect()
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", exc)).strip().splitlines()[-1]
        raise BackupError(
            f"Die Datenbank {url.render_as_string(hide_password=True)} ist nicht erreichbar: "
            f"{reason}"
        ) from None


def _revision_or_refuse(connection: Connection, url: URL) -> str:
    try:
        with connection.begin_nested():
            found = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    except SQLAlchemyError:
        found = None
    if not found:
        raise BackupError(
            f"{url.render_as_string(hide_password=True)} ist keine Lotse-Datenbank "
            "(kein Schemastand)."
        )
    return str(found)


def _postgres_tables(connection: Connection) -> list[str]:
    return list(
        connection.execute(
            text(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                "ORDER BY tablename"
            )
        ).scalars()
    )


def _count_rows(connection: Connection, tables: list[str]) -> dict[str, int]:
    quote = connection.dialect.identifier_preparer.quote
    return {
        table: int(connection.exec_driver_sql(f"SELECT count(*) FROM {quote(table)}").scalar_one())
        for table in tables
    }


def _libpq(url: URL) -> tuple[str, dict[str, str]]:
    """A libpq connection string for pg_dump/pg_restore; the password goes by environment.

    On the command line it would be visible to every local user (``ps``).
    """
    parts = {
        "host": url.host,
        "port": str(url.port) if url.port else None,
        "dbname": url.database,
        "user": url.username,
    }
    for key, value in url.query.items():
        parts[key] = value if isinstance(value, str) else value[-1]
    conninfo = " ".join(
        f"{key}='{value.replace(chr(92), chr(92) * 2).replace(chr(39), chr(92) + chr(39))}'"
        for key, value in parts.items()
        if value
    )
    env = {**os.environ}
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    return conninfo, env


def _run(command: list[str], name: str, env: dict[str, str] | None = None) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    except FileNotFoundError:
        raise BackupError(
            f"{command[0]} fehlt auf diesem Rechner (Paket postgresql-client installieren)."
        ) from None
    if done.returncode != 0:
        detail = (done.stderr.strip().splitlines() or ["keine Meldung"])[-1]
        raise BackupError(f"{name} ist fehlgeschlagen (Code {done.returncode}): {detail}")
    return done.stdout


def _sqlite_path(url: URL) -> Path:
    if not url.database or url.database == ":memory:":
        raise BackupError("Eine SQLite-Datenbank im Arbeitsspeicher lässt sich nicht sichern.")
    return Path(url.database).resolve()


def _sqlite_files(url: URL) -> list[Path]:
    path = _sqlite_path(url)
    return [Path(f"{path}{side}") for side in SQLITE_SIDE_FILES]


@contextmanager
def _sqlite(path: Path) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(path)
    try:
        yield connection
    finally:
        connection.close()


def _entry(path: Path) -> FileEntry:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
            size += len(block)
    return FileEntry(size, digest.hexdigest())


def _write_private(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
