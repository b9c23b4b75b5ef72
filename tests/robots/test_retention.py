"""Purge keeps what retention needs (hash, dates, department, decision) and nothing else.

Found in the second round: the OCR text of a letter stayed in the database after
the original was purged.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import inspect, select, text
from typer.testing import CliRunner

from lotse.app import App
from lotse.cli import app as cli
from robots.letters import Letter, LetterStatus, utcnow
from tests.robots.letters import ADVERT, TAX_OBJECTION, text_pdf

# Words only the letter itself holds: a person's name, street and subject.
PERSONAL = ("Mustermann", "Musterstraße", "Grundsteuerbescheid", "Widerspruch_Mustermann")


def _everything_stored(app: App) -> str:
    """Every value of every row of every table, as one text."""
    values = []
    with app.db.engine.connect() as connection:
        for table in inspect(connection).get_table_names():
            for row in connection.execute(text(f'SELECT * FROM "{table}"')):
                values.extend(str(v) for v in row)
    return "\n".join(values)


def _what_retention_needs(letter: Letter) -> dict[str, Any]:
    fields = ("sha256", "received_at", "delivered_at", "archived_at", "retention_until")
    decision = ("department", "confidence", "rules_version")
    return {
        **{name: getattr(letter, name) for name in (*fields, *decision)},
        "events": [e.kind for e in letter.events],
    }


def test_purge_leaves_no_personal_data(
    lotse_app: App, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inbox = tmp_path / "posteingang"
    inbox.mkdir()
    room = lotse_app.mailroom(inbox=inbox)
    room.config = dataclasses.replace(room.config, stable_seconds=0, workers=1)
    text_pdf(inbox / "Widerspruch_Mustermann.pdf", TAX_OBJECTION)
    text_pdf(inbox / "werbung.pdf", ADVERT * 3)
    room.run()
    with lotse_app.db.read_session() as session:
        letter = session.scalar(select(Letter).where(Letter.name == "Widerspruch_Mustermann.pdf"))
        assert letter is not None and letter.state is LetterStatus.ARCHIVED
        before = _what_retention_needs(letter)
        archive = Path(letter.archive_file or "")
        letter_id = letter.id
    assert archive.is_file()
    assert "Mustermann" in _everything_stored(lotse_app)  # the test can see it at all

    purged = room.purge(now=utcnow() + timedelta(days=91))
    assert purged == [letter_id]

    stored = _everything_stored(lotse_app)
    assert not [word for word in PERSONAL if word in stored]
    assert not archive.exists()
    left = [p for p in room.config.data_dir.rglob(f"{before['sha256']}*") if p.is_file()]
    assert left == [], "no copy of the original in work/ or archive/"
    with lotse_app.db.read_session() as session:
        letter = session.get_one(Letter, letter_id)
        after = _what_retention_needs(letter)
        assert after["events"].pop() == "purged"
        assert after == before, "what retention needs is kept"
        assert letter.state is LetterStatus.PURGED and letter.purged_at is not None
        assert letter.text is None and letter.reasons == []
        assert letter.events[-1].kind == "purged"
    # The delivered copy is the department's now: it stays.
    assert list(room.config.data_dir.joinpath("outbox").rglob("*.pdf"))

    # Scripts still get every field of the contract.
    monkeypatch.setenv("LOTSE_DATABASE_URL", lotse_app.settings.effective_database_url)
    monkeypatch.setenv("LOTSE_DATA_DIR", str(lotse_app.settings.data_dir))
    from lotse.settings import get_settings

    get_settings.cache_clear()
    result = CliRunner().invoke(cli, ["mailroom", "letters", "--json"])
    assert result.exit_code == 0, result.output
    rows = {row["sha256"]: row for row in json.loads(result.output)}
    row = rows[before["sha256"]]
    assert row["status"] == "purged" and row["department"] == before["department"]
    assert {"sha256", "name", "status", "department", "delivered_to"} <= set(row)
    assert "Mustermann" not in result.output
