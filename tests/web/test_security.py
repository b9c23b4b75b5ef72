"""Security of the workbench: CSRF, upload limits and hostile files, sign-in, headers, errors."""

from __future__ import annotations

import hashlib
import logging
import os
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from lotse.users import Role, User, add_user
from processes.models import Process, ProcessFacts, ProcessVersion, SourceFile, StatusChange
from robots.decisions import ReviewOutcome
from robots.letters import Letter
from tests.bpmn.documents import MODEL
from tests.bpmn.hostile import hostile_inputs, listener, valid_document
from tests.web.conftest import USERS, Workbench, csrf_of

pytestmark = pytest.mark.usefixtures("cheap_hashing")


SECRET = "LOTSE-GEHEIM-WEB-4d1e"
CSRF_REFUSED = "Das Formular ist abgelaufen"
LEAKS = ("Traceback", "sqlalchemy", "OperationalError", "SELECT ", 'File "', "password_hash")


def _alert(html: str) -> str:
    """The upload page's error box, as text."""
    match = re.search(r'<div class="meldung error" role="alert"[^>]*>(.*?)</div>', html, re.S)
    assert match, f"no error message on the page: {html[:500]}"
    return re.sub(r"<[^>]+>", "", match.group(1)).replace("&lt;", "<").replace("&gt;", ">")


def _snapshot(bench: Workbench) -> dict[str, Any]:
    """Everything a refused request must leave as it was."""
    with bench.lotse.db.read_session() as session:
        return {
            "processes": session.execute(
                select(
                    Process.id, Process.status, Process.current_version_id,
                    Process.current_assessment_id,
                ).order_by(Process.id)
            ).all(),
            "facts": session.execute(
                select(ProcessFacts.process_id, ProcessFacts.cases_per_month).order_by(
                    ProcessFacts.process_id
                )
            ).all(),
            "versions": session.scalar(select(func.count()).select_from(ProcessVersion)),
            "sources": session.scalar(select(func.count()).select_from(SourceFile)),
            "changes": session.scalar(select(func.count()).select_from(StatusChange)),
            "users": session.execute(
                select(User.username, User.active, User.role).order_by(User.username)
            ).all(),
            "letters": session.execute(
                select(Letter.id, Letter.status, Letter.department).order_by(Letter.id)
            ).all(),
            # A clerk's decision is written down first and carried out after the undo time.
            "decisions": session.scalar(select(func.count()).select_from(ReviewOutcome)),
        }  # fmt: skip


def _signed_in(client: TestClient) -> bool:
    return client.get("/").status_code == 200


# -- CSRF ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Form:
    name: str
    who: str | None
    path: str
    fields: dict[str, str]
    upload: bool = False


FORMS = [
    Form("anmelden", None, "/login", {"username": "pilot63", "password": USERS["pilot63"][2]}),
    Form("abmelden", "pilot63", "/logout", {}),
    Form("fakten", "pilot63", "/katalog/{p63}/fakten", {"fallzahl_pro_monat": "999"}),
    Form("status", "it", "/katalog/{p63}/status", {"status": "approved", "kommentar": "x"}),
    Form("hochladen", "pilot63", "/hochladen", {}, upload=True),
    Form("entscheiden", "it", "/post/{letter}/entscheiden", {"amt": "10"}),
    Form(
        "benutzer",
        "admin",
        "/admin/benutzer",
        {"benutzername": "neu", "passwort": "neues-passwort", "rolle": "admin"},
    ),
    Form("sperren", "admin", "/admin/benutzer/{opfer}/aktiv", {}),
]


@pytest.mark.parametrize("form", FORMS, ids=lambda f: f.name)
def test_post_without_the_right_csrf_token_is_refused(workbench: Workbench, form: Form) -> None:
    places = {"p63": workbench.process_ids["63:Process_Bauantrag"]}
    if "{letter}" in form.path:
        places["letter"] = workbench.review_letter()
    if "{opfer}" in form.path:
        with workbench.lotse.db.session() as session:
            places["opfer"] = add_user(session, "opfer", "opfer-passwort", Role.IT).id
    path = form.path.format(**places)
    client = workbench.client(form.who)
    token = csrf_of(client.get("/login").text)
    stranger = workbench.client()
    foreign = csrf_of(stranger.get("/login").text)  # valid, but of another session
    files = {"datei": ("neu.bpmn", valid_document(), "application/xml")} if form.upload else None
    before = _snapshot(workbench)
    was_signed_in = _signed_in(client)

    for variant in (
        {},
        {"csrf_token": ""},
        {"csrf_token": token[:-2] + "xy"},
        {"csrf_token": foreign},
    ):
        answer = client.post(path, data={**form.fields, **variant}, files=files)
        assert answer.status_code == 403, (variant, answer.text[:300])
        assert CSRF_REFUSED in answer.text
        assert _snapshot(workbench) == before, f"{variant} changed something"
        assert _signed_in(client) == was_signed_in

    # The token in a header or the query string does not count either: only the form field.
    answer = client.post(
        f"{path}?csrf_token={token}",
        data=form.fields,
        files=files,
        headers={"X-CSRF-Token": token},
    )
    assert answer.status_code == 403
    assert _snapshot(workbench) == before

    # With the session's own token the same request goes through and changes something.
    answer = client.post(path, data={**form.fields, "csrf_token": token}, files=files)
    assert answer.status_code == 303, answer.text[:300]
    assert _snapshot(workbench) != before or _signed_in(client) != was_signed_in


# -- uploads: size -------------------------------------------------------------------


def _padded(size: int) -> bytes:
    """A valid diagram made ``size`` bytes bigger by a comment."""
    return valid_document().replace(
        b"</bpmn:definitions>", b"<!--" + b"x" * size + b"-->\n</bpmn:definitions>"
    )


def _multipart(token: str, file_name: bytes, content: bytes) -> tuple[bytes, dict[str, str]]:
    """A form body written by hand, for file names no well-behaved client would send."""
    boundary = "lotse-grenze-81f2"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n{token}\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="datei"; filename="'
        ).encode()
        + file_name
        + b'"\r\nContent-Type: application/xml\r\n\r\n'
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return body, {"content-type": f"multipart/form-data; boundary={boundary}"}


def _check_headers(answer: Any) -> None:
    csp = {
        part.strip().split(" ", 1)[0]: part.strip().partition(" ")[2]
        for part in answer.headers["content-security-policy"].split(";")
    }
    assert csp["script-src"] == "'self'"
    assert "unsafe" not in csp["script-src"] + csp["default-src"]
    assert csp["frame-ancestors"] == "'none'"
    assert csp["object-src"] == "'none'"
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert answer.headers["x-frame-options"] == "DENY"


def test_oversize_upload_gets_413_and_a_german_page(small_workbench: Workbench) -> None:
    bench = small_workbench
    client = bench.client("pilot63")
    token = csrf_of(client.get("/hochladen").text)
    before = _snapshot(bench)

    big = _padded(1_000_000)
    answer = client.post(
        "/hochladen",
        data={"csrf_token": token},
        files={"datei": ("gross.bpmn", big, "application/xml")},
    )
    assert answer.status_code == 413
    assert 'lang="de"' in answer.text or "lang=de" in answer.text
    assert "Datei zu groß" in answer.text and "0,1 MB" in answer.text
    _check_headers(answer)

    # Streamed without a declared length: counted while it arrives.
    body, headers = _multipart(token, b"gross.bpmn", big)
    chunks = (body[i : i + 65536] for i in range(0, len(body), 65536))
    answer = client.post("/hochladen", content=chunks, headers=headers)
    assert answer.request.headers.get("transfer-encoding") == "chunked"
    assert answer.status_code == 413, answer.text[:300]
    assert "Datei zu groß" in answer.text

    # Just over the limit, but the form around it still fits: the upload page says so.
    answer = client.post(
        "/hochladen",
        data={"csrf_token": token},
        files={"datei": ("etwas-gross.bpmn", _padded(150_000), "application/xml")},
    )
    assert answer.status_code == 422
    assert "zu groß" in _alert(answer.text) and "0,1 MB" in _alert(answer.text)
    assert _snapshot(bench) == before

    # A diagram under the limit is still welcome.
    answer = client.post(
        "/hochladen",
        data={"csrf_token": token},
        files={"datei": ("klein.bpmn", valid_document(), "application/xml")},
    )
    assert answer.status_code == 303
    assert _signed_in(client)


# -- uploads: hostile, broken and wrong files ---------------------------------------


@contextmanager
def watched_secret(folder: Path) -> Iterator[tuple[Path, list[str]]]:
    """A named pipe in place of a secret file: every attempt to read it is recorded.

    Opening a pipe for reading waits for a writer; the watcher is that writer, so a
    read (from Python or from C code inside a parser) is seen and then answered.
    """
    path = folder / "geheim.txt"
    os.mkfifo(path)
    reads: list[str] = []
    stop = threading.Event()

    def watch() -> None:
        while not stop.is_set():
            try:
                fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
            except OSError:  # nobody is reading
                time.sleep(0.005)
                continue
            reads.append("read")
            with suppress(OSError):
                os.write(fd, SECRET.encode())
            os.close(fd)

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    try:
        yield path, reads
    finally:
        stop.set()
        thread.join()


DTD = "DTD (<!DOCTYPE …>) in Zeile 2"
# name in tests/bpmn/hostile.py → what the pilot is told
HOSTILE = {
    "billion-laughs": DTD,
    "billion-laughs-utf16": DTD,
    "xxe-local-file": DTD,
    "xxe-url": DTD,
    "external-dtd": DTD,
    "parameter-entities": DTD,
    "quadratic-blowup": DTD,
    "deep-nesting": "zu tief verschachtelt",
    "xinclude": "keinen Prozess",
    "binary": "Binärdatei, keine BPMN-2.0-XML-Datei",
    "zip-renamed": "ZIP-Archiv, keine BPMN-2.0-XML-Datei",
    "html-renamed": "HTML-Seite, keine BPMN-2.0-XML-Datei",
    "svg-renamed": "oberste Element ist <svg>",
    "wrong-namespace": "Namensraum",
    "not-definitions": "oberste Element ist <process>",
    "empty": "Die Datei ist leer",
    "only-whitespace": "Die Datei ist leer",
}


def test_hostile_files_get_a_clear_german_error_and_nothing_is_read_or_stored(
    workbench: Workbench, tmp_path: Path
) -> None:
    client = workbench.client("pilot63")
    token = csrf_of(client.get("/hochladen").text)
    before = _snapshot(workbench)
    with watched_secret(tmp_path) as (secret, reads), listener() as (port, connections):
        documents = hostile_inputs(str(secret), port)
        for name, expected in HOSTILE.items():
            answer = client.post(
                "/hochladen",
                data={"csrf_token": token},
                files={"datei": (f"{name}.bpmn", documents[name], "application/xml")},
            )
            assert answer.status_code == 422, name
            message = _alert(answer.text)
            assert message.startswith("Die Datei wurde nicht übernommen:"), message
            assert expected in message, (name, message)
            assert SECRET not in answer.text
            assert not any(leak in answer.text for leak in LEAKS), name
        time.sleep(0.05)  # a late connection or read would still be seen
    assert reads == [], "a hostile file made the server read a local file"
    assert connections == [], "a hostile file made the server open a connection"
    assert _snapshot(workbench) == before


def test_broken_xml_names_line_and_column_and_keeps_the_form(workbench: Workbench) -> None:
    client = workbench.client("pilot63")
    token = csrf_of(client.get("/hochladen").text)
    broken = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<bpmn:definitions xmlns:bpmn="{MODEL}" id="d">\n'
        '  <bpmn:process id="p">\n'
        '    <bpmn:task id="t" name="Prüfen">\n'
        "  </bpmn:process>\n"
        "</bpmn:definitions>\n"
    ).encode()
    answer = client.post(
        "/hochladen",
        data={"csrf_token": token, "anteil_digital": "70", "rechtsgrundlage": "GemO"},
        files={"datei": ("kaputt.bpmn", broken, "application/xml")},
    )
    assert answer.status_code == 422
    message = _alert(answer.text)
    assert "kein wohlgeformtes XML" in message
    assert re.search(r"Zeile 5, Spalte \d+", message), message
    assert 'value="70"' in answer.text and 'value="GemO"' in answer.text, "typed facts are kept"

    truncated = valid_document()[:300]
    answer = client.post(
        "/hochladen",
        data={"csrf_token": token},
        files={"datei": ("halb.bpmn", truncated, "application/xml")},
    )
    assert re.search(r"Zeile \d+, Spalte \d+", _alert(answer.text))


@pytest.mark.parametrize(
    ("file_name", "content", "expected"),
    [
        ("bild.png", b"\x89PNG\r\n\x1a\n" + bytes(200), "PNG-Bild, keine BPMN-2.0-XML-Datei"),
        (
            "seite.bpmn",
            b"<!DOCTYPE html><html><body><p>Hallo</p></body></html>",
            "HTML-Seite, keine BPMN-2.0-XML-Datei",
        ),
        ("leer.bpmn", b"", "Die Datei ist leer"),
    ],
)
def test_files_that_are_not_bpmn_are_named_for_what_they_are(
    workbench: Workbench, file_name: str, content: bytes, expected: str
) -> None:
    client = workbench.client("pilot63")
    token = csrf_of(client.get("/hochladen").text)
    before = _snapshot(workbench)
    answer = client.post(
        "/hochladen",
        data={"csrf_token": token},
        files={"datei": (file_name, content, "image/png")},
    )
    assert answer.status_code == 422
    assert expected in _alert(answer.text)
    assert _snapshot(workbench) == before
    answer = client.post("/hochladen", data={"csrf_token": token})
    assert answer.status_code == 400
    assert "Bitte eine BPMN-Datei auswählen" in _alert(answer.text)


def _tree(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if not p.name.endswith(("-journal", "-wal", "-shm"))}


HOSTILE_NAMES: list[bytes] = [
    b"../../etc/passwd.bpmn",
    b"..\\..\\x.bpmn",
    b"/etc/cron.d/lotse.bpmn",
    b"C:\\Windows\\System32\\lotse.bpmn",
    b"....//....//y.bpmn",
    b"a\x00b.bpmn",
    b"<script>alert(1)</script>.bpmn",
    b"..",
]


def test_uploads_are_stored_by_content_hash_whatever_their_name(
    workbench: Workbench, tmp_path: Path
) -> None:
    client = workbench.client("pilot63")
    token = csrf_of(client.get("/hochladen").text)
    files_before = _tree(tmp_path)
    sent: dict[str, bytes] = {}
    for index, raw_name in enumerate([*HOSTILE_NAMES, b"zeile\numbruch.bpmn"]):
        content = valid_document().replace(b'id="Process_1"', f'id="Process_Name{index}"'.encode())
        if b"\n" in raw_name:  # a header cannot carry a raw newline: as a client would send it
            answer = client.post(
                "/hochladen",
                data={"csrf_token": token},
                files={"datei": (raw_name.decode(), content, "application/xml")},
            )
        else:
            body, headers = _multipart(token, raw_name, content)
            answer = client.post("/hochladen", content=body, headers=headers)
        assert answer.status_code == 303, (raw_name, answer.text[:300])
        sent[answer.headers["location"]] = content
        page = client.get(answer.headers["location"]).text
        assert "<script>alert" not in page

    assert _tree(tmp_path) == files_before, "an upload wrote a file"
    assert not Path("/etc/passwd.bpmn").exists() and not Path("/etc/cron.d/lotse.bpmn").exists()
    for outside in (Path.cwd(), tmp_path.parent, Path("/tmp")):
        assert not any((outside / n).exists() for n in ("x.bpmn", "y.bpmn", "passwd.bpmn"))

    with workbench.lotse.db.read_session() as session:
        for location, content in sent.items():
            process = session.get_one(Process, int(location.rsplit("/", 1)[1]))
            version = process.current_version
            assert version is not None
            label = version.file_name
            assert label and not re.search(r"[/\\\x00-\x1f<>]", label), label
            assert ".." not in label and not label.startswith("."), label
            digest = hashlib.sha256(content).hexdigest()
            assert version.content_sha256 == digest
            stored = session.get_one(SourceFile, digest)
            assert stored.data == content, "the file is kept as sent, under its hash"


# -- sign-in -----------------------------------------------------------------------------

PAGES = [
    "/",
    "/prefect",
    "/katalog",
    "/katalog?amt=63&sortierung=stunden",
    "/katalog/1",
    "/katalog/1/zeichnung.svg",
    "/hochladen",
    "/pipeline",
    "/berichte",
    "/berichte/candidates.csv",
    "/post",
    "/post/1",
    "/post/1/seite/1.png",
    "/admin/benutzer",
    "/gibt-es-nicht/aber-anmelden-zuerst",
]


def test_every_page_asks_anonymous_visitors_to_sign_in(workbench: Workbench) -> None:
    client = workbench.client()
    for page in PAGES:
        answer = client.get(page)
        if page.startswith("/gibt-es-nicht"):
            assert answer.status_code == 404  # no route: nothing to protect, nothing shown
            assert "Diese Seite gibt es nicht" in answer.text
            continue
        assert answer.status_code == 303, page
        target = urlsplit(answer.headers["location"])
        assert target.path == "/login"
        assert parse_qs(target.query)["next"] == [page]
    assert client.get("/login").status_code == 200
    assert client.get("/static/lotse.css").status_code == 200

    # Signing in from there leads back to the page asked for.
    answer = client.get("/katalog?amt=63&sortierung=stunden")
    form = client.get(answer.headers["location"]).text
    assert 'name="next" value="/katalog?amt=63&amp;sortierung=stunden"' in form
    answer = client.post(
        "/login",
        data={
            "username": "pilot63",
            "password": USERS["pilot63"][2],
            "next": "/katalog?amt=63&sortierung=stunden",
            "csrf_token": csrf_of(form),
        },
    )
    assert answer.status_code == 303
    assert answer.headers["location"] == "/katalog?amt=63&sortierung=stunden"


EVIL_NEXT = [
    "//evil.example",
    "//evil.example/katalog",
    "https://evil.example",
    "http:evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    "/\r\nSet-Cookie: x=1",
    "javascript:alert(1)",
    " //evil.example",
]


def _browser_target(location: str) -> tuple[str, str]:
    """Scheme and host a browser would go to (it drops tabs and newlines, reads \\ as /)."""
    cleaned = re.sub(r"[\t\n\r]", "", location).strip().replace("\\", "/")
    parts = urlsplit(cleaned)
    return parts.scheme, parts.netloc


def test_next_after_sign_in_never_leaves_the_site(workbench: Workbench) -> None:
    client = workbench.client()
    for evil in EVIL_NEXT:
        form = client.get("/login", params={"next": evil}).text
        assert 'name="next" value="/"' in form, evil
    for evil in EVIL_NEXT:
        token = csrf_of(client.get("/login").text)
        answer = client.post(
            "/login",
            data={
                "username": "it",
                "password": USERS["it"][2],
                "next": evil,
                "csrf_token": token,
            },
        )
        assert answer.status_code == 303, evil
        location = answer.headers["location"]
        assert _browser_target(location) == ("", ""), (evil, location)
        assert location.startswith("/") and not location.startswith("//")
        assert "set-cookie: x" not in str(answer.headers).lower()


def test_wrong_password_and_unknown_user_look_the_same(workbench: Workbench) -> None:
    client = workbench.client()
    token = csrf_of(client.get("/login").text)
    answers = [
        client.post("/login", data={"username": name, "password": pw, "csrf_token": token})
        for name, pw in (("pilot63", "falsches-passwort"), ("niemand", "falsches-passwort"))
    ]
    assert [a.status_code for a in answers] == [401, 401]
    wrong, unknown = (_alert(a.text) for a in answers)
    assert wrong == unknown == "Benutzername oder Passwort stimmen nicht."
    assert not _signed_in(client)


def test_session_cookie_flags(workbench: Workbench) -> None:
    client = workbench.client()
    token = csrf_of(client.get("/login").text)
    answer = client.post(
        "/login",
        data={"username": "pilot63", "password": USERS["pilot63"][2], "csrf_token": token},
    )
    assert answer.status_code == 303
    cookie = answer.headers["set-cookie"]
    attributes = [part.strip().lower() for part in cookie.split(";")]
    assert cookie.startswith("lotse_sitzung=")
    assert "httponly" in attributes
    assert "samesite=strict" in attributes
    assert "path=/" in attributes
    assert any(a.startswith("max-age=") and 0 < int(a[8:]) <= 12 * 3600 for a in attributes)
    assert USERS["pilot63"][2] not in cookie


def test_a_locked_users_session_stops_working(workbench: Workbench) -> None:
    pilot = workbench.client("pilot63")
    process_id = workbench.process_ids["63:Process_Bauantrag"]
    token = csrf_of(pilot.get(f"/katalog/{process_id}").text)
    admin = workbench.client("admin")
    with workbench.lotse.db.read_session() as session:
        pilot_id = session.scalar(select(User.id).where(User.username == "pilot63"))
    answer = admin.post(
        f"/admin/benutzer/{pilot_id}/aktiv",
        data={"csrf_token": csrf_of(admin.get("/admin/benutzer").text)},
    )
    assert answer.status_code == 303
    before = _snapshot(workbench)

    answer = pilot.get("/katalog")
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/login")
    answer = pilot.post(
        f"/katalog/{process_id}/fakten", data={"fallzahl_pro_monat": "1", "csrf_token": token}
    )
    assert answer.status_code in (303, 403)
    assert not answer.headers.get("location", "").startswith("/katalog")
    assert _snapshot(workbench) == before

    # Unlocked again, the old session stays ended: signing in is needed.
    admin.post(
        f"/admin/benutzer/{pilot_id}/aktiv",
        data={"csrf_token": csrf_of(admin.get("/admin/benutzer").text)},
    )
    assert not _signed_in(pilot)


# -- headers and error pages -------------------------------------------------------------


def test_security_headers_everywhere(workbench: Workbench, small_report: None) -> None:
    letter_id = workbench.review_letter()
    anonymous = workbench.client()
    it = workbench.client("it")
    pilot = workbench.client("pilot63")
    answers = {
        "sign-in page": anonymous.get("/login"),
        "redirect to sign-in": anonymous.get("/katalog"),
        "static file": anonymous.get("/static/lotse.css"),
        "catalogue": it.get("/katalog"),
        "process page": it.get("/katalog/1"),
        "drawing": it.get("/katalog/1/zeichnung.svg"),
        "letter image": it.get(f"/post/{letter_id}/seite/1.png"),
        "download": it.get("/berichte/candidates.csv"),
        "403": pilot.get("/pipeline"),
        "404": it.get("/gibt-es-nicht"),
        "405": it.get("/logout"),
        "400": it.get("/katalog/keine-zahl"),
        "CSRF refused": it.post("/logout"),
    }
    expected = {"redirect to sign-in": 303, "403": 403, "404": 404, "405": 405, "400": 400}
    expected["CSRF refused"] = 403
    for what, answer in answers.items():
        assert answer.status_code == expected.get(what, 200), what
        _check_headers(answer)
    for what in ("sign-in page", "catalogue", "process page"):
        html = answers[what].text
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), f"inline script on the {what}"
        assert not re.search(r"\son[a-z]+\s*=", html), f"event handler attribute on the {what}"


@pytest.fixture
def small_report(monkeypatch: pytest.MonkeyPatch) -> None:
    def build(session: object, name: str, **_: object) -> bytes:
        return b"rank,key\n"

    monkeypatch.setattr("processes.report.report_file", build)


def _german_error(answer: Any, status: int) -> None:
    assert answer.status_code == status
    assert '<html lang="de">' in answer.text
    assert not any(leak in answer.text for leak in LEAKS), answer.text
    _check_headers(answer)


def test_a_crash_shows_a_german_page_without_internals(
    workbench: Workbench, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def database_down(*args: object, **kwargs: object) -> None:
        raise OperationalError(
            "SELECT password_hash FROM users WHERE username = ?", ("admin",), Exception("locked")
        )

    monkeypatch.setattr("lotse.web.views.home.search", database_down)
    client = workbench.client("it")
    with caplog.at_level(logging.ERROR, logger="lotse.web.errors"):
        answer = client.get("/")
    _german_error(answer, 500)
    assert "Ein interner Fehler ist aufgetreten" in answer.text
    assert any(r.exc_info for r in caplog.records), "the crash is logged for IT"
    assert client.get("/katalog").status_code == 200, "the next request works"

    # A crash in the middle of an action: the German page, and the transaction rolled back.
    def half_done(session: Any, process: Process, *args: object) -> None:
        process.status = "live"
        session.flush()
        raise RuntimeError("interner Zustand /srv/lotse/geheim")

    monkeypatch.setattr("lotse.web.views.catalogue.set_facts", half_done)
    process_id = workbench.process_ids["63:Process_Bauantrag"]
    page = client.get(f"/katalog/{process_id}").text
    before = _snapshot(workbench)
    answer = client.post(
        f"/katalog/{process_id}/fakten",
        data={"fallzahl_pro_monat": "5", "csrf_token": csrf_of(page)},
    )
    _german_error(answer, 500)
    assert "/srv/lotse" not in answer.text and "RuntimeError" not in answer.text
    assert _snapshot(workbench) == before


def test_error_pages_are_german_and_show_no_internals(workbench: Workbench) -> None:
    client = workbench.client("it")
    for path, status in (
        ("/gibt-es-nicht", 404),
        ("/katalog/99999", 404),
        ("/katalog/99999999999999999999", 404),
        ("/post/99999999999999999999", 404),
        ("/katalog/keine-zahl", 400),
        ("/katalog?seite=viele", 400),
        ("/logout", 405),
        ("/katalog?seite=99999999999999999999", 200),
        ("/post?seite=99999999999999999999", 200),
    ):
        answer = client.get(path)
        _german_error(answer, status)
    answer = client.post(
        "/admin/benutzer/99999999999999999999/aktiv",
        data={"csrf_token": csrf_of(client.get("/").text)},
    )
    _german_error(answer, 403)  # only admins get as far as looking the user up
    admin = workbench.client("admin")
    answer = admin.post(
        "/admin/benutzer/99999999999999999999/aktiv",
        data={"csrf_token": csrf_of(admin.get("/").text)},
    )
    _german_error(answer, 404)
    answer = admin.post("/admin/benutzer", data={"csrf_token": csrf_of(admin.get("/").text)})
    _german_error(answer, 400)
    assert "Ungültige Anfrage" in answer.text and "field required" not in answer.text.lower()
