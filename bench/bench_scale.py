"""End-to-end ingest at scale: time, articles/s and peak memory of the whole process tree.

    python bench/bench_scale.py --sizes 1000 10000 --processes 2 [--engine local|dask]
    python bench/bench_scale.py --sizes 500 --processes 1 2        # the 2-process speed-up

For each corpus size (synthetic wire-style articles from bench/make_corpus.py) and process count, runs
``claimledger ingest corpus.jsonl --db NEW.duckdb -j N`` in a subprocess and samples the summed RSS of
the process and all its children (spaCy workers) every 0.2 s.  Prints one row per run, the speed-up
of each process count over the first one, and peak-RSS ratios between sizes, all from this one run.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_corpus import write_corpus  # noqa: E402


def run_ingest(corpus: Path, db: Path, processes: int, engine: str) -> tuple[float, float, float]:
    """Seconds end to end, seconds of the ingest itself (after start-up) and peak RSS (MB, process tree)."""
    cmd = [
        sys.executable,
        "-m",
        "claimledger.cli",
        "ingest",
        str(corpus),
        "--db",
        str(db),
        "-j",
        str(processes),
        "--quiet",
        "--engine",
        engine,
    ]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    root = psutil.Process(proc.pid)
    peak = peak_pss = 0
    tick = 0
    at_peak: list[int] = []  # RSS of each process (parent first) when the sum peaked
    most: dict[int, int] = {}  # highest RSS of each process (by pid)
    while proc.poll() is None:
        try:
            procs = [root, *root.children(recursive=True)]
            pairs = [(p.pid, p.memory_info().rss) for p in procs if p.is_running()]
            rss = [r for _, r in pairs]
            for pid, r in pairs:
                most[pid] = max(most.get(pid, 0), r)
            if sum(rss) > peak:
                peak, at_peak = sum(rss), rss
            if tick % 10 == 0:  # PSS (reads smaps, slower): splits the pages forked workers share
                peak_pss = max(peak_pss, sum(p.memory_full_info().pss for p in procs if p.is_running()))
        except (psutil.Error, AttributeError):
            pass
        tick += 1
        time.sleep(0.2)
    seconds = time.perf_counter() - start
    out, err = proc.communicate()
    if proc.returncode != 0:
        raise SystemExit(f"ingest failed ({proc.returncode}): {err.decode()[-2000:]}")
    summary = out.decode().strip()
    print(f"    peak PSS {peak_pss / 2**20:.0f} MB (process tree)", flush=True)
    print(
        "    at the peak: parent "
        + " + ".join(f"{r / 2**20:.0f}" for r in at_peak[:1])
        + " MB, workers "
        + " + ".join(f"{r / 2**20:.0f}" for r in at_peak[1:])
        + " MB; highest of each: parent "
        f"{most.get(root.pid, 0) / 2**20:.0f} MB, workers "
        + ", ".join(f"{r / 2**20:.0f}" for pid, r in most.items() if pid != root.pid)
        + f" MB ({len(most) - 1} worker processes in all)",
        flush=True,
    )
    print(f"    {summary}", flush=True)
    found = re.search(r"\(([0-9.]+) s, [0-9.]+ articles/s\)", summary)
    return seconds, float(found.group(1)) if found else seconds, peak / 2**20


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--processes", type=int, nargs="+", default=[2])
    ap.add_argument("--engine", choices=["local", "dask"], default="local")
    ap.add_argument("--keep", type=Path, default=None, help="keep corpora and ledgers in this folder")
    args = ap.parse_args()
    results: dict[tuple[int, int], tuple[float, float, float]] = {}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = args.keep or Path(tmp_name)
        tmp.mkdir(parents=True, exist_ok=True)
        for size in args.sizes:
            corpus = write_corpus(tmp / f"corpus-{size}.jsonl", size)
            for n in args.processes:
                db = tmp / f"ledger-{size}-{n}.duckdb"
                db.unlink(missing_ok=True)
                print(f"ingest {size} articles, {n} process(es), engine {args.engine} ...", flush=True)
                results[(size, n)] = run_ingest(corpus, db, n, args.engine)
                sec, work, rss = results[(size, n)]
                print(f"    {sec:.1f} s end to end, {work:.1f} s ingest, peak RSS {rss:.0f} MB", flush=True)
    print(
        f"\n{'articles':>9}{'procs':>6}{'seconds':>10}{'articles/s':>12}{'ingest s':>10}{'ingest art/s':>14}"
        f"{'peak RSS MB':>13}"
    )
    for (size, n), (sec, work, rss) in results.items():
        print(f"{size:>9}{n:>6}{sec:>10.1f}{size / sec:>12.2f}{work:>10.1f}{size / work:>14.2f}{rss:>13.0f}")
    print("(seconds: end to end, start-up included; ingest s: the ingest's own time after start-up)")
    first_n = args.processes[0]
    for size in args.sizes:
        for n in args.processes[1:]:
            one, many = results[(size, first_n)], results[(size, n)]
            print(
                f"speed-up at {size} articles: {n} processes = {one[0] / many[0]:.2f}x {first_n} end to end, "
                f"{one[1] / many[1]:.2f}x after start-up"
            )
    for n in args.processes:
        base = results[(args.sizes[0], n)][2]
        for size in args.sizes[1:]:
            print(f"peak RSS {size} vs {args.sizes[0]} articles ({n} procs): {results[(size, n)][2] / base:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
