"""Chromium for tests: the robots' own launcher, failing (not skipping) without it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from playwright.sync_api import Browser

from robots import browser


@contextmanager
def chromium() -> Iterator[Browser]:
    try:
        browser.chromium_path()
    except browser.BrowserMissing as exc:
        # A missing browser is a broken setup, not a reason to skip.
        pytest.fail(str(exc))
    with browser.chromium() as launched:
        yield launched
