"""Facts in the spellings people use, refused clearly when out of range."""

from __future__ import annotations

from pathlib import Path

import pytest

from processes.facts import (
    ChangeLevel,
    Facts,
    FactsError,
    facts_from_mapping,
    read_sidecar,
    sidecar_path,
)


def test_german_and_english_keys_percent_and_decimal_comma() -> None:
    facts = facts_from_mapping(
        {
            "lotse:casesPerMonth": "1.200",
            "Minuten pro Fall": "12,5",
            "anteil_digital": "80 %",
            "Ausnahmequote": 5,
            "Änderungen": "gelegentlich",
            "IT-Systeme": "2",
            "Rechtsgrundlage": "§ 14 GewO",
            "camunda:irrelevant": "x",
        },
        where="Test",
    )
    assert facts == Facts(
        cases_per_month=1200,
        minutes_per_case=12.5,
        digital_share=0.8,
        exception_rate=0.05,
        expected_changes=ChangeLevel.SOME,
        it_systems=2,
        legal_basis="§ 14 GewO",
    )


def test_out_of_range_values_are_refused_with_every_problem_named() -> None:
    with pytest.raises(FactsError) as caught:
        facts_from_mapping(
            {"fallzahl": -3, "anteil_digital": 120, "it_systeme": "zwei", "änderungen": "dauernd"},
            where="antrag.facts.yaml",
        )
    message = str(caught.value)
    assert message.startswith("Fakten in antrag.facts.yaml:")
    assert "Anteil digitaler Eingänge „120“ muss zwischen 0 und 100 % liegen" in message
    assert "Anzahl IT-Systeme „zwei“ ist keine Zahl" in message
    assert "Erwartete Änderungen „dauernd“" in message
    with pytest.raises(FactsError, match="Fälle pro Monat: darf nicht negativ sein"):
        facts_from_mapping({"fallzahl": -3}, where="x")


def test_merging_keeps_what_the_newer_facts_do_not_say() -> None:
    old = Facts(cases_per_month=10, minutes_per_case=5)
    assert old.merged(Facts(minutes_per_case=7)) == Facts(cases_per_month=10, minutes_per_case=7)
    assert set(Facts().missing()) >= {"cases_per_month", "digital_share"}


def test_sidecar_for_all_and_per_process(tmp_path: Path) -> None:
    diagram = tmp_path / "antrag.bpmn20.xml"
    assert sidecar_path(diagram) == tmp_path / "antrag.facts.yaml"
    assert read_sidecar(diagram) == {}
    sidecar_path(diagram).write_text(
        "fallzahl_pro_monat: 100\nprozesse:\n  Process_B:\n    minuten_pro_fall: 9\n",
        encoding="utf-8",
    )
    facts = read_sidecar(diagram)
    assert facts["*"] == Facts(cases_per_month=100)
    assert facts["Process_B"] == Facts(minutes_per_case=9)


def test_broken_sidecar_is_refused(tmp_path: Path) -> None:
    diagram = tmp_path / "antrag.bpmn"
    sidecar_path(diagram).write_text("fallzahl: [", encoding="utf-8")
    with pytest.raises(FactsError, match="kein gültiges YAML"):
        read_sidecar(diagram)
    sidecar_path(diagram).write_text("- a\n- b\n", encoding="utf-8")
    with pytest.raises(FactsError, match="Schlüssel und Werte"):
        read_sidecar(diagram)
