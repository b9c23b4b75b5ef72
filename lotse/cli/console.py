"""One place for terminal output: Rich for people, plain stdout for JSON."""

from __future__ import annotations

import json
import sys
from typing import Any

from rich.console import Console
from rich.markup import escape

from lotse.visible import visible

console = Console(highlight=False)
# soft_wrap: a message stays one line in the journal and in logs (Rich wraps at 80 columns
# when stderr is no terminal).
errors = Console(stderr=True, highlight=False, soft_wrap=True)


def print_json(value: Any) -> None:
    """JSON for scripts: UTF-8, no colour codes, whatever the terminal."""
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2))
    sys.stdout.write("\n")
    sys.stdout.flush()


def shown(text: str) -> str:
    """Outside text (file names …) for Rich: no markup, invisible characters made visible."""
    return escape(visible(text))
