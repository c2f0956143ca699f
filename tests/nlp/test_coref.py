"""Pronoun, relative and description sources resolved to a named antecedent."""

from __future__ import annotations

import pytest

import claimledger.nlp.actors  # noqa: F401  (factory)
from claimledger.nlp.attribution.enrich.coref import resolve


@pytest.fixture()
def actors_nlp(english_with):
    with english_with("claimledger_actors") as nlp:
        yield nlp


def _resolve(actors_nlp, text: str, mention: str, occurrence: int = 0) -> str | None:
    doc = actors_nlp(text)
    start = -1
    for _ in range(occurrence + 1):
        start = doc.text.index(mention, start + 1)
    m = resolve(doc, doc.char_span(start, start + len(mention)), [])
    return m["name"] if m else None


def test_coref_he_she_to_nearest_person(actors_nlp) -> None:
    text = "Prime Minister Ana Ruiz met General Viktor Hale in the capital. He said the front was stable."
    assert _resolve(actors_nlp, text, "He") == "Viktor Hale"


def test_coref_they_to_a_group(actors_nlp) -> None:
    text = "The opposition party held a rally on Sunday. They said the vote should be postponed."
    assert _resolve(actors_nlp, text, "They") == "opposition party"


def test_coref_description_to_the_role_holder(actors_nlp) -> None:
    text = "Interior Ministry spokesman Karel Novak spoke on Monday. The spokesman said 12 people were held."
    assert _resolve(actors_nlp, text, "The spokesman") == "Karel Novak"


def test_coref_title_written_before_the_name(actors_nlp) -> None:
    text = "Admiral Jonas Lind briefed the committee. The admiral said two submarines had been damaged."
    assert _resolve(actors_nlp, text, "The admiral") == "Jonas Lind"


def test_coref_relative_pronoun_to_its_noun(actors_nlp) -> None:
    text = "The report cited Farida Osman, who said the convoy had arrived."
    assert _resolve(actors_nlp, text, "who") == "Farida Osman"


def test_coref_nothing_before_is_none(actors_nlp) -> None:
    assert _resolve(actors_nlp, "He said the front was stable.", "He") is None
