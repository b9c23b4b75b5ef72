"""``lotse user signout``: administrators end sessions from the command line (after an update)."""

from __future__ import annotations

from typer.testing import CliRunner

from lotse.cli import app
from tests.web.conftest import USERS, Workbench


def test_signout_all_ends_every_session(workbench: Workbench) -> None:
    it, pilot = workbench.client("it"), workbench.client("pilot63")
    assert it.get("/katalog").status_code == 200

    result = CliRunner().invoke(app, ["user", "signout", "--all"])
    assert result.exit_code == 0, result.output
    assert f"Abgemeldet: {len(USERS)} Benutzer" in result.stdout
    for client in (it, pilot):
        answer = client.get("/katalog")
        assert answer.status_code == 303 and answer.headers["location"].startswith("/login")


def test_signout_one_user_leaves_the_others(workbench: Workbench) -> None:
    it, pilot = workbench.client("it"), workbench.client("pilot63")
    result = CliRunner().invoke(app, ["user", "signout", "pilot63"])
    assert result.exit_code == 0, result.output
    assert pilot.get("/katalog").status_code == 303
    assert it.get("/katalog").status_code == 200
    unknown = CliRunner().invoke(app, ["user", "signout", "niemand"])
    assert unknown.exit_code == 1 and "gibt es nicht" in unknown.stderr
    assert CliRunner().invoke(app, ["user", "signout"]).exit_code == 2
