"""The rules behind :mod:`claimledger.nlp.attributions` (token-level; no spaCy component here).

A :class:`Candidate` is one attribution in token indices.  :func:`find_candidates` proposes them
cue by cue; :func:`resolve` makes them univocal (each token in at most one role of one
attribution; a Source may be shared) and adds quoted continuations.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Token

from .cues import CueLexicon, frame_of, quote_chars
from .quotes import Quote, find_quotes

VERB_POS = ("VERB", "AUX")
SUBJ_DEPS = ("nsubj", "nsubjpass", "csubj")
# adverbs that belong to the sentence, not to the verb group
_SENTENCE_ADV = frozenset({"however", "so", "when", "where", "why", "how", "meanwhile", "instead", "then",
                           "thus", "therefore", "though", "also,", "moreover", "nonetheless", "yet", "as"})
# prepositional adjuncts of a cue that PolNeAR keeps inside the cue ("said in a statement")
_CUE_PREP_OBJECTS = frozenset({"statement", "release", "tweet", "post", "communique", "communiqué"})
# raising/aspect verbs that carry a cue verb: "continued to say", "went on to argue"
_CARRIERS = frozenset({"continue", "begin", "start", "go", "seem", "appear", "try", "keep", "repeat",
                       "proceed", "rush", "hasten", "take"})
# object complements kept with a dobj content: "accused X of Y", "praised X for Y", "described X as Y"
_OBJ_PREPS = frozenset({"of", "for", "as", "over", "about", "with", "to", "into", "on"})


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
class _Ctx:
    doc: Doc
    lexicon: CueLexicon
    cfg: dict[str, Any]
    quotes: list[Quote]
    qchars: set[int]
    tok_quote: dict[int, int]  # token index -> index of the quote it lies in


def _context(doc: Doc, lexicon: CueLexicon, cfg: dict[str, Any]) -> _Ctx:
    quotes = find_quotes(doc.text)
    tok_quote: dict[int, int] = {}
    for qi, q in enumerate(quotes):
        for s, e in q.parts:
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is not None:
                for t in span:
                    tok_quote[t.i] = qi
    return _Ctx(doc, lexicon, cfg, quotes, quote_chars(doc, quotes), tok_quote)


# ----------------------------------------------------------------------------------------------
# Spans
# ----------------------------------------------------------------------------------------------

def _trim(doc: Doc, idx: set[int] | list[int], keep_quotes: bool = True) -> list[int]:
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


def _subtree(tok: Token, exclude: set[int] | None = None) -> set[int]:
    out = {t.i for t in tok.subtree}
    return out - exclude if exclude else out


def _cue_group(tok: Token, ctx: _Ctx) -> list[int]:
    """The cue verb with its auxiliaries, negation, particles and verb-group adverbs."""
    ids = {tok.i}
    kids = list(tok.children)
    left = [k for k in kids if k.i < tok.i and k.dep_ in ("aux", "auxpass", "neg")]
    lo = min([k.i for k in left] + [tok.i])
    for k in kids:
        if k.dep_ in ("aux", "auxpass", "neg", "prt"):
            ids.add(k.i)
        elif k.dep_ == "advmod" and lo <= k.i < tok.i and k.lower_ not in _SENTENCE_ADV:
            ids.add(k.i)
        elif k.dep_ == "advmod" and k.i == tok.i + 1 and k.lower_ in ("publicly", "repeatedly", "again",
                                                                     "privately", "openly", "loudly"):
            ids.add(k.i)
        elif k.dep_ == "prep" and k.i > tok.i:
            objs = [c for c in k.children if c.dep_ == "pobj"]
            if objs and objs[0].lemma_.lower() in _CUE_PREP_OBJECTS:
                ids |= _subtree(k)
    # carriers: "continued to say", "went on to argue"
    head = tok.head
    if tok.dep_ == "xcomp" and head.lemma_.lower() in _CARRIERS and head.i < tok.i:
        ids |= {head.i} | {k.i for k in head.children if k.dep_ in ("aux", "auxpass", "neg", "prt")}
        ids |= {t.i for t in ctx.doc[head.i:tok.i] if t.dep_ in ("aux", "prt") or t.lower_ in ("to", "on")}
    return sorted(ids)


def _subject(tok: Token) -> Token | None:
    """The subject of a cue verb, climbing through xcomp/conj/participle heads."""
    seen = 0
    cur = tok
    while seen < 4:
        seen += 1
        for k in cur.children:
            if k.dep_ in SUBJ_DEPS:
                return k
        if cur.dep_ == "agent":
            return None
        if cur.dep_ in ("xcomp", "conj") or (cur.dep_ == "advcl" and cur.tag_ == "VBG"):
            cur = cur.head
            continue
        if cur.dep_ == "relcl":
            return None
        break
    return None


def _agent(tok: Token) -> Token | None:
    for k in tok.children:
        if k.dep_ == "agent":
            for c in k.children:
                if c.dep_ == "pobj":
                    return c
    return None


def _source(tok: Token, ctx: _Ctx, avoid: set[int]) -> list[int]:
    subj = _subject(tok)
    if subj is not None and subj.dep_ == "nsubjpass":
        agent = _agent(tok)
        subj = agent
    if subj is None:
        return []
    if subj.lower_ in ("it", "there") and subj.dep_ != "nsubj":
        return []
    ids = _subtree(subj, avoid)
    # a subject that swallows quoted material or the cue is a parse error: keep its core
    if any(i in ctx.tok_quote for i in ids) and subj.i not in ctx.tok_quote:
        ids = {i for i in ids if i not in ctx.tok_quote}
    return _trim(ctx.doc, ids, keep_quotes=False)


def _quote_of(idx: set[int], ctx: _Ctx) -> int | None:
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


def _quote_tokens(qi: int, ctx: _Ctx) -> set[int]:
    out: set[int] = set()
    for s, e in ctx.quotes[qi].parts:
        span = ctx.doc.char_span(s, e, alignment_mode="expand")
        if span is not None:
            out.update(t.i for t in span)
    return out


# ----------------------------------------------------------------------------------------------
# Candidates
# ----------------------------------------------------------------------------------------------

def _clausal_content(tok: Token, ctx: _Ctx) -> set[int]:
    doc = ctx.doc
    content: set[int] = set()
    for k in tok.children:
        if k.dep_ == "ccomp" or (k.dep_ == "parataxis" and k.i < tok.i) or (
                k.dep_ == "parataxis" and k.i in ctx.tok_quote):
            content |= _subtree(k)
    if tok.dep_ == "parataxis" and not content:
        content = _subtree(tok.head, _subtree(tok))
    q = _quote_of(content, ctx) if content else None
    if q is not None:
        content |= _quote_tokens(q, ctx)
    return {i for i in content if not doc[i].is_space}


def _dobj_content(tok: Token) -> set[int]:
    content: set[int] = set()
    dobj = None
    for k in tok.children:
        if k.dep_ == "dobj":
            dobj = k
            content |= _subtree(k)
    if dobj is None:
        return content
    for k in tok.children:
        if k.i <= dobj.i:
            continue
        if k.dep_ in ("oprd", "xcomp", "ccomp", "acomp") or (k.dep_ == "prep" and k.lower_ in _OBJ_PREPS
                                                             and k.i == max(content) + 1):
            content |= _subtree(k)
    return content


def _verb_candidate(tok: Token, ctx: _Ctx) -> Candidate | None:
    lex, cfg = ctx.lexicon, ctx.cfg
    lemma = tok.lemma_.lower()
    frame = frame_of(tok, ctx.qchars)
    stat = lex.stat(lemma, tok.pos_, frame)
    prob = stat.prob() if stat else 0.0
    fires = bool(stat and stat.n_cue >= cfg["min_count"] and prob >= cfg["min_prob"])
    if not fires and lex.is_speech_verb(lemma) and frame in ("quote", "ccomp"):
        fires, prob = True, max(prob, 0.5)
    if not fires:
        return None
    cue = _cue_group(tok, ctx)
    if frame in ("quote", "ccomp", "parataxis"):
        content = _clausal_content(tok, ctx)
    elif frame == "xcomp":
        content = set().union(*(_subtree(k) for k in tok.children if k.dep_ == "xcomp"))
    elif frame == "dobj":
        content = _dobj_content(tok)
    elif frame.startswith("prep:"):
        prep = next(k for k in tok.children if k.dep_ == "prep" and k.i > tok.i and k.lower_ == frame[5:])
        cue = sorted(set(cue) | {prep.i})
        content = set().union(*(_subtree(c) for c in prep.children if c.dep_ in ("pobj", "pcomp")))
    else:
        return None
    content -= set(cue)
    content_l = _trim(ctx.doc, content)
    if not content_l:
        return None
    source = _source(tok, ctx, set(cue) | set(content_l))
    direct = _quote_of(set(content_l), ctx) is not None
    return Candidate(tok.i, cue, content_l, source, direct, prob, "verb")


def _according_candidate(tok: Token, ctx: _Ctx) -> Candidate | None:
    doc = ctx.doc
    if tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
        return None
    to = doc[tok.i + 1]
    objs = [c for c in to.children if c.dep_ == "pobj"]
    cue = [tok.i, to.i]
    source = _trim(doc, _subtree(objs[0]), keep_quotes=False) if objs else []
    sent = tok.sent
    host = tok.head if tok.head.i != tok.i else None
    pp = _subtree(tok)
    if host is not None and host.sent == sent:
        content = _subtree(host, pp)
        # "According to X, Y said Z": the host clause may be a cue itself; content stays its clause
    else:
        content = {t.i for t in sent} - pp
    content_l = _trim(doc, content)
    if not content_l:
        return None
    return Candidate(tok.i, cue, content_l, source, _quote_of(set(content_l), ctx) is not None, 0.9,
                     "according")


def find_candidates(doc: Doc, lexicon: CueLexicon, cfg: dict[str, Any]) -> list[Candidate]:
    """Every attribution the rules propose, before :func:`resolve`."""
    ctx = _context(doc, lexicon, cfg)
    out: list[Candidate] = []
    for tok in doc:
        cand = None
        if tok.lower_ == "according":
            cand = _according_candidate(tok, ctx)
        elif tok.pos_ in VERB_POS:
            cand = _verb_candidate(tok, ctx)
        if cand is not None:
            out.append(cand)
    return out


# ----------------------------------------------------------------------------------------------
# Resolution
# ----------------------------------------------------------------------------------------------

def resolve(cands: list[Candidate], doc: Doc) -> list[Candidate]:
    """Keep a univocal set: outer attributions first; an inner cue inside kept content is dropped."""
    used: set[int] = set()
    kept: list[Candidate] = []
    for c in sorted(cands, key=lambda c: (-len(c.content), c.head)):
        if used & set(c.cue):
            continue
        content = [i for i in c.content if i not in used]
        if len(content) * 2 < len(c.content) or not _trim(doc, content):
            continue
        c.content = _trim(doc, content)
        c.source = [i for i in c.source if i not in used or i in _sources(kept)]
        kept.append(c)
        used |= set(c.cue) | set(c.content)
    return kept


def _sources(kept: list[Candidate]) -> set[int]:
    out: set[int] = set()
    for c in kept:
        out |= set(c.source)
    return out


__all__ = ["Candidate", "find_candidates", "resolve"]
