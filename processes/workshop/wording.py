"""How close two step names are in meaning, for German workshop drawings.

Words, stems and compound parts come from :mod:`processes.words` (Snowball
stems, compounds split against the vocabulary: "Toastbrot" holds "Toast" and
"Brot"). On top of that the workshop weighs words: nouns (capitalised in
German) more than verbs, rare words among the drawings' names more than the
word everybody uses ("Toast" in a toast workshop), and parts the vocabulary
does not know still match as the start or end of a compound.

Colleagues name the same step in different styles: "Antrag prüfen", "Prüfung des
Antrags", "Antrag geprüft", "Antrag wird kontrolliert". Nominalisations ending in
-ung meet their verb in the stem already; an inflected verb ("geprüft",
"verschickt") counts as its infinitive (``Word.verbs``); and words that mean the
same in an administration's drawings ("versenden" / "verschicken" / "Versand")
count as one (``synonyms_de.txt`` next to this module, a group per line).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from difflib import SequenceMatcher
from functools import cache, lru_cache
from pathlib import Path

from processes.words import Vocabulary, Word, stem

SYNONYM_FILE = Path(__file__).with_name("synonyms_de.txt")

# Beyond processes.words' stop words: what pilots write in step names that names no work.
LABEL_STOP_WORDS = frozenset(
    """
    ich du er sie es wir ihr man mich mir sich uns euch mein meine dein deine
    ja nein noch schon dann nun nur sehr etwas alle alles jeden jede jeder
    """.split()  # noqa: SIM905 - a word list reads better as text
)
NOUN_WEIGHT = 1.5


def name_tokens(text: str) -> tuple[str, ...]:
    """The stems of the meaningful words of a name, in order, without repeats."""
    return tuple(token for token, _ in _weighted_tokens(text))


@lru_cache(maxsize=20_000)
def _weighted_tokens(text: str) -> tuple[tuple[str, float], ...]:
    """Stems of the compound parts with a weight: nouns say more than verbs."""
    found: dict[str, float] = {}
    for word in Vocabulary.default().words(text):
        if word.is_stop_word or word.text.casefold() in LABEL_STOP_WORDS or len(word.text) < 2:
            continue
        weight = NOUN_WEIGHT if word.text[0].isupper() else 1.0
        groups = synonyms()
        for part in _meant(word):
            token = groups.get(part, part)
            found[token] = max(found.get(token, 0.0), weight)
    return tuple(found.items())


def _meant(word: Word) -> tuple[str, ...]:
    """The stems a word stands for: an inflected verb ("geprüft", "weitergeleitet",
    "prüft") as its infinitive, every other word as its compound parts."""
    if word.verbs and word.text[:1].islower():
        groups = synonyms()
        # several readings ("weitergeleit", "weiterleit"): a known one, else the shortest
        return (min(word.verbs, key=lambda v: (v not in groups, len(v), v)),)
    return word.parts


@cache
def synonyms() -> dict[str, str]:
    """Stem → the stem that stands for its group (``synonyms_de.txt``)."""
    table: dict[str, str] = {}
    for line in SYNONYM_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        stems = [stem(written) for written in line.split()]
        for each in stems:
            table.setdefault(each, stems[0])
    return table


@lru_cache(maxsize=200_000)
def _token_similarity(a: str, b: str) -> float:
    """Pure and called for every word pair of every step pair: the few distinct word
    pairs of a comparison are worked out once (600 steps: 45 s of 76 s were repeats)."""
    if a == b:
        return 1.0
    short, long = sorted((a, b), key=len)
    # a compound and one of its parts: "toastbrot" / "brot", "antragsprufung" / "antrag"
    if len(short) >= 4 and (long.startswith(short) or long.endswith(short)):
        return 0.8
    if min(len(a), len(b)) >= 5:
        ratio = SequenceMatcher(None, a, b).ratio()
        if ratio >= 0.8:
            return ratio * 0.8
    return 0.0


def rarity(texts: Iterable[str]) -> dict[str, float]:
    """How much a word says among these names: common words ("Toast" in a toast
    workshop, "Antrag" in an application process) weigh less than rare ones."""
    counts: Counter[str] = Counter()
    total = 0
    for text in texts:
        total += 1
        counts.update(name_tokens(text))
    return {token: math.log((1 + total) / (1 + n)) + 1 for token, n in counts.items()}


def name_similarity(a: str, b: str, weights: Mapping[str, float] | None = None) -> float:
    """0 (nothing in common) … 1 (the same words), symmetric.

    Each meaningful word is matched with its best partner on the other side;
    the result is the weighted mean over the words of both names. ``weights``
    (from :func:`rarity`) make rare words count more.
    """
    left, right = _weighted_tokens(a), _weighted_tokens(b)
    if not left or not right:
        return 0.0
    if weights:
        left = tuple((t, w * weights.get(t, 1.0)) for t, w in left)
        right = tuple((t, w * weights.get(t, 1.0)) for t, w in right)
    total = sum(w * max(_token_similarity(x, y) for y, _ in right) for x, w in left)
    total += sum(w * max(_token_similarity(y, x) for x, _ in left) for y, w in right)
    return total / (sum(w for _, w in left) + sum(w for _, w in right))
