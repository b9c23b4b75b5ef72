"""The scoring model: weights, keyword lists and caps, read from a YAML file.

The shipped model is ``default_model.yaml`` next to this module; a city can
use its own copy (``LOTSE_SCORING_FILE``). The file is validated on load and a
broken one is refused with a message that names the problem.
"""

from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

DEFAULT_MODEL_FILE = Path(__file__).with_name("default_model.yaml")


class ScoringModelError(ValueError):
    """The scoring model file cannot be used; the message says why."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TaskType(_Strict):
    base: float = Field(ge=0, le=100)
    category: str | None = None
    reason: str


class KeywordGroup(_Strict):
    key: str
    points: float = Field(ge=-100, le=100)
    reason: str
    stems: tuple[str, ...] = Field(min_length=1)
    unless: tuple[str, ...] = ()

    @field_validator("stems")
    @classmethod
    def _lower(cls, stems: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(s.strip().lower() for s in stems if s.strip())


class Discretion(_Strict):
    cap: float = Field(ge=0, le=100)
    stems: tuple[str, ...]
    reason: str


class DataRules(_Strict):
    paper_points: float
    paper_reason: str
    digital_points: float
    digital_reason: str
    paper_stems: tuple[str, ...]
    digital_stems: tuple[str, ...]


class Categories(_Strict):
    robot: float = Field(ge=0, le=100)
    assist: float = Field(ge=0, le=100)


class ConditionWeights(_Strict):
    decisions: float = Field(ge=0)
    digital_input: float = Field(ge=0)
    exceptions: float = Field(ge=0)
    stability: float = Field(ge=0)


class Potential(_Strict):
    conditions_floor: float = Field(ge=0, le=1)
    condition_weights: ConditionWeights


class Decisions(_Strict):
    conditions: float
    labelled: float
    unlabelled: float
    none: float


class Unknown(_Strict):
    digital_input: float
    exceptions: float
    stability: float


class Stability(_Strict):
    stable: float
    some: float
    many: float


class EasePenalties(_Strict):
    tasks_free: int
    per_task: float
    tasks_max: float
    per_decision: float
    decisions_max: float
    per_loop: float
    loops_max: float
    per_extra_lane: float
    lanes_max: float
    per_message_flow: float
    message_flows_max: float
    per_extra_system: float
    systems_max: float
    paper_input: float
    changes_some: float
    changes_many: float
    changes_unknown: float
    per_discretionary_task: float
    discretion_max: float


class Quadrant(_Strict):
    potential: float
    ease: float
    not_suitable_below: float


class Feasibility(_Strict):
    max_it_systems: int


class Confidence(_Strict):
    missing_fact: dict[str, float]
    unjudged_tasks: float
    minimum: float


class ScoringModel(_Strict):
    version: str = Field(min_length=1, max_length=40)
    name: str
    task_types: dict[str, TaskType]
    keyword_groups: tuple[KeywordGroup, ...]
    discretion: Discretion
    data: DataRules
    categories: Categories
    potential: Potential
    decisions: Decisions
    unknown: Unknown
    stability: Stability
    ease_penalties: EasePenalties
    quadrant: Quadrant
    feasibility: Feasibility
    confidence: Confidence

    @field_validator("task_types")
    @classmethod
    def _plain_task_known(cls, types: dict[str, TaskType]) -> dict[str, TaskType]:
        if "task" not in types:
            raise ValueError("„task“ fehlt; es gilt für alle Aufgabentypen ohne eigenen Eintrag")
        return types

    @field_validator("keyword_groups")
    @classmethod
    def _known_unless(cls, groups: tuple[KeywordGroup, ...]) -> tuple[KeywordGroup, ...]:
        keys = {g.key for g in groups}
        for group in groups:
            unknown = set(group.unless) - keys
            if unknown:
                raise ValueError(f"Gruppe „{group.key}“ nennt unbekannte Gruppen {sorted(unknown)}")
        return groups

    @cached_property
    def _match_cache(self) -> dict[str, dict[str, str]]:
        return {}

    def matches(self, text: str) -> dict[str, str]:
        """{pattern key: the first word it matched} for a task's text.

        Cached: the same task names recur across a catalogue ("Antrag prüfen").
        """
        cache = self._match_cache
        found = cache.get(text)
        if found is None:
            found = {}
            for key, pattern in self.patterns.items():
                hit = pattern.search(text)
                if hit:
                    found[key] = hit.group(0)
            if len(cache) < 100_000:
                cache[text] = found
        return found

    @cached_property
    def patterns(self) -> dict[str, re.Pattern[str]]:
        """One compiled pattern per keyword group, plus discretion/paper/digital."""
        compiled = {g.key: stem_pattern(g.stems) for g in self.keyword_groups}
        compiled["_discretion"] = stem_pattern(self.discretion.stems)
        compiled["_paper"] = stem_pattern(self.data.paper_stems)
        compiled["_digital"] = stem_pattern(self.data.digital_stems)
        return compiled


def stem_pattern(stems: tuple[str, ...]) -> re.Pattern[str]:
    """Stems of five letters or more match inside words (German compounds);
    shorter ones, and any stem written with a leading ``^``, only at the start
    of a word, so that "hol" does not hit "Alkohol" nor "^tragen" "eintragen"."""
    parts = []
    for stem in sorted(set(stems), key=len, reverse=True):
        word_start = stem.startswith("^") or len(stem) < 5
        escaped = re.escape(stem.removeprefix("^"))
        parts.append(rf"(?<![^\W\d_]){escaped}" if word_start else escaped)
    # the whole word around the match, so that reasons can quote it
    return re.compile(rf"[^\W_]*(?:{'|'.join(parts)})[^\W_]*", re.IGNORECASE)


def load_model(path: Path | None = None) -> ScoringModel:
    source = path or DEFAULT_MODEL_FILE
    try:
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ScoringModelError(
            f"Das Bewertungsmodell {source} kann nicht gelesen werden ({exc.strerror})."
        ) from None
    except yaml.YAMLError as exc:
        raise ScoringModelError(
            f"Das Bewertungsmodell {source} ist kein gültiges YAML: {exc}"
        ) from None
    try:
        return ScoringModel.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ScoringModelError(
            f"Das Bewertungsmodell {source.name} ist fehlerhaft bei „{where}“: {first['msg']}"
            + (f" (und {exc.error_count() - 1} weitere Fehler)" if exc.error_count() > 1 else "")
        ) from None
