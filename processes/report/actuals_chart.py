"""Estimate against actual over time, one chart per robot: hours and share per month.

Left, the hours a robot saved in each month (bars) against a twelfth of the
yearly estimate (dashed line); right, the share of cases it finished without
a person (dots) against the estimated share. Same SVG conventions as the
portfolio chart (:mod:`processes.report.chart`): text stays text, output is
deterministic.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

import matplotlib
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, PercentFormatter

from common.german import MONTHS, num
from processes.actuals import MonthActual
from processes.report.chart import inline_svg

ACTUAL = "#0b6e4f"  # dark green: dark enough for 3:1 against white
ESTIMATE = "#7a4a00"


def month_label(period: str) -> str:
    """'2026-11' → 'Nov.' over '2026' (two lines: a year of months fits side by side)."""
    year, month = (int(x) for x in period.split("-"))
    name = MONTHS[month - 1]
    short = name if len(name) <= 4 else f"{name[:3]}."
    return f"{short}\n{year}"


def actuals_svg(
    months: Sequence[MonthActual],
    estimated_share: float | None,
    *,
    ident: str,
    title: str,
    description: str,
) -> str:
    with matplotlib.rc_context(
        {
            "svg.fonttype": "none",
            "svg.hashsalt": f"lotse-{ident}",
            "font.family": "sans-serif",
            "font.sans-serif": ["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica"],
            "font.size": 10.0,
            "axes.unicode_minus": True,
        }
    ):
        figure = _figure(months, estimated_share)
        buffer = io.StringIO()
        figure.savefig(
            buffer,
            format="svg",
            metadata={"Date": None, "Creator": None, "Format": None, "Type": None},
        )
    return inline_svg(_scoped_ids(buffer.getvalue(), ident), title, description, ident=ident)


_ID = re.compile(r'\bid="([^"]+)"')
_REFERENCE = re.compile(r'(url\(#|href="#)([^)"]+)')


def _scoped_ids(svg: str, ident: str) -> str:
    """Matplotlib numbers its ids per figure (``axes_1`` …): prefix them, one page has many."""
    svg = _ID.sub(lambda m: f'id="{ident}-{m.group(1)}"', svg)
    return _REFERENCE.sub(lambda m: f"{m.group(1)}{ident}-{m.group(2)}", svg)


def _figure(months: Sequence[MonthActual], estimated_share: float | None) -> Figure:
    figure = Figure(figsize=(10.0, 3.6))
    figure.subplots_adjust(left=0.08, right=0.985, top=0.88, bottom=0.27, wspace=0.28)
    hours_ax, share_ax = figure.subplots(1, 2)
    labels = [month_label(m.period) for m in months]
    positions = list(range(len(months)))

    hours_ax.set_title("Eingesparte Stunden je Monat", fontsize=10.5, loc="left")
    actual = [m.hours or 0.0 for m in months]
    hours_ax.bar(positions, actual, color=ACTUAL, width=0.6, label="tatsächlich", zorder=3)
    estimated = [m.estimated_hours for m in months]
    if estimated and all(e is not None for e in estimated):
        hours_ax.plot(
            [-0.5, len(months) - 0.5],
            [estimated[0], estimated[0]],
            color=ESTIMATE,
            linestyle="--",
            linewidth=1.6,
            label=f"geschätzt ({num(estimated[0])} je Monat)",
            zorder=4,
        )
    hours_ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: num(value)))

    share_ax.set_title("Anteil ohne Menschen erledigt", fontsize=10.5, loc="left")
    shares = [(p, m.share) for p, m in zip(positions, months, strict=True) if m.share is not None]
    share_ax.plot(
        [p for p, _ in shares],
        [s * 100 for _, s in shares],
        color=ACTUAL,
        marker="o",
        linewidth=1.6,
        label="tatsächlich",
        zorder=4,
    )
    if estimated_share is not None:
        share_ax.axhline(
            estimated_share * 100,
            color=ESTIMATE,
            linestyle="--",
            linewidth=1.6,
            label="geschätzt",
            zorder=3,
        )
    share_ax.set_ylim(0, 105)
    share_ax.yaxis.set_major_formatter(PercentFormatter(decimals=0, symbol="\u202f%"))

    step = max(1, -(-len(months) // 12))  # at most twelve labels, however long the history
    for ax in (hours_ax, share_ax):
        ax.set_xticks(positions[::step], labels[::step])
        ax.set_xlim(-0.6, max(len(months), 1) - 0.4)
        ax.grid(True, axis="y", color="#e5e5e5", linewidth=0.6, zorder=0)
        ax.set_axisbelow(True)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        ax.legend(
            loc="upper center",
            bbox_to_anchor=(0.5, -0.2),
            ncol=2,
            frameon=False,
            fontsize=9.5,
            borderaxespad=0.0,
        )
    return figure
