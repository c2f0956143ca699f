"""ACLED-shaped rows: ACLED's columns and fatality conventions, plus the claims behind each event."""

from __future__ import annotations

from claimledger.formats.acled import ACLED_COLUMNS, COLUMNS, acled_rows, event_date, geo_precision
from claimledger.models import Reading
from claimledger.reconcile.across import reconcile_story
from story_builder import protest_story, strike_story


def _rows(readings: list[Reading]) -> list[dict[str, object]]:
    result = reconcile_story(readings, "s1")
    claims = {c.claim_id: c for r in readings for c in r.claims}
    figures = {f.figure_id: f for r in readings for f in r.figures}
    articles = {r.doc_id: r.article for r in readings}
    return acled_rows(result.events, claims, figures, articles)


def test_acled_conflicting_sources_give_the_most_conservative_fatalities() -> None:
    (row,) = _rows([s.reading() for s in protest_story()])
    assert list(row) == list(COLUMNS) and list(COLUMNS[: len(ACLED_COLUMNS)]) == list(ACLED_COLUMNS)
    assert row["event_type"] == "Protests" and row["actor1"] == "Protesters (XX)"
    assert row["fatalities"] == 2  # "at least eight" and "dozens" against "two": ACLED takes the lowest
    others = str(row["cl_other_figures"])
    assert "Rights Commission: at least eight" in others and "Police: two" in others  # what ACLED puts in notes
    assert row["event_date"] == "2025-06-25" and row["time_precision"] == 1
    assert row["location"] == "Eastvale" and row["geo_precision"] == 1
    assert row["source"] == "Lakeside Post; River Times; Daily Ledger; Harbour Daily"
    assert len(str(row["cl_claim_ids"]).split()) == 3 and row["cl_origins"] == 3 and row["cl_articles"] == 4


def test_acled_dozens_count_as_twelve() -> None:
    (row,) = _rows([s.reading() for s in strike_story()])
    assert (row["event_type"], row["sub_event_type"]) == ("Explosions/Remote violence", "Air/drone strike")
    assert row["fatalities"] == 12


def test_acled_dates_and_places_precision() -> None:
    assert event_date("2025-03-10", None) == ("2025-03-10", 1)
    assert event_date("2025-W11", None) == ("2025-03-12", 2)  # the middle of the week
    assert event_date("2024-11", None) == ("2024-11-15", 3)
    assert event_date(None, None) is None
    assert geo_precision({"feature": "PPL"}) == 1 and geo_precision({"feature": "ADM2"}) == 2
    assert geo_precision({"feature": "ADM1"}) == 3 and geo_precision(None) is None
