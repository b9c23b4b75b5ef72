"""The typed model: what the reader makes of the constructs real tools write."""

from __future__ import annotations

import pytest

from bpmn import BpmnReadError, read_bpmn
from bpmn.model import Activity, Event, Gateway, SubProcess
from tests.bpmn.documents import MODEL, chain, document, simple_process

BASIC = simple_process(
    chain(
        ("startEvent", "s", "Antrag da"),
        ("userTask", "t", "Antrag prüfen"),
        ("endEvent", "e", "Fertig"),
    )
)


@pytest.mark.parametrize("prefix", ["bpmn", "bpmn2", "semantic", "model", ""])
def test_any_prefix_or_none(prefix: str) -> None:
    defs = read_bpmn(document(BASIC, prefix=prefix).encode())
    (process,) = defs.processes
    assert [n.kind for n in process.content.nodes] == ["startEvent", "userTask", "endEvent"]
    assert len(process.content.flows) == 2


def test_prefix_declared_twice_for_same_namespace() -> None:
    xml = (
        document(BASIC, prefix="bpmn")
        .replace('id="Definitions_1"', f'id="Definitions_1" xmlns:sem="{MODEL}"')
        .replace('<bpmn:endEvent id="e"', '<sem:endEvent id="e"')
    )
    defs = read_bpmn(xml.encode())
    assert [n.kind for n in defs.nodes()] == ["startEvent", "userTask", "endEvent"]


@pytest.mark.parametrize(
    ("encoding", "codec", "bom"),
    [
        ("UTF-8", "utf-8", b""),
        ("UTF-8", "utf-8", b"\xef\xbb\xbf"),
        ("UTF-16", "utf-16", b""),  # the codec writes its own BOM
        ("ISO-8859-1", "latin-1", b""),
        ("windows-1252", "cp1252", b""),
    ],
)
def test_declared_encodings(encoding: str, codec: str, bom: bytes) -> None:
    body = simple_process(chain(("task", "t", "Gebühr für Größe „XL“ prüfen")))
    if codec == "latin-1":
        body = body.replace("„XL“", "XL")
    text = document(body).replace('encoding="UTF-8"', f'encoding="{encoding}"')
    defs = read_bpmn(bom + text.encode(codec))
    assert next(defs.nodes()).name.startswith("Gebühr für Größe")


def test_crlf_and_names_with_line_breaks() -> None:
    body = simple_process(chain(("task", "t", "Antrag&#10;prüfen")))
    defs = read_bpmn(document(body).replace("\n", "\r\n").encode())
    node = next(defs.nodes())
    assert node.name == "Antrag\nprüfen"
    assert node.label == "Antrag prüfen"


def test_utf8_declared_but_latin1_bytes_is_refused_with_hint() -> None:
    data = document(simple_process(chain(("task", "t", "Prüfen")))).encode("latin-1")
    with pytest.raises(BpmnReadError) as caught:
        read_bpmn(data)
    assert caught.value.reason == "not-well-formed"
    assert "UTF-8" in str(caught.value)
    assert caught.value.line is not None and caught.value.column is not None


def test_all_flow_node_kinds_and_nesting() -> None:
    tasks = "".join(
        f'<{{p}}{kind} id="{kind}_1" name="{kind}"/>'
        for kind in (
            "task",
            "userTask",
            "serviceTask",
            "sendTask",
            "receiveTask",
            "scriptTask",
            "businessRuleTask",
            "manualTask",
            "callActivity",
            "exclusiveGateway",
            "inclusiveGateway",
            "parallelGateway",
            "complexGateway",
            "eventBasedGateway",
            "intermediateCatchEvent",
            "intermediateThrowEvent",
        )
    )
    nested = (
        '<{p}subProcess id="sub" name="Teil"><{p}startEvent id="sub_s"/>'
        '<{p}transaction id="tx"><{p}task id="tx_t"/></{p}transaction>'
        '<{p}adHocSubProcess id="adhoc"><{p}task id="adhoc_t"/></{p}adHocSubProcess>'
        "</{p}subProcess>"
    )
    defs = read_bpmn(document(simple_process(tasks + nested)).encode())
    kinds = {n.kind for n in defs.nodes()}
    assert {"transaction", "adHocSubProcess", "callActivity", "complexGateway"} <= kinds
    sub = defs.index["sub"]
    assert isinstance(sub, SubProcess)
    assert [n.id for n in sub.content.nodes] == ["sub_s", "tx", "adhoc"]
    assert defs.index["tx_t"].parent_id == "tx"  # type: ignore[attr-defined]
    assert defs.index["sub_s"].process_id == "Process_1"  # type: ignore[attr-defined]


def test_events_with_definitions_and_boundary() -> None:
    body = (
        simple_process(
            '<{p}task id="t" name="Warten"/>'
            '<{p}boundaryEvent id="b" attachedToRef="t" cancelActivity="false">'
            '<{p}timerEventDefinition id="td"/></{p}boundaryEvent>'
            '<{p}endEvent id="e"><{p}messageEventDefinition/><{p}signalEventDefinition/></{p}endEvent>'
            '<{p}startEvent id="s" isInterrupting="false"><{p}eventDefinitionRef>ed1</{p}eventDefinitionRef></{p}startEvent>'
        )
        + '<{p}escalationEventDefinition id="ed1"/>'
    )
    defs = read_bpmn(document(body).encode())
    boundary = defs.index["b"]
    assert isinstance(boundary, Event)
    assert boundary.attached_to == "t" and boundary.definitions == ["timer"]
    assert boundary.cancel_activity is False
    end = defs.index["e"]
    assert isinstance(end, Event) and end.definitions == ["message", "signal"]
    start = defs.index["s"]
    assert isinstance(start, Event) and start.definitions == ["escalation"]
    assert start.is_interrupting is False


def test_sequence_flows_conditions_and_defaults() -> None:
    body = simple_process(
        '<{p}exclusiveGateway id="g" name="Vollständig?" default="no"/>'
        '<{p}task id="a"/><{p}task id="b"/>'
        '<{p}sequenceFlow id="yes" name="ja" sourceRef="g" targetRef="a">'
        '<{p}conditionExpression xsi:type="{p}tFormalExpression">${vollständig}</{p}conditionExpression>'
        "</{p}sequenceFlow>"
        '<{p}sequenceFlow id="no" name="nein" sourceRef="g" targetRef="b"/>'
        '<{p}sequenceFlow id="empty" sourceRef="a" targetRef="b"><{p}conditionExpression/></{p}sequenceFlow>'
    )
    defs = read_bpmn(document(body).encode())
    gateway = defs.index["g"]
    assert isinstance(gateway, Gateway) and gateway.default_flow == "no"
    assert gateway.outgoing == ["yes", "no"]
    assert defs.index["yes"].condition == "${vollständig}"  # type: ignore[attr-defined]
    assert defs.index["no"].is_default is True  # type: ignore[attr-defined]
    assert defs.index["no"].condition is None  # type: ignore[attr-defined]
    assert defs.index["empty"].condition == ""  # type: ignore[attr-defined]
    assert defs.index["b"].incoming == ["no", "empty"]  # type: ignore[attr-defined]


def test_nested_lanes_and_node_membership() -> None:
    body = simple_process(
        '<{p}laneSet id="ls"><{p}lane id="L1" name="Amt">'
        "<{p}flowNodeRef>t1</{p}flowNodeRef><{p}flowNodeRef>t2</{p}flowNodeRef>"
        '<{p}childLaneSet id="cls"><{p}lane id="L1a" name="Sachbearbeitung"><{p}flowNodeRef>t1</{p}flowNodeRef></{p}lane>'
        '<{p}lane id="L1b" name="Leitung"><{p}flowNodeRef>t2</{p}flowNodeRef></{p}lane></{p}childLaneSet>'
        '</{p}lane></{p}laneSet><{p}task id="t1"/><{p}task id="t2"/>'
    )
    defs = read_bpmn(document(body).encode())
    (process,) = defs.processes
    assert [lane.id for lane in process.walk_lanes()] == ["L1", "L1a", "L1b"]
    assert defs.index["t1"].lanes == ["L1", "L1a"]  # type: ignore[attr-defined]


def test_collaboration_pools_and_message_flows() -> None:
    body = (
        '<{p}collaboration id="c"><{p}participant id="pool" name="Stadt" processRef="Process_1"/>'
        '<{p}participant id="citizen" name="Bürger/in"/>'
        '<{p}messageFlow id="m" name="Antrag" sourceRef="citizen" targetRef="t"/></{p}collaboration>'
        + simple_process('<{p}task id="t" name="Antrag annehmen"/>')
    )
    defs = read_bpmn(document(body).encode())
    pools = list(defs.participants())
    assert [(p.name, p.process_ref) for p in pools] == [("Stadt", "Process_1"), ("Bürger/in", None)]
    (flow,) = defs.message_flows()
    assert (flow.source, flow.target, flow.name) == ("citizen", "t", "Antrag")
    assert defs.problems == []


def test_data_objects_stores_and_associations() -> None:
    body = simple_process(
        '<{p}dataObject id="do" isCollection="true"/>'
        '<{p}dataObjectReference id="dor" name="Antrag (Papier)" dataObjectRef="do"/>'
        '<{p}dataStoreReference id="ds" name="Fachverfahren"/>'
        '<{p}task id="t" name="Erfassen"><{p}property id="prop"/>'
        '<{p}dataInputAssociation id="in"><{p}sourceRef>dor</{p}sourceRef><{p}targetRef>prop</{p}targetRef></{p}dataInputAssociation>'
        '<{p}dataOutputAssociation id="out"><{p}targetRef>ds</{p}targetRef></{p}dataOutputAssociation>'
        "</{p}task>"
        '<{p}textAnnotation id="note"><{p}text>Dauert bis zu einer Woche</{p}text></{p}textAnnotation>'
        '<{p}association id="as" sourceRef="t" targetRef="note"/>'
    )
    defs = read_bpmn(document(body).encode())
    content = defs.processes[0].content
    assert {d.id: d.kind for d in content.data} == {
        "do": "dataObject",
        "dor": "dataObjectReference",
        "ds": "dataStoreReference",
    }
    assert defs.index["do"].is_collection  # type: ignore[attr-defined]
    inputs = {a.id: (a.is_input, a.node, a.sources, a.target) for a in content.data_associations}
    assert inputs == {"in": (True, "t", ["dor"], "prop"), "out": (False, "t", [], "ds")}
    note = defs.index["note"]
    assert note.text == "Dauert bis zu einer Woche"  # type: ignore[attr-defined]
    assert defs.problems == []


def test_documentation_and_extension_properties() -> None:
    body = simple_process(
        '<{p}userTask id="t" name="Erfassen"><{p}documentation>Daten aus dem Formular '
        "übertragen</{p}documentation><{p}documentation>Zweite Zeile</{p}documentation>"
        "<{p}extensionElements>"
        '<camunda:properties><camunda:property name="lotse:casesPerMonth" value="120"/></camunda:properties>'
        '<zeebe:properties><zeebe:property name="system" value="SAP"/></zeebe:properties>'
        '<signavio:signavioMetaData metaKey="risiko" metaValue="gering"/>'
        '<vendor:setting level="3">an</vendor:setting>'
        "</{p}extensionElements></{p}userTask>"
    )
    ns = (
        'xmlns:camunda="http://camunda.org/schema/1.0/bpmn" '
        'xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" '
        'xmlns:signavio="http://www.signavio.com" xmlns:vendor="urn:vendor"'
    )
    defs = read_bpmn(document(body, extra_ns=ns).encode())
    task = defs.index["t"]
    assert task.documentation == "Daten aus dem Formular übertragen\nZweite Zeile"
    assert task.properties == {
        "lotse:casesPerMonth": "120",
        "system": "SAP",
        "risiko": "gering",
        "setting": "an",
    }
    keys = {(e.namespace, e.key, e.value) for e in task.extensions}
    assert ("urn:vendor", "setting@level", "3") in keys


def test_activity_details() -> None:
    body = simple_process(
        '<{p}userTask id="loop"><{p}standardLoopCharacteristics/></{p}userTask>'
        '<{p}task id="mi"><{p}multiInstanceLoopCharacteristics isSequential="true"/></{p}task>'
        '<{p}task id="comp" isForCompensation="true"/>'
        '<{p}callActivity id="call" calledElement="Gebuehr_berechnen"/>'
        '<{p}serviceTask id="svc" implementation="##WebService"/>'
    )
    defs = read_bpmn(document(body).encode())
    get = defs.index.__getitem__
    assert isinstance(get("loop"), Activity) and get("loop").loop == "standard"  # type: ignore[attr-defined]
    assert get("mi").loop == "sequential"  # type: ignore[attr-defined]
    assert get("comp").is_for_compensation  # type: ignore[attr-defined]
    assert get("call").called_element == "Gebuehr_berechnen"  # type: ignore[attr-defined]
    assert get("svc").implementation == "##WebService"  # type: ignore[attr-defined]


DI = """
<bpmndi:BPMNDiagram id="D1" name="Übersicht"><bpmndi:BPMNPlane id="P1" bpmnElement="Process_1">
<bpmndi:BPMNShape id="t_di" bpmnElement="t"><dc:Bounds x="100" y="80" width="100" height="80"/></bpmndi:BPMNShape>
<bpmndi:BPMNShape id="sub_di" bpmnElement="sub" isExpanded="false"><dc:Bounds x="250" y="80" width="100" height="80"/></bpmndi:BPMNShape>
<bpmndi:BPMNShape id="e_di" bpmnElement="e"><dc:Bounds x="400" y="102" width="36" height="36"/>
<bpmndi:BPMNLabel><dc:Bounds x="390" y="145" width="56" height="14"/></bpmndi:BPMNLabel></bpmndi:BPMNShape>
<bpmndi:BPMNEdge id="f_di" bpmnElement="f"><di:waypoint x="200" y="120"/><di:waypoint x="250" y="120"/></bpmndi:BPMNEdge>
<bpmndi:BPMNShape id="ghost_di" bpmnElement="ghost"><dc:Bounds x="0" y="0" width="1" height="1"/></bpmndi:BPMNShape>
<bpmndi:BPMNShape id="bad_di" bpmnElement="t"><dc:Bounds x="abc" y="0" width="1" height="1"/></bpmndi:BPMNShape>
</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
<bpmndi:BPMNDiagram id="D2"><bpmndi:BPMNPlane id="P2" bpmnElement="sub"/></bpmndi:BPMNDiagram>
"""


def test_diagram_interchange() -> None:
    body = simple_process(
        '<{p}task id="t"/><{p}subProcess id="sub"/><{p}endEvent id="e" name="Fertig"/>'
        '<{p}sequenceFlow id="f" sourceRef="t" targetRef="sub"/>'
    )
    defs = read_bpmn(document(body, di=DI).encode())
    assert [d.id for d in defs.diagrams] == ["D1", "D2"]
    d1 = defs.diagrams[0]
    shapes = {s.element_id: s for s in d1.shapes}
    assert shapes["t"].bounds.width == 100 and shapes["t"].bounds.center.x == 150
    assert shapes["sub"].is_expanded is False
    assert shapes["e"].label is not None and shapes["e"].label.y == 145
    (edge,) = d1.edges
    assert [(p.x, p.y) for p in edge.waypoints] == [(200, 120), (250, 120)]
    assert d1.plane_element == "Process_1"
    codes = sorted(p.code for p in defs.problems)
    # bad bounds, and the ghost shape: a reference of the drawing only
    assert codes == ["bad-geometry", "drawing-reference"]


def test_dangling_and_duplicate_references_are_problems_not_crashes() -> None:
    body = (
        simple_process(
            '<{p}task id="t"/><{p}task id="t"/>'
            '<{p}sequenceFlow id="f" sourceRef="t" targetRef="nirgendwo"/>'
            '<{p}boundaryEvent id="b" attachedToRef="fehlt"/>'
            '<{p}laneSet><{p}lane id="L"><{p}flowNodeRef>weg</{p}flowNodeRef></{p}lane></{p}laneSet>'
        )
        + '<{p}collaboration id="c"><{p}participant id="pp" processRef="keiner"/></{p}collaboration>'
    )
    defs = read_bpmn(document(body).encode())
    codes = [p.code for p in defs.problems]
    assert codes.count("duplicate-id") == 1
    assert codes.count("dangling-reference") == 4
    assert all("\n" not in p.message for p in defs.problems)
    assert defs.index["t"].outgoing == ["f"]  # type: ignore[attr-defined]


def test_qname_references_resolve() -> None:
    """GenMyModel and IBM write references as QNames (prefix:id)."""
    body = simple_process(
        '<{p}task id="a"/><{p}task id="b"/><{p}sequenceFlow id="f" sourceRef="bpmn:a" targetRef="tns:b"/>'
    )
    defs = read_bpmn(document(body).encode())
    assert defs.problems == []
    assert defs.index["b"].incoming == ["f"]  # type: ignore[attr-defined]


def test_missing_ids_get_a_name() -> None:
    defs = read_bpmn(document(simple_process("<{p}task name='ohne id'/>")).encode())
    node = next(defs.nodes())
    assert node.id.startswith("lotse-ohne-id")
    assert [p.code for p in defs.problems] == ["missing-id"]


def test_reads_files_and_bytes_alike(tmp_path) -> None:  # type: ignore[no-untyped-def]
    data = document(BASIC).encode()
    path = tmp_path / "Ablauf (Entwurf).bpmn20.xml"
    path.write_bytes(data)
    assert [n.id for n in read_bpmn(path).nodes()] == [n.id for n in read_bpmn(data).nodes()]
    with pytest.raises(BpmnReadError) as caught:
        read_bpmn(tmp_path / "fehlt.bpmn")
    assert caught.value.reason == "not-found"
    with pytest.raises(BpmnReadError) as caught:
        read_bpmn(tmp_path)
    assert caught.value.reason == "not-a-file"
