"""Verb cues: "X said (that) …", "“…,” X said", "X said: “…”", "refused to comment on …".

The cue verb's lemma and complement frame (:func:`claimledger.nlp.attribution.lexicon.frame_of`) decide whether it
is a cue (PolNeAR train statistics, or a hand-listed reporting verb with a clause or a quote); the
frame decides the content (the clause, the quotation, the object, the ``to`` clause …).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from claimledger.nlp.attribution.lexicon import frame_of
from claimledger.nlp.attribution.rules.base import SUBJ_DEPS, Candidate, Ctx, quote_of, quote_tokens, subtree, trim

# adverbs that belong to the sentence, not to the verb group
_SENTENCE_ADV = frozenset(
    {
        "however",
        "so",
        "when",
        "where",
        "why",
        "how",
        "meanwhile",
        "instead",
        "then",
        "thus",
        "therefore",
        "though",
        "also,",
        "moreover",
        "nonetheless",
        "yet",
        "as",
    }
)
# prepositional adjuncts of a cue that PolNeAR keeps inside the cue ("said in a statement")
_CUE_PREP_OBJECTS = frozenset({"statement", "release", "tweet", "post", "communique", "communiqué"})
# raising/aspect verbs that carry a cue verb: "continued to say", "went on to argue"
_CARRIERS = frozenset(
    {"continue", "begin", "start", "go", "seem", "appear", "try", "keep", "repeat", "proceed", "rush", "hasten", "take"}
)
# object complements kept with a dobj content: "accused X of Y", "praised X for Y", "described X as Y"
_RAISING = frozenset({"seem", "appear"})
_OBJ_PREPS = frozenset({"of", "for", "as", "over", "about", "with", "to", "into", "on"})


def _cue_group(tok: Token, ctx: Ctx) -> list[int]:
    """The cue verb with its auxiliaries, negation, particles and verb-group adverbs."""
    ids = {tok.i}
    kids = list(tok.children)
    for k in kids:
        if k.dep_ in ("aux", "auxpass", "neg", "prt"):
            ids.add(k.i)
        elif k.dep_ == "prep" and k.i > tok.i:
            objs = [c for c in k.children if c.dep_ == "pobj"]
            if objs and objs[0].lemma_.lower() in _CUE_PREP_OBJECTS:
                ids |= subtree(k)
    advs = [
        k
        for k in kids
        if k.dep_ in ("advmod", "neg")
        and k.tag_ != "WRB"
        and k.lower_ not in _SENTENCE_ADV
        and not any(True for _ in k.children)
    ]
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
        ids |= {t.i for t in ctx.doc[head.i : tok.i] if t.dep_ in ("aux", "prt") or t.lower_ in ("to", "on")}
    return sorted(ids)


_RECIPIENTS = frozenset(
    {
        "reporter",
        "journalist",
        "audience",
        "crowd",
        "supporter",
        "voter",
        "lawmaker",
        "parliament",
        "congress",
        "senator",
        "host",
        "interviewer",
        "listener",
        "viewer",
        "reader",
        "people",
        "member",
        "delegate",
        "council",
        "court",
        "committee",
    }
)


def _between(tok: Token, content_start: int, ctx: Ctx) -> set[int]:
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
        sub = subtree(k)
        if max(sub) >= content_start:
            continue
        if any(doc[i].ent_type_ in ("DATE", "TIME") for i in sub):
            continue
        if k.dep_ in ("dobj", "dative") and (
            k.pos_ in ("PRON", "PROPN")
            or k.lemma_.lower() in _RECIPIENTS
            or k.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
        ):
            continue
        if k.dep_ == "prep" and any(
            c.lemma_.lower() in ("interview", "speech", "email", "rally", "debate", "conference", "call")
            for c in k.children
        ):
            continue
        if k.dep_ == "prep" and k.lower_ in ("to", "with") and k.i == tok.i + 1:
            continue  # "said to reporters", "spoke with CNN"
        out |= sub
    return set(trim(doc, out | {tok.i}, keep_quotes=False)) - {tok.i} if out else set()


def _is_carrier(head: Token, ctx: Ctx) -> bool:
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


def _source(tok: Token, ctx: Ctx, avoid: set[int]) -> tuple[list[int], list[int]]:
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
            ids = subtree(noun, subtree(rel) | avoid)
            return trim(ctx.doc, ids, keep_quotes=False), [subj.i]
    ids = subtree(subj, avoid)
    if subj.i < tok.i and tok.i in ids:  # the noun modified by the cue participle: cut the clause
        ids -= {t.i for k in subj.children if k.i >= tok.i or tok.i in subtree(k) for t in k.subtree}
    # a subject that swallows quoted material is a parse error: keep its unquoted core
    if any(i in ctx.tok_quote for i in ids) and subj.i not in ctx.tok_quote:
        ids = {i for i in ids if i not in ctx.tok_quote}
    return trim(ctx.doc, ids, keep_quotes=False), extra


def trailing_report(content: set[int], doc: Doc) -> set[int]:
    """ ", the state news agency Tanjug reported" closing a content: the relay's own clause (a
    reporting verb with a subject and nothing reported of its own), with its comma."""
    for i in sorted(content):
        t = doc[i]
        if t.pos_ != "VERB" or t.lemma_.lower() not in _RELAY_VERBS or t.i < max(content) - 1:
            continue
        kids = [k for k in t.children if not k.is_punct]
        if not kids or any(k.dep_ not in ("nsubj", "aux", "advmod", "npadvmod") for k in kids):
            continue
        start = min(x.i for x in t.subtree if not x.is_punct)
        if start > 0 and doc[start - 1].text == ",":
            return {j for j in content if j >= start - 1}
    return set()


_RELAY_VERBS = frozenset({"report", "say", "add", "write", "tell", "note", "quote"})


def source_of(tok: Token, ctx: Ctx) -> list[int]:
    """The Source tokens the rules give the cue verb ``tok`` (empty when it has no subject)."""
    return _source(tok, ctx, set())[0]


def _clausal_content(tok: Token, ctx: Ctx) -> set[int]:
    doc = ctx.doc
    content: set[int] = set()
    for k in tok.children:
        if (
            k.dep_ == "ccomp"
            or (k.dep_ == "parataxis" and k.i < tok.i)
            or (k.dep_ == "parataxis" and k.i in ctx.tok_quote)
        ):
            content |= subtree(k)
    if tok.dep_ == "parataxis" and not content:
        content = subtree(tok.head, subtree(tok))
    content -= trailing_report(content, doc)
    q = quote_of(content, ctx) if content else None
    if q is not None:
        content |= quote_tokens(q, ctx)
    elif content and min(content) > tok.i and ctx.cfg.get("advcl_after", True):
        # "said X, though Y" / "said X, while Y": the parser hangs the concession on the verb
        hi = max(content)
        for k in sorted(tok.children, key=lambda k: k.i):
            if (
                k.dep_ == "advcl"
                and k.i > hi
                and k.left_edge.i <= hi + 2
                and any(
                    m.dep_ == "mark"
                    and m.lower_ in ("though", "although", "while", "because", "since", "unless", "if", "as")
                    for m in k.children
                )
            ):
                content |= subtree(k)
                hi = max(content)
    if content and min(content) < tok.i:
        # "A; 46 percent said B": nothing before a semicolon belongs to this cue
        semis = [i for i in content if i < tok.i and doc[i].text == ";"]
        if semis:
            content = {i for i in content if i > max(semis)}
    return {i for i in content if not doc[i].is_space}


def _trailing_according(content: set[int], doc: Doc) -> set[int]:
    """ ", according to Interfax" closing a content: a relay of the whole report, not content."""
    if not content:
        return set()
    hi = max(i for i in content if not doc[i].is_punct)
    for i in sorted(content):
        if doc[i].lower_ == "according" and i + 1 < len(doc) and doc[i + 1].lower_ == "to":
            pp = subtree(doc[i]) | {i + 1} | subtree(doc[i + 1])
            if max(pp) >= hi and i > 0 and doc[i - 1].text in (",", "—", "–", "("):
                return {j for j in content if j >= i - 1}
    return set()


def _stance_verb(lemma: str) -> bool:
    from claimledger.nlp.attribution.stance import stance_lexicon

    return stance_lexicon().get(lemma) in ("accuse", "deny", "confirm", "estimate", "praise")


def _adjacent_quote(tok: Token, ctx: Ctx) -> int | None:
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
    if i >= 0 and i in ctx.tok_quote and "\n\n" not in doc[i + 1 : lo].text:
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


def _colon_content(tok: Token, ctx: Ctx) -> set[int]:
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
        return {j for j in quote_tokens(q, ctx) if j > colon.i}
    sent = doc[i].sent
    if not ctx.cfg.get("colon_paragraph", True):
        return {t.i for t in doc[i : sent.end] if "\n" not in t.text}
    end = i  # "noted: These were not omissions. Moreover, …" — to the end of the paragraph
    while end < len(doc) and "\n" not in doc[end].text:
        end += 1
    return set(range(i, end))


def _adjective_frame(tok: Token, adj: Token, cue: list[int]) -> tuple[list[int], set[int]]:
    """ "is confident that X" / "was critical of X" / "are eager to X": the cue runs to the adjective
    (and its preposition), the content is the adjective's complement."""
    cue_ids = set(cue) | {adj.i} | {k.i for k in adj.children if k.dep_ in ("advmod", "neg") and k.i < adj.i}
    content: set[int] = set()
    for k in list(adj.children) + list(tok.children):
        if k.dep_ in ("ccomp", "xcomp") and k.i > adj.i:
            content |= subtree(k)
        elif k.dep_ == "prep" and k.i > adj.i and not content:
            objs = [c for c in k.children if c.dep_ in ("pobj", "pcomp")]
            if objs:
                cue_ids.add(k.i)
                content |= set().union(*(subtree(o) for o in objs))
    return sorted(cue_ids), content


def _noun_complement(tok: Token, cue: list[int], content: set[int]) -> tuple[list[int], set[int]]:
    """ "expressed skepticism [that …]", "showed no sign [that …]": an object noun with a
    that-clause makes the verb and the noun the cue, the clause the content."""
    dobj = next((k for k in tok.children if k.dep_ == "dobj"), None)
    if dobj is None or dobj.pos_ != "NOUN":
        return cue, content
    clause = next(
        (
            k
            for k in dobj.children
            if k.dep_ in ("acl", "ccomp", "relcl")
            and k.i > dobj.i
            and any(m.dep_ == "mark" and m.lower_ == "that" for m in k.children)
        ),
        None,
    )
    if clause is None:
        return cue, content
    noun_group = {t.i for t in tok.doc[dobj.left_edge.i : dobj.i + 1]}
    return sorted(set(cue) | noun_group), subtree(clause)


def _dobj_content(tok: Token) -> set[int]:
    content: set[int] = set()
    dobj = None
    for k in tok.children:
        if k.dep_ == "dobj":
            dobj = k
            content |= subtree(k)
    if dobj is None:
        return content
    for k in tok.children:
        if k.i <= dobj.i:
            continue
        if k.dep_ in ("oprd", "xcomp", "ccomp", "acomp") or (
            k.dep_ == "prep" and k.lower_ in _OBJ_PREPS and k.i == max(content) + 1
        ):
            content |= subtree(k)
    return content


def _passive_candidate(tok: Token, ctx: Ctx) -> Candidate | None:
    """A passive stance verb with its agent: the agent is the source, the patient the content ("the
    claim was rejected by Kyiv", "a charge denied by the defence ministry", "figures disputed by aid
    agencies")."""
    if tok.tag_ != "VBN":
        return None
    agent = next((k for k in tok.children if k.dep_ == "agent"), None)
    obj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    if agent is None or obj is None:
        return None
    subj = next((k for k in tok.children if k.dep_ == "nsubjpass"), None)
    if subj is not None:
        patient = subtree(subj)
    elif tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN"):
        noun = tok.head
        patient = {t.i for t in ctx.doc[noun.left_edge.i : noun.i + 1]}
    else:
        return None
    cue = sorted({tok.i, agent.i} | {k.i for k in tok.children if k.dep_ in ("aux", "auxpass", "neg")})
    content = trim(ctx.doc, patient - set(cue))
    source = trim(ctx.doc, subtree(obj), keep_quotes=False)
    if not content or not source:
        return None
    return Candidate(tok.i, cue, content, source, False, 0.5, "passive")


def verb_candidate(tok: Token, ctx: Ctx) -> Candidate | None:
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
    if cfg.get("stance_objects", True) and _stance_verb(lemma) and frame not in ("ccomp", "quote", "dobj"):
        passive = _passive_candidate(tok, ctx)  # "a charge denied by the Kremlin", "was rejected by Kyiv"
        if passive is not None:
            return passive
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
        content = quote_tokens(_adjacent_quote(tok, ctx) or 0, ctx)
    elif frame in ("quote", "ccomp", "parataxis"):
        content = _clausal_content(tok, ctx)
    elif frame in ("dobj", "dobj_as"):
        content = _dobj_content(tok)
        if cfg.get("noun_complement", True):
            cue, content = _noun_complement(tok, cue, content)
    elif frame == "colon":
        content = _colon_content(tok, ctx)
    elif frame == "xcomp":
        # "urged Obama not to close …": the object belongs to the content too
        content = set().union(*(subtree(k) for k in tok.children if k.dep_ in ("xcomp", "dobj")))
    elif frame.startswith("acomp:"):
        adj = next(k for k in tok.children if k.dep_ == "acomp")
        cue, content = _adjective_frame(tok, adj, cue)
    elif frame.startswith("prep:"):
        prep = next(
            k
            for k in tok.children
            if k.dep_ == "prep"
            and k.i > tok.i
            and k.lower_ == frame[5:]
            and any(c.dep_ in ("pobj", "pcomp") and c.ent_type_ not in ("DATE", "TIME") for c in k.children)
        )
        cue = sorted(set(cue) | {prep.i})
        content = set().union(*(subtree(c) for c in prep.children if c.dep_ in ("pobj", "pcomp")))
    else:
        return None
    content -= set(cue)
    content -= _trailing_according(content, ctx.doc)
    content_l = trim(ctx.doc, content)
    if not content_l:
        return None
    if cfg.get("cue_between", True) and frame in ("colon",):
        cue = sorted(set(cue) | _between(tok, min(content_l), ctx))
    if lemma in _RAISING or (lemma == "expect" and any(k.dep_ == "auxpass" for k in tok.children)):
        # "No polls appear to have been conducted", "He is expected to win": the subject is part of
        # what is attributed, and there is no source in the sentence
        subj = next((k for k in tok.children if k.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and frame == "xcomp" and subj.lower_ not in ("it", "there"):
            content_l = trim(ctx.doc, set(content_l) | subtree(subj))
        source: list[int] = []
        extra: list[int] = []
    else:
        source, extra = _source(tok, ctx, set(cue) | set(content_l))
    cue = sorted(set(cue) | set(extra))
    direct = quote_of(set(content_l), ctx) is not None
    return Candidate(tok.i, cue, content_l, source, direct, prob, "verb")


__all__ = ["source_of", "verb_candidate"]
