"""docs/it.md, "Sicherheit im Betrieb": the commands run as written; the units set the umask."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from lotse.settings import Settings
from lotse.users import Role, User, add_user, authenticate

DOCS = Path(__file__).resolve().parent.parent / "docs"
BIN = Path(sys.executable).parent


def section(doc: str, title: str) -> str:
    text = (DOCS / doc).read_text(encoding="utf-8")
    return text.split(f"## {title}", 1)[1].split("\n## ", 1)[0]


def commands() -> list[str]:
    blocks = re.findall(r"```sh\n(.*?)```", section("it.md", "Sicherheit im Betrieb"), re.S)
    return [line for block in blocks for line in block.splitlines() if line.strip()]


def test_the_section_names_what_it_must_set() -> None:
    text = section("it.md", "Sicherheit im Betrieb")
    for needed in ("Proxy", "LOTSE_TRUSTED_PROXIES", "umask", "Sicherungen", "Geheimnisse"):
        assert needed in text, needed
    assert len(commands()) == 3
    assert "trusted_proxies" in Settings.model_fields
    assert "`LOTSE_TRUSTED_PROXIES`" in (DOCS / "it.md").read_text(encoding="utf-8")


def test_every_shipped_unit_sets_the_umask() -> None:
    """The units scripts/install-server installs (docs/operations.md describes them)."""
    units = sorted((DOCS.parent / "deploy" / "systemd").glob("*.service"))
    assert len(units) >= 3
    for unit in units:
        assert re.search(r"^UMask=0027$", unit.read_text(encoding="utf-8"), re.M), unit.name
    assert "UMask=0027" in (DOCS / "operations.md").read_text(encoding="utf-8")


@pytest.mark.slow
def test_the_commands_run_as_written(lotse_app: object, tmp_path: Path) -> None:
    from lotse.app import App

    assert isinstance(lotse_app, App)
    with lotse_app.db.session() as session:
        add_user(session, "admin", "altes-passwort-1", Role.ADMIN)
        add_user(session, "mmuster", "altes-passwort-2", Role.LOTSE, "20")
    env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
        "LOTSE_DATABASE_URL": lotse_app.settings.effective_database_url,
        "LOTSE_DATA_DIR": str(lotse_app.settings.data_dir),
        "NEUES_PASSWORT": "neues-admin-passwort",
        "VORLAEUFIG": "vorlaeufig-fuer-mm",
    }
    for command in commands():
        result = subprocess.run(
            ["bash", "-euo", "pipefail", "-c", command],
            env=env, capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
        assert result.returncode == 0, (command, result.stdout, result.stderr)
        assert env["NEUES_PASSWORT"] not in result.stdout + result.stderr
        assert env["VORLAEUFIG"] not in result.stdout + result.stderr
    with lotse_app.db.session() as session:
        admin = authenticate(session, "admin", "neues-admin-passwort")
        assert admin is not None and not admin.must_change_password
        mm = session.scalar(select(User).where(User.username == "mmuster"))
        assert mm is not None and mm.must_change_password
        assert authenticate(session, "mmuster", "vorlaeufig-fuer-mm") is not None


@pytest.mark.parametrize("doc", ["it.md", "operator.md"])
def test_purge_is_documented_with_what_stays(doc: str) -> None:
    text = (DOCS / doc).read_text(encoding="utf-8")
    assert "lotse mailroom purge" in text
    if doc == "operator.md":
        table = section("operator.md", "Vernichten")
        for kept in ("Prüfsumme", "Amt", "Entscheidung", "DSGVO", "Aktenordnung"):
            assert kept in table, kept
