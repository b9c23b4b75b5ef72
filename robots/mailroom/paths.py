"""Where each file of a letter goes (all under the data directory except the inbox)::

    work/<sha256>.<ext>                      the letter while the robot works on it
    work/<sha256>.durchsuchbar.pdf           its searchable PDF, until delivered
    outbox/<code>/<day>_<sha>_<name>.pdf     delivered: searchable PDF + JSON sidecar
    archive/YYYY/MM/<sha>_<name>             originals, kept until their retention date
    quarantine/<day>_<sha>_<name>            unreadable files, each with a .grund.txt
    archive/duplicates/<time>_<sha>_<name>   the same letter arriving again

Names carry the first twelve hex digits of the content hash, so two letters
with the same file name never meet.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from robots.files import safe_name
from robots.letters import Letter
from robots.mailroom.config import MailroomConfig

SHA_SHOWN = 12


def work_file(config: MailroomConfig, sha256: str, suffix: str) -> Path:
    return config.work / f"{sha256}{suffix}"


def searchable(source: Path) -> Path:
    """The searchable PDF written beside the letter's work file."""
    return source.with_name(source.name.split(".")[0] + ".durchsuchbar.pdf")


def delivery_target(config: MailroomConfig, letter: Letter) -> Path:
    stem = safe_name(Path(letter.name).stem, 60)
    folder = config.outbox / (letter.department or "unbekannt")
    return folder / f"{letter.received_at:%Y%m%d}_{letter.sha256[:SHA_SHOWN]}_{stem}.pdf"


def copy_target(config: MailroomConfig, letter: Letter, department: str) -> Path:
    """A copy for a further Amt: named like the original, marked as a copy."""
    stem = safe_name(Path(letter.name).stem, 60)
    folder = config.outbox / department
    return folder / f"{letter.received_at:%Y%m%d}_{letter.sha256[:SHA_SHOWN]}_{stem}_Kopie.pdf"


def partial(target: Path) -> Path:
    """The name a file has while it is written, before the rename that delivers it."""
    return target.with_name(f".{target.name}.part")


def sidecar(target: Path) -> Path:
    return target.with_suffix(".json")


def archive_target(config: MailroomConfig, letter: Letter) -> Path:
    received = letter.received_at
    name = f"{letter.sha256[:SHA_SHOWN]}_{safe_name(letter.name)}"
    return config.archive / f"{received:%Y}" / f"{received:%m}" / name


def quarantine_target(config: MailroomConfig, letter: Letter, name: str) -> Path:
    day = f"{letter.received_at:%Y%m%d}"
    return config.quarantine / f"{day}_{letter.sha256[:SHA_SHOWN]}_{safe_name(name)}"


def reason_file(target: Path) -> Path:
    """The ``.grund.txt`` beside a quarantined file: why it is there."""
    return target.with_name(target.name + ".grund.txt")


def duplicate_target(config: MailroomConfig, sha256: str, name: str, now: datetime) -> Path:
    folder = config.archive / "duplicates"
    return folder / f"{now:%Y%m%d-%H%M%S}_{sha256[:SHA_SHOWN]}_{safe_name(name)}"
