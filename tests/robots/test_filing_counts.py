"""How the e-file robot counts what it filed: a copy for a further Amt is not another letter."""

from __future__ import annotations

import pytest

from robots.eakte_robot import filing_counts


@pytest.mark.parametrize(
    ("filed", "copies", "failed", "said"),
    [
        (13, 0, 0, "13 Briefe abgelegt, 0 fehlgeschlagen"),
        (1, 0, 2, "1 Brief abgelegt, 2 fehlgeschlagen"),
        (3, 2, 0, "1 Brief und 2 Kopien für weitere Ämter abgelegt, 0 fehlgeschlagen"),
        (5, 1, 1, "4 Briefe und 1 Kopie für weitere Ämter abgelegt, 1 fehlgeschlagen"),
        (0, 0, 0, "keine Briefe abgelegt, 0 fehlgeschlagen"),
        (
            1,
            1,
            0,
            "1 Kopie für weitere Ämter abgelegt, 0 fehlgeschlagen",
        ),  # the original failed before
    ],
)
def test_copies_are_named_apart_from_letters(
    filed: int, copies: int, failed: int, said: str
) -> None:
    assert filing_counts(filed, copies, failed) == said
