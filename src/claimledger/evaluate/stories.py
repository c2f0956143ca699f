"""Story assignment scored with B-cubed precision, recall and F1 (Bagga & Baldwin 1998).

:func:`evaluate_stories` ingests a corpus (JSONL, one article per line with ``id``) into a throwaway
ledger through the normal path (``engine.batch.ingest`` then ``reconcile.run.reconcile``), reads
each article's ``story_id`` back, and scores it against the expected stories
(``{"stories": [{"story", "external_ids"}]}``).  Beside the online path it scores:

* a **baseline**: TF-IDF (sublinear tf, English stop words) average-link clustering over all pairs
  of articles (offline, n²), at its best cosine threshold in hindsight — generous to it;
* each **feature ablated** (``reconcile.stories.FEATURES``), one at a time;
* **origins**: stories whose number of independent origins equals the expected one.

B-cubed: for each article, precision is the share of its predicted story that belongs to its gold
story, recall the share of its gold story found in its predicted story; both averaged over articles.

Usage::

    score = evaluate_stories()                         # tests/data/reconcile/corpus.jsonl
    score.online.f1, score.baseline.f1, score.ablations["place"].f1
    print(format_stories(score))
"""

from __future__ import annotations

import json
import tempfile
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimledger.errors import EvaluationError
from claimledger.reconcile.stories import FEATURES, StoryConfig

if TYPE_CHECKING:
    from spacy.language import Language

    from claimledger.ledger.base import Ledger


def corpus_path(name: str = "corpus.jsonl") -> Path:
    """A file of the project's own reconcile corpus (``tests/data/reconcile/`` of the checkout)."""
    return Path(__file__).resolve().parents[3] / "tests" / "data" / "reconcile" / name


@dataclass(frozen=True)
class BCubed:
    """B-cubed scores of one clustering, and how many clusters it made."""

    precision: float
    recall: float
    f1: float
    clusters: int


@dataclass(frozen=True)
class StoriesScore:
    """Everything :func:`evaluate_stories` measured on one corpus."""

    corpus: str
    articles: int
    gold_stories: int
    encoder: str
    online: BCubed
    baseline: BCubed | None = None
    baseline_threshold: float | None = None
    ablations: dict[str, BCubed] = field(default_factory=dict)
    origins_exact: tuple[int, int] = (0, 0)
    assign_seconds: float = 0.0


def bcubed(pred: Mapping[str, str], gold: Mapping[str, str]) -> BCubed:
    """B-cubed precision/recall/F1 of ``pred`` (item -> cluster) against ``gold``, over gold's items.

    An item missing from ``pred`` counts as a cluster of its own.
    """
    items = sorted(gold)
    if not items:
        raise EvaluationError("no gold items to score", input="stories")
    p_of = {i: pred.get(i, f"\x00{i}") for i in items}
    by_pred: dict[str, set[str]] = {}
    by_gold: dict[str, set[str]] = {}
    for i in items:
        by_pred.setdefault(p_of[i], set()).add(i)
        by_gold.setdefault(gold[i], set()).add(i)
    p = r = 0.0
    for i in items:
        cp, cg = by_pred[p_of[i]], by_gold[gold[i]]
        both = len(cp & cg)
        p += both / len(cp)
        r += both / len(cg)
    p, r = p / len(items), r / len(items)
    return BCubed(p, r, 2 * p * r / (p + r) if p + r else 0.0, len(by_pred))


def load_expected(path: str | Path) -> tuple[dict[str, str], dict[str, int]]:
    """Gold ``{external_id: story}`` and ``{story: expected origins}`` (where given) from ``path``."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        gold = {i: s["story"] for s in data["stories"] for i in s["external_ids"]}
        origins = {s["story"]: int(s["origins"]) for s in data["stories"] if "origins" in s}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise EvaluationError(f"cannot read expected stories: {exc}", input=str(path)) from exc
    return gold, origins


def tfidf_average_link(texts: Sequence[str], threshold: float) -> list[int]:
    """Cluster labels of ``texts``: TF-IDF cosine, average link, merged while similarity >= ``threshold``."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    if len(texts) < 2:
        return [0] * len(texts)
    matrix = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts).toarray()
    model = AgglomerativeClustering(
        n_clusters=None, metric="cosine", linkage="average", distance_threshold=1.0 - threshold
    )
    return [int(x) for x in model.fit_predict(matrix)]


def baseline(texts: Mapping[str, str], gold: Mapping[str, str]) -> tuple[BCubed, float]:
    """The TF-IDF average-link baseline at its best threshold (0.05 .. 0.60 by 0.05)."""
    ids = sorted(texts)
    best: tuple[BCubed, float] | None = None
    for step in range(1, 13):
        th = round(0.05 * step, 2)
        labels = tfidf_average_link([texts[i] for i in ids], th)
        score = bcubed({i: str(label) for i, label in zip(ids, labels, strict=True)}, gold)
        if best is None or score.f1 > best[0].f1:
            best = (score, th)
    assert best is not None
    return best


def _external_stories(ledger: Ledger) -> dict[str, str]:
    _, rows = ledger.sql("SELECT COALESCE(external_id, doc_id), story_id FROM documents")
    return {str(e): str(s) for e, s in rows if s is not None}


def _origins_exact(ledger: Ledger, pred: Mapping[str, str], gold: Mapping[str, str], want: Mapping[str, int]) -> int:
    """Gold stories whose best-matching predicted story has the expected number of origins."""
    from claimledger.reconcile.run import story_record

    exact = 0
    ext_to_doc = {str(e): str(d) for e, d in ledger.sql("SELECT external_id, doc_id FROM documents")[1]}
    for story, n in want.items():
        members = [i for i, g in gold.items() if g == story]
        top = Counter(pred.get(i) for i in members).most_common(1)[0][0]
        docs = [ext_to_doc[i] for i, p in pred.items() if p == top and i in ext_to_doc]
        if story_record(str(top), ledger.readings_many(docs), 0).origins == n:
            exact += 1
    return exact


def score_ledger(
    ledger: Ledger,
    gold: Mapping[str, str],
    *,
    origins: Mapping[str, int] | None = None,
    encoder: str = "wordllama",
    config: StoryConfig | None = None,
    ablate: bool = True,
    corpus: str = "",
) -> StoriesScore:
    """Score story assignment on a ledger that holds the corpus (assignments are rebuilt).

    Args:
        ledger: a writable ledger with the corpus's articles.
        gold: ``{external_id: story}``.
        origins: ``{story: expected independent origins}`` (optional).
        encoder: text encoder.
        config: assignment knobs (default :class:`StoryConfig`).
        ablate: also score each feature switched off.
        corpus: a name for the report.
    """
    from claimledger.reconcile.run import reconcile

    config = config or StoryConfig()
    ablations: dict[str, BCubed] = {}
    if ablate:
        for feature in FEATURES:
            reconcile(ledger, rebuild=True, encoder=encoder, config=config.without(feature), derive=False)
            ablations[feature] = bcubed(_external_stories(ledger), gold)
    started = time.perf_counter()
    reconcile(ledger, rebuild=True, encoder=encoder, config=config, derive=False)
    seconds = time.perf_counter() - started
    pred = _external_stories(ledger)
    texts = {str(e): f"{t or ''}\n{x}" for e, t, x in ledger.sql("SELECT external_id, title, text FROM documents")[1]}
    base, th = baseline({k: v for k, v in texts.items() if k in gold}, gold)
    want = dict(origins or {})
    return StoriesScore(
        corpus=corpus,
        articles=len(gold),
        gold_stories=len(set(gold.values())),
        encoder=encoder,
        online=bcubed(pred, gold),
        baseline=base,
        baseline_threshold=th,
        ablations=ablations,
        origins_exact=(_origins_exact(ledger, pred, gold, want), len(want)) if want else (0, 0),
        assign_seconds=seconds,
    )


def evaluate_stories(
    corpus: str | Path | None = None,
    expected: str | Path | None = None,
    *,
    nlp: Language | None = None,
    encoder: str = "wordllama",
    config: StoryConfig | None = None,
    ablate: bool = True,
) -> StoriesScore:
    """Ingest ``corpus`` into a throwaway ledger and score its stories (module docstring).

    Args:
        corpus: JSONL articles with ``id`` (default: ``tests/data/reconcile/corpus.jsonl``).
        expected: the expected stories (default: ``expected_stories.json`` beside the default corpus).
        nlp: the pipeline (default: built here).
        encoder: text encoder (``wordllama`` or ``minilm``).
        config: assignment knobs.
        ablate: also score each feature ablated.

    Raises:
        EvaluationError: the corpus or the expected stories cannot be read.
    """
    from claimledger.engine.batch import ingest
    from claimledger.ingest.reader import read_path
    from claimledger.ledger import open_ledger

    corpus = Path(corpus) if corpus else corpus_path()
    expected = Path(expected) if expected else corpus_path("expected_stories.json")
    if not corpus.is_file():
        raise EvaluationError("corpus not found", input=str(corpus))
    gold, origins = load_expected(expected)
    with tempfile.TemporaryDirectory() as tmp, open_ledger(Path(tmp) / "stories.duckdb") as ledger:
        ingest(read_path(corpus), ledger, nlp=nlp, stories=False)
        return score_ledger(
            ledger, gold, origins=origins, encoder=encoder, config=config, ablate=ablate, corpus=corpus.name
        )


def format_stories(score: StoriesScore) -> str:
    """The text ``claimledger eval stories`` prints."""

    def line(name: str, b: BCubed) -> str:
        return f"  {name:<28} P {b.precision:.3f}  R {b.recall:.3f}  F1 {b.f1:.3f}  ({b.clusters} stories)"

    out = [
        f"stories on {score.corpus}: {score.articles} articles, {score.gold_stories} expected stories "
        f"(encoder {score.encoder}, assignment {score.assign_seconds:.1f} s)",
        line("online (claimledger)", score.online),
    ]
    if score.baseline is not None:
        out.append(line(f"TF-IDF average link @{score.baseline_threshold:.2f}", score.baseline))
    for feature, b in score.ablations.items():
        out.append(line(f"without {feature}", b))
    if score.origins_exact[1]:
        out.append(f"  origins exact: {score.origins_exact[0]}/{score.origins_exact[1]} stories")
    return "\n".join(out)


def as_dict(score: StoriesScore) -> dict[str, Any]:
    """``score`` as plain data (for ``--json``)."""
    from dataclasses import asdict

    return asdict(score)


__all__ = [
    "BCubed",
    "StoriesScore",
    "as_dict",
    "baseline",
    "bcubed",
    "corpus_path",
    "evaluate_stories",
    "format_stories",
    "load_expected",
    "score_ledger",
    "tfidf_average_link",
]
