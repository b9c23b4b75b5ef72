"""``lotse mailroom run`` on a fresh machine and with a scanner share that is not there."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def _lotse(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    data.mkdir(exist_ok=True)  # an explicit data dir must exist (or be made by `lotse init`)
    env = dict(os.environ, LOTSE_DATA_DIR=str(data), LOTSE_MAIL_STABLE_SECONDS="0")
    env.pop("LOTSE_DATABASE_URL", None)
    env.pop("LOTSE_MAIL_INBOX", None)
    return subprocess.run(
        [sys.executable, "-m", "lotse", *args],
        env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip


def test_the_first_run_finds_the_default_inbox_empty(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = _lotse(data, "mailroom", "run", "--without-prefect")
    assert result.returncode == 0, result.stderr
    assert "0 neue Briefe im Posteingang" in result.stdout
    assert (data / "inbox").is_dir()


def test_a_missing_scanner_share_is_named_and_nothing_is_created(tmp_path: Path) -> None:
    share = tmp_path / "scanner-freigabe"
    result = _lotse(
        tmp_path / "data", "mailroom", "run", "--without-prefect", "--inbox", str(share)
    )
    assert result.returncode == 2
    assert f"Der Posteingang {share} existiert nicht." in " ".join(result.stderr.split())
    assert not share.exists()


def test_trennblatt_writes_a_printable_sheet(tmp_path: Path) -> None:
    out = tmp_path / "blatt.pdf"
    result = _lotse(tmp_path / "data", "mailroom", "trennblatt", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "Trennblatt geschrieben" in result.stdout
    assert out.read_bytes().startswith(b"%PDF-")
    refused = _lotse(
        tmp_path / "data", "mailroom", "trennblatt", "--out", str(tmp_path / "fehlt" / "x.pdf")
    )
    assert refused.returncode == 1
    assert "lässt sich nicht schreiben" in refused.stderr


def test_classify_an_eml_prints_one_json_line(tmp_path: Path) -> None:
    import json

    mails = Path(__file__).resolve().parent.parent / "samples" / "mail" / "emails"
    result = _lotse(
        tmp_path / "data", "mailroom", "classify", "--json",
        str(mails / "Hundesteuer.eml"), str(mails / "abgebrochen.eml"),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["status"], r["department"], r["pages"], r["ocr_pages"]) for r in lines] == [
        ("routed", "22", 1, 0),
        ("quarantined", None, 0, 0),
    ]
    assert set(lines[0]) >= {
        "file",
        "status",
        "department",
        "confidence",
        "reasons",
        "pages",
        "ocr_pages",
    }
    assert "abgebrochen" in lines[1]["reasons"][0]
