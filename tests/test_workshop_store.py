"""Workshop comparisons kept between requests: owner only, bounded, never outside the store."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from lotse.workshop_store import KEEP, MAX_PER_USER, NewDrawing, WorkshopStore

DRAWINGS = [NewDrawing("anna.bpmn", b"<a/>", "hochgeladen"), NewDrawing("ben.bpmn", b"<b/>", "x")]


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(tmp_path: Path, clock: Clock) -> WorkshopStore:
    return WorkshopStore(tmp_path / "workshop", clock=clock)


def test_a_comparison_is_kept_for_its_owner_only(store: WorkshopStore) -> None:
    made = store.create(7, DRAWINGS, title="Toast", facts={"exception_rate": 0.1},
                        skipped=[("notiz.bpmn", "Die Datei ist leer.")])  # fmt: skip
    found = store.get(made.id, 7)
    assert found is not None
    assert [d.name for d in found.drawings] == ["anna.bpmn", "ben.bpmn"]
    assert store.drawing(found, found.drawings[1]) == b"<b/>"
    assert found.title == "Toast" and found.facts == {"exception_rate": 0.1}
    assert found.skipped == [["notiz.bpmn", "Die Datei ist leer."]]
    assert store.get(made.id, 8) is None
    store.save_corrections(found, [[["anna.bpmn", "a"], ["ben.bpmn", "b"]]])
    again = store.get(made.id, 7)
    assert again is not None and again.corrections == [[["anna.bpmn", "a"], ["ben.bpmn", "b"]]]


@pytest.mark.parametrize("ident", ["", "..", "../workshop", "a/b", "A" * 23, "A" * 25, "ä" * 24])
def test_ids_from_outside_never_become_paths(store: WorkshopStore, ident: str) -> None:
    store.create(7, DRAWINGS)
    assert store.get(ident, 7) is None


def test_a_damaged_manifest_is_as_if_there_were_none(store: WorkshopStore) -> None:
    made = store.create(7, DRAWINGS)
    manifest = store.root / made.id / "vergleich.json"
    for damage in (b"", b"{", b"[]", b'{"owner": "x"}', b'{"owner": 7, "created": "gestern"}'):
        manifest.write_bytes(damage)
        assert store.get(made.id, 7) is None
    assert store.of(7) == []


def test_old_comparisons_and_too_many_go(store: WorkshopStore, clock: Clock) -> None:
    old = store.create(7, DRAWINGS)
    clock.now += KEEP + timedelta(minutes=1)
    other = store.create(8, DRAWINGS)  # making one removes what is older than KEEP
    assert store.get(old.id, 7) is None and not (store.root / old.id).exists()
    made = []
    for _ in range(MAX_PER_USER + 3):
        clock.now += timedelta(minutes=1)
        made.append(store.create(9, DRAWINGS))
    kept = [s.id for s in store.of(9)]
    assert kept == [s.id for s in reversed(made)][:MAX_PER_USER]  # newest first
    assert store.get(other.id, 8) is not None  # another user's are not counted
