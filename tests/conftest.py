"""Shared test fixtures: where the repository and the shared conformance files are."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"


def shared_dir() -> Path:
    """``../shared`` next to the checkout (CI has it there too)."""
    return Path(os.environ.get("LOTSE_SHARED_DIR", REPO.parent / "shared"))


@pytest.fixture(scope="session")
def conformance_dir() -> Path:
    path = shared_dir() / "conformance" / "bpmn-miwg"
    if not (path / "expected.json").is_file():
        # Not a skip: without the corpus the suite would claim a check it never made.
        pytest.fail(f"conformance files missing at {path} (set LOTSE_SHARED_DIR)")
    return path


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """No test writes into the user's real data directory."""
    monkeypatch.setenv("LOTSE_DATA_DIR", str(tmp_path_factory.mktemp("lotse-data")))
    from lotse.settings import get_settings

    get_settings.cache_clear()
    yield
    get_settings.cache_clear()
