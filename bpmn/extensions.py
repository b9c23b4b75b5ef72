"""A flat key/value view of ``extensionElements``, whichever tool wrote them.

Tools hide their process facts in vendor extensions: Camunda
``<camunda:property name="a" value="b"/>``, Zeebe ``key``/``value``,
Signavio ``metaKey``/``metaValue``. Those pairs become ``a = b``; any other
element contributes its text and attributes under a path of local names
(``vendor/setting@level``).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

_PAIR_KEYS = ("name", "key", "metaKey")
_PAIR_VALUES = ("value", "metaValue")


@dataclass(slots=True, frozen=True)
class ExtensionValue:
    namespace: str
    key: str
    value: str


def flatten_extensions(holder: ET.Element | None) -> list[ExtensionValue]:
    """Flatten one ``extensionElements`` element (None gives an empty list)."""
    values: list[ExtensionValue] = []
    if holder is None:
        return values
    stack = [(child, "") for child in reversed(holder)]
    # Iterative on purpose: vendor extensions can nest deeply.
    while stack:
        el, path = stack.pop()
        if not isinstance(el.tag, str):  # comments, processing instructions
            continue
        namespace, _, local = el.tag[1:].partition("}") if el.tag[0] == "{" else ("", "", el.tag)
        key = f"{path}/{local}" if path else local
        pair_key = next((el.get(k) for k in _PAIR_KEYS if el.get(k) is not None), None)
        pair_value = next((el.get(v) for v in _PAIR_VALUES if el.get(v) is not None), None)
        text = (el.text or "").strip()
        if pair_key is not None and (pair_value is not None or text):
            values.append(
                ExtensionValue(namespace, pair_key, text if pair_value is None else pair_value)
            )
        else:
            for attribute, value in el.attrib.items():
                values.append(
                    ExtensionValue(namespace, f"{key}@{attribute.rpartition('}')[2]}", value)
                )
            if text:
                values.append(ExtensionValue(namespace, key, text))
        stack.extend((child, key) for child in reversed(el))
    return values
