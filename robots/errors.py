"""Why a document goes to quarantine: a stable code and a German sentence."""

from __future__ import annotations


class DocumentRejected(Exception):
    """The document cannot be read safely; it goes to quarantine with this reason.

    ``reason`` is a stable code (``empty``, ``encrypted``, ``too-many-pages`` …)
    for tests and statistics; ``str(error)`` is one German sentence for the
    person who looks into the quarantine folder.
    """

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message

    def __str__(self) -> str:
        return self.message


class OcrUnavailable(RuntimeError):
    """Tesseract or its German model is missing: an installation problem, not a letter's."""
