"""Broken and hostile files: each goes to quarantine with a reason, and the run finishes."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from robots.documents import ReadLimits
from robots.errors import DocumentRejected
from robots.reading import read_document
from tests.robots.bad_inputs import write_bad_inputs

# Files that are fine to read (the robot must still not crash on them).
READABLE = {
    "two-thousand-pages.pdf",  # refused by the page limit instead, see below
    "xref-loop.pdf",
    "xref-self-loop.pdf",
    "outline-loop.pdf",
    "bad-xref-offsets.pdf",
    "page-count-lie.pdf",
    "pdf-image-bomb.pdf",
    "tiff-ifd-loop.tif",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    folder = tmp_path_factory.mktemp("boese")
    return folder, write_bad_inputs(folder)


def test_corpus_is_big_enough(corpus: tuple[Path, dict[str, str]]) -> None:
    assert len(corpus[1]) >= 15


@pytest.mark.timeout(60)
def test_every_bad_file_is_refused_with_a_reason_or_read_safely(
    corpus: tuple[Path, dict[str, str]], tmp_path: Path, tesseract: str
) -> None:
    folder, described = corpus
    limits = ReadLimits(seconds=20, memory_mb=1024)
    refused = {}
    for name in sorted(described):
        started = time.monotonic()
        try:
            read_document(folder / name, tmp_path / f"{name}.out.pdf", limits)
        except DocumentRejected as exc:
            assert str(exc) and "\n" not in str(exc), name
            refused[name] = exc.reason
        assert time.monotonic() - started < 25, name  # the sandbox deadline holds
    must_refuse = set(described) - READABLE
    assert must_refuse <= set(refused), sorted(must_refuse - set(refused))
    assert refused["two-thousand-pages.pdf"] == "too-many-pages"
    assert refused["encrypted.pdf"] == "encrypted"
    assert refused["decompression-bomb.png"] == "image-too-large"
    assert refused["empty.pdf"] == "empty"
    assert refused["unsupported.gif"] == "unsupported-type"
    assert refused["javascript-and-attachment.pdf"] == "active-content"
