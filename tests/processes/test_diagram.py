"""One diagram, one candidate: roles, outside parties and the entry's name."""

from __future__ import annotations

import pytest

from bpmn import read_bpmn
from processes.diagram import (
    DiagramCandidate,
    humanise_file_name,
    is_id_like,
    is_placeholder,
    read_candidate,
)
from processes.scoring.tasks import roles_by_node, scored_activities
from tests.bpmn.documents import chain, document, simple_process


def pool_process(process_id: str, *tasks: str, name: str = "") -> str:
    nodes = [("startEvent", f"{process_id}_s", "")]
    nodes += [("task", f"{process_id}_t{i}", t) for i, t in enumerate(tasks)]
    nodes += [("endEvent", f"{process_id}_e", "")]
    named = f' name="{name}"' if name else ""
    return f'<{{p}}process id="{process_id}"{named}>' + chain(*nodes) + "</{p}process>"


def leave_request(
    collaboration_name: str = "", extra_pool: str = "", extra_process: str = ""
) -> str:
    named = f' name="{collaboration_name}"' if collaboration_name else ""
    return document(
        f'<{{p}}collaboration id="Collaboration_0x1"{named}>'
        '<{p}participant id="P1" name="Sachbearbeitung" processRef="Process_0ggghdt"/>'
        '<{p}participant id="P2" name="Vorgesetzte/r" processRef="Process_1abcdef"/>'
        '<{p}participant id="P3" name="Antragsteller" processRef="Process_2citizen"/>'
        '<{p}participant id="P4" name="Personalverwaltungssystem"/>'
        f"{extra_pool}"
        '<{p}messageFlow id="m1" sourceRef="P3" targetRef="Process_0ggghdt_t0"/>'
        "</{p}collaboration>"
        + pool_process("Process_0ggghdt", "Antrag im DMS ablegen", "Resturlaub in Excel prüfen")
        + pool_process("Process_1abcdef", "Antrag genehmigen")
        + pool_process("Process_2citizen", "Login Antragsteller", "Antrag ausfüllen")
        + extra_process,
        extra_ns='xmlns:camunda="http://camunda.org/schema/1.0/bpmn"',
    )


def candidate_of(xml: str, file_name: str = "urlaubsantrag.bpmn") -> DiagramCandidate:
    candidate = read_candidate(read_bpmn(xml.encode()), file_name)
    assert candidate is not None
    return candidate


def test_a_collaboration_of_role_pools_is_one_candidate() -> None:
    candidate = candidate_of(leave_request())
    assert candidate.diagram_id == "Collaboration_0x1"
    assert candidate.process_ids == ["Process_0ggghdt", "Process_1abcdef"]
    assert sorted(r.name for r in candidate.roles) == ["Sachbearbeitung", "Vorgesetzte/r"]
    outside = {r.name: r.why_external for r in candidate.outside}
    assert "Antragsteller" in outside and "außerhalb" in outside["Antragsteller"]
    assert "Black Box" in outside["Personalverwaltungssystem"]


def test_outside_parties_work_is_not_the_citys() -> None:
    candidate = candidate_of(leave_request())
    names = [n.label for n in scored_activities(candidate.process)]
    assert names == ["Antrag im DMS ablegen", "Resturlaub in Excel prüfen", "Antrag genehmigen"]
    roles = roles_by_node(candidate.process)
    assert roles["Process_0ggghdt_t0"] == "Sachbearbeitung"
    assert roles["Process_1abcdef_t0"] == "Vorgesetzte/r"


def test_a_pilot_can_mark_a_pool_as_own_or_outside() -> None:
    flagged = (
        '<{p}participant id="P5" name="Poststelle" processRef="Process_post">'
        "<{p}extensionElements><camunda:properties>"
        '<camunda:property name="lotse:extern" value="ja"/>'
        "</camunda:properties></{p}extensionElements></{p}participant>"
    )
    candidate = candidate_of(
        leave_request(extra_pool=flagged, extra_process=pool_process("Process_post", "Post öffnen"))
    )
    assert "Process_post" not in candidate.process_ids
    assert any(
        r.name == "Poststelle" and "lotse:extern" in r.why_external for r in candidate.outside
    )


def test_the_name_never_is_an_id_while_a_human_name_exists() -> None:
    # pools name roles, processes are unnamed: the file names the process
    assert candidate_of(leave_request()).name == "Urlaubsantrag"
    assert candidate_of(leave_request()).name_source == "Dateiname"
    # a named collaboration comes first
    named = candidate_of(leave_request("Urlaubsantrag bearbeiten"), "x.bpmn")
    assert (named.name, named.name_source) == ("Urlaubsantrag bearbeiten", "Name der Kollaboration")


def test_a_single_pool_names_the_process_unless_it_names_a_role() -> None:
    def single(pool: str, process_name: str = "") -> DiagramCandidate:
        return candidate_of(
            document(
                '<{p}collaboration id="C1">'
                f'<{{p}}participant id="P1" name="{pool}" processRef="Process_0abc123"/>'
                "</{p}collaboration>"
                + pool_process("Process_0abc123", "Rechnung buchen", name=process_name)
            ),
            "Process_0abc123.bpmn",
        )

    assert single("Rechnungseingang").name == "Rechnungseingang"
    assert single("Ordnungsamt", "Sondernutzung erlauben").name == "Sondernutzung erlauben"
    # a service unit is who works: two files of the Bürgerservice are two processes
    assert single("Bürgerservice", "Telefonische Anfragen").name == "Telefonische Anfragen"
    # only a role and an id-like file name are left: the role is still better than an id
    assert single("Kämmerei").name == "Kämmerei"


def test_a_file_without_collaboration_is_keyed_by_its_process() -> None:
    candidate = candidate_of(
        document(simple_process(chain(("task", "t", "Daten erfassen")), process_id="Process_X")),
        "erfassung.bpmn",
    )
    assert candidate.diagram_id == "Process_X"
    assert candidate.name == "Ablauf"


def test_a_file_without_any_content_has_no_candidate() -> None:
    xml = document('<{p}process id="Process_leer"/>')
    assert read_candidate(read_bpmn(xml.encode()), "leer.bpmn") is None


@pytest.mark.parametrize(
    "name",
    [
        "",
        "Pool",
        "Participant 1",
        "Task",
        "Aufgabe 3",
        "Process_0ggghdt",
        "sid-3F2A9C11-1B2C-4D5E-8F90-0A1B2C3D4E5F",
        "???",
    ],
)
def test_placeholders_and_ids_are_not_names(name: str) -> None:
    assert is_placeholder(name)


@pytest.mark.parametrize(
    "name", ["Urlaubsantrag", "Rechnung prüfen", "Poststelle", "E-Mail senden"]
)
def test_human_names_are_names(name: str) -> None:
    assert not is_placeholder(name) and not is_id_like(name)


def test_file_names_read_as_names() -> None:
    assert humanise_file_name("dir/urlaubsantrag_v2.bpmn") == "Urlaubsantrag v2"
    assert humanise_file_name("Dienstreise.bpmn20.xml") == "Dienstreise"
