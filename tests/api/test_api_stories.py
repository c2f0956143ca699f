"""/api/v1/stories: the stories the reconciliation made of the sample articles."""

from __future__ import annotations

from fastapi.testclient import TestClient

from ledger_samples import sample_readings


def test_stories_group_the_same_happening(client: TestClient) -> None:
    stories = client.get("/api/v1/stories").json()["items"]
    dam = [r.doc_id for r in sample_readings()[:2]]
    together = [s for s in stories if set(dam) <= set(s["doc_ids"])]
    assert len(together) == 1, stories
    story = together[0]
    assert client.get(f"/api/v1/stories/{story['story_id']}").json()["doc_ids"] == story["doc_ids"]
    docs = client.get(f"/api/v1/stories/{story['story_id']}/documents").json()["items"]
    assert {d["doc_id"] for d in docs} == set(story["doc_ids"])
    claims = client.get(f"/api/v1/stories/{story['story_id']}/claims").json()
    assert claims["total"] == sum(len(r.claims) for r in sample_readings() if r.doc_id in story["doc_ids"])


def test_stories_unknown_is_404(client: TestClient) -> None:
    assert client.get("/api/v1/stories/s_nothing").status_code == 404
