"""The candidates as CSV (for scripts and for German Excel) and as an Excel workbook.

``candidates.csv`` has stable English column names and dot decimals (a contract).
``kandidaten.csv`` is the same list as German Excel opens it with a double click:
semicolons, UTF-8 with a byte order mark, decimal commas, and the workbook's German
headers and values. The workbook has number formats, filters and frozen headers; it
is written in openpyxl's streaming mode, which keeps thousands of rows fast.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from processes.report.cells import csv_cell
from processes.report.data import ProcessRow
from processes.report.style import QUADRANT_BACKGROUNDS
from processes.scoring.results import CATEGORY_COLOURS, Category, Quadrant

CSV_COLUMNS = (
    "rank",
    "key",
    "name",
    "department",
    "status",
    "quadrant",
    "potential",
    "ease",
    "hours_saved",
    "automatable_share",
    "feasible",
    "confidence",
    "version",
    "tasks",
    "robot_tasks",
    "idea_score",
    "benefit_band",
    # what the linked robots really did (issue 14); empty while no robot ran
    "robots",
    "robot_runs",
    "robot_cases",
    "robot_cases_automated",
    "robot_cases_to_person",
    "actual_automated_share",
    "actual_hours_year",
    "actual_hours_total",
)

PROCESS_SHEET = "Prozesse"
TASK_SHEET = "Aufgaben"
ROBOT_SHEET = "Umsetzung"


# -- CSV ---------------------------------------------------------------------------


def _rounded(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def csv_text(rows: Sequence[ProcessRow]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        values: list[object] = [
            row.rank,
            row.key,
            row.name,
            row.department_code,
            row.status,
            row.quadrant.value if row.quadrant else None,
            row.potential,
            row.ease,
            row.hours_saved,
            row.automatable_share,
            row.feasible,
            row.confidence,
            row.version,
            len(row.tasks),
            row.robot_tasks,
            row.idea_score,
            row.benefit_band,
            row.robot_names,
            row.robot_runs if row.robots else None,
            row.robot_cases if row.robots else None,
            row.robot_cases_automated if row.robots else None,
            row.robot_cases_to_person if row.robots else None,
            _rounded(row.actual_share, 4),
            _rounded(row.actual_hours_year, 2),
            _rounded(row.actual_hours_total, 2),
        ]
        writer.writerow([csv_cell(v) for v in values])
    return buffer.getvalue()


# -- XLSX --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    value: Callable[[Any], object]
    width: (
        float  # preferred width in characters; text columns grow to their content up to max_width
    )
    number_format: str | None = None
    max_width: float | None = None


HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="00507D")
HEADER_ALIGNMENT = Alignment(vertical="center", wrap_text=True)

PROCESS_COLUMNS: tuple[Column, ...] = (
    Column("Rang", lambda r: r.rank, 7, "0"),
    Column("Schlüssel", lambda r: r.key, 18, max_width=40),
    Column("Prozess", lambda r: r.name, 24, max_width=50),
    Column("Amt", lambda r: r.department_code or None, 7),
    Column("Amt (Name)", lambda r: r.department_name or None, 18, max_width=40),
    Column("Status", lambda r: r.status_german, 13),
    Column("Einordnung", lambda r: r.quadrant.german if r.quadrant else None, 17),
    # Whole points, as the workbench and the report show them (the cell keeps the decimals).
    Column("Potenzial", lambda r: r.potential, 11, "0"),
    Column("Umsetzbarkeit", lambda r: r.ease, 15, "0"),
    Column("Std./Jahr", lambda r: r.hours_saved, 11, "#,##0"),
    Column("Automatisierbarer Anteil", lambda r: r.automatable_share, 14, "0%"),
    Column(
        "Machbar jetzt",
        lambda r: None if r.feasible is None else ("ja" if r.feasible else "nein"),
        10,
    ),
    Column("Begründung Machbarkeit", lambda r: r.feasibility_reason or None, 40, max_width=90),
    Column("Verlässlichkeit", lambda r: r.confidence, 14, "0.00"),
    Column("Version", lambda r: r.version, 9, "0"),
    Column("Aufgaben", lambda r: len(r.tasks), 10, "0"),
    Column("Roboter-Aufgaben", lambda r: r.robot_tasks, 11, "0"),
    Column("Ideenwert (Schnellcheck)", lambda r: r.idea_score, 12, "0"),
    Column("Nutzen (Schnellcheck)", lambda r: r.benefit_band, 12),
    Column("Roboter", lambda r: r.robot_names or None, 14, max_width=40),
    Column("Läufe", lambda r: r.robot_runs if r.robots else None, 8, "#,##0"),
    Column("Fälle", lambda r: r.robot_cases if r.robots else None, 9, "#,##0"),
    Column("ohne Menschen", lambda r: r.robot_cases_automated if r.robots else None, 11, "#,##0"),
    Column("an Menschen", lambda r: r.robot_cases_to_person if r.robots else None, 11, "#,##0"),
    Column("Anteil tatsächlich", lambda r: r.actual_share, 12, "0%"),
    Column("Std. tatsächlich (12 Monate)", lambda r: r.actual_hours_year, 14, "#,##0.0"),
)

# (process row, robot summary) pairs
ROBOT_COLUMNS: tuple[Column, ...] = (
    Column("Roboter", lambda pr: pr[1].deployment, 16, max_width=40),
    Column("Prozess", lambda pr: pr[0].name, 24, max_width=45),
    Column("Schlüssel", lambda pr: pr[0].key, 18, max_width=40),
    Column("Aufgaben", lambda pr: len(pr[1].task_ids) or None, 10, "0"),
    Column("Läufe", lambda pr: pr[1].actuals.runs, 8, "#,##0"),
    Column("Fälle", lambda pr: pr[1].actuals.cases, 9, "#,##0"),
    Column("ohne Menschen", lambda pr: pr[1].actuals.cases_automated, 11, "#,##0"),
    Column("an Menschen", lambda pr: pr[1].actuals.cases_to_person, 11, "#,##0"),
    Column("Anteil geschätzt", lambda pr: pr[1].actuals.linked.estimated_share, 12, "0%"),
    Column("Anteil tatsächlich", lambda pr: pr[1].actuals.actual_share, 12, "0%"),
    Column("Std./Jahr geschätzt", lambda pr: pr[1].actuals.estimated_hours_year, 12, "#,##0"),
    Column(
        "Std. tatsächlich (12 Monate)", lambda pr: pr[1].actuals.actual_hours_year, 14, "#,##0.0"
    ),
    Column("Std./Jahr hochgerechnet", lambda pr: pr[1].actuals.projected_hours_year, 14, "#,##0"),
    Column("Erklärung", lambda pr: pr[1].actuals.explanation or None, 80, max_width=120),
)


def excel_csv(rows: Sequence[ProcessRow]) -> bytes:
    """``kandidaten.csv``: the workbook's process sheet as German Excel reads a CSV."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([column.header for column in PROCESS_COLUMNS])
    for row in rows:
        writer.writerow([_german_cell(c.value(row), c.number_format) for c in PROCESS_COLUMNS])
    # The BOM tells Excel the file is UTF-8; without it "Prüfung" arrives as "PrÃ¼fung".
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _german_cell(value: object, number_format: str | None) -> str:
    """A value as German Excel parses it: "53,6", "45%", "ja"; text never as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, int | float):
        if number_format == "0%":
            return f"{round(value * 100)}%"
        decimals = (
            len(number_format.split(".", 1)[1]) if number_format and "." in number_format else 0
        )
        # No thousands separator: "1.109" would be ambiguous; Excel reads "1109" as a number.
        return f"{value:.{decimals}f}".replace(".", ",")
    return csv_cell(value)


# (process row, task row) pairs
TASK_COLUMNS: tuple[Column, ...] = (
    Column("Rang", lambda pt: pt[0].rank, 7, "0"),
    Column("Prozess", lambda pt: pt[0].name, 24, max_width=45),
    Column("Schlüssel", lambda pt: pt[0].key, 18, max_width=40),
    Column("Aufgabe", lambda pt: pt[1].name, 26, max_width=55),
    Column("Typ", lambda pt: pt[1].kind_german, 16, max_width=26),
    Column("Lane", lambda pt: pt[1].lane or None, 16, max_width=35),
    Column("Potenzial", lambda pt: pt[1].potential, 11, "0"),
    Column("Kategorie", lambda pt: pt[1].category.german, 24),
    Column("Ermessen", lambda pt: "ja" if pt[1].discretion else "nein", 10),
    Column("Begründung", lambda pt: pt[1].reasons or None, 80, max_width=120),
)


def write_xlsx(rows: Sequence[ProcessRow], path: Path, *, generated_at: datetime) -> None:
    workbook = Workbook(write_only=True)
    workbook.properties.creator = "Lotse"
    workbook.properties.title = "Automatisierungskandidaten – Prozesskatalog"
    workbook.properties.created = generated_at.replace(tzinfo=None)

    processes = workbook.create_sheet(PROCESS_SHEET)
    _write_sheet(processes, PROCESS_COLUMNS, rows)
    quadrant_column = get_column_letter(_index(PROCESS_COLUMNS, "Einordnung"))
    if rows:
        cells = f"{quadrant_column}2:{quadrant_column}{len(rows) + 1}"
        for quadrant in Quadrant:
            processes.conditional_formatting.add(
                cells, _equals_rule(quadrant.german, QUADRANT_BACKGROUNDS[quadrant])
            )

    tasks = [(row, task) for row in rows for task in row.tasks]
    sheet = workbook.create_sheet(TASK_SHEET)
    _write_sheet(sheet, TASK_COLUMNS, tasks)
    category_column = get_column_letter(_index(TASK_COLUMNS, "Kategorie"))
    if tasks:
        cells = f"{category_column}2:{category_column}{len(tasks) + 1}"
        for category in Category:
            sheet.conditional_formatting.add(
                cells, _equals_rule(category.german, CATEGORY_COLOURS[category])
            )

    robots = [(row, robot) for row in rows for robot in row.robots]
    _write_sheet(workbook.create_sheet(ROBOT_SHEET), ROBOT_COLUMNS, robots)
    workbook.save(path)


def _index(columns: Sequence[Column], header: str) -> int:
    return next(i for i, c in enumerate(columns, start=1) if c.header == header)


def _equals_rule(text: str, colour: str) -> CellIsRule:
    fill = PatternFill(
        "solid", start_color=colour.lstrip("#").upper(), end_color=colour.lstrip("#").upper()
    )
    quoted = '"' + text.replace('"', '""') + '"'
    return CellIsRule(operator="equal", formula=[quoted], fill=fill)


def _write_sheet(
    sheet: WriteOnlyWorksheet, columns: Sequence[Column], items: Sequence[Any]
) -> None:
    """Header, widths, frozen header row and filter must be set before rows stream out."""
    values = [[column.value(item) for column in columns] for item in items]
    for number, column in enumerate(columns, start=1):
        width = column.width
        if column.max_width is not None:
            longest = max(
                (len(str(v[number - 1])) for v in values if v[number - 1] is not None), default=0
            )
            width = min(column.max_width, max(column.width, longest + 2))
        sheet.column_dimensions[get_column_letter(number)].width = width
    sheet.freeze_panes = "A2"
    last = get_column_letter(len(columns))
    sheet.auto_filter.ref = f"A1:{last}{len(items) + 1}"
    sheet.print_title_rows = "1:1"

    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=column.header)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = HEADER_ALIGNMENT
        header.append(cell)
    sheet.append(header)

    formats = [column.number_format for column in columns]
    for row_values in values:
        sheet.append(
            [_cell(sheet, value, fmt) for value, fmt in zip(row_values, formats, strict=True)]
        )


def _cell(sheet: WriteOnlyWorksheet, value: object, number_format: str | None) -> object:
    if isinstance(value, str):
        text = ILLEGAL_CHARACTERS_RE.sub("", value)
        if text.startswith("="):
            # Names come from uploaded diagrams: never let one become a formula.
            cell = WriteOnlyCell(sheet, value=text)
            cell.data_type = "s"
            return cell
        return text
    if number_format is not None and value is not None:
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = number_format
        return cell
    return value
