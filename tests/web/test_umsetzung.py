"""The process page's "Umsetzung": the robots of a process, estimate against actual."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from flows.robot_ledger import DECLARED_LINKS
from processes.ledger import RunFigures, record_run
from tests.web.conftest import Workbench


def test_the_process_page_shows_its_robots_against_the_estimate(workbench: Workbench) -> None:
    hauspost = workbench.process_ids["10:Process_HauspostVerteilen"]
    client = workbench.client("pilot20")
    assert 'id="umsetzung"' not in client.get(f"/katalog/{hauspost}").text  # no robot ran yet

    now = datetime.now(UTC)
    with workbench.lotse.db.session() as session:
        record_run(
            session,
            "poststelle",
            RunFigures(now - timedelta(minutes=3), now, 40, 30, 10, 55.0, 20.0),
            declared=DECLARED_LINKS,
        )
    page = client.get(f"/katalog/{hauspost}").text
    section = page[page.index('id="umsetzung"') : page.index('id="zeichnung"')]
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", section))
    assert "Roboter „poststelle“" in text
    assert "Der Roboter übernimmt „Eingangsstempel aufbringen“" in text
    assert "40 Fälle in 1 Lauf" in text
    assert "tatsächlich 75 % ohne Prüfung zugestellt (30 von 40 Briefen)" in text
    assert "Im Betrieb" in page  # the first run put the process into operation

    chart = client.get(f"/katalog/{hauspost}/roboter/poststelle.svg")
    assert chart.status_code == 200
    assert chart.headers["content-type"].startswith("image/svg+xml")
    assert "Eingesparte Stunden je Monat" in chart.text
    assert f'src="/katalog/{hauspost}/roboter/poststelle.svg"' in section
    assert client.get(f"/katalog/{hauspost}/roboter/eakte-ablage.svg").status_code == 404
    other = workbench.process_ids["63:Process_Bauantrag"]
    assert client.get(f"/katalog/{other}/roboter/poststelle.svg").status_code == 404
