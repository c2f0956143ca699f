"""What a figure measures (``measure``/``measure_subject``): killed vs wounded vs arrested vs people."""

from __future__ import annotations

import pytest
import spacy

from claimledger.evaluate.figures import score_measures
from claimledger.nlp.figures.measure import MEASURES, measure_from_text, measure_of_words, subject_of_noun

MEASURE_FLOOR = 0.9  # issue #15: what is counted right on >= 90 % of our figure cases


def _measures(nlp, text: str) -> dict[str, tuple[str | None, str | None]]:
    doc = nlp(text)
    return {text[f["start"] : f["end"]]: (f["measure"], f["measure_subject"]) for f in doc._.cl_figures}


def test_figures_measure_vocabulary_is_the_across_articles_one() -> None:
    from claimledger.reconcile.measures import MEASURES as RECONCILE_MEASURES

    assert set(MEASURES) == set(RECONCILE_MEASURES)


def test_figures_measure_of_words_reads_counted_nouns() -> None:
    assert measure_of_words("casualties") == "killed_or_injured"
    assert measure_of_words("killed or injured") == "killed_or_injured"
    assert measure_of_words("dead or missing") == "dead_or_missing"
    assert measure_of_words("death toll") == "killed"
    assert measure_of_words("refugees") == "displaced"
    assert measure_of_words("people") is None
    assert subject_of_noun("policemen") == "police"
    assert subject_of_noun("aid workers") == "aid workers"


def test_figures_measure_from_text_without_a_parse() -> None:
    text = "The blast killed 12 people and 30 were wounded."
    assert measure_from_text(text, 17, 19, "people") == ("killed", None)
    assert measure_from_text(text, 31, 33, None) == ("injured", None)


def test_figures_measure_without_parser_uses_the_words_around() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("claimledger_figures")
    got = _measures(nlp, "Shelling killed 14 civilians; 40 people were injured.")
    assert got["14"] == ("killed", "civilians")
    assert got["40"][0] == "injured"


@pytest.mark.slow
def test_figures_measure_tells_killed_wounded_arrested_and_people_apart(nlp) -> None:
    got = _measures(
        nlp,
        "The blast killed 12 people and wounded 30 others. Police arrested 57 protesters. "
        "About 1,500 people attended the funeral. At least 15 people were killed or wounded.",
    )
    assert got["12"] == ("killed", None)
    assert got["30"] == ("injured", None)
    assert got["57"] == ("arrested", None)
    assert got["About 1,500"] == (None, None)
    assert got["At least 15"] == ("killed_or_injured", None)


@pytest.mark.slow
def test_figures_measure_reads_groups_and_parts(nlp) -> None:
    got = _measures(
        nlp,
        "The strike killed 19 people, including 11 children. Three soldiers were killed in an ambush. "
        "Russia has deployed 10,000 troops. The rebels captured 40 soldiers.",
    )
    assert got["11"] == ("killed", "children")
    assert got["Three"] == ("killed", "soldiers")
    assert got["10,000"] == ("troops", None)
    assert got["40"] == ("prisoners", "soldiers")


@pytest.mark.slow
def test_figures_measure_accuracy_on_our_cases(nlp) -> None:
    res = score_measures(nlp)
    ours = res["figure_cases.jsonl"]
    assert ours["n"] >= 60
    assert ours["right"] / ours["n"] >= MEASURE_FLOOR, ours["misses"]
    held = res["figure_measure_heldout.jsonl"]  # written after the rules, never tuned on: 28/32 when written
    assert held["n"] >= 30 and held["right"] / held["n"] >= 0.8, held["misses"]


def test_figures_measure_from_the_noun_an_of_phrase_hangs_on(nlp) -> None:
    got = _measures(nlp, "Floods forced the evacuation of about 900 residents and the rescue of 14 fishermen.")
    assert got["about 900"][0] == "displaced" and got["14"][0] == "rescued"
    assert _measures(nlp, "The evacuation of the embassy took 3 hours.")["3 hours"][0] is None
    assert _measures(nlp, "The kidnapping of 25 villagers was reported.")["25"][0] == "prisoners"


def test_figures_measure_of_a_number_that_a_level_verb_moves(nlp) -> None:
    got = _measures(nlp, "The number of people killed in the fire has risen to 31, the mayor said.")
    assert got["31"][0] == "killed"
    assert _measures(nlp, "The number of people at the rally rose to 3,000.")["3,000"][0] is None
