"""Finding the model's words in task names, annotations and data names, as German words.

A word list entry is a German word in any inflection ("erfassen"), several
words in a row ("vor Ort"), or a regular expression on the raw text written
``re:…`` (keyboard shortcuts: ``re:\\b(?:strg|ctrl)\\s*[-+]\\s*\\w\\b``).
Words are compared by Snowball stem (:mod:`processes.words`): "Erfassung"
matches "erfassen", "sicherstellen" does not hold "erstellen". Inside a
compound, a list marked ``head`` matches only the last part
("Rechnungs-prüfung" is a check, "Prüf-vermerk" is not), a list marked
``any`` any part ("Kennwort-eingabe" holds a secret).

A list entry written as a lower-case infinitive ("buchen", "tragen") is a
verb: it matches the verb's forms and action nouns ("gebucht", "Buchung",
"Rechnungsbuchung"), never a noun that only shares its stem ("Eingangsbuch")
and never a verb with another prefix ("eintragen" is not "tragen"). Other
entries (nouns, adjectives: "Stempel", "formal") match by stem as before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated

from pydantic import AfterValidator

from processes.words import PARTICLES, Vocabulary, Word


def _clean(words: tuple[str, ...]) -> tuple[str, ...]:
    cleaned = []
    for word in words:
        word = word.strip()
        if word.startswith("re:"):
            try:
                re.compile(word[3:])
            except re.error as exc:
                raise ValueError(f"„{word}“ ist kein gültiger regulärer Ausdruck ({exc})") from None
        if word:
            cleaned.append(word.removeprefix("^"))  # "^" marked word starts in older models
    return tuple(cleaned)


WordList = Annotated[tuple[str, ...], AfterValidator(_clean)]


@dataclass(frozen=True, slots=True)
class _Entry:
    stems: tuple[str, ...]
    pattern: re.Pattern[str] | None


class Matcher:
    """Word lists compiled once; ``find`` is cached per text (task names recur).

    Single words are looked up by stem (one dictionary probe per word of the
    text and list), not compared entry by entry: exports carry long
    documentation texts, and the lists have a hundred words each.
    """

    def __init__(self, lists: dict[str, tuple[tuple[str, ...], str]]) -> None:
        all_words = [w for words, _ in lists.values() for w in words if not w.startswith("re:")]
        self.vocabulary = Vocabulary.default().extended(all_words)
        self._lists: dict[str, _Compiled] = {}
        for key, (words, parts) in lists.items():
            singles: set[str] = set()
            verbs: set[str] = set()
            phrases: list[tuple[str, ...]] = []
            patterns: list[re.Pattern[str]] = []
            for word in words:
                if word.startswith("re:"):
                    patterns.append(re.compile(word[3:], re.IGNORECASE))
                    continue
                stems = tuple(w.stem for w in self.vocabulary.words(word))
                if len(stems) == 1 and is_verb(word):
                    verbs.add(stems[0])
                    if _has_particle(word):
                        # a particle verb's bare stem is its action noun:
                        # "Abgleich", "Eintrag", "Abruf" (but "Buch" is no "buchen")
                        singles.add(stems[0])
                elif len(stems) == 1:
                    singles.add(stems[0])
                elif stems:
                    phrases.append(stems)
            self._lists[key] = _Compiled(
                frozenset(singles),
                frozenset(verbs),
                phrases,
                patterns,
                parts == "any",
                frozenset(singles | verbs),
            )
        self._cache: dict[str, dict[str, str]] = {}

    def find(self, text: str) -> dict[str, str]:
        """{list key: the word (as written) that matched} for one text."""
        found = self._cache.get(text)
        if found is not None:
            return found
        words = self.vocabulary.words(text)
        found = {}
        for key, compiled in self._lists.items():
            hit = compiled.first_hit(text, words)
            if hit is not None:
                found[key] = hit
        if len(self._cache) < 100_000:
            self._cache[text] = found
        return found


def is_verb(entry: str) -> bool:
    """A list entry written as one lower-case infinitive ("erfassen", "tragen")."""
    entry = entry.strip()
    return entry[:1].islower() and entry.isalpha() and entry.endswith(("en", "ern", "eln"))


def _has_particle(verb: str) -> bool:
    folded = verb.casefold()
    return any(folded.startswith(p) and len(folded) - len(p) >= 6 for p in PARTICLES)


@dataclass(frozen=True, slots=True)
class _Compiled:
    singles: frozenset[str]
    verbs: frozenset[str]
    phrases: list[tuple[str, ...]]
    patterns: list[re.Pattern[str]]
    any_part: bool
    either: frozenset[str]  # singles and verbs: what a word's verb readings may match

    def first_hit(self, text: str, words: list[Word]) -> str | None:
        singles, verbs = self.singles, self.verbs
        for word in words:
            # a noun matches the verb it names ("Anruf": "ruft … an")
            if word.stem in singles or not self.either.isdisjoint(word.verbs):
                return word.text
            # any part: a verb may also be a first part ("Abwägungs-entscheidung")
            if self.any_part and any(p in singles or p in verbs for p in word.parts[:-1]):
                return word.text
            if word.parts[-1] in singles:
                return word.text
        for stems in self.phrases:
            size = len(stems)
            for start in range(len(words) - size + 1):
                window = words[start : start + size]
                if all(_has(w, wanted) for w, wanted in zip(window, stems, strict=True)):
                    return " ".join(w.text for w in window)
        for pattern in self.patterns:
            match = pattern.search(text)
            if match:
                return match.group(0).strip()
        return None


def _has(word: Word, wanted: str) -> bool:
    """In a phrase, a word may also be a compound holding the wanted part."""
    return word.stem == wanted or wanted in word.parts
