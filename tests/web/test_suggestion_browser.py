"""The clerk's view of a learned suggestion, in a real Chromium: seen, understood, taken."""

from __future__ import annotations

import dataclasses
import shutil
from datetime import timedelta

from playwright.sync_api import Browser, expect

from robots.letters import Letter, LetterStatus, utcnow
from robots.suggestions import retrain
from tests.conftest import SAMPLES
from tests.robots.learning_data import sample_examples
from tests.web.browsing import german_page, shoot, sign_in
from tests.web.conftest import LiveWorkbench


def test_clerk_sees_the_suggestion_with_its_words_and_takes_it(
    live_workbench: LiveWorkbench, browser: Browser
) -> None:
    lotse = live_workbench.bench.lotse
    with lotse.db.session() as session:  # decisions the clerks made before
        for number, example in enumerate(sample_examples()):
            session.add(
                Letter(
                    sha256=example.key, name=f"brief-{number}.pdf", text=example.text,
                    status=LetterStatus.ARCHIVED.value, department=example.department,
                    routed_by="person", decided_by="poststelle",
                )
            )  # fmt: skip
    with lotse.db.session() as session:
        assert retrain(session).trained
    room = lotse.mailroom()
    room.config = dataclasses.replace(room.config, stable_seconds=0, workers=1)
    room.config.inbox.mkdir(parents=True, exist_ok=True)
    shutil.copy(SAMPLES / "mail/emails/Rechnung 2026-4471.eml", room.config.inbox / "r.eml")
    (outcome,) = room.run()
    assert outcome.status == "review"
    url = live_workbench.url

    with german_page(browser) as page:
        sign_in(page, url, "it")
        page.goto(f"{url}/post/{outcome.letter_id}")
        box = page.locator(".vorschlag")
        expect(box.get_by_role("heading")).to_have_text("Vorschlag des gelernten Modells")
        expect(box).to_contain_text("20 Kämmerei und Stadtkasse")
        expect(box).to_contain_text("Wörter, die dafür sprechen:")
        shoot(page, "review-suggestion")
        box.get_by_role(
            "button", name="Vorschlag übernehmen: an 20 Kämmerei und Stadtkasse"
        ).click()
        page.wait_for_load_state()
        # Carried out once the undo time is over, as by the robot's next run.
        later = utcnow() + timedelta(seconds=room.config.undo_seconds + 1)
        for letter_id in room.apply_due_decisions(later):
            room.process(letter_id)
        page.goto(f"{url}/post/{outcome.letter_id}")
        expect(page.locator(".eckdaten")).to_contain_text("Menschen")  # a person decided
        page.goto(f"{url}/post/qualitaet")
        row = page.get_by_role("row").filter(has_text="20 Kämmerei")
        expect(row).to_contain_text("100\u202f%")  # the one suggestion for 20 was followed
        shoot(page, "mailroom-quality")
