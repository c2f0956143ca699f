"""The pure normaliser: expression + reference date -> value, grain, relation (no spaCy)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimledger.nlp.times.grammar import scan
from claimledger.nlp.times.timex import NO_REF, Resolved, interval, normalise, parse_reference, resolve_match

SAT = date(2025, 2, 1)  # a Saturday
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def test_timex_bare_weekday_is_most_recent_past_one():
    r = normalise("on Friday", SAT)
    assert (r.value, r.grain, r.relation) == ("2025-01-31", "day", "at")
    assert normalise("Saturday", SAT).value == "2025-02-01"  # today counts


def test_timex_last_week_is_its_monday_with_iso_week_in_timex():
    r = normalise("last week", SAT)
    assert (r.value, r.grain, r.timex) == ("2025-01-20", "week", "2025-W04")


def test_timex_bare_month_is_most_recent_past_one():
    assert normalise("in August", SAT).value == "2024-08"
    assert normalise("in February", SAT).value == "2025-02"


def test_timex_since_sets_relation():
    r = normalise("since November", SAT)
    assert (r.value, r.grain, r.relation) == ("2024-11", "month", "since")
    assert normalise("until March", SAT).relation == "until"
    assert normalise("before 1990", SAT).relation == "before"


def test_timex_day_and_month_cross_the_year_boundary():
    assert normalise("on Dec. 30", date(2025, 1, 3)).value == "2024-12-30"
    assert normalise("Jan. 5, 2024", SAT).value == "2024-01-05"


def test_timex_relative_expressions():
    cases = {
        "yesterday": "2025-01-31",
        "two years ago": "2023",
        "earlier this month": "2025-02",
        "next month": "2025-03",
        "last year": "2024",
        "this week": "2025-01-27",
        "in 2016": "2016",
        "the 1990s": "1990",
        "mid-2023": "2023",
        "early March": "2024-03",
    }
    for text, value in cases.items():
        assert normalise(text, SAT).value == value, text
    assert normalise("mid-2023", SAT).mod == "mid"


def test_timex_impossible_date_is_kept_with_a_note():
    r = normalise("31 February", SAT)
    assert r.value is None and "impossible" in (r.note or "")


def test_timex_without_reference_only_absolute_dates_resolve():
    assert normalise("on Friday", None).note == NO_REF
    assert normalise("last week", None).value is None
    assert normalise("Jan. 5, 2024", None).value == "2024-01-05"
    assert normalise("in 2016", None).value == "2016"


def test_timex_future_direction_points_forward():
    assert normalise("on Wednesday", SAT, direction="future").value == "2025-02-05"
    assert normalise("in August", SAT, direction="future").value == "2025-08"


def test_timex_since_an_era_is_its_end_and_events_stay_unresolved():
    ww2 = normalise("since World War II", SAT)
    assert (ww2.value, ww2.relation) == ("1945-09", "since")
    assert normalise("during World War II", SAT).end == "1945-09"
    ev = normalise("before the election", SAT)
    assert ev.value is None and ev.relation == "before" and "event" in (ev.note or "")


def test_timex_durations_carry_timex_not_a_date():
    r = normalise("three weeks", SAT)
    assert (r.type, r.value, r.timex) == ("duration", None, "P3W")
    past = normalise("the past two weeks", SAT)
    assert (past.value, past.end) == ("2025-01-18", "2025-02-01")


def test_timex_ages_and_counts_are_not_time():
    assert scan("a 45-year-old man was wounded") == []
    assert scan("about 2000 troops crossed") == []
    assert scan("one-third of the 12,000 soldiers") == []


def test_timex_ranges_keep_their_end():
    r = normalise("from 2014 to 2018", SAT)
    assert (r.value, r.end) == ("2014", "2018")
    assert interval(r) == (date(2014, 1, 1), date(2019, 1, 1))


def test_timex_parse_reference_accepts_iso_and_rejects_junk():
    assert parse_reference("2025-02-01T10:00:00") == SAT
    assert parse_reference("not a date") is None
    assert parse_reference("2025-02-30") is None


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)), st.sampled_from(range(7)))
def test_timex_bare_weekday_falls_within_the_last_seven_days(ref, wd):
    value = normalise(f"on {WEEKDAYS[wd]}", ref).value
    assert value is not None
    d = date.fromisoformat(value)
    assert d.weekday() == wd and ref - timedelta(days=6) <= d <= ref


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)), st.sampled_from(range(12)))
def test_timex_bare_month_is_within_the_past_year(ref, m):
    value = normalise(f"in {MONTHS[m]}", ref).value
    assert value is not None
    y, mo = int(value[:4]), int(value[5:7])
    months_back = (ref.year - y) * 12 + ref.month - mo
    assert mo == m + 1 and 0 <= months_back < 12


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120), st.one_of(st.none(), st.dates()))
def test_timex_never_raises_on_any_text(text, ref):
    for m in scan(text):
        assert 0 <= m.start <= m.core_start <= m.core_end <= m.end <= len(text)
    normalise(text, ref)


@pytest.mark.parametrize("day", range(29, 33))
def test_timex_february_overflow_never_crashes(day):
    r = normalise(f"February {day}, 2023", SAT)
    assert r.value is None and r.note


def _in_text(text, ref=SAT):
    """Resolve every expression of ``text`` in order, each with the earlier ones as anchors."""
    out = []
    for m in scan(text):
        out.append((text[m.start : m.end], resolve_match(m, ref, None, text, [r for _, r in out])))
    return out


def test_timex_anaphors_count_from_the_latest_fitting_earlier_time():
    got = dict(
        _in_text(
            "Talks began in March 2022. On March 3, 2022 the envoy left; the next day he returned. "
            "That year, the war spread. The following week nothing moved."
        )
    )
    assert got["the next day"].value == "2022-03-04"
    assert got["That year"].value == "2022"
    # "the following week" needs a day or week: the latest one is "the next day" (a Friday)
    assert (got["The following week"].value, got["The following week"].timex) == ("2022-03-07", "2022-W10")
    night = dict(_in_text("On Friday the mayor resigned. That night, crowds gathered."))["That night"]
    assert (night.value, night.timex) == ("2025-01-31", "2025-01-31TNI")


def test_timex_anaphor_without_earlier_time_uses_the_publication_date_and_says_so():
    r = normalise("the same day", SAT)
    assert r.value == "2025-02-01" and "publication date" in (r.note or "")
    assert normalise("the same day", None).note == NO_REF
    anchor = [Resolved("2024-12-30", "day", timex="2024-12-30")]
    assert resolve_match(scan("the same day")[0], None, anchors=anchor).value == "2024-12-30"


def test_timex_later_moves_the_anchor_else_stays_a_duration():
    got = dict(_in_text("Troops crossed on Aug. 6, 2024. Two days later they dug in; two years later, peace."))
    assert (got["Two days later"].value, got["Two days later"].type) == ("2024-08-08", "date")
    assert got["two years later"].value == "2026"
    alone = normalise("two days later", SAT)
    assert (alone.value, alone.type, alone.timex) == (None, "duration", "P2D")
    compared = dict(_in_text("It lands on Nov. 11, three days later than planned."))["three days later"]
    assert compared.value is None and compared.timex == "P3D"


def test_timex_anaphor_look_alikes_are_not_recognised():
    for text in (
        "the same day as the vote",
        "He said that day has come.",
        "that year's budget",
        "Until that day in April",
        "the day before the vote",
    ):
        assert all(m.kind != "anaphor" for m in scan(text)), text
    assert [m.kind for m in scan("next week")] == ["rel_unit"]  # deictic, from the publication date


@settings(max_examples=150, deadline=None)
@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)))
def test_timex_anaphors_stay_next_to_their_anchor(day):
    anchors = [Resolved(day.isoformat(), "day", timex=day.isoformat())]

    def value(text):
        return resolve_match(scan(text)[0], SAT, None, text, anchors).value

    assert value("the same day") == day.isoformat()
    assert value("the next day") == (day + timedelta(days=1)).isoformat()
    assert value("the day before.") == (day - timedelta(days=1)).isoformat()
    monday = date.fromisoformat(value("that week"))
    assert monday.weekday() == 0 and monday <= day < monday + timedelta(days=7)
    following = date.fromisoformat(value("the following Sunday"))
    assert following.weekday() == 6 and day < following <= day + timedelta(days=7)
