"""What a person decides for a letter in the review queue, and the record rules learn from.

Not every letter in the queue belongs to an Amt. Besides delivery (to one Amt, or to
several: the first gets the original, the others copies) a clerk may say:

- **keine Verwaltungspost** – advertising, newsletters: not delivered, the original is
  archived and purged after its retention like any other;
- **Fehlzustellung – zurück** – meant for someone else (another authority, another
  address): the paper goes back, nothing is delivered;
- **Privatpost – weitergeben an …** – personal mail for a named colleague, handed on
  unopened from here on; nothing is delivered to an Amt;
- **neu scannen** – the scan is unusable (blank, cut, upside down beyond repair): the
  paper is scanned again and arrives as a new letter.

Every decision is written down at once as a :class:`ReviewOutcome`, with what the robot
had suggested: the training data of the rules and of the classifier (issue 16). It is
carried out only after a few minutes (``due_at``); until then the clerk may undo it.
A decision that was undone stays in the table, marked, and teaches nothing.

Letters keep their statuses (a contract): a letter not delivered ends ``archived`` with
its ``outcome`` saying why and ``delivered_to`` empty.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from robots.letters import Base, utcnow


class Outcome(StrEnum):
    DELIVER = "deliver"
    NOT_MAIL = "not_mail"
    MISDELIVERED = "misdelivered"
    PRIVATE = "private"
    RESCAN = "rescan"

    @property
    def german(self) -> str:
        return OUTCOME_GERMAN[self]

    @property
    def delivers(self) -> bool:
        return self is Outcome.DELIVER


OUTCOME_GERMAN = {
    Outcome.DELIVER: "zugestellt",
    Outcome.NOT_MAIL: "keine Verwaltungspost",
    Outcome.MISDELIVERED: "Fehlzustellung – zurück",
    Outcome.PRIVATE: "Privatpost – weitergegeben",
    Outcome.RESCAN: "neu zu scannen",
}
# Outcomes that deliver nothing: the letter's original is archived, and that is all.
CLOSING = frozenset(o.value for o in Outcome if not o.delivers)
COMMENT_LIMIT = 2000
HANDED_TO_LIMIT = 200


class ChoiceError(ValueError):
    """A decision that cannot be taken as given; German message for the clerk."""


@dataclass(frozen=True, slots=True)
class Choice:
    """What the clerk chose, before it is written down."""

    outcome: Outcome
    departments: tuple[str, ...] = ()  # deliver: the original's Amt first, then the copies
    handed_to: str = ""  # private mail: to whom
    comment: str = ""
    user: str = ""

    def checked(self, known: dict[str, str]) -> Choice:
        """The choice cleaned up, or a :class:`ChoiceError` saying what is missing."""
        comment = self.comment.strip()[:COMMENT_LIMIT]
        handed_to = " ".join(self.handed_to.split())[:HANDED_TO_LIMIT]
        departments = tuple(dict.fromkeys(d.strip() for d in self.departments if d.strip()))
        if self.outcome.delivers:
            if not departments:
                raise ChoiceError("Bitte ein Amt wählen, das den Brief bekommt.")
            unknown = [d for d in departments if d not in known]
            if unknown:
                raise ChoiceError(
                    f"Das Amt „{unknown[0]}“ ist unbekannt; möglich sind "
                    f"{', '.join(sorted(known))}."
                )
        elif departments:
            raise ChoiceError(f"„{self.outcome.german}“ geht an kein Amt.")
        if self.outcome is Outcome.PRIVATE and not handed_to:
            raise ChoiceError("Privatpost: bitte angeben, an wen sie weitergegeben wird.")
        return Choice(self.outcome, departments, handed_to, comment, self.user.strip())

    def sentence(self, names: dict[str, str]) -> str:
        """How the trail and the clerk's message say it: "an 33 Bürgeramt, Kopie an 51 …"."""
        if self.outcome.delivers:
            original, *copies = self.departments
            text = f"an {_label(original, names)}"
            if copies:
                text += ", Kopie an " + ", ".join(_label(c, names) for c in copies)
            return text
        if self.outcome is Outcome.PRIVATE:
            return f"Privatpost, weitergegeben an {self.handed_to}"
        return self.outcome.german


def _label(code: str, names: dict[str, str]) -> str:
    return f"{code} {names.get(code, '')}".strip()


class ReviewOutcome(Base):
    """One decision on one letter: the clerk's choice beside the robot's suggestion."""

    __tablename__ = "review_outcomes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    letter_id: Mapped[int] = mapped_column(ForeignKey("letters.id", ondelete="CASCADE"), index=True)
    outcome: Mapped[str] = mapped_column(String(20))
    departments: Mapped[list[str]] = mapped_column(JSON, default=list)  # original first
    handed_to: Mapped[str] = mapped_column(String(200), default="")
    comment: Mapped[str] = mapped_column(Text, default="")
    decided_by: Mapped[str] = mapped_column(String(100), default="")
    decided_at: Mapped[datetime] = mapped_column(default=utcnow)
    due_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)  # carried out from then
    applied_at: Mapped[datetime | None] = mapped_column()
    undone_at: Mapped[datetime | None] = mapped_column()
    undone_by: Mapped[str] = mapped_column(String(100), default="")
    # What the robot had said: its best guess, its ranking and its first reason.
    robot_department: Mapped[str | None] = mapped_column(String(10))
    robot_candidates: Mapped[list[Any]] = mapped_column(JSON, default=list)
    robot_reason: Mapped[str] = mapped_column(Text, default="")
    rules_version: Mapped[str | None] = mapped_column(String(40))

    @property
    def choice(self) -> Choice:
        return Choice(
            Outcome(self.outcome), tuple(self.departments), self.handed_to, self.comment,
            self.decided_by,
        )  # fmt: skip

    @property
    def pending(self) -> bool:
        return self.applied_at is None and self.undone_at is None


class LetterCopy(Base):
    """A copy of a delivered letter for a further Amt; delivered like the original."""

    __tablename__ = "letter_copies"
    __table_args__ = (UniqueConstraint("letter_id", "department"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    letter_id: Mapped[int] = mapped_column(ForeignKey("letters.id", ondelete="CASCADE"), index=True)
    department: Mapped[str] = mapped_column(String(10))
    target: Mapped[str | None] = mapped_column(String(1000))  # intent, before the rename
    delivered_at: Mapped[datetime | None] = mapped_column()
