"""OffsetMap: repaired spans <-> raw spans, end exclusive, monotone, compact."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimledger.ingest.offsets import OffsetMap


def _map_from_pieces(pieces: list[tuple[str, str]]) -> tuple[str, str, OffsetMap]:
    """Build raw/repaired texts from ("copy", s) / ("drop", s) / ("insert", s) pieces and their map."""
    raw, rep, segments = [], [], []
    raw_pos = rep_pos = 0
    for kind, s in pieces:
        if kind == "copy":
            segments.append((rep_pos, raw_pos, len(s)))
            raw.append(s)
            rep.append(s)
            raw_pos += len(s)
            rep_pos += len(s)
        elif kind == "drop":
            raw.append(s)
            raw_pos += len(s)
        else:
            rep.append(s)
            rep_pos += len(s)
    m = OffsetMap.build(segments, rep_length=rep_pos, raw_length=raw_pos)
    return "".join(raw), "".join(rep), m


def test_offsets_identity_maps_spans_to_themselves() -> None:
    m = OffsetMap.identity(10)
    assert m.is_identity and len(m) == 1
    assert m.to_raw(3, 7) == (3, 7) and m.to_repaired(0, 10) == (0, 10)


def test_offsets_skip_inserted_and_dropped_text() -> None:
    raw, rep, m = _map_from_pieces([("copy", "Jane"), ("drop", "\n(Photo: X)\n"), ("insert", " "), ("copy", "said")])
    assert rep == "Jane said"
    assert m.to_raw(0, 9) == (0, len(raw))
    assert raw[slice(*m.to_raw(5, 9))] == "said"
    assert m.to_raw(4, 5) == (m.to_raw(5, 5)[0],) * 2  # only the inserted space: empty raw span
    start, end = m.to_repaired(4, 16)  # only dropped raw text: nothing in the repaired text
    assert start == end


def test_offsets_merge_contiguous_segments() -> None:
    m = OffsetMap.build([(0, 0, 3), (3, 3, 4), (8, 9, 2)], rep_length=10, raw_length=11)
    assert len(m) == 2


def test_offsets_reject_spans_outside_the_text() -> None:
    m = OffsetMap.identity(5)
    with pytest.raises(ValueError):
        m.to_raw(2, 6)
    with pytest.raises(ValueError):
        m.to_raw(3, 2)


def test_offsets_of_empty_text() -> None:
    m = OffsetMap.build([], rep_length=0, raw_length=12)
    assert m.to_raw(0, 0) == (0, 0)


def test_offsets_store_segments_not_characters() -> None:
    n = 200_000
    m = OffsetMap.build(((i * 10, i * 11, 10) for i in range(n)), rep_length=n * 10, raw_length=n * 11)
    assert len(m) == n
    assert m.to_raw(10 * 1234 + 3, 10 * 1234 + 8) == (11 * 1234 + 3, 11 * 1234 + 8)


pieces = st.lists(
    st.tuples(
        st.sampled_from(["copy", "drop", "insert"]),
        st.text(alphabet="ab \n", min_size=1, max_size=6),
    ),
    max_size=20,
)


@settings(max_examples=300, deadline=None)
@given(parts=pieces, data=st.data())
def test_offsets_mapped_span_holds_the_same_copied_text(parts: list[tuple[str, str]], data: st.DataObject) -> None:
    # Only whitespace is inserted by repair: model that, and check the raw span minus dropped
    # text equals the repaired span minus inserted text.
    parts = [(k, s if k != "insert" else " ") for k, s in parts]
    raw, rep, m = _map_from_pieces(parts)
    start = data.draw(st.integers(0, len(rep)))
    end = data.draw(st.integers(start, len(rep)))
    rs, re_ = m.to_raw(start, end)
    assert 0 <= rs <= re_ <= len(raw)
    copied_in_rep = "".join(
        rep[max(start, r) : min(end, r + n)] for r, _, n in _segments(m) if r < end and r + n > start
    )
    copied_in_raw = "".join(raw[max(rs, w) : min(re_, w + n)] for _, w, n in _segments(m) if w < re_ and w + n > rs)
    assert copied_in_rep == copied_in_raw
    # monotone in both ends
    assert m.to_raw(start, len(rep))[0] == rs
    if end > start:
        assert m.to_raw(start, end - 1)[1] <= re_


def _segments(m: OffsetMap) -> list[tuple[int, int, int]]:
    return list(zip(m._rep, m._raw, m._len, strict=True))  # noqa: SLF001 - test of the internals
