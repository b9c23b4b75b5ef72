"""The Workshop page: compare what several pilots drew, correct the alignment, take it along.

A comparison is made from uploaded files and/or catalogue versions (pilots: their own
Amt's), kept in the data directory (``lotse.workshop_store``) and recomputed from its
drawings and the pilot's corrections whenever it is shown. Corrections are sent by one
form around the table of steps: checkboxes and "gehören zusammen", a "gehört nicht
dazu" button per drawing's step, "Festlegung aufheben" per step fixed by hand. The page
works without JavaScript and has none.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile

from bpmn import BpmnReadError, read_bpmn
from common.clock import BERLIN
from lotse.app import App
from lotse.users import Role, User
from lotse.web.core import (
    DbSession,
    Forbidden,
    OneHandOff,
    Pilot,
    check_csrf,
    flash,
    known_id,
    lotse_app,
    render,
)
from lotse.web.views.catalogue import FACT_FIELDS, _fact_form, _facts_from_form
from lotse.workshop_store import KEEP, NewDrawing, StoredComparison, WorkshopStore
from processes.catalogue import CatalogueQuery, search
from processes.departments import department_names
from processes.facts import ChangeLevel, Facts, FactsError
from processes.models import Process, ProcessVersion
from processes.workshop import AlignmentError, Comparison, Corrections, Drawing, WorkshopError
from processes.workshop import compare as compare_drawings
from processes.workshop.align import Ref
from processes.workshop.aligned import AGREEMENT_COLOURS, AGREEMENT_GERMAN
from processes.workshop.comparison import distinct_names
from processes.workshop.corrections import refs_of
from processes.workshop.debrief import HINT_KINDS
from processes.workshop.html import drawings as drawn
from processes.workshop.html import render_html
from robots.files import safe_name

router = APIRouter(route_class=OneHandOff)
MAX_DRAWINGS = 12  # a workshop table; more makes the page unreadable, not more useful
# Steps of all drawings together. The page is computed anew for every view and every
# correction: a workshop of 12 drawings of 40 steps takes under a second, but drawings
# with nothing in common (each step a difference to score) take 5 s for 480 steps and
# 13 s for 600 (bench/workshop.py, docs/benchmarks.md).
MAX_STEPS = 500
MAX_CHOICES = 100  # catalogue processes listed to pick from (the search narrows them)
DOWNLOADS = {
    "workshop.html": "text/html; charset=utf-8",
    "workshop.json": "application/json",
}


def _store(request: Request) -> WorkshopStore:
    return WorkshopStore(lotse_app(request).settings.data_dir / "workshop")


# -- a new comparison -------------------------------------------------------------------


@router.get("/workshop", response_class=HTMLResponse)
def workshop_form(
    request: Request, user: Pilot, session: DbSession, amt: str = "", q: str = ""
) -> Response:
    return _form_page(request, user, session, amt=amt[:10], text=q[:200])


def _own_department(user: User) -> str | None:
    """Pilots compare their own Amt's processes; None: any Amt (the automation team)."""
    return (user.department_code or "") if user.user_role is Role.LOTSE else None


def _form_page(
    request: Request,
    user: User,
    session: Session,
    *,
    amt: str = "",
    text: str = "",
    status_code: int = 200,
    error: str = "",
    form: FormData | None = None,
    fact_errors: dict[str, str] | None = None,
) -> Response:
    own = _own_department(user)
    department = amt if own is None else own
    choices: list[tuple[Process, list[ProcessVersion]]] = []
    total = 0
    if own != "":  # a pilot without an Amt has nothing to pick from
        rows, total = search(
            session,
            CatalogueQuery(
                text=text, department=department, sort="name", descending=False,
                per_page=MAX_CHOICES,
            ),
        )  # fmt: skip
        choices = _with_versions(session, [process for process, _ in rows])
    chosen = {str(v) for v in form.getlist("version")} if form else set()
    lotse = lotse_app(request)
    return render(
        request, "workshop.html", status_code=status_code, user=user,
        departments=department_names(session), department=department, may_choose_department=own is None,
        text=text, choices=choices, total=total, chosen=chosen, error=error,
        title=str(form.get("titel") or "") if form else "",
        fact_form={f: str(form.get(k) or "") for f, k in FACT_FIELDS} if form else _fact_form(Facts()),
        fact_errors=fact_errors or {}, change_levels=list(ChangeLevel),
        max_mb=lotse.settings.bpmn_max_mb, max_drawings=MAX_DRAWINGS, keep_days=KEEP.days,
        earlier=_store(request).of(user.id),
    )  # fmt: skip


def _with_versions(
    session: Session, processes: list[Process]
) -> list[tuple[Process, list[ProcessVersion]]]:
    ids = [p.id for p in processes]
    versions = session.scalars(
        select(ProcessVersion)
        .where(ProcessVersion.process_id.in_(ids))
        .order_by(ProcessVersion.number.desc())
    ).all()
    by_process: dict[int, list[ProcessVersion]] = {i: [] for i in ids}
    for version in versions:
        by_process[version.process_id].append(version)
    return [(p, by_process[p.id]) for p in processes]


@router.post("/workshop", dependencies=[Depends(check_csrf)])
async def create(request: Request, user: Pilot, session: DbSession) -> Response:
    form = await request.form()
    lotse = lotse_app(request)

    def again(
        error: str, status_code: int = 422, fact_errors: dict[str, str] | None = None
    ) -> Response:
        return _form_page(
            request, user, session, amt=str(form.get("amt") or "")[:10], status_code=status_code,
            error=error, form=form, fact_errors=fact_errors,
        )  # fmt: skip

    uploads = [f for f in form.getlist("dateien") if isinstance(f, UploadFile) and f.filename]
    picked = [str(v) for v in form.getlist("version")]
    if len(uploads) + len(picked) < 2:
        return again("Bitte mindestens zwei Zeichnungen hochladen oder im Katalog auswählen.", 400)
    if len(uploads) + len(picked) > MAX_DRAWINGS:
        return again(f"Verglichen werden höchstens {MAX_DRAWINGS} Zeichnungen auf einmal.", 400)
    versions = _picked_versions(session, user, picked)
    try:
        facts = await _facts_from_form(request, where="dem Formular")
    except FactsError as exc:
        return again(str(exc), fact_errors=exc.fields)

    candidates: list[NewDrawing] = []
    for upload in uploads:
        data = await upload.read(lotse.limits.max_bytes + 1)
        # only a label: the file is kept under a number
        candidates.append(NewDrawing(safe_name(upload.filename or "", 120), data, "hochgeladen"))
    departments = department_names(session)
    for version in versions:
        process = version.process
        where = f"Amt {process.department_code} {departments.get(process.department_code, '')}"
        candidates.append(
            NewDrawing(
                f"{version.name or process.name or process.bpmn_id} – Version {version.number}",
                version.source,
                f"Katalog, {where.strip() if process.department_code else 'ohne Amt'}",
            )
        )
    title = str(form.get("titel") or "").strip()[:200]
    # Reading and comparing is work for the CPU (seconds for large drawings): in a worker
    # thread, so that the server answers others meanwhile.
    outcome = await run_in_threadpool(_first_comparison, lotse, candidates, facts, title)
    if isinstance(outcome, str):
        return again(outcome)
    comparison, readable, skipped = outcome
    stored = _store(request).create(
        user.id, readable, title=comparison.title, facts=facts.model_dump(mode="json", exclude_none=True),
        skipped=skipped,
    )  # fmt: skip
    return RedirectResponse(f"/workshop/{stored.id}", status_code=303)


def _first_comparison(
    lotse: App, candidates: list[NewDrawing], facts: Facts, title: str
) -> tuple[Comparison, list[NewDrawing], list[tuple[str, str]]] | str:
    """The drawings read and compared; or why not, in German (one line)."""
    names = distinct_names([c.name for c in candidates])
    readable: list[NewDrawing] = []
    drawings: list[Drawing] = []
    skipped: list[tuple[str, str]] = []
    for name, candidate in zip(names, candidates, strict=True):
        try:
            defs = read_bpmn(candidate.data, limits=lotse.limits)
        except BpmnReadError as exc:
            skipped.append((name, str(exc)))
            continue
        readable.append(NewDrawing(name, candidate.data, candidate.origin))
        drawings.append(Drawing(name, defs))
    if len(drawings) < 2:
        lines = [f"„{name}“: {why}" for name, why in skipped]
        return " ".join([*lines, "Für einen Vergleich braucht es zwei lesbare Zeichnungen."])
    try:
        comparison = compare_drawings(
            drawings, model=lotse.model, facts=facts, title=title or None, max_steps=MAX_STEPS
        )
    except (WorkshopError, AlignmentError) as exc:
        return str(exc)
    return comparison, readable, skipped


def _picked_versions(session: Session, user: User, picked: list[str]) -> list[ProcessVersion]:
    """The chosen catalogue versions; a pilot may take only their own Amt's (else 403)."""
    ids = []
    for value in picked:
        if not value.isdigit() or not known_id(int(value)):
            raise HTTPException(status_code=404, detail="Diese Version gibt es nicht.")
        ids.append(int(value))
    versions = {
        v.id: v
        for v in session.scalars(
            select(ProcessVersion)
            .where(ProcessVersion.id.in_(ids))
            .options(selectinload(ProcessVersion.process), selectinload(ProcessVersion.source_file))
        )
    }
    if set(ids) - set(versions):
        raise HTTPException(status_code=404, detail="Diese Version gibt es nicht.")
    own = _own_department(user)
    if own is not None and any(not own or versions[i].process.department_code != own for i in ids):
        raise Forbidden
    return [versions[i] for i in ids]


# -- one comparison -----------------------------------------------------------------------


def _stored(request: Request, ident: str, user: User) -> StoredComparison:
    stored = _store(request).get(ident, user.id)
    if stored is None:
        # Someone else's looks the same as none: ids are not to be guessed or confirmed.
        raise HTTPException(status_code=404, detail="Diesen Vergleich gibt es nicht (mehr).")
    return stored


def _compare(request: Request, stored: StoredComparison) -> Comparison:
    lotse = lotse_app(request)
    store = _store(request)
    drawings = []
    for drawing in stored.drawings:
        try:
            data = store.drawing(stored, drawing)
            drawings.append(Drawing(drawing.name, read_bpmn(data, limits=lotse.limits)))
        except (OSError, BpmnReadError) as exc:
            raise HTTPException(
                status_code=422,
                detail=f"„{drawing.name}“ kann nicht mehr gelesen werden ({exc}). "
                "Bitte vergleichen Sie neu.",
            ) from None
    try:
        facts = Facts.model_validate(stored.facts)
    except ValidationError:
        facts = Facts()
    names = [d.name for d in drawings]
    try:
        corrections = Corrections.from_json(stored.corrections, names)
        return compare_drawings(
            drawings, model=lotse.model, facts=facts, corrections=corrections,
            title=stored.title or None, max_steps=MAX_STEPS,
        )  # fmt: skip
    except (WorkshopError, AlignmentError) as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from None


@router.get("/workshop/{ident}", response_class=HTMLResponse)
def comparison_page(request: Request, ident: str, user: Pilot) -> Response:
    stored = _stored(request, ident, user)
    comparison = _compare(request, stored)
    combined, each = drawn(comparison)
    return render(
        request, "workshop_vergleich.html", user=user, stored=stored, c=comparison,
        combined=combined, drawn=each, colours=AGREEMENT_COLOURS,
        agreement_german=AGREEMENT_GERMAN, hint_kinds=HINT_KINDS,
        full_size=[f"/workshop/{ident}/zeichnung/{n}.svg" for n in range(1, len(each) + 1)],
    )  # fmt: skip


@router.get("/workshop/{ident}/zeichnung/{number}.svg")
def drawing_file(request: Request, ident: str, number: int, user: Pilot) -> Response:
    """One drawing at its own size, coloured by agreement: side by side they are small."""
    comparison = _compare(request, _stored(request, ident, user))
    _, each = drawn(comparison)
    if not 1 <= number <= len(each) or each[number - 1].svg is None:
        raise HTTPException(status_code=404, detail="Diese Zeichnung gibt es nicht.")
    return Response(str(each[number - 1].svg), media_type="image/svg+xml")


@router.post("/workshop/{ident}/zuordnung", dependencies=[Depends(check_csrf)])
async def correct(request: Request, ident: str, user: Pilot) -> Response:
    """One correction of the alignment; back to the table, with what changed said in a line."""
    stored = _stored(request, ident, user)
    comparison = await run_in_threadpool(_compare, request, stored)
    form = await request.form()
    try:
        corrections, message = _corrected(comparison, form)
    except AlignmentError as exc:
        flash(request, str(exc), "error", place="zuordnung")
    else:
        _store(request).save_corrections(stored, corrections.to_json(comparison.names))
        flash(request, message, "success", place="zuordnung")
    return RedirectResponse(f"/workshop/{ident}#zuordnung", status_code=303)


def _corrected(comparison: Comparison, form: FormData) -> tuple[Corrections, str]:
    corrections = comparison.corrections
    label = _labels(comparison)
    split, release = form.get("trennen"), form.get("aufheben")
    if isinstance(split, str) and split:
        ref = _ref(split)
        return (
            corrections.split(comparison.steps, ref),
            f"{label(ref)} ist jetzt ein Schritt für sich.",
        )
    if isinstance(release, str) and release:
        ref = _ref(release)
        return (
            corrections.release(ref),
            "Die Festlegung ist aufgehoben; Lotse ordnet diese Schritte wieder selbst zu.",
        )
    if form.get("aktion") == "alle_aufheben":
        return Corrections(), "Alle Festlegungen sind aufgehoben."
    refs = [_ref(v) for v in form.getlist("schritt") if isinstance(v, str)]
    joined = corrections.join(comparison.steps, refs, comparison.names)
    rows = [f"„{s.label}“" for s in comparison.steps if set(refs) & set(refs_of(s))]
    shown = ", ".join(rows[:-1]) + " und " + rows[-1]
    return joined, f"{shown} sind jetzt ein gemeinsamer Schritt."


def _ref(value: str) -> Ref:
    """ "3:Task_7" → (3, "Task_7"); BPMN ids are NCNames and never hold a colon."""
    drawing, _, element = value.partition(":")
    if not drawing.isdigit() or not element or len(value) > 400:
        raise AlignmentError("Diese Auswahl kennt Lotse nicht. Bitte laden Sie die Seite neu.")
    return (int(drawing), element)


def _labels(comparison: Comparison) -> Callable[[Ref], str]:
    """ref → "„Toastscheiben einlegen“ (dirk.bpmn)", for the messages."""
    known = {
        (index, element): f"„{step.labels[index]}“ ({comparison.names[index]})"
        for step in comparison.steps
        for index, element in step.members.items()
    }
    return lambda ref: known.get(ref, "Der Schritt")


@router.get("/workshop/{ident}/{name}")
def download(request: Request, ident: str, name: str, user: Pilot) -> Response:
    """The offline page for the room and the JSON for scripts, as they stand now."""
    if name not in DOWNLOADS:
        raise HTTPException(status_code=404, detail="Diese Datei gibt es nicht.")
    comparison = _compare(request, _stored(request, ident, user))
    if name == "workshop.html":
        content = render_html(comparison, generated_at=datetime.now(UTC).astimezone(BERLIN))
    else:
        content = json.dumps(comparison.to_json(), ensure_ascii=False, indent=2) + "\n"
    # Attachments: the offline page brings its own styles, which the workbench's content
    # security policy would block if it were shown here.
    return Response(
        content.encode("utf-8"),
        media_type=DOWNLOADS[name],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
