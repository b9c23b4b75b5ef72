"""Draw a BPMN diagram as a standalone SVG document.

The drawing follows the diagram interchange (DI) the modelling tool wrote,
so it looks like the pilot's own diagram. Files without DI are laid out
automatically (:mod:`bpmn.layout`). Elements can be filled with colours (to
show automation potential) and the drawing can carry a legend. Every element
is a ``<g>`` with ``data-element-id`` and a ``<title>`` so that pages can link
and explain it, and screen readers have a text for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from xml.sax.saxutils import escape, quoteattr

from bpmn.layout import auto_layout
from bpmn.model import (
    EVENT_KINDS,
    GATEWAY_KINDS,
    SUBPROCESS_KINDS,
    Activity,
    Artifact,
    Bounds,
    DataElement,
    Definitions,
    Diagram,
    Edge,
    Element,
    Event,
    Participant,
    Point,
    SequenceFlow,
    Shape,
    SubProcess,
)
from bpmn.names import EVENT_DEFINITION_GERMAN, describe
from bpmn.svg_symbols import (
    STROKE,
    activity_markers,
    event_marker,
    gateway_marker,
    task_icon,
)

# Arial metrics (Liberation Sans on Linux) are what the width estimate below assumes.
FONT = "Arial, 'Liberation Sans', Helvetica, sans-serif"
FONT_SIZE = 12.0
LINE_HEIGHT = 14.0
MARGIN = 20.0
LEGEND_ROW = 26.0


@dataclass(frozen=True, slots=True)
class LegendEntry:
    color: str
    label: str


@dataclass(frozen=True, slots=True)
class Drawing:
    """One diagram drawn: trusted SVG markup (every text in it is escaped) and its size in px."""

    svg: str
    width: float
    height: float


def draw(
    defs: Definitions,
    *,
    process_id: str | None = None,
    element_ids: Iterable[str] = (),
    diagram: int | None = None,
    colors: Mapping[str, str] | None = None,
    legend: Sequence[LegendEntry] = (),
    title: str | None = None,
    id_prefix: str = "bpmn",
) -> Drawing:
    """Draw the diagram that shows the process ``process_id`` (the one drawing path).

    A file may hold several diagrams; the process's own is the first that shows
    the process, its pool, one of its flow nodes or one of ``element_ids``.
    ``diagram`` (an index) picks one by number instead, as ``lotse bpmn draw
    --diagram`` does. ``colors`` maps element ids to fill colours; ``id_prefix``
    keeps the ids of several drawings on one HTML page apart.
    """
    if diagram is None:
        diagram = diagram_of(defs, process_id, element_ids) if process_id else 0
    chosen = _choose_diagram(defs, diagram)
    return _Painter(defs, chosen, colors or {}, id_prefix).render(legend, title)


def draw_svg(
    defs: Definitions,
    *,
    diagram: int = 0,
    colors: Mapping[str, str] | None = None,
    legend: Sequence[LegendEntry] = (),
    title: str | None = None,
    id_prefix: str = "bpmn",
) -> str:
    """One diagram of the document (the first by default) as SVG text; see :func:`draw`."""
    return draw(
        defs, diagram=diagram, colors=colors, legend=legend, title=title, id_prefix=id_prefix
    ).svg


def diagram_count(defs: Definitions) -> int:
    return sum(1 for d in defs.diagrams if d.shapes)


def diagram_of(defs: Definitions, process_id: str | None, element_ids: Iterable[str] = ()) -> int:
    """Index of the first drawable diagram that shows this process; 0 when none does.

    ``process_id`` may name a process or a collaboration (a catalogue entry of
    several pools): its diagram is the one whose plane is it, or that shows one
    of its pools, their flow nodes, or ``element_ids``.
    """
    wanted = set(element_ids)
    drawable = [d for d in defs.diagrams if d.shapes]
    if process_id:
        for index, candidate in enumerate(drawable):
            if candidate.plane_element == process_id:
                return index
        processes = {process_id}
        for collaboration in defs.collaborations:
            if collaboration.id == process_id:
                processes |= {p.process_ref for p in collaboration.participants if p.process_ref}
        wanted |= processes
        wanted |= {p.id for p in defs.participants() if p.process_ref in processes}
        for process in defs.processes:
            if process.id in processes:
                wanted |= {node.id for node in process.content.walk_nodes()}
    for index, candidate in enumerate(drawable):
        if any(shape.element_id in wanted for shape in candidate.shapes):
            return index
    return 0


def _choose_diagram(defs: Definitions, index: int) -> Diagram:
    drawable = [d for d in defs.diagrams if d.shapes]
    if not drawable:
        return auto_layout(defs)
    if not 0 <= index < len(drawable):
        raise IndexError(
            f"Die Datei hat {len(drawable)} Diagramm(e); Diagramm {index + 1} gibt es nicht."
        )
    return drawable[index]


# -- text ---------------------------------------------------------------------

_WIDE = set("MWmw@%")
_NARROW = set("iljtfrI.,;:!|'()[] ")


def _text_width(text: str, size: float = FONT_SIZE) -> float:
    """An estimate of rendered width; good enough to wrap labels like bpmn.io does."""
    units = 0.0
    for char in text:
        if char in _WIDE:
            units += 0.85
        elif char in _NARROW:
            units += 0.3
        elif char.isupper():
            units += 0.68
        else:
            units += 0.54
    return units * size


def _wrap(text: str, width: float, max_lines: int, size: float = FONT_SIZE) -> list[str]:
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        current = ""
        for word in paragraph.split():
            while _text_width(word, size) > width and len(word) > 1:
                # a word longer than the box: break it (German compounds)
                cut = max(1, int(len(word) * width / _text_width(word, size)) - 1)
                if current:
                    lines.append(current)
                    current = ""
                lines.append(word[:cut] + "-")
                word = word[cut:]
            candidate = f"{current} {word}".strip()
            if _text_width(candidate, size) <= width or not current:
                current = candidate
            else:
                lines.append(current)
                current = word
        if current:
            lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1].rstrip("-") + "…"
    return lines


def _text(
    text: str,
    cx: float,
    top: float,
    width: float,
    height: float | None = None,
    *,
    valign: str = "middle",
    anchor: str = "middle",
    size: float = FONT_SIZE,
    css: str = "",
) -> str:
    if not text.strip():
        return ""
    max_lines = max(1, int((height or 10_000) // LINE_HEIGHT))
    lines = _wrap(text, max(width, 20.0), max_lines, size)
    block = len(lines) * LINE_HEIGHT
    if valign == "middle" and height is not None:
        first = top + (height - block) / 2 + LINE_HEIGHT * 0.78
    else:
        first = top + LINE_HEIGHT * 0.78
    spans = "".join(
        f'<tspan x="{_f(cx)}" y="{_f(first + i * LINE_HEIGHT)}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    extra = f' class="{css}"' if css else ""
    return f'<text text-anchor="{anchor}" font-size="{_f(size)}"{extra}>{spans}</text>'


def _f(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


_COLOR = re.compile(r"^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,20}|rgba?\([0-9., %]+\))$")


def _safe_color(color: str | None, default: str) -> str:
    """Colours end up in attributes: accept only plain colour syntax."""
    return color if color and _COLOR.match(color) else default


# -- painting -----------------------------------------------------------------


class _Painter:
    def __init__(
        self, defs: Definitions, diagram: Diagram, colors: Mapping[str, str], prefix: str
    ) -> None:
        self.defs = defs
        self.diagram = diagram
        self.colors = colors
        self.prefix = re.sub(r"[^A-Za-z0-9_-]", "-", prefix) or "bpmn"
        self.drawn = {s.element_id for s in diagram.shapes}
        self.shapes_by_element = {s.element_id: s for s in diagram.shapes}

    # layers, back to front
    def render(self, legend: Sequence[LegendEntry], title: str | None) -> Drawing:
        layers: dict[int, list[str]] = {i: [] for i in range(7)}
        for shape in self.diagram.shapes:
            element = self.defs.index.get(shape.element_id)
            if element is None:
                continue
            layer, markup = self._shape(shape, element)
            layers[layer].append(markup)
        for edge in self.diagram.edges:
            element = self.defs.index.get(edge.element_id)
            if element is None or len(edge.waypoints) < 2:
                continue
            layer = 5 if element.kind == "messageFlow" else 3
            layers[layer].append(self._edge(edge, element))

        box = self._extent()
        legend_height = LEGEND_ROW + 10 if legend else 0.0
        x0, y0 = box.x - MARGIN, box.y - MARGIN
        width = box.width + 2 * MARGIN
        height = box.height + 2 * MARGIN + legend_height
        heading = title or self._title()
        parts = [
            '<svg xmlns="http://www.w3.org/2000/svg" version="1.1" '
            f'viewBox="{_f(x0)} {_f(y0)} {_f(width)} {_f(height)}" '
            f'width="{_f(width)}" height="{_f(height)}" role="img" '
            f'aria-labelledby="{self.prefix}-title" '
            f'font-family="{FONT}" font-size="{_f(FONT_SIZE)}" class="bpmn-drawing">',
            f'<title id="{self.prefix}-title">{escape(heading)}</title>',
            self._defs(),
            f'<rect x="{_f(x0)}" y="{_f(y0)}" width="{_f(width)}" height="{_f(height)}" fill="white"/>',
        ]
        for layer in range(7):
            parts.extend(layers[layer])
        if legend:
            parts.append(self._legend(legend, x0 + MARGIN, y0 + height - legend_height))
        parts.append("</svg>")
        return Drawing("\n".join(parts), width, height)

    def _title(self) -> str:
        names = [p.label for p in self.defs.processes if p.label]
        names += [p.label for p in self.defs.participants() if p.label and p.label not in names]
        return "BPMN-Diagramm: " + (", ".join(names) if names else self.defs.id or "ohne Namen")

    def _extent(self) -> Bounds:
        xs: list[float] = []
        ys: list[float] = []
        for shape in self.diagram.shapes:
            if shape.element_id not in self.defs.index:
                continue
            for b in (shape.bounds, shape.label):
                if b is not None:
                    xs += [b.x, b.right]
                    ys += [b.y, b.bottom]
            if shape.label is None and self._has_outside_label(shape):
                xs += [shape.bounds.x - 30, shape.bounds.right + 30]
                ys.append(shape.bounds.bottom + 40)
            element = self.defs.index[shape.element_id]
            if isinstance(element, Artifact) and element.kind == "textAnnotation":
                ys.append(self._annotation_bottom(shape, element))
        for edge in self.diagram.edges:
            for p in edge.waypoints:
                xs.append(p.x)
                ys.append(p.y)
            if edge.label is not None:
                xs += [edge.label.x, edge.label.right]
                ys += [edge.label.y, edge.label.bottom]
        if not xs:
            return Bounds(0, 0, 200, 100)
        return Bounds(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))

    def _has_outside_label(self, shape: Shape) -> bool:
        element = self.defs.index.get(shape.element_id)
        return element is not None and (
            element.kind in EVENT_KINDS
            or element.kind in GATEWAY_KINDS
            or element.kind in ("dataObjectReference", "dataStoreReference", "dataObject")
        )

    def _defs(self) -> str:
        p = self.prefix
        return (
            "<defs>"
            f'<marker id="{p}-arrow" viewBox="0 0 20 20" refX="11" refY="10" markerWidth="10" '
            'markerHeight="10" orient="auto"><path d="M1,5 L11,10 L1,15 Z" fill="#222" '
            'stroke="#222" stroke-width="1"/></marker>'
            f'<marker id="{p}-open-arrow" viewBox="0 0 20 20" refX="11" refY="10" markerWidth="10" '
            'markerHeight="10" orient="auto"><path d="M1,5 L11,10 L1,15 Z" fill="white" '
            'stroke="#222" stroke-width="1.2"/></marker>'
            f'<marker id="{p}-line-arrow" viewBox="0 0 20 20" refX="11" refY="10" markerWidth="10" '
            'markerHeight="10" orient="auto"><path d="M1,4 L11,10 L1,16" fill="none" '
            'stroke="#222" stroke-width="1.3"/></marker>'
            f'<marker id="{p}-circle" viewBox="0 0 20 20" refX="6" refY="6" markerWidth="20" '
            'markerHeight="20" orient="auto"><circle cx="6" cy="6" r="3.5" fill="white" '
            'stroke="#222" stroke-width="1"/></marker>'
            f'<marker id="{p}-default" viewBox="0 0 20 20" refX="-2" refY="10" markerWidth="10" '
            'markerHeight="10" orient="auto"><path d="M3,3 L9,17" stroke="#222" '
            'stroke-width="2"/></marker>'
            f'<marker id="{p}-conditional" viewBox="0 0 20 20" refX="-1" refY="10" markerWidth="10" '
            'markerHeight="10" orient="auto"><path d="M0,10 L8,5 L16,10 L8,15 Z" fill="white" '
            'stroke="#222" stroke-width="1"/></marker>'
            "</defs>"
        )

    def _group(
        self, element: Element, body: str, extra_class: str = "", tooltip: str | None = None
    ) -> str:
        css = f"bpmn-el bpmn-{element.kind}" + (f" {extra_class}" if extra_class else "")
        tooltip = tooltip or describe(element)
        if isinstance(element, Event) and element.definitions:
            kinds = ", ".join(EVENT_DEFINITION_GERMAN.get(d, d) for d in element.definitions)
            tooltip += f" ({kinds})"
        return (
            f'<g class="{css}" data-element-id={quoteattr(element.id)}>'
            f"<title>{escape(tooltip)}</title>{body}</g>"
        )

    def _fill(self, element: Element, default: str = "white") -> str:
        return _safe_color(self.colors.get(element.id), default)

    # -- shapes ------------------------------------------------------------

    def _shape(self, shape: Shape, element: Element) -> tuple[int, str]:
        b = shape.bounds
        kind = element.kind
        if isinstance(element, Participant):
            return 0, self._pool(shape, element)
        if kind == "lane":
            return 1, self._lane(shape, element)
        if isinstance(element, SubProcess) and self._expanded(shape, element):
            return 2, self._expanded_subprocess(shape, element)
        if isinstance(element, Activity):
            return 4, self._activity(shape, element)
        if isinstance(element, Event):
            return (6 if kind == "boundaryEvent" else 4), self._event(shape, element)
        if kind in GATEWAY_KINDS:
            return 4, self._gateway(shape, element)
        if isinstance(element, DataElement):
            return 4, self._data(shape, element)
        if isinstance(element, Artifact):
            if kind == "group":
                return 6, self._group(
                    element,
                    f'<rect x="{_f(b.x)}" y="{_f(b.y)}" width="{_f(b.width)}" height="{_f(b.height)}" '
                    'rx="10" fill="none" stroke="#222" stroke-width="1.2" stroke-dasharray="8 3 1 3"/>'
                    + _text(element.label, b.x + b.width / 2, b.y + 4, b.width - 10),
                )
            return 4, self._annotation(shape, element)
        return 4, ""

    def _expanded(self, shape: Shape, sub: SubProcess) -> bool:
        if shape.is_expanded is not None:
            return shape.is_expanded
        return any(node.id in self.drawn for node in sub.content.nodes)

    def _pool(self, shape: Shape, pool: Participant) -> str:
        b = shape.bounds
        horizontal = shape.is_horizontal if shape.is_horizontal is not None else b.width >= b.height
        body = [
            f'<rect x="{_f(b.x)}" y="{_f(b.y)}" width="{_f(b.width)}" height="{_f(b.height)}" '
            f'fill="{self._fill(pool)}" stroke="{STROKE}" stroke-width="1.5"/>'
        ]
        if pool.process_ref is None:  # a black-box pool: the name in the middle
            body.append(_text(pool.label, b.x + b.width / 2, b.y, b.width - 20, b.height))
        elif horizontal:
            body.append(
                f'<path d="M{_f(b.x + 30)},{_f(b.y)} V{_f(b.bottom)}" stroke="{STROKE}" stroke-width="1.5"/>'
            )
            body.append(self._vertical_label(pool.label, b.x, b.y, b.height))
        else:
            body.append(
                f'<path d="M{_f(b.x)},{_f(b.y + 30)} H{_f(b.right)}" stroke="{STROKE}" stroke-width="1.5"/>'
            )
            body.append(_text(pool.label, b.x + b.width / 2, b.y, b.width - 10, 30))
        return self._group(pool, "".join(body))

    def _lane(self, shape: Shape, lane: Element) -> str:
        b = shape.bounds
        horizontal = shape.is_horizontal if shape.is_horizontal is not None else b.width >= b.height
        body = [
            f'<rect x="{_f(b.x)}" y="{_f(b.y)}" width="{_f(b.width)}" height="{_f(b.height)}" '
            f'fill="{self._fill(lane, "none")}" stroke="{STROKE}" stroke-width="1"/>'
        ]
        if horizontal:
            body.append(
                f'<path d="M{_f(b.x + 30)},{_f(b.y)} V{_f(b.bottom)}" stroke="{STROKE}" stroke-width="1"/>'
            )
            body.append(self._vertical_label(lane.label, b.x, b.y, b.height))
        else:
            body.append(_text(lane.label, b.x + b.width / 2, b.y, b.width - 10, 30))
        return self._group(lane, "".join(body))

    def _vertical_label(self, text: str, x: float, y: float, height: float) -> str:
        if not text:
            return ""
        cx, cy = x + 15, y + height / 2
        inner = _text(text, 0, -LINE_HEIGHT, height - 10, 2 * LINE_HEIGHT)
        return f'<g transform="translate({_f(cx)},{_f(cy)}) rotate(-90)">{inner}</g>'

    def _expanded_subprocess(self, shape: Shape, sub: SubProcess) -> str:
        b = shape.bounds
        dash = ' stroke-dasharray="3 3"' if sub.triggered_by_event else ""
        fill = self._fill(sub)
        opacity = ' fill-opacity="0.35"' if fill != "white" else ""
        body = [
            f'<rect x="{_f(b.x)}" y="{_f(b.y)}" width="{_f(b.width)}" height="{_f(b.height)}" rx="10" '
            f'fill="{fill}"{opacity} stroke="{STROKE}" stroke-width="1.5"{dash}/>'
        ]
        if sub.kind == "transaction":
            body.append(
                f'<rect x="{_f(b.x + 3)}" y="{_f(b.y + 3)}" width="{_f(b.width - 6)}" '
                f'height="{_f(b.height - 6)}" rx="8" fill="none" stroke="{STROKE}" stroke-width="1"/>'
            )
        body.append(
            _text(
                sub.label,
                b.x + 8,
                b.y + 4,
                b.width - 16,
                2 * LINE_HEIGHT,
                anchor="start",
                valign="top",
            )
        )
        body.append(
            activity_markers(
                b.x + b.width / 2,
                b.bottom,
                loop=sub.loop,
                collapsed=False,
                ad_hoc=sub.kind == "adHocSubProcess",
                compensation=sub.is_for_compensation,
            )
        )
        return self._group(sub, "".join(body))

    def _activity(self, shape: Shape, act: Activity) -> str:
        b = shape.bounds
        width = 4.0 if act.kind == "callActivity" else 2.0
        dash = ""
        if isinstance(act, SubProcess) and act.triggered_by_event:
            dash = ' stroke-dasharray="3 3"'
        body = [
            f'<rect x="{_f(b.x)}" y="{_f(b.y)}" width="{_f(b.width)}" height="{_f(b.height)}" '
            f'rx="10" fill="{self._fill(act)}" stroke="{STROKE}" stroke-width="{_f(width)}"{dash}/>'
        ]
        if act.kind == "transaction":
            body.append(
                f'<rect x="{_f(b.x + 3)}" y="{_f(b.y + 3)}" width="{_f(b.width - 6)}" '
                f'height="{_f(b.height - 6)}" rx="8" fill="none" stroke="{STROKE}" stroke-width="1"/>'
            )
        body.append(task_icon(act.kind, b.x, b.y))
        icon_room = (
            12
            if act.kind not in ("task", "callActivity") and act.kind not in SUBPROCESS_KINDS
            else 0
        )
        markers_room = (
            16 if (act.loop or act.kind in SUBPROCESS_KINDS or act.is_for_compensation) else 0
        )
        body.append(
            _text(
                act.label,
                b.x + b.width / 2,
                b.y + 4 + icon_room,
                b.width - 10,
                b.height - 8 - icon_room - markers_room,
            )
        )
        body.append(
            activity_markers(
                b.x + b.width / 2,
                b.bottom,
                loop=act.loop,
                collapsed=act.kind in SUBPROCESS_KINDS,
                ad_hoc=act.kind == "adHocSubProcess",
                compensation=act.is_for_compensation,
            )
        )
        return self._group(act, "".join(body))

    def _event(self, shape: Shape, event: Event) -> str:
        b = shape.bounds
        cx, cy = b.x + b.width / 2, b.y + b.height / 2
        r = min(b.width, b.height) / 2
        kind = event.kind
        dash = ""
        interrupting = event.cancel_activity if kind == "boundaryEvent" else event.is_interrupting
        if not interrupting:
            dash = ' stroke-dasharray="5 3"'
        fill = self._fill(event)
        if kind == "endEvent":
            body = f'<circle cx="{_f(cx)}" cy="{_f(cy)}" r="{_f(r)}" fill="{fill}" stroke="{STROKE}" stroke-width="4"/>'
        elif kind == "startEvent":
            body = f'<circle cx="{_f(cx)}" cy="{_f(cy)}" r="{_f(r)}" fill="{fill}" stroke="{STROKE}" stroke-width="2"{dash}/>'
        else:
            body = (
                f'<circle cx="{_f(cx)}" cy="{_f(cy)}" r="{_f(r)}" fill="{fill}" stroke="{STROKE}" stroke-width="1.5"{dash}/>'
                f'<circle cx="{_f(cx)}" cy="{_f(cy)}" r="{_f(max(r - 3, 1))}" fill="none" stroke="{STROKE}" '
                f'stroke-width="1.5"{dash}/>'
            )
        throwing = kind in ("endEvent", "intermediateThrowEvent", "implicitThrowEvent")
        definitions = event.definitions
        if len(definitions) > 1:
            definitions = ["multiple"]
        for definition in definitions:
            body += event_marker(definition, cx, cy, throwing=throwing)
        body += self._outside_label(shape, event)
        return self._group(event, body)

    def _gateway(self, shape: Shape, gateway: Element) -> str:
        b = shape.bounds
        cx, cy = b.x + b.width / 2, b.y + b.height / 2
        points = (
            f"{_f(cx)},{_f(b.y)} {_f(b.right)},{_f(cy)} {_f(cx)},{_f(b.bottom)} {_f(b.x)},{_f(cy)}"
        )
        body = (
            f'<polygon points="{points}" fill="{self._fill(gateway)}" stroke="{STROKE}" stroke-width="2"/>'
            + gateway_marker(gateway.kind, cx, cy, b.width)
            + self._outside_label(shape, gateway)
        )
        return self._group(gateway, body)

    def _data(self, shape: Shape, data: DataElement) -> str:
        b = shape.bounds
        fill = self._fill(data)
        if data.kind == "dataStoreReference":
            e = min(10.0, b.height / 5)
            body = (
                f'<path d="M{_f(b.x)},{_f(b.y + e)} A{_f(b.width / 2)},{_f(e)} 0 0,1 {_f(b.right)},{_f(b.y + e)} '
                f'V{_f(b.bottom - e)} A{_f(b.width / 2)},{_f(e)} 0 0,1 {_f(b.x)},{_f(b.bottom - e)} Z" '
                f'fill="{fill}" stroke="{STROKE}" stroke-width="2"/>'
                f'<path d="M{_f(b.x)},{_f(b.y + e)} A{_f(b.width / 2)},{_f(e)} 0 0,0 {_f(b.right)},{_f(b.y + e)}" '
                f'fill="none" stroke="{STROKE}" stroke-width="2"/>'
            )
        else:
            fold = min(12.0, b.width / 3)
            body = (
                f'<path d="M{_f(b.x)},{_f(b.y)} H{_f(b.right - fold)} L{_f(b.right)},{_f(b.y + fold)} '
                f'V{_f(b.bottom)} H{_f(b.x)} Z" fill="{fill}" stroke="{STROKE}" stroke-width="1.5"/>'
                f'<path d="M{_f(b.right - fold)},{_f(b.y)} V{_f(b.y + fold)} H{_f(b.right)}" fill="none" '
                f'stroke="{STROKE}" stroke-width="1.5"/>'
            )
            collection = data.is_collection
            if not collection and data.ref:
                target = self.defs.index.get(data.ref)
                collection = isinstance(target, DataElement) and target.is_collection
            if collection:
                mx = b.x + b.width / 2
                body += (
                    f'<path d="M{_f(mx - 4)},{_f(b.bottom - 12)} v9 M{_f(mx)},{_f(b.bottom - 12)} v9 '
                    f'M{_f(mx + 4)},{_f(b.bottom - 12)} v9" stroke="{STROKE}" stroke-width="1.8"/>'
                )
        label = data.label
        if not label and data.ref:
            referenced = self.defs.index.get(data.ref)
            label = referenced.label if referenced is not None else ""
        body += self._outside_label(shape, data, label)
        return self._group(data, body)

    def _annotation(self, shape: Shape, note: Artifact) -> str:
        # Never cut: annotations hold the click paths and workarounds the scoring reads,
        # often more than the tool's box shows. Like bpmn.io, the text runs on below the
        # box; the bracket grows with it. The tooltip carries the whole text too.
        b = shape.bounds
        text = note.text or note.label
        bottom = self._annotation_bottom(shape, note)
        body = (
            f'<path d="M{_f(b.x + 12)},{_f(b.y)} H{_f(b.x)} V{_f(bottom)} H{_f(b.x + 12)}" '
            f'fill="none" stroke="{STROKE}" stroke-width="1.2"/>'
            + _text(
                text,
                b.x + 6,
                b.y + 4,
                b.width - 10,
                None,
                anchor="start",
                valign="top",
                css="bpmn-annotation",
            )
        )
        tooltip = f"Anmerkung: {' '.join(text.split())}" if text.strip() else None
        return self._group(note, body, tooltip=tooltip)

    def _annotation_bottom(self, shape: Shape, note: Artifact) -> float:
        """Where the annotation's bracket ends: its box, or lower if the text needs it."""
        b = shape.bounds
        text = note.text or note.label
        lines = len(_wrap(text, max(b.width - 10, 20.0), 10_000)) if text.strip() else 0
        return max(b.bottom, b.y + 4 + lines * LINE_HEIGHT + 4)

    def _outside_label(self, shape: Shape, element: Element, text: str | None = None) -> str:
        text = element.label if text is None else text
        if not text:
            return ""
        if shape.label is not None and shape.label.width > 5:
            # Tools size label boxes for their own fonts; like them, never cut a label short.
            lb = shape.label
            return _text(
                text,
                lb.x + lb.width / 2,
                lb.y,
                max(lb.width, 90),
                4 * LINE_HEIGHT,
                valign="top",
                size=11,
            )
        b = shape.bounds
        return _text(
            text, b.x + b.width / 2, b.bottom + 4, 110, 3 * LINE_HEIGHT, valign="top", size=11
        )

    # -- edges ---------------------------------------------------------------

    def _edge(self, edge: Edge, element: Element) -> str:
        points = edge.waypoints
        d = "M" + " L".join(f"{_f(p.x)},{_f(p.y)}" for p in points)
        p = self.prefix
        attrs = f'fill="none" stroke="{STROKE}" stroke-width="1.5"'
        kind = element.kind
        if kind == "sequenceFlow":
            attrs += f' marker-end="url(#{p}-arrow)"'
            if isinstance(element, SequenceFlow):
                source = self.defs.index.get(element.source)
                if element.is_default:
                    attrs += f' marker-start="url(#{p}-default)"'
                elif element.condition is not None and isinstance(source, Activity):
                    attrs += f' marker-start="url(#{p}-conditional)"'
        elif kind == "messageFlow":
            attrs += (
                f' stroke-dasharray="7 4" marker-start="url(#{p}-circle)" '
                f'marker-end="url(#{p}-open-arrow)"'
            )
        elif kind in ("dataInputAssociation", "dataOutputAssociation"):
            attrs = (
                f'fill="none" stroke="{STROKE}" stroke-width="1.2" stroke-dasharray="2 3" '
                f'marker-end="url(#{p}-line-arrow)"'
            )
        else:  # association
            attrs = f'fill="none" stroke="{STROKE}" stroke-width="1.2" stroke-dasharray="2 3"'
        body = f'<path d="{d}" {attrs}/>'
        label = element.label
        if label and kind in ("sequenceFlow", "messageFlow"):
            body += self._edge_label(edge, label)
        return self._group(element, body, "bpmn-edge")

    def _edge_label(self, edge: Edge, label: str) -> str:
        if edge.label is not None and edge.label.width > 5:
            lb = edge.label
            return _text(
                label,
                lb.x + lb.width / 2,
                lb.y,
                max(lb.width, 90),
                4 * LINE_HEIGHT,
                valign="top",
                size=11,
            )
        at = _midpoint(edge.waypoints)
        return _text(
            label,
            at.x + 4,
            at.y - LINE_HEIGHT - 2,
            90,
            2 * LINE_HEIGHT,
            valign="top",
            anchor="start",
            size=11,
        )

    def _legend(self, legend: Sequence[LegendEntry], x: float, y: float) -> str:
        parts = ['<g class="bpmn-legend">']
        cursor = x
        for entry in legend:
            color = _safe_color(entry.color, "white")
            parts.append(
                f'<rect x="{_f(cursor)}" y="{_f(y + 6)}" width="18" height="14" rx="3" fill="{color}" '
                f'stroke="{STROKE}" stroke-width="1"/>'
                f'<text x="{_f(cursor + 24)}" y="{_f(y + 17)}" font-size="12">{escape(entry.label)}</text>'
            )
            cursor += 24 + _text_width(entry.label) + 24
        parts.append("</g>")
        return "".join(parts)


def _midpoint(points: Sequence[Point]) -> Point:
    """The point halfway along a polyline."""
    lengths = [((b.x - a.x) ** 2 + (b.y - a.y) ** 2) ** 0.5 for a, b in pairwise(points)]
    half = sum(lengths) / 2
    for (a, b), length in zip(pairwise(points), lengths, strict=True):
        if half <= length and length > 0:
            t = half / length
            return Point(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t)
        half -= length
    return points[0]
