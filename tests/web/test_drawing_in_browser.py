"""The drawing on the process page in Chromium, with the content security policy on:
zoom, fit and pan by mouse and keyboard, shapes linked to the task rows, findings that
highlight their element, and a word when only part of the drawing is in the frame."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.web.browsing import german_page, shoot, sign_in
from tests.web.conftest import LiveWorkbench

pytestmark = pytest.mark.usefixtures("cheap_hashing")


def _svg_width(page: Page) -> float:
    return float(page.locator("#leinwand svg").first.get_attribute("width") or 0)


def _frame(page: Page) -> dict[str, float]:
    return page.locator("#leinwand").evaluate(
        """f => ({left: f.scrollLeft, top: f.scrollTop, width: f.clientWidth,
                  height: f.clientHeight, scrollWidth: f.scrollWidth})"""
    )


def _inside_frame(page: Page, selector: str) -> bool:
    return page.evaluate(
        """(sel) => { const f = document.querySelector("#leinwand").getBoundingClientRect();
                      const s = document.querySelector(sel).getBoundingClientRect();
                      const cx = s.x + s.width / 2, cy = s.y + s.height / 2;
                      return cx > f.left && cx < f.right && cy > f.top && cy < f.bottom
                             && cy > 0 && cy < window.innerHeight; }""",
        selector,
    )


def test_zoom_fit_and_pan_with_mouse_and_keyboard(
    live_workbench: LiveWorkbench, browser: Browser
) -> None:
    url = live_workbench.url
    process_id = live_workbench.bench.process_ids["63:Process_Bauantrag"]  # 2436 px wide
    with german_page(browser) as page:
        sign_in(page, url, "pilot63")
        page.goto(f"{url}/katalog/{process_id}")
        tools = page.get_by_role("toolbar", name="Zeichnung vergrößern und verkleinern")
        expect(tools).to_be_visible()
        original = _svg_width(page)
        assert original > _frame(page)["width"], "the sample is wider than the frame"
        # Clipped: the page says so, with how to move.
        expect(page.locator(".ausschnitt")).to_be_visible()

        tools.get_by_role("button", name="Einpassen").click()
        frame = _frame(page)
        assert frame["scrollWidth"] <= frame["width"] + 1, frame
        expect(page.locator(".ausschnitt")).to_be_hidden()
        expect(tools.locator("output")).not_to_have_text("100 %")
        fitted = _svg_width(page)

        tools.get_by_role("button", name="Vergrößern").click()
        assert _svg_width(page) == pytest.approx(fitted * 1.25, abs=1.5)
        tools.get_by_role("button", name="Originalgröße").click()
        assert _svg_width(page) == pytest.approx(original, abs=1)
        expect(tools.locator("output")).to_have_text("100 %")

        # Dragging with the mouse pans the frame.
        box = page.locator("#leinwand").bounding_box()
        assert box
        before = _frame(page)["left"]
        page.mouse.move(box["x"] + box["width"] - 40, box["y"] + 60)
        page.mouse.down()
        page.mouse.move(box["x"] + 200, box["y"] + 40, steps=8)
        page.mouse.up()
        assert _frame(page)["left"] > before + 300, "dragging left moves the view right"

        # The keyboard: Tab to the frame, arrows pan, minus and plus zoom, 0 fits.
        page.locator("#leinwand").focus()
        left = _frame(page)["left"]
        page.keyboard.press("ArrowLeft")  # native scrolling, maybe smooth: wait for it
        page.wait_for_function(
            "(left) => document.querySelector('#leinwand').scrollLeft < left", arg=left
        )
        page.keyboard.press("-")
        assert _svg_width(page) == pytest.approx(original / 1.25, abs=1.5)
        page.keyboard.press("+")
        assert _svg_width(page) == pytest.approx(original, abs=1.5)
        page.keyboard.press("0")
        assert _svg_width(page) == pytest.approx(fitted, abs=1.5)
        # Ctrl + wheel zooms at the mouse; the plain wheel scrolls the page as usual.
        page.mouse.move(box["x"] + 100, box["y"] + 50)
        page.keyboard.down("Control")
        page.mouse.wheel(0, -100)
        page.keyboard.up("Control")
        assert _svg_width(page) > fitted
        shoot(page, "drawing-zoomed")


def test_shapes_and_task_rows_and_findings_point_at_each_other(
    live_workbench: LiveWorkbench, browser: Browser
) -> None:
    url = live_workbench.url
    process_id = live_workbench.bench.process_ids["10:Process_HauspostVerteilen"]
    with german_page(browser) as page:
        sign_in(page, url, "it")
        page.goto(f"{url}/katalog/{process_id}")
        rows = page.locator("#aufgaben tbody tr")
        row = rows.nth(1)
        element_id = (row.get_attribute("id") or "").removeprefix("aufgabe-")
        shape = f'#leinwand g.bpmn-el[data-element-id="{element_id}"]'

        # A task row's link shows its shape: highlighted, in the middle of the frame, on screen.
        row.get_by_role("link", name="in der Zeichnung zeigen").click()
        expect(page.locator(shape)).to_have_class(re.compile(r"\bhervorgehoben\b"))
        assert _inside_frame(page, shape)
        expect(page.locator("#leinwand")).to_be_focused()

        # A click on a shape leads to its row, with its reasons, and marks it.
        page.get_by_role("button", name="Einpassen").click()
        other = rows.nth(0)
        other_id = (other.get_attribute("id") or "").removeprefix("aufgabe-")
        page.locator(f'#leinwand g.bpmn-el[data-element-id="{other_id}"]').click()
        expect(other).to_have_class(re.compile(r"\bmarkiert\b"))
        expect(page.locator("#aufgaben tr.markiert")).to_have_count(1)
        expect(other).to_be_in_viewport()
        expect(other.get_by_role("link", name="in der Zeichnung zeigen")).to_be_focused()

        # A finding about a flow highlights that flow in the drawing (the toast sample has
        # flows whose conditions are only labels).
        toast = live_workbench.bench.process_ids["Process_ToastZubereiten"]
        page.goto(f"{url}/katalog/{toast}")
        finding = page.locator(
            "#befunde li", has=page.get_by_role("link", name="im Diagramm zeigen")
        ).first
        expect(finding).to_be_visible()
        finding.get_by_role("link", name="im Diagramm zeigen").click()
        highlighted = page.locator("#leinwand g.hervorgehoben")
        expect(highlighted).to_have_count(1)
        expect(highlighted).to_have_class(re.compile(r"\bbpmn-sequenceFlow\b"))
        flow_id = highlighted.get_attribute("data-element-id")
        assert flow_id and _inside_frame(page, f'#leinwand g[data-element-id="{flow_id}"]')
        shoot(page, "drawing-finding")
