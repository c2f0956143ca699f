"""Several worker processes on this machine, each doing the whole reading of its articles.

spaCy's own ``nlp.pipe(n_process=N)`` parses in the workers but sends every ``Doc`` back to the
parent, which deserialises it and then extracts the reading (claims, figures, places, events) on its
own, serially: on two cores the parent became the bottleneck (1.5x one process).  Here each forked
worker runs repair -> spaCy -> extract -> events for a chunk of articles and returns only the small
:class:`~claimledger.models.Reading` records; the parent just reads input and writes the ledger.

Chunks come back in input order, at most ``4 x workers`` chunks are in flight (a slow chunk at the
head does not leave the other workers idle) (memory stays flat in
corpus size), and a worker that dies (killed, out of memory, a crash in native code) does not lose
the batch: the chunks it held are analysed again in this process, one article at a time, so the
article that killed it is reported with its error and the others are stored.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import TYPE_CHECKING

from .engine import AnalysisFailure, analyse, read_or_fail, warm_up
from .models import Article, Reading

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger("claimledger")

# The pipeline the forked workers inherit (set in the parent just before the pool starts).
_WORKER_NLP: Language | None = None


def _die_with_parent(parent: int) -> None:
    """Worker initialiser: exit when the parent dies (even by ``kill -9``), so no orphan holds memory.

    Linux: the kernel sends SIGKILL on the parent's death (``prctl(PR_SET_PDEATHSIG)``); elsewhere a
    daemon thread checks the parent once a second.
    """
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(1, signal.SIGKILL, 0, 0, 0) != 0:  # 1 = PR_SET_PDEATHSIG
            raise OSError(ctypes.get_errno(), "prctl failed")
    except (OSError, AttributeError):
        def watch() -> None:
            while os.getppid() == parent:
                time.sleep(1.0)
            os._exit(1)

        threading.Thread(target=watch, daemon=True, name="claimledger-parent-watch").start()
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)


def _release_free_memory() -> None:
    """Give the C heap's free pages back to the system (glibc ``malloc_trim``; no-op elsewhere).

    Measured: a worker running the learned model on chunk after chunk grew ~40 MB per 100 articles
    from heap fragmentation (torch's tensors of varying shapes); trimming after each chunk keeps it flat.
    """
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def _analyse_chunk(articles: list[Article], batch_size: int) -> list[Reading | AnalysisFailure]:
    """Run in a worker: read one chunk with the pipeline inherited from the parent."""
    assert _WORKER_NLP is not None, "worker started without a pipeline"
    try:
        return list(analyse(articles, _WORKER_NLP, n_process=1, batch_size=batch_size,
                            chunk_size=len(articles) or 1))
    finally:
        _release_free_memory()


def analyse_in_pool(
    articles: Iterable[Article],
    nlp: Language,
    *,
    workers: int = 2,
    chunk_size: int = 16,
    batch_size: int = 16,
    recycle_after: int = 64,
) -> Iterator[Reading | AnalysisFailure]:
    """Readings for ``articles`` in input order, read by ``workers`` forked processes.

    Every ``recycle_after`` chunks per worker the pool is drained and replaced by freshly forked
    workers, so whatever a long-lived worker accumulates (caches, heap fragmentation) is bounded:
    peak memory does not grow with the corpus.

    Falls back to :func:`claimledger.engine.analyse` in this process when the input is a single chunk
    (starting workers would cost more than it saves) or when ``workers`` < 2.
    """
    global _WORKER_NLP
    stream = iter(articles)
    first = list(islice(stream, chunk_size))
    if workers < 2 or len(first) < chunk_size:
        yield from analyse(first, nlp, n_process=1, batch_size=batch_size, chunk_size=len(first) or 1)
        return
    warm_up(nlp)  # lazily loaded resources are loaded once here and shared copy-on-write by the workers
    _WORKER_NLP = nlp
    in_flight: deque[tuple[list[Article], Future[list[Reading | AnalysisFailure]]]] = deque()
    pools: list[ProcessPoolExecutor] = []

    def submit(chunk: list[Article]) -> None:
        for _ in range(2):  # a pool whose worker died stays broken: start a fresh one (once per chunk)
            if not pools:
                pools.append(_new_pool(workers))
            try:
                in_flight.append((chunk, pools[-1].submit(_analyse_chunk, chunk, batch_size)))
                return
            except BrokenProcessPool:
                pools.append(_new_pool(workers))
        failed: Future[list[Reading | AnalysisFailure]] = Future()
        failed.set_exception(BrokenProcessPool("cannot start worker processes"))
        in_flight.append((chunk, failed))

    submitted = 0
    try:
        submit(first)
        for chunk in iter(lambda: list(islice(stream, chunk_size)), []):
            submitted += 1
            if submitted % (recycle_after * workers) == 0:  # drain, then fresh workers
                while in_flight:
                    yield from _collect(nlp, *in_flight.popleft())
                for pool in pools:
                    pool.shutdown(wait=True)
                pools.clear()
            submit(chunk)
            if len(in_flight) >= 4 * workers:
                yield from _collect(nlp, *in_flight.popleft())
        while in_flight:
            yield from _collect(nlp, *in_flight.popleft())
    finally:
        _WORKER_NLP = None
        for pool in pools:
            pool.shutdown(wait=True, cancel_futures=True)


def _new_pool(workers: int) -> ProcessPoolExecutor:
    """Forked workers, so they share the warmed-up pipeline (and the model's weights) copy-on-write."""
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                               initializer=_die_with_parent, initargs=(os.getpid(),))


def _collect(nlp: Language, chunk: list[Article],
             future: Future[list[Reading | AnalysisFailure]]) -> Iterator[Reading | AnalysisFailure]:
    """The readings of one chunk; re-read here, one by one, if its worker died."""
    try:
        results = future.result()
    except Exception as exc:  # the worker died (BrokenProcessPool) or its results could not come back
        log.warning("a worker failed (%r); analysing its %d articles in this process, one at a time",
                    exc, len(chunk))
        yield from (read_or_fail(nlp, article) for article in chunk)
        return
    yield from results
