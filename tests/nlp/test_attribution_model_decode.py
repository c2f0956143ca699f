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


# --- the fast decoding paths against the plain formulations they replace ----------------------------


def _reference_viterbi(logp: np.ndarray) -> list[int]:
    """The numpy formulation (one vector step per piece) that net.viterbi must match exactly."""
    n, k = logp.shape
    trans = np.where(net._OK, 0.0, -1e4)
    start = np.array([0.0 if not lab.startswith("I-") else -1e4 for lab in net.LABELS])
    score = logp[0] + start
    back = np.zeros((n, k), dtype=np.int64)
    for i in range(1, n):
        cand = score[:, None] + trans
        back[i] = cand.argmax(0)
        score = cand.max(0) + logp[i]
    path = [int(score.argmax())]
    for i in range(n - 1, 0, -1):
        path.append(int(back[i, path[-1]]))
    return path[::-1]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from([0.0, -0.5, -1.0, -3.0, -2e4, -np.inf]) | st.floats(-30, 0), min_size=7, max_size=7),
        min_size=1,
        max_size=30,
    ),
    st.booleans(),
)
def test_attribution_model_viterbi_matches_the_numpy_formulation(rows: list[list[float]], single: bool) -> None:
    logp = np.array(rows, dtype=np.float32 if single else np.float64)  # ties and -inf included
    assert net.viterbi(logp) == _reference_viterbi(logp)


def _reference_pair_features(units: list[tuple[int, int, str]], cue_idx: list[int]) -> tuple[list, list]:
    import bisect

    pairs, feats = [], []
    cue_pos = sorted(units[i][0] for i in cue_idx)
    kinds = {"SRC": 0, "CON": 1, "CUE": 2}
    for c in cue_idx:
        cs, ce, _ = units[c]
        for j, (s, e, role) in enumerate(units):
            if j == c:
                continue
            d = -(cs - e + 1) if e <= cs else (s - ce + 1 if s >= ce else 0)
            if abs(d) > net.MAX_LINK_DIST:
                continue
            lo, hi = (e, cs) if e <= cs else (ce, s)
            between = bisect.bisect_left(cue_pos, hi) - bisect.bisect_left(cue_pos, lo)
            pairs.append((c, j))
            feats.append((net.dist_bucket(d), min(3, between), kinds[role]))
    return pairs, feats


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 120), st.integers(0, 2)), min_size=0, max_size=25))
def test_attribution_model_pair_features_match_the_loop(steps: list[tuple[int, int]]) -> None:
    units, pos = [], 0
    for gap, role in steps:  # non-overlapping units in order, as the tagger makes them
        units.append((pos + gap, pos + gap + 1 + role, net.ROLES[role]))
        pos += gap + 1 + role
    cue_idx = [i for i, u in enumerate(units) if u[2] == "CUE"]
    assert net.pair_features(units, cue_idx) == _reference_pair_features(units, cue_idx)


def test_attribution_model_split_pair_scores_match_the_full_layer() -> None:
    import torch

    torch.manual_seed(0)
    head = net.Head(40, hidden=16, proj=24, lex_dim=4).eval()
    h = torch.randn(50, 32)
    units = torch.tensor([[0, 3], [5, 6], [8, 15], [20, 21], [30, 44]])
    pairs = torch.tensor([[1, 0], [1, 2], [3, 2], [3, 4], [1, 3]])
    feats = torch.tensor([[3, 0, 0], [14, 1, 1], [9, 0, 1], [20, 3, 1], [15, 0, 2]])
    emb = head.spans(h, units)
    assert torch.allclose(head.pair_logits_split(emb, pairs, feats), head.pair_logits(emb, pairs, feats), atol=1e-5)


def test_attribution_model_padded_batches_read_each_row_backwards_within_its_length() -> None:
    import torch

    x = torch.arange(2 * 5 * 3, dtype=torch.float32).reshape(2, 5, 3)
    lengths = torch.tensor([5, 3])
    t = torch.arange(5).unsqueeze(0)
    rev = torch.where(t < lengths.unsqueeze(1), lengths.unsqueeze(1) - 1 - t, t)
    expected = torch.gather(x, 1, rev.unsqueeze(-1).expand(-1, -1, 3))
    assert torch.equal(net._flip_valid(x, lengths), expected)


def test_attribution_model_bf16_heads_run_and_decode_in_fp32() -> None:
    import torch

    torch.manual_seed(0)
    head = net.Head(16, hidden=8, proj=12).eval()
    n = 30
    offsets = np.stack([np.arange(n) * 2, np.arange(n) * 2 + 1], axis=1)
    pieces = net.Pieces(np.arange(n), offsets, np.zeros((n, net.N_SURFACE), dtype=np.float32))
    docs = [(pieces, torch.randn(n, 16), "a " * n)]
    fp32 = net.predict_many([head], docs)
    bf16 = net.predict_many([head], docs, bf16=True)
    assert len(fp32) == len(bf16) == 1
    assert all(isinstance(u[3], float) for u in bf16[0][0])
