"""The candidates report: ``report.html``, ``candidates.csv``, ``kandidaten.csv``, ``candidates.xlsx``.

    files = write_report(session, out_dir, model=model, generated_at=datetime.now(UTC))

Everything is read from the catalogue in a few queries (no query per
process), each BPMN file that is drawn is read once, and every file is
written under a temporary name in the output directory and then renamed, so
a reader never sees half a report.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from processes.report.data import ProcessRow, Summary, load_rows, load_sources
from processes.report.html import render_html
from processes.report.tables import csv_text, excel_csv, write_xlsx
from processes.scoring.model import ScoringModel

HTML_NAME = "report.html"
CSV_NAME = "candidates.csv"  # for scripts: English, a contract (DESIGN.md)
EXCEL_CSV_NAME = "kandidaten.csv"  # for people: German Excel
XLSX_NAME = "candidates.xlsx"

__all__ = ["REPORT_NAMES", "ReportFiles", "report_file", "write_report"]


@dataclass(frozen=True, slots=True)
class ReportFiles:
    html: Path
    csv: Path
    xlsx: Path
    processes: int
    excel_csv: Path


def write_report(
    session: Session,
    out_dir: Path,
    *,
    model: ScoringModel,
    generated_at: datetime,
    drawings_limit: int = 200,
) -> ReportFiles:
    """Write the four report files into ``out_dir`` (created if missing)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rows, summary = load_rows(session, model_version=model.version, now=generated_at)
    temporaries: list[tuple[Path, Path]] = []
    try:
        for name in REPORT_NAMES:
            write = _writer(name, session, rows, summary, model, generated_at, drawings_limit)
            temporaries.append((_temporary(out_dir, name, write), out_dir / name))
        for temporary, final in temporaries:
            os.replace(temporary, final)
    finally:
        for temporary, _final in temporaries:
            with contextlib.suppress(FileNotFoundError):
                temporary.unlink()
    return ReportFiles(
        html=out_dir / HTML_NAME,
        csv=out_dir / CSV_NAME,
        xlsx=out_dir / XLSX_NAME,
        processes=len(rows),
        excel_csv=out_dir / EXCEL_CSV_NAME,
    )


REPORT_NAMES = (HTML_NAME, CSV_NAME, EXCEL_CSV_NAME, XLSX_NAME)


def report_file(
    session: Session,
    name: str,
    *,
    model: ScoringModel,
    generated_at: datetime,
    drawings_limit: int = 200,
) -> bytes:
    """One of the report's files (see ``REPORT_NAMES``) as bytes, without the others.

    For the web: a CSV download need not draw and chart every process first.
    """
    rows, summary = load_rows(session, model_version=model.version, now=generated_at)
    write = _writer(name, session, rows, summary, model, generated_at, drawings_limit)
    with tempfile.TemporaryDirectory(prefix="lotse-bericht-") as tmp:
        path = Path(tmp) / name
        write(path)
        return path.read_bytes()


def _writer(
    name: str,
    session: Session,
    rows: list[ProcessRow],
    summary: Summary,
    model: ScoringModel,
    generated_at: datetime,
    drawings_limit: int,
) -> Callable[[Path], object]:
    """What writes the file ``name`` of these rows."""
    if name == HTML_NAME:
        drawn = rows[: max(0, drawings_limit)]
        sources = load_sources(session, [row.source_sha256 for row in drawn])
        html = render_html(
            rows, summary, model=model, generated_at=generated_at,
            drawings_limit=drawings_limit, sources=sources,
        )  # fmt: skip
        return lambda path: path.write_text(html, encoding="utf-8")
    if name == CSV_NAME:
        text = csv_text(rows)
        return lambda path: path.write_bytes(text.encode("utf-8"))
    if name == EXCEL_CSV_NAME:
        german = excel_csv(rows)
        return lambda path: path.write_bytes(german)
    if name == XLSX_NAME:
        return lambda path: write_xlsx(rows, path, generated_at=generated_at)
    raise ValueError(f"Einen Bericht „{name}“ gibt es nicht.")


def _temporary(directory: Path, name: str, write: Callable[[Path], object]) -> Path:
    """A new file next to its final place, filled by ``write``; removed again if that fails."""
    handle, raw = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=directory)
    os.close(handle)
    path = Path(raw)
    try:
        write(path)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    # mkstemp creates 0600; a report is read by the service user's group too (the
    # workbench, colleagues with group access), never by every user of the machine.
    path.chmod(0o640)
    return path
