"""claimledger_places: evidence from neighbouring toponyms, names the NER cuts short, second-level
regions and unknown names (hand-written sentences)."""

from __future__ import annotations

import pytest

from claimledger.nlp.places.gazetteer import haversine_km


def _place(doc, word: str) -> dict | None:
    start = doc.text.index(word)
    return next((p for p in doc._.cl_places if p["start"] <= start < p["end"]), None)


def test_places_context_town_then_state_picks_the_state_holding_the_town(pnlp) -> None:
    doc = pnlp("The plant in Macon, Georgia closed after the outbreak.")
    georgia = _place(doc, "Georgia")
    assert georgia is not None and (georgia["country"], georgia["feature"]) == ("US", "ADM1")


@pytest.mark.parametrize(
    ("text", "country", "feature"),
    [
        ("The recall covered stores in Texas, Georgia and Florida.", "US", "ADM1"),
        ("Aid convoys left Armenia, Georgia and Azerbaijan on Monday.", "GE", "PCLI"),
    ],
)
def test_places_context_listed_siblings_decide_state_or_country(pnlp, text: str, country: str, feature: str) -> None:
    georgia = _place(pnlp(text), "Georgia")
    assert georgia is not None and (georgia["country"], georgia["feature"]) == (country, feature)


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Fighting resumed in the Democratic Republic of the Congo last week.", "Democratic Republic", "CD"),
        ("Cholera has now reached Guinea-Bissau, officials said.", "Guinea-Bissau", "GW"),
    ],
)
def test_places_context_names_the_ner_cuts_short_are_whole(pnlp, text: str, name: str, country: str) -> None:
    doc = pnlp(text)
    p = _place(doc, name)
    assert p is not None and p["country"] == country and p["feature"] == "PCLI"
    assert len(doc._.cl_places) == 1


def test_places_context_unknown_names_are_not_geocoded_by_a_generic_part(pnlp) -> None:
    doc = pnlp("Fishermen on Lake Pontchartrain and visitors to Plum Island reported dead birds.")
    assert all(p["country"] not in ("IS",) and "County" not in (p["name"] or "") for p in doc._.cl_places)


def test_places_context_second_level_regions_are_known(pnlp) -> None:
    doc = pnlp("Bird flu was found on a farm in Suffolk, in eastern England.")
    suffolk = _place(doc, "Suffolk")
    assert suffolk is not None and suffolk["country"] == "GB" and suffolk["feature"] == "ADM2"
    assert haversine_km(suffolk["lat"], suffolk["lon"], 52.2, 1.0) < 60


def test_places_context_county_with_its_state(pnlp) -> None:
    doc = pnlp("Deputies in Scott County, Iowa, closed two schools.")
    county = _place(doc, "Scott")
    assert county is not None and (county["country"], county["admin1"], county["feature"]) == ("US", "Iowa", "ADM2")
