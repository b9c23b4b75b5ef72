"""Which Lotse this is: the release, the exact code (commit) and the schema it expects.

The release number comes from the installed package (``pyproject.toml``). Two
machines of one fleet may run the same release number from different code while
an upgrade is under way, so the version that deployments and ``lotse --version``
show also names the commit: ``0.2.0+g1a2b3c4``. The commit is read from the file
``BUILD`` that ``scripts/install-server`` writes into the installed copy, or from
git in a developer's checkout; without either the release number stands alone.
"""

from __future__ import annotations

import subprocess
from functools import cache
from pathlib import Path

from lotse import __version__

SOURCE_ROOT = Path(__file__).resolve().parent.parent
BUILD_FILE = SOURCE_ROOT / "BUILD"


def recorded_commit(build_file: Path) -> str | None:
    """``commit=…`` from a BUILD file (``key=value`` lines), if it is there."""
    try:
        lines = build_file.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    for line in lines:
        key, _, value = line.partition("=")
        if key.strip() == "commit" and value.strip():
            return value.strip()[:12]
    return None


@cache
def commit() -> str | None:
    """The short commit of the running code, if known."""
    recorded = recorded_commit(BUILD_FILE)
    if recorded or not (SOURCE_ROOT / ".git").exists():
        return recorded
    try:
        found = subprocess.run(
            ["git", "-C", str(SOURCE_ROOT), "rev-parse", "--short=12", "HEAD"],
            capture_output=True, text=True, timeout=5, check=False,
        )  # fmt: skip
    except (OSError, subprocess.TimeoutExpired):  # no git on a server: the release alone
        return None
    if found.returncode != 0:  # e.g. git refuses a checkout owned by another user
        return None
    return found.stdout.strip() or None


def build_version() -> str:
    """``0.2.0+g1a2b3c4d5e6f`` (PEP 440 local version), or the release alone."""
    found = commit()
    return f"{__version__}+g{found}" if found else __version__


def describe() -> str:
    """One line for people: release, commit and the database schema this code needs."""
    from lotse.db import SCHEMA_HEAD

    found = commit()
    code = f", Commit {found}" if found else ""
    return f"Lotse {__version__}{code}, Datenbankschema {SCHEMA_HEAD}"
