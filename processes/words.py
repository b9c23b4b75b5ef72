"""German words as Lotse compares them: tokens, Snowball stems, compound parts.

Task names in workshop diagrams are short German phrases ("Rechnungseingang
prüfen", "Vertretung sicherstellen", "Word öffnen"). Matching them by
substring goes wrong both ways: "erstell" is inside "sicherstellen", and
"Antrag" hides inside "Urlaubsantrag". So text is compared word by word:

* ``tokens`` cuts text into words (letters and digits; hyphenated words stay
  one token, "E-Mail" is one word) after Unicode NFC normalisation.
* ``stem`` is the German Snowball stemmer (the registry's ``snowballstemmer``,
  which runs PyStemmer's C build of the same algorithm when it is installed,
  as it is here: ~100× faster) plus one derivational step Snowball leaves out for short words: a final
  "-ung" goes ("Prüfung" and "prüfen" both become ``pruf``). Snowball folds
  umlauts and ß, so stems are plain lower-case ASCII letters for German.
* ``Vocabulary.split`` splits compounds into parts against a known
  vocabulary of German words (``vocabulary_de.txt`` next to this module, plus
  whatever words a caller adds, e.g. the scoring model's keywords). Linking
  elements ("Rechnung-s-eingang", "Dokument-en-inhalt") are recognised. A
  part the vocabulary does not know is allowed once per word (at least three
  letters, next to a known part of four or more), so that "Urlaubsantrag"
  splits into ``urlaub`` + ``antrag`` while "Vertretung" stays whole.

Why not a registry splitter: the CharSplit n-gram splitters on PyPI
(``split-words``, ``compound-split``) load 40 MB of n-gram tables (1.4 s and
380 MB per process) and split "Antragsteller" into "Antrags" + "Teller";
``compound-split`` is GPL-3; ``charsplit-fst`` needs Python 3.12; and
``german-nouns`` knows nouns only. Scoring only ever asks whether a word it
knows is part of a compound, which a vocabulary answers exactly.

All functions are pure; results are cached because task names recur.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import snowballstemmer

VOCABULARY_FILE = Path(__file__).with_name("vocabulary_de.txt")

# Letters and digits; inner hyphens and slashes keep a word together
# ("E-Mail", "MS-Outlook", "Strg-A"). Underscores are not letters here.
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
# Linking elements (Fugenelemente) between compound parts, longest first.
_LINKS = ("ens", "es", "en", "er", "ns", "s", "n", "e")
_MIN_PART = 3
_MIN_KNOWN_NEXT_TO_UNKNOWN = 4
# No German compound part is longer than this, and no word worth splitting
# longer than _MAX_SPLIT: longer tokens (ids, URLs, run-together text in
# exported documentation) stay whole, which keeps splitting linear in the text.
_MAX_PART = 24
_MAX_SPLIT = 48
_MAX_STEM = 64
# (part, is it the last part?) → (stem, written exactly as listed) or None
_KnownFn = Callable[[str, bool], "tuple[str, bool] | None"]

# Function words that carry no meaning for comparing two labels.
STOP_WORDS = frozenset(
    [
        "der",
        "die",
        "das",
        "des",
        "dem",
        "den",
        "ein",
        "eine",
        "einer",
        "eines",
        "einem",
        "einen",
        "und",
        "oder",
        "aber",
        "mit",
        "im",
        "in",
        "an",
        "am",
        "auf",
        "aus",
        "bei",
        "beim",
        "bis",
        "für",
        "fürs",
        "von",
        "vom",
        "vor",
        "zu",
        "zum",
        "zur",
        "über",
        "unter",
        "nach",
        "ob",
        "als",
        "wie",
        "wenn",
        "dass",
        "da",
        "so",
        "nicht",
        "kein",
        "keine",
        "ist",
        "sind",
        "wird",
        "werden",
        "wurde",
        "wurden",
        "hat",
        "haben",
        "sein",
        "ggf",
        "bzw",
        "evtl",
        "etc",
        "usw",
        "per",
        "je",
        "sowie",
    ]
)


@cache
def _stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("german")


def normalise(text: str) -> str:
    """NFC-normalised text with runs of white space as one space."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def tokens(text: str) -> list[str]:
    """The words of a text as written (NFC), in order."""
    return _WORD.findall(unicodedata.normalize("NFC", text))


@lru_cache(maxsize=65_536)
def stem(word: str) -> str:
    """The Snowball stem of one word, lower case, umlauts folded, "-ung" removed."""
    lowered = unicodedata.normalize("NFC", word).casefold().replace("-", "")
    if len(lowered) > _MAX_STEM:
        return lowered
    stemmed: str = _stemmer().stemWord(lowered)
    if stemmed.endswith("ung") and len(stemmed) >= 6:
        stemmed = stemmed[:-3]
    return stemmed


@dataclass(frozen=True, slots=True)
class Word:
    """One word of a text: as written, its stem, and the stems of its parts.

    ``parts`` is ``(stem,)`` for a word that is not a compound (or not one the
    vocabulary can split).
    """

    text: str
    stem: str
    parts: tuple[str, ...]

    def has(self, wanted: str) -> bool:
        """True when the stem ``wanted`` is this word or one of its parts."""
        return wanted == self.stem or wanted in self.parts

    @property
    def is_stop_word(self) -> bool:
        return self.text.casefold() in STOP_WORDS


class Vocabulary:
    """Known German words (by stem and as written) for splitting compounds."""

    def __init__(self, words: Iterable[str]) -> None:
        forms: set[str] = set()
        for word in words:
            for token in tokens(word):
                forms.add(token.casefold())
        self._forms = frozenset(forms)
        self._stems = frozenset(stem(form) for form in forms if len(form) >= _MIN_PART)
        self._split_cache: dict[str, tuple[str, ...]] = {}

    @classmethod
    def default(cls) -> Vocabulary:
        """The vocabulary shipped with Lotse (shared, read once)."""
        return _default_vocabulary()

    def extended(self, words: Iterable[str]) -> Vocabulary:
        """A new vocabulary with these words added."""
        return Vocabulary([*self._forms, *words])

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and stem(word) in self._stems

    def __len__(self) -> int:
        return len(self._forms)

    def split(self, word: str) -> tuple[str, ...]:
        """Stems of the parts of a (compound) word; the word's stem alone if none.

        Hyphenated words split at the hyphens first; a single letter joins the
        next piece ("E-Mail" → ``email``).
        """
        key = unicodedata.normalize("NFC", word).casefold()
        found = self._split_cache.get(key)
        if found is None:
            found = tuple(
                part for piece in _hyphen_pieces(key) for part in self._split_piece(piece)
            )
            if len(self._split_cache) < 100_000:
                self._split_cache[key] = found
        return found

    def words(self, text: str) -> list[Word]:
        """Every word of a text with its stem and compound parts."""
        return [Word(token, stem(token), self.split(token)) for token in tokens(text)]

    def _known(self, part: str, last: bool) -> tuple[str, bool] | None:
        """(stem, written exactly as listed) when the vocabulary knows this part.

        A part before another one may end in a linking element; the last part
        may carry a genitive or plural "s".
        """
        candidates = [part]
        if not last:
            candidates += [part[: -len(link)] for link in _LINKS if part.endswith(link)]
        elif part.endswith("s"):
            candidates.append(part[:-1])
        for candidate in candidates:
            if len(candidate) < _MIN_PART:
                continue
            if candidate in self._forms:
                return stem(candidate), True
        for candidate in candidates:
            if len(candidate) >= _MIN_PART and stem(candidate) in self._stems:
                return stem(candidate), False
        return None

    def _split_piece(self, piece: str) -> tuple[str, ...]:
        if len(piece) > _MAX_SPLIT:
            return (stem(piece),)
        best = _best_split(piece, self._known)
        if best is None:
            return (stem(piece),)
        if len(best) == 1:
            # a known word: its parts still count if all of them are known
            # ("Eingangsstempel" holds "Stempel")
            parts = _best_split(piece, self._known, allow_unknown=False, allow_whole=False)
            return parts if parts is not None else best
        return best


def _hyphen_pieces(word: str) -> list[str]:
    pieces = [p for p in word.split("-") if p]
    joined: list[str] = []
    carry = ""
    for piece in pieces:
        if len(piece) == 1 and piece.isalpha() and not carry:
            carry = piece
            continue
        joined.append(carry + piece)
        carry = ""
    if carry:
        joined.append(carry)
    return joined


@dataclass(frozen=True, slots=True, order=True)
class _Cost:
    unknown_parts: int
    parts: int
    not_exact_letters: int
    unknown_letters: int  # the known neighbour takes the linking "s"


def _best_split(
    word: str,
    known: _KnownFn,
    *,
    allow_unknown: bool = True,
    allow_whole: bool = True,
    max_parts: int = 4,
) -> tuple[str, ...] | None:
    """The cheapest segmentation of ``word`` into parts (stems), by dynamic programming.

    Cost, compared in this order: unknown parts, number of parts, letters in
    parts known only by stem (not written as listed), letters in the unknown
    part. At most one unknown
    part, and only next to a known part of four letters or more.
    """
    n = len(word)
    # best[i] = (cost, parts, longest known part) for word[:i]
    best: list[tuple[_Cost, tuple[str, ...], int] | None] = [None] * (n + 1)
    best[0] = (_Cost(0, 0, 0, 0), (), 0)
    for i in range(n):
        start = best[i]
        if start is None or start[0].parts >= max_parts:
            continue
        cost, parts, longest = start
        for j in range(i + _MIN_PART, min(n, i + _MAX_PART) + 1):
            if i == 0 and j == n and not allow_whole:
                continue
            piece = word[i:j]
            hit = known(piece, j == n)
            if hit is not None:
                part_stem, exact = hit
                new_cost = _Cost(
                    cost.unknown_parts,
                    cost.parts + 1,
                    cost.not_exact_letters + (0 if exact else len(piece)),
                    cost.unknown_letters,
                )
                candidate = (new_cost, (*parts, part_stem), max(longest, len(piece)))
            elif allow_unknown and cost.unknown_parts == 0 and not (i == 0 and j == n):
                new_cost = _Cost(1, cost.parts + 1, cost.not_exact_letters, len(piece))
                candidate = (new_cost, (*parts, stem(_strip_link(piece, last=j == n))), longest)
            else:
                continue
            current = best[j]
            if current is None or candidate[0] < current[0]:
                best[j] = candidate
    found = best[n]
    if found is None:
        return None
    cost, parts, longest = found
    if cost.unknown_parts and (longest < _MIN_KNOWN_NEXT_TO_UNKNOWN or len(parts) < 2):
        return None
    return parts


def _strip_link(piece: str, *, last: bool) -> str:
    """An unknown part without the linking element it most likely carries."""
    if last:
        return piece
    for link in ("s",):  # the only link common enough to assume blindly
        if piece.endswith(link) and len(piece) - len(link) >= _MIN_PART:
            return piece[: -len(link)]
    return piece


@cache
def _default_vocabulary() -> Vocabulary:
    lines = VOCABULARY_FILE.read_text(encoding="utf-8").splitlines()
    return Vocabulary(line for line in lines if line.strip() and not line.startswith("#"))


def content_stems(text: str, vocabulary: Vocabulary | None = None) -> Counter[str]:
    """The meaningful stems of a text: compound parts of every word but stop words."""
    vocabulary = vocabulary or Vocabulary.default()
    found: Counter[str] = Counter()
    for word in vocabulary.words(text):
        if not word.is_stop_word:
            found.update(word.parts)
    return found


def similarity(a: str, b: str, vocabulary: Vocabulary | None = None) -> float:
    """How alike two labels are, 0.0 to 1.0 (Dice over their content stems).

    Word order, inflection, compounding and function words do not matter:
    "Urlaubsantrag prüfen" and "Prüfung des Antrags auf Urlaub" are 1.0.
    """
    first, second = content_stems(a, vocabulary), content_stems(b, vocabulary)
    total = sum(first.values()) + sum(second.values())
    if total == 0:
        return 1.0 if normalise(a).casefold() == normalise(b).casefold() else 0.0
    return 2 * sum((first & second).values()) / total
