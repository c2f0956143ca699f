"""The ``claimledger_times`` spaCy component and our hand-written war/politics cases."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

import claimledger.evaluate.time as time_eval
import claimledger.nlp.times.component  # noqa: F401  (registers the factory)
from claimledger.errors import EvaluationError
from claimledger.evaluate.time import load_cases, score_seed

KEYS = {"start", "end", "value", "grain", "relation", "note", "timex", "type", "head", "timex_start", "timex_end"}


@pytest.fixture(scope="module")
def blank() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("claimledger_times")
    return nlp


@pytest.fixture()
def english(english_with: Any) -> Iterator[Language]:
    """The English model + ``claimledger_times`` (overrides the bare ``english`` of tests/conftest.py)."""
    with english_with("claimledger_times") as nlp:
        yield nlp


def _run(nlp: Language, text: str, published: Any) -> Doc:
    doc = nlp.make_doc(text)
    doc._.cl_published = published
    return nlp(doc)


def test_times_writes_spans_and_records_with_char_offsets(blank: Language) -> None:
    doc = _run(blank, "Kyiv said on Friday that troops had been deployed since November.", "2025-02-01")
    recs = doc._.cl_times
    assert [doc.text[r["start"] : r["end"]] for r in recs] == ["on Friday", "since November"]
    assert [s.text for s in doc.spans["cl_time"]] == ["on Friday", "since November"]
    assert KEYS <= set(recs[0])
    assert (recs[1]["value"], recs[1]["grain"], recs[1]["relation"]) == ("2024-11", "month", "since")
    assert doc.text[recs[0]["timex_start"] : recs[0]["timex_end"]] == "Friday"


def test_times_without_publication_date_says_so(blank: Language) -> None:
    doc = _run(blank, "The envoy arrived on Friday, Jan. 31, 2025, and left last week.", None)
    by_text = {doc.text[r["start"] : r["end"]]: r for r in doc._.cl_times}
    assert by_text["on Friday, Jan. 31, 2025"]["value"] == "2025-01-31"
    assert by_text["last week"]["value"] is None and by_text["last week"]["note"] == "no publication date"


def test_times_survive_doc_serialisation(blank: Language) -> None:
    doc = _run(blank, "Fighting has continued since the 1990s.", "2025-02-01")
    back = Doc(blank.vocab).from_bytes(doc.to_bytes())
    assert back._.cl_times == doc._.cl_times
    assert [s.text for s in back.spans["cl_time"]] == ["since the 1990s"]


def test_times_future_tense_points_forward_and_head_is_the_verb(english: Language) -> None:
    doc = _run(english, "Negotiators will meet on Wednesday. The spokesman told AFP on Friday.", "2025-02-01")
    wed, fri = doc._.cl_times
    assert wed["value"] == "2025-02-05" and wed["direction"] == "future"
    assert fri["value"] == "2025-01-31"
    assert doc.text[fri["head"] : fri["head"] + 4] == "told"


def test_times_anaphors_refer_back_through_the_article(blank: Language) -> None:
    doc = _run(
        blank,
        "Shelling began on Monday. Two days later the bridge fell. The next day, the town was "
        "evacuated; later that week talks opened.",
        "2025-02-01",
    )
    got = {doc.text[r["start"] : r["end"]]: r for r in doc._.cl_times}
    assert got["on Monday"]["value"] == "2025-01-27"
    assert got["Two days later"]["value"] == "2025-01-29"
    assert got["The next day"]["value"] == "2025-01-30"
    assert (got["later that week"]["value"], got["later that week"]["mod"]) == ("2025-01-27", "later")
    assert "earlier time of the text" in got["The next day"]["note"]


def test_times_bad_text_never_breaks_a_batch(blank: Language) -> None:
    texts = ["", "31 February 2024", "\x00\x01 ??? 9999-99-99", "on the 45th of Smarch"]
    for text in texts:
        doc = _run(blank, text, "not-a-date")
        assert isinstance(doc._.cl_times, list)
    doc = _run(blank, "It was signed on 31 February 2024.", "2025-02-01")
    assert doc._.cl_times[0]["value"] is None and "impossible" in doc._.cl_times[0]["note"]


def test_times_seed_dates_all_right(english: Language) -> None:
    result = score_seed(english)
    assert result["right"] == result["total"] == 5, result["rows"]


def test_times_case_set_missing_or_broken_is_a_coded_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(time_eval, "cases_path", lambda: None)  # an installed wheel: no tests/ folder
    with pytest.raises(EvaluationError, match="CL040.*not available"):
        load_cases()
    with pytest.raises(EvaluationError, match="CL040"):
        load_cases(tmp_path / "absent.jsonl")
    bad = tmp_path / "cases.jsonl"
    good = '{"category": "x", "text": "t", "expr": "e", "value": null}'
    bad.write_text(f"# comment\n{good}\n{{not json\n", encoding="utf-8")
    with pytest.raises(EvaluationError, match="line 3"):
        load_cases(bad)
