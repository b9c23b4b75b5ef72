"""BPMN 2.0 in: safe reading, a typed model, lint findings and SVG drawings.

This package knows nothing of the rest of Lotse. Its public API::

    defs = read_bpmn(path_or_bytes)         # raises BpmnReadError
    findings = lint(defs)
    svg = draw_svg(defs, colors={...}, legend=[LegendEntry(...)])
    numbers = summarise(defs)
"""

from bpmn.errors import BpmnReadError
from bpmn.lint import Finding, Severity, lint
from bpmn.model import Definitions
from bpmn.reader import read_bpmn
from bpmn.safe_xml import XmlLimits
from bpmn.summary import summarise
from bpmn.svg import LegendEntry, draw_svg

__all__ = [
    "BpmnReadError",
    "Definitions",
    "Finding",
    "LegendEntry",
    "Severity",
    "XmlLimits",
    "draw_svg",
    "lint",
    "read_bpmn",
    "summarise",
]
