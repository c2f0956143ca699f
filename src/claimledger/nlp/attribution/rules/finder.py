"""The rules behind :mod:`claimledger.nlp.attribution.component` (token-level; no spaCy component here).

A :class:`Candidate` is one attribution in token indices.  :func:`find_candidates` proposes them
cue by cue (:mod:`._attr_verbs`, :mod:`._attr_other`); :func:`resolve` makes them univocal (each
token in at most one role of one attribution; a Source may be shared) and quoted continuations are
added.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

from claimledger.nlp.attribution.lexicon import CueLexicon
from claimledger.nlp.attribution.rules.base import VERB_POS, Candidate, Ctx, context, quote_tokens, trim
from claimledger.nlp.attribution.rules.other import (
    according_candidate,
    as_reported_candidate,
    colon_candidates,
    in_source_candidate,
    no_comment_candidate,
    noun_candidate,
    signed_quote_candidates,
    tweet_candidates,
)
from claimledger.nlp.attribution.rules.verbs import source_of, verb_candidate


def find_candidates(doc: Doc, lexicon: CueLexicon, cfg: dict[str, Any], ctx: Ctx | None = None) -> list[Candidate]:
    """Every attribution the rules propose, before :func:`resolve`."""
    ctx = ctx or context(doc, lexicon, cfg)
    out: list[Candidate] = []
    for tok in doc:
        cand = None
        if tok.lower_ == "according":
            cand = according_candidate(tok, ctx)
        elif tok.lower_ == "in" and tok.dep_ == "prep":
            cand = in_source_candidate(tok, ctx)
        elif tok.lower_ == "per" and tok.i > 0 and doc[tok.i - 1].lower_ == "as":
            cand = according_candidate(tok, ctx)
        elif tok.pos_ in VERB_POS:
            cand = verb_candidate(tok, ctx) or as_reported_candidate(tok, ctx)
        elif tok.pos_ == "NOUN" and cfg.get("nouns", True):
            cand = no_comment_candidate(tok, ctx) or noun_candidate(tok, ctx)
        if cand is not None:
            out.append(cand)
    if cfg.get("headlines", True):
        out.extend(colon_candidates(ctx))
        out.extend(tweet_candidates(ctx))
        out.extend(signed_quote_candidates(ctx))
    return out


def candidate_at(doc: Doc, i: int, lexicon: CueLexicon, cfg: dict[str, Any]) -> Candidate | None:
    """The attribution the verb at token ``i`` would head, whatever its cue statistics (used to
    take an embedded report out of an "according to" content)."""
    ctx = context(doc, lexicon, dict(cfg, force=True, skip_quoted=False))
    if doc[i].pos_ == "NOUN":
        return noun_candidate(doc[i], ctx)
    return verb_candidate(doc[i], ctx)


def source_at(doc: Doc, i: int, lexicon: CueLexicon, cfg: dict[str, Any]) -> list[int]:
    """The rules' Source (token indices) for the cue verb at token ``i`` (its subject phrase)."""
    ctx = context(doc, lexicon, cfg)
    return source_of(doc[i], ctx)


def extract(doc: Doc, lexicon: CueLexicon, cfg: dict[str, Any]) -> list[Candidate]:
    """Candidates, made univocal, with quoted continuations (the whole rule pass)."""
    ctx = context(doc, lexicon, cfg)
    kept = resolve(find_candidates(doc, lexicon, cfg, ctx), doc)
    if cfg.get("continuations", True):
        _continue_quotes(kept, ctx)
    return kept


# ----------------------------------------------------------------------------------------------
# Resolution
# ----------------------------------------------------------------------------------------------


def resolve(cands: list[Candidate], doc: Doc) -> list[Candidate]:
    """Keep a univocal set, most probable cue first; a cue inside kept spans is dropped, a content
    overlapping kept spans loses the overlap (or the candidate, when it loses more than half)."""
    used: set[int] = set()
    sources: set[int] = set()
    kept: list[Candidate] = []
    # a carrier verb ("refused" in "refused to say that ...") yields to the cue that absorbed it
    absorbed = {i for c in cands for i in c.cue if i != c.head}
    cands = [c for c in cands if c.head not in absorbed]
    for c in sorted(cands, key=lambda c: (-c.score, -len(c.content), c.head)):
        if (used | sources) & set(c.cue):
            continue
        content = [i for i in c.content if i not in used and i not in sources]
        if len(content) * 2 < len(c.content) or not trim(doc, content):
            continue
        c.content = trim(doc, content)
        if used & set(c.source):
            c.source = [i for i in c.source if i not in used]
            c.source = c.source if c.source and not (set(c.source) & sources) else []
        kept.append(c)
        used |= set(c.cue) | set(c.content)
        sources |= set(c.source)
    return kept


def _continue_quotes(kept: list[Candidate], ctx: Ctx) -> None:
    """'"A," she said. "B."' — a quotation that follows a direct attribution in the same paragraph,
    with nothing but punctuation in between and no cue of its own, continues its content."""
    doc = ctx.doc
    used = {i for c in kept for i in (*c.cue, *c.content, *c.source)}
    for c in sorted(kept, key=lambda c: max(c.cue)):
        if not c.direct:
            continue
        last = max((*c.cue, *c.content, *c.source))

        def skip(i: int) -> int:
            while i < len(doc) and (
                doc[i].is_punct and i not in ctx.tok_quote or doc[i].is_space and "\n" not in doc[i].text
            ):
                i += 1
            return i

        while True:
            i = skip(last + 1)
            if i < len(doc) and i not in ctx.tok_quote and not doc[i].is_space:
                i = skip(doc[last].sent.end)  # "“A,” he said of the plan. “B.”"
            if i >= len(doc) or i not in ctx.tok_quote or doc[i].is_space:
                break
            qi = ctx.tok_quote[i]
            if ctx.quotes[qi].start < doc[last].idx + len(doc[last]):
                break
            qtoks = quote_tokens(qi, ctx)
            end = max(qtoks)
            tail = doc[end + 1 : doc[end].sent.end]
            if qtoks & used or any(not (t.is_punct or t.is_space) for t in tail):
                break
            c.content = sorted(set(c.content) | qtoks)
            used |= qtoks
            last = end


__all__ = ["Candidate", "candidate_at", "extract", "find_candidates", "resolve", "source_at"]
