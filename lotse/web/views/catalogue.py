"""The catalogue: list, process page (drawing, scores, facts, history), upload, status."""

from __future__ import annotations

import math
from collections import OrderedDict
from datetime import UTC, datetime
from threading import Lock
from typing import Any

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload
from starlette.datastructures import UploadFile  # request.form() gives these

from bpmn import BpmnReadError, LegendEntry, draw, read_bpmn
from lotse.users import Role, User
from lotse.web.core import (
    DbSession,
    Forbidden,
    ItUser,
    OneHandOff,
    Pilot,
    Reader,
    check_csrf,
    flash,
    known_id,
    lotse_app,
    page_number,
    render,
)
from processes.catalogue import (
    SORTS,
    CatalogueError,
    CatalogueQuery,
    change_status,
    search,
    set_facts,
    set_quick_check,
    stored_facts,
    stored_quick_check,
)
from processes.departments import department_names
from processes.duplicates import copies
from processes.facts import ChangeLevel, Facts, FactsError, facts_from_mapping
from processes.headline import quadrant_german
from processes.importer import ImportRequest, Outcome, prepare_file, store_prepared
from processes.ledger import robot_summaries
from processes.models import STATUS_GERMAN, Assessment, Process, ProcessVersion, Status
from processes.quickcheck import QUESTIONS, Answer, CaseBand, Changes, QuickCheck
from processes.report.actuals_chart import actuals_svg
from processes.report.html import month_name, robot_tasks
from processes.scoring import CATEGORY_COLOURS, Category, Quadrant
from processes.scoring.text import number
from robots.files import safe_name

router = APIRouter(route_class=OneHandOff)
PER_PAGE = 50

# The form fields for facts: (field, German key understood by facts_from_mapping)
FACT_FIELDS = [
    ("cases_per_month", "fallzahl_pro_monat"),
    ("minutes_per_case", "minuten_pro_fall"),
    ("digital_share", "anteil_digital"),
    ("exception_rate", "ausnahmequote"),
    ("expected_changes", "aenderungen"),
    ("it_systems", "it_systeme"),
    ("legal_basis", "rechtsgrundlage"),
]


@router.get("/katalog", response_class=HTMLResponse)
def catalogue(
    request: Request,
    user: Reader,
    session: DbSession,
    q: str = "",
    amt: str = "",
    status: str = "",
    quadrant: str = "",
    sortierung: str = "rang",
    absteigend: int = 1,
    seite: int = 1,
) -> Response:
    query = CatalogueQuery(
        text=q[:200], department=amt[:10], status=status[:20], quadrant=quadrant[:20],
        sort=sortierung if sortierung in SORTS else "rang",
        descending=bool(absteigend), page=page_number(seite), per_page=PER_PAGE,
    )  # fmt: skip
    rows, total = search(session, query)
    pages = max(1, math.ceil(total / PER_PAGE))
    return render(
        request, "katalog.html", user=user, rows=rows, total=total, query=query, pages=pages,
        departments=department_names(session), statuses=STATUS_GERMAN, quadrants=list(Quadrant),
        copies=copies(session, [process.id for process, _ in rows]), sorts=SORT_COLUMNS,
    )  # fmt: skip


# Sortable columns of the list: (sort key, column header, first click sorts descending).
# Names and Ämter start at A, numbers and the ranking with the best.
SORT_COLUMNS = {
    "name": ("Prozess", False),
    "amt": ("Amt", False),
    "status": ("Status", True),
    "rang": ("Einordnung", True),
    "potenzial": ("Potenzial", True),
    "umsetzbarkeit": ("Umsetzbarkeit", True),
    "stunden": ("Std./Jahr", True),
}


def _load_process(session: Session, process_id: int) -> Process:
    if not known_id(process_id):
        raise HTTPException(status_code=404, detail="Diesen Prozess gibt es nicht.")
    process = session.scalar(
        select(Process)
        .where(Process.id == process_id)
        .options(
            selectinload(Process.current_assessment).selectinload(Assessment.tasks),
            selectinload(Process.current_version).selectinload(ProcessVersion.findings),
            selectinload(Process.versions).selectinload(ProcessVersion.assessments),
            selectinload(Process.status_changes),
            selectinload(Process.facts),
        )
    )
    if process is None:
        raise HTTPException(status_code=404, detail="Diesen Prozess gibt es nicht.")
    return process


def may_edit_facts(user: User, process: Process) -> bool:
    return user.may(Role.IT) or (
        user.user_role is Role.LOTSE
        and bool(process.department_code)
        and user.department_code == process.department_code
    )


@router.get("/katalog/{process_id}", response_class=HTMLResponse)
def process_page(
    request: Request,
    user: Reader,
    session: DbSession,
    process_id: int,
) -> Response:
    return _process_page(request, user, session, _load_process(session, process_id))


def _process_page(
    request: Request, user: User, session: Session, process: Process, *, status_code: int = 200,
    typed: dict[str, str] | None = None, fact_errors: dict[str, str] | None = None,
) -> Response:  # fmt: skip
    """The process page; after a refused facts form with what was typed and the problems."""
    assessment = process.current_assessment
    drawing = _drawing(request, process, assessment)
    facts = stored_facts(session, process)
    robots = robot_summaries(session, datetime.now(UTC), process_ids=[process.id])
    return render(
        request, "prozess.html", status_code=status_code, user=user, process=process,
        assessment=assessment, drawing=drawing, facts=facts,
        fact_form=typed if typed is not None else _fact_form(facts), fact_errors=fact_errors or {},
        may_edit=may_edit_facts(user, process),
        may_change_status=user.may(Role.IT), statuses=STATUS_GERMAN, Status=Status,
        departments=department_names(session), Category=Category, Quadrant=Quadrant,
        legend=_legend(), versions=list(reversed(process.versions)), change_levels=list(ChangeLevel),
        copies=copies(session, [process.id]).get(process.id, []),
        quick_check=stored_quick_check(process), quick_check_questions=_QUICK_CHECK_FORM,
        robots=robots, robot_tasks=robot_tasks, month_name=month_name,
    )  # fmt: skip


_QUICK_CHECK_FORM = [
    (field, QUESTIONS[field], [(m.value, label) for m, label in choices])
    for field, choices in (
        ("rule_based", [(Answer.YES, "ja"), (Answer.PARTLY, "teilweise"), (Answer.NO, "nein")]),
        ("digital_input", [(Answer.YES, "ja"), (Answer.PARTLY, "teilweise"), (Answer.NO, "nein")]),
        ("structured_input", [(Answer.YES, "ja"), (Answer.PARTLY, "teilweise"), (Answer.NO, "nein")]),
        ("changes", [(Changes.NONE, "keine Änderungen"), (Changes.SOME, "einige"), (Changes.MANY, "viele")]),
        ("cases", [(band, band.german) for band in CaseBand]),
    )
]  # fmt: skip


@router.post("/katalog/{process_id}/schnellcheck", dependencies=[Depends(check_csrf)])
async def save_quick_check(
    request: Request, process_id: int, user: Reader, session: DbSession
) -> Response:
    process = _load_process(session, process_id)
    if not may_edit_facts(user, process):
        raise Forbidden
    form = await request.form()
    try:
        check = QuickCheck.model_validate(
            {field: form.get(field) for field, _, _ in _QUICK_CHECK_FORM}
        )
    except ValueError:
        flash(request, "Bitte alle fünf Fragen beantworten.", "error", place="schnellcheck")
        return RedirectResponse(f"/katalog/{process_id}#schnellcheck", status_code=303)
    set_quick_check(session, process, check, lotse_app(request).model, user.username)
    flash(
        request, check.summary() + " Der Prozess ist neu bewertet.", "success", place="schnellcheck"
    )
    return RedirectResponse(f"/katalog/{process_id}#schnellcheck", status_code=303)


@router.get("/katalog/{process_id}/roboter/{deployment}.svg")
def robot_chart(
    request: Request, user: Reader, session: DbSession, process_id: int, deployment: str
) -> Response:
    """A robot's estimate against actual per month, as an image of its own.

    An image, not inline SVG: Matplotlib writes style attributes, which the
    pages' Content-Security-Policy (style-src 'self') rightly refuses inline.
    """
    process = _load_process(session, process_id)
    robots = robot_summaries(session, datetime.now(UTC), process_ids=[process.id])
    robot = next((r for r in robots if r.deployment == deployment), None)
    if robot is None or not robot.actuals.months:
        raise HTTPException(status_code=404, detail="Für diesen Roboter gibt es keine Ist-Zahlen.")
    svg = actuals_svg(
        robot.actuals.months, robot.actuals.linked.estimated_share, ident="ist",
        title=f"Geschätzt und tatsächlich: {deployment}", description=robot.actuals.explanation,
    )  # fmt: skip
    return Response(svg, media_type="image/svg+xml")


@router.get("/katalog/{process_id}/zeichnung.svg")
def drawing_file(request: Request, user: Reader, session: DbSession, process_id: int) -> Response:
    """The drawing on its own, at full size, for large diagrams."""
    process = _load_process(session, process_id)
    drawing = _drawing(request, process, process.current_assessment)
    if drawing is None:
        raise HTTPException(status_code=404, detail="Für diesen Prozess gibt es keine Zeichnung.")
    return Response(drawing, media_type="image/svg+xml")


def _legend() -> list[tuple[str, str]]:
    return [(CATEGORY_COLOURS[c], c.german) for c in Category]


_DRAWINGS: OrderedDict[tuple[str, str, int], str] = OrderedDict()
_DRAWINGS_LOCK = Lock()


def _drawing(request: Request, process: Process, assessment: Assessment | None) -> str | None:
    """The current version drawn, tasks coloured by category (cached: parsing costs)."""
    version = process.current_version
    if version is None:
        return None
    # One file may hold several processes, each drawn from its own diagram.
    key = (version.content_sha256, process.bpmn_id, assessment.id if assessment else 0)
    with _DRAWINGS_LOCK:
        if key in _DRAWINGS:
            _DRAWINGS.move_to_end(key)
            return _DRAWINGS[key]
    try:
        defs = read_bpmn(version.source, limits=lotse_app(request).limits)
    except BpmnReadError:
        return None
    colours = (
        {t.element_id: CATEGORY_COLOURS[Category(t.category)] for t in assessment.tasks}
        if assessment
        else {}
    )
    # The process's own diagram, as the report draws it (a file may hold several).
    svg = draw(
        defs, process_id=process.bpmn_id, element_ids=colours, colors=colours,
        legend=[LegendEntry(colour, label) for colour, label in _legend()],
        title=f"Ablaufdiagramm „{process.name}“", id_prefix=f"p{process.id}",
    ).svg  # fmt: skip
    with _DRAWINGS_LOCK:
        _DRAWINGS[key] = svg
        while len(_DRAWINGS) > 256:
            _DRAWINGS.popitem(last=False)
    return svg


def _fact_form(facts: Facts) -> dict[str, str]:
    """Facts as form values, shares in percent."""
    values: dict[str, str] = {}
    for field, _key in FACT_FIELDS:
        value: Any = getattr(facts, field)
        if value is None:
            values[field] = ""
        elif field in ("digital_share", "exception_rate"):
            values[field] = f"{value * 100:g}"
        elif isinstance(value, ChangeLevel):
            values[field] = value.value
        else:
            values[field] = f"{value:g}" if isinstance(value, float) else str(value)
    return values


async def _facts_from_form(request: Request, where: str) -> Facts:
    form = await request.form()
    raw = {key: form.get(key) for _field, key in FACT_FIELDS}  # the form's field names
    return facts_from_mapping(
        {k: v for k, v in raw.items() if isinstance(v, str) and v.strip()}, where=where
    )


@router.post("/katalog/{process_id}/fakten", dependencies=[Depends(check_csrf)])
async def save_facts(
    request: Request,
    process_id: int,
    user: Reader,
    session: DbSession,
) -> Response:
    process = _load_process(session, process_id)
    if not may_edit_facts(user, process):
        raise Forbidden
    try:
        facts = await _facts_from_form(request, where="dem Formular")
    except FactsError as exc:
        # Answered at once (no redirect): what was typed stays in the form, each problem
        # stands at its field. 422, so that scripts see the refusal.
        form = await request.form()
        typed = {field: str(form.get(key) or "") for field, key in FACT_FIELDS}
        return _process_page(
            request, user, session, process, status_code=422, typed=typed,
            fact_errors=exc.fields or {"cases_per_month": str(exc)},
        )  # fmt: skip
    before = process.current_assessment
    after = set_facts(session, process, facts, lotse_app(request).model, user.username)
    flash(request, score_change(before, after), "success", place="fakten")
    # Back to the form: the pilot sees the change where they pressed the button.
    return RedirectResponse(f"/katalog/{process_id}#fakten", status_code=303)


def score_change(before: Assessment | None, after: Assessment) -> str:
    """ "Fakten gespeichert …" with every number that moved, in the page's words."""
    text = "Fakten gespeichert, der Prozess ist neu bewertet."
    if before is None:
        return text
    changes = []
    for label, old, new in (
        ("Potenzial", before.potential, after.potential),
        ("Umsetzbarkeit", before.ease, after.ease),
        ("Stunden pro Jahr", before.hours_saved, after.hours_saved),
    ):
        old_text, new_text = _whole(old), _whole(new)
        if old_text != new_text:
            changes.append(f"{label} {old_text} → {new_text}")
    if before.quadrant != after.quadrant:
        changes.append(
            f"Einordnung {quadrant_german(before.quadrant)} → {quadrant_german(after.quadrant)}"
        )
    if not changes:
        return text + " Die Punkte bleiben, wie sie waren."
    return f"{text} {', '.join(changes)}."


def _whole(value: float | None) -> str:
    return "unbekannt" if value is None else number(value)


@router.post("/katalog/{process_id}/status", dependencies=[Depends(check_csrf)])
def save_status(
    request: Request,
    user: ItUser,
    session: DbSession,
    process_id: int,
    status: str = Form(...),
    kommentar: str = Form(""),
    zurueck: str = Form(""),
) -> Response:
    process = _load_process(session, process_id)
    try:
        change_status(session, process, Status(status), user.username, kommentar[:2000])
    except ValueError:
        flash(request, "Unbekannter Status.", "error")
    except CatalogueError as exc:
        flash(request, str(exc), "error")
    else:
        flash(request, f"„{process.name}“ ist jetzt „{Status(status).german}“.", "success")
    target = "/pipeline" if zurueck == "pipeline" else f"/katalog/{process_id}#status"
    return RedirectResponse(target, status_code=303)


# -- upload ------------------------------------------------------------------------------


def _version_choices(session: Session, user: User) -> list[tuple[str, str]]:
    """(key, name) of the processes an upload may be a new version of: the pilot's own."""
    query = select(Process).order_by(Process.name)
    if user.user_role is Role.LOTSE:
        query = query.where(Process.department_code == (user.department_code or ""))
    return [(p.key, p.name) for p in session.scalars(query)]


@router.get("/hochladen", response_class=HTMLResponse)
def upload_form(request: Request, user: Pilot, session: DbSession) -> Response:
    return render(
        request, "hochladen.html", user=user, departments=department_names(session),
        fact_form=_fact_form(Facts()), change_levels=list(ChangeLevel), max_mb=lotse_app(request).settings.bpmn_max_mb,
        version_choices=_version_choices(session, user),
    )  # fmt: skip


@router.post("/hochladen", dependencies=[Depends(check_csrf)])
async def upload(request: Request, user: Pilot, session: DbSession) -> Response:
    form = await request.form()
    upload = form.get("datei")
    lotse = lotse_app(request)
    departments = department_names(session)
    version_of = str(form.get("version_von") or "").strip()

    def again(
        error: str, status_code: int = 400, fact_errors: dict[str, str] | None = None
    ) -> Response:
        return render(
            request, "hochladen.html", status_code=status_code, user=user, departments=departments,
            fact_form={f: str(form.get(k) or "") for f, k in FACT_FIELDS}, change_levels=list(ChangeLevel),
            max_mb=lotse.settings.bpmn_max_mb, error=error, chosen_department=str(form.get("amt") or ""),
            fact_errors=fact_errors or {},
            version_choices=_version_choices(session, user), chosen_version_of=version_of,
        )  # fmt: skip

    if not isinstance(upload, UploadFile) or not upload.filename:
        return again("Bitte eine BPMN-Datei auswählen.")
    department = (
        user.department_code if user.user_role is Role.LOTSE else str(form.get("amt") or "")
    )
    if version_of and version_of not in dict(_version_choices(session, user)):
        return again(
            f"„{version_of}“ ist kein Prozess, von dem Sie eine neue Version hochladen können."
        )
    if department and department not in departments:
        return again(f"Das Amt „{department}“ ist unbekannt.")
    try:
        facts = await _facts_from_form(request, where="dem Formular")
    except FactsError as exc:
        return again(str(exc), fact_errors=exc.fields)
    data = await upload.read(lotse.limits.max_bytes + 1)
    name = safe_name(upload.filename, 200)  # only a label; the content is stored by its hash
    request_ = ImportRequest(file_name=name, data=data, department=department or None, facts=facts,
                             user=user.username, read_sidecar=False, version_of=version_of or None)  # fmt: skip
    results = store_prepared(session, prepare_file(request_, lotse.limits), lotse.model)
    failed = [r for r in results if r.outcome in (Outcome.FAILED, Outcome.EMPTY)]
    if failed:
        return again(failed[0].message, 422)
    stored = [r for r in results if r.key]
    messages = {
        Outcome.NEW: "neu im Katalog",
        Outcome.NEW_VERSION: "als neue Version gespeichert",
        Outcome.UNCHANGED: "unverändert – diese Datei ist schon im Katalog",
        Outcome.FACTS_UPDATED: "unverändert, Fakten aktualisiert",
    }
    for result in stored:
        flash(request, f"„{result.name}“: {messages[result.outcome]} (Version {result.version}).",
              "info" if result.outcome is Outcome.UNCHANGED else "success")  # fmt: skip
        if result.warning:
            flash(request, result.warning.replace("importieren Sie sie mit --version-of",
                                                  "laden Sie sie erneut hoch und wählen Sie „Neue Version von“"),
                  "warning")  # fmt: skip
    session.flush()
    # The department may come from the diagram itself, so find the process by its key.
    key_department, _, bpmn_id = (stored[0].key or "").rpartition(":")
    first = session.scalar(
        select(Process).where(Process.department_code == key_department, Process.bpmn_id == bpmn_id)
    )
    return RedirectResponse(f"/katalog/{first.id}" if first else "/katalog", status_code=303)
