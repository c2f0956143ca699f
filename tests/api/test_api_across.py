"""/api/v1/events, /comparisons, /conflicts, /timeline: what the reconciliation made of the dam story."""

from __future__ import annotations

from fastapi.testclient import TestClient

from ledger_samples import sample_readings


def _dam_story(client: TestClient) -> str:
    doc = sample_readings()[0].doc_id
    story: str = client.get(f"/api/v1/documents/{doc}").json()["story_id"]
    assert story
    return story


def test_events_of_a_story_list_their_claims(client: TestClient) -> None:
    story = _dam_story(client)
    events = client.get(f"/api/v1/events?story={story}").json()["items"]
    assert events and {e["story_id"] for e in events} == {story}
    claims = {c.claim_id for r in sample_readings()[:3] for c in r.claims}
    for e in events:
        linked = set(e["supporting_claims"]) | set(e["contesting_claims"]) | set(e["refusing_claims"])
        assert linked and linked <= claims
        assert client.get(f"/api/v1/events/{e['event_id']}").json() == e
    assert client.get("/api/v1/events/enothing").status_code == 404


def test_events_filtered_by_article_and_type(client: TestClient) -> None:
    doc = sample_readings()[0].doc_id
    items = client.get(f"/api/v1/events?doc_id={doc}").json()["items"]
    assert items and all(doc in e["doc_ids"] for e in items)
    kind = items[0]["type"]
    assert {e["type"] for e in client.get(f"/api/v1/events?type={kind}").json()["items"]} == {kind}


def test_conflicts_put_disjoint_figures_side_by_side(client: TestClient) -> None:
    conflicts = client.get("/api/v1/conflicts").json()
    assert conflicts and all(c["relation"] == "conflict" for c in conflicts)
    pairs = {tuple(sorted(c["texts"])) for c in conflicts}
    assert ("20", "6") in pairs  # the rescuers' 20 dead against the hospital's 6
    for c in conflicts:
        assert len(c["figure_ids"]) == len(c["sources"]) == len(c["intervals"]) >= 2
    every = client.get(f"/api/v1/comparisons?story={_dam_story(client)}").json()
    assert {c["comparison_id"] for c in conflicts} <= {c["comparison_id"] for c in every}
    assert client.get("/api/v1/comparisons?relation=agree&measure=troops").json() == []
    assert client.get("/api/v1/comparisons?relation=maybe").status_code == 422


def test_timeline_one_series_per_source(client: TestClient) -> None:
    points = client.get("/api/v1/timeline?measure=killed").json()
    assert {(p["source"], p["value"]) for p in points} == {
        ("Ivan Petrenko", 14.0),
        ("Rescuers", 20.0),
        ("Northford hospital", 6.0),
    }
    assert [p["source"] for p in client.get("/api/v1/timeline?measure=killed&source=rescu").json()] == ["Rescuers"]
    assert client.get("/api/v1/timeline").status_code == 422
