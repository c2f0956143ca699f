"""/api/v1/documents: listing, one article, its text with spans, and the token-guarded write."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from claimledger.api import create_app
from claimledger.ledger.base import Ledger
from ledger_samples import API_TOKEN as TOKEN
from ledger_samples import HOSTILE_TEXT, sample_readings


def test_documents_list_newest_first_with_counts(client: TestClient) -> None:
    body = client.get("/api/v1/documents").json()
    dates = [d["published"] for d in body["items"]]
    assert dates == sorted(dates, reverse=True)
    counts = {d["external_id"]: d["claim_count"] for d in body["items"]}
    assert counts["dam-strike-1"] == 4 and counts["talks-1"] == 2
    assert "text" not in body["items"][0] and "input" not in body["items"][0]


def test_documents_pages_cover_every_article_once(client: TestClient) -> None:
    seen: list[str] = []
    url = "/api/v1/documents?limit=2"
    while url:
        body = client.get(url).json()
        seen += [d["doc_id"] for d in body["items"]]
        url = f"/api/v1/documents?limit=2&cursor={body['next_cursor']}" if body["next_cursor"] else ""
    assert sorted(seen) == sorted(r.doc_id for r in sample_readings())


def test_documents_text_spans_point_into_the_text(client: TestClient) -> None:
    doc_id = sample_readings()[0].doc_id
    body = client.get(f"/api/v1/documents/{doc_id}/text").json()
    text = body["text"]
    assert body["claim_count"] == len(body["claims"]) == 4
    for claim in body["claims"]:
        for part in ("cue", "content"):
            assert text[claim[part]["start"] : claim[part]["end"]] == claim[part]["text"]
        assert text[claim["source"]["start"] : claim["source"]["end"]] == claim["source"]["text"]
    for kind in ("figures", "times", "places"):
        assert body[kind], kind
        for rec in body[kind]:
            assert text[rec["start"] : rec["end"]] == rec["text"]
    assert body["events"] and all(doc_id in e["doc_ids"] for e in body["events"])


def test_documents_hostile_text_comes_back_exactly(client: TestClient) -> None:
    doc_id = sample_readings()[-1].doc_id
    assert client.get(f"/api/v1/documents/{doc_id}/text").json()["text"] == HOSTILE_TEXT


def test_documents_unknown_id_is_a_404_in_the_error_shape(client: TestClient) -> None:
    r = client.get("/api/v1/documents/0000000000000000")
    assert r.status_code == 404
    assert r.json()["error"]["code"] == "CL050"
    assert r.json()["error"]["input"] == "0000000000000000"


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic x"}])
def test_documents_post_refused_without_the_token(client: TestClient, headers: dict[str, str]) -> None:
    r = client.post("/api/v1/documents", json={"text": "The minister said the bridge was closed."}, headers=headers)
    assert r.status_code == 401
    assert r.json()["error"]["type"] == "AccessDenied"
    assert r.headers["www-authenticate"] == "Bearer"


def test_documents_post_refused_when_the_server_has_no_token(sample_ledger: Ledger) -> None:
    with TestClient(create_app(sample_ledger)) as c:
        r = c.post("/api/v1/documents", json={"text": "x"}, headers={"Authorization": "Bearer anything"})
    assert r.status_code == 401
    assert "writes are disabled" in r.json()["error"]["message"]


@pytest.mark.parametrize(
    "body",
    [
        {"text": "a", "html": "<p>a</p>"},
        {},
        {"text": "The minister said so.", "colour": "red"},
        {"text": "The minister said so.", "published": "not a date"},
        {"text": "The minister said so.", "title": "x" * 3000},
        {"text": 5},
    ],
)
def test_documents_post_validates_the_body(client: TestClient, body: dict[str, object]) -> None:
    r = client.post("/api/v1/documents", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 422, r.text
    assert r.json()["error"]["code"] in ("CL010", "CL002")


def test_documents_post_refuses_a_body_over_the_limit(sample_ledger: Ledger) -> None:
    with TestClient(create_app(sample_ledger, token=TOKEN, max_body_bytes=1000)) as c:
        r = c.post("/api/v1/documents", json={"text": "word " * 500}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 413
    assert r.json()["error"]["code"] == "CL005"


def test_documents_post_refuses_empty_text(client: TestClient) -> None:
    r = client.post("/api/v1/documents", json={"text": "   "}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 422
    assert r.json()["error"]["type"] == "EmptyInput"


@pytest.mark.slow
def test_documents_post_reads_and_stores_at_once(fresh_ledger: Ledger, nlp: object) -> None:
    text = "The regional governor said on Monday that 12 people were injured in Northford."
    with TestClient(create_app(fresh_ledger, token=TOKEN, nlp=nlp)) as c:  # type: ignore[arg-type]
        auth = {"Authorization": f"Bearer {TOKEN}"}
        r = c.post(
            "/api/v1/documents", json={"text": text, "outlet": "Test Wire", "published": "2025-06-02"}, headers=auth
        )
        assert r.status_code == 201, r.text
        stored = r.json()
        assert stored["stored"] and not stored["unchanged"] and stored["claims"] >= 1
        doc = c.get(f"/api/v1/documents/{stored['doc_id']}").json()
        assert doc["outlet"] == "Test Wire" and doc["published"] == "2025-06-02"
        again = c.post("/api/v1/documents", json={"text": text}, headers=auth).json()
        assert again["unchanged"] and not again["stored"]
        page = (
            "<html><head><title>Dam</title></head><body><article><p>"
            + text.replace("12", "13")
            + "</p></article></body></html>"
        )
        html = c.post("/api/v1/documents", json={"html": page}, headers=auth)
        assert html.status_code == 201 and html.json()["stored"], html.text
