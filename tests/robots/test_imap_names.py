"""Folder names in IMAP's modified UTF-7 (RFC 3501 §5.1.3): what goes over the wire."""

from __future__ import annotations

import pytest
from imapclient import imap_utf7

from robots.imap import _quote, wire_name


@pytest.mark.parametrize(
    ("readable", "wire"),
    [
        ("INBOX", "INBOX"),
        ("Lotse/Verarbeitet", "Lotse/Verarbeitet"),  # plain ASCII stays as it is
        ("Erledigt/Geprüft", "Erledigt/Gepr&APw-ft"),
        ("Straßenverkehrsbehörde", "Stra&AN8-enverkehrsbeh&APY-rde"),
        ("Ämter & Co", "&AMQ-mter &- Co"),  # "&" itself is escaped as "&-"
        ("~peter/mail/台北/日本語", "~peter/mail/&U,BTFw-/&ZeVnLIqe-"),  # the RFC's own example
    ],
)
def test_folder_names_are_written_in_modified_utf7(readable: str, wire: str) -> None:
    assert wire_name(readable) == wire
    assert wire.isascii()
    assert imap_utf7.decode(wire.encode()) == readable  # and read back unchanged


def test_a_quoted_folder_is_encoded_and_escaped() -> None:
    assert _quote("Erledigt/Geprüft") == '"Erledigt/Gepr&APw-ft"'
    assert _quote('Post "alt"\\2026') == '"Post \\"alt\\"\\\\2026"'
