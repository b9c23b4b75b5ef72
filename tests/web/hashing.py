"""Argon2 at its smallest cost for HTTP tests that create and sign in many users.

The same library, the same calls (hash, verify, rehash check) and the same code
paths as in production; only the cost parameters are lowered, because at the
production cost (~0.2 s of CPU per hash here) hashing would be most of these
tests' time. The production parameters are those of ``lotse.users``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from argon2 import PasswordHasher


@contextmanager
def cheap_argon2() -> Iterator[None]:
    cheap = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("lotse.users._hasher", cheap)
        # What an unknown name is checked against (same time as a known one): cheap too.
        patch.setattr("lotse.users._DUMMY_HASH", cheap.hash("lotse-kein-benutzer"))
        yield
