"""The candidate pipeline's rules: which status may follow which, and when a reason is due.

    Idee → Bewertet → Freigegeben → In Entwicklung → Im Betrieb
                        (from anywhere) → Abgelehnt

One step forward is the normal course and needs no reason. Everything else
that is allowed needs a reason, written into the history: skipping steps
("the steering group approved it in the workshop"), going back ("the robot
is switched off again") and rejecting. A rejected candidate comes back only
as an idea or assessed, never straight into development or operation.
Pure functions; :func:`processes.catalogue.change_status` enforces them.
"""

from __future__ import annotations

from dataclasses import dataclass

from processes.models import Status

COURSE = (Status.IDEA, Status.ASSESSED, Status.APPROVED, Status.IN_DEVELOPMENT, Status.LIVE)
REOPEN = (Status.IDEA, Status.ASSESSED)


class TransitionError(ValueError):
    """A status change the pipeline does not allow (as asked); German message."""


@dataclass(frozen=True, slots=True)
class Transition:
    target: Status
    needs_reason: bool
    # How the change is called in forms and errors: "nächster Schritt", "überspringt …"
    kind: str


def transitions(current: Status) -> list[Transition]:
    """Every status the pipeline allows after ``current``, in the course's order."""
    if current is Status.REJECTED:
        return [Transition(target, True, "wieder aufnehmen") for target in REOPEN]
    position = COURSE.index(current)
    allowed: list[Transition] = []
    for index, target in enumerate(COURSE):
        if index == position:
            continue
        if index == position + 1:
            allowed.append(Transition(target, False, "nächster Schritt"))
        elif index > position + 1:
            skipped = ", ".join(s.german for s in COURSE[position + 1 : index])
            allowed.append(Transition(target, True, f"überspringt {skipped}"))
        else:
            allowed.append(Transition(target, True, "zurück"))
    allowed.append(Transition(Status.REJECTED, True, "ablehnen"))
    return allowed


def check_transition(current: Status, target: Status, reason: str) -> Transition:
    """The transition from ``current`` to ``target``, or a German error saying why not."""
    if current is target:
        raise TransitionError(f"Der Prozess hat den Status „{target.german}“ bereits.")
    for transition in transitions(current):
        if transition.target is target:
            if transition.needs_reason and not reason.strip():
                raise TransitionError(
                    f"Von „{current.german}“ nach „{target.german}“ ({transition.kind}) "
                    "geht nur mit Begründung: bitte einen Kommentar angeben."
                )
            return transition
    possible = ", ".join(f"„{t.target.german}“" for t in transitions(current))
    raise TransitionError(
        f"Von „{current.german}“ geht es nicht nach „{target.german}“; möglich sind {possible}."
    )


def entry_status(scored: bool) -> Status:
    """Where a new process enters: scored on import, it is assessed already."""
    return Status.ASSESSED if scored else Status.IDEA
