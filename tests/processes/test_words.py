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


@pytest.mark.parametrize(
    "word", ["Vertretung", "Erstellung", "Bestellung", "Vorgesetzte", "Registratur"]
)
def test_words_that_only_look_like_compounds_stay_whole(word: str) -> None:
    assert Vocabulary.default().split(word) == (stem(word),)


def test_sicherstellen_does_not_hold_erstellen() -> None:
    words = Vocabulary.default().words("Vertretung sicherstellen")
    assert not any(w.has(stem("erstellen")) for w in words)
    # "sicher-" is a particle: sicherstellen is one verb, not "stellen" either
    assert words[1].parts == (stem("sicherstellen"),)


@pytest.mark.parametrize(
    "word",
    ["eintragen", "Eintragung", "beantragen", "vertragen", "übertragen", "Auftrag", "Vortrag",
     "Beitrag", "beauftragen", "wiederholen", "aufbringen", "Sicherstellung", "Ausdruck",
     "Einsicht"],
)  # fmt: skip
def test_a_prefix_belongs_to_its_verb_and_is_no_compound_part(word: str) -> None:
    """eintragen ≠ tragen, Einsicht ≠ sichten: the base is never a part of its own."""
    (found,) = Vocabulary.default().words(word)
    assert found.parts == (stem(word),)
    assert not {stem("tragen"), stem("holen"), stem("bringen"), stem("sichten")} & found.verbs


def test_a_particle_verb_inside_a_noun_compound_stays_whole() -> None:
    vocabulary = Vocabulary.default().extended(["eintragen"])
    assert vocabulary.split("Posteintragung") == (stem("Post"), stem("eintragen"))


@pytest.mark.parametrize(
    ("form", "infinitive"),
    [
        ("eingetragen", "eintragen"),
        ("zugestellt", "zustellen"),
        ("abgeholt", "abholen"),
        ("weitergeleitet", "weiterleiten"),
        ("gebucht", "buchen"),
        ("geprüft", "prüfen"),
        ("gesichtet", "sichten"),
        ("übertragen", "übertragen"),
        ("erfasst", "erfassen"),
        ("hochgeladen", "hochladen"),
        ("prüft", "prüfen"),
        ("sortiert", "sortieren"),
        ("bearbeitet", "bearbeiten"),
        ("Buchung", "buchen"),
        ("Rechnungsprüfung", "prüfen"),
        ("Erfassen", "erfassen"),
    ],
)
def test_inflected_verbs_and_action_nouns_know_their_infinitive(form: str, infinitive: str) -> None:
    (word,) = Vocabulary.default().words(form)
    assert stem(infinitive) in word.verbs


@pytest.mark.parametrize("noun", ["Eingangsbuch", "Kassenbuch", "Buch", "Amt", "Bericht"])
def test_a_noun_that_shares_a_stem_is_no_verb_form(noun: str) -> None:
    (word,) = Vocabulary.default().words(noun)
    assert stem("buchen") not in word.verbs
    assert not word.verbs


def test_a_particle_at_the_end_of_the_clause_joins_its_verb() -> None:
    words = Vocabulary.default().words(
        "Die Poststelle trägt den Eingang ins Buch ein und legt den Brief ab."
    )
    verbs = {w.text: w.verbs for w in words}
    assert verbs["trägt"] == {stem("eintragen")}, "trägt … ein is eintragen, not tragen"
    assert verbs["legt"] == {stem("ablegen")}
    # a particle that is not at the end of its clause is a preposition
    (carry, *_) = [w for w in Vocabulary.default().words("trägt ein Paket") if w.text == "trägt"]
    assert carry.verbs == {stem("tragen")}


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
