"""The functional mailbox against a real Dovecot: each message exactly once, moved, never lost."""

from __future__ import annotations

import dataclasses
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from lotse.app import App
from robots.imap import MailboxConfig
from robots.letters import Letter, MailMessage
from robots.mailbox import poll
from robots.mailroom import Mailroom
from tests.conftest import SAMPLES
from tests.mailserver import MailServer

MAILS = SAMPLES / "mail" / "emails"
DONE = "Lotse.Verarbeitet"  # Dovecot's Maildir++ writes "Lotse/Verarbeitet" with a dot


def _config(server: MailServer, **changes: object) -> MailboxConfig:
    config = MailboxConfig(
        host=server.host, port=server.port, user=server.user, password=server.password,
        ca_file=server.ca_file, timeout=20.0,
    )  # fmt: skip
    return dataclasses.replace(config, **changes)  # type: ignore[arg-type]


@pytest.fixture
def mailroom(lotse_app: App, tmp_path: Path) -> Mailroom:
    inbox = tmp_path / "posteingang"
    inbox.mkdir()
    room = lotse_app.mailroom(inbox=inbox)
    room.config = dataclasses.replace(room.config, stable_seconds=0, workers=2)
    return room


def _no_id(raw: bytes) -> bytes:
    return b"\r\n".join(line for line in raw.split(b"\r\n") if not line.startswith(b"Message-ID"))


def test_each_message_once_moved_and_delivered(
    mail_server: MailServer, mailroom: Mailroom, lotse_app: App
) -> None:
    for name in (
        "Hundesteuer.eml",
        "Schlagloch Lindenallee.eml",
        "Kontaktformular Brandschutz.eml",
    ):
        mail_server.deliver((MAILS / name).read_bytes())
    # A mail without Message-ID (some scanners' mail function): remembered by UID and content.
    mail_server.deliver(_no_id((MAILS / "Newsletter KommunalSoft.eml").read_bytes()))

    first = poll(mailroom, _config(mail_server))
    assert (first.messages, first.taken, first.duplicates, first.moved, first.error) == (
        4,
        4,
        0,
        4,
        "",
    )
    assert mail_server.message_ids() == []
    assert len(mail_server.message_ids(DONE)) == 4  # moved, not deleted
    assert poll(mailroom, _config(mail_server)).messages == 0

    # The same mail once more (a colleague copied it back): a duplicate, no second letter.
    mail_server.deliver((MAILS / "Hundesteuer.eml").read_bytes())
    again = poll(mailroom, _config(mail_server))
    assert (again.taken, again.duplicates, again.moved) == (0, 1, 1)

    outcomes = {o.name: o for o in mailroom.run()}
    assert outcomes["Hundesteuer für unseren Dackel.eml"].department == "22"
    assert outcomes["Schlagloch Lindenallee.eml"].department == "66"
    with lotse_app.db.read_session() as session:
        assert session.query(Letter).count() == 4
        rows = session.scalars(select(MailMessage).order_by(MailMessage.id)).all()
        assert [r.status for r in rows] == ["moved"] * 5
        assert len({r.uid for r in rows}) == 5 and len({r.letter_id for r in rows}) == 4


def test_left_in_place_when_no_done_folder(mail_server: MailServer, mailroom: Mailroom) -> None:
    mail_server.deliver((MAILS / "Hundesteuer.eml").read_bytes())
    config = _config(mail_server, done_folder="")
    assert poll(mailroom, config).taken == 1
    second = poll(mailroom, config)
    assert (second.messages, second.taken, second.duplicates) == (1, 0, 0)  # remembered
    assert len(mail_server.message_ids()) == 1


def test_too_large_is_refused_once_and_left_in_the_mailbox(
    mail_server: MailServer, mailroom: Mailroom
) -> None:
    mail_server.deliver((MAILS / "Antrag Kita-Gebühren.eml").read_bytes())
    config = _config(mail_server, max_bytes=100_000)
    first = poll(mailroom, config)
    assert first.taken == 0 and "bleibt im Postfach" in first.refused[0]
    assert poll(mailroom, config).refused == []  # remembered: not fetched again
    assert len(mail_server.message_ids()) == 1


def test_folders_with_umlauts_travel_in_modified_utf7(
    mail_server: MailServer, mailroom: Mailroom
) -> None:
    """An inbox folder and a done folder with umlauts, as a city names them, on the real server."""
    from imapclient import imap_utf7

    inbox = "Eingang Bürgeramt"
    with mail_server.client() as client:  # made by a person in the mail program
        assert client.create('"Eingang B&APw-rgeramt"')[0] == "OK"
    mail_server.deliver((MAILS / "Hundesteuer.eml").read_bytes(), folder="Eingang B&APw-rgeramt")
    config = _config(mail_server, folder=inbox, done_folder="Erledigt/Geprüft")

    first = poll(mailroom, config)
    assert (first.error, first.messages, first.taken, first.moved) == ("", 1, 1, 1)
    # Dovecot's hierarchy delimiter is ".": the folder is "Erledigt.Geprüft", sent encoded.
    assert len(mail_server.message_ids("Erledigt.Gepr&APw-ft")) == 1
    assert mail_server.message_ids("Eingang B&APw-rgeramt") == []
    with mail_server.client() as client:
        _, listed = client.list()
    # LIST lines: (flags) "delimiter" name – the name as the server keeps it, quoted or not.
    names = {
        imap_utf7.decode(item.split(b'"."', 1)[1].strip().strip(b'"'))
        for item in listed
        if isinstance(item, bytes)
    }
    assert {"Erledigt", "Erledigt.Geprüft", "Eingang Bürgeramt"} <= names  # no mangled twin

    # The folder exists now: found under its encoded name, not created a second time.
    mail_server.deliver(
        (MAILS / "Schlagloch Lindenallee.eml").read_bytes(), folder="Eingang B&APw-rgeramt"
    )
    second = poll(mailroom, config)
    assert (second.error, second.taken, second.moved) == ("", 1, 1)
    assert len(mail_server.message_ids("Erledigt.Gepr&APw-ft")) == 2


def test_a_refused_login_is_one_line_and_nothing_else_stops(
    mail_server: MailServer, mailroom: Mailroom
) -> None:
    result = poll(mailroom, _config(mail_server, password="falsch"))
    assert "abgelehnt" in result.error and "\n" not in result.summary()
    assert result.summary().startswith("Postfach nicht abgerufen:")


# -- crashes: real runs killed with SIGKILL, then run again --------------------------------


def _environment(server: MailServer, data: Path) -> dict[str, str]:
    data.mkdir(exist_ok=True)  # an explicit data dir must exist (or be made by `lotse init`)
    env = dict(os.environ)
    env.update(
        LOTSE_DATA_DIR=str(data), LOTSE_DATABASE_URL=f"sqlite:///{data / 'lotse.db'}",
        LOTSE_MAIL_STABLE_SECONDS="0", LOTSE_MAIL_WORKERS="2",
        LOTSE_MAIL_IMAP_HOST=server.host, LOTSE_MAIL_IMAP_PORT=str(server.port),
        LOTSE_MAIL_IMAP_USER=server.user, LOTSE_MAIL_IMAP_PASSWORD=server.password,
        LOTSE_MAIL_IMAP_CA_FILE=str(server.ca_file),
    )  # fmt: skip
    env.pop("LOTSE_CRASH_AT", None)
    return env


def _postfach(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lotse", "mailroom", "postfach"],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def _check_once(server: MailServer, env: dict[str, str], sent: int) -> None:
    import json

    letters = json.loads(
        subprocess.run(
            [sys.executable, "-m", "lotse", "mailroom", "letters", "--json"],
            env=env, capture_output=True, text=True, timeout=120, check=True,
        ).stdout
    )  # fmt: skip
    assert len(letters) == sent, [row["name"] for row in letters]  # none lost, none doubled
    assert len({row["sha256"] for row in letters}) == sent
    assert server.message_ids() == []
    assert len(server.message_ids(DONE)) == sent  # every message kept on the server


SENT = ("Hundesteuer.eml", "Rechnung 2026-4471.eml", "WG Frage zu Wohngeld.eml")


@pytest.mark.slow
@pytest.mark.parametrize(
    "point",
    ["mailbox-after-fetch", "intake-before-commit", "intake-before-unlink", "mailbox-before-move"],
)
def test_killed_while_fetching_then_rerun_takes_each_once(
    point: str, mail_server: MailServer, tmp_path: Path
) -> None:
    for name in SENT:
        mail_server.deliver((MAILS / name).read_bytes())
    env = _environment(mail_server, tmp_path / "data")
    crashed = _postfach({**env, "LOTSE_CRASH_AT": point})
    assert crashed.returncode == -signal.SIGKILL, crashed.stderr[-2000:]
    finished = _postfach(env)
    assert finished.returncode == 0, finished.stderr[-2000:]
    _check_once(mail_server, env, len(SENT))


@pytest.mark.slow
def test_killed_in_the_middle_of_a_large_fetch(mail_server: MailServer, tmp_path: Path) -> None:
    """A mail of several megabytes is killed mid-download, again and again; then it arrives once."""
    from email.message import EmailMessage

    for number in range(3):
        message = EmailMessage()
        message["From"], message["To"] = "scanner@seestadt.example", "poststelle@seestadt.example"
        message["Subject"] = f"Großer Scan {number}"
        message["Message-ID"] = f"<gross-{number}@seestadt.example>"
        message.set_content("Anbei der Scan.")
        message.add_attachment(
            os.urandom(6_000_000), maintype="application", subtype="octet-stream",
            filename=f"scan-{number}.bin",
        )  # fmt: skip
        mail_server.deliver(bytes(message))
    env = _environment(mail_server, tmp_path / "data")
    kills = 0
    for delay in (0.9, 1.3, 1.7, 2.1, 2.6):
        process = subprocess.Popen(
            [sys.executable, "-m", "lotse", "mailroom", "postfach"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        time.sleep(delay)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            kills += 1
        process.wait(timeout=60)
    assert kills >= 2, "the fetches finished too fast to be killed; the test proves nothing"
    assert _postfach(env).returncode == 0
    _check_once(mail_server, env, 3)
