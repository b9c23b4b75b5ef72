"""The commands of docs/operations.md, as an administrator would type them, for a throw-away root.

The tests run the guide's own command lines: taken from the ```sh blocks of a
section, with the paths of the installation moved below the test's root, ``sudo``
dropped (the tests run as root; ``sudo -u postgres`` becomes ``runuser``), ``lotse``
the installed ``/usr/local/bin/lotse``, and the ports, names and passwords of the
test's installation. ``systemctl`` has no systemd to talk to here; the test starts
and stops the units itself (tests/deploy/units.py). A command the translation does
not know fails the test: the guide cannot hold a command no test has run.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import REPO

DOC = REPO / "docs" / "operations.md"
DEFAULT_PATHS = (
    "/usr/local/bin/lotse", "/opt/lotse", "/etc/lotse", "/srv/lotse", "/var/lib/lotse",
    "/srv/scanner",
)  # fmt: skip


def section_commands(heading: str) -> list[str]:
    """Every command line of the ```sh blocks below ``heading``, up to the next heading of its level."""
    text = DOC.read_text(encoding="utf-8")
    level = heading.split(" ", 1)[0]
    start = text.index(f"\n{heading}\n")
    rest = text[start + len(heading) + 2 :]
    end = re.search(rf"\n#{{1,{len(level)}}} ", rest)
    body = rest[: end.start()] if end else rest
    blocks = re.findall(r"```sh\n(.*?)```", body, re.S)
    return [line.strip() for block in blocks for line in block.splitlines() if line.strip()]


@dataclass(frozen=True)
class Systemctl:
    verb: str  # start, stop, status
    units: tuple[str, ...]


@dataclass
class Installation:
    """Where the test installed Lotse, and under which names."""

    root: Path
    user: str
    db_prefix: str
    web_port: int
    prefect_port: int
    database_password: str = ""
    latest_backup: str = ""

    def path(self, default: str) -> Path:
        return Path(f"{self.root}{default}")

    @property
    def lotse(self) -> Path:
        return self.path("/usr/local/bin/lotse")

    def install_arguments(self) -> list[str]:
        return [
            "--root", str(self.root), "--user", self.user, "--db-prefix", self.db_prefix,
            "--web-port", str(self.web_port), "--prefect-port", str(self.prefect_port),
        ]  # fmt: skip

    def translate(self, line: str) -> Systemctl | str:
        """The guide's line for this installation: a shell command, or what systemctl would do."""
        words = shlex.split(line)
        if words[:1] == ["sudo"] and words[1:2] != ["-u"]:
            words = words[1:]
        if words[:1] == ["systemctl"]:
            verb, *units = words[1:]
            if verb == "enable" and units[:1] == ["--now"]:
                verb, units = "start", units[1:]
            assert verb in {"start", "stop", "status", "restart"}, line
            return Systemctl(verb, tuple(u.removesuffix(".service") for u in units))
        text = line
        for default in DEFAULT_PATHS:  # longest first: /usr/local/bin/lotse before /srv/lotse
            text = text.replace(default, f"@{DEFAULT_PATHS.index(default)}@")
        for number, default in enumerate(DEFAULT_PATHS):
            text = text.replace(f"@{number}@", str(self.path(default)))
        text = re.sub(r"(^|\| )sudo -u postgres ", r"\1runuser -u postgres -- ", text)
        text = re.sub(r"(^|\| )sudo ", r"\1", text)
        text = re.sub(r"(^|\| )lotse ", rf"\g<1>{self.lotse} ", text)
        text = text.replace("scripts/install-server", str(REPO / "scripts" / "install-server"))
        if "install-server" in text:
            text += " " + shlex.join(self.install_arguments())
        text = text.replace("127.0.0.1:8000", f"127.0.0.1:{self.web_port}")
        text = text.replace("127.0.0.1:4200", f"127.0.0.1:{self.prefect_port}")
        text = text.replace("lotse:KENNWORT@", f"{self.db_prefix}:{self.database_password}@")
        text = text.replace(
            "-O lotse lotse_zurueck", f"-O {self.db_prefix} {self.db_prefix}_zurueck"
        )
        text = text.replace("/lotse_zurueck", f"/{self.db_prefix}_zurueck")
        if self.latest_backup:
            text = re.sub(r"lotse-sicherung-\d{8}-\d{6}", self.latest_backup, text)
        known = (
            str(self.lotse), str(REPO / "scripts" / "install-server"), "runuser -u postgres -- createdb",
            "curl ", "cat ", "echo ",
        )  # fmt: skip
        assert text.startswith(known), f"the guide's command has no translation: {line}"
        return text
