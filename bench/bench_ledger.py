"""Ledger write/read/export speed on DuckDB (and PostgreSQL when CLAIMLEDGER_TEST_PG is set).

    python bench/bench_ledger.py [--articles 1000] [--single 200] [--batch 64]

Synthetic readings shaped like a real article's (8 claims, 4 figures, 3 times, 3 places, 5 actors,
1 event).  Reports articles/s for ``write`` (one transaction per article) and ``write_many``
(one transaction per batch, still atomic per article) in the same run, their ratio, and the time
of ``reading``, ``claims(source=…)`` and each export format.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

from claimledger.ledger import export, open_ledger
from claimledger.models import (
    Actor,
    Article,
    ChannelHop,
    Claim,
    Event,
    Figure,
    Place,
    Reading,
    Source,
    Span,
    TimeRef,
    stable_id,
)


def make_reading(i: int) -> Reading:
    sents = [
        f"Official {i}-{k} said that {k * 10 + i % 7} drones were shot down near Town{k} on Friday." for k in range(8)
    ]
    text = " ".join(sents)
    art = Article(
        text=text,
        external_id=f"a{i}",
        outlet="Bench Wire",
        url=f"https://example.org/{i}",
        title=f"Article {i}",
        published=date(2025, 1, 1) + timedelta(days=i % 365),
        language="en",
    )
    d = art.doc_id
    claims, figures, times, places, actors = [], [], [], [], []
    pos = 0
    for k, s in enumerate(sents):
        off = text.index(s, pos)
        pos = off + len(s)
        name = f"Official {i}-{k}"
        src = Span(off, off + len(name), name)
        cue_at = off + s.index("said")
        content_at = off + s.index("that") + 5
        cid = stable_id("c", d, cue_at)
        claims.append(
            Claim(
                cid,
                d,
                Source(name, src.start, src.end, name, "person", "spokesman", "Ministry"),
                Span(cue_at, cue_at + 4, "said"),
                Span(content_at, pos - 1, text[content_at : pos - 1]),
                stance="assert",
                channel=(ChannelHop("AFP", "media"),),
                date="2025-01-31",
                confidence=0.8,
                origin="rules",
            )
        )
        actors.append(Actor(d, name, src.start, src.end, name, "person"))
        if k < 4:
            n = str(k * 10 + i % 7)
            at = off + s.index(n + " drones")
            figures.append(
                Figure(
                    stable_id("f", d, at),
                    d,
                    cid,
                    n + " drones",
                    at,
                    at + len(n) + 7,
                    float(n),
                    counts="drones",
                    normalized={"value": float(n), "unit": "drone"},
                )
            )
        if k < 3:
            at = off + s.index("Friday")
            times.append(TimeRef(d, "Friday", at, at + 6, "2025-01-31", "day", claim_id=cid))
            town = f"Town{k}"
            at = off + s.index(town)
            places.append(Place(d, town, at, at + len(town), town, "UA", "Kharkiv", 49.9, 36.2))
    ev = Event(
        stable_id("e", d),
        (d,),
        "attack",
        ("Official",),
        {"name": "Town0"},
        "2025-01-31",
        tuple(f.figure_id for f in figures[:1]),
        (claims[0].claim_id,),
    )
    return Reading(art, tuple(claims), tuple(figures), tuple(times), tuple(places), tuple(actors), (ev,))


def bench(target: str, readings: list[Reading], single: int, batch: int, out: Path) -> None:
    with open_ledger(target) as led:
        t0 = time.perf_counter()
        for r in readings[:single]:
            led.write(r)
        t_single = time.perf_counter() - t0
        rest = readings[single:]
        t0 = time.perf_counter()
        for k in range(0, len(rest), batch):
            led.write_many(rest[k : k + batch])
        t_batch = time.perf_counter() - t0
        single_rate = single / t_single
        batch_rate = len(rest) / t_batch
        print(f"  write        {single_rate:8.1f} articles/s  ({single} articles, 1 transaction each)")
        print(f"  write_many   {batch_rate:8.1f} articles/s  ({len(rest)} articles, batches of {batch})")
        print(f"  ratio write_many/write = {batch_rate / single_rate:.1f}x")
        ids = [r.doc_id for r in readings[:50]]
        t0 = time.perf_counter()
        for d in ids:
            led.reading(d)
        print(f"  reading      {(time.perf_counter() - t0) / len(ids) * 1000:8.1f} ms per article")
        t0 = time.perf_counter()
        n = len(led.claims(source="official 7-"))
        print(
            f"  claims(source=...) {(time.perf_counter() - t0) * 1000:8.1f} ms ({n} claims of {led.stats()['claims']})"
        )
        for fmt in ("jsonl", "csv", "parquet"):
            t0 = time.perf_counter()
            export(led, out / fmt, fmt)
            print(f"  export {fmt:8s} {time.perf_counter() - t0:8.2f} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--single", type=int, default=200)
    ap.add_argument("--batch", type=int, default=64)
    args = ap.parse_args()
    readings = [make_reading(i) for i in range(args.articles)]
    with tempfile.TemporaryDirectory() as tmp:
        print(f"DuckDB file ({args.articles} articles)")
        bench(str(Path(tmp) / "bench.duckdb"), readings, args.single, args.batch, Path(tmp) / "duck")
        base = os.environ.get("CLAIMLEDGER_TEST_PG")
        if base:
            import psycopg

            schema = f"clbench_{uuid.uuid4().hex[:8]}"
            with psycopg.connect(base, autocommit=True) as con:
                con.execute(f"CREATE SCHEMA {schema}")
            try:
                print(f"PostgreSQL ({args.articles} articles)")
                sep = "&" if "?" in base else "?"
                bench(
                    f"{base}{sep}options=-csearch_path%3D{schema}", readings, args.single, args.batch, Path(tmp) / "pg"
                )
            finally:
                with psycopg.connect(base, autocommit=True) as con:
                    con.execute(f"DROP SCHEMA {schema} CASCADE")


if __name__ == "__main__":
    main()
