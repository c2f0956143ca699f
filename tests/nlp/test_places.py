"""claimledger_places on hand-written news sentences (the case set's floors are in tests/quality_gate.json)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from claimledger.evaluate.places import check_case
from claimledger.nlp.places.gazetteer import haversine_km


@pytest.fixture()
def pnlp(english_with: Any) -> Iterator[Language]:
    """Places and actors (overrides the places-only ``pnlp`` of tests/nlp/conftest.py)."""
    with english_with("claimledger_places", "claimledger_actors") as nlp:
        yield nlp


def _place(doc: Doc, word: str) -> dict[str, Any] | None:
    start = doc.text.index(word)
    found: dict[str, Any] | None = next((p for p in doc._.cl_places if p["start"] <= start < p["end"]), None)
    return found


def test_places_records_follow_the_contract(pnlp: Language) -> None:
    doc = pnlp("Shelling hit Kherson and villages in the Zaporizhzhia region on Sunday.")
    keys = {"start", "end", "name", "country", "admin1", "lat", "lon", "gazetteer_id", "feature"}
    assert doc._.cl_places and all(keys <= set(p) for p in doc._.cl_places)
    assert [doc.text[p["start"] : p["end"]] for p in doc._.cl_places] == [s.text for s in doc.spans["cl_place"]]


def test_places_context_picks_the_village_in_the_named_region(pnlp: Language) -> None:
    doc = pnlp("Troops captured Novovasylivka, a village in the Donetsk region, near Pokrovsk.")
    p = _place(doc, "Novovasylivka")
    assert p is not None and p["admin1"] == "Donetsk Oblast"
    assert haversine_km(p["lat"], p["lon"], 48.2, 37.3) < 60


def test_places_metonyms_are_not_places_but_government_actors(pnlp: Language) -> None:
    doc = pnlp("Moscow announced that its troops had advanced, and Kyiv sees the move as an escalation.")
    assert _place(doc, "Moscow") is None and _place(doc, "Kyiv") is None
    govs = {a["name"] for a in doc._.cl_actors if a["metonymy"]}
    assert {"Russia", "Ukraine"} <= govs


def test_places_demonyms_resolve_to_countries(pnlp: Language) -> None:
    doc = pnlp("Polish and Ukrainian officials met at the border.")
    ukrainian = _place(doc, "Ukrainian")
    assert ukrainian is not None
    assert ukrainian["country"] == "UA" and ukrainian["feature"] == "demonym"


def test_places_survive_pipe_with_serialisation(pnlp: Language) -> None:
    from spacy.tokens import Doc

    doc = pnlp("Drones struck Belgorod overnight.")
    back = Doc(pnlp.vocab).from_bytes(doc.to_bytes())
    assert back._.cl_places == doc._.cl_places


def test_places_empty_and_placeless_texts(pnlp: Language) -> None:
    assert pnlp("")._.cl_places == []
    assert pnlp("The committee will meet again next week.")._.cl_places == []


def test_places_check_case_rejects_a_wrong_country(pnlp: Language) -> None:
    case = {
        "text": "Shelling hit Kherson overnight.",
        "mention": "Kherson",
        "expect": "place",
        "country": "RU",
        "lat": 46.64,
        "lon": 32.6,
        "km": 30,
    }
    assert check_case(pnlp(str(case["text"])), case)[0] is False
