"""The multi-process engine: same readings as one process, input order, a dying worker loses nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from claimledger.engine import AnalysisFailure, analyse, ingest, local_analyser
from claimledger.engine.pool import analyse_in_pool
from claimledger.ledger import open_ledger
from claimledger.models import Article
from claimledger.nlp import extensions  # noqa: F401

PARENT = os.getpid()


_HOARD: list[bytes] = []


@Language.component("test_pool_markers")
def _markers(doc):  # type: ignore[no-untyped-def]
    if "EXPLODE" in doc.text:
        raise ValueError("component blew up")
    if "DIE" in doc.text and os.getpid() != PARENT:
        os._exit(1)  # the worker process dies hard (as if killed or out of memory); the parent survives it
    if "HOARD" in doc.text and os.getpid() != PARENT:
        _HOARD.append(b"x" * 16 * 2**20)  # a worker that keeps 16 MB per such article (a leak)
    return doc


@pytest.fixture(scope="module")
def marker_nlp() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("test_pool_markers")
    return nlp


def _articles(n: int, special: dict[int, str] | None = None) -> list[Article]:
    special = special or {}
    return [
        Article(
            text=f"Article number {i}. Officials said road {i} was closed. {special.get(i, '')}",
            external_id=f"a{i}",
            input=f"batch.jsonl:{i + 1}",
        )
        for i in range(n)
    ]


def test_pool_keeps_input_order(marker_nlp: Language) -> None:
    arts = _articles(37)
    out = list(analyse_in_pool(arts, marker_nlp, workers=2, chunk_size=4, batch_size=2))
    assert [r.article.external_id for r in out] == [a.external_id for a in arts]
    assert not any(isinstance(r, AnalysisFailure) for r in out)


def test_pool_failing_article_is_reported_the_rest_read(marker_nlp: Language) -> None:
    arts = _articles(20, {7: "EXPLODE"})
    out = list(analyse_in_pool(arts, marker_nlp, workers=2, chunk_size=4, batch_size=2))
    assert [r.article.external_id for r in out] == [a.external_id for a in arts]
    failures = [r for r in out if isinstance(r, AnalysisFailure)]
    assert [f.article.external_id for f in failures] == ["a7"]
    assert "blew up" in failures[0].error.message and failures[0].error.input == "batch.jsonl:8"


def test_pool_worker_death_loses_no_article(marker_nlp: Language) -> None:
    # Article 9 kills its worker: its chunk (and any other the dead pool held) is read again in the parent,
    # where the marker does nothing, and a fresh pool takes the chunks after it.
    arts = _articles(40, {9: "DIE"})
    out = list(analyse_in_pool(arts, marker_nlp, workers=2, chunk_size=4, batch_size=2))
    assert [r.article.external_id for r in out] == [a.external_id for a in arts]
    assert not any(isinstance(r, AnalysisFailure) for r in out)


def test_pool_small_input_stays_in_this_process(marker_nlp: Language) -> None:
    # Fewer articles than one chunk: no worker is started, so the DIE marker (workers only) never fires.
    out = list(analyse_in_pool(_articles(3, {1: "DIE"}), marker_nlp, workers=2, chunk_size=8))
    assert len(out) == 3 and not any(isinstance(r, AnalysisFailure) for r in out)


def test_pool_ingest_equals_one_process(tmp_path: Path, marker_nlp: Language) -> None:
    arts = _articles(30, {4: "EXPLODE"})
    reports = []
    for n in (1, 2):
        with open_ledger(tmp_path / f"l{n}.duckdb") as ledger:
            reports.append(ingest(arts, ledger, analyser=local_analyser(marker_nlp, n_process=n, batch_size=4)))
            assert sorted(ledger.doc_ids()) == sorted(a.doc_id for i, a in enumerate(arts) if i != 4)
    assert [(r.stored, r.failed) for r in reports] == [(29, 1), (29, 1)]


@pytest.mark.slow
def test_pool_full_pipeline_equals_one_process(nlp: Language) -> None:
    texts = [
        "“We will not retreat,” the commander said on Monday.",
        "According to Reuters, the ministry estimated that 40 percent of homes were damaged near Kharkiv.",
        "The mayor told reporters that about 300 people had been evacuated from Riverton.",
    ] * 8
    arts = [Article(text=f"{t} (Item {i}.)", input=f"t{i}", published="2025-02-01") for i, t in enumerate(texts)]
    one = list(analyse(arts, nlp, n_process=1, batch_size=4))
    two = list(analyse_in_pool(arts, nlp, workers=2, chunk_size=4, batch_size=4))
    assert one == two
    assert all(r.claims for r in one)  # type: ignore[union-attr]


_ORPHAN_SCRIPT = r"""
import os, sys, time
import spacy
from spacy.language import Language
from claimledger.models import Article
from claimledger.engine.pool import analyse_in_pool

@Language.component("test_slow_pid")
def slow(doc):
    open(os.path.join(sys.argv[1], str(os.getpid())), "w").close()
    time.sleep(0.5)
    return doc

nlp = spacy.blank("en")
nlp.add_pipe("test_slow_pid")
arts = [Article(text=f"Article {i}: officials said the road was closed.", input=f"a{i}") for i in range(200)]
for _ in analyse_in_pool(arts, nlp, workers=2, chunk_size=2, batch_size=1):
    pass
"""


def test_pool_workers_die_with_a_killed_parent(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    import psutil

    script = tmp_path / "run.py"
    script.write_text(_ORPHAN_SCRIPT, encoding="utf-8")
    pids = tmp_path / "pids"
    pids.mkdir()
    proc = subprocess.Popen([sys.executable, str(script), str(pids)])
    try:
        deadline = time.monotonic() + 60
        while len(list(pids.iterdir())) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        workers = [int(p.name) for p in pids.iterdir()]
        assert len(workers) >= 2, "the workers never started"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()

    def alive(pid: int) -> bool:
        try:
            return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
        except psutil.NoSuchProcess:
            return False

    deadline = time.monotonic() + 10
    while any(alive(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(alive(p) for p in workers), "worker processes outlived their killed parent"


def test_pool_recycles_workers_and_keeps_order(marker_nlp: Language, monkeypatch: pytest.MonkeyPatch) -> None:
    # Fresh workers every 2 chunks per worker: the order and every article survive the hand-over.
    from claimledger.engine import pool as parallel

    started: list[int] = []
    real = parallel._new_pool
    monkeypatch.setattr(parallel, "_new_pool", lambda workers: started.append(workers) or real(workers))
    arts = _articles(50, {13: "EXPLODE"})  # 17 chunks of 3: a fresh pool after every 4 chunks
    out = list(analyse_in_pool(arts, marker_nlp, workers=2, chunk_size=3, batch_size=2, recycle_after=2))
    assert [r.article.external_id for r in out] == [a.external_id for a in arts]
    assert [r.article.external_id for r in out if isinstance(r, AnalysisFailure)] == ["a13"]
    assert len(started) == 5


def test_pool_replaces_workers_that_grew(marker_nlp: Language, monkeypatch: pytest.MonkeyPatch) -> None:
    # Workers leaking 16 MB per article pass a 40 MB allowance after a few chunks and are replaced by
    # fresh ones; lean workers are kept for the whole batch.
    from claimledger.engine import pool as parallel

    started: list[int] = []
    real = parallel._new_pool
    monkeypatch.setattr(parallel, "_new_pool", lambda workers: started.append(workers) or real(workers))
    lean = list(analyse_in_pool(_articles(40), marker_nlp, workers=2, chunk_size=2, batch_size=2, recycle_above_mb=40))
    assert len(lean) == 40 and len(started) == 1
    started.clear()
    arts = _articles(72, {i: "HOARD" for i in range(72)})
    out = list(analyse_in_pool(arts, marker_nlp, workers=2, chunk_size=2, batch_size=2, recycle_above_mb=40))
    assert [r.article.external_id for r in out] == [a.external_id for a in arts]
    assert not any(isinstance(r, AnalysisFailure) for r in out)
    assert len(started) >= 3, "leaking workers were never replaced"
