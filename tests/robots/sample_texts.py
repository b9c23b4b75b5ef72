"""Read every sample letter once with the mailroom's own reading (real Tesseract) and keep the text.

Usage (from the repository root)::

    .venv/bin/python -m tests.robots.sample_texts [--check]

writes ``samples/mail/texts.json``: per letter its SHA-256, the page counts,
the mean OCR confidence and the recognised text. The routing tests decide on
this text instead of running Tesseract on all letters (minutes) in every test
run; ``tests/robots/test_accuracy.py`` checks that the file matches the letters
and, in the full suite, that Tesseract still reads what it holds. Run it again
after ``samples/mail/make_samples.py`` or a change to the reading. ``--check`` writes
nothing and exits 1 if the kept text is stale.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

MAIL = Path(__file__).resolve().parents[2] / "samples" / "mail"
LETTERS = MAIL / "letters"
TEXTS = MAIL / "texts.json"


@dataclass(frozen=True, slots=True)
class ReadLetter:
    sha256: str
    pages: int
    ocr_pages: int
    ocr_confidence: float | None
    text: str


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_letter(path: Path) -> ReadLetter:
    """What the mailroom reads from one letter (the same function its runs use)."""
    from robots.documents import ReadLimits
    from robots.reading import read_document

    with tempfile.TemporaryDirectory(prefix="lotse-sample-") as tmp:
        result = read_document(path, Path(tmp) / "out.pdf", ReadLimits())
    confidence = result.ocr_confidence
    return ReadLetter(
        sha256=sha256(path),
        pages=len(result.pages),
        ocr_pages=result.ocr_pages,
        ocr_confidence=None if confidence is None else round(confidence, 2),
        text=result.text,
    )


def load_texts(path: Path = TEXTS) -> dict[str, ReadLetter]:
    """file name → what was read; empty when the file is missing."""
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {name: ReadLetter(**entry) for name, entry in data["letters"].items()}


def read_all(letters: list[Path], workers: int = 2) -> dict[str, ReadLetter]:
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return dict(zip((p.name for p in letters), pool.map(read_letter, letters), strict=True))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check; write nothing")
    args = parser.parse_args()
    letters = sorted(LETTERS.iterdir())
    texts = read_all(letters)
    if args.check:
        stale = sorted(name for name, read in texts.items() if load_texts().get(name) != read)
        if stale:
            sys.exit(f"texts.json is stale for {len(stale)} letters, e.g. {stale[:3]}")
        print(f"texts.json matches all {len(texts)} letters")
        return
    payload = {"letters": {name: asdict(read) for name, read in sorted(texts.items())}}
    TEXTS.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {TEXTS} ({len(texts)} letters)")


if __name__ == "__main__":
    main()
