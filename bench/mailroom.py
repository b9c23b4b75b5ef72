"""How fast the mailroom robot is, against plain Tesseract on the same pages.

    .venv/bin/python bench/mailroom.py

1. Copies the sample mail into a fresh inbox and runs ``lotse mailroom run
   --without-prefect`` on it (reading, OCR, routing, searchable PDFs,
   delivery, archive, database) and counts pages per second, on a data
   folder made by ``lotse init`` beforehand, as an installation makes it
   (creating the database is not part of a mailroom run); then
   ``lotse mailroom classify --json`` on the same files (reading and deciding
   only, with the same worker pool).
2. Takes the very page images the robot OCRed and runs plain ``tesseract IMG
   out -l deu`` on them, one single-threaded process per core, in the same
   run: the floor for OCR on this machine.
3. Prints the ratio (goal >= 0.9: everything around OCR costs almost
   nothing) and, separately, born-digital letters per second (no OCR; goal
   >= 20/s).
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from _common import CORES, REPO, print_machine

from robots.documents import ReadLimits
from robots.extract import Extracted, extract
from robots.sandbox import run_sandboxed

LETTERS = REPO / "samples" / "mail" / "letters"
LABELS = REPO / "samples" / "mail" / "labels.csv"


def lotse_run(inbox: Path, data: Path) -> float:
    data.mkdir(parents=True, exist_ok=True)  # commands refuse to make a new data dir themselves
    env = dict(os.environ)
    env.update(
        LOTSE_DATA_DIR=str(data),
        LOTSE_DATABASE_URL=f"sqlite:///{data / 'lotse.db'}",
        LOTSE_MAIL_STABLE_SECONDS="0",
        LOTSE_MAIL_WORKERS=str(CORES),
    )
    subprocess.run(
        [sys.executable, "-m", "lotse", "init"], env=env, check=True, stdout=subprocess.DEVNULL
    )
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "lotse", "mailroom", "run", "--inbox", str(inbox), "--without-prefect"],
        env=env, check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    return time.perf_counter() - started


def lotse_classify(files: list[Path], data: Path) -> float:
    data.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, LOTSE_DATA_DIR=str(data), LOTSE_MAIL_WORKERS=str(CORES))
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "lotse", "mailroom", "classify", "--json", *map(str, files)],
        env=env, check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    return time.perf_counter() - started


def page_images(files: list[Path], folder: Path) -> list[str]:
    """The images the robot hands to Tesseract (pages without a text layer)."""
    images: list[str] = []
    for index, path in enumerate(files):
        out = folder / f"{index:04d}"
        out.mkdir(parents=True)
        try:
            extracted: Extracted = run_sandboxed(
                extract, str(path), str(out), ReadLimits(), seconds=60, memory_mb=1536
            )
        except Exception:
            continue
        images += [page.image for page in extracted.pages if page.image]
    return images


def plain_tesseract(images: list[str]) -> float:
    env = dict(os.environ, OMP_THREAD_LIMIT="1")

    def ocr(image: str) -> None:
        subprocess.run(
            ["tesseract", image, image + ".out", "-l", "deu"],
            env=env,
            check=True,
            capture_output=True,
        )

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=CORES) as pool:
        list(pool.map(ocr, images))
    return time.perf_counter() - started


def main() -> None:
    rows = list(csv.DictReader(LABELS.open(encoding="utf-8")))
    files = [LETTERS / row["file"] for row in rows]
    digital = [LETTERS / row["file"] for row in rows if row["kind"] == "digital"]
    print(
        f"sample mail: {len(files)} letters, {sum(int(r['pages']) for r in rows)} pages "
        f"({len(digital)} born digital)"
    )
    print_machine()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        images = page_images(files, base / "pages")
        floor = plain_tesseract(images)
        print(
            f"\nplain tesseract, {CORES} single-threaded processes: {len(images)} pages in {floor:.1f} s "
            f"= {len(images) / floor:.2f} pages/s"
        )

        inbox = base / "inbox"
        inbox.mkdir()
        for path in files:
            shutil.copy(path, inbox / path.name)
        elapsed = lotse_run(inbox, base / "data")
        print(
            f"lotse mailroom run: {len(images)} OCR pages (and {len(files)} letters) in {elapsed:.1f} s "
            f"= {len(images) / elapsed:.2f} OCR pages/s"
        )
        print(f"ratio run / plain tesseract: {floor / elapsed:.2f}   (goal >= 0.9)")
        classified = lotse_classify(files, base / "classify-data")
        print(
            f"lotse mailroom classify: {len(images)} OCR pages (and {len(files)} letters) in "
            f"{classified:.1f} s = {len(images) / classified:.2f} OCR pages/s"
        )
        print(f"ratio classify / plain tesseract: {floor / classified:.2f}   (goal >= 0.9)")

        letters, elapsed = born_digital(digital, base / "digital")
        print(
            f"\nborn-digital letters (in process, after start-up): {letters} in {elapsed:.1f} s "
            f"= {letters / elapsed:.1f} letters/s   (goal >= 20/s)"
        )


def born_digital(digital: list[Path], base: Path, copies: int = 10) -> tuple[int, float]:
    """The digital sample letters, each ten times with distinct content (so ten letters)."""
    import dataclasses

    from lotse.app import open_app
    from lotse.settings import Settings

    inbox = base / "inbox"
    inbox.mkdir(parents=True)
    for path in digital:
        for copy in range(copies):
            # a PDF comment after %%EOF changes the hash, not the document
            (inbox / f"{copy}-{path.name}").write_bytes(
                path.read_bytes() + f"\n%Kopie {copy}\n".encode()
            )
    settings = Settings(data_dir=base / "data", database_url=f"sqlite:///{base / 'lotse.db'}")
    mailroom = open_app(settings).mailroom(inbox=inbox)
    mailroom.config = dataclasses.replace(mailroom.config, stable_seconds=0, workers=CORES)
    started = time.perf_counter()
    outcomes = mailroom.run()
    return len(outcomes), time.perf_counter() - started


if __name__ == "__main__":
    main()
