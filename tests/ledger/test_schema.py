"""The ledger's columns, the Parquet types and the row flattening derive from the models: a new
model field is a new column (and a new Parquet column) without another edit."""

from __future__ import annotations

import typing
from dataclasses import dataclass, fields
from typing import get_args

import pyarrow as pa

from claimledger.ledger.export import EXPORT_TABLES, arrow_type
from claimledger.ledger.rows import child_rows, to_model
from claimledger.ledger.schema import ARTICLE_TABLES, COLUMNS, SPECS, TABLES, Table, model_columns
from claimledger.models import Claim, Figure, Reading, Source, Span, record_types


@dataclass(frozen=True)
class _ScoredFigure(Figure):
    """A figure with one field more, as a later model change would add it."""

    confidence: float | None = None
    checked_by: Source | None = None
    sources: tuple[str, ...] = ()


def test_schema_new_model_field_becomes_columns() -> None:
    cols = {c.name: c for c in model_columns(_ScoredFigure)}
    assert cols["confidence"].sql == "{double}"
    assert cols["sources"].json
    # a nested record is flattened, one column per key of its record
    assert [n for n in cols if n.startswith("checked_by_")] == [f"checked_by_{k}" for k in record_types(Source)]
    assert (cols["checked_by_kind"].field, cols["checked_by_kind"].sub) == ("checked_by", "kind")
    assert [c.name for c in model_columns(Figure)] == [n for n in cols if n in COLUMNS["figures"]]


def test_schema_new_model_field_becomes_a_parquet_column() -> None:
    types = {name: arrow_type(tp, name) for name, tp in record_types(_ScoredFigure).items()}
    assert types["confidence"] == pa.float64()
    assert types["sources"] == pa.list_(pa.string())
    assert types["checked_by"].field("start").type == pa.int32()
    assert types["normalized"] == pa.struct([("value", pa.float64()), ("unit", pa.string())])


def test_schema_claim_flattens_source_cue_and_content() -> None:
    names = COLUMNS["claims"]
    for part, model in (("source", Source), ("cue", Span), ("content", Span)):
        assert {f"{part}_{k}" for k in record_types(model)} <= set(names)
    assert "source" not in names and "stance" in names


def test_schema_article_tables_are_the_reading_tuples() -> None:
    hints = typing.get_type_hints(Reading)
    assert ARTICLE_TABLES == tuple(f.name for f in fields(Reading) if f.name not in ("article", "notes", "signature"))
    for table in ARTICLE_TABLES:
        assert SPECS[table].model is get_args(hints[table])[0], table
    assert set(EXPORT_TABLES) == set(TABLES)


def test_schema_documents_store_the_readings_own_fields() -> None:
    assert {"notes", "signature", "ingested_at"} <= set(COLUMNS["documents"])
    assert COLUMNS["documents"][0] == "doc_id"


def test_rows_round_trip_a_table_of_a_new_model(make_reading, monkeypatch) -> None:
    """A table spec for a model with more fields needs no code in rows.py to write and read it."""
    r = make_reading()
    scored = tuple(
        _ScoredFigure(
            **{f.name: getattr(f0, f.name) for f in fields(f0)},
            confidence=0.5,
            checked_by=Source("x", 0, 1, kind="media"),
            sources=("wire",),
        )
        for f0 in r.figures
    )
    spec = Table("figures", _ScoredFigure, ("doc_id", "seq"), SPECS["figures"].extra)
    monkeypatch.setitem(SPECS, "figures", spec)
    rows = child_rows(Reading(r.article, figures=scored))["figures"]
    names = [c.name for c in spec.columns]
    assert rows and [to_model("figures", names, row) for row in rows] == list(scored)


def test_rows_writer_claim_reads_back_without_source(make_reading) -> None:
    r = make_reading()
    own = Claim("c0", r.doc_id, None, r.claims[0].cue, r.claims[0].content)
    [row] = child_rows(Reading(r.article, claims=(own,)))["claims"]
    assert to_model("claims", COLUMNS["claims"], row) == own
