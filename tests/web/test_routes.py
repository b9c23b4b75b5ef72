"""Every route for every role (allowed and refused), and what the allowed actions do."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import func, select

from lotse.users import Role, User, add_user
from processes.models import (
    Assessment,
    Process,
    ProcessFacts,
    ProcessVersion,
    StatusChange,
)
from processes.scoring.text import number
from robots.letters import Letter
from tests.bpmn.hostile import valid_document
from tests.web.conftest import USERS, Workbench, _build, change_password, csrf_of, sign_in

pytestmark = pytest.mark.usefixtures("cheap_hashing")


ANONYMOUS = "anonym"
ROLES = [ANONYMOUS, *USERS]
SIGNED_IN = frozenset(USERS)
READERS = SIGNED_IN - {"post"}  # catalogue, reports, overview: everyone but the mailroom clerks
PILOT_OR_IT = READERS  # upload: pilots, IT and admins
CLERKS = frozenset({"post", "it", "admin"})  # the mailroom
IT = frozenset({"it", "admin"})
ADMIN = frozenset({"admin"})
PUBLIC = frozenset({ANONYMOUS, *USERS})


@dataclass(frozen=True)
class Route:
    method: str
    path: str  # placeholders: {p63} process of department 63, {letter}, {opfer} a user
    allowed: frozenset[str]
    status: int = 200  # for allowed roles
    goes_to: str = ""  # start of the Location header for allowed redirects
    form: dict[str, str] = field(default_factory=dict)
    upload: bool = False
    sent_to: dict[str, str] = field(default_factory=dict)  # role → its own page instead (303)

    @property
    def id(self) -> str:
        return f"{self.method} {self.path}"


# The five answers of the quick check on the process page.
QUICK_CHECK = {
    "rule_based": "ja",
    "digital_input": "teilweise",
    "structured_input": "ja",
    "changes": "keine",
    "cases": "ueber-1000",
}


ROUTES = [
    Route("GET", "/login", PUBLIC),
    Route("GET", "/static/lotse.css", PUBLIC),
    Route("GET", "/", READERS, sent_to={"post": "/post"}),
    Route("GET", "/prefect", IT, 303, "http://127.0.0.1:4200"),
    Route("GET", "/katalog", READERS),
    Route("GET", "/katalog?amt=63&quadrant=not_suitable&sortierung=stunden", READERS),
    Route("GET", "/katalog/{p63}", READERS),
    Route("GET", "/katalog/{p63}/zeichnung.svg", READERS),
    Route("GET", "/hochladen", PILOT_OR_IT),
    Route("GET", "/pipeline", IT),
    Route("GET", "/berichte", READERS),
    Route("GET", "/berichte/candidates.csv", READERS),
    Route("GET", "/berichte/kandidaten.csv", READERS),
    Route("GET", "/berichte/ansehen", READERS),
    Route("GET", "/berichte/report.html?im_browser=1", READERS),
    Route("GET", "/berichte/candidates.xlsx", READERS),
    Route("GET", "/berichte/report.html", READERS),
    Route("GET", "/post", CLERKS),
    Route("GET", "/post/qualitaet", CLERKS),
    Route("GET", "/post/{letter}", CLERKS),
    Route("GET", "/post/{letter}/seite/1.png", CLERKS),
    Route("GET", "/admin/benutzer", ADMIN),
    Route("POST", "/logout", PUBLIC, 303, "/login"),
    Route(
        "POST",
        "/katalog/{p63}/fakten",
        frozenset({"pilot63", "it", "admin"}),
        303,
        "/katalog/{p63}",
        {"fallzahl_pro_monat": "120", "minuten_pro_fall": "25"},
    ),
    Route(
        "POST",
        "/katalog/{p63}/schnellcheck",
        frozenset({"pilot63", "it", "admin"}),
        303,
        "/katalog/{p63}",
        QUICK_CHECK,
    ),
    Route(
        "POST",
        "/katalog/{p63}/status",
        IT,
        303,
        "/katalog/{p63}",
        {"status": "assessed", "kommentar": "aus der Rollentabelle"},
    ),
    Route("POST", "/hochladen", PILOT_OR_IT, 303, "/katalog/", upload=True),
    # Enter alone decides nothing (422): who may is checked without using up the letter.
    Route("POST", "/post/{letter}/entscheiden", CLERKS, 422, form={"aktion": "auto"}),
    Route("POST", "/post/{letter}/rueckgaengig", CLERKS, 303, "/post/{letter}"),
    Route(
        "POST",
        "/admin/benutzer",
        ADMIN,
        303,
        "/admin/benutzer",
        {"benutzername": "tabelle", "passwort": "tabellen-passwort", "rolle": "it"},
    ),
    Route("POST", "/admin/benutzer/{opfer}/aktiv", ADMIN, 303, "/admin/benutzer"),
]


# -- one workbench for the whole role table: every case is a single request -----------


@dataclass
class Shared:
    bench: Workbench
    places: dict[str, int]
    clients: dict[str, TestClient] = field(default_factory=dict)

    def client(self, role: str, *, fresh: bool = False) -> TestClient:
        if fresh:
            # Signing out ends all of the user's sessions: the kept client goes too.
            self.clients.pop(role, None)
        if fresh or role not in self.clients:
            client = self.bench.client(None if role == ANONYMOUS else role)
            if role == ANONYMOUS:
                client.get("/login")  # a session, so that a CSRF token exists
            if fresh:
                return client
            self.clients[role] = client
        return self.clients[role]


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Shared]:
    from lotse.app import open_app
    from lotse.settings import get_settings

    tmp = tmp_path_factory.mktemp("rollen")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("LOTSE_DATABASE_URL", f"sqlite:///{tmp / 'lotse.db'}")
        patch.setenv("LOTSE_DATA_DIR", str(tmp / "data"))
        get_settings.cache_clear()
        lotse = open_app()
    get_settings.cache_clear()
    bench = _build(lotse)
    with lotse.db.session() as session:
        victim = add_user(session, "opfer", "opfer-passwort", Role.IT)
        victim_id = victim.id
    places = {
        "p63": bench.process_ids["63:Process_Bauantrag"],
        "letter": bench.review_letter(),
        "opfer": victim_id,
    }
    yield Shared(bench, places)
    lotse.db.dispose()


def _token(client: TestClient) -> str:
    return csrf_of(client.get("/login").text)


def _small_report(session: object, name: str, **_: object) -> bytes:
    """The role table asks who may download, not what: the content has its own test below."""
    return b"rank,key\n"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.id)
def test_route_for_role(
    shared: Shared, route: Route, role: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("processes.report.report_file", _small_report)
    client = shared.client(role, fresh=route.path == "/logout")
    path = route.path.format(**shared.places)
    if route.method == "GET":
        answer = client.get(path)
    else:
        data = {**route.form, "csrf_token": _token(client)}
        files = {"datei": ("tabelle.bpmn", valid_document(), "application/xml")}
        answer = client.post(path, data=data, files=files if route.upload else None)

    if role in route.sent_to:
        assert answer.status_code == 303, answer.text[:500]
        assert answer.headers["location"] == route.sent_to[role]
    elif role in route.allowed:
        assert answer.status_code == route.status, answer.text[:500]
        if route.goes_to:
            assert answer.headers["location"].startswith(route.goes_to.format(**shared.places))
    elif role == ANONYMOUS:
        assert answer.status_code == 303, answer.text[:500]
        target = urlsplit(answer.headers["location"])
        assert target.path == "/login"
        assert parse_qs(target.query)["next"] == [path], "sign-in must lead back to the page"
    else:
        assert answer.status_code == 403, answer.text[:500]
        assert "Keine Berechtigung" in answer.text


# -- what the actions do -------------------------------------------------------------


def _scores(html: str) -> tuple[str, str]:
    """Potential and ease as shown at the top of the process page."""
    found = dict(
        (what, value)
        for value, what in re.findall(
            r'<span class="zahl">([^<]*)</span><span class="was">([^<(]*)', html
        )
    )
    return found["Automatisierungspotenzial "], found["Umsetzbarkeit "]


def _messages(html: str) -> list[str]:
    return [
        re.sub(r"<[^>]+>", "", text).strip()
        for text in re.findall(r'<div class="meldung[^"]*"[^>]*>(.*?)</div>', html, re.S)
    ]


def _count(bench: Workbench, model: type, *where: object) -> int:
    with bench.lotse.db.read_session() as session:
        return session.scalar(select(func.count()).select_from(model).where(*where)) or 0


def _facts(bench: Workbench, process_id: int) -> dict[str, object]:
    with bench.lotse.db.read_session() as session:
        row = session.scalar(select(ProcessFacts).where(ProcessFacts.process_id == process_id))
        if row is None:
            return {}
        return {c: getattr(row, c) for c in ("cases_per_month", "digital_share", "exception_rate")}


BAUANTRAG_FACTS = {
    "fallzahl_pro_monat": "85",
    "minuten_pro_fall": "420",
    "anteil_digital": "95",
    "ausnahmequote": "5",
    "aenderungen": "stabil",
    "it_systeme": "1",
    "rechtsgrundlage": "Landesbauordnung",
}


def test_pilot_edits_facts_of_own_department_and_sees_the_new_score(workbench: Workbench) -> None:
    process_id = workbench.process_ids["63:Process_Bauantrag"]
    client = workbench.client("pilot63")
    page = client.get(f"/katalog/{process_id}").text
    assert f'action="/katalog/{process_id}/fakten"' in page, "the owner sees the facts form"
    before = _scores(page)
    assessments = _count(workbench, Assessment)

    answer = client.post(
        f"/katalog/{process_id}/fakten", data={**BAUANTRAG_FACTS, "csrf_token": csrf_of(page)}
    )
    assert answer.status_code == 303
    assert answer.headers["location"].startswith(f"/katalog/{process_id}")

    page = client.get(f"/katalog/{process_id}").text
    after = _scores(page)
    assert after != before, "new facts change the score shown"
    assert any("Fakten gespeichert" in m for m in _messages(page))
    assert _count(workbench, Assessment) == assessments + 1
    with workbench.lotse.db.read_session() as session:
        process = session.get_one(Process, process_id)
        current = process.current_assessment
        assert current is not None
        assert (number(current.potential), number(current.ease)) == after
        assert process.facts is not None
        assert process.facts.digital_share == pytest.approx(0.95)
        assert process.facts.exception_rate == pytest.approx(0.05)
        assert process.facts.cases_per_month == 85
        assert process.facts.updated_by == "pilot63"
    assert 'value="95"' in page, "the form shows the stored share in percent"


def test_bad_facts_are_explained_and_change_nothing(workbench: Workbench) -> None:
    process_id = workbench.process_ids["63:Process_Bauantrag"]
    client = workbench.client("pilot63")
    page = client.get(f"/katalog/{process_id}").text
    before = _facts(workbench, process_id)
    answer = client.post(
        f"/katalog/{process_id}/fakten",
        data={
            "anteil_digital": "150", "fallzahl_pro_monat": "viele", "minuten_pro_fall": "12,5",
            "rechtsgrundlage": "§ 58 LBO", "csrf_token": csrf_of(page),
        },
    )  # fmt: skip
    # Answered at once: what was typed stays, each problem stands at its field.
    assert answer.status_code == 422
    page = answer.text
    assert re.search(
        r'id="digital" name="anteil_digital" inputmode="decimal" value="150" aria-invalid="true"',
        page,
    )
    assert re.search(
        r'id="fallzahl" name="fallzahl_pro_monat" inputmode="decimal" value="viele" aria-invalid="true" autofocus',
        page,
    )
    assert (
        'id="digital-fehler">Anteil digitaler Eingänge „150“ muss zwischen 0 und 100 % liegen<'
        in page
    )
    assert 'id="fallzahl-fehler">Fälle pro Monat „viele“ ist keine Zahl<' in page
    assert 'value="12,5"' in page and 'value="§ 58 LBO"' in page, "valid input is kept too"
    assert "Ihre Eingaben stehen noch im Formular" in page
    assert _facts(workbench, process_id) == before


def test_the_quick_check_on_the_process_page(workbench: Workbench) -> None:
    process_id = workbench.process_ids["63:Process_Bauantrag"]
    client = workbench.client("pilot63")
    page = client.get(f"/katalog/{process_id}").text
    assert 'id="h-schnellcheck"' in page and f'action="/katalog/{process_id}/schnellcheck"' in page
    incomplete = client.post(
        f"/katalog/{process_id}/schnellcheck",
        data={"rule_based": "ja", "csrf_token": csrf_of(page)},
    )
    assert incomplete.status_code == 303
    assert any(
        "alle fünf Fragen" in m for m in _messages(client.get(f"/katalog/{process_id}").text)
    )
    answer = client.post(
        f"/katalog/{process_id}/schnellcheck", data={**QUICK_CHECK, "csrf_token": csrf_of(page)}
    )
    assert answer.status_code == 303 and answer.headers["location"].endswith("#schnellcheck")
    page = client.get(f"/katalog/{process_id}").text
    assert "Ideenwert 88 von 100, Nutzen sehr hoch" in page
    assert '<option value="ueber-1000" selected>' in page, "the answers stay in the form"
    other = workbench.client("pilot20")
    refused = other.post(
        f"/katalog/{process_id}/schnellcheck",
        data={**QUICK_CHECK, "csrf_token": csrf_of(other.get("/katalog").text)},
    )
    assert refused.status_code == 403


def test_pilot_of_another_department_cannot_edit_facts(workbench: Workbench) -> None:
    process_id = workbench.process_ids["63:Process_Bauantrag"]
    client = workbench.client("pilot20")
    page = client.get(f"/katalog/{process_id}").text
    assert f'action="/katalog/{process_id}/fakten"' not in page
    facts = _facts(workbench, process_id)
    assessments = _count(workbench, Assessment)

    answer = client.post(
        f"/katalog/{process_id}/fakten", data={**BAUANTRAG_FACTS, "csrf_token": csrf_of(page)}
    )
    assert answer.status_code == 403
    assert "Keine Berechtigung" in answer.text
    assert _facts(workbench, process_id) == facts
    assert _count(workbench, Assessment) == assessments

    own = workbench.process_ids["20:Process_Rechnungseingang"]
    answer = client.post(
        f"/katalog/{own}/fakten", data={**BAUANTRAG_FACTS, "csrf_token": csrf_of(page)}
    )
    assert answer.status_code == 303, "the same pilot may edit their own department's process"
    assert _facts(workbench, own)["digital_share"] == pytest.approx(0.95)


def test_it_changes_pipeline_status_with_a_comment(workbench: Workbench) -> None:
    process_id = workbench.process_ids["32:Process_Gewerbeanmeldung"]
    client = workbench.client("it")
    page = client.get(f"/katalog/{process_id}").text
    assert f'action="/katalog/{process_id}/status"' in page
    answer = client.post(
        f"/katalog/{process_id}/status",
        data={
            "status": "approved",
            "kommentar": "Schneller Erfolg, bitte umsetzen",
            "csrf_token": csrf_of(page),
        },
    )
    assert answer.status_code == 303
    page = client.get(answer.headers["location"]).text
    assert re.search(
        r"<td>Bewertet</td>\s*<td>Freigegeben</td>\s*<td>it</td>\s*<td>Schneller Erfolg, bitte umsetzen</td>",
        page,
    ), "the history shows the change"
    with workbench.lotse.db.read_session() as session:
        assert session.get_one(Process, process_id).status == "approved"
        (change,) = session.scalars(
            select(StatusChange).where(
                StatusChange.process_id == process_id, StatusChange.changed_by == "it"
            )
        ).all()
        assert (change.from_status, change.to_status, change.changed_by) == (
            "assessed",
            "approved",
            "it",
        )

    # From the pipeline board: back to the board, the card in its new column.
    answer = client.post(
        f"/katalog/{process_id}/status",
        data={"status": "in_development", "zurueck": "pipeline", "csrf_token": csrf_of(page)},
    )
    assert answer.status_code == 303
    assert answer.headers["location"] == "/pipeline"
    board = client.get("/pipeline").text
    column = re.search(r'aria-labelledby="h-in_development">(.*?)</section>', board, re.S)
    assert column and f'href="/katalog/{process_id}"' in column.group(1)

    # The same status again is explained, not stored twice.
    client.post(
        f"/katalog/{process_id}/status",
        data={"status": "in_development", "csrf_token": csrf_of(page)},
    )
    assert any("bereits" in m for m in _messages(client.get(f"/katalog/{process_id}").text))
    assert _count(workbench, StatusChange, StatusChange.changed_by == "it") == 2


def test_pilot_cannot_change_pipeline_status(workbench: Workbench) -> None:
    process_id = workbench.process_ids["63:Process_Bauantrag"]
    client = workbench.client("pilot63")
    page = client.get(f"/katalog/{process_id}").text
    assert f'action="/katalog/{process_id}/status"' not in page
    assert 'href="/pipeline"' not in page
    changes = _count(workbench, StatusChange)
    answer = client.post(
        f"/katalog/{process_id}/status",
        data={"status": "approved", "kommentar": "selbst genehmigt", "csrf_token": csrf_of(page)},
    )
    assert answer.status_code == 403
    assert client.get("/pipeline").status_code == 403
    with workbench.lotse.db.read_session() as session:
        assert session.get_one(Process, process_id).status == "assessed"
    assert _count(workbench, StatusChange) == changes


def test_pilot_cannot_see_or_decide_the_review_queue(workbench: Workbench) -> None:
    letter_id = workbench.review_letter()
    client = workbench.client("pilot63")
    page = client.get("/").text
    assert 'href="/post"' not in page
    for path in ("/post", f"/post/{letter_id}", f"/post/{letter_id}/seite/1.png"):
        answer = client.get(path)
        assert answer.status_code == 403, path
        assert "image/png" not in answer.headers["content-type"]
        assert "werbung" not in answer.text.lower(), "nothing of the letter shows"
    answer = client.post(
        f"/post/{letter_id}/entscheiden", data={"amt": "63", "csrf_token": csrf_of(page)}
    )
    assert answer.status_code == 403
    with workbench.lotse.db.read_session() as session:
        letter = session.get_one(Letter, letter_id)
        assert (letter.status, letter.department, letter.decided_by) == ("review", None, None)


def test_mailroom_search_by_name(workbench: Workbench) -> None:
    letter_id = workbench.review_letter()
    client = workbench.client("it")
    assert f'href="/post/{letter_id}"' in client.get("/post?name=WERB#briefe").text
    found = client.get("/post?name=gibtsnicht").text
    trail = re.search(r'id="briefe"(.*?)</section>', found, re.S)
    assert trail and "Keine Briefe gefunden" in trail.group(1)


def test_admin_creates_a_user_who_can_sign_in(workbench: Workbench) -> None:
    admin = workbench.client("admin")
    page = admin.get("/admin/benutzer").text
    answer = admin.post(
        "/admin/benutzer",
        data={
            "benutzername": "neu63",
            "passwort": "neues-passwort-63",
            "rolle": "lotse",
            "amt": "63",
            "csrf_token": csrf_of(page),
        },
    )
    assert answer.status_code == 303
    page = admin.get("/admin/benutzer").text
    assert "neu63" in page
    assert any("angelegt" in m for m in _messages(page))

    newcomer = workbench.client()
    sign_in(newcomer, "neu63", "neues-passwort-63")
    # The admin chose the password: the newcomer chooses their own first.
    assert newcomer.get("/katalog").headers["location"] == "/passwort"
    assert change_password(newcomer, "neues-passwort-63", "mein-eigenes-63").status_code == 303
    assert newcomer.get("/katalog").status_code == 200
    assert newcomer.get("/pipeline").status_code == 403, "a new pilot has the pilot's rights"
    own = workbench.process_ids["63:Process_Bauantrag"]
    assert f'action="/katalog/{own}/fakten"' in newcomer.get(f"/katalog/{own}").text

    # A pilot without department, a short password, a taken name: refused and explained.
    for form, expected in (
        ({"benutzername": "ohneamt", "passwort": "langes-passwort", "rolle": "lotse"}, "Amt"),
        ({"benutzername": "kurz", "passwort": "kurz", "rolle": "it"}, "mindestens 10"),
        ({"benutzername": "neu63", "passwort": "langes-passwort", "rolle": "it"}, "gibt es schon"),
        ({"benutzername": "rolle", "passwort": "langes-passwort", "rolle": "chef"}, "Rolle"),
    ):
        admin.post("/admin/benutzer", data={**form, "csrf_token": csrf_of(page)})
        assert any(expected in m for m in _messages(admin.get("/admin/benutzer").text)), form
    assert _count(workbench, User) == len(USERS) + 1


@pytest.mark.parametrize("who", ["pilot63", "it"])
def test_non_admin_cannot_create_or_lock_users(workbench: Workbench, who: str) -> None:
    client = workbench.client(who)
    token = csrf_of(client.get("/").text)
    answer = client.post(
        "/admin/benutzer",
        data={
            "benutzername": "eindringling",
            "passwort": "eindringling-pw",
            "rolle": "admin",
            "csrf_token": token,
        },
    )
    assert answer.status_code == 403
    with workbench.lotse.db.read_session() as session:
        admin_id = session.scalar(select(User.id).where(User.username == "admin"))
    assert (
        client.post(f"/admin/benutzer/{admin_id}/aktiv", data={"csrf_token": token}).status_code
        == 403
    )
    assert _count(workbench, User) == len(USERS)
    assert _count(workbench, User, User.active.is_(False)) == 0
    intruder = workbench.client()
    token = csrf_of(intruder.get("/login").text)
    refused = intruder.post(
        "/login",
        data={"username": "eindringling", "password": "eindringling-pw", "csrf_token": token},
    )
    assert refused.status_code == 401


def test_admin_locks_and_unlocks_a_user(workbench: Workbench) -> None:
    admin = workbench.client("admin")
    page = admin.get("/admin/benutzer").text
    with workbench.lotse.db.read_session() as session:
        ids = {name: uid for name, uid in session.execute(select(User.username, User.id))}
    answer = admin.post(
        f"/admin/benutzer/{ids['pilot20']}/aktiv", data={"csrf_token": csrf_of(page)}
    )
    assert answer.status_code == 303
    assert _count(workbench, User, User.username == "pilot20", User.active.is_(False)) == 1
    locked_out = workbench.client()
    token = csrf_of(locked_out.get("/login").text)
    answer = locked_out.post(
        "/login",
        data={"username": "pilot20", "password": USERS["pilot20"][2], "csrf_token": token},
    )
    assert answer.status_code == 401
    admin.post(f"/admin/benutzer/{ids['pilot20']}/aktiv", data={"csrf_token": csrf_of(page)})
    sign_in(workbench.client(), "pilot20", USERS["pilot20"][2])

    # Admins cannot lock themselves out.
    admin.post(f"/admin/benutzer/{ids['admin']}/aktiv", data={"csrf_token": csrf_of(page)})
    assert _count(workbench, User, User.active.is_(False)) == 0
    assert admin.get("/admin/benutzer").status_code == 200


# -- catalogue list ----------------------------------------------------------------------


def _rows(html: str) -> list[tuple[int, str]]:
    """(process id, department) of each catalogue row, in order."""
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        link = re.search(r'<td><a href="/katalog/(\d+)">', row)
        if link is None:
            continue  # "Keine Prozesse gefunden."
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        department = re.search(r'<span class="kennziffer">([^<]*)</span>', cells[1])
        rows.append((int(link.group(1)), department.group(1) if department else cells[1]))
    return rows


def test_catalogue_filters_sorts_and_pages(
    workbench: Workbench, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = workbench.client("pilot20")
    # one process without facts, so that "unknown hours come last" is tested
    assert _upload(client, valid_document(), name="ohne-fakten.bpmn")[0] == 303
    everything_ids = dict(workbench.process_ids)
    with workbench.lotse.db.read_session() as session:
        facts = [
            (p.id, p.department_code, p.name, p.bpmn_id, p.current_assessment)
            for p in session.scalars(select(Process))
        ]
        known = {
            pid: (department, name, a.quadrant, a.hours_saved, a.potential, bpmn_id)
            for pid, department, name, bpmn_id, a in facts
            if a is not None
        }
    everything = _rows(client.get("/katalog").text)
    assert sorted(pid for pid, _ in everything) == sorted(known)
    assert set(everything_ids.values()) < set(known)

    rows = _rows(client.get("/katalog?amt=63").text)
    assert rows and all(department == "63" for _, department in rows)
    assert {pid for pid, _ in rows} == {p for p, v in known.items() if v[0] == "63"}

    rows = _rows(client.get("/katalog?amt=32").text)
    assert {pid for pid, _ in rows} == {p for p, v in known.items() if v[0] == "32"}
    # Gewerbeanmeldung, and Sondernutzung with the Tiefbauamt's pool as one diagram
    assert len(rows) == 2

    quick = {p for p, v in known.items() if v[2] == "quick_win"}
    assert len(quick) >= 2
    assert {pid for pid, _ in _rows(client.get("/katalog?quadrant=quick_win").text)} == quick

    rows = _rows(client.get("/katalog?q=BAU").text)
    assert {pid for pid, _ in rows} == {
        p for p, v in known.items() if "bau" in v[1].lower() or "bau" in v[5].lower()
    }, "the search looks at names and BPMN ids"
    assert "Keine Prozesse gefunden" in client.get("/katalog?q=gibt-es-nicht").text

    hours = [pid for pid, _ in _rows(client.get("/katalog?sortierung=stunden").text)]
    with_hours = [p for p in hours if known[p][3] is not None]
    assert [known[p][3] for p in with_hours] == sorted(
        (known[p][3] for p in with_hours), reverse=True
    )
    assert hours[-1] not in with_hours, "processes without hours come last"
    rising = [pid for pid, _ in _rows(client.get("/katalog?sortierung=stunden&absteigend=0").text)]
    values = [known[p][3] for p in rising if known[p][3] is not None]
    assert values == sorted(values)
    by_potential = [
        known[pid][4] for pid, _ in _rows(client.get("/katalog?sortierung=potenzial").text)
    ]
    assert by_potential == sorted(by_potential, reverse=True)

    # Filters combine; a filter that matches nothing says so.
    rows = _rows(client.get("/katalog?amt=32&quadrant=quick_win").text)
    assert {pid for pid, _ in rows} == {p for p, v in known.items() if v[0] == "32" and p in quick}
    assert _rows(client.get("/katalog?amt=63&quadrant=quick_win").text) == []
    assert _rows(client.get("/katalog?status=approved").text) == []
    assert len(_rows(client.get("/katalog?status=assessed").text)) == len(known)

    # Pages of five: disjoint, together the whole catalogue, and the page links.
    monkeypatch.setattr("lotse.web.views.catalogue.PER_PAGE", 5)
    pages = []
    for seite in (1, 2, 3):
        html = client.get(f"/katalog?sortierung=name&absteigend=0&seite={seite}").text
        assert f"Seite {seite} von 3" in html
        pages.append([pid for pid, _ in _rows(html)])
    assert [len(p) for p in pages] == [5, 5, 3]
    flat = [pid for page in pages for pid in page]
    assert sorted(flat) == sorted(known)
    names = [known[pid][1] for pid in flat]
    assert names == sorted(names)
    html = client.get("/katalog?sortierung=name&absteigend=0&seite=2").text
    assert 'rel="prev"' in html and 'rel="next"' in html
    assert "seite=3" in unquote(html)
    assert _rows(client.get("/katalog?seite=99").text) == []


def test_dashboard_and_prefect_link(workbench: Workbench) -> None:
    client = workbench.client("it")
    page = client.get("/").text
    assert re.search(r'<span class="zahl">12</span><span class="was">Prozesse im Katalog', page)
    quick = re.search(r'aria-labelledby="h-top">(.*?)</section>', page, re.S)
    assert quick and "Gewerbeanmeldung bearbeiten" in quick.group(1)
    answer = client.get("/prefect")
    assert answer.status_code == 303
    assert answer.headers["location"] == workbench.lotse.settings.prefect_ui_url


def test_process_page_and_drawing(workbench: Workbench) -> None:
    process_id = workbench.process_ids["63:Process_Bauantrag"]
    client = workbench.client("pilot20")
    page = client.get(f"/katalog/{process_id}").text
    assert "<h1>Bauantrag bearbeiten</h1>" in page
    assert "<svg" in page, "the drawing is on the page"
    drawing = client.get(f"/katalog/{process_id}/zeichnung.svg")
    assert drawing.headers["content-type"].startswith("image/svg+xml")
    assert drawing.text.lstrip().startswith("<svg") and "</svg>" in drawing.text
    assert client.get("/katalog/99999").status_code == 404
    assert client.get("/katalog/99999/zeichnung.svg").status_code == 404


# -- reports -----------------------------------------------------------------------------


def test_report_downloads(workbench: Workbench) -> None:
    client = workbench.client("pilot63")
    page = client.get("/berichte").text
    for name in ("report.html", "candidates.csv", "kandidaten.csv", "candidates.xlsx"):
        assert f'href="/berichte/{name}"' in page

    answer = client.get("/berichte/candidates.csv")
    assert answer.headers["content-type"] == "text/csv; charset=utf-8"
    assert answer.headers["content-disposition"] == 'attachment; filename="candidates.csv"'
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert {row["key"] for row in rows} == set(workbench.process_ids)
    first = rows[0]
    assert first["rank"] == "1" and first["quadrant"] == "quick_win"

    answer = client.get("/berichte/kandidaten.csv")
    assert answer.headers["content-disposition"] == 'attachment; filename="kandidaten.csv"'
    assert answer.content.startswith("\ufeffRang;Schlüssel;Prozess;".encode())
    german = list(csv.DictReader(io.StringIO(answer.content.decode("utf-8-sig")), delimiter=";"))
    assert [row["Schlüssel"] for row in german] == [row["key"] for row in rows]

    # In the browser: a page that says the report is being built, then the report itself,
    # shown (not downloaded) under a policy of its own that allows its inline styles only.
    waiting = client.get("/berichte/ansehen").text
    assert 'http-equiv="refresh" content="0; url=/berichte/report.html?im_browser=1"' in waiting
    assert "<progress" in waiting and f"{len(workbench.process_ids)} Prozesse" in waiting
    shown = client.get("/berichte/report.html?im_browser=1")
    assert shown.headers["content-disposition"].startswith("inline")
    policy = shown.headers["content-security-policy"]
    assert "script-src 'none'" in policy and "default-src 'none'" in policy
    assert "Bauantrag bearbeiten" in shown.text

    answer = client.get("/berichte/candidates.xlsx")
    assert answer.headers["content-type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert answer.content.startswith(b"PK")
    book = load_workbook(io.BytesIO(answer.content), read_only=True)
    cells = {str(c) for row in book.worksheets[0].iter_rows(values_only=True) for c in row}
    assert "Bauantrag bearbeiten" in cells

    answer = client.get("/berichte/report.html")
    assert answer.headers["content-type"] == "text/html; charset=utf-8"
    assert answer.headers["content-disposition"] == 'attachment; filename="report.html"'
    assert "<html" in answer.text[:500] and "Bauantrag bearbeiten" in answer.text

    for bad in ("/berichte/lotse.db", "/berichte/..%2F..%2Fsecret_key", "/berichte/report.HTML"):
        assert client.get(bad).status_code == 404, bad


# -- upload ------------------------------------------------------------------------------


def _upload(
    client: TestClient, data: bytes, name: str = "ablauf.bpmn", **form: str
) -> tuple[int, str]:
    token = csrf_of(client.get("/hochladen").text)
    answer = client.post(
        "/hochladen",
        data={"csrf_token": token, **form},
        files={"datei": (name, data, "application/xml")},
    )
    return answer.status_code, answer.headers.get("location", answer.text)


def test_upload_new_unchanged_and_new_version(workbench: Workbench) -> None:
    client = workbench.client("pilot63")
    processes = _count(workbench, Process)

    status, target = _upload(client, valid_document(), anteil_digital="80")
    assert status == 303 and re.fullmatch(r"/katalog/\d+", target), target
    page = client.get(target).text
    assert "<h1>Ablauf</h1>" in page
    assert any("neu im Katalog" in m and "Version 1" in m for m in _messages(page))
    assert "63:Process_1" in page, "a pilot's upload belongs to their department"
    assert _count(workbench, Process) == processes + 1
    process_id = int(target.rsplit("/", 1)[1])
    assert _facts(workbench, process_id)["digital_share"] == pytest.approx(0.8)

    status, again = _upload(client, valid_document())
    assert (status, again) == (303, target)
    assert any("unverändert" in m for m in _messages(client.get(again).text))
    assert _count(workbench, ProcessVersion, ProcessVersion.process_id == process_id) == 1

    changed = valid_document().replace("Prüfen".encode(), "Prüfen und freigeben".encode())
    # another file with the same diagram id is a process of its own, and the page says so …
    status, copy = _upload(client, changed, name="ablauf-v2.bpmn")
    assert status == 303 and copy != target
    assert any(
        "gehört schon zu" in m and "Neue Version von" in m for m in _messages(client.get(copy).text)
    )
    # … unless the pilot chooses the process it is a new version of
    form_page = client.get("/hochladen").text
    assert 'name="version_von"' in form_page and "63:Process_1" in form_page
    changed = changed.replace(
        "Prüfen und freigeben".encode(), "Prüfen und danach freigeben".encode()
    )
    status, newer = _upload(client, changed, name="ablauf-2027.bpmn", version_von="63:Process_1")
    assert (status, newer) == (303, target)
    page = client.get(newer).text
    assert any("neue Version" in m and "Version 2" in m for m in _messages(page))
    assert "Prüfen und danach freigeben" in page
    assert _count(workbench, ProcessVersion, ProcessVersion.process_id == process_id) == 2
    assert _count(workbench, Process) == processes + 2
    history = page.split('id="versionen"', 1)[1]
    assert "ablauf-2027.bpmn" in history and "ablauf.bpmn" in history


def test_it_uploads_for_a_chosen_department(workbench: Workbench) -> None:
    client = workbench.client("it")
    status, target = _upload(client, valid_document(), amt="51")
    assert status == 303
    assert "51:Process_1" in client.get(target).text
    status, page = _upload(client, valid_document(), amt="99")
    assert status == 400 and "„99“ ist unbekannt" in page


def test_logout_ends_the_session(workbench: Workbench) -> None:
    client = workbench.client("pilot63")
    token = csrf_of(client.get("/katalog").text)
    answer = client.post("/logout", data={"csrf_token": token})
    assert answer.status_code == 303
    assert answer.headers["location"] == "/login"
    assert (
        "lotse_sitzung=null" in answer.headers["set-cookie"]
        or "expires=Thu, 01 Jan 1970" in (answer.headers["set-cookie"])
    )
    after = client.get("/katalog")
    assert after.status_code == 303
    assert after.headers["location"].startswith("/login")


def test_logout_also_ends_a_copied_session_cookie(workbench: Workbench) -> None:
    """The cookie is only signed; a copy taken before signing out must not work after it."""
    client = workbench.client("pilot63")
    copy = workbench.client()
    copy.cookies.update(client.cookies)
    assert copy.get("/katalog").status_code == 200
    client.post("/logout", data={"csrf_token": csrf_of(client.get("/katalog").text)})
    answer = copy.get("/katalog")
    assert answer.status_code == 303 and answer.headers["location"].startswith("/login")
    again = workbench.client("pilot63")  # signing in again works
    assert again.get("/katalog").status_code == 200


# -- the main flows on SQLite and PostgreSQL --------------------------------------------


def test_upload_facts_and_status_on_every_database(workbench_any_db: Workbench) -> None:
    bench = workbench_any_db
    pilot = bench.client("pilot63")
    status, target = _upload(pilot, valid_document())
    assert status == 303 and target.startswith("/katalog/")
    assert _upload(pilot, valid_document()) == (303, target)
    changed = valid_document().replace("Prüfen".encode(), "Prüfen und ablegen".encode())
    assert _upload(pilot, changed) == (303, target)
    process_id = int(target.rsplit("/", 1)[1])
    assert _count(bench, ProcessVersion, ProcessVersion.process_id == process_id) == 2

    page = pilot.get(target).text
    before = _scores(page)
    answer = pilot.post(
        f"{target}/fakten",
        data={
            "fallzahl_pro_monat": "2000",
            "minuten_pro_fall": "15",
            "anteil_digital": "100",
            "ausnahmequote": "0",
            "csrf_token": csrf_of(page),
        },
    )
    assert answer.status_code == 303
    assert _scores(pilot.get(target).text) != before
    other = bench.client("pilot20")
    page = other.get(target).text
    assert other.post(f"{target}/fakten", data={"csrf_token": csrf_of(page)}).status_code == 403
    assert _facts(bench, process_id)["cases_per_month"] == 2000

    token = csrf_of(pilot.get(target).text)
    answer = pilot.post(f"{target}/status", data={"status": "live", "csrf_token": token})
    assert answer.status_code == 403
    it = bench.client("it")
    page = it.get(target).text
    answer = it.post(
        f"{target}/status",
        data={"status": "rejected", "kommentar": "Kein Nutzen", "csrf_token": csrf_of(page)},
    )
    assert answer.status_code == 303
    assert "Kein Nutzen" in it.get(target).text
    with bench.lotse.db.read_session() as session:
        assert session.get_one(Process, process_id).status == "rejected"
    rows = _rows(it.get("/katalog?status=rejected&amt=63").text)
    assert [pid for pid, _ in rows] == [process_id]


def test_catalogue_search_takes_wildcards_literally(workbench: Workbench) -> None:
    client = workbench.client("pilot63")
    assert ">12 Prozesse" in client.get("/katalog").text
    for wildcard in ("%", "Bau%antrag", "Bau_ntrag"):  # as wildcards, these would match
        page = client.get("/katalog", params={"q": wildcard}).text
        assert ">0 Prozesse" in page, wildcard
    assert ">1 Prozess<" in client.get("/katalog", params={"q": "bauantrag"}).text


def test_the_mailroom_clerk_sees_only_the_mailroom(workbench: Workbench) -> None:
    client = workbench.client("post")
    answer = client.get("/")
    assert (answer.status_code, answer.headers["location"]) == (303, "/post")
    page = client.get("/post").text
    nav = re.search(r'<nav aria-label="Hauptnavigation">(.*?)</nav>', page, re.S)
    assert nav, page[:500]
    links = re.findall(r'href="([^"]+)"', nav.group(1))
    assert links == ["/post"], links
    assert "Poststelle" in page and "Abmelden" in page
    for path in ("/katalog", "/pipeline", "/berichte", "/hochladen", "/workshop", "/prefect"):
        assert client.get(path).status_code == 403, path
