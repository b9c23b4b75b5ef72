"""Crash safety: real runs killed with SIGKILL at every step, then run again.

After the rerun every letter must be delivered exactly once, or be in review,
or in quarantine: none lost, none doubled.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from robots.batch_split import split_batch
from robots.documents import ReadLimits
from tests.robots.batches import sheet, write_pdf
from tests.robots.letters import (
    ADVERT,
    KITA_MEMO,
    TAX_OBJECTION,
    TREE_REQUEST,
    scan,
    scan_file,
    text_pdf,
)

CRASH_POINTS = [
    "intake-before-commit",
    "intake-before-unlink",
    "read-start",
    "quarantine-before-commit",
    "deliver-before-intent",
    "deliver-after-intent",
    "deliver-after-rename",
    "archive-before-move",
    "archive-after-move",
    "batch-before-commit",
    "batch-archive-before-move",
]


@pytest.fixture(scope="module")
def letters(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """Eight letters and what must become of each (by content hash)."""
    folder = tmp_path_factory.mktemp("briefe")
    expected: dict[str, str] = {}

    def add(path: Path, outcome: str) -> None:
        expected[hashlib.sha256(path.read_bytes()).hexdigest()] = outcome

    for index, lines in enumerate([TAX_OBJECTION, KITA_MEMO, TREE_REQUEST, TAX_OBJECTION]):
        add(text_pdf(folder / f"Scan_{index:04d}.pdf", [*lines, f"Vorgang {index}"]), "delivered")
    add(scan_file(folder / "IMG_0005.png", TREE_REQUEST, rotate=0.7), "delivered")
    add(scan_file(folder / "Posteingang_0006.tif", KITA_MEMO), "delivered")
    add(text_pdf(folder / "werbung.pdf", ADVERT * 3), "review")
    bad = folder / "kaputt.pdf"
    bad.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 8)
    add(bad, "quarantined")
    # A batch scan: two letters behind separator sheets; each part must arrive exactly once.
    stack = write_pdf(
        [sheet(), scan([*TREE_REQUEST, "Stapel 1"]), sheet(seed=2), scan([*TAX_OBJECTION, "Stapel 2"])],
        folder / "Stapel_0009.pdf",
    )  # fmt: skip
    parts = folder.parent / "stapel-teile"
    parts.mkdir()
    plan = split_batch(str(stack), str(parts), ReadLimits(), False)
    assert len(plan.files) == 2
    for file in plan.files:
        add(Path(file), "delivered")
    return folder, expected


def _environment(data: Path) -> dict[str, str]:
    data.mkdir(exist_ok=True)  # an explicit data dir must exist (or be made by `lotse init`)
    env = dict(os.environ)
    env.update(
        LOTSE_DATA_DIR=str(data),
        LOTSE_DATABASE_URL=f"sqlite:///{data / 'lotse.db'}",
        LOTSE_MAIL_STABLE_SECONDS="0",
        LOTSE_MAIL_WORKERS="2",
    )
    env.pop("LOTSE_CRASH_AT", None)
    return env


def _run(inbox: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lotse", "mailroom", "run", "--inbox", str(inbox), "--without-prefect"],
        env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip


def _letters(env: dict[str, str]) -> list[dict[str, object]]:
    result = subprocess.run(
        [sys.executable, "-m", "lotse", "mailroom", "letters", "--json"],
        env=env, capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def _check_exactly_once(
    data: Path, inbox: Path, env: dict[str, str], expected: dict[str, str]
) -> None:
    delivered = [json.loads(p.read_text()) for p in (data / "outbox").glob("*/*.json")]
    counts: dict[str, int] = {}
    for sidecar in delivered:
        counts[sidecar["sha256"]] = counts.get(sidecar["sha256"], 0) + 1
        pdf = data / "outbox" / sidecar["department"] / sidecar["file"]
        assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF"), pdf
    assert not list((data / "outbox").glob("*/.*.part")), "a half-delivered file was left behind"
    letters = {str(row["sha256"]): row for row in _letters(env)}
    assert set(letters) == set(expected), "a letter was lost or invented"
    for digest, outcome in expected.items():
        row = letters[digest]
        if outcome == "delivered":
            assert counts.get(digest) == 1, (row["name"], counts.get(digest), row["status"], row)
            assert row["status"] == "archived" and Path(str(row["archive_file"])).is_file()
        elif outcome == "review":
            assert row["status"] == "review" and digest not in counts
        else:
            assert row["status"] == "quarantined" and digest not in counts
            assert list((data / "quarantine").glob(f"*_{digest[:12]}_*.grund.txt"))
    assert [p.name for p in inbox.iterdir()] == []
    # The batch original is archived once, for both its letters.
    batch_rows = [row for row in letters.values() if row["batch"] == "Stapel_0009.pdf"]
    assert len(batch_rows) == 2
    assert {row["archive_file"] for row in batch_rows} != {None}
    assert len({row["archive_file"] for row in batch_rows}) == 1
    assert sorted(tuple(row["page_range"]) for row in batch_rows) == [(2, 2), (4, 4)]  # type: ignore[arg-type]
    assert len(list((data / "archive").rglob("*Stapel_0009.pdf"))) == 1


@pytest.mark.slow
@pytest.mark.timeout(600)
@pytest.mark.parametrize("point", CRASH_POINTS)
def test_killed_at_a_step_then_rerun_delivers_exactly_once(
    point: str, letters: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    source, expected = letters
    inbox, data = tmp_path / "inbox", tmp_path / "data"
    shutil.copytree(source, inbox)
    env = _environment(data)
    crashed = _run(inbox, {**env, "LOTSE_CRASH_AT": point})
    assert crashed.returncode == -signal.SIGKILL, (
        point,
        crashed.returncode,
        crashed.stderr[-2000:],
    )
    finished = _run(inbox, env)
    assert finished.returncode == 0, finished.stderr[-2000:]
    _check_exactly_once(data, inbox, env, expected)


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_a_batch_part_archived_before_its_batch_names_the_batch_original(tmp_path: Path) -> None:
    """Killed right after the split: the rerun may finish a part before it archives the
    batch (here the batch's archiving is held back until the parts are done). Each part
    must still name the batch original, and find it there after the run."""
    inbox, data = tmp_path / "inbox", tmp_path / "data"
    inbox.mkdir()
    write_pdf(
        [sheet(), scan([*TREE_REQUEST, "Stapel 1"]), sheet(seed=2), scan([*TAX_OBJECTION, "Stapel 2"])],
        inbox / "Stapel_0042.pdf",
    )  # fmt: skip
    env = _environment(data)
    crashed = _run(inbox, {**env, "LOTSE_CRASH_AT": "batch-split-committed"})
    assert crashed.returncode == -signal.SIGKILL, crashed.stderr[-2000:]
    finished = _run(inbox, {**env, "LOTSE_PAUSE_AT": "batch-archive-start:20"})
    assert finished.returncode == 0, finished.stderr[-2000:]
    parts = _letters(env)
    assert [row["status"] for row in parts] == ["archived", "archived"]
    archived = list((data / "archive").rglob("*Stapel_0042.pdf"))
    assert len(archived) == 1
    assert {row["archive_file"] for row in parts} == {str(archived[0])}


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_killed_at_random_moments_many_times(
    letters: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    source, expected = letters
    inbox, data = tmp_path / "inbox", tmp_path / "data"
    shutil.copytree(source, inbox)
    env = _environment(data)
    chance = random.Random(4711)
    kills = 0
    for _ in range(12):
        process = subprocess.Popen(
            [sys.executable, "-m", "lotse", "mailroom", "run", "--inbox", str(inbox), "--without-prefect"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        time.sleep(chance.uniform(0.3, 2.5))
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            kills += 1
        process.wait(timeout=60)
    assert kills >= 3, "the runs finished too fast to be killed; the test proves nothing"
    assert _run(inbox, env).returncode == 0
    _check_exactly_once(data, inbox, env, expected)


# -- the desk: a person's decision carried out, killed in the middle ---------------------

DECISION_POINTS = [
    "decision-applied",
    "deliver-after-intent",
    "copy-after-intent",
    "copy-after-rename",
    "deliver-after-rename",
    "archive-before-move",
]


def _cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lotse", "mailroom", *args],
        env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip


@pytest.mark.slow
@pytest.mark.timeout(600)
@pytest.mark.parametrize("point", DECISION_POINTS)
def test_killed_while_a_decision_is_carried_out_then_rerun_delivers_exactly_once(
    point: str, tmp_path: Path
) -> None:
    """One letter to 20 with a copy to 51, one "keine Verwaltungspost": after the crash and
    a rerun, the original once at 20, the copy once at 51, nothing for the other, both
    originals archived."""
    inbox, data = tmp_path / "inbox", tmp_path / "data"
    inbox.mkdir()
    text_pdf(inbox / "werbung-a.pdf", [*ADVERT, "Angebot A"])
    text_pdf(inbox / "werbung-b.pdf", [*ADVERT, "Angebot B"])
    env = _environment(data)
    assert _run(inbox, env).returncode == 0
    first, second = sorted(int(str(row["id"])) for row in _letters(env))
    crashed = _cli(
        {**env, "LOTSE_CRASH_AT": point}, "review", "decide", str(first), "20", "--copy", "51"
    )
    assert crashed.returncode == -signal.SIGKILL, (point, crashed.returncode, crashed.stderr)
    closed = _cli(
        {**env, "LOTSE_CRASH_AT": point}, "review", "close", str(second), "--outcome", "not_mail"
    )
    if point in ("decision-applied", "archive-before-move"):
        assert closed.returncode == -signal.SIGKILL, (point, closed.returncode, closed.stderr)
    assert _run(inbox, env).returncode == 0
    sidecars = [json.loads(p.read_text()) for p in (data / "outbox").glob("*/*.json")]
    assert sorted((s["department"], bool(s.get("copy"))) for s in sidecars) == [
        ("20", False),
        ("51", True),
    ]
    for sidecar in sidecars:
        assert (data / "outbox" / sidecar["department"] / sidecar["file"]).is_file()
    assert not list((data / "outbox").glob("*/.*.part")), "a half-delivered file was left behind"
    rows = {int(str(row["id"])): row for row in _letters(env)}
    assert (rows[first]["status"], rows[first]["department"]) == ("archived", "20")
    assert (rows[second]["status"], rows[second]["outcome"]) == ("archived", "not_mail")
    assert rows[second]["delivered_to"] is None
    for row in rows.values():
        assert Path(str(row["archive_file"])).is_file()
