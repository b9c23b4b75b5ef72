"""One run in numbers: what the CLI prints and the Prefect artifact shows."""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass

from robots.letters import LetterStatus
from robots.mailroom.records import LetterOutcome

DELIVERED = frozenset({LetterStatus.DELIVERED.value, LetterStatus.ARCHIVED.value})


@dataclass(frozen=True, slots=True)
class RunSummary:
    letters: int
    by_status: dict[str, int]  # status → letters, sorted by status
    by_department: dict[str, int]  # delivered letters per department code, sorted
    pages: int
    ocr_pages: int
    median_seconds: float
    attention: list[LetterOutcome]  # quarantined or waiting for review, in run order

    @classmethod
    def of(cls, outcomes: list[LetterOutcome]) -> RunSummary:
        statuses = Counter(o.status for o in outcomes)
        departments = Counter(o.department or "?" for o in outcomes if o.status in DELIVERED)
        return cls(
            letters=len(outcomes),
            by_status=dict(sorted(statuses.items())),
            by_department=dict(sorted(departments.items())),
            pages=sum(o.pages or 0 for o in outcomes),
            ocr_pages=sum(o.ocr_pages or 0 for o in outcomes),
            median_seconds=statistics.median(o.seconds for o in outcomes) if outcomes else 0.0,
            attention=[
                o
                for o in outcomes
                if o.status in (LetterStatus.QUARANTINED.value, LetterStatus.REVIEW.value)
            ],
        )

    @property
    def delivered(self) -> int:
        return sum(n for status, n in self.by_status.items() if status in DELIVERED)

    @property
    def review(self) -> int:
        return self.by_status.get(LetterStatus.REVIEW.value, 0)

    @property
    def quarantined(self) -> int:
        return self.by_status.get(LetterStatus.QUARANTINED.value, 0)
