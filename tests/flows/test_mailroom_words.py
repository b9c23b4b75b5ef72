"""What the poststelle flow says in its log and its artifacts, in plain German, with links
to the letters' pages in the workbench (pure functions, no Prefect server needed)."""

from __future__ import annotations

from flows.mailroom import letter_sentence, summary_markdown
from robots.mailroom import LetterOutcome

NAMES = {"33": "Bürgeramt", "22": "Steueramt"}


def _outcome(
    letter_id: int, status: str, department: str | None, reason: str = ""
) -> LetterOutcome:
    return LetterOutcome(
        letter_id=letter_id, name=f"scan-{letter_id}.pdf", status=status, department=department,
        confidence=0.9, pages=1, ocr_pages=1, seconds=1.0, reason=reason,
    )  # fmt: skip


def test_log_lines_say_what_happened_to_whom() -> None:
    assert (
        letter_sentence(_outcome(12, "archived", "33"), NAMES)
        == "Brief 12 („scan-12.pdf“) an 33 Bürgeramt zugestellt und archiviert."
    )
    assert (
        letter_sentence(_outcome(13, "delivered", "99"), NAMES)
        == "Brief 13 („scan-13.pdf“) an 99 zugestellt."
    )
    waiting = letter_sentence(_outcome(14, "review", None, "Werbung („Prozent sparen“)"), NAMES)
    assert waiting == "Brief 14 („scan-14.pdf“) wartet auf eine Entscheidung der Poststelle."
    assert "Prozent" not in waiting, "what the letter says stays out of the log"
    assert (
        letter_sentence(
            _outcome(15, "quarantined", None, "Die PDF-Datei ist verschlüsselt."), NAMES
        )
        == "Brief 15 („scan-15.pdf“) in Quarantäne: Die PDF-Datei ist verschlüsselt."
    )


def test_summary_links_each_letter_to_its_page_with_its_reason() -> None:
    outcomes = [
        _outcome(12, "archived", "33"),
        _outcome(14, "review", None, "Zwei Ämter | fast gleich"),
    ]
    text = summary_markdown(outcomes, names=NAMES, workbench="https://lotse.stadt.example")
    assert (
        "| [12](https://lotse.stadt.example/post/12) | scan-12.pdf | archiviert | 33 Bürgeramt |"
        in text
    )
    assert (
        "| [14](https://lotse.stadt.example/post/14) | scan-14.pdf | zur Prüfung | – | Zwei Ämter \\| fast gleich |"
        in text
    )
    # without an address: the number alone
    assert "| 12 | scan-12.pdf |" in summary_markdown(outcomes)
