"""Generated robots (``lotse robot new``) served next to Lotse's own, and linked to their process.

``lotse serve`` looks into ``LOTSE_ROBOTS_DIR`` (default DATA_DIR/roboter) for
modules that ``lotse robot new`` wrote, imports each, offers its flow as a
deployment named like the flow and links the deployment to the catalogued
process and its robot tasks, so that its runs count for that process. The
folder is code the automation team put there; a module that does not import
is reported and left out, the rest is served.
"""

from __future__ import annotations

import importlib.util
import logging
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from prefect import Flow
from prefect.deployments.runner import RunnerDeployment
from prefect.types.entrypoint import EntrypointType

from processes.robotgen.structure import NotASkeleton, Skeleton, read_module

logger = logging.getLogger("lotse.roboter")
ROBOT_ROLES = ("aufgabe", "nachricht")  # what a skeleton's robot does itself


@dataclass(frozen=True, slots=True)
class GeneratedRobot:
    skeleton: Skeleton
    flow: Flow[..., Any]

    @property
    def deployment(self) -> str:
        return str(self.skeleton.diagram.get("flow") or self.flow.name)

    @property
    def task_ids(self) -> list[str]:
        tasks = self.skeleton.structure.get("aufgaben", {})
        return [
            ident for ident, values in tasks.items() if values[2:3] and values[2] in ROBOT_ROLES
        ]


@dataclass(frozen=True, slots=True)
class GeneratedServing:
    """What ``lotse serve`` offers from the robots folder, and what it says about it."""

    folder: Path
    deployments: list[RunnerDeployment]
    linked: list[str]  # "deployment → process", or why a robot is served unlinked
    left_out: list[str]  # "file: why", for modules that did not load

    @property
    def names(self) -> list[str]:
        return [d.name for d in self.deployments]


def load_generated(folder: Path, left_out: list[str] | None = None) -> list[GeneratedRobot]:
    """The generated robots in ``folder``; broken ones are logged, left out and, with
    ``left_out``, named there (file: why)."""
    robots: list[GeneratedRobot] = []
    problems = left_out if left_out is not None else []
    if not folder.is_dir():
        return robots
    for path in sorted(folder.glob("*.py")):
        if path.name.startswith("test_"):
            continue
        try:
            skeleton = read_module(path)
        except NotASkeleton:
            continue
        try:
            module = _import(path)
        except Exception as exc:  # someone's code: say which file and go on with the rest
            logger.warning(
                "Roboter %s lässt sich nicht laden und wird nicht angeboten: %s", path.name, exc
            )
            problems.append(f"{path.name}: lässt sich nicht laden ({type(exc).__name__}: {exc})")
            continue
        flow = getattr(module, "ROBOTER", None)
        if not isinstance(flow, Flow):
            logger.warning(
                "Roboter %s hat keinen Flow ROBOTER und wird nicht angeboten.", path.name
            )
            problems.append(f"{path.name}: kein Flow ROBOTER")
            continue
        robots.append(GeneratedRobot(skeleton, flow))
    return robots


def _import(path: Path) -> Any:
    name = path.stem
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"{path} ist kein Python-Modul")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # Prefect finds the flow's module again by this name
    spec.loader.exec_module(module)
    return module


def link_generated(robots: list[GeneratedRobot]) -> list[str]:
    """Link each robot's deployment to its process (not over a link someone set by hand)."""
    from sqlalchemy import select

    from flows.context import lotse_app
    from processes.catalogue import CatalogueError, find_process
    from processes.models import RobotLink
    from processes.robot_links import LinkSource, link_robot, task_ids_of

    messages = []
    with lotse_app().db.session() as session:
        for robot in robots:
            existing = session.scalar(
                select(RobotLink).where(RobotLink.deployment == robot.deployment)
            )
            if existing is not None and existing.source != LinkSource.GENERATED:
                continue
            key = str(robot.skeleton.diagram["prozess"])
            try:
                process = find_process(session, key)
            except CatalogueError as exc:
                messages.append(f"{robot.deployment}: {exc}")
                continue
            present = set(task_ids_of(session, process))
            link_robot(
                session,
                robot.deployment,
                process,
                [t for t in robot.task_ids if t in present],
                user="lotse serve",
                source=LinkSource.GENERATED,
            )
            messages.append(f"{robot.deployment} → {process.key}")
    return messages


def generated_deployments(robots: list[GeneratedRobot]) -> list[RunnerDeployment]:
    made = [
        robot.flow.to_deployment(
            name=robot.deployment,
            description=f"Erzeugt aus {robot.skeleton.diagram.get('prozess')}, Version "
            f"{robot.skeleton.diagram.get('version')} ({robot.skeleton.path.name}).",
            tags=["lotse", "roboter", "geruest"],
            entrypoint_type=EntrypointType.FILE_PATH,
        )
        for robot in robots
    ]
    return [d for d in made if isinstance(d, RunnerDeployment)]


def serve_generated(folder: Path) -> GeneratedServing:
    """What ``lotse serve`` adds: the generated robots' deployments, linked to their processes."""
    left_out: list[str] = []
    robots = load_generated(folder, left_out)
    linked = link_generated(robots) if robots else []
    for message in linked:
        logger.info("Roboter verknüpft: %s", message)
    return GeneratedServing(folder, generated_deployments(robots), linked, left_out)
