"""The skeleton's source text: a Prefect flow module and its pytest tests.

Plain code writing, no templates: every name, docstring and table comes from
the diagram and its assessment, in the diagram's order, so that the same
catalogue version always gives the same files.
"""

from __future__ import annotations

import builtins
import inspect
from collections.abc import Mapping
from dataclasses import dataclass, field

from bpmn.names import kind_german
from processes.robotgen import walker
from processes.robotgen.graph import Container, Flow, Node, TaskInfo
from processes.robotgen.names import Names, camel, docstring, literal, one_line, slug
from processes.robotgen.paths import Way, find_ways
from processes.robotgen.structure import structure
from processes.scoring.text import count

CATEGORY_GERMAN = {
    "system": "bereits automatisiert",
    "robot": "Roboter-geeignet",
    "assist": "Roboter kann vorbereiten",
    "human": "bleibt Menschenarbeit",
}
EVENT_GERMAN = {
    "message": "Nachricht",
    "timer": "Zeit",
    "signal": "Signal",
    "error": "Fehler",
    "escalation": "Eskalation",
    "conditional": "Bedingung",
    "compensate": "Kompensation",
    "cancel": "Abbruch",
    "link": "Verknüpfung",
    "terminate": "Beenden",
}
RUNTIME_NAMES = {
    "Ablauf", "AblaufEndetNicht", "AblaufFehler", "AblaufHaengt", "Any", "Ausfuehrung",
    "Callable", "DIAGRAMM", "E", "Fall", "Field", "FlowRunContext", "KeinWeg", "MAX_SCHRITTE",
    "NO_CACHE", "ROBOTER", "RunInput", "STRUKTUR", "Schritt", "Sequence", "Task",
    "TypeVar", "UTC", "WARTEZEIT_MENSCH", "annotations", "ausfuehren", "dataclass", "datetime",
    "deque", "ist_zahlen_melden", "pause_schluessel", "re", "record_generated_run", "zlib",
    "durchlaufen", "field", "flow", "mensch_fragen", "nacheinander", "pause_flow_run",
    "startpunkt", "task", "waehlen",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class RobotSource:
    """Everything a skeleton is made from: the catalogued process and its diagram."""

    process_key: str
    process_name: str
    version: int
    file_name: str
    sha256: str
    model_version: str
    container: Container
    lotse_version: str = ""


@dataclass(slots=True)
class _Part:
    """One container's generated names."""

    container: Container
    table: str  # ABLAUF, ABLAUF_<SUB>
    flow_function: str = ""  # sub-flows; "" for the process itself


@dataclass(slots=True)
class Rendered:
    module_name: str
    flow_name: str
    module: str
    tests: str
    ways: int
    stuck_ways: int
    robot_task_ids: list[str] = field(default_factory=list)


def render(source: RobotSource) -> Rendered:
    return _Renderer(source).render()


class _Renderer:
    def __init__(self, source: RobotSource) -> None:
        self.source = source
        self.root = source.container
        base = slug(source.process_name, fallback="prozess")
        if base == "prozess":
            base = slug(self.root.id, fallback="prozess")
        self.module_name = f"roboter_{base}"
        self.flow_name = base.replace("_", "-")
        self.names = Names(RUNTIME_NAMES | set(dir(builtins)) | {self.module_name})
        self.main_function = self.names.new(base)
        self.functions: dict[str, str] = {}  # node id → function (what the step does)
        self.conditions: dict[str, str] = {}  # flow id → condition function
        self.inputs: dict[str, str] = {}  # node id → RunInput class
        self.parts: list[_Part] = []
        self.lines: list[str] = []

    # -- the module ------------------------------------------------------------------------

    def render(self) -> Rendered:
        self._plan()
        ways = find_ways(self.root)
        stuck = [w for w in ways if w.error]
        self._header(ways, stuck)
        self._runtime()
        self._glue()
        for part in self.parts:
            self._steps(part.container)
        self._flows()
        self._tables()
        self._main_flow()
        module = "\n".join(self.lines).rstrip() + "\n"
        robot_tasks = [
            n.id for c in self.root.walk() for n in c.nodes.values() if n.art == "aufgabe"
        ]
        return Rendered(
            module_name=self.module_name,
            flow_name=self.flow_name,
            module=module,
            tests=_Tests(self, ways).render(),
            ways=len(ways),
            stuck_ways=len(stuck),
            robot_task_ids=robot_tasks,
        )

    def _plan(self) -> None:
        """Names for every container, step and condition, in diagram order."""
        for container in self.root.walk():
            if container is self.root:
                self.parts.append(_Part(container, "ABLAUF"))
            else:
                function = self.names.new(f"teilprozess_{slug(container.name)}")
                self.parts.append(_Part(container, function.upper(), function))
                self.functions[container.id] = function
        for part in self.parts:
            for node in part.container.nodes.values():
                if node.art in ("aufgabe", "mensch", "vorbereiten", "nachricht", "ereignis"):
                    self.functions[node.id] = self.names.new(slug(node.label, fallback=_base(node)))
                elif node.art == "randereignis":
                    self.functions[node.id] = self.names.new(
                        slug(
                            node.label,
                            fallback=f"randereignis_{slug(node.id)}",
                            prefix="randereignis",
                        )
                    )
                elif node.art == "entscheidung":
                    self.functions[node.id] = self.names.new(
                        slug(
                            node.label,
                            fallback=f"entscheidung_{slug(node.id)}",
                            prefix="entscheidung",
                        )
                    )
                if node.art in ("mensch", "vorbereiten"):
                    self.inputs[node.id] = self.names.new(
                        f"{camel(self.functions[node.id])}Eingabe"
                    )
            for node in part.container.nodes.values():
                if node.art == "entscheidung":
                    for flow_id in node.outgoing:
                        flow = part.container.flows[flow_id]
                        if not flow.is_default:
                            self.conditions[flow_id] = self.names.new(
                                f"{self.functions[node.id]}_{self._way_slug(part.container, node, flow)}"
                            )

    def _way_slug(self, container: Container, node: Node, flow: Flow) -> str:
        if node.kind == "eventBasedGateway":
            target = container.nodes[flow.target]
            return f"{slug(target.label, fallback=slug(target.id))}_zuerst"
        if flow.label:
            return slug(flow.label, fallback="weg")
        target = container.nodes[flow.target]
        return f"zu_{slug(target.label, fallback=slug(target.id))}"

    def _emit(self, *lines: str) -> None:
        self.lines.extend(lines)

    def _header(self, ways: list[Way], stuck: list[Way]) -> None:
        s = self.source
        counts = {art: 0 for art in ("aufgabe", "mensch", "vorbereiten", "nachricht")}
        events = decisions = subflows = 0
        for container in self.root.walk():
            for node in container.nodes.values():
                if node.art in counts:
                    counts[node.art] += 1
                elif node.art in ("ereignis", "randereignis"):
                    events += 1
                elif node.art == "entscheidung":
                    decisions += 1
                elif node.art == "teilablauf":
                    subflows += 1
        paragraphs = [
            f"Roboter-Gerüst „{s.process_name}“.",
            f"Von Lotse erzeugt aus dem Katalogprozess {s.process_key}, Version {s.version} "
            f"({s.file_name}), bewertet mit dem Modell {s.model_version}. "
            "``lotse robot check ORDNER`` meldet, wenn sich das Diagramm im Katalog seitdem "
            "geändert hat (Aufgaben, Flüsse, Verzweigungen).",
            "Was im Gerüst steht:",
            *self._contents(counts, decisions, events, subflows),
            "Ausfüllen: jede Stelle mit „STUB“ ersetzen (``grep -n STUB``). Die Tests daneben "
            f"gehen alle {len(ways)} Wege durch das Diagramm mit den Platzhaltern; wer eine "
            "Regel einsetzt, gibt in den Tests die Daten vor, die sie braucht.",
        ]
        if stuck:
            points = sorted({w.trail[-1] for w in stuck if w.trail})
            paragraphs.append(
                f"Achtung: auf {len(stuck)} von {len(ways)} Wegen kommt der Ablauf nicht ans "
                "Ende (eine parallele Zusammenführung wartet auf einen Weg, der nicht genommen "
                "wurde, oder eine Schleife endet nie). Das Diagramm prüfen, zuletzt erreicht: "
                + ", ".join(points[:8])
                + "."
            )
        arts = {n.art for c in self.root.walk() for n in c.nodes.values()}
        tasks = bool(arts & {"aufgabe", "nachricht", "vorbereiten"})  # what needs @task
        inputs = bool(arts & {"mensch", "vorbereiten"})  # what needs a RunInput with fields
        self._emit(*docstring(paragraphs, indent=""))
        self._emit(
            "",
            "from __future__ import annotations",
            "",
            "import re",
            "import zlib",
            "from collections import deque",
            "from collections.abc import Callable, Sequence",
            "from dataclasses import dataclass, field",
            "from datetime import UTC, datetime",
            "from typing import Any, TypeVar",
            "",
            "from prefect import Task, flow, task" if tasks else "from prefect import Task, flow",
            *(["from prefect.cache_policies import NO_CACHE"] if tasks else []),
            "from prefect.context import FlowRunContext",
            "from prefect.flow_runs import pause_flow_run",
            "from prefect.input import RunInput",
            *(["from pydantic import Field"] if inputs else []),
            "",
            "# Woraus das Gerüst entstand; `lotse robot check` liest das (nicht ändern).",
            f"DIAGRAMM: dict[str, Any] = {_literal_block(self._diagram())}",
            f"STRUKTUR: dict[str, dict[str, list[str]]] = {_literal_block(structure(self.root))}",
            "",
            "# Wie lange ein Lauf höchstens auf die Eingabe eines Menschen wartet (Sekunden).",
            "WARTEZEIT_MENSCH = 7 * 24 * 3600",
        )

    @staticmethod
    def _contents(counts: dict[str, int], decisions: int, events: int, subflows: int) -> list[str]:
        """The list in the module's docstring: only what the diagram has."""
        items = [
            (
                counts["aufgabe"],
                "Roboter-Aufgabe",
                "Roboter-Aufgaben",
                "Prefect-Tasks; die einer Welle laufen gleichzeitig (parallele Gateways).",
            ),
            (
                counts["mensch"],
                "menschlicher Schritt",
                "menschliche Schritte",
                "der Lauf hält an und wartet in der Prefect-Oberfläche auf eine Eingabe "
                "(Ermessen nach § 35a VwVfG, Geheimnisse, Unterschriften, Entscheidungen nach "
                "Einschätzung; so sagt es die Bewertung).",
            ),
            (
                counts["vorbereiten"],
                "Schritt",
                "Schritte",
                "der Roboter bereitet vor, ein Mensch schließt ab.",
            ),
            (
                decisions,
                "Entscheidung",
                "Entscheidungen",
                "je Weg eine Bedingung, benannt nach den Beschriftungen im Diagramm.",
            ),
            (
                counts["nachricht"],
                "Nachricht",
                "Nachrichten",
                "Senden und Empfangen als Platzhalter.",
            ),
            (events, "Ereignis", "Ereignisse", "Platzhalter."),
            (subflows, "Teilprozess", "Teilprozesse", "eigene Prefect-Flows (Teil-Flows)."),
        ]
        return [f"- {count(n, one, many)}: {what}" for n, one, many, what in items if n]

    def _diagram(self) -> dict[str, object]:
        s = self.source
        return {
            "prozess": s.process_key,
            "name": s.process_name,
            "version": s.version,
            "datei": s.file_name,
            "sha256": s.sha256,
            "bewertungsmodell": s.model_version,
            "flow": self.flow_name,
            "lotse": s.lotse_version,
        }

    def _runtime(self) -> None:
        """The walker, copied as it is (after its own docstring and imports)."""
        text = inspect.getsource(walker)
        start = text.index("MAX_SCHRITTE =")
        self._emit(
            "",
            "",
            "# " + "-" * 76,
            "# Der Ablauf (von Lotse, unverändert aus processes/robotgen/walker.py übernommen):",
            "# Marken wandern wie in BPMN durch das Diagramm, siehe dort.",
            "# " + "-" * 76,
            "",
            text[start:].rstrip(),
        )

    def _glue(self) -> None:
        self._emit(
            "",
            "",
            "# " + "-" * 76,
            "# Prefect: Wellen gleichzeitig, Menschen über die Prefect-Oberfläche",
            "# " + "-" * 76,
            "",
            "",
            "def ausfuehren(arbeiten: Sequence[Callable[[Fall], Any]], fall: Fall) -> list[Any]:",
            '    """Die Schritte einer Welle; in einem Prefect-Lauf gleichzeitig, sonst nacheinander."""',
            "    if FlowRunContext.get() is None:",
            "        return nacheinander(arbeiten, fall)",
            "    laufend = {",
            "        nummer: arbeit.submit(fall)",
            "        for nummer, arbeit in enumerate(arbeiten)",
            "        if isinstance(arbeit, Task)",
            "    }",
            "    return [",
            "        laufend[nummer].result() if nummer in laufend else arbeit(fall)",
            "        for nummer, arbeit in enumerate(arbeiten)",
            "    ]",
            "",
            "",
            'E = TypeVar("E", bound=RunInput)',
            "",
            "",
            "def mensch_fragen(fall: Fall, schritt: str, eingabe: type[E]) -> dict[str, Any]:",
            '    """Hält den Lauf an, bis ein Mensch in der Prefect-Oberfläche eingibt, was er getan hat.',
            "",
            "    Ohne Prefect (Tests, Probeläufe) gilt ``fall.antworten[schritt]`` oder die",
            "    Vorbelegung der Eingabe.",
            '    """',
            "    if schritt in fall.antworten:",
            "        return eingabe(**fall.antworten[schritt]).model_dump()",
            "    if FlowRunContext.get() is None:",
            "        return eingabe().model_dump()",
            '    zaehler = f"{schritt}#eingabe"',
            "    besuch = fall.besuche.get(zaehler, 0)",
            "    fall.besuche[zaehler] = besuch + 1",
            "    antwort = pause_flow_run(",
            "        wait_for_input=eingabe, timeout=WARTEZEIT_MENSCH, key=pause_schluessel(schritt, besuch)",
            "    )",
            "    return (antwort or eingabe()).model_dump()",
            "",
            "",
            "def pause_schluessel(schritt: str, besuch: int) -> str:",
            '    """Der Schlüssel der Eingabe in Prefect: nur Kleinbuchstaben, Ziffern und Bindestriche',
            "    (so verlangt es Prefect; BPMN-IDs wie ``Activity_1x`` haben Großbuchstaben und ``_``),",
            '    mit der Prüfsumme der ID, damit ``Task_1`` und ``task-1`` verschieden bleiben."""',
            '    lesbar = re.sub(r"[^a-z0-9]+", "-", schritt.lower()).strip("-")',
            '    return f"{lesbar}-{zlib.crc32(schritt.encode()):08x}-{besuch}"',
            "",
            "",
            "def ist_zahlen_melden(fall: Fall, beginn: datetime) -> None:",
            '    """Meldet den Lauf an Lotses Ist-Zahlen: ein Fall, ohne Menschen, wenn keiner gefragt',
            "    wurde. Nur in einem Prefect-Lauf unter ``lotse serve`` (dann ist Lotse da).",
            "",
            "    Der Aufruf ist Lotses Schnittstelle: ``mypy --strict`` prüft ihn gegen Lotse, wo",
            "    Lotse installiert ist; ohne Lotse gilt er als unbekannt und wird übersprungen.",
            '    """',
            "    if FlowRunContext.get() is None:",
            "        return",
            "    try:",
            # Imported here, not at the top: the team's tests run without Lotse, too.
            "        from flows.robot_ledger import (  # type: ignore[import-not-found, unused-ignore]",
            "            record_generated_run,",
            "        )",
            "    except ImportError:",
            "        return",
            '    mensch = any(zaehler.endswith("#eingabe") for zaehler in fall.besuche)',
            '    record_generated_run(str(DIAGRAMM["flow"]), beginn, mensch)',
        )

    # -- steps -----------------------------------------------------------------------------

    def _steps(self, container: Container) -> None:
        title = (
            f"Prozess „{container.name}“"
            if container is self.root
            else f"Teilprozess „{container.name}“ ({container.id})"
        )
        self._emit("", "", "# " + "-" * 76, f"# {one_line(title, 74)}", "# " + "-" * 76)
        for node in container.nodes.values():
            art = node.art
            if art == "aufgabe":
                self._robot_task(node)
            elif art == "nachricht":
                self._message(node)
            elif art == "mensch":
                self._human(node)
            elif art == "vorbereiten":
                self._prepared(node)
            elif art == "ereignis":
                self._event(node)
            elif art == "randereignis":
                self._boundary(node, container)
            elif art == "entscheidung":
                self._decision(node, container)

    def _where(self, node: Node) -> str:
        lane = node.task.lane if node.task and node.task.lane else ""
        where = f"{kind_german(node.kind)} {node.id}"
        return f"{where}, Lane {lane}" if lane else where

    def _judgement(self, task: TaskInfo | None) -> list[str]:
        if task is None:
            return ["Nicht bewertet (keine Bewertung im Katalog)."]
        category = CATEGORY_GERMAN.get(task.category, task.category)
        head = (
            f"{category[:1].upper()}{category[1:]}, Potenzial "
            f"{task.potential:.0f} von 100"
            + (", Ermessen (§ 35a VwVfG)" if task.discretion else "")
            + (". Warum:" if task.reasons else ".")
        )
        return [head, *[f"- {reason}" for reason in task.reasons]]

    def _robot_task(self, node: Node) -> None:
        name = self.functions[node.id]
        what = (
            "Aufruf eines anderen Prozesses"
            + (f" ({node.called})" if node.called else "")
            + ": STUB, hier den anderen Roboter oder das Verfahren aufrufen."
            if node.kind == "callActivity"
            else "STUB: Hier die Arbeit des Roboters einsetzen."
        )
        if node.task is not None and node.task.category == "system":
            what = "Bereits automatisiert: STUB, hier das IT-System aufrufen, das es heute tut."
        self._emit(
            "",
            "",
            *call("@task", [f"name={literal(node.name)}", "cache_policy=NO_CACHE"], indent=""),
            f"def {name}(fall: Fall) -> dict[str, Any] | None:",
            *docstring(
                [
                    f"Roboter-Aufgabe „{node.name}“ ({self._where(node)}).",
                    node.documentation and f"Im Diagramm: {node.documentation}",
                    *self._judgement(node.task),
                    f"{what} Was die Aufgabe zurückgibt, steht danach in "
                    f'``fall.daten["{node.id}"]``.',
                ]
            ),
            "    # STUB: Arbeit des Roboters",
            "    return None",
        )

    def _message(self, node: Node) -> None:
        name = self.functions[node.id]
        sending = node.kind == "sendTask"
        what = (
            "STUB: Nachricht senden (E-Mail, Postfach, Schnittstelle)."
            if sending
            else "STUB: auf die Nachricht warten oder sie abholen; das Gerüst wartet nicht."
        )
        self._emit(
            "",
            "",
            *call("@task", [f"name={literal(node.name)}", "cache_policy=NO_CACHE"], indent=""),
            f"def {name}(fall: Fall) -> dict[str, Any] | None:",
            *docstring(
                [
                    f"{'Senden' if sending else 'Empfangen'}: „{node.name}“ ({self._where(node)}).",
                    node.documentation and f"Im Diagramm: {node.documentation}",
                    *self._judgement(node.task),
                    what,
                ]
            ),
            f"    # STUB: Nachricht {'senden' if sending else 'empfangen'}",
            "    return None",
        )

    def _input_class(self, node: Node) -> None:
        self._emit(
            "",
            "",
            f"class {self.inputs[node.id]}(RunInput):",
            *docstring([f"Was nach „{node.name}“ in der Prefect-Oberfläche einzugeben ist."]),
            "",
            '    erledigt: bool = Field(default=True, title="Erledigt")',
            '    bemerkung: str = Field(default="", title="Bemerkung")',
        )

    def _human(self, node: Node) -> None:
        self._input_class(node)
        self._emit(
            "",
            "",
            f"def {self.functions[node.id]}(fall: Fall) -> dict[str, Any]:",
            *docstring(
                [
                    f"Menschlicher Schritt „{node.name}“ ({self._where(node)}).",
                    node.documentation and f"Im Diagramm: {node.documentation}",
                    *self._judgement(node.task),
                    "Der Lauf hält hier an; in der Prefect-Oberfläche meldet ein Mensch, was er "
                    "getan hat, und setzt den Lauf fort. Die Eingabe steht danach in "
                    f'``fall.daten["{node.id}"]``.',
                ]
            ),
            *call("    return mensch_fragen", ["fall", literal(node.id), self.inputs[node.id]]),
        )

    def _prepared(self, node: Node) -> None:
        name = self.functions[node.id]
        prepare = self.names.new(f"{name}_vorbereiten")
        self._emit(
            "",
            "",
            *call(
                "@task",
                [f"name={literal(node.name + ' (vorbereiten)')}", "cache_policy=NO_CACHE"],
                indent="",
            ),
            f"def {prepare}(fall: Fall) -> dict[str, Any] | None:",
            *docstring(
                [
                    f"Der Roboter bereitet „{node.name}“ vor ({self._where(node)}).",
                    "STUB: Hier vorbereiten, was der Mensch danach prüft oder unterschreibt.",
                ]
            ),
            "    # STUB: Vorbereitung durch den Roboter",
            "    return None",
        )
        self._input_class(node)
        self._emit(
            "",
            "",
            f"def {name}(fall: Fall) -> dict[str, Any]:",
            *docstring(
                [
                    f"Schritt „{node.name}“: der Roboter bereitet vor, ein Mensch schließt ab "
                    f"({self._where(node)}).",
                    node.documentation and f"Im Diagramm: {node.documentation}",
                    *self._judgement(node.task),
                ]
            ),
            f"    vorbereitet = ausfuehren([{prepare}], fall)[0]",
            *call(
                "    mensch = mensch_fragen",
                ["fall", literal(node.id), self.inputs[node.id]],
            ),
            '    return {"vorbereitet": vorbereitet, "mensch": mensch}',
        )

    def _event(self, node: Node) -> None:
        kinds = ", ".join(EVENT_GERMAN.get(d, d) for d in node.definitions) or "ohne Art"
        self._emit(
            "",
            "",
            f"def {self.functions[node.id]}(fall: Fall) -> None:",
            *docstring(
                [
                    f"{kind_german(node.kind)} „{node.name}“ ({kinds}; {node.id}).",
                    node.documentation and f"Im Diagramm: {node.documentation}",
                    "STUB: Hier warten, auslösen oder melden; das Gerüst geht ohne Warten weiter.",
                ]
            ),
            f"    # STUB: Ereignis ({kinds})",
        )

    def _boundary(self, node: Node, container: Container) -> None:
        host = container.nodes.get(node.attached_to or "")
        kinds = ", ".join(EVENT_GERMAN.get(d, d) for d in node.definitions) or "ohne Art"
        how = "unterbricht" if node.interrupting else "unterbricht nicht"
        self._emit(
            "",
            "",
            f"def {self.functions[node.id]}(fall: Fall) -> bool:",
            *docstring(
                [
                    f"Randereignis „{node.name}“ ({kinds}; {node.id}) an "
                    f"„{host.name if host else node.attached_to}“; {how} die Aufgabe.",
                    "STUB: True, wenn das Ereignis eingetreten ist. Bis dahin gilt, was der Fall "
                    "vorgibt (``Fall.wege``), sonst tritt es nie ein.",
                ]
            ),
            f"    # STUB: Randereignis ({kinds})",
            f"    return fall.vorgabe_ist({literal(node.id)})",
        )

    def _decision(self, node: Node, container: Container) -> None:
        name = self.functions[node.id]
        several = node.kind in ("inclusiveGateway", "complexGateway")
        rule = {
            "exclusiveGateway": "Genau ein Weg gilt: der erste, dessen Bedingung zutrifft.",
            "eventBasedGateway": "Der Weg des Ereignisses, das zuerst eintritt.",
        }.get(node.kind, "Jeder Weg, dessen Bedingung zutrifft (mindestens einer).")
        flows = [container.flows[f] for f in node.outgoing]
        default = next((f for f in flows if f.is_default), None)
        body: list[str] = []
        if several:
            body.append("    wege: list[str] = []")
        for flow in flows:
            if flow.is_default:
                continue
            body.append(f"    # {one_line(self._way_name(flow, container), 90)}")
            body.append(f"    if {self.conditions[flow.id]}(fall):")
            if several:
                body.append(f"        wege.append({literal(flow.id)})")
            else:
                body.append(f"        return [{literal(flow.id)}]")
        if several:
            body.append("    if wege:")
            body.append("        return wege")
        if default is not None:
            body.append(f"    # Standardweg: {one_line(self._way_name(default, container), 80)}")
            body.append(f"    return [{literal(default.id)}]")
        else:
            body += call(
                "    raise KeinWeg", [literal(f"„{node.name}“: keine Bedingung trifft zu.")]
            )
        self._emit(
            "",
            "",
            f"def {name}(fall: Fall) -> list[str]:",
            *docstring(
                [
                    f"Entscheidung „{node.name}“ ({kind_german(node.kind)} {node.id}).",
                    node.documentation and f"Im Diagramm: {node.documentation}",
                    f"{rule} Die Bedingungen darunter sind Platzhalter.",
                ]
            ),
            *body,
        )
        for flow in flows:
            if flow.is_default:
                continue
            condition = (
                f"Im Diagramm steht die Bedingung ``{one_line(flow.condition, 300)}``."
                if flow.condition
                else ""
            )
            self._emit(
                "",
                "",
                f"def {self.conditions[flow.id]}(fall: Fall) -> bool:",
                *docstring(
                    [
                        f"Bedingung für den Weg {self._way_name(flow, container)} an "
                        f"„{node.name}“ (Fluss {flow.id}).",
                        condition,
                        "STUB: Hier die Regel einsetzen, z. B. aus ``fall.daten``. Bis dahin "
                        "gilt, was der Fall vorgibt (``Fall.wege``), sonst der Standardweg.",
                    ]
                ),
                "    # STUB: Bedingung",
                f"    return fall.vorgabe_ist({literal(flow.id)})",
            )

    def _way_name(self, flow: Flow, container: Container) -> str:
        label = f"„{flow.label}“ " if flow.label else ""
        return f"{label}→ {_called(container.nodes[flow.target])}"

    # -- flows and tables ---------------------------------------------------------------

    def _flows(self) -> None:
        subs = [p for p in self.parts if p.flow_function]
        if not subs:
            return
        self._emit(
            "", "", "# " + "-" * 76, "# Teilprozesse als eigene Prefect-Flows", "# " + "-" * 76
        )
        for part in subs:
            container = part.container
            triggered = container in self._event_triggered()
            note = (
                "Ein Ereignis-Teilprozess: er läuft, wenn sein Startereignis eintritt; der "
                "Hauptablauf ruft ihn nicht auf. STUB: bei Bedarf selbst starten."
                if triggered
                else "Der übergeordnete Ablauf ruft ihn als Teil-Flow auf."
            )
            self._emit(
                "",
                "",
                *call(
                    "@flow",
                    [
                        "name="
                        + literal(self.flow_name + "-" + slug(container.name).replace("_", "-")),
                        "validate_parameters=False",
                    ],
                    indent="",
                ),
                f"def {part.flow_function}(fall: Fall) -> Fall:",
                *docstring(
                    [
                        f"Teilprozess „{container.name}“ ({kind_german(container.kind)} "
                        f"{container.id}).",
                        note,
                    ]
                ),
                f"    return durchlaufen({part.table}, fall, ausfuehren)",
            )

    def _event_triggered(self) -> list[Container]:
        return [t for c in self.root.walk() for t in c.event_triggered]

    def _tables(self) -> None:
        self._emit(
            "",
            "",
            "# " + "-" * 76,
            "# Die Abläufe: jeder Schritt mit dem, was er tut, und wohin es weitergeht",
            "# " + "-" * 76,
        )
        for part in reversed(self.parts):  # inner ones first: outer tables name their flows
            self._table(part)

    def _table(self, part: _Part) -> None:
        c = part.container
        self._emit("", f"{part.table} = Ablauf(", f"    id={literal(c.id)},", "    schritte={")
        for node in c.nodes.values():
            args = [literal(node.art), literal(node.name)]
            doing = self.functions.get(node.id)
            if doing:
                args.append(doing)
            keywords = []
            if node.outgoing:
                keywords.append(f"weiter={_tuple(node.outgoing)}")
            if node.sammeln:
                keywords.append(f"sammeln={literal(node.sammeln)}")
                keywords.append(f"eingaenge={_tuple(node.incoming)}")
            if node.art == "entscheidung":
                keywords.append(f"wahl={_tuple(node.options)}")
                keywords.append(f"standard={literal(node.standard)}")
            if node.boundaries:
                keywords.append(f"ereignisse={_tuple(node.boundaries)}")
            if node.art == "randereignis" and not node.interrupting:
                keywords.append("unterbricht=False")
            one = f"        {literal(node.id)}: Schritt({', '.join([*args, *keywords])}),"
            if len(one) <= 100:
                self._emit(one)
                continue
            self._emit(f"        {literal(node.id)}: Schritt(")
            for item in [*args, *keywords]:
                self._emit(f"            {item},")
            self._emit("        ),")
        self._emit("    },", "    ziele={")
        for flow in c.flows.values():
            self._emit(f"        {literal(flow.id)}: {literal(flow.target)},")
        self._emit("    },")
        if c.start:
            self._emit(f"    start={_tuple(c.start)},")
        if c.always:
            self._emit(f"    immer={_tuple(c.always)},")
        if any(n.sammeln == "inklusiv" for n in c.nodes.values()):
            self._emit("    erreicht={")
            for ident, reached in c.reaches.items():
                if reached:
                    self._emit(f"        {literal(ident)}: frozenset({_tuple(sorted(reached))}),")
            self._emit("    },")
        self._emit(")")

    def _main_flow(self) -> None:
        s = self.source
        self._emit(
            "",
            "",
            "@flow(",
            f"    name={literal(self.flow_name)},",
            "    description="
            + literal(
                one_line(
                    f"Roboter für „{s.process_name}“ ({s.process_key}, Version {s.version}).", 300
                )
            )
            + ",",
            ")",
            f"def {self.main_function}(",
            "    daten: dict[str, Any] | None = None,",
            "    wege: dict[str, list[str]] | None = None,",
            "    antworten: dict[str, dict[str, Any]] | None = None,",
            '    start: str = "",',
            ") -> Fall:",
            *docstring(
                [
                    f"Roboter „{s.process_name}“: führt einen Fall durch den ganzen Ablauf.",
                    "``daten``: was über den Fall bekannt ist; ``wege`` und ``antworten`` geben "
                    "Entscheidungen und Eingaben vor (Probeläufe); ``start``: das Startereignis, "
                    "wenn es mehrere gibt.",
                ]
            ),
            "    beginn = datetime.now(UTC)",
            "    fall = Fall(daten=dict(daten or {}), wege=dict(wege or {}), antworten=dict(antworten or {}))",
            "    if start:",
            "        fall.wege[startpunkt(ABLAUF)] = [start]",
            "    durchlaufen(ABLAUF, fall, ausfuehren)",
            "    ist_zahlen_melden(fall, beginn)",
            "    return fall",
            "",
            "",
            f"ROBOTER = {self.main_function}  # für `lotse serve` und die Tests",
        )


def call(head: str, args: list[str], *, indent: str | None = None, width: int = 100) -> list[str]:
    """A call as ``ruff format`` writes it: on one line if it fits, else the arguments on
    one line of their own, else one per line with a trailing comma."""
    if indent is None:
        indent = head[: len(head) - len(head.lstrip())]
    one = f"{head}({', '.join(args)})"
    if len(one) <= width:
        return [one]
    inner = f"{indent}    {', '.join(args)}"
    if len(inner) <= width:
        return [f"{head}(", inner, f"{indent})"]
    return [f"{head}(", *[f"{indent}    {a}," for a in args], f"{indent})"]


def _called(node: Node) -> str:
    """'„Antrag prüfen“', or 'Exklusives Gateway Gateway_1' for elements without a name."""
    return f"„{node.label}“" if node.label else f"{kind_german(node.kind)} {node.id}"


def _base(node: Node) -> str:
    return f"{'schritt' if node.kind.endswith('Task') or node.kind == 'task' else 'element'}_{slug(node.id)}"


def _tuple(items: list[str] | tuple[str, ...]) -> str:
    inner = ", ".join(literal(i) for i in items)
    return f"({inner},)" if len(items) == 1 else f"({inner})"


def _literal_block(value: Mapping[str, object]) -> str:
    return python_literal(dict(value), indent=0, room=60)


def python_literal(value: object, *, indent: int, room: int = 96) -> str:
    """A literal of dicts, lists and strings as ``ruff format`` writes it: one line when
    it fits in ``room``, else one item per line with a trailing comma."""
    flat = _flat(value)
    if len(flat) <= room or not isinstance(value, (dict, list, tuple)) or not value:
        return flat
    pad = " " * (indent + 4)
    if isinstance(value, dict):
        items = [
            f"{pad}{literal(str(k))}: "
            f"{python_literal(v, indent=indent + 4, room=92 - indent - len(str(k)) - 4)},"
            for k, v in value.items()
        ]
        opening, closing = "{", "}"
    else:
        items = [f"{pad}{python_literal(v, indent=indent + 4, room=92 - indent)}," for v in value]
        opening, closing = ("[", "]") if isinstance(value, list) else ("(", ")")
    return "\n".join([opening, *items, " " * indent + closing])


def _flat(value: object) -> str:
    if isinstance(value, str):
        return literal(value)
    if isinstance(value, bool) or value is None or isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_flat(k)}: {_flat(v)}" for k, v in value.items()) + "}"
    if isinstance(value, tuple):
        inner = ", ".join(_flat(v) for v in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    if isinstance(value, list):
        return "[" + ", ".join(_flat(v) for v in value) + "]"
    raise TypeError(f"no literal for {type(value).__name__}")


class _Tests:
    """The generated pytest module: every way through the diagram with the stubs."""

    def __init__(self, renderer: _Renderer, ways: list[Way]) -> None:
        self.r = renderer
        self.ways = ways

    def render(self) -> str:
        r = self.r
        lines = [
            *docstring(
                [
                    f"Tests des Roboter-Gerüsts „{r.source.process_name}“: jeder Weg durch das "
                    "Diagramm.",
                    "Von Lotse erzeugt. Jeder Weg gibt die Entscheidungen vor (``wege``) und "
                    "erwartet die Schritte in ihrer Reihenfolge (``spur``). Wer einen "
                    "Platzhalter durch echte Arbeit ersetzt, gibt hier die Daten vor, die sie "
                    "braucht.",
                ],
                indent="",
            ),
            "",
            "from __future__ import annotations",
            "",
            "from typing import Any",
            "",
            "import pytest",
            "",
            f"import {r.module_name} as roboter  # isort: skip (liegt daneben)",
            "",
            "WEGE: list[Any] = [",
        ]
        for number, way in enumerate(self.ways, start=1):
            lines.append(f"    # {one_line(self._describe(way), 92)}")
            lines += [
                "    pytest.param(",
                f"        {python_literal(way.script, indent=8, room=88)},",
                f"        {python_literal(list(way.trail), indent=8, room=88)},",
                f"        {literal(way.error)},",
                f'        id="weg-{number:02d}",',
                "    ),",
            ]
        lines += [
            "]",
            "",
            "",
            '@pytest.mark.parametrize(("wege", "spur", "fehler"), WEGE)',
            "def test_jeder_weg_durch_das_diagramm(",
            "    wege: dict[str, list[str]], spur: list[str], fehler: str",
            ") -> None:",
            '    """Mit den Platzhaltern folgt der Roboter jedem Weg Schritt für Schritt."""',
            "    if fehler:",
            "        with pytest.raises(getattr(roboter, fehler)):",
            "            roboter.ROBOTER.fn(wege=wege)",
            "        return",
            "    fall = roboter.ROBOTER.fn(wege=wege)",
            "    assert fall.spur == spur",
        ]
        lines += self._human_answer()
        lines += self._event_triggered()
        return "\n".join(lines).rstrip() + "\n"

    def _describe(self, way: Way) -> str:
        if not way.decisions:
            text = "ohne Entscheidungen"
        else:
            text = "; ".join(self._decision(point, choice) for point, choice in way.decisions)
        return text + (f" – endet mit {way.error}" if way.error else "")

    def _decision(self, point: str, choice: str) -> str:
        for container in self.r.root.walk():
            if point.endswith("#start") and point[: -len("#start")] == container.id:
                return f"Start {container.nodes[choice].name}"
            node = container.nodes.get(point)
            if node is None:
                continue
            if node.art != "entscheidung":  # boundary events of an activity
                event = container.nodes.get(choice)
                return f"{node.name}: {event.name if event else 'kein Ereignis'}"
            names = []
            for flow_id in choice.split("+"):
                flow = container.flows[flow_id]
                names.append(flow.label or container.nodes[flow.target].name)
            return f"{node.name} → {' + '.join(names)}"
        return f"{point} → {choice}"

    def _human_answer(self) -> list[str]:
        """A person's answer ends up in the case (on the first way that asks one)."""
        for way in self.ways:
            if way.error:
                continue
            for ident in way.trail:
                if ident in self.r.inputs:
                    key = literal(ident)
                    expected = "fall.daten[" + key + "]"
                    if self._art(ident) == "vorbereiten":
                        expected += '["mensch"]'
                    return [
                        "",
                        "",
                        "def test_die_eingabe_eines_menschen_steht_im_fall() -> None:",
                        f'    antwort = {{{key}: {{"bemerkung": "geprüft", "erledigt": True}}}}',
                        f"    wege: dict[str, list[str]] = {python_literal(way.script, indent=4, room=60)}",
                        "    fall = roboter.ROBOTER.fn(wege=wege, antworten=antwort)",
                        f'    assert {expected} == {{"erledigt": True, "bemerkung": "geprüft"}}',
                    ]
        return []

    def _art(self, ident: str) -> str:
        for container in self.r.root.walk():
            if ident in container.nodes:
                return container.nodes[ident].art
        return ""

    def _event_triggered(self) -> list[str]:
        lines: list[str] = []
        for part in self.r.parts:
            if part.container not in self.r._event_triggered():
                continue
            ways = find_ways(part.container)
            name = part.flow_function
            lines += [
                "",
                "",
                f"WEGE_{name.upper()}: list[Any] = [",
                *[
                    line
                    for n, w in enumerate(ways, start=1)
                    for line in (
                        "    pytest.param(",
                        f"        {python_literal(w.script, indent=8, room=88)},",
                        f"        {python_literal(list(w.trail), indent=8, room=88)},",
                        f"        {literal(w.error)},",
                        f'        id="weg-{n:02d}",',
                        "    ),",
                    )
                ],
                "]",
                "",
                "",
                f'@pytest.mark.parametrize(("wege", "spur", "fehler"), WEGE_{name.upper()})',
                f"def test_{name}(wege: dict[str, list[str]], spur: list[str], fehler: str) -> None:",
                f'    """Der Ereignis-Teilprozess „{one_line(part.container.name, 60)}“ auf jedem Weg."""',
                "    if fehler:",
                "        with pytest.raises(getattr(roboter, fehler)):",
                f"            roboter.{name}.fn(roboter.Fall(wege=wege))",
                "        return",
                f"    assert roboter.{name}.fn(roboter.Fall(wege=wege)).spur == spur",
            ]
        return lines
