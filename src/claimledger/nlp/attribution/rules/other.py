"""Cues that are not verbs: "according to X", "as per X", "in a poll", noun cues ("Moscow's claims
that …") and headline/transcript colons ("Kremlin: …")."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from claimledger.nlp.attribution.lexicon import frame_of
from claimledger.nlp.attribution.rules.base import VERB_POS, Candidate, Ctx, quote_of, subtree, trim
from claimledger.nlp.doctext import doc_text


def according_candidate(tok: Token, ctx: Ctx) -> Candidate | None:
    """ "according to X, …" and "as per X, …": X is the source of the host clause."""
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
    source = trim(doc, subtree(objs[0]), keep_quotes=False) if objs else []
    sent = tok.sent
    host = tok.head if tok.head.i != tok.i else None
    pp = subtree(tok) | set(cue)
    while host is not None and host.pos_ not in VERB_POS and host.head.i != host.i:
        host = host.head
    if host is not None and host.dep_ == "advcl" and host.lemma_.lower() in ("report", "say", "show", "indicate"):
        pp |= subtree(host)  # "As per New York Times reports, …"
        host = host.head
    if host is not None and host.sent == sent:
        content = subtree(host, pp)
        # "According to X, Y said Z": the host clause may be a cue itself; content stays its clause
    else:
        content = {t.i for t in sent} - pp
    content_l = trim(doc, content)
    if not content_l:
        return None
    return Candidate(tok.i, cue, content_l, source, quote_of(set(content_l), ctx) is not None, 0.9, "according")


SURVEY_NOUNS = frozenset(
    {
        "poll",
        "survey",
        "study",
        "report",
        "analysis",
        "census",
        "tally",
        "count",
        "estimate",
        "assessment",
        "audit",
        "review",
        "investigation",
        "data",
    }
)


_AS_VERBS = frozenset(
    {
        "report",
        "quote",
        "cite",
        "say",
        "state",
        "announce",
        "claim",
        "tell",
        "note",
        "describe",
        "write",
        "put",
        "confirm",
        "show",
        "suggest",
        "indicate",
    }
)


def as_reported_candidate(tok: Token, ctx: Ctx) -> Candidate | None:
    """ "…, as reported by Reuters" / "as Reuters reported": the host clause is the content."""
    if tok.dep_ != "advcl" or tok.lemma_.lower() not in _AS_VERBS or tok.head.i == tok.i:
        return None
    mark = next((k for k in tok.children if k.dep_ == "mark" and k.lower_ == "as"), None)
    if mark is None:
        return None
    agent = next((k for k in tok.children if k.dep_ == "agent"), None)
    obj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    subj = next((k for k in tok.children if k.dep_ == "nsubj"), None)
    if obj is None and subj is None:
        return None
    if any(k.dep_ in ("ccomp", "dobj") for k in tok.children):
        return None  # "as he told reporters that …" is a verb cue of its own
    # PolNeAR's cue of "as Reuters reported" is the verb group; of "as reported by Reuters" it is the
    # whole "as reported by" (train: 30 of 31 near misses were an "as" too many on the first form)
    cue = sorted(
        {tok.i}
        | {k.i for k in tok.children if k.dep_ in ("aux", "auxpass", "neg")}
        | ({mark.i, agent.i} if agent is not None and obj is not None else set())
    )
    source_tok = obj if obj is not None else subj
    assert source_tok is not None
    source = trim(ctx.doc, subtree(source_tok), keep_quotes=False)
    content = trim(ctx.doc, subtree(tok.head, subtree(tok)))
    if len(content) < 2:
        return None
    return Candidate(tok.i, cue, content, source, quote_of(set(content), ctx) is not None, 0.85, "according")


# An embedded tweet: "TEXT pic.twitter.com/x — Name (@handle) July 5, 2016" (line start or after a tag)
_TWEET_RE = re.compile(
    r"(?:^|(?<=>)|(?<=\n))(?P<content>[^\n<>]+?)\s*(?:pic\.twitter\.com/\S+\s*)?"
    r"(?P<dash>[\u2014\u2015\u2013-])\s*(?P<source>[^()\n<>]{1,80}?)\s*\(@\w+\)"
)


def _dash_signed(
    doc: Doc, pattern: re.Pattern[str], kind: str, direct: bool, content_mode: str = "expand"
) -> list[Candidate]:
    """Candidates of ``pattern``'s matches: group ``dash`` is the cue, ``source`` the author, ``content`` the text."""
    out = []
    for m in pattern.finditer(doc_text(doc)):  # cached: spaCy rebuilds doc.text on every access
        spans = [
            doc.char_span(m.start(g), m.end(g), alignment_mode=content_mode if g == "content" else "expand")
            for g in ("content", "dash", "source")
        ]
        if any(sp is None or not len(sp) for sp in spans):
            continue
        content_sp, dash_sp, source_sp = spans
        assert content_sp is not None and dash_sp is not None and source_sp is not None
        content = trim(doc, [t.i for t in content_sp])
        if len([i for i in content if not (direct and doc[i].is_punct)]) < 2:  # a quote: 2 words, not marks
            continue
        out.append(
            Candidate(
                dash_sp[0].i,
                [t.i for t in dash_sp],
                content,
                trim(doc, [t.i for t in source_sp], keep_quotes=False),
                direct,
                0.8,
                kind,
            )
        )
    return out


def tweet_candidates(ctx: Ctx) -> list[Candidate]:
    """Embedded tweets: the dash before the author is the cue, the tweet text the content."""
    # contract: a tag glued to the first word ('…">The') must not enter the content
    return _dash_signed(ctx.doc, _TWEET_RE, "tweet", False, content_mode="contract")


# A signed quote: a paragraph that is one quotation, then a dash and the speaker's name ending the line:
# '“We need law and order.” ― Jane Doe' or '"…"\n\n- Sanders.'  The dash is the cue (as in PolNeAR).
_SIGNED_RE = re.compile(
    r"(?:^|(?<=\n))[ \t\u00a0]*(?P<content>[\"\u201c\u201d][^\n]*?[\"\u201d])[ \t\u00a0]*\n*[ \t\u00a0]*"
    r"(?P<dash>[\u2014\u2015\u2013]|-{1,2})[ \t\u00a0]*"
    r"(?P<source>[A-Z][\w.\u2019'-]*(?:[ \u00a0][A-Z][\w.\u2019'-]*){0,3})\.?[ \t\u00a0]*(?=\n|$)"
)


def signed_quote_candidates(ctx: Ctx) -> list[Candidate]:
    """Signed quotations ('"…" ― Name' closing a paragraph): dash = cue, name = source, quote = content."""
    return _dash_signed(ctx.doc, _SIGNED_RE, "signed", True)


def in_source_candidate(tok: Token, ctx: Ctx) -> Candidate | None:
    """'In the survey, Trump leads …': a poll or report as the source of the host clause."""
    objs = [c for c in tok.children if c.dep_ == "pobj"]
    if not objs or objs[0].lemma_.lower() not in SURVEY_NOUNS or tok.head.i == tok.i:
        return None
    host = tok.head
    if host.pos_ not in VERB_POS or host.i < tok.i - 40:
        return None
    content = trim(ctx.doc, subtree(host, subtree(tok)))
    if len(content) < 3:
        return None
    source = trim(ctx.doc, subtree(objs[0]), keep_quotes=False)
    return Candidate(tok.i, [tok.i], content, source, False, 0.45, "according")


def noun_candidate(tok: Token, ctx: Ctx) -> Candidate | None:
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
            if k.dep_ in ("acl", "relcl", "ccomp") and (
                k.dep_ == "ccomp" or any(m.dep_ == "mark" and m.lower_ == "that" for m in k.children)
            ):
                content |= subtree(k)
    elif frame.startswith("prep:"):
        prep = next(k for k in tok.children if k.dep_ == "prep" and k.i > tok.i and k.lower_ == frame[5:])
        cue.append(prep.i)
        content = set().union(*(subtree(c) for c in prep.children if c.dep_ in ("pobj", "pcomp")))
    else:
        return None
    content_l = trim(ctx.doc, content - set(cue))
    if not content_l:
        return None
    source: list[int] = []
    for k in tok.children:
        if k.dep_ == "poss" or (k.dep_ == "compound" and k.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")):
            source = trim(ctx.doc, {i for i in subtree(k) if ctx.doc[i].tag_ != "POS"}, keep_quotes=False)
            break
        if k.dep_ == "prep" and k.lower_ == "by" and k.i < min(content_l):
            objs = [c for c in k.children if c.dep_ == "pobj"]
            if objs:
                source = trim(ctx.doc, subtree(objs[0]), keep_quotes=False)
                cue.append(k.i)
    if source and source[-1] + 1 < len(ctx.doc) and ctx.doc[source[-1] + 1].tag_ == "POS":
        cue.append(source[-1] + 1)  # "Moscow['s] claims": PolNeAR puts the clitic with the cue
    direct = quote_of(set(content_l), ctx) is not None
    return Candidate(tok.i, sorted(set(cue)), content_l, source, direct, prob, "noun")


_NO_COMMENT_NOUNS = frozenset({"comment", "response", "reaction"})
# what a source leaves unanswered: "did not reply to emailed questions", "did not return calls"
_UNANSWERED = frozenset({"question", "request", "inquiry", "enquiry", "query", "call", "message", "email"})


def no_comment_candidate(tok: Token, ctx: Ctx) -> Candidate | None:
    """Refusals without a speech verb: "There was no comment from X (on Y)", "X had no immediate
    comment", "X could not be reached for comment" / "was not available for comment".  The source is
    the "from" object or the subject; the content is the noun and what it is about ("on Y")."""
    doc = ctx.doc
    if tok.lemma_.lower() not in _NO_COMMENT_NOUNS | _UNANSWERED or tok.i in ctx.tok_quote:
        return None
    head = tok.head
    if tok.lemma_.lower() in _UNANSWERED:
        return _unanswered(tok, ctx)
    source: list[int] = []
    if any(k.dep_ == "det" and k.lower_ == "no" for k in tok.children) and head.lemma_ in ("be", "have"):
        cue = {head.i} | {k.i for k in tok.children if k.dep_ in ("det", "amod")}
        cue |= {k.i for k in head.children if k.dep_ in ("expl", "aux", "neg")}
        frm = next((k for k in [*tok.children, *head.children] if k.dep_ == "prep" and k.lower_ == "from"), None)
        if head.lemma_ == "be" and frm is not None:
            source = [i for c in frm.children if c.dep_ == "pobj" for i in subtree(c)]
            cue.add(frm.i)
        elif head.lemma_ == "have":
            subj = next((k for k in head.children if k.dep_ == "nsubj"), None)
            source = sorted(subtree(subj)) if subj is not None else []
        if not source:
            return None
        about = {i for k in tok.children if k.dep_ == "prep" and k.lower_ != "from" for i in subtree(k)}
        content = {tok.i} | about
    elif head.dep_ == "prep" and head.lower_ == "for" and head.head.lemma_.lower() in ("reach", "available"):
        verb = head.head if head.head.pos_ in ("VERB", "AUX") else head.head.head
        if not any(k.dep_ == "neg" for k in verb.children):
            return None
        subj = next((k for k in verb.children if k.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None:
            return None
        source = sorted(subtree(subj))
        cue = {verb.i, head.head.i} | {k.i for k in verb.children if k.dep_ in ("aux", "auxpass", "neg")}
        content = {head.i, tok.i}
    else:
        return None
    content_l = trim(doc, content - cue)
    if not content_l:
        return None
    return Candidate(tok.i, sorted(cue), content_l, trim(doc, source, keep_quotes=False), False, 0.6, "no_comment")


def _unanswered(tok: Token, ctx: Ctx) -> Candidate | None:
    """ "X did not reply to emailed questions", "X did not return calls seeking comment"."""
    verb = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "to" else tok.head if tok.dep_ == "dobj" else None
    if verb is None or verb.lemma_.lower() not in ("respond", "reply", "answer", "return"):
        return None
    if not any(k.dep_ == "neg" for k in verb.children):
        return None
    subj = next((k for k in verb.children if k.dep_ == "nsubj"), None)
    if subj is None:
        return None
    cue = {verb.i} | {k.i for k in verb.children if k.dep_ in ("aux", "neg", "advmod") and k.i < verb.i}
    if tok.dep_ == "pobj":
        cue.add(tok.head.i)
    content = trim(ctx.doc, subtree(tok))
    if not content:
        return None
    source = trim(ctx.doc, subtree(subj), keep_quotes=False)
    return Candidate(verb.i, sorted(cue), content, source, False, 0.6, "no_comment")


# Editorial labels before a colon (never a speaker; PolNeAR train: none of these colons is a cue).
_EDITORIAL_LABELS = frozenset(
    {
        "note",
        "notes",
        "correction",
        "corrections",
        "update",
        "updates",
        "clarification",
        "disclosure",
        "related",
        "video",
        "photo",
        "photos",
        "email",
        "source",
        "sources",
    }
)


def colon_candidates(ctx: Ctx) -> list[Candidate]:
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
        if pre[-1].lower_ in _EDITORIAL_LABELS:
            continue  # "Editor's note: …", "Correction: …" label the text, nobody says it
        if any(t.pos_ in ("ADP", "CCONJ") for t in pre):
            continue  # a section title ("Little Relief for Refugees: …"); PolNeAR train: 4 of 17 are cues
        words = [t for t in pre if not t.is_punct]
        # a short capitalised name the tagger calls a noun ("Sanders: …", "Politifact: …")
        short_name = (
            0 < len(words) <= 3
            and all(t.text[:1].isupper() for t in words)
            and not any(t.pos_ in ("ADP", "CCONJ", "DET", "PRON", "ADV") for t in words)
        )
        if not (
            any(t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") for t in pre)
            or pre[-1].lemma_.lower() in SURVEY_NOUNS | {"source", "official", "spokesman", "minister"}
            or short_name
        ):
            continue
        end = colon.i + 1
        while end < len(doc) and not (doc[end].is_space and "\n" in doc[end].text):
            end += 1
        content = trim(doc, list(range(colon.i + 1, end)))
        if len([i for i in content if not doc[i].is_punct]) < 2:
            continue
        source = trim(doc, [t.i for t in pre], keep_quotes=False)
        out.append(
            Candidate(colon.i, [colon.i], content, source, quote_of(set(content), ctx) is not None, 0.6, "headline")
        )
    return out


__all__ = [
    "SURVEY_NOUNS",
    "according_candidate",
    "as_reported_candidate",
    "colon_candidates",
    "in_source_candidate",
    "no_comment_candidate",
    "noun_candidate",
    "signed_quote_candidates",
    "tweet_candidates",
]
