"""/api/v1/exports: tables and the filtered claims streamed as JSONL, CSV and Parquet."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
from fastapi.testclient import TestClient

from claimledger.ledger.export import EXPORT_TABLES, fields


def test_exports_every_table_in_every_format(client: TestClient) -> None:
    for table in EXPORT_TABLES:
        rows = [json.loads(x) for x in client.get(f"/api/v1/exports/{table}?format=jsonl").text.splitlines()]
        assert all(list(r) == fields(table) for r in rows), table
        text = client.get(f"/api/v1/exports/{table}?format=csv").text
        assert next(csv.reader(io.StringIO(text))) == fields(table)
        assert len(list(csv.DictReader(io.StringIO(text)))) == len(rows), table
        data = client.get(f"/api/v1/exports/{table}?format=parquet").content
        assert pq.read_table(io.BytesIO(data)).num_rows == len(rows), table


def test_exports_filtered_claims_match_the_listing(client: TestClient) -> None:
    r = client.get("/api/v1/exports/claims?stance=deny&format=jsonl")
    assert r.headers["content-type"].startswith("application/x-ndjson")
    assert 'filename="claims.jsonl"' in r.headers["content-disposition"]
    ids = [json.loads(x)["claim_id"] for x in r.text.splitlines()]
    listed = [c["claim_id"] for c in client.get("/api/v1/claims?stance=deny").json()["items"]]
    assert ids == listed and len(ids) == 2
    table = pq.read_table(io.BytesIO(client.get("/api/v1/exports/claims?stance=deny&format=parquet").content))
    assert table.column("claim_id").to_pylist() == listed


def test_exports_refuse_unknown_tables_and_formats(client: TestClient) -> None:
    assert client.get("/api/v1/exports/secrets").status_code == 404
    assert client.get("/api/v1/exports/claims?format=xlsx").status_code == 422
    assert client.get("/api/v1/exports/claims?since=2025-02-30").status_code == 400
