"""The first readings come out (and reach the ledger) after one article, not after a whole batch."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

from claimledger.engine import analyse, ingest
from claimledger.engine.analysis import ramp
from claimledger.engine.pool import chunks_of
from claimledger.ledger import open_ledger
from claimledger.models import Article
from claimledger.nlp import extensions  # noqa: F401

SEEN: list[str] = []


class BatchCounter:
    """Reads whole batches before giving any Doc back, as the attribution model and spaCy's parser do."""

    def __call__(self, doc: Doc) -> Doc:
        SEEN.append(doc.text)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for batch in minibatch(docs, size=batch_size):  # type: ignore[no-untyped-call]
            SEEN.extend(d.text for d in batch)
            yield from batch


@Language.factory("test_streaming_counter")
def _make_counter(nlp: Language, name: str) -> BatchCounter:
    return BatchCounter()


@pytest.fixture()
def counting_nlp() -> Language:
    SEEN.clear()
    nlp = spacy.blank("en")
    nlp.add_pipe("test_streaming_counter")
    return nlp


def _articles(n: int) -> list[Article]:
    return [Article(text=f"Story {i}: the mayor said road {i} was closed.", external_id=f"s{i}") for i in range(n)]


def test_engine_streaming_ramp_doubles_up_to_the_batch_size() -> None:
    assert list(islice(ramp(32), 8)) == [1, 2, 4, 8, 16, 32, 32, 32]
    assert list(islice(ramp(1), 3)) == [1, 1, 1]
    assert list(islice(ramp(6), 5)) == [1, 2, 4, 6, 6]


def test_engine_streaming_first_reading_after_one_article(counting_nlp: Language) -> None:
    articles = _articles(80)
    stream = analyse(articles, counting_nlp, batch_size=32)
    first = next(stream)
    assert first.doc_id == articles[0].doc_id  # type: ignore[union-attr]
    assert len(SEEN) == 1  # not the 32 of a whole batch
    rest = list(stream)
    assert [r.doc_id for r in [first, *rest]] == [a.doc_id for a in articles]  # type: ignore[union-attr]
    assert len(SEEN) == 80  # every article read exactly once


def test_engine_streaming_whole_batches_when_asked(counting_nlp: Language) -> None:
    stream = analyse(_articles(40), counting_nlp, batch_size=32, first_soon=False)
    next(stream)
    assert len(SEEN) == 32


def test_engine_streaming_pool_chunks_grow_and_the_tail_is_shared() -> None:
    articles = _articles(84)
    chunks = list(chunks_of(iter(articles), 32, workers=2))
    assert [len(c) for c in chunks] == [1, 2, 4, 8, 16, 26, 27]
    assert [a for c in chunks for a in c] == articles  # consecutive: input order kept
    assert [len(c) for c in chunks_of(iter(articles[:3]), 32, workers=2)] == [1, 1, 1]
    assert [len(c) for c in chunks_of(iter(articles[:64]), 16, workers=3)] == [1, 2, 4, 8, 16, 16, 5, 6, 6]
    assert list(chunks_of(iter([]), 16, workers=2)) == []


def test_engine_streaming_ingest_stores_the_first_article_at_once(tmp_path: Path, counting_nlp: Language) -> None:
    stored: list[tuple[int, int]] = []

    def progress(report: Any) -> None:
        stored.append((report.stored, len(SEEN)))

    with open_ledger(tmp_path / "s.duckdb") as ledger:
        report = ingest(_articles(70), ledger, nlp=counting_nlp, progress=progress)
        assert len(ledger.doc_ids()) == 70
    assert report.stored == 70
    assert stored[0] == (1, 1)  # in the ledger after one article was read, not after 32
    assert [n for n, _ in stored[:5]] == [1, 3, 7, 15, 31]
