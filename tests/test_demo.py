"""``lotse demo`` as a newcomer runs it: a fresh home, no bytecode written, a real Prefect server.

Found in the second round: with ``PYTHONDONTWRITEBYTECODE=1`` (as on many container
images) Prefect's ephemeral server did not start within its 20 s, and when the
demo ran, Prefect's INFO lines for each of 93 letters flooded the console.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

# Its own Prefect server (no fixture starts it), Tesseract and Chromium (by the fixtures).
pytestmark = [pytest.mark.slow, pytest.mark.prefect, pytest.mark.timeout(1200)]

LOTSE = str(Path(sys.executable).with_name("lotse"))
PREFECT_CHATTER = ("| INFO", "Created task run", "Finished in state", "Beginning flow run")


def _demo(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [LOTSE, "demo"], env=env, capture_output=True, text=True, timeout=1100, check=False
    )


def test_demo_tells_the_whole_story_on_a_fresh_machine(
    tmp_path: Path, tesseract: str, chromium_installed: None
) -> None:
    from eakte.store import Store
    from lotse.samples import SAMPLE_DIAGRAMS, SAMPLE_MAIL

    home = tmp_path / "home"
    home.mkdir()
    data_dir = tmp_path / "daten"
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PREFECT_", "LOTSE_")) and key != "XDG_DATA_HOME"
    }
    if "LOTSE_CONFIG_DIR" in os.environ:  # not a machine set up as a service
        env["LOTSE_CONFIG_DIR"] = os.environ["LOTSE_CONFIG_DIR"]
    env.update(HOME=str(home), LOTSE_DATA_DIR=str(data_dir), PYTHONDONTWRITEBYTECODE="1")
    env["COLUMNS"] = "200"

    result = _demo(env)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output

    drawings = sorted((data_dir / "demo" / "zeichnungen").glob("*.svg"))
    samples = sorted(SAMPLE_DIAGRAMS.glob("*.bpmn"))
    assert len(samples) >= 12
    assert [d.stem for d in drawings] == [s.stem for s in samples]
    assert (data_dir / "demo" / "bericht" / "report.html").is_file()
    assert "report.html" in output
    workshop = (data_dir / "demo" / "workshop" / "workshop.html").read_text(encoding="utf-8")
    assert workshop.count("Was fehlt Ihnen vielleicht?") == 5
    assert "Workshop-Vergleich" in output
    delivered = list((data_dir / "outbox").glob("*/*.pdf"))
    letters = [p for p in SAMPLE_MAIL.iterdir() if p.is_file()]
    assert len(delivered) >= 0.8 * len(letters)
    assert "zur Prüfung" in output
    filed = re.search(r"E-Akte: (\d+) Briefe abgelegt, 0 fehlgeschlagen, 0 warten", output)
    assert filed and int(filed.group(1)) >= 8, output  # departments 51 and 63
    assert Store(data_dir / "eakte-demo").count_documents() == int(filed.group(1))
    # the demo ends with the mailroom's estimate against its actual run
    text = " ".join(output.split())
    assert re.search(
        r"„poststelle“ für „Hauspost verteilen \(Ist-Ablauf\)“: geschätzt \d+ % der 7 "
        r"verknüpften Aufgaben automatisierbar \(ganzer Prozess: \d+ %\), "
        r"tatsächlich \d+ % von \d+ Briefen ohne Prüfung zugestellt",
        text,
    ), text[-2000:]
    assert "Umsetzung" in (data_dir / "demo" / "bericht" / "report.html").read_text()

    # A Prefect server of its own (in the new home), not Prefect's ephemeral one.
    assert "Prefect-Server startet" in output
    assert (data_dir / "logs" / "prefect-server.log").is_file()
    assert (home / ".prefect").is_dir()
    # Progress and a summary, not Prefect's lines per task, nor its telemetry notice.
    assert f"{len(letters)}/{len(letters)}" in output, output
    assert not [line for line in output.splitlines() if any(c in line for c in PREFECT_CHATTER)]
    assert "usage data" not in output
    assert len(output.splitlines()) < 80, output

    again = _demo(env)  # a second run is harmless
    assert again.returncode == 0, again.stdout + again.stderr
    assert "schon bearbeitet" in again.stdout
