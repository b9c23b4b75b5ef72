"""The workbench in a real headless Chromium (system browser, German locale, 1280×900).

Each test walks one story a user of the workbench has, through the pages as they are
rendered, and keeps full-page screenshots in ``test-artifacts/web/``.
"""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from processes.scoring import CATEGORY_COLOURS, Category
from tests.conftest import SAMPLES
from tests.web.browsing import german_number, german_page, shoot, sign_in
from tests.web.conftest import LiveWorkbench


def scores(page: Page) -> dict[str, float]:
    """The three numbers at the top of the assessment, by their German caption."""
    cards = page.locator("#bewertung .kennzahlen li")
    found = {}
    for i in range(3):
        card = cards.nth(i)
        found[card.locator(".was").inner_text()] = german_number(card.locator(".zahl").inner_text())
    return found


# -- a pilot uploads a diagram and sees what Lotse made of it ----------------------------


def test_pilot_uploads_a_diagram_and_sees_drawing_score_and_reasons(
    live_workbench: LiveWorkbench, browser: Browser, tmp_path: Path
) -> None:
    url = live_workbench.url
    # The workshop sample of department 63, saved as a new process of the same department
    # (the unchanged file is already in the fixture's catalogue and would only be "unverändert").
    source = (SAMPLES / "bpmn" / "bauantrag.bpmn").read_text(encoding="utf-8")
    diagram = tmp_path / "bauvoranfrage.bpmn"
    diagram.write_text(
        source.replace("Process_Bauantrag", "Process_Bauvoranfrage").replace(
            'name="Bauantrag bearbeiten"', 'name="Bauvoranfrage bearbeiten"'
        ),
        encoding="utf-8",
    )
    not_bpmn = tmp_path / "notizen.bpmn"
    not_bpmn.write_text("Das ist eine Notiz, kein Diagramm.", encoding="utf-8")

    with german_page(browser) as page:
        sign_in(page, url, "pilot63")
        shoot(page, "dashboard-pilot")
        page.get_by_role("link", name="Hochladen", exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Diagramm hochladen")
        expect(page.get_by_text("Das Diagramm wird Ihrem Amt 63")).to_be_visible()

        # A file that is not BPMN: a German error on the same page, the form still there.
        page.get_by_label("BPMN-Datei").set_input_files(not_bpmn)
        page.get_by_role("button", name="Hochladen und bewerten").click()
        error = page.get_by_role("alert")
        expect(error).to_contain_text("Die Datei wurde nicht übernommen:")
        expect(page.get_by_label("BPMN-Datei")).to_have_attribute("aria-describedby", "fehler")
        shoot(page, "upload-error")

        page.get_by_label("BPMN-Datei").set_input_files(diagram)
        page.get_by_label("Anzahl IT-Systeme").fill("3")
        shoot(page, "upload-form")
        page.get_by_role("button", name="Hochladen und bewerten").click()

        expect(page).to_have_url(re.compile(rf"^{re.escape(url)}/katalog/\d+$"))
        expect(page.get_by_role("heading", level=1)).to_have_text("Bauvoranfrage bearbeiten")
        expect(page.get_by_role("status").first).to_contain_text("neu im Katalog (Version 1)")
        expect(page.locator(".eckdaten").first).to_contain_text("63 ")

        # The drawing: inline SVG, described for screen readers, big enough to read.
        drawing = page.locator("#zeichnung svg[role='img']")
        expect(drawing).to_be_visible()
        expect(drawing.locator("title").first).to_have_text(
            "Ablaufdiagramm „Bauvoranfrage bearbeiten“"
        )
        box = drawing.bounding_box()
        assert box and box["width"] > 800 and box["height"] > 200, box
        # Drawn at its own size (12 px labels), not shrunk to the page width; the canvas
        # around it scrolls, also from the keyboard.
        scale = drawing.evaluate("s => s.getBoundingClientRect().width / s.viewBox.baseVal.width")
        assert scale > 0.95, f"drawing shrunk to {scale:.0%}: its labels are unreadable"
        canvas = page.locator("#zeichnung .leinwand")
        canvas.focus()
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")
        page.wait_for_function("c => c.scrollLeft > 0", arg=canvas.element_handle())
        # Tasks are drawn in the colours of their category.
        fills = drawing.locator("rect").evaluate_all(
            "rects => rects.map(r => (r.getAttribute('fill') || '').toLowerCase())"
        )
        colours = {colour.lower() for colour in CATEGORY_COLOURS.values()}
        coloured = [fill for fill in fills if fill in colours]
        assert len(coloured) >= 3, f"no task coloured by its category: {sorted(set(fills))}"

        # The legend under the drawing names every category.
        legend = page.locator("#zeichnung figcaption")
        for category in Category:
            expect(legend).to_contain_text(category.german)

        # Scores, then the reasons for each criterion.
        numbers = scores(page)
        assert set(numbers) == {
            "Automatisierungspotenzial (0–100)",
            "Umsetzbarkeit (0–100)",
            "Stunden pro Jahr, die ein Roboter übernehmen könnte",
        }
        assert 0 < numbers["Automatisierungspotenzial (0–100)"] <= 100
        assert 0 < numbers["Umsetzbarkeit (0–100)"] <= 100
        assert numbers["Stunden pro Jahr, die ein Roboter übernehmen könnte"] > 0
        reasons = page.locator("#bewertung table tbody tr")
        assert reasons.count() >= 4
        for row in range(reasons.count()):
            assert reasons.nth(row).locator("td").last.inner_text().strip(), (
                "a criterion without reason"
            )

        # The tasks table is the drawing's text alternative: one row per task, each explained.
        tasks = page.locator("#aufgaben tbody tr")
        assert tasks.count() >= 5
        categories = {c.german for c in Category}
        for row in range(tasks.count()):
            cells = tasks.nth(row)
            assert cells.locator("th").inner_text().strip()
            assert cells.locator(".kategorie").inner_text() in categories
            assert cells.locator(".gruende li").count() >= 1
        # … and the drawing holds the same number of coloured tasks (plus its own legend).
        assert len(coloured) >= tasks.count()
        shoot(page, "process-uploaded")


# -- the pilot edits facts and sees the score change ------------------------------------


def test_pilot_edits_facts_and_sees_the_score_change(
    live_workbench: LiveWorkbench, browser: Browser
) -> None:
    url = live_workbench.url
    process_id = live_workbench.bench.process_ids["63:Process_Bauantrag"]
    with german_page(browser) as page:
        sign_in(page, url, "pilot63")
        page.goto(f"{url}/katalog/{process_id}")
        before = scores(page)

        # From the scores at the top to the form in one click (it is far down the page).
        page.locator("#bewertung").get_by_role("link", name="Fakten ändern").click()
        facts = page.locator("#fakten form")
        expect(facts.get_by_label("Fälle pro Monat")).to_be_in_viewport()
        expect(facts.get_by_label("Fälle pro Monat")).to_have_value("85")
        expect(facts.get_by_label("Anteil digitaler Eingänge (%)")).to_have_value("30")
        facts.get_by_label("Fälle pro Monat").fill("400")
        facts.get_by_label("Anteil digitaler Eingänge (%)").fill("950")  # a typo
        facts.get_by_label("Rechtsgrundlage").fill("§ 58 LBO")
        shoot(page, "facts-before")
        facts.get_by_role("button", name="Fakten speichern und neu bewerten").click()

        # Refused: everything typed is still there, the problem stands at its field, and
        # that field has the focus, on screen, without scrolling.
        share = facts.get_by_label("Anteil digitaler Eingänge (%)")
        expect(share).to_be_focused()
        expect(share).to_be_in_viewport()
        expect(share).to_have_value("950")
        expect(share).to_have_attribute("aria-invalid", "true")
        expect(page.locator("#digital-fehler")).to_have_text(
            "Anteil digitaler Eingänge „950“ muss zwischen 0 und 100 % liegen"
        )
        expect(page.locator("#digital-fehler")).to_be_in_viewport()
        expect(facts.get_by_label("Fälle pro Monat")).to_have_value("400")
        expect(facts.get_by_label("Rechtsgrundlage")).to_have_value("§ 58 LBO")
        assert scores(page) == before, "nothing was stored"
        shoot(page, "facts-refused")

        share.fill("95")
        facts.get_by_role("button", name="Fakten speichern und neu bewerten").click()
        expect(page).to_have_url(f"{url}/katalog/{process_id}#fakten")
        # The change is reported where the pilot pressed the button, not at the top.
        message = page.locator("#fakten").get_by_role("status")
        expect(message).to_contain_text("Fakten gespeichert, der Prozess ist neu bewertet.")
        expect(message).to_be_in_viewport()
        after = scores(page)
        potential, hours = (
            "Automatisierungspotenzial (0–100)",
            "Stunden pro Jahr, die ein Roboter übernehmen könnte",
        )
        assert after[potential] > before[potential], (before, after, message.inner_text())
        assert after[hours] > before[hours], (before, after)
        # The message says what changed, in the numbers the page now shows.
        expect(message).to_contain_text(
            f"Potenzial {before[potential]:.0f} → {after[potential]:.0f}"
        )
        expect(message).to_contain_text("Stunden pro Jahr")
        # The form keeps the new facts.
        expect(facts.get_by_label("Fälle pro Monat")).to_have_value("400")
        expect(facts.get_by_label("Anteil digitaler Eingänge (%)")).to_have_value("95")
        expect(facts.get_by_label("Rechtsgrundlage")).to_have_value("§ 58 LBO")
        shoot(page, "facts-after")

        # A process of another department: its facts are shown, not editable.
        other = live_workbench.bench.process_ids["20:Process_Rechnungseingang"]
        page.goto(f"{url}/katalog/{other}")
        expect(page.locator("#fakten")).to_be_visible()
        expect(page.locator("#fakten form")).to_have_count(0)
        expect(page.locator("#fakten")).to_contain_text(
            "Fakten pflegen die Digitallotsen des Amtes 20 Kämmerei und Stadtkasse"
        )


# -- IT moves a candidate along the pipeline; a pilot may not ---------------------------


def test_it_changes_pipeline_status_and_a_pilot_is_refused(
    live_workbench: LiveWorkbench, browser: Browser
) -> None:
    url = live_workbench.url
    process_id = live_workbench.bench.process_ids["63:Process_Bauantrag"]
    comment = "Im Workshop am 12.3. priorisiert"
    with german_page(browser) as page:
        sign_in(page, url, "it")
        page.goto(f"{url}/katalog/{process_id}")
        status = page.locator("#status")
        # Scored on upload, the process stands as "Bewertet"; skipping needs a reason.
        expect(page.locator(".eckdaten").first).to_contain_text("Bewertet")
        status.get_by_label("Neuer Status").select_option(
            label="Im Betrieb (überspringt Freigegeben, In Entwicklung, mit Begründung)"
        )
        status.get_by_role("button", name="Status ändern").click()
        expect(page.get_by_role("alert")).to_contain_text("nur mit Begründung")
        expect(page.locator(".eckdaten").first).to_contain_text("Bewertet")

        status.get_by_label("Neuer Status").select_option(label="Freigegeben (nächster Schritt)")
        status.get_by_label("Begründung").fill(comment)
        status.get_by_role("button", name="Status ändern").click()

        expect(page).to_have_url(f"{url}/katalog/{process_id}#status")
        expect(page.get_by_role("status").first).to_contain_text(
            "„Bauantrag bearbeiten“ ist jetzt „Freigegeben“."
        )
        newest = page.locator("#status tbody tr").first
        expect(newest).to_contain_text("Freigegeben")
        expect(newest).to_contain_text(comment)
        expect(newest.locator("td").nth(3)).to_have_text("it")
        expect(page.locator(".eckdaten").first).to_contain_text("Freigegeben")
        shoot(page, "status-changed")

        # On the pipeline board the process now stands under "Freigegeben"; moved on from there.
        page.get_by_role("link", name="Pipeline").click()
        column = page.locator(
            "section.spalte", has=page.get_by_role("heading", name=re.compile("^Freigegeben"))
        )
        card = column.locator("li.karte", has_text="Bauantrag bearbeiten")
        expect(card).to_be_visible()
        card.get_by_text("Status ändern").click()  # the form folds out of the card
        card.get_by_label("Neuer Status für Bauantrag bearbeiten").select_option(
            label="In Entwicklung"
        )
        card.get_by_label("Begründung zu Bauantrag bearbeiten").fill("Roboter wird gebaut")
        card.get_by_role("button", name="Ändern").click()
        expect(page).to_have_url(f"{url}/pipeline")
        moved = page.locator(
            "section.spalte", has=page.get_by_role("heading", name=re.compile("^In Entwicklung"))
        )
        expect(moved.locator("li.karte", has_text="Bauantrag bearbeiten")).to_be_visible()
        expect(column.locator("li.karte", has_text="Bauantrag bearbeiten")).to_have_count(0)
        shoot(page, "pipeline")

    with german_page(browser) as page:
        sign_in(page, url, "pilot63")
        # The pilot sees the history but gets no form to change it.
        page.goto(f"{url}/katalog/{process_id}")
        history = page.locator("#status")
        expect(history).to_contain_text(comment)
        expect(history.locator("form")).to_have_count(0)
        expect(page.get_by_role("button", name="Status ändern")).to_have_count(0)
        # Nor links to IT pages in the navigation …
        nav = page.get_by_role("navigation", name="Hauptnavigation")
        expect(nav.get_by_role("link", name="Pipeline")).to_have_count(0)
        expect(nav.get_by_role("link", name="Poststelle")).to_have_count(0)
        # … and typing the address gives the German refusal page.
        for path in ("/pipeline", "/post"):
            answer = page.goto(f"{url}{path}")
            assert answer is not None and answer.status == 403, path
            expect(page.get_by_role("heading", level=1)).to_have_text("Keine Berechtigung")
            expect(page.locator("main")).to_contain_text("fehlt Ihnen die Berechtigung")
            expect(page).to_have_title(re.compile("Keine Berechtigung"))
        shoot(page, "refused-pilot")


# -- IT clears the mailroom's review queue ----------------------------------------------


# -- keyboard only ------------------------------------------------------------------------


def test_sign_in_with_the_keyboard_and_skip_link_first(
    live_workbench: LiveWorkbench, browser: Browser
) -> None:
    url = live_workbench.url
    first_focusable = """() => {
        const all = document.querySelectorAll(
          'a[href], button, input:not([type=hidden]), select, textarea, [tabindex]:not([tabindex="-1"])');
        return all[0].textContent.trim();
    }"""
    with german_page(browser) as page:
        page.goto(f"{url}/login")
        assert page.evaluate(first_focusable) == "Zum Inhalt springen"
        # The cursor starts in the first field; Tab and Enter do the rest.
        expect(page.get_by_label("Benutzername")).to_be_focused()
        page.keyboard.type("pilot63")
        page.keyboard.press("Tab")
        expect(page.get_by_label("Passwort")).to_be_focused()
        page.keyboard.type("pilot63-passwort")
        page.keyboard.press("Enter")
        expect(page).to_have_url(f"{url}/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Übersicht")

        # The first Tab on a page lands on the skip link, which then shows up …
        assert page.evaluate(first_focusable) == "Zum Inhalt springen"
        page.keyboard.press("Tab")
        skip = page.get_by_role("link", name="Zum Inhalt springen")
        expect(skip).to_be_focused()
        box = skip.bounding_box()
        assert box and 0 <= box["x"] < 1280 and 0 <= box["y"] < 900, box
        shoot(page, "skip-link")
        # … and Enter jumps over the navigation into the content.
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "inhalt"
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.closest('main') !== null")

        # A wrong password is announced and the form can be retried from the keyboard.
        page.get_by_role("button", name="Abmelden").press("Enter")
        expect(page).to_have_url(f"{url}/login")
        expect(page.get_by_label("Benutzername")).to_be_focused()
        page.keyboard.type("pilot63")
        page.keyboard.press("Tab")
        page.keyboard.type("falsch")
        page.keyboard.press("Enter")
        expect(page.get_by_role("alert")).to_have_text("Benutzername oder Passwort stimmen nicht.")
        shoot(page, "login-error")


# -- the report opens in the browser, with word that it is being built -------------------


def test_report_opens_in_a_new_tab_with_a_progress_page(
    live_workbench: LiveWorkbench, browser: Browser
) -> None:
    url = live_workbench.url
    with german_page(browser) as page:
        sign_in(page, url, "pilot63")
        page.get_by_role("link", name="Berichte").click()
        seen: list[str] = []
        problems: list[str] = []
        page.context.on(
            "response",
            lambda r: (
                seen.append(f"{r.status} {r.url.removeprefix(url)}")
                if "/berichte" in r.url
                else None
            ),
        )
        with page.expect_popup() as opened:
            page.get_by_role("link", name="Bericht im Browser öffnen").click()
        report = opened.value
        report.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        report.wait_for_url(f"{url}/berichte/report.html?im_browser=1")
        expect(report.get_by_role("heading", level=1)).to_be_visible()
        # The report's own styles apply (its policy allows them), nothing was blocked.
        font = report.evaluate("getComputedStyle(document.documentElement).fontFamily")
        assert "system-ui" in font, font
        assert not problems, problems
        # The ranking fits a 1280 px window: long Amt names wrap, the table does not scroll.
        table, box = report.evaluate(
            "() => { const t = document.querySelector('table.ranking');"
            " return [t.scrollWidth, t.parentElement.clientWidth]; }"
        )
        assert table <= box, f"the ranking is {table} px wide in a {box} px column"
        # First the page with the progress bar, then the report: shown, not downloaded.
        assert seen[:2] == ["200 /berichte/ansehen", "200 /berichte/report.html?im_browser=1"], seen
        assert page.url == f"{url}/berichte", "the workbench stays open in its own tab"
        report.screenshot(path=shoot(page, "reports").with_name("report-in-browser.png"))
