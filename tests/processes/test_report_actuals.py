"""The report's "Umsetzung": robots, estimate against actual, a chart per robot, CSV and XLSX."""

from __future__ import annotations

import csv
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook

from flows.robot_ledger import DECLARED_LINKS
from lotse.app import open_app
from lotse.settings import Settings
from processes.importer import ImportRequest, import_diagram
from processes.ledger import RunFigures, record_run
from processes.report import write_report
from processes.report.tables import CSV_COLUMNS
from tests.conftest import SAMPLES
from tests.processes.test_report import parse, text_of

GENERATED = datetime(2026, 3, 2, 9, 15, tzinfo=UTC)


def run(month: int, cases: int, automated: int) -> RunFigures:
    start = datetime(2026, month, 5, 7, 0, tzinfo=UTC)
    return RunFigures(start, start + timedelta(minutes=5), cases, automated, cases - automated)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("umsetzung")
    app = open_app(Settings(database_url=f"sqlite:///{directory / 't.db'}", data_dir=directory))
    with app.db.session() as session:
        for name in ("hauspost-verteilen.bpmn", "urlaubsantrag.bpmn"):
            path = SAMPLES / "bpmn" / name
            import_diagram(session, ImportRequest(file_name=name, path=path), app.model, app.limits)
    with app.db.session() as session:
        # January: 100 letters, 80 delivered; March: 60 letters, 54 delivered (no run in February)
        for figures in (run(1, 100, 80), run(3, 60, 54)):
            record_run(session, "poststelle", figures, declared=DECLARED_LINKS)
        files = write_report(session, directory / "out", model=app.model, generated_at=GENERATED)
    app.db.dispose()
    return files.html


def test_the_umsetzung_section_shows_estimate_and_actual(report: Path) -> None:
    page = parse(report)
    text = text_of(page)
    assert "Umsetzung" in [t.strip() for t in page.text]
    # 3 minutes per letter × 7 of 11 equally weighted tasks = 1.91 minutes;
    # 134 letters delivered × 1.91 minutes = 4.3 hours
    assert page.figure_texts["Tatsächlich eingespart"].startswith("4,3")
    assert "tatsächlich 84 % ohne Prüfung zugestellt (134 von 160 Briefen)" in text
    assert "Eingespart bisher 4,3 Stunden (1,9 Minuten je Fall" in text
    assert "Der Roboter übernimmt „Eingangsstempel aufbringen“" in text
    # every month from January to March in the table, February without runs
    assert "Januar 2026" in text and "Februar 2026" in text and "März 2026" in text
    # the robot is named in its process's own section too
    assert "p-10:Process_HauspostVerteilen" in page.articles
    assert text.count("ohne Prüfung zugestellt (134 von 160 Briefen)") == 2


def test_one_chart_per_robot_with_its_own_ids(report: Path) -> None:
    page = parse(report)
    charts = [a for tag, a in page.tags if tag == "svg" and "lotse-chart" in a.get("class", "")]
    assert [c["aria-labelledby"] for c in charts] == ["chart-title", "ist-poststelle-title"]
    ids = [attrs["id"] for _tag, attrs in page.tags if "id" in attrs]
    assert len(ids) == len(set(ids))
    html = report.read_text(encoding="utf-8")
    chart = html[html.index('aria-labelledby="ist-poststelle-title"') :]
    chart = chart[: chart.index("</svg>")]
    assert "Eingesparte Stunden je Monat" in chart and "Feb." in chart


def test_csv_and_workbook_carry_the_actuals(report: Path) -> None:
    with (report.parent / "candidates.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames or ()) == CSV_COLUMNS
        rows = {row["key"]: row for row in reader}
    hauspost = rows["10:Process_HauspostVerteilen"]
    assert hauspost["robots"] == "poststelle"
    assert (hauspost["robot_runs"], hauspost["robot_cases"]) == ("2", "160")
    assert (hauspost["robot_cases_automated"], hauspost["robot_cases_to_person"]) == ("134", "26")
    assert hauspost["actual_automated_share"] == str(round(134 / 160, 4))
    assert float(hauspost["actual_hours_year"]) == pytest.approx(134 * 3 * 7 / 11 / 60, abs=0.01)
    other = next(row for key, row in rows.items() if key != "10:Process_HauspostVerteilen")
    assert other["robots"] == other["robot_runs"] == other["actual_hours_year"] == ""

    workbook = load_workbook(report.parent / "candidates.xlsx")
    sheet = workbook["Umsetzung"]
    header = [c.value for c in sheet[1]]
    (row,) = sheet.iter_rows(min_row=2, values_only=True)
    values = dict(zip(header, row, strict=True))
    assert values["Roboter"] == "poststelle" and values["Fälle"] == 160
    assert values["Anteil tatsächlich"] == pytest.approx(134 / 160)
    assert re.match(
        r"Geschätzt \d+\u202f% der 7 verknüpften Aufgaben automatisierbar "
        r"\(ganzer Prozess: \d+\u202f%\)",
        str(values["Erklärung"]),
    )
    processes = workbook["Prozesse"]
    process_header = [c.value for c in processes[1]]
    assert process_header[-2:] == ["Anteil tatsächlich", "Std. tatsächlich (12 Monate)"]
