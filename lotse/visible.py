"""Text from outside shown as it is: invisible control and direction characters made visible.

A letter's file name ``rechnung\u202efdp.exe`` shows as "rechnungexe.pdf" when the
right-to-left override is rendered; zero-width and control characters hide
differences between two names. Wherever Lotse shows such text to a person (web
pages, terminal tables), these characters appear as ``⟨U+202E⟩``. What is stored
stays as it came.
"""

from __future__ import annotations

import re

# C0/C1 controls except tab, line feed and carriage return; zero-width characters and
# marks; bidirectional embeddings, overrides and isolates; the byte-order mark; the
# Arabic letter mark, Mongolian vowel separator and interlinear annotation marks.
INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
    "\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]"
)


def visible(text: str) -> str:
    """``text`` with every invisible control or direction character written as ⟨U+XXXX⟩."""
    if INVISIBLE.search(text) is None:
        return text
    return INVISIBLE.sub(lambda m: f"⟨U+{ord(m.group()):04X}⟩", text)
