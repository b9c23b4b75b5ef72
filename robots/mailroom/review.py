"""People's decisions on letters the robot was unsure about (the queue is robots.review).

A decision is written down at once (:func:`record`) and carried out once its undo
time has passed (:func:`apply_due`), by whichever comes first: the next robot run,
the clerk's next decision, or ``lotse mailroom review decide`` (which applies at
once). Until then :func:`undo` takes it back. Carrying out only turns the letter
from review to routed, with its outcome; the usual steps then deliver it (also
copies) or, for outcomes that deliver nothing, archive the original.

Exactly once: a decision is claimed by a conditional UPDATE (``applied_at IS NULL``)
in the same transaction that changes the letter, and undone the same way, so two
robots, or a robot and an undo, never both win.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, Update, select, update
from sqlalchemy.orm import Session

from robots.decisions import Choice, ChoiceError, LetterCopy, ReviewOutcome
from robots.letters import Letter, LetterStatus, utcnow
from robots.mailroom.config import MailroomConfig, Sessions
from robots.mailroom.records import event
from robots.review import pending


@dataclass(frozen=True, slots=True)
class Recorded:
    """A decision written down: its row, and from when the robot carries it out."""

    decision_id: int
    letter_id: int
    choice: Choice
    due_at: datetime


def record(
    config: MailroomConfig,
    sessions: Sessions,
    letter_id: int,
    choice: Choice,
    *,
    now: datetime | None = None,
    undo_seconds: float | None = None,
) -> Recorded:
    """Write the decision down; it is carried out from ``now + undo_seconds``.

    Raises :class:`ChoiceError` (German) when the choice is incomplete, the letter is
    not waiting for a decision, or someone decided on it a moment ago.
    """
    now = now or utcnow()
    wait = config.undo_seconds if undo_seconds is None else undo_seconds
    choice = choice.checked(config.rules.names)
    with sessions() as session:
        # Locked until the commit (PostgreSQL; SQLite writers take turns anyway): two
        # clerks deciding the same letter at once cannot both succeed.
        letter = session.get(Letter, letter_id, with_for_update=True)
        if letter is None:
            raise ChoiceError(f"Einen Brief mit der Nummer {letter_id} gibt es nicht.")
        if letter.state is not LetterStatus.REVIEW:
            raise ChoiceError(
                f"Brief {letter_id} ist nicht zur Prüfung, sondern {letter.state.german}."
            )
        waiting = _pending(session, letter_id)
        if waiting is not None:
            raise ChoiceError(
                f"Über Brief {letter_id} hat {waiting.decided_by or 'jemand'} gerade entschieden "
                f"({waiting.choice.sentence(config.rules.names)}); erst rückgängig machen."
            )
        decision = ReviewOutcome(
            letter_id=letter_id, outcome=choice.outcome.value, departments=list(choice.departments),
            handed_to=choice.handed_to, comment=choice.comment, decided_by=choice.user,
            decided_at=now, due_at=now + timedelta(seconds=max(0.0, wait)),
            robot_department=letter.candidates[0][0] if letter.candidates else None,
            robot_candidates=list(letter.candidates or []),
            robot_reason=letter.reasons[0] if letter.reasons else "",
            rules_version=letter.rules_version,
        )  # fmt: skip
        session.add(decision)
        session.flush()
        return Recorded(decision.id, letter_id, choice, decision.due_at)


def undo(sessions: Sessions, letter_id: int, user: str, *, now: datetime | None = None) -> Choice:
    """Take back the decision on ``letter_id`` that is not carried out yet; it waits again."""
    now = now or utcnow()
    with sessions() as session:
        decision = _pending(session, letter_id)
        if decision is None:
            done = session.scalar(
                select(ReviewOutcome.id).where(
                    ReviewOutcome.letter_id == letter_id, ReviewOutcome.applied_at.is_not(None)
                )
            )
            if done is not None:
                raise ChoiceError(
                    f"Zu spät: die Entscheidung über Brief {letter_id} ist schon ausgeführt."
                )
            raise ChoiceError(f"Über Brief {letter_id} ist nichts rückgängig zu machen.")
        taken = _changed(
            session,
            update(ReviewOutcome)
            .where(
                ReviewOutcome.id == decision.id,
                ReviewOutcome.applied_at.is_(None),
                ReviewOutcome.undone_at.is_(None),
            )
            .values(undone_at=now, undone_by=user),
        )
        if not taken:
            raise ChoiceError(
                f"Zu spät: die Entscheidung über Brief {letter_id} wird gerade ausgeführt."
            )
        letter = session.get_one(Letter, letter_id)
        who = decision.decided_by or "unbekannt"
        event(session, letter, "undone", f"Entscheidung von {who} rückgängig gemacht von {user or 'unbekannt'}.",
              {"user": user, "outcome": decision.outcome})  # fmt: skip
        return decision.choice


def _changed(session: Session, statement: Update) -> int:
    """Rows an UPDATE changed: the test that this transaction won the row."""
    return cast(CursorResult[Any], session.execute(statement)).rowcount


def _pending(session: Session, letter_id: int) -> ReviewOutcome | None:
    return pending(session, [letter_id]).get(letter_id)


def apply_due(
    config: MailroomConfig,
    sessions: Sessions,
    *,
    now: datetime | None = None,
    letter_id: int | None = None,
) -> list[int]:
    """Carry out every decision whose undo time has passed; the letters are then routed."""
    now = now or utcnow()
    with sessions() as session:
        query = select(ReviewOutcome.id).where(
            ReviewOutcome.applied_at.is_(None),
            ReviewOutcome.undone_at.is_(None),
            ReviewOutcome.due_at <= now,
        )
        if letter_id is not None:
            query = query.where(ReviewOutcome.letter_id == letter_id)
        due = list(session.scalars(query.order_by(ReviewOutcome.id)))
    applied = []
    for decision_id in due:  # one transaction each: one letter's trouble stops no other
        letter = _apply(config, sessions, decision_id, now)
        if letter is not None:
            applied.append(letter)
    return applied


def _apply(
    config: MailroomConfig, sessions: Sessions, decision_id: int, now: datetime
) -> int | None:
    rules = config.rules
    with sessions() as session:
        claimed = _changed(
            session,
            update(ReviewOutcome)
            .where(
                ReviewOutcome.id == decision_id,
                ReviewOutcome.applied_at.is_(None),
                ReviewOutcome.undone_at.is_(None),
            )
            .values(applied_at=now),
        )
        if not claimed:
            return None  # undone, or carried out by another run a moment ago
        decision = session.get_one(ReviewOutcome, decision_id)
        letter = session.get_one(Letter, decision.letter_id, with_for_update=True)
        if letter.state is not LetterStatus.REVIEW:
            # Decided elsewhere meanwhile (the command line): this one is void.
            decision.applied_at = None
            decision.undone_at = now
            decision.undone_by = "Lotse (Brief war nicht mehr zur Prüfung)"
            return None
        choice = decision.choice
        user = choice.user or "unbekannt"
        robot = letter.candidates[0][0] if letter.candidates else None
        letter.outcome = choice.outcome.value
        letter.decided_by = choice.user
        letter.confidence = 1.0
        if choice.outcome.delivers:
            lead, *copies = choice.departments
            letter.department = lead
            letter.routed_by = "person"  # the classifier learns from it (robots.suggestions)
            # The chosen department's own file reference, by the rules' one definition.
            letter.file_number = rules.file_number(letter.text or "", lead)
            for code in copies:
                session.add(LetterCopy(letter_id=letter.id, department=code))
        else:
            letter.department = None
            letter.file_number = None
        letter.status = LetterStatus.ROUTED.value
        sentence = choice.sentence(rules.names)
        letter.reasons = [
            f"Entschieden von {user}: {sentence}"
            + (f" – {choice.comment}" if choice.comment else "."),
            *letter.reasons,
        ]
        # Kept for rule improvements: what the robot guessed, what the person chose
        # (the same in review_outcomes, which also keeps undone decisions).
        event(
            session, letter, "decided", f"Von {user} entschieden: {sentence}.",
            {
                "department": letter.department, "robot_guess": robot,
                "candidates": letter.candidates, "user": choice.user, "comment": choice.comment,
                "file_number": letter.file_number, "outcome": choice.outcome.value,
                "departments": list(choice.departments), "handed_to": choice.handed_to,
                # What the learned classifier had suggested, for its quality figures.
                "suggestion": (letter.suggestion or {}).get("department"),
            },
        )  # fmt: skip
        return letter.id
