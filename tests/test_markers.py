"""The marks that keep heavy parts out of ``make check`` come from the fixtures that start them."""

from __future__ import annotations

import pytest


def test_a_test_without_the_fixture_cannot_start_tesseract() -> None:
    from robots.ocr import ocr_page

    with pytest.raises(pytest.fail.Exception, match="ask for tesseract"):
        ocr_page("seite.png")


def test_a_test_without_the_fixture_cannot_start_chromium() -> None:
    from robots.browser import chromium

    with pytest.raises(pytest.fail.Exception, match="ask for browser"), chromium():
        pass


def test_the_tesseract_fixture_marks_its_test(
    request: pytest.FixtureRequest, tesseract: str
) -> None:
    assert request.node.get_closest_marker("ocr") is not None
    assert request.node.get_closest_marker("browser") is None
    assert tesseract  # the version it found


@pytest.mark.parametrize("database_url", ["sqlite", "postgresql"], indirect=True)
def test_postgresql_marks_only_its_own_variant(
    request: pytest.FixtureRequest, database_url: str
) -> None:
    marked = request.node.get_closest_marker("postgres") is not None
    assert marked == database_url.startswith("postgresql")
