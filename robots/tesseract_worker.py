"""A Tesseract that stays loaded: the child process behind :mod:`robots.tesseract_pool`.

``python -m robots.tesseract_worker TESSDATA LANG PARENT_PID`` loads the language model once
and then reads page after page: one JSON request per line on stdin
(``{"image": …, "base": …, "pdf": true}``), one JSON answer per line on stdout
with the text and the word boxes (``{"ok": true, "text": …, "tsv": …}``, as the
``tesseract`` command writes them to ``.txt`` and ``.tsv``) and, if asked, the
searchable PDF page written to ``base + ".pdf"``. The ``tesseract`` command
loads the model for every page; on the sample letters that start-up was about a
fifth of all OCR time.

Tesseract runs in this process, never in the robot's: a page that crashes it
takes only this process down. It reads only the TIFFs that the robot's sandboxed
extraction wrote (``robots.extract``), not the letters' own files. It ends at the
end of its input (the robot closed it, or died) and with its parent.
"""

from __future__ import annotations

import json
import math
import os
import signal
import sys
import tempfile
import threading
import time
from typing import Any


def main(argv: list[str]) -> int:
    tessdata, lang, parent = argv
    _die_with_parent(int(parent))
    log = _own_stderr()
    try:
        import tesserocr

        api = tesserocr.PyTessBaseAPI(path=tessdata, lang=lang)
    except Exception as exc:  # a missing model is the installation's problem: say it once
        _answer({"ready": False, "error": f"{type(exc).__name__}: {exc}"[:300]})
        return 1
    # Word boxes with confidences (TSV) besides the text; no search for white-on-black
    # lines, which letters do not have and which costs time.
    api.SetVariable("tessedit_do_invert", "0")
    api.SetVariable("tessedit_create_txt", "0")
    api.SetVariable("tessedit_create_pdf", "1")
    _answer({"ready": True, "version": tesserocr.tesseract_version().split()[1]})
    for line in sys.stdin:
        request = json.loads(line)
        # Tesseract holds the GIL for a whole page with a PDF, so the watch on the parent
        # cannot end a page that hangs: the alarm does (its default action ends us).
        signal.alarm(math.ceil(request["seconds"]) + 5)
        try:
            _answer({"ok": True, **_read(api, request)})
        except Exception as exc:
            log.seek(0)
            told = " ".join(log.read().decode(errors="replace").split()) or str(exc)
            _answer({"ok": False, "error": told[:300]})
        signal.alarm(0)
        log.seek(0)
        log.truncate()  # only this page's messages
    return 0


# The header line the ``tesseract`` command writes above the word boxes.
TSV_HEADER = (
    "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num"
    "\tleft\ttop\twidth\theight\tconf\ttext\n"
)


def _read(api: Any, request: dict[str, Any]) -> dict[str, str]:
    if request["pdf"]:
        # The PDF renderer exists only behind ProcessPages; the recognised page stays
        # in the API afterwards, so text and word boxes come without a second reading.
        if not api.ProcessPages(request["base"], request["image"]):
            raise RuntimeError("ProcessPages failed")
    else:
        api.SetImageFile(request["image"])
    return {"text": api.GetUTF8Text(), "tsv": TSV_HEADER + api.GetTSVText(0)}


def _answer(message: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def _own_stderr() -> Any:
    """Tesseract's messages into a file of this process, to tell why a page failed."""
    log = tempfile.TemporaryFile(prefix="lotse-tesseract-", buffering=0)  # noqa: SIM115 (lives as long as the process)
    os.dup2(log.fileno(), 2)
    return log


def _die_with_parent(parent: int) -> None:
    """Watch the parent: the end of stdin says "no more pages", but only between pages.

    Not PR_SET_PDEATHSIG: it fires when the *thread* that started the worker ends,
    and the robot starts workers from its reading threads, which come and go.
    """

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
