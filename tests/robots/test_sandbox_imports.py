"""Nothing the sandboxed parsers or the robot's own threads do imports a module for the first time.

A child forked while another thread was importing a module inherits that module's import
lock, held by a thread the child does not have: it waits until its deadline and a good
letter goes to quarantine ("Das Lesen dauerte länger als 120 Sekunden"). This happened
under load in CI: a worker thread merging Tesseract's page PDFs imported ``pypdf.filters``
for the first time while another forked to read the next letter. Every module imported
on first use must therefore be imported with the robot (``robots.sandbox``).

The check runs every parsing step once, unsandboxed, in a fresh interpreter that has
imported what ``lotse mailroom run`` imports, and lists the modules that came in after.
Tesseract itself is not run: it is a program of its own, started without Python.
"""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import REPO

STEPS = """
import json, sys, tempfile
from pathlib import Path

import lotse.cli  # what the command imports before any letter
import robots.mailroom

before = set(sys.modules)

from robots.batch_split import split_batch
from robots.documents import ReadLimits
from robots.eml import compose
from robots.extract import assemble_pdf, extract
from robots.ocr import _rotated_copy
from robots.reading import _merge_trusted

samples = Path("samples/mail")
limits = ReadLimits()
scratch = Path(tempfile.mkdtemp())
images, pdfs = [], []
done = {"letters": 0, "batches": 0, "emails": 0}
for number, path in enumerate(sorted((samples / "letters").iterdir())):
    out = scratch / f"seiten-{number}"
    out.mkdir()
    try:
        found = extract(str(path), str(out), limits)
    except Exception:  # the samples' broken files, on purpose
        continue
    done["letters"] += 1
    images += [page.image for page in found.pages if page.image]
    if path.suffix == ".pdf":
        pdfs.append(path)
for number, path in enumerate(sorted((samples / "batches").iterdir())):
    out = scratch / f"stapel-{number}"
    out.mkdir()
    try:
        split_batch(str(path), str(out), limits, False)
        done["batches"] += 1
    except Exception:  # a sample with an unreadable separator sheet, on purpose
        pass
for number, path in enumerate(sorted((samples / "emails").glob("*.eml"))):
    try:
        compose(str(path), str(scratch / f"mail-{number}.pdf"), limits)
        done["emails"] += 1
    except Exception:  # the samples' broken mails, on purpose
        pass
one_page = [str(path) for path in pdfs[:3]]
_merge_trusted(dict(enumerate(one_page)), scratch / "zusammen.pdf")
assemble_pdf(str(pdfs[0]), {0: one_page[1]}, str(scratch / "durchsuchbar.pdf"))
for image in images[:5]:
    _rotated_copy(image, 180, scratch)
print(json.dumps({"imported": sorted(set(sys.modules) - before), "done": done}))
"""

# Every sample letter, the two batches with readable separators, every e-mail but the
# one cut off on purpose (abgebrochen.eml).
DONE = {"letters": 93, "batches": 2, "emails": 9}


def test_parsing_imports_nothing_new_after_the_robot_started() -> None:
    done = subprocess.run(
        [sys.executable, "-c", STEPS], cwd=REPO, capture_output=True, text=True,
        timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    # Steps that failed before their imports would prove nothing: the samples' good files
    # must have gone through (counted once, by hand, from samples/mail).
    assert result["done"] == DONE, result["done"]
    imported = result["imported"]
    assert imported == [], (
        f"imported on first use: {imported}; add them to FIRST_USE_IMPORTS in robots/sandbox.py"
    )
