"""Start a shipped systemd unit's ExecStart by hand, as systemd would run it.

There is no systemd in CI's containers; what the units promise is done here with
the kernel's own parts (we run as root): the unit's ``User=``/``Group=`` with
their groups (``setpriv``), only the ``EnvironmentFile=`` and ``Environment=``
variables plus what systemd adds (``HOME``, ``USER``, ``PATH`` …), ``UMask=``,
``WorkingDirectory=``, and in a mount namespace of its own ``ProtectSystem=strict``
(everything read-only but ``ReadWritePaths=``), ``PrivateTmp=`` (empty ``/tmp``
and ``/var/tmp``) and ``ProtectHome=`` (``/root``, ``/home`` empty). A unit that
needs to write where it may not, or reads something under ``/root``, fails here
as it would on the server.
"""

from __future__ import annotations

import os
import pwd
import shlex
import signal
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

SYSTEMD_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


@dataclass
class Unit:
    path: Path
    sections: dict[str, dict[str, list[str]]]

    def values(self, key: str, section: str = "Service") -> list[str]:
        return self.sections.get(section, {}).get(key, [])

    def value(self, key: str, default: str = "", section: str = "Service") -> str:
        found = self.values(key, section)
        return found[-1] if found else default

    @property
    def name(self) -> str:
        return self.path.name


def read_unit(path: Path) -> Unit:
    """A unit file: sections of keys, each key with all its values in order."""
    sections: dict[str, dict[str, list[str]]] = {}
    current: dict[str, list[str]] = {}
    pending = ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = pending + raw.strip()
        pending = ""
        if line.endswith("\\"):
            pending = line[:-1] + " "
            continue
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], {})
            continue
        key, _, value = line.partition("=")
        current.setdefault(key.strip(), []).append(value.strip())
    return Unit(path, sections)


def read_environment_file(path: Path) -> dict[str, str]:
    """``KEY=value`` lines as systemd reads them (comments, blank lines, quoted values)."""
    found: dict[str, str] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        key, _, value = line.partition("=")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        found[key.strip()] = value
    return found


def environment(unit: Unit) -> dict[str, str]:
    """What the unit's process sees: systemd's own variables, then the unit's."""
    user = pwd.getpwnam(unit.value("User", "root"))
    env = {
        "PATH": SYSTEMD_PATH,
        "HOME": user.pw_dir,
        "USER": user.pw_name,
        "LOGNAME": user.pw_name,
        "SHELL": user.pw_shell,
        "LANG": "C.UTF-8",
    }
    for entry in unit.values("EnvironmentFile"):
        optional = entry.startswith("-")
        path = Path(entry.lstrip("-"))
        if optional and not path.exists():
            continue
        env.update(read_environment_file(path))
    for entry in unit.values("Environment"):
        for assignment in shlex.split(entry):
            key, _, value = assignment.partition("=")
            env[key] = value
    return env


def _mounts(unit: Unit) -> str:
    """Shell commands that set up the unit's view of the file system (run as root)."""
    steps = []
    if unit.value("ProtectSystem") == "strict":
        steps.append("mount -o remount,bind,ro /")
    if unit.value("PrivateTmp") == "yes":
        steps += [f"mount -t tmpfs -o mode=1777 tmpfs {d}" for d in ("/tmp", "/var/tmp")]
    if unit.value("ProtectHome") == "yes":
        steps += [
            f"if [ -d {d} ]; then mount -t tmpfs -o ro,mode=0755 tmpfs {d}; fi"
            for d in ("/home", "/root", "/run/user")
        ]
    for entry in unit.values("ReadWritePaths"):
        for path in shlex.split(entry):
            optional = path.startswith("-")
            path = path.lstrip("-")
            quoted = shlex.quote(path)
            check = f"[ -e {quoted} ] || exit 0; " if optional else ""
            steps.append(
                f"( {check}mount --bind {quoted} {quoted} && mount -o remount,bind,rw {quoted} )"
            )
    return " && ".join(steps) or "true"


def command(unit: Unit) -> list[str]:
    """The argv that runs ``ExecStart`` as the unit describes (to start as root)."""
    user = unit.value("User", "root")
    group = unit.value("Group", user)
    umask = unit.value("UMask", "0022")
    workdir = unit.value("WorkingDirectory", pwd.getpwnam(user).pw_dir)
    (exec_start,) = unit.values("ExecStart")
    privileges = ["--no-new-privs"] if unit.value("NoNewPrivileges") == "yes" else []
    variables = [f"{key}={value}" for key, value in environment(unit).items()]
    return [
        "unshare", "--mount", "--propagation", "private", "--",
        "sh", "-c", f'{_mounts(unit)} && exec "$@"', unit.name,
        "setpriv", f"--reuid={user}", f"--regid={group}", "--init-groups", *privileges, "--",
        "env", "-i", *variables,
        "sh", "-c", f'umask {umask} && cd "$1" && shift && exec "$@"', unit.name, workdir,
        *shlex.split(exec_start),
    ]  # fmt: skip


@dataclass
class Running:
    unit: Unit
    process: subprocess.Popen[bytes]
    log: Path
    handles: list[IO[bytes]] = field(default_factory=list)

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> int:
        """``systemctl stop``: KillSignal (SIGTERM), after TimeoutStopSec SIGKILL; the code."""
        if self.alive():
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=float(self.unit.value("TimeoutStopSec", "90")))
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        for handle in self.handles:
            handle.close()
        return self.process.returncode


def start(unit_path: Path, log: Path) -> Running:
    """``systemctl start``: the unit's process, its output (the journal) into ``log``."""
    unit = read_unit(unit_path)
    handle = log.open("ab")
    process = subprocess.Popen(
        command(unit), stdin=subprocess.DEVNULL, stdout=handle, stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    return Running(unit, process, log, [handle])
