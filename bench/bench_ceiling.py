"""The machine's own ceiling for the 2-process speed-up: the same analysis, 1 process vs 2 forked ones.

    python bench/bench_ceiling.py [--articles 192]

Warms the default pipeline up once, reads the synthetic corpus (bench/make_corpus.py) in this process,
then in two forked processes taking every other article, with no IPC, no ledger and no parent work.
``bench_scale.py``'s speed-up is measured against this (cores, caches and memory bandwidth shared).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_corpus import write_corpus  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=192)
    args = ap.parse_args()
    from claimledger._api import default_nlp
    from claimledger.engine import analyse, warm_up
    from claimledger.ingest.metadata import Metadata
    from claimledger.ingest.reader import read_paths
    from claimledger.models import Article

    with tempfile.TemporaryDirectory() as tmp:
        corpus = write_corpus(Path(tmp) / "corpus.jsonl", args.articles)
        articles = [
            a for a in read_paths([str(corpus)], defaults=Metadata(), column_map=None) if isinstance(a, Article)
        ]
    nlp = default_nlp(None)
    warm_up(nlp)

    def work(part: list[Article]) -> None:
        for i in range(0, len(part), 32):
            list(analyse(part[i : i + 32], nlp, n_process=1, batch_size=32, chunk_size=32))

    started = time.perf_counter()
    work(articles)
    one = time.perf_counter() - started
    started = time.perf_counter()
    children = []
    for half in (articles[0::2], articles[1::2]):
        pid = os.fork()
        if pid == 0:
            work(half)
            os._exit(0)
        children.append(pid)
    for pid in children:
        os.waitpid(pid, 0)
    two = time.perf_counter() - started
    print(
        f"{len(articles)} articles: 1 process {one:.1f} s, 2 forked processes {two:.1f} s -> ceiling {one / two:.2f}x"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
