"""The wired application for flow runs, opened once per process and settings."""

from __future__ import annotations

from functools import lru_cache

from lotse.app import App


def lotse_app() -> App:
    """The application for the current settings (shared by task threads of a run)."""
    from lotse.settings import get_settings

    settings = get_settings()
    return _open(settings.effective_database_url, str(settings.data_dir))


@lru_cache(maxsize=4)
def _open(database_url: str, data_dir: str) -> App:
    # The arguments only key the cache: tests and `lotse serve` may switch settings.
    from lotse.app import open_app

    return open_app()
