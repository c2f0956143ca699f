"""Number parsing: digits, words, fractions, ratios, vague counts, and robustness on any text."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimledger.nlp.figures.numbers import find_numbers, parse_number

_SMALL = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen"
).split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def spell(n: int) -> str:
    """English words for 0 <= n < 10**12 (British "and" after hundreds), written independently of the parser."""
    if n < 20:
        return _SMALL[n]
    if n < 100:
        return _TENS[n // 10] + ("-" + _SMALL[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        return _SMALL[n // 100] + " hundred" + (" and " + spell(rest) if rest else "")
    for scale, name in ((10**9, "billion"), (10**6, "million"), (1000, "thousand")):
        if n >= scale:
            head, rest = divmod(n, scale)
            tail = "" if not rest else (" and " if rest < 100 else " ") + spell(rest)
            return spell(head) + " " + name + tail
    raise AssertionError(n)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12,000", 12000),
        ("eight", 8),
        ("two dozen", 24),
        ("1.5 million", 1.5e6),
        ("half a million", 5e5),
        ("one-third", 1 / 3),
        ("two-thirds", 2 / 3),
        ("three quarters", 0.75),
        ("a quarter", 0.25),
        ("one in three", 1 / 3),
        ("nine out of ten", 0.9),
        ("3/4", 0.75),
        ("2 1/4", 2.25),
        ("½", 0.5),
        ("one and a half", 1.5),
        ("two and a half million", 2.5e6),
        ("1 234 567", 1234567),
        ("10k", 1e4),
        ("$2.174T"[1:], 2.174e12),
        ("3.5bn", 3.5e9),
        ("13 lakh", 1.3e6),
        ("twenty-one", 21),
        ("fifty - two", 52),
        ("one hundred and six", 106),
        ("4 thousand 3 hundred and 21", 4321),
        ("two hundred point zero three", 200.03),
        ("1e10", 1e10),
        ("-4/5", -0.8),
        ("minus five", -5),
        ("12,34,567.89", 1234567.89),
        (".25", 0.25),
    ],
)
def test_numbers_parses_news_number_phrases(text: str, value: float) -> None:
    got = parse_number(text)
    assert got is not None and math.isclose(got, value, rel_tol=1e-9)


@pytest.mark.parametrize(
    ("text", "value", "bound"),
    [
        ("dozens", 24, "lower"),
        ("hundreds", 200, "lower"),
        ("thousands", 2000, "lower"),
        ("tens of thousands", 20000, "lower"),
        ("hundreds of thousands", 200000, "lower"),
        ("several", 3, "lower"),
        ("several hundred", 300, "lower"),
        ("a few", 3, None),
    ],
)
def test_numbers_vague_counts_are_approximate_lower_bounds(text: str, value: float, bound: str | None) -> None:
    (m,) = find_numbers(text)
    assert (m.text, m.value, m.kind, m.bound, m.approx) == (text, value, "vague", bound, True)


@pytest.mark.parametrize("text", ["10^400", "1/0", "7^99999"])
def test_numbers_overflow_is_kept_with_a_note(text: str) -> None:
    (m,) = find_numbers(text)
    assert m.value is None and m.note


@pytest.mark.parametrize("text", ["192.168.1.2", "5/17/2018", "10:30", "24/7", "https://x.org/a-2024?p=3"])
def test_numbers_skips_addresses_dates_and_codes(text: str) -> None:
    assert find_numbers(text) == []


def test_numbers_keeps_separate_numbers_apart() -> None:
    got = [(m.text, m.value) for m in find_numbers("killed 20 and wounded 30, between 2 and 3")]
    assert got == [("20", 20), ("30", 30), ("2", 2), ("3", 3)]


def test_numbers_a_third_term_is_not_a_fraction() -> None:
    assert all(m.kind != "fraction" for m in find_numbers("He won a third term."))
    assert [m.value for m in find_numbers("a third of them")] == [pytest.approx(1 / 3)]


@given(st.integers(min_value=0, max_value=999_999_999_999))
def test_numbers_spelled_integers_round_trip(n: int) -> None:
    assert parse_number(spell(n)) == n


@given(st.integers(min_value=0, max_value=10**15))
def test_numbers_comma_grouped_digits_round_trip(n: int) -> None:
    assert parse_number(f"{n:,}") == n


@settings(max_examples=300)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=80))
def test_numbers_any_text_gives_consistent_offsets(text: str) -> None:
    for m in find_numbers(text):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text


@given(
    st.lists(
        st.sampled_from(
            [
                "12",
                "one",
                "and",
                "a",
                "half",
                "-",
                "/",
                "^",
                "million",
                "of",
                "dozens",
                "third",
                " ",
                "in",
                "three",
                "0",
                "%",
                "x10",
                "400",
                "e5",
                ",",
                ".",
            ]
        ),
        max_size=12,
    )
)
def test_numbers_number_soup_never_raises(parts: list[str]) -> None:
    text = " ".join(parts)
    for m in find_numbers(text):
        assert m.value is None or math.isfinite(m.value)


def test_numbers_shares_of_scales_and_dozens_after_hundreds() -> None:
    assert parse_number("two thirds of a million") == pytest.approx(666666.667, rel=1e-6)
    assert parse_number("a quarter of a million") == 250000.0
    assert parse_number("three quarters billion") == 750e6
    assert parse_number("three hundred and two dozens") == 324.0
    assert parse_number("1,674,200.5 M") == 1674200.5e6
    assert parse_number("- 10  k") == -10000.0
