"""One article, or a stream of them, read into Readings (repair -> spaCy -> extract -> events).

``analyse()`` streams articles through one ``nlp.pipe`` and returns each Reading in input order; a
document a component fails on comes back as an :class:`AnalysisFailure`, and the rest go on.  The
pool (:mod:`claimledger.engine.pool`), Dask (:mod:`claimledger.engine.dask`) and the ingest loop
(:mod:`claimledger.engine.batch`) all build on these functions.
"""

from __future__ import annotations

import logging
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from itertools import chain, islice
from typing import TYPE_CHECKING, Any

from spacy.util import raise_error

from claimledger.errors import ClaimledgerError, InputTooLarge
from claimledger.models import Article, Reading

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger("claimledger")

# spaCy's parser and NER need about 1 GB per 100k words; news articles are far shorter.
MAX_ANALYSED_CHARS = 1_000_000


@dataclass
class AnalysisFailure:
    """An article the pipeline could not read (kept with the error, so the batch goes on)."""

    article: Article
    error: ClaimledgerError


def _drop_failed_doc(name: str, proc: Any, docs: list[Any], exc: Exception) -> None:
    """spaCy error handler: the doc is dropped from the stream; :func:`analyse` notices and retries it."""
    print(f"claimledger: component {name} failed on a document: {exc!r}", file=sys.stderr)


def _prepare(article: Article) -> Any:
    """The repaired text of ``article``; refuses texts too long to parse."""
    from claimledger.ingest.repair import repair

    repaired = repair(article.text)
    if len(repaired.text) > MAX_ANALYSED_CHARS:
        raise InputTooLarge(
            f"article has {len(repaired.text):,} characters; the analysis limit is {MAX_ANALYSED_CHARS:,}",
            input=article.input or article.external_id or article.doc_id,
        )
    return repaired


def read_one(nlp: Language, article: Article) -> Reading:
    """Analyse one article in this process (no batching)."""
    from claimledger.extract import reading
    from claimledger.nlp.pipeline import make_doc
    from claimledger.reconcile.events import build_events

    repaired = _prepare(article)
    previous = nlp.default_error_handler
    nlp.default_error_handler = raise_error  # a failing component raises here, so its error is reported
    try:
        doc = nlp(make_doc(nlp, repaired.text, article.published))
    finally:
        nlp.default_error_handler = previous
    return build_events(reading(doc, article, repaired))


# A short text that exercises every component, so lazily loaded resources (gazetteer, unit registry,
# lexicons, the attribution model) are loaded once in the parent before spaCy forks its workers.
_WARM_UP = (
    "On Monday, the mayor of Kharkiv said that 3 km of road near the border and about 40 percent of homes "
    "had been damaged, according to Reuters."
)


def warm_up(nlp: Language) -> None:
    """Run the pipeline once on a tiny text (once per pipeline object)."""
    from claimledger.nlp.pipeline import make_doc

    if not getattr(nlp, "_claimledger_warm", False):
        nlp(make_doc(nlp, _WARM_UP, "2025-01-06"))
        nlp._claimledger_warm = True  # type: ignore[attr-defined]


def analyse(
    articles: Iterable[Article],
    nlp: Language,
    *,
    n_process: int = 1,
    batch_size: int = 32,
    chunk_size: int = 256,
    first_soon: bool = True,
) -> Iterator[Reading | AnalysisFailure]:
    """Readings for ``articles`` in input order; failures come back as :class:`AnalysisFailure`.

    One streaming ``nlp.pipe`` (``n_process`` workers) reads the whole input, and each Doc is turned
    into its Reading as soon as it comes back, so this process extracts while the workers parse.  A
    document a component fails on is dropped from the stream by the error handler, noticed by the gap
    in the running index, and retried alone to report its error; the rest go on.  ``chunk_size``
    articles are looked at first to decide whether starting worker processes is worth it.
    ``first_soon``: in one process, the first batches grow from one document (:func:`ramp`), so the
    first Reading comes out after one document, not after a whole batch.
    """
    from claimledger.nlp.pipeline import make_doc

    stream = iter(articles)
    head = list(islice(stream, max(chunk_size, 2 * batch_size)))
    source = enumerate(chain(head, stream))
    procs = n_process if len(head) > batch_size else 1
    if procs > 1:
        warm_up(nlp)  # forked workers inherit the loaded resources instead of each loading them
    failed: deque[AnalysisFailure] = deque()
    in_flight: dict[int, tuple[Article, Any]] = {}

    def docs() -> Iterator[tuple[Any, int]]:
        for i, article in source:
            try:
                repaired = _prepare(article)
            except ClaimledgerError as exc:
                failed.append(AnalysisFailure(article, exc))
                continue
            in_flight[i] = (article, repaired)
            yield make_doc(nlp, repaired.text, article.published), i

    one = _guarded

    def dropped(before: int) -> Iterator[Reading | AnalysisFailure]:
        for j in sorted(k for k in in_flight if k < before):  # the error handler dropped these: rerun alone
            article, _ = in_flight.pop(j)
            yield one(article, lambda a=article: read_one(nlp, a))  # type: ignore[misc]

    # Our components (plain callables) report a failure through this handler and the doc is dropped
    # from the stream.  (`Language.set_error_handler` cannot be used: spaCy 3.8's parser has no slot.)
    nlp.default_error_handler = _drop_failed_doc
    try:
        for doc, i in _ramped_pipe(nlp, docs(), procs if first_soon or procs > 1 else 0, batch_size):
            while failed:
                yield failed.popleft()
            yield from dropped(i)
            article, repaired = in_flight.pop(i)
            yield one(article, partial(_events_of, doc, article, repaired))
    except Exception as exc:  # a whole batch failed (e.g. in a trainable pipe): the rest one at a time
        log.warning("batch failed (%r); analysing the remaining articles one at a time", exc)
    finally:
        nlp.default_error_handler = raise_error
    while failed:
        yield failed.popleft()
    yield from dropped(sys.maxsize)
    for _, article in source:  # left unread after a failed batch
        yield one(article, lambda a=article: read_one(nlp, a))  # type: ignore[misc]


def ramp(batch_size: int) -> Iterator[int]:
    """Batch sizes that start small: 1, 2, 4, ... up to ``batch_size``, then ``batch_size`` for good.

    spaCy passes a whole batch through each component before the next one starts, so with 32 documents
    per batch the first Reading waited for 32 full readings (29 s in ``ingest``); doubling from one
    document gets it out after one, and the first 31 documents cost about one small batch more.
    """
    size = 1
    while size < batch_size:
        yield size
        size *= 2
    while True:
        yield batch_size


def _ramped_pipe(nlp: Language, docs: Iterator[tuple[Any, int]], procs: int, batch_size: int) -> Iterator[Any]:
    """``nlp.pipe(docs, as_tuples=True)``, its first batches growing as :func:`ramp` (one process only:
    spaCy's worker processes take whole batches anyway)."""
    if procs == 1:  # (0: one process, whole batches from the start)
        for size in ramp(batch_size):
            if size == batch_size:
                break
            head = list(islice(docs, size))
            yield from nlp.pipe(head, as_tuples=True, batch_size=size)
            if len(head) < size:
                return
    yield from nlp.pipe(docs, as_tuples=True, n_process=max(procs, 1), batch_size=batch_size)


def _events_of(doc: Any, article: Article, repaired: Any) -> Reading:
    """The Reading of a parsed ``doc``, with its per-article events."""
    from claimledger.extract import reading
    from claimledger.reconcile.events import build_events

    return build_events(reading(doc, article, repaired))


def _guarded(article: Article, make: Callable[[], Reading]) -> Reading | AnalysisFailure:
    """``make()``'s Reading, or the failure it raised (a bug in a component must not lose the batch)."""
    try:
        return make()
    except ClaimledgerError as exc:
        return AnalysisFailure(article, exc)
    except Exception as exc:
        return AnalysisFailure(article, ClaimledgerError(f"analysis failed: {exc!r}", input=article_name(article)))


def read_or_fail(nlp: Language, article: Article) -> Reading | AnalysisFailure:
    """:func:`read_one`, with its error returned as an :class:`AnalysisFailure` instead of raised."""
    return _guarded(article, lambda: read_one(nlp, article))


def article_name(article: Article) -> str:
    return article.input or article.external_id or article.url or article.doc_id


Analyser = Callable[[Iterable[Article]], Iterator["Reading | AnalysisFailure"]]
