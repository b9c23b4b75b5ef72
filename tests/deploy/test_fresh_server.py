"""A fresh server, set up by following docs/operations.md word for word.

``scripts/install-server`` installs into a throw-away root (a real service user,
real PostgreSQL roles and databases); the shipped units' ExecStart commands run
as the units would (tests/deploy/units.py: user, environment file, umask,
read-only system, private /tmp, no /root). Then, in the guide's order: the Prefect
UI and ``/healthz``, signing in, a ``poststelle`` run, a backup, a restore into a
new database, an update (install-server again) and a further machine (``--join``).

Found before: the documented Prefect unit had no UI (404), ``lotse.service``
crashed on a root-owned ``/tmp/runner_storage`` and when the Prefect API was not
up yet, CLI commands without the service environment wrote into a new SQLite file.
"""

from __future__ import annotations

import json
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from robots.letters import Letter
from tests.deploy import units
from tests.deploy.guide import Installation, Systemctl, section_commands
from tests.deploy.units import read_environment_file
from tests.robots.letters import TAX_OBJECTION, TREE_REQUEST, text_pdf
from tests.web.conftest import csrf_of

pytestmark = [
    pytest.mark.slow,
    pytest.mark.prefect,
    pytest.mark.postgres,
    pytest.mark.timeout(1800),
]

UNITS = ("prefect-server", "lotse", "lotse-robots")
NEW_ADMIN_PASSWORD = "ein-neues-langes-kennwort"
IT_PASSWORD = "kennwort-fuer-das-it-team"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Server:
    """One throw-away installation, its running units and the guide's commands for it."""

    def __init__(self, place: Installation, workdir: Path) -> None:
        self.place = place
        self.workdir = workdir
        self.running: dict[str, units.Running] = {}
        self.logs = workdir / "journal"
        self.logs.mkdir()

    # -- systemctl, as far as the guide uses it ---------------------------------------
    def start(self, name: str) -> None:
        if name in self.running and self.running[name].alive():
            return
        unit = self.place.path("/etc/systemd/system") / f"{name}.service"
        self.running[name] = units.start(unit, self.logs / f"{name}.log")

    def stop(self, name: str) -> int | None:
        running = self.running.pop(name, None)
        return running.stop() if running else None

    def systemctl(self, order: Systemctl) -> None:
        for name in order.units:
            if order.verb == "status":
                assert name in self.running and self.running[name].alive(), self.journal(name)
            elif order.verb == "stop":
                code = self.stop(name)
                assert code in (0, -15, None), (name, code, self.journal(name))
            else:  # start, restart
                if order.verb == "restart":
                    self.stop(name)
                self.start(name)

    def journal(self, name: str) -> str:
        log = self.logs / f"{name}.log"
        return log.read_text(errors="replace")[-4000:] if log.exists() else ""

    # -- the guide's commands ------------------------------------------------------------
    def run(
        self, line: str, *, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        order = self.place.translate(line)
        if isinstance(order, Systemctl):
            self.systemctl(order)
            return subprocess.CompletedProcess(line, 0, "", "")
        done = subprocess.run(
            ["bash", "-c", order], cwd=self.workdir, capture_output=True, text=True, timeout=900,
            env={**os.environ, "COLUMNS": "300", **(env or {})},
        )  # fmt: skip
        assert done.returncode == 0, (line, order, done.stdout[-3000:], done.stderr[-3000:])
        return done

    def env(self, name: str) -> dict[str, str]:
        return read_environment_file(self.place.path("/etc/lotse") / name)

    def wait_until_healthy(self, seconds: float = 300) -> dict[str, str]:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            for name, running in self.running.items():
                assert running.alive(), (name, self.journal(name))
            try:
                answer = httpx.get(f"http://127.0.0.1:{self.place.web_port}/healthz", timeout=5)
                if answer.status_code == 200:
                    return dict(answer.json())
            except httpx.HTTPError:
                pass
            time.sleep(2)
        pytest.fail("never healthy:\n" + "\n".join(self.journal(n) for n in UNITS))


def _as_postgres(sql: str) -> None:
    subprocess.run(["runuser", "-u", "postgres", "--", "psql", "-q", "-c", sql], check=True,
                   capture_output=True)  # fmt: skip


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    if not Path("/srv").is_dir():  # PrivateTmp hides /tmp from the units: the root lies elsewhere
        pytest.fail("/srv is missing; the throw-away root needs a place outside /tmp")
    tag = uuid.uuid4().hex[:8]
    root = Path(tempfile.mkdtemp(prefix=f"lotse-frisch-{tag}-", dir="/srv"))
    root.chmod(0o755)
    workdir = Path(tempfile.mkdtemp(prefix="lotse-frisch-admin-"))
    place = Installation(
        root=root, user=f"lotse{tag}", db_prefix=f"lotse_frisch_{tag}",
        web_port=_free_port(), prefect_port=_free_port(),
    )  # fmt: skip
    made = Server(place, workdir)
    try:
        yield made
    finally:
        for name in list(made.running):
            made.stop(name)
        subprocess.run(["userdel", place.user], capture_output=True)
        subprocess.run(["groupdel", place.user], capture_output=True)
        for database in ("", "_prefect", "_zurueck"):
            _as_postgres(f'DROP DATABASE IF EXISTS "{place.db_prefix}{database}" WITH (FORCE)')
        for role in ("", "_prefect"):
            _as_postgres(f'DROP ROLE IF EXISTS "{place.db_prefix}{role}"')
        shutil.rmtree(root, ignore_errors=True)
        shutil.rmtree(workdir, ignore_errors=True)
        join_root = Path(f"{root}-zweiter")
        shutil.rmtree(join_root, ignore_errors=True)


INSTALL = section_commands("## Installation auf einem Server")
BACKUP = section_commands("## Sicherung")
UPDATE = section_commands("## Aktualisieren")
FURTHER = section_commands("### 1. Weitere Rechner, die die Deployments bedienen")


def test_the_guide_has_the_commands_this_test_runs() -> None:
    assert INSTALL[0] == "sudo scripts/install-server --inbox /srv/scanner/posteingang"
    assert "sudo lotse backup /srv/lotse/sicherungen" in BACKUP and len(BACKUP) == 3
    assert UPDATE[0].startswith("sudo systemctl stop") and "sudo scripts/install-server" in UPDATE
    assert FURTHER == ["sudo scripts/install-server --join lotse.env"]


def test_install_layout(server: Server) -> None:
    scanner = server.place.path("/srv/scanner/posteingang")
    scanner.mkdir(parents=True)  # the scanner's share, mounted before the installation
    done = server.run(INSTALL[0])
    shutil.chown(scanner, server.place.user, server.place.user)  # writable for the service
    assert "Neue Datenbank angelegt: postgresql+psycopg://" in done.stdout
    place = server.place
    user = pwd.getpwnam(place.user)
    assert user.pw_shell == "/usr/sbin/nologin" and user.pw_dir == str(place.path("/srv/lotse"))

    def owner_and_mode(default: str) -> tuple[str, str, int]:
        info = place.path(default).stat()
        return (pwd.getpwuid(info.st_uid).pw_name, _group(info.st_gid), info.st_mode & 0o7777)

    assert owner_and_mode("/opt/lotse") == ("root", "root", 0o755)
    assert owner_and_mode("/etc/lotse") == ("root", place.user, 0o750)
    assert owner_and_mode("/etc/lotse/lotse.env") == ("root", place.user, 0o640)
    assert owner_and_mode("/etc/lotse/prefect-server.env") == ("root", place.user, 0o640)
    for folder in ("/srv/lotse", "/srv/lotse/daten", "/srv/lotse/prefect", "/srv/lotse/prefect-ui"):
        assert owner_and_mode(folder) == (place.user, place.user, 0o750), folder
    assert owner_and_mode("/srv/lotse/sicherungen") == (place.user, place.user, 0o700)

    # The system's Python, never a build in /root; bytecode compiled for every package.
    venv = place.path("/opt/lotse/.venv")
    assert (venv / "bin" / "python").resolve() == Path("/usr/bin/python3").resolve()
    assert list((venv / "lib").glob("python3.*/site-packages/prefect/__pycache__/*.pyc"))
    assert list(place.path("/opt/lotse/lotse/__pycache__").glob("*.pyc"))
    assert not list(venv.glob("lib/python3.*/site-packages/pytest"))  # no development packages
    build = dict(line.split("=", 1) for line in place.path("/opt/lotse/BUILD").read_text().split())
    assert re.fullmatch(r"[0-9a-f]{40}", build["commit"]) and build["version"]

    # Generated secrets, the services' paths, heartbeats for zombie detection.
    lotse_env, prefect_env = server.env("lotse.env"), server.env("prefect-server.env")
    assert len(lotse_env["LOTSE_SECRET_KEY"]) == 48
    assert lotse_env["PREFECT_API_AUTH_STRING"] == prefect_env["PREFECT_SERVER_API_AUTH_STRING"]
    assert lotse_env["PREFECT_FLOWS_HEARTBEAT_FREQUENCY"] == "60"
    assert prefect_env["PREFECT_UI_STATIC_DIRECTORY"] == str(place.path("/srv/lotse/prefect-ui"))
    password = re.search(r"://[^:]+:([^@]+)@", lotse_env["LOTSE_DATABASE_URL"])
    assert password and len(password.group(1)) == 48
    place.database_password = password.group(1)

    # The units as installed: systemd itself finds nothing wrong with them.
    assert lotse_env["LOTSE_MAIL_INBOX"] == str(scanner)
    robots = units.read_unit(place.path("/etc/systemd/system/lotse-robots.service"))
    assert robots.value("ReadWritePaths").split() == [str(place.path("/srv/lotse")), str(scanner)]
    installed = sorted(p.name for p in place.path("/etc/systemd/system").iterdir())
    assert installed == ["lotse-robots.service", "lotse.service", "prefect-server.service"]
    verify = subprocess.run(
        ["systemd-analyze", "verify", "--man=no",
         *map(str, place.path("/etc/systemd/system").iterdir())],
        capture_output=True, text=True,
    )  # fmt: skip
    assert verify.returncode == 0 and not verify.stderr.strip(), verify.stderr


def _group(gid: int) -> str:
    import grp

    return grp.getgrgid(gid).gr_name


def test_services_start_in_any_order(server: Server) -> None:
    """The robots first: they wait for the Prefect API with a message, not a traceback."""
    server.start("lotse-robots")
    deadline = time.monotonic() + 120
    while "Warte auf die Prefect-API" not in server.journal("lotse-robots"):
        assert server.running["lotse-robots"].alive(), server.journal("lotse-robots")
        assert time.monotonic() < deadline, server.journal("lotse-robots")
        time.sleep(1)
    server.start("prefect-server")
    server.start("lotse")
    assert server.wait_until_healthy() == {"status": "ok", "datenbank": "ok", "prefect": "ok"}
    deadline = time.monotonic() + 240
    while "Roboter-Deployments:" not in server.journal("lotse-robots"):
        assert server.running["lotse-robots"].alive(), server.journal("lotse-robots")
        assert time.monotonic() < deadline, server.journal("lotse-robots")
        time.sleep(2)
    robots = server.journal("lotse-robots")
    assert "Prefect-API bereit" in robots and "Traceback" not in robots
    # The rest of the guide's checks, as written.
    for line in INSTALL[1:3]:
        server.run(line)
    assert json.loads(server.run(INSTALL[2]).stdout)["status"] == "ok"
    first = server.run(INSTALL[3]).stdout.split()
    assert first[0] == "admin" and len(first[1]) >= 12


def test_the_prefect_ui_is_there(server: Server) -> None:
    """With the installation read-only, the UI is unpacked into PREFECT_UI_STATIC_DIRECTORY."""
    answer = httpx.get(f"http://127.0.0.1:{server.place.prefect_port}/", timeout=30,
                       follow_redirects=True)  # fmt: skip
    assert answer.status_code == 200 and "<html" in answer.text.lower()
    assert any(server.place.path("/srv/lotse/prefect-ui").iterdir())
    assert "Failed to create" not in server.journal("prefect-server")


def test_sign_in_and_the_administrators_commands(server: Server) -> None:
    user, password = (
        server.place.path("/srv/lotse/daten/erstes-admin-passwort.txt").read_text().split()
    )
    base = f"http://127.0.0.1:{server.place.web_port}"
    with httpx.Client(base_url=base) as browser:
        token = csrf_of(browser.get("/login").text)
        answer = browser.post("/login", data={"username": user, "password": password,
                                              "csrf_token": token})  # fmt: skip
        assert answer.status_code == 303 and answer.headers["location"] == "/passwort"
        token = csrf_of(browser.get("/passwort").text)
        changed = browser.post("/passwort", data={
            "aktuell": password, "neu": NEW_ADMIN_PASSWORD, "wiederholung": NEW_ADMIN_PASSWORD,
            "csrf_token": token})  # fmt: skip
        assert changed.status_code == 303, changed.text[:500]
        assert browser.get("/katalog").status_code == 200

    version, add, letters = section_commands("### Befehle als Administrator")
    assert server.run(version).stdout.startswith("Lotse 0.")
    added = server.run(add, env={"KENNWORT": IT_PASSWORD})
    assert "it-team" in added.stdout
    assert json.loads(server.run(letters).stdout) == []
    # What the command wrote belongs to the service, not to root.
    assert all(
        pwd.getpwuid(p.stat().st_uid).pw_name == server.place.user
        for p in server.place.path("/srv/lotse/daten").rglob("*")
    )


def _prefect_client(server: Server):  # type: ignore[no-untyped-def]
    from prefect.client.orchestration import SyncPrefectClient

    return SyncPrefectClient(
        f"http://127.0.0.1:{server.place.prefect_port}/api",
        auth_string=server.env("lotse.env")["PREFECT_API_AUTH_STRING"],
    )


def _scan(server: Server, name: str, lines: list[str]) -> Path:
    """A letter in the scanner's share, finished writing a while ago."""
    letter = text_pdf(server.place.path("/srv/scanner/posteingang") / name, lines)
    os.utime(letter, (time.time() - 60, time.time() - 60))
    return letter


def _run_poststelle(server: Server, robots: Server) -> dict[str, dict[str, object]]:
    """Start ``poststelle`` as the UI's Run button does; the letters afterwards, by file name."""
    with _prefect_client(server) as client:
        deployment = client.read_deployment_by_name("poststelle/poststelle")
        run = client.create_flow_run_from_deployment(deployment.id)
        deadline = time.monotonic() + 300
        while not (state := client.read_flow_run(run.id).state) or not state.is_final():
            assert time.monotonic() < deadline, robots.journal("lotse-robots")
            time.sleep(2)
    assert state.is_completed(), (state, robots.journal("lotse-robots"))
    (_, _, letters) = section_commands("### Befehle als Administrator")
    return {str(row["name"]): row for row in json.loads(server.run(letters).stdout)}


def test_a_poststelle_run(server: Server) -> None:
    from flows.monitoring import ZOMBIE_AUTOMATION

    with _prefect_client(server) as client:  # the robots set it up on their first start
        assert len(client.read_automations_by_name(ZOMBIE_AUTOMATION)) == 1
    letter = _scan(server, "Widerspruch.pdf", TAX_OBJECTION)
    (row,) = _run_poststelle(server, server).values()
    assert (row["name"], row["status"], row["department"]) == ("Widerspruch.pdf", "archived", "22")
    assert not letter.exists()


def _letters(url: str) -> list[tuple[str, str, str | None]]:
    engine = create_engine(url)
    try:
        with Session(engine) as session:
            return [(x.sha256, x.status, x.delivered_to) for x in session.scalars(select(Letter))]
    finally:
        engine.dispose()


def test_backup_and_restore_into_a_new_database(server: Server) -> None:
    made = server.run(BACKUP[0])
    assert "Sicherung geschrieben und geprüft:" in made.stdout
    (folder,) = server.place.path("/srv/lotse/sicherungen").iterdir()
    server.place.latest_backup = folder.name
    server.run(BACKUP[1])  # createdb
    restored = server.run(BACKUP[2])
    assert "Zurückgespielt und geprüft:" in restored.stdout
    assert "LOTSE_DATA_DIR=" in restored.stderr  # the data dir belongs back at its path
    live = server.env("lotse.env")["LOTSE_DATABASE_URL"]
    restored_database = live.rsplit("/", 1)[0] + f"/{server.place.db_prefix}_zurueck"
    assert _letters(live) == _letters(restored_database) and len(_letters(live)) == 1
    copy = server.place.path("/srv/lotse/daten-zurueck")
    assert sorted(p.name for p in copy.glob("outbox/22/*")) == sorted(
        p.name for p in server.place.path("/srv/lotse/daten").glob("outbox/22/*")
    )


def test_update_as_the_guide_says(server: Server) -> None:
    secrets_before = {name: server.env(name) for name in ("lotse.env", "prefect-server.env")}
    shutil.rmtree(server.place.path("/srv/lotse/sicherungen"))  # one backup folder per step
    server.place.path("/srv/lotse/sicherungen").mkdir()
    shutil.chown(server.place.path("/srv/lotse/sicherungen"), server.place.user, server.place.user)
    stop, backup, install, version, signout = UPDATE
    server.run(stop)
    assert set(server.running) == {"prefect-server"}
    assert "Sicherung geschrieben und geprüft:" in server.run(backup).stdout
    installed = server.run(install)
    assert "ist aktuell (Schemastand" in installed.stdout
    robots = units.read_unit(server.place.path("/etc/systemd/system/lotse-robots.service"))
    assert str(server.place.path("/srv/scanner/posteingang")) in robots.value("ReadWritePaths")
    assert {name: server.env(name) for name in secrets_before} == secrets_before
    assert server.run(version).stdout.startswith("Lotse 0.")
    assert "Abgemeldet: 2 Benutzer" in server.run(signout).stdout
    # install-server starts the services again (systemctl restart on a real server).
    server.systemctl(Systemctl("start", ("lotse", "lotse-robots")))
    assert server.wait_until_healthy()["status"] == "ok"


def test_a_further_machine_joins_and_serves(server: Server) -> None:
    """A second installation from a copy of lotse.env: no database, no Prefect server.

    Both "machines" live on one host here, so the paths that are the same on two
    real machines but local to each (config, PREFECT_HOME, state) are set to the
    second root's in the copy, and the shared data folder (mounted at the same path
    on a real second machine, inside /srv/lotse) is added to the unit's writable paths.
    """
    first, second_root = server.place, Path(f"{server.place.root}-zweiter")
    second_root.mkdir(mode=0o755)
    second = Server(
        Installation(second_root, first.user, first.db_prefix, first.web_port, first.prefect_port),
        Path(tempfile.mkdtemp(prefix="lotse-frisch-zweiter-")),
    )  # fmt: skip
    copy = server.env("lotse.env")
    for key, default in (("LOTSE_CONFIG_DIR", "/etc/lotse"), ("LOTSE_STATE_DIR", "/var/lib/lotse"),
                         ("PREFECT_HOME", "/srv/lotse/prefect")):  # fmt: skip
        copy[key] = str(second.place.path(default))
    (second.workdir / "lotse.env").write_text("".join(f"{k}={v}\n" for k, v in copy.items()))
    try:
        joined = second.run(FURTHER[0])
        assert "ist aktuell (Schemastand" in joined.stdout  # the shared database, not a new one
        units_there = second.place.path("/etc/systemd/system")
        assert sorted(p.name for p in units_there.iterdir()) == [
            "lotse-robots.service",
            "lotse.service",
        ]
        assert second.env("lotse.env") == copy
        assert not second.place.path("/etc/lotse/prefect-server.env").exists()
        identities = [
            (place.path("/var/lib/lotse") / "rechner-id").read_text()
            for place in (first, second.place)
        ]
        assert identities[0] != identities[1]  # each installation its own

        robots = units_there / "lotse-robots.service"
        shared = first.path("/srv/lotse/daten")
        robots.write_text(robots.read_text().replace(
            f"ReadWritePaths={second.place.path('/srv/lotse')}",
            f"ReadWritePaths={second.place.path('/srv/lotse')} {shared}",
        ))  # fmt: skip
        second.start("lotse-robots")
        deadline = time.monotonic() + 240
        while "Roboter-Deployments:" not in second.journal("lotse-robots"):
            assert second.running["lotse-robots"].alive(), second.journal("lotse-robots")
            assert time.monotonic() < deadline, second.journal("lotse-robots")
            time.sleep(2)
        # The first machine's robots stop: the second one serves the run alone.
        server.stop("lotse-robots")
        with _prefect_client(server) as client:
            names = [d.name for d in client.read_deployments()]
        assert len(names) == len(set(names))  # the same deployments, not a second set
        _scan(server, "Baumfaellung.pdf", TREE_REQUEST)
        rows = _run_poststelle(server, second)
        assert rows["Baumfaellung.pdf"]["status"] == "archived"  # by the only robots serving
    finally:
        for name in list(second.running):
            second.stop(name)
        shutil.rmtree(second.workdir, ignore_errors=True)
