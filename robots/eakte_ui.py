"""The e-file's pages as a clerk sees them: found by labels, roles and texts, never by ids.

Legacy web applications change their element ids between versions, show
notices in modal dialogs, answer slowly now and then and end sessions while
you work. Each operation here therefore

- finds fields by their visible label and buttons by their text,
- lets Playwright dismiss the "Hinweis" dialog whenever it covers the page,
- notices the sign-in page after an expired session, signs in again and
  repeats the step (the e-file drops the data of a POST it refused).

The class knows nothing about letters; :mod:`robots.eakte_robot` decides what
to file where.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar
from urllib.parse import urljoin, urlsplit

from playwright.sync_api import Locator, Page

T = TypeVar("T")
DOCUMENT_NUMBER = re.compile(r"Dokumentnummer:\s*(\S+)")


class EAkteError(RuntimeError):
    """The e-file refused or did not answer as expected; German message."""


class SignInFailed(EAkteError):
    """The e-file refuses the robot's credentials: a setting to fix, not a letter's fault."""


class NotThatFile(EAkteError):
    """The address no longer shows the file with that Aktenzeichen; search for it again."""


@dataclass(frozen=True, slots=True)
class Document:
    number: str
    subject: str
    remark: str


@dataclass(frozen=True, slots=True)
class Upload:
    pdf: Path
    received: str  # TT.MM.JJJJ
    sender: str
    subject: str
    remark: str


class EAkteUi:
    def __init__(
        self,
        page: Page,
        base_url: str,
        user: str,
        password: str,
        *,
        on_step: Callable[[str, Page], None] | None = None,
    ) -> None:
        self.page = page
        # Called at each step a person would recognise (for the docs' screenshot sequence).
        self.on_step = on_step
        self.base_url = base_url.rstrip("/") + "/"
        self._user = user
        self._password = password  # never logged, never put into a message
        self.sign_ins = 0
        # Whenever the notice covers the page, acknowledge it before the next action.
        page.add_locator_handler(
            page.get_by_role("dialog").filter(has=page.get_by_role("heading", name="Hinweis")),
            lambda dialog: dialog.get_by_role("button", name="OK").click(),
        )

    # -- session -------------------------------------------------------------------

    def sign_in(self) -> None:
        self._open("anmeldung")
        self._sign_in_here()

    def _sign_in_here(self) -> None:
        page = self.page
        page.get_by_label("Benutzerkennung").fill(self._user)
        page.get_by_label("Kennwort").fill(self._password)
        self._shown("anmeldung")
        page.get_by_role("button", name="Anmelden").click()
        page.wait_for_load_state()
        if self._on_sign_in_page():
            raise SignInFailed(
                "Die Anmeldung an der E-Akte ist fehlgeschlagen (Benutzerkennung oder Kennwort "
                "falsch?). Bitte LOTSE_EAKTE_USER und das Kennwort prüfen."
            )
        self.sign_ins += 1

    def _on_sign_in_page(self) -> bool:
        return urlsplit(self.page.url).path.rstrip("/").endswith("/anmeldung")

    def _step(self, action: Callable[[], T]) -> T:
        """Run one step; after an expired session sign in again and run it once more."""
        result = action()
        if not self._on_sign_in_page():
            return result
        self._sign_in_here()
        result = action()
        if self._on_sign_in_page():
            raise EAkteError("Die E-Akte beendet die Sitzung sofort wieder.")
        return result

    def _open(self, path: str) -> None:
        self.page.goto(urljoin(self.base_url, path))
        self.page.wait_for_load_state()

    # -- files -------------------------------------------------------------------------

    def find_file(self, file_number: str) -> str | None:
        """The address of the file with this Aktenzeichen, or None."""

        def search() -> str | None:
            self._open("akten/suche")
            if self._on_sign_in_page():
                return None
            page = self.page
            page.get_by_label("Aktenzeichen").fill(file_number)
            page.get_by_role("button", name="Suchen").click()
            page.wait_for_load_state()
            if self._on_sign_in_page():
                return None
            self._shown("suche")
            for row in page.get_by_role("row").all():
                cells = [c.strip() for c in row.get_by_role("cell").all_inner_texts()]
                if cells and cells[0].casefold() == file_number.strip().casefold():
                    href = row.get_by_role("link", name="Öffnen").get_attribute("href")
                    return urljoin(page.url, href or "")
            return None

        return self._step(search)

    def create_file(self, file_number: str, title: str, unit: str) -> str:
        def create() -> str:
            self._open("akten/neu")
            if self._on_sign_in_page():
                return ""
            page = self.page
            page.get_by_label("Aktenzeichen").fill(file_number)
            page.get_by_label("Titel").fill(title)
            page.get_by_label("Organisationseinheit").fill(unit)
            self._shown("akte-anlegen")
            page.get_by_role("button", name="Akte anlegen").click()
            page.wait_for_load_state()
            self._raise_on_error_text("Die Akte konnte nicht angelegt werden")
            return page.url

        url = self._step(create)
        if not self._heading_is(f"Akte {file_number}"):
            # Someone created it a moment ago (the e-file refuses duplicates): use theirs.
            found = self.find_file(file_number)
            if found is None:
                raise EAkteError(f"Die Akte {file_number} ließ sich weder anlegen noch finden.")
            return found
        return url

    def documents(self, file_url: str, *, file_number: str | None = None) -> list[Document]:
        """The documents in the file at ``file_url``, read from a freshly loaded page.

        With ``file_number`` (an address remembered from earlier) the page must show
        that file, else :class:`NotThatFile`.
        """

        def read() -> list[Document]:
            self.page.goto(file_url)
            self.page.wait_for_load_state()
            if self._on_sign_in_page():
                return []
            if file_number is not None and not self._shows_file(file_number):
                raise NotThatFile(f"{file_url} zeigt nicht die Akte {file_number}.")
            self._shown("akte")
            return self._document_rows()

        return self._step(read)

    def _document_rows(self) -> list[Document]:
        table = self.page.get_by_role("table", name="Dokumente")
        headers = [h.strip() for h in table.get_by_role("columnheader").all_inner_texts()]
        if not headers:
            # Not the file page (an error page, a changed layout): "no documents" would be a
            # guess, and a wrong guess files the letter twice.
            raise EAkteError("Die Seite der Akte zeigt keine Liste der Dokumente.")
        documents = []
        rows = table.get_by_role("row").filter(has=self.page.get_by_role("cell"))
        # One call for the whole table however many documents the file holds: a row's
        # rendered text separates its cells by tabs. A row that does not split into one
        # part per column (a tab inside a cell) is read cell by cell.
        for index, text in enumerate(rows.all_inner_texts()):
            cells = text.split("\t")
            if len(cells) != len(headers):
                cells = rows.nth(index).get_by_role("cell").all_inner_texts()
            if len(cells) == 1:
                continue  # a note across the table, such as "Noch keine Dokumente."
            if len(cells) != len(headers):
                # A document row we cannot read might be this letter's: skipping it would
                # risk filing the letter twice; a person looks at the page instead.
                raise EAkteError(
                    f"Eine Zeile der Dokumentliste ist nicht lesbar ({len(cells)} statt "
                    f"{len(headers)} Spalten)."
                )
            values = dict(zip(headers, (c.strip() for c in cells), strict=True))
            documents.append(
                Document(
                    number=values.get("Dokumentnummer", ""),
                    subject=values.get("Betreff", ""),
                    remark=values.get("Bemerkung", ""),
                )
            )
        return documents

    def upload(self, file_url: str, upload: Upload) -> str:
        """Add the PDF to the file; the document number from the confirmation."""

        def add() -> str:
            page = self.page
            if page.url != file_url:  # after documents() the file page is open already
                page.goto(file_url)
                page.wait_for_load_state()
                if self._on_sign_in_page():
                    return ""
            page.get_by_role("link", name="Dokument hinzufügen").click()
            page.wait_for_load_state()
            if self._on_sign_in_page():
                return ""
            page.get_by_label("Datei").set_input_files(upload.pdf)
            page.get_by_label("Eingangsdatum").fill(upload.received)
            page.get_by_label("Absender").fill(upload.sender)
            page.get_by_label("Betreff").fill(upload.subject)
            page.get_by_label("Bemerkung").fill(upload.remark)
            self._shown("dokument")
            page.get_by_role("button", name="Speichern").click()
            page.wait_for_load_state()
            if self._on_sign_in_page():
                return ""
            body = self._raise_on_error_text("Das Dokument wurde nicht gespeichert")
            self._shown("bestaetigung")
            found = DOCUMENT_NUMBER.search(body)
            if found is None:
                raise EAkteError(
                    "Die E-Akte hat das Speichern nicht bestätigt (keine Dokumentnummer auf der "
                    "Seite)."
                )
            return found.group(1)

        return self._step(add)

    # -- reading answers ------------------------------------------------------------------

    def _shown(self, step: str) -> None:
        if self.on_step is not None:
            self.on_step(step, self.page)

    def _shows_file(self, file_number: str) -> bool:
        title = re.compile(rf"^\s*Akte\s+{re.escape(file_number.strip())}\s*$", re.IGNORECASE)
        return self.page.get_by_role("heading", level=1, name=title).count() > 0

    def _heading_is(self, text: str) -> bool:
        heading = self.page.get_by_role("heading", level=1)
        return heading.count() > 0 and heading.first.inner_text().strip() == text

    def _raise_on_error_text(self, what: str) -> str:
        """The page's text, unless the page reports an error."""
        page = self.page
        body = page.locator("body").inner_text()
        if "Interner Fehler" in body:
            raise EAkteError(f"{what}: die E-Akte meldet einen internen Fehler.")
        alert: Locator = page.get_by_role("alert")
        if alert.count():
            raise EAkteError(f"{what}: „{alert.first.inner_text().strip()[:200]}“")
        return body
