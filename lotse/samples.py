"""Where the bundled samples live (diagrams, mail, rules)."""

from __future__ import annotations

from pathlib import Path

SAMPLES_DIR = Path(__file__).resolve().parent.parent / "samples"
SAMPLE_DIAGRAMS = SAMPLES_DIR / "bpmn"
SAMPLE_MAIL = SAMPLES_DIR / "mail" / "letters"
# Five pilots' drawings of one process, for the workshop comparison in the demo.
SAMPLE_WORKSHOP = SAMPLES_DIR / "workshop" / "toast"
SAMPLE_DELIVERY = SAMPLES_DIR / "rules" / "ablage.yaml"
