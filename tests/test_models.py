"""The data model: ids are content hashes, records round-trip with the contract field names."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, get_args

from hypothesis import given
from hypothesis import strategies as st

from claimledger.models import (
    SOURCE_KINDS,
    STANCES,
    Actor,
    Article,
    Bound,
    ChannelHop,
    Claim,
    ErrorRecord,
    Event,
    Figure,
    Grain,
    Place,
    Relation,
    Source,
    SourceKind,
    Span,
    Stance,
    TimeRef,
    content_hash,
    optional,
    record_types,
)
from contract_fields import CONTRACT


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
    for key in CONTRACT["claims"]:
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


def _one_of_each() -> list[Any]:
    span = Span(3, 7, "said")
    return [
        span,
        Article(text="A text."),
        Source("he", 0, 2),
        ChannelHop("AFP"),
        Claim("c", "d", Source("he", 0, 2), span, span, channel=(ChannelHop("AFP"),)),
        Figure("f", "d", None, "ten", 0, 3, 10.0, normalized={"value": 10.0, "unit": "km2"}),
        TimeRef("d", "today", 0, 5, "2025-02-01"),
        Place("d", "Kyiv", 0, 4, "Kyiv"),
        Actor("d", "Kyiv", 0, 4, "Government of Ukraine", metonymy=True),
        Event("e", ("d",), "battle", place={"name": "Kyiv"}),
        ErrorRecord("in.jsonl:3", "CL004", "not JSON", datetime(2025, 1, 1, 12), datetime(2025, 1, 2)),
    ]


def test_models_record_types_name_every_record_key_in_order() -> None:
    """The derived views (ledger columns, Parquet types) read record_types: it must be to_record's shape."""
    for obj in _one_of_each():
        assert list(obj.to_record()) == list(record_types(type(obj))), type(obj).__name__
        assert type(obj).from_record(obj.to_record()) == obj


def test_models_span_record_puts_text_first() -> None:
    assert list(Span(3, 7, "said").to_record()) == ["text", "start", "end"]
    assert list(Article(text="x").to_record())[:2] == ["doc_id", "text"]


def test_models_error_record_times_are_iso_text() -> None:
    err = ErrorRecord("in.jsonl:3", "CL004", "not JSON", datetime(2025, 1, 1, 12), datetime(2025, 1, 2))
    rec = err.to_record()
    assert rec["first_seen"] == "2025-01-01T12:00:00" and rec["resolved_at"] is None and rec["count"] == 1
    assert ErrorRecord.from_record(rec) == err


def test_models_literal_types_are_the_field_types() -> None:
    """STANCES/SOURCE_KINDS are the Literal types' values, and the fields are typed with them."""
    assert STANCES == get_args(Stance) and "assert" in STANCES
    assert SOURCE_KINDS == get_args(SourceKind)
    assert record_types(Claim)["stance"] is Stance
    assert optional(record_types(Source)["kind"]) == (SourceKind, True)
    assert optional(record_types(TimeRef)["grain"]) == (Grain, True)
    assert record_types(TimeRef)["relation"] is Relation
    assert optional(record_types(Figure)["bound"]) == (Bound, True)
