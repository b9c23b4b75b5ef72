"""Python names and literals from German labels, unique within one generated module."""

from __future__ import annotations

import json
import keyword
import re
import textwrap
import unicodedata

_GERMAN = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)
_NOT_WORD = re.compile(r"[^a-z0-9]+")
MAX_LENGTH = 48


def slug(text: str, *, fallback: str = "schritt", prefix: str = "schritt") -> str:
    """'Zuständiges Amt erkennbar?' → 'zustaendiges_amt_erkennbar'.

    Empty text gives ``fallback``; a name that would start with a digit gets ``prefix``.
    """
    plain = unicodedata.normalize("NFKD", text.translate(_GERMAN))
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    words = [w for w in _NOT_WORD.split(plain) if w]
    name = ""
    for word in words:
        if name and len(name) + 1 + len(word) > MAX_LENGTH:
            break
        name = f"{name}_{word}" if name else word[:MAX_LENGTH]
    if not name:
        return fallback
    if name[0].isdigit():
        name = f"{prefix}_{name}"
    return name


class Names:
    """Hands out identifiers; a taken one gets a number (``pruefen_2``)."""

    def __init__(self, reserved: set[str]) -> None:
        self.taken = set(reserved)

    def new(self, base: str) -> str:
        if keyword.iskeyword(base) or keyword.issoftkeyword(base):
            base = f"{base}_"
        name, number = base, 1
        while name in self.taken:
            number += 1
            name = f"{base}_{number}"
        self.taken.add(name)
        return name


def camel(snake: str) -> str:
    """'post_oeffnen' → 'PostOeffnen' (class names)."""
    return "".join(part[:1].upper() + part[1:] for part in snake.split("_") if part)


def literal(value: str) -> str:
    """A Python string literal in double quotes (JSON's escapes are Python's)."""
    return json.dumps(value, ensure_ascii=False)


def one_line(text: str, limit: int = 200) -> str:
    """Text for a comment: one line, no control characters, shortened."""
    flat = " ".join("".join(c if c.isprintable() else " " for c in text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def docstring(paragraphs: list[str], indent: str = "    ", width: int = 88) -> list[str]:
    """A docstring's lines; backslashes and quotes made harmless, paragraphs wrapped.

    A paragraph that starts with "- " is a list item and wraps with a hanging indent.
    """
    lines: list[str] = []
    for number, paragraph in enumerate(p for p in paragraphs if p.strip()):
        text = one_line(paragraph, 2000).replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
        if number == 1 or (number > 1 and not text.startswith("- ")):
            lines.append("")
        if text.startswith("- "):
            wrapped = textwrap.wrap(
                text, width - len(indent), subsequent_indent="  ", break_on_hyphens=False
            )
        else:
            wrapped = textwrap.wrap(text, width - len(indent), break_on_hyphens=False)
        lines += wrapped or [""]
    if not lines:
        lines = [""]
    first = f'{indent}"""{lines[0]}'
    if len(lines) == 1:
        if first.endswith('"'):
            first = first[:-1] + '\\"'  # four quotes in a row would end the docstring early
        return [f'{first}"""']
    return [first, *[f"{indent}{line}" if line else "" for line in lines[1:]], f'{indent}"""']
