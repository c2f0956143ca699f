"""Speed and accuracy of the web-input side of ingest: HTML extraction, language ID, near duplicates.

    python bench/bench_html.py [--html] [--language] [--dedup] [--rounds 3]

--html      read_html vs trafilatura.extract alone on the 181 html-bench pages, interleaved page by
            page in one process (the machine is shared: the ratio is the figure to compare).
--language  language ID on html-bench article bodies (20 non-English, labels by hand below) and 300
            PolNeAR train articles (English), whole and cut to 40/100/300 characters: py3langid (ours)
            and, when importable, pycld2, langdetect and lingua for comparison; plus how many
            articles check_language() would skip.
--dedup     signature speed, and near-duplicate detection on the 840 PolNeAR train articles: pairs
            flagged among them (should be true duplicates only) and recall on synthetic copies
            (2 % of words replaced + a credit line, or the last paragraph dropped).

Data is read from ../shared/data (never copied).  No option = all three.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

# html-bench pages whose article body is not English (checked by hand: script and site); others are "en".
NON_ENGLISH = {
    "0ec95c7261d1": "ko",
    "11ea381ad92b": "pt",
    "20b2b64916b0": "it",
    "21486419bb10": "id",
    "23aaecd14171": "pt",
    "3252222e61fe": "pt",
    "3c6d3381ef52": "ru",
    "57b4dafd18cf": "de",
    "7837c9d66c81": "id",
    "85439e26c41c": "ja",
    "9da36ae4714b": "ko",
    "b3c19dd5f061": "pt",
    "b6fb53e9fb04": "it",
    "ba07d1e64775": "de",
    "c4a3637c6696": "ru",
    "c82b3d1d540b": "ru",
    "cc03ddb5ef7d": "pt",
    "f105de6e63ca": "ja",
    "f6ac15a4d985": "pt",
    "ff0f958ade71": "ru",
}


def _bench_pages() -> list[tuple[str, bytes, str]]:
    from claimledger.evaluate.html import load_bench

    truth, html_dir = load_bench()
    return [
        (pid, gzip.decompress((html_dir / f"{pid}.html.gz").read_bytes()), truth[pid]["articleBody"])
        for pid in sorted(truth)
    ]


def _polnear(limit: int | None = None, seed: int = 0) -> list[str]:
    from claimledger.paths import shared_data

    files = sorted(shared_data("polnear", "data", "train", "text").glob("*.txt"))
    if limit:
        files = random.Random(seed).sample(files, limit)
    return [f.read_text(encoding="utf-8") for f in files]


def bench_html(rounds: int) -> dict[str, float]:
    import trafilatura

    from claimledger.errors import InputError
    from claimledger.ingest.html import read_html
    from claimledger.ingest.metadata import Metadata

    pages = _bench_pages()
    read_html(pages[0][1], input="warm-up")  # imports and the language model
    ours: list[float] = []
    base: list[float] = []
    for _ in range(rounds):
        t_ours = t_base = 0.0
        for pid, data, _gold in pages:
            start = time.perf_counter()
            trafilatura.extract(data, include_comments=False)
            t_base += time.perf_counter() - start
            start = time.perf_counter()
            try:
                read_html(data, input=pid, defaults=Metadata())
            except InputError:
                pass
            t_ours += time.perf_counter() - start
        ours.append(1000 * t_ours / len(pages))
        base.append(1000 * t_base / len(pages))
    out = {"pages": len(pages), "read_html_ms": statistics.median(ours), "trafilatura_ms": statistics.median(base)}
    out["ratio"] = out["read_html_ms"] / out["trafilatura_ms"]
    print(
        f"html: {len(pages)} pages, read_html {out['read_html_ms']:.1f} ms/page "
        f"({1000 / out['read_html_ms']:.0f} pages/s), trafilatura.extract alone {out['trafilatura_ms']:.1f} "
        f"ms/page; ratio {out['ratio']:.2f} (median of {rounds} rounds)"
    )
    return out


def _detectors() -> dict[str, Callable[[str], str]]:
    from claimledger.ingest.language import detect

    found: dict[str, Callable[[str], str]] = {"py3langid (ours)": lambda t: detect(t)[0]}
    try:
        import pycld2

        def cld2(text: str) -> str:
            try:
                return str(pycld2.detect(text)[2][0][1])
            except Exception:
                return "error"

        found["pycld2"] = cld2
    except ImportError:
        pass
    try:
        import langdetect
        from langdetect import DetectorFactory

        DetectorFactory.seed = 0

        def ld(text: str) -> str:
            try:
                return str(langdetect.detect(text))
            except Exception:
                return "und"

        found["langdetect"] = ld
    except ImportError:
        pass
    try:
        from lingua import LanguageDetectorBuilder

        detector = LanguageDetectorBuilder.from_all_languages().with_preloaded_language_models().build()

        def lin(text: str) -> str:
            lang = detector.detect_language_of(text)
            return lang.iso_code_639_1.name.lower() if lang else "und"

        found["lingua"] = lin
    except ImportError:
        pass
    return found


def bench_language() -> dict[str, object]:
    from claimledger.ingest.language import check_language
    from claimledger.models import Article

    texts = [(NON_ENGLISH.get(pid[:12], "en"), gold) for pid, _data, gold in _bench_pages() if gold.strip()]
    texts += [("en", t) for t in _polnear(300)]
    n_other = sum(1 for lab, _ in texts if lab != "en")
    print(f"language: {len(texts)} texts ({n_other} non-English: html-bench; English: html-bench + PolNeAR)")
    results: dict[str, object] = {}
    for name, fn in _detectors().items():
        fn("warm up the model")
        for cut in (None, 300, 100, 40):
            sample = [(lab, " ".join(t.split())[:cut] if cut else t) for lab, t in texts]
            start = time.perf_counter()
            got = [fn(t) for _, t in sample]
            secs = time.perf_counter() - start
            ok = sum(g == lab for g, (lab, _) in zip(got, sample, strict=True))
            other_ok = sum(g == lab for g, (lab, _) in zip(got, sample, strict=True) if lab != "en")
            en_missed = sum(g != "en" for g, (lab, _) in zip(got, sample, strict=True) if lab == "en")
            key = f"{name} @ {cut or 'whole'}"
            results[key] = {
                "accuracy": ok / len(sample),
                "non_english": other_ok / n_other,
                "english_missed": en_missed,
                "texts_per_s": len(sample) / secs,
            }
            print(
                f"  {key:<28} accuracy {ok / len(sample):.3f}  non-English {other_ok}/{n_other}  "
                f"English mislabelled {en_missed}  {len(sample) / secs:,.0f} texts/s"
            )
    for cut in (None, 300, 150, 100):
        cuts = [(lab, " ".join(t.split())[:cut] if cut else t) for lab, t in texts]
        skipped_en = sum(check_language(Article(text=t)) is not None for lab, t in cuts if lab == "en")
        skipped_other = sum(check_language(Article(text=t)) is not None for lab, t in cuts if lab != "en")
        print(
            f"  check_language @ {cut or 'whole'}: skips {skipped_other}/{n_other} non-English, "
            f"{skipped_en}/{len(texts) - n_other} English (should be 0)"
        )
        results[f"check_language @ {cut or 'whole'}"] = {
            "non_english_skipped": skipped_other,
            "english_skipped": skipped_en,
        }
    return results


def _edit(text: str, rng: random.Random, share: float = 0.02) -> str:
    words = text.split(" ")
    for i in rng.sample(range(len(words)), max(1, int(len(words) * share))):
        words[i] = rng.choice(["the", "said", "officials", "reported", "on", "new"])
    return " ".join(words) + "\n\nAdditional reporting by a staff writer; editing by the desk."


def bench_dedup() -> dict[str, float]:
    from claimledger.ingest.dedup import NearDuplicateIndex, signature, similarity

    texts = _polnear()
    start = time.perf_counter()
    sigs = [signature(t) for t in texts]
    sig_ms = 1000 * (time.perf_counter() - start) / len(texts)
    index = NearDuplicateIndex()
    start = time.perf_counter()
    flagged = [(i, dup) for i, sig in enumerate(sigs) if (dup := index.add(str(i), sig)) is not None]
    add_ms = 1000 * (time.perf_counter() - start) / len(texts)
    print(
        f"dedup: {len(texts)} PolNeAR train articles; signature {sig_ms:.2f} ms/article, index add {add_ms:.2f} "
        f"ms/article; {len(flagged)} flagged as near duplicates of an earlier one:"
    )
    for i, dup in flagged[:10]:
        j = int(dup)
        print(
            f"    #{i} ~ #{j}: estimated Jaccard {similarity(sigs[i], sigs[j]):.2f}, exact text equal: "
            f"{' '.join(texts[i].split()) == ' '.join(texts[j].split())}"
        )
    rng = random.Random(0)
    originals = rng.sample(range(len(texts)), 200)
    found_edit = found_cut = 0
    for i in originals:
        if index.add(f"edit-{i}", signature(_edit(texts[i], rng))) == str(i):
            found_edit += 1
        paragraphs = [p for p in texts[i].split("\n\n") if p.strip()]
        if len(paragraphs) >= 8:
            cut = "\n\n".join(paragraphs[:-1])
            found_cut += index.add(f"cut-{i}", signature(cut)) == str(i)
    n_cut = sum(1 for i in originals if len([p for p in texts[i].split("\n\n") if p.strip()]) >= 8)
    print(
        f"  synthetic copies found: edited (2 % words + credit line) {found_edit}/200, "
        f"last paragraph dropped {found_cut}/{n_cut} (articles of 8+ paragraphs)"
    )
    return {
        "signature_ms": sig_ms,
        "add_ms": add_ms,
        "flagged_pairs": len(flagged),
        "edited_found": found_edit / 200,
        "cut_found": found_cut / max(1, n_cut),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--html", action="store_true")
    parser.add_argument("--language", action="store_true")
    parser.add_argument("--dedup", action="store_true")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    every = not (args.html or args.language or args.dedup)
    figures: dict[str, object] = {}
    if args.html or every:
        figures["html"] = bench_html(args.rounds)
    if args.language or every:
        figures["language"] = bench_language()
    if args.dedup or every:
        figures["dedup"] = bench_dedup()
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
