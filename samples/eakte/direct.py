"""Filing through plain HTTP, without a browser: the floor the UI robot is compared with.

Works on any ``httpx.Client`` pointed at a stand-in (also Starlette's ``TestClient``).
It needs the field names of the running instance's id scheme (``app.state.quirks.fields``
in-process, or ``eakte.FIELDS["v1"]`` / ``["v2"]``).
"""

from __future__ import annotations

import re
from datetime import date
from html import unescape

import httpx

from eakte.fields import TOKEN_FIELD, FieldKey, Fields

_TOKEN = re.compile(rf'name="{re.escape(TOKEN_FIELD)}" value="([^"]*)"')
_NUMBER = re.compile(r"Dokumentnummer: <strong>([^<]+)</strong>")
_FILE_LINK = re.compile(r'<a href="/akten/(\d+)">Öffnen</a>')


class DirectFilingError(RuntimeError):
    """The stand-in did not answer as expected; the message has the status and the page start."""


def token_of(html: str) -> str:
    match = _TOKEN.search(html)
    if match is None:
        raise DirectFilingError("no anti-forgery field on the page")
    return unescape(match.group(1))


class DirectFiling:
    """Signs in once, then finds files and uploads documents with plain HTTP requests."""

    def __init__(self, client: httpx.Client, fields: Fields) -> None:
        self.client = client
        self.fields = fields
        self._token: str | None = None

    def _name(self, key: FieldKey) -> str:
        return self.fields[key].name

    def sign_in(self, user: str, password: str) -> None:
        form = self.client.get("/anmeldung")
        answer = self.client.post(
            "/anmeldung",
            data={
                TOKEN_FIELD: token_of(form.text),
                self._name("benutzer"): user,
                self._name("kennwort"): password,
            },
        )
        _expect_redirect(answer)
        self._token = token_of(self.client.get("/akten/neu").text)

    @property
    def token(self) -> str:
        if self._token is None:
            raise DirectFilingError("not signed in")
        return self._token

    def find_file(self, aktenzeichen: str) -> int | None:
        answer = self.client.get(
            "/akten/suche", params={self._name("suche_aktenzeichen"): aktenzeichen}
        )
        if answer.status_code != 200:
            raise DirectFilingError(f"search: HTTP {answer.status_code}: {answer.text[:200]}")
        match = _FILE_LINK.search(answer.text)
        return int(match.group(1)) if match else None

    def create_file(self, aktenzeichen: str, titel: str, organisationseinheit: str) -> int:
        answer = self.client.post(
            "/akten/neu",
            data={
                TOKEN_FIELD: self.token,
                self._name("aktenzeichen"): aktenzeichen,
                self._name("titel"): titel,
                self._name("organisationseinheit"): organisationseinheit,
            },
        )
        location = _expect_redirect(answer)
        return int(location.rsplit("/", 1)[1])

    def upload(
        self,
        file_id: int,
        pdf: bytes,
        *,
        dateiname: str,
        eingangsdatum: date,
        absender: str,
        betreff: str,
        bemerkung: str = "",
    ) -> str:
        """Files one PDF; returns the document number read from the confirmation page."""
        answer = self.client.post(
            f"/akten/{file_id}/dokument-neu",
            data={
                TOKEN_FIELD: self.token,
                self._name("eingangsdatum"): eingangsdatum.strftime("%d.%m.%Y"),
                self._name("absender"): absender,
                self._name("betreff"): betreff,
                self._name("bemerkung"): bemerkung,
            },
            files={self._name("datei"): (dateiname, pdf, "application/pdf")},
        )
        location = _expect_redirect(answer)
        confirmation = self.client.get(location)
        match = _NUMBER.search(confirmation.text)
        if match is None:
            raise DirectFilingError(f"no document number at {location}")
        return match.group(1)


def _expect_redirect(answer: httpx.Response) -> str:
    location = answer.headers.get("location")
    if answer.status_code != 303 or not location:
        raise DirectFilingError(f"HTTP {answer.status_code}: {answer.text[:300]}")
    if location.startswith("/anmeldung"):
        raise DirectFilingError("signed out (session expired or sign-in failed)")
    return str(location)
