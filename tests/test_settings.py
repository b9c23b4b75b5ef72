"""Settings: frozen, overridden for a while without touching the environment, keys of caches."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from pydantic import ValidationError

from lotse.app import app_for, close_apps
from lotse.settings import Settings, get_settings, settings_override


def test_settings_cannot_be_changed_in_place() -> None:
    settings = get_settings()
    with pytest.raises(ValidationError):
        settings.mail_workers = 7  # type: ignore[misc]
    assert hash(settings) == hash(Settings())  # equal values, equal keys


def test_an_override_holds_inside_its_block_and_leaves_the_environment_alone() -> None:
    before = get_settings()
    environment = dict(os.environ)
    with settings_override(mail_workers=7, mail_stable_seconds=0) as inner:
        assert get_settings() is inner and inner.mail_workers == 7
        with settings_override(mail_workers=3):
            assert (get_settings().mail_workers, get_settings().mail_stable_seconds) == (3, 0)
        assert get_settings().mail_workers == 7
    assert get_settings() == before
    assert dict(os.environ) == environment


def test_an_override_is_validated_and_keeps_what_was_set() -> None:
    with pytest.raises(ValidationError):
        get_settings().changed(mail_workers=0)
    with pytest.raises(ValueError, match="Unbekannte Einstellungen: mail_wrokers"):
        get_settings().changed(mail_wrokers=2)
    changed = get_settings().changed(prefect_ui_url="http://127.0.0.1:4300")
    assert "prefect_ui_url" in changed.model_fields_set
    assert "delivery_file" not in changed.model_fields_set  # still the default


def test_another_thread_sees_the_environment_s_settings_not_this_override() -> None:
    seen: list[int] = []
    with settings_override(mail_workers=9):
        thread = threading.Thread(target=lambda: seen.append(get_settings().mail_workers))
        thread.start()
        thread.join()
    assert seen == [get_settings().mail_workers] != [9]


def test_one_application_per_settings(tmp_path: Path) -> None:
    base = get_settings().changed(database_url=f"sqlite:///{tmp_path / 'lotse.db'}")
    try:
        first = app_for(base)
        assert app_for(base.changed()) is first  # equal settings: the same application
        other = app_for(base.changed(mail_workers=base.mail_workers + 1))
        assert other is not first  # any setting is part of the key
        with settings_override(base):
            assert app_for() is first
    finally:
        close_apps()
