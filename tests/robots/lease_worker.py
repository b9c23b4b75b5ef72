"""One mailroom run as a separate "machine" for tests/robots/test_leases.py.

    python -m tests.robots.lease_worker INBOX LEASE_SECONDS

Settings come from the environment (database, data dir, state dir). Prints one
JSON object: this run's lease owner and the ids of the letters it reported.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path

from lotse.app import open_app


def main() -> None:
    inbox, lease_seconds = Path(sys.argv[1]), float(sys.argv[2])
    lotse = open_app()
    room = lotse.mailroom(inbox=inbox)
    room.config = dataclasses.replace(
        room.config, stable_seconds=0, workers=1, lease_seconds=lease_seconds
    )
    outcomes = room.run()
    print(json.dumps({"owner": room.owner, "letters": sorted(o.letter_id for o in outcomes)}))


if __name__ == "__main__":
    main()
