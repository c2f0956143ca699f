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
_RAISING = frozenset({"seem", "appear"})
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
    for k in kids:
        if k.dep_ in ("aux", "auxpass", "neg", "prt"):
            ids.add(k.i)
        elif k.dep_ == "prep" and k.i > tok.i:
            objs = [c for c in k.children if c.dep_ == "pobj"]
            if objs and objs[0].lemma_.lower() in _CUE_PREP_OBJECTS:
                ids |= _subtree(k)
    advs = [k for k in kids if k.dep_ in ("advmod", "neg") and k.tag_ != "WRB"
            and k.lower_ not in _SENTENCE_ADV and not any(True for _ in k.children)]
    grown = True
    while grown:
        grown = False
        lo, hi = min(ids), max(ids)
        for k in advs:
            if k.i not in ids and (lo <= k.i <= hi or k.i == lo - 1 or k.i == hi + 1):
                ids.add(k.i)
                grown = True
    # carriers: "continued to say", "went on to argue", "refused to say"
    head = tok.head
    if tok.dep_ == "xcomp" and head.i < tok.i and _is_carrier(head, ctx):
        ids |= set(_cue_group(head, ctx)) if head.dep_ != "xcomp" else {head.i}
        ids |= {t.i for t in ctx.doc[head.i:tok.i] if t.dep_ in ("aux", "prt") or t.lower_ in ("to", "on")}
    return sorted(ids)


_RECIPIENTS = frozenset({"reporter", "journalist", "audience", "crowd", "supporter", "voter", "lawmaker",
                         "parliament", "congress", "senator", "host", "interviewer", "listener", "viewer",
                         "reader", "people", "member", "delegate", "council", "court", "committee"})


def _between(tok: Token, content_start: int, ctx: _Ctx) -> set[int]:
    """Words between a cue verb and its following content that PolNeAR counts as cue
    ("released the following statement:", "called them on it:"), without recipients
    ("told reporters"), dates ("said Tuesday") and interview settings ("in an interview")."""
    doc = ctx.doc
    if content_start <= tok.i + 1:
        return set()
    out: set[int] = set()
    for k in tok.children:
        if not tok.i < k.i < content_start or k.dep_ in ("punct", "cc", "conj", "advcl", "nsubj", "nsubjpass"):
            continue
        sub = _subtree(k)
        if max(sub) >= content_start:
            continue
        if any(doc[i].ent_type_ in ("DATE", "TIME") for i in sub):
            continue
        if k.dep_ in ("dobj", "dative") and (k.pos_ in ("PRON", "PROPN") or k.lemma_.lower() in _RECIPIENTS
                                              or k.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")):
            continue
        if k.dep_ == "prep" and any(c.lemma_.lower() in ("interview", "speech", "email", "rally", "debate",
                                                         "conference", "call") for c in k.children):
            continue
        if k.dep_ == "prep" and k.lower_ in ("to", "with") and k.i == tok.i + 1:
            continue  # "said to reporters", "spoke with CNN"
        out |= sub
    return set(_trim(doc, out | {tok.i}, keep_quotes=False)) - {tok.i} if out else set()


def _is_carrier(head: Token, ctx: _Ctx) -> bool:
    lemma = head.lemma_.lower()
    if lemma in _CARRIERS:
        return True
    stat = ctx.lexicon.stat(lemma, head.pos_, "xcomp")
    return bool(stat and stat.n_cue >= 3 and stat.prob() >= 0.3)


def _subject(tok: Token) -> Token | None:
    """The subject of a cue verb, climbing through xcomp/conj/participle/preposition heads; for a
    participle modifying a noun ("a group backing X") the noun itself."""
    cur = tok
    for _ in range(5):
        for k in cur.children:
            if k.dep_ in SUBJ_DEPS:
                return k
        if cur.dep_ == "acl" and cur.head.pos_ in ("NOUN", "PROPN", "PRON") and cur.tag_ in ("VBG", "VBN"):
            return cur.head
        if cur.dep_ in ("xcomp", "conj", "advcl", "pcomp", "prep") and cur.head.i != cur.i:
            cur = cur.head
            continue
        break
    return None


def _agent(tok: Token) -> Token | None:
    for k in tok.children:
        if k.dep_ == "agent":
            for c in k.children:
                if c.dep_ == "pobj":
                    return c
    return None


def _source(tok: Token, ctx: _Ctx, avoid: set[int]) -> tuple[list[int], list[int]]:
    """Source token indices, and extra cue tokens (a relative "that" joins the cue)."""
    subj = _subject(tok)
    if subj is not None and subj.dep_ == "nsubjpass":
        subj = _agent(tok)
    if subj is None:
        return [], []
    if subj.lower_ in ("it", "there") and subj.dep_ != "nsubj":
        return [], []
    extra: list[int] = []
    if subj.lower_ in ("that", "which") and subj.tag_ in ("WDT", "DT"):
        rel = subj.head
        while rel.dep_ in ("xcomp", "conj") and rel.head.i != rel.i:
            rel = rel.head
        if rel.dep_ == "relcl" and rel.head.i < subj.i:
            noun = rel.head
            ids = _subtree(noun, _subtree(rel) | avoid)
            return _trim(ctx.doc, ids, keep_quotes=False), [subj.i]
    ids = _subtree(subj, avoid)
    if subj.i < tok.i and tok.i in ids:  # the noun modified by the cue participle: cut the clause
        ids -= {t.i for k in subj.children if k.i >= tok.i or tok.i in _subtree(k) for t in k.subtree}
    # a subject that swallows quoted material is a parse error: keep its unquoted core
    if any(i in ctx.tok_quote for i in ids) and subj.i not in ctx.tok_quote:
        ids = {i for i in ids if i not in ctx.tok_quote}
    return _trim(ctx.doc, ids, keep_quotes=False), extra


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
    elif content and min(content) > tok.i and ctx.cfg.get("advcl_after", True):
        # "said X, though Y" / "said X, while Y": the parser hangs the concession on the verb
        hi = max(content)
        for k in sorted(tok.children, key=lambda k: k.i):
            if k.dep_ == "advcl" and k.i > hi and k.left_edge.i <= hi + 2 and any(
                    m.dep_ == "mark" and m.lower_ in ("though", "although", "while", "because", "since",
                                                      "unless", "if", "as") for m in k.children):
                content |= _subtree(k)
                hi = max(content)
    if content and min(content) < tok.i:
        # "A; 46 percent said B": nothing before a semicolon belongs to this cue
        semis = [i for i in content if i < tok.i and doc[i].text == ";"]
        if semis:
            content = {i for i in content if i > max(semis)}
    return {i for i in content if not doc[i].is_space}


def _trailing_according(content: set[int], doc: Doc) -> set[int]:
    """", according to Interfax" closing a content: a relay of the whole report, not content."""
    if not content:
        return set()
    hi = max(i for i in content if not doc[i].is_punct)
    for i in sorted(content):
        if doc[i].lower_ == "according" and i + 1 < len(doc) and doc[i + 1].lower_ == "to":
            pp = _subtree(doc[i]) | {i + 1} | _subtree(doc[i + 1])
            if max(pp) >= hi and i > 0 and doc[i - 1].text in (",", "—", "–", "("):
                return {j for j in content if j >= i - 1}
    return set()


def _stance_verb(lemma: str) -> bool:
    from .stance import stance_lexicon

    return stance_lexicon().get(lemma) in ("accuse", "deny", "confirm", "estimate", "praise")


def _adjacent_quote(tok: Token, ctx: _Ctx) -> int | None:
    """A quotation right before the clause of ``tok`` ("“…!” Smith said") or right after
    its comma ("Smith said, “…”")."""
    doc = ctx.doc
    clause = [tok] + [k for k in tok.children if k.dep_ in SUBJ_DEPS]
    lo = min(t.left_edge.i if t.dep_ in SUBJ_DEPS else t.i for t in clause)
    for k in tok.children:
        if k.dep_ in ("aux", "auxpass", "neg", "advmod") and k.i < lo:
            lo = k.i
    i = lo - 1
    while i >= 0 and (doc[i].is_space or doc[i].text in (",", "—", "–")):
        i -= 1
    if i >= 0 and i in ctx.tok_quote and "\n\n" not in doc[i + 1:lo].text:
        q = ctx.tok_quote[i]
        if ctx.quotes[q].end <= doc[i].idx + len(doc[i]) + 1:
            return q
    hi = tok.i + 1
    if hi < len(doc) and doc[hi].text in (",", ":"):
        j = hi + 1
        while j < len(doc) and doc[j].is_space:
            j += 1
        if j < len(doc) and j in ctx.tok_quote and ctx.quotes[ctx.tok_quote[j]].start >= doc[j].idx:
            return ctx.tok_quote[j]
    return None


def _colon_content(tok: Token, ctx: _Ctx) -> set[int]:
    """What follows "X said:" — the quotation opening there, else the rest of the sentence."""
    doc = ctx.doc
    colon = next((k for k in tok.children if k.dep_ == "punct" and k.text == ":" and k.i > tok.i), None)
    if colon is None and tok.i + 1 < len(doc) and doc[tok.i + 1].text == ":":
        colon = doc[tok.i + 1]
    if colon is None:
        return set()
    i = colon.i + 1
    while i < len(doc) and doc[i].is_space:
        i += 1
    if i >= len(doc):
        return set()
    q = ctx.tok_quote.get(i)
    if q is not None:
        return {j for j in _quote_tokens(q, ctx) if j > colon.i}
    sent = doc[i].sent
    return {t.i for t in doc[i:sent.end] if "\n" not in t.text}


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
    fires = bool(stat and stat.n_cue >= cfg["min_count"] and prob >= cfg["min_prob"]) or cfg.get("force", False)
    if not fires and lex.is_speech_verb(lemma) and frame in ("quote", "ccomp"):
        fires, prob = True, max(prob, 0.5)
    if not fires and frame in ("dobj", "dobj_as") and cfg.get("stance_objects", True) and _stance_verb(lemma):
        fires, prob = True, max(prob, 0.3)  # "never confirmed the deployment", "denied the report"
    if tok.i in ctx.tok_quote and cfg.get("skip_quoted", True):
        return None  # a cue inside a quotation is part of someone's quoted words
    if frame in ("none", "dobj") and (stat is None or fires or lex.is_speech_verb(lemma)):
        adjacent = _adjacent_quote(tok, ctx)
        if adjacent is not None:
            qstat = lex.stat(lemma, tok.pos_, "quote")
            if (qstat and qstat.prob() >= cfg["min_prob"]) or lex.is_speech_verb(lemma):
                frame, fires = "adjacent", True
                prob = max(prob, qstat.prob() if qstat else 0.5)
    if not fires:
        return None
    cue = _cue_group(tok, ctx)
    if frame == "adjacent":
        content = _quote_tokens(_adjacent_quote(tok, ctx) or 0, ctx)
    elif frame in ("quote", "ccomp", "parataxis"):
        content = _clausal_content(tok, ctx)
    elif frame == "colon":
        content = _colon_content(tok, ctx)
    elif frame == "xcomp":
        # "urged Obama not to close …": the object belongs to the content too
        content = set().union(*(_subtree(k) for k in tok.children if k.dep_ in ("xcomp", "dobj")))
    elif frame in ("dobj", "dobj_as"):
        content = _dobj_content(tok)
    elif frame.startswith("prep:"):
        prep = next(k for k in tok.children if k.dep_ == "prep" and k.i > tok.i and k.lower_ == frame[5:])
        cue = sorted(set(cue) | {prep.i})
        content = set().union(*(_subtree(c) for c in prep.children if c.dep_ in ("pobj", "pcomp")))
    else:
        return None
    content -= set(cue)
    content -= _trailing_according(content, ctx.doc)
    content_l = _trim(ctx.doc, content)
    if not content_l:
        return None
    if cfg.get("cue_between", True) and frame in ("colon",):
        cue = sorted(set(cue) | _between(tok, min(content_l), ctx))
    if lemma in _RAISING or (lemma == "expect" and any(k.dep_ == "auxpass" for k in tok.children)):
        # "No polls appear to have been conducted", "He is expected to win": the subject is part of
        # what is attributed, and there is no source in the sentence
        subj = next((k for k in tok.children if k.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and frame == "xcomp" and subj.lower_ not in ("it", "there"):
            content_l = _trim(ctx.doc, set(content_l) | _subtree(subj))
        source, extra = [], []
    else:
        source, extra = _source(tok, ctx, set(cue) | set(content_l))
    cue = sorted(set(cue) | set(extra))
    direct = _quote_of(set(content_l), ctx) is not None
    return Candidate(tok.i, cue, content_l, source, direct, prob, "verb")


def _according_candidate(tok: Token, ctx: _Ctx) -> Candidate | None:
    """"according to X, …" and "as per X, …": X is the source of the host clause."""
    doc = ctx.doc
    if tok.lower_ == "per":
        objs = [c for c in tok.children if c.dep_ == "pobj"]
        cue = [tok.i - 1, tok.i]
    else:
        if tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
            return None
        to = doc[tok.i + 1]
        objs = [c for c in to.children if c.dep_ == "pobj"]
        cue = [tok.i, to.i]
    source = _trim(doc, _subtree(objs[0]), keep_quotes=False) if objs else []
    sent = tok.sent
    host = tok.head if tok.head.i != tok.i else None
    pp = _subtree(tok) | set(cue)
    while host is not None and host.pos_ not in VERB_POS and host.head.i != host.i:
        host = host.head
    if host is not None and host.dep_ == "advcl" and host.lemma_.lower() in ("report", "say", "show", "indicate"):
        pp |= _subtree(host)  # "As per New York Times reports, …"
        host = host.head
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


_SURVEY_NOUNS = frozenset({"poll", "survey", "study", "report", "analysis", "census", "tally", "count",
                           "estimate", "assessment", "audit", "review", "investigation", "data"})


def _in_source_candidate(tok: Token, ctx: _Ctx) -> Candidate | None:
    """'In the survey, Trump leads …': a poll or report as the source of the host clause."""
    objs = [c for c in tok.children if c.dep_ == "pobj"]
    if not objs or objs[0].lemma_.lower() not in _SURVEY_NOUNS or tok.head.i == tok.i:
        return None
    host = tok.head
    if host.pos_ not in VERB_POS or host.i < tok.i - 40:
        return None
    content = _trim(ctx.doc, _subtree(host, _subtree(tok)))
    if len(content) < 3:
        return None
    source = _trim(ctx.doc, _subtree(objs[0]), keep_quotes=False)
    return Candidate(tok.i, [tok.i], content, source, False, 0.45, "according")


def _noun_candidate(tok: Token, ctx: _Ctx) -> Candidate | None:
    """Noun cues: "Moscow's claims that …", "allegations of torture", "criticism of the plan"."""
    lex, cfg = ctx.lexicon, ctx.cfg
    if tok.i in ctx.tok_quote:
        return None
    lemma = tok.lemma_.lower()
    frame = frame_of(tok, ctx.qchars)
    stat = lex.stat(lemma, "NOUN", frame)
    prob = stat.prob() if stat else 0.0
    fires = bool(stat and stat.n_cue >= cfg["min_count"] and prob >= cfg["min_prob"])
    listed = lex.is_cue_noun(lemma)
    if not fires and listed and frame in ("that", "ccomp"):
        fires, prob = True, max(prob, 0.5)
    if not fires:
        return None
    cue = [tok.i]
    if frame in ("that", "ccomp"):
        content: set[int] = set()
        for k in tok.children:
            if k.dep_ in ("acl", "relcl", "ccomp") and (k.dep_ == "ccomp" or any(
                    m.dep_ == "mark" and m.lower_ == "that" for m in k.children)):
                content |= _subtree(k)
    elif frame.startswith("prep:"):
        prep = next(k for k in tok.children if k.dep_ == "prep" and k.i > tok.i and k.lower_ == frame[5:])
        cue.append(prep.i)
        content = set().union(*(_subtree(c) for c in prep.children if c.dep_ in ("pobj", "pcomp")))
    else:
        return None
    content_l = _trim(ctx.doc, content - set(cue))
    if not content_l:
        return None
    source: list[int] = []
    for k in tok.children:
        if k.dep_ == "poss" or (k.dep_ == "compound" and k.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")):
            source = _trim(ctx.doc, {i for i in _subtree(k) if ctx.doc[i].tag_ != "POS"}, keep_quotes=False)
            break
        if k.dep_ == "prep" and k.lower_ == "by" and k.i < min(content_l):
            objs = [c for c in k.children if c.dep_ == "pobj"]
            if objs:
                source = _trim(ctx.doc, _subtree(objs[0]), keep_quotes=False)
                cue.append(k.i)
    if source and source[-1] + 1 < len(ctx.doc) and ctx.doc[source[-1] + 1].tag_ == "POS":
        cue.append(source[-1] + 1)  # "Moscow['s] claims": PolNeAR puts the clitic with the cue
    direct = _quote_of(set(content_l), ctx) is not None
    return Candidate(tok.i, sorted(set(cue)), content_l, source, direct, prob, "noun")


def _colon_candidates(ctx: _Ctx) -> list[Candidate]:
    """Headline and transcript style "Kremlin: talks are over" / "SPEAKER: …" at a line start."""
    doc = ctx.doc
    out = []
    for sent in doc.sents:
        toks = [t for t in sent if not t.is_space]
        colon = next((t for t in toks[:8] if t.text == ":"), None)
        if colon is None or colon.i == toks[0].i:
            continue
        line_start = toks[0].i == 0 or "\n" in doc[toks[0].i - 1].text or doc[toks[0].i - 1].is_space
        if not line_start:
            continue
        pre = [t for t in toks if t.i < colon.i]
        if len(pre) > 6 or any(t.pos_ in VERB_POS for t in pre):
            continue
        if not (any(t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") for t in pre)
                or pre[-1].lemma_.lower() in _SURVEY_NOUNS | {"source", "official", "spokesman", "minister"}):
            continue
        end = colon.i + 1
        while end < len(doc) and not (doc[end].is_space and "\n" in doc[end].text):
            end += 1
        content = _trim(doc, list(range(colon.i + 1, end)))
        if len([i for i in content if not doc[i].is_punct]) < 2:
            continue
        source = _trim(doc, [t.i for t in pre], keep_quotes=False)
        out.append(Candidate(colon.i, [colon.i], content, source, _quote_of(set(content), ctx) is not None,
                             0.6, "headline"))
    return out


def find_candidates(doc: Doc, lexicon: CueLexicon, cfg: dict[str, Any],
                    ctx: _Ctx | None = None) -> list[Candidate]:
    """Every attribution the rules propose, before :func:`resolve`."""
    ctx = ctx or _context(doc, lexicon, cfg)
    out: list[Candidate] = []
    for tok in doc:
        cand = None
        if tok.lower_ == "according":
            cand = _according_candidate(tok, ctx)
        elif tok.lower_ == "in" and tok.dep_ == "prep":
            cand = _in_source_candidate(tok, ctx)
        elif tok.lower_ == "per" and tok.i > 0 and doc[tok.i - 1].lower_ == "as":
            cand = _according_candidate(tok, ctx)
        elif tok.pos_ in VERB_POS:
            cand = _verb_candidate(tok, ctx)
        elif tok.pos_ == "NOUN" and cfg.get("nouns", True):
            cand = _noun_candidate(tok, ctx)
        if cand is not None:
            out.append(cand)
    if cfg.get("headlines", True):
        out.extend(_colon_candidates(ctx))
    return out


def candidate_at(doc: Doc, i: int, lexicon: CueLexicon, cfg: dict[str, Any]) -> Candidate | None:
    """The attribution the verb at token ``i`` would head, whatever its cue statistics (used to
    take an embedded report out of an "according to" content)."""
    ctx = _context(doc, lexicon, dict(cfg, force=True, skip_quoted=False))
    if doc[i].pos_ == "NOUN":
        return _noun_candidate(doc[i], ctx)
    return _verb_candidate(doc[i], ctx)


def extract(doc: Doc, lexicon: CueLexicon, cfg: dict[str, Any]) -> list[Candidate]:
    """Candidates, made univocal, with quoted continuations (the whole rule pass)."""
    ctx = _context(doc, lexicon, cfg)
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
        if len(content) * 2 < len(c.content) or not _trim(doc, content):
            continue
        c.content = _trim(doc, content)
        if used & set(c.source):
            c.source = [i for i in c.source if i not in used]
            c.source = c.source if c.source and not (set(c.source) & sources) else []
        kept.append(c)
        used |= set(c.cue) | set(c.content)
        sources |= set(c.source)
    return kept


def _continue_quotes(kept: list[Candidate], ctx: _Ctx) -> None:
    """'"A," she said. "B."' — a quotation that follows a direct attribution in the same paragraph,
    with nothing but punctuation in between and no cue of its own, continues its content."""
    doc = ctx.doc
    used = {i for c in kept for i in (*c.cue, *c.content, *c.source)}
    for c in sorted(kept, key=lambda c: max(c.cue)):
        if not c.direct:
            continue
        last = max((*c.cue, *c.content, *c.source))
        def skip(i: int) -> int:
            while i < len(doc) and (doc[i].is_punct and i not in ctx.tok_quote or
                                    doc[i].is_space and "\n" not in doc[i].text):
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
            qtoks = _quote_tokens(qi, ctx)
            end = max(qtoks)
            tail = doc[end + 1:doc[end].sent.end]
            if qtoks & used or any(not (t.is_punct or t.is_space) for t in tail):
                break
            c.content = sorted(set(c.content) | qtoks)
            used |= qtoks
            last = end


__all__ = ["Candidate", "candidate_at", "extract", "find_candidates", "resolve"]
