"""claimledger_places on hand-written news sentences and our ≥80-case set (floors per category)."""

from __future__ import annotations

import pytest

from claimledger.evaluate.places import check_case, load_cases, score_cases
from claimledger.nlp.places.gazetteer import haversine_km

# Floors per category on tests/data/place_cases.jsonl (measured 1.00 each when written).
FLOORS = {
    "ambiguous": 0.9,
    "village": 0.9,
    "region": 0.9,
    "metonymy": 0.9,
    "demonym": 0.9,
    "variant": 0.85,
    "all": 0.92,
}


@pytest.fixture()
def pnlp(english_with):
    """Places and actors (overrides the places-only ``pnlp`` of tests/nlp/conftest.py)."""
    with english_with("claimledger_places", "claimledger_actors") as nlp:
        yield nlp


def _place(doc, word: str) -> dict | None:
    start = doc.text.index(word)
    return next((p for p in doc._.cl_places if p["start"] <= start < p["end"]), None)


def test_places_records_follow_the_contract(pnlp) -> None:
    doc = pnlp("Shelling hit Kherson and villages in the Zaporizhzhia region on Sunday.")
    keys = {"start", "end", "name", "country", "admin1", "lat", "lon", "gazetteer_id", "feature"}
    assert doc._.cl_places and all(keys <= set(p) for p in doc._.cl_places)
    assert [doc.text[p["start"] : p["end"]] for p in doc._.cl_places] == [s.text for s in doc.spans["cl_place"]]


def test_places_context_picks_the_village_in_the_named_region(pnlp) -> None:
    doc = pnlp("Troops captured Novovasylivka, a village in the Donetsk region, near Pokrovsk.")
    p = _place(doc, "Novovasylivka")
    assert p is not None and p["admin1"] == "Donetsk Oblast"
    assert haversine_km(p["lat"], p["lon"], 48.2, 37.3) < 60


def test_places_metonyms_are_not_places_but_government_actors(pnlp) -> None:
    doc = pnlp("Moscow announced that its troops had advanced, and Kyiv sees the move as an escalation.")
    assert _place(doc, "Moscow") is None and _place(doc, "Kyiv") is None
    govs = {a["name"] for a in doc._.cl_actors if a["metonymy"]}
    assert {"Russia", "Ukraine"} <= govs


def test_places_demonyms_resolve_to_countries(pnlp) -> None:
    doc = pnlp("Polish and Ukrainian officials met at the border.")
    assert _place(doc, "Ukrainian")["country"] == "UA"
    assert _place(doc, "Ukrainian")["feature"] == "demonym"


def test_places_survive_pipe_with_serialisation(pnlp) -> None:
    from spacy.tokens import Doc

    doc = pnlp("Drones struck Belgorod overnight.")
    back = Doc(pnlp.vocab).from_bytes(doc.to_bytes())
    assert back._.cl_places == doc._.cl_places


def test_places_empty_and_placeless_texts(pnlp) -> None:
    assert pnlp("")._.cl_places == []
    assert pnlp("The committee will meet again next week.")._.cl_places == []


def test_places_hand_written_cases_meet_floors(pnlp) -> None:
    cases = load_cases()
    assert len(cases) >= 80
    scores = score_cases(pnlp)
    low = {k: round(v["accuracy"], 2) for k, v in scores.items() if v["accuracy"] < FLOORS.get(k, 0.9)}
    assert not low, {k: scores[k]["failures"] for k in low}


def test_places_check_case_rejects_a_wrong_country(pnlp) -> None:
    case = {
        "text": "Shelling hit Kherson overnight.",
        "mention": "Kherson",
        "expect": "place",
        "country": "RU",
        "lat": 46.64,
        "lon": 32.6,
        "km": 30,
    }
    assert check_case(pnlp(case["text"]), case)[0] is False
