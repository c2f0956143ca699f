"""Cost of reconciliation (story assignment + each story's derived rows) at growing ledger sizes.

    python bench/bench_reconcile.py [--sizes 1000 10000 100000] [--no-derive] [--encoder wordllama]

For each size, a child process (so each size's peak RSS is its own) writes that many generated
readings (``claimledger.reconcile.synthetic``: the readings the pipeline would give, built without
spaCy so that 100 k articles take a minute, not hours) into a fresh DuckDB ledger, then runs
``reconcile(ledger)`` and reports, per article: the assignment time (features, embedding, ANN
candidates, scoring, writes) and the derive time (each touched story's row and ``reconcile_story``:
events across articles, comparisons, claim groups, timelines; one transaction per story), the peak
RSS of the child, and B-cubed F1 against the generator's stories.  The last lines give the growth
exponent between sizes (time ∝ n^k: k ≈ 1 is n log n at these sizes, k ≈ 2 would be n²).

    python bench/bench_reconcile.py --equivalence 2000 --runs 10

compares the stories of ten successive ingest runs (each reconciled at its end) with a rebuild, for
articles arriving in publication order and shuffled.
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def run_one(n: int, derive: bool, encoder: str, seed: int = 11) -> dict[str, float]:
    """Measure one size in this process."""
    from claimledger.evaluate.stories import bcubed
    from claimledger.ledger import open_ledger
    from claimledger.reconcile.run import reconcile, story_assignments
    from claimledger.reconcile.synthetic import synthetic_gold, synthetic_readings

    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    with tempfile.TemporaryDirectory() as tmp, open_ledger(Path(tmp) / "bench.duckdb") as ledger:
        t = time.perf_counter()
        batch = []
        for reading in synthetic_readings(n, seed=seed):
            batch.append(reading)
            if len(batch) == 500:
                ledger.write_many(batch)
                batch = []
        ledger.write_many(batch)
        write_s = time.perf_counter() - t
        t = time.perf_counter()
        report = reconcile(ledger, encoder=encoder, derive=False)
        assign_s = time.perf_counter() - t
        derive_s = 0.0
        if derive:
            t = time.perf_counter()
            done = reconcile(ledger, encoder=encoder)
            derive_s = time.perf_counter() - t
            assert done.stories_written == report.new_stories
        pred = story_assignments(ledger)
        _, rows = ledger.sql("SELECT doc_id FROM documents ORDER BY published, external_id")
        order = [r[0] for r in rows]
    gold_n = synthetic_gold(n, seed=seed)
    docs = [r.doc_id for r in synthetic_readings(n, seed=seed)]
    f1 = bcubed(pred, {d: str(s) for d, s in zip(docs, gold_n, strict=True)}).f1
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "n": n,
        "stories": report.new_stories,
        "write_s": write_s,
        "assign_ms": 1000 * assign_s / n,
        "derive_ms": 1000 * derive_s / n,
        "total_s": assign_s + derive_s,
        "peak_rss_mb": peak,
        "start_rss_mb": base_rss,
        "f1": f1,
        "checked": len(order),
    }


def equivalence(n: int, runs: int, seed: int = 11) -> None:
    """Incremental (``runs`` ingest runs of shuffled articles, reconciled after each) against a rebuild."""
    import random

    from claimledger.evaluate.stories import bcubed
    from claimledger.ledger import open_ledger
    from claimledger.reconcile.run import reconcile, story_assignments
    from claimledger.reconcile.synthetic import synthetic_gold, synthetic_readings

    readings = list(synthetic_readings(n, seed=seed))
    gold = {r.doc_id: str(s) for r, s in zip(readings, synthetic_gold(n, seed=seed), strict=True)}
    for label, order in (("publication order", readings), ("shuffled", random.Random(seed).sample(readings, n))):
        with tempfile.TemporaryDirectory() as tmp, open_ledger(Path(tmp) / "eq.duckdb") as ledger:
            size = math.ceil(n / runs)
            for i in range(0, n, size):
                ledger.write_many(order[i : i + size])
                reconcile(ledger, derive=False)
            inc = story_assignments(ledger)
            reconcile(ledger, rebuild=True, derive=False)
            full = story_assignments(ledger)
        same = bcubed(inc, full)
        print(
            f"{label}, {runs} runs of {size}: incremental vs rebuild B-cubed F1 {same.f1:.3f} "
            f"(identical: {inc == full}); against the generator's stories: incremental "
            f"{bcubed(inc, gold).f1:.3f}, rebuild {bcubed(full, gold).f1:.3f}",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--no-derive", action="store_true", help="assignment only (stories stay pending)")
    parser.add_argument("--encoder", default="wordllama")
    parser.add_argument("--equivalence", type=int, metavar="N", help="incremental vs rebuild on N articles, then stop")
    parser.add_argument("--runs", type=int, default=10, help="ingest runs for --equivalence")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.equivalence:
        equivalence(args.equivalence, args.runs)
        return
    if args.child:
        print(json.dumps(run_one(args.child, not args.no_derive, args.encoder)))
        return
    results = []
    for n in args.sizes:
        cmd = [sys.executable, __file__, "--child", str(n), "--encoder", args.encoder]
        if args.no_derive:
            cmd.append("--no-derive")
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
        res = json.loads(out)
        results.append(res)
        print(
            f"{n:>7} articles, {res['stories']:>6} stories: assign {res['assign_ms']:.2f} ms/article, "
            f"derive {res['derive_ms']:.2f} ms/article, total {res['total_s']:.1f} s, "
            f"peak RSS {res['peak_rss_mb']:.0f} MB, B-cubed F1 {res['f1']:.3f}",
            flush=True,
        )
    for a, b in zip(results, results[1:], strict=False):
        k = math.log(b["total_s"] / a["total_s"]) / math.log(b["n"] / a["n"])
        ka = math.log(b["assign_ms"] * b["n"] / (a["assign_ms"] * a["n"])) / math.log(b["n"] / a["n"])
        print(f"growth {a['n']} -> {b['n']}: total time ~ n^{k:.2f} (assignment ~ n^{ka:.2f})")


if __name__ == "__main__":
    main()
