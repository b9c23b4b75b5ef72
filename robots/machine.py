"""Which machine this process runs on, for leases: not the hostname.

Cloned virtual machines and containers share hostnames; a lease owner named
``host:pid`` let a second machine with the same name "see" that the holder's
pid did not exist there and take its letters. Two facts identify where a pid
means something: the kernel's boot (``/proc/sys/kernel/random/boot_id``, new at
every boot, different on every clone) and the PID namespace (each container
has its own). Only a holder with both equal to ours can be checked with
``kill(pid, 0)``; any other holder is alive until its lease runs out.

For people (and per-machine names such as the OCR limit) each installation also
has an identity of its own, generated once into the machine-local state folder
(``LOTSE_STATE_DIR``, never the shared data folder). A clone that copied it still
differs in its boot, so the leases stay safe.
"""

from __future__ import annotations

import hashlib
import logging
import os
import socket
import uuid
from dataclasses import dataclass
from functools import cache
from pathlib import Path

log = logging.getLogger(__name__)

IDENTITY_FILE = "rechner-id"
BOOT_ID = Path("/proc/sys/kernel/random/boot_id")
PID_NAMESPACE = Path("/proc/self/ns/pid")


@dataclass(frozen=True)
class Machine:
    hostname: str
    installation: str  # generated once per installation; "" when there is no state folder
    local: str  # boot and PID namespace: where this process's pids mean something

    def owner(self) -> str:
        """A lease owner: ``host/installation/local:pid:random`` (at most 56 characters)."""
        return (
            f"{self.hostname[:15]}/{self.installation[:8] or '-'}/{self.local}"
            f":{os.getpid()}:{uuid.uuid4().hex[:8]}"
        )

    def name(self) -> str:
        """For per-machine names: hostname and installation (clones with one name differ)."""
        return f"{self.hostname}-{self.installation[:8]}" if self.installation else self.hostname


def local_token() -> str:
    """Boot and PID namespace, hashed; random (never equal to another's) if unreadable."""
    try:
        boot = BOOT_ID.read_text(encoding="ascii").strip()
        namespace = os.readlink(PID_NAMESPACE)
    except OSError:
        return uuid.uuid4().hex[:12]
    return hashlib.sha256(f"{boot}/{namespace}".encode()).hexdigest()[:12]


def installation_identity(state_dir: Path) -> str:
    """The identity in ``state_dir``, made on first use; processes starting at once agree."""
    path = state_dir / IDENTITY_FILE
    try:
        return path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        pass
    state_dir.mkdir(parents=True, exist_ok=True, mode=0o750)
    # Written in full under a name of its own, then linked into place: nobody ever reads
    # a half-written identity, and of two processes the first link wins.
    draft = state_dir / f".{IDENTITY_FILE}.{os.getpid()}.{uuid.uuid4().hex[:8]}"
    fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o640)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(uuid.uuid4().hex + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    try:
        os.link(draft, path)
    except FileExistsError:
        pass
    finally:
        draft.unlink()
    return path.read_text(encoding="ascii").strip()


@cache
def this_machine(state_dir: Path | None = None) -> Machine:
    """This process's machine; with ``state_dir`` also the installation's identity."""
    installation = ""
    if state_dir is not None:
        try:
            installation = installation_identity(state_dir)
        except OSError as exc:  # leases stay safe without it; only names lose it
            log.warning("Rechnerkennung in %s nicht lesbar: %s", state_dir, exc)
    return Machine(socket.gethostname(), installation, local_token())
