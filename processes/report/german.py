"""German formatting for the report: the one formatter, :mod:`common.german`."""

from __future__ import annotations

from common.german import (
    DASH,
    MONTHS,
    date_short,
    date_time,
    local_time,
    num,
    pct,
    score,
    signed,
    yes_no,
)

__all__ = [
    "DASH", "MONTHS", "date_short", "date_time", "local_time", "num", "pct", "score",
    "signed", "yes_no",
]  # fmt: skip
