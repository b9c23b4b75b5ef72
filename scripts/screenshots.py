"""Screenshots of the web workbench for the docs (docs/img/web-*.png).

Runs a temporary workbench exactly like the test fixtures do (fresh SQLite database in
a temporary folder, the sample catalogue, one user per role, one letter waiting for
review), serves it on a free loopback port and photographs the main pages in the
system Chromium at 1280 px width, German locale. Nothing outside --out is touched.

    .venv/bin/python scripts/screenshots.py            # writes docs/img/web-*.png
    .venv/bin/python scripts/screenshots.py --out /tmp/shots
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # for tests.* (the fixtures' workbench and browser helpers)

import uvicorn  # noqa: E402
from PIL import Image  # noqa: E402
from playwright.sync_api import Page  # noqa: E402

from tests.browser import chromium  # noqa: E402
from tests.web.browsing import german_page, sign_in  # noqa: E402
from tests.web.conftest import USERS, Workbench, _build, _free_port  # noqa: E402

MAX_HEIGHT = 2100  # px; longer pages are cut below the part that matters


@contextmanager
def temporary_workbench() -> Iterator[tuple[Workbench, str]]:
    from lotse.app import open_app
    from lotse.settings import get_settings

    with tempfile.TemporaryDirectory(prefix="lotse-shots-") as tmp:
        lotse = open_app(
            get_settings().changed(database_url=f"sqlite:///{tmp}/lotse.db", data_dir=f"{tmp}/data")
        )
        bench = _build(lotse)
        port = _free_port()
        server = uvicorn.Server(
            uvicorn.Config(bench.asgi, host="127.0.0.1", port=port, log_level="warning")
        )
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 20
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise SystemExit("the workbench did not start")
            time.sleep(0.05)
        try:
            yield bench, f"http://127.0.0.1:{port}"
        finally:
            server.should_exit = True
            thread.join(timeout=10)
            lotse.db.dispose()


def populate_pipeline(bench: Workbench) -> None:
    """Move a few sample processes along, so the pipeline board is not one full column."""
    from processes.catalogue import change_status
    from processes.models import Process, Status

    moves = {
        "10:Process_Urlaubsantrag": (Status.LIVE, "Seit März im Betrieb"),
        "32:Process_Gewerbeanmeldung": (Status.IN_DEVELOPMENT, "Roboter wird gebaut"),
        "33:Process_Meldebescheinigung": (Status.APPROVED, "Im Lenkungskreis freigegeben"),
        "22:Process_HundesteuerAnmeldung": (Status.IDEA, "Erst im Workshop am 12.3. klären"),
        "Process_ToastZubereiten": (Status.REJECTED, "Kein Verwaltungsprozess"),
    }
    with bench.lotse.db.session() as session:
        for key, (status, comment) in moves.items():
            process = session.get(Process, bench.process_ids[key])
            assert process is not None, key
            change_status(session, process, status, "it", comment)


def populate_ledger(bench: Workbench) -> None:
    """Half a year of the mailroom robot on the Hauspost sample, for its "Umsetzung" part."""
    import random
    from datetime import UTC, datetime, timedelta

    from flows.robot_ledger import DECLARED_LINKS
    from processes.ledger import RunFigures, record_run

    numbers = random.Random(14)  # the same picture on every run
    now = datetime.now(UTC).replace(day=1, hour=7, minute=0, second=0, microsecond=0)
    with bench.lotse.db.session() as session:
        for months_back in range(5, -1, -1):
            year, index = divmod(now.year * 12 + now.month - 1 - months_back, 12)
            month = now.replace(year=year, month=index + 1)
            for week in range(4 if months_back else 1):
                start = month + timedelta(days=7 * week)
                cases = numbers.randint(1600, 2200)
                alone = int(cases * numbers.uniform(0.79, 0.88))
                figures = RunFigures(
                    start, start + timedelta(minutes=40), cases, alone, cases - alone, 1400.0, 800.0
                )
                record_run(session, "poststelle", figures, declared=DECLARED_LINKS)


def save(page: Page, path: Path, *, top: float = 0, bottom: float | None = None) -> None:
    """The page from ``top`` to ``bottom`` (CSS px; default: the end, at most MAX_HEIGHT)."""
    height = page.evaluate("document.documentElement.scrollHeight")
    end = min(bottom if bottom is not None else height, top + MAX_HEIGHT, height)
    png = page.screenshot(
        full_page=True, clip={"x": 0, "y": top, "width": 1280, "height": end - top}
    )
    # A 256-colour palette keeps UI shots sharp (flat colours, few gradients) at a
    # fraction of the size of true-colour PNGs.
    image = Image.open(io.BytesIO(png)).convert("RGB")
    image = image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    image.save(path, optimize=True)
    print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: "
          f"{image.width}×{image.height}, {path.stat().st_size // 1024} KB")  # fmt: skip


def bottom_of(page: Page, selector: str, margin: float = 24) -> float:
    box = page.locator(selector).first.bounding_box()
    assert box, selector
    scroll = page.evaluate("window.scrollY")
    return float(box["y"] + scroll + box["height"] + margin)


def top_of(page: Page, selector: str, margin: float = 12) -> float:
    box = page.locator(selector).first.bounding_box()
    assert box, selector
    return float(box["y"] + page.evaluate("window.scrollY") - margin)


def workshop(page: Page, url: str, out: Path) -> None:
    """The five toast drawings compared, and Dirk's "Toastscheiben einlegen" joined by hand."""
    page.goto(f"{url}/workshop")
    page.get_by_label("BPMN-Dateien (mehrere auf einmal)").set_input_files(
        sorted((ROOT / "samples" / "workshop" / "toast").glob("*.bpmn"))
    )
    page.get_by_role("button", name="Vergleichen").click()
    page.locator("#gemeinsam svg").wait_for()
    save(page, out / "web-workshop.png", bottom=bottom_of(page, "#gemeinsam"))

    rows = page.locator("#zuordnung tbody tr")
    for label in ("Toastscheiben einlegen", "Brot in den Toaster stecken"):
        rows.filter(has_text=label).get_by_role("checkbox").check()
    page.get_by_role("button", name="Ausgewählte Schritte gehören zusammen").click()
    page.locator("#zuordnung [role=status]").wait_for()
    top = top_of(page, "#zuordnung")
    save(page, out / "web-workshop-zuordnung.png", top=top, bottom=top + 980)


def desk(page: Page, url: str, out: Path, bench: Workbench, advert: int) -> None:
    """The Poststelle's desk: a letter for two Ämter, the queue with a decision to undo."""
    two = bench.two_department_letter()
    page.goto(f"{url}/login")
    page.get_by_label("Benutzername").fill("post")
    page.get_by_label("Passwort").fill(USERS["post"][2])
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(f"{url}/post")
    page.goto(f"{url}/post/{two}")
    page.wait_for_function(
        "() => [...document.images].every(i => i.complete && i.naturalWidth > 0)"
    )
    page.locator("#entscheiden").get_by_label("Kopie an 63", exact=False).check()
    save(page, out / "web-brief.png", bottom=bottom_of(page, ".pult"))
    page.goto(f"{url}/post/{advert}")
    page.locator("#entscheiden").get_by_role("button", name="Keine Verwaltungspost").click()
    page.goto(f"{url}/post")
    save(page, out / "web-post.png", bottom=bottom_of(page, "#pruefung"))


def facts(page: Page, url: str, out: Path, process: int) -> None:
    """The facts form: a refused value at its field, then the change where the pilot is."""
    page.goto(f"{url}/katalog/{process}")
    form = page.locator("#fakten form")
    form.get_by_label("Fälle pro Monat").fill("400")
    form.get_by_label("Anteil digitaler Eingänge (%)").fill("950")
    form.get_by_role("button", name="Fakten speichern und neu bewerten").click()
    page.locator("#digital-fehler").wait_for()
    top = top_of(page, "#fakten")
    save(page, out / "web-fakten-fehler.png", top=top, bottom=bottom_of(page, "#fakten form"))
    form.get_by_label("Anteil digitaler Eingänge (%)").fill("95")
    form.get_by_role("button", name="Fakten speichern und neu bewerten").click()
    page.locator("#fakten [role=status]").wait_for()
    top = top_of(page, "#fakten")
    save(page, out / "web-fakten-gespeichert.png", top=top, bottom=top + 420)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    out: Path = parser.parse_args().out.resolve()
    out.mkdir(parents=True, exist_ok=True)

    with temporary_workbench() as (bench, url), chromium() as browser:
        letter = bench.review_letter()
        populate_pipeline(bench)
        populate_ledger(bench)
        hauspost = bench.process_ids["10:Process_HauspostVerteilen"]
        bauantrag = bench.process_ids["63:Process_Bauantrag"]

        with german_page(browser) as page:
            sign_in(page, url, "pilot63")
            save(page, out / "web-mein-amt.png", bottom=bottom_of(page, "#mein-amt"))
            page.goto(f"{url}/katalog")
            save(page, out / "web-katalog.png")
            facts(page, url, out, bauantrag)

            # The process page from the top (scores and reasons) to the drawing's legend.
            page.goto(f"{url}/katalog/{bauantrag}")
            save(page, out / "web-prozess.png", bottom=bottom_of(page, "#zeichnung figcaption"))

            page.goto(f"{url}/hochladen")
            page.get_by_label("BPMN-Datei").set_input_files(
                files=[
                    {
                        "name": "bauantrag-entwurf.bpmn",
                        "mimeType": "application/xml",
                        "buffer": b'<?xml version="1.0"?>\n<bpmn:definitions xmlns:bpmn='
                        b'"http://www.omg.org/spec/BPMN/20100524/MODEL">\n  <bpmn:process id="P">\n'
                        b"</bpmn:definitions>\n",
                    }
                ]
            )
            page.get_by_role("button", name="Hochladen und bewerten").click()
            page.get_by_role("alert").wait_for()
            save(page, out / "web-hochladen-fehler.png")

            workshop(page, url, out)

            # A robot in operation: estimate against actual on the process page.
            page.goto(f"{url}/katalog/{hauspost}")
            page.wait_for_function(
                "() => [...document.images].every(i => i.complete && i.naturalWidth > 0)"
            )
            top = top_of(page, "#umsetzung")
            save(
                page,
                out / "web-umsetzung.png",
                top=top,
                bottom=bottom_of(page, "#umsetzung figure"),
            )

        with german_page(browser) as page:
            sign_in(page, url, "it")
            save(page, out / "web-uebersicht.png")
            page.goto(f"{url}/pipeline")
            save(page, out / "web-pipeline.png", bottom=1100)

        with german_page(browser) as page:
            desk(page, url, out, bench, letter)


if __name__ == "__main__":
    main()
