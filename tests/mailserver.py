"""A real IMAP server for tests: Debian's Dovecot, started per test in a temporary folder.

IMAPS only (a certificate made for 127.0.0.1 with openssl), one mailbox user with a
password, and XOAUTH2 with tokens Dovecot validates itself (HS256, a local key), so
both ways of signing in that cities use are tested against the real thing.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import imaplib
import json
import os
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

DOVECOT = "/usr/sbin/dovecot"
USER, PASSWORD = "poststelle", "Briefkasten-2026"
OAUTH_KEY = b"lotse-test-key-0123456789-abcdefghij"


@dataclass
class MailServer:
    folder: Path
    port: int
    process: subprocess.Popen[bytes]

    host = "127.0.0.1"
    user = USER
    password = PASSWORD

    @property
    def ca_file(self) -> Path:
        return self.folder / "cert.pem"

    def token(self, *, user: str = USER, seconds: int = 600, key: bytes = OAUTH_KEY) -> str:
        """A signed access token, as an identity provider would issue it (JWT, HS256)."""
        now = int(time.time())
        header = _b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
        claims = _b64(
            json.dumps({"sub": user, "iat": now, "nbf": now, "exp": now + seconds}).encode()
        )
        signature = _b64(hmac.new(key, header + b"." + claims, hashlib.sha256).digest())
        return (header + b"." + claims + b"." + signature).decode()

    @contextmanager
    def client(self) -> Iterator[imaplib.IMAP4_SSL]:
        """A plain imaplib session, for the test to look into the mailbox itself."""
        context = ssl.create_default_context(cafile=str(self.ca_file))
        client = imaplib.IMAP4_SSL(self.host, self.port, ssl_context=context, timeout=30)
        client.login(self.user, self.password)
        try:
            yield client
        finally:
            client.logout()

    def deliver(self, message: bytes, folder: str = "INBOX") -> None:
        with self.client() as client:
            status, data = client.append(f'"{folder}"', None, None, message)
            assert status == "OK", data

    def message_ids(self, folder: str = "INBOX") -> list[str]:
        """Message-IDs in a folder (empty list if the folder does not exist)."""
        with self.client() as client:
            status, _ = client.select(f'"{folder}"', readonly=True)
            if status != "OK":
                return []
            _, data = client.uid("SEARCH", "ALL")
            found = []
            for uid in (data[0] or b"").split():
                _, parts = client.uid("FETCH", uid, "(BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])")
                header = parts[0][1].decode() if isinstance(parts[0], tuple) else ""
                found.append(header.split(":", 1)[-1].strip())
            return found

    def flags(self, folder: str = "INBOX") -> list[str]:
        with self.client() as client:
            client.select(f'"{folder}"', readonly=True)
            _, data = client.uid("FETCH", "1:*", "(FLAGS)")
            return [item.decode() for item in data if isinstance(item, bytes)]


def _b64(data: bytes) -> bytes:
    return base64.urlsafe_b64encode(data).rstrip(b"=")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _config(folder: Path, port: int) -> str:
    home = folder / "home"
    if os.geteuid() == 0:
        # Dovecot never serves mail as root: the mailbox belongs to "nobody".
        mail_uid = mail_gid = 65534
        users = ""
    else:
        mail_uid, mail_gid = os.getuid(), os.getgid()
        me = os.environ.get("USER") or str(os.getuid())
        users = f"default_internal_user = {me}\ndefault_login_user = {me}\n"
    if os.geteuid() == 0:
        shutil.chown(home, mail_uid, mail_gid)
    return f"""
base_dir = {folder}/run
state_dir = {folder}/state
instance_name = lotse-test-{port}
log_path = {folder}/dovecot.log
{users}protocols = imap
listen = 127.0.0.1
ssl = required
ssl_cert = <{folder}/cert.pem
ssl_key = <{folder}/key.pem
disable_plaintext_auth = yes
auth_mechanisms = plain login xoauth2
auth_failure_delay = 0
mail_location = maildir:{home}/%u/Maildir
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {folder}/users
}}
passdb {{
  driver = oauth2
  mechanisms = xoauth2
  args = {folder}/oauth2.conf.ext
}}
userdb {{
  driver = static
  args = uid={mail_uid} gid={mail_gid} home={home}/%u
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    port = 0
  }}
  inet_listener imaps {{
    port = {port}
    ssl = yes
  }}
}}
service anvil {{
  chroot =
}}
"""


@contextmanager
def dovecot() -> Iterator[MailServer]:
    """Start Dovecot in a fresh folder; stopped (and waited for) and removed at the end.

    Not under pytest's tmp_path: Dovecot's own processes run as the users
    ``dovecot`` and ``nobody`` and must reach their files, which pytest's
    private (0700) folders and Lotse's umask 027 would forbid.
    """
    if not Path(DOVECOT).is_file():
        raise RuntimeError("Dovecot fehlt: scripts/bootstrap --test installiert dovecot-imapd.")
    folder = Path(tempfile.mkdtemp(prefix="lotse-dovecot-"))
    try:
        with _started(folder) as server:
            yield server
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def _started(folder: Path) -> Iterator[MailServer]:
    for sub in ("run", "state", "home", "keys/default/HS256"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-keyout", str(folder / "key.pem"), "-out", str(folder / "cert.pem"),
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )  # fmt: skip
    (folder / "users").write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n")
    (folder / "keys/default/HS256/default").write_text(base64.b64encode(OAUTH_KEY).decode())
    (folder / "oauth2.conf.ext").write_text(
        f"introspection_mode = local\nlocal_validation_key_dict = fs:posix:prefix={folder}/keys/\n"
        "username_attribute = sub\n"
    )
    port = _free_port()
    (folder / "dovecot.conf").write_text(_config(folder, port))
    for path in [folder, *folder.rglob("*")]:
        if path.name != "key.pem":
            path.chmod(0o755 if path.is_dir() else 0o644)
    process = subprocess.Popen(
        [DOVECOT, "-F", "-c", str(folder / "dovecot.conf")],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    try:
        _wait_for(port, process, folder)
        yield MailServer(folder, port, process)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)


def _wait_for(port: int, process: subprocess.Popen[bytes], folder: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log = (folder / "dovecot.log").read_text(errors="replace")[-2000:]
            raise RuntimeError(f"Dovecot did not start:\n{log}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("Dovecot did not listen within 30 s")
