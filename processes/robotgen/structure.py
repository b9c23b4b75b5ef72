"""What a skeleton was made from, and what changed since: tasks, flows, gateways, events.

The generator writes :func:`structure` into every module (``STRUKTUR``);
``lotse robot check`` reads it back with :func:`read_module` (``ast``, the
module is never imported or run) and compares it with the catalogue's
current diagram (:func:`drift`).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from processes.robotgen.graph import Container, is_gateway

Structure = dict[str, dict[str, list[str]]]

PARTS = ("aufgaben", "entscheidungen", "fluesse", "ereignisse")
GERMAN_PART = {
    "aufgaben": "Aufgabe",
    "entscheidungen": "Verzweigung",
    "fluesse": "Fluss",
    "ereignisse": "Ereignis",
}
ROLE_GERMAN = {
    "aufgabe": "Roboter",
    "mensch": "Mensch",
    "vorbereiten": "Roboter bereitet vor, Mensch schließt ab",
    "nachricht": "Nachricht",
    "teilablauf": "Teilprozess",
}


class NotASkeleton(ValueError):
    """A file that Lotse did not generate (or that lost its ``DIAGRAMM``); German message."""


def structure(container: Container) -> Structure:
    """The parts of a process a skeleton depends on, by BPMN id."""
    result: Structure = {part: {} for part in PARTS}
    for part in container.walk():
        for node in part.nodes.values():
            if is_gateway(node):
                result["entscheidungen"][node.id] = [node.label, node.kind]
            elif node.kind.endswith("Event"):
                result["ereignisse"][node.id] = [node.label, node.kind, ",".join(node.definitions)]
            else:
                result["aufgaben"][node.id] = [node.label, node.kind, node.art]
        for flow in part.flows.values():
            result["fluesse"][flow.id] = [flow.source, flow.target, flow.label]
    return result


@dataclass(frozen=True, slots=True)
class Skeleton:
    """What ``read_module`` found in a generated module."""

    path: Path
    diagram: dict[str, Any]
    structure: Structure
    defects: tuple[str, ...] = ()


def read_module(path: Path) -> Skeleton:
    """``DIAGRAMM`` and ``STRUKTUR`` of a generated module, read as literals."""
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    except (OSError, SyntaxError, UnicodeDecodeError, ValueError) as exc:
        raise NotASkeleton(f"{path.name} ist kein lesbares Python-Modul: {exc}") from None
    found: dict[str, Any] = {}
    for statement in tree.body:
        target, value = None, None
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            target, value = statement.targets[0], statement.value
        elif isinstance(statement, ast.AnnAssign):
            target, value = statement.target, statement.value
        if isinstance(target, ast.Name) and target.id in ("DIAGRAMM", "STRUKTUR") and value:
            try:
                found[target.id] = ast.literal_eval(value)
            except ValueError:
                raise NotASkeleton(f"{path.name}: {target.id} ist kein Literal.") from None
    diagram, parts = found.get("DIAGRAMM"), found.get("STRUKTUR")
    if not isinstance(diagram, dict) or not isinstance(parts, dict) or "prozess" not in diagram:
        raise NotASkeleton(f"{path.name} ist kein von Lotse erzeugtes Roboter-Gerüst.")
    return Skeleton(path, diagram, parts, known_defects(tree))


def known_defects(tree: ast.Module) -> tuple[str, ...]:
    """Faults of skeletons made by an older Lotse that their own tests cannot show.

    Skeletons before 2026-12-03 paused under the BPMN id as key; Prefect refuses keys
    with capitals or ``_``, so such a robot stops at its first human step on the server.
    """
    names = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    defined = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}
    if "pause_flow_run" in names and "pause_schluessel" not in defined:
        return (
            "Menschliche Schritte halten in Prefect nicht an: das Gerüst ist älter als "
            "die Funktion pause_schluessel (siehe docs/robots.md, „Ältere Gerüste“).",
        )
    return ()


def drift(old: Structure, new: Structure) -> list[str]:
    """What changed, one German sentence per element (empty: nothing that matters)."""
    changes: list[str] = []
    for part in PARTS:
        before, after = old.get(part, {}), new.get(part, {})
        what = GERMAN_PART[part]
        for ident in sorted(set(before) | set(after)):
            if ident not in after:
                changes.append(f"{what} {_name(part, ident, before[ident])} fehlt jetzt.")
            elif ident not in before:
                changes.append(f"{what} {_name(part, ident, after[ident])} ist neu.")
            elif before[ident] != after[ident]:
                changes.append(_changed(part, what, ident, before[ident], after[ident]))
    return changes


def _name(part: str, ident: str, values: list[str]) -> str:
    if part == "fluesse":
        label = f" „{values[2]}“" if len(values) > 2 and values[2] else ""
        return f"{ident}{label} ({values[0]} → {values[1]})"
    return f"„{values[0]}“ ({ident})" if values and values[0] else ident


def _changed(part: str, what: str, ident: str, before: list[str], after: list[str]) -> str:
    if part == "aufgaben" and before[:2] == after[:2] and len(before) > 2 and len(after) > 2:
        return (
            f"{what} {_name(part, ident, after)}: jetzt "
            f"{ROLE_GERMAN.get(after[2], after[2])}, vorher {ROLE_GERMAN.get(before[2], before[2])}."
        )
    if part != "fluesse" and before[1:] == after[1:]:
        return f"{what} {ident} heißt jetzt „{after[0]}“ (vorher „{before[0]}“)."
    return f"{what} {_name(part, ident, after)} hat sich geändert (vorher {_name(part, ident, before)})."
