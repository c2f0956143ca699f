"""Shared pieces of the attribution rules: the :class:`Candidate` record in token indices, the
per-document context (quotations, cue lexicon, configuration) and span helpers."""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Token

from claimledger.nlp.attribution.lexicon import CueLexicon, quote_chars
from claimledger.nlp.attribution.quotes import Quote, find_quotes
from claimledger.nlp.doctext import doc_text

VERB_POS = ("VERB", "AUX")
SUBJ_DEPS = ("nsubj", "nsubjpass", "csubj")


@dataclass
class Candidate:
    """One attribution in token indices of the Doc."""

    head: int
    cue: list[int]
    content: list[int]
    source: list[int] = field(default_factory=list)
    direct: bool = False
    score: float = 0.0
    kind: str = "verb"  # verb | according | noun | headline | colon


@dataclass
class Ctx:
    doc: Doc
    lexicon: CueLexicon
    cfg: dict[str, Any]
    quotes: list[Quote]
    qchars: set[int]
    tok_quote: dict[int, int]  # token index -> index of the quote it lies in


_Quoted = tuple[list[Quote], set[int], dict[int, int]]
# The quotations of the last Doc asked about (weakly keyed, read-only for every caller): source repair
# asks for the context of one Doc once per record, and finding its quotes cost 1.2 s of the 1.4 s of
# source repair on PolNeAR dev.
_last_quoted: tuple[weakref.ref[Doc], int, _Quoted] | None = None


def _quoted(doc: Doc) -> _Quoted:
    global _last_quoted
    last = _last_quoted
    if last is not None and last[0]() is doc and last[1] == len(doc):
        return last[2]
    quotes = find_quotes(doc_text(doc))
    tok_quote: dict[int, int] = {}
    for qi, q in enumerate(quotes):
        for s, e in q.parts:
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is not None:
                for t in span:
                    tok_quote[t.i] = qi
    found = (quotes, quote_chars(doc, quotes), tok_quote)
    _last_quoted = (weakref.ref(doc), len(doc), found)
    return found


def context(doc: Doc, lexicon: CueLexicon, cfg: dict[str, Any]) -> Ctx:
    quotes, qchars, tok_quote = _quoted(doc)
    return Ctx(doc, lexicon, cfg, quotes, qchars, tok_quote)


# ----------------------------------------------------------------------------------------------
# Spans
# ----------------------------------------------------------------------------------------------


def trim(doc: Doc, idx: set[int] | list[int], keep_quotes: bool = True) -> list[int]:
    """Sorted indices without leading/trailing punctuation or whitespace (quote marks kept)."""
    out = sorted(set(idx))

    def droppable(i: int) -> bool:
        t = doc[i]
        if t.is_space:
            return True
        if t.is_punct:
            return not (keep_quotes and t.is_quote)
        return False

    while out and droppable(out[0]):
        out.pop(0)
    while out and droppable(out[-1]):
        out.pop()
    return out


def subtree(tok: Token, exclude: set[int] | None = None) -> set[int]:
    out = {t.i for t in tok.subtree}
    return out - exclude if exclude else out


def quote_of(idx: set[int], ctx: Ctx) -> int | None:
    """The quote holding most of ``idx`` when it holds more than half of it."""
    counts: dict[int, int] = {}
    words = [i for i in idx if not ctx.doc[i].is_punct and not ctx.doc[i].is_space]
    for i in words:
        q = ctx.tok_quote.get(i)
        if q is not None:
            counts[q] = counts.get(q, 0) + 1
    if not counts:
        return None
    q, n = max(counts.items(), key=lambda kv: kv[1])
    return q if n * 2 > len(words) else None


def quote_tokens(qi: int, ctx: Ctx) -> set[int]:
    out: set[int] = set()
    for s, e in ctx.quotes[qi].parts:
        span = ctx.doc.char_span(s, e, alignment_mode="expand")
        if span is not None:
            out.update(t.i for t in span)
    return out


__all__ = ["SUBJ_DEPS", "VERB_POS", "Candidate", "Ctx", "context", "quote_of", "quote_tokens", "subtree", "trim"]
