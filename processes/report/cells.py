"""Cells that a spreadsheet program opens as text, never as a formula (CSV injection).

Names in a report come from uploaded diagrams. Excel and LibreOffice start a
formula at ``=``, ``+``, ``-`` or ``@``, and also after a leading tab or carriage
return; ``=HYPERLINK(…)`` or ``@SUM(…)`` in a process name would run when a colleague
opens the CSV. As OWASP recommends, such a cell gets a leading apostrophe, which
the spreadsheet shows as a plain text cell. Every CSV writer calls
:func:`spreadsheet_text` for each text value; numbers are written as they are (a
negative number is a number, not a formula).
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(text: str) -> str:
    """``text`` as a spreadsheet shows it literally (OWASP: prefix a single quote)."""
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def csv_cell(value: object) -> str:
    """One CSV cell: empty for None, ``true``/``false``, numbers as is, text neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return spreadsheet_text(str(value))
