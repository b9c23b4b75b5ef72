"""The Workshop page over HTTP: upload or pick drawings, compare, correct, download.

Who may do what (signed in, the owner only, pilots only their own Amt's processes),
CSRF on every form, hostile and wrong files, and the corrections' round trip.
"""

from __future__ import annotations

import json
import re
import stat
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient
from httpx import Response

from tests.bpmn.hostile import READABLE, hostile_inputs, listener, valid_document
from tests.conftest import SAMPLES
from tests.web.conftest import Workbench, csrf_of
from tests.web.test_security import (
    CSRF_REFUSED,
    HOSTILE,
    HOSTILE_NAMES,
    LEAKS,
    SECRET,
    _padded,
    watched_secret,
)

pytestmark = pytest.mark.usefixtures("cheap_hashing")

TOAST = sorted((SAMPLES / "workshop" / "toast").glob("*.bpmn"))
ID = re.compile(r"^/workshop/([A-Za-z0-9_-]{24})$")


def files(*paths: Path) -> list[tuple[str, tuple[str, bytes, str]]]:
    return [("dateien", (p.name, p.read_bytes(), "application/xml")) for p in paths]


def store_of(bench: Workbench) -> Path:
    return bench.lotse.settings.data_dir / "workshop"


def stored_files(bench: Workbench) -> set[Path]:
    root = store_of(bench)
    return {p.relative_to(root) for p in root.rglob("*")} if root.exists() else set()


def new_comparison(client: TestClient, *paths: Path, **fields: str) -> str:
    """Compares uploaded files; the comparison's address."""
    token = csrf_of(client.get("/workshop").text)
    answer = client.post("/workshop", data={"csrf_token": token, **fields}, files=files(*paths))
    assert answer.status_code == 303, answer.text[:800]
    location = answer.headers["location"]
    assert ID.match(location), location
    return str(location)


def alert(html: str) -> str:
    match = re.search(r'<div class="meldung error" role="alert"[^>]*>(.*?)</div>', html, re.S)
    assert match, f"no error message on the page: {html[:500]}"
    text = re.sub(r"<[^>]+>", "", match.group(1)).replace("&lt;", "<").replace("&gt;", ">")
    return " ".join(text.split())


def placed(html: str) -> list[tuple[str, str]]:
    """The messages in the correction section: (kind, text)."""
    section = html.split('id="zuordnung"', 1)[1].split("</section>", 1)[0]
    return [
        (kind, " ".join(re.sub(r"<[^>]+>", "", text).split()))
        for kind, text in re.findall(
            r'<div class="meldung (\w+)" role="\w+">(.*?)</div>', section, re.S
        )
    ]


def rows(html: str) -> dict[str, str]:
    """Step table: the row's step name → its "n/N"."""
    found = {}
    for row in re.findall(r'<tr id="schritt-S\d+">(.*?)</tr>', html, re.S):
        name = re.search(r'<th scope="row">([^<(]*)', row)
        count = re.search(r"(\d+/\d+)</span></td>", row)
        assert name and count, row
        found[name.group(1).strip()] = count.group(1)
    return found


def choice(html: str, label: str) -> str:
    """The checkbox value of the row whose step is called ``label``."""
    for row in re.findall(r'<tr id="schritt-S\d+">(.*?)</tr>', html, re.S):
        if re.search(rf'<th scope="row">{re.escape(label)}[ <]', row):
            match = re.search(r'name="schritt" value="([^"]+)"', row)
            assert match
            return match.group(1)
    raise AssertionError(f"no row {label!r}")


def split_button(html: str, label: str, drawing: str) -> str:
    match = re.search(
        rf'name="trennen" value="([^"]+)"><span class="unsichtbar">„{re.escape(label)}“ in '
        rf"{re.escape(drawing)}</span>",
        html,
    )
    assert match, f"no split button for {label} in {drawing}"
    return match.group(1)


def correct(client: TestClient, location: str, **fields: str | list[str]) -> str:
    """Sends one correction; the page it leads back to."""
    token = csrf_of(client.get(location).text)
    answer = client.post(f"{location}/zuordnung", data={"csrf_token": token, **fields})
    assert answer.status_code == 303, answer.text[:500]
    assert answer.headers["location"] == f"{location}#zuordnung"
    return client.get(location).text


def download(client: TestClient, location: str, name: str) -> Response:
    answer = client.get(f"{location}/{name}")
    assert answer.status_code == 200, answer.text[:300]
    assert answer.headers["content-disposition"] == f'attachment; filename="{name}"'
    return answer


# -- upload, page, downloads ----------------------------------------------------------


def test_upload_five_drawings_compare_and_take_them_along(workbench: Workbench) -> None:
    client = workbench.client("pilot63")
    form = client.get("/workshop")
    assert form.status_code == 200
    assert 'href="/workshop" aria-current="page"' in form.text  # in the navigation
    assert 'name="dateien"' in form.text and "multiple" in form.text

    location = new_comparison(client, *TOAST)
    page = client.get(location)
    assert page.status_code == 200
    html = page.text
    assert "<h1>Workshop-Vergleich: Toast zubereiten</h1>" in html
    assert html.count('class="bpmn-drawing"') == 6  # the combined view and five drawings
    assert html.count("Was fehlt Ihnen vielleicht?") == 5
    for heading in ("Gemeinsame Sicht", "Zuordnung der Schritte", "Unterschiede",
                    "Was die Unterschiede für die Automatisierung bedeuten"):  # fmt: skip
        assert heading in html
    assert "Mehrheitssicht" in html and "„Toast goldbraun?“" in html
    assert rows(html)["Brot toasten"] == "5/5"
    assert "<script" not in html and "style=" not in html  # CSP: no inline scripts or styles

    data = download(client, location, "workshop.json").json()
    names = [p.name for p in TOAST]
    assert data["drawings"] == names
    toasting = next(s for s in data["steps"] if s["label"] == "Brot toasten")
    assert toasting["present_in"] == names
    assert set(data["missing"]) == set(names) and data["corrections"] == []
    offline = download(client, location, "workshop.html").text
    assert "<h1>Workshop-Vergleich: Toast zubereiten</h1>" in offline
    assert "@media print" in offline and offline.count("Was fehlt Ihnen vielleicht?") == 5

    # Each drawing at its own size (side by side they are fitted to their column).
    assert f'href="{location}/zeichnung/4.svg"' in html
    svg = client.get(f"{location}/zeichnung/4.svg")
    assert svg.status_code == 200 and svg.headers["content-type"].startswith("image/svg+xml")
    assert "Zeichnung dirk.bpmn" in svg.text and "Toastscheiben einlegen" in svg.text
    for wrong in ("0", "6", "99999999999999999999"):
        assert client.get(f"{location}/zeichnung/{wrong}.svg").status_code in (404, 422)
    assert client.get(f"{location}/bericht.pdf").status_code == 404

    # Kept in the data directory only: the drawings under numbers and the manifest,
    # readable for the service's group, not for everyone.
    ident = ID.match(location).group(1)  # type: ignore[union-attr]
    kept = stored_files(workbench)
    assert kept == {Path(ident)} | {
        Path(ident, name)
        for name in ("1.bpmn", "2.bpmn", "3.bpmn", "4.bpmn", "5.bpmn", "vergleich.json")
    }
    for name in kept:
        mode = stat.S_IMODE((store_of(workbench) / name).stat().st_mode)
        assert mode & 0o007 == 0, f"{name} is readable for everyone ({mode:o})"
    assert (store_of(workbench) / ident / "4.bpmn").read_bytes() == TOAST[3].read_bytes()

    # The form lists the comparison for its owner.
    assert f'href="{location}">Toast zubereiten</a>' in client.get("/workshop").text


def test_title_and_facts_from_the_form_reach_the_estimate(workbench: Workbench) -> None:
    client = workbench.client("it")
    location = new_comparison(
        client, *TOAST, titel="Toast im Workshop am 3. März", ausnahmequote="20"
    )
    html = client.get(location).text
    assert "<h1>Workshop-Vergleich: Toast im Workshop am 3. März</h1>" in html
    assert "20\u202f%" in html  # the exception rate the trainer asked in the room

    token = csrf_of(client.get("/workshop").text)
    answer = client.post(
        "/workshop",
        data={"csrf_token": token, "ausnahmequote": "250", "titel": "bleibt stehen"},
        files=files(*TOAST[:2]),
    )
    assert answer.status_code == 422
    assert 'aria-invalid="true"' in answer.text and 'value="250"' in answer.text
    assert 'value="bleibt stehen"' in answer.text


# -- the catalogue ----------------------------------------------------------------------


def _second_bauantrag_version(bench: Workbench) -> tuple[int, int]:
    """Version 1 and a changed version 2 of department 63's Bauantrag: their ids."""
    from sqlalchemy import select

    from processes.importer import ImportRequest, import_many
    from processes.models import ProcessVersion

    source = (SAMPLES / "bpmn" / "bauantrag.bpmn").read_text(encoding="utf-8")
    changed = source.replace('name="Bauantrag bearbeiten"', 'name="Bauantrag bearbeiten (neu)"')
    assert changed != source
    import_many(
        bench.lotse.db.session,
        [ImportRequest(file_name="bauantrag.bpmn", data=changed.encode(), department="63")],
        bench.lotse.model,
        bench.lotse.limits,
    )
    process_id = bench.process_ids["63:Process_Bauantrag"]
    with bench.lotse.db.read_session() as session:
        ids = session.scalars(
            select(ProcessVersion.id)
            .where(ProcessVersion.process_id == process_id)
            .order_by(ProcessVersion.number)
        ).all()
    assert len(ids) == 2
    return ids[0], ids[1]


def _version_of(bench: Workbench, key: str) -> int:
    from processes.models import Process

    with bench.lotse.db.read_session() as session:
        process = session.get_one(Process, bench.process_ids[key])
        assert process.current_version_id is not None
        return process.current_version_id


def test_pilot_picks_versions_of_own_amt_from_the_catalogue(workbench_any_db: Workbench) -> None:
    bench = workbench_any_db
    first, second = _second_bauantrag_version(bench)
    client = bench.client("pilot63")
    form = client.get("/workshop").text
    assert f'name="version" value="{first}"' in form and f'name="version" value="{second}"'
    assert "Rechnungseingang" not in form  # another Amt's process is not offered
    token = csrf_of(form)
    answer = client.post(
        "/workshop",
        data={"csrf_token": token, "version": [str(first), str(second)]},
    )
    assert answer.status_code == 303, answer.text[:500]
    html = client.get(answer.headers["location"]).text
    # each version under the name it had then
    assert "Bauantrag bearbeiten – Version 1" in html
    assert "Bauantrag bearbeiten (neu) – Version 2" in html
    assert "Katalog, Amt 63" in html
    assert rows(html)  # steps were aligned

    # Uploads and catalogue versions in one comparison.
    answer = client.post(
        "/workshop",
        data={"csrf_token": token, "version": str(second)},
        files=files(SAMPLES / "bpmn" / "bauantrag.bpmn"),
    )
    assert answer.status_code == 303, answer.text[:500]
    html = client.get(answer.headers["location"]).text
    assert "bauantrag.bpmn <span" in html and "Bauantrag bearbeiten (neu) – Version 2" in html


def test_a_pilot_cannot_compare_another_amts_processes(workbench: Workbench) -> None:
    own = _version_of(workbench, "63:Process_Bauantrag")
    other = _version_of(workbench, "20:Process_Rechnungseingang")
    unassigned = _version_of(workbench, "Process_ToastZubereiten")  # no Amt at all
    client = workbench.client("pilot63")
    token = csrf_of(client.get("/workshop").text)
    for foreign in (other, unassigned):
        answer = client.post(
            "/workshop", data={"csrf_token": token, "version": [str(own), str(foreign)]}
        )
        assert answer.status_code == 403, answer.text[:300]
        assert "Keine Berechtigung" in answer.text
    # The search does not reach beyond the own Amt either.
    assert "Rechnungseingang" not in client.get("/workshop?amt=20&q=Rechnung").text
    for unknown in ("999999", "abc", "-1"):
        answer = client.post(
            "/workshop", data={"csrf_token": token, "version": [str(own), unknown]}
        )
        assert answer.status_code == 404
    assert stored_files(workbench) == set()

    # The automation team compares across Ämter.
    it = workbench.client("it")
    assert "Rechnungseingang" in it.get("/workshop?amt=20").text
    token = csrf_of(it.get("/workshop").text)
    answer = it.post("/workshop", data={"csrf_token": token, "version": [str(own), str(other)]})
    assert answer.status_code == 303, answer.text[:300]


# -- wrong and hostile files ------------------------------------------------------------


def test_wrong_files_get_one_german_line_and_the_rest_is_compared(
    workbench: Workbench, tmp_path: Path
) -> None:
    client = workbench.client("pilot63")
    token = csrf_of(client.get("/workshop").text)
    note = ("notizen.bpmn", b"Das ist eine Notiz, kein Diagramm.", "text/plain")

    answer = client.post("/workshop", data={"csrf_token": token}, files=files(TOAST[0]))
    assert answer.status_code == 400
    assert alert(answer.text) == (
        "Nicht verglichen: Bitte mindestens zwei Zeichnungen hochladen oder im Katalog auswählen."
    )

    answer = client.post(
        "/workshop",
        data={"csrf_token": token},
        files=[*files(TOAST[0]), ("dateien", note)],
    )
    assert answer.status_code == 422
    message = alert(answer.text)
    assert message.startswith("Nicht verglichen: „notizen.bpmn“: ")
    assert "zwei lesbare Zeichnungen" in message
    assert stored_files(workbench) == set()

    too_many = [*files(*TOAST), *files(*TOAST), *files(*TOAST[:3])]
    answer = client.post("/workshop", data={"csrf_token": token}, files=too_many)
    assert answer.status_code == 400
    assert "höchstens 12 Zeichnungen" in alert(answer.text)

    # Two readable ones are compared; the wrong one is named on the comparison's page.
    answer = client.post(
        "/workshop",
        data={"csrf_token": token},
        files=[*files(TOAST[0], TOAST[1]), ("dateien", note)],
    )
    assert answer.status_code == 303
    html = client.get(answer.headers["location"]).text
    assert "Nicht verglichen:" in html and "„notizen.bpmn“: " in html
    assert html.count('class="bpmn-drawing"') == 3


def test_hostile_files_are_refused_and_nothing_is_read_or_kept(
    workbench: Workbench, tmp_path: Path
) -> None:
    client = workbench.client("pilot63")
    token = csrf_of(client.get("/workshop").text)
    with watched_secret(tmp_path) as (secret, reads), listener() as (port, connections):
        documents = hostile_inputs(str(secret), port)
        for name, expected in HOSTILE.items():
            answer = client.post(
                "/workshop",
                data={"csrf_token": token},
                files=[
                    *files(TOAST[0]),
                    ("dateien", (f"{name}.bpmn", documents[name], "application/xml")),
                ],
            )
            if name in READABLE:  # well-formed, the include left alone: a drawing without steps
                assert answer.status_code == 303, name
                page = client.get(answer.headers["location"]).text
                assert f"In „{name}.bpmn“ ist kein Schritt gezeichnet." in page
                assert SECRET not in page
                continue
            assert answer.status_code == 422, name
            message = alert(answer.text)
            assert f"„{name}.bpmn“: " in message and expected in message, (name, message)
            assert SECRET not in answer.text
            assert not any(leak in answer.text for leak in LEAKS), name
        time.sleep(0.05)  # a late connection or read would still be seen
    assert reads == [], "a hostile file made the server read a local file"
    assert connections == [], "a hostile file made the server open a connection"
    # kept: only the comparisons with the harmless (readable) file
    assert len({p.parts[0] for p in stored_files(workbench)}) == len(READABLE)


def _multipart_files(token: str, parts: list[tuple[bytes, bytes]]) -> tuple[bytes, dict[str, str]]:
    """A form with several files, written by hand: for names no well-behaved client sends."""
    boundary = b"lotse-grenze-5c1a"
    body = b'--%s\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n%s\r\n' % (
        boundary,
        token.encode(),
    )
    for name, content in parts:
        body += (
            b'--%s\r\nContent-Disposition: form-data; name="dateien"; filename="%s"\r\n'
            b"Content-Type: application/xml\r\n\r\n%s\r\n" % (boundary, name, content)
        )
    body += b"--%s--\r\n" % boundary
    return body, {"content-type": f"multipart/form-data; boundary={boundary.decode()}"}


def test_file_names_are_labels_only(workbench: Workbench, tmp_path: Path) -> None:
    client = workbench.client("pilot63")
    token = csrf_of(client.get("/workshop").text)
    before = set(tmp_path.rglob("*"))
    for raw_name in HOSTILE_NAMES:
        body, headers = _multipart_files(
            token, [(raw_name, valid_document()), (b"zweite.bpmn", TOAST[4].read_bytes())]
        )
        answer = client.post("/workshop", content=body, headers=headers)
        assert answer.status_code == 303, (raw_name, answer.text[:300])
        page = client.get(answer.headers["location"]).text
        assert "<script>alert" not in page
    new = set(tmp_path.rglob("*")) - before
    root = store_of(workbench)
    assert new and all(p == root or root in p.parents for p in new), "written outside the store"
    names = {p.name for p in new} - {"workshop"}
    assert all(re.fullmatch(r"\d\.bpmn|vergleich\.json|[A-Za-z0-9_-]{24}", n) for n in names)
    assert not Path("/etc/passwd.bpmn").exists() and not Path("/etc/cron.d/lotse.bpmn").exists()


def test_size_limits_per_file_and_per_form(small_workbench: Workbench) -> None:
    bench = small_workbench
    client = bench.client("pilot63")
    token = csrf_of(client.get("/workshop").text)
    padded = _padded(120_000)  # above the 0.1 MB one file may have
    answer = client.post(
        "/workshop",
        data={"csrf_token": token},
        files=[*files(TOAST[1]), ("dateien", ("gross.bpmn", padded, "application/xml"))],
    )
    assert answer.status_code == 422
    assert "„gross.bpmn“: Die Datei ist zu groß" in alert(answer.text)
    # All files together may not be larger than one file may be (plus the form's fields).
    answer = client.post(
        "/workshop",
        data={"csrf_token": token},
        files=[("dateien", (f"{i}.bpmn", padded, "application/xml")) for i in range(4)],
    )
    assert answer.status_code == 413
    assert stored_files(bench) == set()


def test_too_many_steps_for_a_page_are_refused_in_german(
    workbench: Workbench, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every view recomputes the comparison: the page limits the steps (the CLI does not)."""
    client = workbench.client("pilot63")
    location = new_comparison(client, *TOAST[:2])
    monkeypatch.setattr("lotse.web.views.workshop.MAX_STEPS", 10)
    token = csrf_of(client.get("/workshop").text)
    answer = client.post("/workshop", data={"csrf_token": token}, files=files(*TOAST[:2]))
    assert answer.status_code == 422
    assert re.fullmatch(
        r"Nicht verglichen: Die Zeichnungen haben zusammen \d+ Schritte; verglichen werden "
        r"höchstens 10\. Bitte vergleichen Sie kleinere Ausschnitte\.",
        alert(answer.text),
    )
    answer = client.get(location)  # made before the limit was lowered
    assert answer.status_code == 422 and "höchstens 10" in answer.text


# -- corrections --------------------------------------------------------------------------


def test_correction_round_trip(workbench: Workbench) -> None:
    client = workbench.client("pilot63")
    location = new_comparison(client, *TOAST)
    html = client.get(location).text
    before = rows(html)
    assert before["Toastscheiben einlegen"] == "1/5"
    assert before["Brot in den Toaster stecken"] == "2/5"

    # "gehören zusammen"
    html = correct(
        client,
        location,
        aktion="zusammen",
        schritt=[
            choice(html, "Toastscheiben einlegen"),
            choice(html, "Brot in den Toaster stecken"),
        ],
    )
    assert placed(html) == [
        (
            "success",
            "„Toastscheiben einlegen“ und „Brot in den Toaster stecken“ sind jetzt ein "
            "gemeinsamer Schritt.",
        )
    ]
    after = rows(html)
    assert "Toastscheiben einlegen" not in after
    assert after["Brot in den Toaster stecken"] == "3/5"
    assert len(after) == len(before) - 1
    assert "(von Hand zugeordnet)" in html and "Alle Festlegungen aufheben" in html
    data = download(client, location, "workshop.json").json()
    joined = next(s for s in data["steps"] if s["fixed"])
    assert joined["present_in"] == ["anna.bpmn", "carla.bpmn", "dirk.bpmn"]
    assert len(data["corrections"]) == 1
    assert "von Hand festgelegt" in download(client, location, "workshop.html").text
    # The next visit, and another session of the same user, see the correction too.
    assert rows(workbench.client("pilot63").get(location).text) == after

    # "gehört nicht dazu"
    html = correct(
        client, location, trennen=split_button(html, "Toastscheiben einlegen", "dirk.bpmn")
    )
    assert placed(html) == [
        ("success", "„Toastscheiben einlegen“ (dirk.bpmn) ist jetzt ein Schritt für sich.")
    ]
    assert rows(html)["Toastscheiben einlegen"] == "1/5"
    assert rows(html)["Brot in den Toaster stecken"] == "2/5"

    # Undo one, then all.
    html = correct(client, location, aufheben=choice(html, "Toastscheiben einlegen"))
    assert placed(html)[0][0] == "success"
    html = correct(client, location, aktion="alle_aufheben")
    assert placed(html) == [("success", "Alle Festlegungen sind aufgehoben.")]
    assert rows(html) == before
    assert "(von Hand zugeordnet)" not in html


def test_impossible_corrections_are_said_and_change_nothing(workbench: Workbench) -> None:
    client = workbench.client("pilot63")
    location = new_comparison(client, *TOAST)
    html = client.get(location).text
    manifest = store_of(workbench) / location.rsplit("/", 1)[1] / "vergleich.json"
    kept = manifest.read_bytes()

    # Two steps both of Anna's drawing cannot be one step.
    html = correct(
        client,
        location,
        aktion="zusammen",
        schritt=[choice(html, "Brot holen"), choice(html, "Brot in den Toaster stecken")],
    )
    ((kind, text),) = placed(html)
    assert kind == "error" and "„anna.bpmn“" in text and "gehört nicht dazu" in text
    for fields in (
        {"aktion": "zusammen", "schritt": choice(html, "Brot holen")},
        {"aktion": "zusammen"},
        {"trennen": "kein-verweis"},
        {"trennen": "3:gibt-es-nicht"},
        {"trennen": choice(html, "Krümelschublade leeren")},  # already alone
        {"aufheben": "x" * 5000},
    ):
        ((kind, text),) = placed(correct(client, location, **fields))
        assert kind == "error" and text and "Traceback" not in text, fields
    assert manifest.read_bytes() == kept


# -- who may ------------------------------------------------------------------------------


def test_only_the_owner_sees_and_corrects_a_comparison(workbench: Workbench) -> None:
    owner = workbench.client("pilot63")
    location = new_comparison(owner, *TOAST[:3])
    manifest = store_of(workbench) / location.rsplit("/", 1)[1] / "vergleich.json"
    kept, before = manifest.read_bytes(), stored_files(workbench)
    for who in ("pilot20", "it", "admin"):
        client = workbench.client(who)
        token = csrf_of(client.get("/workshop").text)
        for path in ("", "/workshop.html", "/workshop.json", "/zeichnung/1.svg"):
            answer = client.get(f"{location}{path}")
            assert answer.status_code == 404, (who, path)
            assert "Toast" not in answer.text
        answer = client.post(
            f"{location}/zuordnung", data={"csrf_token": token, "aktion": "alle_aufheben"}
        )
        assert answer.status_code == 404, who
        assert location not in client.get("/workshop").text
    assert manifest.read_bytes() == kept

    anonymous = workbench.client()
    token = csrf_of(anonymous.get("/login").text)
    for answer in (
        anonymous.get(location),
        anonymous.get("/workshop"),
        anonymous.post("/workshop", data={"csrf_token": token}, files=files(*TOAST[:2])),
        anonymous.post(
            f"{location}/zuordnung", data={"csrf_token": token, "aktion": "alle_aufheben"}
        ),
    ):
        assert answer.status_code == 303 and urlsplit(answer.headers["location"]).path == "/login"
    assert manifest.read_bytes() == kept and stored_files(workbench) == before
    for path in ("/workshop/..%2F..%2Fsecret_key", "/workshop/kurz", "/workshop/" + "A" * 24):
        assert owner.get(path).status_code == 404, path


@pytest.mark.parametrize("who", ["pilot63", "pilot20", "it", "admin"])
def test_every_role_with_a_desk_may_compare(workbench: Workbench, who: str) -> None:
    client = workbench.client(who)
    page = client.get("/workshop")
    assert page.status_code == 200
    assert '<a href="/workshop"' in client.get("/").text
    new_comparison(client, *TOAST[:2])


def test_forms_without_the_sessions_token_are_refused(workbench: Workbench) -> None:
    client = workbench.client("pilot63")
    location = new_comparison(client, *TOAST)
    manifest = store_of(workbench) / location.rsplit("/", 1)[1] / "vergleich.json"
    html = client.get(location).text
    token = csrf_of(html)
    foreign = csrf_of(workbench.client().get("/login").text)
    kept, before = manifest.read_bytes(), stored_files(workbench)
    join = {
        "aktion": "zusammen",
        "schritt": [
            choice(html, "Toastscheiben einlegen"),
            choice(html, "Brot in den Toaster stecken"),
        ],
    }
    for variant in (
        {},
        {"csrf_token": ""},
        {"csrf_token": token[:-2] + "xy"},
        {"csrf_token": foreign},
    ):
        answer = client.post("/workshop", data=variant, files=files(*TOAST[:2]))
        assert answer.status_code == 403 and CSRF_REFUSED in answer.text
        answer = client.post(f"{location}/zuordnung", data={**join, **variant})
        assert answer.status_code == 403 and CSRF_REFUSED in answer.text
    answer = client.post(
        f"{location}/zuordnung?csrf_token={token}", data=join, headers={"X-CSRF-Token": token}
    )
    assert answer.status_code == 403
    assert manifest.read_bytes() == kept and stored_files(workbench) == before
    # With the session's token the same correction goes through.
    answer = client.post(f"{location}/zuordnung", data={**join, "csrf_token": token})
    assert answer.status_code == 303 and manifest.read_bytes() != kept
    assert json.loads(manifest.read_text(encoding="utf-8"))["corrections"]
