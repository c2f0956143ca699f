"""The Dask engine: the same analysis on a Dask distributed cluster, for corpora that outgrow one machine.

The driver streams articles, skips those already in the ledger, and submits chunks to the workers;
each worker process builds the spaCy pipeline once (cached per process) and returns readings, which
the driver writes to the ledger as they complete (one transaction per article, so a crash of the
driver or of a worker leaves the ledger consistent and a rerun resumes).  At most ``2 x workers``
chunks are in flight, so memory stays flat however large the corpus.

    claimledger ingest corpus.jsonl --engine dask --scheduler tcp://10.0.0.5:8786 --db postgresql://...
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import islice
from typing import TYPE_CHECKING, Any

from claimledger.engine.analysis import Analyser, AnalysisFailure, analyse
from claimledger.models import Article, Reading

if TYPE_CHECKING:
    from distributed import Client


@lru_cache(maxsize=2)
def _worker_nlp(attribution: str | None) -> Any:
    """The pipeline of this worker process, built on first use."""
    from claimledger.nlp.pipeline import build_nlp

    return build_nlp(attribution=attribution)


def analyse_chunk(
    articles: list[Article], attribution: str | None = None, batch_size: int = 32
) -> list[Reading | AnalysisFailure]:
    """Run on a worker: analyse one chunk of articles with the worker's cached pipeline."""
    nlp = _worker_nlp(attribution)
    return list(analyse(articles, nlp, n_process=1, batch_size=batch_size, chunk_size=len(articles) or 1))


def connect(scheduler: str | None = None, *, n_workers: int | None = None) -> Client:
    """A client for ``scheduler`` (``tcp://host:8786``), or a LocalCluster of processes when None."""
    from distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler)
    cluster = LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=None)
    return Client(cluster)


def dask_analyser(
    client: Client, *, attribution: str | None = None, chunk_size: int = 64, batch_size: int = 32
) -> Analyser:
    """An analyser for :func:`claimledger.engine.batch.ingest` that runs on ``client``'s cluster."""
    from distributed import as_completed

    def run(articles: Iterable[Article]) -> Iterator[Reading | AnalysisFailure]:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        in_flight = 2 * workers
        stream = iter(articles)

        def submit(chunk: list[Article]) -> Any:
            return client.submit(analyse_chunk, chunk, attribution, batch_size, pure=False)

        pending = as_completed()
        for _ in range(in_flight):
            chunk = list(islice(stream, chunk_size))
            if not chunk:
                break
            pending.add(submit(chunk))
        for future in pending:
            yield from future.result()
            future.release()
            chunk = list(islice(stream, chunk_size))
            if chunk:
                pending.add(submit(chunk))

    return run
