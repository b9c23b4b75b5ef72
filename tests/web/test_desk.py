"""The mailroom desk over HTTP: every outcome, copies, the undo time, the next letter, a
refused choice that keeps what was typed, and the decisions carried out exactly once."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from robots.decisions import ReviewOutcome
from robots.letters import Letter, utcnow
from tests.web.conftest import Workbench, csrf_of

pytestmark = pytest.mark.usefixtures("cheap_hashing")


def _decide(client: TestClient, letter_id: int, **form: str | list[str]) -> tuple[int, str, str]:
    page = client.get(f"/post/{letter_id}").text
    answer = client.post(
        f"/post/{letter_id}/entscheiden", data={**form, "csrf_token": csrf_of(page)}
    )
    return answer.status_code, answer.headers.get("location", ""), answer.text


def _records(bench: Workbench) -> list[ReviewOutcome]:
    with bench.lotse.db.read_session() as session:
        return list(session.scalars(select(ReviewOutcome).order_by(ReviewOutcome.id)))


def _letter(bench: Workbench, letter_id: int) -> Letter:
    with bench.lotse.db.read_session() as session:
        return session.get_one(Letter, letter_id)


def _carry_out(bench: Workbench, client: TestClient) -> None:
    """As the robot's next run does, once the undo time has passed."""
    room = client.app.state.mailroom()  # type: ignore[attr-defined]
    later = utcnow() + timedelta(seconds=room.config.undo_seconds + 1)
    for letter_id in room.apply_due_decisions(later):
        room.process(letter_id)


def _outbox(bench: Workbench) -> list[dict[str, object]]:
    outbox = bench.lotse.settings.data_dir / "outbox"
    return [json.loads(p.read_text()) for p in sorted(outbox.glob("*/*.json"))]


def test_a_decision_waits_can_be_undone_and_then_goes_out(workbench: Workbench) -> None:
    first, second = workbench.review_letters(2)
    clerk = workbench.client("post")
    status, location, _ = _decide(
        clerk, first, aktion="amt:20", kommentar="Rechnung im Prospekt versteckt"
    )
    # Saved, and the next letter of the queue opens at once.
    assert (status, location) == (303, f"/post/{second}")
    page = clerk.get(location).text
    assert f"Gespeichert: Brief {first}" in page and "an 20 Kämmerei und Stadtkasse" in page
    assert f'action="/post/{first}/rueckgaengig"' in page
    # Written down with the comment, not carried out yet: nothing delivered, still in review.
    (record,) = _records(workbench)
    assert (record.outcome, record.departments, record.comment) == (
        "deliver", ["20"], "Rechnung im Prospekt versteckt",
    )  # fmt: skip
    assert record.robot_reason.startswith("Werbung") and record.applied_at is None
    assert _letter(workbench, first).status == "review" and _outbox(workbench) == []
    queue = clerk.get("/post").text
    waiting = re.search(r'id="pruefung"(.*?)</section>', queue, re.S)
    assert waiting and "Gerade entschieden" in waiting.group(1)
    assert f'href="/post/{second}"' in waiting.group(1)

    # Undone: the letter waits again, the record stays, marked.
    page = clerk.get(f"/post/{first}").text
    assert "Entschieden" in page and "Rückgängig machen" in page
    answer = clerk.post(f"/post/{first}/rueckgaengig", data={"csrf_token": csrf_of(page)})
    assert (answer.status_code, answer.headers["location"]) == (303, f"/post/{first}")
    page = clerk.get(f"/post/{first}").text
    assert "rückgängig gemacht" in page and 'name="aktion" value="not_mail"' in page
    assert _records(workbench)[0].undone_by == "post"

    # Decided again; once the undo time is over the robot carries it out, nothing delivered.
    status, _, _ = _decide(clerk, first, aktion="not_mail")
    assert status == 303
    _carry_out(workbench, clerk)
    letter = _letter(workbench, first)
    assert (letter.status, letter.outcome, letter.delivered_to) == ("archived", "not_mail", None)
    assert letter.archive_file and Path(letter.archive_file).is_file()
    assert _outbox(workbench) == []
    assert "keine Verwaltungspost" in clerk.get(f"/post/{first}").text


def test_several_amter_from_the_list_and_the_suggestions(workbench: Workbench) -> None:
    (first,) = workbench.review_letters(1)
    second = workbench.two_department_letter()
    it = workbench.client("it")
    # From the list: the original to 51, copies to 33 and 40.
    status, _, _ = _decide(it, first, aktion="zustellen", original="51", kopie=["33", "40"])
    assert status == 303
    # From the suggestions: a tick at "Kopie" goes with the button pressed.
    page = it.get(f"/post/{second}").text
    suggested = re.findall(r'name="aktion" value="amt:(\d+)"', page)
    assert {"63", "67"} <= set(suggested), suggested
    # each guess with its own reasons beside its button
    assert re.search(r'value="amt:67".*?<ul class="gruende klein"><li>[^<]*→ 67 ', page, re.S)
    status, _, _ = _decide(it, second, aktion="amt:67", kopie=["63"])
    assert status == 303
    _carry_out(workbench, it)
    delivered = sorted((str(s["department"]), bool(s.get("copy"))) for s in _outbox(workbench))
    assert delivered == sorted(
        [("51", False), ("33", True), ("40", True), ("67", False), ("63", True)]
    )
    page = it.get(f"/post/{first}").text
    assert "Kopie an" in page and "Jugendamt" in page


@pytest.mark.parametrize(
    ("form", "stored"),
    [
        ({"aktion": "misdelivered"}, ("misdelivered", "")),
        ({"aktion": "rescan", "kommentar": "Seite 2 fehlt"}, ("rescan", "")),
        ({"aktion": "private", "an_wen": "Frau Sommer, 33"}, ("private", "Frau Sommer, 33")),
        # Enter in the name field: the form's default button, decided by what was filled in
        ({"aktion": "auto", "an_wen": "Herrn Kaya"}, ("private", "Herrn Kaya")),
        ({"amt": "10"}, ("deliver", "")),  # the desk's earlier field, still understood
    ],
)
def test_each_outcome_is_recorded(
    workbench: Workbench, form: dict[str, str], stored: tuple[str, str]
) -> None:
    (letter_id,) = workbench.review_letters(1)
    clerk = workbench.client("post")
    status, location, _ = _decide(clerk, letter_id, **form)
    assert (status, location) == (303, "/post#pruefung"), "the queue is empty now"
    (record,) = _records(workbench)
    assert (record.outcome, record.handed_to) == stored
    assert record.decided_by == "post"
    assert record.comment == form.get("kommentar", "")


def test_a_refused_choice_keeps_what_was_typed(workbench: Workbench) -> None:
    (letter_id,) = workbench.review_letters(1)
    clerk = workbench.client("post")
    status, _, page = _decide(clerk, letter_id, aktion="private", kommentar="Geburtstagskarte")
    assert status == 422
    assert "Nicht gespeichert:" in page and "an wen sie weitergegeben wird" in page
    assert ">Geburtstagskarte</textarea>" in page, "the comment is never dropped"
    status, _, page = _decide(
        clerk, letter_id, aktion="zustellen", kopie=["33"], kommentar="zwei Ämter", an_wen=""
    )
    assert status == 422 and "das Original bekommt" in page
    assert re.search(r'name="kopie" value="33" aria-label="Kopie an [^"]+" checked', page)
    status, _, page = _decide(clerk, letter_id, aktion="auto")
    assert status == 422 and "Enter allein" in page
    assert _records(workbench) == [] and _letter(workbench, letter_id).status == "review"


def test_due_decisions_go_out_with_the_next_decision(workbench: Workbench) -> None:
    """Without a robot run: the clerk's next decision carries out the ones whose time is up."""
    first, second = workbench.review_letters(2)
    room = workbench.client("post").app.state.mailroom()  # type: ignore[attr-defined]
    from robots.decisions import Choice, Outcome

    earlier = utcnow() - timedelta(seconds=room.config.undo_seconds + 5)
    room.decide(first, Choice(Outcome.DELIVER, ("22",), user="post"), now=earlier)
    status, _, _ = _decide(workbench.client("post"), second, aktion="rescan")
    assert status == 303
    assert _letter(workbench, first).status == "archived"
    assert [s["department"] for s in _outbox(workbench)] == ["22"]
    assert _letter(workbench, second).status == "review", "its own time is not up yet"


def test_two_clerks_deciding_the_same_letter(workbench: Workbench) -> None:
    (letter_id,) = workbench.review_letters(1)
    one, other = workbench.client("post"), workbench.client("it")
    page_one = one.get(f"/post/{letter_id}").text
    page_other = other.get(f"/post/{letter_id}").text
    assert (
        one.post(
            f"/post/{letter_id}/entscheiden",
            data={"aktion": "not_mail", "csrf_token": csrf_of(page_one)},
        ).status_code
        == 303
    )
    answer = other.post(
        f"/post/{letter_id}/entscheiden",
        data={"aktion": "amt:20", "kommentar": "doch Rechnung", "csrf_token": csrf_of(page_other)},
    )
    assert answer.status_code == 422
    assert "gerade entschieden" in answer.text
    assert "Ihr Kommentar war: „doch Rechnung“" in answer.text, "not dropped silently"
    assert len(_records(workbench)) == 1
