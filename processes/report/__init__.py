"""The candidates report: ``report.html``, ``candidates.csv`` and ``candidates.xlsx``.

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

from processes.report.data import load_rows, load_sources
from processes.report.html import render_html
from processes.report.tables import csv_text, write_xlsx
from processes.scoring.model import ScoringModel

HTML_NAME = "report.html"
CSV_NAME = "candidates.csv"
XLSX_NAME = "candidates.xlsx"

__all__ = ["ReportFiles", "write_report"]


@dataclass(frozen=True, slots=True)
class ReportFiles:
    html: Path
    csv: Path
    xlsx: Path
    processes: int


def write_report(
    session: Session,
    out_dir: Path,
    *,
    model: ScoringModel,
    generated_at: datetime,
    drawings_limit: int = 200,
) -> ReportFiles:
    """Write the three report files into ``out_dir`` (created if missing)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rows, summary = load_rows(session, model_version=model.version)
    drawn = rows[: max(0, drawings_limit)]
    sources = load_sources(session, [row.source_sha256 for row in drawn])

    html = render_html(
        rows,
        summary,
        model=model,
        generated_at=generated_at,
        drawings_limit=drawings_limit,
        sources=sources,
    )
    temporaries: list[tuple[Path, Path]] = []
    try:
        temporaries.append(
            (
                _temporary(out_dir, HTML_NAME, lambda p: p.write_text(html, encoding="utf-8")),
                out_dir / HTML_NAME,
            )
        )
        text = csv_text(rows)
        temporaries.append(
            (
                _temporary(out_dir, CSV_NAME, lambda p: p.write_bytes(text.encode("utf-8"))),
                out_dir / CSV_NAME,
            )
        )
        temporaries.append(
            (
                _temporary(
                    out_dir, XLSX_NAME, lambda p: write_xlsx(rows, p, generated_at=generated_at)
                ),
                out_dir / XLSX_NAME,
            )
        )
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
    )


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
