"""The Workshop page in a real Chromium: a trainer compares the five toast drawings,
corrects what Lotse did not see, and takes the page along for the debrief."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Browser, Locator, Page, expect

from processes.workshop.aligned import AGREEMENT_COLOURS
from tests.conftest import SAMPLES
from tests.web.browsing import german_page, shoot, sign_in
from tests.web.conftest import LiveWorkbench
from tests.web.test_accessibility import Audit

TOAST = sorted((SAMPLES / "workshop" / "toast").glob("*.bpmn"))


def row(page: Page, label: str) -> Locator:
    """The row of the step table whose step some drawing calls ``label``."""
    return page.locator("#zuordnung tbody tr").filter(has_text=label)


def combined_fill(page: Page, label: str) -> str:
    """The fill of the step ``label`` in the combined view (the drawing's own colouring)."""
    group = page.locator("#gemeinsam g.bpmn-el").filter(
        has=page.locator("title", has_text=re.compile(re.escape(label)))
    )
    expect(group).to_have_count(1)
    fill = group.locator("rect, circle, path").first.get_attribute("fill")
    return (fill or "").lower()


def test_trainer_compares_the_toast_drawings_and_joins_two_steps(
    live_workbench: LiveWorkbench, browser: Browser, tmp_path: Path
) -> None:
    url = live_workbench.url
    audit = Audit()
    with german_page(browser) as page:
        sign_in(page, url, "pilot63")
        page.get_by_role("link", name="Workshop", exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "Workshop: Zeichnungen vergleichen"
        )
        page.get_by_label("BPMN-Dateien (mehrere auf einmal)").set_input_files(TOAST)
        page.get_by_role("button", name="Vergleichen").click()

        expect(page).to_have_url(re.compile(rf"^{re.escape(url)}/workshop/[A-Za-z0-9_-]{{24}}$"))
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "Workshop-Vergleich: Toast zubereiten"
        )
        # The drawings side by side, each with "Was fehlt Ihnen vielleicht?".
        drawings = page.locator("#zeichnungen .side-by-side > section")
        expect(drawings).to_have_count(5)
        for index, path in enumerate(TOAST):
            expect(drawings.nth(index).get_by_role("heading", level=3)).to_have_text(path.name)
            expect(drawings.nth(index).locator("svg.bpmn-drawing")).to_be_visible()
        expect(page.get_by_text("Was fehlt Ihnen vielleicht?", exact=True)).to_have_count(5)
        expect(page.locator("#automatisierung")).to_contain_text("Mehrheitssicht")
        shoot(page, "workshop-vergleich")

        # Lotse does not know that Dirk's "Toastscheiben einlegen" is what Anna and
        # Carla call "Brot(scheibe) in den Toaster stecken": two rows, two colours.
        dirk = row(page, "Toastscheiben einlegen")
        carla = row(page, "Brot in den Toaster stecken")
        expect(dirk.locator("td.num")).to_have_text("1/5")
        expect(carla.locator("td.num")).to_have_text("2/5")
        assert combined_fill(page, "Toastscheiben einlegen") == AGREEMENT_COLOURS["one"]
        steps_before = page.locator("#zuordnung tbody tr").count()

        dirk.get_by_role("checkbox").check()
        carla.get_by_role("checkbox").check()
        page.get_by_role("button", name="Ausgewählte Schritte gehören zusammen").click()

        expect(page).to_have_url(re.compile(r"/workshop/[A-Za-z0-9_-]{24}#zuordnung$"))
        expect(page.locator("#zuordnung").get_by_role("status")).to_contain_text(
            "sind jetzt ein gemeinsamer Schritt"
        )
        # One row for the three drawings, fixed by hand; the combined view has it in the
        # majority colour, and Dirk's step is no longer a step of its own.
        expect(page.locator("#zuordnung tbody tr")).to_have_count(steps_before - 1)
        joined = row(page, "Toastscheiben einlegen")
        expect(joined).to_have_count(1)
        expect(joined.locator("td.num")).to_have_text("3/5")
        expect(joined).to_contain_text("von Hand zugeordnet")
        expect(joined).to_contain_text("Brot in den Toaster stecken")
        joined_label = joined.locator("th").inner_text().split(" (")[0]
        assert combined_fill(page, joined_label) == AGREEMENT_COLOURS["majority"]
        expect(
            page.locator("#gemeinsam g.bpmn-el title", has_text="Toastscheiben einlegen")
        ).to_have_count(0)
        # Ben and Emil are now told that the majority puts the bread in.
        ben = page.locator("#zeichnungen .side-by-side > section").filter(has_text="ben.bpmn")
        expect(ben.locator(".hints")).to_contain_text(joined_label)
        shoot(page, "workshop-korrigiert")
        comparison_url = page.url.split("#")[0]

        # "gehört nicht dazu" takes Dirk's step out again, as a step of its own.
        joined.get_by_role(
            "button", name="„Toastscheiben einlegen“ in dirk.bpmn gehört nicht dazu"
        ).click()
        expect(page.locator("#zuordnung").get_by_role("status")).to_contain_text(
            "„Toastscheiben einlegen“ (dirk.bpmn) ist jetzt ein Schritt für sich"
        )
        expect(row(page, "Toastscheiben einlegen").locator("td.num")).to_have_text("1/5")

        # The page for the room, as it stands now.
        with page.expect_download() as download_info:
            page.get_by_role("link", name=re.compile("HTML herunterladen")).click()
        offline = tmp_path / "workshop.html"
        download_info.value.save_as(offline)
        text = offline.read_text(encoding="utf-8")
        assert "Workshop-Vergleich: Toast zubereiten" in text
        assert "von Hand festgelegt" in text

        page.goto(f"{url}/workshop")
        expect(page.get_by_role("link", name="Toast zubereiten")).to_be_visible()

    # Accessibility, with the policy bypassed for axe (see test_accessibility.py).
    with german_page(browser, bypass_csp=True) as page:
        sign_in(page, url, "pilot63")
        page.goto(comparison_url)
        audit.check(page, "workshop-vergleich")
        page.goto(f"{url}/workshop")
        audit.check(page, "workshop-formular")
    assert not audit.serious, audit.report()
