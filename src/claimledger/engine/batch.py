"""Batches: articles in, readings written to the ledger; resumable, one bad article never stops a batch.

``ingest()`` feeds :func:`~claimledger.engine.analysis.analyse` (or a pool, or Dask) from readers,
skips what the ledger already holds (so a rerun after a crash resumes, and re-ingesting is
idempotent), records every bad input in the ledger's ``errors`` table and writes each batch of
articles in its own transaction.
"""

from __future__ import annotations

import base64
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from claimledger.engine.analysis import Analyser, AnalysisFailure, analyse, article_name
from claimledger.errors import BadMetadata, ClaimledgerError, InputError
from claimledger.ingest.language import check_language
from claimledger.models import Article, Reading

if TYPE_CHECKING:
    from spacy.language import Language

    from claimledger.ledger.base import Ledger


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
            f", {n} {what}"
            for n, what in (
                (self.duplicates, "of them near-duplicates (linked, not analysed)"),
                (self.skipped, "skipped (not English)"),
                (len(self.warnings), "warnings"),
            )
            if n
        )
        return (
            f"{self.stored} stored, {self.unchanged} already in the ledger, {self.failed} failed{extra} "
            f"({self.seconds:.1f} s, {rate:.1f} articles/s)"
        )


class DuplicateFinder:
    """Near-duplicate (wire copy) detection across this batch and everything already in the ledger.

    Signatures (MinHash, base64) are stored with each document, so a resumed or later batch sees the
    same index as an uninterrupted one.  A copy of a copy is linked to the origin.
    """

    def __init__(self) -> None:
        from claimledger.ingest.dedup import NearDuplicateIndex

        self.index = NearDuplicateIndex()
        self.origin: dict[str, str] = {}
        self.signatures: dict[str, str] = {}  # doc_id -> signature of articles not yet written

    @classmethod
    def from_ledger(cls, ledger: Ledger) -> DuplicateFinder:
        finder = cls()
        _, rows = ledger.sql(
            "SELECT doc_id, signature, duplicate_of FROM documents WHERE signature IS NOT NULL "
            "ORDER BY ingested_at, doc_id"
        )
        finder.index.load((doc_id, base64.b64decode(sig)) for doc_id, sig, _ in rows)
        finder.origin = {doc_id: origin for doc_id, _, origin in rows if origin}
        return finder

    def add(self, article: Article) -> str | None:
        """Index ``article``; return the doc_id of the original it nearly copies, or None."""
        from claimledger.ingest.dedup import signature

        sig = signature(article.text)
        self.signatures[article.doc_id] = base64.b64encode(sig).decode("ascii")
        copy_of = self.index.add(article.doc_id, sig)
        if copy_of is None:
            return None
        origin = self.origin.get(copy_of, copy_of)
        self.origin[article.doc_id] = origin
        return origin


class _StoryHook:
    """Reconcile the new articles at the end of an ingest run.  They are stored already: a failure
    here is a warning naming the ledger, and ``claimledger reconcile --incremental`` finishes the
    work later (so does the next ingest)."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.reconciler: Any = None
        self.off = False

    def __call__(self, report: IngestReport) -> None:
        if self.off:
            return
        from claimledger.reconcile.run import Reconciler, reconcile

        try:
            if self.reconciler is None:
                self.reconciler = Reconciler(self.ledger)
            reconcile(self.ledger, reconciler=self.reconciler)
        except ClaimledgerError as exc:
            self.off = True
            report.warnings.append(exc)


def local_analyser(
    nlp: Language | None = None, *, n_process: int = 1, batch_size: int = 32, chunk_size: int = 256
) -> Analyser:
    """Analyse on this machine with ``n_process`` processes (the default engine).

    With more than one, forked workers each read whole chunks of articles
    (:func:`claimledger.engine.pool.analyse_in_pool`); ``chunk_size`` is then the articles per chunk.
    """

    def run(articles: Iterable[Article]) -> Iterator[Reading | AnalysisFailure]:
        model = nlp
        if model is None:
            from claimledger.nlp.pipeline import build_nlp

            model = build_nlp()
        if n_process > 1:
            from claimledger.engine.pool import analyse_in_pool

            return analyse_in_pool(
                articles, model, workers=n_process, chunk_size=min(chunk_size, batch_size), batch_size=batch_size
            )
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
    stories: bool = True,
) -> IngestReport:
    """Analyse and store every article of ``items``; record every error; return what happened.

    Articles already in the ledger (same content hash) are skipped before analysis, so an
    interrupted batch resumes where it stopped and re-ingesting changes nothing.  ``analyser``
    chooses the engine (default: :func:`local_analyser` with ``nlp``/``n_process``; see
    :mod:`claimledger.engine.dask` for Dask).  Readings are written ``write_batch`` at a time, each
    batch in one transaction, so a crash loses at most the batch being analysed, never half an article.
    ``cache_mb`` caps the embedded database's page cache during the batch (``None``: its own default),
    so memory stays flat in corpus size (see :meth:`~claimledger.ledger.duckdb.DuckDBLedger.cache_limit`).
    ``stories``: once everything is written, assign the new articles to stories and reconcile the
    stories they touched (:func:`claimledger.reconcile.run.reconcile`: online, nothing is
    reclustered).  Once per run rather than per write batch, so the run's articles are assigned in
    publication order whatever their order in the input: the same stories as a rebuild.
    """
    report = IngestReport()
    after_write = _StoryHook(ledger) if stories else None
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
                ledger.record_error(language.input or article_name(item), language.code, language.message)
                continue
            copy_of = duplicates.add(item)
            if copy_of is not None:  # a wire copy: stored and linked to its origin, its claims not counted again
                report.duplicates += 1
                pending.append(
                    Reading(
                        article=replace(item, duplicate_of=copy_of),
                        notes=(f"near-duplicate of {copy_of}: not analysed",),
                        signature=duplicates.signatures.pop(doc_id),
                    )
                )
                continue
            yield item

    def failed(article: Article, error: ClaimledgerError) -> None:
        report.failed += 1
        report.errors.append(error)
        ledger.record_error(article_name(article), error.code, error.message)

    def flush() -> None:
        # One transaction for the batch (about 10x faster on DuckDB); the ledger retries article by
        # article when it fails, so a bad article costs only itself.
        failures: list[Reading] = []

        def on_error(reading: Reading, error: Exception) -> None:
            failures.append(reading)
            failed(
                reading.article,
                error
                if isinstance(error, ClaimledgerError)
                else ClaimledgerError(repr(error), input=article_name(reading.article)),
            )

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
        flushes = 0
        for result in analyser(fresh()):
            if isinstance(result, AnalysisFailure):
                duplicates.signatures.pop(result.article.doc_id, None)
                failed(result.article, result.error)
            else:
                pending.append(replace(result, signature=duplicates.signatures.pop(result.doc_id, None)))
            if len(pending) >= min(write_batch, 1 << flushes):  # 1, 2, 4 ...: the first readings are stored at once
                flush()
                flushes += 1
        if pending:
            flush()
    if after_write is not None:
        after_write(report)
    report.seconds = time.perf_counter() - started
    if progress is not None:
        progress(report)
    return report
