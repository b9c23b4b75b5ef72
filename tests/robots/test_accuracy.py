"""The sample mail: does the robot route like a clerk?

Routing is decided on the text the mailroom's reading produced for each letter,
kept in ``samples/mail/texts.json`` (``python -m tests.robots.sample_texts``), so
that this runs in the fast loop. The real Tesseract checks that text: on two
letters in every full run, on all of them in the slow run.
"""

from __future__ import annotations

import csv
import difflib
from pathlib import Path

import pytest
import yaml

from robots.rules import Decision, Rules, load_rules
from tests.conftest import SAMPLES
from tests.robots.sample_texts import ReadLetter, load_texts, read_all, sha256

MAIL = SAMPLES / "mail"


REGENERATE = "run .venv/bin/python -m tests.robots.sample_texts"
# Tesseract is deterministic on one machine; another build may differ in a few characters.
SAME_TEXT = 0.97


def labels() -> list[dict[str, str]]:
    with (MAIL / "labels.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_sample_mail_covers_every_department_and_format() -> None:
    rows = labels()
    departments = {
        d["code"] for d in yaml.safe_load((SAMPLES / "departments.yaml").read_text())["departments"]
    }
    counts = {code: sum(1 for r in rows if r["expected"] == code) for code in departments}
    assert min(counts.values()) >= 5, counts
    assert sum(1 for r in rows if r["expected"] == "REVIEW") >= 12
    assert len(rows) >= 60
    suffixes = {Path(r["file"]).suffix.lower() for r in rows}
    assert {".pdf", ".png", ".jpg", ".tif"} <= suffixes | {".jpeg", ".tiff"}
    assert {r["kind"] for r in rows} == {"scan", "digital", "mixed"}
    assert any(int(r["pages"]) > 1 for r in rows)
    for row in rows:
        assert (MAIL / "letters" / row["file"]).is_file(), row["file"]


@pytest.fixture(scope="module")
def rules() -> Rules:
    departments = {
        d["code"]: d["name"]
        for d in yaml.safe_load((SAMPLES / "departments.yaml").read_text())["departments"]
    }
    return load_rules(SAMPLES / "rules" / "mailroom.yaml", departments)


@pytest.fixture(scope="module")
def texts() -> dict[str, ReadLetter]:
    return load_texts()


def decide(rules: Rules, read: ReadLetter) -> Decision:
    return rules.decide(read.text, ocr_confidence=read.ocr_confidence)


def test_the_kept_text_belongs_to_these_letters(texts: dict[str, ReadLetter]) -> None:
    rows = labels()
    missing = [row["file"] for row in rows if row["file"] not in texts]
    assert not missing, f"no kept text for {missing[:5]}: {REGENERATE}"
    changed = [
        row["file"]
        for row in rows
        if texts[row["file"]].sha256 != sha256(MAIL / "letters" / row["file"])
    ]
    assert not changed, f"letters changed since their text was kept ({changed[:5]}): {REGENERATE}"
    for row in rows:
        read = texts[row["file"]]
        assert read.pages == int(row["pages"]), row["file"]
        assert (read.ocr_pages > 0) == (row["kind"] != "digital"), row["file"]


def test_sample_mail_is_routed_like_a_clerk_would(
    rules: Rules, texts: dict[str, ReadLetter]
) -> None:
    results = [(row, decide(rules, texts[row["file"]])) for row in labels()]
    routable = [(row, result) for row, result in results if row["expected"] != "REVIEW"]
    routed = [(row, result) for row, result in routable if result.status == "routed"]
    right = [(row, result) for row, result in routed if result.department == row["expected"]]
    wrong = [
        (row["file"], row["expected"], result.department)
        for row, result in routed
        if result.department != row["expected"]
    ]
    assert len(routed) >= 0.90 * len(routable), (
        f"only {len(routed)} of {len(routable)} routed automatically"
    )
    assert len(right) >= 0.97 * len(routed), wrong
    review = [(row, result) for row, result in results if row["expected"] == "REVIEW"]
    to_review = sum(1 for _, result in review if result.status == "review")
    assert to_review >= 0.8 * len(review), (
        f"only {to_review} of {len(review)} review letters went to review"
    )
    for _, result in results:
        assert result.reasons and all(reason.strip() for reason in result.reasons)


def _same_as_kept(
    files: list[str], rules: Rules, texts: dict[str, ReadLetter]
) -> list[tuple[str, str]]:
    """Read the letters with the real Tesseract; what differs from the kept text and why."""
    differ = []
    for name, read in read_all([MAIL / "letters" / name for name in files]).items():
        kept = texts[name]
        ratio = difflib.SequenceMatcher(None, kept.text, read.text, autojunk=False).ratio()
        if ratio < SAME_TEXT:
            differ.append((name, f"text only {ratio:.0%} the same"))
        elif (decide(rules, read).status, decide(rules, read).department) != (
            decide(rules, kept).status,
            decide(rules, kept).department,
        ):
            differ.append((name, "routed differently"))
    return differ


def test_tesseract_reads_what_was_kept(
    tesseract: str, rules: Rules, texts: dict[str, ReadLetter]
) -> None:
    """The smoke test of the real OCR: one scan and one mixed PDF."""
    rows = labels()
    scan = next(row["file"] for row in rows if row["kind"] == "scan")
    mixed = next(row["file"] for row in rows if row["kind"] == "mixed")
    assert not _same_as_kept([scan, mixed], rules, texts), REGENERATE


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_tesseract_reads_what_was_kept_for_every_letter(
    tesseract: str, rules: Rules, texts: dict[str, ReadLetter]
) -> None:
    differ = _same_as_kept([row["file"] for row in labels()], rules, texts)
    assert not differ, f"{differ[:5]}: {REGENERATE}"
