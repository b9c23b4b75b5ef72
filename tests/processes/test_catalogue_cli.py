"""``lotse catalogue …`` as a user and a script use it (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from lotse.app import App
from lotse.cli import app
from tests.conftest import SAMPLES

runner = CliRunner()


def test_import_list_show_status_rescore(lotse_app: App, tmp_path: Path) -> None:
    folder = tmp_path / "Workshop Diagramme"
    folder.mkdir()
    for sample in sorted((SAMPLES / "bpmn").glob("*.bpmn"))[:4]:
        (folder / sample.name).write_bytes(sample.read_bytes())
    (folder / "kaputt.bpmn").write_text("<definitions")

    result = runner.invoke(app, ["catalogue", "import", str(folder)])
    assert result.exit_code == 1, result.output  # one file is broken, the rest is imported
    assert "4 neu" in result.output and "1 fehlgeschlagen" in result.output
    assert "kaputt.bpmn" in result.output and "Zeile" in result.output

    again = runner.invoke(
        app, ["catalogue", "import", *[str(p) for p in sorted(folder.glob("[!k]*.bpmn"))]]
    )
    assert again.exit_code == 0 and "4 unverändert" in again.output

    listed = runner.invoke(app, ["catalogue", "list", "--json"])
    assert listed.exit_code == 0
    rows = json.loads(listed.stdout)
    assert len(rows) == 4
    for row in rows:
        assert set(row) >= {
            "key",
            "name",
            "department",
            "status",
            "potential",
            "ease",
            "hours_saved",
            "version",
        }
        assert row["status"] == "assessed" and row["version"] == 1
        assert 0 <= row["potential"] <= 100 and 0 <= row["ease"] <= 100
    assert [r["rank"] for r in rows] == [1, 2, 3, 4]

    key = rows[0]["key"]
    shown = runner.invoke(app, ["catalogue", "show", key])
    assert shown.exit_code == 0
    assert "Automatisierungspotenzial" in shown.output and "Aufgaben" in shown.output

    status = runner.invoke(
        app, ["catalogue", "status", key, "Freigegeben", "--comment", "Pilot", "--user", "it"]
    )
    assert status.exit_code == 0 and "Bewertet → Freigegeben" in status.output
    bad = runner.invoke(app, ["catalogue", "status", key, "fertig"])
    assert bad.exit_code == 1 and "Unbekannter Status" in bad.output
    filtered = json.loads(
        runner.invoke(app, ["catalogue", "list", "--json", "--status", "approved"]).stdout
    )
    assert [r["key"] for r in filtered] == [key]

    facts = runner.invoke(app, ["catalogue", "facts", key, "fallzahl=120", "minuten=10"])
    assert facts.exit_code == 0, facts.output
    row = next(
        r
        for r in json.loads(runner.invoke(app, ["catalogue", "list", "--json"]).stdout)
        if r["key"] == key
    )
    assert row["hours_saved"] is not None
    bad_facts = runner.invoke(app, ["catalogue", "facts", key, "anteil_digital=300"])
    assert bad_facts.exit_code == 1 and "100 %" in bad_facts.output

    rescored = runner.invoke(app, ["catalogue", "rescore"])
    assert (
        rescored.exit_code == 0
        and "0 Prozesse neu bewertet, 4 waren schon aktuell" in rescored.output
    )

    missing = runner.invoke(app, ["catalogue", "show", "gibt:es_nicht"])
    assert missing.exit_code == 1 and "keinen Prozess" in missing.output


def test_copies_version_of_and_the_quick_check(lotse_app: App, tmp_path: Path) -> None:
    evaluation = SAMPLES / "evaluation"
    for name in ("urlaubsantrag.bpmn", "dienstreiseantrag.bpmn"):
        (tmp_path / name).write_bytes((evaluation / name).read_bytes())
    first = runner.invoke(app, ["catalogue", "import", str(tmp_path / "urlaubsantrag.bpmn")])
    assert first.exit_code == 0, first.output
    copy = runner.invoke(app, ["catalogue", "import", str(tmp_path / "dienstreiseantrag.bpmn")])
    assert copy.exit_code == 0, copy.output
    assert "gehört schon zu" in copy.output and "--version-of" in copy.output
    rows = json.loads(runner.invoke(app, ["catalogue", "list", "--json"]).stdout)
    assert sorted(r["file"] for r in rows) == ["dienstreiseantrag.bpmn", "urlaubsantrag.bpmn"]
    assert {r["quadrant"] for r in rows} <= {"benefit_unknown", "not_suitable", "later"}
    assert all(r["hours_saved"] is None for r in rows)

    key = next(r["key"] for r in rows if r["file"] == "urlaubsantrag.bpmn")
    both = ["--version-of", key, str(tmp_path / "urlaubsantrag.bpmn"), str(tmp_path / "x.bpmn")]
    assert runner.invoke(app, ["catalogue", "import", *both]).exit_code == 2

    answers = ["--regelbasiert", "ja", "--digital", "teilweise", "--strukturiert", "ja"]
    answers += ["--aenderungen", "keine", "--faelle", "ueber-1000"]
    checked = runner.invoke(app, ["catalogue", "check", key, *answers])
    assert checked.exit_code == 0, checked.output
    assert "Ideenwert 88 von 100" in checked.output and "sehr hoch" in checked.output
    wrong = runner.invoke(app, ["catalogue", "check", key, *answers[:-1], "viele"])
    assert wrong.exit_code == 2 and "passt nicht" in wrong.output
    missing = runner.invoke(app, ["catalogue", "check", key, "--regelbasiert", "ja"], input="")
    assert missing.exit_code == 2 and "Antwort fehlt" in missing.output
