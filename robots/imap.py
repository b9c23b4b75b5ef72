"""A small IMAP client for a functional mailbox: IMAPS only, password or XOAUTH2.

Thin on purpose: :mod:`imaplib` speaks the protocol; this module knows the few
commands the mailroom needs (select with UIDVALIDITY, list UIDs, fetch one
message without marking it read, move it to a folder) and turns every failure
into a :class:`MailboxError` with one German sentence IT can act on.

Folder names travel in IMAP's modified UTF-7 (RFC 3501 §5.1.3): "Erledigt/Geprüft"
is ``Erledigt/Gepr&APw-ft`` on the wire. Lotse's settings, messages and memory keep
the readable name; only the commands here encode it (:func:`wire_name`, with the
codec of the well-kept ``imapclient`` package).
"""

from __future__ import annotations

import imaplib
import re
import ssl
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from imapclient import imap_utf7


class MailboxError(Exception):
    """The mailbox cannot be used right now (login refused, server away …): a German sentence."""


@dataclass(frozen=True, slots=True)
class MailboxConfig:
    host: str
    user: str
    port: int = 993
    password: str = ""
    token_file: Path | None = None  # XOAUTH2: an access token, renewed by another program
    folder: str = "INBOX"
    done_folder: str = "Lotse/Verarbeitet"  # "" = leave delivered mail where it is
    delete_after: bool = False  # only if IT asks for it: expunge instead of moving
    ca_file: Path | None = None  # the city's own CA, if the server's certificate is from it
    timeout: float = 60.0
    max_bytes: int = 50 * 1024 * 1024

    @property
    def account(self) -> str:
        """What identifies the mailbox in Lotse's memory (no secret in it)."""
        return f"{self.user}@{self.host}:{self.port}/{self.folder}"


@dataclass(frozen=True, slots=True)
class Selected:
    uidvalidity: int
    uids: list[int]


class Mailbox:
    """One signed-in IMAP session on one folder (use :func:`open_mailbox`)."""

    def __init__(self, client: imaplib.IMAP4, config: MailboxConfig) -> None:
        self.client = client
        self.config = config
        # Servers announce more after the login (MOVE, UIDPLUS); ask again.
        status, data = client.capability()
        announced = _flat(data).upper().split() if status == "OK" else []
        self._moves = b"MOVE" in announced

    def select(self) -> Selected:
        """Select the folder; its UIDVALIDITY and every UID in it (oldest first)."""
        status, _ = self.client.select(_quote(self.config.folder))
        if status != "OK":
            raise MailboxError(f"Den Ordner „{self.config.folder}“ gibt es im Postfach nicht.")
        validity = _flat(self.client.untagged_responses.get("UIDVALIDITY", [b"0"])[-1:])
        status, data = self.client.uid("SEARCH", "ALL")
        if status != "OK":
            raise MailboxError("Das Postfach hat die Liste der Nachrichten verweigert.")
        uids = sorted(int(uid) for uid in _flat(data).split())
        return Selected(int(validity or b"0"), uids)

    def size(self, uid: int) -> int | None:
        """The message's size in bytes, None if it is gone meanwhile."""
        status, data = self.client.uid("FETCH", str(uid), "(RFC822.SIZE)")
        if status != "OK" or not data or data[0] is None:
            return None
        match = re.search(rb"RFC822\.SIZE (\d+)", _flat(data))
        return int(match.group(1)) if match else None

    def fetch(self, uid: int) -> bytes | None:
        """The whole message, without setting \\Seen (BODY.PEEK); None if it is gone."""
        status, data = self.client.uid("FETCH", str(uid), "(BODY.PEEK[])")
        if status != "OK":
            raise MailboxError(f"Die Nachricht {uid} ließ sich nicht abrufen.")
        for item in data:
            if isinstance(item, tuple) and len(item) == 2:
                return bytes(item[1])
        return None

    def server_name(self, folder: str) -> str:
        """A folder path written with "/" in the server's own hierarchy delimiter."""
        status, data = self.client.list('""', '""')
        match = re.search(rb'\) "(.)"', _flat(data)) if status == "OK" else None
        delimiter = match.group(1).decode() if match else "/"
        return folder.replace("/", delimiter)

    def ensure_folder(self, folder: str) -> None:
        """Create the folder (and its parents) unless it exists; ``folder`` is the server's name."""
        status, data = self.client.list('""', _quote(folder))
        if status == "OK" and any(item for item in data if item):
            return
        status, data = self.client.create(_quote(folder))
        if status != "OK":
            raise MailboxError(
                f"Der Ordner „{folder}“ lässt sich im Postfach nicht anlegen "
                f"({_text(data)}); bitte von Hand anlegen."
            )
        self.client.subscribe(_quote(folder))

    def move(self, uid: int, folder: str) -> None:
        """Move the message (MOVE, or COPY and expunge only this UID on older servers)."""
        if self._moves:
            status, data = self.client.uid("MOVE", str(uid), _quote(folder))
            if status != "OK":
                raise MailboxError(f"Die Nachricht ließ sich nicht verschieben ({_text(data)}).")
            return
        status, data = self.client.uid("COPY", str(uid), _quote(folder))
        if status != "OK":
            raise MailboxError(f"Die Nachricht ließ sich nicht kopieren ({_text(data)}).")
        self._expunge(uid)

    def delete(self, uid: int) -> None:
        self._expunge(uid)

    def _expunge(self, uid: int) -> None:
        self.client.uid("STORE", str(uid), "+FLAGS.SILENT", r"(\Deleted)")
        # UID EXPUNGE (UIDPLUS) removes only this message, never others marked by people.
        status, data = self.client.uid("EXPUNGE", str(uid))
        if status != "OK":
            raise MailboxError(f"Die Nachricht ließ sich nicht entfernen ({_text(data)}).")


@contextmanager
def open_mailbox(config: MailboxConfig) -> Iterator[Mailbox]:
    """Connect with TLS (certificate and host name checked), sign in, and log out at the end."""
    context = ssl.create_default_context(cafile=str(config.ca_file) if config.ca_file else None)
    try:
        client = imaplib.IMAP4_SSL(
            config.host, config.port, ssl_context=context, timeout=config.timeout
        )
    except ssl.SSLCertVerificationError as exc:
        raise MailboxError(
            f"Das Zertifikat des Mailservers {config.host} ist nicht vertrauenswürdig "
            f"({exc.verify_message}); ggf. LOTSE_MAIL_IMAP_CA_FILE setzen."
        ) from None
    except (OSError, imaplib.IMAP4.error) as exc:
        raise MailboxError(
            f"Der Mailserver {config.host}:{config.port} ist nicht erreichbar ({_reason(exc)})."
        ) from None
    try:
        _login(client, config)
        yield Mailbox(client, config)
    except (TimeoutError, imaplib.IMAP4.abort, OSError) as exc:
        raise MailboxError(f"Die Verbindung zum Mailserver brach ab ({_reason(exc)}).") from None
    except imaplib.IMAP4.error as exc:
        raise MailboxError(f"Der Mailserver lehnte einen Befehl ab ({_reason(exc)}).") from None
    finally:
        with suppress(imaplib.IMAP4.error, OSError):
            client.logout()


def _login(client: imaplib.IMAP4, config: MailboxConfig) -> None:
    try:
        if config.token_file is not None:
            token = _read_token(config.token_file)
            auth = xoauth2_string(config.user, token)
            client.authenticate("XOAUTH2", lambda _: auth)
        else:
            client.login(config.user, config.password)
    except imaplib.IMAP4.error as exc:
        raise MailboxError(
            f"Der Mailserver hat die Anmeldung von {config.user} abgelehnt ({_reason(exc)}); "
            "bitte Benutzer und Passwort bzw. Token prüfen."
        ) from None


def _read_token(path: Path) -> str:
    try:
        token = path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise MailboxError(
            f"Die Token-Datei {path} lässt sich nicht lesen ({exc.strerror})."
        ) from None
    if not token:
        raise MailboxError(f"Die Token-Datei {path} ist leer.")
    return token


def xoauth2_string(user: str, token: str) -> bytes:
    """The SASL XOAUTH2 initial response (RFC-less, as Google and Microsoft define it)."""
    return f"user={user}\x01auth=Bearer {token}\x01\x01".encode()


def wire_name(folder: str) -> str:
    """The folder's name as IMAP writes it: modified UTF-7, plain ASCII (RFC 3501 §5.1.3)."""
    wire: bytes = imap_utf7.encode(folder)
    return wire.decode("ascii")


def _quote(folder: str) -> str:
    """The folder as a quoted IMAP string, in modified UTF-7 (imaplib sends ASCII only)."""
    wire = wire_name(folder)
    return '"' + wire.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _flat(data: Sequence[object]) -> bytes:
    parts: list[bytes] = []
    for item in data:
        if isinstance(item, tuple):
            parts.extend(x for x in item if isinstance(x, bytes))
        elif isinstance(item, bytes):
            parts.append(item)
    return b" ".join(parts)


def _text(data: object) -> str:
    if isinstance(data, list) and data:
        first = data[0]
        if isinstance(first, bytes):
            return first.decode("utf-8", "replace")[:200]
    return str(data)[:200]


def _reason(exc: BaseException) -> str:
    text = str(exc).strip()
    if text.startswith("b'") or text.startswith('b"'):
        text = text[2:-1]
    return (text or type(exc).__name__)[:200]
