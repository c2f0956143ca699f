"""Decoding steps of the learned attribution extractor, on hand-made tag scores (no model needed)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from claimledger.nlp.attribution.model import net

L = {lab: i for i, lab in enumerate(net.LABELS)}


def _logp(labels: list[str], other: float = 0.1) -> np.ndarray:
    p = np.full((len(labels), len(net.LABELS)), other)
    for i, lab in enumerate(labels):
        p[i, L[lab]] = 1.0
    return np.log(p / p.sum(1, keepdims=True))


def test_attribution_model_decode_keeps_a_valid_tag_path() -> None:
    tags = net.viterbi(_logp(["B-SRC", "B-CUE", "B-CON", "I-CON", "I-CON", "O"]))
    assert [net.LABELS[t] for t in tags] == ["B-SRC", "B-CUE", "B-CON", "I-CON", "I-CON", "O"]


def test_attribution_model_decode_never_starts_a_span_with_inside() -> None:
    # the best single labels would read O, I-CON, I-CON: the decoder must open the span with B-CON
    logp = _logp(["O", "I-CON", "I-CON"])
    logp[1, L["B-CON"]] = np.log(0.3)
    tags = [net.LABELS[t] for t in net.viterbi(logp)]
    assert tags[1:] == ["B-CON", "I-CON"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.floats(0.01, 1.0), min_size=7, max_size=7), min_size=1, max_size=40))
def test_attribution_model_decode_paths_are_bio_well_formed(rows: list[list[float]]) -> None:
    tags = [net.LABELS[t] for t in net.viterbi(np.log(np.array(rows)))]
    for prev, cur in zip(["O", *tags], tags, strict=False):
        if cur.startswith("I-"):
            assert prev[2:] == cur[2:]
    units = net.units_from_tags([L[t] for t in tags])
    assert sum(e - s for s, e, _ in units) == sum(t != "O" for t in tags)
    assert all(s < e for s, e, _ in units)


def test_attribution_model_units_split_adjacent_spans_at_begin_tags() -> None:
    tags = [L[t] for t in ["B-CON", "I-CON", "B-CON", "O", "B-CUE", "I-CUE"]]
    assert net.units_from_tags(tags) == [(0, 2, "CON"), (2, 3, "CON"), (4, 6, "CUE")]


def test_attribution_model_group_joins_a_quote_split_around_its_cue() -> None:
    # "First half," the minister said, "second half."
    units = [(0, 3, "CON"), (4, 6, "SRC"), (6, 7, "CUE"), (8, 11, "CON"), (13, 14, "CUE"), (15, 18, "CON")]
    pairs = [(2, 0), (2, 1), (2, 3), (2, 4), (2, 5), (4, 0), (4, 1), (4, 2), (4, 3), (4, 5)]
    probs = [0.9, 0.95, 0.8, 0.1, 0.2, 0.3, 0.2, 0.1, 0.4, 0.9]
    first, second = net.group(units, pairs, probs)
    assert first["cue"] == [2] and first["source"] == 1 and first["content"] == [0, 3]
    assert second["cue"] == [4] and second["source"] is None and second["content"] == [5]


def test_attribution_model_group_merges_cue_fragments() -> None:
    units = [(0, 1, "SRC"), (1, 2, "CUE"), (2, 5, "CON"), (5, 7, "CUE")]
    pairs = [(1, 0), (1, 2), (1, 3), (3, 0), (3, 1), (3, 2)]
    (only,) = net.group(units, pairs, [0.9, 0.9, 0.8, 0.7, 0.8, 0.6])
    assert only["cue"] == [1, 3] and only["source"] == 0 and only["content"] == [2]


def test_attribution_model_distance_buckets_are_signed_and_bounded() -> None:
    buckets = [net.dist_bucket(d) for d in range(-5000, 5001, 7)]
    assert min(buckets) >= 0 and max(buckets) < net.N_DIST
    assert net.dist_bucket(-3) < net.dist_bucket(0) < net.dist_bucket(3)


def test_attribution_model_cue_leaves_the_day_out() -> None:
    for text, cue in [
        ("said on Tuesday", "said"),
        ("said Tuesday", "said"),
        ("told reporters on Friday morning", "told reporters"),
        ("said", "said"),
        ("responded Friday, saying", "responded Friday, saying"),
    ]:
        s, e = net.trim_cue(text, 0, len(text))
        assert text[s:e] == cue
