"""Settings of one stand-in instance; the quirks are off by default."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

IdScheme = Literal["v1", "v2", "zufall"]

DEFAULT_USER = "poststelle-roboter"
DEFAULT_PASSWORD = "Ablage!2026"


class StandInConfig(BaseModel):
    """Where the stand-in keeps its data, who may sign in, and how badly it behaves."""

    model_config = ConfigDict(extra="forbid")

    data_dir: Path
    benutzer: str = Field(default=DEFAULT_USER, min_length=1)
    kennwort: str = Field(default=DEFAULT_PASSWORD, min_length=1)
    # Probability (0..1) that a page answers only after ``langsam_sekunden``.
    langsam: float = Field(default=0.0, ge=0.0, le=1.0)
    langsam_sekunden: float = Field(default=2.0, ge=0.0)
    # Probability (0..1) that a signed-in page shows the modal "Hinweis" dialog.
    hinweis: float = Field(default=0.0, ge=0.0, le=1.0)
    # Form field ids and names: v1 (txtAktenzeichen/aktenzeichen), v2 (ASP.NET style),
    # zufall (random suffixes per server start, reproducible with ``seed``).
    ids: IdScheme = "v1"
    # Inactivity after which the session expires.
    sitzung_sekunden: float = Field(default=900.0, gt=0.0)
    # The next N valid document uploads fail with HTTP 500 and store nothing.
    fehler_beim_naechsten_upload: int = Field(default=0, ge=0)
    # The next N valid document uploads are stored, but the answer is HTTP 500 anyway
    # (the case a robot must survive without filing the letter twice).
    fehler_nach_dem_speichern: int = Field(default=0, ge=0)
    max_upload_bytes: int = Field(default=20 * 1024 * 1024, gt=0)
    # Seeds the quirks' random choices (slow pages, Hinweis, random ids) for reproducible runs.
    seed: int | None = None
