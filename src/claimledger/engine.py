"""Batches: articles in, readings written to the ledger; resumable, one bad article never stops a batch.

``analyse()`` turns articles into readings (repair -> spaCy -> extract -> events) on one or several
processes; ``ingest()`` feeds it from readers, skips what the ledger already holds (so a rerun after a
crash resumes, and re-ingesting is idempotent), records every bad input in the ledger's ``errors``
table and writes each article in its own transaction.
"""

from __future__ import annotations

import base64
import logging
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import chain, islice
from typing import TYPE_CHECKING, Any

from spacy.util import raise_error

from .errors import BadMetadata, ClaimledgerError, InputError, InputTooLarge
from .ingest.language import check_language
from .models import Article, Reading

if TYPE_CHECKING:
    from spacy.language import Language

    from .ledger.base import Ledger

log = logging.getLogger("claimledger")

# spaCy's parser and NER need about 1 GB per 100k words; news articles are far shorter.
MAX_ANALYSED_CHARS = 1_000_000


@dataclass
class AnalysisFailure:
    """An article the pipeline could not read (kept with the error, so the batch goes on)."""

    article: Article
    error: ClaimledgerError


@dataclass
class IngestReport:
    """What a batch did: counts, and every error with the input it names."""

    stored: int = 0
    unchanged: int = 0
    failed: int = 0
    skipped: int = 0
    duplicates: int = 0
    errors: list[ClaimledgerError] = field(default_factory=list)
    warnings: list[ClaimledgerError] = field(default_factory=list)
    seconds: float = 0.0
    tokens: int = 0

    @property
    def seen(self) -> int:
        return self.stored + self.unchanged + self.failed + self.skipped

    def summary(self) -> str:
        rate = self.stored / self.seconds if self.seconds else 0.0
        extra = "".join(
            f", {n} {what}" for n, what in ((self.duplicates, "of them near-duplicates (linked, not analysed)"),
                                            (self.skipped, "skipped (not English)"),
                                            (len(self.warnings), "warnings")) if n
        )
        return (
            f"{self.stored} stored, {self.unchanged} already in the ledger, {self.failed} failed{extra} "
            f"({self.seconds:.1f} s, {rate:.1f} articles/s)"
        )


def _drop_failed_doc(name: str, proc: Any, docs: list[Any], exc: Exception) -> None:
    """spaCy error handler: the doc is dropped from the stream; :func:`analyse` notices and retries it."""
    print(f"claimledger: component {name} failed on a document: {exc!r}", file=sys.stderr)


def _prepare(article: Article) -> Any:
    """The repaired text of ``article``; refuses texts too long to parse."""
    from .ingest.repair import repair

    repaired = repair(article.text)
    if len(repaired.text) > MAX_ANALYSED_CHARS:
        raise InputTooLarge(
            f"article has {len(repaired.text):,} characters; the analysis limit is {MAX_ANALYSED_CHARS:,}",
            input=article.input or article.external_id or article.doc_id,
        )
    return repaired


def read_one(nlp: Language, article: Article) -> Reading:
    """Analyse one article in this process (no batching)."""
    from .events import build_events
    from .extract import reading
    from .nlp.pipeline import make_doc

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
_WARM_UP = ("On Monday, the mayor of Kharkiv said that 3 km of road near the border and about 40 percent of homes "
            "had been damaged, according to Reuters.")


def warm_up(nlp: Language) -> None:
    """Run the pipeline once on a tiny text (once per pipeline object)."""
    from .nlp.pipeline import make_doc

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
) -> Iterator[Reading | AnalysisFailure]:
    """Readings for ``articles`` in input order; failures come back as :class:`AnalysisFailure`.

    One streaming ``nlp.pipe`` (``n_process`` workers) reads the whole input, and each Doc is turned
    into its Reading as soon as it comes back, so this process extracts while the workers parse.  A
    document a component fails on is dropped from the stream by the error handler, noticed by the gap
    in the running index, and retried alone to report its error; the rest go on.  ``chunk_size``
    articles are looked at first to decide whether starting worker processes is worth it.
    """
    from .events import build_events
    from .extract import reading
    from .nlp.pipeline import make_doc

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
        for doc, i in nlp.pipe(docs(), as_tuples=True, n_process=procs, batch_size=batch_size):
            while failed:
                yield failed.popleft()
            yield from dropped(i)
            article, repaired = in_flight.pop(i)
            yield one(article, lambda d=doc, a=article, r=repaired: build_events(reading(d, a, r)))
    except Exception as exc:  # a whole batch failed (e.g. in a trainable pipe): the rest one at a time
        log.warning("batch failed (%r); analysing the remaining articles one at a time", exc)
    finally:
        nlp.default_error_handler = raise_error
    while failed:
        yield failed.popleft()
    yield from dropped(sys.maxsize)
    for _, article in source:  # left unread after a failed batch
        yield one(article, lambda a=article: read_one(nlp, a))  # type: ignore[misc]


def _guarded(article: Article, make: Callable[[], Reading]) -> Reading | AnalysisFailure:
    """``make()``'s Reading, or the failure it raised (a bug in a component must not lose the batch)."""
    try:
        return make()
    except ClaimledgerError as exc:
        return AnalysisFailure(article, exc)
    except Exception as exc:
        return AnalysisFailure(article, ClaimledgerError(f"analysis failed: {exc!r}", input=_name(article)))


def read_or_fail(nlp: Language, article: Article) -> Reading | AnalysisFailure:
    """:func:`read_one`, with its error returned as an :class:`AnalysisFailure` instead of raised."""
    return _guarded(article, lambda: read_one(nlp, article))


def _name(article: Article) -> str:
    return article.input or article.external_id or article.url or article.doc_id


class DuplicateFinder:
    """Near-duplicate (wire copy) detection across this batch and everything already in the ledger.

    Signatures (MinHash, base64) are stored with each document, so a resumed or later batch sees the
    same index as an uninterrupted one.  A copy of a copy is linked to the origin.
    """

    def __init__(self) -> None:
        from .ingest.dedup import NearDuplicateIndex

        self.index = NearDuplicateIndex()
        self.origin: dict[str, str] = {}
        self.signatures: dict[str, str] = {}  # doc_id -> signature of articles not yet written

    @classmethod
    def from_ledger(cls, ledger: Ledger) -> DuplicateFinder:
        finder = cls()
        _, rows = ledger.sql("SELECT doc_id, signature, duplicate_of FROM documents WHERE signature IS NOT NULL "
                             "ORDER BY ingested_at, doc_id")
        finder.index.load((doc_id, base64.b64decode(sig)) for doc_id, sig, _ in rows)
        finder.origin = {doc_id: origin for doc_id, _, origin in rows if origin}
        return finder

    def add(self, article: Article) -> str | None:
        """Index ``article``; return the doc_id of the original it nearly copies, or None."""
        from .ingest.dedup import signature

        sig = signature(article.text)
        self.signatures[article.doc_id] = base64.b64encode(sig).decode("ascii")
        copy_of = self.index.add(article.doc_id, sig)
        if copy_of is None:
            return None
        origin = self.origin.get(copy_of, copy_of)
        self.origin[article.doc_id] = origin
        return origin


Analyser = Callable[[Iterable[Article]], Iterator["Reading | AnalysisFailure"]]


def local_analyser(nlp: Language | None = None, *, n_process: int = 1, batch_size: int = 32,
                   chunk_size: int = 256) -> Analyser:
    """Analyse on this machine with ``n_process`` processes (the default engine).

    With more than one, forked workers each read whole chunks of articles
    (:func:`claimledger.parallel.analyse_in_pool`); ``chunk_size`` is then the articles per chunk.
    """

    def run(articles: Iterable[Article]) -> Iterator[Reading | AnalysisFailure]:
        model = nlp
        if model is None:
            from .nlp.pipeline import build_nlp

            model = build_nlp()
        if n_process > 1:
            from .parallel import analyse_in_pool

            return analyse_in_pool(articles, model, workers=n_process, chunk_size=min(chunk_size, batch_size),
                                   batch_size=batch_size)
        return analyse(articles, model, n_process=1, batch_size=batch_size, chunk_size=chunk_size)

    return run


def ingest(
    items: Iterable[Article | InputError],
    ledger: Ledger,
    *,
    nlp: Language | None = None,
    n_process: int = 1,
    batch_size: int = 32,
    chunk_size: int = 256,
    analyser: Analyser | None = None,
    write_batch: int = 32,
    progress: Callable[[IngestReport], None] | None = None,
    cache_mb: int | None = 64,
) -> IngestReport:
    """Analyse and store every article of ``items``; record every error; return what happened.

    Articles already in the ledger (same content hash) are skipped before analysis, so an
    interrupted batch resumes where it stopped and re-ingesting changes nothing.  ``analyser``
    chooses the engine (default: :func:`local_analyser` with ``nlp``/``n_process``; see
    :mod:`claimledger.distributed` for Dask).  Readings are written ``write_batch`` at a time, each
    batch in one transaction, so a crash loses at most the batch being analysed, never half an article.
    ``cache_mb`` caps the embedded database's page cache during the batch (``None``: its own default),
    so memory stays flat in corpus size (see :meth:`~claimledger.ledger.duckdb.DuckDBLedger.cache_limit`).
    """
    report = IngestReport()
    started = time.perf_counter()
    known = set(ledger.doc_ids())
    seen_in_batch: set[str] = set()
    duplicates = DuplicateFinder.from_ledger(ledger)
    pending: list[Reading] = []

    def fresh() -> Iterator[Article]:
        for item in items:
            if isinstance(item, BadMetadata):
                # The article itself follows and is stored (without that metadata): a warning, not a failure.
                report.warnings.append(item)
                ledger.record_error(item.input or "?", item.code, item.message)
                continue
            if isinstance(item, ClaimledgerError):
                report.failed += 1
                report.errors.append(item)
                ledger.record_error(item.input or "?", item.code, item.message)
                continue
            doc_id = item.doc_id
            if doc_id in known or doc_id in seen_in_batch:
                report.unchanged += 1
                continue
            seen_in_batch.add(doc_id)
            language = check_language(item)
            if language is not None:
                report.skipped += 1
                report.errors.append(language)
                ledger.record_error(language.input or _name(item), language.code, language.message)
                continue
            copy_of = duplicates.add(item)
            if copy_of is not None:  # a wire copy: stored and linked to its origin, its claims not counted again
                report.duplicates += 1
                pending.append(Reading(article=replace(item, duplicate_of=copy_of),
                                       notes=(f"near-duplicate of {copy_of}: not analysed",),
                                       signature=duplicates.signatures.pop(doc_id)))
                continue
            yield item

    def failed(article: Article, error: ClaimledgerError) -> None:
        report.failed += 1
        report.errors.append(error)
        ledger.record_error(_name(article), error.code, error.message)

    def flush() -> None:
        # One transaction for the batch (about 10x faster on DuckDB); the ledger retries article by
        # article when it fails, so a bad article costs only itself.
        failures: list[Reading] = []

        def on_error(reading: Reading, error: Exception) -> None:
            failures.append(reading)
            failed(reading.article, error if isinstance(error, ClaimledgerError)
                   else ClaimledgerError(repr(error), input=_name(reading.article)))

        written = ledger.write_many(pending, on_error=on_error)
        report.stored += sum(written)
        report.unchanged += len(written) - sum(written) - len(failures)
        pending.clear()
        report.seconds = time.perf_counter() - started
        if progress is not None:
            progress(report)

    if analyser is None:
        analyser = local_analyser(nlp, n_process=n_process, batch_size=batch_size, chunk_size=chunk_size)
    with ledger.cache_limit(cache_mb):
        for result in analyser(fresh()):
            if isinstance(result, AnalysisFailure):
                duplicates.signatures.pop(result.article.doc_id, None)
                failed(result.article, result.error)
            else:
                pending.append(replace(result, signature=duplicates.signatures.pop(result.doc_id, None)))
            if len(pending) >= write_batch:
                flush()
        if pending:
            flush()
    report.seconds = time.perf_counter() - started
    if progress is not None:
        progress(report)
    return report
