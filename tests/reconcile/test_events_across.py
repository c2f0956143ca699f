"""Events merged across the articles of a story, with the claims, sides and origins behind them."""

from __future__ import annotations

from claimledger.models import Reading
from claimledger.reconcile.across import reconcile_story
from story_builder import ArticleSpec, protest_story


def _readings(specs: list[ArticleSpec]) -> tuple[list[Reading], dict[str, str]]:
    readings = [s.reading() for s in specs]
    ids = {c.claim_id: f"{s.external_id}:{c.cue.text}" for s in specs for c in s.claims}
    return readings, ids


def test_events_across_one_protest_from_four_articles() -> None:
    readings, ids = _readings(protest_story())
    result = reconcile_story(readings, "s1")
    (event,) = [e for e in result.events if e.type == "protest"]
    assert event.story_id == "s1" and event.articles == 4 and len(event.doc_ids) == 4  # the wire copy too
    assert event.origins == 3  # the AFP report and its copy count once
    assert event.date == "2025-06-25" and event.place and event.place["name"] == "Eastvale"
    support = [ids[c] for c in event.supporting_claims]
    assert support.count("p1:said") == 1 and "p3:said" in support and "p4:said" in support
    contest = {ids[c] for c in event.contesting_claims}
    assert "p1:denied" in contest  # the denial
    assert "p3:maintained" in contest  # "only two" against a toll more origins back: a conflicting figure
    assert [ids[c] for c in event.refusing_claims] == ["p1:declined to comment on"]
    assert event.fatalities == 2  # ACLED: the most conservative count among the sources
    assert event.one_sided is False


def test_events_across_every_field_traces_to_a_claim_span() -> None:
    specs = protest_story()
    readings, _ = _readings(specs)
    (event,) = [e for e in reconcile_story(readings, "s1").events if e.type == "protest"]
    texts = {s.doc_id: s.text for s in specs}
    evidence = event.evidence or {}
    for trace in [*evidence["type"], evidence["place"], evidence["date"]]:
        assert texts[trace["doc_id"]][trace["start"] : trace["end"]] == trace["text"]
        assert trace["claim_id"] in {c.claim_id for r in readings for c in r.claims}


def test_events_across_two_towns_stay_two_events() -> None:
    a = ArticleSpec("t1", "Drones struck Westfield overnight, the governor said.", "2025-03-10", "Post")
    a.claim("the governor", "said", "Drones struck Westfield overnight")
    a.place("Westfield", lat=50.0, lon=30.0)
    b = ArticleSpec("t2", "Drones struck Southbury overnight, the mayor said.", "2025-03-10", "Courier")
    b.claim("the mayor", "said", "Drones struck Southbury overnight")
    b.place("Southbury", lat=47.0, lon=35.0)  # ~500 km away
    events = reconcile_story([a.reading(), b.reading()], "s2").events
    assert sorted((e.type, (e.place or {}).get("name")) for e in events) == [
        ("attack", "Southbury"),
        ("attack", "Westfield"),
    ]


def test_events_across_one_sided_when_every_source_is_of_one_side() -> None:
    a = ArticleSpec(
        "u1", "Ukrainian officials said the troops have been withdrawn from the region.", "2025-02-01", "Post"
    )
    a.claim("Ukrainian officials", "said", "the troops have been withdrawn from the region", affiliation="Ukraine")
    b = ArticleSpec("u2", "A spokesman for Ukraine's army said the troops were withdrawn.", "2025-02-02", "Courier")
    b.claim("A spokesman for Ukraine's army", "said", "the troops were withdrawn", affiliation="Ukraine's army")
    (event,) = reconcile_story([a.reading(), b.reading()], "s3").events
    assert event.type == "withdrawal" and event.one_sided is True and event.sides == ("UA",)


def test_events_across_since_dates_the_state_not_the_statement() -> None:
    text = "On Friday, the commander said that half of the troops deployed since November had been killed."
    a = ArticleSpec("d1", text, "2025-02-01", "Post")
    c = a.claim("the commander", "said", "half of the troops deployed since November had been killed", day="2025-01-31")
    a.time("On Friday", "2025-01-31", claim=c)
    a.time("since November", "2024-11", grain="month", relation="since")
    events = {e.type: e for e in reconcile_story([a.reading()], "s4").events}
    assert events["deployment"].date == "2024-11"  # deployed since November: it began then
    assert events["casualties"].date == "2025-01-31"  # no time of its own: the statement date bounds it
