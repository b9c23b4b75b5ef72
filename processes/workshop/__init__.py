"""Workshop mode: compare what several pilots drew of the same process.

    comparison = compare([Drawing("anna.bpmn", defs_a), ...], model=load_model())
    corrected = compare(drawings, model=model,
                        corrections=Corrections().join(comparison.steps, refs, comparison.names))
    page = render_html(comparison, generated_at=datetime.now().astimezone())
    data = comparison.to_json()

Pure functions over ``bpmn.model``; reading files and writing output is the caller's job.
"""

from processes.workshop.align import AlignmentError
from processes.workshop.comparison import Comparison, Drawing, WorkshopError, compare
from processes.workshop.corrections import Corrections

__all__ = ["AlignmentError", "Comparison", "Corrections", "Drawing", "WorkshopError", "compare"]
