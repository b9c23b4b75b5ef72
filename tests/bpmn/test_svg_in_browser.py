"""Drawings rendered by a real Chromium: they show, and task labels fit their boxes."""

from __future__ import annotations

from pathlib import Path

import pytest

from bpmn import draw_svg, read_bpmn
from tests.browser import chromium
from tests.conftest import REPO, SAMPLES

ARTIFACTS = REPO / "test-artifacts" / "drawings"

# For every task: how far its rendered text sticks out of its box (px).
MEASURE = """
() => {
  const out = [];
  for (const g of document.querySelectorAll('g.bpmn-el')) {
    const rect = g.querySelector(':scope > rect');
    const text = g.querySelector(':scope > text');
    if (!rect || !text || !/Task$|^bpmn-task$|callActivity/.test(g.classList[1])) continue;
    const r = rect.getBBox(), t = text.getBBox();
    out.push({id: g.dataset.elementId,
              over: Math.max(r.x - t.x, t.x + t.width - (r.x + r.width),
                             r.y - t.y, t.y + t.height - (r.y + r.height))});
  }
  const svg = document.querySelector('svg').getBoundingClientRect();
  return {tasks: out, width: svg.width, height: svg.height};
}
"""


@pytest.mark.timeout(120)
def test_sample_drawings_render_and_labels_fit(
    conformance_dir: Path, chromium_installed: None
) -> None:
    sources = [
        *sorted((SAMPLES / "bpmn").glob("*.bpmn")),
        conformance_dir / "Reference" / "C.1.0.bpmn",
        conformance_dir / "bpmn.io (Camunda Modeler) 18.6.1" / "C.2.0-export.bpmn",
    ]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1800, "height": 1200})
        for source in sources:
            svg = draw_svg(read_bpmn(source))
            page.set_content(f"<!doctype html><html><body style='margin:0'>{svg}</body></html>")
            result = page.evaluate(MEASURE)
            assert result["width"] > 100 and result["height"] > 100, source
            assert result["tasks"], source
            too_wide = [t for t in result["tasks"] if t["over"] > 3]
            assert not too_wide, (source.name, too_wide)
            page.locator("svg").screenshot(path=str(ARTIFACTS / f"{source.stem}.png"))
