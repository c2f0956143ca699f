"""Timelines: each source's figures for one measure, dated by the statement date, else publication."""

from __future__ import annotations

from claimledger.reconcile.across import reconcile_story
from story_builder import ArticleSpec


def test_timelines_one_series_per_source_dated_by_the_statement() -> None:
    a = ArticleSpec("t1", "The death toll rose to 20 on Friday, the governor said on Friday.", "2025-07-05", "Post")
    c = a.claim(
        "the governor", "said on Friday", "The death toll rose to 20 on Friday", name="Peter Ndolo", day="2025-07-04"
    )
    a.figure("20", 20.0)
    a.time("on Friday", "2025-07-04", claim=c)
    b = ArticleSpec("t2", "The death toll rose to 38, the governor said.", "2025-07-06", "Courier")
    b.claim("the governor", "said", "The death toll rose to 38", name="Peter Ndolo")
    b.figure("38", 38.0)
    d = ArticleSpec("t3", "More than 70 people died, civil society groups said.", "2025-07-06", "Herald")
    d.claim("civil society groups", "said", "More than 70 people died", name="civil society groups")
    d.figure("More than 70", 70.0, bound="lower")
    points = reconcile_story([a.reading(), b.reading(), d.reading()], "s1").timeline
    series = {(p.source, p.date, p.dated_by, p.low, p.high) for p in points if p.measure == "killed"}
    assert series == {
        ("Peter Ndolo", "2025-07-04", "statement", 20.0, 20.0),  # said on Friday: the statement's own date
        ("Peter Ndolo", "2025-07-06", "published", 38.0, 38.0),  # no date of its own: the publication's
        ("civil society groups", "2025-07-06", "published", 70.0, None),  # "more than 70": no upper end
    }
