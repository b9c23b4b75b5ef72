"""Finding BPMN files: diagrams given as files or folders (every tool's file endings)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

BPMN_SUFFIXES = (".bpmn", ".bpmn20.xml", ".bpmn2")


def is_bpmn_name(path: Path) -> bool:
    return path.name.lower().endswith(BPMN_SUFFIXES)


def expand_bpmn_paths(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """Files as given plus the BPMN files inside given folders (sorted, recursive).

    Returns (files, empty_folders). A file given by name is taken whatever
    its ending, since the user asked for it; in folders only BPMN endings
    count, and hidden files and folders are skipped.
    """
    files: list[Path] = []
    empty: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and is_bpmn_name(p)
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            files.extend(found)
            if not found:
                empty.append(path)
        else:
            files.append(path)
    return files, empty
