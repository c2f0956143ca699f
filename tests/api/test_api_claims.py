"""/api/v1/claims: every filter, keyset pages, sorting, facets, one claim, and refused queries."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from ledger_samples import sample_readings


def _all(client: TestClient, query: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    cursor = ""
    while True:
        body = client.get(f"/api/v1/claims?{query}&limit=2{cursor}").json()
        out += body["items"]
        if not body["next_cursor"]:
            return out
        cursor = f"&cursor={body['next_cursor']}"


def test_claims_total_is_every_claim(client: TestClient) -> None:
    body = client.get("/api/v1/claims").json()
    assert body["total"] == sum(len(r.claims) for r in sample_readings()) == len(body["items"])


@pytest.mark.parametrize(
    "sort", ["date", "-date", "confidence", "-confidence", "source", "-source", "stance", "published"]
)
def test_claims_pages_walk_every_claim_once_in_order(client: TestClient, sort: str) -> None:
    whole = client.get(f"/api/v1/claims?sort={sort}&limit=500").json()["items"]
    paged = _all(client, f"sort={sort}")
    assert [c["claim_id"] for c in paged] == [c["claim_id"] for c in whole]
    assert len({c["claim_id"] for c in paged}) == len(whole)


def test_claims_sorted_by_confidence_descending(client: TestClient) -> None:
    values = [c["confidence"] for c in client.get("/api/v1/claims?sort=-confidence").json()["items"]]
    assert values == sorted(values, reverse=True)


@pytest.mark.parametrize(
    ("query", "check"),
    [
        ("stance=deny", lambda c: c["stance"] == "deny"),
        ("source=petrenko", lambda c: c["source"]["name"] == "Ivan Petrenko"),
        ("channel=afp", lambda c: [h["name"] for h in c["channel"]] == ["AFP"]),
        ("outlet=daily%20example", lambda c: c["outlet"] == "Daily Example"),
        ("place=northford", lambda c: c["doc_id"] in {r.doc_id for r in sample_readings()[:3]}),
        ("since=2025-03-15&until=2025-04", lambda c: "2025-03-15" <= (c["date"] or c["published"]) <= "2025-04-30"),
        ("q=DAM", lambda c: "dam" in (c["content"]["text"] + c["cue"]["text"] + c["source"]["text"]).lower()),
        ("min_confidence=0.9", lambda c: c["confidence"] >= 0.9),
        ("stance=deny&channel=reuters", lambda c: c["stance"] == "deny" and c["channel"][0]["name"] == "Reuters"),
    ],
)
def test_claims_filters_keep_only_what_they_name(client: TestClient, query: str, check: Any) -> None:
    body = client.get(f"/api/v1/claims?{query}").json()
    assert body["items"], query
    assert body["total"] == len(body["items"])
    assert all(check(c) for c in body["items"]), query


def test_claims_filter_by_entity_finds_every_name(client: TestClient) -> None:
    entity = client.get("/api/v1/claims?source=petrenko").json()["items"][0]["source"]["entity_id"]
    texts = {c["source"]["text"] for c in client.get(f"/api/v1/claims?entity={entity}").json()["items"]}
    assert texts == {"regional governor Ivan Petrenko", "he"}


def test_claims_filter_by_story_keeps_the_story(client: TestClient) -> None:
    first = client.get("/api/v1/claims?outlet=wire%20example").json()["items"][0]
    assert first["story_id"]
    kept = client.get(f"/api/v1/claims?story={first['story_id']}").json()["items"]
    assert kept and {c["story_id"] for c in kept} == {first["story_id"]}


def test_claims_facets_count_the_filtered_set(client: TestClient) -> None:
    facets = client.get("/api/v1/claims/facets").json()
    assert facets["total"] == 11
    assert {f["value"]: f["count"] for f in facets["counts"]["stance"]} == {
        "assert": 7,
        "deny": 2,
        "no_comment": 1,
        "estimate": 1,
    }
    assert {f["value"]: f["count"] for f in facets["counts"]["channel"]} == {"AFP": 1, "Reuters": 1}
    assert {f["value"]: f["count"] for f in facets["counts"]["place"]} == {"Northford": 3, "Vienna": 1}
    denials = client.get("/api/v1/claims/facets?stance=deny").json()
    assert denials["total"] == 2
    assert {f["value"]: f["count"] for f in denials["counts"]["source"]} == {"Defence Ministry": 2}


def test_claims_one_claim_with_its_article(client: TestClient) -> None:
    claim = sample_readings()[0].claims[1]
    body = client.get(f"/api/v1/claims/{claim.claim_id}").json()
    assert body["content"]["text"] == "At least 14 people were killed"
    assert body["title"] == "Strike damages Northford dam" and body["outlet"] == "Wire Example"
    assert client.get("/api/v1/claims/cffffffffffff").status_code == 404


@pytest.mark.parametrize(
    ("query", "status", "code"),
    [
        ("cursor=not-a-cursor", 400, "CL022"),
        ("cursor=WyJkb2N1bWVudHMiLCIyMDI1IiwiYSJd", 400, "CL022"),  # a documents cursor
        ("stance=shout", 422, "CL010"),
        ("limit=0", 422, "CL010"),
        ("limit=501", 422, "CL010"),
        ("since=yesterday", 422, "CL010"),
        ("since=2025-13-40", 400, "CL022"),
        ("min_confidence=2", 422, "CL010"),
        ("sort=random", 422, "CL010"),
        ("q=%00", 422, "CL010"),
    ],
)
def test_claims_refused_queries_say_why(client: TestClient, query: str, status: int, code: str) -> None:
    r = client.get(f"/api/v1/claims?{query}")
    assert r.status_code == status, r.text
    err = r.json()["error"]
    assert err["code"] == code and err["message"]


def test_claims_cursor_of_another_sort_is_refused(client: TestClient) -> None:
    cursor = client.get("/api/v1/claims?limit=1&sort=date").json()["next_cursor"]
    r = client.get(f"/api/v1/claims?limit=1&sort=-confidence&cursor={cursor}")
    assert r.status_code == 400 and r.json()["error"]["code"] == "CL022"
