"""``--without-prefect`` (and ``classify``) never import Prefect: its import alone costs seconds."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SAMPLES
from tests.robots.letters import TAX_OBJECTION, text_pdf

# Runs the CLI in a fresh interpreter, then says which of Prefect's modules it loaded.
RUN = """
import json, sys
from lotse.cli import main
sys.argv = ["lotse", *sys.argv[1:]]
try:
    main()
except SystemExit as exit:
    code = exit.code
else:
    code = 0
loaded = sorted(m for m in sys.modules if m == "prefect" or m.startswith("prefect."))
print(json.dumps({"code": code, "loaded": loaded}), file=sys.stderr)
"""


def _lotse(tmp_path: Path, *args: str, **env: str) -> tuple[dict[str, object], str]:
    data = tmp_path / "data"
    data.mkdir(exist_ok=True)
    environment = dict(os.environ, LOTSE_DATA_DIR=str(data), LOTSE_MAIL_STABLE_SECONDS="0", **env)
    for key in ("LOTSE_DATABASE_URL", "LOTSE_MAIL_INBOX", "LOTSE_EAKTE_PASSWORD"):
        environment.pop(key, None)
    done = subprocess.run(
        [sys.executable, "-c", RUN, *args],
        env=environment, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    *_, last = done.stderr.strip().splitlines()
    return json.loads(last), done.stdout + done.stderr


def test_a_run_without_prefect_delivers_and_never_imports_it(tmp_path: Path) -> None:
    inbox = tmp_path / "eingang"
    inbox.mkdir()
    text_pdf(inbox / "widerspruch.pdf", TAX_OBJECTION)
    result, output = _lotse(tmp_path, "mailroom", "run", "--without-prefect", "--inbox", str(inbox))
    assert result == {"code": 0, "loaded": []}, output
    assert "1 archiviert" in output


def test_filing_without_prefect_needs_the_password_setting_and_never_imports_it(
    tmp_path: Path,
) -> None:
    result, output = _lotse(
        tmp_path, "mailroom", "file", "--without-prefect",
        LOTSE_DELIVERY_FILE=str(SAMPLES / "rules" / "ablage.yaml"),
    )  # fmt: skip
    assert result == {"code": 2, "loaded": []}, output
    assert "LOTSE_EAKTE_PASSWORD" in output


@pytest.mark.parametrize(
    "command", [["mailroom", "letters", "--json"], ["bpmn", "inspect", "--json"]]
)
def test_commands_that_need_no_orchestration_never_import_it(
    tmp_path: Path, command: list[str]
) -> None:
    extra = [str(SAMPLES / "bpmn" / "hauspost-verteilen.bpmn")] if command[0] == "bpmn" else []
    result, output = _lotse(tmp_path, *command, *extra)
    assert result == {"code": 0, "loaded": []}, output


def test_the_command_line_loads_charts_and_excel_only_for_a_report() -> None:
    """matplotlib and openpyxl cost half a second; the mailroom's commands never need them."""
    probe = (
        "import sys, lotse.cli, robots.mailroom.classify, flows.robot_ledger\n"
        "print(sorted(m for m in ('matplotlib', 'openpyxl') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.strip() == "[]", done.stdout + done.stderr
