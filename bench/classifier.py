"""How well the mailroom's learned classifier routes letters it never saw.

    .venv/bin/python bench/classifier.py

1. Trains the classifier (robots.learning.train, seed 2026) on the sample letters a
   clerk would give to an Amt (samples/mail: texts.json, labels.csv), as if each
   were a decision. Training holds out a quarter of each Amt's letters itself and
   chooses the routing threshold there (the lowest confidence with 95 % precision).
2. Asks the trained model about the evaluation letters (samples/mail/evaluation/
   letters.yaml), written separately in the styles people write to a city and
   never used for training, and prints: letters right, right per Amt, and
   precision and coverage above the chosen threshold and along a confidence curve.

Figures, not timings: no machine line is needed, but the date is printed so that a
copy into docs/benchmarks.md carries it.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from datetime import date

import yaml
from _common import REPO

from robots.learning import CURVE, Example, Model, predict, train

MAIL = REPO / "samples" / "mail"
EVALUATION = MAIL / "evaluation" / "letters.yaml"


def training_letters() -> list[Example]:
    """The sample letters with an Amt, as decisions (REVIEW letters left out)."""
    texts = json.loads((MAIL / "texts.json").read_text(encoding="utf-8"))["letters"]
    with (MAIL / "labels.csv").open(encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader(handle) if row["expected"] != "REVIEW"]
    return [
        Example(texts[row["file"]]["text"], row["expected"], "person", texts[row["file"]]["sha256"])
        for row in rows
    ]


def evaluation_letters() -> list[dict[str, str]]:
    letters: list[dict[str, str]] = yaml.safe_load(EVALUATION.read_text(encoding="utf-8"))
    return letters


def evaluate(model: Model, letters: list[dict[str, str]]) -> dict[str, object]:
    """Right and wrong on the evaluation letters, overall, per Amt, above thresholds."""
    judged = []
    for letter in letters:
        suggestion = predict(model, letter["text"])
        said = suggestion.department if suggestion else None
        confidence = suggestion.confidence if suggestion else 0.0
        judged.append((letter["amt"], said, confidence))
    right = [truth == said for truth, said, _ in judged]
    per_amt = {
        amt: (sum(ok for (t, _, _), ok in zip(judged, right, strict=True) if t == amt), n)
        for amt, n in sorted(Counter(t for t, _, _ in judged).items())
    }

    def above(threshold: float) -> tuple[int, int]:
        picked = [ok for (_, _, c), ok in zip(judged, right, strict=True) if c >= threshold]
        return sum(picked), len(picked)

    return {
        "letters": len(judged),
        "right": sum(right),
        "per_amt": per_amt,
        "at_threshold": above(model.threshold) if model.threshold is not None else None,
        "curve": {threshold: above(threshold) for threshold in CURVE},
    }


def main() -> None:
    print(f"date: {date.today().isoformat()}")
    examples = training_letters()
    letters = evaluation_letters()
    model = train(examples)
    held = model.held_out
    print(
        f"training: {model.examples} sample letters, {len(model.classes)} Ämter; held out in "
        f"training: {held.letters} letters, {held.accuracy:.1%} right"
    )
    if model.threshold is None:
        print("threshold: none reached 95 % precision on the held-out letters (suggest only)")
    else:
        print(
            f"threshold: {model.threshold:.3f} (held out: {held.precision_at_threshold:.1%} "
            f"precision, {held.coverage_at_threshold:.1%} coverage)"
        )
    figures = evaluate(model, letters)
    right, total = figures["right"], figures["letters"]
    assert isinstance(right, int) and isinstance(total, int)
    print(f"evaluation letters: {total}, right: {right} ({right / total:.1%})")
    at = figures["at_threshold"]
    if isinstance(at, tuple):
        ok, picked = at
        share = f"{ok / picked:.1%}" if picked else "–"
        print(f"above the threshold: {picked} letters ({picked / total:.1%}), {share} right")
    per_amt = figures["per_amt"]
    assert isinstance(per_amt, dict)
    print("right per Amt: " + ", ".join(f"{amt} {ok}/{n}" for amt, (ok, n) in per_amt.items()))
    curve = figures["curve"]
    assert isinstance(curve, dict)
    for threshold, (ok, picked) in curve.items():
        if picked:
            print(
                f"  confidence >= {threshold:.1f}: {picked} letters ({picked / total:.0%}), "
                f"{ok / picked:.0%} right"
            )


if __name__ == "__main__":
    main()
