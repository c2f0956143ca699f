"""PolNeAR cue edges: extend or trim a cue by the words PolNeAR's annotators put in (or leave out of) a cue.

Which words around a cue's head belong to the cue is an annotation convention: auxiliaries and negation
before the verb are in ("has not said"), a verb particle or governed preposition after it mostly is
("pointed out", "accused … of"), a coordinating conjunction before it is not.  ``training/train_cue_edges.py``
counts, over the gold cues of PolNeAR train, how often a word next to a cue is part of it, keyed by the
word's side (L/R), dependency label, POS, lemma (closed-class words only), where its syntactic head lies
(inside the cue, outside, or itself) and — in the finer key — the lemma of the cue's head.  The table ships
in ``resources/cue_edges.json``.

:func:`adjust_cue` grows a cue one word at a time while the next word's inclusion rate is at least ``hi``
and trims an edge word whose rate is at most ``lo`` (the finer key when it has ``min_n`` observations,
else the coarse one).  It never crosses into the attribution's own source or content, a sentence start or
punctuation.  :func:`adjust_records` applies it to attribution records (single-fragment cues only); the
brat writer uses it for PolNeAR-style output.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.tokens import Doc, Token

CLOSED_POS = frozenset({"ADP", "AUX", "PART", "ADV", "PRON", "DET", "SCONJ", "CCONJ"})
HEAD_POS = ("VERB", "NOUN", "ADJ")
MAX_STEPS = 6
TAKE_CONTENT_START = True
# A cue never ends with a determiner whose noun lies outside it ("told an", "wrote a"): no train gold cue does.
DANGLING_DEPS = frozenset({"det", "poss", "predet"})


def is_word(tok: Token) -> bool:
    return any(ch.isalnum() for ch in tok.text)


def cue_head(doc: Doc, cue: set[int]) -> int:
    """The cue's head: the first token whose syntactic head lies outside the cue (a verb, noun or
    adjective when there is one)."""
    cands = [i for i in sorted(cue) if doc[i].head.i not in cue or doc[i].head.i == i]
    content = [i for i in cands if doc[i].pos_ in HEAD_POS]
    return (content or cands or sorted(cue))[0]


def feature_keys(
    doc: Doc, i: int, cue: set[int], side: str, head_lemma: str, boundary: bool = False
) -> tuple[str, str]:
    """(fine, coarse) table keys of token ``i`` at the ``side`` edge of ``cue``; ``boundary``: ``i`` is
    where the content would start (keys end in ``|c``)."""
    tok = doc[i]
    lemma = tok.lemma_.lower() if tok.pos_ in CLOSED_POS else ""
    head = "self" if tok.head.i == i else ("in" if tok.head.i in cue else "out")
    coarse = "|".join((side, tok.dep_, tok.pos_, lemma, head)) + ("|c" if boundary else "")
    return f"{coarse}|{head_lemma}", coarse


class EdgeTable:
    """Inclusion counts per key (``{key: [n_in, n]}``) and the decision thresholds."""

    def __init__(self, counts: dict[str, list[int]], hi: float = 0.95, lo: float = 0.05, min_n: int = 8) -> None:
        self.counts, self.hi, self.lo, self.min_n = counts, hi, lo, min_n

    def rate(self, keys: tuple[str, str]) -> float | None:
        for key in keys:
            n_in, n = self.counts.get(key, (0, 0))
            if n >= self.min_n:
                return n_in / n
        return None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> EdgeTable:
        return cls(data["counts"], data.get("hi", 0.95), data.get("lo", 0.05), data.get("min_n", 8))


@lru_cache(maxsize=1)
def shipped_table() -> EdgeTable:
    """The table trained on PolNeAR train (``resources/cue_edges.json``)."""
    path = resources.files("claimledger.nlp") / "resources" / "cue_edges.json"
    return EdgeTable.from_json(json.loads(path.read_text(encoding="utf-8")))


def adjust_cue(
    doc: Doc, cue: set[int], blocked: set[int], table: EdgeTable, content_start: int | None = None
) -> set[int]:
    """The cue (token indices, contiguous) with its edges moved to the learned convention.

    ``content_start``: first token of a content that directly follows the cue; the cue may take it, or
    give its last word to the content (``|c`` keys; the caller moves the content's start).
    """
    cue = set(cue)
    if not cue or max(cue) - min(cue) + 1 != len(cue):
        return cue
    head = cue_head(doc, cue)
    head_lemma = doc[head].lemma_.lower()
    for side in ("L", "R"):
        for _ in range(MAX_STEPS):
            a, b = min(cue), max(cue)
            j = b + 1 if side == "R" else a - 1
            grown = False
            free = j not in blocked or (side == "R" and j == content_start)
            if 0 <= j < len(doc) and free and is_word(doc[j]) and not (doc[j] if side == "R" else doc[a]).is_sent_start:
                r = table.rate(feature_keys(doc, j, cue, side, head_lemma, j == content_start))
                if r is not None and r >= table.hi:
                    cue.add(j)
                    grown = True
                    if j == content_start:
                        content_start = j + 1 if j + 1 in blocked else None
            if grown:
                continue
            edge = b if side == "R" else a
            if edge == head or len(cue) < 2:
                break
            rest = cue - {edge}
            at_content = side == "R" and content_start is not None and b + 1 == content_start
            tok = doc[edge]
            dangling = side == "R" and tok.dep_ in DANGLING_DEPS and tok.head.i > edge and tok.head.i not in cue
            r = table.rate(feature_keys(doc, edge, rest, side, head_lemma, at_content))
            if not dangling and (r is None or r > table.lo):
                break
            cue = rest
            if at_content:
                content_start = edge  # the content takes the word back
    return cue


def _tokens(doc: Doc, frags: list[list[int]] | list[tuple[int, int]]) -> set[int]:
    out: set[int] = set()
    for s, e in frags:
        span = doc.char_span(int(s), int(e), alignment_mode="expand")
        if span is not None:
            out.update(t.i for t in span)
    return out


def adjust_records(doc: Doc, records: list[dict[str, Any]], table: EdgeTable | None = None) -> list[dict[str, Any]]:
    """Copies of ``records`` whose single-fragment cues follow the table's edge conventions."""
    table = table or shipped_table()
    out = []
    for rec in records:
        cue = rec.get("cue") or []
        if len(cue) != 1:
            out.append(rec)
            continue
        toks = _tokens(doc, cue)
        blocked = _tokens(doc, [rec["source"]] if rec.get("source") else [])
        content = rec.get("content") or []
        content_toks = _tokens(doc, content)
        blocked |= content_toks
        # a content that starts right after the cue (after punctuation at most) may lose its first word
        first = min(content_toks) if content_toks else None
        follows = (
            first is not None
            and toks
            and first > max(toks)
            and len(content_toks) > 2
            and all(not is_word(doc[i]) for i in range(max(toks) + 1, first))
        )
        new = adjust_cue(doc, toks, blocked - toks, table, first if TAKE_CONTENT_START and follows else None)
        if new == toks or not new:
            out.append(_strip_quotes(doc, rec))
            continue
        start, end = doc[min(new)].idx, doc[max(new)].idx + len(doc[max(new)].text)
        updated = {**rec, "cue": [[start, end]]}
        if content_toks & new:
            rest = sorted(content_toks - new)
            cut = doc[rest[0]].idx if rest else end
            updated["content"] = [[max(int(s), cut), int(e)] for s, e in content if int(e) > cut]
        elif follows and first == max(toks) + 1 and max(new) < max(toks):
            # words the cue gave back start the content
            frags = sorted([int(s), int(e)] for s, e in content)
            frags[0][0] = doc[max(new) + 1].idx
            updated["content"] = frags
        out.append(_strip_quotes(doc, updated))
    return out


_QUOTES = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb "


def _strip_quotes(doc: Doc, rec: dict[str, Any]) -> dict[str, Any]:
    """A cue never begins or ends with a quotation mark ('”―' read as one token)."""
    cue = rec.get("cue") or []
    if len(cue) != 1:
        return rec
    s, e = int(cue[0][0]), int(cue[0][1])
    text = doc.text
    while s < e - 1 and text[s] in _QUOTES:
        s += 1
    while e > s + 1 and text[e - 1] in _QUOTES:
        e -= 1
    if [s, e] == [int(cue[0][0]), int(cue[0][1])]:
        return rec
    return {**rec, "cue": [[s, e]]}


__all__ = ["EdgeTable", "adjust_cue", "adjust_records", "cue_head", "feature_keys", "shipped_table"]
