"""What ``lotse serve`` runs: a Prefect server, the served deployments, the web workbench.

Each part is a context manager that starts in ``__enter__`` and stops in
``__exit__``, so the command can stack them and Ctrl-C (or systemd's SIGTERM)
stops them in reverse order: deployments first, then the web, then the server.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

import httpx

if TYPE_CHECKING:
    from flows.generated import GeneratedServing

STARTUP_SECONDS = 180  # a fresh Prefect server migrates its database first


class ServeError(RuntimeError):
    """A part of ``lotse serve`` cannot start; German message for the log and console."""


def port_is_free(host: str, port: int) -> bool:
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def api_is_healthy(api_url: str, auth: str | None = None, timeout: float = 2.0) -> bool:
    headers = {"Authorization": _basic(auth)} if auth else {}
    try:
        answer = httpx.get(f"{api_url.rstrip('/')}/health", timeout=timeout, headers=headers)
    except httpx.HTTPError:
        return False
    return answer.status_code == 200


def wait_for_api(
    api_url: str,
    auth: str | None,
    say: Callable[[str], None],
    *,
    poll_seconds: float = 2.0,
    report_seconds: float = 30.0,
) -> float:
    """Wait until the Prefect API answers, saying so now and then; returns the seconds waited.

    The robots' service may start before the Prefect server is ready (at boot, or
    with the server on another machine): waiting with a message beats a traceback
    and a restart loop. systemd's stop (SIGTERM) ends the wait at any time.
    """
    started = time.monotonic()
    if api_is_healthy(api_url, auth):
        return 0.0
    say(f"Warte auf die Prefect-API unter {api_url} …")
    reported = started
    while not api_is_healthy(api_url, auth):
        now = time.monotonic()
        if now - reported >= report_seconds:
            say(
                f"Die Prefect-API unter {api_url} antwortet seit {now - started:.0f} s nicht; "
                "läuft der Prefect-Server (systemctl status prefect-server)? Lotse wartet weiter."
            )
            reported = now
        time.sleep(poll_seconds)
    waited = time.monotonic() - started
    say(f"Prefect-API bereit (nach {waited:.0f} s).")
    return waited


def _basic(auth: str) -> str:
    import base64

    return "Basic " + base64.b64encode(auth.encode()).decode()


class PrefectServer(AbstractContextManager["PrefectServer"]):
    """``prefect server start`` on 127.0.0.1 as a child process, until the context ends."""

    def __init__(self, port: int, *, log_file: Path, host: str = "127.0.0.1") -> None:
        self.host = host
        self.port = port
        self.log_file = log_file
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def api_url(self) -> str:
        return f"http://{self.host}:{self.port}/api"

    @property
    def ui_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def __enter__(self) -> PrefectServer:
        if not port_is_free(self.host, self.port):
            raise ServeError(
                f"Port {self.port} ist belegt: läuft schon ein Prefect-Server? Dann "
                f"PREFECT_API_URL=http://{self.host}:{self.port}/api setzen, oder "
                "LOTSE_PREFECT_PORT ändern."
            )
        prefect = Path(sys.executable).with_name("prefect")
        env = {
            **os.environ,
            "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
            # The UI asks the API at this address; `--port` alone leaves it at 4200.
            "PREFECT_SERVER_API_HOST": self.host,
            "PREFECT_SERVER_API_PORT": str(self.port),
            "PREFECT_UI_API_URL": self.api_url,
        }
        env.pop("PREFECT_API_URL", None)
        self.log_file.parent.mkdir(parents=True, exist_ok=True)
        with self.log_file.open("ab") as log:
            # A session of its own: Ctrl-C reaches Lotse, which stops the server last.
            self.process = subprocess.Popen(
                [str(prefect), "server", "start", "--host", self.host, "--port", str(self.port),
                 "--analytics-off"],
                stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True,
            )  # fmt: skip
        deadline = time.monotonic() + STARTUP_SECONDS
        while not api_is_healthy(self.api_url, os.environ.get("PREFECT_API_AUTH_STRING")):
            if self.process.poll() is not None:
                raise ServeError(
                    f"Der Prefect-Server hat sich beendet (Code {self.process.returncode}); "
                    f"Einzelheiten in {self.log_file}."
                )
            if time.monotonic() > deadline:
                self._stop()
                raise ServeError(
                    f"Der Prefect-Server antwortet nach {STARTUP_SECONDS} s nicht; "
                    f"Einzelheiten in {self.log_file}."
                )
            time.sleep(0.5)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._stop()

    def _stop(self) -> None:
        stop_group(self.process)


class WebServer(AbstractContextManager["WebServer"]):
    """The workbench under uvicorn in a background thread (the main thread serves flows)."""

    def __init__(self, app: Any, host: str, port: int) -> None:
        import uvicorn

        if not port_is_free(host, port):
            raise ServeError(f"Port {port} ist belegt; bitte mit --port einen anderen wählen.")
        config = uvicorn.Config(
            app, host=host, port=port, log_level="warning", proxy_headers=False,
            server_header=False, access_log=False,  # Lotse's own (lotse/web/access_log.py)
        )  # fmt: skip
        _access_log_to_stderr()
        self.host, self.port = host, port
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, name="lotse-web", daemon=True)

    def __enter__(self) -> WebServer:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise ServeError("Die Weboberfläche konnte nicht starten (siehe Log).")
            time.sleep(0.05)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)

    def wait(self) -> None:
        """Block until Ctrl-C or SIGTERM (used when no deployments are served)."""
        stop = threading.Event()
        previous = signal.signal(signal.SIGTERM, lambda *_: stop.set())
        try:
            while not stop.is_set() and self.thread.is_alive():
                stop.wait(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            signal.signal(signal.SIGTERM, previous)


class WebProcesses(AbstractContextManager["WebProcesses"]):
    """The workbench in processes of its own: uvicorn's manager with ``workers`` processes.

    Each worker builds the app from the same environment (``lotse.web.app:served_app``);
    ``env`` adds what the command decided (the Prefect API it started, its UI address)
    to the children's environment only. The deployments stay in the main process.
    """

    def __init__(self, host: str, port: int, workers: int, env: dict[str, str], log: Path) -> None:
        if not port_is_free(host, port):
            raise ServeError(f"Port {port} ist belegt; bitte mit --port einen anderen wählen.")
        self.host, self.port, self.workers = host, port, workers
        self.env = {**os.environ, **env}
        self.log = log
        self.process: subprocess.Popen[bytes] | None = None
        self.stop_requested = threading.Event()
        self.previous_handler: Any = None

    def __enter__(self) -> WebProcesses:
        # SIGTERM (systemd) from now on is Ctrl-C: it stops the deployments and the workers,
        # also while they start (they run in a session of their own and would outlive us).
        self.previous_handler = signal.signal(signal.SIGTERM, self._terminate)
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "uvicorn", "lotse.web.app:served_app", "--factory",
                 "--host", self.host, "--port", str(self.port), "--workers", str(self.workers),
                 "--log-level", "warning", "--no-server-header", "--no-access-log",
                 "--no-proxy-headers"],
                env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip
        deadline = time.monotonic() + 60
        try:
            while not _answers(f"http://{self.host}:{self.port}/login"):
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise ServeError(
                        f"Die Weboberfläche konnte nicht starten; Einzelheiten in {self.log}."
                    )
                time.sleep(0.2)
        except BaseException:
            self._stop()
            self._restore()
            raise
        return self

    def _terminate(self, signum: int, frame: Any) -> None:
        self.stop_requested.set()
        raise KeyboardInterrupt

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._stop()
        self._restore()

    def _restore(self) -> None:
        if self.previous_handler is not None:
            signal.signal(signal.SIGTERM, self.previous_handler)
            self.previous_handler = None

    def _stop(self) -> None:
        stop_group(self.process)

    def wait(self) -> None:
        """Block until Ctrl-C or SIGTERM, or until the web processes end."""
        stop = self.stop_requested
        try:
            while not stop.is_set() and self.process is not None and self.process.poll() is None:
                stop.wait(0.5)
        except KeyboardInterrupt:
            pass


def stop_group(process: subprocess.Popen[bytes] | None, seconds: float = 30) -> None:
    """SIGTERM to a child's session (it and its children), SIGKILL if it does not end."""
    if process is None or process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def _answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def _access_log_to_stderr() -> None:
    """The web's access lines on standard error: the journal under systemd."""
    from lotse.web.access_log import log

    if not log.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
        log.propagate = False  # Prefect's root handlers would print each line again


def watch_for_dead_runs() -> None:
    """Heartbeats for every run served from here, and the automation that uses them.

    The runs are child processes: they inherit the variable. A failure to create the
    automation (an old server, no rights) is logged; the robots serve anyway.
    """
    from flows.monitoring import HEARTBEAT_SECONDS, ZOMBIE_AUTOMATION, ensure_zombie_automation

    log = logging.getLogger(__name__)
    os.environ.setdefault("PREFECT_FLOWS_HEARTBEAT_FREQUENCY", str(HEARTBEAT_SECONDS))
    try:
        seconds = int(os.environ["PREFECT_FLOWS_HEARTBEAT_FREQUENCY"])
        if ensure_zombie_automation(seconds):
            log.warning("Prefect-Automation %s angelegt (Läufe ohne Herzschlag)", ZOMBIE_AUTOMATION)
    except Exception as exc:
        log.warning("Prefect-Automation %s nicht angelegt: %s", ZOMBIE_AUTOMATION, exc)


def served_lines(own: list[str], generated: GeneratedServing) -> list[str]:
    """What the console says IT is serving: Lotse's robots, then the generated ones (with
    their process, or why not linked), and the modules in the folder that were left out."""
    lines = ["Roboter-Deployments: " + ", ".join(own) + " (beenden mit Strg+C)"]
    folder = str(generated.folder)
    if generated.deployments:
        lines.append(f"Erzeugte Roboter aus {folder}: " + ", ".join(generated.names))
        lines += [f"  verknüpft: {link}" for link in generated.linked]
    else:
        lines.append(f"Erzeugte Roboter: keine in {folder} (LOTSE_ROBOTS_DIR)")
    lines += [f"Nicht angeboten: {problem}" for problem in generated.left_out]
    return lines


def serve_deployments(api_url: str | None, say: Callable[[str], None] | None = None) -> None:
    """Serve Lotse's deployments and the generated robots until Ctrl-C/SIGTERM; their
    schedules stay active. ``say`` gets what is served, a line each, before it starts."""
    from prefect import serve
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from flows.deployments import deployments
    from flows.generated import serve_generated
    from lotse.settings import get_settings

    settings = get_settings()
    overrides = {PREFECT_API_URL: api_url} if api_url else {}
    with temporary_settings(updates=overrides):
        watch_for_dead_runs()
        own = deployments(settings)
        generated = serve_generated(settings.robots)
        for line in served_lines([d.name for d in own], generated):
            (say or logging.getLogger(__name__).info)(line)
        serve(
            *own,
            *generated.deployments,
            # Without this, stopping one of several serving machines would pause the
            # schedules for all of them.
            pause_on_shutdown=False,
            print_starting_message=False,
        )
