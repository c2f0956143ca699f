"""The web app's pages over HTTP (no browser): statuses, what they show, escaping, headers, permalinks."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from claimledger.ledger.base import Ledger
from claimledger.server import CSP
from ledger_samples import sample_readings


@pytest.fixture(scope="module")
def web(web_app: FastAPI) -> Iterator[TestClient]:
    with TestClient(web_app) as c:
        yield c


def _pages(ledger: Ledger) -> list[str]:
    readings = sample_readings()
    entity = readings[0].claims[0].source.entity_id  # type: ignore[union-attr]
    story = ledger.stories()[0].story_id
    event = ledger.events(readings[0].doc_id)[0].event_id
    return [
        "/",
        f"/documents/{readings[0].doc_id}",
        f"/documents/{readings[-1].doc_id}",
        "/claims",
        "/claims?stance=deny&sort=-confidence",
        "/sources",
        f"/sources/{entity}",
        "/stories",
        f"/stories/{story}",
        f"/events/{event}",
        "/conflicts",
        "/conflicts?relation=different_measure",
        "/figures",
        "/figures?measure=killed",
        "/map",
        "/map?since=2025-03&until=2025-03-31",
    ]


def test_web_pages_load_with_the_security_headers(web: TestClient, web_ledger: Ledger) -> None:
    for path in _pages(web_ledger):
        r = web.get(path)
        assert r.status_code == 200, path
        assert r.headers["content-type"].startswith("text/html"), path
        assert r.headers["content-security-policy"] == CSP
        assert "script-src 'self';" in CSP and "unsafe-inline" not in CSP.split("script-src")[1].split(";")[0]
        assert r.headers["x-content-type-options"] == "nosniff"
        scripts = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", r.text)
        assert scripts == [], f"inline script on {path}"
        # nothing loads from elsewhere (a link the reader may follow, like the article's original, is no load)
        assert re.findall(r"(?:\bsrc=|<link[^>]*href=)\"(?:https?:)?//", r.text) == [], f"outside load on {path}"


def test_web_article_view_marks_every_span(web: TestClient) -> None:
    reading = sample_readings()[0]
    html = web.get(f"/documents/{reading.doc_id}").text
    for claim in reading.claims:
        assert f'id="claim-{claim.claim_id}"' in html
        assert f'data-claim="{claim.claim_id}"' in html
    assert html.count('class="m-source"') >= 3 and 'class="m-cue"' in html
    assert "m-figure" in html and "m-time" in html and "m-place" in html
    assert 'via <span class="hop">AFP</span>' in html
    assert "Ivan Petrenko · assert · via AFP · dated 2025-03-14" in html  # the tooltip


def test_web_hostile_article_is_escaped(web: TestClient) -> None:
    html = web.get(f"/documents/{sample_readings()[-1].doc_id}").text
    assert "<script>document.title" not in html and "&lt;script&gt;document.title" in html
    assert "<img src=x" not in html and "&lt;img src=x onerror=" in html
    assert 'href="javascript:' not in html
    assert "&amp;amp; &amp;lt;b&amp;gt;" in html  # entities shown as typed, not decoded
    assert "\u202e" not in html and ">U+202E<" in html and ">U+2067<" in html
    assert "<b onmouseover" not in html


def test_web_explorer_filters_are_permalinks(web: TestClient) -> None:
    html = web.get("/claims?stance=deny").text
    assert "2 found" in html
    assert 'href="/api/v1/exports/claims?stance=deny&amp;format=csv"' in html
    # a facet link keeps the current filters and adds its own
    assert re.search(r'href="/claims\?stance=deny&amp;channel=Reuters"', html)
    # the next page keeps the filters and the sort
    page = web.get("/claims?sort=-confidence&limit=3").text
    nxt = re.search(r'rel="next" href="/claims\?([^"]+)"', page)
    assert nxt and "sort=-confidence" in nxt.group(1) and "cursor=" in nxt.group(1)


def test_web_explorer_bad_filters_say_why(web: TestClient) -> None:
    r = web.get("/claims?stance=shout&since=2025-02-30")
    assert r.status_code == 400
    assert "unknown stance" in r.text


def test_web_unknown_pages_are_404(web: TestClient) -> None:
    for path in ("/documents/nope", "/sources/nobody", "/stories/none", "/events/none", "/no/such/page"):
        r = web.get(path)
        assert r.status_code == 404, path
        assert "content-security-policy" in r.headers


def test_web_story_page_counts_origins_beside_articles(web: TestClient, web_ledger: Ledger) -> None:
    story = next(s for s in web_ledger.stories() if len(s.doc_ids) >= 2)
    html = web.get(f"/stories/{story.story_id}").text
    assert f"<strong>{len(story.doc_ids)}</strong> articles from" in html
    assert f"<strong>{story.origins}</strong> independent origin" in html
