"""claimledger_places on conflict reporting and US politics: spelling variants, the NER's misses,
initials, and countries or capitals beside their namesake towns (cases: tests/data/place_cases_news.jsonl)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from claimledger.evaluate.places import NEWS_CASES_PATH, check_case, load_cases
from claimledger.nlp.places.gazetteer import fold_key, get_gazetteer, norm_key


@pytest.fixture()
def pnlp(english_with: Any) -> Iterator[Language]:
    """Places and actors (the news cases score metonyms through the actors component)."""
    with english_with("claimledger_places", "claimledger_actors") as nlp:
        yield nlp


def _at(doc: Doc, word: str) -> list[dict[str, Any]]:
    start = doc.text.index(word)
    return [p for p in doc._.cl_places if p["start"] <= start < p["end"]]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Qamishli", "Al Qamishli"),
        ("Kamishli", "al-Qamishli"),
        ("Nuseirat", "An Nusayrat"),
        ("Maarat al-Numan", "Maarrat an Numan"),
        ("Khan Sheikhoun", "Khan Shaykhun"),
        ("al-Hawija", "Al Hawijah"),
        ("Hodeidah", "El Hodeida"),
        ("Artemivsk", "Artemovsk"),
    ],
)
def test_places_fold_key_joins_romanisation_variants(a: str, b: str) -> None:
    assert fold_key(norm_key(a)) == fold_key(norm_key(b))


@pytest.mark.parametrize(("a", "b"), [("Paris", "Peru"), ("Homs", "Hama"), ("Gao", "Goa"), ("Aden", "Adan Kabir")])
def test_places_fold_key_keeps_different_names_apart(a: str, b: str) -> None:
    assert fold_key(norm_key(a)) != fold_key(norm_key(b))


def test_places_lookup_folded_finds_a_spelling_no_source_lists() -> None:
    gaz = get_gazetteer()
    assert not [e for e in gaz.lookup("Qamishli") if e.cc == "SY"]
    hits = gaz.lookup_folded("Qamishli")
    assert hits and hits[0].cc == "SY" and hits[0].kind == 1  # an alternate-name match
    assert not gaz.lookup_folded("Ukrainian")  # demonyms never match by folding


def test_places_spelling_variant_of_a_conflict_town_is_geocoded(pnlp: Language) -> None:
    doc = pnlp("Kurdish-led forces said a car bomb exploded near a checkpoint in Qamishli on Thursday.")
    assert [p["country"] for p in _at(doc, "Qamishli")] == ["SY"]


def test_places_ner_misses_after_an_attack_noun_or_a_war_verb_are_found(pnlp: Language) -> None:
    doc = pnlp("Russian marines suffered heavy losses in failed assaults on Vuhledar.")
    assert [p["country"] for p in _at(doc, "Vuhledar")] == ["UA"]
    doc = pnlp("The offensive to retake al-Hawija began at dawn with air strikes on militant positions.")
    assert [p["country"] for p in _at(doc, "al-Hawija")] == ["IQ"]


def test_places_a_spelling_variant_alone_does_not_make_an_organisation_a_place(pnlp: Language) -> None:
    doc = pnlp("Sidhoum told al-Jazeera the occasion marked the first time in years.")
    assert not _at(doc, "al-Jazeera")


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The MoD said two British jets had intercepted a Russian aircraft.", "MoD"),
        ("The UN said the convoy reached Idlib with food for 40,000 people.", "UN"),
        ("Ministers from every E.U. member state met in Brussels.", "E.U."),
        ("Ohio lawmakers said the MoD in London had briefed them on the war.", "MoD"),
    ],
)
def test_places_initials_are_not_places(pnlp: Language, text: str, word: str) -> None:
    doc = pnlp(text)
    assert not _at(doc, word)


def test_places_initials_of_a_country_still_are(pnlp: Language) -> None:
    doc = pnlp("Flights from the UAE to Port Sudan resumed on Monday, and a ship from the US docked there.")
    assert [p["country"] for p in _at(doc, "UAE")] == ["AE"]
    assert [p["country"] for p in _at(doc, "US")] == ["US"]


def test_places_check_case_not_place_and_not_country(pnlp: Language) -> None:
    doc = pnlp("Flooding closed roads in Paris, Texas, on Sunday.")
    assert not check_case(doc, {"mention": "Paris", "expect": "not_place"})[0]
    assert not check_case(doc, {"mention": "Paris", "expect": "not_country", "country": "US"})[0]
    assert check_case(doc, {"mention": "Paris", "expect": "not_country", "country": "FR"})[0]


def test_places_news_cases_file_has_the_three_categories() -> None:
    cases = load_cases(NEWS_CASES_PATH)
    cats = {c["category"] for c in cases}
    assert cats == {"conflict", "us_context", "acronym"}
    assert len({c["id"] for c in cases}) == len(cases)
    assert sum(c["category"] == "conflict" for c in cases) >= 60


@pytest.mark.parametrize(
    ("text", "word", "country"),
    [
        (
            "The congressman from Idaho, back from a trip to Moscow, told reporters in Boise the talks failed.",
            "Moscow",
            "RU",
        ),
        ("Officials in Kentucky and Ohio met British investors in London last week.", "London", "GB"),
        (
            "The Ohio delegation, meeting Polish officials in Warsaw, said Cleveland's mills would reopen.",
            "Warsaw",
            "PL",
        ),
        ("The University of Idaho is in Moscow, Idaho, a small town near the state line.", "Moscow", "US"),
        ("A tornado damaged homes in Paris, Texas, and the governor of Oklahoma sent crews.", "Paris", "US"),
    ],
)
def test_places_country_or_capital_outranks_its_namesake_town_unless_the_text_places_it(
    pnlp: Language, text: str, word: str, country: str
) -> None:
    doc = pnlp(text)
    assert [p["country"] for p in _at(doc, word)] == [country]


def test_places_namesake_of_capital_is_a_town_beside_a_much_bigger_capital_or_a_country() -> None:
    from claimledger.nlp.places.context import namesake_of_capital
    from claimledger.nlp.places.gazetteer import Entry
    from claimledger.nlp.places.mentions import Mention

    capital = Entry(1, "g1", "Moscow", "RU", "Moskva", 55.7, 37.6, 10_000_000, "PPLC", False, 0)
    town = Entry(2, "g2", "Moscow", "US", "Idaho", 46.7, -117.0, 25_000, "PPL", False, 0)
    city = Entry(3, "g3", "Victoria", "CA", "British Columbia", 48.4, -123.4, 290_000, "PPL", False, 0)
    small_capital = Entry(4, "g4", "Victoria", "SC", "English River", -4.6, 55.5, 22_000, "PPLC", False, 0)
    assert namesake_of_capital(town, Mention(0, 1, "Moscow", "GPE", cands=(capital, town)))
    assert not namesake_of_capital(capital, Mention(0, 1, "Moscow", "GPE", cands=(capital, town)))
    assert not namesake_of_capital(city, Mention(0, 1, "Victoria", "GPE", cands=(small_capital, city)))
