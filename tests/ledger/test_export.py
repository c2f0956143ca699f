"""Exports follow the interchange contract of PRODUCT.md exactly, in JSONL, CSV and Parquet."""

from __future__ import annotations

import csv
import dataclasses
import json
from datetime import date

import pyarrow.parquet as pq
import pytest

from claimledger.errors import LedgerError
from claimledger.ledger import FORMATS, export
from claimledger.ledger.export import EXPORT_TABLES, fields, parquet_schema
from claimledger.models import Article, Claim, Event, Figure, Place, TimeRef
from contract_fields import CONTRACT

SOURCE_FIELDS = ["text", "start", "end", "name", "kind", "role", "affiliation"]
MODELS = {"documents": Article, "claims": Claim, "figures": Figure, "times": TimeRef, "places": Place, "events": Event}


def test_export_fields_cover_the_contract() -> None:
    for table, required in CONTRACT.items():
        assert set(required) <= set(fields(table)), table
        assert parquet_schema(table).names == fields(table)
    assert {"actors", "errors"} <= set(EXPORT_TABLES)


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_writes_every_file_even_when_empty(ledger, tmp_path, fmt) -> None:
    paths = export(ledger, tmp_path / "out", fmt)
    assert [p.name for p in paths] == [f"{t}.{fmt}" for t in EXPORT_TABLES]
    for path, table in zip(paths, EXPORT_TABLES, strict=True):
        assert path.is_file()
        if fmt == "jsonl":
            assert path.read_text() == ""
        elif fmt == "csv":
            assert path.read_text().splitlines() == [",".join(fields(table))]
        else:
            t = pq.read_table(path)
            assert t.num_rows == 0 and t.schema.names == fields(table)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(p.name for p in paths)  # no temp files


def _jsonl(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_export_jsonl_records_are_the_contract_records(ledger, make_reading, tmp_path) -> None:
    r = make_reading(speaker="Jörg Ñúñez «Ǆ» 🛰")
    ledger.write(r)
    ledger.record_error("broken.txt", "CL002", "empty file")
    export(ledger, tmp_path, "jsonl")
    [doc] = _jsonl(tmp_path / "documents.jsonl")
    assert list(doc) == fields("documents") and doc["published"] == "2025-02-01"
    assert Article.from_record(doc) == r.article
    claims = _jsonl(tmp_path / "claims.jsonl")
    assert [list(c) for c in claims] == [fields("claims")] * 3
    assert claims[0]["source"]["name"] == "Jörg Ñúñez «Ǆ» 🛰" and list(claims[0]["source"])[:7] == SOURCE_FIELDS
    assert claims[1]["channel"] == [
        {
            "name": "Example Radio",
            "kind": "media",
            "start": r.claims[1].channel[0].start,
            "end": r.claims[1].channel[0].end,
        }
    ]
    assert claims[2]["source"] is None and claims[2]["responds_to"] == [r.claims[1].claim_id]
    assert {c["claim_id"] for c in claims} == {c.claim_id for c in r.claims}
    assert sorted((Claim.from_record(c) for c in claims), key=lambda c: c.claim_id) == sorted(
        r.claims, key=lambda c: c.claim_id
    )
    [fig] = _jsonl(tmp_path / "figures.jsonl")
    assert fig["normalized"] == {"value": 1200.0, "unit": "vehicle"} and fig["approx"] is True
    for table in ("times", "places", "events"):
        [rec] = _jsonl(tmp_path / f"{table}.jsonl")
        assert MODELS[table].from_record(rec) == getattr(r, table)[0]
    [err] = _jsonl(tmp_path / "errors.jsonl")
    assert (err["input"], err["code"], err["count"]) == ("broken.txt", "CL002", 1)


def test_export_jsonl_non_finite_numbers_become_null(ledger, make_reading, tmp_path) -> None:
    r = make_reading()
    fig = dataclasses.replace(r.figures[0], value=float("inf"), high=float("nan"))
    ledger.write(dataclasses.replace(r, figures=(fig,)))
    export(ledger, tmp_path, "jsonl")
    text = (tmp_path / "figures.jsonl").read_text()
    assert "Infinity" not in text and "NaN" not in text
    [rec] = _jsonl(tmp_path / "figures.jsonl")
    assert rec["value"] is None and rec["high"] is None


def test_export_csv_nested_values_are_json_text(ledger, make_reading, tmp_path) -> None:
    r = make_reading(speaker='Ann "The Voice" Lee, Jr.')
    ledger.write(r)
    export(ledger, tmp_path, "csv")
    with (tmp_path / "claims.csv").open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == fields("claims")
    by_id = {row["claim_id"]: row for row in rows}
    first = by_id[r.claims[0].claim_id]
    assert json.loads(first["source"])["text"] == 'Ann "The Voice" Lee, Jr.'
    assert json.loads(first["cue"]) == {"text": "said", "start": r.claims[0].cue.start, "end": r.claims[0].cue.end}
    assert first["direct"] == "false" and first["channel"] == "[]" and first["confidence"] == "0.9"
    assert by_id[r.claims[2].claim_id]["source"] == ""  # null
    with (tmp_path / "documents.csv").open(newline="", encoding="utf-8") as fh:
        [doc] = list(csv.DictReader(fh))
    assert doc["text"] == r.article.text and doc["published"] == "2025-02-01"


def test_export_parquet_has_typed_nested_columns(ledger, make_reading, tmp_path) -> None:
    r = make_reading()
    ledger.write(r)
    ledger.write(make_reading(tag="nodate", published=None))
    export(ledger, tmp_path, "parquet")
    docs = pq.read_table(tmp_path / "documents.parquet").to_pylist()
    assert {d["published"] for d in docs} == {date(2025, 2, 1), None}
    claims = pq.read_table(tmp_path / "claims.parquet")
    assert str(claims.schema.field("source").type).startswith("struct<text: string, start: int32")
    mine = {c["claim_id"]: c for c in claims.to_pylist() if c["doc_id"] == r.doc_id}
    for claim in r.claims:
        assert mine[claim.claim_id] == claim.to_record()  # same nested shape as JSONL
    figs = pq.read_table(tmp_path / "figures.parquet").to_pylist()
    assert figs[0]["normalized"] == {"value": 1200.0, "unit": "vehicle"}
    [event] = [e for e in pq.read_table(tmp_path / "events.parquet").to_pylist() if r.doc_id in e["doc_ids"]]
    assert json.loads(event["place"]) == r.events[0].place


def test_export_parquet_refuses_to_drop_unknown_normalized_keys(ledger, make_reading, tmp_path) -> None:
    r = make_reading()
    fig = dataclasses.replace(r.figures[0], normalized={"value": 1.0, "unit": "m", "extra": 2})
    ledger.write(dataclasses.replace(r, figures=(fig,)))
    with pytest.raises(LedgerError, match="extra"):
        export(ledger, tmp_path, "parquet")
    assert not (tmp_path / "figures.parquet").exists()


def test_export_unknown_format_is_refused(ledger, tmp_path) -> None:
    with pytest.raises(LedgerError, match="unknown export format 'xml'"):
        export(ledger, tmp_path, "xml")
