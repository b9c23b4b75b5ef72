"""Every MIWG file gives exactly what expected.json says, read directly and through the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bpmn import BpmnReadError, read_bpmn, summarise


def _expected(conformance_dir: Path) -> dict[str, Any]:
    return json.loads((conformance_dir / "expected.json").read_text(encoding="utf-8"))


def _as_expected(entry: dict[str, Any]) -> dict[str, Any]:
    """Our summary in expected.json's shape (processes keyed by id)."""
    return {
        "ok": True,
        "processes": {
            p["id"]: {k: p[k] for k in ("elements", "lanes", "sequence_flows")}
            for p in entry["processes"]
        },
        "message_flows": entry["message_flows"],
        "diagram": entry["diagram"],
    }


def test_corpus_is_complete(conformance_dir: Path) -> None:
    expected = _expected(conformance_dir)
    on_disk = {p.relative_to(conformance_dir).as_posix() for p in conformance_dir.rglob("*.bpmn")}
    assert set(expected) == on_disk
    assert len(expected) > 700


def test_every_file_reads_as_expected(conformance_dir: Path) -> None:
    mismatches = []
    for name, want in _expected(conformance_dir).items():
        try:
            got = _as_expected(summarise(read_bpmn(conformance_dir / name)))
        except BpmnReadError as exc:
            got = {"ok": False, "error": str(exc), "line": exc.line}
        if want["ok"]:
            if got != want:
                mismatches.append((name, want, got))
        elif got["ok"]:
            mismatches.append((name, want, got))
        else:
            # expat reports "line L, column C" (0-based column); we say the same line
            assert f"line {got['line']}," in want["error"], name
    assert not mismatches, mismatches[:3]


def test_broken_files_are_explained_in_german(conformance_dir: Path) -> None:
    broken = [n for n, e in _expected(conformance_dir).items() if not e["ok"]]
    assert broken, "the corpus has files broken on purpose"
    for name in broken:
        with pytest.raises(BpmnReadError) as caught:
            read_bpmn(conformance_dir / name)
        message = str(caught.value)
        assert "\n" not in message
        assert "nicht wohlgeformt" in message or "kein wohlgeformtes XML" in message
        assert "Zeile" in message and "Spalte" in message
        assert caught.value.reason == "not-well-formed"


@pytest.mark.slow
def test_inspect_cli_matches_expected_for_whole_corpus(conformance_dir: Path) -> None:
    """The DESIGN.md contract end to end: one folder argument, paths with spaces."""
    result = subprocess.run(
        [sys.executable, "-m", "lotse", "bpmn", "inspect", "--json", str(conformance_dir)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert "Traceback" not in result.stderr
    assert result.returncode == 1  # the corpus holds four broken files
    entries = json.loads(result.stdout)
    expected = _expected(conformance_dir)
    assert len(entries) == len(expected)
    for entry in entries:
        assert set(entry) >= {"file", "ok", "error", "diagram", "message_flows", "processes"}
        name = Path(entry["file"]).relative_to(conformance_dir).as_posix()
        want = expected[name]
        assert entry["ok"] is want["ok"], name
        if entry["ok"]:
            assert entry["error"] is None
            assert _as_expected(entry) == want, name
            for process in entry["processes"]:
                assert set(process) >= {"id", "name", "elements", "lanes", "sequence_flows"}
        else:
            assert isinstance(entry["error"], str) and "\n" not in entry["error"]
