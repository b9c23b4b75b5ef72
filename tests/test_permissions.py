"""Nothing Lotse writes is readable by every local user, whatever the caller's umask.

Found in the second round: ``lotse.db`` (letter text, password hashes), the
outbox, searchable PDFs and quarantine reasons were 0644 in 0755 folders.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SAMPLES
from tests.robots.letters import ADVERT, TAX_OBJECTION, text_pdf

LOTSE = [sys.executable, "-m", "lotse"]


def _as_with_umask_022(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*LOTSE, *args], env=env, capture_output=True, text=True, timeout=300,
        preexec_fn=lambda: os.umask(0o022),
    )  # fmt: skip


def _too_open(root: Path) -> list[str]:
    """Everything below ``root`` that others may read or the group may change."""
    found = []
    for path in [root, *root.rglob("*")]:
        mode = stat.S_IMODE(path.lstat().st_mode)
        if mode & 0o027:
            found.append(f"{oct(mode)} {path.relative_to(root)}")
    return found


@pytest.mark.slow
def test_everything_lotse_writes_is_private(tmp_path: Path) -> None:
    data = tmp_path / "daten"
    inbox = tmp_path / "scanner"
    inbox.mkdir()
    text_pdf(inbox / "einspruch.pdf", TAX_OBJECTION)  # delivered (searchable PDF + sidecar)
    text_pdf(inbox / "werbung.pdf", ADVERT * 3)  # review
    (inbox / "kaputt.pdf").write_bytes(b"%PDF-1.4\n kein echtes PDF")  # quarantine
    for path in inbox.iterdir():
        path.chmod(0o644)
        os.utime(path, (0, 0))  # long stable
    env = {
        **os.environ,
        "LOTSE_DATA_DIR": str(data),
        "LOTSE_DATABASE_URL": "",
        "LOTSE_MAIL_STABLE_SECONDS": "0",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    for args in (
        ["init"],  # makes the data dir (commands refuse a new one of their own)
        ["catalogue", "import", str(SAMPLES / "bpmn"), "--department", "20"],
        ["mailroom", "run", "--inbox", str(inbox), "--without-prefect"],
        ["report", "--out", str(data / "berichte")],
        ["bpmn", "draw", str(SAMPLES / "bpmn" / "bauantrag.bpmn"), "--out", str(data / "b.svg")],
    ):
        result = _as_with_umask_022(args, env)
        assert result.returncode == 0, (args, result.stdout, result.stderr)

    written = {p.relative_to(data).parts[0] for p in data.rglob("*")}
    assert {"lotse.db", "outbox", "archive", "quarantine", "berichte", "b.svg"} <= written
    assert list(data.glob("outbox/*/*.pdf")) and list(data.glob("outbox/*/*.json"))
    assert list(data.glob("quarantine/**/*"))
    assert _too_open(data) == []
    assert stat.S_IMODE(data.stat().st_mode) == 0o750


def test_an_older_data_folder_is_closed_on_start(tmp_path: Path) -> None:
    data = tmp_path / "daten"
    data.mkdir(mode=0o755)
    data.chmod(0o775)
    old = data / "lotse-alt.txt"
    old.write_text("von einer älteren Version")
    env = {**os.environ, "LOTSE_DATA_DIR": str(data), "LOTSE_DATABASE_URL": ""}
    result = _as_with_umask_022(["catalogue", "list", "--json"], env)
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(data.stat().st_mode) == 0o750  # nobody else gets to what is inside
