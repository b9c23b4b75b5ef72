"""The stand-in served by uvicorn in a background thread, for tests and benchmarks."""

from __future__ import annotations

import socket
import threading
import time
from types import TracebackType

import uvicorn
from fastapi import FastAPI

from eakte.app import create_app
from eakte.config import StandInConfig


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


class StandInServer:
    """``with StandInServer(config) as server:`` serves on ``server.url`` until the block ends.

    ``server.app.state`` gives the store, the quirks and the sessions of the running instance.
    """

    def __init__(
        self, config: StandInConfig, *, host: str = "127.0.0.1", port: int | None = None
    ) -> None:
        self.app: FastAPI = create_app(config)
        self.host = host
        self.port = port or free_port(host)
        self.server = uvicorn.Server(
            uvicorn.Config(self.app, host=host, port=self.port, log_level="warning")
        )
        self.thread = threading.Thread(target=self.server.run, name="eakte-stand-in", daemon=True)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def __enter__(self) -> StandInServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                self.server.should_exit = True
                raise RuntimeError(f"the e-file stand-in did not start on {self.url}")
            time.sleep(0.02)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
