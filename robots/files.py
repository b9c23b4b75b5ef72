"""File operations that survive a crash at any moment: atomic writes and moves."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import unicodedata
from pathlib import Path


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (the directory entry itself)."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(target: Path, data: bytes) -> None:
    """Readers see the old file or the whole new one, never a partial one."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.part")
    with open(partial, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, target)
    fsync_dir(target.parent)


def copy_durably(source: Path, target: Path) -> None:
    """Copy so that ``target`` is complete on disk before this returns."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(source, "rb") as src, open(target, "wb") as dst:
        shutil.copyfileobj(src, dst, 1024 * 1024)
        dst.flush()
        os.fsync(dst.fileno())


def move_durably(source: Path, target: Path) -> None:
    """Move a file; across file systems by copy, sync, then delete."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.replace(source, target)
    except OSError:
        copy_durably(source, target)
        source.unlink()
    fsync_dir(target.parent)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


_UNSAFE = re.compile(r"[^\w.\- ]+", re.UNICODE)


def safe_name(name: str, limit: int = 80) -> str:
    """A file name fit for any folder: NFC, no path separators or control characters."""
    name = unicodedata.normalize("NFC", name)
    name = _UNSAFE.sub("_", name.replace("/", "_").replace("\\", "_")).strip(" ._")
    return (name or "brief")[:limit]
