"""German formatting of numbers, shares and dates for the HTML report.

Missing values become a dash, never "None" or "nan".
"""

from __future__ import annotations

import math
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from processes.scoring.text import number, points

DASH = "–"
MONTHS = (
    "Januar", "Februar", "März", "April", "Mai", "Juni",
    "Juli", "August", "September", "Oktober", "November", "Dezember",
)  # fmt: skip


def _missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and not math.isfinite(value))


def num(value: float | None, decimals: int = 0) -> str:
    """1234.5 → '1.235'; with decimals=1 → '1.234,5'; None → '–'."""
    if value is None or _missing(value):
        return DASH
    if round(value, decimals) == 0:
        value = 0.0  # no "-0"
    return number(value, decimals).replace("-", "−")


def score(value: float | None) -> str:
    """A 0–100 score in whole points, '67', as the workbench shows it."""
    return num(value)


def pct(share: float | None, decimals: int = 0) -> str:
    """0.8625 → '86 %' (narrow no-break space before the sign, as German typesetting wants)."""
    if share is None or _missing(share):
        return DASH
    return f"{num(share * 100, decimals)}\u202f%"


def signed(value: float | None) -> str:
    """Penalty points: '−8', '±0'."""
    if value is None or _missing(value):
        return DASH
    return points(value)


def yes_no(value: bool | None) -> str:
    if value is None:
        return DASH
    return "ja" if value else "nein"


def local_time(moment: datetime) -> datetime:
    """Aware times are shown in German local time; naive ones as they are."""
    if moment.tzinfo is None:
        return moment
    try:
        return moment.astimezone(ZoneInfo("Europe/Berlin"))
    except ZoneInfoNotFoundError:
        return moment


def date_time(moment: datetime) -> str:
    """'25. November 2025, 14:05 Uhr'."""
    local = local_time(moment)
    return f"{local.day}. {MONTHS[local.month - 1]} {local.year}, {local:%H:%M} Uhr"


def date_short(moment: datetime) -> str:
    """'25.11.2025'."""
    return f"{local_time(moment):%d.%m.%Y}"
