"""Migration 0018a: passwords from before Lotse knew who chose them must be changed.

An installation that ran 0011a (release 0.1.0) kept every earlier password, among
them the first admin's, which older versions printed to the journal.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from sqlalchemy import text

from tests.migrations import schema_at
from tests.web.conftest import change_password, csrf_of

OLD_PASSWORD = "aus-dem-journal-1"


def test_every_earlier_password_must_be_changed_at_the_next_sign_in(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lotse.app import open_app
    from lotse.db import Database
    from lotse.settings import get_settings
    from lotse.web.app import create_app

    engine = schema_at(database_url, "0016a")  # a database 0011a left as it was
    hashed = PasswordHasher().hash(OLD_PASSWORD)
    with engine.begin() as connection:
        for name, role, forced in (("admin", "admin", False), ("mmuster", "lotse", False),
                                   ("neu", "it", True)):  # fmt: skip
            connection.execute(
                text(
                    "INSERT INTO users (username, password_hash, role, department_code, active, "
                    "created_at, session_generation, must_change_password) VALUES (:name, :hash, "
                    ":role, '20', :active, CURRENT_TIMESTAMP, 0, :forced)"
                ),
                {"name": name, "hash": hashed, "role": role, "active": True, "forced": forced},
            )
    engine.dispose()
    Database(database_url).dispose()  # migrates to the head, as every start does
    with Database(database_url).engine.connect() as connection:
        rows = connection.execute(
            text("SELECT username, must_change_password, password_chosen_at FROM users")
        ).all()
    assert sorted((name, bool(forced), chosen) for name, forced, chosen in rows) == [
        ("admin", True, None),
        ("mmuster", True, None),
        ("neu", True, None),
    ]

    # As the admin would see it: sign-in works with the old password, then only the
    # password page until a new one is chosen, which is recorded as the user's own.
    monkeypatch.setenv("LOTSE_DATABASE_URL", database_url)
    monkeypatch.setenv("LOTSE_DATA_DIR", str(tmp_path / "data"))
    get_settings.cache_clear()
    lotse = open_app()
    try:
        client = TestClient(create_app(lotse), follow_redirects=False)
        token = csrf_of(client.get("/login").text)
        answer = client.post(
            "/login", data={"username": "admin", "password": OLD_PASSWORD, "csrf_token": token}
        )
        assert (answer.status_code, answer.headers["location"]) == (303, "/passwort")
        assert client.get("/katalog").headers["location"] == "/passwort"
        assert "älteren Lotse-Version" in client.get("/passwort").text
        assert change_password(client, OLD_PASSWORD, "selbst-gewaehlt-1").status_code == 303
        assert client.get("/katalog").status_code == 200
        with lotse.db.engine.connect() as connection:
            query = "SELECT must_change_password, password_chosen_at FROM users WHERE username = :n"
            admin = connection.execute(text(query), {"n": "admin"}).one()
        assert not admin[0] and admin[1] is not None
    finally:
        lotse.db.dispose()
