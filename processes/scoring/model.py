"""The scoring model: weights, keyword lists and caps, read from a YAML file.

The shipped model is ``default_model.yaml`` next to this module; a city can
use its own copy (``LOTSE_SCORING_FILE``). The file is validated on load and a
broken one is refused with a message that names the problem.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import (
    AliasChoices,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from processes.scoring.matching import Matcher, WordList

DEFAULT_MODEL_FILE = Path(__file__).with_name("default_model.yaml")


class ScoringModelError(ValueError):
    """The scoring model file cannot be used; the message says why."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TaskType(_Strict):
    base: float = Field(ge=0, le=100)
    category: str | None = None
    reason: str


def _words_field() -> Any:
    # "stems" is the name older model files used; their entries are read as words
    return Field(min_length=1, validation_alias=AliasChoices("words", "stems"))


class KeywordGroup(_Strict):
    key: str
    points: float = Field(ge=-100, le=100)
    reason: str
    words: WordList = _words_field()
    unless: tuple[str, ...] = ()
    # counts only when one of these groups (or "_system") matched the task or its evidence
    requires: tuple[str, ...] = ()
    # "head": the word or the last part of a compound ("Rechnungs-prüfung");
    # "any": any part ("Kennwort-eingabe" holds a secret)
    parts: Literal["head", "any"] = "head"


class AfterScanning(_Strict):
    """Manual work on paper by fixed rules: a robot's once the paper is scanned."""

    types: tuple[str, ...]
    groups: tuple[str, ...]
    unless: tuple[str, ...] = ()
    base: float = Field(ge=0, le=100)
    reason: str


class Discretion(_Strict):
    cap: float = Field(ge=0, le=100)
    words: WordList = _words_field()
    reason: str


class HumanOnly(_Strict):
    """Secrets and signatures: a robot never enters a person's PIN or signs for them."""

    cap: float = Field(ge=0, le=100)
    words: WordList = _words_field()
    reason: str


class DataRules(_Strict):
    paper_points: float
    paper_reason: str
    digital_points: float
    digital_reason: str
    paper_words: WordList = Field(validation_alias=AliasChoices("paper_words", "paper_stems"))
    digital_words: WordList = Field(validation_alias=AliasChoices("digital_words", "digital_stems"))


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
    # optional: models written before 2026.3 have no such rule
    after_scanning: AfterScanning | None = None
    discretion: Discretion
    human_only: HumanOnly
    # IT systems by name (Word, SAP, DMS …): screen work on them is robot work
    systems: WordList
    generic_systems: WordList = ()
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
    def _known_groups(cls, groups: tuple[KeywordGroup, ...]) -> tuple[KeywordGroup, ...]:
        keys = {g.key for g in groups} | {"_system"}
        for group in groups:
            unknown = (set(group.unless) | set(group.requires)) - keys
            if unknown:
                raise ValueError(f"Gruppe „{group.key}“ nennt unbekannte Gruppen {sorted(unknown)}")
        return groups

    @model_validator(mode="after")
    def _after_scanning_names_groups(self) -> ScoringModel:
        rule = self.after_scanning
        if rule is not None:
            unknown = (set(rule.groups) | set(rule.unless)) - {g.key for g in self.keyword_groups}
            if unknown:
                raise ValueError(f"„after_scanning“ nennt unbekannte Gruppen {sorted(unknown)}")
        return self

    @cached_property
    def matcher(self) -> Matcher:
        """One matcher for every word list of the model (groups, systems, data, caps)."""
        lists: dict[str, tuple[WordList, str]] = {
            g.key: (g.words, g.parts) for g in self.keyword_groups
        }
        lists["_discretion"] = (self.discretion.words, "any")
        lists["_human_only"] = (self.human_only.words, "any")
        lists["_system"] = (self.systems, "any")
        lists["_generic_system"] = (self.generic_systems, "any")
        lists["_paper"] = (self.data.paper_words, "any")
        lists["_digital"] = (self.data.digital_words, "any")
        return Matcher(lists)

    def matches(self, text: str) -> dict[str, str]:
        """{word list key: the word of ``text`` it matched}, matched as German words."""
        return self.matcher.find(text)


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
