"""Automation scoring of processes and tasks, explained in German.

model = load_model()                      # or load_model(Path(...))
score = assess(defs, process, facts, model)
"""

from processes.scoring.model import DEFAULT_MODEL_FILE, ScoringModel, ScoringModelError, load_model
from processes.scoring.process import assess
from processes.scoring.results import (
    CATEGORY_COLOURS,
    Category,
    Criterion,
    ProcessScore,
    Quadrant,
    Reason,
    TaskScore,
)

__all__ = [
    "CATEGORY_COLOURS",
    "DEFAULT_MODEL_FILE",
    "Category",
    "Criterion",
    "ProcessScore",
    "Quadrant",
    "Reason",
    "ScoringModel",
    "ScoringModelError",
    "TaskScore",
    "assess",
    "load_model",
]
