"""The candidates report on a real catalogue of the sample diagrams: HTML, CSV, XLSX."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import event, select, update

from lotse.app import App, open_app
from lotse.settings import Settings
from processes.catalogue import current_processes, ranked
from processes.headline import SUITABLE
from processes.importer import ImportRequest, import_diagram
from processes.models import Process
from processes.report import ReportFiles, write_report
from processes.report.cells import spreadsheet_text
from processes.report.tables import CSV_COLUMNS
from processes.scoring import CATEGORY_COLOURS, Category
from processes.scoring.results import Quadrant
from tests.bpmn.documents import chain, document, simple_process
from tests.conftest import SAMPLES

GENERATED = datetime(2026, 3, 2, 9, 15, tzinfo=UTC)
HOSTILE_NAME = '=HYPERLINK("x") <script>alert(1)</script> & Co'
HOSTILE = document(
    simple_process(
        chain(
            ("startEvent", "s", "Antrag eingegangen"),
            ("userTask", "t1", "Daten &lt;b&gt;übertragen&lt;/b&gt;"),
            ("manualTask", "t2", "Akte ablegen"),
            ("endEvent", "e", "Fertig"),
        ),
        process_id="Process_Hostile",
        name="=HYPERLINK(&quot;x&quot;) &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co",
    )
)


@dataclass
class Expected:
    key: str
    name: str
    hours: float | None
    tasks: dict[str, Category]  # element id → category
    quadrant: str | None = None


@dataclass
class Catalogue:
    app: App
    files: ReportFiles
    expected: list[Expected]  # in ranking order

    @property
    def task_count(self) -> int:
        return sum(len(e.tasks) for e in self.expected)


def _catalogue(directory: Path) -> App:
    return open_app(Settings(database_url=f"sqlite:///{directory / 't.db'}", data_dir=directory))


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Catalogue]:
    directory = tmp_path_factory.mktemp("report")
    app = _catalogue(directory)
    with app.db.session() as session:
        for path in sorted(SAMPLES.joinpath("bpmn").glob("*.bpmn")):
            import_diagram(
                session, ImportRequest(file_name=path.name, path=path), app.model, app.limits
            )
        results = import_diagram(
            session,
            ImportRequest(file_name="hostile.bpmn", data=HOSTILE.encode()),
            app.model,
            app.limits,
        )
        assert results[0].message == ""
    with app.db.session() as session:
        expected = [
            Expected(
                p.key,
                p.name,
                p.current_assessment.hours_saved if p.current_assessment else None,
                {
                    t.element_id: Category(t.category)
                    for t in (p.current_assessment.tasks if p.current_assessment else [])
                },
                p.current_assessment.quadrant if p.current_assessment else None,
            )
            for p in ranked(current_processes(session))
        ]
        files = write_report(session, directory / "out", model=app.model, generated_at=GENERATED)
    assert len(expected) >= 5  # at least 4 samples and the hostile one
    yield Catalogue(app, files, expected)
    app.db.dispose()


# -- an HTML parser that collects what the tests look at --------------------------


@dataclass
class Page:
    tags: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)  # ids, in order
    ranking_links: list[str] = field(default_factory=list)
    fills: dict[tuple[str, str], str] = field(default_factory=dict)  # (article, element) → fill
    drawings: list[str] = field(default_factory=list)  # article ids with a BPMN drawing
    figure_texts: dict[str, str] = field(default_factory=dict)  # dt text → dd text
    ranking_cells: list[list[str]] = field(default_factory=list)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.article: str | None = None
        self.element: str | None = None
        self.in_ranking = False
        self.in_style = False
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.dt: list[str] | None = None
        self.dd: list[str] | None = None
        self.last_dt = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        self.page.tags.append((tag, values))
        classes = values.get("class", "").split()
        if tag == "article":
            self.article = values.get("id")
            self.page.articles.append(values.get("id", ""))
        elif tag == "table" and "ranking" in classes:
            self.in_ranking = True
        elif tag == "a" and self.in_ranking and values.get("href", "").startswith("#"):
            self.page.ranking_links.append(values["href"][1:])
        elif tag == "svg" and "bpmn-drawing" in classes and self.article:
            self.page.drawings.append(self.article)
        elif tag == "g" and "data-element-id" in values:
            self.element = values["data-element-id"]
        elif tag == "rect" and self.element and self.article and "fill" in values:
            self.page.fills.setdefault((self.article, self.element), values["fill"])
            self.element = None
        elif tag == "style":
            self.in_style = True
        elif tag == "tr" and self.in_ranking:
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []
        elif tag == "dt":
            self.dt = []
        elif tag == "dd":
            self.dd = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.article = None
        elif tag == "table":
            self.in_ranking = False
        elif tag == "style":
            self.in_style = False
        elif tag in ("td", "th") and self.row is not None and self.cell is not None:
            self.row.append("".join(self.cell).strip())
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.page.ranking_cells.append(self.row)
            self.row = None
        elif tag == "dt" and self.dt is not None:
            self.last_dt = "".join(self.dt).strip()
            self.dt = None
        elif tag == "dd" and self.dd is not None:
            self.page.figure_texts.setdefault(self.last_dt, "".join(self.dd).strip())
            self.dd = None

    def handle_data(self, data: str) -> None:
        if not self.in_style:
            self.page.text.append(data)
        for sink in (self.cell, self.dt, self.dd):
            if sink is not None:
                sink.append(data)


def parse(path: Path) -> Page:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    collector.close()
    return collector.page


def text_of(page: Page) -> str:
    return re.sub(r"\s+", " ", "".join(page.text))


def german_whole(value: float) -> str:
    return f"{round(value):,}".replace(",", ".")


# -- files --------------------------------------------------------------------------


def test_writes_the_four_files_and_nothing_else(catalogue: Catalogue) -> None:
    files = catalogue.files
    assert files.processes == len(catalogue.expected)
    assert sorted(p.name for p in files.html.parent.iterdir()) == [
        "candidates.csv",
        "candidates.xlsx",
        "kandidaten.csv",
        "report.html",
    ]  # no temporary files left behind
    assert (files.html.name, files.csv.name, files.xlsx.name) == (
        "report.html",
        "candidates.csv",
        "candidates.xlsx",
    )


def test_same_catalogue_gives_the_same_report(catalogue: Catalogue, tmp_path: Path) -> None:
    with catalogue.app.db.session() as session:
        again = write_report(
            session, tmp_path / "again", model=catalogue.app.model, generated_at=GENERATED
        )
    assert again.html.read_bytes() == catalogue.files.html.read_bytes()
    assert again.csv.read_bytes() == catalogue.files.csv.read_bytes()


def test_rewriting_replaces_the_files(catalogue: Catalogue, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.html").write_text("alt", encoding="utf-8")
    with catalogue.app.db.session() as session:
        files = write_report(session, out, model=catalogue.app.model, generated_at=GENERATED)
    assert files.html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert len(list(out.iterdir())) == 4


# -- CSV ----------------------------------------------------------------------------


def test_kandidaten_csv_opens_in_german_excel(catalogue: Catalogue) -> None:
    """Semicolons, UTF-8 with BOM, German headers and values, decimal commas, CRLF."""
    data = catalogue.files.excel_csv.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "the BOM makes Excel read UTF-8"
    text = data.decode("utf-8-sig")
    assert "\r\n" in text and "," not in text.split("\r\n")[0]
    rows = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))
    header = list(rows[0])
    assert header[:7] == [
        "Rang",
        "Schlüssel",
        "Prozess",
        "Amt",
        "Amt (Name)",
        "Status",
        "Einordnung",
    ]
    assert {"Potenzial", "Umsetzbarkeit", "Std./Jahr", "Machbar jetzt", "Verlässlichkeit"} <= set(
        header
    )
    assert [r["Schlüssel"] for r in rows] == [e.key for e in catalogue.expected]
    german_quadrants = {q.german for q in Quadrant}
    for row, expected in zip(rows, catalogue.expected, strict=True):
        assert row["Prozess"] == spreadsheet_text(expected.name)  # no formula, also here
        assert row["Einordnung"] in german_quadrants
        assert row["Status"] in {
            "Idee",
            "Bewertet",
            "Freigegeben",
            "In Entwicklung",
            "Im Betrieb",
            "Abgelehnt",
        }
        assert row["Machbar jetzt"] in ("ja", "nein")
        assert re.fullmatch(r"\d{1,3}", row["Potenzial"]), row["Potenzial"]
        assert re.fullmatch(r"0,\d\d|1,00", row["Verlässlichkeit"]), row["Verlässlichkeit"]
        assert re.fullmatch(r"\d{1,3}%", row["Automatisierbarer Anteil"])
        if expected.hours is None:
            assert row["Std./Jahr"] == ""
        else:
            assert row["Std./Jahr"] == str(round(expected.hours)), "no thousands dot"
    # the machine CSV is unchanged beside it: English, commas, dot decimals
    assert catalogue.files.csv.read_text(encoding="utf-8").startswith("rank,key,name,")


def _csv_rows(catalogue: Catalogue) -> list[dict[str, str]]:
    with catalogue.files.csv.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames or ()) == CSV_COLUMNS
        return list(reader)


def test_csv_lists_every_process_in_ranking_order(catalogue: Catalogue) -> None:
    rows = _csv_rows(catalogue)
    assert [r["key"] for r in rows] == [e.key for e in catalogue.expected]
    assert [int(r["rank"]) for r in rows] == list(range(1, len(rows) + 1))
    for row, expected in zip(rows, catalogue.expected, strict=True):
        assert row["name"] == spreadsheet_text(expected.name)  # "=HYPERLINK…" quoted
        assert int(row["tasks"]) == len(expected.tasks)
        assert int(row["robot_tasks"]) == sum(
            1 for c in expected.tasks.values() if c is Category.ROBOT
        )
        assert row["feasible"] in ("true", "false")
        assert row["quadrant"] in (
            "quick_win", "strategic", "benefit_unknown", "later", "not_suitable", "not_assessable"
        )  # fmt: skip
        for column in ("potential", "ease", "automatable_share", "confidence"):
            assert re.fullmatch(r"\d+(\.\d+)?", row[column]), (column, row[column])
            float(row[column])
        if expected.hours is None:
            assert row["hours_saved"] == ""
        else:
            assert float(row["hours_saved"]) == pytest.approx(expected.hours)


# -- XLSX ---------------------------------------------------------------------------


def test_workbook_has_processes_and_tasks(catalogue: Catalogue) -> None:
    workbook = load_workbook(catalogue.files.xlsx)
    assert workbook.sheetnames == ["Prozesse", "Aufgaben", "Umsetzung"]

    sheet = workbook["Prozesse"]
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["Rang", "Schlüssel", "Prozess"]
    assert {"Amt (Name)", "Begründung Machbarkeit", "Std./Jahr", "Einordnung"} <= set(header)
    assert all(c.font.bold for c in sheet[1])
    assert sheet[1][0].fill.fgColor.rgb.endswith("00507D")
    assert sheet.freeze_panes == "A2"
    n = len(catalogue.expected)
    assert sheet.max_row == n + 1
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, len(header)).column_letter}{n + 1}"
    keys = [sheet.cell(row, 2).value for row in range(2, n + 2)]
    assert keys == [r["key"] for r in _csv_rows(catalogue)]
    potential = sheet.cell(2, header.index("Potenzial") + 1)
    assert (
        isinstance(potential.value, float) and potential.number_format == "0"
    )  # whole points, as shown elsewhere
    assert sheet.column_dimensions["C"].width >= 20
    assert len(sheet.conditional_formatting) >= 1

    tasks = workbook["Aufgaben"]
    task_header = [c.value for c in tasks[1]]
    assert task_header == [
        "Rang", "Prozess", "Schlüssel", "Aufgabe", "Typ", "Lane", "Potenzial", "Kategorie", "Ermessen", "Begründung",
    ]  # fmt: skip
    assert tasks.max_row - 1 == catalogue.task_count
    assert tasks.freeze_panes == "A2"
    assert tasks.auto_filter.ref == f"A1:J{catalogue.task_count + 1}"
    categories = {c.german for c in Category}
    for row in tasks.iter_rows(min_row=2, values_only=True):
        assert row[7] in categories
        assert row[8] in ("ja", "nein")


def test_names_never_become_formulas(catalogue: Catalogue) -> None:
    sheet = load_workbook(catalogue.files.xlsx)["Prozesse"]
    cells = [c for c in sheet["C"] if c.value == HOSTILE_NAME]
    assert len(cells) == 1
    assert cells[0].data_type == "s"


# -- HTML ---------------------------------------------------------------------------


def test_html_has_one_section_per_process_linked_from_the_ranking(catalogue: Catalogue) -> None:
    page = parse(catalogue.files.html)
    assert page.tags[0] == ("html", {"lang": "de"})
    assert len(page.articles) == len(catalogue.expected)
    assert page.articles == [f"p-{e.key}" for e in catalogue.expected]
    assert page.ranking_links == page.articles
    ids = [attrs["id"] for _tag, attrs in page.tags if "id" in attrs]
    assert len(ids) == len(set(ids)), "ids must be unique on the page"
    assert [t for t, _ in page.tags].count("h1") == 1


def test_html_headings_are_in_order_and_tables_have_scopes(catalogue: Catalogue) -> None:
    page = parse(catalogue.files.html)
    levels = [int(tag[1]) for tag, _ in page.tags if re.fullmatch(r"h[1-6]", tag)]
    assert levels[0] == 1
    assert all(b <= a + 1 for a, b in pairwise(levels))
    # every header cell says what it heads (the SVG drawings have no tables)
    assert all("scope" in attrs for tag, attrs in page.tags if tag == "th")
    figures = [tag for tag, _ in page.tags if tag in ("figure", "figcaption")]
    assert figures.count("figure") == figures.count("figcaption") >= 2


def test_html_contains_the_chart(catalogue: Catalogue) -> None:
    html = catalogue.files.html.read_text(encoding="utf-8")
    page = parse(catalogue.files.html)
    charts = [
        attrs
        for tag, attrs in page.tags
        if tag == "svg" and "lotse-chart" in attrs.get("class", "")
    ]
    assert len(charts) == 1
    assert charts[0]["role"] == "img"
    assert "<?xml" not in html and "<!DOCTYPE svg" not in html
    # quadrant names stay text in the chart (svg.fonttype none)
    chart = html[
        html.index('class="lotse-chart"') : html.index("</svg>", html.index('class="lotse-chart"'))
    ]
    assert "Schneller Erfolg" in chart and "Nicht geeignet" in chart


def test_drawings_are_coloured_by_task_category(catalogue: Catalogue) -> None:
    page = parse(catalogue.files.html)
    assert page.drawings == page.articles  # all drawn under the default limit
    checked = 0
    for expected in catalogue.expected:
        for element_id, category in expected.tasks.items():
            fill = page.fills.get((f"p-{expected.key}", element_id))
            if fill is not None:
                assert fill == CATEGORY_COLOURS[category], (expected.key, element_id)
                checked += 1
    assert checked >= catalogue.task_count * 0.9


def test_numbers_are_german_and_nothing_is_missing(catalogue: Catalogue) -> None:
    page = parse(catalogue.files.html)
    text = text_of(page)
    # The headline counts only suitable processes; the rest is said in words.
    total = sum(e.hours or 0.0 for e in catalogue.expected if e.quadrant in SUITABLE)
    left_out = sum(e.hours or 0.0 for e in catalogue.expected if e.quadrant == "not_suitable")
    assert left_out > 0, "the samples have an unsuitable process with known hours"
    figure = page.figure_texts["Stunden pro Jahr, die Roboter übernehmen könnten"]
    assert figure.startswith(german_whole(total))
    assert f"„Nicht geeignet“ ({german_whole(left_out)} Std.)" in figure
    if total >= 1000:
        assert "." in german_whole(total)
    assert not re.search(r"\b(None|nan|NaN|inf)\b", text)
    body = [row for row in page.ranking_cells[1:]]
    assert len(body) == len(catalogue.expected)
    # the Amt with its name, as the workbench shows it
    assert "63 Baurechtsamt" in [cells[2] for cells in body]
    for cells in body:
        potential, ease = cells[5], cells[6]
        # whole points, as the workbench shows them
        assert re.fullmatch(r"\d{1,3}", potential), potential
        assert re.fullmatch(r"\d{1,3}", ease), ease
        assert cells[8] in ("ja", "nein")
        assert cells[9] in ("hoch", "mittel", "niedrig")
    assert "Erstellt am 2. März 2026, 10:15 Uhr" in text


def test_html_is_self_contained(catalogue: Catalogue) -> None:
    page = parse(catalogue.files.html)
    html = catalogue.files.html.read_text(encoding="utf-8")
    for tag, attrs in page.tags:
        for name in ("src", "href", "xlink:href", "srcset", "action", "data"):
            value = attrs.get(name, "").strip().lower()
            assert not value.startswith(("http://", "https://", "//", "file:")), (tag, name, value)
        assert tag not in ("script", "iframe", "object", "embed", "img")
        if tag == "link":
            assert "stylesheet" not in attrs.get("rel", "")
    assert "@import" not in html
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", html)


def test_text_from_diagrams_is_escaped(catalogue: Catalogue) -> None:
    html = catalogue.files.html.read_text(encoding="utf-8")
    page = parse(catalogue.files.html)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert HOSTILE_NAME in text_of(page)
    assert "Daten <b>übertragen</b>" in text_of(page)


def test_drawings_limit(catalogue: Catalogue, tmp_path: Path) -> None:
    with catalogue.app.db.session() as session:
        files = write_report(
            session, tmp_path, model=catalogue.app.model, generated_at=GENERATED, drawings_limit=1
        )
    page = parse(files.html)
    assert page.drawings == [page.articles[0]]
    text = text_of(page)
    assert text.count("in der Web-Werkbank zu sehen") == len(catalogue.expected) - 1
    assert files.html.stat().st_size < catalogue.files.html.stat().st_size


def test_empty_catalogue(tmp_path: Path) -> None:
    app = _catalogue(tmp_path)
    try:
        with app.db.session() as session:
            files = write_report(session, tmp_path / "out", model=app.model, generated_at=GENERATED)
    finally:
        app.db.dispose()
    assert files.processes == 0
    assert files.csv.read_text(encoding="utf-8").strip() == ",".join(CSV_COLUMNS)
    workbook = load_workbook(files.xlsx)
    assert workbook["Prozesse"].max_row == 1 and workbook["Aufgaben"].max_row == 1
    page = parse(files.html)
    assert page.articles == []
    assert "Es gibt noch keine bewerteten Prozesse." in text_of(page)


def test_a_few_queries_whatever_the_size_of_the_catalogue(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    statements: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement)

    event.listen(catalogue.app.db.engine, "before_cursor_execute", count)
    try:
        with catalogue.app.db.session() as session:
            write_report(session, tmp_path, model=catalogue.app.model, generated_at=GENERATED)
    finally:
        event.remove(catalogue.app.db.engine, "before_cursor_execute", count)
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) < len(catalogue.expected), selects
    assert len(selects) <= 10, selects


def test_a_process_without_assessment_is_listed_last(tmp_path: Path) -> None:
    app = _catalogue(tmp_path)
    try:
        with app.db.session() as session:
            for path in sorted(SAMPLES.joinpath("bpmn").glob("*.bpmn"))[:2]:
                import_diagram(
                    session, ImportRequest(file_name=path.name, path=path), app.model, app.limits
                )
        with app.db.session() as session:
            first = session.scalars(select(Process).order_by(Process.id)).first()
            assert first is not None
            session.execute(
                update(Process).where(Process.id == first.id).values(current_assessment_id=None)
            )
            key = first.key
        with app.db.session() as session:
            files = write_report(session, tmp_path / "out", model=app.model, generated_at=GENERATED)
    finally:
        app.db.dispose()
    with files.csv.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[-1]["key"] == key
    assert rows[-1]["potential"] == rows[-1]["quadrant"] == rows[-1]["feasible"] == ""
    page = parse(files.html)
    assert page.articles[-1] == f"p-{key}"
    assert "nicht bewertet" in page.ranking_cells[-1]
    assert not re.search(r"\b(None|nan)\b", text_of(page))


def test_the_honest_states_and_the_quick_check_in_report_csv_and_workbook(tmp_path: Path) -> None:
    """A process without hours is 'Nutzen unbekannt' everywhere; its quick check is shown."""
    from processes.catalogue import find_process, set_quick_check
    from processes.quickcheck import Answer, CaseBand, Changes, QuickCheck

    app = _catalogue(tmp_path)
    evaluation = SAMPLES / "evaluation"
    with app.db.session() as session:
        for name in ("bescheid-word.bpmn", "entwurf.bpmn"):
            path = evaluation / name
            import_diagram(session, ImportRequest(file_name=name, path=path), app.model, app.limits)
    with app.db.session() as session:
        (word,) = [
            p
            for p in current_processes(session)
            if p.current_version.file_name == "bescheid-word.bpmn"
        ]
        check = QuickCheck(
            rule_based=Answer.YES,
            digital_input=Answer.YES,
            structured_input=Answer.PARTLY,
            changes=Changes.SOME,
            cases=CaseBand.UP_TO_200,
        )
        set_quick_check(session, find_process(session, word.key), check, app.model, "anna")
    with app.db.session() as session:
        files = write_report(session, tmp_path / "out", model=app.model, generated_at=GENERATED)
    rows = list(csv.DictReader(io.StringIO(files.csv.read_text(encoding="utf-8"))))
    by_name = {r["name"]: r for r in rows}
    assert by_name["Bescheid per E-Mail versenden"]["quadrant"] == "benefit_unknown"
    assert by_name["Bescheid per E-Mail versenden"]["idea_score"] == str(check.idea_score)
    assert by_name["Bescheid per E-Mail versenden"]["benefit_band"] == "mittel"
    assert by_name["Entwurf"]["quadrant"] == "not_assessable"
    html = files.html.read_text(encoding="utf-8")
    assert "Nutzen unbekannt" in html and "Nicht bewertbar" in html
    assert f"Schnellcheck: Ideenwert {check.idea_score} von 100" in html
    sheet = load_workbook(files.xlsx)["Prozesse"]
    header = [c.value for c in sheet[1]]
    assert "Ideenwert (Schnellcheck)" in header and "Nutzen (Schnellcheck)" in header
    values = {
        row[header.index("Prozess")]: row for row in sheet.iter_rows(min_row=2, values_only=True)
    }
    assert values["Bescheid per E-Mail versenden"][header.index("Einordnung")] == "Nutzen unbekannt"
    app.db.dispose()
