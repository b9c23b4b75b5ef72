"""The numbers ``lotse bpmn inspect --json`` promises (see DESIGN.md, "Interfaces")."""

from __future__ import annotations

from collections import Counter
from typing import Any

from bpmn.model import Definitions


def summarise(defs: Definitions) -> dict[str, Any]:
    """Counts per process and for the whole file, in the contract's shape.

    ``elements`` counts every flow node including those nested in
    sub-processes; ``lanes`` counts lanes at every depth.
    """
    processes = []
    for process in defs.processes:
        kinds = Counter(node.kind for node in process.content.walk_nodes())
        processes.append(
            {
                "id": process.id,
                "name": process.name,
                "elements": dict(kinds),
                "lanes": sum(1 for _ in process.walk_lanes()),
                "sequence_flows": sum(1 for _ in process.content.walk_flows()),
            }
        )
    return {
        "diagram": defs.has_diagram,
        "message_flows": sum(1 for _ in defs.message_flows()),
        "processes": processes,
    }
