"""/api/v1/sources: canonical sources under all their names, and their claims over time."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_sources_most_claims_first_with_all_names(client: TestClient) -> None:
    items = client.get("/api/v1/sources").json()["items"]
    counts = [s["claims"] for s in items]
    assert counts == sorted(counts, reverse=True)
    petrenko = next(s for s in items if s["name"] == "Ivan Petrenko")
    assert petrenko["names"] == ["Ivan Petrenko", "he", "regional governor Ivan Petrenko"]
    assert petrenko["claims"] == 2 and petrenko["documents"] == 1 and petrenko["role"] == "governor"


def test_sources_one_source_and_its_claims(client: TestClient) -> None:
    ministry = next(s for s in client.get("/api/v1/sources?q=ministry").json()["items"])
    assert client.get(f"/api/v1/sources/{ministry['entity_id']}").json()["claims"] == 2
    claims = client.get(f"/api/v1/sources/{ministry['entity_id']}/claims").json()
    assert claims["total"] == 2
    assert {c["stance"] for c in claims["items"]} == {"deny"}
    dates = [c["date"] or c["published"] for c in claims["items"]]
    assert dates == sorted(dates)


def test_sources_unknown_is_404(client: TestClient) -> None:
    for url in ("/api/v1/sources/ent_nobody", "/api/v1/sources/ent_nobody/claims"):
        r = client.get(url)
        assert r.status_code == 404 and r.json()["error"]["code"] == "CL050"


def test_sources_pages(client: TestClient) -> None:
    first = client.get("/api/v1/sources?limit=3").json()
    second = client.get(f"/api/v1/sources?limit=3&cursor={first['next_cursor']}").json()
    ids = [s["entity_id"] for s in first["items"] + second["items"]]
    assert len(ids) == len(set(ids)) == 6
