"""German word handling: tokens, stems, compound parts, label similarity."""

from __future__ import annotations

import unicodedata

import pytest

from processes.words import Vocabulary, content_stems, normalise, similarity, stem, tokens


def test_tokens_keep_hyphenated_words_and_drop_punctuation() -> None:
    text = "Dokumenteninhalt mit Strg-A auswählen, dann in MS-Outlook einfügen (E-Mail)."
    assert tokens(text) == [
        "Dokumenteninhalt",
        "mit",
        "Strg-A",
        "auswählen",
        "dann",
        "in",
        "MS-Outlook",
        "einfügen",
        "E-Mail",
    ]


def test_tokens_and_normalise_use_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Prüfung  der\nÄnderung")
    assert normalise(decomposed) == "Prüfung der Änderung"
    assert tokens(decomposed) == ["Prüfung", "der", "Änderung"]
    assert stem(decomposed.split()[0]) == stem("Prüfung")


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("prüfen", "Prüfung"),
        ("Antrag", "Anträge"),
        ("erstellen", "Erstellung"),
        ("Rechnung", "Rechnungen"),
        ("eintragen", "Eintragung"),
    ],
)
def test_inflections_and_ung_nouns_share_a_stem(first: str, second: str) -> None:
    assert stem(first) == stem(second)


def test_different_words_keep_different_stems() -> None:
    assert stem("Vertretung") != stem("erstellen")
    assert stem("Rechnung") != stem("berechnen")


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("Rechnungseingang", ("rechnung", "eingang")),
        ("Urlaubsantrag", ("urlaub", "antrag")),
        ("Dokumenteninhalt", ("dokument", "inhalt")),
        ("Posteingang", ("post", "eingang")),
        ("Kennworteingabe", ("kennwort", "eingabe")),
        ("Eingangsstempel", ("eingang", "stempel")),
        ("Bescheiderstellung", ("bescheid", "erstellen")),
        ("Bearbeitungsstand", ("bearbeitung", "stand")),
        ("E-Mail", ("email",)),
        ("MS-Outlook", ("ms", "outlook")),
    ],
)
def test_compounds_split_into_known_parts(word: str, parts: tuple[str, ...]) -> None:
    assert Vocabulary.default().split(word) == tuple(stem(p) for p in parts)


@pytest.mark.parametrize("word", ["Vertretung", "Erstellung", "Bestellung", "Vorgesetzte"])
def test_words_that_only_look_like_compounds_stay_whole(word: str) -> None:
    assert Vocabulary.default().split(word) == (stem(word),)


def test_sicherstellen_does_not_hold_erstellen() -> None:
    words = Vocabulary.default().words("Vertretung sicherstellen")
    assert not any(w.has(stem("erstellen")) for w in words)
    assert words[1].has(stem("stellen"))


def test_unknown_words_split_only_next_to_a_known_part() -> None:
    vocabulary = Vocabulary(["Antrag"])
    assert vocabulary.split("Zaubertrankantrag") == (stem("Zaubertrank"), stem("Antrag"))
    # two unknown parts, or an unknown word alone, are not guessed at
    assert vocabulary.split("Zaubertrankkessel") == (stem("Zaubertrankkessel"),)


def test_a_vocabulary_can_be_extended() -> None:
    vocabulary = Vocabulary(["Antrag"])
    assert "Kessel" not in vocabulary
    extended = vocabulary.extended(["Kessel", "Zaubertrank"])
    assert "Kessel" in extended and "Anträge" in extended
    assert extended.split("Zaubertrankkessel") == (stem("Zaubertrank"), stem("Kessel"))


def test_content_stems_leave_out_function_words() -> None:
    assert set(content_stems("Prüfung des Antrags auf Urlaub")) == {
        stem("prüfen"),
        stem("Antrag"),
        stem("Urlaub"),
    }


def test_similarity_ignores_order_inflection_and_compounding() -> None:
    assert similarity("Urlaubsantrag prüfen", "Prüfung des Antrags auf Urlaub") == 1.0
    assert similarity("Rechnung prüfen", "Rechnungsprüfung") == 1.0
    assert similarity("Rechnung prüfen", "Rechnung buchen") == pytest.approx(0.5)
    assert similarity("Rechnung prüfen", "Urlaub nehmen") == 0.0


def test_similarity_of_labels_without_content_words() -> None:
    assert similarity("", "") == 1.0
    assert similarity("und", "oder") == 0.0
    assert similarity("?", "?") == 1.0
