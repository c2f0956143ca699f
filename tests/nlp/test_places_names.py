"""claimledger_places: partial names, names the NER cuts short on either side, alternate names
and the population prior of big regions (hand-written sentences)."""

from __future__ import annotations

import pytest

from claimledger.nlp.places.gazetteer import haversine_km


def _place(doc, word: str) -> dict | None:
    start = doc.text.index(word)
    return next((p for p in doc._.cl_places if p["start"] <= start < p["end"]), None)


@pytest.mark.parametrize(
    ("text", "word", "wrong"),
    [
        ("Birds were found dead in the Danube Delta area near the Black Sea.", "Delta", "NG"),
        ("Most cases are in the Central Plateau, north of the capital.", "Plateau", "NG"),
        ("Twelve deaths were reported in North Eastern Province, officials said.", "Eastern", "UG"),
    ],
)
def test_places_part_of_a_longer_unknown_name_is_not_that_place(pnlp, text: str, word: str, wrong: str) -> None:
    p = _place(pnlp(text), word)
    assert p is None or p["country"] != wrong


def test_places_direction_before_a_city_is_still_the_city(pnlp) -> None:
    p = _place(pnlp("Two clinics in North Dallas reported cases on Friday."), "Dallas")
    assert p is not None and p["country"] == "US" and haversine_km(p["lat"], p["lon"], 32.78, -96.80) < 50


@pytest.mark.parametrize(
    ("text", "word", "name", "lat", "lon"),
    [
        ("Aid workers said that in Goz Beida the camps lacked water.", "Goz", "Goz Beida", 12.22, 21.41),
        (
            "Sushi was sold at two restaurants in Mission Viejo and Fullerton.",
            "Mission",
            "Mission Viejo",
            33.6,
            -117.67,
        ),
        (
            "Cases were confirmed in São Paulo, Paraná and Rio Grande do Sul.",
            "Rio Grande",
            "Rio Grande do Sul",
            -29.7,
            -53.5,
        ),
        (
            "Nine are in São Paulo, four in Santa Catarina and one in Rio Grande do Sul.",
            "Rio Grande",
            "Rio Grande do Sul",
            -29.7,
            -53.5,
        ),
    ],
)
def test_places_names_the_ner_cuts_short_are_whole(
    pnlp, text: str, word: str, name: str, lat: float, lon: float
) -> None:
    p = _place(pnlp(text), word)
    assert p is not None and p["name"] == name
    assert haversine_km(p["lat"], p["lon"], lat, lon) < 200


def test_places_another_places_alternate_name_does_not_beat_a_big_own_name(pnlp) -> None:
    doc = pnlp("The boy was flown from Wichita, Kansas to Pittsburgh for treatment.")
    p = _place(doc, "Pittsburgh")
    assert p is not None and p["name"] == "Pittsburgh" and haversine_km(p["lat"], p["lon"], 40.44, -79.99) < 30


def test_places_listed_city_keeps_big_namesake_over_a_village_of_a_listed_state(pnlp) -> None:
    doc = pnlp("Of the cases, nine are in São Paulo, four in Santa Catarina and one in Rio Grande do Sul.")
    p = _place(doc, "São Paulo")
    assert p is not None and haversine_km(p["lat"], p["lon"], -23.55, -46.63) < 100


def test_places_alternately_named_city_beats_its_alternately_named_province(pnlp) -> None:
    p = _place(pnlp("Millions of pilgrims travelled to Mecca this week."), "Mecca")
    assert p is not None and p["country"] == "SA" and haversine_km(p["lat"], p["lon"], 21.42, 39.83) < 30


@pytest.mark.parametrize(
    ("text", "word", "country"),
    [
        ("The second case, in Texas, was confirmed weeks before the case diagnosed in England.", "England", "GB"),
        ("The CDC in Atlanta said a contract lab in Georgia had confirmed the result.", "Georgia", "US"),
        ("Officials in Texas and Florida said a contract lab in Georgia confirmed the result.", "Georgia", "US"),
        ("Russian troops still occupy a fifth of Georgia, the government in Tbilisi said.", "Georgia", "GE"),
    ],
)
def test_places_big_region_beats_a_small_namesake_town(pnlp, text: str, word: str, country: str) -> None:
    p = _place(pnlp(text), word)
    assert p is not None and p["country"] == country


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("He met the informant at a cafe in Piccadilly before flying back to London.", "Piccadilly"),
        ("Floods swept the Indonesian island of Java, officials in Jakarta said.", "Java"),
        # "Suba" is an alternate spelling of Suva, Fiji: not in a story about western Kenya
        ("Cholera spread from Kisumu to Suba and Homa Bay in western Kenya.", "Suba"),
    ],
)
def test_places_far_away_hamlet_of_an_unnamed_country_is_left_unresolved(pnlp, text: str, word: str) -> None:
    p = _place(pnlp(text), word)
    assert p is None or p["lat"] is None or p["country"] in ("GB", "ID", "KE")


def test_places_lone_direction_word_is_no_region(pnlp) -> None:
    doc = pnlp("Cases were reported in the provinces of Nyanza, Coast, North Eastern and Western.")
    assert not [p for p in doc._.cl_places if p["name"] in ("North", "West", "Western", "Eastern")]


def test_places_town_placed_in_a_region_holding_none_of_its_namesakes_is_unresolved(pnlp) -> None:
    # no Stroud in Ontario in the gazetteer: the English or Oklahoma Stroud would be wrong
    doc = pnlp("Police stopped the truck on Highway 11 in Stroud, Ontario, Canada, on Sunday.")
    p = _place(doc, "Stroud")
    assert p is None or p["lat"] is None or p["country"] == "CA"
    ontario = _place(doc, "Ontario")
    assert ontario is not None and ontario["country"] == "CA"


def test_places_listed_states_do_not_hold_the_first_one(pnlp) -> None:
    doc = pnlp("Officials are investigating cases in Washington, Pennsylvania and California.")
    p = _place(doc, "Washington")
    assert p is not None and p["feature"] == "ADM1" and p["admin1"] == "Washington"


def test_places_town_and_its_state_still_anchor(pnlp) -> None:
    p = _place(pnlp("The plant in Blakely, Georgia closed after the recall."), "Blakely")
    assert p is not None and p["country"] == "US" and p["admin1"] == "Georgia"


@pytest.mark.parametrize(
    ("text", "word", "feature"),
    [
        ("Nine cases of West Nile virus were found in the Houston region this summer.", "Houston", "PPL"),
        ("Warm water in the tropical Pacific region brings floods to east Africa.", "Pacific", "SEA"),
    ],
)
def test_places_region_word_is_not_a_county(pnlp, text: str, word: str, feature: str) -> None:
    p = _place(pnlp(text), word)
    assert p is not None and p["feature"] == feature and "County" not in p["name"]


def test_places_county_word_still_picks_the_county(pnlp) -> None:
    p = _place(pnlp("Flooding closed roads across Scott County on Tuesday."), "Scott")
    assert p is not None and p["feature"] == "ADM2"


def test_places_direction_record_keeps_the_named_places_point(pnlp) -> None:
    from claimledger.nlp.places.gazetteer import get_gazetteer

    china = get_gazetteer().country("CN")
    doc = pnlp("Floods struck northern China on Monday.")
    p = _place(doc, "China")
    assert p is not None and p["direction"] == "north" and p["lat"] > china.lat
    assert (p["named_lat"], p["named_lon"]) == (china.lat, china.lon)


def test_places_geovirus_scores_a_bare_gold_name_at_the_named_place(pnlp) -> None:
    from claimledger.evaluate.places import score_geovirus
    from claimledger.nlp.places.gazetteer import get_gazetteer

    china = get_gazetteer().country("CN")
    text = "Floods struck northern China on Monday."
    s = text.index("China")
    gold = [(s, s + len("China"), china.lat, china.lon, "China")]
    out = score_geovirus(pnlp, [{"text": text, "gold": gold}])
    assert out["recall"] == 1.0 and out["acc161"] == 1.0 and out["mean_km"] < 1


@pytest.mark.parametrize(
    ("text", "word", "feature"),
    [
        ("Schools in Buenos Aires closed for two weeks, the health ministry said.", "Buenos Aires", "PPLC"),
        ("The first infected cow was found on a farm in the state of Washington.", "Washington", "ADM1"),
        ("Hospitals in the province of Buenos Aires reported new cases.", "Buenos Aires", "ADM1"),
    ],
)
def test_places_capital_beats_its_namesake_state_unless_the_text_says_state(
    pnlp, text: str, word: str, feature: str
) -> None:
    p = _place(pnlp(text), word)
    assert p is not None and p["feature"] == feature


def test_places_historical_country_name(pnlp) -> None:
    p = _place(pnlp("Ebola was first identified in Zaire in 1976."), "Zaire")
    assert p is not None and p["country"] == "CD"


def test_places_small_district_of_an_unnamed_country_is_no_named_province(pnlp) -> None:
    doc = pnlp("Health officials in Kenya reported forty deaths in Nyanza province last week.")
    p = _place(doc, "Nyanza")
    assert p is None or p["lat"] is None or p["country"] == "KE"


def test_places_district_of_the_named_country_is_kept(pnlp) -> None:
    doc = pnlp("Shelling hit villages in the Pokrovsk district, Ukraine's army said.")
    p = _place(doc, "Pokrovsk")
    assert p is not None and p["country"] == "UA"


def test_places_town_placed_in_a_country_by_in_holding_none_of_its_namesakes(pnlp) -> None:
    # "Kalam" is only an alternate name of Kallam, India: not a town "in ... Pakistan"
    doc = pnlp("Helicopters landed in the town of Kalam in the Swat Valley, north-west Pakistan.")
    p = _place(doc, "Kalam")
    assert p is None or p["lat"] is None or p["country"] == "PK"


def test_places_the_district_of_an_unknown_name_is_no_namesake_town(pnlp) -> None:
    doc = pnlp("Seven people from the district of Karo in North Sumatra were taken to hospital.")
    p = _place(doc, "Karo")
    assert p is None or p["lat"] is None or p["country"] == "ID"
