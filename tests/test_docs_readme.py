"""The README's commands at a glance run as written, on the samples, in that order.

Four of them start or need a server and are run elsewhere (tests/test_docs_commands.py
checks that they exist with the options written): ``mailroom run --inbox /srv/scanner``
(a scanner share; tests/flows), ``mailroom file`` (the city's e-file; tests/robots),
``eakte-demo-server`` (tests/eakte) and ``serve`` (tests/flows/test_serve.py).
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lotse.app import App
from tests.conftest import REPO, SAMPLES
from tests.robots.letters import TAX_OBJECTION, text_pdf

README = REPO / "README.md"
BIN = Path(sys.executable).parent
ELSEWHERE = ("mailroom run --inbox /srv/scanner", "mailroom file", "eakte-demo-server", "serve")


def commands() -> list[str]:
    """The README's ``.venv/bin/lotse`` lines, without their comments."""
    found = []
    for block in re.findall(r"```sh\n(.*?)```", README.read_text(encoding="utf-8"), re.S):
        for line in block.splitlines():
            command = re.sub(r"\s+#\s.*$", "", line).strip()
            if command.startswith(".venv/bin/lotse "):
                found.append(command)
    return found


def test_the_readme_shows_the_commands_this_test_runs() -> None:
    found = commands()
    assert len(found) == 19, found
    skipped = [c for c in found if c.removeprefix(".venv/bin/lotse ").startswith(ELSEWHERE)]
    assert len(skipped) == 4, skipped


@pytest.mark.slow  # fifteen `lotse` processes, each importing the whole application
@pytest.mark.timeout(600)
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_the_commands_at_a_glance_run_in_order(
    lotse_app: App, tmp_path: Path, tesseract: str
) -> None:
    shutil.copytree(SAMPLES / "bpmn", tmp_path / "diagramme")
    shutil.copy(SAMPLES / "bpmn" / "bauantrag.bpmn", tmp_path / "antrag.bpmn")
    text_pdf(tmp_path / "scan.pdf", TAX_OBJECTION)
    (tmp_path / ".venv").symlink_to(BIN.parent)  # the README runs from the checkout
    env = {
        **os.environ,
        "LOTSE_DATABASE_URL": lotse_app.settings.effective_database_url,
        "LOTSE_DATA_DIR": str(lotse_app.settings.data_dir),
        "COLUMNS": "200",
    }
    outputs: dict[str, str] = {}
    for command in commands():
        if command.removeprefix(".venv/bin/lotse ").startswith(ELSEWHERE):
            continue
        done = subprocess.run(
            shlex.split(command), cwd=tmp_path, env=env, capture_output=True, text=True,
            input="ein-langes-passwort\n" * 2, timeout=300, check=False,
        )  # fmt: skip
        assert done.returncode == 0, (command, done.stdout[-3000:], done.stderr[-3000:])
        outputs[command.split()[1] + " " + command.split()[2]] = done.stdout
    assert (tmp_path / "a.svg").read_text(encoding="utf-8").lstrip().startswith("<svg")
    assert (tmp_path / "bericht" / "report.html").is_file()
    letter = json.loads(outputs["mailroom classify"])
    assert (letter["status"], letter["department"]) == ("routed", "22")
    assert list((tmp_path / "roboter").glob("*.py"))
    assert "Rechnungseingang" in outputs["catalogue show"]
    from sqlalchemy import select

    from lotse.users import User

    with lotse_app.db.read_session() as session:
        user = session.scalar(select(User).where(User.username == "mmuster"))
        assert user is not None and (user.role, user.department_code) == ("lotse", "33")
