"""docs/it.md: the user commands run as written, including the mailroom's clerk role."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from lotse.app import App
from lotse.users import Role, User, authenticate

DOCS = Path(__file__).resolve().parent.parent / "docs"
BIN = Path(sys.executable).parent


def user_commands() -> list[str]:
    """The block of docs/it.md with `lotse user add`."""
    blocks = re.findall(r"```sh\n(.*?)```", (DOCS / "it.md").read_text(encoding="utf-8"), re.S)
    (block,) = [b for b in blocks if "lotse user add" in b]
    return [line.split("  #")[0].strip() for line in block.splitlines() if line.strip()]


def test_the_user_commands_of_it_md_run_as_written(lotse_app: App) -> None:
    env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
        "LOTSE_DATABASE_URL": lotse_app.settings.effective_database_url,
        "LOTSE_DATA_DIR": str(lotse_app.settings.data_dir),
        "PASSWORT": "ein-langes-passwort",
    }
    for command in user_commands():
        # The first asks for the password on the terminal: given on stdin here, twice.
        result = subprocess.run(
            ["bash", "-euo", "pipefail", "-c", command], input="ein-langes-passwort\n" * 2,
            env=env, capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
        assert result.returncode == 0, (command, result.stdout, result.stderr)
    with lotse_app.db.read_session() as session:
        roles = {u.username: (u.role, u.department_code) for u in session.scalars(select(User))}
        clerk = authenticate(session, "mschmidt", "ein-langes-passwort")
    assert roles["mschmidt"] == (Role.POSTSTELLE.value, None)
    assert roles["mmuster"] == (Role.LOTSE.value, "33")
    assert roles["it-team"] == (Role.IT.value, None)
    assert clerk is not None
