"""Units after numbers and their conversion to metric (pint behind our interface)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimledger.nlp.figures.units import currency_after, currency_before, match_unit, to_metric, unit_kind


@pytest.mark.parametrize(
    ("value", "unit", "metric", "target"),
    [
        (500, "square mile", 1294.99, "km2"),
        (620, "mile", 997.79, "km"),
        (1000, "km", 1000, "km"),
        (3, "week", 21, "day"),
        (72, "hour", 3, "day"),
        (40, "tonne", 40000, "kg"),
        (212, "°F", 100, "°C"),
        (20000, "hectare", 200, "km2"),
        (1, "barrel", 158.99, "litre"),
        (10, "mph", 16.09, "km/h"),
    ],
)
def test_units_converts_to_the_metric_unit_of_its_kind(value: float, unit: str, metric: float, target: str) -> None:
    got = to_metric(value, unit)
    assert got is not None and got[1] == target and math.isclose(got[0], metric, rel_tol=1e-3)


def test_units_unknown_units_and_money_do_not_convert() -> None:
    assert to_metric(5, "USD") is None
    assert to_metric(5, "parsec-ish") is None
    assert to_metric(None, "km") is None


@pytest.mark.parametrize(
    ("text", "pos", "unit"),
    [
        ("500 square miles of", 3, "square mile"),
        ("the 620-mile front", 7, "mile"),
        ("10kg", 2, "kg"),
        ("20 (kg)", 2, "kg"),
        ("1.8m tall", 3, "m"),
        ("188 miles an hour", 3, "mph"),
        ("32 degrees Celsius", 2, "°C"),
        ("5 km2 of", 1, "km2"),
        ("100t", 3, "tonne"),
    ],
)
def test_units_matches_unit_after_number(text: str, pos: int, unit: str) -> None:
    m = match_unit(text, pos)
    assert m is not None and m.unit == unit and unit_kind(unit) == m.kind


@pytest.mark.parametrize(("text", "pos"), [("2 in Kyiv", 1), ("5 C-130s", 1), ("3 militants", 1), ("5 miler", 1)])
def test_units_ambiguous_short_forms_need_to_be_attached(text: str, pos: int) -> None:
    assert match_unit(text, pos) is None


def test_units_currencies_before_and_after() -> None:
    assert currency_before("cost $5", 6) == (5, "USD")
    assert currency_before("worth €300bn", 7) == (6, "EUR")
    m = currency_after("5 million roubles", 9)
    assert m is not None and m.unit == "RUB"
    assert currency_after("5 usd", 1).unit == "USD"  # a lower-case code that is no English word
    assert currency_after("5 try", 1) is None  # TRY (Turkish lira) only in capitals: "try" is a word


@given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False), st.sampled_from(["mile", "acre", "pound", "day"]))
def test_units_conversion_is_linear(x: float, unit: str) -> None:
    one, many = to_metric(1.0, unit), to_metric(x, unit)
    assert one is not None and many is not None
    assert math.isclose(many[0], x * one[0], rel_tol=1e-9, abs_tol=1e-9)


def test_units_currency_named_by_country_scale_and_minor_unit() -> None:
    from claimledger.nlp.figures.component import extract_figures

    def got(text: str) -> list[tuple[float | None, str | None]]:
        return [(f["value"], f["unit"]) for f in extract_figures(text)]

    assert got("The charge was C$300 million.") == [(300e6, "CAD")]
    assert got("Exports fell to hk $ 10.05 billion.") == [(10.05e9, "HKD")]
    assert got("Losses in excess of 30 MUSD were reported.") == [(30e6, "USD")]
    assert got("They lost 75 USD million last year.") == [(75e6, "USD")]
    assert got("It only cost thirteen dollars and forty-five cents.") == [(13.45, "USD")]
    assert got("It costs half million usd.") == [(500000.0, "USD")]
    assert got("Each block mined is now 6.25 BTC.") == [(6.25, "BTC")]
    assert got("The price rose by 15 dollars, 50 people said.") == [(15.0, "USD"), (50.0, None)]


def test_units_ages_temperatures_and_marks() -> None:
    from claimledger.nlp.figures.component import extract_figures

    def one(text: str) -> tuple[float | None, str | None, str | None]:
        (f,) = extract_figures(text)
        return f["value"], f["unit"], f["kind"]

    assert one("Cases are diagnosed at around 18 months of age.") == (18.0, "month", "age")
    assert one("The patient is an 87 yo man.") == (87.0, "year", "age")
    assert one("The temperature outside reached 40 degrees.") == (40.0, "°", "temperature")
    assert one("The antenna turned 40 degrees to the east.") == (40.0, "degree", "angle")
    assert one('He has a pen that is 10 " long.') == (10.0, "inch", "length")
    assert one("The village is half a mile from the front.") == (0.5, "mile", "length")
