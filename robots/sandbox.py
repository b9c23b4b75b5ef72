"""Run a parser on an untrusted file in a separate process with a time and memory limit.

pypdf has had infinite loops (circular xref ``/Prev``, outline cycles, inline
images without ``EI``) and unbounded allocations; image codecs have had their
share too. A child process with an address-space limit and a deadline turns
all of these into a quarantine reason instead of a hung or killed robot.

The child is forked from the robot itself (``os.fork``), which costs a few milliseconds.
A forkserver would avoid forking a process that has threads, but on Python
3.11 every forkserver child re-imports the main module (the whole CLI), which
costs more than reading most letters. Forking is safe here because the child
only parses: the parsing modules, and the modules they import on first use
(``FIRST_USE_IMPORTS``), are imported before any fork (no import lock is needed
in the child), and it neither logs nor touches the parent's database
connections before it exits.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import os
import resource
import signal
from collections.abc import Callable
from multiprocessing.connection import Connection, Pipe
from typing import Any, TypeVar

from robots.errors import DocumentRejected

T = TypeVar("T")

# Modules that pypdf, Pillow and fpdf import on first use, in a child (opening a PDF,
# decoding its images, composing an e-mail) or in the robot's own threads (merging
# Tesseract's page PDFs, turning a page). Imported now, before any thread forks: a child
# forked while another thread was importing one of them inherits that module's import
# lock, held by a thread the child does not have, and waits for it until its deadline.
# A good letter was quarantined so under load ("Das Lesen dauerte länger als 120
# Sekunden"). tests/robots/test_sandbox_imports.py finds any new one.
FIRST_USE_IMPORTS = (
    # every UTF-16/32 codec, not only the ones the samples meet: which one pypdf or the
    # e-mail parser asks for depends on the file (a clean clone once met utf_16_le)
    "encodings.utf_16",
    "encodings.utf_16_be",
    "encodings.utf_16_le",
    "encodings.utf_32",
    "encodings.utf_32_be",
    "encodings.utf_32_le",
    "mmap",
    "pypdf.filters",
    "pypdf.generic._image_xobject",
    # the tables fpdf reads when it embeds the e-mail font (robots.pdf_fonts)
    "fontTools.ttLib.tables.O_S_2f_2",
    "fontTools.ttLib.tables._c_v_t",
    "fontTools.ttLib.tables._f_p_g_m",
    "fontTools.ttLib.tables._g_a_s_p",
    "fontTools.ttLib.tables._h_h_e_a",
    "fontTools.ttLib.tables._l_o_c_a",
    "fontTools.ttLib.tables._p_r_e_p",
)


def _import_first_use_modules() -> None:
    from PIL import Image

    Image.init()  # every image plugin: Pillow imports them when a format is not one of six
    for module in FIRST_USE_IMPORTS:
        with contextlib.suppress(ImportError):  # a library that moved one: the test says so
            importlib.import_module(module)


_import_first_use_modules()


def run_sandboxed(func: Callable[..., T], *args: Any, seconds: float, memory_mb: int) -> T:
    """``func(*args)`` in a child process; DocumentRejected if it fails, hangs or runs out of memory."""
    # A bare fork, not multiprocessing.Process: that refuses to start children from
    # daemonic processes, and Dask's worker processes (and others) are daemonic.
    receiver, sender = Pipe(duplex=False)
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:  # the child: parse, answer, and leave without running any parent code
        code = 1
        try:
            receiver.close()
            # The child's garbage collections leave the parent's objects alone: walking them
            # would copy every page they lie on (about a third of a sandboxed step's cost).
            gc.freeze()
            _outlive_nothing(seconds, parent)
            _child(sender, func, args, memory_mb)
            code = 0
        finally:
            os._exit(code)
    sender.close()
    reaped = False
    try:
        if not receiver.poll(seconds):
            raise DocumentRejected(
                "timeout",
                f"Das Lesen dauerte länger als {seconds:.0f} Sekunden und wurde abgebrochen "
                "(möglicherweise eine beschädigte oder gefährliche Datei).",
            )
        try:
            status, payload = receiver.recv()
        except (EOFError, OSError):
            exit_code, reaped = _reap(pid, kill=False), True
            raise DocumentRejected(
                "crashed",
                "Das Lesen ist abgestürzt (möglicherweise eine beschädigte oder gefährliche "
                f"Datei; Code {exit_code}).",
            ) from None
    finally:
        receiver.close()
        if not reaped:  # once reaped, the pid may already belong to another process
            _reap(pid, kill=True)
    if status == "ok":
        return payload  # type: ignore[no-any-return]
    if status == "rejected":
        raise DocumentRejected(*payload)
    raise DocumentRejected("unreadable", f"Die Datei konnte nicht gelesen werden ({payload}).")


def _reap(pid: int, *, kill: bool) -> int | None:
    """Wait for the child (killing it first if asked); its exit code or signal, once."""
    if kill:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    try:
        _, status = os.waitpid(pid, 0)
    except ChildProcessError:  # already reaped
        return None
    return os.waitstatus_to_exitcode(status)


def _outlive_nothing(seconds: float, parent: int) -> None:
    """The child dies with its parent and by its own deadline.

    A robot killed mid-letter (kill -9, a crash) must not leave a child behind, and
    a child stuck on a lock that another thread held at the fork (the parent's
    deadline is gone with the parent) must end by itself.
    """
    signal.alarm(int(seconds) + 10)  # SIGALRM's default action ends the process
    with contextlib.suppress(OSError, AttributeError):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG: die when the parent dies
        # The parent died before prctl took effect. (Not "ppid == 1": in a PID namespace
        # the robot itself may be process 1.)
        if os.getppid() != parent:
            os._exit(1)


def _inherited_bytes() -> int:
    """The address space this process already has (0 where /proc is not there)."""
    try:
        with open("/proc/self/statm", "rb") as handle:
            return int(handle.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0


def _child(
    sender: Connection, func: Callable[..., Any], args: tuple[Any, ...], memory_mb: int
) -> None:
    # The child inherits the parent's address space (a web or flow process with numpy,
    # Prefect, a browser driver …): the budget for parsing comes on top of it, so that it
    # means the same in a small CLI process and in a large one.
    limit = _inherited_bytes() + memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    try:
        result: tuple[str, Any] = ("ok", func(*args))
    except DocumentRejected as exc:
        result = ("rejected", (exc.reason, exc.message))
    except MemoryError:
        result = (
            "rejected",
            (
                "too-large",
                "Das Lesen brauchte mehr Speicher als erlaubt (beschädigte oder gefährliche Datei?).",
            ),
        )
    except RecursionError:
        result = (
            "rejected",
            ("corrupt", "Die Datei ist fehlerhaft aufgebaut (zu tief verschachtelt)."),
        )
    except BaseException as exc:  # anything else still becomes a reason, never a hang
        result = ("error", f"{type(exc).__name__}: {str(exc)[:200]}")
    try:
        sender.send(result)
    except MemoryError:
        sender.send(("rejected", ("too-large", "Das Ergebnis ist zu groß.")))
    finally:
        sender.close()
