"""Scoring on small hand-made diagrams whose ranking a person would agree with."""

from __future__ import annotations

from pathlib import Path

import pytest

from bpmn import Definitions, read_bpmn
from processes.diagram import DiagramCandidate, read_candidate
from processes.facts import ChangeLevel, Facts
from processes.scoring import (
    Category,
    ProcessScore,
    Quadrant,
    ScoringModelError,
    TaskScore,
    assess,
    load_model,
)
from processes.scoring.model import DEFAULT_MODEL_FILE
from tests.bpmn.documents import chain, document, simple_process

MODEL = load_model()
FULL_FACTS = Facts(
    cases_per_month=200,
    minutes_per_case=12,
    digital_share=0.9,
    exception_rate=0.05,
    expected_changes=ChangeLevel.STABLE,
    it_systems=2,
)


def _candidate(defs: Definitions) -> DiagramCandidate:
    candidate = read_candidate(defs, "test.bpmn")
    assert candidate is not None
    return candidate


def score(body: str, facts: Facts = FULL_FACTS) -> ProcessScore:
    defs = read_bpmn(document(body).encode())
    return assess(defs, _candidate(defs), facts, MODEL)


DATA_TRANSFER = simple_process(
    chain(
        ("startEvent", "s", "Antrag online eingegangen"),
        ("userTask", "t1", "Antragsdaten aus dem Portal übernehmen"),
        ("userTask", "t2", "Daten im Fachverfahren erfassen"),
        ("sendTask", "t3", "Eingangsbestätigung versenden"),
        ("endEvent", "e", "Antrag erfasst"),
    )
    + '<{p}dataStoreReference id="ds" name="Fachverfahren"/>'
)
DISCRETIONARY = simple_process(
    chain(
        ("startEvent", "s", "Antrag eingegangen"),
        ("userTask", "t1", "Antrag nach pflichtgemäßem Ermessen entscheiden"),
        ("task", "t2", "Antragsteller telefonisch beraten"),
        ("manualTask", "t3", "Ortsbesichtigung durchführen"),
        ("endEvent", "e", "Entschieden"),
    )
)


def test_pure_data_transfer_beats_discretionary_decision() -> None:
    transfer, decision = score(DATA_TRANSFER), score(DISCRETIONARY)
    assert transfer.potential > decision.potential + 30
    assert transfer.quadrant is Quadrant.QUICK_WIN
    assert decision.quadrant is Quadrant.NOT_SUITABLE
    assert transfer.hours_saved is not None and decision.hours_saved is not None
    assert transfer.hours_saved > 3 * decision.hours_saved
    assert transfer.feasible and not decision.feasible


def test_task_categories_follow_type_and_words() -> None:
    body = simple_process(
        chain(
            ("startEvent", "s", "Los"),
            ("serviceTask", "svc", "Daten abrufen"),
            ("userTask", "user", "Rechnung im Finanzverfahren erfassen"),
            ("task", "check", "Antrag auf Vollständigkeit prüfen"),
            ("task", "judge", "Antrag sachlich prüfen"),
            ("manualTask", "carry", "Akte ins Archiv tragen"),
            ("endEvent", "e", "Ende"),
        )
    )
    tasks = {t.element_id: t for t in score(body).tasks}
    assert tasks["svc"].category is Category.SYSTEM
    assert tasks["user"].category is Category.ROBOT
    assert tasks["check"].category is Category.ROBOT  # a formal check
    assert tasks["judge"].category is Category.HUMAN  # a check of content
    assert tasks["carry"].category is Category.HUMAN
    assert tasks["carry"].potential == 0
    reasons = " ".join(r.text for r in tasks["user"].reasons)
    assert "„erfassen“" in reasons and "Bildschirm" in reasons


def test_discretion_is_flagged_and_capped_with_35a() -> None:
    body = simple_process(
        chain(
            ("startEvent", "s", "Los"),
            ("userTask", "t", "Daten erfassen und bescheiden"),
            ("endEvent", "e", "Ende"),
        )
    ).replace(
        '<{p}userTask id="t" name="Daten erfassen und bescheiden"/>',
        '<{p}userTask id="t" name="Daten erfassen und bescheiden"><{p}documentation>'
        "Härtefälle nach Ermessen würdigen</{p}documentation></{p}userTask>",
    )
    result = score(body)
    (task,) = result.tasks
    assert task.discretion
    assert task.potential <= MODEL.discretion.cap
    assert any("§ 35a VwVfG" in r.text for r in task.reasons)
    assert any("§ 35a VwVfG" in note for note in result.notes)


def test_automatable_share_ignores_system_work_and_weights_minutes() -> None:
    body = simple_process(
        '<{p}startEvent id="s"/><{p}serviceTask id="svc" name="Bescheid drucken lassen"/>'
        '<{p}userTask id="fast" name="Daten erfassen"><{p}extensionElements>'
        '<camunda:properties><camunda:property name="lotse:minutes" value="1"/></camunda:properties>'
        "</{p}extensionElements></{p}userTask>"
        '<{p}manualTask id="slow" name="Akten tragen"><{p}extensionElements>'
        '<camunda:properties><camunda:property name="lotse:minutes" value="9"/></camunda:properties>'
        "</{p}extensionElements></{p}manualTask><{p}endEvent id='e'/>"
        '<{p}sequenceFlow id="1" sourceRef="s" targetRef="svc"/><{p}sequenceFlow id="2" sourceRef="svc" targetRef="fast"/>'
        '<{p}sequenceFlow id="3" sourceRef="fast" targetRef="slow"/><{p}sequenceFlow id="4" sourceRef="slow" targetRef="e"/>'
    )
    defs = read_bpmn(
        document(body, extra_ns='xmlns:camunda="http://camunda.org/schema/1.0/bpmn"').encode()
    )
    result = assess(defs, _candidate(defs), FULL_FACTS, MODEL)
    tasks = {t.element_id: t for t in result.tasks}
    expected = (tasks["fast"].potential * 1 + tasks["slow"].potential * 9) / 10 / 100
    assert result.automatable_share == pytest.approx(expected, abs=1e-4)
    assert result.hours_saved == pytest.approx(
        200 * 12 * 12 * result.automatable_share / 60, abs=0.1
    )


def test_decisions_by_rule_score_higher_than_unlabelled_ones() -> None:
    def gateway(flows: str) -> str:
        return simple_process(
            '<{p}startEvent id="s" name="Los"/><{p}exclusiveGateway id="g" name="Betrag über 1.000 €?"/>'
            '<{p}userTask id="a" name="Daten erfassen"/><{p}userTask id="b" name="Daten übertragen"/>'
            '<{p}endEvent id="e" name="Ende"/><{p}sequenceFlow id="0" sourceRef="s" targetRef="g"/>'
            + flows
            + '<{p}sequenceFlow id="3" sourceRef="a" targetRef="e"/><{p}sequenceFlow id="4" sourceRef="b" targetRef="e"/>'
        )

    ruled = gateway(
        '<{p}sequenceFlow id="1" name="ja" sourceRef="g" targetRef="a"><{p}conditionExpression>${betrag &gt; 1000}</{p}conditionExpression></{p}sequenceFlow>'
        '<{p}sequenceFlow id="2" name="nein" sourceRef="g" targetRef="b"><{p}conditionExpression>${betrag &lt;= 1000}</{p}conditionExpression></{p}sequenceFlow>'
    )
    unlabelled = gateway(
        '<{p}sequenceFlow id="1" sourceRef="g" targetRef="a"/><{p}sequenceFlow id="2" sourceRef="g" targetRef="b"/>'
    )

    def decisions(result: ProcessScore) -> float:
        return next(c.score for c in result.criteria if c.key == "decisions")

    assert decisions(score(ruled)) == MODEL.decisions.conditions
    assert decisions(score(unlabelled)) == MODEL.decisions.unlabelled
    assert score(ruled).potential > score(unlabelled).potential


def test_missing_facts_lower_confidence_but_never_block() -> None:
    complete = score(DATA_TRANSFER)
    bare = score(DATA_TRANSFER, Facts())
    assert complete.confidence == 1.0
    assert bare.confidence < 0.5
    assert bare.hours_saved is None
    assert any("Fälle pro Monat" in n for n in bare.notes)
    digital = next(c for c in bare.criteria if c.key == "digital_input")
    assert "Datenobjekten" in digital.reason or "nicht angegeben" in digital.reason


def test_facts_drive_potential_and_feasibility() -> None:
    paper = score(DATA_TRANSFER, FULL_FACTS.model_copy(update={"digital_share": 0.1}))
    assert paper.potential < score(DATA_TRANSFER).potential
    assert any(c.key == "ocr" and c.score < 0 for c in paper.criteria)
    unstable = score(
        DATA_TRANSFER, FULL_FACTS.model_copy(update={"expected_changes": ChangeLevel.MANY})
    )
    assert not unstable.feasible and "häufig" in unstable.feasibility_reason
    many_systems = score(DATA_TRANSFER, FULL_FACTS.model_copy(update={"it_systems": 9}))
    assert not many_systems.feasible


def test_every_point_has_a_german_sentence() -> None:
    for body in (DATA_TRANSFER, DISCRETIONARY):
        result = score(body)
        assert {c.axis for c in result.criteria} == {"potential", "ease"}
        for criterion in result.criteria:
            assert (criterion.reason and criterion.reason[0].isupper()) or criterion.reason[
                0
            ].isdigit()
        for task in result.tasks:
            assert task.reasons and all(r.text for r in task.reasons)
        ease = 100 + sum(c.score for c in result.criteria if c.axis == "ease")
        assert result.ease == pytest.approx(max(0, ease), abs=0.1)


def test_loops_and_handoffs_lower_ease() -> None:
    straight = score(DATA_TRANSFER)
    looped = score(
        DATA_TRANSFER.replace(
            "</{p}process>",
            '<{p}sequenceFlow id="back" sourceRef="t3" targetRef="t1"/></{p}process>',
        )
    )
    assert looped.ease < straight.ease
    assert any(c.key == "loops" and c.score < 0 for c in looped.criteria)


def test_broken_model_files_are_refused_clearly(tmp_path: Path) -> None:
    broken = tmp_path / "modell.yaml"
    broken.write_text("version: [")
    with pytest.raises(ScoringModelError, match="kein gültiges YAML"):
        load_model(broken)
    text = DEFAULT_MODEL_FILE.read_text(encoding="utf-8")
    broken.write_text(text.replace("    unless: [formal_check,", "    unless: [gibtsnicht,"))
    with pytest.raises(ScoringModelError, match="gibtsnicht"):
        load_model(broken)
    broken.write_text(text.replace("    digital_input: 0.40", "    digital_input: -1"))
    with pytest.raises(ScoringModelError, match=r"potential\.condition_weights\.digital_input"):
        load_model(broken)
    with pytest.raises(ScoringModelError, match="nicht gelesen"):
        load_model(tmp_path / "fehlt.yaml")


def test_a_city_can_change_the_weights(tmp_path: Path) -> None:
    text = DEFAULT_MODEL_FILE.read_text(encoding="utf-8")
    own = tmp_path / "stadt.yaml"
    own.write_text(
        text.replace(f'version: "{MODEL.version}"', 'version: "stadt-1"').replace(
            "  userTask:\n    base: 60", "  userTask:\n    base: 20"
        )
    )
    city = load_model(own)
    defs = read_bpmn(document(DATA_TRANSFER).encode())
    ours = assess(defs, _candidate(defs), FULL_FACTS, MODEL)
    theirs = assess(defs, _candidate(defs), FULL_FACTS, city)
    assert theirs.model_version == "stadt-1"
    assert theirs.potential < ours.potential


# -- words, evidence and honest states (issue 10) ---------------------------------------


def task_of(name: str, extra: str = "", kind: str = "task") -> TaskScore:
    body = simple_process(
        chain(("startEvent", "s", ""), (kind, "t", name), ("endEvent", "e", ""), extra=extra)
    )
    (task,) = score(body).tasks
    return task


@pytest.mark.parametrize(
    "name",
    ["Word öffnen", "Dokumenteninhalt mit Strg-A auswählen", "Anhang in Outlook speichern"],
)
def test_screen_work_on_a_named_system_is_robot_work(name: str) -> None:
    task = task_of(name)
    assert task.category is Category.ROBOT, task.reasons
    assert any("Bildschirmarbeit" in r.text for r in task.reasons)


def test_opening_without_a_system_is_physical_work() -> None:
    assert task_of("Briefe öffnen").category is Category.HUMAN


def test_words_are_matched_as_words_not_substrings() -> None:
    task = task_of("Vertretung sicherstellen")
    assert not task.judged_by_words, "neither 'erstell' nor anything else is in these words"
    photo = task_of("Foto erstellen")
    assert photo.category is Category.HUMAN
    assert not any("Dokument nach Vorlage" in r.text for r in photo.reasons)


@pytest.mark.parametrize(
    "name",
    [
        "Kennwort eingeben",
        "Bescheid mit qualifizierter elektronischer Signatur versehen",
        "TAN eingeben",
    ],
)
def test_secrets_and_signatures_always_stay_with_a_person(name: str) -> None:
    task = task_of(name, kind="userTask")
    assert task.category is Category.HUMAN
    assert task.potential <= MODEL.human_only.cap
    assert any("Geheimnisse und Unterschriften" in r.text for r in task.reasons)


def test_an_annotation_is_evidence_and_the_reason_names_it() -> None:
    note = (
        '<{p}textAnnotation id="n"><{p}text>Daten werden aus der E-Mail in SAP abgetippt</{p}text>'
        '</{p}textAnnotation><{p}association id="a" sourceRef="t" targetRef="n"/>'
    )
    plain = task_of("Antrag bearbeiten")
    annotated = task_of("Antrag bearbeiten", extra=note)
    assert annotated.potential > plain.potential
    assert any("laut Anmerkung im Diagramm: „Daten werden aus" in r.text for r in annotated.reasons)


def test_a_process_wide_annotation_names_the_system_for_screen_work() -> None:
    body = simple_process(
        chain(("startEvent", "s", ""), ("task", "t", "Nachricht öffnen"), ("endEvent", "e", ""))
        + '<{p}textAnnotation id="n"><{p}text>Der gesamte Prozess wird über MS-Outlook '
        "abgewickelt.</{p}text></{p}textAnnotation>"
    )
    (task,) = score(body).tasks
    assert task.category is Category.ROBOT


def test_placeholder_and_unnamed_tasks_are_not_scored() -> None:
    result = score(
        simple_process(
            chain(
                ("startEvent", "s", ""),
                ("task", "t1", "Rechnung in SAP erfassen"),
                ("task", "t2", "Task 1"),
                ("sendTask", "t3", ""),
                ("endEvent", "e", ""),
            )
        )
    )
    assert [t.name for t in result.tasks] == ["Rechnung in SAP erfassen"]
    assert any("2 Aufgaben ohne Namen" in n for n in result.notes)


def test_a_diagram_without_named_tasks_is_not_assessable() -> None:
    result = score(
        simple_process(chain(("startEvent", "s", ""), ("sendTask", "t", ""), ("endEvent", "e", "")))
    )
    assert result.quadrant is Quadrant.NOT_ASSESSABLE
    assert result.notes[0].startswith("Nicht bewertbar")


def test_no_quick_win_while_the_benefit_is_unknown() -> None:
    result = score(DATA_TRANSFER, Facts(digital_share=0.9, expected_changes=ChangeLevel.STABLE))
    assert result.hours_saved is None
    assert result.quadrant is Quadrant.BENEFIT_UNKNOWN
    assert "Fälle pro Monat und Minuten pro Fall" in result.notes[0]
    assert not any(n.startswith("Eingesparte Stunden") for n in result.notes), "said once"
    assert score(DATA_TRANSFER).quadrant is Quadrant.QUICK_WIN  # with the facts it is one


def test_confidence_falls_with_tasks_judged_by_type_alone() -> None:
    words = score(DATA_TRANSFER)
    bare = score(
        simple_process(
            chain(
                ("startEvent", "s", ""),
                ("task", "t1", "Vorgang bearbeiten"),
                ("task", "t2", "Sache machen"),
                ("endEvent", "e", ""),
            )
        )
    )
    assert bare.confidence < words.confidence


def test_the_quick_check_gives_an_idea_score_a_benefit_band_and_missing_facts() -> None:
    from processes.quickcheck import Answer, CaseBand, Changes, QuickCheck

    check = QuickCheck(
        rule_based=Answer.YES,
        digital_input=Answer.PARTLY,
        structured_input=Answer.YES,
        changes=Changes.NONE,
        cases=CaseBand.OVER_1000,
    )
    assert check.idea_score == 88 and check.benefit_band == "sehr hoch"
    weak = check.model_copy(update={"rule_based": Answer.NO, "structured_input": Answer.NO})
    assert weak.idea_score < check.idea_score
    facts = check.as_facts().merged(Facts(digital_share=0.2))
    assert facts.digital_share == 0.2, "exact facts win over the quick check"
    assert facts.expected_changes is ChangeLevel.STABLE
    result = assess(
        read_bpmn(document(DATA_TRANSFER).encode()),
        _candidate(read_bpmn(document(DATA_TRANSFER).encode())),
        facts,
        MODEL,
        check,
    )
    assert result.quadrant is Quadrant.BENEFIT_UNKNOWN, "a band is no number of hours"
    assert "laut Schnellcheck sehr hoch" in result.notes[0]
    assert any(n.startswith("Schnellcheck: Ideenwert 88") for n in result.notes)


# -- German task names as workshops write them (review of issue 10) --------------------

# (task name, the keyword groups its name makes count, category of an untyped task)
WORKSHOP_TASKS = [
    # the examples
    ("Word öffnen", {"screen_work"}, Category.ROBOT),
    ("Dokumenteninhalt mit Strg-A auswählen", {"screen_work"}, Category.ROBOT),
    ("Vertretung sicherstellen", set(), Category.ASSIST),
    ("Foto erstellen", {"physical"}, Category.HUMAN),
    ("Kennwort eingeben", {"rule_data_work"}, Category.HUMAN),  # the secret caps it
    ("Login Antragsteller", set(), Category.ASSIST),  # its pool decides, see below
    # prefixed verbs are their own words
    ("Eingang ins Eingangsbuch eintragen", {"rule_data_work"}, Category.ROBOT),
    ("Fördermittel beantragen", set(), Category.ASSIST),
    ("Auftrag erteilen", set(), Category.ASSIST),
    ("Vortrag für den Ausschuss vorbereiten", set(), Category.ASSIST),
    ("Mitgliedsbeitrag festsetzen", {"calculation"}, Category.ASSIST),
    ("Daten aus dem Antrag übertragen", {"rule_data_work"}, Category.ROBOT),
    ("Angebote einholen", {"conversation"}, Category.HUMAN),
    ("Akteneinsicht gewähren", {"decision"}, Category.HUMAN),
    ("Hauspostmappen abholen", {"physical"}, Category.HUMAN),
    ("Akten ins Archiv bringen", {"physical"}, Category.HUMAN),
    ("Post austragen", {"physical"}, Category.HUMAN),
    ("Eingangsstempel aufbringen", {"physical"}, Category.HUMAN),
    ("Unterlagen abheften", {"physical"}, Category.HUMAN),
    ("Vorgang dem Sachgebiet zuordnen", {"sorting"}, Category.ROBOT),
    ("Post nach Ämtern sortieren", {"sorting"}, Category.ROBOT),
    ("Antrag an das Fachamt weiterleiten", {"communication"}, Category.ASSIST),
    ("Bescheid zustellen", {"communication"}, Category.ASSIST),
    # a verb is no noun that shares its stem
    ("Zahlung im Finanzverfahren buchen", {"rule_data_work"}, Category.ROBOT),
    ("Eingangsbuch führen", set(), Category.ASSIST),
    ("Kassenbuch abschließen", set(), Category.ASSIST),
    ("Datenabgleich mit dem Melderegister", {"rule_data_work"}, Category.ROBOT),
    # the rest of a workshop's verbs
    ("Antrag im Fachverfahren erfassen", {"rule_data_work"}, Category.ROBOT),
    ("Personalakte aktualisieren", {"rule_data_work"}, Category.ROBOT),
    ("Anhang in Outlook speichern", {"screen_work"}, Category.ROBOT),
    ("Scan im DMS hochladen", {"screen_work"}, Category.ROBOT),
    ("Vollständigkeit prüfen", {"formal_check"}, Category.ROBOT),
    ("Vertrag prüfen", {"generic_check"}, Category.HUMAN),
    ("Rechnungsprüfung durchführen", {"generic_check"}, Category.HUMAN),
    ("Prüfvermerk anbringen", {"rule_data_work"}, Category.ROBOT),  # no check: "Prüf" is no head
    ("Rechnung sachlich prüfen", {"content_check"}, Category.HUMAN),
    ("Akte schwärzen", {"content_check"}, Category.HUMAN),
    ("Gebühr berechnen", {"calculation"}, Category.ASSIST),
    ("Bescheid erstellen", {"document_generation"}, Category.ASSIST),
    ("Eingangsbestätigung versenden", {"communication"}, Category.ASSIST),
    ("Antrag genehmigen", {"decision"}, Category.HUMAN),
    ("Rücksprache mit der Antragstellerin halten", {"conversation"}, Category.HUMAN),
    ("Termin vereinbaren", {"conversation"}, Category.HUMAN),
    ("Ortstermin durchführen", {"physical", "conversation"}, Category.HUMAN),
    ("Schlüssel aushändigen", {"physical"}, Category.HUMAN),
    ("Bargeld zählen", {"physical"}, Category.HUMAN),
    ("Bescheid unterschreiben", {"physical"}, Category.HUMAN),
    ("Lieferschein abzeichnen", set(), Category.HUMAN),  # initialling is signing
    ("Bürgerin ruft an", {"conversation"}, Category.HUMAN),  # ruft … an: anrufen, Anruf
]


def _counted_by_name(name: str) -> set[str]:
    from processes.scoring.tasks import counted_groups

    found = {key: (word, "") for key, word in MODEL.matches(name).items()}
    counted, _ = counted_groups(found, "_system" in found, MODEL)
    return {g.key for g in counted}


@pytest.mark.parametrize(("name", "groups", "category"), WORKSHOP_TASKS)
def test_workshop_task_names_are_read_as_a_clerk_means_them(
    name: str, groups: set[str], category: Category
) -> None:
    assert _counted_by_name(name) == groups
    assert task_of(name).category is category


def test_the_workshop_table_is_long_enough() -> None:
    assert len(WORKSHOP_TASKS) >= 40


def test_a_citizens_login_is_a_hand_off_not_the_citys_work() -> None:
    xml = document(
        '<{p}collaboration id="C1">'
        '<{p}participant id="P1" name="Bürgerbüro" processRef="Process_City"/>'
        '<{p}participant id="P2" name="Antragsteller" processRef="Process_Citizen"/>'
        "</{p}collaboration>"
        + simple_process(
            chain(("startEvent", "s", ""), ("task", "t", "Antrag prüfen"), ("endEvent", "e", "")),
            process_id="Process_City",
        )
        + simple_process(
            chain(
                ("startEvent", "s2", ""),
                ("task", "t2", "Login Antragsteller"),
                ("endEvent", "e2", ""),
            ),
            process_id="Process_Citizen",
        )
    )
    defs = read_bpmn(xml.encode())
    result = assess(defs, _candidate(defs), FULL_FACTS, MODEL)
    assert [t.name for t in result.tasks] == ["Antrag prüfen"]
    assert any("„Antragsteller“" in n and "Übergaben" in n for n in result.notes)


def test_a_remark_in_an_annotation_does_not_turn_the_task_around() -> None:
    """'Zustellung dauert bis zu eine Woche' is a complaint, not communication work."""
    note = (
        '<{p}textAnnotation id="n"><{p}text>Zustellung dauert bis zu eine Woche</{p}text>'
        '</{p}textAnnotation><{p}association id="a" sourceRef="t" targetRef="n"/>'
    )
    carried = task_of("Zu den Ämtern tragen", extra=note)
    plain = task_of("Zu den Ämtern tragen")
    assert carried.potential == plain.potential
    assert any("zählt hier nicht" in r.text and r.points == 0 for r in carried.reasons)
    # where the name says nothing, the annotation is the evidence there is
    vague = task_of("Hauspost verteilen", extra=note)
    assert vague.potential > task_of("Hauspost verteilen").potential


def test_an_annotation_can_sharpen_the_name() -> None:
    note = (
        '<{p}textAnnotation id="n"><{p}text>Vollständigkeit anhand der Checkliste</{p}text>'
        '</{p}textAnnotation><{p}association id="a" sourceRef="t" targetRef="n"/>'
    )
    sharpened = task_of("Antrag prüfen", extra=note)
    assert sharpened.potential > task_of("Antrag prüfen").potential
    assert not any("Prüfen braucht meist einen Menschen" in r.text for r in sharpened.reasons)


def test_rule_work_on_paper_is_a_robots_once_it_is_scanned() -> None:
    sorting = task_of("Post nach Ämtern sortieren", kind="manualTask")
    assert sorting.after_scanning and sorting.category is Category.ROBOT
    assert "sobald die Eingänge gescannt sind" in sorting.reasons[0].text
    # handwork stays handwork, and the name decides what the task is
    for name in ("Briefe öffnen", "Post öffnen und sortieren", "Hundemarke beilegen"):
        task = task_of(name, kind="manualTask")
        assert not task.after_scanning and task.category is Category.HUMAN, name
    body = simple_process(
        '<{p}manualTask id="t" name="Hundemarke beilegen"><{p}documentation>Die Nummer in '
        "der Hundemarkenliste vermerken.</{p}documentation></{p}manualTask>"
    )
    (documented,) = score(body).tasks
    assert not documented.after_scanning, "the documentation adds a step, the name decides"


def test_a_process_says_which_tasks_wait_for_scanning() -> None:
    result = score(
        simple_process(
            chain(
                ("startEvent", "s", ""),
                ("manualTask", "t1", "Briefe öffnen"),
                ("manualTask", "t2", "Eingang ins Eingangsbuch eintragen"),
                ("manualTask", "t3", "Post nach Ämtern sortieren"),
                ("endEvent", "e", ""),
            )
        )
    )
    (note,) = [n for n in result.notes if n.startswith("Nach dem Scannen")]
    assert "„Eingang ins Eingangsbuch eintragen“" in note and "„Post nach Ämtern" in note
    assert "Briefe öffnen" not in note


def test_a_model_without_the_scanning_rule_is_still_read(tmp_path: Path) -> None:
    text = DEFAULT_MODEL_FILE.read_text(encoding="utf-8")
    start = text.index("after_scanning:")
    end = text.index("# § 35a VwVfG")
    older = tmp_path / "alt.yaml"
    older.write_text(text[:start] + text[end:], encoding="utf-8")
    model = load_model(older)
    assert model.after_scanning is None
    defs = read_bpmn(
        document(
            simple_process(
                chain(
                    ("startEvent", "s", ""),
                    ("manualTask", "t", "Post nach Ämtern sortieren"),
                    ("endEvent", "e", ""),
                )
            )
        ).encode()
    )
    (task,) = assess(defs, _candidate(defs), FULL_FACTS, model).tasks
    assert not task.after_scanning and task.category is Category.HUMAN
