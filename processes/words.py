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
* A verb's prefix belongs to the verb. Separable particles ("ein-", "aus-",
  "über-", "weiter-" …) and inseparable prefixes ("be-", "ver-", "ent-" …)
  change a verb's meaning (eintragen ≠ tragen, beantragen ≠ tragen,
  vertragen ≠ tragen), so they are never compound parts of their own:
  "eintragen", "Auftrag" and "Vortrag" are one word each, "Posteintragung"
  is ``post`` + ``eintrag``. A prefixed verb that means what its base means
  (abholen ≈ holen) is listed by whoever needs it (the scoring model).
* ``Word.verbs`` are the infinitives (as stems) a word may be a form of:
  the infinitive itself and its action nouns ("Buchung", "das Buchen"), the
  participle ("gebucht", "eingetragen", "zugestellt", "übertragen"), the
  finite form ("prüft", "erfasst"), and a finite form whose particle stands
  at the end of its clause ("scannt das Schreiben ein" → einscannen). A noun
  that merely shares a verb's stem ("Eingangsbuch", "Kassenbuch" and
  "buchen") is no form of it.

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
# Verb particles and prefixes (written folded, as casefold() gives them). Never
# a compound part of their own: "ein|tragen" is one word. Longest first.
PARTICLES = tuple(
    sorted(
        {
            # separable
            "ab", "an", "auf", "aus", "bei", "dar", "durch", "ein", "entgegen", "fest",
            "fort", "frei", "gegenüber", "her", "heraus", "herein", "hin", "hinaus",
            "hinein", "hinter", "hinzu", "los", "mit", "nach", "nieder", "sicher", "statt",
            "über", "um", "unter", "voran", "vorbei", "vor", "weg", "weiter", "wieder",
            "zu", "zurück", "zusammen", "hoch", "herunter", "heran", "herum", "herauf",
            "hinauf", "hinunter", "bereit", "zurecht", "gegen",
            # inseparable
            "be", "emp", "ent", "er", "ge", "miss", "ver", "zer",
        },
        key=len,
        reverse=True,
    )
)  # fmt: skip
_PARTICLE_SET = frozenset(PARTICLES)
# Particles that split off a finite verb and stand at the end of the clause
# ("trägt den Eingang ein"): the separable ones.
_SEPARABLE = tuple(
    p for p in PARTICLES if p not in {"be", "emp", "ent", "er", "ge", "miss", "ver", "zer"}
)
# Written endings of the infinitive, the nominal infinitive and action nouns:
# a word ending like this may name a verb's activity ("Buchung", "Prüfen").
_VERBAL_ENDINGS = ("en", "ern", "eln", "ung", "ungen", "ens")
# Words that end a clause for a separated particle (besides punctuation).
_CLAUSE_BREAK = re.compile(
    r"[.,;:!?()\n\u2013\u2014]|\b(?:und|oder|sowie|dann|bzw)\b", re.IGNORECASE
)
_MIN_VERB_REST = 3
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
    # stems of the infinitives this word may be a form of (see the module's doc)
    verbs: frozenset[str] = frozenset()

    def has(self, wanted: str) -> bool:
        """True when the stem ``wanted`` is this word, one of its parts or its verb."""
        return wanted == self.stem or wanted in self.parts or wanted in self.verbs

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
        """Every word of a text with its stem, compound parts and verb readings."""
        found: list[Word] = []
        for clause in _CLAUSE_BREAK.split(unicodedata.normalize("NFC", text)):
            found += self._clause_words(tokens(clause))
        return found

    def _clause_words(self, written: list[str]) -> list[Word]:
        words = []
        for token in written:
            verbs = verb_forms(token)
            # an inflected verb is no compound: "weitergeleitet" is not "weiterg" + "leitet"
            parts = (stem(token),) if verbs and token[:1].islower() else self.split(token)
            words.append(Word(token, stem(token), parts, _verbal_head(token, parts) | verbs))
        particle = written[-1].casefold() if written else ""
        if len(written) >= 2 and particle in _SEPARABLE:
            # "scannt das Schreiben ein": the particle belongs to the finite verb before it
            for index in range(len(written) - 2, -1, -1):
                token = written[index]
                finite = _finite_infinitives(token.casefold()) if token[:1].islower() else []
                if finite and token.casefold() not in STOP_WORDS:
                    word = words[index]
                    joined = frozenset(stem(particle + f) for f in finite)
                    words[index] = Word(word.text, word.stem, word.parts, joined)
                    break
        return words

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
        candidates = [
            c
            for c in candidates
            if len(c) >= _MIN_PART and c not in _PARTICLE_SET and stem(c) not in _PARTICLE_SET
        ]
        for candidate in candidates:
            if candidate in self._forms:
                return stem(candidate), True
        for candidate in candidates:
            if stem(candidate) in self._stems:
                return stem(candidate), False
        # a prefixed word whose base is known is one word ("ein|tragen", "Auf|trag")
        for candidate in candidates:
            for particle in PARTICLES:
                rest = candidate[len(particle) :]
                if (
                    candidate.startswith(particle)
                    and len(rest) >= _MIN_PART
                    and self._known(rest, True) is not None
                ):
                    return stem(candidate), False
        return None

    def _known_exactly(self, part: str, last: bool) -> tuple[str, bool] | None:
        hit = self._known(part, last)
        return hit if hit is not None and hit[1] else None

    def _split_piece(self, piece: str) -> tuple[str, ...]:
        if len(piece) > _MAX_SPLIT:
            return (stem(piece),)
        best = _best_split(piece, self._known)
        if best is None:
            return (stem(piece),)
        if len(best) == 1:
            # a known word: its parts still count if each is written as listed
            # ("Eingangsstempel" holds "Stempel"; "sicherstellen" holds no "sich")
            parts = _best_split(piece, self._known_exactly, allow_unknown=False, allow_whole=False)
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
    # best[i] = (cost, parts, longest part written as listed) for word[:i]; an unknown
    # part needs such a neighbour: a part known only by its stem ("regist" of
    # "Register") is too weak to cut "Registratur" into "regist" + "ratur"
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
                candidate = (
                    new_cost,
                    (*parts, part_stem),
                    max(longest, len(piece)) if exact else longest,
                )
            elif (
                allow_unknown
                and cost.unknown_parts == 0
                and not (i == 0 and j == n)
                and _strip_link(piece, last=j == n) not in _PARTICLE_SET
            ):
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


def verb_forms(token: str) -> frozenset[str]:
    """Stems of the infinitives an inflected verb form may come from.

    "eingetragen" → eintragen, "zugestellt" → zustellen, "gebucht" → buchen,
    "erfasst" → erfassen, "prüft" → prüfen (finite forms only when written in
    lower case: a capitalised word ending in -t is a noun, "Amt", "Bericht").
    Candidates that are no German verb do no harm: only a list's verbs are
    looked up.
    """
    low = unicodedata.normalize("NFC", token).casefold().replace("-", "")
    if len(low) > _MAX_STEM or not low.isalpha():
        return frozenset()
    found: list[str] = []
    for particle in ("", *_SEPARABLE):
        head = particle + "ge"
        if low.startswith(head) and len(low) - len(head) >= _MIN_VERB_REST + 1:
            found += [particle + f for f in _from_ending(low[len(head) :], participle=True)]
    if token[:1].islower():
        found += _finite_infinitives(low)
    return frozenset(stem(f) for f in found)


def _finite_infinitives(low: str) -> list[str]:
    """Infinitives of a finite form or a participle without ge- ("prüft", "erfasst")."""
    if low.endswith("en"):
        return []  # an infinitive already, or a plural form
    return _from_ending(low, participle=False)


def _from_ending(rest: str, *, participle: bool) -> list[str]:
    if participle and rest.endswith("en") and len(rest) >= _MIN_VERB_REST + 2:
        return [rest]  # strong participle: (ein)ge-tragen
    if rest.endswith("et") and len(rest) >= _MIN_VERB_REST + 2:
        return [rest[:-2] + "en", rest[:-1] + "en"]  # (weiter)ge-leitet, bearbeitet
    if rest.endswith("t") and len(rest) >= _MIN_VERB_REST + 1:
        return [rest[:-1] + "en"]  # ge-bucht, zu-ge-stellt, erfasst, prüft
    return []


def _verbal_head(token: str, parts: tuple[str, ...]) -> frozenset[str]:
    """The head's stem when the word ends like an infinitive or an action noun."""
    low = unicodedata.normalize("NFC", token).casefold()
    return frozenset({parts[-1]}) if low.endswith(_VERBAL_ENDINGS) else frozenset()


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
