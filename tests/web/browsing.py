"""Helpers for the browser tests: a German browser context, signing in, screenshots."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, ConsoleMessage, Page, Response, expect

from tests.web.conftest import USERS

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "web"
VIEWPORT = {"width": 1280, "height": 900}


@contextmanager
def german_page(browser: Browser, *, bypass_csp: bool = False, zoom: float = 1.0) -> Iterator[Page]:
    """A fresh context (own cookies) as a German user on a laptop-sized screen.

    ``zoom=2`` is the same screen with the browser zoomed to 200 %: half the CSS pixels,
    each drawn twice as large.
    """
    context = browser.new_context(
        locale="de-DE", timezone_id="Europe/Berlin", bypass_csp=bypass_csp,
        viewport={"width": round(VIEWPORT["width"] / zoom), "height": round(VIEWPORT["height"] / zoom)},
        device_scale_factor=zoom,
    )  # fmt: skip
    context.set_default_timeout(10_000)
    page = context.new_page()
    problems: list[str] = []

    # A page that breaks its own policy (CSP) or loads a missing file is a bug, not noise.
    # Pages themselves may answer 401/403 on purpose; their sub-resources may not.
    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            problems.append(message.text)

    def on_response(response: Response) -> None:
        if response.status >= 400 and response.request.resource_type != "document":
            problems.append(f"{response.status} {response.url}")

    page.on("console", on_console)
    page.on("response", on_response)
    try:
        yield page
    finally:
        context.close()
    assert not problems, f"the browser reported errors: {problems}"


def sign_in(page: Page, base_url: str, who: str) -> None:
    """Through the form, as a person would; ends on the dashboard."""
    page.goto(f"{base_url}/login")
    page.get_by_label("Benutzername").fill(who)
    page.get_by_label("Passwort").fill(USERS[who][2])
    page.get_by_role("button", name="Anmelden").click()
    expect(page).to_have_url(f"{base_url}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Übersicht")


def shoot(page: Page, name: str) -> Path:
    """A full-page screenshot kept as a test artifact (test-artifacts/web/NAME.png)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=path, full_page=True)
    return path


def german_number(text: str) -> float:
    """'1.234,5' → 1234.5 (the workbench prints numbers the German way)."""
    match = re.fullmatch(r"\s*(-?[\d.]+(?:,\d+)?)\s*", text)
    assert match, f"not a number: {text!r}"
    return float(match.group(1).replace(".", "").replace(",", "."))
