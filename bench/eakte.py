"""How fast the e-file robot files letters through the UI, against plain HTTP uploads.

    .venv/bin/python bench/eakte.py [--letters 40] [--rounds 3] [--profile] [--headed]

1. Preparation (not timed): N born-digital letters for departments 51
   (Jugendamt) and 63 (Baurechtsamt) go through the real mailroom into a
   fresh data directory with SQLite, with ``samples/rules/ablage.yaml`` as
   the delivery file, so that each delivered letter waits as a filing. One
   letter in four names its own Aktenzeichen (a few numbers, so most of these
   files are created once and then found); the others go to the department's
   inbox file.
2. The UI robot: ``EAkteRobot.run()`` files every waiting letter into a fresh
   stand-in e-file (``samples/eakte``, 127.0.0.1, no quirks) with the system
   Chromium, headless, one browser and one sign-in for the whole batch. Its
   one-time costs (Playwright and browser start, sign-in) are timed
   separately, and each page operation (find the file, create it, read its
   documents, upload) too; ``--profile`` adds every Playwright call and every
   request the browser made.
3. The floor, in the same run: the same letters' PDFs with the same metadata
   go by plain HTTP (``eakte.direct.DirectFiling``, one httpx client, one
   sign-in) into a second fresh stand-in: the same work (find or create the
   file, look into it for the letter's marker before uploading, upload with
   the same fields, read the document number back). Like the robot it
   remembers where each file is and checks the file's heading before using
   a remembered address.
4. Checks that both e-files hold the same files with the same documents, and
   prints letters per minute, the ratio of the time per letter (UI / HTTP,
   goal of issue 7: at most 5x) with PASS/MISS, for the whole batch and
   without the robot's one-time costs.

With ``--rounds R`` both sides run R times (fresh stand-ins, the filings set
back to waiting in between) and the best round of each side counts.
"""

from __future__ import annotations

import argparse
import re
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from unittest import mock
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from lotse.app import App

from _common import CORES, REPO, chromium_version, print_machine

DELIVERY_FILE = REPO / "samples" / "rules" / "ablage.yaml"
FONT = "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"
USER, PASSWORD = "poststelle-roboter", "Ablage!2026"
GOAL = 5.0

# -- the letters ----------------------------------------------------------------------------

CHILDREN = ["Mia", "Ben", "Emma", "Paul", "Lina", "Felix", "Hanna", "Jonas", "Lea", "Noah"]
STREETS = ["Lindenweg", "Hafenstraße", "Am Markt", "Gartenstraße", "Schulweg", "Mühlenstraße"]
MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September"]
BUILDINGS = ["Carport", "Dachgaube", "Anbau", "Garage", "Wintergarten", "Nutzungsänderung"]
FILE_NUMBERS = {
    "51": ["51.2-2026-0101", "51.2-2026-0102", "51.2-2026-0103"],
    "63": ["63.2-2026-0412", "63.2-2026-0413", "63.2-2026-0414"],
}


def letter_lines(number: int) -> tuple[str, list[str]]:
    """Department and text of letter ``number``: distinct content, routed without doubt."""
    department = "51" if number % 2 == 0 else "63"
    street = f"{STREETS[number % len(STREETS)]} {number + 1}"
    own_file = number % 4 < 2  # every other pair: one of each department
    reference = ""
    if own_file and (number // 4) % 2 == 0:
        numbers = FILE_NUMBERS[department]
        reference = f", Az. {numbers[(number // 8) % len(numbers)]}"
    if department == "51":
        child = CHILDREN[number % len(CHILDREN)]
        if number % 3 == 0:
            return department, [
                "Hausmitteilung",
                "An: 51 – Jugendamt",
                "Von: 20 – Kämmerei und Stadtkasse",
                "",
                f"Betreff: Elternbeiträge {MONTHS[number % len(MONTHS)]}, Liste {number}{reference}",
                "",
                "die Abrechnung der Elternbeiträge für die Kindertagesstätten liegt bei.",
                f"Bitte prüfen Sie die Ermäßigungen der Liste {number}.",
            ]
        return department, [
            f"Familie Beispiel-{number}, {street}, 99999 Seestadt",
            "",
            "Stadt Seestadt – Jugendamt",
            "",
            f"Betreff: Antrag auf einen Kitaplatz für {child}{reference}",
            "",
            "Sehr geehrte Damen und Herren,",
            f"wir beantragen einen Betreuungsplatz in einer Kindertagesstätte für {child}",
            f"ab dem 1. {MONTHS[number % len(MONTHS)]}. Den Elternbeitrag tragen wir selbst.",
            "",
            "Mit freundlichen Grüßen",
        ]
    building = BUILDINGS[number % len(BUILDINGS)]
    return department, [
        f"Ingenieurbüro Lindner {number}, {street}, 12345 Seestadt",
        "",
        "Stadt Seestadt – Baurechtsamt",
        "",
        f"Betreff: Bauantrag {building}, Vorhaben {number}{reference}",
        "",
        "Sehr geehrte Damen und Herren,",
        f"für das Vorhaben {building} reichen wir die Bauzeichnung und die Statik ein.",
        "Die Baugenehmigung möge bitte auf dieser Grundlage ergehen.",
        "",
        "Mit freundlichen Grüßen",
    ]


def write_pdf(path: Path, lines: list[str]) -> None:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("Liberation", fname=FONT)
    pdf.add_page()
    pdf.set_font("Liberation", size=11)
    for line in lines:
        pdf.cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))


def prepare(base: Path, count: int) -> App:
    """N letters through the real mailroom: each delivered letter waits as a filing."""
    import dataclasses

    from lotse.app import open_app
    from lotse.settings import get_settings

    data = base / "lotse"
    app = open_app(
        get_settings().changed(
            data_dir=data, database_url=f"sqlite:///{data / 'lotse.db'}",
            delivery_file=DELIVERY_FILE, mail_stable_seconds=0, mail_workers=CORES,
        )
    )  # fmt: skip
    inbox = base / "eingang"
    inbox.mkdir(parents=True)
    expected = {}
    for number in range(count):
        department, lines = letter_lines(number)
        name = f"brief-{number:03d}.pdf"
        write_pdf(inbox / name, lines)
        expected[name] = department
    room = app.mailroom(inbox=inbox)
    room.config = dataclasses.replace(room.config, stable_seconds=0)
    got = {o.name: (o.status, o.department) for o in room.run()}
    wrong = {n: got.get(n) for n, d in expected.items() if got.get(n) != ("archived", d)}
    if wrong:
        raise SystemExit(f"the mailroom did not deliver every letter as planned: {wrong}")
    return app


# -- what each side files --------------------------------------------------------------------


@dataclass(frozen=True)
class Job:
    department: str
    pdf: Path
    sha256: str
    file_number: str  # the letter's own Aktenzeichen or the department's inbox file
    title: str
    received: str
    sender: str
    subject: str
    remark: str


def jobs(app: App) -> list[Job]:
    """The waiting filings with the fields the robot types in (the robot's own functions)."""
    from sqlalchemy import select

    from robots.filings import Filing, FilingStatus, metadata_for

    delivery = app.delivery()
    found = []
    with app.db.read_session() as session:
        for filing in session.scalars(
            select(Filing).where(Filing.status == FilingStatus.PENDING.value).order_by(Filing.id)
        ):
            letter = filing.letter
            meta = metadata_for(filing)
            number = meta.file_number or delivery.inbox_file(filing.department)
            title = (
                f"Posteingang Amt {filing.department}"
                if meta.file_number is None
                else f"Vorgang {number}"
            )
            found.append(
                Job(filing.department, Path(letter.delivered_to or ""), letter.sha256, number,
                    title, meta.received, meta.sender, meta.subject, meta.remark)
            )  # fmt: skip
    return found


def reset_filings(app: App) -> None:
    """Every filing waits again (for the next round, into fresh stand-ins)."""
    from sqlalchemy import update

    from robots.filings import Filing, FilingStatus

    with app.db.session() as session:
        session.execute(
            update(Filing).values(
                status=FilingStatus.PENDING.value, attempts=0, file_number=None,
                document_number=None, filed_at=None, error=None, snapshot=None,
                lease_owner=None, lease_until=None,
            )
        )  # fmt: skip


# -- timing ---------------------------------------------------------------------------------


@dataclass
class Timings:
    """Seconds per named step, with counts."""

    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    counts: Counter[str] = field(default_factory=Counter)

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] += time.perf_counter() - started
            self.counts[name] += 1


def timed(timings: Timings, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with timings.step(name):
            return function(*args, **kwargs)

    return wrapper


@dataclass
class Result:
    letters: int
    total: float  # everything the run took
    one_time: float  # UI: browser start and sign-in; HTTP: sign-in
    loop: float  # from the end of the sign-in to the last letter filed
    steps: Timings
    page_loads: int = 0
    browser_start: float = 0.0
    sign_in: float = 0.0

    @property
    def per_letter(self) -> float:
        return self.total / self.letters

    @property
    def per_letter_loop(self) -> float:
        return self.loop / self.letters


# -- (a) the UI robot -----------------------------------------------------------------------


def route(address: str) -> str:
    """A request as "GET /akten/N/dokument-neu": ids and query strings left out."""
    path = re.sub(r"DOK-\d+-\d+", "DOK-N", urlsplit(address).path)
    return "request " + re.sub(r"/\d+(?=/|$)", "/N", path)


PLAYWRIGHT_CALLS = {
    "Page": ["goto", "wait_for_load_state", "content", "evaluate", "screenshot"],
    "Locator": ["fill", "click", "set_input_files", "all", "all_inner_texts", "inner_text",
                "get_attribute", "count", "evaluate", "evaluate_all"],
}  # fmt: skip


def run_robot(
    app: App, url: str, snapshots: Path, headless: bool, profile: Timings | None = None
) -> Result:
    """``EAkteRobot.run()``, timed; ``profile`` also gets every Playwright call and request."""
    import playwright.sync_api as sync_api

    import robots.eakte_robot as robot_module
    from robots.eakte_robot import EAkteAccess, EAkteRobot, FilingOutcome

    ui_class: Any = vars(robot_module)["EAkteUi"]  # the class the robot uses
    steps = Timings()
    marks: dict[str, float] = {}
    filed: list[float] = []
    loads = [0]

    original_init = ui_class.__init__

    def init(self: Any, page: Any, *args: Any, **kwargs: Any) -> None:
        marks["page"] = time.perf_counter()
        page.on("load", lambda _page: loads.__setitem__(0, loads[0] + 1))
        if profile is not None:
            page.on("request", lambda request: profile.counts.update([route(request.url)]))
        original_init(self, page, *args, **kwargs)

    original_sign_in = ui_class.sign_in

    def sign_in(self: Any) -> None:
        original_sign_in(self)
        marks["signed_in"] = time.perf_counter()

    def on_filing(outcome: FilingOutcome) -> None:
        if outcome.status != "filed":
            raise SystemExit(f"the robot did not file {outcome.letter_name}: {outcome.error}")
        filed.append(time.perf_counter())

    robot = EAkteRobot(
        app.db.session, app.delivery(), EAkteAccess(url, USER, PASSWORD, headless=headless),
        snapshots, backoff_seconds=0.5,
    )  # fmt: skip
    with ExitStack() as patches:
        patches.enter_context(mock.patch.object(ui_class, "__init__", init))
        patches.enter_context(mock.patch.object(ui_class, "sign_in", sign_in))
        for name in ("find_file", "create_file", "documents", "upload"):
            patches.enter_context(
                mock.patch.object(ui_class, name, timed(steps, name, getattr(ui_class, name)))
            )
        if profile is not None:
            for kind, names in PLAYWRIGHT_CALLS.items():
                cls = getattr(sync_api, kind)
                for name in names:
                    wrapped = timed(profile, f"{kind}.{name}", getattr(cls, name))
                    patches.enter_context(mock.patch.object(cls, name, wrapped))
        started = time.perf_counter()
        outcomes = robot.run(on_filing=on_filing)
        ended = time.perf_counter()
    return Result(
        letters=len(outcomes),
        total=ended - started,
        one_time=marks["signed_in"] - started,
        loop=filed[-1] - marks["signed_in"],
        steps=steps,
        page_loads=loads[0],
        browser_start=marks["page"] - started,
        sign_in=marks["signed_in"] - marks["page"],
    )


# -- (b) the floor: plain HTTP --------------------------------------------------------------


def run_http(work: list[Job], url: str) -> Result:
    """The robot's steps without a browser; file ids remembered and checked as the robot does."""
    import html

    import httpx

    from eakte.direct import DirectFiling
    from eakte.fields import FIELDS
    from robots.letter_metadata import marker

    steps = Timings()
    known: dict[str, int] = {}
    started = time.perf_counter()
    with httpx.Client(base_url=url, timeout=30) as client:
        direct = DirectFiling(client, FIELDS["v1"])
        direct.sign_in(USER, PASSWORD)
        signed_in = time.perf_counter()
        for job in work:
            heading = f"<h1>Akte {html.escape(job.file_number)}</h1>"
            file_id = known.get(job.file_number)
            page = None
            if file_id is not None:
                with steps.step("documents"):
                    page = client.get(f"/akten/{file_id}")
                if page.status_code != 200 or heading not in page.text:
                    file_id = page = None
            if file_id is None:
                with steps.step("find_file"):
                    file_id = direct.find_file(job.file_number)
                if file_id is None:
                    with steps.step("create_file"):
                        file_id = direct.create_file(job.file_number, job.title, job.department)
            if page is None:
                with steps.step("documents"):
                    page = client.get(f"/akten/{file_id}")
            page.raise_for_status()
            known[job.file_number] = file_id
            if marker(job.sha256) in page.text:
                continue  # filed before: not again (never the case in a fresh e-file)
            with steps.step("upload"):
                direct.upload(
                    file_id, job.pdf.read_bytes(), dateiname=job.pdf.name,
                    eingangsdatum=datetime.strptime(job.received, "%d.%m.%Y").date(),
                    absender=job.sender, betreff=job.subject, bemerkung=job.remark,
                )  # fmt: skip
        ended = time.perf_counter()
    return Result(
        letters=len(work),
        total=ended - started,
        one_time=signed_in - started,
        loop=ended - signed_in,
        steps=steps,
        sign_in=signed_in - started,
    )


# -- the check: the same work on both sides ----------------------------------------------------


def contents(store: Any) -> dict[tuple[str, str, str], list[tuple[str, ...]]]:
    """Every file with its documents, as far as they must agree (not the numbers)."""
    return {
        (f.aktenzeichen, f.titel, f.organisationseinheit): sorted(
            (d.sha256, d.betreff, d.absender, d.eingangsdatum.isoformat(), d.bemerkung)
            for d in store.documents_of(f.id)
        )
        for f in store.files()
    }


# -- report ---------------------------------------------------------------------------------


def per_minute(result: Result, seconds: float) -> float:
    return 60 * result.letters / seconds


def print_steps(label: str, result: Result) -> None:
    print(f"  {label}:")
    for name in ("find_file", "create_file", "documents", "upload"):
        count = result.steps.counts[name]
        if count:
            seconds = result.steps.seconds[name]
            print(f"    {name:<12}{count:>4} x {1000 * seconds / count:7.1f} ms = {seconds:6.2f} s")
    rest = result.loop - sum(result.steps.seconds.values())
    print(
        f"    {'other':<12}{'':>4}   {1000 * rest / result.letters:7.1f} ms a letter = {rest:6.2f} s"
    )


def print_profile(profile: Timings, runs: list[Result]) -> None:
    """Every Playwright call and every request the browser made, a letter (all rounds)."""
    letters = sum(r.letters for r in runs)
    print(f"\nPlaywright calls of the robot (--profile, all rounds, {letters} letters):")
    calls = sorted(profile.seconds.items(), key=lambda item: -item[1])
    for name, seconds in calls:
        count = profile.counts[name]
        print(
            f"  {name:<28}{count / letters:6.1f} a letter x {1000 * seconds / count:6.1f} ms"
            f" = {1000 * seconds / letters:6.1f} ms a letter"
        )
    print("requests the browser made (a letter):")
    for name, count in sorted(profile.counts.items()):
        if name.startswith("request "):
            print(f"  {name.removeprefix('request '):<32}{count / letters:6.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=40, help="letters to file (default 40)")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each side; best counts")
    parser.add_argument("--headed", action="store_true", help="show the browser (needs a display)")
    parser.add_argument(
        "--profile", action="store_true", help="time every Playwright call of the robot"
    )
    args = parser.parse_args()
    profile = Timings() if args.profile else None

    from eakte.config import StandInConfig
    from eakte.server import StandInServer

    print_machine(chromium_version())
    with tempfile.TemporaryDirectory(prefix="lotse-bench-eakte-") as tmp:
        base = Path(tmp)
        started = time.perf_counter()
        app = prepare(base, args.letters)
        work = jobs(app)
        files = len({job.file_number for job in work})
        own = sum(1 for job in work if not job.file_number.endswith("-POST-2026"))
        print(
            f"prepared {len(work)} letters through the mailroom in "
            f"{time.perf_counter() - started:.1f} s (not counted): {own} with their own "
            f"Aktenzeichen, {len(work) - own} into the inbox files; {files} files in all"
        )

        robot_runs: list[Result] = []
        http_runs: list[Result] = []
        for round_number in range(1, args.rounds + 1):
            if round_number > 1:
                reset_filings(app)
            folder = base / f"runde-{round_number}"
            with (
                StandInServer(StandInConfig(data_dir=folder / "eakte-ui")) as ui_server,
                StandInServer(StandInConfig(data_dir=folder / "eakte-http")) as http_server,
            ):
                http = run_http(work, http_server.url)
                robot = run_robot(app, ui_server.url, folder / "fehler", not args.headed, profile)
                ui_store, http_store = ui_server.app.state.store, http_server.app.state.store
                same = contents(ui_store) == contents(http_store)
                documents = (ui_store.count_documents(), http_store.count_documents())
                efiles = (len(ui_store.files()), len(http_store.files()))
            ok = same and documents == (len(work), len(work)) and robot.letters == len(work)
            print(
                f"\nround {round_number}: UI {robot.total:.2f} s, HTTP {http.total:.2f} s, "
                f"ratio {robot.per_letter / http.per_letter:.1f}x · "
                f"documents UI/HTTP {documents[0]}/{documents[1]}, files {efiles[0]}/{efiles[1]}, "
                f"same files and documents: {'yes' if ok else 'NO'}"
            )
            if not ok:
                raise SystemExit(
                    "the two e-files differ: the benchmark did not compare the same work"
                )
            robot_runs.append(robot)
            http_runs.append(http)

    robot = min(robot_runs, key=lambda r: r.total)
    http = min(http_runs, key=lambda r: r.total)
    print(f"\nbest of {args.rounds} round(s), {robot.letters} letters each:")
    print(
        f"{'':<34}{'total':>9}{'one-time':>10}{'a letter':>10}{'without':>10}"
        f"{'letters/min':>13}\n{'':<34}{'':>9}{'':>10}{'':>10}{'one-time':>10}"
    )
    for label, result in (
        ("UI robot (Chromium, one session)", robot),
        ("plain HTTP (floor)", http),
    ):
        print(
            f"{label:<34}{result.total:>8.2f}s{result.one_time:>9.2f}s"
            f"{1000 * result.per_letter:>8.0f}ms{1000 * result.per_letter_loop:>8.0f}ms"
            f"{per_minute(result, result.total):>13.0f}"
        )
    print(
        f"  UI one-time: Playwright and Chromium start {robot.browser_start:.2f} s, sign-in "
        f"{robot.sign_in:.2f} s; closing {robot.total - robot.one_time - robot.loop:.2f} s; "
        f"page loads {robot.page_loads} ({robot.page_loads / robot.letters:.1f} a letter)"
    )
    print("\nwhere the time of a letter goes:")
    print_steps("UI robot", robot)
    print_steps("plain HTTP", http)
    if profile is not None:
        print_profile(profile, robot_runs)

    batch = robot.per_letter / http.per_letter
    steady = robot.per_letter_loop / http.per_letter_loop
    print(
        f"\nratio UI / HTTP, time a letter, whole batch of {robot.letters}: {batch:.1f}x   "
        f"(goal <= {GOAL:.0f}x) {'PASS' if batch <= GOAL else 'MISS'}"
    )
    print(
        f"ratio UI / HTTP, time a letter without the one-time costs: {steady:.1f}x   "
        f"(goal <= {GOAL:.0f}x) {'PASS' if steady <= GOAL else 'MISS'}"
    )


if __name__ == "__main__":
    main()
