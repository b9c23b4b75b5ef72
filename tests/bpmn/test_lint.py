"""Each lint rule fires where a modeller would expect it and stays quiet otherwise."""

from __future__ import annotations

from bpmn import Severity, lint, read_bpmn
from tests.bpmn.documents import chain, document, simple_process

CLEAN_DI = ""


def findings(body: str, di: str = "") -> list[tuple[str, str | None, Severity]]:
    defs = read_bpmn(document(body, di=di).encode())
    # every finding on its own: these tests look at single rules
    return [(f.rule, f.element_id, f.severity) for f in lint(defs, profile="strict")]


def rules(body: str) -> set[str]:
    return {rule for rule, _, _ in findings(body)}


GOOD = simple_process(
    chain(
        ("startEvent", "s", "Antrag eingegangen"),
        ("userTask", "t", "Antrag prüfen"),
        ("endEvent", "e", "Antrag bearbeitet"),
    )
)


def test_clean_model_has_only_the_no_diagram_hint() -> None:
    assert findings(GOOD) == [("no-bpmndi", None, Severity.INFO)]


def test_start_and_end_events_required() -> None:
    body = simple_process(chain(("task", "a", "Prüfen"), ("task", "b", "Senden")))
    assert {"start-event-required", "end-event-required"} <= rules(body)
    sub = simple_process(
        chain(("startEvent", "s", "Los"), ("subProcess", "sub", "Teil"), ("endEvent", "e", "Ende"))
    ).replace(
        '<{p}subProcess id="sub" name="Teil"/>',
        '<{p}subProcess id="sub" name="Teil"><{p}task id="x" name="Tun"/></{p}subProcess>',
    )
    got = findings(sub)
    assert ("start-event-required", "sub", Severity.WARNING) in got
    assert ("end-event-required", "sub", Severity.WARNING) in got


def test_disconnected_and_implicit_start_end() -> None:
    body = GOOD.replace(
        "</{p}process>",
        '<{p}task id="lonely" name="Vergessen"/><{p}task id="orphan" name="Ohne Eingang"/>'
        '<{p}sequenceFlow id="x" sourceRef="orphan" targetRef="e"/>'
        '<{p}task id="dead" name="Sackgasse"/><{p}sequenceFlow id="y" sourceRef="t" targetRef="dead"/>'
        "</{p}process>",
    )
    got = findings(body)
    assert ("no-disconnected", "lonely", Severity.WARNING) in got
    assert ("no-implicit-start", "orphan", Severity.WARNING) in got
    assert ("no-implicit-end", "dead", Severity.WARNING) in got


def test_event_subprocess_and_compensation_may_float() -> None:
    body = GOOD.replace(
        "</{p}process>",
        '<{p}subProcess id="esp" name="Bei Storno" triggeredByEvent="true">'
        '<{p}startEvent id="es" name="Storno"><{p}messageEventDefinition/></{p}startEvent>'
        '<{p}endEvent id="ee" name="Storniert"/><{p}sequenceFlow id="ef" sourceRef="es" targetRef="ee"/>'
        '</{p}subProcess><{p}task id="undo" name="Rückbuchen" isForCompensation="true"/>'
        "</{p}process>",
    )
    assert "no-disconnected" not in rules(body)


def test_labels_required_on_tasks_and_forking_gateways() -> None:
    body = simple_process(
        chain(
            ("startEvent", "s", ""),
            ("task", "t", ""),
            ("exclusiveGateway", "g", ""),
            ("endEvent", "e", "Ende"),
        )
        + '<{p}endEvent id="e2" name="Anderes Ende"/>'
        + '<{p}sequenceFlow id="g2" name="nein" sourceRef="g" targetRef="e2"/>'
    )
    got = findings(body)
    assert ("label-required", "t", Severity.WARNING) in got
    assert ("label-required", "g", Severity.WARNING) in got
    assert ("label-required", "s", Severity.INFO) in got


def test_implicit_split_fake_join_and_join_fork() -> None:
    body = simple_process(
        '<{p}startEvent id="s" name="Los"/><{p}task id="a" name="A"/>'
        '<{p}task id="b" name="B"/><{p}task id="c" name="C"/><{p}parallelGateway id="g"/>'
        '<{p}task id="d" name="D"/><{p}task id="x" name="X"/><{p}endEvent id="e" name="Ende"/>'
        '<{p}sequenceFlow id="1" sourceRef="s" targetRef="a"/>'
        '<{p}sequenceFlow id="2" sourceRef="a" targetRef="b"/><{p}sequenceFlow id="3" sourceRef="a" targetRef="c"/>'
        '<{p}sequenceFlow id="4" sourceRef="b" targetRef="g"/><{p}sequenceFlow id="5" sourceRef="c" targetRef="g"/>'
        '<{p}sequenceFlow id="6" sourceRef="g" targetRef="d"/><{p}sequenceFlow id="7" sourceRef="g" targetRef="x"/>'
        '<{p}sequenceFlow id="8" sourceRef="d" targetRef="e"/><{p}sequenceFlow id="9" sourceRef="x" targetRef="e"/>'
        '<{p}sequenceFlow id="10" sourceRef="b" targetRef="d"/>'
    )
    got = findings(body)
    assert ("no-implicit-split", "a", Severity.WARNING) in got
    assert ("no-gateway-join-fork", "g", Severity.WARNING) in got
    assert ("fake-join", "d", Severity.WARNING) in got


def test_conditional_flows() -> None:
    body = simple_process(
        '<{p}startEvent id="s" name="Los"/><{p}exclusiveGateway id="g" name="Vollständig?" default="d"/>'
        '<{p}endEvent id="e1" name="A"/><{p}endEvent id="e2" name="B"/><{p}endEvent id="e3" name="C"/>'
        '<{p}endEvent id="e4" name="D"/>'
        '<{p}sequenceFlow id="in" sourceRef="s" targetRef="g"/>'
        '<{p}sequenceFlow id="ok" sourceRef="g" targetRef="e1"><{p}conditionExpression>${x}</{p}conditionExpression></{p}sequenceFlow>'
        '<{p}sequenceFlow id="named" name="ja" sourceRef="g" targetRef="e2"/>'
        '<{p}sequenceFlow id="bare" sourceRef="g" targetRef="e3"/>'
        '<{p}sequenceFlow id="d" sourceRef="g" targetRef="e4"/>'
    )
    got = [(r, e, s) for r, e, s in findings(body) if r == "conditional-flows"]
    assert got == [
        ("conditional-flows", "bare", Severity.WARNING),
        ("conditional-flows", "named", Severity.INFO),
    ]


def test_superfluous_gateway_duplicate_flows_and_blank_starts() -> None:
    body = simple_process(
        '<{p}startEvent id="s1" name="A"/><{p}startEvent id="s2" name="B"/><{p}exclusiveGateway id="g"/>'
        '<{p}endEvent id="e" name="Ende"/>'
        '<{p}sequenceFlow id="1" sourceRef="s1" targetRef="g"/><{p}sequenceFlow id="2" sourceRef="g" targetRef="e"/>'
        '<{p}sequenceFlow id="3" sourceRef="s2" targetRef="e"/><{p}sequenceFlow id="4" sourceRef="s2" targetRef="e"/>'
    )
    found = rules(body)
    assert {
        "superfluous-gateway",
        "no-duplicate-sequence-flows",
        "single-blank-start-event",
    } <= found


def test_duplicate_flows_name_their_ends_as_a_pilot_sees_them() -> None:
    body = simple_process(
        '<{p}exclusiveGateway id="Gateway_5z1vd2z" name="genehmigt?"/>'
        '<{p}endEvent id="Event_2xztgfp"/>'
        '<{p}sequenceFlow id="ja" name="ja" sourceRef="Gateway_5z1vd2z" targetRef="Event_2xztgfp"/>'
        '<{p}sequenceFlow id="nein" name="nein" sourceRef="Gateway_5z1vd2z" '
        'targetRef="Event_2xztgfp"/>'
    )
    defs = read_bpmn(document(body).encode())
    (message,) = [f.message for f in lint(defs) if f.rule == "no-duplicate-sequence-flows"]
    assert message == (
        "Zwischen Exklusives Gateway „genehmigt?“ und Endereignis ohne Namen (Event_2xztgfp) "
        "gibt es 2 gleiche Sequenzflüsse."
    )


def test_reader_problems_become_errors() -> None:
    body = GOOD.replace(
        "</{p}process>",
        '<{p}task id="t" name="doppelt"/><{p}sequenceFlow id="z" sourceRef="t" targetRef="nix"/></{p}process>',
    )
    got = findings(body)
    assert ("duplicate-id", "t", Severity.ERROR) in got
    assert ("dangling-reference", "z", Severity.ERROR) in got
    assert got[0][2] is Severity.ERROR  # errors come first


def test_elements_without_shapes() -> None:
    di = (
        '<bpmndi:BPMNDiagram id="D"><bpmndi:BPMNPlane id="P" bpmnElement="Process_1">'
        '<bpmndi:BPMNShape id="s_di" bpmnElement="s"><dc:Bounds x="0" y="0" width="36" height="36"/></bpmndi:BPMNShape>'
        '<bpmndi:BPMNShape id="e_di" bpmnElement="e"><dc:Bounds x="300" y="0" width="36" height="36"/></bpmndi:BPMNShape>'
        "</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>"
    )
    got = findings(GOOD, di)
    assert ("no-bpmndi", "t", Severity.WARNING) in got
    assert ("no-bpmndi", "f0", Severity.WARNING) in got
    assert ("no-bpmndi", "s", Severity.WARNING) not in got


def test_messages_are_german_and_name_the_element() -> None:
    defs = read_bpmn(document(simple_process(chain(("task", "a", "Akte anlegen")))).encode())
    messages = {f.rule: f.message for f in lint(defs)}
    assert messages["start-event-required"].startswith("Prozess „Ablauf“ hat kein Startereignis")
    assert messages["no-disconnected"].startswith("Aufgabe „Akte anlegen“ ist mit nichts verbunden")
    assert all("\n" not in m for m in messages.values())


# -- the workshop profile (issue 10): a list a pilot reads to the end ------------------


def test_repeated_findings_are_grouped_in_the_workshop_profile() -> None:
    events = "".join(
        f'<{{p}}startEvent id="s{i}"/><{{p}}sequenceFlow id="f{i}" sourceRef="s{i}" targetRef="t"/>'
        for i in range(4)
    )
    body = (
        '<{p}process id="Process_1" name="Ablauf">'
        + events
        + '<{p}task id="t" name="Antrag prüfen"/><{p}endEvent id="e"/>'
        + '<{p}sequenceFlow id="fe" sourceRef="t" targetRef="e"/></{p}process>'
    )
    defs = read_bpmn(document(body).encode())
    strict = [f for f in lint(defs, profile="strict") if f.rule == "label-required"]
    assert len(strict) == 5  # four start events and the end event
    (grouped,) = [f for f in lint(defs) if f.rule == "label-required"]
    assert grouped.message.startswith("5 Ereignisse ohne Namen: Startereignis ohne Namen (s0)")
    assert grouped.severity is Severity.INFO and grouped.element_id is None


def test_drawing_leftovers_are_drawing_warnings_not_errors() -> None:
    di = (
        '<bpmndi:BPMNDiagram id="D"><bpmndi:BPMNPlane id="P" bpmnElement="Process_1">'
        '<bpmndi:BPMNShape id="gone_di" bpmnElement="obj.90001"><dc:Bounds x="0" y="0" width="36" height="36"/></bpmndi:BPMNShape>'
        "</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>"
    )
    defs = read_bpmn(document(GOOD, di=di).encode())
    workshop = [f for f in lint(defs) if "obj.90001" in f.message]
    assert [(f.rule, f.severity) for f in workshop] == [("drawing", Severity.WARNING)]
    assert workshop[0].message.startswith("Nur die Zeichnung:")
    strict = [f for f in lint(defs, profile="strict") if "obj.90001" in f.message]
    assert [f.severity for f in strict] == [Severity.ERROR]


def test_an_unnamed_process_is_named_by_its_pool() -> None:
    body = (
        '<{p}collaboration id="C"><{p}participant id="P1" name="Sachbearbeitung" '
        'processRef="Process_0ggghdt"/></{p}collaboration>'
        '<{p}process id="Process_0ggghdt"><{p}task id="t" name="Antrag prüfen"/></{p}process>'
    )
    defs = read_bpmn(document(body).encode())
    messages = [f.message for f in lint(defs) if f.rule == "start-event-required"]
    assert messages and messages[0].startswith("Der Pool „Sachbearbeitung“ hat kein Startereignis")
