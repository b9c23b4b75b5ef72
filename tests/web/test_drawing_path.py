"""One drawing path: the process page and the report draw the process's own diagram.

ADONIS writes a small diagram first and the collaboration (the catalogue
entry: the pools with the actual process) second; the process page used to
show the first diagram of the file, the report the process's own.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from bpmn import draw, read_bpmn
from processes.importer import ImportRequest, Outcome, import_many
from processes.models import Process, ProcessVersion
from processes.report import write_report
from tests.web.conftest import Workbench

pytestmark = pytest.mark.usefixtures("cheap_hashing")

ADONIS = Path("ADONIS 17.0") / "B.1.0-export.bpmn"
SHAPE = re.compile(r'data-element-id="([^"]+)"')


def shapes(svg: str) -> set[str]:
    return set(SHAPE.findall(svg))


def test_the_page_and_the_report_draw_the_process_s_own_diagram(
    workbench: Workbench, conformance_dir: Path, tmp_path: Path
) -> None:
    source = conformance_dir / ADONIS
    defs = read_bpmn(source)

    lotse = workbench.lotse
    (result,) = import_many(
        lotse.db.session, [ImportRequest(file_name=source.name, path=source, department="20")],
        lotse.model, lotse.limits,
    )  # fmt: skip
    assert result.outcome is Outcome.NEW, result
    with lotse.db.read_session() as session:
        process = session.scalars(
            select(Process).join(ProcessVersion, Process.current_version_id == ProcessVersion.id)
            .where(ProcessVersion.file_name == source.name)
        ).one()  # fmt: skip
        process_id, entry = process.id, process.bpmn_id
    drawable = [d for d in defs.diagrams if d.shapes]
    (own,) = [i for i, d in enumerate(drawable) if d.plane_element == entry]
    assert own != 0  # the file's first diagram is not the process's
    expected = shapes(draw(defs, diagram=own).svg)
    assert expected != shapes(draw(defs, diagram=0).svg)
    page = workbench.client("pilot20").get(f"/katalog/{process_id}/zeichnung.svg")
    assert page.status_code == 200
    assert shapes(page.text) == expected

    with lotse.db.read_session() as session:
        files = write_report(
            session, tmp_path, model=lotse.model, generated_at=datetime(2026, 12, 2, tzinfo=UTC)
        )
    report = files.html.read_text(encoding="utf-8")
    assert expected <= shapes(report)  # the report draws the same diagram
