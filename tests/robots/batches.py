"""Batch scans for tests: the sample generator's sheets and pages (samples/mail/make_batches.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from PIL import Image

from tests.conftest import SAMPLES


def _generator() -> ModuleType:
    path = SAMPLES / "mail" / "make_batches.py"
    spec = importlib.util.spec_from_file_location("make_batches", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_made = _generator()
DPI: int = _made.DPI


def letter_page(name: str) -> Image.Image:
    """A scanned sample letter (single page) as a grey page image."""
    return _made.letter(name)[0]  # type: ignore[no-any-return]


def sheet(*, skew: float = 0.6, seed: int = 1) -> Image.Image:
    return _made.sheet_scan(skew=skew, seed=seed)  # type: ignore[no-any-return]


def damaged_sheet() -> Image.Image:
    return _made.damaged_sheet_scan()  # type: ignore[no-any-return]


def blank_page(seed: int = 3) -> Image.Image:
    return _made.blank_back(seed)  # type: ignore[no-any-return]


def write_pdf(pages: list[Image.Image], path: Path) -> Path:
    return _made.write_pdf(pages, path)  # type: ignore[no-any-return]


def write_tiff(pages: list[Image.Image], path: Path) -> Path:
    return _made.write_tiff(pages, path)  # type: ignore[no-any-return]
