"""The wired application for flow runs: one per process and settings (lotse.app.app_for)."""

from __future__ import annotations

from lotse.app import App, app_for


def lotse_app() -> App:
    """The application for the current settings (shared by task threads of a run)."""
    return app_for()
