"""docs/it.md: the user commands run as written, including the mailroom's clerk role."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
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


@pytest.mark.slow
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


def review_commands() -> list[str]:
    """The block of docs/operator.md with `lotse mailroom review`."""
    text = (DOCS / "operator.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)```", text, re.S)
    (block,) = [b for b in blocks if "lotse mailroom review close" in b]
    return [line.strip() for line in block.splitlines() if line.strip()]


@pytest.mark.slow
def test_the_review_commands_of_operator_md_run_as_written(lotse_app: App) -> None:
    """The example letters 17 to 20 stand for the first four letters in review here."""
    import dataclasses

    from robots.letters import Letter
    from tests.robots.letters import ADVERT, text_pdf

    room = lotse_app.mailroom()
    room.config = dataclasses.replace(room.config, stable_seconds=0, workers=1)
    room.config.inbox.mkdir(parents=True, exist_ok=True)
    for index in range(4):
        text_pdf(room.config.inbox / f"werbung-{index}.pdf", [*ADVERT, f"Prospekt {index}"])
    ids = sorted(o.letter_id for o in room.run())
    numbers = dict(zip(("17", "18", "19", "20"), map(str, ids), strict=True))
    env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
        "LOTSE_DATABASE_URL": lotse_app.settings.effective_database_url,
        "LOTSE_DATA_DIR": str(lotse_app.settings.data_dir),
    }
    for command in review_commands():
        command = re.sub(r"\b(17|18|19|20)\b", lambda m: numbers[m.group(1)], command)
        result = subprocess.run(
            ["bash", "-euo", "pipefail", "-c", command],
            env=env, capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
        assert result.returncode == 0, (command, result.stdout, result.stderr)
    with lotse_app.db.read_session() as session:
        letters = {x.id: x for x in session.scalars(select(Letter).where(Letter.id.in_(ids)))}
    got = [(letters[i].status, letters[i].outcome, letters[i].department) for i in ids]
    assert got == [
        ("archived", "deliver", "51"),
        ("archived", "deliver", "63"),
        ("archived", "not_mail", None),
        ("archived", "private", None),
    ]
    copies = list((lotse_app.settings.data_dir / "outbox" / "67").glob("*_Kopie.pdf"))
    assert len(copies) == 1, "decide --copy 67 sent a copy"


def block_of(doc: str, heading: str) -> list[str]:
    """The commands of the first shell block under ``heading``, without comments."""
    text = (DOCS / doc).read_text(encoding="utf-8").split(heading, 1)[1].split("\n## ", 1)[0]
    block = re.findall(r"```sh\n(.*?)```", text, re.S)[0]
    return [re.sub(r"\s+#\s.*$", "", line).strip() for line in block.splitlines() if line.strip()]


@pytest.mark.slow
def test_what_the_robot_knows_runs_as_written(
    lotse_app: App, tmp_path: Path, tesseract: str
) -> None:
    """docs/operator.md, "Was der Roboter weiß", and the purge it describes after it."""
    import dataclasses

    from tests.robots.letters import ADVERT, TAX_OBJECTION, text_pdf

    room = lotse_app.mailroom()
    room.config = dataclasses.replace(room.config, stable_seconds=0, workers=1)
    room.config.inbox.mkdir(parents=True, exist_ok=True)
    text_pdf(room.config.inbox / "werbung.pdf", [*ADVERT, "Sofas, Betten und Sessel."])
    (outcome,) = room.run()
    assert outcome.status == "review"
    text_pdf(tmp_path / "brief.pdf", TAX_OBJECTION)
    env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
        "LOTSE_DATABASE_URL": lotse_app.settings.effective_database_url,
        "LOTSE_DATA_DIR": str(lotse_app.settings.data_dir),
        "COLUMNS": "200",
    }
    commands = block_of("operator.md", "## Was der Roboter weiß")
    commands += block_of("operator.md", "## Vernichten")
    assert [c.split()[2] for c in commands] == ["letters", "letters", "classify", "purge"]
    outputs = []
    for command in commands:
        result = subprocess.run(
            ["bash", "-euo", "pipefail", "-c", command], cwd=tmp_path, input="n\n",
            env=env, capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
        assert result.returncode == 0, (command, result.stdout, result.stderr)
        outputs.append(result.stdout)
    assert "werbung.pdf" in outputs[0] and "werbung.pdf" in outputs[1]
    assert "22" in outputs[2]  # the tax office, without moving anything
    assert (tmp_path / "brief.pdf").is_file()
