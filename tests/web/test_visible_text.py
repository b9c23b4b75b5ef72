"""Invisible control and direction characters in outside text are shown, not obeyed."""

from __future__ import annotations

import dataclasses

import pytest
from typer.testing import CliRunner

from lotse.cli import app as cli
from lotse.visible import visible
from tests.robots.letters import ADVERT, text_pdf
from tests.web.conftest import Workbench

pytestmark = pytest.mark.usefixtures("cheap_hashing")

RLO_NAME = "rechnung\u202efdp.exe.pdf"  # shows as "rechnungexe.pdf…" where RLO is obeyed


@pytest.mark.parametrize(
    "text, shown",
    [
        (RLO_NAME, "rechnung⟨U+202E⟩fdp.exe.pdf"),
        ("a\u200bb", "a⟨U+200B⟩b"),
        ("bell\x07", "bell⟨U+0007⟩"),
        ("\u2066isoliert\u2069", "⟨U+2066⟩isoliert⟨U+2069⟩"),
        ("Zeile 1\nZeile 2\tEnde", "Zeile 1\nZeile 2\tEnde"),
        ("Straßen­verkehrs­amt", "Straßen­verkehrs­amt"),  # soft hyphens are fine
        ("Müller-Lüdenscheidt", "Müller-Lüdenscheidt"),
    ],
)
def test_visible(text: str, shown: str) -> None:
    assert visible(text) == shown


def test_letter_names_are_shown_escaped_in_the_web_and_the_terminal(
    workbench: Workbench, monkeypatch: pytest.MonkeyPatch
) -> None:
    room = workbench.lotse.mailroom()
    room.config = dataclasses.replace(room.config, stable_seconds=0, workers=1)
    room.config.inbox.mkdir(parents=True, exist_ok=True)
    text_pdf(room.config.inbox / RLO_NAME, ADVERT + ["Sofas, Betten und Sessel."] * 3)
    (outcome,) = room.run()
    assert outcome.status == "review"

    client = workbench.client("it")
    for path in ("/post", f"/post/{outcome.letter_id}"):
        page = client.get(path).text
        assert "rechnung⟨U+202E⟩fdp.exe.pdf" in page, path
        assert "\u202e" not in page, path

    from lotse.settings import get_settings

    monkeypatch.setenv("LOTSE_DATABASE_URL", workbench.lotse.settings.effective_database_url)
    monkeypatch.setenv("LOTSE_DATA_DIR", str(workbench.lotse.settings.data_dir))
    get_settings.cache_clear()
    result = CliRunner().invoke(cli, ["mailroom", "review", "list"])
    assert result.exit_code == 0, result.output
    assert "rechnung⟨U+202E⟩fdp.exe.pdf" in result.output
    assert "\u202e" not in result.output
    # The JSON for scripts keeps the name as it came.
    result = CliRunner().invoke(cli, ["mailroom", "letters", "--json"])
    assert RLO_NAME in result.output or "\\u202e" in result.output
