"""If-then routing rules for the mailroom: a readable YAML file, validated on load.

Per department: weighted keywords (tolerant of German inflection and
compounds), phrases, regular expressions, sender patterns and negative
keywords. Across departments: file references (``Az. 63.2-…``: the leading
number is the department), the in-house address block (``An: 51 – Jugendamt``)
and advertising. The decision is a department with a confidence and the
reasons, or REVIEW when no department is sure enough, two are too close, the
text is unreadable or the letter is advertising.

The rules file is the one definition of a file reference (Aktenzeichen): a
reference pattern's group ``(?P<aktenzeichen>…)`` is recorded with the decision,
and the e-file robot files the letter under it. A city that edits the pattern
changes routing and filing together.

Patterns are written by administrators and run on text from strangers: they run
with the ``regex`` module and a time limit, and a pattern that takes too long
sends the letter to a person instead of stalling the robot.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import regex
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from common.german import number
from robots.letter_text import labelled_subject

log = logging.getLogger(__name__)

REVIEW = "REVIEW"
# Seconds one administrator-written pattern may search one letter's text.
PATTERN_SECONDS = 1.0


class RulesError(ValueError):
    """The rules file is unusable; the message names the entry and the problem."""


class PatternTooSlow(Exception):
    """An administrator's pattern ran longer than ``PATTERN_SECONDS`` on one text."""

    def __init__(self, pattern: str) -> None:
        super().__init__(pattern)
        self.pattern = pattern


# -- text normalisation ----------------------------------------------------------

_FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss", "\u00ad": ""})
_HYPHEN_BREAK = re.compile(r"(\w)-\s*\n\s*(\w)")
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Lower case, umlauts folded, words re-joined across hyphenated line breaks.

    Folding umlauts makes plurals match their singular ("Bauanträge" →
    "bauantrage" contains "bauantrag").
    """
    text = _HYPHEN_BREAK.sub(r"\1\2", text)
    return _SPACES.sub(" ", text.lower().translate(_FOLD)).strip()


def _word_pattern(term: str) -> re.Pattern[str]:
    """A keyword of five letters or more matches inside compounds; a shorter one
    only as the start of a word ("Kita" must not match "Akita")."""
    key = re.escape(normalise(term)).replace(r"\ ", r"\s+")
    if len(normalise(term)) >= 5:
        return re.compile(key)
    return re.compile(rf"(?<![^\W\d_]){key}")


# -- the rules file ----------------------------------------------------------------


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Thresholds(_Strict):
    min_score: float = Field(gt=0)
    min_margin: float = Field(ge=0)
    max_second_share: float = Field(gt=0, le=1)
    min_letters: int = Field(ge=0)
    min_ocr_confidence: float = Field(ge=0, le=100)
    subject_factor: float = Field(ge=1)


class Reference(_Strict):
    """Text that names the department by its number: file references, in-house addresses.

    ``(?P<code>…)`` is the department; ``(?P<aktenzeichen>…)``, where there is one,
    the whole file reference under which the letter is filed.
    """

    label: str
    weight: float = Field(gt=0)
    patterns: tuple[str, ...]

    @field_validator("patterns")
    @classmethod
    def _compile(cls, patterns: tuple[str, ...]) -> tuple[str, ...]:
        for pattern in patterns:
            compiled = _compile(pattern)
            if "code" not in compiled.groupindex:
                raise ValueError(
                    f"Muster „{pattern}“ braucht eine Gruppe (?P<code>…) für die Amtsnummer"
                )
        return patterns


class AddressedTo(_Strict):
    """A department named in the address field ("Stadt Seestadt – Bürgeramt –")."""

    weight: float = Field(gt=0)
    header_lines: int = Field(gt=0)


class Advertising(_Strict):
    threshold: float = Field(gt=0)
    keywords: dict[str, float]


class DepartmentRules(_Strict):
    name: str = ""
    names: tuple[str, ...] = ()  # how letters address the department (besides ``name``)
    keywords: dict[str, float] = Field(default_factory=dict)
    phrases: dict[str, float] = Field(default_factory=dict)
    patterns: dict[str, float] = Field(default_factory=dict)
    senders: dict[str, float] = Field(default_factory=dict)
    negative: dict[str, float] = Field(default_factory=dict)

    @field_validator("patterns", "senders")
    @classmethod
    def _regexes(cls, patterns: dict[str, float]) -> dict[str, float]:
        for pattern in patterns:
            _compile(pattern)
        return patterns


def _compile(pattern: str) -> regex.Pattern[str]:
    try:
        return regex.compile(pattern, regex.IGNORECASE | regex.MULTILINE)
    except regex.error as exc:
        raise ValueError(f"ungültiger regulärer Ausdruck „{pattern}“: {exc}") from None


def _search(pattern: regex.Pattern[str], text: str) -> regex.Match[str] | None:
    try:
        return pattern.search(text, timeout=PATTERN_SECONDS)
    except TimeoutError:
        raise PatternTooSlow(pattern.pattern) from None


def _finditer(pattern: regex.Pattern[str], text: str) -> list[regex.Match[str]]:
    try:
        return list(pattern.finditer(text, timeout=PATTERN_SECONDS))
    except TimeoutError:
        raise PatternTooSlow(pattern.pattern) from None


class RulesFile(_Strict):
    version: str
    thresholds: Thresholds
    references: tuple[Reference, ...]
    addressed_to: AddressedTo
    advertising: Advertising
    departments: dict[str, DepartmentRules]


# -- compiled rules ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Term:
    label: str
    pattern: re.Pattern[str] | regex.Pattern[str]
    weight: float


@dataclass(slots=True)
class Decision:
    status: str  # "routed" or "review"
    department: str | None
    confidence: float
    reasons: list[str]
    candidates: list[tuple[str, float]] = field(default_factory=list)  # best guesses, for review
    # The routed department's file reference as the letter names it (see Rules.file_numbers).
    file_number: str | None = None
    # Review only because no department won clearly (not: unreadable, advertising):
    # the one case in which the learned classifier may route, if IT switched that on.
    unsure: bool = False

    @property
    def routed(self) -> bool:
        return self.status == "routed"


def _candidate_reasons(
    ranking: list[tuple[str, float]], reasons: dict[str, list[tuple[float, str]]]
) -> list[str]:
    """The strongest reasons of each guess, so that the review page can show each guess
    with its own reasons (they name it: "… → 33 Bürgeramt (+3)")."""
    return [text for code, _ in ranking for _, text in sorted(reasons[code], reverse=True)[:2]]


class Rules:
    """Validated, compiled rules. Build with :func:`load_rules`."""

    def __init__(self, spec: RulesFile, names: dict[str, str], source: str) -> None:
        self.spec = spec
        self.source = source
        self.version = spec.version
        self.names = {
            code: rules.name or names.get(code, code) for code, rules in spec.departments.items()
        }
        self.thresholds = spec.thresholds

    @cached_property
    def _compiled(self) -> dict[str, dict[str, list[_Term]]]:
        compiled: dict[str, dict[str, list[_Term]]] = {}
        for code, rules in self.spec.departments.items():
            compiled[code] = {
                "keywords": [_Term(k, _word_pattern(k), w) for k, w in rules.keywords.items()],
                "phrases": [_Term(k, _word_pattern(k), w) for k, w in rules.phrases.items()],
                "patterns": [_Term(k, _compile(k), w) for k, w in rules.patterns.items()],
                "senders": [_Term(k, _compile(k), w) for k, w in rules.senders.items()],
                "negative": [_Term(k, _word_pattern(k), w) for k, w in rules.negative.items()],
            }
        return compiled

    @cached_property
    def _code_patterns(self) -> list[tuple[str, regex.Pattern[str], float]]:
        return [
            (reference.label, _compile(pattern), reference.weight)
            for reference in self.spec.references
            for pattern in reference.patterns
        ]

    def file_numbers(self, text: str) -> dict[str, str]:
        """Department → the first file reference of that department the text names.

        References are tried in the order of the rules file, so a labelled
        "Az. …" wins over a bare number further up. Raises PatternTooSlow.
        """
        numbers: dict[str, str] = {}
        self._references(text, defaultdict(float), defaultdict(list), numbers)
        return numbers

    def file_number(self, text: str, department: str) -> str | None:
        """The file reference of ``department`` in the text (for a person's decision)."""
        try:
            return self.file_numbers(text).get(department)
        except PatternTooSlow:
            return None

    @cached_property
    def _address_names(self) -> list[tuple[str, _Term]]:
        """(code, term) for every way a letter may address a department, longest first."""
        weight = self.spec.addressed_to.weight
        found = [
            (code, _Term(alias, _word_pattern(alias), weight))
            for code, rules in self.spec.departments.items()
            for alias in {rules.name, self.names.get(code, ""), *rules.names} - {""}
        ]
        return sorted(found, key=lambda item: -len(item[1].label))

    @cached_property
    def _advertising(self) -> list[_Term]:
        return [_Term(k, _word_pattern(k), w) for k, w in self.spec.advertising.keywords.items()]

    def decide(self, text: str, *, ocr_confidence: float | None = None) -> Decision:
        """Route a letter's text to a department, or to REVIEW, with the reasons."""
        try:
            return self._decide(text, ocr_confidence)
        except PatternTooSlow as slow:
            log.warning("Muster zu langsam, Brief zur Prüfung: %s", slow.pattern)
            return Decision(
                REVIEW.lower(), None, 0.0,
                [f"Das Muster „{_clip(slow.pattern)}“ der Regeldatei brauchte zu lange "
                 f"(über {_num(PATTERN_SECONDS)} s); bitte die Regeldatei prüfen lassen."],
            )  # fmt: skip

    def _decide(self, text: str, ocr_confidence: float | None) -> Decision:
        t = self.thresholds
        letters = sum(1 for char in text if char.isalpha())
        if letters < t.min_letters or (
            ocr_confidence is not None and ocr_confidence < t.min_ocr_confidence
        ):
            shown = (
                "" if ocr_confidence is None else f", Erkennungssicherheit {ocr_confidence:.0f} %"
            )
            return Decision(
                REVIEW.lower(),
                None,
                0.0,
                [f"Text nicht sicher lesbar ({letters} Buchstaben{shown})."],
            )

        scores: dict[str, float] = defaultdict(float)
        reasons: dict[str, list[tuple[float, str]]] = defaultdict(list)
        numbers: dict[str, str] = {}
        references = self._references(text, scores, reasons, numbers)
        normal = normalise(text)
        subject = normalise(_subject(text))
        header = normalise("\n".join(text.strip().splitlines()[:15]))
        for code, groups in self._compiled.items():
            self._score_terms(
                code, groups["keywords"] + groups["phrases"], normal, subject, scores, reasons
            )
            for term in groups["patterns"]:
                match = _search(term.pattern, text)
                if match:
                    scores[code] += term.weight
                    reasons[code].append(
                        (
                            term.weight,
                            f"Muster „{_clip(match.group(0))}“ → {self._label(code)} ({_points(term.weight)})",
                        )
                    )
            for term in groups["senders"]:
                match = _search(term.pattern, header)
                if match:
                    scores[code] += term.weight
                    reasons[code].append(
                        (
                            term.weight,
                            f"Absender „{_clip(match.group(0))}“ → {self._label(code)} ({_points(term.weight)})",
                        )
                    )
            for term in groups["negative"]:
                hits = len(term.pattern.findall(normal))
                if hits and scores.get(code):
                    scores[code] -= term.weight
                    reasons[code].append(
                        (
                            -term.weight,
                            f"„{term.label}“ spricht gegen {self._label(code)} ({_points(-term.weight)})",
                        )
                    )

        advertising = sum(term.weight for term in self._advertising if term.pattern.search(normal))
        if advertising >= self.spec.advertising.threshold and not references:
            words = [term.label for term in self._advertising if term.pattern.search(normal)]
            ranking = _ranking(scores)[:3]
            return Decision(
                REVIEW.lower(), None, 0.0,
                [f"Werbung oder keine Verwaltungspost ({', '.join(f'„{w}“' for w in words[:4])}).",
                 *_candidate_reasons(ranking, reasons)],
                ranking,
            )  # fmt: skip

        ranking = _ranking(scores)
        if not ranking or ranking[0][1] < t.min_score:
            hint = (
                f"; am ehesten {self._label(ranking[0][0])} mit {_num(ranking[0][1])} Punkten"
                if ranking
                else ""
            )
            return Decision(
                REVIEW.lower(), None, 0.0,
                [f"Kein Amt ist sicher genug (nötig sind {_num(t.min_score)} Punkte{hint}).",
                 *_candidate_reasons(ranking[:3], reasons)],
                ranking[:3], unsure=True,
            )  # fmt: skip
        code, best = ranking[0]
        second = ranking[1][1] if len(ranking) > 1 else 0.0
        if best - second < t.min_margin or second > t.max_second_share * best:
            other = ranking[1][0]
            return Decision(
                REVIEW.lower(),
                None,
                0.0,
                [
                    f"Zwei Ämter liegen zu nah beieinander: {self._label(code)} ({_num(best)} Punkte) "
                    f"und {self._label(other)} ({_num(second)} Punkte).",
                    *[text for _, text in sorted(reasons[code], reverse=True)[:3]],
                    *[text for _, text in sorted(reasons[other], reverse=True)[:3]],
                ],
                ranking[:3],
                unsure=True,
            )
        margin = (best - second) / best
        strength = min(1.0, best / (2 * t.min_score))
        confidence = round(margin * strength, 2)
        why = [text for _, text in sorted(reasons[code], key=lambda r: -r[0])[:6]]
        if second:
            why.append(f"Zweitbestes Amt: {self._label(ranking[1][0])} mit {_num(second)} Punkten.")
        return Decision("routed", code, confidence, why, ranking[:3], numbers.get(code))

    def _label(self, code: str) -> str:
        name = self.names.get(code)
        return f"{code} {name}" if name and name != code else code

    def _addressed_to(
        self, text: str, scores: dict[str, float], reasons: dict[str, list[tuple[float, str]]]
    ) -> bool:
        """The department named in the address field; a sender's own "Von:" line does not count."""
        lines = text.strip().splitlines()[: self.spec.addressed_to.header_lines]
        header = normalise(
            "\n".join(line for line in lines if not re.match(r"\s*(von|absender)\s*:", line, re.I))
        )
        named: set[str] = set()
        for code, term in self._address_names:
            if code not in named and term.pattern.search(header):
                named.add(code)
                scores[code] += term.weight
                reasons[code].append(
                    (
                        term.weight,
                        f"Anschrift „{term.label}“ → {self._label(code)} ({_points(term.weight)})",
                    )
                )
        return len(named) == 1

    def _references(
        self,
        text: str,
        scores: dict[str, float],
        reasons: dict[str, list[tuple[float, str]]],
        numbers: dict[str, str],
    ) -> bool:
        """Score references; ``numbers`` gets each department's first file reference."""
        found = self._addressed_to(text, scores, reasons)
        for label, pattern, weight in self._code_patterns:
            seen = set()
            for match in _finditer(pattern, text):
                code = match.group("code")
                if code not in self._compiled:
                    continue
                if "aktenzeichen" in pattern.groupindex and match.group("aktenzeichen"):
                    numbers.setdefault(code, match.group("aktenzeichen").rstrip("./-"))
                if code in seen:
                    continue
                seen.add(code)
                found = True
                scores[code] += weight
                reasons[code].append(
                    (
                        weight,
                        f"{label} „{_clip(match.group(0))}“ → {self._label(code)} ({_points(weight)})",
                    )
                )
        return found

    def _score_terms(
        self,
        code: str,
        terms: Iterable[_Term],
        normal: str,
        subject: str,
        scores: dict[str, float],
        reasons: dict[str, list[tuple[float, str]]],
    ) -> None:
        factor = self.thresholds.subject_factor
        # A term inside a longer term's match does not count again:
        # "Baumschutzsatzung" must not also score as "Baumschutz" and "Baum".
        taken: list[tuple[int, int]] = []
        hits: dict[str, tuple[_Term, int, bool]] = {}
        for term in sorted(terms, key=lambda t: -len(t.label)):
            count = 0
            for match in term.pattern.finditer(normal):
                start, end = match.span()
                if any(s <= start and end <= e for s, e in taken):
                    continue
                taken.append((start, end))
                count += 1
            if count:
                in_subject = bool(subject) and term.pattern.search(subject) is not None
                hits[term.label] = (term, count, in_subject)
        for label, (term, count, in_subject) in hits.items():
            # Repetition counts, with diminishing returns: at most twice the weight.
            points = term.weight * min(2.0, 1 + 0.25 * (count - 1))
            where = f"{count}× im Text" if count > 1 else "im Text"
            if in_subject:
                points *= factor
                where = "im Betreff"
            scores[code] += points
            reasons[code].append(
                (points, f"„{label}“ {where} → {self._label(code)} ({_points(points)})")
            )


def _subject(text: str) -> str:
    return labelled_subject(text.splitlines()) or ""


def _ranking(scores: dict[str, float]) -> list[tuple[str, float]]:
    return sorted(((c, round(s, 2)) for c, s in scores.items() if s > 0), key=lambda item: -item[1])


def _clip(text: str, length: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"


def _num(value: float) -> str:
    return number(value, 1).removesuffix(",0")


def _points(value: float) -> str:
    sign = "+" if value >= 0 else "−"
    return f"{sign}{_num(abs(value))}"


def load_rules(path: Path, departments: dict[str, str]) -> Rules:
    """Read and validate a rules file against the known departments (code → name)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise RulesError(f"Regeldatei {path} kann nicht gelesen werden ({exc.strerror}).") from None
    except yaml.YAMLError as exc:
        raise RulesError(
            f"Regeldatei {path.name} ist kein gültiges YAML: {_first_line(exc)}"
        ) from None
    try:
        spec = RulesFile.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(part) for part in error["loc"])
        raise RulesError(f"Regeldatei {path.name}, Eintrag „{where}“: {_german(error)}") from None
    unknown = sorted(set(spec.departments) - set(departments))
    if unknown:
        raise RulesError(
            f"Regeldatei {path.name}: unbekannte Ämter {', '.join(unknown)}; bekannt sind "
            f"{', '.join(sorted(departments))}."
        )
    return Rules(spec, departments, str(path))


_PYDANTIC_GERMAN = {
    "missing": "fehlt",
    "extra_forbidden": "ist unbekannt (Tippfehler?)",
    "float_parsing": "muss eine Zahl sein",
    "float_type": "muss eine Zahl sein",
    "int_parsing": "muss eine ganze Zahl sein",
    "string_type": "muss ein Text sein",
    "dict_type": "muss eine Zuordnung (Schlüssel: Wert) sein",
    "tuple_type": "muss eine Liste sein",
    "greater_than": "ist zu klein",
    "greater_than_equal": "ist zu klein",
    "less_than_equal": "ist zu groß",
}


def _german(error: Any) -> str:
    if error["type"] == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    return _PYDANTIC_GERMAN.get(error["type"], str(error["msg"]))


def _first_line(exc: Exception) -> str:
    return " ".join(str(exc).split())[:200]
