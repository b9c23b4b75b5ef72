"""Robot skeletons from catalogued diagrams: ``lotse robot new`` and ``lotse robot check``.

source = robot_source(session, process)        # the catalogue's current version
skeleton = render(source)                       # module and tests, as text
"""

from processes.robotgen.catalogue import (
    CheckResult,
    GeneratorError,
    check_skeleton,
    current_structure,
    robot_source,
)
from processes.robotgen.render import Rendered, RobotSource, render

__all__ = [
    "CheckResult",
    "GeneratorError",
    "Rendered",
    "RobotSource",
    "check_skeleton",
    "current_structure",
    "render",
    "robot_source",
]
