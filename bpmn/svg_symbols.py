"""The small pictures inside BPMN shapes: task-type icons, event and gateway markers.

Each function returns SVG markup positioned at the given point. The shapes
follow the BPMN 2.0 specification's notation (chapter 10) closely enough that
a pilot recognises what bpmn.io or Signavio would show.
"""

from __future__ import annotations

STROKE = "#222"
OUTLINE = f'stroke="{STROKE}" stroke-width="1.2"'


def _f(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def task_icon(kind: str, x: float, y: float) -> str:
    """Icon in the upper left corner of a task whose box starts at (x, y)."""
    ox, oy = x + 6, y + 6
    t = f'transform="translate({_f(ox)},{_f(oy)})"'
    line = f'fill="none" {OUTLINE}'
    if kind == "userTask":
        return (
            f'<g {t}><circle cx="8" cy="5" r="3.6" fill="white" stroke="{STROKE}" stroke-width="1.2"/>'
            f'<path d="M1.5,16 C1.5,9.5 14.5,9.5 14.5,16 Z" fill="white" {OUTLINE}/></g>'
        )
    if kind == "serviceTask":
        return (
            f'<g {t}><circle cx="8" cy="8" r="6" fill="none" stroke="{STROKE}" stroke-width="3.2" '
            'stroke-dasharray="2.4 2.31"/><circle cx="8" cy="8" r="4.4" fill="white" '
            f'stroke="{STROKE}" stroke-width="1.2"/><circle cx="8" cy="8" r="1.6" fill="white" '
            f'stroke="{STROKE}" stroke-width="1"/></g>'
        )
    if kind == "sendTask":
        return (
            f'<g {t}><rect x="0" y="2" width="17" height="12" fill="{STROKE}"/>'
            '<path d="M0.5,2.5 L8.5,9 L16.5,2.5" fill="none" stroke="white" stroke-width="1.2"/></g>'
        )
    if kind == "receiveTask":
        return (
            f'<g {t}><rect x="0" y="2" width="17" height="12" {line}/>'
            f'<path d="M0,2 L8.5,9 L17,2" {line}/></g>'
        )
    if kind == "manualTask":
        return (
            f'<g {t}><path d="M1,8 L1,15 L12,15 C14,15 15,13 15,11 L15,7 L12,7 L12,4 L9.5,4 '
            f'L9.5,7 L9.5,2 L7,2 L7,7 L7,3 L4.5,3 L4.5,9 L3,7 Z" fill="white" {OUTLINE}/></g>'
        )
    if kind == "scriptTask":
        return (
            f'<g {t}><path d="M3,1 H14 C11.5,4.5 16,8.5 13,15 H2 C5,8.5 0.5,4.5 3,1 Z" '
            f'fill="white" {OUTLINE}/><path d="M4.5,5 H11 M4.5,8 H12 M4,11 H11" {line}/></g>'
        )
    if kind == "businessRuleTask":
        return (
            f'<g {t}><rect x="0" y="2" width="18" height="13" fill="white" {OUTLINE}/>'
            f'<rect x="0" y="2" width="18" height="3.5" fill="#999" {OUTLINE}/>'
            f'<path d="M0,9.5 H18 M5,5.5 V15" {line}/></g>'
        )
    return ""


def activity_markers(
    cx: float,
    bottom: float,
    *,
    loop: str | None,
    collapsed: bool,
    ad_hoc: bool,
    compensation: bool,
) -> str:
    """Markers centred at the bottom edge of an activity (loop, +, ~, compensation)."""
    markers: list[str] = []
    if loop == "standard":
        markers.append(
            '<path d="M-4.5,3 A5,5 0 1,1 1.5,4.2" fill="none" stroke="#222" stroke-width="1.4"/>'
            '<path d="M-7.5,1.5 L-4.5,3.5 L-2.5,0.5" fill="none" stroke="#222" stroke-width="1.4"/>'
        )
    elif loop == "parallel":
        markers.append('<path d="M-4,-6 V6 M0,-6 V6 M4,-6 V6" stroke="#222" stroke-width="1.8"/>')
    elif loop == "sequential":
        markers.append('<path d="M-6,-4 H6 M-6,0 H6 M-6,4 H6" stroke="#222" stroke-width="1.8"/>')
    if collapsed:
        markers.append(
            '<rect x="-7" y="-7" width="14" height="14" fill="white" stroke="#222" '
            'stroke-width="1.2"/><path d="M-4,0 H4 M0,-4 V4" stroke="#222" stroke-width="1.6"/>'
        )
    if ad_hoc:
        markers.append(
            '<path d="M-7,1 C-4,-4 -1,-4 0,0 C1,4 4,4 7,-1" fill="none" stroke="#222" '
            'stroke-width="1.5"/>'
        )
    if compensation:
        markers.append(_rewind(0, 0, 6, filled=False))
    if not markers:
        return ""
    spacing = 17.0
    start = cx - spacing * (len(markers) - 1) / 2
    return "".join(
        f'<g transform="translate({_f(start + i * spacing)},{_f(bottom - 10)})">{m}</g>'
        for i, m in enumerate(markers)
    )


def _rewind(cx: float, cy: float, size: float, *, filled: bool) -> str:
    fill = STROKE if filled else "white"
    s = size
    return (
        f'<path d="M{_f(cx - s)},{_f(cy)} L{_f(cx)},{_f(cy - s * 0.75)} L{_f(cx)},{_f(cy + s * 0.75)} Z '
        f'M{_f(cx)},{_f(cy)} L{_f(cx + s)},{_f(cy - s * 0.75)} L{_f(cx + s)},{_f(cy + s * 0.75)} Z" '
        f'fill="{fill}" stroke="{STROKE}" stroke-width="1.2"/>'
    )


def event_marker(definition: str, cx: float, cy: float, *, throwing: bool) -> str:
    """The symbol inside an event circle for one event definition."""
    fill = STROKE if throwing else "white"
    sw = 'stroke-width="1.3"'
    if definition == "message":
        x, y = cx - 8.5, cy - 6
        env = f'<rect x="{_f(x)}" y="{_f(y)}" width="17" height="12" fill="{fill}" stroke="{STROKE}" {sw}/>'
        flap_colour = "white" if throwing else STROKE
        flap = (
            f'<path d="M{_f(x)},{_f(y)} L{_f(cx)},{_f(cy + 1)} L{_f(x + 17)},{_f(y)}" fill="none" '
            f'stroke="{flap_colour}" {sw}/>'
        )
        return env + flap
    if definition == "timer":
        ticks = "".join(
            f'<path d="M{_f(cx)},{_f(cy - 10.5)} V{_f(cy - 8)}" transform="rotate({a} {_f(cx)} {_f(cy)})" '
            f'stroke="{STROKE}" stroke-width="1"/>'
            for a in range(0, 360, 30)
        )
        return (
            f'<circle cx="{_f(cx)}" cy="{_f(cy)}" r="11" fill="white" stroke="{STROKE}" {sw}/>{ticks}'
            f'<path d="M{_f(cx)},{_f(cy)} L{_f(cx + 2)},{_f(cy - 7)} M{_f(cx)},{_f(cy)} L{_f(cx + 6)},{_f(cy + 1)}" '
            f'stroke="{STROKE}" stroke-width="1.3" fill="none"/>'
        )
    if definition == "error":
        return (
            f'<path d="M{_f(cx - 9)},{_f(cy + 8)} L{_f(cx - 4)},{_f(cy - 8)} L{_f(cx + 2)},{_f(cy + 1)} '
            f'L{_f(cx + 5)},{_f(cy - 7)} L{_f(cx + 9)},{_f(cy + 8)} L{_f(cx + 3)},{_f(cy - 1)} Z" '
            f'fill="{fill}" stroke="{STROKE}" {sw}/>'
        )
    if definition == "signal":
        return (
            f'<path d="M{_f(cx)},{_f(cy - 10)} L{_f(cx + 9)},{_f(cy + 6)} L{_f(cx - 9)},{_f(cy + 6)} Z" '
            f'fill="{fill}" stroke="{STROKE}" {sw}/>'
        )
    if definition == "escalation":
        return (
            f'<path d="M{_f(cx)},{_f(cy - 10)} L{_f(cx + 7)},{_f(cy + 8)} L{_f(cx)},{_f(cy + 2)} '
            f'L{_f(cx - 7)},{_f(cy + 8)} Z" fill="{fill}" stroke="{STROKE}" {sw}/>'
        )
    if definition == "conditional":
        x, y = cx - 7, cy - 9
        lines = " ".join(f"M{_f(x + 2)},{_f(y + d)} H{_f(x + 12)}" for d in (4, 8, 12, 16))
        return (
            f'<rect x="{_f(x)}" y="{_f(y)}" width="14" height="18" fill="white" stroke="{STROKE}" {sw}/>'
            f'<path d="{lines}" stroke="{STROKE}" stroke-width="1.2"/>'
        )
    if definition == "link":
        return (
            f'<path d="M{_f(cx - 9)},{_f(cy - 4)} H{_f(cx + 1)} V{_f(cy - 9)} L{_f(cx + 10)},{_f(cy)} '
            f'L{_f(cx + 1)},{_f(cy + 9)} V{_f(cy + 4)} H{_f(cx - 9)} Z" fill="{fill}" stroke="{STROKE}" {sw}/>'
        )
    if definition == "terminate":
        return f'<circle cx="{_f(cx)}" cy="{_f(cy)}" r="11" fill="{STROKE}"/>'
    if definition == "cancel":
        return (
            f'<path d="M{_f(cx - 7)},{_f(cy - 7)} L{_f(cx + 7)},{_f(cy + 7)} M{_f(cx + 7)},{_f(cy - 7)} '
            f'L{_f(cx - 7)},{_f(cy + 7)}" stroke="{STROKE}" stroke-width="4"/>'
        )
    if definition == "compensate":
        return _rewind(cx - 4, cy, 7, filled=throwing)
    if definition == "multiple":
        return _pentagon(cx, cy, 10, fill)
    return ""


def _pentagon(cx: float, cy: float, r: float, fill: str) -> str:
    points = (
        (cx, cy - r),
        (cx + r * 0.95, cy - r * 0.31),
        (cx + r * 0.59, cy + r * 0.81),
        (cx - r * 0.59, cy + r * 0.81),
        (cx - r * 0.95, cy - r * 0.31),
    )
    text = " ".join(f"{_f(x)},{_f(y)}" for x, y in points)
    return f'<polygon points="{text}" fill="{fill}" stroke="{STROKE}" stroke-width="1.3"/>'


def gateway_marker(kind: str, cx: float, cy: float, size: float) -> str:
    """The symbol inside a gateway diamond of the given width."""
    k = size / 50
    if kind == "exclusiveGateway":
        d = 8 * k
        return (
            f'<path d="M{_f(cx - d)},{_f(cy - d)} L{_f(cx + d)},{_f(cy + d)} M{_f(cx + d)},{_f(cy - d)} '
            f'L{_f(cx - d)},{_f(cy + d)}" stroke="{STROKE}" stroke-width="{_f(4 * k)}"/>'
        )
    if kind == "parallelGateway":
        d = 11 * k
        return (
            f'<path d="M{_f(cx - d)},{_f(cy)} H{_f(cx + d)} M{_f(cx)},{_f(cy - d)} V{_f(cy + d)}" '
            f'stroke="{STROKE}" stroke-width="{_f(4 * k)}"/>'
        )
    if kind == "inclusiveGateway":
        return (
            f'<circle cx="{_f(cx)}" cy="{_f(cy)}" r="{_f(10 * k)}" fill="none" stroke="{STROKE}" '
            f'stroke-width="{_f(3 * k)}"/>'
        )
    if kind == "complexGateway":
        d = 11 * k
        e = d * 0.7
        return (
            f'<path d="M{_f(cx - d)},{_f(cy)} H{_f(cx + d)} M{_f(cx)},{_f(cy - d)} V{_f(cy + d)} '
            f"M{_f(cx - e)},{_f(cy - e)} L{_f(cx + e)},{_f(cy + e)} M{_f(cx + e)},{_f(cy - e)} "
            f'L{_f(cx - e)},{_f(cy + e)}" stroke="{STROKE}" stroke-width="{_f(3.5 * k)}"/>'
        )
    if kind == "eventBasedGateway":
        return (
            f'<circle cx="{_f(cx)}" cy="{_f(cy)}" r="{_f(12 * k)}" fill="none" stroke="{STROKE}" stroke-width="1.2"/>'
            f'<circle cx="{_f(cx)}" cy="{_f(cy)}" r="{_f(10 * k)}" fill="none" stroke="{STROKE}" stroke-width="1.2"/>'
            + _pentagon(cx, cy, 6.5 * k, "none")
        )
    return ""
