"""The deployments' names (a contract: scripts start ``FLOW/DEPLOYMENT``) and what people
call them. Without Prefect imports, so that the workbench can name the robots cheaply."""

from __future__ import annotations

KATALOG_IMPORT = "katalog-import"
KANDIDATEN_BERICHT = "kandidaten-bericht"
POSTSTELLE = "poststelle"
REVIEW_ERINNERUNG = "poststelle-review-erinnerung"
EAKTE_ABLAGE = "eakte-ablage"
AUFBEWAHRUNG = "poststelle-aufbewahrung"
POSTSTELLE_LERNEN = "poststelle-lernen"
NAMES = (
    KATALOG_IMPORT, KANDIDATEN_BERICHT, POSTSTELLE, REVIEW_ERINNERUNG, EAKTE_ABLAGE, AUFBEWAHRUNG,
    POSTSTELLE_LERNEN,
)  # fmt: skip

# In the order the workbench lists them: the mailroom's robots first. Every name has one
# (tests/web/test_robots_prefect.py checks).
TITLES = {
    POSTSTELLE: "Posteingangs-Roboter",
    EAKTE_ABLAGE: "Ablage in die E-Akte",
    REVIEW_ERINNERUNG: "Erinnerung an den Prüfstapel",
    AUFBEWAHRUNG: "Vernichten nach der Aufbewahrungsfrist",
    POSTSTELLE_LERNEN: "Lernen aus den Entscheidungen",
    KATALOG_IMPORT: "Katalog-Import",
    KANDIDATEN_BERICHT: "Kandidatenbericht",
}
