"""One Prefect test server for the whole session (its start-up costs seconds)."""

from __future__ import annotations

from collections.abc import Iterator

import psutil
import pytest

from tests import children


@pytest.fixture(scope="session")
def prefect_server() -> Iterator[None]:
    from prefect.testing.utilities import prefect_test_harness

    before = children.child_pids()
    server: list[psutil.Process] = []
    try:
        with prefect_test_harness(server_startup_timeout=90):
            server += children.new_children(before)  # the harness's uvicorn
            yield
    finally:
        # The harness stops its server only if its own teardown gets that far (a log
        # drain that fails, or Ctrl-C during it, skips the stop): stopped here for sure.
        children.stop(server)
