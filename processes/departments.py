"""The departments (Ämter) processes belong to and letters are routed to."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from processes.models import Department


class DepartmentsFileError(ValueError):
    """The departments file is unusable; the message says why."""


@dataclass(frozen=True, slots=True)
class DepartmentInfo:
    code: str
    name: str
    remit: str = ""


def read_departments(path: Path) -> list[DepartmentInfo]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise DepartmentsFileError(f"Ämterliste {path} nicht lesbar: {exc}") from None
    entries = data.get("departments") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        raise DepartmentsFileError(
            f"Ämterliste {path}: erwartet wird eine Liste unter „departments“."
        )
    result: list[DepartmentInfo] = []
    for entry in entries:
        if not isinstance(entry, dict) or not entry.get("code") or not entry.get("name"):
            raise DepartmentsFileError(
                f"Ämterliste {path}: jeder Eintrag braucht „code“ und „name“."
            )
        result.append(
            DepartmentInfo(
                str(entry["code"]).strip(),
                str(entry["name"]).strip(),
                str(entry.get("remit") or ""),
            )
        )
    codes = [d.code for d in result]
    duplicates = sorted({c for c in codes if codes.count(c) > 1})
    if duplicates:
        raise DepartmentsFileError(
            f"Ämterliste {path}: Kennziffern doppelt: {', '.join(duplicates)}."
        )
    return result


def seed_departments(session: Session, departments: list[DepartmentInfo]) -> int:
    """Add departments that are not in the database yet; edits there are kept."""
    known = set(session.scalars(select(Department.code)))
    added = 0
    for info in departments:
        if info.code not in known:
            session.add(Department(code=info.code, name=info.name, remit=info.remit))
            added += 1
    return added


def department_names(session: Session) -> dict[str, str]:
    return {code: name for code, name in session.execute(select(Department.code, Department.name))}
