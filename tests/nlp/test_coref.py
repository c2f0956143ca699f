"""Pronoun, relative and description sources resolved to a named antecedent."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from spacy.language import Language

import claimledger.nlp.actors  # noqa: F401  (factory)
from claimledger.nlp.attribution.enrich.coref import resolve


@pytest.fixture()
def actors_nlp(english_with: Any) -> Iterator[Language]:
    with english_with("claimledger_actors") as nlp:
        yield nlp


def _resolve(actors_nlp: Language, text: str, mention: str, occurrence: int = 0) -> str | None:
    doc = actors_nlp(text)
    start = -1
    for _ in range(occurrence + 1):
        start = doc.text.index(mention, start + 1)
    span = doc.char_span(start, start + len(mention))
    assert span is not None
    m = resolve(doc, span, [])
    return m["name"] if m else None


def test_coref_he_she_to_the_most_salient_person(actors_nlp: Language) -> None:
    # Lappin & Leass: the subject outranks the nearer object when nothing tells their genders apart
    text = "Prime Minister Ana Ruiz met General Viktor Hale in the capital. She said the front was stable."
    assert _resolve(actors_nlp, text, "She") == "Ana Ruiz"


def test_coref_gender_shown_in_the_article_filters_candidates(actors_nlp: Language) -> None:
    text = "Ms. Dana Levi met the ambassador, Mr. Karl Horn, on Monday. He said the embassy would reopen."
    assert _resolve(actors_nlp, text, "He") == "Karl Horn"


def test_coref_subject_of_the_previous_sentence_over_the_nearest_name(actors_nlp: Language) -> None:
    text = (
        "Defence Minister Oleh Marchuk spoke after meeting General Ivan Sirko on Tuesday. "
        "He said reinforcements were on the way."
    )
    assert _resolve(actors_nlp, text, "He") == "Oleh Marchuk"


def test_coref_it_is_the_author_of_a_statement(actors_nlp: Language) -> None:
    text = "The interior ministry released a statement on Sunday. It said 14 people had been arrested."
    assert _resolve(actors_nlp, text, "It") == "interior ministry"


def test_coref_the_statement_is_its_author(actors_nlp: Language) -> None:
    text = "A statement from the presidential office said the president would travel to Geneva."
    assert _resolve(actors_nlp, text, "A statement") == "presidential office"


def test_coref_it_without_a_speaker_is_none(actors_nlp: Language) -> None:
    assert _resolve(actors_nlp, "The bridge collapsed on Monday. It said nothing.", "It") is None


def test_coref_they_to_a_group(actors_nlp: Language) -> None:
    text = "The opposition party held a rally on Sunday. They said the vote should be postponed."
    assert _resolve(actors_nlp, text, "They") == "opposition party"


def test_coref_description_to_the_role_holder(actors_nlp: Language) -> None:
    text = "Interior Ministry spokesman Karel Novak spoke on Monday. The spokesman said 12 people were held."
    assert _resolve(actors_nlp, text, "The spokesman") == "Karel Novak"


def test_coref_title_written_before_the_name(actors_nlp: Language) -> None:
    text = "Admiral Jonas Lind briefed the committee. The admiral said two submarines had been damaged."
    assert _resolve(actors_nlp, text, "The admiral") == "Jonas Lind"


def test_coref_relative_pronoun_to_its_noun(actors_nlp: Language) -> None:
    text = "The report cited Farida Osman, who said the convoy had arrived."
    assert _resolve(actors_nlp, text, "who") == "Farida Osman"


def test_coref_nothing_before_is_none(actors_nlp: Language) -> None:
    assert _resolve(actors_nlp, "He said the front was stable.", "He") is None


# (a) gender: first names and titles tell he from she


def test_coref_first_name_gender_filters_candidates(actors_nlp: Language) -> None:
    text = (
        "Senator Margaret Hollis questioned the bank's chief executive, Robert Stanfield, on Tuesday. "
        "He admitted that the bank had failed its customers."
    )
    assert _resolve(actors_nlp, text, "He") == "Robert Stanfield"


def test_coref_she_is_not_a_man_named_earlier(actors_nlp: Language) -> None:
    text = "Michael Dorsey met Susan Whitfield in Ohio. Dorsey praised her plan. She said it would pass."
    assert _resolve(actors_nlp, text, "She") == "Susan Whitfield"


def test_actors_title_gender_keeps_a_surname_from_the_wrong_person(actors_nlp: Language) -> None:
    # "Mrs. Benet" repeats Laura Benet, not her husband Paul named after her
    text = (
        "Laura Benet spoke in Lyon on Monday. Her husband, Paul Benet, stayed in Paris. Mrs. Benet said it would pass."
    )
    doc = actors_nlp(text)
    at = text.index("Mrs. Benet") + len("Mrs. ")
    names = [a["name"] for a in doc._.cl_actors if a["start"] <= at < a["end"]]
    assert names == ["Laura Benet"]


# (b) animacy: he/she need a person, "they said" needs people or a body


def test_coref_he_is_not_an_object_description(actors_nlp: Language) -> None:
    text = (
        "Don Pellegrino, a former party chairman, said the party needed a plan. "
        "The party's rules let the committee name a replacement candidate. "
        "“We must be ready for that,” he said."
    )
    at = text.count("he", 0, text.index(" he said") + 1)
    assert _resolve(actors_nlp, text, "he", occurrence=at) == "Don Pellegrino"


def test_coref_he_is_not_a_predicate_noun(actors_nlp: Language) -> None:
    text = "Viktor Hale met voters in Lviv. Few expected he would become the president. He said talks would go on."
    assert _resolve(actors_nlp, text, "He") == "Viktor Hale"


def test_coref_they_said_is_not_a_thing(actors_nlp: Language) -> None:
    text = (
        "Senators Anna Holt and Mark Reyes say other changes are needed. "
        "The scheme now reaches far past its first aim, they say."
    )
    assert _resolve(actors_nlp, text, "they") == "Anna Holt and Mark Reyes"


def test_coref_they_show_may_be_a_thing(actors_nlp: Language) -> None:
    text = "The new poll numbers favoured the governor. They may also show that turnout will fall."
    assert _resolve(actors_nlp, text, "They") == "new poll numbers"


# (d) "it shows": a video is no statement and no speaker


def test_coref_it_shows_is_the_object_not_its_publisher(actors_nlp: Language) -> None:
    text = "The Daily Courier first published the drone footage on Friday. It shows a convoy crossing the bridge."
    assert _resolve(actors_nlp, text, "It") == "drone footage"


def test_actors_a_lone_surname_is_the_first_person_of_that_name(actors_nlp: Language) -> None:
    # the protagonist is named first; a namesake relative is written in full each time
    text = "Senator Ted Varga spoke in Ohio. Critics mocked his wife, Heidi Varga, last year. Varga said he was hurt."
    doc = actors_nlp(text)
    at = text.index("Varga said")
    assert [a["name"] for a in doc._.cl_actors if a["start"] <= at < a["end"]] == ["Ted Varga"]
    assert _resolve(actors_nlp, text, "he") == "Ted Varga"
