"""Estimate against actual, worked by hand (pure functions, no database)."""

from __future__ import annotations

import pytest

from processes.actuals import (
    MonthFigures,
    TaskWeight,
    compute_actuals,
    linked_part,
    months_between,
    previous_periods,
)

TASKS = [
    TaskWeight("A", "Antrag erfassen", "robot", 80.0, 2.0),
    TaskWeight("B", "Unterlagen prüfen", "assist", 20.0, 1.0),
    TaskWeight("C", "Fachverfahren speichert", "system", 100.0, 1.0),
    TaskWeight("D", "Bescheid unterschreiben", "human", 50.0, 1.0),
]


def test_the_linked_part_weighs_the_people_s_tasks_only() -> None:
    part = linked_part(TASKS, ["A", "B", "X"])
    # people: A (2) + B (1) + D (1) = 4 minutes-weights; linked A + B = 3
    assert part.part == pytest.approx(3 / 4)
    # (0.8 × 2 + 0.2 × 1) / 3
    assert part.estimated_share == pytest.approx(0.6)
    assert part.task_ids == ("A", "B") and part.missing_task_ids == ("X",)
    # the whole process's share is what the catalogue says: (0.8 × 2 + 0.2 + 0.5) / 4
    assert part.process_share == pytest.approx(0.575)
    assert (part.linked_tasks, part.people_tasks, part.whole_process) == (2, 3, False)
    # nothing named: the whole process, the same share as the assessment's
    whole = linked_part(TASKS, [])
    assert whole.part == pytest.approx(1.0)
    assert whole.estimated_share == pytest.approx((1.6 + 0.2 + 0.5) / 4)
    assert whole.process_share == whole.estimated_share and whole.whole_process
    # only an IT system's task: nothing of people's work to weigh
    assert linked_part(TASKS, ["C"]).part is None


def test_actuals_equal_a_hand_calculation() -> None:
    months = [
        MonthFigures("2025-03", runs=1, cases=10, cases_automated=10, cases_to_person=0),
        MonthFigures("2026-01", runs=3, cases=100, cases_automated=70, cases_to_person=30),
        MonthFigures("2026-03", runs=2, cases=50, cases_automated=45, cases_to_person=5),
    ]
    a = compute_actuals(
        months,
        TASKS,
        ["A", "B"],
        minutes_per_case=8.0,
        cases_per_month=1000.0,
        current_period="2026-03",
        case_noun="Anträge",
        done_phrase="ohne Sachbearbeitung beschieden",
    )
    assert (a.runs, a.cases, a.cases_automated, a.cases_to_person) == (6, 160, 125, 35)
    assert a.minutes_saved_per_case == pytest.approx(6.0)  # 8 × 3/4
    assert a.estimated_hours_year == pytest.approx(720.0)  # 1000 × 12 × 6 × 0.6 / 60
    assert a.actual_share == pytest.approx(125 / 160)
    assert a.actual_hours_total == pytest.approx(12.5)  # 125 × 6 / 60
    # March 2025 is more than twelve months back: 115 × 6 / 60
    assert a.actual_hours_year == pytest.approx(11.5)
    assert a.months_active == 13  # March 2025 to March 2026
    assert a.actual_hours_month == pytest.approx(12.5 / 13)
    assert a.projected_hours_year == pytest.approx(1000 * 12 * 6 * (125 / 160) / 60)
    # every month from the first run to now, months without runs as zeros
    assert len(a.months) == 13
    hours = {m.period: m.hours for m in a.months if m.runs}
    assert hours == {
        "2025-03": pytest.approx(1.0),
        "2026-01": pytest.approx(7.0),
        "2026-03": pytest.approx(4.5),
    }
    assert [m.hours for m in a.months if not m.runs] == [0.0] * 10
    assert all(m.estimated_hours == pytest.approx(60.0) for m in a.months)
    assert a.explanation.startswith(
        "Geschätzt 60\u202f% der 2 verknüpften Aufgaben automatisierbar (ganzer Prozess: "
        "57\u202f%), tatsächlich 78\u202f% ohne Sachbearbeitung "
        "beschieden (125 von 160 Anträgen). Der Roboter erledigt mehr Anträge allein als geschätzt."
    )
    assert "Eingespart bisher 12,5 Stunden (6,0 Minuten je Fall" in a.explanation
    assert "Hochgerechnet auf die angegebenen 1.000 Fälle im Monat: 938 statt geschätzt 720" in (
        a.explanation
    )
    assert "im Schnitt 12 statt 1.000 Fälle im Monat" in a.explanation


def test_without_minutes_there_are_no_hours_but_the_share_is_known() -> None:
    months = [MonthFigures("2026-02", runs=1, cases=4, cases_automated=1, cases_to_person=3)]
    a = compute_actuals(
        months,
        TASKS,
        ["A"],
        minutes_per_case=None,
        cases_per_month=None,
        current_period="2026-02",
    )
    assert a.actual_share == pytest.approx(0.25)
    assert a.actual_hours_year is None and a.actual_hours_total is None
    assert a.estimated_hours_year is None and a.projected_hours_year is None
    assert "3 Fälle gingen an Menschen (Prüfung, Fehler), mehr als geschätzt." in a.explanation
    assert "es fehlen die Minuten pro Fall." in a.explanation


def test_no_runs_yet() -> None:
    a = compute_actuals(
        [], TASKS, [], minutes_per_case=5, cases_per_month=10, current_period="2026-02"
    )
    assert (a.runs, a.cases, a.actual_share, a.actual_hours_year) == (0, 0, None, None)
    assert a.estimated_hours_year == pytest.approx(10 * 12 * 5 * 0.575 / 60)
    assert "noch nicht gelaufen" in a.explanation


def test_periods() -> None:
    assert months_between("2025-11", "2026-02") == 4
    assert months_between("2026-02", "2026-02") == 1
    assert previous_periods("2026-02", 3) == {"2025-12", "2026-01", "2026-02"}
