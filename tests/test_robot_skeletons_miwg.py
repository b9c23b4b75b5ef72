"""Skeletons for 100 processes of the MIWG conformance suite: tools' real exports import,
pass ruff and mypy, and their generated tests walk every way (slow)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from lotse.app import open_app
from lotse.settings import Settings
from processes.catalogue import find_process
from processes.importer import ImportRequest, import_diagram
from processes.robotgen import GeneratorError, render, robot_source
from tests.conftest import REPO

WANTED = 100
VENV = Path(sys.executable).parent


def run(*command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, timeout=1200, check=False
    )


@pytest.mark.slow
@pytest.mark.timeout(2400)
def test_skeletons_of_100_miwg_processes_pass_their_checks(
    conformance_dir: Path, tmp_path: Path
) -> None:
    app = open_app(
        Settings(database_url=f"sqlite:///{tmp_path / 'miwg.db'}", data_dir=tmp_path / "data")
    )
    files = sorted(p for p in conformance_dir.rglob("*.bpmn") if p.is_file())
    folders: list[dict[str, str]] = []  # per folder: module name → key (names unique per folder)
    made: set[str] = set()
    stuck = ways = 0
    try:
        for path in files:
            if len(made) >= WANTED:
                break
            with app.db.session() as session:
                results = import_diagram(
                    session, ImportRequest(file_name=path.name, path=path), app.model, app.limits
                )
            for result in results:
                if not result.key or result.key in made:
                    continue
                with app.db.read_session() as session:
                    try:
                        source = robot_source(session, find_process(session, result.key))
                    except GeneratorError:
                        continue  # no tasks: refused, as the CLI does (tested elsewhere)
                skeleton = render(source)
                assert render(source).module == skeleton.module  # deterministic
                folder = next((f for f in folders if skeleton.module_name not in f), None) or _new(
                    folders
                )
                folder[skeleton.module_name] = result.key
                out = tmp_path / "roboter" / f"teil{folders.index(folder)}"
                out.mkdir(parents=True, exist_ok=True)
                (out / f"{skeleton.module_name}.py").write_text(skeleton.module, encoding="utf-8")
                (out / f"test_{skeleton.module_name}.py").write_text(
                    skeleton.tests, encoding="utf-8"
                )
                made.add(result.key)
                ways += skeleton.ways
                stuck += skeleton.stuck_ways
    finally:
        app.db.dispose()
    assert len(made) == WANTED, f"only {len(made)} processes with tasks"

    root = tmp_path / "roboter"
    for config in (["--isolated"], ["--config", str(REPO / "pyproject.toml")]):
        ruff = run(str(VENV / "ruff"), "check", "--no-cache", *config, ".", cwd=root)
        assert ruff.returncode == 0, ruff.stdout[-4000:]
    for part in sorted(root.glob("teil*")):
        mypy = run(
            str(VENV / "mypy"), "--strict", "--cache-dir", str(tmp_path / ".mypy"), ".", cwd=part
        )
        assert mypy.returncode == 0, mypy.stdout[-4000:]
        tests = run(sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", ".", cwd=part)
        assert tests.returncode == 0, tests.stdout[-4000:] + tests.stderr[-2000:]
        assert "failed" not in tests.stdout and " passed" in tests.stdout
    # Real exports: many ways, some of which a real engine would hang on too (reported).
    assert ways >= WANTED and stuck < ways


def _new(folders: list[dict[str, str]]) -> dict[str, str]:
    folders.append({})
    return folders[-1]
