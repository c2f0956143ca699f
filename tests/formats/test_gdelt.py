"""GDELT-shaped rows: Events 2.0 columns counting independent origins, GKG quotations with their speaker."""

from __future__ import annotations

from claimledger.formats.gdelt import EVENT_COLUMNS, GKG_COLUMNS, event_rows, gkg_row, quad_class
from claimledger.reconcile.across import reconcile_story
from story_builder import ArticleSpec, protest_story


def test_gdelt_events_count_sources_by_origin() -> None:
    readings = [s.reading() for s in protest_story()]
    result = reconcile_story(readings, "s1")
    (row,) = event_rows(result.events, {r.doc_id: r.article for r in readings})
    assert len(EVENT_COLUMNS) == 61 and list(row)[:61] == list(EVENT_COLUMNS)
    assert row["EventCode"] == "145" and row["EventRootCode"] == "14" and row["QuadClass"] == 4
    assert row["NumArticles"] == 4 and row["NumSources"] == 3  # the wire copy is no new source
    assert row["SQLDATE"] == "20250625" and row["ActionGeo_FullName"].startswith("Eastvale")
    assert quad_class("057") == 1 and quad_class("073") == 2 and quad_class("141") == 4


def test_gdelt_gkg_quotations_carry_the_speaker() -> None:
    text = '"We counted the bodies ourselves," Anna Berg told reporters. Five people were killed, she said.'
    a = ArticleSpec("q1", text, "2025-06-25", "Post")
    a.claim("Anna Berg", "told", '"We counted the bodies ourselves,"', name="Anna Berg", kind="person", direct=True)
    a.claim("she", "said", "Five people were killed", name="Anna Berg", kind="person")
    a.figure("Five", 5.0, counts="people")
    reading = a.reading()
    row = gkg_row(reading, {reading.figures[0].figure_id: "killed"})
    assert list(row)[: len(GKG_COLUMNS)] == list(GKG_COLUMNS)
    offset, length, verb, quote, speaker = str(row["Quotations"]).split("|")
    assert text[int(offset) : int(offset) + int(length)] == '"We counted the bodies ourselves,"'
    assert (verb, speaker) == ("told", "Anna Berg") and "bodies" in quote
    assert str(row["Counts"]).startswith("KILL#5#people#") and row["Amounts"] == f"5,people,{text.index('Five')}"
    assert row["DATE"] == "20250625000000" and row["SourceCommonName"] == "Post"
