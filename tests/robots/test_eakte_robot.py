"""The e-file robot in real headless Chromium against the stand-in e-file.

Letters go through the real mailroom first (delivery creates the filings),
then the robot files them through the stand-in's pages: slow pages, the modal
notice, changed field ids, an expired session, failing uploads and a crash
between upload and record must neither lose a letter nor file it twice.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from eakte.config import StandInConfig
from eakte.server import StandInServer
from lotse.app import App
from robots.decisions import Choice, LetterCopy, Outcome
from robots.eakte_robot import EAkteAccess, EAkteRobot, FilingOutcome, filing_counts
from robots.eakte_ui import SignInFailed
from robots.filings import Filing
from robots.letters import Letter, LetterEvent
from tests.conftest import SAMPLES
from tests.robots.letters import ADVERT, KITA_MEMO, TAX_OBJECTION, text_pdf

BUILDING = [
    "Ingenieurbüro Lindner, Hafenstraße 9, 12345 Seestadt",
    "",
    "Stadt Seestadt – Baurechtsamt",
    "",
    "Betreff: Nachreichung Statik, Az. 63.2-2026-0412",
    "",
    "Sehr geehrte Damen und Herren,",
    "zum Bauantrag für das Mehrfamilienhaus reichen wir die Statik nach.",
    "Die Baugenehmigung möge bitte auf dieser Grundlage ergehen.",
    "",
    "Mit freundlichen Grüßen",
]
PASSWORD = "Ablage!2026"
SQLITE = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
pytestmark = pytest.mark.usefixtures("chromium_installed")  # the robot launches its own


@pytest.fixture
def delivered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lotse_app: App) -> Iterator[App]:
    """Three letters through the mailroom: 51 and 63 file into the e-file, 22 does not."""
    monkeypatch.setenv("LOTSE_DELIVERY_FILE", str(SAMPLES / "rules" / "ablage.yaml"))
    lotse = dataclasses.replace(
        lotse_app,
        settings=lotse_app.settings.model_copy(
            update={"delivery_file": SAMPLES / "rules" / "ablage.yaml"}
        ),
    )
    room = lotse.mailroom(inbox=tmp_path / "eingang")
    room.config = dataclasses.replace(room.config, stable_seconds=0, workers=2)
    room.config.inbox.mkdir()
    text_pdf(room.config.inbox / "memo.pdf", KITA_MEMO)
    text_pdf(room.config.inbox / "statik.pdf", BUILDING)
    text_pdf(room.config.inbox / "widerspruch.pdf", TAX_OBJECTION)
    outcomes = {o.name: (o.status, o.department) for o in room.run()}
    assert outcomes == {
        "memo.pdf": ("archived", "51"),
        "statik.pdf": ("archived", "63"),
        "widerspruch.pdf": ("archived", "22"),
    }
    yield lotse


def _robot(lotse: App, url: str, **kwargs: Any) -> EAkteRobot:
    return EAkteRobot(
        lotse.db.session, lotse.delivery(), EAkteAccess(url, "poststelle-roboter", PASSWORD),
        lotse.settings.data_dir / "eakte" / "fehler", backoff_seconds=0.05, **kwargs,
    )  # fmt: skip


def _stand_in(tmp_path: Path, **quirks: Any) -> StandInServer:
    return StandInServer(StandInConfig(data_dir=tmp_path / "eakte-daten", seed=7, **quirks))


def _sha(path: str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@pytest.mark.parametrize("database_url", ["sqlite", "postgresql"], indirect=True)
def test_files_each_letter_into_its_file_and_records_the_number(
    delivered: App, tmp_path: Path
) -> None:
    with _stand_in(tmp_path) as server:
        outcomes = _robot(delivered, server.url).run()
        store = server.app.state.store
        by_name = {o.letter_name: o for o in outcomes}
        assert set(by_name) == {"memo.pdf", "statik.pdf"}  # 22 delivers to a folder only
        assert all(o.status == "filed" and o.attempts == 1 for o in outcomes)
        assert by_name["statik.pdf"].file_number == "63.2-2026-0412"  # its own file, created
        assert by_name["memo.pdf"].file_number == "51-POST-2026"  # no number: the inbox file

        with delivered.db.read_session() as session:
            filings = {f.letter.name: f for f in session.scalars(select(Filing))}
            for name, filing in filings.items():
                (document,) = store.documents(filing.file_number)
                assert document.nummer == filing.document_number == by_name[name].document_number
                assert document.sha256 == _sha(filing.letter.delivered_to)  # the delivered PDF
                assert f"Brief Nr. {filing.letter_id}" in document.bemerkung
            statik = filings["statik.pdf"]
            (doc,) = store.documents("63.2-2026-0412")
            assert doc.betreff == "Nachreichung Statik, Az. 63.2-2026-0412"
            assert doc.absender == "Ingenieurbüro Lindner"
            event = session.scalars(
                select(LetterEvent).where(
                    LetterEvent.letter_id == statik.letter_id, LetterEvent.kind == "filed"
                )
            ).one()
            assert statik.document_number in event.detail
        assert _robot(delivered, server.url).run() == []  # nothing waits any more


@SQLITE
def test_a_copy_for_an_amt_with_an_efile_is_filed_into_that_amts_file(
    delivered: App, tmp_path: Path
) -> None:
    """A review decision for 51 (original), 63 and 22 (copies): 51 and 63 file electronically."""
    room = delivered.mailroom(inbox=tmp_path / "eingang-pruefung")
    room.config = dataclasses.replace(room.config, stable_seconds=0, workers=1)
    room.config.inbox.mkdir()
    text_pdf(room.config.inbox / "zwei-aemter.pdf", [*ADVERT, "Kita-Möbel und Bauzaun"])
    ((letter_id, status),) = [(o.letter_id, o.status) for o in room.run()]
    assert status == "review"
    room.decide_now(letter_id, Choice(Outcome.DELIVER, ("51", "63", "22"), user="anna"))

    with _stand_in(tmp_path) as server:
        outcomes = [o for o in _robot(delivered, server.url).run() if o.letter_id == letter_id]
        assert sorted((o.department, o.status, o.file_number) for o in outcomes) == [
            ("51", "filed", "51-POST-2026"),  # the original
            ("63", "filed", "63-POST-2026"),  # the copy, into 63's inbox file
        ]  # 22 has no e-file: its copy lies in its folder only
        assert sorted((o.department, o.copy) for o in outcomes) == [("51", False), ("63", True)]
        filed = [o for o in outcomes if o.status == "filed"]
        assert filing_counts(len(filed), sum(o.copy for o in filed), 0) == (
            "1 Brief und 1 Kopie für weitere Ämter abgelegt, 0 fehlgeschlagen"
        )  # counted from the run's outcomes, as the command and the flow's artifact count
        store = server.app.state.store
        with delivered.db.read_session() as session:
            copy = session.scalars(select(LetterCopy).where(LetterCopy.department == "63")).one()
            letter = session.get_one(Letter, letter_id)
            (document,) = store.documents("63-POST-2026")
            assert document.sha256 == _sha(copy.target or "")  # the copy 63 got
            assert "Kopie, Original an Amt 51" in document.bemerkung
            assert f"Brief Nr. {letter_id}" in document.bemerkung
            (original,) = [
                d for d in store.documents("51-POST-2026") if f"Nr. {letter_id}." in d.bemerkung
            ]
            assert original.sha256 == _sha(letter.delivered_to or "")
            assert "Kopie" not in original.bemerkung
            trail = [e.detail for e in letter.events]
        assert any("Kopie zugestellt an 63" in t and "vorgemerkt" in t for t in trail)
        assert any(t.startswith("Kopie für 63 in der E-Akte abgelegt: Akte 63-POST-2026")
                   for t in trail)  # fmt: skip
        assert not any("Kopie für 22" in t for t in trail)
        assert _robot(delivered, server.url).run() == []  # each filed once


@SQLITE
def test_slow_pages_notices_new_ids_and_an_expired_session(delivered: App, tmp_path: Path) -> None:
    with _stand_in(tmp_path, langsam=0.3, langsam_sekunden=0.3, hinweis=1.0, ids="v2") as server:

        def expire_everyone(_outcome: FilingOutcome) -> None:
            server.app.state.sessions.expire_all()  # mid-run: the next page asks to sign in

        outcomes = _robot(delivered, server.url).run(on_filing=expire_everyone)
        assert [o.status for o in outcomes] == ["filed", "filed"]
        assert server.app.state.store.count_documents() == 2


def _more_for_the_jugendamt(lotse: App, tmp_path: Path, count: int) -> None:
    """More in-house letters for 51 (no Aktenzeichen: all into the inbox file 51-POST-2026)."""
    room = lotse.mailroom(inbox=tmp_path / "eingang-51")
    room.config = dataclasses.replace(room.config, stable_seconds=0, workers=2)
    room.config.inbox.mkdir()
    for number in range(count):
        text_pdf(room.config.inbox / f"liste-{number}.pdf", [*KITA_MEMO, f"Liste {number}"])
    assert {o.department for o in room.run()} == {"51"}


@SQLITE
def test_letters_for_one_file_reuse_its_address_through_notices_and_expiry(
    delivered: App, tmp_path: Path
) -> None:
    _more_for_the_jugendamt(delivered, tmp_path, 3)
    with _stand_in(tmp_path, hinweis=1.0, ids="v2") as server:

        def expire_everyone(_outcome: FilingOutcome) -> None:
            server.app.state.sessions.expire_all()

        robot = _robot(delivered, server.url)
        outcomes = robot.run(on_filing=expire_everyone)
        assert [o.status for o in outcomes] == ["filed"] * 5
        store = server.app.state.store
        assert store.count_documents("51-POST-2026") == 4
        assert store.count_documents() == 5
        assert len(store.files()) == 2  # the inbox file of 51 was created once


@SQLITE
def test_a_remembered_address_that_shows_another_file_is_searched_again(
    delivered: App, tmp_path: Path
) -> None:
    _more_for_the_jugendamt(delivered, tmp_path, 1)
    with _stand_in(tmp_path) as server:
        store = server.app.state.store

        def move_the_inbox_file(outcome: FilingOutcome) -> None:
            if outcome.file_number != "51-POST-2026" or store.find_file("51-POST-2025"):
                return
            # Someone renames the file the robot just used and opens a new one under the
            # old Aktenzeichen: the remembered address now shows the wrong file.
            with sqlite3.connect(store.database) as connection:
                connection.execute(
                    "UPDATE akten SET aktenzeichen = '51-POST-2025', schluessel = '51-post-2025'"
                    " WHERE schluessel = '51-post-2026'"
                )
            store.create_file("51-POST-2026", "Posteingang Amt 51 (neu)", "51")

        outcomes = _robot(delivered, server.url).run(on_filing=move_the_inbox_file)
        assert [o.status for o in outcomes] == ["filed"] * 3
        assert store.count_documents("51-POST-2025") == 1
        assert store.count_documents("51-POST-2026") == 1  # the new file, not the old one


@SQLITE
def test_a_failing_upload_is_retried_with_a_snapshot(delivered: App, tmp_path: Path) -> None:
    with _stand_in(tmp_path, fehler_beim_naechsten_upload=1) as server:
        first, second = _robot(delivered, server.url).run()
        assert (first.status, first.attempts) == ("filed", 2)
        assert first.snapshot and Path(first.snapshot).is_file()
        assert Path(first.snapshot).with_suffix(".html").read_text().count("Interner Fehler")
        assert (second.status, second.attempts) == ("filed", 1)
        with delivered.db.read_session() as session:
            kinds = session.scalars(
                select(LetterEvent.kind).where(LetterEvent.letter_id == first.letter_id)
            ).all()
        assert kinds[-2:] == ["filing_retry", "filed"]


@SQLITE
def test_stored_but_unconfirmed_is_not_filed_twice(delivered: App, tmp_path: Path) -> None:
    with _stand_in(tmp_path, fehler_nach_dem_speichern=1) as server:
        outcomes = _robot(delivered, server.url).run()
        assert [o.status for o in outcomes] == ["filed", "filed"]
        assert server.app.state.store.count_documents() == 2  # not three


@SQLITE
def test_gives_up_after_the_retries_and_says_what_to_do(delivered: App, tmp_path: Path) -> None:
    with _stand_in(tmp_path, fehler_beim_naechsten_upload=99) as server:
        outcomes = _robot(delivered, server.url, attempts=2).run()
        assert [(o.status, o.attempts) for o in outcomes] == [("failed", 2), ("failed", 2)]
        assert server.app.state.store.count_documents() == 0
    with delivered.db.read_session() as session:
        for filing in session.scalars(select(Filing)):
            assert Path(filing.letter.delivered_to).is_file()  # still with the department
            last = filing.letter.events[-1]
            assert last.kind == "filing_failed" and "bitte von Hand ablegen" in last.detail
            assert filing.snapshot and Path(filing.snapshot).is_file()


@SQLITE
def test_wrong_credentials_stop_the_run_and_the_letters_keep_waiting(
    delivered: App, tmp_path: Path
) -> None:
    with _stand_in(tmp_path, kennwort="ein-anderes-kennwort") as server:
        robot = _robot(delivered, server.url)
        with pytest.raises(SignInFailed, match="Kennwort"):
            robot.run()
        assert len(robot.waiting()) == 2


@SQLITE
@pytest.mark.parametrize("point", ["eakte-before-upload", "eakte-after-upload"])
def test_a_crash_while_filing_then_a_rerun_files_each_letter_once(
    delivered: App, tmp_path: Path, point: str
) -> None:
    with _stand_in(tmp_path) as server:
        env = {
            **os.environ,
            "LOTSE_CRASH_AT": point,
            "LOTSE_DATA_DIR": str(delivered.settings.data_dir),
            "LOTSE_DATABASE_URL": delivered.settings.effective_database_url,
            "LOTSE_DELIVERY_FILE": str(SAMPLES / "rules" / "ablage.yaml"),
            "LOTSE_EAKTE_URL": server.url,
            "LOTSE_EAKTE_PASSWORD": PASSWORD,
        }
        crashed = subprocess.run(
            [str(Path(sys.executable).with_name("lotse")), "mailroom", "file", "--without-prefect"],
            env=env, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert crashed.returncode == -9, crashed.stdout + crashed.stderr
        store = server.app.state.store
        assert store.count_documents() == (1 if point == "eakte-after-upload" else 0)

        outcomes = _robot(delivered, server.url).run()  # the lease of the dead run is taken over
        assert [o.status for o in outcomes] == ["filed", "filed"]
        assert store.count_documents() == 2
