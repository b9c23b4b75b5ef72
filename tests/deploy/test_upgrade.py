"""An update from the previous release: its code makes the database, today's code takes it over.

The previous release is recorded in deploy/releases.json (commit and schema
head). Its code is taken from git as it was and run with today's environment:
it imports diagrams, adds a user and runs the mailroom, as a city would have
used it. Then ``lotse init`` of today's code migrates the database, and nothing
is lost: every diagram (entries of one diagram's pools are merged since 0010a),
the users and the letters, with their files.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tarfile
from io import BytesIO
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from lotse.db import SCHEMA_HEAD, make_engine, schema_revision
from tests.conftest import REPO
from tests.robots.letters import KITA_MEMO, TAX_OBJECTION, text_pdf

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

PREVIOUS = json.loads((REPO / "deploy" / "releases.json").read_text(encoding="utf-8"))["previous"]


@pytest.fixture(scope="module")
def previous_release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The previous release's source tree, exactly as committed."""
    commit = PREVIOUS["commit"]
    archive = subprocess.run(["git", "-C", str(REPO), "archive", "--format=tar", commit],
                             capture_output=True)  # fmt: skip
    if archive.returncode != 0:  # a shallow clone: not a reason to skip the update test
        pytest.fail(
            f"commit {commit} of release {PREVIOUS['version']} is not in this clone "
            f"(git fetch --unshallow): {archive.stderr.decode(errors='replace')}"
        )
    target = tmp_path_factory.mktemp(f"lotse-{PREVIOUS['version']}")
    with tarfile.open(fileobj=BytesIO(archive.stdout)) as tar:
        # Our own repository's archive; the "data" filter where Python has it (3.11.4+).
        extra = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}
        tar.extractall(target, **extra)  # type: ignore[arg-type]
    return target


def _lotse(code: Path, env: dict[str, str], *args: str, stdin: str = "") -> str:
    done = subprocess.run(
        [sys.executable, "-m", "lotse", *args], cwd=code, input=stdin,
        env={**env, "PYTHONPATH": str(code)}, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, (args, done.stdout[-2000:], done.stderr[-3000:])
    return done.stdout


def _contract(letters: list[dict[str, object]]) -> list[tuple[object, ...]]:
    keys = ("sha256", "name", "status", "department", "delivered_to")
    return sorted(tuple(row[key] for key in keys) for row in letters)


def test_update_from_the_previous_release_keeps_everything(
    previous_release: Path, database_url: str, tmp_path: Path
) -> None:
    data, inbox = tmp_path / "daten", tmp_path / "eingang"
    data.mkdir()
    inbox.mkdir()
    text_pdf(inbox / "Widerspruch.pdf", TAX_OBJECTION)
    text_pdf(inbox / "Hausmitteilung.pdf", KITA_MEMO)
    env = {k: v for k, v in os.environ.items() if not k.startswith("LOTSE_")}
    env.update(
        LOTSE_DATA_DIR=str(data), LOTSE_DATABASE_URL=database_url, LOTSE_MAIL_STABLE_SECONDS="0",
        LOTSE_CONFIG_DIR=str(tmp_path / "kein-dienst"), COLUMNS="300",
    )  # fmt: skip

    old = previous_release
    _lotse(old, env, "catalogue", "import", str(old / "samples" / "bpmn"), "--department", "20")
    _lotse(old, env, "user", "add", "mmuster", "--role", "lotse", "--department", "20",
           "--password-stdin", stdin="ein-langes-passwort\n")  # fmt: skip
    _lotse(old, env, "mailroom", "run", "--inbox", str(inbox), "--without-prefect")
    engine = make_engine(database_url)
    assert schema_revision(engine) == PREVIOUS["schema"]
    engine.dispose()
    catalogue_before = json.loads(_lotse(old, env, "catalogue", "list", "--json"))
    letters_before = json.loads(_lotse(old, env, "mailroom", "letters", "--json"))
    assert len(catalogue_before) >= 5 and len(letters_before) == 2

    new = REPO
    upgraded = _lotse(new, env, "init")
    shown = make_url(database_url).render_as_string(hide_password=True)
    assert f"Datenbank {shown} vom Schemastand {PREVIOUS['schema']} auf {SCHEMA_HEAD}" in upgraded

    catalogue_after = json.loads(_lotse(new, env, "catalogue", "list", "--json"))
    # Every diagram is still there (0010a merges the entries one diagram's pools made).
    assert {(p["department"], p["file"]) for p in catalogue_after} == {
        (p["department"], p["file"]) for p in catalogue_before
    }
    letters_after = json.loads(_lotse(new, env, "mailroom", "letters", "--json"))
    assert _contract(letters_after) == _contract(letters_before)
    assert all(Path(str(row["delivered_to"])).is_file() for row in letters_after)
    users = _lotse(new, env, "user", "list")
    # Nothing recorded whether mmuster ever chose the password (0018a): changed at sign-in.
    assert re.search(r"mmuster .* aktiv, muss Passwort ändern", users), users
