"""German forms for flow parameters in the Prefect UI.

Prefect titles a parameter with its Python name and drops ``Annotated`` field
metadata; it does keep a ``Field`` given as the default, and its
``json_schema_extra`` wins over the generated title. Constraints (``ge``,
``max_length`` …) belong in the annotation, where Prefect keeps them.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field


def parameter(title: str, description: str, default: Any = ...) -> Any:
    """A flow parameter's default that carries its German title and help text."""
    return Field(default, description=description, json_schema_extra={"title": title})
