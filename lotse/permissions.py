"""Files Lotse writes are for the service user and its group, never for everyone.

Letters, their text and the password hashes are personal data. A umask of 027
makes every new folder 0750 and every new file 0640, whatever the caller's umask
(many systems default to 022, which made ``lotse.db`` and the outbox readable for
every local user). It is set where Lotse starts (the CLI, :func:`lotse.app.open_app`);
the documented systemd unit also sets ``UMask=0027``.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

PRIVATE_UMASK = 0o027
PRIVATE_DIR_MODE = 0o750


def restrict_umask() -> int:
    """Add 027 to the process's umask (a stricter one stays); returns the new umask."""
    current = os.umask(PRIVATE_UMASK)
    wanted = current | PRIVATE_UMASK
    os.umask(wanted)
    return wanted


def keep_private(folder: Path) -> None:
    """Create ``folder`` 0750, or take group write and all of "others" off an existing one.

    Folders made by an older Lotse (under umask 022) are 0755: closing the top folder
    closes everything below it to other users.
    """
    folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)
    mode = stat.S_IMODE(folder.stat().st_mode)
    if mode & PRIVATE_UMASK:
        # Not ours (a share set up by IT): theirs to decide.
        with contextlib.suppress(PermissionError):
            folder.chmod(mode & ~PRIVATE_UMASK)
