"""How close two step names are in meaning, for German workshop drawings.

This is the small interface the workshop comparison needs from German word
handling: the words that carry meaning in a name, reduced to their stems, and
a similarity of two names that also sees compounds ("Toastbrot" holds
"Toast" and "Brot"). ``processes/words.py`` (the catalogue's German words)
is to provide stems and compound parts; until it does, a minimal suffix
stripper stands in here, and only here.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from difflib import SequenceMatcher
from functools import lru_cache

# Words that name no step: articles, prepositions, pronouns, fillers pilots write.
STOPWORDS = frozenset(
    """
    der die das den dem des ein eine einen einem einer eines und oder aber auch
    in im ins an am auf aus bei beim mit nach von vom vor zu zum zur für über unter
    ob wenn dass da als wie bis ist sind wird werden wurde hat haben sein ja nein
    ich du er sie es wir ihr man mich mir sich uns euch mein meine dein deine
    noch schon dann nun nur sehr etwas alle alles jeden jede jeder bzw ggf evtl usw
    """.split()  # noqa: SIM905 - a word list reads better as text
)
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)
# Longest first; a stem keeps at least three letters.
# No "t"/"st": they would cut "Brot" and "Toast" but not "Toaster".
_SUFFIXES = ("ungen", "ernd", "ende", "ung", "ern", "end", "en", "er", "es", "em", "e", "n", "s")
NOUN_WEIGHT = 1.5
_UMLAUTS = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"})


@lru_cache(maxsize=20_000)
def stem(word: str) -> str:
    """A German word without its inflection ending, lower case, umlauts folded."""
    word = word.lower().translate(_UMLAUTS)
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def name_tokens(text: str) -> tuple[str, ...]:
    """The stems of the meaningful words of a name, in order, without repeats."""
    return tuple(token for token, _ in _weighted_tokens(text))


@lru_cache(maxsize=20_000)
def _weighted_tokens(text: str) -> tuple[tuple[str, float], ...]:
    """Stems with a weight: nouns (capitalised in German) say more than verbs."""
    found: dict[str, float] = {}
    for match in _WORD.finditer(text):
        for part in match.group(0).split("-"):
            if len(part) < 2 or part.lower() in STOPWORDS:
                continue
            token = stem(part)
            found[token] = max(found.get(token, 0.0), NOUN_WEIGHT if part[0].isupper() else 1.0)
    return tuple(found.items())


def _token_similarity(a: str, b: str) -> float:
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
