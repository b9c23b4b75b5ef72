"""Form field ids and names by id scheme ("version" of the application).

Labels, roles, headings and visible texts never change; ids and the names the
server accepts do. Under ``v2`` a form posted with ``v1`` names is missing every
field, as it would be on the real application after an update.
"""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass
from typing import Literal, get_args

from eakte.config import IdScheme

FieldKey = Literal[
    "benutzer",
    "kennwort",
    "suche_aktenzeichen",
    "aktenzeichen",
    "titel",
    "organisationseinheit",
    "datei",
    "eingangsdatum",
    "absender",
    "betreff",
    "bemerkung",
]
FIELD_KEYS: tuple[FieldKey, ...] = get_args(FieldKey)

# The hidden anti-forgery field has the same name under every scheme.
TOKEN_FIELD = "__RequestVerificationToken"


@dataclass(frozen=True)
class Field:
    id: str
    name: str


Fields = dict[FieldKey, Field]

FIELDS: dict[Literal["v1", "v2"], Fields] = {
    "v1": {
        "benutzer": Field("txtBenutzer", "benutzer"),
        "kennwort": Field("txtKennwort", "kennwort"),
        "suche_aktenzeichen": Field("txtSucheAktenzeichen", "aktenzeichen"),
        "aktenzeichen": Field("txtAktenzeichen", "aktenzeichen"),
        "titel": Field("txtTitel", "titel"),
        "organisationseinheit": Field("txtOrganisationseinheit", "organisationseinheit"),
        "datei": Field("fileDatei", "datei"),
        "eingangsdatum": Field("txtEingangsdatum", "eingangsdatum"),
        "absender": Field("txtAbsender", "absender"),
        "betreff": Field("txtBetreff", "betreff"),
        "bemerkung": Field("txtBemerkung", "bemerkung"),
    },
    "v2": {
        "benutzer": Field("ctl00_main_userInput", "ctl00$main$user"),
        "kennwort": Field("ctl00_main_pwInput", "ctl00$main$pw"),
        "suche_aktenzeichen": Field("ctl00_main_searchAzInput", "ctl00$main$searchAz"),
        "aktenzeichen": Field("ctl00_main_azInput", "ctl00$main$az"),
        "titel": Field("ctl00_main_titleInput", "ctl00$main$title"),
        "organisationseinheit": Field("ctl00_main_ouInput", "ctl00$main$ou"),
        "datei": Field("ctl00_main_fileUpload", "ctl00$main$file"),
        "eingangsdatum": Field("ctl00_main_dateInput", "ctl00$main$date"),
        "absender": Field("ctl00_main_senderInput", "ctl00$main$sender"),
        "betreff": Field("ctl00_main_subjectInput", "ctl00$main$subject"),
        "bemerkung": Field("ctl00_main_remarkInput", "ctl00$main$remark"),
    },
}


def fields_for(scheme: IdScheme, rng: random.Random | None = None) -> Fields:
    """The ids and names of ``scheme``; ``zufall`` draws new suffixes (from ``rng`` if given)."""
    if scheme != "zufall":
        return dict(FIELDS[scheme])

    def suffix() -> str:
        return f"{rng.getrandbits(40):010x}" if rng is not None else secrets.token_hex(5)

    return {key: Field(f"fld_{suffix()}", f"f{suffix()}") for key in FIELD_KEYS}
