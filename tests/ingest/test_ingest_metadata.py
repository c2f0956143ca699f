"""Publication dates as users, records and feeds write them; Metadata defaults and overrides."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimledger.errors import BadMetadata
from claimledger.ingest.metadata import Metadata, parse_date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-02-01", date(2025, 2, 1)),
        ("2025-2-1", date(2025, 2, 1)),
        ("20250201", date(2025, 2, 1)),
        ("2025-01-31T23:30:00-05:00", date(2025, 1, 31)),  # the outlet's own day, not UTC's
        ("2025-01-31T10:00:00Z", date(2025, 1, 31)),
        ("2025-01-31 10:00", date(2025, 1, 31)),
        ("Fri, 31 Jan 2025 10:00:00 +0000", date(2025, 1, 31)),
        ("31 Jan 2025 10:00:00 GMT", date(2025, 1, 31)),
        ("31 January 2025", date(2025, 1, 31)),
        ("January 31, 2025", date(2025, 1, 31)),
        ("Friday 31st January 2025 10:14 GMT", date(2025, 1, 31)),
        ("31/01/2025", date(2025, 1, 31)),
        ("01/31/2025", date(2025, 1, 31)),
        ("2025/01/31", date(2025, 1, 31)),
        ("05.05.2025", date(2025, 5, 5)),
        (1738368000, date(2025, 2, 1)),
        (1738368000000, date(2025, 2, 1)),
        ("1738368000", date(2025, 2, 1)),
        (date(2025, 2, 1), date(2025, 2, 1)),
        (datetime(2025, 2, 1, 23, 59, tzinfo=timezone(timedelta(hours=-8))), date(2025, 2, 1)),
        (None, None),
        ("  ", None),
    ],
)
def test_metadata_parse_date_accepts_common_forms(value: object, expected: date | None) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("yesterday", "no year"),
        ("3 days ago", "no year"),
        ("2025-02", "no day"),
        ("2025", "no day"),
        ("01/02/2025", "ambiguous"),
        ("2025-02-30", "not a calendar date"),
        ("31/13/2025", "not a calendar date"),
        ("the spring of 2025", "not a date"),
        ("1066-10-14", "outside"),
        ("2999-01-01", "outside"),
        (True, "not a date"),
        ([2025, 2, 1], "not a date"),
    ],
)
def test_metadata_parse_date_refuses_with_reason_and_input(value: object, why: str) -> None:
    with pytest.raises(BadMetadata) as err:
        parse_date(value, input="corpus.jsonl:7")
    assert why in str(err.value)
    assert "corpus.jsonl:7" in str(err.value)
    assert str(err.value).startswith("[CL009]")


def test_metadata_from_options_fails_fast_on_bad_published_flag() -> None:
    with pytest.raises(BadMetadata, match=r"--published: publication date '1/2/25' is ambiguous"):
        Metadata.from_options(published="1/2/25", outlet="Example")


def test_metadata_from_options_parses_and_cleans() -> None:
    meta = Metadata.from_options(published="2025-02-01", outlet="  The  Example ", url="", title=None)
    assert meta == Metadata(published=date(2025, 2, 1), outlet="The Example")


def test_metadata_merged_record_values_win_over_defaults() -> None:
    batch = Metadata(published="2025-02-01", outlet="Default Outlet", language="en")
    own = Metadata(outlet="Wire Service", title="Talks fail")
    merged = batch.merged(own)
    assert merged == Metadata(published=date(2025, 2, 1), outlet="Wire Service", title="Talks fail", language="en")
    assert batch.merged(None) is batch


def test_metadata_article_carries_every_field() -> None:
    meta = Metadata(published=date(2025, 2, 1), outlet="O", url="https://example.org/a", title="T", author="A")
    art = meta.article("Some text.", external_id="a1", input="a1.txt")
    assert (art.published, art.outlet, art.url, art.title, art.author) == (
        date(2025, 2, 1),
        "O",
        "https://example.org/a",
        "T",
        "A",
    )
    assert (art.external_id, art.input, art.text) == ("a1", "a1.txt", "Some text.")


@settings(max_examples=300, deadline=None)
@given(value=st.one_of(st.text(max_size=40), st.integers(), st.floats(allow_nan=True)))
def test_metadata_parse_date_never_raises_anything_but_bad_metadata(value: object) -> None:
    try:
        result = parse_date(value)
    except BadMetadata as exc:
        assert exc.message
    else:
        assert result is None or 1800 <= result.year <= date.today().year + 1


@settings(max_examples=200, deadline=None)
@given(day=st.dates(min_value=date(1900, 1, 1), max_value=date(2025, 12, 31)))
def test_metadata_parse_date_round_trips_iso_and_rfc2822(day: date) -> None:
    assert parse_date(day.isoformat()) == day
    rfc = datetime(day.year, day.month, day.day, 12, tzinfo=UTC).strftime("%a, %d %b %Y %H:%M:%S +0000")
    assert parse_date(rfc) == day
