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
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_corpus import write_corpus  # noqa: E402


def run_ingest(corpus: Path, db: Path, processes: int, engine: str) -> tuple[float, float]:
    """Seconds and peak RSS (MB, process tree) of one ingest."""
    cmd = [sys.executable, "-m", "claimledger.cli", "ingest", str(corpus), "--db", str(db), "-j", str(processes),
           "--quiet", "--engine", engine]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    root = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        try:
            procs = [root, *root.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in procs if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.2)
    seconds = time.perf_counter() - start
    out, err = proc.communicate()
    if proc.returncode != 0:
        raise SystemExit(f"ingest failed ({proc.returncode}): {err.decode()[-2000:]}")
    print(f"    {out.decode().strip()}")
    return seconds, peak / 2**20


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--processes", type=int, nargs="+", default=[2])
    ap.add_argument("--engine", choices=["local", "dask"], default="local")
    ap.add_argument("--keep", type=Path, default=None, help="keep corpora and ledgers in this folder")
    args = ap.parse_args()
    results: dict[tuple[int, int], tuple[float, float]] = {}
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
    print(f"\n{'articles':>9}{'procs':>6}{'seconds':>10}{'articles/s':>12}{'peak RSS MB':>13}")
    for (size, n), (sec, rss) in results.items():
        print(f"{size:>9}{n:>6}{sec:>10.1f}{size / sec:>12.2f}{rss:>13.0f}")
    first_n = args.processes[0]
    for size in args.sizes:
        for n in args.processes[1:]:
            print(f"speed-up at {size} articles: {n} processes = "
                  f"{results[(size, first_n)][0] / results[(size, n)][0]:.2f}x {first_n}")
    for n in args.processes:
        base = results[(args.sizes[0], n)][1]
        for size in args.sizes[1:]:
            print(f"peak RSS {size} vs {args.sizes[0]} articles ({n} procs): {results[(size, n)][1] / base:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
