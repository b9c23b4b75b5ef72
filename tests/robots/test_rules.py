"""Routing rules: validation on load and the decisions a mailroom clerk would make."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from robots.rules import Rules, RulesError, load_rules, normalise
from tests.conftest import SAMPLES
from tests.robots.letters import ADVERT, KITA_MEMO, TAX_OBJECTION, TREE_REQUEST

RULES_FILE = SAMPLES / "rules" / "mailroom.yaml"
DEPARTMENTS = {
    d["code"]: d["name"]
    for d in yaml.safe_load((SAMPLES / "departments.yaml").read_text())["departments"]
}


@pytest.fixture(scope="module")
def rules() -> Rules:
    return load_rules(RULES_FILE, DEPARTMENTS)


def text(lines: list[str]) -> str:
    return "\n".join(lines)


def test_sample_rules_cover_every_department(rules: Rules) -> None:
    assert set(rules.spec.departments) == set(DEPARTMENTS)
    for code, department in rules.spec.departments.items():
        assert len(department.keywords) >= 10, code


def test_keywords_tolerate_inflection_compounds_and_hyphenation() -> None:
    assert "bauantrag" in normalise("Zwei Bauanträge")
    assert "grundsteuer" in normalise("Grundsteuer-\nbescheid")
    assert normalise("Straße  ÄRGER\n") == "strasse arger"


def test_subject_and_keywords_route_a_citizens_letter(rules: Rules) -> None:
    decision = rules.decide(text(TAX_OBJECTION))
    assert (decision.status, decision.department) == ("routed", "22")
    assert decision.confidence > 0.6
    assert any("„Grundsteuer“ im Betreff" in r for r in decision.reasons)


def test_in_house_address_block_wins(rules: Rules) -> None:
    decision = rules.decide(text(KITA_MEMO))
    assert decision.department == "51"
    assert decision.reasons[0].startswith("Hausadresse „An: 51")


def test_file_reference_names_the_department(rules: Rules) -> None:
    letter = "Sehr geehrte Frau Meier,\nanbei die fehlenden Unterlagen zu meinem Vorgang Az. 63.2-2026-0412 mit der Bitte um Prüfung und Rückmeldung. Vielen Dank für Ihre Mühe.\nMit freundlichen Grüßen"
    decision = rules.decide(letter)
    assert decision.department == "63"
    assert "Aktenzeichen „Az. 63.2-2026-0412“" in decision.reasons[0]
    other = rules.decide(letter.replace("Az. 63.2-2026-0412", "Aktenzeichen: 22/2026/1187"))
    assert other.department == "22"


def test_advertising_goes_to_review(rules: Rules) -> None:
    decision = rules.decide(
        text(ADVERT) + "\n" + "Unser Sortiment ist riesig und die Preise sind klein. " * 3
    )
    assert decision.status == "review" and decision.department is None
    assert decision.reasons[0].startswith("Werbung")


def test_two_departments_at_once_go_to_review(rules: Rules) -> None:
    both = (
        text(TREE_REQUEST)
        + "\nAußerdem möchte ich für den Carport einen Bauantrag stellen; die Baugenehmigung brauche ich bis Mai."
    )
    decision = rules.decide(both)
    assert decision.status == "review"
    assert "zu nah" in decision.reasons[0]
    assert {code for code, _ in decision.candidates[:2]} == {"63", "67"}


def test_unreadable_and_unclear_text_goes_to_review(rules: Rules) -> None:
    assert rules.decide("Sehr geehrte").reasons[0].startswith("Text nicht sicher lesbar")
    assert rules.decide(text(TAX_OBJECTION), ocr_confidence=20).status == "review"
    vague = "Sehr geehrte Damen und Herren, ich hätte da eine Frage zu meinem Anliegen vom letzten Monat und bitte um einen Rückruf, weil ich nicht weiß, an wen ich mich wenden soll. Mit freundlichen Grüßen"
    decision = rules.decide(vague)
    assert decision.status == "review" and decision.reasons[0].startswith(
        "Kein Amt ist sicher genug"
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ("    keywords:\n      Bewerbung: 5", "    keywords:\n      Bewerbung: viel"),
            "Eintrag „departments.10.keywords.Bewerbung“: muss eine Zahl sein",
        ),
        (("'\\bIBAN\\b': 1", "'(unclosed': 1"), "ungültiger regulärer Ausdruck „(unclosed“"),
        (("(?P<code>\\d{2})[./\\-]", "(?:\\d{2})[./\\-]"), "braucht eine Gruppe (?P<code>"),
        (('  "67":', '  "99":'), "unbekannte Ämter 99"),
        (("  min_score: 6", "  min_score: -1"), "„thresholds.min_score“: ist zu klein"),
        (("version:", "versio:"), "Eintrag „version“: fehlt"),
    ],
)
def test_rules_are_validated_on_load(tmp_path: Path, change: tuple[str, str], message: str) -> None:
    original = RULES_FILE.read_text(encoding="utf-8")
    assert change[0] in original
    broken = tmp_path / "regeln.yaml"
    broken.write_text(original.replace(change[0], change[1], 1), encoding="utf-8")
    with pytest.raises(RulesError) as caught:
        load_rules(broken, DEPARTMENTS)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_broken_yaml_and_missing_file(tmp_path: Path) -> None:
    broken = tmp_path / "regeln.yaml"
    broken.write_text("departments: [", encoding="utf-8")
    with pytest.raises(RulesError, match="kein gültiges YAML"):
        load_rules(broken, DEPARTMENTS)
    with pytest.raises(RulesError, match="kann nicht gelesen werden"):
        load_rules(tmp_path / "fehlt.yaml", DEPARTMENTS)
