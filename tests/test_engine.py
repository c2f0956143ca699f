"""Batches: one bad article never loses the rest, re-ingesting changes nothing, interrupted runs resume."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from claimledger.engine import MAX_ANALYSED_CHARS, analyse, ingest
from claimledger.errors import EmptyInput
from claimledger.ledger import open_ledger
from claimledger.models import Article
from claimledger.nlp import extensions  # noqa: F401


@Language.component("test_fail_on_marker")
def _fail_on_marker(doc):  # type: ignore[no-untyped-def]
    if "EXPLODE" in doc.text:
        raise ValueError("component blew up")
    return doc


@pytest.fixture(scope="module")
def blank_nlp() -> Language:
    """A fast pipeline (no model): extraction yields articles without claims; enough for batch mechanics."""
    nlp = spacy.blank("en")
    nlp.add_pipe("test_fail_on_marker")
    return nlp


def _articles(n: int) -> list[Article]:
    return [
        Article(
            text=f"Article number {i}. Officials said the road {i} was closed.",
            external_id=f"a{i}",
            input=f"batch.jsonl:{i + 1}",
        )
        for i in range(n)
    ]


def test_engine_bad_items_are_recorded_and_batch_goes_on(tmp_path: Path, blank_nlp: Language) -> None:
    good = _articles(3)
    items = [
        good[0],
        EmptyInput("empty file", input="empty.txt"),
        Article(text="EXPLODE here", input="bomb.txt"),
        Article(text="x" * (MAX_ANALYSED_CHARS + 1), input="huge.txt"),
        good[1],
        good[2],
    ]
    with open_ledger(tmp_path / "l.duckdb") as ledger:
        report = ingest(items, ledger, nlp=blank_nlp)
        assert report.stored == 3 and report.failed == 3
        assert ledger.doc_ids() == {a.doc_id for a in good}
        errors = {e.input: e for e in ledger.errors()}
    assert set(errors) == {"empty.txt", "bomb.txt", "huge.txt"}
    assert "component blew up" in errors["bomb.txt"].message
    assert "analysis limit" in errors["huge.txt"].message
    assert errors["empty.txt"].code == "CL002"


def test_engine_reingest_changes_nothing(tmp_path: Path, blank_nlp: Language) -> None:
    arts = _articles(4)
    with open_ledger(tmp_path / "l.duckdb") as ledger:
        first = ingest(arts, ledger, nlp=blank_nlp)
        before = ledger.stats()
        again = ingest(arts + arts, ledger, nlp=blank_nlp)
        assert first.stored == 4 and again.stored == 0 and again.unchanged == 8
        assert ledger.stats() == before


def test_engine_interrupted_batch_resumes_to_the_same_ledger(tmp_path: Path, blank_nlp: Language) -> None:
    arts = _articles(10)

    written: list[int] = []

    def stop_after_four(report) -> None:  # type: ignore[no-untyped-def]
        if report.stored >= 4:
            written.append(report.stored)
            raise KeyboardInterrupt

    with open_ledger(tmp_path / "resumed.duckdb") as ledger:
        with pytest.raises(KeyboardInterrupt):
            ingest(arts, ledger, nlp=blank_nlp, chunk_size=3, write_batch=2, progress=stop_after_four)
        (done,) = written  # writes of 1, 2, 2 ... articles: 5 stored when it stops
        assert 4 <= done < 10 and len(ledger.doc_ids()) == done
        rest = ingest(arts, ledger, nlp=blank_nlp)
        assert rest.stored == 10 - done and rest.unchanged == done
        resumed = ledger.doc_ids()
    with open_ledger(tmp_path / "clean.duckdb") as clean:
        ingest(arts, clean, nlp=blank_nlp)
        assert clean.doc_ids() == resumed


def test_engine_analyse_keeps_input_order(blank_nlp: Language) -> None:
    arts = _articles(7)
    out = list(analyse(arts, blank_nlp, chunk_size=3, batch_size=2))
    assert [r.article.external_id for r in out] == [a.external_id for a in arts]


@pytest.mark.slow
def test_engine_full_pipeline_two_processes_equals_one(nlp: Language) -> None:
    texts = [
        "“We will not retreat,” the commander said on Monday.",
        "According to Reuters, the ministry estimated that 40 percent of homes were damaged.",
        "The mayor told reporters that about 300 people had been evacuated from Riverton.",
    ] * 12
    arts = [Article(text=f"{t} (Item {i}.)", input=f"t{i}") for i, t in enumerate(texts)]
    one = [r.claims for r in analyse(arts, nlp, n_process=1, batch_size=4)]
    two = [r.claims for r in analyse(arts, nlp, n_process=2, batch_size=4)]
    assert one == two
    assert all(claims for claims in one)


WIRE = (
    "The regional governor said on Tuesday that a drone attack had damaged a fuel depot near the border, "
    "starting a fire that burned for several hours before firefighters brought it under control. "
    "No casualties were reported, the governor said, adding that residents of two nearby villages had "
    "been told to stay indoors. The defence ministry said air defences had shot down eleven drones over "
    "the region overnight. Officials did not say how many drones had reached their targets. The attack "
    "was the third on energy facilities in the region this month, according to local media."
)


def test_engine_wire_copy_is_linked_not_analysed_again(tmp_path: Path, blank_nlp: Language) -> None:
    original = Article(text=WIRE, outlet="Agency", input="a.txt")
    copy = Article(
        text=WIRE.replace("on Tuesday", "on Tuesday evening") + " (Reporting by desk.)", outlet="Daily", input="b.txt"
    )
    other = Article(
        text="The football club said its new stadium would open next spring after long delays "
        "caused by a dispute over funding with the city council and two construction firms.",
        input="c.txt",
    )
    with open_ledger(tmp_path / "l.duckdb") as ledger:
        report = ingest([original, copy, other], ledger, nlp=blank_nlp)
        assert report.stored == 3 and report.duplicates == 1
        stored = {a.input: a for a in ledger.articles()}
        assert stored["b.txt"].duplicate_of == original.doc_id
        assert stored["a.txt"].duplicate_of is None and stored["c.txt"].duplicate_of is None
    # a later batch still recognises copies of what is already in the ledger
    third = Article(text=WIRE.replace("eleven", "11"), input="d.txt")
    with open_ledger(tmp_path / "l.duckdb") as ledger:
        report = ingest([third], ledger, nlp=blank_nlp)
        assert report.duplicates == 1
        assert ledger.article(third.doc_id).duplicate_of == original.doc_id


def test_engine_non_english_article_is_skipped_with_reason(tmp_path: Path, blank_nlp: Language) -> None:
    german = Article(
        text="Der Bürgermeister sagte am Dienstag, dass die Brücke wegen Reparaturarbeiten "
        "mindestens zwei Wochen lang gesperrt bleiben werde. Die Anwohner wurden gebeten, "
        "auf öffentliche Verkehrsmittel auszuweichen.",
        input="de.txt",
    )
    with open_ledger(tmp_path / "l.duckdb") as ledger:
        report = ingest([german, *_articles(1)], ledger, nlp=blank_nlp)
        assert report.skipped == 1 and report.stored == 1
        (err,) = ledger.errors()
        assert err.input == "de.txt" and err.code == "CL008"
    assert "not English" in report.summary()
