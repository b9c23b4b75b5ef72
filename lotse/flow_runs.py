"""Running Prefect flows from a command: a real Prefect server, and a quiet console.

Prefect's ephemeral mode starts a temporary server on the first flow run and
gives up after 20 s; on a machine without compiled bytecode its imports alone
took 13 s, and ``make demo`` failed. Commands that run flows in this process
(``lotse demo``, ``lotse mailroom run``, ``lotse mailroom file``) therefore use
a Prefect API the way ``lotse serve`` does: ``PREFECT_API_URL`` if set, else the
server ``lotse serve`` runs on ``LOTSE_PREFECT_PORT`` if it answers, else a
server started here (with Lotse's generous start-up wait and a German message)
that stops when the command ends. Its runs are kept in ``PREFECT_HOME`` like any
other and show in the Prefect UI.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # every CLI command imports this module (prefect_defaults): keep it light
    from rich.console import Console

    from lotse.settings import Settings


@dataclass(frozen=True, slots=True)
class PrefectApi:
    url: str
    started_here: bool


@contextmanager
def prefect_api(settings: Settings, say: Callable[[str], None]) -> Iterator[PrefectApi]:
    """A Prefect API for flow runs in this process, for as long as the block runs."""
    from prefect.settings import get_current_settings

    from lotse.serving import PrefectServer, api_is_healthy

    configured = get_current_settings().api.url
    if configured:
        yield PrefectApi(configured, started_here=False)
        return
    running = f"http://127.0.0.1:{settings.prefect_port}/api"
    if api_is_healthy(running, os.environ.get("PREFECT_API_AUTH_STRING")):
        say(f"Prefect-Server von lotse serve: {running}")
        with _api_url(running):
            try:
                yield PrefectApi(running, started_here=False)
            finally:
                _send_the_rest()
        return
    say("Prefect-Server startet (beim ersten Mal bis zu einer Minute) …")
    log_file = settings.data_dir / "logs" / "prefect-server.log"
    with PrefectServer(_free_port(), log_file=log_file) as server, _api_url(server.api_url):
        try:
            yield PrefectApi(server.api_url, started_here=True)
        finally:
            _send_the_rest()


@contextmanager
def _api_url(url: str) -> Iterator[None]:
    """``url`` for every thread of this process while the block runs.

    Prefect's ``temporary_settings`` holds for this thread (and what copies its
    context, such as task runs) only; threads of their own, such as the keeper of
    the OCR slots' leases, read the environment.
    """
    from prefect.settings import PREFECT_API_URL, temporary_settings

    before = os.environ.get("PREFECT_API_URL")
    os.environ["PREFECT_API_URL"] = url
    try:
        with temporary_settings(updates={PREFECT_API_URL: url}):
            yield
    finally:
        if before is None:
            os.environ.pop("PREFECT_API_URL", None)
        else:
            os.environ["PREFECT_API_URL"] = before


def _send_the_rest() -> None:
    """Run logs and events still queued go out while the server is there.

    Otherwise they go at exit (so do the OCR slots' leases), find no API, and Prefect
    starts a temporary server of its own just for them.
    """
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    from flows.ocr_limit import release_all_slots

    release_all_slots()  # else given back at exit, when this server is gone
    APILogWorker.drain_all(timeout=30)
    EventsWorker.drain_all(timeout=30)


PREFECT_DEFAULTS = {
    # No telemetry notice, nor any attempt to send some: there is no network here, and
    # a city's data stays in the city.
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    # Never Prefect's own temporary server: a call that finds no API (one left for exit)
    # fails with a message instead of starting a server that outlives the command.
    "PREFECT_SERVER_ALLOW_EPHEMERAL_MODE": "false",
}


def prefect_defaults() -> None:
    """Lotse's Prefect defaults for this process; read by Prefect when first imported."""
    for name, value in PREFECT_DEFAULTS.items():
        os.environ.setdefault(name, value)


def _free_port() -> int:
    # A port of its own: a later `lotse serve` may want LOTSE_PREFECT_PORT.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class _Nothing(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return False


@contextmanager
def quiet_console(console: Console) -> Iterator[None]:
    """Prefect's INFO lines stay out of the terminal; they still go to the Prefect server.

    Prefect's console handlers print nothing while the block runs (a filter, not a
    level: Prefect may reapply its levels when a run starts); warnings and errors,
    Lotse's own and Prefect's, are printed by Rich instead, above any progress bar.
    """
    from prefect.logging import configuration
    from prefect.logging.handlers import PrefectConsoleHandler
    from rich.logging import RichHandler

    if not configuration.PROCESS_LOGGING_CONFIG:
        configuration.setup_logging()
    loggers = [logging.getLogger(), *map(logging.getLogger, logging.root.manager.loggerDict)]
    handlers = {
        h
        for logger in loggers
        for h in getattr(logger, "handlers", [])
        if isinstance(h, PrefectConsoleHandler)
    }
    silent = _Nothing()
    for handler in handlers:
        handler.addFilter(silent)
    warnings = RichHandler(
        logging.WARNING, console=console, show_time=False, show_path=False, markup=False
    )
    root = logging.getLogger()
    root.addHandler(warnings)
    try:
        yield
    finally:
        root.removeHandler(warnings)
        for handler in handlers:
            handler.removeFilter(silent)
