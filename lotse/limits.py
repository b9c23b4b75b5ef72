"""Turning settings into the limits the BPMN reader enforces."""

from __future__ import annotations

from bpmn.safe_xml import MB, XmlLimits
from lotse.settings import Settings


def xml_limits(settings: Settings) -> XmlLimits:
    return XmlLimits(max_bytes=int(settings.bpmn_max_mb * MB), max_depth=settings.bpmn_max_depth)
