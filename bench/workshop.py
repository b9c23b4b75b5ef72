"""How long a workshop comparison takes, by size: what the Workshop page waits for.

    .venv/bin/python bench/workshop.py

The web page recomputes the comparison for every view and every correction, so its
time is the page's time. Measured on the five toast samples and on made-up
workshops of N drawings with S steps each: every drawing takes most steps of one
shared process (as pilots drawing the same thing do), names some of them its own
way and adds a few of its own. Baseline in the same run: the same comparison with
the word-pair cache of ``processes.workshop.wording`` switched off (how it was
before), on the mid-sized workshop.

Then how well steps align, on six municipal processes each drawn by three colleagues
in the styles people write (tests/processes/workshop_styles.py: infinitive, noun,
done, passive, other words for the same work): precision and recall of "the same
step" over every pair of steps, with Lotse's reading of inflected verbs and its
synonyms (``processes/workshop/synonyms_de.txt``) and, as the baseline in the same
run, without them (stems and compound parts only, as before).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import pairwise

from _common import REPO, best_of, keep_bench_off_path, print_machine

keep_bench_off_path()

from bpmn import read_bpmn  # noqa: E402
from processes.scoring import load_model  # noqa: E402
from processes.workshop import Drawing, compare, wording  # noqa: E402
from processes.workshop.align import MAX_OCCURRENCES  # noqa: E402
from processes.workshop.html import drawings as draw  # noqa: E402
from tests.processes.workshop_styles import alignment_quality  # noqa: E402

MODEL = load_model()
NOUNS = """Antrag Bescheid Akte Gebühr Unterlagen Nachweis Termin Zahlung Ausweis Meldung
Stellungnahme Vermerk Rechnung Vollmacht Anhörung Widerspruch Fristverlängerung Einwohnerdaten
Parkplatz Kennzeichen Wohnsitz Fahrzeugschein Sachbearbeitung Posteingang""".split()  # noqa: SIM905 - a word list reads better as text
VERBS = """prüfen erfassen anfordern versenden buchen ablegen erstellen weiterleiten scannen
genehmigen ablehnen abgleichen nachfragen unterschreiben drucken""".split()  # noqa: SIM905 - a word list reads better as text
# The same step said differently, as pilots do: "Antrag prüfen" / "Antrag kontrollieren".
SYNONYMS = {"prüfen": "kontrollieren", "versenden": "verschicken", "erfassen": "eingeben",
            "ablegen": "archivieren", "erstellen": "schreiben"}  # fmt: skip


def workshop(drawings: int, steps: int, seed: int = 7) -> list[Drawing]:
    rng = random.Random(seed)
    shared = [f"{rng.choice(NOUNS)} {rng.choice(VERBS)}" for _ in range(steps)]
    result = []
    for number in range(drawings):
        names = []
        for name in shared:
            if rng.random() < 0.15:
                continue  # forgotten
            noun, verb = name.split()
            if rng.random() < 0.2:
                verb = SYNONYMS.get(verb, verb)
            names.append(f"{noun} {verb}")
            if rng.random() < 0.05:
                names.append(f"{rng.choice(NOUNS)} {rng.choice(VERBS)}")  # their own step
        result.append(Drawing(f"zeichnung-{number + 1}.bpmn", read_bpmn(_chain(names))))
    return result


def _chain(names: list[str]) -> bytes:
    ids = ["s", *[f"t{i}" for i in range(len(names))], "e"]
    nodes = ['<startEvent id="s" name="Antrag eingegangen"/>']
    nodes += [f'<task id="t{i}" name="{name}"/>' for i, name in enumerate(names)]
    nodes.append('<endEvent id="e" name="Vorgang abgeschlossen"/>')
    flows = [
        f'<sequenceFlow id="f{i}" sourceRef="{a}" targetRef="{b}"/>'
        for i, (a, b) in enumerate(pairwise(ids))
    ]
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">'
        '<process id="P" name="Bewohnerparkausweis">' + "".join(nodes + flows) + "</process>"
        "</definitions>"
    ).encode()


@contextmanager
def words_as_before() -> Iterator[None]:
    """Name similarity from stems and compound parts only: no verb readings, no synonyms."""
    meant, groups = wording._meant, wording.synonyms
    wording._meant = lambda word: word.parts  # type: ignore[assignment]
    wording.synonyms = dict  # type: ignore[assignment]
    wording._weighted_tokens.cache_clear()
    try:
        yield
    finally:
        wording._meant, wording.synonyms = meant, groups
        wording._weighted_tokens.cache_clear()


@contextmanager
def without_word_cache() -> Iterator[None]:
    cached = wording._token_similarity
    wording._token_similarity = cached.__wrapped__  # type: ignore[assignment]
    try:
        yield
    finally:
        wording._token_similarity = cached


def main() -> None:
    print_machine()
    toast = [
        Drawing(p.name, read_bpmn(p))
        for p in sorted((REPO / "samples" / "workshop" / "toast").glob("*.bpmn"))
    ]
    print(f"{'Vergleich':<28} {'Schritte':>8} {'erstmals':>9} {'wieder':>8} {'Zeichnen':>9}")
    cases = [("Toast (5 Proben)", toast), *[
        (f"{n} Zeichnungen à {s} Schritte", workshop(n, s))
        for n, s in ((5, 20), (12, 40), (3, 200))
    ]]  # fmt: skip
    timings = {}
    for label, drawings in cases:
        comparison = compare(drawings, model=MODEL, max_steps=MAX_OCCURRENCES)
        steps = sum(len(d.steps) for d in comparison.steps_by_drawing)
        wording._token_similarity.cache_clear()
        first = best_of(1, lambda d=drawings: compare(d, model=MODEL))  # the page's first view
        again = best_of(1, lambda d=drawings: compare(d, model=MODEL))  # a correction, a reload
        drawn = best_of(1, lambda c=comparison: draw(c))
        timings[label] = first
        print(f"{label:<28} {steps:>8} {first:>8.2f}s {again:>7.2f}s {drawn:>8.2f}s", flush=True)

    mid = workshop(12, 40)
    wording._token_similarity.cache_clear()
    with without_word_cache():
        before = best_of(1, lambda: compare(mid, model=MODEL))
    now = timings["12 Zeichnungen à 40 Schritte"]
    print(f"\nOhne Wortpaar-Cache (vorher), 12 × 40: {before:.2f} s; mit (erstmals): {now:.2f} s "
          f"→ {before / now:.1f}× schneller")  # fmt: skip

    print("\nZuordnung in 6 Workshops à 3 Zeichnungen (Schreibweisen der Kollegen):")
    with words_as_before():
        old = alignment_quality(MODEL)
    new = alignment_quality(MODEL)
    for label, (precision, recall, right, gold) in (("vorher (Stämme)", old), ("jetzt", new)):
        print(f"  {label:<17} Genauigkeit {precision:6.1%}  Trefferquote {recall:6.1%} "
              f"({right} von {gold} Paaren)")  # fmt: skip


if __name__ == "__main__":
    main()
