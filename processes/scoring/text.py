"""German number formatting for the sentences scoring writes (from the one formatter)."""

from __future__ import annotations

from common.german import count, number, percent, points

__all__ = ["count", "number", "percent", "points"]
