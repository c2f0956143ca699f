"""The API over a PostgreSQL ledger: the same queries (filters, keyset pages, facets, JSON channel and
place lookups, exports) give the same answers as on DuckDB.  Runs when CLAIMLEDGER_TEST_PG names a server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from claimledger.api import create_app
from ledger_samples import API_TOKEN, build_ledger, sample_readings

pytestmark = pytest.mark.postgres


@pytest.fixture()
def pair(pg_url: str, tmp_path: Path) -> Iterator[tuple[TestClient, TestClient]]:
    pg, duck = build_ledger(pg_url), build_ledger(tmp_path / "ledger.duckdb")
    with TestClient(create_app(pg, token=API_TOKEN)) as a, TestClient(create_app(duck, token=API_TOKEN)) as b:
        yield a, b
    for ledger in (pg, duck):
        ledger.close_readers()
        ledger.close()


QUERIES = [
    "/api/v1/claims?limit=3",
    "/api/v1/claims?sort=-confidence&limit=500",
    "/api/v1/claims?stance=deny",
    "/api/v1/claims?channel=afp",
    "/api/v1/claims?place=NORTHFORD",
    "/api/v1/claims?since=2025-03-15&until=2025-04&q=dam",
    "/api/v1/claims?source=petrenko&min_confidence=0.9",
    "/api/v1/claims/facets",
    "/api/v1/sources",
    "/api/v1/documents",
    "/api/v1/places/counts",
    "/api/v1/figures/series?counts=killed",
    "/api/v1/timeline?measure=killed",
]


def test_api_postgres_answers_as_duckdb(pair: tuple[TestClient, TestClient]) -> None:
    pg, duck = pair
    for url in QUERIES:
        a, b = pg.get(url), duck.get(url)
        assert a.status_code == b.status_code == 200, (url, a.text)
        assert a.json() == b.json(), url


def test_api_postgres_pages_and_exports(pair: tuple[TestClient, TestClient]) -> None:
    pg, _ = pair
    seen, cursor = [], ""
    while True:
        body = pg.get(f"/api/v1/claims?limit=2&sort=source{cursor}").json()
        seen += [c["claim_id"] for c in body["items"]]
        if not body["next_cursor"]:
            break
        cursor = f"&cursor={body['next_cursor']}"
    assert sorted(seen) == sorted(c.claim_id for r in sample_readings() for c in r.claims)
    lines = pg.get("/api/v1/exports/claims?format=jsonl&stance=deny").text.splitlines()
    assert len(lines) == 2
    doc = sample_readings()[0].doc_id
    assert pg.get(f"/api/v1/events?doc_id={doc}").json()["items"]
