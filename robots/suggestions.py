"""The learned classifier in the mailroom: training data, stored models, suggestions, quality.

Training data are every decision a person took in the review queue that names an
Amt (``review_outcomes``: the original's Amt, and each Amt that gets a copy), from
the moment it is written down until it is undone, and every letter the rules
routed and that was delivered. Decisions that name no Amt (keine Verwaltungspost,
Fehlzustellung, Privatpost, neu scannen) teach nothing about departments; the
quality report counts them as "ohne Amt". Letters the classifier routed itself
never train it (it would learn from its own guesses). A new model is trained only
when these data changed (their fingerprint), see :func:`retrain`.
"""

from __future__ import annotations

import threading
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from common.german import pct, percent
from robots.decisions import CLOSING, OUTCOME_GERMAN, Outcome, ReviewOutcome
from robots.learning import Example, Model, NotEnoughData, Suggestion, fingerprint, predict, train
from robots.letters import ClassifierRecord, Letter, LetterEvent, LetterStatus

DECIDED = (
    LetterStatus.ROUTED.value,
    LetterStatus.DELIVERED.value,
    LetterStatus.ARCHIVED.value,
    LetterStatus.PURGED.value,
)
_GERMAN = {str(outcome): german for outcome, german in OUTCOME_GERMAN.items()}
WITHOUT_DEPARTMENT = "ohne Amt"  # the quality report's row for decisions that name no Amt


def training_examples(session: Session) -> list[Example]:
    """Letters whose department a person chose or the rules chose and nobody changed."""
    decisions = _standing_decisions(session)
    examples = []
    for sha, decided_text, departments in decisions.values():
        lead, *copies = departments
        examples.append(Example(decided_text, lead, "person", sha))
        examples += [Example(decided_text, code, "copy", sha) for code in copies]
    rows = session.execute(
        select(
            Letter.id, Letter.sha256, Letter.text, Letter.department, Letter.routed_by,
            Letter.decided_by,
        )
        .where(
            Letter.department.is_not(None),
            Letter.status.in_(DECIDED),
            Letter.text.is_not(None),
        )
        .order_by(Letter.id)
    ).all()  # fmt: skip
    for letter_id, sha, text, department, routed_by, decided_by in rows:
        if routed_by == "classifier" or letter_id in decisions:
            continue
        # A person's choice without a recorded decision: set before review_outcomes existed.
        source = "person" if (routed_by == "person" or decided_by) else "rules"
        examples.append(Example(text or "", department or "", source, sha))
    return examples


def _standing_decisions(session: Session) -> dict[int, tuple[str, str, list[str]]]:
    """Each letter's latest decision that was not undone and names an Amt: (sha, text, Ämter).

    Counted from the moment it is written down: the clerk has decided, the undo time only
    delays carrying it out. Undone, it teaches nothing.
    """
    rows = session.execute(
        select(ReviewOutcome.letter_id, ReviewOutcome.outcome, ReviewOutcome.departments,
               Letter.sha256, Letter.text)
        .join(Letter, Letter.id == ReviewOutcome.letter_id)
        .where(ReviewOutcome.undone_at.is_(None), Letter.text.is_not(None))
        .order_by(ReviewOutcome.id)
    ).all()  # fmt: skip
    latest: dict[int, tuple[str, str, list[str]]] = {}
    for letter_id, outcome, departments, sha, text in rows:
        named = [str(code) for code in departments or []]
        if outcome == Outcome.DELIVER.value and named:
            latest[letter_id] = (sha, text or "", named)
        else:
            latest.pop(letter_id, None)  # a later decision without an Amt replaces it
    return latest


def decisions_without_department(session: Session) -> Counter[str]:
    """Standing decisions that name no Amt, by outcome (each letter's latest counts)."""
    rows = session.execute(
        select(ReviewOutcome.letter_id, ReviewOutcome.outcome)
        .where(ReviewOutcome.undone_at.is_(None))
        .order_by(ReviewOutcome.id)
    ).all()
    latest = dict(rows)
    return Counter(outcome for outcome in latest.values() if outcome != Outcome.DELIVER.value)


# -- stored models ----------------------------------------------------------------------

_cache: dict[tuple[str, int, str, float | None], Model] = {}
_cache_lock = threading.Lock()


def latest_record_id(session: Session) -> int | None:
    return session.scalar(select(ClassifierRecord.id).order_by(ClassifierRecord.id.desc()))


def current_model(session: Session) -> tuple[int, Model] | None:
    """The newest trained model (parsed once per process and database, then kept)."""
    newest = session.execute(
        select(ClassifierRecord.id, ClassifierRecord.fingerprint, ClassifierRecord.threshold)
        .order_by(ClassifierRecord.id.desc())
        .limit(1)
    ).first()
    if newest is None:
        return None
    record_id, print_, threshold = newest
    key = (str(session.get_bind().engine.url), record_id, print_, threshold)
    with _cache_lock:
        model = _cache.get(key)
    if model is None:
        record = session.get_one(ClassifierRecord, record_id)
        model = Model.from_json({**record.model, "threshold": record.threshold})
        with _cache_lock:
            if len(_cache) > 8:
                _cache.clear()
            _cache[key] = model
    return record_id, model


def suggest(session: Session, text: str) -> tuple[int, Model, Suggestion] | None:
    found = current_model(session)
    if found is None:
        return None
    record_id, model = found
    suggestion = predict(model, text)
    return (record_id, model, suggestion) if suggestion else None


def suggestion_json(record_id: int, model: Model, suggestion: Suggestion) -> dict[str, Any]:
    """What the letter keeps of a suggestion (shown on the review page)."""
    return {
        **suggestion.as_json(),
        "model": record_id,
        "threshold": model.threshold,
        "examples": model.examples,
    }


@dataclass(frozen=True, slots=True)
class RetrainResult:
    trained: bool
    message: str  # German, one line
    record_id: int | None = None
    model: Model | None = None


def retrain(session: Session, *, force: bool = False, seed: int = 2026) -> RetrainResult:
    """Train a new model if the decisions changed since the last one (or if forced)."""
    examples = training_examples(session)
    current = session.scalar(select(ClassifierRecord).order_by(ClassifierRecord.id.desc()))
    if not force and current is not None and current.fingerprint == fingerprint(examples):
        return RetrainResult(
            False,
            f"Keine neuen Entscheidungen seit dem letzten Lernen ({current.examples} Briefe).",
            current.id,
        )
    try:
        model = train(examples, seed=seed)
    except NotEnoughData as exc:
        return RetrainResult(False, str(exc))
    record = ClassifierRecord(
        fingerprint=model.fingerprint,
        examples=model.examples,
        threshold=model.threshold,
        held_out=model.to_json()["held_out"],
        model=model.to_json(),
    )
    session.add(record)
    session.flush()
    held = model.held_out
    if model.threshold is None:
        routing = "keine Schwelle erreicht die Zielgenauigkeit: nur Vorschläge"
    else:
        routing = (
            f"Schwelle {percent(model.threshold)}: Genauigkeit "
            f"{percent(held.precision_at_threshold or 0)} bei "
            f"{percent(held.coverage_at_threshold or 0)} der Briefe"
        )
    return RetrainResult(
        True,
        f"Gelernt aus {model.examples} Briefen ({len(model.classes)} Ämter); zurückgehaltene "
        f"{held.letters} Briefe: {percent(held.accuracy)} richtig; {routing}.",
        record.id,
        model,
    )


# -- quality ------------------------------------------------------------------------------


@dataclass(slots=True)
class DepartmentQuality:
    """One department's numbers: who routed its letters, and how often rightly."""

    code: str
    letters: int = 0  # letters that ended with this department
    by_rules: int = 0
    by_classifier: int = 0
    by_people: int = 0
    classifier_suggested: int = 0  # review letters the classifier suggested this department for
    classifier_right: int = 0  # … and a person (or the outcome) agreed
    classifier_missed: int = 0  # letters of this department the classifier suggested elsewhere
    rules_overruled: int = 0  # rules' best guess was this department, a person chose another

    @property
    def rules_coverage(self) -> float | None:
        return self.by_rules / self.letters if self.letters else None

    @property
    def classifier_precision(self) -> float | None:
        said = self.classifier_suggested
        return self.classifier_right / said if said else None

    @property
    def classifier_coverage(self) -> float | None:
        reviewed = self.classifier_right + self.classifier_missed
        return self.classifier_right / reviewed if reviewed else None

    @property
    def people_share(self) -> float | None:
        return self.by_people / self.letters if self.letters else None


@dataclass(slots=True)
class QualityReport:
    departments: list[DepartmentQuality] = field(default_factory=list)
    held_out: dict[str, Any] | None = None
    model_examples: int | None = None
    threshold: float | None = None
    # Decisions that name no Amt, by outcome ("not_mail", …): they teach the model nothing.
    without_department: dict[str, int] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {
            "departments": [
                {
                    "code": d.code, "letters": d.letters, "by_rules": d.by_rules,
                    "by_classifier": d.by_classifier, "by_people": d.by_people,
                    "rules_coverage": d.rules_coverage,
                    "classifier_suggested": d.classifier_suggested,
                    "classifier_precision": d.classifier_precision,
                    "classifier_coverage": d.classifier_coverage,
                    "people_share": d.people_share,
                    "rules_overruled": d.rules_overruled,
                }
                for d in self.departments
            ],
            "without_department": {
                "letters": sum(self.without_department.values()),
                "by_outcome": self.without_department,
            },
            "held_out": self.held_out,
            "model_examples": self.model_examples,
            "threshold": self.threshold,
        }  # fmt: skip


def quality(session: Session) -> QualityReport:
    """Precision and coverage per department: rules, classifier and people, from the decisions."""
    table: dict[str, DepartmentQuality] = defaultdict(lambda: DepartmentQuality(""))
    letters = session.execute(
        select(
            Letter.id, Letter.department, Letter.routed_by, Letter.decided_by, Letter.suggestion
        ).where(Letter.department.is_not(None), Letter.status.in_(DECIDED))
    ).all()
    for _, department, routed_by, decided_by, suggestion in letters:
        row = table[department]
        row.letters += 1
        if routed_by == "classifier":
            row.by_classifier += 1
        elif routed_by == "person" or decided_by:
            row.by_people += 1
        else:
            row.by_rules += 1
        if suggestion and (routed_by == "person" or decided_by):
            said = str(suggestion.get("department"))
            table[said].classifier_suggested += 1
            if said == department:
                row.classifier_right += 1
            else:
                row.classifier_missed += 1
    # A suggestion for a letter a person then sent to no Amt (advertising, misdelivered …)
    # was wrong all the same: it counts against the suggested Amt's precision.
    closed = session.scalars(
        select(Letter.suggestion).where(
            Letter.department.is_(None),
            Letter.status.in_(DECIDED),
            Letter.outcome.in_(CLOSING),
            Letter.suggestion.is_not(None),
        )
    ).all()
    for suggestion in closed:
        if suggestion and suggestion.get("department"):
            table[str(suggestion["department"])].classifier_suggested += 1
    decided = session.scalars(select(LetterEvent).where(LetterEvent.kind == "decided")).all()
    for decision in decided:
        guess, chosen = decision.data.get("robot_guess"), decision.data.get("department")
        # Sent to no Amt at all counts as overruled too (the outcome says a person decided).
        if guess and guess != chosen and (chosen or decision.data.get("outcome")):
            table[str(guess)].rules_overruled += 1
    for code, row in table.items():
        row.code = code
    report = QualityReport(sorted(table.values(), key=lambda d: d.code))
    report.without_department = dict(sorted(decisions_without_department(session).items()))
    record = session.scalar(select(ClassifierRecord).order_by(ClassifierRecord.id.desc()))
    if record is not None:
        report.held_out, report.model_examples = record.held_out, record.examples
        report.threshold = record.threshold
    return report


def _share(value: float | None) -> str:
    return pct(value)


QUALITY_COLUMNS = (
    "Amt", "Briefe", "durch Regeln", "durch Modell", "durch Menschen", "Abdeckung Regeln",
    "Regeln überstimmt", "Modell-Vorschläge", "Modell: Genauigkeit", "Modell: Abdeckung",
)  # fmt: skip


def quality_rows(report: QualityReport) -> list[dict[str, str]]:
    """The report as German table rows: the CLI table, the web page, the Prefect artifact.

    The last row, "ohne Amt", counts the decisions that named no Amt (people only).
    """
    rows = [
        dict(
            zip(
                QUALITY_COLUMNS,
                (
                    d.code,
                    str(d.letters),
                    str(d.by_rules),
                    str(d.by_classifier),
                    str(d.by_people),
                    _share(d.rules_coverage),
                    str(d.rules_overruled),
                    str(d.classifier_suggested),
                    _share(d.classifier_precision),
                    _share(d.classifier_coverage),
                ),
                strict=True,
            )
        )
        for d in report.departments
    ]
    without = sum(report.without_department.values())
    if without:
        rows.append(
            dict.fromkeys(QUALITY_COLUMNS, "–")
            | {
                "Amt": WITHOUT_DEPARTMENT, "Briefe": str(without), "durch Regeln": "0",
                "durch Modell": "0", "durch Menschen": str(without),
            }
        )  # fmt: skip
    return rows


def without_department_line(report: QualityReport) -> str | None:
    """What the "ohne Amt" row consists of, in words (German); None if there is none."""
    if not report.without_department:
        return None
    parts = ", ".join(
        f"{count} {_GERMAN.get(outcome, outcome)}"
        for outcome, count in report.without_department.items()
    )
    total = sum(report.without_department.values())
    return (
        f"Ohne Amt entschieden: {total} {'Brief' if total == 1 else 'Briefe'} ({parts}); "
        "sie gehen an kein Amt und lehren das Modell nichts."
    )


def held_out_lines(report: QualityReport) -> list[str]:
    """The current model's held-out figures in words (German)."""
    held = report.held_out
    if not held:
        return ["Noch kein Modell gelernt: es fehlen Entscheidungen (lotse mailroom lernen)."]
    lines = [
        f"Gelernt aus {report.model_examples} Briefen; zurückgehalten und geprüft: "
        f"{held['letters']} Briefe, davon {percent(held['accuracy'])} richtig."
    ]
    if report.threshold is None:
        lines.append(
            "Keine Schwelle erreicht 95 % Genauigkeit: das Modell schlägt nur vor, es leitet nie selbst."
        )
    else:
        lines.append(
            f"Schwelle {percent(report.threshold)}: darüber {percent(held['precision_at_threshold'])} "
            f"richtig bei {percent(held['coverage_at_threshold'])} der Briefe (selbst leiten nur, "
            "wenn die IT es einschaltet: LOTSE_MAIL_CLASSIFIER_ROUTES)."
        )
    return lines
