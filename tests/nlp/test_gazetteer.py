"""The shipped gazetteer index: normalised lookups, villages, regions, demonyms (no model needed)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimledger.errors import ModelError
from claimledger.nlp.places.gazetteer import (
    KIND_ALT,
    KIND_DEMONYM,
    KIND_TOWN_REGION,
    Gazetteer,
    get_gazetteer,
    haversine_km,
    norm_key,
)


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return get_gazetteer()


def test_gazetteer_norm_key_folds_accents_apostrophes_and_hyphens() -> None:
    assert norm_key("Kryvyi-Rih") == norm_key("kryvyi rih")
    assert norm_key("U.S.") == "us"
    assert norm_key("Zaporizhzhia’s") == "zaporizhzhias"
    assert norm_key("São Paulo") == "sao paulo"


@given(st.text(max_size=40))
def test_gazetteer_norm_key_is_idempotent(text: str) -> None:
    assert norm_key(norm_key(text)) == norm_key(text)


def test_gazetteer_lookup_finds_transliteration_variants(gaz: Gazetteer) -> None:
    kyiv = {e.gid for e in gaz.lookup("Kyiv") if e.feature == "PPLC"}
    assert kyiv and kyiv == {e.gid for e in gaz.lookup("Kiev") if e.feature == "PPLC"}


def test_gazetteer_reaches_small_ukrainian_villages_per_oblast(gaz: Gazetteer) -> None:
    villages = [e for e in gaz.lookup("Novovasylivka") if e.cc == "UA"]
    admin1s = {e.admin1 for e in villages}
    assert len(villages) >= 10 and {"Donetsk Oblast", "Zaporizhzhia Oblast"} <= admin1s


def test_gazetteer_has_regions_named_after_their_town(gaz: Gazetteer) -> None:
    kursk = [e for e in gaz.lookup("Kursk") if e.feature == "ADM1"]
    assert kursk and kursk[0].cc == "RU" and haversine_km(kursk[0].lat, kursk[0].lon, 51.7, 36.2) < 100


def test_gazetteer_maps_demonyms_to_countries(gaz: Gazetteer) -> None:
    for word, cc in [("Ukrainian", "UA"), ("North Korean", "KP"), ("British", "GB"), ("Russian", "RU")]:
        dem = [e for e in gaz.lookup(word) if e.kind == KIND_DEMONYM]
        assert [e.cc for e in dem] == [cc], word


def test_gazetteer_sector_moves_toward_the_direction(gaz: Gazetteer) -> None:
    ua = gaz.country("UA")
    assert ua is not None
    ne = gaz.sector("UA", None, "northeast")
    assert ne is not None and ne[0] > ua.lat - 1 and ne[1] > ua.lon


def test_gazetteer_missing_index_raises_coded_error(tmp_path) -> None:
    with pytest.raises(ModelError, match="CL030"):
        Gazetteer(tmp_path / "none.sqlite").lookup("Paris")


def test_gazetteer_haversine_known_distance() -> None:
    assert abs(haversine_km(50.45, 30.52, 55.75, 37.62) - 756) < 10  # Kyiv-Moscow


def test_gazetteer_generic_words_are_no_alternate_names(gaz: Gazetteer) -> None:
    assert not [e for e in gaz.lookup("Island") if e.feature == "PCLI"]
    assert not [e for e in gaz.lookup("Lake") if e.kind == KIND_ALT]


def test_gazetteer_county_short_name_needs_its_region_word(gaz: Gazetteer) -> None:
    scott = [e for e in gaz.lookup("Scott") if e.feature == "ADM2"]
    assert scott and all(e.kind == KIND_TOWN_REGION for e in scott)


def test_gazetteer_country_point_is_the_centre_of_its_main_territory(gaz: Gazetteer) -> None:
    us = gaz.country("US")  # not pulled toward Alaska and Hawaii
    assert us is not None and haversine_km(us.lat, us.lon, 39.8, -98.6) < 200


def test_gazetteer_big_region_point_is_not_its_namesake_city(gaz: Gazetteer) -> None:
    ny = gaz.admin1("US", "New York")
    assert ny is not None and haversine_km(ny.lat, ny.lon, 40.71, -74.01) > 150


def test_gazetteer_archipelago_country_point_is_not_in_one_island(gaz: Gazetteer) -> None:
    # no island holds half of Indonesia's land: its point is the Factbook centre of the whole
    # country, not the centre of Borneo (Palangka Raya, -2.21, 113.92), its largest island
    idn = gaz.country("ID")
    assert idn is not None and haversine_km(idn.lat, idn.lon, -2.21, 113.92) > 500
    assert 105 < idn.lon < 130


def test_gazetteer_sector_of_a_country_is_a_place_in_that_part(gaz: Gazetteer) -> None:
    lat, lon = gaz.sector("RU", None, "south")  # the Caucasus and lower Volga, not the box's middle (Kazakhstan)
    assert 42 < lat < 50 and 37 < lon < 50
    north = gaz.sector("CN", None, "north")
    south = gaz.sector("CN", None, "south")
    assert north is not None and south is not None and north[0] > south[0] + 5
    east, west = gaz.sector("UA", None, "east"), gaz.sector("UA", None, "west")
    assert east is not None and west is not None and east[1] > west[1] + 5
