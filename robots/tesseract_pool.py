"""Loaded Tesseracts for the robot's reading threads (see :mod:`robots.tesseract_worker`).

A worker is started on first need and kept for the next page, so at most as many
run as pages are read at once (the run's OCR slots: one per core). Each worker is
its own single-threaded process; the robot's process never links Tesseract.
A worker that crashes on a page or overruns the page's time is killed, the page
fails with a reason, and the next page gets a fresh worker.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import json
import logging
import os
import re
import select
import shutil
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from robots.errors import OcrUnavailable

# Only in Tesseract's environment: one thread each, however many cores.
TESSERACT_ENV = {"OMP_THREAD_LIMIT": "1"}

START_SECONDS = 60.0
# A worker that waited this long for a page is ended: a web or flow process that read a
# page once does not keep a loaded Tesseract (60-70 MB) for good.
IDLE_SECONDS = 600.0
# Started ahead by warm(): the first pages of a run find them loaded, more start as needed.
WARM_AT_MOST = 4

log = logging.getLogger(__name__)  # loading the model takes a tenth of that on a quiet machine


class TesseractFailed(Exception):
    """Tesseract could not read this page (``reason``: ``timeout`` or ``unreadable``)."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason, self.message = reason, message


class _Died(Exception):
    pass


@functools.cache
def tessdata_dir() -> str:
    """Where the installed ``tesseract`` finds its models (Debian's tesseract-ocr-deu)."""
    if os.environ.get("TESSDATA_PREFIX"):
        return os.environ["TESSDATA_PREFIX"]
    command = shutil.which("tesseract")
    if command is None:
        raise OcrUnavailable("Tesseract fehlt: bitte das Paket tesseract-ocr installieren.")
    listed = subprocess.run(
        [command, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
    )
    found = re.search(r'"([^"]+)"', listed.stdout + listed.stderr)
    if found is None:
        raise OcrUnavailable("Tesseract nennt keinen Ordner mit Sprachmodellen (tessdata).")
    return found.group(1)


@dataclass
class _Worker:
    process: subprocess.Popen[bytes]
    lang: str
    version: str = ""  # of the Tesseract library the worker loaded
    idle_since: float = 0.0  # monotonic time it was last given back
    _pending: bytes = field(default=b"", repr=False)

    @classmethod
    def start(cls, lang: str) -> _Worker:
        try:
            process = subprocess.Popen(
                # -P: nothing from the robot's working directory shadows a module here.
                [sys.executable, "-P", "-m", "robots.tesseract_worker", tessdata_dir(), lang,
                 str(os.getpid())],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                env={**os.environ, **TESSERACT_ENV},
                # Its own process group: Ctrl+C in the terminal stops the run, and the
                # pages in the works are read to the end instead of failing as "crashed".
                process_group=0,
            )  # fmt: skip
        except OSError as exc:
            raise OcrUnavailable(f"Tesseract konnte nicht gestartet werden ({exc}).") from None
        worker = cls(process, lang)
        try:
            ready = worker._answer(time.monotonic() + START_SECONDS)
        except (_Died, TimeoutError):
            worker.stop()
            raise OcrUnavailable("Tesseract konnte nicht gestartet werden.") from None
        except BaseException:
            worker.stop()
            raise
        if not ready.get("ready"):
            worker.stop()
            error = str(ready.get("error"))
            if error.startswith("ModuleNotFoundError"):
                raise OcrUnavailable(
                    f"Das Python-Paket tesserocr fehlt ({error}); bitte scripts/bootstrap ausführen."
                )
            raise OcrUnavailable(
                f"Tesseract konnte das Sprachmodell „{lang}“ nicht laden ({error}); "
                f"bitte das Paket tesseract-ocr-{lang.split('+')[0]} installieren."
            )
        worker.version = str(ready.get("version", ""))
        return worker

    def read(self, image: str, base: str, pdf: bool, timeout: float) -> dict[str, Any]:
        request = {"image": image, "base": base, "pdf": pdf, "seconds": timeout}
        try:
            assert self.process.stdin is not None
            self.process.stdin.write((json.dumps(request) + "\n").encode())
            self.process.stdin.flush()
        except (BrokenPipeError, ValueError):
            raise _Died from None
        return self._answer(time.monotonic() + timeout)

    def _answer(self, deadline: float) -> dict[str, Any]:
        assert self.process.stdout is not None
        fd = self.process.stdout.fileno()
        waiting = select.poll()  # not select(): that fails for descriptors above 1023
        waiting.register(fd, select.POLLIN)
        while b"\n" not in self._pending:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError
            if waiting.poll(left * 1000):
                chunk = os.read(fd, 65536)
                if not chunk:
                    raise _Died
                self._pending += chunk
        line, _, self._pending = self._pending.partition(b"\n")
        try:
            return json.loads(line)  # type: ignore[no-any-return]
        except ValueError:
            raise _Died from None

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self.process.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()


class TesseractPool:
    """Idle workers by language; ``read`` takes one (or starts one) for a page."""

    def __init__(self, idle_seconds: float = IDLE_SECONDS) -> None:
        self.idle_seconds = idle_seconds
        self._lock = threading.Lock()
        self._idle: list[_Worker] = []
        self._janitor: threading.Thread | None = None
        self._owner = os.getpid()
        self.started = 0  # workers started so far (the tests count them)

    def read(
        self, image: str, base: str, *, lang: str, pdf: bool, timeout: float
    ) -> tuple[str, str]:
        """The text and word boxes (TSV) of ``image``; with ``pdf`` the searchable PDF
        page in ``base + ".pdf"``."""
        for attempt in (1, 2):
            worker = self._take(lang, fresh=attempt == 2)
            try:
                answer = worker.read(image, base, pdf, timeout)
            except TimeoutError:
                worker.stop()
                raise TesseractFailed(
                    "timeout", f"Die Texterkennung brauchte zu lange (über {timeout:.0f} s)."
                ) from None
            except _Died:
                worker.stop()
                # It may have died between pages (the machine's memory ran out, someone
                # ended it): the page gets one fresh worker before it counts as the cause.
                if attempt == 1:
                    continue
                raise TesseractFailed(
                    "unreadable", "Die Texterkennung ist bei dieser Seite zweimal abgestürzt."
                ) from None
            except BaseException:  # Ctrl+C while waiting: the worker must not outlive it
                worker.stop()
                raise
            self._give_back(worker)
            if not answer.get("ok"):
                log.warning("Tesseract: %s", answer.get("error"))
                raise TesseractFailed(
                    "unreadable", "Die Texterkennung konnte die Seite nicht als Bild lesen."
                )
            return str(answer["text"]), str(answer["tsv"])
        raise AssertionError("unreachable")

    def warm(self, lang: str, count: int = 1) -> str:
        """``count`` workers (at most ``WARM_AT_MOST``) started at once and waiting; the
        version of the Tesseract they loaded (OcrUnavailable if one cannot start).

        All at once: each spends a few tenths of a second loading the model, which the
        first pages would otherwise wait for one after the other.
        """
        count = max(1, min(count, WARM_AT_MOST))
        with ThreadPoolExecutor(max_workers=count, thread_name_prefix="lotse-tesseract") as pool:
            taken = [pool.submit(self._take, lang) for _ in range(count)]
        workers = [future.result() for future in taken if future.exception() is None]
        for worker in workers:
            self._give_back(worker)
        for future in taken:
            future.result()  # the first failure, now that the others are back in the pool
        return workers[0].version

    def _take(self, lang: str, *, fresh: bool = False) -> _Worker:
        """An idle worker for ``lang``, or a new one (always with ``fresh``: the page's
        second attempt after its first worker died must not meet another dying one)."""
        with self._lock:
            if self._owner != os.getpid():  # a forked child: the workers are its parent's
                self._idle, self._owner, self._janitor = [], os.getpid(), None
            for worker in [] if fresh else self._idle:
                if worker.lang == lang:
                    self._idle.remove(worker)
                    if worker.process.poll() is None:
                        return worker
                    worker.stop()
                    break
            self.started += 1
        return _Worker.start(lang)

    def _give_back(self, worker: _Worker) -> None:
        worker.idle_since = time.monotonic()
        with self._lock:
            self._idle.append(worker)
            if self._janitor is None or not self._janitor.is_alive():
                self._janitor = threading.Thread(
                    target=self._end_idle, name="lotse-tesseract-idle", daemon=True
                )
                self._janitor.start()

    def _end_idle(self) -> None:
        """End workers idle for ``idle_seconds`` (here, not in the worker: a page sent to a
        worker that was ending by itself would count as a crash); gone with the last one."""
        while True:
            time.sleep(min(max(self.idle_seconds / 4, 0.1), 30.0))
            with self._lock:
                if self._owner != os.getpid():
                    return
                now = time.monotonic()
                tired = [w for w in self._idle if now - w.idle_since >= self.idle_seconds]
                for worker in tired:
                    self._idle.remove(worker)
                last = not self._idle
                if last:
                    self._janitor = None
            for worker in tired:
                worker.stop()  # reaped: no zombie, no open pipes
            if last:
                return

    def close(self) -> None:
        """End the idle workers (at exit; a busy one ends with its page's reader)."""
        with self._lock:
            idle, self._idle = self._idle, []
            mine = self._owner == os.getpid()
        for worker in idle if mine else []:
            worker.stop()


POOL = TesseractPool()
atexit.register(POOL.close)
