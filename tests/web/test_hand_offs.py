"""A page makes one trip to the thread pool: session, sign-in check and view together.

Each trip costs the event loop and the worker thread a wake-up; five a page were a
good part of a page's CPU under load (docs/benchmarks.md, "Web workbench").
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from typing import Any

import anyio.to_thread
import pytest
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from lotse.users import User
from lotse.web import core
from tests.web.conftest import Workbench


def _api_routes(routes: list[Any]) -> Iterator[APIRoute]:
    """Every route, also inside included routers (FastAPI keeps those whole)."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        elif hasattr(route, "original_router"):
            yield from _api_routes(route.original_router.routes)


def _calls(dependant: Dependant) -> Iterator[Callable[..., Any]]:
    for dependency in dependant.dependencies:
        if dependency.call is not None:
            yield dependency.call
        yield from _calls(dependency)


@pytest.fixture
def trips(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the functions sent to the thread pool, in order."""
    sent: list[str] = []
    real = anyio.to_thread.run_sync

    async def counting(func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        sent.append(getattr(func, "__name__", repr(func)))
        return await real(func, *args, **kwargs)

    monkeypatch.setattr(anyio.to_thread, "run_sync", counting)
    return sent


@pytest.mark.parametrize(
    ("who", "path"),
    [
        ("it", "/katalog?sortierung=name&seite=2"),
        ("it", "/katalog?amt=63&quadrant=quick_win&q=antrag"),
        ("it", "/"),
        ("it", "/pipeline"),
        ("post", "/post"),
        ("admin", "/admin/benutzer"),
    ],
)
def test_a_page_goes_to_the_thread_pool_once(
    workbench: Workbench, trips: list[str], who: str, path: str
) -> None:
    client = workbench.client(who)
    trips.clear()
    answer = client.get(path)
    assert answer.status_code == 200, answer.text[:300]
    assert len(trips) == 1, trips


def test_the_process_page_goes_to_the_thread_pool_once(
    workbench: Workbench, trips: list[str]
) -> None:
    client = workbench.client("pilot63")
    trips.clear()
    answer = client.get(f"/katalog/{workbench.process_ids['63:Process_Bauantrag']}")
    assert answer.status_code == 200 and "<svg" in answer.text
    assert len(trips) == 1, trips


def test_checks_made_in_the_views_thread_still_hold(workbench: Workbench) -> None:
    """Anonymous, wrong role, ended session: as before the checks moved into the thread."""
    anonymous = workbench.client()
    answer = anonymous.get("/katalog?seite=kaputt")  # sent to sign in before the page's checks
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/login?next=")
    clerk = workbench.client("post")
    assert clerk.get("/katalog").status_code == 403
    pilot = workbench.client("pilot63")
    copied = dict(pilot.cookies)
    pilot.post("/logout", data={"csrf_token": core_token(pilot)})
    replay = workbench.client()
    replay.cookies.update(copied)
    assert replay.get("/katalog").status_code == 303


def core_token(client: Any) -> str:
    from tests.web.conftest import csrf_of

    return csrf_of(client.get("/katalog").text)


def test_no_plain_view_gets_its_session_or_user_from_fastapi(workbench: Workbench) -> None:
    """Guards the one trip: a ``def`` view whose session or sign-in check FastAPI made
    would make its own trips again (and a second session)."""
    checked = 0
    for route in _api_routes(workbench.asgi.routes):
        if inspect.iscoroutinefunction(route.endpoint):
            continue
        calls = set(_calls(route.dependant))
        assert core.db not in calls, route.path
        assert not calls & set(core._ROLE_CHECKS), route.path
        checked += 1
    assert checked > 20


def test_async_views_keep_fastapis_checks(workbench: Workbench) -> None:
    route = next(
        r for r in _api_routes(workbench.asgi.routes) if r.path == "/katalog/{process_id}/fakten"
    )  # fmt: skip
    calls = set(_calls(route.dependant))
    assert core.db in calls and calls & set(core._ROLE_CHECKS)


def test_the_view_sees_the_user_of_its_own_session(workbench: Workbench) -> None:
    """The user handed to the view is loaded in the view's session (one session a request)."""
    seen: list[bool] = []

    def view(request: core.Request, user: core.Reader, session: core.DbSession) -> str:
        seen.append(user in session and isinstance(user, User))
        return "ok"

    wrapped = core.in_one_thread(view)
    assert "session" not in wrapped.__signature__.parameters  # type: ignore[attr-defined]
    assert "user" not in wrapped.__signature__.parameters  # type: ignore[attr-defined]
    client = workbench.client("it")
    workbench.asgi.router.add_api_route("/probe", view, route_class_override=core.OneHandOff)
    assert client.get("/probe").status_code == 200
    assert seen == [True]
