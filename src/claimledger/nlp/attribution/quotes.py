"""Quotation spans in running news text.

Handles curly quotes (“…”), straight double quotes ("…"), doubled single quotes (''…'', as in some
wire and NYT copy) and the newspaper convention for multi-paragraph quotes: a paragraph that opens a
quote and does not close it continues in the next paragraph when that paragraph opens with a quote
mark again.  Single curly quotes (‘…’) are not treated as quotations (they are apostrophes too often).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_OPEN_CURLY, _CLOSE_CURLY = "\u201c", "\u201d"
_MARK_RE = re.compile(r"''|[\"\u201c\u201d]")
_PARA_RE = re.compile(r"\n\s*\n|\n")


@dataclass(frozen=True)
class Quote:
    """A quotation: ``start``/``end`` include the marks; ``parts`` are the per-paragraph pieces."""

    start: int
    end: int
    parts: tuple[tuple[int, int], ...]

    @property
    def inner(self) -> tuple[int, int]:
        return self.start, self.end


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in _PARA_RE.finditer(text):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return out


def _is_opening(text: str, i: int, mark: str) -> bool:
    """Direction of a straight mark from its neighbours: opening when preceded by space/start."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + len(mark)] if i + len(mark) < len(text) else " "
    if before.isspace() or before in "([{—–-":
        return not after.isspace()
    return False


def _paragraph_quotes(text: str, start: int, end: int) -> tuple[list[tuple[int, int]], int | None]:
    """Closed quotes inside one paragraph, and the start of a quote left open at its end."""
    closed: list[tuple[int, int]] = []
    open_at: int | None = None
    for m in _MARK_RE.finditer(text, start, end):
        mark, i = m.group(), m.start()
        if mark == _OPEN_CURLY:
            open_at = i
        elif mark == _CLOSE_CURLY or open_at is not None:
            if open_at is not None:
                closed.append((open_at, m.end()))
                open_at = None
        elif i == start or _is_opening(text, i, mark):
            open_at = i
    return closed, open_at


def find_quotes(text: str) -> list[Quote]:
    """All quotations of ``text`` in order, multi-paragraph quotes merged into one :class:`Quote`."""
    quotes: list[Quote] = []
    pending: list[tuple[int, int]] = []  # pieces of a quote still open at a paragraph end
    for p_start, p_end in _paragraphs(text):
        closed, open_at = _paragraph_quotes(text, p_start, p_end)
        first_mark = text[p_start : p_start + 2]
        continues = first_mark[:1] in '"\u201c' or first_mark == "''"
        if pending and not (continues and (closed and closed[0][0] == p_start or open_at == p_start)):
            quotes.append(Quote(pending[0][0], pending[-1][1], tuple(pending)))
            pending = []
        if pending and closed and closed[0][0] == p_start:
            first = closed.pop(0)
            pending.append(first)
            quotes.append(Quote(pending[0][0], pending[-1][1], tuple(pending)))
            pending = []
        quotes.extend(Quote(s, e, ((s, e),)) for s, e in closed)
        if open_at is not None:
            end = p_end
            while end > open_at and text[end - 1].isspace():
                end -= 1
            pending.append((open_at, end))
    if pending:
        quotes.append(Quote(pending[0][0], pending[-1][1], tuple(pending)))
    quotes.sort(key=lambda q: q.start)
    return quotes


__all__ = ["Quote", "find_quotes"]
