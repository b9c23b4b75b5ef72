"""Finding the model's words in task names, annotations and data names, as German words.

A word list entry is a German word in any inflection ("erfassen"), several
words in a row ("vor Ort"), or a regular expression on the raw text written
``re:…`` (keyboard shortcuts: ``re:\\b(?:strg|ctrl)\\s*[-+]\\s*\\w\\b``).
Words are compared by Snowball stem (:mod:`processes.words`): "Erfassung"
matches "erfassen", "sicherstellen" does not hold "erstellen". Inside a
compound, a list marked ``head`` matches only the last part
("Rechnungs-prüfung" is a check, "Prüf-vermerk" is not), a list marked
``any`` any part ("Kennwort-eingabe" holds a secret).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated

from pydantic import AfterValidator

from processes.words import Vocabulary, Word


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
    """Word lists compiled once; ``find`` is cached per text (task names recur)."""

    def __init__(self, lists: dict[str, tuple[tuple[str, ...], str]]) -> None:
        all_words = [w for words, _ in lists.values() for w in words if not w.startswith("re:")]
        self.vocabulary = Vocabulary.default().extended(all_words)
        self._lists: dict[str, tuple[list[_Entry], bool]] = {}
        for key, (words, parts) in lists.items():
            entries = []
            for word in words:
                if word.startswith("re:"):
                    entries.append(_Entry((), re.compile(word[3:], re.IGNORECASE)))
                else:
                    stems = tuple(w.stem for w in self.vocabulary.words(word))
                    if stems:
                        entries.append(_Entry(stems, None))
            self._lists[key] = (entries, parts == "any")
        self._cache: dict[str, dict[str, str]] = {}

    def find(self, text: str) -> dict[str, str]:
        """{list key: the word (as written) that matched} for one text."""
        found = self._cache.get(text)
        if found is not None:
            return found
        words = self.vocabulary.words(text)
        found = {}
        for key, (entries, any_part) in self._lists.items():
            hit = _first_hit(text, words, entries, any_part)
            if hit is not None:
                found[key] = hit
        if len(self._cache) < 100_000:
            self._cache[text] = found
        return found


def _first_hit(text: str, words: list[Word], entries: list[_Entry], any_part: bool) -> str | None:
    for entry in entries:
        if entry.pattern is not None:
            match = entry.pattern.search(text)
            if match:
                return match.group(0).strip()
            continue
        size = len(entry.stems)
        for start in range(len(words) - size + 1):
            window = words[start : start + size]
            if all(
                _has(word, wanted, any_part or size > 1)
                for word, wanted in zip(window, entry.stems, strict=True)
            ):
                return " ".join(w.text for w in window)
    return None


def _has(word: Word, wanted: str, any_part: bool) -> bool:
    if word.stem == wanted:
        return True
    return wanted in word.parts if any_part else word.parts[-1] == wanted
