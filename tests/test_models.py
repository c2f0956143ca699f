"""The data model: ids are content hashes, records round-trip with the contract field names."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from claimledger.models import (
    Article,
    ChannelHop,
    Claim,
    Figure,
    Source,
    Span,
    TimeRef,
    content_hash,
)


def test_models_doc_id_ignores_whitespace_differences() -> None:
    a = Article(text="Troops  withdrew.\n\nOfficials said so.")
    b = Article(text="Troops withdrew. Officials said so.  ")
    assert a.doc_id == b.doc_id == content_hash("Troops withdrew. Officials said so.")
    assert Article(text="Troops withdrew.").doc_id != a.doc_id


def test_models_claim_record_has_contract_fields() -> None:
    claim = Claim(
        claim_id="c1",
        doc_id="d1",
        source=Source(text="a spokesman", start=0, end=11, name="Jan Novak", kind="person", role="spokesman"),
        cue=Span(12, 16, "said"),
        content=Span(17, 30, "it was closed"),
        channel=(ChannelHop("Reuters", "media"),),
        date="2025-01-31",
    )
    rec = claim.to_record()
    for key in (
        "claim_id",
        "doc_id",
        "source",
        "cue",
        "content",
        "direct",
        "stance",
        "hedged",
        "channel",
        "date",
        "responds_to",
        "figure_ids",
    ):
        assert key in rec
    assert rec["source"]["name"] == "Jan Novak" and rec["cue"] == {"text": "said", "start": 12, "end": 16}
    assert rec["channel"] == [{"name": "Reuters", "kind": "media", "start": None, "end": None}]
    assert Claim.from_record(rec) == claim


def test_models_writer_claim_has_null_source() -> None:
    claim = Claim("c", "d", None, Span(0, 1, "x"), Span(2, 3, "y"))
    assert claim.to_record()["source"] is None
    assert Claim.from_record(claim.to_record()) == claim


@given(st.text(min_size=1), st.one_of(st.none(), st.dates()), st.one_of(st.none(), st.text()))
def test_models_article_round_trips(text: str, published: date | None, outlet: str | None) -> None:
    art = Article(text=text, published=published, outlet=outlet)
    rec = art.to_record()
    assert rec["doc_id"] == art.doc_id
    assert Article.from_record(rec) == art


@given(st.floats(allow_nan=False) | st.none(), st.text())
def test_models_figure_and_time_round_trip(value: float | None, text: str) -> None:
    fig = Figure("f", "d", None, text, 0, len(text), value, normalized={"value": value, "unit": "km2"})
    assert Figure.from_record(fig.to_record()) == fig
    tref = TimeRef("d", text, 0, len(text), "2025-W04", "week", "since")
    assert TimeRef.from_record(tref.to_record()) == tref
