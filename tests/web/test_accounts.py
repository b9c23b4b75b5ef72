"""Accounts: sign-in throttling, passwords, user names, and what a session may see.

The attack findings of the second round, each as a test that failed before the fix.
"""

from __future__ import annotations

import re
from typing import Any, Literal

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from sqlalchemy import select
from typer.testing import CliRunner

from lotse.cli import app as cli
from lotse.users import Role, User, UserError, add_user, check_username, look_alike
from lotse.web.security import LoginThrottle, client_address, parse_networks
from tests.bpmn.hostile import valid_document
from tests.web.conftest import USERS, Workbench, change_password, csrf_of, sign_in

pytestmark = pytest.mark.usefixtures("cheap_hashing")


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(workbench: Workbench) -> Clock:
    """The workbench's sign-in throttle on a clock the test moves."""
    clock = Clock()
    workbench.asgi.state.login_throttle = LoginThrottle(clock=clock)
    return clock


def _client(bench: Workbench, address: str = "10.1.2.3") -> TestClient:
    return TestClient(bench.asgi, follow_redirects=False, client=(address, 40000))


def _attempt(client: TestClient, username: str, password: str, **headers: str) -> Any:
    token = csrf_of(client.get("/login").text)
    return client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": token},
        headers=headers,
    )


def _alert(html: str) -> str:
    match = re.search(r'role="alert"[^>]*>(.*?)</div>', html, re.S)
    assert match, html[:500]
    return match.group(1)


@pytest.fixture
def hashes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every password verification (Argon2 work), recorded."""
    import lotse.users

    calls: list[str] = []
    current = lotse.users._hasher

    class Counting(PasswordHasher):
        def verify(self, hash: str | bytes, password: str | bytes) -> Literal[True]:
            calls.append(str(password))
            return super().verify(hash, password)

    counting = Counting(
        time_cost=current.time_cost,
        memory_cost=current.memory_cost,
        parallelism=current.parallelism,
    )
    monkeypatch.setattr(lotse.users, "_hasher", counting)
    return calls


# -- per account: slower and slower, never locked out --------------------------------------


def test_wrong_passwords_slow_the_account_down_but_never_lock_it(
    workbench: Workbench, clock: Clock, hashes: list[str]
) -> None:
    attacker = _client(workbench, "10.0.0.66")
    owner = _client(workbench, "10.0.0.7")
    for _ in range(5):
        assert _attempt(attacker, "pilot63", "falsches-passwort").status_code == 401
    answer = _attempt(attacker, "pilot63", "falsches-passwort")
    assert answer.status_code == 429
    assert "Bitte in 1 Sekunde erneut versuchen" in _alert(answer.text)
    # While the account waits, not even the right password is hashed.
    before = len(hashes)
    for variant in ("pilot63", "PILOT63", " pilot63 ", "ｐｉｌｏｔ６３"):
        answer = _attempt(owner, variant, USERS["pilot63"][2])
        assert answer.status_code == 429, variant
    assert len(hashes) == before, "a password was hashed while the account had to wait"
    # Others are not slowed down.
    assert _attempt(attacker, "pilot20", USERS["pilot20"][2]).status_code == 303

    # Each further wrong guess doubles the wait, up to 30 s and no further.
    waits = []
    for _ in range(8):
        clock.now += 60
        assert _attempt(attacker, "pilot63", "falsches-passwort").status_code == 401
        answer = _attempt(attacker, "pilot63", "falsches-passwort")
        waits.append(int(re.search(r"in (\d+) Sekunde", _alert(answer.text)).group(1)))  # type: ignore[union-attr]
    assert waits == [2, 4, 8, 16, 30, 30, 30, 30]
    # After the wait the owner gets in, whatever the attacker did before.
    clock.now += 30
    answer = _attempt(owner, "pilot63", USERS["pilot63"][2])
    assert answer.status_code == 303
    assert owner.get("/").status_code == 200


def test_guessing_across_names_is_limited_per_address(
    workbench: Workbench, clock: Clock, hashes: list[str]
) -> None:
    attacker = _client(workbench, "10.0.0.66")
    for number in range(30):
        answer = _attempt(attacker, f"name{number}", "falsches-passwort")
        assert answer.status_code == 401, number
    before = len(hashes)
    answer = _attempt(attacker, "pilot63", "falsches-passwort")
    assert answer.status_code == 429
    assert "von diesem Rechner" in _alert(answer.text)
    assert len(hashes) == before
    # A forged X-Forwarded-For does not help: no proxy is trusted.
    answer = _attempt(attacker, "pilot20", "falsches-passwort", **{"X-Forwarded-For": "10.9.9.9"})
    assert answer.status_code == 429
    # Colleagues at other desks are not affected …
    assert _attempt(_client(workbench, "10.0.0.8"), "it", USERS["it"][2]).status_code == 303
    # … and the limit refills with time (30 attempts per 5 minutes).
    clock.now += 10
    assert _attempt(attacker, "pilot20", USERS["pilot20"][2]).status_code == 303


def test_forwarded_for_counts_only_from_trusted_proxies(
    workbench: Workbench, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    workbench.asgi.state.trusted_proxies = parse_networks("10.0.0.1")
    proxy = _client(workbench, "10.0.0.1")
    for number in range(30):
        answer = _attempt(
            proxy, f"name{number}", "falsches-passwort", **{"X-Forwarded-For": "192.0.2.10"}
        )
        assert answer.status_code == 401
    blocked = _attempt(proxy, "x", "falsches-passwort", **{"X-Forwarded-For": "192.0.2.10"})
    assert blocked.status_code == 429
    # Behind the same proxy, another client is another address.
    answer = _attempt(proxy, "it", USERS["it"][2], **{"X-Forwarded-For": "192.0.2.11"})
    assert answer.status_code == 303
    # What the client writes itself (left of the proxy's entry) does not count.
    spoofed = _attempt(
        proxy, "x", "falsches-passwort", **{"X-Forwarded-For": "203.0.113.5, 192.0.2.10"}
    )
    assert spoofed.status_code == 429


@pytest.mark.parametrize(
    "peer, header, trusted, expected",
    [
        ("10.0.0.1", "192.0.2.10", "", "10.0.0.1"),  # nobody trusted: the peer
        ("192.0.2.99", "192.0.2.10", "10.0.0.1", "192.0.2.99"),  # not from the proxy
        ("10.0.0.1", "192.0.2.10", "10.0.0.1", "192.0.2.10"),
        ("10.0.0.1", "6.6.6.6, 192.0.2.10", "10.0.0.1", "192.0.2.10"),
        ("10.0.0.1", "192.0.2.10, 10.0.0.2", "10.0.0.0/24", "192.0.2.10"),  # two proxies
        ("10.0.0.1", "nonsense", "10.0.0.1", "10.0.0.1"),
        ("10.0.0.1", "", "10.0.0.1", "10.0.0.1"),
        ("::1", "2001:db8::5", "::1", "2001:db8::5"),
        (None, "192.0.2.10", "10.0.0.1", "?"),
    ],
)
def test_client_address(peer: str | None, header: str, trusted: str, expected: str) -> None:
    assert client_address(peer, header, parse_networks(trusted)) == expected


def test_a_wrong_trusted_proxy_setting_is_named() -> None:
    with pytest.raises(ValueError, match=r"„proxy\.stadt“ ist keine IP-Adresse"):
        parse_networks("10.0.0.1, proxy.stadt")


# -- bounded state ---------------------------------------------------------------------------


def test_throttle_state_is_bounded_whatever_is_sent(workbench: Workbench, clock: Clock) -> None:
    throttle = LoginThrottle(clock=clock, max_entries=50, address_attempts=10_000)
    workbench.asgi.state.login_throttle = throttle
    client = _client(workbench)
    for number in range(120):
        name = f"{number}-" + "x" * 4000  # long, and each one different
        assert _attempt(client, name, "falsches-passwort").status_code == 401
    assert len(throttle._accounts) == 50
    assert all(len(key) == 16 for key in throttle._accounts)
    for number in range(120):
        throttle.failed(f"10.9.{number // 250}.{number % 250}", "x")
    assert len(throttle._addresses) == 50
    # A name of a megabyte is not even read: the sign-in form is small.
    answer = _attempt(client, "y" * 1_000_000, "falsches-passwort")
    assert answer.status_code == 413
    assert "Anfrage zu groß" in answer.text


# -- passwords ----------------------------------------------------------------------------------


def _user(bench: Workbench, name: str) -> User:
    with bench.lotse.db.read_session() as session:
        user = session.scalar(select(User).where(User.username == name))
        assert user is not None
        session.expunge(user)
        return user


def test_change_own_password_in_the_web(workbench: Workbench) -> None:
    client = workbench.client("pilot63")
    elsewhere = workbench.client("pilot63")
    page = client.get("/passwort")
    assert page.status_code == 200 and "Passwort ändern" in page.text

    assert "stimmt nicht" in _alert(change_password(client, "falsch-falsch", "neues-pw-12345").text)
    answer = change_password(client, USERS["pilot63"][2], "neues-pw-12345", "anderes-pw-12345")
    assert "stimmen nicht überein" in _alert(answer.text)
    assert "mindestens 10" in _alert(change_password(client, USERS["pilot63"][2], "kurz").text)
    answer = change_password(client, USERS["pilot63"][2], "neues-pw-12345")
    assert answer.status_code == 303
    assert client.get("/").status_code == 200, "this session goes on"
    assert elsewhere.get("/").status_code == 303, "other sessions end"

    fresh = workbench.client()
    assert _attempt(fresh, "pilot63", USERS["pilot63"][2]).status_code == 401
    sign_in(fresh, "pilot63", "neues-pw-12345")


def test_admin_reset_forces_a_change_at_the_next_sign_in(workbench: Workbench) -> None:
    victim = workbench.client("pilot20")
    admin = workbench.client("admin")
    person = _user(workbench, "pilot20")
    page = admin.get("/admin/benutzer").text
    answer = admin.post(
        f"/admin/benutzer/{person.id}/passwort",
        data={"passwort": "vorlaeufig-123", "csrf_token": csrf_of(page)},
    )
    assert answer.status_code == 303
    assert "vorläufiges Passwort" in admin.get("/admin/benutzer").text
    assert victim.get("/").status_code == 303, "the reset ends the user's sessions"
    assert _user(workbench, "pilot20").must_change_password

    client = workbench.client()
    answer = _attempt(client, "pilot20", "vorlaeufig-123")
    assert answer.status_code == 303 and answer.headers["location"] == "/passwort"
    for page_path in ("/", "/katalog", "/hochladen", "/berichte"):
        answer = client.get(page_path)
        assert (answer.status_code, answer.headers.get("location")) == (303, "/passwort")
    assert "Bitte wählen Sie jetzt ein eigenes" in client.get("/passwort").text
    answer = change_password(client, "vorlaeufig-123", "vorlaeufig-123")
    assert "unterscheiden" in _alert(answer.text)
    assert change_password(client, "vorlaeufig-123", "mein-eigenes-pw").status_code == 303
    assert client.get("/katalog").status_code == 200
    assert not _user(workbench, "pilot20").must_change_password


def test_users_created_by_an_admin_choose_their_own_password(workbench: Workbench) -> None:
    admin = workbench.client("admin")
    answer = admin.post(
        "/admin/benutzer",
        data={
            "benutzername": "neu.kollege",
            "passwort": "vom-admin-123",
            "rolle": "it",
            "csrf_token": csrf_of(admin.get("/admin/benutzer").text),
        },
    )
    assert answer.status_code == 303
    client = workbench.client()
    answer = _attempt(client, "neu.kollege", "vom-admin-123")
    assert answer.headers["location"] == "/passwort"


runner = CliRunner()


def test_lotse_user_password(workbench: Workbench, monkeypatch: pytest.MonkeyPatch) -> None:
    from lotse.settings import get_settings

    monkeypatch.setenv("LOTSE_DATABASE_URL", workbench.lotse.settings.effective_database_url)
    get_settings.cache_clear()
    signed_in = workbench.client("it")
    result = runner.invoke(
        cli, ["user", "password", "it", "--password-stdin"], input="per-skript-123\n"
    )
    assert result.exit_code == 0, result.output
    assert "Neues Passwort für „it“ gesetzt" in result.output
    assert "per-skript-123" not in result.output
    assert signed_in.get("/").status_code == 303
    sign_in(workbench.client(), "it", "per-skript-123")

    result = runner.invoke(
        cli,
        ["user", "password", "it", "--password-stdin", "--change-at-sign-in"],
        input="vorlaeufig-456\n",
    )
    assert result.exit_code == 0 and "nächsten Anmeldung" in result.output
    assert _attempt(workbench.client(), "it", "vorlaeufig-456").headers["location"] == "/passwort"

    for args, stdin, message in (
        (["niemand"], "irgendwas-123\n", "gibt es nicht"),
        (["it"], "kurz\n", "mindestens 10 Zeichen"),
    ):
        result = runner.invoke(cli, ["user", "password", *args, "--password-stdin"], input=stdin)
        assert result.exit_code == 1
        assert message in result.output


def test_first_admin_password_goes_to_a_private_file_only(
    lotse_app: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    from lotse.cli.serve_command import FIRST_ADMIN_FILE, ensure_first_admin

    ensure_first_admin(lotse_app)
    printed = capsys.readouterr().out
    path = lotse_app.settings.data_dir / FIRST_ADMIN_FILE
    name, password = path.read_text().split()
    assert name == "admin" and len(password) >= 12
    assert password not in printed, "the password must not reach the console (journal)"
    assert str(path) in printed.replace("\n", "")
    assert path.stat().st_mode & 0o777 == 0o600
    with lotse_app.db.read_session() as session:
        admin = session.scalar(select(User).where(User.username == "admin"))
        assert admin is not None and admin.must_change_password
    ensure_first_admin(lotse_app)  # once only: a second start changes nothing
    assert path.read_text().split()[1] == password
    assert "admin" not in capsys.readouterr().out


# -- user names ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("mmuster", "mmuster"),
        ("ｍｍｕｓｔｅｒ", "mmuster"),  # full-width, as some input methods type it
        ("jürgen.müller", "jürgen.müller"),
        ("J\u0075\u0308rgen", "Jürgen"),  # decomposed umlaut, as macOS writes it
        (" it-team_2 ", "it-team_2"),
    ],
)
def test_user_names_are_normalised(typed: str, stored: str) -> None:
    assert check_username(typed) == stored


@pytest.mark.parametrize(
    "name",
    [
        "\u0430dmin",  # Cyrillic а
        "админ",
        "ad min",
        "admin\u200b",  # zero-width space
        "adm\u202ein",  # right-to-left override
        "ɑdmin",  # Latin alpha
        "a<b>",
        "",
        "x" * 101,
    ],
)
def test_unsafe_user_names_are_refused(name: str) -> None:
    with pytest.raises(UserError):
        check_username(name)


def test_look_alikes_of_existing_users_are_refused(lotse_app: Any) -> None:
    with lotse_app.db.session() as session:
        add_user(session, "admin", "erstes-passwort", Role.ADMIN)
        add_user(session, "m.muster", "erstes-passwort", Role.IT)
    for name in ("Admin", "ADMIN", "adm1n", "admln", "ADMlN", "mmuster", "m-muster", "rn.rnuster"):
        with lotse_app.db.session() as session, pytest.raises(UserError, match="zu verwechseln"):
            add_user(session, name, "erstes-passwort", Role.IT)
    with lotse_app.db.session() as session:
        add_user(session, "anna", "erstes-passwort", Role.IT)  # different enough
    assert look_alike("Adm1n") == look_alike("admin") == look_alike("AdmIn")


# -- what a session may see and do -----------------------------------------------------------


def test_signed_in_pages_are_not_stored_by_browsers(workbench: Workbench) -> None:
    letter = workbench.review_letter()
    client = workbench.client("it")
    for path in ("/", "/katalog", f"/post/{letter}", f"/post/{letter}/seite/1.png", "/login"):
        answer = client.get(path)
        assert answer.status_code == 200, path
        assert answer.headers["cache-control"] == "no-store", path
    assert "no-store" not in client.get("/static/lotse.css").headers.get("cache-control", "")


def test_the_host_header_is_never_reflected(workbench: Workbench) -> None:
    client = workbench.client("it")
    answer = client.get("/katalog/?amt=63", headers={"Host": "evil.example"})
    assert answer.status_code == 307
    assert answer.headers["location"] == "/katalog?amt=63"
    answer = client.get("/katalog//", headers={"Host": "evil.example"})
    assert (answer.status_code, answer.headers["location"]) == (307, "/katalog")
    answer = client.get("/gibt-es-nicht/", headers={"Host": "evil.example"})
    assert answer.status_code == 404 and "location" not in answer.headers


@pytest.fixture
def form_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    from starlette.requests import Request

    reads: list[str] = []
    original = Request._get_form

    async def spy(self: Request, **kwargs: Any) -> Any:
        reads.append(self.url.path)
        return await original(self, **kwargs)

    monkeypatch.setattr(Request, "_get_form", spy)
    return reads


def test_forms_are_not_read_before_the_sign_in_check(
    workbench: Workbench, form_reads: list[str]
) -> None:
    anonymous = workbench.client()
    token = csrf_of(anonymous.get("/login").text)
    upload = {"datei": ("gross.bpmn", valid_document() + b"<!--" + b"x" * 500_000 + b"-->")}
    answer = anonymous.post("/hochladen", data={"csrf_token": token}, files=upload)
    assert (answer.status_code, answer.headers["location"]) == (303, "/login?next=/hochladen")
    assert form_reads == []
    answer = anonymous.post("/logout", data={"csrf_token": token})
    assert (answer.status_code, answer.headers["location"]) == (303, "/login")
    assert form_reads == []

    # An ended session (signed out elsewhere) is anonymous too.
    client = workbench.client("pilot63")
    token = csrf_of(client.get("/hochladen").text)
    old_cookie = client.cookies["lotse_sitzung"]
    client.post("/logout", data={"csrf_token": token})
    form_reads.clear()
    client.cookies.set("lotse_sitzung", old_cookie)
    answer = client.post("/hochladen", data={"csrf_token": token}, files=upload)
    assert answer.status_code == 303 and answer.headers["location"].startswith("/login")
    assert form_reads == []


def test_an_old_cookie_does_not_show_the_name_on_error_pages(workbench: Workbench) -> None:
    client = workbench.client("pilot63")
    assert "pilot63" in client.get("/gibt-es-nicht").text  # signed in: the header names you
    cookie = client.cookies["lotse_sitzung"]
    client.post("/logout", data={"csrf_token": csrf_of(client.get("/").text)})
    stale = workbench.client()
    stale.cookies.set("lotse_sitzung", cookie)
    answer = stale.get("/gibt-es-nicht")
    assert answer.status_code == 404
    assert "pilot63" not in answer.text


def test_a_huge_process_name_keeps_pages_and_cookies_small(workbench: Workbench) -> None:
    from tests.bpmn.test_long_names import LONG_NAME, _diagram

    client = workbench.client("pilot63")
    answer = client.post(
        "/hochladen",
        data={"csrf_token": csrf_of(client.get("/hochladen").text)},
        files={"datei": ("lang.bpmn", _diagram(), "application/xml")},
    )
    assert answer.status_code == 303, answer.text[:300]
    assert len(answer.headers["set-cookie"]) < 4096, "browsers drop cookies above 4 KB"
    process_page = client.get(answer.headers["location"])
    catalogue = client.get("/katalog")
    for page in (process_page, catalogue):
        assert page.status_code == 200
        assert len(page.content) < 500_000
        assert LONG_NAME[:1000] not in page.text
        assert "Antrag sehr sehr" in page.text
    assert "wird gekürzt gezeigt" in process_page.text
