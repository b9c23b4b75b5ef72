"""Separator sheets: the printed sheet reads back, pages are told apart, the plan is right."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PIL import Image

from robots.batch_split import split_batch
from robots.documents import ReadLimits
from robots.errors import DocumentRejected
from robots.extract import extract
from robots.sandbox import run_sandboxed
from robots.separators import (
    PageKind,
    Part,
    SeparatorUnreadable,
    is_blank,
    is_separator,
    plan_parts,
    separator_sheet_pdf,
)
from tests.robots.batches import (
    blank_page,
    damaged_sheet,
    letter_page,
    sheet,
    write_pdf,
    write_tiff,
)

S, B, L = PageKind(separator=True), PageKind(blank=True), PageKind()


@pytest.mark.parametrize(
    ("kinds", "on_blank", "expected"),
    [
        ([L, L, L], False, [Part(0, 2)]),
        ([S, L, L, S, L], False, [Part(1, 2), Part(4, 4)]),
        ([L, S, S, L, S], False, [Part(0, 0), Part(3, 3)]),  # double sheet, sheet at the end
        ([S, B, L, L, S, B, L], False, [Part(2, 3), Part(6, 6)]),  # duplex backs of sheets
        ([L, B, L], False, [Part(0, 2)]),  # a blank page inside a letter stays without the setting
        ([L, B, L, B, B, L], True, [Part(0, 0), Part(2, 2), Part(5, 5)]),
        ([S, S], False, []),
    ],
)
def test_plan_parts(kinds: list[PageKind], on_blank: bool, expected: list[Part]) -> None:
    assert plan_parts(kinds, split_on_blank=on_blank) == expected


def test_part_label_counts_pages_as_on_paper() -> None:
    assert Part(0, 0).label == "1"
    assert Part(2, 4).label == "3–5"


def test_printed_sheet_reads_back(tmp_path: Path) -> None:
    """The PDF a clerk prints, rasterised as a 150 dpi scanner would, is found."""
    pdf = tmp_path / "trennblatt.pdf"
    pdf.write_bytes(separator_sheet_pdf())
    subprocess.run(
        ["pdftoppm", "-r", "150", "-gray", "-tiff", "-singlefile", str(pdf), str(tmp_path / "s")],
        check=True,
    )
    with Image.open(tmp_path / "s.tif") as image:
        assert is_separator(image)
        assert is_separator(image.rotate(180))  # fed upside down
    # The label is real text: a person can read what the sheet is for.
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "Trennblatt" in text and "nicht zugestellt" in text


def test_pages_told_apart() -> None:
    assert is_separator(sheet())
    assert not is_separator(letter_page("brief.png"))
    assert is_blank(blank_page())
    assert not is_blank(letter_page("brief.png"))
    assert not is_blank(sheet())


def test_damaged_sheet_is_not_guessed() -> None:
    with pytest.raises(SeparatorUnreadable) as caught:
        is_separator(damaged_sheet(), page=4)
    assert "Seite 4" in caught.value.message


def _split(path: Path, out: Path, on_blank: bool = False):  # type: ignore[no-untyped-def]
    out.mkdir()
    return run_sandboxed(
        split_batch, str(path), str(out), ReadLimits(), on_blank, seconds=60, memory_mb=1536
    )


def test_pdf_batch_splits_into_letters_that_read_like_single_scans(tmp_path: Path) -> None:
    pages = [
        sheet(), letter_page("brief.png"),
        sheet(seed=2), blank_page(), letter_page("image009.png"), letter_page("image016.png"),
        sheet(seed=4), letter_page("image024.png"),
    ]  # fmt: skip
    plan = _split(write_pdf(pages, tmp_path / "stapel.pdf"), tmp_path / "out")
    assert plan.pages == 8
    assert plan.separators == [0, 2, 6]
    assert plan.parts == [Part(1, 1), Part(4, 5), Part(7, 7)]
    assert len(plan.files) == 3
    for file, part in zip(plan.files, plan.parts, strict=True):
        extracted = run_sandboxed(
            extract, file, str(tmp_path / "out"), ReadLimits(), seconds=60, memory_mb=1536
        )
        assert len(extracted.pages) == len(part.pages)
        assert all(page.image for page in extracted.pages)


def test_tiff_batch_splits_on_blank_pages_when_asked(tmp_path: Path) -> None:
    pages = [letter_page("brief.png"), blank_page(), letter_page("image009.png")]
    path = write_tiff(pages, tmp_path / "stapel.tif")
    assert _split(path, tmp_path / "a").single  # without the setting: one letter as it is
    plan = _split(path, tmp_path / "b", on_blank=True)
    assert plan.parts == [Part(0, 0), Part(2, 2)]
    with Image.open(plan.files[1]) as part:
        assert part.n_frames == 1 and part.mode == "1"


def test_batch_without_separators_stays_one_letter(tmp_path: Path) -> None:
    pages = [letter_page("brief.png"), letter_page("image009.png")]
    plan = _split(write_pdf(pages, tmp_path / "zwei.pdf"), tmp_path / "out")
    assert plan.single and plan.parts == [Part(0, 1)]


def test_unreadable_separator_rejects_the_batch(tmp_path: Path) -> None:
    pages = [letter_page("brief.png"), damaged_sheet(), letter_page("image009.png")]
    with pytest.raises(DocumentRejected) as caught:
        _split(write_pdf(pages, tmp_path / "stapel.pdf"), tmp_path / "out")
    assert caught.value.reason == "separator-unreadable"
    assert "Seite 2" in caught.value.message


def test_only_separators_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(DocumentRejected) as caught:
        _split(write_pdf([sheet(), sheet(seed=5)], tmp_path / "leer.pdf"), tmp_path / "out")
    assert caught.value.reason == "batch-empty"


def test_no_sample_letter_is_taken_for_a_separator() -> None:
    """Every scanned sample page (noise, stamps, folds, upside down) is a letter page."""
    scans = sorted(
        p for p in (Path(__file__).parents[2] / "samples/mail/letters").iterdir()
        if p.suffix.lower() in (".png", ".jpg", ".jpeg", ".tif", ".tiff")
    )  # fmt: skip
    assert len(scans) >= 30
    for path in scans:
        with Image.open(path) as image:
            for frame in range(getattr(image, "n_frames", 1)):
                image.seek(frame)
                assert not is_separator(image.copy()), path.name
