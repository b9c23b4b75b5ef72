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


def test_classify_a_batch_prints_one_line_per_letter_as_the_run_splits_it(
    tmp_path: Path, tesseract: str
) -> None:
    import json
    import shutil

    batches = Path(__file__).resolve().parent.parent / "samples" / "mail" / "batches"
    files = [batches / name for name in ("Stapel_0001.pdf", "Stapel_0003.pdf", "Stapel_0002.tif")]
    result = _lotse(tmp_path / "data", "mailroom", "classify", "--json", *map(str, files))
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["batch"], r["page_range"], r["status"], r["department"]) for r in lines] == [
        ("Stapel_0001.pdf", [2, 2], "routed", "51"),
        ("Stapel_0001.pdf", [4, 4], "routed", "67"),
        ("Stapel_0001.pdf", [6, 6], "routed", "32"),
        (None, None, "quarantined", None),  # its second separator sheet cannot be read
        ("Stapel_0002.tif", [3, 4], "routed", "33"),  # blank backs stay with their letter
        ("Stapel_0002.tif", [7, 8], "routed", "10"),
    ]
    assert [Path(r["file"]).name for r in lines] == [
        "Stapel_0001.pdf", "Stapel_0001.pdf", "Stapel_0001.pdf", "Stapel_0003.pdf",
        "Stapel_0002.tif", "Stapel_0002.tif",
    ]  # fmt: skip
    assert "Trennblatt" in lines[3]["reasons"][0]

    # The run splits the same way: the same letters, pages and Ämter in `letters --json`.
    inbox = tmp_path / "posteingang"
    inbox.mkdir()
    for file in files:
        shutil.copy(file, inbox / file.name)
    run = _lotse(tmp_path / "data", "mailroom", "run", "--without-prefect", "--inbox", str(inbox))
    assert run.returncode == 0, run.stderr
    listed = _lotse(tmp_path / "data", "mailroom", "letters", "--json")
    letters = json.loads(listed.stdout)
    assert sorted(
        (r["batch"], r["page_range"], r["department"]) for r in letters if r["batch"]
    ) == sorted((r["batch"], r["page_range"], r["department"]) for r in lines if r["batch"])

    text = _lotse(tmp_path / "data", "mailroom", "classify", str(files[0]))
    assert [line.split(" (")[0] for line in text.stdout.splitlines() if line.startswith("Stapel")] == [
        "Stapel_0001.pdf S. 2 → 51", "Stapel_0001.pdf S. 4 → 67", "Stapel_0001.pdf S. 6 → 32",
    ]  # fmt: skip


def test_without_tesseract_the_run_says_what_to_install_and_takes_nothing(tmp_path: Path) -> None:
    inbox = tmp_path / "eingang"
    inbox.mkdir()
    (inbox / "brief.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    # A PATH without the folder that holds tesseract (the interpreter is called by path).
    tesseract = subprocess.run(["which", "tesseract"], capture_output=True, text=True).stdout
    path = os.pathsep.join(
        folder
        for folder in os.environ["PATH"].split(os.pathsep)
        if folder and not (Path(folder) / "tesseract").exists()
    )
    assert tesseract and "tesseract" not in path
    data = tmp_path / "data"
    data.mkdir()
    env = dict(os.environ, LOTSE_DATA_DIR=str(data), LOTSE_MAIL_STABLE_SECONDS="0", PATH=path)
    env.pop("LOTSE_DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "lotse", "mailroom", "run", "--without-prefect",
         "--inbox", str(inbox)],
        env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Tesseract fehlt: bitte das Paket tesseract-ocr installieren." in result.stderr
    assert (inbox / "brief.png").is_file()  # still in the inbox, for the next run


def test_a_broken_setting_is_one_line_before_anything_starts(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    env = dict(os.environ, LOTSE_DATA_DIR=str(data), LOTSE_MAIL_WORKERS="0")
    env.pop("LOTSE_DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "lotse", "mailroom", "run", "--without-prefect"],
        env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 2, result.stdout + result.stderr
    assert (
        result.stderr.startswith("Lotse kann nicht starten:") and "Traceback" not in result.stderr
    )
