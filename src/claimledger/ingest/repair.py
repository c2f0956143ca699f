"""Scraped-text repair: rejoin lines broken where links were stripped, drop captions and credits.

Text copied from web pages often has every hyperlink on a line of its own::

    North Korean troops            <- link text
    fighting alongside ... in Ukraine's
    Kursk region                   <- link text
    have been withdrawn ...

:func:`repair` rejoins such fragments into sentences for analysis, keeps real paragraph breaks, and
leaves out lines that are not article text (photo credits, captions, "Also read:", bylines — see
:mod:`.captions`).  The repaired text is only ever *copied pieces of the raw text* plus inserted
whitespace, so :class:`OffsetMap` maps every span back to the text as ingested.

Joining rules, for two consecutive kept lines A (everything joined so far) and B:

* B cannot start a sentence (lowercase, or ``, ; : . ! ? ) ] } %`` ``’s`` ``”``): join — unless A
  ends a sentence, where only punctuation or a lowercase word after an abbreviation ("U.S.") joins.
* A does not end a sentence and B starts like a sentence, on the next line (no blank line): join
  when A ends with a word that cannot end a sentence (``of``, ``the``, ``Ukraine’s``, a comma ...),
  when A itself began mid-sentence, or when B is a short fragment continued by the line after it
  (link text inside a sentence: "met President" / "Jane Roe" / "in Geneva").
* Otherwise keep the break (a heading, a paragraph after a sentence end, a blank line).

Usage::

    >>> r = repair("Photo: Reuters\\nThe minister\\n, a former general, said talks failed.")
    >>> r.text
    'The minister, a former general, said talks failed.'
    >>> r.offsets.to_raw(0, 12)
    (15, 27)
    >>> [(d.start, d.end, d.reason) for d in r.dropped]
    [(0, 14, 'chrome')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimledger.ingest.captions import non_article_line
from claimledger.ingest.offsets import OffsetMap

_LINE = re.compile(r"[^\n]+")
_TERMINAL = re.compile(r"[.!?…][\"'”’»)\]]*$")
_ABBREV = re.compile(
    r"(?:\b(?:[A-Za-z]\.){2,4}|\b(?:Mr|Mrs|Ms|Dr|Gen|Col|Lt|Sgt|Capt|Maj|Adm|Gov|Sen|Rep|Rev|Prof|St|No|Nos|"
    r"Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec|approx|est|vs|etc|Inc|Ltd|Co|Corp|Jr|Sr)\.)$"
)
_CONT_START = re.compile(r"[,;:.!?)\]}%”’»]|['’]s\b")
_OPENERS = "([{“‘«/"
_NO_SPACE_AFTER = re.compile(r"[\w][-‐]$|[(\[{“‘«/]$")
_CONNECTOR_END = re.compile(r"(?:[,;:&/(\[“‘«\-–—]|['’]s?)$")
_CONNECTORS = frozenset(
    """a an the of in on at to for from by with and or nor but as that which who whom whose than into onto
    over under about against between among near via per including like unlike said says told according
    its their his her our your my is are was were has have had be been being will would could should may
    might must not also after before during since until while when where whether if because although
    amid despite toward towards across along alongside around behind beyond inside outside through
    throughout upon within without""".split()
)
MAX_ROUNDS = 8  # bound on drop-then-rejoin rounds (pathological inputs only need more)
FRAGMENT_WORDS = 6  # a line this short, continued by the next, is link text inside a sentence


@dataclass(frozen=True)
class DroppedSpan:
    """A raw span left out of the repaired text, and why ("caption", "chrome", "byline")."""

    start: int
    end: int
    reason: str


@dataclass(frozen=True)
class Repaired:
    """The text the NLP reads, its map back to the raw text, and the raw spans left out."""

    text: str
    offsets: OffsetMap
    dropped: tuple[DroppedSpan, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.dropped) or not self.offsets.is_identity


@dataclass
class _Line:
    start: int  # first non-space character
    end: int  # after the last non-space character
    text: str


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    for m in _LINE.finditer(text):
        raw = m.group()
        body = raw.strip()
        if not body:
            continue
        start = m.start() + (len(raw) - len(raw.lstrip()))
        out.append(_Line(start, start + len(body), body))
    return out


def _continues(line: str) -> bool:
    """Line cannot start a sentence: it continues the previous one."""
    first = line[0]
    return first.islower() or bool(_CONT_START.match(line))


def _terminal(line: str) -> bool:
    return bool(_TERMINAL.search(line))


def _connector_end(line: str) -> bool:
    if _CONNECTOR_END.search(line):
        return True
    last = line.rsplit(None, 1)[-1].lower()
    return last in _CONNECTORS


def _is_fragment(line: str) -> bool:
    return not _terminal(line) and len(line.split()) <= FRAGMENT_WORDS


def _join(a_text: str, a_began_mid: bool, b: str, after_b: str | None, blank: bool) -> bool:
    """Whether line ``b`` continues the sentence of ``a_text`` (see the module docstring)."""
    if _terminal(a_text):
        if b[0] in ",;:)]}%":
            return True
        return b[0].islower() and bool(_ABBREV.search(a_text))
    if _continues(b):
        return True
    if blank:
        return False
    if _connector_end(a_text) or a_began_mid:
        return True
    return after_b is not None and _is_fragment(b) and _continues(after_b)


def _separator(a_text: str, b: str) -> str:
    if _CONT_START.match(b) or _NO_SPACE_AFTER.search(a_text):
        return ""
    return " "


def repair(text: str) -> Repaired:
    """Repair scraped text for analysis; never raises, keeps offsets to ``text``.

    Returns:
        :class:`Repaired`: ``text`` for the NLP, ``offsets`` (``to_raw(start, end)`` end exclusive),
        ``dropped`` raw spans of captions, credits, bylines and page chrome.
    """
    lines = _lines(text)
    if not lines:
        return Repaired(text, OffsetMap.identity(len(text)))
    # 1. captions and credits sit on lines of their own: judge raw lines;
    reasons: list[str | None] = [_caption(ln.text) for ln in lines]
    # 2. chrome and bylines are judged once fragments are joined ("By Monday" + ", the army said").
    #    Dropping a line can change how its neighbours join: repeat until nothing more is dropped
    #    (each round drops at least one line; real texts need one or two).
    kept = [i for i, why in enumerate(reasons) if why is None]
    joins: list[bool] = []
    for _ in range(MAX_ROUNDS):
        if not kept:
            break
        joins = _plan(text, lines, kept)
        more = False
        for group in _groups(kept, joins):
            why = non_article_line(_group_text(lines, group))
            if why:
                more = True
                for i in group:
                    reasons[i] = why
        if not more:
            break
        kept = [i for i, why in enumerate(reasons) if why is None]
    else:
        joins = _plan(text, lines, kept) if kept else []  # rounds exhausted: plan what is left
    dropped = tuple(DroppedSpan(ln.start, ln.end, why) for ln, why in zip(lines, reasons, strict=True) if why)
    if not kept:
        return Repaired("", OffsetMap.build([], rep_length=0, raw_length=len(text)), dropped)
    if not dropped and not any(joins):
        return Repaired(text, OffsetMap.identity(len(text)))
    return _assemble(text, lines, kept, joins, dropped)


def _group_text(lines: list[_Line], group: list[int], limit: int = 1000) -> str:
    """A logical line as the repaired text will read it (enough of it to classify)."""
    out = lines[group[0]].text
    for i in group[1:]:
        if len(out) > limit:
            break
        out += _separator(out, lines[i].text) + lines[i].text
    return out


def _caption(line: str) -> str | None:
    why = non_article_line(line)
    return why if why == "caption" else None


def _plan(text: str, lines: list[_Line], kept: list[int]) -> list[bool]:
    """For each kept line (by position in ``kept``), whether it joins the line before it."""
    joins = [False]
    acc_text = lines[kept[0]].text  # the logical line A, as far as the rules need it
    began_mid = _continues(acc_text)
    for k in range(1, len(kept)):
        cur = lines[kept[k]].text
        blank = _gap_blank(text, lines, kept[k - 1], kept[k])
        after = lines[kept[k + 1]].text if k + 1 < len(kept) else None
        join = _join(acc_text, began_mid, cur, after, blank)
        joins.append(join)
        if join:
            acc_text = _tail(acc_text) + " " + cur
        else:
            acc_text = cur
            began_mid = _continues(cur)
    return joins


def _groups(kept: list[int], joins: list[bool]) -> list[list[int]]:
    """Kept line indices grouped into logical lines."""
    groups: list[list[int]] = []
    for i, join in zip(kept, joins, strict=True):
        if join and groups:
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


def _assemble(
    text: str, lines: list[_Line], kept: list[int], joins: list[bool], dropped: tuple[DroppedSpan, ...]
) -> Repaired:
    out: list[str] = []
    segments: list[tuple[int, int, int]] = []
    pos = 0  # length of the repaired text so far

    def copy(start: int, end: int) -> None:
        nonlocal pos
        if end > start:
            out.append(text[start:end])
            segments.append((pos, start, end - start))
            pos += end - start

    def insert(s: str) -> None:
        nonlocal pos
        out.append(s)
        pos += len(s)

    first = lines[kept[0]]
    if kept[0] == 0:
        copy(0, first.start)  # leading whitespace, untouched
    copy(first.start, first.end)
    acc_text = first.text
    for k in range(1, len(kept)):
        prev, cur = lines[kept[k - 1]], lines[kept[k]]
        if joins[k]:
            insert(_separator(acc_text, cur.text))
            acc_text = _tail(acc_text) + " " + cur.text
        else:
            if kept[k] - kept[k - 1] > 1:  # dropped lines in between: one clean break
                insert("\n\n" if _gap_blank(text, lines, kept[k - 1], kept[k]) else "\n")
            else:
                copy(prev.end, cur.start)
            acc_text = cur.text
        copy(cur.start, cur.end)
    if kept[-1] == len(lines) - 1:
        copy(lines[kept[-1]].end, len(text))  # trailing whitespace, untouched
    offsets = OffsetMap.build(segments, rep_length=pos, raw_length=len(text))
    return Repaired("".join(out), offsets, dropped)


def _tail(text: str, keep: int = 200) -> str:
    """The end of the logical line: all the rules look at."""
    return text if len(text) <= keep else "… " + text[-keep:]


def _gap_blank(text: str, lines: list[_Line], i: int, j: int) -> bool:
    """Whether the raw text between kept lines i and j (skipping dropped lines) has a blank line."""
    # Between two content lines there is only whitespace: a blank line is a second newline.
    for k in range(i, j):
        if text.count("\n", lines[k].end, lines[k + 1].start) >= 2:
            return True
    return False


__all__ = ["DroppedSpan", "OffsetMap", "Repaired", "repair"]
