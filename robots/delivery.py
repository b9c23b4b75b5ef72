"""How each department receives its mail: a folder (the default) or its e-file.

Configured per department in YAML (``LOTSE_DELIVERY_FILE``)::

    aemter:
      "51": {ablage: eakte, eingangsakte: "51-POST-2026"}

Letters to a department with ``ablage: eakte`` are still delivered to its
folder (the robot's source and the fallback for a person), and are then filed
into the e-file by the e-file robot; ``eingangsakte`` takes letters that name
no file number of their own.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator


class DeliveryConfigError(ValueError):
    """The delivery file cannot be used; German message naming the entry."""


class DepartmentDelivery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    ablage: Literal["ordner", "eakte"] = "ordner"
    eingangsakte: str | None = Field(default=None, min_length=1, max_length=200)

    @model_validator(mode="after")
    def _inbox_file_for_efile(self) -> DepartmentDelivery:
        if self.ablage == "eakte" and not self.eingangsakte:
            raise ValueError("für die Ablage in die E-Akte fehlt „eingangsakte“")
        return self


class DeliveryConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    aemter: dict[str, DepartmentDelivery] = Field(default_factory=dict)

    @property
    def efile_departments(self) -> frozenset[str]:
        return frozenset(code for code, d in self.aemter.items() if d.ablage == "eakte")

    def inbox_file(self, department: str) -> str:
        entry = self.aemter.get(department)
        if entry is None or entry.eingangsakte is None:
            raise KeyError(department)
        return entry.eingangsakte


def load_delivery(path: Path | None, departments: dict[str, str]) -> DeliveryConfig:
    """The configuration in ``path``; without a file every department gets a folder."""
    if path is None:
        return DeliveryConfig()
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise DeliveryConfigError(f"Die Ablage-Datei {path} ist nicht lesbar: {exc}") from None
    try:
        config = DeliveryConfig.model_validate(raw)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = " → ".join(str(part) for part in error["loc"])
        raise DeliveryConfigError(
            f"Die Ablage-Datei {path} ist fehlerhaft bei {where}: {error['msg']}"
        ) from None
    unknown = sorted(set(config.aemter) - set(departments))
    if unknown:
        raise DeliveryConfigError(
            f"Die Ablage-Datei {path} nennt unbekannte Ämter: {', '.join(unknown)}."
        )
    return config
