"""The one exception the BPMN reader raises, with a message a process pilot can act on."""

from __future__ import annotations


class BpmnReadError(Exception):
    """A file could not be read as BPMN 2.0.

    ``str(error)`` is a single German sentence meant for the person who
    uploaded the file. ``reason`` is a stable machine-readable code (tests,
    the web UI and the catalogue branch on it); ``line``/``column`` are
    1-based where the problem has a position.
    """

    def __init__(
        self,
        message: str,
        *,
        reason: str,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.reason = reason
        self.line = line
        self.column = column

    def __str__(self) -> str:
        return self.message
