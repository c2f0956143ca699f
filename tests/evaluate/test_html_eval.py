"""The html-bench metric (word 4-gram shingles, per-page normalised P/R, F1 of the averages).

The floors of HTML ingest on the 181 pages are in tests/quality_gate.json (trafilatura alone scores
F1 0.958 upstream, 0.960 here; our wrapper must not lose text).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from claimledger.evaluate.html import bootstrap, page_counts, scores, shingles, tokens, url_date


def test_html_eval_tokens_are_word_runs_with_case_kept() -> None:
    assert tokens("Grain ships, 14 of them — waited.") == ["Grain", "ships", "14", "of", "them", "waited"]
    assert tokens("Привет, мир") == ["Привет", "мир"]


def test_html_eval_shingles_are_a_multiset_of_4grams_and_short_texts_are_one_shingle() -> None:
    assert shingles("a b c d e") == {("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}
    assert shingles("a b c d a b c d") == {
        ("a", "b", "c", "d"): 2,
        ("b", "c", "d", "a"): 1,
        ("c", "d", "a", "b"): 1,
        ("d", "a", "b", "c"): 1,
    }
    assert shingles("two words") == {("two", "words"): 1}
    assert shingles("") == {}


def test_html_eval_page_counts_are_normalised_to_one() -> None:
    assert page_counts("a b c d e", "a b c d e") == (1.0, 0.0, 0.0)
    assert page_counts("a b c d e", "a b c d") == (0.5, 0.0, 0.5)  # 1 TP, 1 FN
    assert page_counts("a b c d", "a b c d x y") == pytest.approx((1 / 3, 2 / 3, 0.0))
    assert page_counts("", "") == (0.0, 0.0, 0.0)


def test_html_eval_scores_average_pages_and_skip_undefined_ones() -> None:
    perfect, missed, half = (1.0, 0.0, 0.0), (0.0, 0.0, 1.0), (0.5, 0.0, 0.5)
    s = scores([perfect, missed, half])
    # precision over pages with TP+FP > 0 (perfect, half) = 1.0; recall over all three = (1 + 0 + 0.5) / 3
    assert s["precision"] == 1.0
    assert s["recall"] == pytest.approx(0.5)
    assert s["f1"] == pytest.approx(2 * 0.5 / 1.5)


def test_html_eval_empty_output_counts_against_recall() -> None:
    s = scores([page_counts("gold text of the page here", ""), page_counts("a b c d", "a b c d")])
    assert s["recall"] == 0.5 and s["precision"] == 1.0


def test_html_eval_bootstrap_gives_a_spread_for_every_figure() -> None:
    triples = [(1.0, 0.0, 0.0), (0.5, 0.5, 0.0), (0.2, 0.0, 0.8)] * 10
    ci = bootstrap(triples, [True, False, False] * 10, n=200, seed=1)
    assert set(ci) == {"precision", "recall", "f1", "accuracy"} and all(v > 0 for v in ci.values())


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://news.example/2019/11/18/story-slug/", date(2019, 11, 18)),
        ("https://news.example/story-2019-11-18.html", date(2019, 11, 18)),
        ("https://news.example/a/20191118/story", date(2019, 11, 18)),
        ("https://news.example/2019/11/story", None),
        ("https://news.example/story?id=20191118", None),  # only the path counts
    ],
)
def test_html_eval_url_date(url: str, expected: Any) -> None:
    assert url_date(url) == expected
