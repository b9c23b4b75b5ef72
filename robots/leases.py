"""Who works on a row: leases with owners as ``host:pid:random``.

A row (a letter, a filing) is worked on by one process at a time: it takes
the row's lease with one conditional UPDATE, so two runs at once never both
get it. On the same host a lease whose process is gone can be taken at once;
on another host only the lease's expiry tells that its holder died.
"""

from __future__ import annotations

import os
import socket
import uuid
from datetime import timedelta
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from robots.filings import Filing
from robots.letters import Letter, utcnow

# The tables whose rows carry a lease.
LeasedRow = type[Letter] | type[Filing]


def new_owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def owner_is_dead(owner: str) -> bool:
    """A lease holder on this host whose process no longer exists (killed, crashed)."""
    host, _, rest = owner.partition(":")
    pid = rest.partition(":")[0]
    if host != socket.gethostname() or not pid.isdigit():
        return False  # another machine: only the lease's expiry can tell
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def claim(session: Session, model: LeasedRow, row_id: int, owner: str, seconds: float) -> bool:
    """Take the row's lease if it is free, expired, ours, or held by a dead process here."""
    now = utcnow()
    holder = session.scalar(select(model.lease_owner).where(model.id == row_id))
    free: Any = or_(
        model.lease_owner.is_(None), model.lease_until < now, model.lease_owner == owner
    )
    if holder and owner_is_dead(holder):
        free = or_(free, model.lease_owner == holder)
    claimed = session.execute(
        update(model)
        .where(model.id == row_id, free)
        .values(lease_owner=owner, lease_until=now + timedelta(seconds=seconds))
    )
    return bool(claimed.rowcount)  # type: ignore[attr-defined]


def release(session: Session, model: LeasedRow, row_id: int, owner: str) -> None:
    """Give the lease back (only if it is still ours)."""
    session.execute(
        update(model)
        .where(model.id == row_id, model.lease_owner == owner)
        .values(lease_owner=None, lease_until=None)
    )
