"""Who works on a row (a letter, a filing): leases that hold on any fleet.

- **Claim:** one conditional UPDATE takes the row's lease if it is free, expired,
  ours, or held by a process that is provably gone. "Provably" needs the holder
  to run where its pid means what ours mean: the same boot and PID namespace
  (robots.machine), not merely the same hostname. Any other holder is alive until
  its lease runs out.
- **Renewal:** while a process works on the row, :func:`keep_lease` extends the
  lease in the background, so a letter slower than the lease stays its own.
- **Compare-and-set:** every state change first runs :func:`hold` in its
  transaction: an UPDATE that matches only while the row still has the expected
  state and the lease is still ours, and that locks the row until the commit. A
  lost race raises :class:`LeaseLost`; the caller logs it and leaves the row,
  never overwriting what another process did.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import timedelta
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from robots.filings import Filing
from robots.letters import Batch, Letter, utcnow
from robots.machine import Machine, this_machine

log = logging.getLogger(__name__)

# The tables whose rows carry a lease.
LeasedRow = type[Letter] | type[Filing] | type[Batch]
Sessions = Callable[[], AbstractContextManager[Session]]


class LeaseLost(RuntimeError):
    """The row changed hands or state since this process took it (German message)."""


def new_owner(machine: Machine | None = None) -> str:
    return (machine or this_machine()).owner()


def owner_is_dead(owner: str, here: Machine | None = None) -> bool:
    """A holder whose pid can be checked from here (same boot and PID namespace) and is gone."""
    who, _, rest = owner.partition(":")
    pid = rest.partition(":")[0]
    parts = who.split("/")
    local = (here or this_machine()).local
    # Older owners ("host:pid:random") and other machines: only the lease's expiry can tell.
    if len(parts) != 3 or parts[2] != local or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def claim(session: Session, model: LeasedRow, row_id: int, owner: str, seconds: float) -> bool:
    """Take the row's lease if it is free, expired, ours, or held by a process gone from here."""
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


def renew(session: Session, model: LeasedRow, row_id: int, owner: str, seconds: float) -> bool:
    """Extend the lease if it is still ours; False if another process has it now."""
    renewed = session.execute(
        update(model)
        .where(model.id == row_id, model.lease_owner == owner)
        .values(lease_until=utcnow() + timedelta(seconds=seconds))
    )
    return bool(renewed.rowcount)  # type: ignore[attr-defined]


def hold(
    session: Session, model: LeasedRow, row_id: int, owner: str, expected: str | None = None
) -> None:
    """Compare-and-set guard at the start of a state change: still ours, still ``expected``.

    The UPDATE locks the row until the transaction ends (PostgreSQL row lock; SQLite
    writers are serialised anyway), so what the transaction writes next cannot
    interleave with another process's change.
    """
    guard = update(model).where(model.id == row_id, model.lease_owner == owner)
    if expected is not None:
        guard = guard.where(model.status == expected)
    matched = session.execute(
        guard.values(lease_owner=owner).execution_options(synchronize_session=False)
    )
    if matched.rowcount != 1:  # type: ignore[attr-defined]
        current = session.execute(
            select(model.status, model.lease_owner).where(model.id == row_id)
        ).one_or_none()
        state, holder = current if current else ("gelöscht", None)
        raise lost(model, row_id, expected, state, holder)


def lost(
    model: LeasedRow, row_id: int, expected: str | None, state: str, holder: str | None
) -> LeaseLost:
    """The German message of a lost race: what this process expected, what it found."""
    return LeaseLost(
        f"{_name(model)} {row_id} ist nicht mehr in der Hand dieses Laufs "
        f"(erwartet: {expected or 'beliebig'}, jetzt: {state}, bei {holder or 'niemandem'}); "
        "er wird hier nicht weiter bearbeitet."
    )


def _name(model: LeasedRow) -> str:
    return {Letter: "Brief", Batch: "Stapel"}.get(model, "Ablage")


@contextmanager
def keep_lease(
    sessions: Sessions, model: LeasedRow, row_id: int, owner: str, seconds: float
) -> Iterator[threading.Event]:
    """Renew the lease every third of its time while the block runs; the event marks a loss.

    A loss (the lease ran out during a stall and another process took the row) is
    logged; the next :func:`hold` of the worker raises, so it stops at its next step.
    """
    stop, lost = threading.Event(), threading.Event()

    def keep() -> None:
        while not stop.wait(seconds / 3):
            try:
                with sessions() as session:
                    if not renew(session, model, row_id, owner, seconds):
                        lost.set()
                        log.warning(
                            "%s %s: die Bearbeitung hat ein anderer Lauf übernommen",
                            _name(model), row_id,
                        )  # fmt: skip
                        return
            except Exception as exc:  # the database is away for a moment: try again later
                log.warning("%s %s: Lease nicht verlängert: %s", _name(model), row_id, exc)

    keeper = threading.Thread(target=keep, name=f"lease-{row_id}", daemon=True)
    keeper.start()
    try:
        yield lost
    finally:
        stop.set()
        keeper.join()
