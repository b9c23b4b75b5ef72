"""A person's decision on a letter the robot was unsure about (the queue is robots.review)."""

from __future__ import annotations

from robots.letters import Letter, LetterStatus
from robots.mailroom.config import MailroomConfig, Sessions
from robots.mailroom.records import event


def record_decision(
    config: MailroomConfig,
    sessions: Sessions,
    letter_id: int,
    department: str,
    user: str,
    comment: str = "",
) -> None:
    """Route a letter in review to ``department``; the caller then delivers it.

    Raises ValueError with a German message when the department is unknown or
    the letter is not waiting for a decision.
    """
    rules = config.rules
    if department not in rules.names:
        known = ", ".join(sorted(rules.names))
        raise ValueError(f"Das Amt „{department}“ ist unbekannt; möglich sind {known}.")
    with sessions() as session:
        # Locked until the commit: two people deciding at once cannot both route it.
        letter = session.get(Letter, letter_id, with_for_update=True)
        if letter is None:
            raise ValueError(f"Einen Brief mit der Nummer {letter_id} gibt es nicht.")
        if letter.state is not LetterStatus.REVIEW:
            raise ValueError(
                f"Brief {letter_id} ist nicht zur Prüfung, sondern {letter.state.german}."
            )
        robot = letter.candidates[0][0] if letter.candidates else None
        letter.department = department
        letter.confidence = 1.0
        letter.decided_by = user
        letter.status = LetterStatus.ROUTED.value
        # The chosen department's own file reference, by the rules' one definition.
        letter.file_number = rules.file_number(letter.text or "", department)
        letter.reasons = [
            f"Entschieden von {user or 'unbekannt'}" + (f": {comment}" if comment else "."),
            *letter.reasons,
        ]
        # Kept for rule improvements: what the robot guessed, what the person chose.
        event(
            session,
            letter,
            "decided",
            f"Von {user or 'unbekannt'} an {department} gegeben.",
            {
                "department": department,
                "robot_guess": robot,
                "candidates": letter.candidates,
                "user": user,
                "comment": comment,
                "file_number": letter.file_number,
            },
        )
