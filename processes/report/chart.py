"""The portfolio chart: automation potential against ease, bubble area = hours saved.

Drawn with Matplotlib's object API (``Figure`` needs no GUI backend and no
global state), saved as SVG text for inlining into the report: text stays
text (``svg.fonttype: none``) and the output is deterministic (fixed hash
salt, no date in the metadata), so the same catalogue gives the same file.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

import matplotlib
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from processes.report.style import QUADRANT_COLOURS, QUADRANT_TEXT
from processes.scoring.results import Quadrant
from processes.scoring.text import number

# Marker areas in pt² (Matplotlib's scatter ``s``): area grows with hours saved.
MIN_AREA = 36.0
MAX_AREA = 1600.0
UNKNOWN_AREA = 30.0
# Quantising areas lets Matplotlib reuse one marker definition per size
# (<use>), which keeps the SVG small for thousands of processes.
AREA_STEPS = 24
LABELLED = 10


@dataclass(frozen=True, slots=True)
class ChartPoint:
    rank: int
    potential: float
    ease: float
    hours: float | None
    quadrant: Quadrant


@dataclass(frozen=True, slots=True)
class Thresholds:
    potential: float
    ease: float
    not_suitable_below: float


def portfolio_svg(
    points: Sequence[ChartPoint], thresholds: Thresholds, *, title: str, description: str
) -> str:
    """The chart as an ``<svg>`` element (no XML prologue), with title and description."""
    with matplotlib.rc_context(
        {
            "svg.fonttype": "none",  # text stays text: searchable, small, readable by screen readers
            "svg.hashsalt": "lotse-report",  # the same ids on every run
            "font.family": "sans-serif",
            "font.sans-serif": ["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica"],
            "font.size": 10.0,
            "axes.unicode_minus": True,
        }
    ):
        figure = _figure(points, thresholds)
        buffer = io.StringIO()
        figure.savefig(
            buffer,
            format="svg",
            metadata={"Date": None, "Creator": None, "Format": None, "Type": None},
        )
    return inline_svg(buffer.getvalue(), title, description)


def _figure(points: Sequence[ChartPoint], t: Thresholds) -> Figure:
    # Fixed margins (no automatic layout), so that label placement can use the
    # final data-to-display transform before anything is drawn.
    figure = Figure(figsize=(10.0, 8.0))
    figure.subplots_adjust(left=0.075, right=0.985, top=0.985, bottom=0.225)
    ax = figure.add_subplot()
    ax.set_xlim(0, 100)
    ax.set_ylim(0, 100)
    ax.set_xlabel("Automatisierungspotenzial (0–100)")
    ax.set_ylabel("Umsetzbarkeit (0–100)")
    ax.set_xticks(range(0, 101, 10))
    ax.set_yticks(range(0, 101, 10))
    ax.grid(True, color="#e5e5e5", linewidth=0.6, zorder=0)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)

    # Everything left of this line is "not suitable", however easy.
    later_x = 1.0
    if 0 < t.not_suitable_below < t.potential:
        ax.axvspan(0, t.not_suitable_below, color="#f2f2f2", zorder=0.5, linewidth=0)
        ax.text(
            t.not_suitable_below / 2,
            50 if t.ease < 40 or t.ease > 60 else 75,
            f"Potenzial unter {number(t.not_suitable_below)}: nicht geeignet",
            rotation=90,
            ha="center",
            va="center",
            color="#666666",
            fontsize=9.5,
            zorder=2,
        )
        later_x = t.not_suitable_below + 1.0
    ax.axvline(t.potential, color="#444444", linestyle="--", linewidth=1.0, zorder=1)
    ax.axhline(t.ease, color="#444444", linestyle="--", linewidth=1.0, zorder=1)
    corner: dict[str, Any] = {
        "fontsize": 12,
        "fontweight": "bold",
        "zorder": 5,
        "bbox": {
            "boxstyle": "round,pad=0.3",
            "facecolor": "white",
            "edgecolor": "none",
            "alpha": 0.85,
        },
    }
    for quadrant, x, y, ha, va in (
        (Quadrant.LATER, later_x, 99.0, "left", "top"),
        (Quadrant.QUICK_WIN, 99.0, 99.0, "right", "top"),
        (Quadrant.NOT_SUITABLE, 1.0, 1.0, "left", "bottom"),
        (Quadrant.STRATEGIC, 99.0, 1.0, "right", "bottom"),
    ):
        ax.text(x, y, quadrant.german, ha=ha, va=va, color=QUADRANT_TEXT[quadrant], **corner)

    known = [p for p in points if p.hours is not None]
    largest = max((p.hours or 0.0 for p in known), default=0.0)
    # One scatter per bubble size, largest first, so that small bubbles stay
    # visible on top of large ones and each size is one reusable SVG marker.
    by_area: dict[float, list[ChartPoint]] = {}
    for p in known:
        by_area.setdefault(_area(p.hours or 0.0, largest), []).append(p)
    for area in sorted(by_area, reverse=True):
        group = by_area[area]
        ax.scatter(
            [p.potential for p in group],
            [p.ease for p in group],
            s=area,
            c=[QUADRANT_COLOURS[p.quadrant] for p in group],
            alpha=0.72,
            edgecolors="#333333",
            linewidths=0.6,
            zorder=3,
        )
    unknown = [p for p in points if p.hours is None]
    if unknown:
        ax.scatter(
            [p.potential for p in unknown],
            [p.ease for p in unknown],
            s=UNKNOWN_AREA,
            facecolors="none",
            edgecolors=[QUADRANT_COLOURS[p.quadrant] for p in unknown],
            linewidths=1.4,
            zorder=4,
        )
    _label_top(figure, ax, points, largest)
    _legend(ax, points, largest)
    return figure


def _area(hours: float, largest: float) -> float:
    if largest <= 0:
        return MIN_AREA
    step = round(max(0.0, hours) / largest * AREA_STEPS) / AREA_STEPS
    return MIN_AREA + (MAX_AREA - MIN_AREA) * step


def _radius_pt(point: ChartPoint, largest: float) -> float:
    area = UNKNOWN_AREA if point.hours is None else _area(point.hours, largest)
    return math.sqrt(area) / 2


def _label_top(figure: Figure, ax: Axes, points: Sequence[ChartPoint], largest: float) -> None:
    """Rank numbers beside the first bubbles, placed so that labels do not overlap."""
    top = sorted(points, key=lambda p: p.rank)[:LABELLED]
    if not top:
        return
    scale = figure.dpi / 72.0  # points → display pixels
    transform = ax.transData
    bbox = ax.get_window_extent()
    centres = {p.rank: tuple(transform.transform((p.potential, p.ease))) for p in top}
    # Obstacles: the centres of all labelled bubbles (a label must not hide one).
    obstacles: list[tuple[float, float, float, float]] = [
        (x - 3 * scale, y - 3 * scale, x + 3 * scale, y + 3 * scale) for x, y in centres.values()
    ]
    for point in top:
        x, y = centres[point.rank]
        text = str(point.rank)
        width = (7.0 * len(text) + 8.0) * scale
        height = 15.0 * scale
        radius = _radius_pt(point, largest) * scale
        chosen: tuple[float, float] | None = None
        for distance in (radius + 9 * scale, radius + 22 * scale, radius + 38 * scale):
            for angle in (45, 135, -45, -135, 90, -90, 0, 180, 22, 158, -22, -158):
                dx = math.cos(math.radians(angle)) * distance
                dy = math.sin(math.radians(angle)) * distance
                box = (
                    x + dx - width / 2,
                    y + dy - height / 2,
                    x + dx + width / 2,
                    y + dy + height / 2,
                )
                inside = (
                    bbox.x0 <= box[0]
                    and box[2] <= bbox.x1
                    and bbox.y0 <= box[1]
                    and box[3] <= bbox.y1
                )
                if inside and not any(_overlap(box, other) for other in obstacles):
                    chosen = (dx, dy)
                    obstacles.append(box)
                    break
            if chosen:
                break
        if chosen is None:
            chosen = (radius + 9 * scale, radius + 9 * scale)
        ax.annotate(
            text,
            xy=(point.potential, point.ease),
            xytext=(chosen[0] / scale, chosen[1] / scale),
            textcoords="offset points",
            ha="center",
            va="center",
            fontsize=9.5,
            fontweight="bold",
            color="#111111",
            bbox={
                "boxstyle": "round,pad=0.25",
                "facecolor": "white",
                "edgecolor": "#555555",
                "linewidth": 0.7,
            },
            arrowprops={
                "arrowstyle": "-",
                "color": "#555555",
                "linewidth": 0.7,
                "shrinkA": 0,
                "shrinkB": 2,
            },
            zorder=6,
        )


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _legend(ax: Axes, points: Sequence[ChartPoint], largest: float) -> None:
    """Two rows under the axes: what the colours mean, then what the sizes mean."""
    colours: list[Line2D] = []
    present = {p.quadrant for p in points}
    for quadrant in Quadrant:
        if quadrant in present:
            colours.append(_handle(9.0, QUADRANT_COLOURS[quadrant], quadrant.german))
    if any(p.hours is None for p in points):
        colours.append(
            _handle(
                math.sqrt(UNKNOWN_AREA),
                "none",
                "Stunden unbekannt",
                edge=QUADRANT_COLOURS[Quadrant.NOT_SUITABLE],
                width=1.4,
            )
        )
    sizes = [
        _handle(math.sqrt(_area_exact(hours, largest)), "#c8c8c8", f"{number(hours)} Std./Jahr")
        for hours in _reference_hours(largest)
    ]
    common = {"frameon": False, "fontsize": 9.5, "borderaxespad": 0.0, "handletextpad": 0.6}
    if colours:
        first = ax.legend(
            handles=colours,
            loc="upper center",
            bbox_to_anchor=(0.5, -0.085),
            ncol=len(colours),
            columnspacing=1.8,
            **common,
        )
        ax.add_artist(first)
    if sizes:
        ax.legend(
            handles=sizes,
            loc="upper center",
            bbox_to_anchor=(0.5, -0.14),
            ncol=len(sizes),
            title="Kreisfläche = eingesparte Stunden pro Jahr",
            title_fontsize=9.5,
            handlelength=3.6,
            handleheight=3.0,
            columnspacing=2.4,
            **common,
        )


def _handle(
    size: float, face: str, label: str, *, edge: str = "#333333", width: float = 0.6
) -> Line2D:
    return Line2D(
        [],
        [],
        linestyle="none",
        marker="o",
        markersize=size,
        markerfacecolor=face,
        markeredgecolor=edge,
        markeredgewidth=width,
        label=label,
    )


def _area_exact(hours: float, largest: float) -> float:
    if largest <= 0:
        return MIN_AREA
    return MIN_AREA + (MAX_AREA - MIN_AREA) * min(1.0, hours / largest)


def _reference_hours(largest: float) -> list[float]:
    """Two or three round numbers (1-2-5 steps) to read bubble sizes against."""
    if largest <= 0:
        return []
    magnitude = 10 ** math.floor(math.log10(largest))
    top = max(m * magnitude for m in (1, 2, 5) if m * magnitude <= largest)
    candidates = [top, top / 4, top / 20]
    result: list[float] = []
    for value in candidates:
        rounded = _round_125(value)
        if rounded > 0 and rounded not in result:
            result.append(rounded)
    return result


def _round_125(value: float) -> float:
    if value <= 0:
        return 0.0
    magnitude = 10 ** math.floor(math.log10(value))
    for m in (5, 2, 1):
        if m * magnitude <= value:
            return float(m * magnitude)
    return float(magnitude)


_PROLOGUE = re.compile(r"^.*?(?=<svg\b)", re.DOTALL)
_SIZE = re.compile(r'\s(width|height)="[^"]*"')


def inline_svg(svg: str, title: str, description: str, *, ident: str = "chart") -> str:
    """Strip prologue and DOCTYPE, scope Matplotlib's global style, add title and description.

    ``ident`` keeps the ids of several charts on one page apart.
    """
    svg = _PROLOGUE.sub("", svg, count=1).strip()
    head_end = svg.index(">") + 1
    head = _SIZE.sub("", svg[:head_end], count=2)
    head = head.replace(
        "<svg ",
        f'<svg class="lotse-chart" role="img" aria-labelledby="{ident}-title" aria-describedby="{ident}-desc" ',
        1,
    )
    body = svg[head_end:]
    # Matplotlib writes "*{stroke-linejoin: round; …}"; inline, that would reach every SVG on the page.
    body = body.replace('<style type="text/css">*{', '<style type="text/css">.lotse-chart *{', 1)
    return (
        f'{head}<title id="{ident}-title">{escape(title)}</title>'
        f'<desc id="{ident}-desc">{escape(description)}</desc>{body}'
    )
