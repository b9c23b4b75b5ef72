"""The pilot's corrections of an alignment: "gehören zusammen", "gehört nicht dazu".

A correction is kept as a *fixed group*: the steps of the drawings (as
references: drawing index, element id) that form one common step, exactly as
the pilot left it. :func:`processes.workshop.compare` takes fixed groups as
they are and aligns everything else around them, so a correction survives
every recomputation and steps the pilot did not touch keep being aligned
automatically.

Corrections name steps by their element ids, which stay the same however
often the comparison is recomputed; the keys of the combined view ("S3") are
numbered in flow order and change when steps are joined or split.

    corrections = Corrections().join(comparison.steps, [(3, "Task_7"), (0, "Task_2")],
                                     comparison.names)
    comparison = compare(drawings, model=model, corrections=corrections)

Pure: nothing is read or written here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from processes.workshop.align import AlignmentError, Ref
from processes.workshop.aligned import Step

# A workshop comparison has a few hundred steps at most; more corrections than
# this are no pilot's work, and the limit keeps a hostile file or form small.
MAX_GROUPS = 3000


def refs_of(step: Step) -> tuple[Ref, ...]:
    """The step's members as references, in drawing order."""
    return tuple(sorted(step.members.items()))


@dataclass(frozen=True, slots=True)
class Corrections:
    """Fixed groups, in the order the pilot made them."""

    groups: tuple[tuple[Ref, ...], ...] = ()

    def __post_init__(self) -> None:
        # one spelling per group, so that a group and a step's members compare equal
        normal = tuple(tuple(sorted((int(d), str(e)) for d, e in g)) for g in self.groups)
        object.__setattr__(self, "groups", normal)

    def __len__(self) -> int:
        return len(self.groups)

    def fixes(self, step: Step) -> bool:
        """Whether the pilot fixed exactly this step by hand."""
        return refs_of(step) in self.groups

    def join(self, steps: Sequence[Step], refs: Iterable[Ref], names: Sequence[str]) -> Corrections:
        """The steps holding ``refs`` are one step ("gehören zusammen")."""
        chosen = _holding(steps, refs)
        if len(chosen) < 2:
            raise AlignmentError(
                "Bitte mindestens zwei verschiedene Schritte auswählen, die zusammengehören."
            )
        by_drawing: dict[int, Step] = {}
        for step in chosen:
            for drawing in step.members:
                other = by_drawing.setdefault(drawing, step)
                if other is not step:
                    raise AlignmentError(
                        f"„{other.labels[drawing]}“ und „{step.labels[drawing]}“ stehen beide in "
                        f"„{_name(names, drawing)}“; ein gemeinsamer Schritt hat aus jeder Zeichnung "
                        "höchstens einen. Nehmen Sie zuerst einen davon mit „gehört nicht dazu“ heraus."
                    )
        joined = tuple(sorted(ref for step in chosen for ref in refs_of(step)))
        return self._replacing(chosen, [joined])

    def split(self, steps: Sequence[Step], ref: Ref) -> Corrections:
        """The step ``ref`` is a step of its own, not part of its group ("gehört nicht dazu")."""
        found = _holding(steps, [ref])
        if not found:
            raise AlignmentError(
                "Diesen Schritt gibt es im Vergleich nicht. Bitte laden Sie die Seite neu."
            )
        step = found[0]
        if step.count < 2:
            raise AlignmentError(f"„{step.labels[ref[0]]}“ ist schon ein Schritt für sich.")
        rest = tuple(r for r in refs_of(step) if r != ref)
        return self._replacing([step], [rest, (ref,)])

    def release(self, ref: Ref) -> Corrections:
        """Undo the fixed group holding ``ref``: its steps are aligned automatically again."""
        return Corrections(tuple(g for g in self.groups if ref not in g))

    def _replacing(self, steps: Sequence[Step], new: Sequence[tuple[Ref, ...]]) -> Corrections:
        touched = {ref for step in steps for ref in refs_of(step)}
        kept = tuple(g for g in self.groups if touched.isdisjoint(g))
        return Corrections(kept + tuple(new))

    def to_json(self, names: Sequence[str]) -> list[list[list[str]]]:
        """Each group as ``[[drawing name, element id], …]``: readable and index-free."""
        return [[[names[d], element] for d, element in group] for group in self.groups]

    @classmethod
    def from_json(cls, data: Any, names: Sequence[str]) -> Corrections:
        """The inverse of :meth:`to_json`; a German :class:`AlignmentError` for anything else.

        Whether each element exists in its drawing is checked by ``compare``.
        """
        if not isinstance(data, list):
            raise AlignmentError("Die Korrekturen sind keine Liste von Gruppen.")
        if len(data) > MAX_GROUPS:
            raise AlignmentError(f"Mehr als {MAX_GROUPS} Korrekturen werden nicht angenommen.")
        index = {name: i for i, name in enumerate(names)}
        groups = []
        for group in data:
            if not isinstance(group, list) or not group:
                raise AlignmentError("Jede Korrektur ist eine Liste von [Zeichnung, Element-ID].")
            refs = []
            for item in group:
                if not (
                    isinstance(item, list)
                    and len(item) == 2
                    and all(isinstance(part, str) for part in item)
                ):
                    raise AlignmentError(
                        "Jede Korrektur ist eine Liste von [Zeichnung, Element-ID]."
                    )
                name, element = item
                if name not in index:
                    raise AlignmentError(
                        f"Die Korrekturen nennen die Zeichnung „{name}“, die nicht verglichen wird."
                    )
                refs.append((index[name], element))
            groups.append(tuple(sorted(refs)))
        return cls(tuple(groups))


def _holding(steps: Sequence[Step], refs: Iterable[Ref]) -> list[Step]:
    """The distinct steps that hold any of ``refs``, in the order of ``steps``."""
    wanted = set(refs)
    return [s for s in steps if wanted.intersection(refs_of(s))]


def _name(names: Sequence[str], index: int) -> str:
    return names[index] if 0 <= index < len(names) else f"Zeichnung {index + 1}"
