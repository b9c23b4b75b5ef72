"""The comparison as one offline, printable HTML page for the debrief.

Drawings side by side, each coloured by agreement through the ordinary
drawing's per-element colours; the combined view; the lists. Styles are
inline and nothing is loaded from elsewhere, so the file works from a USB
stick in a room without network and prints on A4 landscape.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import cache, partial
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from bpmn import LegendEntry, draw_svg
from common.german import date_time
from processes.scoring.text import number, percent
from processes.workshop.aligned import AGREEMENT_COLOURS, AGREEMENT_GERMAN
from processes.workshop.comparison import Comparison
from processes.workshop.debrief import HINT_KINDS

TEMPLATES = Path(__file__).with_name("templates")
LEGEND = [LegendEntry(AGREEMENT_COLOURS[k], AGREEMENT_GERMAN[k]) for k in AGREEMENT_COLOURS]


@dataclass(frozen=True, slots=True)
class Drawn:
    name: str
    svg: Markup | None
    problem: str = ""


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(num=number, pct=percent)
    return env


def drawings(comparison: Comparison) -> tuple[Drawn, list[Drawn]]:
    """The combined view and each drawing, coloured by agreement."""
    combined = _draw(
        "Gemeinsame Sicht",
        lambda: draw_svg(
            comparison.combined,
            colors=comparison.colours(None),
            legend=LEGEND,
            title=f"Gemeinsame Sicht: {comparison.title}",
            id_prefix="gemeinsam",
        ),
    )
    each = [
        _draw(
            drawing.name,
            partial(
                draw_svg,
                drawing.defs,
                colors=comparison.colours(index),
                title=f"Zeichnung {drawing.name}",
                id_prefix=f"zeichnung-{index + 1}",
            ),
        )
        for index, drawing in enumerate(comparison.drawings)
    ]
    return combined, each


def _draw(name: str, paint: Callable[[], str]) -> Drawn:
    try:
        svg = paint()
    except (IndexError, ValueError, KeyError) as exc:
        # one drawing that cannot be painted must not cost the trainer the whole page
        return Drawn(name, None, f"Die Zeichnung kann nicht dargestellt werden ({exc}).")
    return Drawn(name, Markup(svg))


def render_html(comparison: Comparison, *, generated_at: datetime) -> str:
    combined, each = drawings(comparison)
    return (
        environment()
        .get_template("workshop.html.j2")
        .render(
            c=comparison,
            combined=combined,
            drawn=each,
            colours=AGREEMENT_COLOURS,
            agreement_german=AGREEMENT_GERMAN,
            hint_kinds=HINT_KINDS,
            generated=date_time(generated_at),
        )
    )
