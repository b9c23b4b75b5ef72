"""Names and ids of any length are read, shortened for display, and reported.

Found in the second round: one process name of 19 MB made ``/katalog`` 20 MB,
the process page and the report 120 MB, and the session cookie too large.
"""

from __future__ import annotations

from bpmn import lint, read_bpmn
from bpmn.safe_xml import MAX_ID, MAX_NAME
from tests.bpmn.documents import chain, document, simple_process

LONG_NAME = "Antrag " + "sehr " * 400_000  # 2 MB
LONG_ID = "Task_" + "x" * 5_000


def _diagram() -> bytes:
    return document(
        simple_process(
            chain(
                ("startEvent", "s", "Antrag da"),
                ("userTask", LONG_ID, "Antrag prüfen"),
                ("endEvent", "e", "Fertig"),
            ),
            process_id="Process_Lang",
            name=LONG_NAME,
        )
    ).encode()


def test_long_names_and_ids_are_shortened_when_read() -> None:
    defs = read_bpmn(_diagram())
    (process,) = defs.processes
    assert len(process.name) == MAX_NAME and process.name.endswith("…")
    assert process.name.startswith("Antrag sehr sehr")
    task = next(n for n in defs.nodes() if n.kind == "userTask")
    assert len(task.id) < MAX_ID and task.id.startswith("Task_xxx")
    # References to the long id are shortened the same way and still resolve.
    assert not [p for p in defs.problems if p.code == "dangling-reference"], defs.problems
    assert {f.target for f in process.content.walk_flows() if f.source == "s"} == {task.id}


def test_a_german_finding_says_what_was_shortened() -> None:
    findings = [f for f in lint(read_bpmn(_diagram())) if f.rule == "too-long"]
    messages = sorted(f.message for f in findings)
    assert any(
        m.startswith("Der Name eines Elements vom Typ „process“ war 2.000.007") for m in messages
    )
    assert any(m.startswith("Die id eines Elements vom Typ „userTask“ war 5.005") for m in messages)
    assert all("bitte im Modellierungswerkzeug kürzen" in m for m in messages)
    assert all(len(m) < 300 for m in messages)


def test_ordinary_files_are_untouched() -> None:
    defs = read_bpmn(
        document(simple_process(chain(("startEvent", "s", "A"), ("endEvent", "e", "B")))).encode()
    )
    assert not [p for p in defs.problems if p.code == "too-long"]
