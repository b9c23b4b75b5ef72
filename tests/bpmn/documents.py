"""Small BPMN documents for unit tests, written the way tools write them."""

from __future__ import annotations

from itertools import pairwise

MODEL = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
DC = "http://www.omg.org/spec/DD/20100524/DC"
DI = "http://www.omg.org/spec/DD/20100524/DI"


def document(body: str, *, prefix: str = "bpmn", di: str = "", extra_ns: str = "") -> str:
    """Wrap process/collaboration XML (written with ``{p}`` for the prefix) in definitions."""
    p = f"{prefix}:" if prefix else ""
    xmlns = f'xmlns:{prefix}="{MODEL}"' if prefix else f'xmlns="{MODEL}"'
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<{p}definitions {xmlns} xmlns:bpmndi="{BPMNDI}" xmlns:dc="{DC}" xmlns:di="{DI}" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        f'id="Definitions_1" targetNamespace="http://example.org" {extra_ns}>\n'
        + body.replace("{p}", p)
        + di
        + f"\n</{p}definitions>\n"
    )


def simple_process(tasks: str = "", *, process_id: str = "Process_1", name: str = "Ablauf") -> str:
    """A process with start → (tasks) → end, chained by flows named f0, f1, …"""
    return (
        f'<{{p}}process id="{process_id}" name="{name}" isExecutable="false">{tasks}</{{p}}process>'
    )


def chain(*nodes: tuple[str, str, str], extra: str = "") -> str:
    """Nodes (kind, id, name) connected one after another by sequence flows."""
    parts = [f'<{{p}}{kind} id="{node_id}" name="{name}"/>' for kind, node_id, name in nodes]
    for index, (a, b) in enumerate(pairwise(nodes)):
        parts.append(f'<{{p}}sequenceFlow id="f{index}" sourceRef="{a[1]}" targetRef="{b[1]}"/>')
    return "".join(parts) + extra
