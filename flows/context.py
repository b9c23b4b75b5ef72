"""The one door from the flows back into the application shell.

Dependencies point from ``lotse`` to ``flows``; but a flow run that Prefect
starts in a served process has no other entry point than the flow itself, so
it must open the application. Everything the flows need from ``lotse`` comes
through this module, and the import contract (pyproject.toml,
``[tool.importlinter]``) allows no other flows module to import ``lotse``.
"""

from __future__ import annotations

from lotse.app import EAKTE_SECRET_BLOCK, App, EAktePasswordMissing, app_for
from lotse.settings import Settings, get_settings
from lotse.version import build_version

__all__ = [
    "EAKTE_SECRET_BLOCK",
    "App",
    "EAktePasswordMissing",
    "Settings",
    "app_for",
    "build_version",
    "get_settings",
    "lotse_app",
]


def lotse_app() -> App:
    """The application for the current settings (shared by task threads of a run)."""
    return app_for()
