"""``claimledger eval html``: main-text extraction quality on html-bench (181 real article pages).

The score is the benchmark's own (ScrapingHub article-extraction-benchmark, README of
``../shared/data/html-bench``), implemented here:

1. tokens are runs of ``\\w+`` (Unicode, case kept);
2. a text is the multiset of its word 4-grams ("shingles"); 1-3 tokens are one shingle; empty text none;
3. per page TP = sum of min(gold, predicted) counts, FP = predicted surplus, FN = gold surplus, each
   divided by TP+FP+FN so that every page weighs the same;
4. page precision TP/(TP+FP) and recall TP/(TP+FN) (both 1 when FP = FN = 0), averaged over the pages
   with TP+FP > 0 (precision) and TP+FN > 0 (recall); F1 = 2PR/(P+R) of the averages;
5. accuracy = share of pages whose token sequence equals the gold's.

A page we cannot read counts as empty output.  The ± figures are 1.96 standard deviations over
bootstrap resamples of the pages (what the upstream evaluation prints as its ±).

Metadata: the URL is checked against the ground truth's ``url`` (all pages); the publication date
against the date written in the URL (the pages whose URL holds a full year-month-day); titles and
outlets have no ground truth, so :mod:`claimledger.evaluate.html_checked` holds verdicts a person
gave on our output (keyed by page id and a hash of the value, so a changed output is reported as
unchecked rather than silently counted).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import random
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from claimledger.errors import EvaluationError, InputError
from claimledger.evaluate.html_checked import VERDICTS
from claimledger.paths import shared_data

_TOKEN = re.compile(r"\w+", re.UNICODE)
_URL_DATE = re.compile(r"(?<!\d)(20\d{2}|19\d{2})([/_-]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?!\d)")

Triple = tuple[float, float, float]


def tokens(text: str | None) -> list[str]:
    """The benchmark's tokens: runs of word characters, case kept."""
    return _TOKEN.findall(text or "")


def shingles(text: str | None, n: int = 4) -> Counter[tuple[str, ...]]:
    """The multiset of word ``n``-grams of ``text`` (a text of fewer than n tokens is one shingle)."""
    toks = tokens(text)
    if not toks:
        return Counter()
    if len(toks) < n:
        return Counter([tuple(toks)])
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


def page_counts(gold: str | None, pred: str | None) -> Triple:
    """Normalised (TP, FP, FN) of one page (they sum to 1, or are all 0 when both texts are empty)."""
    g, p = shingles(gold), shingles(pred)
    tp = float(sum((g & p).values()))
    fp = float(sum((p - g).values()))
    fn = float(sum((g - p).values()))
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    return 1.0 if fp == fn == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    return 1.0 if fp == fn == 0 else tp / (tp + fn)


def scores(triples: Iterable[Triple]) -> dict[str, float]:
    """Averaged precision, recall and their F1 over pages (the benchmark's step 4)."""
    triples = list(triples)
    ps = [_precision(*t) for t in triples if t[0] + t[1] > 0]
    rs = [_recall(*t) for t in triples if t[0] + t[2] > 0]
    p = statistics.fmean(ps) if ps else 0.0
    r = statistics.fmean(rs) if rs else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def bootstrap(triples: list[Triple], exact: list[bool], n: int = 1000, seed: int = 0) -> dict[str, float]:
    """± (1.96 sd) of precision, recall, F1 and accuracy over ``n`` resamples of the pages."""
    if n < 2 or not triples:
        return {}
    rng = random.Random(seed)
    samples: dict[str, list[float]] = {"precision": [], "recall": [], "f1": [], "accuracy": []}
    k = len(triples)
    for _ in range(n):
        idx = [rng.randrange(k) for _ in range(k)]
        for key, value in scores(triples[i] for i in idx).items():
            samples[key].append(value)
        samples["accuracy"].append(sum(exact[i] for i in idx) / k)
    return {key: 1.96 * statistics.stdev(vals) for key, vals in samples.items()}


@dataclass
class PageResult:
    """What one extractor gave for one page, with its score."""

    page_id: str
    text: str
    seconds: float
    counts: Triple
    exact: bool
    error: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class SystemResult:
    """All pages of one extractor: averaged scores, ± intervals and time per page."""

    name: str
    pages: list[PageResult]
    precision: float
    recall: float
    f1: float
    accuracy: float
    ci: dict[str, float]
    ms_per_page: float
    errors: int


@dataclass
class HtmlEvaluation:
    """The evaluation of ``read_html`` (and optional baselines) on the benchmark."""

    systems: list[SystemResult]
    metadata: dict[str, tuple[int, int]]  # field -> (correct, checked)
    pages: int


def load_bench(bench: Path | None = None) -> tuple[dict[str, Any], Path]:
    """The ground truth and the folder of ``ID.html.gz`` pages."""
    root = bench or shared_data("html-bench")
    gt_path = root / "ground-truth.json"
    if not gt_path.is_file() or not (root / "html").is_dir():
        raise EvaluationError("html-bench needs ground-truth.json and html/", input=str(root))
    try:
        truth = json.loads(gt_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise EvaluationError(f"cannot read the ground truth ({exc})", input=str(gt_path)) from None
    return truth, root / "html"


def _ours(data: bytes, page_id: str) -> tuple[str, dict[str, Any]]:
    from claimledger.ingest.html import read_html
    from claimledger.ingest.metadata import Metadata

    article = read_html(data, input=f"html-bench/{page_id}.html", defaults=Metadata())
    meta = {
        "url": article.url,
        "published": article.published,
        "title": article.title,
        "outlet": article.outlet,
        "language": article.language,
        "author": article.author,
    }
    return article.text, meta


def _trafilatura(data: bytes, page_id: str) -> tuple[str, dict[str, Any]]:
    import trafilatura

    return trafilatura.extract(data, include_comments=False) or "", {}


EXTRACTORS: dict[str, Callable[[bytes, str], tuple[str, dict[str, Any]]]] = {
    "claimledger": _ours,
    "trafilatura": _trafilatura,
}


def run_system(
    name: str, truth: dict[str, Any], html_dir: Path, *, n_bootstrap: int = 1000, limit: int | None = None
) -> SystemResult:
    """Run one extractor over the pages (in id order) and score it."""
    extract = EXTRACTORS[name]
    pages: list[PageResult] = []
    _warm_up(extract, html_dir, truth)
    for page_id in sorted(truth)[:limit]:
        path = html_dir / f"{page_id}.html.gz"
        try:
            data = gzip.decompress(path.read_bytes())
        except (OSError, EOFError) as exc:
            raise EvaluationError(f"cannot read the page ({exc})", input=str(path)) from None
        gold = truth[page_id].get("articleBody") or ""
        start = time.perf_counter()
        error = None
        try:
            text, meta = extract(data, page_id)
        except InputError as exc:
            text, meta, error = "", {}, str(exc)
        seconds = time.perf_counter() - start
        pages.append(
            PageResult(page_id, text, seconds, page_counts(gold, text), tokens(gold) == tokens(text), error, meta)
        )
    triples = [p.counts for p in pages]
    exact = [p.exact for p in pages]
    s = scores(triples)
    return SystemResult(
        name=name,
        pages=pages,
        precision=s["precision"],
        recall=s["recall"],
        f1=s["f1"],
        accuracy=sum(exact) / len(exact) if exact else 0.0,
        ci=bootstrap(triples, exact, n_bootstrap),
        ms_per_page=1000 * sum(p.seconds for p in pages) / max(1, len(pages)),
        errors=sum(p.error is not None for p in pages),
    )


def _warm_up(
    extract: Callable[[bytes, str], tuple[str, dict[str, Any]]], html_dir: Path, truth: dict[str, Any]
) -> None:
    """One untimed page first, so imports and model loading are not charged to the first page."""
    first = sorted(truth)[:1]
    if first:
        try:
            extract(gzip.decompress((html_dir / f"{first[0]}.html.gz").read_bytes()), first[0])
        except (InputError, OSError, EOFError):
            pass


def _norm_url(url: str | None) -> str:
    if not url:
        return ""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}" + (f"?{parts.query}" if parts.query else "")


def url_date(url: str | None) -> date | None:
    """The publication date written in a URL (``/2019/11/18/``, ``2019-11-18``, ``20191118``), if any."""
    m = _URL_DATE.search(urlsplit(url or "").path)
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[3]), int(m[4]))
    except ValueError:
        return None


def value_key(value: object) -> str:
    """The hash under which a hand-checked verdict on ``value`` is stored."""
    return hashlib.sha1(str(value).encode("utf-8")).hexdigest()[:10]


def check_metadata(result: SystemResult, truth: dict[str, Any]) -> dict[str, tuple[int, int]]:
    """(correct, checked) per field: url and url-date automatically, title/outlet by hand verdicts."""
    out: dict[str, list[int]] = {k: [0, 0] for k in ("url", "published", "title", "outlet")}
    out.update({"url found": [0, 0], "date found": [0, 0]})
    for page in result.pages:
        out["url found"][1] += 1
        out["url found"][0] += bool(page.meta.get("url"))
        out["date found"][1] += 1
        out["date found"][0] += page.meta.get("published") is not None
        gold_url = truth[page.page_id].get("url")
        if gold_url:
            out["url"][1] += 1
            out["url"][0] += _norm_url(page.meta.get("url")) == _norm_url(gold_url)
        written = url_date(gold_url)
        if written is not None:
            out["published"][1] += 1
            out["published"][0] += page.meta.get("published") == written
        checked = VERDICTS.get(page.page_id[:12])
        if checked:
            for key, (digest, right) in (("title", checked[:2]), ("outlet", checked[2:])):
                if digest == value_key(page.meta.get(key)):
                    out[key][1] += 1
                    out[key][0] += right
    return {k: (v[0], v[1]) for k, v in out.items()}


def evaluate_html(
    bench: Path | None = None, *, baseline: bool = True, n_bootstrap: int = 1000, limit: int | None = None
) -> HtmlEvaluation:
    """Score ``read_html`` (and trafilatura alone, in the same run) on html-bench."""
    truth, html_dir = load_bench(bench)
    names = ["claimledger"] + (["trafilatura"] if baseline else [])
    systems = [run_system(n, truth, html_dir, n_bootstrap=n_bootstrap, limit=limit) for n in names]
    return HtmlEvaluation(systems, check_metadata(systems[0], truth), len(systems[0].pages))


def format_html(ev: HtmlEvaluation) -> str:
    """The report ``claimledger eval html`` prints: F1/P/R/accuracy per system, metadata, speed ratio."""
    lines = [
        f"html-bench: {ev.pages} pages",
        f"{'system':<13}{'F1':>16}{'precision':>16}{'recall':>16}{'accuracy':>16}{'ms/page':>9}{'errors':>8}",
    ]
    for s in ev.systems:
        cells = [_pm(getattr(s, k), s.ci.get(k)) for k in ("f1", "precision", "recall", "accuracy")]
        lines.append(f"{s.name:<13}" + "".join(f"{c:>16}" for c in cells) + f"{s.ms_per_page:>9.1f}{s.errors:>8}")
    lines.append("metadata of claimledger (correct / checked):")
    how = {
        "url": "equal to the ground-truth url",
        "published": "equal to the date written in the url",
        "title": "hand-checked",
        "outlet": "hand-checked",
        "url found": "pages stating a URL",
        "date found": "pages stating a date",
    }
    for key, (ok, n) in ev.metadata.items():
        share = f"{ok / n:.3f}" if n else "  -  "
        lines.append(f"  {key:<10} {share}  ({ok}/{n}, {how[key]})")
    # The last line is empty when trafilatura was not run (what the command has always printed).
    lines.append(f"time: claimledger / trafilatura alone = {_ratio(ev):.2f}x" if len(ev.systems) > 1 else "")
    return "\n".join(lines)


def _ratio(ev: HtmlEvaluation) -> float:
    return ev.systems[0].ms_per_page / max(1e-9, ev.systems[1].ms_per_page)


def _pm(value: float, ci: float | None) -> str:
    return f"{value:.3f} ± {ci:.3f}" if ci is not None else f"{value:.3f}"


def as_dict(ev: HtmlEvaluation) -> dict[str, Any]:
    """The figures of ``ev`` as plain JSON-ready data (``claimledger eval html --json``)."""
    return {
        "pages": ev.pages,
        "systems": {
            s.name: {
                "f1": s.f1,
                "precision": s.precision,
                "recall": s.recall,
                "accuracy": s.accuracy,
                "ci": s.ci,
                "ms_per_page": s.ms_per_page,
                "errors": s.errors,
            }
            for s in ev.systems
        },
        "metadata": {k: {"correct": ok, "checked": n} for k, (ok, n) in ev.metadata.items()},
    }


__all__ = [
    "bootstrap",
    "check_metadata",
    "as_dict",
    "evaluate_html",
    "format_html",
    "load_bench",
    "page_counts",
    "scores",
    "shingles",
    "tokens",
    "url_date",
]
