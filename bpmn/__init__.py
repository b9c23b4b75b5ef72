"""BPMN 2.0 in: safe reading, a typed model, lint findings and SVG drawings.

This package knows nothing of the rest of Lotse. Its public API::

    defs = read_bpmn(path_or_bytes)         # raises BpmnReadError
    findings = lint(defs)
    drawing = draw(defs, process_id="P_1", colors={...}, legend=[LegendEntry(...)])
    svg = draw_svg(defs)                     # the first diagram, as text
    numbers = summarise(defs)
"""

from bpmn.errors import BpmnReadError
from bpmn.lint import Finding, Profile, Severity, lint
from bpmn.model import Definitions
from bpmn.reader import read_bpmn
from bpmn.safe_xml import XmlLimits
from bpmn.summary import summarise
from bpmn.svg import Drawing, LegendEntry, draw, draw_svg

__all__ = [
    "BpmnReadError",
    "Definitions",
    "Drawing",
    "Finding",
    "LegendEntry",
    "Profile",
    "Severity",
    "XmlLimits",
    "draw",
    "draw_svg",
    "lint",
    "read_bpmn",
    "summarise",
]
