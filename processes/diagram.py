"""One diagram, one candidate: what of a BPMN file is the city's process.

Workshops draw each role as a pool of one collaboration ("Sachbearbeitung",
"Vorgesetzte/r", "Antragsteller"). Lotse reads such a file as one process:

* **own roles** are the pools (and their lanes) the administration works in;
* **outside parties** (citizens, companies, suppliers, other authorities,
  collapsed "black box" pools, pools a pilot marks ``lotse:extern``) are
  hand-offs, and their tasks are not the city's work;
* the entry is keyed by the own process's id when the city works in one
  pool, else by the collaboration's id (tools keep both across re-exports);
* the process Lotse scores is one synthetic :class:`bpmn.model.Process` that
  holds the own pools' content, with every own pool as a lane around its
  lanes, so that roles count the same whether drawn as pools or lanes.

The candidate's name is the first human name among: the collaboration, the
only own pool (unless it names who works, such as "Ordnungsamt" or
"Sachbearbeitung"), an own process, the file name, an own pool naming a
role. Never a raw id while a human name exists. Pure functions over
:mod:`bpmn.model`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import PurePath

from bpmn.model import (
    Artifact,
    Collaboration,
    Definitions,
    FlowContainer,
    FlowNode,
    Lane,
    Participant,
    Process,
    SubProcess,
)
from processes.words import Vocabulary, stem

# Who works outside the administration: tasks in such a pool or lane are hand-offs.
EXTERNAL_WORDS = (
    "Bürger", "Bürgerin", "Antragsteller", "Antragstellerin", "Antragstellende", "Kunde",
    "Kundin", "Lieferant", "Lieferantin", "Firma", "Unternehmen", "Dienstleister", "Bank",
    "Gericht", "Bewerber", "Bewerberin", "Arbeitgeber", "Auftragnehmer", "Handwerker",
    "Steuerpflichtige", "Eltern", "Gast", "Besucher", "Mieter", "Eigentümer", "Bauherr",
    "Finanzamt", "Jobcenter", "Landratsamt", "Regierungspräsidium", "Ministerium", "Polizei",
    "Krankenkasse", "Rentenversicherung", "Notar", "Extern", "Externe", "Externer",
)  # fmt: skip
# Who works inside, and where: a pool named like this names a role, not the process.
ROLE_WORDS = (
    "Amt", "Abteilung", "Fachbereich", "Fachdienst", "Referat", "Dezernat", "Sachgebiet",
    "Sachbearbeitung", "Sachbearbeiter", "Sachbearbeiterin", "Leitung", "Amtsleitung",
    "Poststelle", "Vorgesetzte", "Vorgesetzter", "Team", "Stelle", "Dienststelle",
    "Sekretariat", "Kasse", "Stadtkasse", "Personal", "Personalabteilung", "Mitarbeiter",
    "Mitarbeiterin", "Beschäftigte", "Beschäftigter", "Verwaltung", "Stadtverwaltung",
    "Buchhaltung", "Registratur", "Hausdruckerei", "Bürgerbüro", "IT", "Führungskraft",
    "Bürgermeister", "Bürgermeisterin", "Gremium", "Rat", "Ausschuss", "Kämmerei",
    "Büro", "Küche", "Lager", "Werkstatt", "Hausmeister", "Hausmeisterei", "Bauhof", "Service",
    "Bürgerservice", "Servicecenter", "Servicebüro",
)  # fmt: skip
_EXTERNAL_FLAGS = ("lotse:extern", "lotse:external", "extern", "external")
_YES = {"ja", "true", "1", "yes", "wahr", "x"}
_NO = {"nein", "false", "0", "no", "falsch"}

# Names a tool gives by default, and names that are ids.
_PLACEHOLDER = re.compile(
    r"^(pool|lane|participant|teilnehmer(in)?|process|prozess|collaboration|kollaboration|"
    r"task|aufgabe|aktivität|activity|sub-?process|teilprozess|new|neu|unbenannt|untitled|"
    r"diagram|diagramm|xxx+|todo|tbd|\?+|\.+|-+)[\s_-]*\d*$",
    re.IGNORECASE,
)
_ID_LIKE = re.compile(
    r"^(?:(?:process|collaboration|participant|definitions|diagram|lane|pool|activity|task|"
    r"sid|id|obj|_)[-_ ]?[0-9a-z-]*\d[0-9a-z-]*|[0-9a-f]{8}-[0-9a-f-]{27,}|_?[0-9]+)$",
    re.IGNORECASE,
)


def is_placeholder(name: str) -> bool:
    """True for empty names, tool defaults ("Pool", "Task 1") and ids as names."""
    name = " ".join(name.split())
    return not name or bool(_PLACEHOLDER.match(name)) or is_id_like(name)


def is_id_like(name: str) -> bool:
    """True for names that are BPMN ids ("Process_0ggghdt", "sid-3F2A…")."""
    name = name.strip()
    return bool(_ID_LIKE.match(name)) or (
        " " not in name and bool(re.match(r"^[A-Za-z]+_[0-9A-Za-z]{5,}$", name))
    )


@dataclass(slots=True)
class Role:
    """A pool or lane: who works on the diagram's tasks."""

    element_id: str
    name: str
    external: bool
    why_external: str = ""


@dataclass(slots=True)
class DiagramCandidate:
    """What of one file is the city's process: the one catalogue entry it becomes."""

    # The id the entry is keyed by: the own process's id when the city works in
    # one pool (keys stay what they were before collaborations were merged),
    # else the collaboration's id. Tools keep both across re-exports.
    diagram_id: str
    other_ids: list[str]  # collaboration and own process ids that name it too
    name: str
    name_source: str  # German: where the name comes from
    process: Process  # the own work, merged; own pools are lanes
    own_participants: list[Participant] = field(default_factory=list)
    own_processes: list[Process] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)  # own pools and lanes
    outside: list[Role] = field(default_factory=list)  # outside parties (pools, lanes)
    artifacts: list[Artifact] = field(default_factory=list)  # collaboration-level ones

    @property
    def process_ids(self) -> list[str]:
        return [p.id for p in self.own_processes]

    @property
    def participant_ids(self) -> set[str]:
        return {p.id for p in self.own_participants}

    @property
    def pool_names(self) -> list[str]:
        return [p.label for p in self.own_participants if p.label]

    @property
    def properties(self) -> dict[str, str]:
        """Extension properties of the own pools and processes.

        A process wins over its pool, and the first pool (where the diagram
        starts, usually the leading department) over later ones.
        """
        merged: dict[str, str] = {}
        for participant in reversed(self.own_participants):
            merged.update(participant.properties)
        for process in reversed(self.own_processes):
            merged.update(process.properties)
        return merged


def read_candidate(defs: Definitions, file_name: str) -> DiagramCandidate | None:
    """The candidate of a read file; None when no process in it has any content."""
    collaboration = _main_collaboration(defs)
    processes = {p.id: p for p in defs.processes}
    words = _role_words()
    own_participants: list[Participant] = []
    own_processes: list[Process] = []
    outside: list[Role] = []
    seen: set[str] = set()
    if collaboration is not None:
        for participant in collaboration.participants:
            process = processes.get(participant.process_ref or "")
            external, why = _is_external(participant, process, words)
            if external:
                outside.append(Role(participant.id, participant.label, True, why))
            elif process is not None and process.id not in seen:
                own_participants.append(participant)
                own_processes.append(process)
                seen.add(process.id)
    for process in defs.processes:  # processes without a pool of their own
        if process.id in seen or not process.content.nodes:
            continue
        if any(p.process_ref == process.id for p in defs.participants()):
            continue  # drawn as an outside pool, or in another collaboration
        own_processes.append(process)
        seen.add(process.id)
    if not any(p.content.nodes for p in defs.processes):
        return None

    if len(own_processes) == 1 or collaboration is None or not own_participants:
        diagram_id = own_processes[0].id if own_processes else defs.processes[0].id
    else:
        diagram_id = collaboration.id
    other_ids = [p.id for p in own_processes] + ([collaboration.id] if collaboration else [])
    merged, roles, outside_lanes = _merge(diagram_id, own_participants, own_processes, words)
    name, source = _name(collaboration, own_participants, own_processes, defs, file_name, words)
    merged.name = name
    return DiagramCandidate(
        diagram_id=diagram_id,
        other_ids=[i for i in dict.fromkeys(other_ids) if i != diagram_id],
        name=name,
        name_source=source,
        process=merged,
        own_participants=own_participants,
        own_processes=own_processes,
        roles=roles,
        outside=outside + outside_lanes,
        artifacts=list(collaboration.artifacts) if collaboration is not None else [],
    )


def process_candidate(defs: Definitions, process: Process) -> DiagramCandidate:
    """One BPMN process read alone as a candidate (e.g. a model built in memory)."""
    pools = [p for p in defs.participants() if p.process_ref == process.id]
    return DiagramCandidate(
        diagram_id=process.id,
        other_ids=[],
        name=process.label or process.id,
        name_source="Name des Prozesses",
        process=process,
        own_participants=pools,
        own_processes=[process],
        roles=[Role(lane.id, lane.label, False) for lane in process.walk_lanes() if lane.label],
    )


def _main_collaboration(defs: Definitions) -> Collaboration | None:
    """The collaboration with the most pools (files rarely hold more than one)."""
    if not defs.collaborations:
        return None
    return max(defs.collaborations, key=lambda c: len(c.participants))


@dataclass(frozen=True, slots=True)
class _Heads:
    """Words a pool or lane name may end in, by stem and as written."""

    stems: frozenset[str]
    forms: tuple[str, ...]

    def find(self, name: str, vocabulary: Vocabulary) -> str | None:
        """The word of ``name`` whose head is one of these words ("Baurechts-amt")."""
        for word in vocabulary.words(name):
            if not word.text[:1].isupper():
                continue  # roles and parties are nouns; "ausstellen" is not "Stelle"
            if word.stem in self.stems or word.parts[-1] in self.stems:
                return word.text
            folded = word.text.casefold()
            if any(folded.endswith(f) and len(folded) - len(f) >= 3 for f in self.forms):
                return word.text
        return None


@dataclass(frozen=True, slots=True)
class _Words:
    vocabulary: Vocabulary
    external: _Heads
    internal: _Heads


@cache
def _role_words() -> _Words:
    vocabulary = Vocabulary.default().extended([*EXTERNAL_WORDS, *ROLE_WORDS])

    def heads(words: tuple[str, ...]) -> _Heads:
        return _Heads(
            frozenset(stem(w) for w in words),
            tuple(w.casefold() for w in words if len(w) >= 3),
        )

    return _Words(vocabulary, heads(EXTERNAL_WORDS), heads(ROLE_WORDS))


def _flag(properties: dict[str, str]) -> bool | None:
    for key, value in properties.items():
        if key.lower() in _EXTERNAL_FLAGS:
            word = value.strip().lower()
            if word in _YES:
                return True
            if word in _NO:
                return False
    return None


def _names_outside_party(name: str, words: _Words) -> str | None:
    """The word of a pool or lane name that names an outside party, if any."""
    return words.external.find(name, words.vocabulary)


def _is_external(
    participant: Participant, process: Process | None, words: _Words
) -> tuple[bool, str]:
    flag = _flag(participant.properties) if participant.extension_elements is not None else None
    if flag is None and process is not None and process.extension_elements is not None:
        flag = _flag(process.properties)
    if flag is not None:
        return flag, "laut Eigenschaft „lotse:extern“" if flag else ""
    if process is None:
        return True, "zugeklappter Pool (Black Box)"
    if not process.content.nodes:
        return True, "Pool ohne Ablauf"
    word = _names_outside_party(participant.label, words)
    if word:
        return True, f"„{word}“ arbeitet außerhalb der Verwaltung"
    return False, ""


def _merge(
    diagram_id: str,
    participants: list[Participant],
    processes: list[Process],
    words: _Words,
) -> tuple[Process, list[Role], list[Role]]:
    """One process of the own work: each own pool becomes a lane around its lanes.

    Lanes named after an outside party ("Antragsteller" as a lane) and their
    tasks are left out: that work is a hand-off, not the city's.
    """
    pool_of = {p.process_ref: p for p in participants}
    content = FlowContainer()
    roles: list[Role] = []
    outside: list[Role] = []
    single = len(processes) == 1
    for process in processes:
        excluded: set[str] = set()
        kept_lanes: list[Lane] = []
        for lane in process.content.lanes:
            word = _names_outside_party(lane.label, words)
            if word:
                outside.append(
                    Role(lane.id, lane.label, True, f"„{word}“ arbeitet außerhalb der Verwaltung")
                )
                excluded.update(_lane_nodes(lane))
            else:
                kept_lanes.append(lane)
                roles.extend(
                    Role(inner.id, inner.label, False) for inner in lane.walk() if inner.label
                )
        nodes = [n for n in process.content.nodes if n.id not in excluded]
        content.nodes.extend(nodes)
        content.flows.extend(process.content.flows)
        content.data.extend(process.content.data)
        content.data_associations.extend(process.content.data_associations)
        content.artifacts.extend(process.content.artifacts)
        participant = pool_of.get(process.id)
        if single and participant is None:
            content.lanes.extend(kept_lanes)
            continue
        pool_id = participant.id if participant is not None else process.id
        pool_name = participant.label if participant is not None else process.label
        if pool_name:
            roles.insert(0, Role(pool_id, pool_name, False))
        if single:
            content.lanes.extend(kept_lanes)
        else:
            pool_lane = Lane(
                id=pool_id,
                kind="lane",
                name=pool_name,
                node_refs=[n.id for c in _containers(nodes) for n in c],
                children=kept_lanes,
            )
            content.lanes.append(pool_lane)
    return Process(id=diagram_id, kind="process", content=content), roles, outside


def _containers(nodes: list[FlowNode]) -> list[list[FlowNode]]:
    """The nodes and, for sub-processes, everything inside them."""
    found = [nodes]
    for node in nodes:
        if isinstance(node, SubProcess):
            found.append(list(node.content.walk_nodes()))
    return found


def _lane_nodes(lane: Lane) -> set[str]:
    return {ref for inner in lane.walk() for ref in inner.node_refs}


def _names_role(name: str, words: _Words) -> bool:
    """A name such as "Ordnungsamt (32)" or "Sachbearbeitung" says who works, not what."""
    return words.internal.find(name, words.vocabulary) is not None


def _name(
    collaboration: Collaboration | None,
    participants: list[Participant],
    processes: list[Process],
    defs: Definitions,
    file_name: str,
    words: _Words,
) -> tuple[str, str]:
    if collaboration is not None and not is_placeholder(collaboration.label):
        return collaboration.label, "Name der Kollaboration"
    if len(participants) == 1:
        pool = participants[0].label
        if not is_placeholder(pool) and not _names_role(pool, words):
            return pool, "Name des Pools"
    for process in processes:
        if not is_placeholder(process.label) and not _names_role(process.label, words):
            return process.label, "Name des Prozesses"
    if not is_placeholder(defs.label):
        return defs.label, "Name des Diagramms"
    from_file = humanise_file_name(file_name)
    if from_file and not is_placeholder(from_file):
        return from_file, "Dateiname"
    for element in (*participants, *processes):
        if not is_placeholder(element.label):
            return element.label, "Name eines Pools"
    return (from_file or (processes[0].id if processes else "")), "Dateiname"


def humanise_file_name(file_name: str) -> str:
    """``urlaubsantrag_v2.bpmn`` → ``Urlaubsantrag v2``."""
    stem = PurePath(file_name).name
    for suffix in (".bpmn20.xml", ".bpmn2", ".bpmn", ".xml"):
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    stem = " ".join(stem.replace("_", " ").split())
    return stem[:1].upper() + stem[1:]
