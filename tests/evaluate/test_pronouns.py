"""The pronoun-source evaluation: outcomes, judgement file, scoring (no model, no shared data)."""

from __future__ import annotations

from claimledger.evaluate.pronouns import (
    WRITER,
    Judgement,
    PronounItem,
    load_judgements,
    outcome,
    resolution,
    score,
)


def test_pronouns_outcome_name_surname_description_wrong() -> None:
    j = Judgement("Hillary Clinton", ("the democratic nominee",))
    assert outcome("Hillary Clinton", j) == "name"
    assert outcome("Clinton", j) == "name"
    assert outcome("Bill Clinton", j) == "wrong"
    assert outcome("Democratic nominee", j) == "description"
    assert outcome("Donald Trump", j) == "wrong"
    assert outcome(None, j) == "unresolved"
    assert outcome("she", j) == "unresolved"
    assert outcome(WRITER, Judgement(WRITER)) == "name"
    assert outcome("Martin Luther King", Judgement(WRITER)) == "wrong"
    assert outcome(WRITER, j) == "wrong"


def test_pronouns_resolution_reads_the_overlapping_record() -> None:
    recs = [{"source": [10, 12], "source_name": "Anna Berg"}, {"source": [30, 31], "source_writer": True}]
    assert resolution("", recs, 10, 12) == "Anna Berg"
    assert resolution("", recs, 30, 31) == WRITER
    assert resolution("", recs, 40, 42) is None


def test_pronouns_score_counts_a_span_once() -> None:
    j = {("d", 1, 3): Judgement("Anna Berg")}
    items = [PronounItem("d", 1, 3, "he", "Anna Berg"), PronounItem("d", 1, 3, "he", "Anna Berg")]
    assert score(items, j)["all"]["name"] == 1


def test_pronouns_judgement_file_holds_offsets_and_names_only() -> None:
    judged = load_judgements()
    assert len(judged) >= 80
    for (doc, start, end), j in judged.items():
        assert 0 <= start < end <= start + 4 and doc
        assert len(j.name) < 60 and all(len(d) < 60 for d in j.descriptions)
