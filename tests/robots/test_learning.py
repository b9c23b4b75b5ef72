"""The classifier: seeded, explainable, stored as numbers, its threshold from held-out letters."""

from __future__ import annotations

import json

import pytest

from robots.learning import (
    MIN_EXAMPLES,
    Example,
    Model,
    NotEnoughData,
    _fit,
    _threshold,
    features,
    fingerprint,
    predict,
    tokens,
    train,
)
from tests.robots.learning_data import sample_examples


@pytest.fixture(scope="module")
def examples() -> list[Example]:
    return sample_examples()


@pytest.fixture(scope="module")
def model(examples: list[Example]) -> Model:
    return train(examples)


def test_tokens_are_words_without_filler() -> None:
    assert tokens("Sehr geehrte Damen und Herren, die Hundesteuer für 2027 – Kita-Gebühren!") == [
        "hundesteuer", "kita", "gebühren",  # hyphenated parts count on their own
    ]  # fmt: skip


def test_features_are_stems_so_word_forms_count_together() -> None:
    assert features("Hundesteuer, Hundesteuern") == ["hundesteu", "hundesteu"]
    assert features("Die Gebühr") == features("die Gebühren")
    assert features("Prüfung des Antrags") == features("Prüfungen, Antrag")


def test_a_model_stored_before_stems_is_read_with_words(model: Model) -> None:
    """Models kept in the database from before keep working until the next `lernen`."""
    data = model.to_json()
    assert data["features"] == "stems"
    del data["features"]
    older = Model.from_json({**data, "vocabulary": {"hundesteuer": 0}})
    assert older.features == "words"
    suggestion = predict(older, "Ich melde meinen Hund zur Hundesteuer an.")
    assert suggestion is not None and [w for w, _ in suggestion.words] in ([], ["hundesteuer"])


def test_training_is_seeded(examples: list[Example], model: Model) -> None:
    again = train(examples)
    assert json.dumps(again.to_json(), sort_keys=True) == json.dumps(
        model.to_json(), sort_keys=True
    )
    assert model.fingerprint == fingerprint(reversed(examples))  # order does not matter


def test_the_stored_numbers_predict_what_scikit_learn_predicts(
    examples: list[Example], model: Model
) -> None:
    """The JSON model (no pickle) gives the same probabilities as the fitted pipeline."""
    pipeline = _fit(examples, model.seed)
    restored = Model.from_json(json.loads(json.dumps(model.to_json())))
    for example in examples[::7]:
        ours = predict(restored, example.text)
        assert ours is not None
        theirs = dict(
            zip(pipeline.classes_, pipeline.predict_proba([example.text])[0], strict=True)
        )
        assert ours.confidence == pytest.approx(max(theirs.values()), abs=1e-5)
        assert ours.department == max(theirs, key=lambda code: theirs[code])


def test_a_suggestion_names_the_words_behind_it(model: Model) -> None:
    text = "Ich möchte meinen Hund anmelden und bitte um die Steuermarke für die Hundesteuer."
    suggestion = predict(model, text)
    assert suggestion is not None and suggestion.department == "22"
    words = [word for word, _ in suggestion.words]
    assert "hund" in words or "hundesteuer" in words  # the letter's words, not their stems
    assert all(weight > 0 for _, weight in suggestion.words)
    assert predict(model, "xyzzy qwrtz") is None  # no known word: no guess


def test_held_out_figures_are_recorded(model: Model, examples: list[Example]) -> None:
    held = model.held_out
    assert held.letters >= len({e.department for e in examples})  # each department held out
    assert 0 < held.accuracy <= 1
    assert set(held.per_department) == {e.department for e in examples}
    if model.threshold is not None:
        assert held.precision_at_threshold is not None and held.precision_at_threshold >= 0.95


def test_threshold_is_the_lowest_that_reaches_the_target() -> None:
    confidence = [0.9, 0.85, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3]
    correct = [True, True, True, True, True, False, True, False]
    assert _threshold(correct, confidence) == (0.6, 1.0, 5 / 8)
    assert _threshold([False] * 8, confidence) is None
    assert _threshold([True] * 3, [0.9, 0.8, 0.7]) is None  # too few letters to trust


def test_too_few_decisions_say_how_many_are_needed(examples: list[Example]) -> None:
    with pytest.raises(NotEnoughData) as caught:
        train(examples[: MIN_EXAMPLES // 2])
    assert "Zu wenige Entscheidungen" in str(caught.value)
    assert str(MIN_EXAMPLES) in str(caught.value)
    # Letters of Ämter with too few letters are there, but do not count yet: both are said.
    scattered = [Example(e.text, str(n), "person", e.key) for n, e in enumerate(examples[:8])]
    with pytest.raises(NotEnoughData) as caught:
        train(scattered)
    assert (
        "8 Briefe für 8 Ämter, davon 0 verwertbar (mit Text, aus Ämtern mit mindestens 3 Briefen)"
        in str(caught.value)
    )


def test_evaluation_letters_are_kept_apart_from_training(examples: list[Example]) -> None:
    """bench/classifier.py judges the model on letters it never saw: none is a sample
    letter, and every Amt the samples teach has at least six."""
    import subprocess
    import sys
    from collections import Counter

    import yaml

    from tests.conftest import SAMPLES

    letters = yaml.safe_load((SAMPLES / "mail" / "evaluation" / "letters.yaml").read_text())
    trained = {" ".join(tokens(e.text)) for e in examples}
    assert not [letter for letter in letters if " ".join(tokens(letter["text"])) in trained]
    counts = Counter(letter["amt"] for letter in letters)
    assert {e.department for e in examples} <= set(counts)
    assert min(counts.values()) >= 6

    bench = SAMPLES.parent / "bench" / "classifier.py"
    result = subprocess.run(
        [sys.executable, str(bench)], capture_output=True, text=True, timeout=300, check=True
    )
    lines = result.stdout.splitlines()
    assert any(line.startswith(f"evaluation letters: {len(letters)}, right: ") for line in lines)
    assert any(line.startswith("threshold: ") for line in lines)
