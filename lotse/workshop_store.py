"""Workshop comparisons made in the web, kept between requests in ``DATA_DIR/workshop/``.

The page recomputes a comparison from its drawings whenever it is shown or corrected
(that takes a fraction of a second), so what is kept is small: per comparison a folder
named by a random id, with the drawings as they were uploaded or taken from the
catalogue (``1.bpmn`` …; the names people know them by are only labels) and
``vergleich.json`` with the owner, the names, the facts and the pilot's corrections.

Only the user who made a comparison may see it. The folder names come from
:func:`secrets.token_urlsafe` and an id from outside is checked against their pattern
before it becomes part of a path, so nothing outside the store is ever read or
written. Comparisons older than :data:`KEEP` and a user's comparisons beyond
:data:`MAX_PER_USER` are removed whenever someone makes a new one.
"""

from __future__ import annotations

import json
import re
import secrets
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from robots.files import write_atomic

KEEP = timedelta(days=14)
MAX_PER_USER = 20
MANIFEST = "vergleich.json"
_ID = re.compile(r"[A-Za-z0-9_-]{24}")


@dataclass(frozen=True, slots=True)
class StoredDrawing:
    name: str  # the label shown: a file name, or the catalogue version
    file: str  # the file in the comparison's folder
    origin: str  # German: where it came from ("hochgeladen", "Katalog: …")


@dataclass(slots=True)
class StoredComparison:
    id: str
    owner: int
    created: datetime
    drawings: list[StoredDrawing]
    title: str = ""
    facts: dict[str, Any] = field(default_factory=dict)  # Facts.model_dump(exclude_none)
    corrections: list[Any] = field(default_factory=list)  # Corrections.to_json()
    skipped: list[list[str]] = field(default_factory=list)  # [name, why] not compared

    def to_json(self) -> dict[str, Any]:
        return {
            "owner": self.owner,
            "created": self.created.isoformat(),
            "title": self.title,
            "drawings": [[d.name, d.file, d.origin] for d in self.drawings],
            "facts": self.facts,
            "corrections": self.corrections,
            "skipped": self.skipped,
        }

    @classmethod
    def from_json(cls, ident: str, data: Any) -> StoredComparison:
        created = datetime.fromisoformat(data["created"])
        return cls(
            id=ident,
            owner=int(data["owner"]),
            created=created if created.tzinfo else created.replace(tzinfo=UTC),
            drawings=[StoredDrawing(str(n), str(f), str(o)) for n, f, o in data["drawings"]],
            title=str(data.get("title") or ""),
            facts=dict(data.get("facts") or {}),
            corrections=list(data.get("corrections") or []),
            skipped=[[str(n), str(w)] for n, w in data.get("skipped") or []],
        )


@dataclass(frozen=True, slots=True)
class NewDrawing:
    name: str
    data: bytes
    origin: str


class WorkshopStore:
    def __init__(self, root: Path, clock: Callable[[], datetime] = lambda: datetime.now(UTC)):
        self.root = root
        self.clock = clock

    def create(
        self,
        owner: int,
        drawings: Sequence[NewDrawing],
        *,
        title: str = "",
        facts: dict[str, Any] | None = None,
        skipped: Sequence[tuple[str, str]] = (),
    ) -> StoredComparison:
        self.purge(owner)
        self.root.mkdir(parents=True, exist_ok=True, mode=0o750)
        ident = secrets.token_urlsafe(18)  # 24 characters of [A-Za-z0-9_-]
        folder = self.root / ident
        folder.mkdir(mode=0o750)
        stored = StoredComparison(
            id=ident,
            owner=owner,
            created=self.clock(),
            drawings=[],
            title=title,
            facts=dict(facts or {}),
            skipped=[[name, why] for name, why in skipped],
        )
        for number, drawing in enumerate(drawings, start=1):
            file = f"{number}.bpmn"
            write_atomic(folder / file, drawing.data)
            stored.drawings.append(StoredDrawing(drawing.name, file, drawing.origin))
        self._save(stored)
        return stored

    def get(self, ident: str, owner: int) -> StoredComparison | None:
        """The comparison, if it exists and belongs to ``owner``; else None (never an error)."""
        stored = self._load(ident)
        return stored if stored is not None and stored.owner == owner else None

    def drawing(self, stored: StoredComparison, drawing: StoredDrawing) -> bytes:
        return (self.root / stored.id / drawing.file).read_bytes()

    def save_corrections(self, stored: StoredComparison, corrections: list[Any]) -> None:
        stored.corrections = corrections
        self._save(stored)

    def of(self, owner: int) -> list[StoredComparison]:
        """The owner's comparisons, newest first."""
        found = [s for s in self._all() if s.owner == owner]
        return sorted(found, key=lambda s: s.created, reverse=True)

    def purge(self, owner: int | None = None) -> int:
        """Removes comparisons older than KEEP, and ``owner``'s beyond MAX_PER_USER - 1."""
        now = self.clock()
        old = [s for s in self._all() if now - s.created > KEEP]
        if owner is not None:
            mine = [s for s in self.of(owner) if now - s.created <= KEEP]
            old += mine[MAX_PER_USER - 1 :]  # room for the one being made
        for stored in old:
            shutil.rmtree(self.root / stored.id, ignore_errors=True)
        return len(old)

    def _all(self) -> list[StoredComparison]:
        if not self.root.is_dir():
            return []
        found = []
        for entry in self.root.iterdir():
            stored = self._load(entry.name)
            if stored is not None:
                found.append(stored)
        return found

    def _load(self, ident: str) -> StoredComparison | None:
        if not _ID.fullmatch(ident):
            return None
        path = self.root / ident / MANIFEST
        try:
            return StoredComparison.from_json(ident, json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError):
            # Missing, half-removed or damaged: as if it did not exist.
            return None

    def _save(self, stored: StoredComparison) -> None:
        text = json.dumps(stored.to_json(), ensure_ascii=False, indent=1)
        write_atomic(self.root / stored.id / MANIFEST, text.encode("utf-8"))
