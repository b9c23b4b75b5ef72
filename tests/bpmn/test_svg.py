"""Drawings: valid SVG for every conformance file, faithful to the DI, stable, safe."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from bpmn import BpmnReadError, LegendEntry, draw_svg, read_bpmn
from bpmn.model import FLOW_NODE_KINDS, Bounds
from bpmn.svg import diagram_count
from tests.bpmn.documents import chain, document, simple_process
from tests.conftest import SAMPLES

SVG = "{http://www.w3.org/2000/svg}"
REFERENCE_DIR = Path(__file__).parent / "reference"


def _groups(svg: str) -> dict[str, list[ET.Element]]:
    root = ET.fromstring(svg)
    groups: dict[str, list[ET.Element]] = {}
    for g in root.iter(SVG + "g"):
        element_id = g.get("data-element-id")
        if element_id:
            groups.setdefault(element_id, []).append(g)
    return groups


def _readable(conformance_dir: Path):  # type: ignore[no-untyped-def]
    for path in sorted(conformance_dir.rglob("*.bpmn")):
        try:
            yield path, read_bpmn(path)
        except BpmnReadError:
            continue


@pytest.mark.slow
def test_every_conformance_file_draws_valid_svg(conformance_dir: Path) -> None:
    drawn = 0
    for path, defs in _readable(conformance_dir):
        svg = draw_svg(defs)
        root = ET.fromstring(svg)  # well-formed
        assert root.tag == SVG + "svg", path
        assert len(root.get("viewBox", "").split()) == 4, path
        groups = _groups(svg)
        if defs.has_diagram:
            diagram = next(d for d in defs.diagrams if d.shapes)
            expected = {
                s.element_id
                for s in diagram.shapes
                if s.element_id in defs.index and defs.index[s.element_id].kind in FLOW_NODE_KINDS
            }
        else:
            expected = {n.id for p in defs.processes for n in p.content.nodes}
        missing = expected - set(groups)
        assert not missing, (path, sorted(missing)[:5])
        drawn += 1
    assert drawn > 700


def _overlap(a: Bounds, b: Bounds) -> bool:
    return a.x < b.right and b.x < a.right and a.y < b.bottom and b.y < a.bottom


def test_files_without_di_are_laid_out_left_to_right(conformance_dir: Path) -> None:
    without = [(p, d) for p, d in _readable(conformance_dir) if not d.has_diagram]
    assert len(without) >= 8
    from bpmn.layout import auto_layout

    for path, defs in without:
        diagram = auto_layout(defs)
        boxes = {
            s.element_id: s.bounds
            for s in diagram.shapes
            if defs.index[s.element_id].kind in FLOW_NODE_KINDS
            and defs.index[s.element_id].kind != "boundaryEvent"
        }
        top_level = {
            n.id for p in defs.processes for n in p.content.nodes if n.kind != "boundaryEvent"
        }
        assert set(boxes) == top_level, path
        items = list(boxes.items())
        for i, (a_id, a) in enumerate(items):
            for b_id, b in items[i + 1 :]:
                assert not _overlap(a, b), (path, a_id, b_id)
        for process in defs.processes:
            for flow in process.content.flows:
                source, target = boxes.get(flow.source), boxes.get(flow.target)
                if source and target and flow.source != flow.target:
                    # forward flows point right unless they close a loop
                    assert target.x != source.x or target.y != source.y


def test_colours_and_legend() -> None:
    defs = read_bpmn(
        document(
            simple_process(
                chain(
                    ("startEvent", "s", "Los"),
                    ("userTask", "t", "Erfassen"),
                    ("endEvent", "e", "Ende"),
                )
            )
        ).encode()
    )
    svg = draw_svg(
        defs,
        colors={"t": "#2e7d32", "s": 'red" onload="alert(1)'},
        legend=[LegendEntry("#2e7d32", "Roboter-geeignet"), LegendEntry("#c62828", "Mensch")],
    )
    task = _groups(svg)["t"][0]
    fills = [el.get("fill") for el in task.iter() if el.get("fill")]
    assert "#2e7d32" in fills
    assert "onload" not in svg  # an unsafe colour is ignored, not injected
    assert "Roboter-geeignet" in svg and "Mensch" in svg


def test_names_are_escaped_and_titles_explain() -> None:
    body = simple_process(
        chain(("task", "t", "&lt;script&gt;alert(1)&lt;/script&gt; &amp; prüfen"))
    )
    svg = draw_svg(read_bpmn(document(body).encode()), title="Zeichnung <Test>")
    assert "<script>" not in svg
    root = ET.fromstring(svg)
    assert root.find(SVG + "title").text == "Zeichnung <Test>"  # type: ignore[union-attr]
    task = _groups(svg)["t"][0]
    assert task.find(SVG + "title").text == "Aufgabe „<script>alert(1)</script> & prüfen“"  # type: ignore[union-attr]


def test_several_diagrams_can_be_chosen(conformance_dir: Path) -> None:
    for _path, defs in _readable(conformance_dir):
        if diagram_count(defs) > 1:
            first, second = draw_svg(defs, diagram=0), draw_svg(defs, diagram=1)
            assert first != second
            with pytest.raises(IndexError):
                draw_svg(defs, diagram=diagram_count(defs))
            return
    pytest.fail("the corpus has files with several diagrams")


def test_id_prefix_keeps_marker_ids_apart() -> None:
    defs = read_bpmn(
        document(simple_process(chain(("task", "a", "A"), ("task", "b", "B")))).encode()
    )
    svg = draw_svg(defs, id_prefix="p7")
    assert 'id="p7-arrow"' in svg and "url(#p7-arrow)" in svg


REFERENCES = {
    "miwg-A.4.0": ("conformance", "Reference/A.4.0.bpmn"),
    "miwg-C.1.0": ("conformance", "Reference/C.1.0.bpmn"),
    "ibm-no-di-A.3.0": ("conformance", "IBM Process Designer 8.0.1/A.3.0-export.bpmn"),
    "sample-hauspost": ("samples", "bpmn/hauspost-verteilen.bpmn"),
}


@pytest.mark.parametrize("name", sorted(REFERENCES))
def test_drawing_matches_known_good_reference(name: str, conformance_dir: Path) -> None:
    """Reviewed drawings (looked at in Chromium) must not change by accident.

    After an intended change: LOTSE_UPDATE_REFERENCES=1 pytest tests/bpmn/test_svg.py,
    look at the new files, commit them.
    """
    base, relative = REFERENCES[name]
    source = (conformance_dir if base == "conformance" else SAMPLES) / relative
    svg = draw_svg(read_bpmn(source))
    reference = REFERENCE_DIR / f"{name}.svg"
    if os.environ.get("LOTSE_UPDATE_REFERENCES") == "1":
        reference.parent.mkdir(exist_ok=True)
        reference.write_text(svg, encoding="utf-8")
    assert reference.is_file(), f"no reference drawing {reference.name}"
    assert svg == reference.read_text(encoding="utf-8")


def test_annotation_text_is_never_cut() -> None:
    """Workshop annotations hold click paths; a box drawn too small must not swallow them."""
    words = (
        "Word öffnen, mit Strg-A alles auswählen, kopieren, im DMS unter Vorgänge/2026 "
        "ablegen, dann per E-Mail an die Sachbearbeitung senden und im Eingangsbuch eintragen"
    )
    body = simple_process(
        chain(("userTask", "t", "Bescheid ablegen"))
        + f'<{{p}}textAnnotation id="a"><{{p}}text>{words}</{{p}}text></{{p}}textAnnotation>'
    )
    di = (
        '<bpmndi:BPMNDiagram id="d"><bpmndi:BPMNPlane id="pl" bpmnElement="Process_1">'
        '<bpmndi:BPMNShape id="t_di" bpmnElement="t"><dc:Bounds x="100" y="100" width="100" height="80"/></bpmndi:BPMNShape>'
        '<bpmndi:BPMNShape id="a_di" bpmnElement="a"><dc:Bounds x="250" y="100" width="120" height="30"/></bpmndi:BPMNShape>'
        "</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>"
    )
    svg = draw_svg(read_bpmn(document(body, di=di).encode()))
    (note,) = _groups(svg)["a"]
    shown = " ".join("".join(span.itertext()) for span in note.iter(SVG + "tspan")).replace(
        "- ", ""
    )
    assert "…" not in shown
    assert shown.split() == words.split() or shown.replace(" ", "") == words.replace(" ", "")
    assert note.find(SVG + "title").text == f"Anmerkung: {words}"  # type: ignore[union-attr]
    bracket = note.find(SVG + "path").get("d")  # type: ignore[union-attr]
    last_line = max(float(s.get("y", 0)) for s in note.iter(SVG + "tspan"))
    bottom = float(bracket.split("V")[1].split()[0])  # type: ignore[union-attr]
    assert bottom > last_line, "the bracket reaches below the last line"
    view = [float(v) for v in ET.fromstring(svg).get("viewBox", "").split()]
    assert view[1] + view[3] >= bottom, "the drawing is tall enough for the whole text"
