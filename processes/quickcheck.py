"""The one-minute quick check: five questions a pilot answers without numbers.

In the spirit of UiPath Automation Hub's idea score: is the work rule-based,
does the input arrive digitally, is it structured, will the process change,
and how many cases are there (as a band)? The answers give an idea score
(0–100) and a benefit band, and fill the facts that are still unknown, so
that a process is no longer scored on defaults alone. Exact facts always win.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from processes.facts import ChangeLevel, Facts


class Answer(StrEnum):
    YES = "ja"
    PARTLY = "teilweise"
    NO = "nein"


class Changes(StrEnum):
    NONE = "keine"
    SOME = "einige"
    MANY = "viele"


class CaseBand(StrEnum):
    UNDER_50 = "unter-50"
    UP_TO_200 = "50-200"
    UP_TO_1000 = "200-1000"
    OVER_1000 = "ueber-1000"

    @property
    def german(self) -> str:
        return {
            "unter-50": "unter 50 Fälle im Monat",
            "50-200": "50 bis 200 Fälle im Monat",
            "200-1000": "200 bis 1.000 Fälle im Monat",
            "ueber-1000": "über 1.000 Fälle im Monat",
        }[self.value]

    @property
    def benefit(self) -> str:
        """The benefit band the number of cases stands for."""
        return {
            "unter-50": "gering",
            "50-200": "mittel",
            "200-1000": "hoch",
            "ueber-1000": "sehr hoch",
        }[self.value]


QUESTIONS = {
    "rule_based": "Folgt die Arbeit festen Regeln (keine Einschätzung von Fall zu Fall)?",
    "digital_input": "Kommen die Eingänge digital an (E-Mail, Portal, Datei statt Papier)?",
    "structured_input": "Sind die Eingangsdaten strukturiert (Formularfelder, Tabellen)?",
    "changes": "Ändert sich der Ablauf in den nächsten zwölf Monaten?",
    "cases": "Wie viele Fälle gibt es im Monat?",
}
_POINTS = {Answer.YES: 100.0, Answer.PARTLY: 50.0, Answer.NO: 0.0}
_CHANGE_POINTS = {Changes.NONE: 100.0, Changes.SOME: 50.0, Changes.MANY: 0.0}


class QuickCheck(BaseModel):
    """The five answers; stored with the process's facts."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    rule_based: Answer
    digital_input: Answer
    structured_input: Answer
    changes: Changes
    cases: CaseBand

    @property
    def idea_score(self) -> int:
        """0–100: rules and digital, structured input count most, like an idea score."""
        value = (
            0.35 * _POINTS[self.rule_based]
            + 0.25 * _POINTS[self.digital_input]
            + 0.25 * _POINTS[self.structured_input]
            + 0.15 * _CHANGE_POINTS[self.changes]
        )
        return round(value)

    @property
    def benefit_band(self) -> str:
        return self.cases.benefit

    def summary(self) -> str:
        """One German sentence for notes, pages and the report."""
        return (
            f"Schnellcheck: Ideenwert {self.idea_score} von 100, Nutzen {self.benefit_band} "
            f"({self.cases.german})."
        )

    def as_facts(self) -> Facts:
        """What the answers say in terms of facts (used only where exact facts are missing)."""
        return Facts(
            digital_share={Answer.YES: 0.9, Answer.PARTLY: 0.5, Answer.NO: 0.1}[self.digital_input],
            exception_rate={Answer.YES: 0.05, Answer.PARTLY: 0.25, Answer.NO: 0.6}[self.rule_based],
            expected_changes={
                Changes.NONE: ChangeLevel.STABLE,
                Changes.SOME: ChangeLevel.SOME,
                Changes.MANY: ChangeLevel.MANY,
            }[self.changes],
        )


def answer_from_text(field: str, text: str) -> Answer | Changes | CaseBand:
    """A German answer as typed ("Ja", "teilweise", "200-1000") into its value."""
    wanted = text.strip().lower().replace("ü", "ue").replace(" ", "").replace(".", "")
    kinds: dict[str, type[StrEnum]] = {
        "rule_based": Answer,
        "digital_input": Answer,
        "structured_input": Answer,
        "changes": Changes,
        "cases": CaseBand,
    }
    kind = kinds[field]
    for member in kind:
        if wanted == member.value.replace("-", "") or wanted == member.value:
            return member  # type: ignore[return-value]
    choices = ", ".join(m.value for m in kind)
    raise ValueError(f"„{text}“ passt nicht zu „{QUESTIONS[field]}“ (möglich: {choices}).")


def from_stored(value: object) -> QuickCheck | None:
    """A stored quick check, or None when there is none or it cannot be read any more."""
    if not value:
        return None
    try:
        return QuickCheck.model_validate(value)
    except ValueError:  # written by another Lotse version: ignored, not fatal
        return None
