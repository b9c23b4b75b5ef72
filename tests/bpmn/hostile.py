"""Broken and hostile inputs for the BPMN reader, generated (nothing is downloaded)."""

from __future__ import annotations

import io
import random
import socket
import threading
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager

from tests.bpmn.documents import MODEL, chain, document, simple_process


def valid_document() -> bytes:
    body = simple_process(
        chain(("startEvent", "s", "Start"), ("task", "t", "Prüfen"), ("endEvent", "e", "Ende"))
    )
    return document(body).encode("utf-8")


def _with_doctype(doctype: str, body: str) -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n{doctype}\n'
        f'<definitions xmlns="{MODEL}" id="d">{body}</definitions>'
    ).encode()


def hostile_inputs(secret_path: str, port: int) -> dict[str, bytes]:
    """name -> file content. ``secret_path`` must never be read, ``port`` never contacted."""
    url = f"http://127.0.0.1:{port}"
    laughs = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    ]
    rng = random.Random(20261125)
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("diagram.bpmn", valid_document())
    valid = valid_document()
    huge_documentation = b"x" * (21 * 1024 * 1024)
    return {
        "billion-laughs": _with_doctype(f"<!DOCTYPE d [{''.join(laughs)}]>", "&lol9;"),
        "billion-laughs-utf16": _with_doctype(f"<!DOCTYPE d [{''.join(laughs)}]>", "&lol9;")
        .decode()
        .replace('encoding="UTF-8"', 'encoding="UTF-16"')
        .encode("utf-16"),
        "xxe-local-file": _with_doctype(
            f'<!DOCTYPE d [<!ENTITY x SYSTEM "file://{secret_path}">]>',
            "<documentation>&x;</documentation>",
        ),
        "xxe-url": _with_doctype(f'<!DOCTYPE d [<!ENTITY x SYSTEM "{url}/entity">]>', "&x;"),
        "external-dtd": _with_doctype(f'<!DOCTYPE definitions SYSTEM "{url}/bpmn.dtd">', ""),
        "parameter-entities": _with_doctype(
            f'<!DOCTYPE d [<!ENTITY % remote SYSTEM "{url}/p.dtd"> %remote;]>', ""
        ),
        "quadratic-blowup": _with_doctype(
            f'<!DOCTYPE d [<!ENTITY a "{"A" * 50_000}">]>', "&a;" * 20_000
        ),
        "deep-nesting": (
            f'<definitions xmlns="{MODEL}">' + "<a>" * 100_000 + "</a>" * 100_000 + "</definitions>"
        ).encode(),
        "too-many-elements": (
            f'<definitions xmlns="{MODEL}">' + "<a/>" * 600_000 + "</definitions>"
        ).encode(),
        "oversize": valid.replace(
            b"</bpmn:definitions>", b"<!--" + huge_documentation + b"-->\n</bpmn:definitions>"
        ),
        "empty": b"",
        "only-whitespace": b"  \r\n\t ",
        "binary": rng.randbytes(4096),
        "zip-renamed": archive.getvalue(),
        "html-renamed": b"<!DOCTYPE html><html><head><title>x</title></head><body>Hallo</body></html>",
        "svg-renamed": b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect/></svg>',
        "truncated": valid[: len(valid) // 2],
        "wrong-namespace": valid.replace(b"20100524/MODEL", b"20100501/MODEL"),
        "not-definitions": f'<process xmlns="{MODEL}" id="p"/>'.encode(),
        "xinclude": (
            f'<definitions xmlns="{MODEL}" xmlns:xi="http://www.w3.org/2001/XInclude" id="d">'
            f'<xi:include href="file://{secret_path}" parse="text"/></definitions>'
        ).encode(),
    }


# The XInclude document is well-formed BPMN; it must simply not be followed.
READABLE = {"xinclude"}


@contextmanager
def listener() -> Iterator[tuple[int, list[str]]]:
    """A loopback server that records every connection attempt (the inputs point to it)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.1)
    seen: list[str] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except TimeoutError:
                continue
            seen.append("connection")
            conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield server.getsockname()[1], seen
    finally:
        stop.set()
        thread.join()
        server.close()
