"""The self-contained HTML report: inline CSS, inline SVG, no scripts, no external files."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from bpmn import Definitions, LegendEntry, draw, read_bpmn
from common import german
from processes.ledger import RobotSummary
from processes.report.actuals_chart import actuals_svg
from processes.report.chart import ChartPoint, Thresholds, portfolio_svg
from processes.report.data import ProcessRow, Summary
from processes.report.style import QUADRANT_BACKGROUNDS, QUADRANT_COLOURS
from processes.scoring.model import ScoringModel
from processes.scoring.results import CATEGORY_COLOURS, Category, Quadrant

TEMPLATES = Path(__file__).with_name("templates")
TITLE = "Automatisierungskandidaten – Prozesskatalog"
LEGEND = [LegendEntry(CATEGORY_COLOURS[c], c.german) for c in Category]


@dataclass(frozen=True, slots=True)
class Drawing:
    svg: Markup | None  # None: drawing failed, see ``problem``
    problem: str = ""
    width: float | None = None  # natural width in px, to limit how far the page shrinks it


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        num=german.num,
        score=german.score,
        pct=german.pct,
        signed=german.signed,
        yes_no=german.yes_no,
    )
    return env


def render_html(
    rows: Sequence[ProcessRow],
    summary: Summary,
    *,
    model: ScoringModel,
    generated_at: datetime,
    drawings_limit: int,
    sources: Mapping[str, bytes],
) -> str:
    """``sources`` holds the BPMN files (by content hash) of the rows to be drawn."""
    drawn = list(rows[: max(0, drawings_limit)])
    drawings = draw_processes(drawn, sources)
    thresholds = Thresholds(
        potential=model.quadrant.potential,
        ease=model.quadrant.ease,
        not_suitable_below=model.quadrant.not_suitable_below,
    )
    points = [
        ChartPoint(r.rank, r.potential, r.ease, r.hours_saved, r.quadrant)
        for r in rows
        if r.quadrant is not None and r.potential is not None and r.ease is not None
    ]
    chart_title = "Automatisierungspotenzial und Umsetzbarkeit aller bewerteten Prozesse"
    chart_description = _chart_description(points, thresholds)
    chart = (
        Markup(portfolio_svg(points, thresholds, title=chart_title, description=chart_description))
        if points
        else None
    )
    robots = [(row, robot) for row in rows for robot in row.robots]
    robot_charts, robot_chart_descriptions = _robot_charts(robots)
    template = environment().get_template("report.html.j2")
    return template.render(
        title=TITLE,
        rows=rows,
        summary=summary,
        model=model,
        generated=german.date_time(generated_at),
        generated_iso=german.local_time(generated_at).isoformat(timespec="minutes"),
        chart=chart,
        chart_title=chart_title,
        chart_description=chart_description,
        thresholds=thresholds,
        drawings=drawings,
        drawings_limit=max(0, drawings_limit),
        quadrants=list(Quadrant),
        quadrant_backgrounds={q.value: QUADRANT_BACKGROUNDS[q] for q in Quadrant},
        quadrant_colours={q.value: QUADRANT_COLOURS[q] for q in Quadrant},
        categories=list(Category),
        category_colours={c.value: CATEGORY_COLOURS[c] for c in Category},
        hours_formula=hours_formula,
        robots=robots,
        robots_estimated=sum(r.actuals.estimated_hours_year or 0.0 for _, r in robots),
        robot_charts=robot_charts,
        robot_chart_descriptions=robot_chart_descriptions,
        robot_tasks=robot_tasks,
        month_name=month_name,
    )


def _robot_charts(
    robots: Sequence[tuple[ProcessRow, RobotSummary]],
) -> tuple[dict[str, Markup], dict[str, str]]:
    """Estimate against actual over the months, for each robot that has run."""
    charts: dict[str, Markup] = {}
    descriptions: dict[str, str] = {}
    for row, robot in robots:
        a = robot.actuals
        if not a.months:
            continue
        description = (
            f"Zwei Diagramme für den Roboter „{robot.deployment}“ im Prozess „{row.name}“, je "
            f"Monat von {month_name(a.months[0].period)} bis {month_name(a.months[-1].period)}. "
            "Links die tatsächlich eingesparten Stunden als Balken"
            + (
                f", die geschätzten {german.num(a.months[0].estimated_hours)} Stunden je Monat "
                "als gestrichelte Linie"
                if a.months[0].estimated_hours is not None
                else ""
            )
            + "; rechts der Anteil der Fälle, die der Roboter ohne Menschen erledigt hat"
            + (
                f", gestrichelt der geschätzte Anteil von {german.pct(a.linked.estimated_share)}"
                if a.linked.estimated_share is not None
                else ""
            )
            + ". Die Zahlen stehen auch in der Tabelle darunter."
        )
        charts[robot.deployment] = Markup(
            actuals_svg(
                a.months,
                a.linked.estimated_share,
                ident=f"ist-{robot.deployment}",
                title=f"Geschätzt und tatsächlich: {robot.deployment}",
                description=description,
            )
        )
        descriptions[robot.deployment] = description
    return charts, descriptions


def robot_tasks(robot: RobotSummary) -> str:
    """Which tasks the robot takes over, in one German sentence."""
    if not robot.task_ids:
        return "Der Roboter übernimmt den ganzen Prozess."
    names = [f"„{robot.task_names.get(t, t)}“" for t in robot.task_ids]
    missing = robot.actuals.linked.missing_task_ids
    text = "Der Roboter übernimmt " + ", ".join(names) + "."
    if missing:
        text += f" Davon fehlen in der aktuellen Version: {', '.join(missing)}."
    return text


def month_name(period: str) -> str:
    """'2026-11' → 'November 2026'."""
    year, month = (int(x) for x in period.split("-"))
    return f"{german.MONTHS[month - 1]} {year}"


def _chart_description(points: Sequence[ChartPoint], t: Thresholds) -> str:
    counts = {q: sum(1 for p in points if p.quadrant is q) for q in Quadrant}
    parts = ", ".join(f"{q.german}: {counts[q]}" for q in Quadrant)
    unknown = sum(1 for p in points if p.hours is None)
    text = (
        f"Streudiagramm mit {len(points)} Prozessen. Waagerecht das Automatisierungspotenzial, "
        f"senkrecht die Umsetzbarkeit, jeweils von 0 bis 100. Gestrichelte Linien bei Potenzial "
        f"{german.num(t.potential)} und Umsetzbarkeit {german.num(t.ease)} teilen das Feld in vier "
        f"Quadranten; unter Potenzial {german.num(t.not_suitable_below)} (grau hinterlegt) gilt "
        f"ein Prozess als nicht geeignet. Die Kreisfläche zeigt die eingesparten Stunden pro Jahr, "
        f"die Farbe den Quadranten, die Zahlen an den Kreisen den Rang. Prozesse je Einordnung – {parts}."
    )
    if unknown:
        text += f" {unknown} Prozesse ohne Stundenangabe sind als kleine leere Kreise gezeichnet."
    return text


def hours_formula(row: ProcessRow) -> str:
    """How the hours were computed, with the numbers where the facts are known."""
    share = row.automatable_share
    if row.cases_per_month is not None and row.minutes_per_case is not None and share is not None:
        text = (
            f"{german.num(row.cases_per_month, _decimals(row.cases_per_month))} Fälle pro Monat × 12 Monate × "
            f"{german.num(row.minutes_per_case, _decimals(row.minutes_per_case))} Minuten pro Fall × "
            f"{german.pct(share, 1)} automatisierbarer Anteil ÷ 60 Minuten"
        )
        if row.hours_saved is not None:
            text += f" = {german.num(row.hours_saved, 1)} Stunden pro Jahr"
        return text
    return (
        "Fälle pro Monat × 12 Monate × Minuten pro Fall × automatisierbarer Anteil "
        f"({german.pct(share, 1)}) ÷ 60 Minuten"
    )


def _decimals(value: float) -> int:
    return 0 if float(value).is_integer() else 1


def draw_processes(rows: Sequence[ProcessRow], sources: Mapping[str, bytes]) -> dict[int, Drawing]:
    """The coloured drawing of each row's current version, by rank; each file is read once."""
    read: dict[str, Definitions | Exception] = {}
    drawings: dict[int, Drawing] = {}
    for row in rows:
        source = sources.get(row.source_sha256)
        if source is None:
            drawings[row.rank] = Drawing(None, "Zu diesem Prozess ist keine Datei gespeichert.")
            continue
        defs = read.get(row.source_sha256)
        if defs is None:
            try:
                defs = read_bpmn(source)
            except Exception as exc:  # a stored file that no longer reads: say so, go on
                defs = exc
            read[row.source_sha256] = defs
        if isinstance(defs, Exception):
            drawings[row.rank] = Drawing(None, f"Die gespeicherte Datei ist nicht lesbar: {defs}")
            continue
        colours = {t.element_id: CATEGORY_COLOURS[t.category] for t in row.tasks}
        try:
            drawn = draw(
                defs,
                process_id=row.bpmn_id,
                element_ids=colours,
                colors=colours,
                legend=LEGEND,
                title=f"Ablaufdiagramm „{row.name}“, Version {row.version}: Aufgaben nach Eignung für einen Software-Roboter eingefärbt",
                id_prefix=f"p{row.rank}",
            )
        except Exception as exc:  # drawing is best effort; the rest of the report stands
            drawings[row.rank] = Drawing(None, f"Die Zeichnung konnte nicht erstellt werden: {exc}")
            continue
        # draw escapes every text it writes: its output is trusted markup.
        drawings[row.rank] = Drawing(Markup(drawn.svg), width=drawn.width)
    return drawings
