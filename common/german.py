"""The one German formatter: numbers, shares, points and dates as German readers expect them.

Used by the CLI, the web, the report (HTML, CSV, XLSX text) and Prefect's
artifacts, so that a share reads "86 %" everywhere (a narrow no-break space
before the sign, as German typesetting wants) and a time is Berlin time.
Missing values become a dash, never "None" or "nan".
"""

from __future__ import annotations

import math
from datetime import datetime

from common.clock import local

DASH = "–"
MINUS = "\u2212"  # the typographic minus, as in the reasons ("−12")
MONTHS = (
    "Januar", "Februar", "März", "April", "Mai", "Juni",
    "Juli", "August", "September", "Oktober", "November", "Dezember",
)  # fmt: skip


def _missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and not math.isfinite(value))


def number(value: float, decimals: int = 0) -> str:
    """1234.5 → '1.234,5' (German separators; a plain hyphen for negatives)."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def num(value: float | None, decimals: int = 0) -> str:
    """1234.5 → '1.235'; with decimals=1 → '1.234,5'; −3 with a typographic minus; None → '–'."""
    if value is None or _missing(value):
        return DASH
    if round(value, decimals) == 0:
        value = 0.0  # no "-0"
    return number(value, decimals).replace("-", MINUS)


def pct(share: float | None, decimals: int = 0) -> str:
    """0.8625 → '86 %' (narrow no-break space); None → '–'."""
    if share is None or _missing(share):
        return DASH
    return f"{num(share * 100, decimals)}\u202f%"


def percent(share: float) -> str:
    """A share in running text (see :func:`pct`)."""
    return pct(share)


def score(value: float | None) -> str:
    """A 0–100 score in whole points, '67', as the workbench shows it."""
    return num(value)


def points(value: float) -> str:
    """+25, −10 (typographic minus), ±0."""
    rounded = round(value)
    if rounded > 0:
        return f"+{rounded}"
    if rounded < 0:
        return f"{MINUS}{abs(rounded)}"
    return "±0"


def signed(value: float | None) -> str:
    """Penalty points: '−8', '±0'."""
    if value is None or _missing(value):
        return DASH
    return points(value)


def count(n: int, singular: str, plural: str) -> str:
    """'1 Aufgabe', '3 Aufgaben', 'keine Aufgaben'."""
    if n == 0:
        return f"keine {plural}"
    return f"{n} {singular if n == 1 else plural}"


def yes_no(value: bool | None) -> str:
    if value is None:
        return DASH
    return "ja" if value else "nein"


def local_time(moment: datetime) -> datetime:
    """The moment in Berlin time (naive values are UTC, as everything Lotse keeps)."""
    return local(moment)


def date_time(moment: datetime) -> str:
    """'25. November 2025, 14:05 Uhr' (Berlin time)."""
    at = local(moment)
    return f"{at.day}. {MONTHS[at.month - 1]} {at.year}, {at:%H:%M} Uhr"


def when(moment: datetime | None) -> str:
    """'25.11.2025 14:05' (Berlin time); None → '–'."""
    return DASH if moment is None else f"{local(moment):%d.%m.%Y %H:%M}"


def day(moment: datetime | None) -> str:
    """'25.11.2025' (the Berlin date); None → '–'."""
    return DASH if moment is None else f"{local(moment):%d.%m.%Y}"


def date_short(moment: datetime) -> str:
    """'25.11.2025'."""
    return day(moment)
