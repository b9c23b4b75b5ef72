"""Hostile and broken files: a clear German one-liner, nothing read, nothing contacted."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from bpmn import BpmnReadError, XmlLimits, read_bpmn
from tests.bpmn.hostile import READABLE, hostile_inputs
from tests.bpmn.hostile import listener as connection_listener

SECRET = "LOTSE-GEHEIM-7f3a9c"


@pytest.fixture(scope="module")
def listener() -> Iterator[tuple[int, list[str]]]:
    with connection_listener() as listening:
        yield listening


@pytest.fixture(scope="module")
def secret_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("secret") / "geheim.txt"
    path.write_text(SECRET)
    return path


@pytest.fixture(scope="module")
def inputs(secret_file: Path, listener: tuple[int, list[str]]) -> dict[str, bytes]:
    return hostile_inputs(str(secret_file), listener[0])


NAMES = sorted(hostile_inputs("/x", 1))


@pytest.mark.timeout(10)
@pytest.mark.parametrize("name", NAMES)
def test_hostile_input_is_refused_clearly(
    name: str, inputs: dict[str, bytes], listener: tuple[int, list[str]]
) -> None:
    data = inputs[name]
    if name in READABLE:
        defs = read_bpmn(data)
        assert SECRET not in repr(defs)
        return
    with pytest.raises(BpmnReadError) as caught:
        read_bpmn(data)
    message = str(caught.value)
    assert message and "\n" not in message and len(message) < 400
    assert SECRET not in message
    assert "Traceback" not in message
    assert listener[1] == [], "the parser opened a network connection"


EXPECTED_REASONS = {
    "billion-laughs": "forbidden-dtd",
    "billion-laughs-utf16": "forbidden-dtd",
    "xxe-local-file": "forbidden-dtd",
    "xxe-url": "forbidden-dtd",
    "external-dtd": "forbidden-dtd",
    "parameter-entities": "forbidden-dtd",
    "quadratic-blowup": "forbidden-dtd",
    "deep-nesting": "too-deep",
    "too-many-elements": "too-many-elements",
    "oversize": "too-large",
    "empty": "empty",
    "only-whitespace": "empty",
    "binary": "not-xml",
    "zip-renamed": "not-xml",
    "html-renamed": "not-xml",
    "svg-renamed": "not-bpmn",
    "truncated": "not-well-formed",
    "wrong-namespace": "not-bpmn",
    "not-definitions": "not-bpmn",
}


@pytest.mark.parametrize("name", sorted(EXPECTED_REASONS))
def test_hostile_input_names_the_right_reason(name: str, inputs: dict[str, bytes]) -> None:
    with pytest.raises(BpmnReadError) as caught:
        read_bpmn(inputs[name])
    assert caught.value.reason == EXPECTED_REASONS[name]


def test_messages_say_what_is_wrong(inputs: dict[str, bytes]) -> None:
    def message(name: str) -> str:
        with pytest.raises(BpmnReadError) as caught:
            read_bpmn(inputs[name])
        return str(caught.value)

    assert "DTD" in message("billion-laughs")
    assert "zu groß" in message("oversize") and "20 MB" in message("oversize")
    assert "leer" in message("empty")
    assert "ZIP-Archiv" in message("zip-renamed")
    assert "HTML" in message("html-renamed")
    assert "<svg>" in message("svg-renamed")
    assert "Zeile" in message("truncated") and "Spalte" in message("truncated")
    assert "20100501" in message("wrong-namespace")
    assert "verschachtelt" in message("deep-nesting")


def test_entity_declaration_without_doctype_is_impossible_but_internal_subset_refused() -> None:
    data = b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY harmless "x">]><d/>'
    with pytest.raises(BpmnReadError) as caught:
        read_bpmn(data)
    assert caught.value.reason == "forbidden-dtd"


def test_size_limit_is_configurable(tmp_path: Path) -> None:
    path = tmp_path / "klein.bpmn"
    path.write_bytes(b" " * 2048 + b"<x/>")
    with pytest.raises(BpmnReadError) as caught:
        read_bpmn(path, limits=XmlLimits(max_bytes=1024))
    assert caught.value.reason == "too-large"


def test_size_limit_is_checked_before_reading(tmp_path: Path) -> None:
    """A sparse 5 GB file is refused from its size alone (no 5 GB read)."""
    path = tmp_path / "riesig.bpmn"
    with open(path, "wb") as handle:
        handle.truncate(5 * 1024**3)
    with pytest.raises(BpmnReadError) as caught:
        read_bpmn(path)
    assert caught.value.reason == "too-large"


AUDIT_SCRIPT = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    events = []
    def hook(event, args):
        if event in ("socket.connect", "socket.getaddrinfo", "urllib.Request"):
            events.append([event, repr(args)])
        elif event == "open" and "geheim" in str(args[0]):
            events.append([event, str(args[0])])
    sys.addaudithook(hook)
    from bpmn import read_bpmn, BpmnReadError
    for path in sorted(Path(sys.argv[1]).iterdir()):
        try:
            read_bpmn(path)
        except BpmnReadError:
            pass
    print(json.dumps(events))
    """
)


@pytest.mark.timeout(60)
def test_no_file_or_network_access_and_bounded_memory(
    inputs: dict[str, bytes], tmp_path: Path
) -> None:
    """Read every hostile file under a 1 GB address-space limit, with audit hooks watching."""
    folder = tmp_path / "feindlich"
    folder.mkdir()
    for name, data in inputs.items():
        (folder / f"{name}.bpmn").write_bytes(data)

    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1024**3, 1024**3))

    result = subprocess.run(
        [sys.executable, "-c", AUDIT_SCRIPT, str(folder)],
        capture_output=True,
        text=True,
        preexec_fn=limit_memory,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []

    cli = subprocess.run(
        [sys.executable, "-m", "lotse", "bpmn", "inspect", "--json", str(folder)],
        capture_output=True,
        text=True,
        preexec_fn=limit_memory,
        check=False,
    )
    assert cli.returncode == 1
    assert "Traceback" not in cli.stderr
    entries = json.loads(cli.stdout)
    assert len(entries) == len(inputs)
    for entry in entries:
        name = Path(entry["file"]).name.removesuffix(".bpmn")
        assert entry["ok"] is (name in READABLE), name
        if not entry["ok"]:
            assert entry["error"] and "\n" not in entry["error"]
