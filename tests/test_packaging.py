"""What an installed wheel holds: the defaults as package data, and not the stand-in e-file."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from lotse import defaults
from lotse.settings import Settings
from tests.conftest import REPO

PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
WHEEL = PYPROJECT["tool"]["hatch"]["build"]["targets"]["wheel"]


def test_the_wheel_carries_every_default_from_its_one_source() -> None:
    carried = {REPO / source: target for source, target in WHEEL["force-include"].items()}
    for name, source in defaults.SOURCES.items():
        assert source.is_file(), source
        assert carried.get(source) == f"lotse/defaults/{name}", name


def test_a_checkout_reads_the_sources_and_an_installed_lotse_its_package_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert Settings().departments_file == defaults.SOURCES["departments.yaml"]
    assert Settings().mail_rules_file == defaults.SOURCES["mailroom.yaml"]
    packaged = tmp_path / "defaults"
    packaged.mkdir()
    (packaged / "departments.yaml").write_text("departments: []\n", encoding="utf-8")
    monkeypatch.setattr(defaults, "PACKAGED", packaged)
    assert Settings().departments_file == packaged / "departments.yaml"
    assert Settings().mail_rules_file == defaults.SOURCES["mailroom.yaml"]  # not packaged here


def test_the_stand_in_e_file_is_not_a_package_of_the_wheel() -> None:
    assert all("eakte" not in package for package in WHEEL["packages"])
    assert "samples" in WHEEL["dev-mode-dirs"]  # but importable in a checkout, for tests and demo


def test_the_bootstrap_compiled_the_checkout_s_own_modules() -> None:
    # With PYTHONDONTWRITEBYTECODE=1 nothing else would: every command would compile
    # Lotse's ~300 modules again at start (scripts/bootstrap, after uv sync). Current
    # bytecode, as Python checks it: a stale file is compiled again at every start too.
    import importlib.util

    def current(source: Path) -> bool:
        cached = Path(importlib.util.cache_from_source(str(source)))
        if not cached.is_file():
            return False
        header = cached.read_bytes()[:16]
        stat = source.stat()
        return (
            header[:4] == importlib.util.MAGIC_NUMBER
            and int.from_bytes(header[8:12], "little") == int(stat.st_mtime) & 0xFFFFFFFF
            and int.from_bytes(header[12:16], "little") == stat.st_size & 0xFFFFFFFF
        )

    stale = [
        str(source.relative_to(REPO))
        for package in WHEEL["packages"]
        for source in (REPO / package).rglob("*.py")
        if not current(source)
    ]
    assert not stale, f"no current bytecode for {stale[:5]}: run scripts/bootstrap"
