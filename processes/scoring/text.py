"""German number formatting for the sentences scoring writes."""

from __future__ import annotations


def points(value: float) -> str:
    """+25, −10 (typographic minus), ±0."""
    rounded = round(value)
    if rounded > 0:
        return f"+{rounded}"
    if rounded < 0:
        return f"−{abs(rounded)}"
    return "±0"


def number(value: float, decimals: int = 0) -> str:
    """1234.5 → '1.234,5' (German separators)."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def percent(share: float) -> str:
    return f"{number(share * 100)} %"


def count(n: int, singular: str, plural: str) -> str:
    """'1 Aufgabe', '3 Aufgaben', 'keine Aufgaben'."""
    if n == 0:
        return f"keine {plural}"
    return f"{n} {singular if n == 1 else plural}"
