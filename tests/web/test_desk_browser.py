"""The mailroom desk in Chromium with the content security policy on: a clerk of the
Poststelle works through the queue with mouse and keys, the scan large beside the decision."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select

from robots.decisions import ReviewOutcome
from tests.web.browsing import VIEWPORT, german_page, shoot
from tests.web.conftest import USERS, LiveWorkbench

pytestmark = pytest.mark.usefixtures("cheap_hashing")


def sign_in_clerk(page: Page, url: str) -> None:
    page.goto(f"{url}/login")
    page.get_by_label("Benutzername").fill("post")
    page.get_by_label("Passwort").fill(USERS["post"][2])
    page.get_by_role("button", name="Anmelden").click()
    expect(page).to_have_url(f"{url}/post")  # the clerk's start page is the queue
    nav = page.get_by_role("navigation", name="Hauptnavigation")
    expect(nav.get_by_role("link")).to_have_count(1)


def test_a_clerk_works_through_the_queue_with_few_clicks_and_keys(
    live_workbench: LiveWorkbench, browser: Browser
) -> None:
    url = live_workbench.url
    bench = live_workbench.bench
    ids = bench.review_letters(4)
    with german_page(browser) as page:
        sign_in_clerk(page, url)
        page.get_by_role("link", name="Prüfen: mit dem ältesten Brief beginnen").click()
        expect(page).to_have_url(f"{url}/post/{ids[0]}")

        # The scan large beside the decision, both on the first screen, the picture loaded.
        desk, scan = page.locator("#entscheiden"), page.locator("#scan-rahmen img").first
        page.wait_for_function(
            "img => img.complete && img.naturalWidth > 0", arg=scan.element_handle()
        )
        desk_box, scan_box = desk.bounding_box(), scan.bounding_box()
        assert desk_box and scan_box
        assert scan_box["x"] + scan_box["width"] <= desk_box["x"], (scan_box, desk_box)
        assert scan_box["width"] > 600, "the scan fills its column"
        for name in ("Keine Verwaltungspost", "Fehlzustellung – zurück", "Neu scannen"):
            expect(desk.get_by_role("button", name=name)).to_be_in_viewport()
        # The keys work at once: the desk has the focus; one Tab reaches the comment.
        expect(desk).to_be_focused()
        page.keyboard.press("Tab")
        expect(desk.get_by_label("Kommentar")).to_be_focused()
        page.keyboard.type("Prospekt eines Möbelhauses")
        page.keyboard.press("Escape")  # back to the keys; the comment stays
        expect(desk).to_be_focused()

        # Zoom the scan: larger, then to the page's width again.
        tools = page.get_by_role("toolbar", name="Scan vergrößern und verkleinern")
        fitted = scan.evaluate("img => img.getBoundingClientRect().width")
        tools.get_by_role("button", name="Größer").click()
        assert scan.evaluate("img => img.getBoundingClientRect().width") > fitted * 1.2
        tools.get_by_role("button", name="Seitenbreite").click()
        assert abs(scan.evaluate("img => img.getBoundingClientRect().width") - fitted) < 3
        shoot(page, "desk-letter")

        # W: keine Verwaltungspost, with the comment typed before; the next letter opens.
        page.wait_for_load_state("load")
        desk.focus()
        page.keyboard.press("w")
        expect(page).to_have_url(f"{url}/post/{ids[1]}")
        saved = page.locator("#letzte-entscheidung")
        expect(saved).to_contain_text(f"Brief {ids[0]}")
        expect(saved).to_contain_text("keine Verwaltungspost")

        # Several Ämter: the list searched by name ("Jug" finds the Jugendamt), original
        # and a copy, then "Zustellen".
        desk = page.locator("#entscheiden")
        chooser = desk.locator("details.aemterwahl")
        if chooser.get_attribute("open") is None:  # open already when the robot has no guess
            desk.get_by_text("Ämter auswählen: Original und Kopien").click()
        search = desk.get_by_label("Amt suchen (Name oder Nummer)")
        search.fill("Jug")
        rows = desk.locator("#aemter tbody tr:visible")
        expect(rows).to_have_count(1)
        expect(rows).to_contain_text("Jugendamt (51)")
        search.press("Enter")  # the only one left: picked as the original, nothing sent yet
        expect(desk.get_by_label("Jugendamt (51)")).to_be_checked()
        search.fill("bürger")
        expect(rows).to_have_count(2), "the chosen original stays in sight"
        desk.get_by_label("Kopie an Bürgeramt").check()
        shoot(page, "desk-several")
        desk.get_by_role("button", name="Zustellen (Original und Kopien)").click()
        expect(page).to_have_url(f"{url}/post/{ids[2]}")

        # P: private mail, the name typed, Enter; then the decision is taken back.
        page.wait_for_load_state("load")  # the desk's script runs once the page is loaded
        page.locator("#entscheiden").focus()
        page.keyboard.press("p")
        expect(page.get_by_label("Privatpost – weitergeben an")).to_be_focused()
        page.keyboard.type("Frau Sommer, Bürgeramt")
        page.keyboard.press("Enter")
        expect(page).to_have_url(f"{url}/post/{ids[3]}")
        page.locator("#letzte-entscheidung").get_by_role(
            "button", name=re.compile("Rückgängig")
        ).click()
        expect(page).to_have_url(f"{url}/post/{ids[2]}")
        expect(page.get_by_role("status").first).to_contain_text("rückgängig gemacht")
        expect(
            page.locator("#entscheiden").get_by_role("button", name="Neu scannen")
        ).to_be_visible()

    with bench.lotse.db.read_session() as session:
        records = session.scalars(select(ReviewOutcome).order_by(ReviewOutcome.id)).all()
    assert [(r.letter_id, r.outcome, r.departments, r.undone_at is not None) for r in records] == [
        (ids[0], "not_mail", [], False),
        (ids[1], "deliver", ["51", "33"], False),
        (ids[2], "private", [], True),
    ]
    assert records[0].comment == "Prospekt eines Möbelhauses", "the comment went with the key"
    assert records[2].handed_to == "Frau Sommer, Bürgeramt"


def test_the_desk_reflows_at_200_percent(live_workbench: LiveWorkbench, browser: Browser) -> None:
    (letter_id,) = live_workbench.bench.review_letters(1)
    with german_page(browser, zoom=2) as page:
        sign_in_clerk(page, live_workbench.url)
        page.goto(f"{live_workbench.url}/post/{letter_id}")
        width, view = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width <= view, (width, view)
        # Stacked: the decision first, the scan under it.
        desk = page.locator("#entscheiden").bounding_box()
        scan = page.locator("#scan-rahmen").bounding_box()
        assert desk and scan and scan["y"] >= desk["y"] + desk["height"] - 1
        assert VIEWPORT["width"] / 2 == view
        shoot(page, "desk-200")
