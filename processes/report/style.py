"""Colours the report uses for quadrants, shared by the chart, the HTML and the workbook.

The strong colours (Okabe-Ito, colour-blind safe) mark bubbles in the chart;
the light ones are backgrounds behind black text (contrast above 7:1).
"""

from __future__ import annotations

from processes.scoring.results import Quadrant

QUADRANT_COLOURS: dict[Quadrant, str] = {
    Quadrant.QUICK_WIN: "#009E73",
    Quadrant.STRATEGIC: "#0072B2",
    Quadrant.LATER: "#E69F00",
    Quadrant.NOT_SUITABLE: "#8C8C8C",
    Quadrant.BENEFIT_UNKNOWN: "#CC79A7",
    Quadrant.NOT_ASSESSABLE: "#BBBBBB",
}

QUADRANT_BACKGROUNDS: dict[Quadrant, str] = {
    Quadrant.QUICK_WIN: "#C8EBDD",
    Quadrant.STRATEGIC: "#CFE3F3",
    Quadrant.LATER: "#FBE6BE",
    Quadrant.NOT_SUITABLE: "#E6E6E6",
    Quadrant.BENEFIT_UNKNOWN: "#F3DDEA",
    Quadrant.NOT_ASSESSABLE: "#F2F2F2",
}

# Darker shades for text on white (quadrant names in the chart's corners).
QUADRANT_TEXT: dict[Quadrant, str] = {
    Quadrant.QUICK_WIN: "#00694D",
    Quadrant.STRATEGIC: "#00507D",
    Quadrant.LATER: "#8A5A00",
    Quadrant.NOT_SUITABLE: "#555555",
    Quadrant.BENEFIT_UNKNOWN: "#8B3A6B",
    Quadrant.NOT_ASSESSABLE: "#555555",
}
