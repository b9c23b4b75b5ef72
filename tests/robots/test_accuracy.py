"""The sample mail end to end through real Tesseract: does the robot route like a clerk?"""

from __future__ import annotations

import csv
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml

from robots.documents import ReadLimits
from robots.mailroom import Classification, Mailroom, MailroomConfig
from robots.rules import load_rules
from tests.conftest import SAMPLES

MAIL = SAMPLES / "mail"


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


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_sample_mail_is_routed_like_a_clerk_would(tmp_path: Path) -> None:
    departments = {
        d["code"]: d["name"]
        for d in yaml.safe_load((SAMPLES / "departments.yaml").read_text())["departments"]
    }
    rules = load_rules(SAMPLES / "rules" / "mailroom.yaml", departments)
    mailroom = Mailroom(
        MailroomConfig(inbox=tmp_path, data_dir=tmp_path, rules=rules, limits=ReadLimits()),
        sessions=None,
    )  # type: ignore[arg-type]
    rows = labels()

    def classify(row: dict[str, str]) -> tuple[dict[str, str], Classification]:
        return row, mailroom.classify(MAIL / "letters" / row["file"])

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(classify, rows))

    assert not [row["file"] for row, result in results if result.status == "quarantined"]
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
