"""Accessibility (BITV 2.0 = WCAG 2.1 AA) of the main pages, checked by axe-core in Chromium.

axe-core comes from the npm registry; ``scripts/bootstrap --test`` installs the pinned
version into the git-ignored ``.tools/``. Violations of impact "serious" or "critical"
fail the test; the lesser ones are listed in the output of a failing run only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from tests.web.browsing import ROOT, VIEWPORT, german_page, shoot, sign_in
from tests.web.conftest import LiveWorkbench

AXE = ROOT / ".tools" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FAILING_IMPACTS = {"serious", "critical"}


def axe_script() -> Path:
    if not AXE.is_file():
        # Missing tooling is a broken setup: the check must not silently go away.
        pytest.fail(f"axe-core is not installed ({AXE} is missing): run scripts/bootstrap --test")
    return AXE


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """axe's WCAG 2.0/2.1 A and AA violations on the page as it is now."""
    page.add_script_tag(path=axe_script())
    result: dict[str, Any] = page.evaluate(
        """async (tags) => await axe.run(document, {
            runOnly: {type: "tag", values: tags},
            resultTypes: ["violations"],
        })""",
        WCAG_TAGS,
    )
    return list(result["violations"])


def describe(where: str, violation: dict[str, Any]) -> str:
    nodes = violation["nodes"]
    lines = [
        f"{where}: [{violation['impact']}] {violation['id']} – {violation['help']}"
        f" ({len(nodes)}×, {violation['helpUrl']})"
    ]
    for node in nodes[:3]:
        summary = (node.get("failureSummary") or "").replace("\n", " ")
        lines.append(f"    {' '.join(map(str, node['target']))}: {node['html'][:160]}")
        lines.append(f"      {summary[:300]}")
    return "\n".join(lines)


class Audit:
    """Collects the violations of every page checked, to report them all at once."""

    def __init__(self) -> None:
        self.checked: list[str] = []
        self.serious: list[str] = []
        self.lesser: list[str] = []

    def check(self, page: Page, where: str) -> None:
        self.checked.append(where)
        shoot(page, f"a11y-{where}")
        for violation in axe_violations(page):
            target = self.serious if violation["impact"] in FAILING_IMPACTS else self.lesser
            target.append(describe(where, violation))

    def report(self) -> str:
        text = f"{len(self.serious)} serious or critical accessibility violations:\n"
        text += "\n".join(self.serious)
        if self.lesser:
            text += "\n\nLesser ones (not failing):\n" + "\n".join(self.lesser)
        return text


# bypass_csp: the workbench's Content-Security-Policy forbids every script that is
# not its own (it has none), which also blocks axe.min.js injected by the test. The
# policy is not what is checked here, and test_browser.py runs with the policy on.


def test_axe_finds_a_known_violation(browser: Browser) -> None:
    """The check itself works: an unlabelled field and an image without alt are caught."""
    with german_page(browser, bypass_csp=True) as page:
        page.set_content(
            '<!doctype html><html lang="de"><head><title>Probe</title></head><body><main>'
            '<h1>Probe</h1><input id="x"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
            "</main></body></html>"
        )
        found = {v["id"]: v["impact"] for v in axe_violations(page)}
    assert found.get("label") == "critical", found
    assert found.get("image-alt") == "critical", found


def test_main_pages_have_no_serious_accessibility_violations(
    live_workbench: LiveWorkbench, browser: Browser
) -> None:
    url = live_workbench.url
    bench = live_workbench.bench
    letter_id = bench.review_letter()
    own_process = bench.process_ids["63:Process_Bauantrag"]
    other_process = bench.process_ids["20:Process_Rechnungseingang"]
    audit = Audit()

    with german_page(browser, bypass_csp=True) as page:
        page.goto(f"{url}/login")
        audit.check(page, "anmelden")
        page.get_by_label("Benutzername").fill("pilot63")
        page.get_by_label("Passwort").fill("falsch")
        page.get_by_role("button", name="Anmelden").click()
        page.get_by_role("alert").wait_for()
        audit.check(page, "anmelden-fehler")

    with german_page(browser, bypass_csp=True) as page:
        sign_in(page, url, "pilot63")
        audit.check(page, "uebersicht")
        for where, path in [
            ("katalog", "/katalog"),
            ("prozess-eigenes-amt", f"/katalog/{own_process}"),  # facts form
            ("prozess-anderes-amt", f"/katalog/{other_process}"),  # facts read-only
            ("hochladen", "/hochladen"),
            ("berichte", "/berichte"),
            ("passwort", "/passwort"),
            ("keine-berechtigung", "/pipeline"),
        ]:
            page.goto(f"{url}{path}")
            audit.check(page, where)
        page.goto(f"{url}/hochladen")
        page.get_by_label("BPMN-Datei").set_input_files(
            files=[{"name": "kaputt.bpmn", "mimeType": "text/xml", "buffer": b"<definitions>"}]
        )
        page.get_by_role("button", name="Hochladen und bewerten").click()
        page.get_by_role("alert").wait_for()
        audit.check(page, "hochladen-fehler")

    with german_page(browser, bypass_csp=True) as page:
        sign_in(page, url, "it")
        for where, path in [
            ("pipeline", "/pipeline"),
            ("poststelle", "/post"),
            ("brief", f"/post/{letter_id}"),
            ("prozess-it", f"/katalog/{own_process}"),  # status form
        ]:
            page.goto(f"{url}{path}")
            audit.check(page, where)

    with german_page(browser, bypass_csp=True) as page:
        sign_in(page, url, "admin")
        page.goto(f"{url}/admin/benutzer")
        audit.check(page, "benutzer")

    assert not audit.serious, audit.report()


def test_pages_reflow_at_200_percent_zoom(live_workbench: LiveWorkbench, browser: Browser) -> None:
    """WCAG 1.4.10: at 200 % nothing scrolls sideways, the header stays short, axe passes.

    The drawing is a diagram and keeps its own frame to scroll in; the page around it must not.
    """
    url = live_workbench.url
    bench = live_workbench.bench
    letter_id = bench.review_letter()
    own_process = bench.process_ids["63:Process_Bauantrag"]
    audit = Audit()
    problems: list[str] = []

    def check(page: Page, where: str) -> None:
        width, view, header = page.evaluate(
            """() => [document.documentElement.scrollWidth, window.innerWidth,
                      document.querySelector("header").getBoundingClientRect().height]"""
        )
        if width > view:
            problems.append(f"{where}: {width} px wide in a {view} px window")
        if header > 0.16 * VIEWPORT["height"] / 2:
            problems.append(f"{where}: the header takes {header:.0f} px of the first screen")
        audit.check(page, f"200-{where}")

    with german_page(browser, bypass_csp=True, zoom=2) as page:
        sign_in(page, url, "pilot63")
        check(page, "uebersicht")
        for where, path in [
            ("katalog", "/katalog"),
            ("katalog-gefiltert", "/katalog?amt=63&status=assessed"),
            ("prozess", f"/katalog/{own_process}"),
            ("hochladen", "/hochladen"),
            ("berichte", "/berichte"),
        ]:
            page.goto(f"{url}{path}")
            check(page, where)

    with german_page(browser, bypass_csp=True, zoom=2) as page:
        sign_in(page, url, "it")
        for where, path in [
            ("pipeline", "/pipeline"),
            ("poststelle", "/post"),
            ("brief", f"/post/{letter_id}"),
            ("prozess-it", f"/katalog/{own_process}"),
        ]:
            page.goto(f"{url}{path}")
            check(page, where)

    assert not problems, "\n".join(problems)
    assert not audit.serious, audit.report()
