"""The loaded Tesseracts: reused between pages, replaced when one dies or hangs, gone
with the robot."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from robots.errors import OcrUnavailable
from robots.tesseract_pool import TesseractFailed, TesseractPool
from tests.robots.letters import KITA_MEMO, TAX_OBJECTION, scan_file

pytestmark = pytest.mark.usefixtures("tesseract")


@pytest.fixture
def pool() -> Iterator[TesseractPool]:
    made = TesseractPool()
    yield made
    made.close()


@pytest.fixture
def pages(tmp_path: Path) -> list[str]:
    return [
        str(scan_file(tmp_path / "steuer.tif", TAX_OBJECTION)),
        str(scan_file(tmp_path / "kita.tif", KITA_MEMO)),
    ]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is gone for all purposes here (its parent has not reaped it yet).
    return "State:\tZ" not in Path(f"/proc/{pid}/status").read_text()


def _idle_pids(pool: TesseractPool) -> list[int]:
    return [worker.process.pid for worker in pool._idle]


def test_one_worker_reads_page_after_page(
    pool: TesseractPool, pages: list[str], tmp_path: Path
) -> None:
    first, _ = pool.read(pages[0], str(tmp_path / "a"), lang="deu", pdf=True, timeout=60)
    second, tsv = pool.read(pages[1], str(tmp_path / "b"), lang="deu", pdf=False, timeout=60)
    assert "Widerspruch" in first and "Elternbeiträge" in second
    assert tsv.startswith("level\tpage_num") and "\tElternbeiträge" in tsv
    assert (tmp_path / "a.pdf").read_bytes().startswith(b"%PDF")
    assert not (tmp_path / "b.pdf").exists()  # no PDF asked for, none made
    assert pool.started == 1


def test_warming_starts_one_worker_per_slot_and_names_the_library_that_reads(
    pool: TesseractPool, pages: list[str], tmp_path: Path
) -> None:
    import tesserocr

    version = pool.warm("deu", 2)
    assert version and tesserocr.tesseract_version().split()[1] == version
    assert pool.started == 2 and len(set(_idle_pids(pool))) == 2
    assert pool.warm("deu", 2) == version and pool.started == 2  # warm already: none more
    reads = [
        threading.Thread(
            target=pool.read,
            args=(page, str(tmp_path / f"p{n}")),
            kwargs={"lang": "deu", "pdf": False, "timeout": 60},
        )
        for n, page in enumerate(pages)
    ]
    for read in reads:
        read.start()
    for read in reads:
        read.join()
    assert pool.started == 2  # both pages were read by the warm workers


def test_a_worker_that_waited_too_long_for_a_page_is_ended_and_the_next_page_gets_a_new_one(
    pages: list[str], tmp_path: Path
) -> None:
    pool = TesseractPool(idle_seconds=1)
    try:
        pool.warm("deu", 2)
        waiting = list(pool._idle)
        deadline = time.monotonic() + 30
        ended = lambda: all(worker.process.returncode is not None for worker in waiting)  # noqa: E731
        while not ended() and time.monotonic() < deadline:
            time.sleep(0.2)
        # Ended and reaped (no zombie left behind), and out of the pool.
        assert ended() and not pool._idle
        assert all(not _alive(worker.process.pid) for worker in waiting)
        text, _ = pool.read(pages[1], str(tmp_path / "b"), lang="deu", pdf=False, timeout=60)
        assert "Elternbeiträge" in text and pool.started == 3
    finally:
        pool.close()


def test_a_worker_in_use_is_not_ended_for_waiting_too_long(
    pages: list[str], tmp_path: Path
) -> None:
    pool = TesseractPool(idle_seconds=0.5)
    try:
        for number in range(4):  # page after page, each read longer than the idle limit
            pool.read(pages[number % 2], str(tmp_path / f"p{number}"), lang="deu", pdf=True,
                      timeout=60)  # fmt: skip
        assert pool.started == 1  # given back after each page, taken again at once
    finally:
        pool.close()


def test_a_worker_that_died_before_its_page_is_replaced(
    pool: TesseractPool, pages: list[str], tmp_path: Path
) -> None:
    """Started (as `check_tesseract` starts one) and gone before its first page."""
    pool.warm("deu")
    (dead,) = _idle_pids(pool)
    os.kill(dead, signal.SIGKILL)
    text, _ = pool.read(pages[1], str(tmp_path / "b"), lang="deu", pdf=False, timeout=60)
    assert "Elternbeiträge" in text


def test_the_robots_working_directory_cannot_shadow_a_workers_module(
    pool: TesseractPool, pages: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "json.py").write_text("raise SystemExit('fremdes json')\n")
    monkeypatch.chdir(tmp_path)
    text, _ = pool.read(pages[0], str(tmp_path / "a"), lang="deu", pdf=False, timeout=60)
    assert "Widerspruch" in text


def test_ctrl_c_in_the_terminal_does_not_reach_the_workers(pool: TesseractPool) -> None:
    """The terminal's SIGINT goes to the robot's process group: a page in the works is read
    to the end, not failed as crashed (the worker has a group of its own)."""
    pool.warm("deu")
    (worker,) = _idle_pids(pool)
    assert os.getpgid(worker) != os.getpgid(0)


def test_a_worker_that_died_between_pages_is_replaced(
    pool: TesseractPool, pages: list[str], tmp_path: Path
) -> None:
    pool.read(pages[0], str(tmp_path / "a"), lang="deu", pdf=False, timeout=60)
    (dead,) = _idle_pids(pool)
    os.kill(dead, signal.SIGKILL)
    text, _ = pool.read(pages[1], str(tmp_path / "b"), lang="deu", pdf=False, timeout=60)
    assert "Elternbeiträge" in text
    assert pool.started == 2 and _idle_pids(pool) != [dead]


def test_a_page_over_its_time_fails_and_its_worker_is_ended(
    pool: TesseractPool, pages: list[str], tmp_path: Path
) -> None:
    pool.warm("deu")
    (slow,) = _idle_pids(pool)
    with pytest.raises(TesseractFailed) as failed:
        pool.read(pages[0], str(tmp_path / "a"), lang="deu", pdf=True, timeout=0.01)
    assert failed.value.reason == "timeout"
    assert "zu lange" in failed.value.message
    assert not _alive(slow)
    text, _ = pool.read(pages[1], str(tmp_path / "b"), lang="deu", pdf=False, timeout=60)
    assert "Elternbeiträge" in text


def test_an_unreadable_image_fails_with_a_reason_and_the_worker_goes_on(
    pool: TesseractPool, pages: list[str], tmp_path: Path
) -> None:
    broken = tmp_path / "kaputt.tif"
    broken.write_bytes(b"II*\x00" + b"\x00" * 40)
    with pytest.raises(TesseractFailed) as failed:
        pool.read(str(broken), str(tmp_path / "k"), lang="deu", pdf=True, timeout=60)
    assert failed.value.reason == "unreadable"
    assert failed.value.message == "Die Texterkennung konnte die Seite nicht als Bild lesen."
    text, _ = pool.read(pages[1], str(tmp_path / "b"), lang="deu", pdf=False, timeout=60)
    assert "Elternbeiträge" in text and pool.started == 1


def test_a_missing_language_model_is_an_installation_problem(pool: TesseractPool) -> None:
    with pytest.raises(OcrUnavailable, match="tesseract-ocr-xyz"):
        pool.warm("xyz")
    assert _idle_pids(pool) == []


def test_workers_end_with_the_robot_even_when_it_is_killed(tmp_path: Path) -> None:
    script = textwrap.dedent(
        """
        import os, signal, sys
        from robots.tesseract_pool import POOL
        POOL.warm("deu")
        print(POOL._idle[0].process.pid, flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    robot = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert robot.returncode == -signal.SIGKILL, robot.stderr
    worker = int(robot.stdout)
    deadline = time.monotonic() + 10
    while _alive(worker):
        assert time.monotonic() < deadline, f"worker {worker} outlived the robot"
        time.sleep(0.1)


def test_a_worker_outlives_the_reading_thread_that_started_it(
    pool: TesseractPool, pages: list[str], tmp_path: Path
) -> None:
    """The run's reading threads come and go (a flow's tasks, the pool's shutdown)."""
    starter = threading.Thread(target=pool.warm, args=("deu",))
    starter.start()
    starter.join()
    time.sleep(1.5)  # what ends with a thread ends at once; the worker's watch looks every second
    text, _ = pool.read(pages[0], str(tmp_path / "a"), lang="deu", pdf=False, timeout=60)
    assert "Widerspruch" in text and pool.started == 1
