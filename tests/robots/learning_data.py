"""The sample letters as decisions: their kept text (texts.json) and the labelled department."""

from __future__ import annotations

import csv
import json

from robots.learning import Example
from tests.conftest import SAMPLES

MAIL = SAMPLES / "mail"


def sample_examples() -> list[Example]:
    """Every sample letter a clerk would give to a department (REVIEW letters left out)."""
    texts = json.loads((MAIL / "texts.json").read_text(encoding="utf-8"))["letters"]
    with (MAIL / "labels.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return [
        Example(texts[row["file"]]["text"], row["expected"], "person", texts[row["file"]]["sha256"])
        for row in rows
        if row["expected"] != "REVIEW"
    ]
