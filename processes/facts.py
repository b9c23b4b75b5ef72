"""Facts a process pilot knows about a process, from any of the places they come from.

Facts arrive from the web form, from BPMN extension properties
(``lotse:casesPerMonth`` …) and from a sidecar ``NAME.facts.yaml``. Keys may
be English or German; shares are given in percent, as people say them. Every
fact may be missing: that lowers the confidence of the score and never blocks
an import. Values out of range are refused with a German message.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from common.german import pct

if TYPE_CHECKING:
    from processes.diagram import DiagramCandidate


class ChangeLevel(StrEnum):
    STABLE = "stable"
    SOME = "some"
    MANY = "many"

    @property
    def german(self) -> str:
        return {"stable": "stabil", "some": "gelegentlich", "many": "häufig"}[self.value]

    @property
    def sentence(self) -> str:
        """The predicate of "Der Ablauf …"."""
        return {
            "stable": "ist stabil",
            "some": "ändert sich gelegentlich",
            "many": "ändert sich häufig",
        }[self.value]


class FactsError(ValueError):
    """Facts that cannot be accepted; the message is German and names each problem.

    ``fields`` says the same per fact (``{"digital_share": "… muss zwischen 0 und 100 %
    liegen"}``), so that a form can show each problem at its field.
    """

    def __init__(self, message: str, fields: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.fields: dict[str, str] = dict(fields or {})


class Facts(BaseModel):
    """Validated facts; shares are fractions 0..1 here, percent at the edges."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    department: str | None = None
    cases_per_month: float | None = Field(default=None, ge=0, le=10_000_000)
    minutes_per_case: float | None = Field(default=None, ge=0, le=100_000)
    digital_share: float | None = Field(default=None, ge=0, le=1)
    exception_rate: float | None = Field(default=None, ge=0, le=1)
    expected_changes: ChangeLevel | None = None
    it_systems: int | None = Field(default=None, ge=0, le=100)
    legal_basis: str | None = Field(default=None, max_length=2000)

    def merged(self, newer: Facts) -> Facts:
        """These facts with every fact that ``newer`` states replacing ours."""
        values = self.model_dump()
        values.update({k: v for k, v in newer.model_dump().items() if v is not None})
        return Facts(**values)

    def missing(self) -> list[str]:
        return [name for name in SCORED_FACTS if getattr(self, name) is None]


SCORED_FACTS = (
    "cases_per_month",
    "minutes_per_case",
    "digital_share",
    "exception_rate",
    "expected_changes",
    "it_systems",
)

FACT_LABELS = {
    "department": "Amt",
    "cases_per_month": "Fälle pro Monat",
    "minutes_per_case": "Minuten pro Fall",
    "digital_share": "Anteil digitaler Eingänge",
    "exception_rate": "Ausnahmequote",
    "expected_changes": "Erwartete Änderungen",
    "it_systems": "Anzahl IT-Systeme",
    "legal_basis": "Rechtsgrundlage",
}

# Accepted spellings of each fact, compared after _normalise_key().
_ALIASES: dict[str, tuple[str, ...]] = {
    "department": ("department", "amt", "abteilung", "dienststelle"),
    "cases_per_month": (
        "casespermonth",
        "cases",
        "fallzahl",
        "fallzahlpromonat",
        "faellepromonat",
        "faelle",
    ),
    "minutes_per_case": (
        "minutespercase",
        "minutes",
        "minuten",
        "minutenprofall",
        "bearbeitungszeit",
        "dauerprofall",
    ),
    "digital_share": ("digitalshare", "anteildigital", "digitalanteil", "digitaleeingaenge"),
    "exception_rate": ("exceptionrate", "ausnahmequote", "ausnahmen", "sonderfaelle"),
    "expected_changes": ("expectedchanges", "aenderungen", "erwarteteaenderungen", "stabilitaet"),
    "it_systems": ("itsystems", "itsysteme", "anzahlitsysteme", "systeme"),
    "legal_basis": ("legalbasis", "rechtsgrundlage", "rechtsgrundlagen"),
}
_KEY_OF = {alias: key for key, aliases in _ALIASES.items() for alias in aliases}
_PERCENT_FACTS = {"digital_share", "exception_rate"}
_CHANGE_WORDS = {
    "stable": ChangeLevel.STABLE, "stabil": ChangeLevel.STABLE, "keine": ChangeLevel.STABLE,
    "selten": ChangeLevel.STABLE,
    "some": ChangeLevel.SOME, "einige": ChangeLevel.SOME, "gelegentlich": ChangeLevel.SOME,
    "manchmal": ChangeLevel.SOME, "mittel": ChangeLevel.SOME,
    "many": ChangeLevel.MANY, "viele": ChangeLevel.MANY, "haeufig": ChangeLevel.MANY,
    "oft": ChangeLevel.MANY,
}  # fmt: skip


def _normalise_key(key: str) -> str:
    key = key.strip().lower()
    for prefix in ("lotse:", "lotse.", "lotse_", "lotse-"):
        key = key.removeprefix(prefix)
    key = key.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    return re.sub(r"[^a-z0-9]", "", key)


def fact_key(raw_key: str) -> str | None:
    """The fact a user's key means, or None if it is not a fact."""
    return _KEY_OF.get(_normalise_key(raw_key))


def _number(text: Any) -> float:
    if isinstance(text, bool):
        raise ValueError
    if isinstance(text, int | float):
        return float(text)
    cleaned = str(text).strip().replace("%", "").replace("\u202f", "").replace(" ", "")
    # German decimals: "12,5" and "1.200,5"; "1.200" is twelve hundred, "12.5" a decimal
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(\.\d{3})+", cleaned):
        cleaned = cleaned.replace(".", "")
    return float(cleaned)


def facts_from_mapping(raw: Mapping[str, Any], *, where: str) -> Facts:
    """Validate user-given facts (any known key spelling; shares in percent).

    Unknown keys are ignored (tools put many properties on a process); bad
    values raise :class:`FactsError` listing every problem.
    """
    values: dict[str, Any] = {}
    problems: dict[str, str] = {}
    for raw_key, raw_value in raw.items():
        key = fact_key(str(raw_key))
        if (
            key is None
            or raw_value is None
            or (isinstance(raw_value, str) and not raw_value.strip())
        ):
            continue
        label = FACT_LABELS[key]
        try:
            values[key] = _convert(key, raw_value)
        except ValueError as exc:
            problems[key] = f"{label} „{raw_value}“ {exc}"
    if not problems:
        try:
            return Facts(**values)
        except ValidationError as exc:
            for error in exc.errors():
                key = str(error["loc"][0])
                problems[key] = f"{FACT_LABELS.get(key, key)}: {_range_message(key, error)}"
    raise FactsError(f"Fakten in {where}: " + "; ".join(problems.values()) + ".", problems)


def _convert(key: str, value: Any) -> Any:
    if key in ("department", "legal_basis"):
        return str(value).strip()
    if key == "expected_changes":
        word = _normalise_key(str(value))
        if word not in _CHANGE_WORDS:
            raise ValueError("ist keine gültige Angabe (stabil, gelegentlich oder häufig)")
        return _CHANGE_WORDS[word]
    try:
        number = _number(value)
    except ValueError:
        raise ValueError("ist keine Zahl") from None
    if key in _PERCENT_FACTS:
        if not 0 <= number <= 100:
            raise ValueError("muss zwischen 0 und 100 % liegen")
        # Shares are percent ("80"); tools and spreadsheets also write fractions
        # ("0.8"). Nobody means a share of one percent or less, so read those as fractions.
        if number <= 1 and "%" not in str(value):
            return number
        return number / 100
    if key == "it_systems":
        if number != int(number):
            raise ValueError("muss eine ganze Zahl sein")
        return int(number)
    return number


def _range_message(key: str, error: Any) -> str:
    kind = error.get("type", "")
    if kind.startswith("greater_than"):
        return "darf nicht negativ sein"
    if kind.startswith("less_than"):
        return "ist unrealistisch groß"
    return str(error.get("msg", "ungültig"))


def sidecar_path(bpmn_path: Path) -> Path:
    """``antrag.bpmn`` → ``antrag.facts.yaml`` (also for ``antrag.bpmn20.xml``)."""
    stem = bpmn_path.name.split(".")[0]
    return bpmn_path.with_name(f"{stem}.facts.yaml")


def read_sidecar(bpmn_path: Path) -> dict[str, Facts]:
    """Facts from the sidecar next to a BPMN file: ``{name or "*": Facts}``.

    The file holds facts for the diagram's process, or under
    ``prozesse:``/``processes:`` keyed by the process's key, id, process name
    or pool name (see :func:`facts_for`).
    """
    path = sidecar_path(bpmn_path)
    if not path.is_file():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise FactsError(
            f"Fakten-Datei {path.name} ist kein gültiges YAML ({_first_line(exc)})."
        ) from None
    if not isinstance(data, dict):
        raise FactsError(f"Fakten-Datei {path.name}: erwartet werden Schlüssel und Werte.")
    result: dict[str, Facts] = {}
    per_process = data.pop("prozesse", None) or data.pop("processes", None) or {}
    if data:
        result["*"] = facts_from_mapping(data, where=path.name)
    if not isinstance(per_process, dict):
        raise FactsError(
            f"Fakten-Datei {path.name}: „prozesse“ muss je Prozess-id Fakten enthalten."
        )
    for process_id, values in per_process.items():
        if not isinstance(values, dict):
            raise FactsError(
                f"Fakten-Datei {path.name}: Eintrag „{process_id}“ ist keine Liste von Fakten."
            )
        result[str(process_id)] = facts_from_mapping(values, where=f"{path.name} ({process_id})")
    return result


def facts_for(sidecar: dict[str, Facts], candidate: DiagramCandidate, *, where: str) -> Facts:
    """The sidecar's facts for this diagram: file-level ones, then those named for it.

    A sidecar may name the process by key (``20:Collaboration_1``), by diagram
    or process id, by process name or by pool name. A name that matches
    nothing in the diagram is an error: silently ignored facts mislead.
    """
    facts = sidecar.get("*", Facts())
    names = {candidate.diagram_id, candidate.name, *candidate.process_ids, *candidate.pool_names}
    names |= {p.label for p in candidate.own_processes if p.label}
    folded = {" ".join(n.split()).casefold() for n in names if n}
    unknown = []
    for key, values in sidecar.items():
        if key == "*":
            continue
        wanted = " ".join(key.split()).casefold()
        if wanted in folded or wanted.rpartition(":")[2] in folded:
            facts = facts.merged(values)
        else:
            unknown.append(key)
    if unknown:
        known = ", ".join(sorted(f"„{n}“" for n in names if n))
        raise FactsError(
            f"Fakten-Datei zu {where}: „{unknown[0]}“ passt zu keinem Prozess oder Pool im "
            f"Diagramm; möglich sind {known}."
        )
    return facts


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def as_percent(share: float | None) -> str:
    return pct(share)
