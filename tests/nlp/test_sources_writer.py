"""(c) A first person outside quotation marks is the article's writer, never a person named in it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from spacy.language import Language

import claimledger.nlp.actors  # noqa: F401  (factory)
from claimledger.nlp.attribution.enrich.sources import fill_source, is_writer
from claimledger.nlp.attribution.lexicon import quote_chars
from claimledger.nlp.attribution.quotes import find_quotes


@pytest.fixture()
def actors_nlp(english_with: Any) -> Iterator[Language]:
    with english_with("claimledger_actors") as nlp:
        yield nlp


def _fill(nlp: Language, text: str, pronoun: str) -> dict[str, Any]:
    doc = nlp(text)
    start = re.search(rf"\b{pronoun}\b", text).start()  # type: ignore[union-attr]
    span = doc.char_span(start, start + len(pronoun))
    assert span is not None
    rec: dict[str, Any] = {"source": [start, start + len(pronoun)], "content": []}
    fill_source(doc, rec, span, [], quote_chars(doc, find_quotes(doc.text)))
    return rec


def test_sources_first_person_outside_quotes_is_the_writer(actors_nlp: Language) -> None:
    text = "My uncle shouted at Mayor Ivan Sirko. Even as a child, I knew this was wrong."
    rec = _fill(actors_nlp, text, "I")
    assert rec.get("source_writer") is True
    assert rec["source_name"] is None and rec["source_kind"] == "person"


def test_sources_we_in_a_letter_is_the_writer(actors_nlp: Language) -> None:
    text = "Having lived on three continents, we are sure this country is unique."
    rec = _fill(actors_nlp, text, "we")
    assert rec.get("source_writer") is True and rec["source_name"] is None


def test_sources_first_person_inside_a_quote_is_not_the_writer(actors_nlp: Language) -> None:
    doc = actors_nlp("“I think we will win,” said Maria Lopez.")
    span = doc.char_span(1, 2)
    assert span is not None
    assert not is_writer(span, quote_chars(doc, find_quotes(doc.text)))
