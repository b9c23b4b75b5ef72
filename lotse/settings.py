"""Settings from ``LOTSE_*`` environment variables; every one has a working default.

Only the application shell reads settings. Domain packages (``bpmn``,
``processes``, ``robots``) get what they need as arguments.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


def _default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "lotse"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="LOTSE_", extra="ignore")

    data_dir: Path = Field(
        default_factory=_default_data_dir,
        description="Where Lotse keeps its database, drawings, reports and mail.",
    )
    bpmn_max_mb: float = Field(
        default=20, gt=0, description="Largest BPMN file accepted, in megabytes."
    )
    bpmn_max_depth: int = Field(default=200, gt=10, description="Deepest XML nesting accepted.")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
