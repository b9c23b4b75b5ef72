"""The pilot's and the team's daily views: Mein Amt, honest headline hours, sorting, Amt names,
the same file in two Ämter."""

from __future__ import annotations

import html
import re

import pytest
from sqlalchemy import select

from processes.models import Assessment, Process
from tests.conftest import SAMPLES
from tests.web.browsing import german_number
from tests.web.conftest import Workbench, csrf_of

pytestmark = pytest.mark.usefixtures("cheap_hashing")


def _section(html: str, heading_id: str) -> str:
    match = re.search(rf'aria-labelledby="{heading_id}">(.*?)</section>', html, re.S)
    assert match, f"no section {heading_id}"
    return match.group(1)


def _headline(html: str) -> tuple[float, str]:
    match = re.search(
        r'<span class="zahl">([\d.]+)</span><span class="was">Stunden pro Jahr könnten Roboter '
        r'übernehmen</span><span class="erklaerung">([^<]*)</span>',
        html,
    )
    assert match, "no headline hours"
    return german_number(match.group(1)), match.group(2)


def _assessments(bench: Workbench) -> list[tuple[str, str, float | None]]:
    with bench.lotse.db.read_session() as session:
        return [
            (p.department_code, a.quadrant, a.hours_saved)
            for p, a in session.execute(
                select(Process, Assessment).join(
                    Assessment, Assessment.id == Process.current_assessment_id
                )
            )
        ]


def test_headline_hours_count_suitable_known_processes_and_say_the_rest(
    workbench: Workbench,
) -> None:
    rows = _assessments(workbench)
    suitable = sum(h for _, q, h in rows if q != "not_suitable" and h is not None)
    unsuitable = [h for _, q, h in rows if q == "not_suitable"]
    assert unsuitable and sum(h or 0 for h in unsuitable) > 0, "the samples need such a case"
    everything = sum(h or 0 for _, _, h in rows)

    hours, words = _headline(workbench.client("it").get("/").text)
    assert hours == round(suitable) and hours < everything
    assert f"{len(unsuitable)} Prozess" in words and "„Nicht geeignet“" in words


def test_mein_amt_shows_the_pilots_department_only(workbench: Workbench) -> None:
    page = workbench.client("pilot63").get("/").text
    own = _section(page, "h-mein-amt")
    assert "Mein Amt: 63 Baurechtsamt" in own
    ids = {int(i) for i in re.findall(r'href="/katalog/(\d+)"', own)}
    with workbench.lotse.db.read_session() as session:
        department = set(session.scalars(select(Process.id).where(Process.department_code == "63")))
    assert ids and ids <= department
    assert 'href="/katalog?amt=63"' in own
    rows = [r for r in _assessments(workbench) if r[0] == "63"]
    hours, _ = _headline(own)
    assert hours == round(sum(h for _, q, h in rows if q != "not_suitable" and h is not None))
    # the team has no department of its own: no "Mein Amt"
    assert 'id="h-mein-amt"' not in workbench.client("it").get("/").text
    # the catalogue offers the same filter in one click
    assert 'href="/katalog?amt=63"' in workbench.client("pilot63").get("/katalog").text


def _ids(html: str) -> list[int]:
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [int(i) for i in re.findall(r'<tr>\s*<td><a href="/katalog/(\d+)"', body)]


def test_rank_honours_the_sort_direction(workbench: Workbench) -> None:
    client = workbench.client("it")
    with workbench.lotse.db.read_session() as session:
        quadrant = {
            p.id: (a.quadrant if a else "")
            for p, a in session.execute(
                select(Process, Assessment).outerjoin(
                    Assessment, Assessment.id == Process.current_assessment_id
                )
            )
        }
    order = ["quick_win", "strategic", "later", "not_suitable"]
    best_first = _ids(client.get("/katalog?sortierung=rang&absteigend=1").text)
    worst_first = _ids(client.get("/katalog?sortierung=rang&absteigend=0").text)
    assert sorted(best_first) == sorted(worst_first) == sorted(quadrant)
    ranks = [order.index(quadrant[i]) for i in best_first]
    assert ranks == sorted(ranks)
    assert [order.index(quadrant[i]) for i in worst_first] == sorted(ranks, reverse=True)
    assert best_first[0] == worst_first[-1] and best_first[-1] == worst_first[0]


def test_column_headers_sort_and_say_how(workbench: Workbench) -> None:
    client = workbench.client("pilot20")
    page = client.get("/katalog?amt=63&sortierung=potenzial&absteigend=1").text
    header = html.unescape(page.split("<thead>", 1)[1].split("</thead>", 1)[0])
    sorted_column = re.search(
        r'<th scope="col" class="zahl" aria-sort="descending">(.*?)</th>', header, re.S
    )
    assert sorted_column and "Potenzial" in sorted_column.group(1)
    # clicking the sorted column turns it round; the filters stay
    assert 'href="/katalog?q=&amt=63&status=&quadrant=&sortierung=potenzial&absteigend=0"' in header
    # other columns start with their natural direction: names A first, numbers the largest
    assert "sortierung=name&absteigend=0" in header and "sortierung=stunden&absteigend=1" in header
    assert header.count("aria-sort=") == 1

    by_name = client.get("/katalog?sortierung=name&absteigend=0").text
    assert 'aria-sort="ascending"' in by_name
    by_department = _ids(client.get("/katalog?sortierung=amt&absteigend=0").text)
    with workbench.lotse.db.read_session() as session:
        codes = dict(session.execute(select(Process.id, Process.department_code)).all())
    assert [codes[i] for i in by_department] == sorted(codes[i] for i in by_department)


def test_amt_names_stand_next_to_the_numbers(workbench: Workbench) -> None:
    client = workbench.client("it")
    catalogue = client.get("/katalog?amt=20").text
    assert '<span class="kennziffer">20</span> Kämmerei und Stadtkasse' in catalogue
    board = client.get("/pipeline").text
    assert '<span class="kennziffer">63</span> Baurechtsamt' in board
    process = client.get(f"/katalog/{workbench.process_ids['32:Process_Gewerbeanmeldung']}").text
    assert '<span class="kennziffer">32</span> Ordnungsamt' in process


def test_the_same_file_in_two_departments_is_flagged_and_counted_once(
    workbench: Workbench,
) -> None:
    client = workbench.client("it")
    before, _ = _headline(client.get("/").text)
    token = csrf_of(client.get("/hochladen").text)
    data = (SAMPLES / "bpmn" / "gewerbeanmeldung.bpmn").read_bytes()
    answer = client.post(
        "/hochladen", data={"csrf_token": token, "amt": "20"},
        files={"datei": ("gewerbeanmeldung.bpmn", data, "application/xml")},
    )  # fmt: skip
    assert answer.status_code == 303
    copy = int(answer.headers["location"].rsplit("/", 1)[1])
    original = workbench.process_ids["32:Process_Gewerbeanmeldung"]

    page = client.get(f"/katalog/{copy}").text
    assert 'class="hinweis doppelt"' in page and f'href="/katalog/{original}"' in page
    listing = client.get("/katalog?q=Gewerbeanmeldung").text
    assert listing.count("Dieselbe Datei auch bei") == 2
    after, words = _headline(client.get("/").text)
    assert after == before, "the copy's hours are not added again"
    assert "1 Prozess doppelt" in words
