"""The defaults Lotse works with when nothing is configured: departments and mailroom rules.

Their one source is in ``samples/`` (a city copies and edits them). A checkout
reads them there; the wheel carries them as package data under
``lotse/defaults/`` (pyproject.toml, ``force-include``), so an installed Lotse
has them without the source tree.
"""

from __future__ import annotations

from pathlib import Path

from lotse.samples import SAMPLES_DIR

PACKAGED = Path(__file__).resolve().with_name("defaults")
# file name in the wheel → its source in the checkout
SOURCES = {
    "departments.yaml": SAMPLES_DIR / "departments.yaml",
    "mailroom.yaml": SAMPLES_DIR / "rules" / "mailroom.yaml",
}


def default_file(name: str) -> Path:
    """The packaged default ``name``, or its source when running from a checkout."""
    packaged = PACKAGED / name
    return packaged if packaged.is_file() else SOURCES[name]
