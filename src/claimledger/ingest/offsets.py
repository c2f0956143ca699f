"""Character offsets between a repaired text and the text as ingested.

A repaired text is made of pieces copied from the raw text, in order, plus short inserted
separators (a space where two lines were joined, a newline where dropped lines were).  An
:class:`OffsetMap` stores only the copied segments — three integer arrays searched with
``bisect`` — so a 20 MB text with 200 k lines costs a few MB, not a Python int per character.

Usage::

    >>> m = OffsetMap.build([(0, 5, 3), (4, 9, 4)], rep_length=8, raw_length=13)
    >>> m.to_raw(0, 8)          # "abc" + " " + "defg"  <-  raw[5:8] ... raw[9:13]
    (5, 13)
    >>> m.to_repaired(9, 13)
    (4, 8)
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterable


class OffsetMap:
    """Maps spans of a repaired text to spans of the raw text (end exclusive) and back.

    Both mappings are monotone.  A span of the repaired text maps to the smallest raw span holding
    all its copied characters; separators the repair inserted map to nothing (a span made only of
    them maps to an empty raw span).  :meth:`to_repaired` does the converse, raw characters the
    repair dropped mapping to nothing.
    """

    __slots__ = ("_len", "_raw", "_rep", "raw_length", "rep_length")

    def __init__(self, rep: array[int], raw: array[int], lengths: array[int], rep_length: int, raw_length: int):
        self._rep = rep
        self._raw = raw
        self._len = lengths
        self.rep_length = rep_length
        self.raw_length = raw_length

    @classmethod
    def build(cls, segments: Iterable[tuple[int, int, int]], *, rep_length: int, raw_length: int) -> OffsetMap:
        """From ``(rep_start, raw_start, length)`` copied segments, increasing in both texts."""
        rep, raw, lengths = array("q"), array("q"), array("q")
        for r, w, n in segments:
            if n <= 0:
                continue
            if rep and r == rep[-1] + lengths[-1] and w == raw[-1] + lengths[-1]:
                lengths[-1] += n  # contiguous in both texts: one segment
                continue
            rep.append(r)
            raw.append(w)
            lengths.append(n)
        return cls(rep, raw, lengths, rep_length, raw_length)

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        """The map of a text that repair left unchanged."""
        return cls.build([(0, 0, length)], rep_length=length, raw_length=length)

    @property
    def is_identity(self) -> bool:
        return self.rep_length == self.raw_length and (
            self.rep_length == 0 or (len(self._rep) == 1 and self._rep[0] == 0 and self._raw[0] == 0)
        )

    def __len__(self) -> int:
        """Number of copied segments."""
        return len(self._rep)

    def __repr__(self) -> str:
        return f"OffsetMap({len(self)} segments, repaired {self.rep_length} -> raw {self.raw_length} chars)"

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """The raw span ``(raw_start, raw_end)`` of the repaired span ``[start, end)``."""
        _check(start, end, self.rep_length)
        return _map(self._rep, self._raw, self._len, start, end, self.raw_length)

    def to_repaired(self, start: int, end: int) -> tuple[int, int]:
        """The repaired span of the raw span ``[start, end)`` (dropped characters map to nothing)."""
        _check(start, end, self.raw_length)
        return _map(self._raw, self._rep, self._len, start, end, self.rep_length)


def _check(start: int, end: int, length: int) -> None:
    if not 0 <= start <= end <= length:
        raise ValueError(f"span ({start}, {end}) is outside 0..{length}")


def _map(src: array[int], dst: array[int], lengths: array[int], start: int, end: int, dst_len: int) -> tuple[int, int]:
    n = len(src)
    if n == 0:
        return 0, 0
    # start: inside a segment -> its image; in a gap -> the start of the next segment.
    i = bisect_right(src, start) - 1
    if i >= 0 and start < src[i] + lengths[i]:
        out_start = dst[i] + start - src[i]
    else:
        out_start = dst[i + 1] if i + 1 < n else (dst[i] + lengths[i] if i >= 0 else dst_len)
    if end == start:
        return out_start, out_start
    # end (exclusive): the last character inside a segment -> just after its image;
    # in a gap -> the end of the previous segment.
    j = bisect_right(src, end - 1) - 1
    if j >= 0 and end - 1 < src[j] + lengths[j]:
        out_end = dst[j] + end - src[j]
    else:
        out_end = dst[j] + lengths[j] if j >= 0 else 0
    if out_end < out_start:  # only inserted/dropped characters
        return out_start, out_start
    return out_start, out_end


__all__ = ["OffsetMap"]
