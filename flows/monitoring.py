"""Watching the robots from Prefect: heartbeats and the automation for runs that died.

A run whose machine is killed (power cut, ``kill -9`` of the VM) cannot tell
Prefect; it stayed ``Running`` for ever, and the documented notification on
*Failed*/*Crashed* never fired. Each flow run therefore sends a heartbeat
(``PREFECT_FLOWS_HEARTBEAT_FREQUENCY``, set by ``lotse serve`` if IT has not), and
an automation on the Prefect server marks a run ``Crashed`` when three heartbeats
in a row are missing. The robots' service creates it at start if it is not there;
IT may change it in the UI (*Automations*), Lotse does not overwrite it.
"""

from __future__ import annotations

from datetime import timedelta

from prefect.client.orchestration import get_client
from prefect.client.schemas.objects import StateType
from prefect.events.actions import ChangeFlowRunState
from prefect.events.schemas.automations import AutomationCore, EventTrigger, Posture
from prefect.events.schemas.events import ResourceSpecification

ZOMBIE_AUTOMATION = "lotse-laeufe-ohne-herzschlag"
HEARTBEAT_SECONDS = 60  # Prefect's minimum is 30
MISSED_HEARTBEATS = 3
FINAL_EVENTS = (
    "prefect.flow-run.Completed",
    "prefect.flow-run.Failed",
    "prefect.flow-run.Cancelled",
    "prefect.flow-run.Crashed",
)


def zombie_automation(heartbeat_seconds: int) -> AutomationCore:
    """Crashed, when a running flow run sends no heartbeat for three intervals."""
    silence = MISSED_HEARTBEATS * max(heartbeat_seconds, 30)
    return AutomationCore(
        name=ZOMBIE_AUTOMATION,
        description=(
            f"Lotse: ein Lauf ohne Herzschlag seit {silence} s gilt als abgestürzt (sein "
            "Rechner ist ausgefallen). So greifen die Benachrichtigungen für Crashed."
        ),
        tags=["lotse"],
        trigger=EventTrigger(
            after={"prefect.flow-run.heartbeat"},
            expect={"prefect.flow-run.heartbeat", *FINAL_EVENTS},
            match=ResourceSpecification({"prefect.resource.id": ["prefect.flow-run.*"]}),
            for_each={"prefect.resource.id"},
            posture=Posture.Proactive,
            threshold=1,
            within=timedelta(seconds=silence),
        ),
        actions=[
            ChangeFlowRunState(
                name="Crashed",
                state=StateType.CRASHED,
                force=False,
                message=f"Kein Herzschlag seit {silence} s: der Rechner des Laufs ist "
                "vermutlich ausgefallen. Briefe in Arbeit übernimmt der nächste Lauf.",
            )
        ],
    )


def ensure_zombie_automation(heartbeat_seconds: int) -> bool:
    """Create the automation unless one of that name exists; True if it was created now."""
    with get_client(sync_client=True) as client:
        if client.read_automations_by_name(ZOMBIE_AUTOMATION):
            return False
        client.create_automation(zombie_automation(heartbeat_seconds))
    return True
