"""The stand-in's own SQLite database and file store.

Files (Akten) and their documents live in ``eakte.sqlite3`` in the data
directory; the uploaded PDFs in ``dateien/<ab>/<sha256>``, named by their
SHA-256 and never by the name they were uploaded with. Tests and the benchmark
may use a :class:`Store` in-process (or open one on the data directory of a
stand-in running elsewhere) to see what was filed.
"""

from __future__ import annotations

import hashlib
import io
import os
import sqlite3
import tempfile
import threading
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

SCHEMA = """
CREATE TABLE IF NOT EXISTS akten (
    id INTEGER PRIMARY KEY,
    aktenzeichen TEXT NOT NULL,
    schluessel TEXT NOT NULL UNIQUE,
    titel TEXT NOT NULL,
    organisationseinheit TEXT NOT NULL,
    angelegt TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS dokumente (
    id INTEGER PRIMARY KEY,
    nummer TEXT NOT NULL UNIQUE,
    akte_id INTEGER NOT NULL REFERENCES akten(id),
    betreff TEXT NOT NULL,
    absender TEXT NOT NULL,
    eingangsdatum TEXT NOT NULL,
    bemerkung TEXT NOT NULL,
    dateiname TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    groesse INTEGER NOT NULL,
    gespeichert TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS dokumente_akte ON dokumente(akte_id, id);
CREATE TABLE IF NOT EXISTS zaehler (
    jahr INTEGER PRIMARY KEY,
    wert INTEGER NOT NULL
);
"""


class DuplicateAktenzeichen(ValueError):
    """A file with this Aktenzeichen exists already."""


@dataclass(frozen=True)
class EFile:
    """A file (Akte)."""

    id: int
    aktenzeichen: str
    titel: str
    organisationseinheit: str


@dataclass(frozen=True)
class StoredDocument:
    """A document filed into an Akte."""

    nummer: str
    aktenzeichen: str
    betreff: str
    absender: str
    eingangsdatum: date
    bemerkung: str
    dateiname: str
    sha256: str
    groesse: int


@dataclass(frozen=True)
class SpooledUpload:
    """An upload written to a temporary file in the store, not yet filed."""

    path: Path
    sha256: str
    size: int
    head: bytes


def key_of(aktenzeichen: str) -> str:
    """How Aktenzeichen are compared: trimmed, Unicode-normalised, case-insensitive."""
    return unicodedata.normalize("NFC", aktenzeichen.strip()).casefold()


def document_number(year: int, sequence: int) -> str:
    return f"DOK-{year}-{sequence:06d}"


class Store:
    """Files, documents and the PDFs of one stand-in instance."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self.files_dir = self.data_dir / "dateien"
        self.files_dir.mkdir(parents=True, exist_ok=True)
        self.database = self.data_dir / "eakte.sqlite3"
        self._write_lock = threading.Lock()
        with self._connect() as connection:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.executescript(SCHEMA)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        connection = sqlite3.connect(self.database, timeout=30, isolation_level=None)
        connection.row_factory = sqlite3.Row
        connection.execute("PRAGMA foreign_keys=ON")
        try:
            yield connection
        finally:
            connection.close()

    # -- files (Akten) ------------------------------------------------------------------

    def create_file(self, aktenzeichen: str, titel: str, organisationseinheit: str) -> EFile:
        """A new Akte; :class:`DuplicateAktenzeichen` if the Aktenzeichen is taken."""
        aktenzeichen = aktenzeichen.strip()
        if not aktenzeichen:
            raise ValueError("empty Aktenzeichen")
        with self._write_lock, self._connect() as connection:
            try:
                cursor = connection.execute(
                    "INSERT INTO akten (aktenzeichen, schluessel, titel, organisationseinheit,"
                    " angelegt) VALUES (?, ?, ?, ?, ?)",
                    (
                        aktenzeichen,
                        key_of(aktenzeichen),
                        titel.strip(),
                        organisationseinheit.strip(),
                        datetime.now().isoformat(timespec="seconds"),
                    ),
                )
            except sqlite3.IntegrityError:
                raise DuplicateAktenzeichen(aktenzeichen) from None
            file_id = cursor.lastrowid
        assert file_id is not None
        return EFile(file_id, aktenzeichen, titel.strip(), organisationseinheit.strip())

    def find_file(self, aktenzeichen: str) -> EFile | None:
        """The Akte with exactly this Aktenzeichen (trimmed, case-insensitive)."""
        with self._connect() as connection:
            row = connection.execute(
                "SELECT * FROM akten WHERE schluessel = ?", (key_of(aktenzeichen),)
            ).fetchone()
        return _efile(row) if row else None

    def file(self, file_id: int) -> EFile | None:
        with self._connect() as connection:
            row = connection.execute("SELECT * FROM akten WHERE id = ?", (file_id,)).fetchone()
        return _efile(row) if row else None

    def files(self) -> list[EFile]:
        with self._connect() as connection:
            rows = connection.execute("SELECT * FROM akten ORDER BY id").fetchall()
        return [_efile(row) for row in rows]

    # -- documents ----------------------------------------------------------------------

    def documents(self, aktenzeichen: str) -> list[StoredDocument]:
        """The documents of an Akte, oldest first; empty if there is no such Akte."""
        with self._connect() as connection:
            rows = connection.execute(
                "SELECT d.*, a.aktenzeichen FROM dokumente d JOIN akten a ON a.id = d.akte_id"
                " WHERE a.schluessel = ? ORDER BY d.id",
                (key_of(aktenzeichen),),
            ).fetchall()
        return [_document(row) for row in rows]

    def documents_of(self, file_id: int) -> list[StoredDocument]:
        with self._connect() as connection:
            rows = connection.execute(
                "SELECT d.*, a.aktenzeichen FROM dokumente d JOIN akten a ON a.id = d.akte_id"
                " WHERE a.id = ? ORDER BY d.id",
                (file_id,),
            ).fetchall()
        return [_document(row) for row in rows]

    def document(self, nummer: str) -> StoredDocument | None:
        with self._connect() as connection:
            row = connection.execute(
                "SELECT d.*, a.aktenzeichen FROM dokumente d JOIN akten a ON a.id = d.akte_id"
                " WHERE d.nummer = ?",
                (nummer,),
            ).fetchone()
        return _document(row) if row else None

    def count_documents(self, aktenzeichen: str | None = None) -> int:
        """Documents in one Akte, or in all of them."""
        with self._connect() as connection:
            if aktenzeichen is None:
                row = connection.execute("SELECT count(*) FROM dokumente").fetchone()
            else:
                row = connection.execute(
                    "SELECT count(*) FROM dokumente d JOIN akten a ON a.id = d.akte_id"
                    " WHERE a.schluessel = ?",
                    (key_of(aktenzeichen),),
                ).fetchone()
        return int(row[0])

    def file_path(self, sha256: str) -> Path:
        """Where the PDF with this SHA-256 is kept."""
        if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
            raise ValueError("not a SHA-256")
        return self.files_dir / sha256[:2] / sha256

    def spool(self, source: BinaryIO, limit: int) -> SpooledUpload | None:
        """Copies an upload into a temporary file here; ``None`` if it exceeds ``limit`` bytes."""
        digest = hashlib.sha256()
        size = 0
        head = b""
        fd, name = tempfile.mkstemp(prefix=".upload-", dir=self.files_dir)
        path = Path(name)
        try:
            with os.fdopen(fd, "wb") as target:
                while chunk := source.read(1024 * 1024):
                    size += len(chunk)
                    if size > limit:
                        path.unlink()
                        return None
                    if len(head) < 1024:
                        head += chunk[: 1024 - len(head)]
                    digest.update(chunk)
                    target.write(chunk)
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        return SpooledUpload(path=path, sha256=digest.hexdigest(), size=size, head=head)

    def discard(self, upload: SpooledUpload) -> None:
        upload.path.unlink(missing_ok=True)

    def add_document(
        self,
        file_id: int,
        upload: SpooledUpload,
        *,
        dateiname: str,
        eingangsdatum: date,
        absender: str,
        betreff: str,
        bemerkung: str,
        today: date | None = None,
    ) -> StoredDocument:
        """Files a spooled upload: the PDF first (by SHA-256), then the row with a new number."""
        target = self.file_path(upload.sha256)
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            upload.path.unlink(missing_ok=True)
        else:
            os.replace(upload.path, target)
        year = (today or date.today()).year
        with self._write_lock, self._connect() as connection:
            connection.execute("BEGIN IMMEDIATE")
            try:
                akte = connection.execute(
                    "SELECT aktenzeichen FROM akten WHERE id = ?", (file_id,)
                ).fetchone()
                if akte is None:
                    raise LookupError(f"no Akte {file_id}")
                connection.execute(
                    "INSERT INTO zaehler (jahr, wert) VALUES (?, 1)"
                    " ON CONFLICT(jahr) DO UPDATE SET wert = wert + 1",
                    (year,),
                )
                (sequence,) = connection.execute(
                    "SELECT wert FROM zaehler WHERE jahr = ?", (year,)
                ).fetchone()
                nummer = document_number(year, int(sequence))
                connection.execute(
                    "INSERT INTO dokumente (nummer, akte_id, betreff, absender, eingangsdatum,"
                    " bemerkung, dateiname, sha256, groesse, gespeichert)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        nummer,
                        file_id,
                        betreff,
                        absender,
                        eingangsdatum.isoformat(),
                        bemerkung,
                        dateiname,
                        upload.sha256,
                        upload.size,
                        datetime.now().isoformat(timespec="seconds"),
                    ),
                )
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")
        return StoredDocument(
            nummer=nummer,
            aktenzeichen=str(akte["aktenzeichen"]),
            betreff=betreff,
            absender=absender,
            eingangsdatum=eingangsdatum,
            bemerkung=bemerkung,
            dateiname=dateiname,
            sha256=upload.sha256,
            groesse=upload.size,
        )

    def file_document(
        self,
        aktenzeichen: str,
        pdf: bytes,
        *,
        dateiname: str = "dokument.pdf",
        eingangsdatum: date | None = None,
        absender: str = "",
        betreff: str,
        bemerkung: str = "",
    ) -> StoredDocument:
        """Files ``pdf`` into an existing Akte directly, without the web form (for tests)."""
        akte = self.find_file(aktenzeichen)
        if akte is None:
            raise LookupError(f"no Akte {aktenzeichen!r}")
        upload = self.spool(io.BytesIO(pdf), limit=len(pdf))
        assert upload is not None
        return self.add_document(
            akte.id,
            upload,
            dateiname=dateiname,
            eingangsdatum=eingangsdatum or date.today(),
            absender=absender,
            betreff=betreff,
            bemerkung=bemerkung,
        )


def _efile(row: sqlite3.Row) -> EFile:
    return EFile(
        id=int(row["id"]),
        aktenzeichen=str(row["aktenzeichen"]),
        titel=str(row["titel"]),
        organisationseinheit=str(row["organisationseinheit"]),
    )


def _document(row: sqlite3.Row) -> StoredDocument:
    return StoredDocument(
        nummer=str(row["nummer"]),
        aktenzeichen=str(row["aktenzeichen"]),
        betreff=str(row["betreff"]),
        absender=str(row["absender"]),
        eingangsdatum=date.fromisoformat(str(row["eingangsdatum"])),
        bemerkung=str(row["bemerkung"]),
        dateiname=str(row["dateiname"]),
        sha256=str(row["sha256"]),
        groesse=int(row["groesse"]),
    )
