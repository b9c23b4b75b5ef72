"""The e-file stand-in (samples/eakte) over HTTP, and its modal dialog in a real Chromium.

The robot of issue 7 relies on this contract: labels, roles, visible texts and routes.
"""

from __future__ import annotations

import hashlib
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from eakte import FIELDS, TOKEN_FIELD, StandInConfig, create_app
from eakte.direct import DirectFiling, DirectFilingError
from eakte.fields import Fields
from eakte.server import StandInServer, free_port
from tests.browser import chromium
from tests.robots.letters import text_pdf

USER = "poststelle-roboter"
PASSWORD = "Ablage!2026"
NUMBER = re.compile(r"Dokumentnummer: <strong>(DOK-\d{4}-\d{6})</strong>")
EXPIRED = "Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an."


# -- helpers --------------------------------------------------------------------------


class Page(HTMLParser):
    """What the robot sees of a page: labels → controls, headings, links, buttons, dialogs."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.controls: dict[str, dict[str, str]] = {}  # id → attributes (+ tag)
        self.hidden: dict[str, str] = {}
        self.label_for: dict[str, str] = {}  # label text → id
        self.headings: list[tuple[str, str]] = []  # (tag, text)
        self.links: dict[str, str] = {}  # text → href
        self.buttons: list[str] = []
        self.dialogs: list[dict[str, str]] = []
        self.scripts: list[dict[str, str]] = []
        self.captions: list[str] = []
        self.table_heads: list[str] = []
        self.textareas: dict[str, str] = {}
        self._open: list[tuple[str, dict[str, str]]] = []
        self._text: list[str] = []
        self.feed(html)
        self.text = re.sub(r"\s+", " ", "".join(self._text))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag in ("input", "textarea", "select"):
            if values.get("type") == "hidden":
                self.hidden[values.get("name", "")] = values.get("value", "")
            else:
                self.controls[values.get("id", "")] = {**values, "tag": tag}
        if tag == "script":
            self.scripts.append(values)
        if values.get("role") == "dialog":
            self.dialogs.append(values)
        if tag in ("label", "h1", "h2", "a", "button", "caption", "th", "textarea"):
            self._open.append((tag, {**values, "_start": str(len(self._text))}))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i][0] == tag:
                _, values = self._open.pop(i)
                text = " ".join("".join(self._text[int(values["_start"]) :]).split())
                if tag == "label":
                    self.label_for[text] = values.get("for", "")
                elif tag in ("h1", "h2"):
                    self.headings.append((tag, text))
                elif tag == "a":
                    self.links[text] = values.get("href", "")
                elif tag == "button":
                    self.buttons.append(text)
                elif tag == "caption":
                    self.captions.append(text)
                elif tag == "th":
                    self.table_heads.append(text)
                elif tag == "textarea":
                    self.textareas[values.get("id", "")] = "".join(
                        self._text[int(values["_start"]) :]
                    )
                return

    def handle_data(self, data: str) -> None:
        self._text.append(data)

    def control(self, label: str) -> dict[str, str]:
        """The form control a <label for> of exactly this text points at."""
        assert label in self.label_for, f"no label {label!r} (labels: {list(self.label_for)})"
        control_id = self.label_for[label]
        assert control_id in self.controls, f"label {label!r} points at nothing ({control_id})"
        return self.controls[control_id]

    @property
    def h1(self) -> str:
        return next(text for tag, text in self.headings if tag == "h1")


def pdf_bytes(tmp_path: Path, *lines: str) -> bytes:
    path = tmp_path / f"brief-{hashlib.sha256(repr(lines).encode()).hexdigest()[:8]}.pdf"
    return text_pdf(path, list(lines) or ["Sehr geehrte Damen und Herren,"]).read_bytes()


class StandIn:
    """One stand-in instance in-process, with a browser-like client (cookies, no redirects)."""

    def __init__(self, data_dir: Path, **settings: Any) -> None:
        self.config = StandInConfig(data_dir=data_dir, **settings)
        self.app: FastAPI = create_app(self.config)
        self.client = TestClient(self.app, follow_redirects=False)

    @property
    def fields(self) -> Fields:
        fields: Fields = self.app.state.quirks.fields
        return fields

    def name(self, key: str) -> str:
        return self.fields[key].name  # type: ignore[index]

    def sign_in(
        self, user: str = USER, password: str = PASSWORD, ziel: str | None = None
    ) -> httpx.Response:
        form = Page(self.client.get("/anmeldung").text)
        return self.client.post(
            "/anmeldung" + (f"?ziel={ziel}" if ziel else ""),
            data={
                TOKEN_FIELD: form.hidden[TOKEN_FIELD],
                self.name("benutzer"): user,
                self.name("kennwort"): password,
            },
        )

    def token(self) -> str:
        return Page(self.client.get("/akten/neu").text).hidden[TOKEN_FIELD]

    def create_file(
        self, aktenzeichen: str, titel: str = "Posteingang", oe: str = "51"
    ) -> httpx.Response:
        return self.client.post(
            "/akten/neu",
            data={
                TOKEN_FIELD: self.token(),
                self.name("aktenzeichen"): aktenzeichen,
                self.name("titel"): titel,
                self.name("organisationseinheit"): oe,
            },
        )

    def upload(
        self,
        file_id: int,
        content: bytes | None,
        *,
        file_name: str = "brief.pdf",
        eingangsdatum: str = "02.03.2026",
        absender: str = "Erika Mustermann",
        betreff: str = "Antrag auf Sondernutzung",
        bemerkung: str = "",
        names: Fields | None = None,
    ) -> httpx.Response:
        names = names or self.fields
        files = (
            {names["datei"].name: (file_name, content, "application/pdf")}
            if content is not None
            else None
        )
        return self.client.post(
            f"/akten/{file_id}/dokument-neu",
            data={
                TOKEN_FIELD: self.token(),
                names["eingangsdatum"].name: eingangsdatum,
                names["absender"].name: absender,
                names["betreff"].name: betreff,
                names["bemerkung"].name: bemerkung,
            },
            files=files,
        )


@pytest.fixture
def make(tmp_path: Path) -> Callable[..., StandIn]:
    count = 0

    def build(**settings: Any) -> StandIn:
        nonlocal count
        count += 1
        return StandIn(tmp_path / f"eakte-{count}", **settings)

    return build


@pytest.fixture
def standin(make: Callable[..., StandIn]) -> StandIn:
    return make()


@pytest.fixture
def signed_in(standin: StandIn) -> StandIn:
    assert standin.sign_in().status_code == 303
    return standin


def new_file(standin: StandIn, aktenzeichen: str = "51-1234/2026") -> int:
    answer = standin.create_file(aktenzeichen)
    assert answer.status_code == 303, answer.text
    match = re.fullmatch(r"/akten/(\d+)", answer.headers["location"])
    assert match, answer.headers["location"]
    return int(match.group(1))


def stored_files(standin: StandIn) -> list[Path]:
    return [p for p in (standin.config.data_dir / "dateien").rglob("*") if p.is_file()]


# -- sign-in and session ------------------------------------------------------------------


def test_sign_in_form_has_real_labels_a_button_and_an_anti_forgery_field(standin: StandIn) -> None:
    answer = standin.client.get("/anmeldung")
    assert answer.status_code == 200
    page = Page(answer.text)
    assert page.control("Benutzerkennung")["name"] == "benutzer"
    assert page.control("Kennwort")["type"] == "password"
    assert page.buttons == ["Anmelden"]
    assert len(page.hidden[TOKEN_FIELD]) >= 32
    assert "Abmelden" not in page.links  # not signed in
    assert EXPIRED not in page.text


def test_sign_in_goes_to_the_start_page_with_an_httponly_session_cookie(standin: StandIn) -> None:
    answer = standin.sign_in()
    assert answer.status_code == 303
    assert answer.headers["location"] == "/start"
    cookie = next(c for c in answer.headers.get_list("set-cookie") if c.startswith("EAKTE_SID="))
    assert "httponly" in cookie.lower()
    start = standin.client.get("/start")
    assert start.status_code == 200
    page = Page(start.text)
    assert page.h1 == "Startseite"
    assert page.links["Akte suchen"] == "/akten/suche"
    assert page.links["Neue Akte anlegen"] == "/akten/neu"
    assert page.links["Abmelden"] == "/abmelden"
    assert "default-src 'self'" in start.headers["content-security-policy"]


def test_wrong_password_shows_the_form_again_and_signs_nobody_in(standin: StandIn) -> None:
    answer = standin.sign_in(password="ablage!2026")
    assert answer.status_code == 200
    page = Page(answer.text)
    assert "Anmeldung fehlgeschlagen" in page.text
    assert page.control("Benutzerkennung")["value"] == USER  # kept
    assert "EAKTE_SID" not in standin.client.cookies
    assert standin.client.get("/start").status_code == 303
    assert standin.sign_in(user="jemand").status_code == 200


def test_sign_in_without_the_anti_forgery_field_is_refused(standin: StandIn) -> None:
    standin.client.get("/anmeldung")
    answer = standin.client.post("/anmeldung", data={"benutzer": USER, "kennwort": PASSWORD})
    assert answer.status_code == 400
    assert "Sicherheitsprüfung" in answer.text
    assert standin.client.get("/start").status_code == 303


def test_forms_of_a_session_need_its_anti_forgery_token(signed_in: StandIn) -> None:
    answer = signed_in.client.post(
        "/akten/neu",
        data={
            TOKEN_FIELD: "falsch",
            "aktenzeichen": "1",
            "titel": "t",
            "organisationseinheit": "5",
        },
    )
    assert answer.status_code == 400
    assert signed_in.app.state.store.files() == []


@pytest.mark.parametrize(
    ("method", "path", "ziel"),
    [
        ("GET", "/start", "/start"),
        (
            "GET",
            "/akten/suche?aktenzeichen=51-1%2F2026",
            "/akten/suche%3Faktenzeichen%3D51-1%252F2026",
        ),
        ("GET", "/akten/7", "/akten/7"),
        ("POST", "/akten/neu", "/akten/neu"),
        ("POST", "/akten/3/dokument-neu", "/akten/3/dokument-neu"),
        ("GET", "/dokumente/DOK-2026-000001/datei", "/dokumente/DOK-2026-000001/datei"),
    ],
)
def test_without_a_session_every_page_redirects_to_the_sign_in_with_its_path(
    standin: StandIn, method: str, path: str, ziel: str
) -> None:
    answer = standin.client.request(method, path)
    assert answer.status_code == 303
    assert answer.headers["location"] == f"/anmeldung?abgelaufen=1&ziel={ziel}"


def test_the_session_expires_after_inactivity_and_sign_in_returns_to_the_page(
    signed_in: StandIn,
) -> None:
    file_id = new_file(signed_in)
    sessions = signed_in.app.state.sessions
    now = [1000.0]
    sessions.clock = lambda: now[0]
    assert signed_in.client.get("/start").status_code == 200  # starts the timer on the fake clock
    for _ in range(3):  # activity keeps the session alive beyond its lifetime in total
        now[0] += 600
        assert signed_in.client.get("/start").status_code == 200
    token = signed_in.token()
    now[0] += 901

    # A POST after expiry: redirected, the data is lost.
    answer = signed_in.client.post(
        f"/akten/{file_id}/dokument-neu",
        data={TOKEN_FIELD: token, "eingangsdatum": "01.02.2026", "betreff": "Verloren"},
        files={"datei": ("brief.pdf", b"%PDF-1.4\n", "application/pdf")},
    )
    assert answer.status_code == 303
    target = f"/akten/{file_id}/dokument-neu"
    assert answer.headers["location"] == f"/anmeldung?abgelaufen=1&ziel={target}"
    assert signed_in.app.state.store.count_documents() == 0

    sign_in_page = Page(signed_in.client.get(answer.headers["location"]).text)
    assert EXPIRED in sign_in_page.text
    assert signed_in.client.get("/start").status_code == 303  # the old session stays dead
    again = signed_in.sign_in(ziel=target)
    assert again.status_code == 303
    assert again.headers["location"] == target
    assert Page(signed_in.client.get(target).text).h1 == "Dokument hinzufügen"


def test_a_short_session_really_expires(make: Callable[..., StandIn]) -> None:
    standin = make(sitzung_sekunden=0.2)
    now = [50.0]
    standin.app.state.sessions.clock = lambda: now[0]  # the configured lifetime, no real wait
    assert standin.sign_in().status_code == 303
    now[0] += 0.15
    assert standin.client.get("/start").status_code == 200
    now[0] += 0.15  # 0.3 s since sign-in, but only 0.15 s since the last request
    assert standin.client.get("/start").status_code == 200
    now[0] += 0.25
    answer = standin.client.get("/start")
    assert answer.status_code == 303
    assert answer.headers["location"] == "/anmeldung?abgelaufen=1&ziel=/start"


@pytest.mark.parametrize(
    "ziel", ["https://example.org/", "//example.org/x", "/\\example.org", "/abmelden"]
)
def test_sign_in_only_redirects_to_local_paths(standin: StandIn, ziel: str) -> None:
    answer = standin.sign_in(ziel=ziel)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/start"


def test_sign_out_ends_the_session(signed_in: StandIn) -> None:
    answer = signed_in.client.get("/abmelden")
    assert answer.status_code == 303
    assert answer.headers["location"] == "/anmeldung"
    assert signed_in.client.get("/start").status_code == 303
    assert len(signed_in.app.state.sessions) == 0


# -- files (Akten): create, search, duplicates ----------------------------------------------


def test_create_search_and_open_a_file(signed_in: StandIn) -> None:
    form = Page(signed_in.client.get("/akten/neu").text)
    for label in ("Aktenzeichen", "Titel", "Organisationseinheit"):
        assert form.control(label)["tag"] == "input"
    assert "Akte anlegen" in form.buttons

    file_id = new_file(signed_in, " 63-BV-17/2026 ")
    page = Page(signed_in.client.get(f"/akten/{file_id}").text)
    assert page.h1 == "Akte 63-BV-17/2026"
    assert "Posteingang" in page.text
    assert page.captions == ["Dokumente"]
    assert page.table_heads == [
        "Dokumentnummer", "Betreff", "Absender", "Eingangsdatum", "Bemerkung", "Dateiname"
    ]  # fmt: skip
    assert "Noch keine Dokumente." in page.text
    assert page.links["Dokument hinzufügen"] == f"/akten/{file_id}/dokument-neu"

    search = Page(signed_in.client.get("/akten/suche").text)
    assert search.control("Aktenzeichen")["name"] == "aktenzeichen"
    assert "Suchen" in search.buttons
    assert search.captions == []  # no results before a search

    found = Page(
        signed_in.client.get("/akten/suche", params={"aktenzeichen": "  63-bv-17/2026 "}).text
    )
    assert found.table_heads[:3] == ["Aktenzeichen", "Titel", "Organisationseinheit"]
    assert found.links["Öffnen"] == f"/akten/{file_id}"
    assert "63-BV-17/2026" in found.text
    assert "Keine Akte gefunden." not in found.text

    missing = Page(signed_in.client.get("/akten/suche", params={"aktenzeichen": "63-BV-17"}).text)
    assert "Keine Akte gefunden." in missing.text
    assert "Öffnen" not in missing.links


def test_a_taken_aktenzeichen_is_refused(signed_in: StandIn) -> None:
    new_file(signed_in, "51-1/2026")
    answer = signed_in.create_file("  51-1/2026", titel="Doppelt")
    assert answer.status_code == 200
    page = Page(answer.text)
    assert "Das Aktenzeichen ist bereits vergeben." in page.text
    assert page.control("Titel")["value"] == "Doppelt"  # typed values kept
    assert len(signed_in.app.state.store.files()) == 1


def test_a_new_file_needs_all_three_fields(signed_in: StandIn) -> None:
    answer = signed_in.create_file("", titel="", oe="")
    text = Page(answer.text).text
    for message in ("Aktenzeichen fehlt.", "Titel fehlt.", "Organisationseinheit fehlt."):
        assert message in text
    assert signed_in.app.state.store.files() == []


# -- documents --------------------------------------------------------------------------


def test_the_upload_form_has_its_labels(signed_in: StandIn) -> None:
    file_id = new_file(signed_in)
    page = Page(signed_in.client.get(f"/akten/{file_id}/dokument-neu").text)
    assert page.control("Datei")["type"] == "file"
    assert page.control("Eingangsdatum")["type"] == "text"  # legacy: not a date picker
    assert page.control("Absender")["type"] == "text"
    assert page.control("Betreff")["type"] == "text"
    assert page.control("Bemerkung")["tag"] == "textarea"
    assert page.control("Bemerkung")["maxlength"] == "2000"
    assert "Speichern" in page.buttons


def test_validation_errors_are_german_and_keep_what_was_typed(
    signed_in: StandIn, tmp_path: Path
) -> None:
    file_id = new_file(signed_in)
    answer = signed_in.upload(
        file_id,
        None,
        eingangsdatum="2026-03-02",
        betreff="",
        absender="Stadtwerke",
        bemerkung="Eilt!",
    )
    assert answer.status_code == 200
    page = Page(answer.text)
    assert page.h1 == "Dokument hinzufügen"
    for message in (
        "Bitte eine Datei auswählen.",
        "Eingangsdatum im Format TT.MM.JJJJ angeben.",
        "Betreff fehlt.",
    ):
        assert message in page.text
    assert page.control("Eingangsdatum")["value"] == "2026-03-02"
    assert page.control("Absender")["value"] == "Stadtwerke"
    assert page.textareas[page.label_for["Bemerkung"]] == "Eilt!"

    impossible = Page(
        signed_in.upload(file_id, pdf_bytes(tmp_path), eingangsdatum="31.02.2026").text
    )
    assert "Das Eingangsdatum ist kein gültiges Datum." in impossible.text
    too_long = Page(signed_in.upload(file_id, pdf_bytes(tmp_path), bemerkung="x" * 2001).text)
    assert "Die Bemerkung ist zu lang (höchstens 2000 Zeichen)." in too_long.text
    assert signed_in.app.state.store.count_documents() == 0
    assert stored_files(signed_in) == []


def test_only_pdf_is_accepted(signed_in: StandIn) -> None:
    file_id = new_file(signed_in)
    for content in (b"Hallo, ich bin kein PDF.\n", b"\x89PNG\r\n\x1a\n" + b"\0" * 100):
        answer = signed_in.upload(file_id, content, file_name="brief.pdf")
        assert answer.status_code == 200
        assert "Nur PDF-Dateien sind erlaubt." in Page(answer.text).text
    empty = signed_in.upload(file_id, b"", file_name="leer.pdf")
    assert "Die Datei ist leer." in Page(empty.text).text
    assert signed_in.app.state.store.count_documents() == 0
    assert stored_files(signed_in) == []  # no spooled leftovers either


def test_files_above_the_limit_are_refused(make: Callable[..., StandIn], tmp_path: Path) -> None:
    standin = make(max_upload_bytes=2048)
    assert standin.sign_in().status_code == 303
    file_id = new_file(standin)
    answer = standin.upload(file_id, b"%PDF-1.4\n" + b"0" * 3000)
    assert "Die Datei ist zu groß (höchstens 2 KB)." in Page(answer.text).text
    assert standin.app.state.store.count_documents() == 0
    assert stored_files(standin) == []


def test_a_document_is_filed_numbered_listed_and_retrievable(
    signed_in: StandIn, tmp_path: Path
) -> None:
    file_id = new_file(signed_in, "51-1234/2026")
    first = pdf_bytes(tmp_path, "Antrag auf Sondernutzung", "Marktplatz 1")
    second = pdf_bytes(tmp_path, "Widerspruch gegen Bescheid")
    year = date.today().year

    answer = signed_in.upload(
        file_id,
        first,
        file_name="../../etc/Antrag Sondernutzung.pdf",
        bemerkung="Brief 1\nsha: abc",
    )
    assert answer.status_code == 303
    assert answer.headers["location"] == f"/dokumente/DOK-{year}-000001/bestaetigung"
    confirmation = signed_in.client.get(answer.headers["location"])
    page = Page(confirmation.text)
    assert "Das Dokument wurde gespeichert." in page.text
    assert NUMBER.search(confirmation.text).group(1) == f"DOK-{year}-000001"  # type: ignore[union-attr]
    assert page.links["Zur Akte"] == f"/akten/{file_id}"

    answer = signed_in.upload(
        file_id,
        second,
        file_name="widerspruch.pdf",
        eingangsdatum="1.4.2026",
        absender="",
        betreff="Widerspruch",
    )
    assert answer.headers["location"] == f"/dokumente/DOK-{year}-000002/bestaetigung"

    listing = signed_in.client.get(f"/akten/{file_id}").text
    rows = re.findall(
        r"<tr><td>(DOK-[^<]+)</td><td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td>", listing
    )
    assert rows == [
        (f"DOK-{year}-000001", "Antrag auf Sondernutzung", "Erika Mustermann", "02.03.2026"),
        (f"DOK-{year}-000002", "Widerspruch", "", "01.04.2026"),
    ]
    assert "Noch keine Dokumente." not in listing
    assert ">Antrag Sondernutzung.pdf</a>" in listing  # the name without its path

    documents = signed_in.app.state.store.documents(" 51-1234/2026 ".upper())
    assert [d.nummer for d in documents] == [f"DOK-{year}-000001", f"DOK-{year}-000002"]
    assert documents[0].eingangsdatum == date(2026, 3, 2)
    assert documents[0].bemerkung == "Brief 1\nsha: abc"
    assert documents[0].sha256 == hashlib.sha256(first).hexdigest()
    assert documents[1].sha256 == hashlib.sha256(second).hexdigest()
    assert signed_in.app.state.store.count_documents("51-1234/2026") == 2

    download = signed_in.client.get(f"/dokumente/DOK-{year}-000001/datei")
    assert download.status_code == 200
    assert download.headers["content-type"] == "application/pdf"
    assert download.content == first
    # On disk by SHA-256, never by the uploaded name.
    names = sorted(p.name for p in stored_files(signed_in))
    assert names == sorted([hashlib.sha256(first).hexdigest(), hashlib.sha256(second).hexdigest()])


def test_numbers_continue_per_instance_across_files_and_restarts(
    make: Callable[..., StandIn], tmp_path: Path
) -> None:
    standin = make()
    standin.sign_in()
    a, b = new_file(standin, "A-1"), new_file(standin, "B-1")
    pdf = pdf_bytes(tmp_path)
    numbers = [
        standin.upload(file_id, pdf).headers["location"].split("/")[2] for file_id in (a, b, a)
    ]
    year = date.today().year
    assert numbers == [f"DOK-{year}-00000{i}" for i in (1, 2, 3)]
    restarted = StandIn(standin.config.data_dir)
    restarted.sign_in()
    answer = restarted.upload(b, pdf)
    assert answer.headers["location"] == f"/dokumente/DOK-{year}-000004/bestaetigung"
    assert [d.nummer for d in restarted.app.state.store.documents("B-1")] == [
        f"DOK-{year}-000002", f"DOK-{year}-000004"
    ]  # fmt: skip
    other = make()  # another instance counts on its own
    other.sign_in()
    assert (
        other.upload(new_file(other, "A-1"), pdf)
        .headers["location"]
        .endswith("000001/bestaetigung")
    )


def test_the_store_api_for_tests(make: Callable[..., StandIn], tmp_path: Path) -> None:
    standin = make()
    store = standin.app.state.store
    created = store.create_file("20-Kasse/2026", "Rechnungseingang", "20")
    assert store.find_file("20-kasse/2026 ") == created
    assert store.documents("20-Kasse/2026") == []
    assert store.count_documents() == 0
    standin.sign_in()
    assert Page(standin.client.get(f"/akten/{created.id}").text).h1 == "Akte 20-Kasse/2026"
    standin.upload(created.id, pdf_bytes(tmp_path))
    assert store.count_documents() == 1
    assert store.count_documents("20-Kasse/2026") == 1
    assert store.count_documents("nicht-da") == 0
    assert store.documents("nicht-da") == []
    direct = store.file_document(
        "20-KASSE/2026", b"%PDF-1.4 direkt\n", betreff="Direkt abgelegt", bemerkung="ref 42"
    )
    assert direct.nummer.endswith("-000002")
    assert store.count_documents("20-Kasse/2026") == 2
    listing = standin.client.get(f"/akten/{created.id}").text
    assert "Direkt abgelegt" in listing and "ref 42" in listing
    assert store.file_path(direct.sha256).read_bytes() == b"%PDF-1.4 direkt\n"
    with pytest.raises(LookupError):
        store.file_document("nicht-da", b"%PDF-1.4", betreff="x")


# -- quirks --------------------------------------------------------------------------------


def test_v2_ids_change_field_names_and_refuse_v1_names(
    make: Callable[..., StandIn], tmp_path: Path
) -> None:
    standin = make(ids="v2")
    form = Page(standin.client.get("/anmeldung").text)
    assert form.control("Benutzerkennung")["id"] == "ctl00_main_userInput"
    assert form.control("Benutzerkennung")["name"] == "ctl00$main$user"
    assert form.control("Kennwort")["name"] == "ctl00$main$pw"

    # Sign-in with the names of v1: the fields are simply missing.
    v1 = standin.client.post(
        "/anmeldung",
        data={TOKEN_FIELD: form.hidden[TOKEN_FIELD], "benutzer": USER, "kennwort": PASSWORD},
    )
    assert "Anmeldung fehlgeschlagen" in v1.text
    assert standin.sign_in().status_code == 303  # with v2 names

    page = Page(standin.client.get("/akten/neu").text)
    assert page.control("Aktenzeichen")["id"] == "ctl00_main_azInput"
    assert page.control("Aktenzeichen")["name"] == "ctl00$main$az"
    file_id = new_file(standin)
    upload_form = Page(standin.client.get(f"/akten/{file_id}/dokument-neu").text)
    assert upload_form.control("Datei")["name"] == "ctl00$main$file"
    assert upload_form.control("Betreff")["id"] == "ctl00_main_subjectInput"

    refused = standin.upload(file_id, pdf_bytes(tmp_path), names=FIELDS["v1"])
    assert "Bitte eine Datei auswählen." in refused.text
    assert "Betreff fehlt." in refused.text
    assert standin.app.state.store.count_documents() == 0
    assert standin.upload(file_id, pdf_bytes(tmp_path)).status_code == 303
    assert standin.app.state.store.count_documents() == 1

    search = standin.client.get("/akten/suche", params={"aktenzeichen": "51-1234/2026"})
    assert "Öffnen" not in Page(search.text).links  # a v1 query is no query under v2
    search = standin.client.get("/akten/suche", params={"ctl00$main$searchAz": "51-1234/2026"})
    assert Page(search.text).links["Öffnen"] == f"/akten/{file_id}"


def test_random_ids_differ_per_start_but_labels_stay(
    make: Callable[..., StandIn], tmp_path: Path
) -> None:
    first, second, repeat = (
        make(ids="zufall", seed=1),
        make(ids="zufall", seed=2),
        make(ids="zufall", seed=1),
    )
    unseeded = [make(ids="zufall"), make(ids="zufall")]
    assert first.fields != second.fields
    assert first.fields == repeat.fields  # reproducible with a seed
    assert unseeded[0].fields != unseeded[1].fields
    ids = {f.id for f in first.fields.values()}
    assert ids.isdisjoint(
        {f.id for f in FIELDS["v1"].values()} | {f.id for f in FIELDS["v2"].values()}
    )
    assert len(ids) == len(first.fields)

    page = Page(first.client.get("/anmeldung").text)
    assert page.control("Benutzerkennung")["name"] == first.fields["benutzer"].name
    assert first.sign_in().status_code == 303
    assert second.sign_in(password="x").status_code == 200
    file_id = new_file(first)
    assert first.upload(file_id, pdf_bytes(tmp_path)).status_code == 303
    # Switched at run time, as after an update: the old names no longer work.
    old = dict(first.fields)
    first.app.state.quirks.use_ids("v2")
    assert "Betreff fehlt." in first.upload(file_id, pdf_bytes(tmp_path), names=old).text
    assert first.app.state.store.count_documents() == 1


def test_slow_pages_wait_with_the_configured_delay(make: Callable[..., StandIn]) -> None:
    standin = make(langsam=1.0, langsam_sekunden=7.5)
    delays: list[float] = []

    async def recorded(seconds: float) -> None:
        delays.append(seconds)

    standin.app.state.quirks.sleep = recorded
    assert standin.client.get("/anmeldung").status_code == 200
    assert standin.client.get("/static/eakte.css").status_code == 200  # files are not slowed
    assert standin.sign_in().status_code == 303
    assert delays == [7.5, 7.5, 7.5]  # form, form again inside sign_in, the POST

    standin.app.state.quirks.langsam = 0.0
    standin.client.get("/start")
    assert len(delays) == 3

    real = make(langsam=1.0, langsam_sekunden=0.05)
    started = time.monotonic()
    real.client.get("/anmeldung")
    assert time.monotonic() - started >= 0.05


def test_slow_pages_are_seeded_and_partial(make: Callable[..., StandIn]) -> None:
    def pattern(seed: int) -> list[bool]:
        quirks = make(langsam=0.5, seed=seed).app.state.quirks
        return [quirks.slow_now() for _ in range(40)]

    assert pattern(3) == pattern(3)
    assert pattern(3) != pattern(4)
    assert 5 < sum(pattern(3)) < 35


def test_a_slow_page_does_not_hold_up_other_requests(tmp_path: Path) -> None:
    # The real pause: a blocking sleep would hold up the quick request until the slow one ends.
    config = StandInConfig(data_dir=tmp_path / "e", langsam=1.0, langsam_sekunden=4.0)
    with StandInServer(config) as server:
        quirks = server.app.state.quirks
        real_sleep, pausing = quirks.sleep, threading.Event()

        async def sleep(seconds: float) -> None:  # the real pause, and a sign that it began
            pausing.set()
            await real_sleep(seconds)

        quirks.sleep = sleep
        slow_result: list[int] = []
        slow = threading.Thread(
            target=lambda: slow_result.append(
                httpx.get(f"{server.url}/anmeldung", timeout=30).status_code
            )
        )
        slow.start()
        assert pausing.wait(10)
        quirks.langsam = 0.0
        quick = httpx.get(f"{server.url}/anmeldung", timeout=10)
        assert quick.status_code == 200
        assert slow.is_alive() and slow_result == []  # still waiting while the other was served
        slow.join(30)
        assert slow_result == [200]


def test_failing_uploads_give_500_and_store_nothing(signed_in: StandIn, tmp_path: Path) -> None:
    file_id = new_file(signed_in)
    pdf = pdf_bytes(tmp_path)
    signed_in.app.state.quirks.fehler_beim_naechsten_upload = 2  # at run time
    for _ in range(2):
        answer = signed_in.upload(file_id, pdf)
        assert answer.status_code == 500
        assert "Interner Fehler. Bitte versuchen Sie es später erneut." in Page(answer.text).text
        assert signed_in.app.state.store.count_documents() == 0
        assert stored_files(signed_in) == []
    answer = signed_in.upload(file_id, pdf)
    assert answer.status_code == 303
    assert answer.headers["location"].endswith("-000001/bestaetigung")  # no number was used up
    assert signed_in.app.state.quirks.fehler_beim_naechsten_upload == 0


def test_failures_from_the_config_count_only_valid_uploads(
    make: Callable[..., StandIn], tmp_path: Path
) -> None:
    standin = make(fehler_beim_naechsten_upload=1)
    standin.sign_in()
    file_id = new_file(standin)
    assert "Betreff fehlt." in standin.upload(file_id, pdf_bytes(tmp_path), betreff="").text
    assert standin.upload(file_id, pdf_bytes(tmp_path)).status_code == 500
    assert standin.upload(file_id, pdf_bytes(tmp_path)).status_code == 303


def test_a_failure_after_saving_stores_the_document_but_answers_500(
    make: Callable[..., StandIn], tmp_path: Path
) -> None:
    standin = make(fehler_nach_dem_speichern=1)
    standin.sign_in()
    file_id = new_file(standin)
    answer = standin.upload(file_id, pdf_bytes(tmp_path))
    assert answer.status_code == 500
    assert "Interner Fehler" in answer.text
    assert standin.app.state.store.count_documents("51-1234/2026") == 1


def _dialog(html: str) -> dict[str, str] | None:
    page = Page(html)
    return page.dialogs[0] if page.dialogs else None


def test_the_hinweis_dialog_on_every_signed_in_page_at_probability_one(
    make: Callable[..., StandIn],
) -> None:
    standin = make(hinweis=1.0)
    sign_in_page = standin.client.get("/anmeldung")
    assert _dialog(sign_in_page.text) is None  # not before sign-in
    standin.sign_in()
    file_id = new_file(standin)
    for path in (
        "/start",
        "/akten/suche",
        "/akten/neu",
        f"/akten/{file_id}",
        f"/akten/{file_id}/dokument-neu",
    ):
        answer = standin.client.get(path)
        dialog = _dialog(answer.text)
        assert dialog is not None, path
        assert dialog["aria-modal"] == "true"
        page = Page(answer.text)
        title_id = dialog["aria-labelledby"]
        assert f'id="{title_id}">Hinweis</h2>' in answer.text
        assert "OK" in page.buttons
        assert (
            "Wartungsarbeiten" in page.text
            or "Aktenplan" in page.text
            or "aktualisiert" in page.text
        )
        assert 'class="hinweis-overlay"' in answer.text
        # Only the external script: the policy allows no inline code.
        assert page.scripts == [{"src": "/static/eakte.js"}]
        assert "script-src 'self'" in answer.headers["content-security-policy"]
    assert "data-hinweis-ok" in standin.client.get("/static/eakte.js").text


def test_no_hinweis_dialog_at_probability_zero(signed_in: StandIn) -> None:
    file_id = new_file(signed_in)
    for path in (
        "/start",
        "/akten/suche",
        "/akten/neu",
        f"/akten/{file_id}",
        f"/akten/{file_id}/dokument-neu",
    ):
        answer = signed_in.client.get(path)
        assert _dialog(answer.text) is None
        assert "hinweis-overlay" not in answer.text


# -- plain HTTP filing (the benchmark's floor) ---------------------------------------------


@pytest.mark.parametrize("scheme", ["v1", "v2", "zufall"])
def test_direct_filing_over_plain_http(
    make: Callable[..., StandIn], tmp_path: Path, scheme: str
) -> None:
    standin = make(ids=scheme, hinweis=1.0)
    direct = DirectFiling(standin.client, standin.fields)
    with pytest.raises(DirectFilingError):
        direct.sign_in(USER, "falsch")
    direct.sign_in(USER, PASSWORD)
    assert direct.find_file("51-9/2026") is None
    file_id = direct.create_file("51-9/2026", "Posteingang Amt 51", "51")
    assert direct.find_file("51-9/2026") == file_id
    pdf = pdf_bytes(tmp_path)
    number = direct.upload(
        file_id,
        pdf,
        dateiname="brief.pdf",
        eingangsdatum=date(2026, 3, 2),
        absender="A",
        betreff="B",
    )
    assert re.fullmatch(rf"DOK-{date.today().year}-000001", number)
    (document,) = standin.app.state.store.documents("51-9/2026")
    assert (document.nummer, document.sha256) == (number, hashlib.sha256(pdf).hexdigest())


# -- the command ---------------------------------------------------------------------------


def test_the_demo_server_command_serves_and_prints_url_and_credentials(tmp_path: Path) -> None:
    port = free_port()
    lotse = Path(sys.executable).with_name("lotse")
    process = subprocess.Popen(
        [str(lotse), "eakte-demo-server", "--port", str(port), "--data", str(tmp_path / "d"),
         "--ids", "v2", "--benutzer", "tester", "--kennwort", "geheim-123"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
        env={**os.environ, "COLUMNS": "200"},
    )  # fmt: skip
    try:
        assert process.stdout is not None
        output = [process.stdout.readline() for _ in range(3)]
        assert f"http://127.0.0.1:{port}/" in output[0], output
        assert "tester" in output[1] and "geheim-123" in output[1], output
        deadline = time.monotonic() + 20
        while True:
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/anmeldung", timeout=2)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "the demo server did not answer"
                time.sleep(0.1)
        assert Page(answer.text).control("Benutzerkennung")["id"] == "ctl00_main_userInput"
        assert (tmp_path / "d" / "eakte.sqlite3").is_file()
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)


# -- the modal in a real browser -----------------------------------------------------------


@pytest.fixture
def live(tmp_path: Path) -> Iterator[StandInServer]:
    with StandInServer(StandInConfig(data_dir=tmp_path / "live", hinweis=1.0)) as server:
        yield server


def test_the_hinweis_overlay_blocks_clicks_until_ok_in_chromium(
    live: StandInServer, chromium_installed: None
) -> None:
    with chromium() as browser:
        context = browser.new_context(locale="de-DE")
        context.set_default_timeout(10_000)
        page = context.new_page()
        page.goto(f"{live.url}/start")
        expect(page.get_by_text(EXPIRED)).to_be_visible()  # no session yet
        page.get_by_label("Benutzerkennung").fill(USER)
        page.get_by_label("Kennwort").fill(PASSWORD)
        page.get_by_role("button", name="Anmelden").click()
        expect(page).to_have_url(f"{live.url}/start")

        dialog = page.get_by_role("dialog", name="Hinweis")
        expect(dialog).to_be_visible()
        expect(dialog.get_by_role("heading")).to_have_text("Hinweis")
        link = page.get_by_role("link", name="Akte suchen")
        expect(link).to_be_visible()
        with pytest.raises(PlaywrightError) as blocked:
            link.click(timeout=1_500)
        assert "intercepts pointer events" in str(blocked.value)
        expect(page.get_by_role("heading", level=1)).to_have_text("Startseite")  # still here

        dialog.get_by_role("button", name="OK").click()
        expect(dialog).to_have_count(0)
        link.click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Aktensuche")
        # The next page has its own Hinweis (probability 1), and OK works there too.
        expect(page.get_by_role("dialog", name="Hinweis")).to_be_visible()
        page.get_by_role("button", name="OK").click()
        page.get_by_label("Aktenzeichen").fill("51-1/2026")
        page.get_by_role("button", name="Suchen").click()
        expect(page.get_by_text("Keine Akte gefunden.")).to_be_visible()
        context.close()
