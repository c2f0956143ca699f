"""Latency of the REST API and the claims explorer on a generated ledger of 100 k claims.

    python bench/bench_api.py                    # 10 000 articles x 10 claims, 60 requests per endpoint
    python bench/bench_api.py --articles 2000 --requests 30 --db /tmp/small.duckdb

The ledger is generated from readings built here (no spaCy model: the readings are what the reader
would produce for sentences of a fixed shape, "SOURCE CUE that CONTENT.", with figures, dates and
places), written in batches through the normal ``Ledger.write_many``.  The server is the real one
(``claimledger.server.build_app`` under uvicorn on a loopback port, one process, the one DuckDB writer
connection with a cursor per worker thread); requests go one at a time through httpx, so each figure is
the latency a reader sees, not a throughput.  Every request is checked to answer 200.

It prints p50 and p95 (milliseconds) per endpoint: the list, filters, full-text search, keyset
pagination deep into the set, facets, and the claims explorer page (HTML, with its facets and count).
"""

from __future__ import annotations

import argparse
import random
import statistics
import threading
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

STANCES = ("assert", "assert", "assert", "assert", "deny", "accuse", "estimate", "no_comment", "confirm")
CUES = {"assert": "said", "deny": "denied", "accuse": "accused", "estimate": "estimated", "no_comment": "declined"}
WORDS = (
    "troops village strike drone convoy border ceasefire talks bridge power plant shelling refinery "
    "region governor ministry army civilians hospital school road port rail grain aid water winter"
).split()
CHANNELS = ("AFP", "Reuters", "AP", "BBC", "state news agency", "Interfax")


def _places(rng: random.Random, n: int) -> list[tuple[str, float, float, str]]:
    return [
        (f"Town{i}", 44 + rng.random() * 12, 22 + rng.random() * 20, rng.choice(("UA", "RU", "PL", "MD")))
        for i in range(n)
    ]


def readings(n_articles: int, claims_per: int, seed: int = 7) -> Iterator[object]:
    """``n_articles`` generated readings with ``claims_per`` claims each (see the module docstring)."""
    from claimledger.models import Article, ChannelHop, Claim, Figure, Place, Reading, Source, Span, TimeRef, stable_id

    rng = random.Random(seed)
    sources = [f"Source Person{i}" for i in range(800)]
    outlets = [f"Outlet {i}" for i in range(25)]
    places = _places(rng, 300)
    start = date(2024, 1, 1)
    for a in range(n_articles):
        published = start + timedelta(days=rng.randrange(700))
        claims, figures, times, pls = [], [], [], []
        doc_text_pieces: list[tuple[str, str, str, str, int, tuple[str, float, float, str]]] = []
        for _ in range(claims_per):
            who = rng.choice(sources[: 40 + (a % 760)])
            stance = rng.choice(STANCES)
            cue = CUES.get(stance, "confirmed")
            words = " ".join(rng.choice(WORDS) for _ in range(8))
            value = rng.randrange(2, 5000)
            place = rng.choice(places)
            doc_text_pieces.append((who, cue, words, stance, value, place))
        text_parts = []
        for who, cue, words, _stance, value, place in doc_text_pieces:
            text_parts.append(f"{who} {cue} that {value} {words} near {place[0]} on Monday.")
        text = f"Report {a}. " + " ".join(text_parts)
        doc_id = Article(text=text).doc_id
        pos = len(f"Report {a}. ")
        for c, (who, cue, words, stance, value, place) in enumerate(doc_text_pieces):
            s0 = pos
            s1 = s0 + len(who)
            c0 = s1 + 1
            c1 = c0 + len(cue)
            k0 = c1 + 1
            sentence = f"{who} {cue} that {value} {words} near {place[0]} on Monday."
            k1 = s0 + len(sentence) - 1
            claim_id = stable_id("c", doc_id, c)
            fig_start = k0 + len("that ")
            fig_text = str(value)
            fig_id = stable_id("f", doc_id, c)
            channel = (ChannelHop(rng.choice(CHANNELS), "media"),) if rng.random() < 0.3 else ()
            claims.append(
                Claim(
                    claim_id,
                    doc_id,
                    Source(who, s0, s1, name=who, kind="person", entity_id=stable_id("ent_", who)),
                    Span(c0, c1, cue),
                    Span(k0, k1, text[k0:k1]),
                    stance=stance,
                    hedged=rng.random() < 0.2,
                    channel=channel,
                    date=(published - timedelta(days=rng.randrange(3))).isoformat(),
                    figure_ids=(fig_id,),
                    confidence=round(rng.random(), 4),
                )
            )
            figures.append(
                Figure(
                    fig_id,
                    doc_id,
                    claim_id,
                    fig_text,
                    fig_start,
                    fig_start + len(fig_text),
                    float(value),
                    counts=rng.choice(("killed", "injured", "troops", "displaced")),
                )
            )
            p0 = s0 + sentence.index(" near ") + len(" near ")
            pls.append(
                Place(
                    doc_id,
                    place[0],
                    p0,
                    p0 + len(place[0]),
                    place[0],
                    country=place[3],
                    lat=place[1],
                    lon=place[2],
                    gazetteer_id=f"gen:{place[0]}",
                    feature="PPL",
                    claim_id=claim_id,
                )
            )
            t0 = s0 + sentence.index("on Monday")
            times.append(
                TimeRef(doc_id, "on Monday", t0, t0 + 9, published.isoformat(), grain="day", claim_id=claim_id)
            )
            pos = s0 + len(sentence) + 1
        assert text[claims[-1].content.start : claims[-1].content.end] == claims[-1].content.text
        art = Article(
            text=text,
            external_id=f"gen-{a}",
            title=f"Report {a}: {rng.choice(WORDS)} {rng.choice(WORDS)}",
            outlet=rng.choice(outlets),
            published=published,
        )
        yield Reading(art, tuple(claims), tuple(figures), tuple(times), tuple(pls))


def build(db: Path, n_articles: int, claims_per: int) -> None:
    """Write the generated ledger to ``db`` (skipped when it already holds that many articles)."""
    from claimledger.ledger import open_ledger

    with open_ledger(db) as ledger:
        if ledger.stats()["documents"] >= n_articles:
            return
        started = time.perf_counter()
        batch: list[object] = []
        for r in readings(n_articles, claims_per):
            batch.append(r)
            if len(batch) == 500:
                ledger.write_many(batch)  # type: ignore[arg-type]
                batch = []
        if batch:
            ledger.write_many(batch)  # type: ignore[arg-type]
        took = time.perf_counter() - started
        print(f"generated {ledger.stats()['claims']} claims in {n_articles} articles in {took:.0f} s")


def serve(db: Path, port: int) -> tuple[object, threading.Thread, object]:
    import uvicorn

    from claimledger.ledger import open_ledger
    from claimledger.server import build_app

    ledger = open_ledger(db)
    server = uvicorn.Server(uvicorn.Config(build_app(ledger), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    return server, thread, ledger


def measure(client: object, urls: list[str]) -> list[float]:
    out = []
    for url in urls:
        t0 = time.perf_counter()
        r = client.get(url)  # type: ignore[attr-defined]
        out.append((time.perf_counter() - t0) * 1000)
        assert r.status_code == 200, (url, r.status_code, r.text[:300])
    return out


def deep_pages(client: object, base: str, pages: int) -> list[str]:
    """The URLs of ``pages`` consecutive pages (following next_cursor)."""
    urls = [base]
    for _ in range(pages - 1):
        cursor = client.get(urls[-1]).json()["next_cursor"]  # type: ignore[attr-defined]
        urls.append(f"{base}&cursor={cursor}")
    return urls


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--claims-per", type=int, default=10)
    ap.add_argument("--requests", type=int, default=60, help="requests per endpoint")
    ap.add_argument("--db", type=Path, default=Path("/tmp/claimledger-bench-api.duckdb"))
    ap.add_argument("--port", type=int, default=8799)
    args = ap.parse_args()
    build(args.db, args.articles, args.claims_per)
    import httpx

    server, thread, ledger = serve(args.db, args.port)
    rng = random.Random(3)
    n = args.requests
    with httpx.Client(base_url=f"http://127.0.0.1:{args.port}", timeout=60) as client:
        client.get("/api/v1/claims")  # warm up (first query plans, template compilation)
        client.get("/claims")
        stances = ("deny", "accuse", "estimate", "no_comment")
        cases = {
            "list /api/v1/claims": ["/api/v1/claims?limit=50"] * n,
            "list /api/v1/documents": ["/api/v1/documents?limit=50"] * n,
            "filter stance+outlet": [
                f"/api/v1/claims?stance={rng.choice(stances)}&outlet=Outlet%20{rng.randrange(25)}" for _ in range(n)
            ],
            "filter source": [f"/api/v1/claims?source=Person{rng.randrange(800)}" for _ in range(n)],
            "filter entity": [f"/api/v1/sources/{_entity(rng)}/claims" for _ in range(n)],
            "filter place+dates": [
                f"/api/v1/claims?place=Town{rng.randrange(300)}&since=2024-06&until=2025-03" for _ in range(n)
            ],
            "filter channel": [f"/api/v1/claims?channel={rng.choice(CHANNELS)}" for _ in range(n)],
            "search q": [f"/api/v1/claims?q={rng.choice(WORDS)}%20{rng.choice(WORDS)}" for _ in range(n)],
            "facets": [f"/api/v1/claims/facets?stance={rng.choice(stances)}" for _ in range(n)],
            "pagination (next_cursor, pages 1-N)": deep_pages(client, "/api/v1/claims?limit=50&sort=-confidence", n),
            "explorer page /claims": ["/claims"] * (n // 2)
            + [f"/claims?stance={rng.choice(stances)}&q={rng.choice(WORDS)}" for _ in range(n - n // 2)],
            "explorer page, next pages": [
                "/claims?" + u.split("?", 1)[1] for u in deep_pages(client, "/api/v1/claims?limit=50", n)
            ],
        }
        print(f"{'endpoint':<40} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}  (n={n} each)")
        for name, urls in cases.items():
            ms = sorted(measure(client, urls))
            p95 = ms[min(len(ms) - 1, int(round(0.95 * (len(ms) - 1))))]
            print(f"{name:<40} {statistics.median(ms):8.1f} {p95:8.1f} {ms[-1]:8.1f}")
    server.should_exit = True  # type: ignore[attr-defined]
    thread.join(10)
    ledger.close_readers()  # type: ignore[attr-defined]
    ledger.close()  # type: ignore[attr-defined]


def _entity(rng: random.Random) -> str:
    from claimledger.models import stable_id

    return stable_id("ent_", f"Source Person{rng.randrange(40)}")


if __name__ == "__main__":
    main()
