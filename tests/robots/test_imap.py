"""The IMAP client against a real Dovecot: IMAPS, password and XOAUTH2, clear refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from robots.imap import MailboxConfig, MailboxError, open_mailbox
from tests.mailserver import MailServer

MESSAGE = (
    b"From: Ada <ada@example.org>\r\nTo: poststelle@seestadt.example\r\n"
    b"Subject: Hundesteuer\r\nMessage-ID: <eins@example.org>\r\n"
    b"Date: Tue, 01 Dec 2026 09:00:00 +0100\r\n\r\nBitte Hund anmelden.\r\n"
)


def _config(server: MailServer, **changes: object) -> MailboxConfig:
    base: dict[str, object] = {
        "host": server.host, "port": server.port, "user": server.user,
        "password": server.password, "ca_file": server.ca_file, "timeout": 20.0,
    }  # fmt: skip
    base.update(changes)
    return MailboxConfig(**base)  # type: ignore[arg-type]


def test_fetch_without_marking_read_and_move(mail_server: MailServer) -> None:
    mail_server.deliver(MESSAGE)
    with open_mailbox(_config(mail_server)) as mailbox:
        selected = mailbox.select()
        assert selected.uidvalidity > 0 and len(selected.uids) == 1
        uid = selected.uids[0]
        assert mailbox.size(uid) == len(MESSAGE)
        assert mailbox.fetch(uid) == MESSAGE
        assert "\\Seen" not in " ".join(mail_server.flags())  # fetched, not read by anyone
        done = mailbox.server_name("Lotse/Verarbeitet")
        assert done == "Lotse.Verarbeitet"  # Dovecot's Maildir++ separates with a dot
        mailbox.ensure_folder(done)
        mailbox.ensure_folder(done)  # twice is fine
        mailbox.move(uid, done)
        assert mailbox.select().uids == []
    assert mail_server.message_ids() == []
    assert mail_server.message_ids("Lotse.Verarbeitet") == ["<eins@example.org>"]


def test_xoauth2_token_from_a_file(mail_server: MailServer, tmp_path: Path) -> None:
    token = tmp_path / "token"
    token.write_text(mail_server.token() + "\n")
    mail_server.deliver(MESSAGE)
    with open_mailbox(_config(mail_server, password="", token_file=token)) as mailbox:
        assert len(mailbox.select().uids) == 1
    token.write_text(mail_server.token(seconds=-60))  # expired
    with (
        pytest.raises(MailboxError, match="hat die Anmeldung von poststelle abgelehnt"),
        open_mailbox(_config(mail_server, password="", token_file=token)),
    ):
        pass
    with (
        pytest.raises(MailboxError, match=r"Token-Datei .* lässt sich nicht lesen"),
        open_mailbox(_config(mail_server, token_file=tmp_path / "fehlt")),
    ):
        pass


def test_refusals_are_one_german_sentence(mail_server: MailServer) -> None:
    with (
        pytest.raises(MailboxError) as wrong,
        open_mailbox(_config(mail_server, password="falsch")),
    ):
        pass
    assert "abgelehnt" in str(wrong.value) and "Passwort" in str(wrong.value)
    with (
        pytest.raises(MailboxError, match="nicht vertrauenswürdig"),
        open_mailbox(_config(mail_server, ca_file=None)),
    ):
        pass
    with (
        pytest.raises(MailboxError, match="Den Ordner „Gibtsnicht“ gibt es"),
        open_mailbox(_config(mail_server, folder="Gibtsnicht")) as mailbox,
    ):
        mailbox.select()


def test_server_away_is_named() -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = MailboxConfig(host="127.0.0.1", port=port, user="x", password="y", timeout=5)
    with (
        pytest.raises(MailboxError, match=f"127.0.0.1:{port} ist nicht erreichbar"),
        open_mailbox(config),
    ):
        pass
