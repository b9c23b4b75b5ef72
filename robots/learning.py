"""Learning from the review queue: a classifier that suggests a department where the rules are unsure.

Training data are letters whose department is known: delivered letters the
rules routed (and nobody sent back) and every decision a person made in the
review queue that names an Amt (the original's Amt, and each Amt that gets a
copy, the latter with less weight: the original's Amt stays the first
suggestion for such a letter). The model is plain and explainable: TF-IDF over the letter's
word stems and a multinomial logistic regression (scikit-learn, seeded), so the
words that drove a suggestion can be shown next to it.

Features are German Snowball stems (the stemmer processes/words.py uses), so
"Hundesteuer", "Hundesteuern" and "hundesteuerlich" … and "Anmeldung", "angemeldet"
… count together; every stem counts, also one seen in a single letter. On the
samples (5-fold cross-validation, training letters only) stems gave 47 % right
where plain words gave 42 % and plain words seen in two letters (the first
version) 32 %. Character n-grams did better still (56 %) but make a model that
grows with every new word fragment (35,000 features for 93 letters, a list of
numbers per Amt each, in JSON and in every mailroom process) and whose reasons
are fragments, not words; the subject line counted twice added one point, within
the noise. See docs/benchmarks.md.

Rules always win: the classifier is asked only about letters the rules sent
to review. Its suggestion routes a letter on its own only if IT switches that
on, and only above a threshold chosen on a held-out part of the decisions (the
smallest confidence at which the held-out precision reached the target).

A trained model is stored as plain numbers (vocabulary, IDF, weights) in JSON,
never pickled: loading it cannot run code, and predicting needs only numpy.
"""

from __future__ import annotations

import hashlib
import math
import random
import re
import threading
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import snowballstemmer

from common.german import count

# Precision the classifier must reach on held-out decisions before it may route alone.
TARGET_PRECISION = 0.95
MIN_EXAMPLES = 20  # fewer decisions than this teach nothing reliable
MIN_PER_DEPARTMENT = 3  # a department with fewer examples is not learned yet
HELD_OUT_SHARE = 0.25
CURVE = tuple(round(0.1 * step, 1) for step in range(1, 10))  # 0.1 … 0.9, for the record
MIN_ROUTED_FOR_THRESHOLD = 5  # a threshold needs this many held-out letters above it
# A copy says "this Amt should also see it", not "this is its Amt": it teaches, but less.
COPY_WEIGHT = 0.5

# Words that say nothing about a department (German function words and letter formulas).
_STOP = """
    aber als am an auch auf aus bei bin bis bitte da damit dass dem den der des die dies diese
    dieser dieses doch du durch ein eine einem einen einer eines er es für hat hatte haben hier
    ich ihr ihre ihnen ihrem ihren ihrer im in ist ja kann können mit man mein meine meinem
    meinen meiner mich mir nach nicht noch nun nur oder ob sehr sich sie sind so um und uns
    unser unsere unter vom von vor war wir wird wurde würde zu zum zur über
    geehrte geehrter damen herren freundlichen grüßen gruß grüße mfg hallo liebe lieber
"""
STOP_WORDS = frozenset(_STOP.split())
_WORD = re.compile(r"[^\W\d_][^\W_]{2,}", re.UNICODE)


class NotEnoughData(ValueError):
    """Too few decisions to learn from; the message says how many are needed."""


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    department: str
    # "rules" (delivered, not sent back), "person" (a review decision: the original's Amt)
    # or "copy" (an Amt a person gave a copy to)
    source: str = "rules"
    key: str = ""  # what identifies it (the letter's sha256): fingerprint, held-out split

    @property
    def weight(self) -> float:
        return COPY_WEIGHT if self.source == "copy" else 1.0


@dataclass(frozen=True, slots=True)
class Suggestion:
    department: str
    confidence: float  # 0..1, the model's probability
    words: list[tuple[str, float]]  # the words that pushed towards it, strongest first
    runner_up: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "department": self.department,
            "confidence": round(self.confidence, 3),
            "words": [[word, round(weight, 3)] for word, weight in self.words],
            "runner_up": self.runner_up,
        }


@dataclass(frozen=True, slots=True)
class HeldOut:
    """How the model did on decisions it was not trained on."""

    letters: int  # held-out letters (each judged by its original's Amt)
    accuracy: float
    threshold: float | None  # None: no threshold reached the target precision
    precision_at_threshold: float | None
    coverage_at_threshold: float | None
    curve: list[tuple[float, float, float, int]]  # (threshold, precision, coverage, letters)
    per_department: dict[str, dict[str, float | None]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Model:
    classes: list[str]
    vocabulary: dict[str, int]
    idf: list[float]
    coef: list[list[float]]
    intercept: list[float]
    threshold: float | None
    held_out: HeldOut
    examples: int  # letters learned from (a letter with copies is one letter)
    per_department: dict[str, int]  # examples per Amt (a copy counts for its Amt)
    fingerprint: str
    seed: int
    # What the vocabulary holds: "stems" (Snowball); "words" in models stored before.
    features: str = "words"

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Model:
        held = dict(data["held_out"])
        held["curve"] = [tuple(point) for point in held["curve"]]
        return cls(**{**data, "held_out": HeldOut(**held)})


def tokens(text: str) -> list[str]:
    """Lower-case words of at least three letters, without function words (NFC)."""
    normal = unicodedata.normalize("NFC", text).lower()
    return [word for word in _WORD.findall(normal) if word not in STOP_WORDS]


_stemmers = threading.local()  # a Snowball stemmer is not safe to share between threads


def stems(text: str) -> list[tuple[str, str]]:
    """(stem, word) for each word of :func:`tokens`: "Hundesteuern" → ("hundesteu", …)."""
    stemmer = getattr(_stemmers, "german", None)
    if stemmer is None:
        stemmer = _stemmers.german = snowballstemmer.stemmer("german")
    words = tokens(text)
    return list(zip(stemmer.stemWords(words), words, strict=True))


# The features of models trained now (see Model.features).
FEATURES = "stems"


def features(text: str) -> list[str]:
    """What the model counts in a letter: its word stems."""
    return [stem for stem, _ in stems(text)]


def _features_of(model: Model, text: str) -> list[tuple[str, str]]:
    """(feature, word as written) as the model was trained: stems, or words (older models)."""
    if model.features == "stems":
        return stems(text)
    return [(word, word) for word in tokens(text)]


def fingerprint(examples: Iterable[Example]) -> str:
    """Changes whenever a decision is added or changed, or the features change (a model
    of words stored before stems is retrained at the next check): tells the flow to retrain."""
    digest = hashlib.sha256(f"features={FEATURES}\n".encode())
    for example in sorted(examples, key=lambda e: (e.key, e.department, e.source)):
        digest.update(f"{example.key}\t{example.department}\t{example.source}\n".encode())
    return digest.hexdigest()[:32]


def train(examples: Sequence[Example], *, seed: int = 2026) -> Model:
    """Choose the threshold on a held-out split, then train on all decisions."""
    usable = _usable(examples)
    train_part, held_part = _split(usable, seed)
    held = _evaluate(_fit(train_part, seed), held_part)
    final = _fit(usable, seed)
    return _export(final, held, usable, seed)


def predict(model: Model, text: str, *, words: int = 6) -> Suggestion | None:
    """The most likely department with the words behind it; None if the text has no known word.

    Plain Python on purpose: the mailroom asks this for single letters, and numpy
    would add its libraries (and address space) to every mailroom process.
    """
    found = _features_of(model, text)
    vector = _vector(model, [feature for feature, _ in found])
    if not vector:
        return None
    coef = model.coef
    if len(coef) == 1:  # two departments: one row of weights, P(second) = sigmoid(score)
        coef = [[-w for w in coef[0]], coef[0]]
        intercept = [0.0, model.intercept[0]]
    else:
        intercept = model.intercept
    scores = [
        sum(row[index] * value for index, value in vector) + bias
        for row, bias in zip(coef, intercept, strict=True)
    ]
    probabilities = _softmax(scores)
    order = sorted(range(len(probabilities)), key=lambda i: -probabilities[i])
    best = order[0]
    # Reasons in the letter's own words: a stem is shown as the word it first stood for.
    written: dict[str, str] = {}
    for feature, word in found:
        written.setdefault(feature, word)
    vocabulary = {index: feature for feature, index in model.vocabulary.items()}
    drivers = sorted(
        ((written[vocabulary[index]], coef[best][index] * value) for index, value in vector),
        key=lambda pair: -pair[1],
    )
    return Suggestion(
        department=model.classes[best],
        confidence=probabilities[best],
        words=[(word, weight) for word, weight in drivers[:words] if weight > 0],
        runner_up=model.classes[order[1]] if len(order) > 1 else None,
    )


# -- training ----------------------------------------------------------------------------


def _usable(examples: Sequence[Example]) -> list[Example]:
    counts = Counter(example.department for example in examples)
    usable = [e for e in examples if counts[e.department] >= MIN_PER_DEPARTMENT and tokens(e.text)]
    departments = {e.department for e in usable}
    letters = _letters(usable)
    if letters < MIN_EXAMPLES or len(departments) < 2:
        known = _letters(examples)
        # Said both ways: what there is, and what of it counts (Ämter with enough letters).
        there = f"{count(known, 'Brief', 'Briefe')} für {count(len(counts), 'Amt', 'Ämter')}"
        if letters != known:
            there += f", davon {letters} verwertbar (mit Text, aus Ämtern mit mindestens "
            there += f"{MIN_PER_DEPARTMENT} Briefen)"
        raise NotEnoughData(
            f"Zu wenige Entscheidungen zum Lernen: {there} (nötig sind mindestens "
            f"{MIN_EXAMPLES} Briefe aus zwei Ämtern, je Amt mindestens {MIN_PER_DEPARTMENT})."
        )
    return usable


def _letters(examples: Sequence[Example]) -> int:
    """How many letters the examples are (a letter with copies gives several examples)."""
    return len({e.key or f"#{number}" for number, e in enumerate(examples)})


def _split(examples: list[Example], seed: int) -> tuple[list[Example], list[Example]]:
    """A stratified held-out part: a quarter of each department's letters (at least one).

    Split by letter, not by example: a letter's copies go where its original goes, so
    the model is never judged on a text it was trained on under another Amt. Held out
    is only the original's Amt of each held-out letter (what routing decides).
    """
    rng = random.Random(seed)
    letters: dict[str, list[Example]] = {}
    for number, example in enumerate(examples):
        letters.setdefault(example.key or f"#{number}", []).append(example)
    by_department: dict[str, list[list[Example]]] = {}
    for key in sorted(letters):
        group = letters[key]
        lead = next((e for e in group if e.source != "copy"), group[0])
        by_department.setdefault(lead.department, []).append(group)
    train_part: list[Example] = []
    held_part: list[Example] = []
    for department in sorted(by_department):
        groups = by_department[department]
        order = list(range(len(groups)))
        rng.shuffle(order)
        held = max(1, round(len(groups) * HELD_OUT_SHARE))
        for i in order[:held]:
            held_part += [e for e in groups[i] if e.department == department][:1]
        for i in order[held:]:
            train_part += groups[i]
    return train_part, held_part


def _fit(examples: list[Example], seed: int) -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    # Every stem counts, also one of a single letter: with a few letters per Amt,
    # dropping those cost a third of the right answers (see the module's docstring).
    vectorizer = TfidfVectorizer(
        tokenizer=features, lowercase=False, token_pattern=None, sublinear_tf=True, norm="l2",
    )  # fmt: skip
    classifier = LogisticRegression(C=10.0, max_iter=2000, random_state=seed)
    pipeline = make_pipeline(vectorizer, classifier)
    pipeline.fit(
        [e.text for e in examples],
        [e.department for e in examples],
        logisticregression__sample_weight=[e.weight for e in examples],
    )
    return pipeline


def _evaluate(pipeline: Any, held: list[Example]) -> HeldOut:
    import numpy as np

    probabilities = pipeline.predict_proba([e.text for e in held])
    classes = list(pipeline.classes_)
    predicted = [classes[int(i)] for i in np.argmax(probabilities, axis=1)]
    confidence = np.max(probabilities, axis=1)
    truth = [e.department for e in held]
    correct = [p == t for p, t in zip(predicted, truth, strict=True)]
    curve = []
    for threshold in CURVE:
        above = [ok for ok, c in zip(correct, confidence, strict=True) if c >= threshold]
        if above:
            precision, coverage = sum(above) / len(above), len(above) / len(held)
            curve.append((threshold, round(precision, 3), round(coverage, 3), len(above)))
    chosen = _threshold(correct, [float(c) for c in confidence])
    per_department: dict[str, dict[str, float | None]] = {}
    for department in sorted(set(truth)):
        said = [t == department for p, t in zip(predicted, truth, strict=True) if p == department]
        real = [p == department for p, t in zip(predicted, truth, strict=True) if t == department]
        per_department[department] = {
            "letters": float(len(real)),
            # None, not NaN: the figures are stored as JSON, which has no NaN
            "precision": round(sum(said) / len(said), 3) if said else None,
            "recall": round(sum(real) / len(real), 3) if real else None,
        }
    return HeldOut(
        letters=len(held),
        accuracy=round(sum(correct) / len(held), 3),
        threshold=chosen[0] if chosen else None,
        precision_at_threshold=round(chosen[1], 3) if chosen else None,
        coverage_at_threshold=round(chosen[2], 3) if chosen else None,
        curve=curve,
        per_department=per_department,
    )


def _threshold(correct: list[bool], confidence: list[float]) -> tuple[float, float, float] | None:
    """The lowest confidence above which held-out precision reaches the target (with enough
    letters above it): the most letters the classifier may route without a person."""
    for candidate in sorted(set(confidence)):
        above = [ok for ok, c in zip(correct, confidence, strict=True) if c >= candidate]
        if len(above) < MIN_ROUTED_FOR_THRESHOLD:
            break
        precision = sum(above) / len(above)
        if precision >= TARGET_PRECISION:
            return round(candidate, 3), precision, len(above) / len(correct)
    return None


def _export(pipeline: Any, held: HeldOut, examples: list[Example], seed: int) -> Model:
    vectorizer, classifier = pipeline.steps[0][1], pipeline.steps[1][1]
    return Model(
        classes=[str(c) for c in classifier.classes_],
        vocabulary={str(word): int(i) for word, i in vectorizer.vocabulary_.items()},
        idf=[round(float(v), 6) for v in vectorizer.idf_],
        coef=[[round(float(v), 6) for v in row] for row in classifier.coef_],
        intercept=[round(float(v), 6) for v in classifier.intercept_],
        threshold=held.threshold,
        held_out=held,
        examples=_letters(examples),
        per_department=dict(sorted(Counter(e.department for e in examples).items())),
        fingerprint=fingerprint(examples),
        seed=seed,
        features=FEATURES,
    )


# -- predicting (numpy only) -------------------------------------------------------------


def _vector(model: Model, found: list[str]) -> list[tuple[int, float]]:
    """The letter's TF-IDF vector as scikit-learn computes it (sublinear tf, l2 norm)."""
    counts = Counter(feature for feature in found if feature in model.vocabulary)
    weighted = [
        (model.vocabulary[feature], (1.0 + math.log(count)) * model.idf[model.vocabulary[feature]])
        for feature, count in counts.items()
    ]
    norm = math.sqrt(sum(value * value for _, value in weighted))
    return [(index, value / norm) for index, value in weighted] if norm else weighted


def _softmax(scores: list[float]) -> list[float]:
    top = max(scores)
    exps = [math.exp(score - top) for score in scores]
    total = sum(exps)
    return [value / total for value in exps]
