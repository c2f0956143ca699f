"""The claimledger_figures component: records, spans, counts, bases, non-figures and bad input."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc

from claimledger.nlp.figures.component import extract_figures

KEYS = {
    "start",
    "end",
    "value",
    "unit",
    "bound",
    "approx",
    "counts",
    "measure",
    "measure_subject",
    "normalized",
    "of",
    "derived_value",
    "kind",
    "high",
    "note",
}


@pytest.fixture()
def fig_nlp(english_with: Any) -> Iterator[Language]:
    with english_with("claimledger_figures") as nlp:
        yield nlp


def figs_by_text(nlp: Language, text: str) -> dict[str, dict[str, Any]]:
    doc = nlp(text)
    return {text[f["start"] : f["end"]]: f for f in doc._.cl_figures}


def test_figures_records_have_the_contract_shape_and_match_spans(fig_nlp: Language) -> None:
    text = "Officials said over 10,000 soldiers and about 500 square miles were lost in 2024."
    doc = fig_nlp(text)
    recs = doc._.cl_figures
    assert [set(r) for r in recs] == [KEYS] * len(recs)
    assert [(s.start_char, s.end_char) for s in doc.spans["cl_figure"]] == [(r["start"], r["end"]) for r in recs]
    assert [s.label_ for s in doc.spans["cl_figure"]] == [r["kind"] for r in recs]
    json.dumps(recs)  # plain data


def test_figures_survive_doc_serialisation(fig_nlp: Language) -> None:
    doc = fig_nlp("Nearly half of the 3,000 recruits had been wounded.")
    back = Doc(fig_nlp.vocab).from_bytes(doc.to_bytes())
    assert back._.cl_figures == doc._.cl_figures
    assert [s.text for s in back.spans["cl_figure"]] == [s.text for s in doc.spans["cl_figure"]]


def test_figures_bounds_approximations_and_counts(fig_nlp: Language) -> None:
    got = figs_by_text(fig_nlp, "Moscow sent more than 8,000 marines and nearly 300 tanks, the report said.")
    assert got["more than 8,000"]["bound"] == "lower" and got["more than 8,000"]["counts"] == "marines"
    nearly = got["nearly 300"]
    assert nearly["approx"] is True and nearly["value"] == 300 and nearly["counts"] == "tanks"


def test_figures_fraction_counts_the_predicate_and_derives_from_a_fronted_base(fig_nlp: Language) -> None:
    got = figs_by_text(fig_nlp, "Of the 9,000 conscripts sent to the front, about a third had been killed or captured.")
    third = got["about a third"]
    assert third["kind"] == "fraction" and third["of"] == 9000
    assert third["derived_value"] == pytest.approx(3000)
    assert third["counts"] == "killed or captured"


def test_figures_partitive_and_anaphoric_bases(fig_nlp: Language) -> None:
    got = figs_by_text(fig_nlp, "Some 30 percent of the 1,500 homes were hit.")
    assert got["Some 30 percent"]["derived_value"] == pytest.approx(450)
    got = figs_by_text(fig_nlp, "The army held about 200 square kilometres but lost half of that area in May.")
    assert got["half"]["of"] == 200 and got["half"]["derived_value"] == pytest.approx(100)


def test_figures_units_are_normalised_to_metric(fig_nlp: Language) -> None:
    got = figs_by_text(fig_nlp, "They seized 300 square miles along the 400-mile border within two weeks.")
    assert got["300 square miles"]["normalized"]["unit"] == "km2"
    assert got["300 square miles"]["normalized"]["value"] == pytest.approx(777, rel=1e-3)
    assert got["400-mile"]["normalized"] == {"value": pytest.approx(643.7, rel=1e-3), "unit": "km"}
    assert got["two weeks"]["kind"] == "duration" and got["two weeks"]["normalized"]["value"] == 14


def test_figures_ranges_and_money(fig_nlp: Language) -> None:
    got = figs_by_text(fig_nlp, "Between 2 and 4 million people could need $3.5bn in aid.")
    rng = got["Between 2 and 4 million"]
    assert (rng["value"], rng["high"]) == (2e6, 4e6)
    assert got["$3.5bn"]["kind"] == "money" and got["$3.5bn"]["unit"] == "USD" and got["$3.5bn"]["value"] == 3.5e9


@pytest.mark.parametrize(
    "text",
    [
        "It was the first attack since World War II.",
        "The vote took place in March 2022.",
        "One of the pilots flew an F-16 at 6 a.m.",
        "Article 5 of the treaty was cited on Friday.",
        "No one knows whether the 2014 accords still hold.",
    ],
)
def test_figures_dates_ordinals_identifiers_and_pronouns_are_not_figures(fig_nlp: Language, text: str) -> None:
    assert fig_nlp(text)._.cl_figures == []


def test_figures_absurd_values_are_kept_as_text_with_a_note(fig_nlp: Language) -> None:
    (fig,) = fig_nlp("A channel claimed 10^400 troops were mobilised.")._.cl_figures
    assert fig["value"] is None and "overflow" in fig["note"]
    (fig,) = fig_nlp("A blog claimed 5,000,000,000,000,000,000 deaths.")._.cl_figures
    assert fig["value"] is None and fig["note"]


def test_figures_without_a_parse_still_find_values_and_counts() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("claimledger_figures")
    (fig,) = nlp("Police detained 57 protesters.")._.cl_figures
    assert (fig["value"], fig["counts"]) == (57, "protesters")


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            list("0123456789 ,.-/^%$€£½abcdefmkx")
            + [" of ", " million ", " half ", " percent ", " over ", " km ", " between ", " and "]
        ),
        max_size=30,
    ).map("".join)
)
def test_figures_any_text_never_crashes_and_offsets_hold(text: str) -> None:
    for f in extract_figures(text):
        assert 0 <= f["start"] < f["end"] <= len(text)
        assert f["value"] is None or abs(f["value"]) <= 1e15
