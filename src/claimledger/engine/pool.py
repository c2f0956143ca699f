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
from functools import cache
from itertools import chain, islice
from typing import TYPE_CHECKING, Any

from claimledger.engine.analysis import AnalysisFailure, analyse, ramp, read_or_fail, warm_up
from claimledger.models import Article, Reading

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger("claimledger")

ChunkResult = tuple[list["Reading | AnalysisFailure"], int]

# The pipeline the forked workers inherit (set in the parent just before the pool starts).
_WORKER_NLP: Language | None = None
# A worker's resident memory when it started (bytes), to tell how much it has grown since.
_WORKER_START_RSS = 0


def _resident_bytes() -> int:
    """This process's resident set now."""
    import psutil

    return int(psutil.Process().memory_info().rss)


@cache
def _libc() -> Any:
    """The C library (``ctypes``), or None where it cannot be loaded (then the glibc tuning is skipped)."""
    try:
        import ctypes

        return ctypes.CDLL("libc.so.6", use_errno=True)
    except OSError:
        return None


def _start_worker(parent: int) -> None:
    """Worker initialiser: note the starting memory and exit when the parent dies (even by ``kill -9``),
    so no orphan holds memory.

    Linux: the kernel sends SIGKILL on the parent's death (``prctl(PR_SET_PDEATHSIG)``); elsewhere a
    daemon thread checks the parent once a second.
    """
    global _WORKER_START_RSS
    return_large_blocks_to_the_system()
    _WORKER_START_RSS = _resident_bytes()
    try:
        import ctypes

        if _libc().prctl(1, signal.SIGKILL, 0, 0, 0) != 0:  # 1 = PR_SET_PDEATHSIG
            raise OSError(ctypes.get_errno(), "prctl failed")
    except (OSError, AttributeError):  # AttributeError: no libc, or no prctl in it

        def watch() -> None:
            while os.getppid() == parent:
                time.sleep(1.0)
            os._exit(1)

        threading.Thread(target=watch, daemon=True, name="claimledger-parent-watch").start()
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)


def return_large_blocks_to_the_system(threshold: int = 4 << 20) -> None:
    """Serve allocations of ``threshold`` bytes or more with their own mappings, freed at once.

    glibc raises its mmap threshold each time a large block is freed, so the encoder's big tensors
    (attention maps of 6-50 MB) soon come from the heap, where they fragment it: a worker reading the
    learned model's batches peaked ~520 MB above its resting size; with a fixed 4 MB threshold ~310 MB,
    at ~1.5 % of its time (one A/B run, ``bench`` corpus, 192 articles; not yet measured within one
    full ``bench_scale`` run).  Process-wide; glibc only.
    """
    libc = _libc()
    if libc is not None:
        libc.mallopt(-3, int(threshold))  # M_MMAP_THRESHOLD (also stops glibc from moving it)


def _release_free_memory() -> None:
    """Give the C heap's free pages back to the system (glibc ``malloc_trim``; no-op elsewhere).

    Measured: a worker running the learned model on chunk after chunk grew ~40 MB per 100 articles
    from heap fragmentation (torch's tensors of varying shapes); trimming after each chunk, with
    oneDNN's primitive cache bounded (see ``nlp/attribution_model.py``), leaves +6 MB over 480 articles.
    """
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)


def _analyse_chunk(articles: list[Article], batch_size: int) -> ChunkResult:
    """Run in a worker: read one chunk with the pipeline inherited from the parent; also return how
    many bytes this worker has grown since it started."""
    assert _WORKER_NLP is not None, "worker started without a pipeline"
    try:
        readings = list(
            analyse(
                articles,
                _WORKER_NLP,
                n_process=1,
                batch_size=batch_size,
                chunk_size=len(articles) or 1,
                first_soon=False,  # the chunks themselves start small (chunks_of)
            )
        )
    finally:
        _release_free_memory()
    return readings, _resident_bytes() - _WORKER_START_RSS


def analyse_in_pool(
    articles: Iterable[Article],
    nlp: Language,
    *,
    workers: int = 2,
    chunk_size: int = 16,
    batch_size: int = 16,
    recycle_above_mb: float | None = 256,
    recycle_after: int | None = None,
) -> Iterator[Reading | AnalysisFailure]:
    """Readings for ``articles`` in input order, read by ``workers`` forked processes.

    Workers are forked once, while this process is still lean, and live as long as they stay lean:
    when one reports that it has grown by more than ``recycle_above_mb`` since it started (caches,
    heap fragmentation), or every ``recycle_after`` chunks per worker if that is set, the pool is
    drained and replaced by freshly forked workers.  So peak memory does not grow with the corpus,
    and workers are not re-forked from this process needlessly: a re-forked worker maps everything
    this process has come to hold (its database cache, the near-duplicate index) once more.

    Falls back to :func:`claimledger.engine.analysis.analyse` in this process when the input is a single chunk
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
    in_flight: deque[tuple[list[Article], Future[ChunkResult]]] = deque()
    pools: list[ProcessPoolExecutor] = []
    limit = None if recycle_above_mb is None else recycle_above_mb * 2**20
    state = {"grown": False, "chunks": 0}

    def start_pool() -> None:
        pools.append(_new_pool(workers))
        state["chunks"] = 0

    def submit(chunk: list[Article]) -> None:
        for _ in range(2):  # a pool whose worker died stays broken: start a fresh one (once per chunk)
            if not pools:
                start_pool()
            try:
                in_flight.append((chunk, pools[-1].submit(_analyse_chunk, chunk, batch_size)))
                state["chunks"] += 1
                return
            except BrokenProcessPool:
                start_pool()
        failed: Future[ChunkResult] = Future()
        failed.set_exception(BrokenProcessPool("cannot start worker processes"))
        in_flight.append((chunk, failed))

    def collect() -> Iterator[Reading | AnalysisFailure]:
        chunk, future = in_flight.popleft()
        readings, grown = _collect(nlp, chunk, future)
        # the pool's result thread unpickles readings in its own malloc arena; hand its freed pages back
        # (~7 ms per trim on a fragmented 300 MB heap; its own effect on the peak was not measured apart)
        _release_free_memory()
        if limit is not None and grown > limit:
            log.info("a worker grew by %.0f MB: fresh workers after the chunks in flight", grown / 2**20)
            state["grown"] = True
        yield from readings

    def recycle_due() -> bool:
        return bool(state["grown"]) or (
            recycle_after is not None and pools != [] and state["chunks"] >= recycle_after * workers
        )

    try:
        for chunk in chunks_of(chain(first, stream), chunk_size, workers):
            if recycle_due():  # drain, then fresh workers
                while in_flight:
                    yield from collect()
                for pool in pools:
                    pool.shutdown(wait=True)
                pools.clear()
                state["grown"] = False
            submit(chunk)
            if len(in_flight) >= 4 * workers:
                yield from collect()
        while in_flight:
            yield from collect()
    finally:
        _WORKER_NLP = None
        for pool in pools:
            pool.shutdown(wait=True, cancel_futures=True)


def chunks_of(articles: Iterator[Article], size: int, workers: int) -> Iterator[list[Article]]:
    """Consecutive chunks of ``articles`` for the workers.

    The first chunks grow 1, 2, 4, ... up to ``size`` (:func:`~claimledger.engine.analysis.ramp`), so
    the first Readings come back after one article instead of a whole chunk.  One chunk is read
    ahead: the last full chunk and the short rest are cut into one piece per worker, so no worker
    idles while another reads the tail alone (84 articles in chunks of 32 gave one worker 52 and the
    other 32).
    """
    sizes = ramp(size)
    pending = list(islice(articles, next(sizes)))
    for n in sizes:
        ahead = list(islice(articles, n))
        if len(ahead) < n:
            tail = pending + ahead
            parts = min(workers, len(tail))
            for k in range(parts):  # contiguous pieces: the readings keep the input order
                yield tail[k * len(tail) // parts : (k + 1) * len(tail) // parts]
            return
        yield pending
        pending = ahead


def _new_pool(workers: int) -> ProcessPoolExecutor:
    """Forked workers, so they share the warmed-up pipeline (and the model's weights) copy-on-write."""
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_start_worker,
        initargs=(os.getpid(),),
    )


def _collect(nlp: Language, chunk: list[Article], future: Future[ChunkResult]) -> ChunkResult:
    """The readings of one chunk and its worker's growth; re-read here, one by one, if the worker died."""
    try:
        return future.result()
    except Exception as exc:  # the worker died (BrokenProcessPool) or its results could not come back
        log.warning("a worker failed (%r); analysing its %d articles in this process, one at a time", exc, len(chunk))
        return [read_or_fail(nlp, article) for article in chunk], 0
