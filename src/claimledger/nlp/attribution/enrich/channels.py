"""Reporting chains: who a claim passed through on its way to the article (``channel``).

Hops are listed nearest intermediary first.  Patterns (all over the spaCy parse):

* "X said, according to AFP" — an *according to* phrase in the cue's clause, outside the content;
* "X said, as reported by AFP" / "as quoted by" / "as cited by";
* "X told AFP", "X said in an interview with CNN", "X told reporters from the BBC", "speaking to
  Reuters" — a news organisation the source spoke to;
* "as per NYT reports" — a report noun owned by a news organisation;
* embedded reports: "According to the New York Times, Kovalenko estimated that …" and "CNN reported
  that the minister said …" are one attribution in PolNeAR's scheme (the outer one).  For the
  ledger, :func:`unnest` turns them into the inner attribution (Kovalenko estimated …) whose channel
  starts with the outer source (New York Times).
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span, Token

from claimledger.nlp.attribution.enrich.coref import root_token

_REPORT_VERBS = frozenset({"report", "quote", "cite", "carry", "publish", "broadcast", "air"})
_SPOKE_TO = frozenset({"tell", "speak", "talk", "say", "write", "give"})
_INTERVIEW_NOUNS = frozenset(
    {"interview", "conversation", "comments", "remarks", "statement", "call", "briefing", "appearance"}
)
# cues whose source is a relay rather than the speaker when the content holds a report
_RELAY_CUES = frozenset({"according", "per", "in", "report", "cite", "quote", "carry", "publish"})
_MEDIA_HINTS = frozenset(
    {
        "news",
        "times",
        "post",
        "agency",
        "tv",
        "television",
        "radio",
        "press",
        "journal",
        "herald",
        "tribune",
        "telegraph",
        "gazette",
        "media",
        "newspaper",
        "daily",
        "reuters",
        "afp",
        "ap",
        "bbc",
        "cnn",
        "tass",
        "interfax",
        "ria",
        "xinhua",
        "ukrinform",
        "yonhap",
        "kyodo",
        "bloomberg",
        "al",
        "jazeera",
        "report",
        "reports",
    }
)


def _span(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def actor_of(doc: Doc, span: Span) -> dict[str, Any]:
    """Name/kind of the actor a span names (the actors component when present, else the text)."""
    head = root_token(span)
    actors: list[dict[str, Any]] = doc._.cl_actors or []
    # the phrase's head decides, then a name in apposition ("a spokesman for the army, Lauri Pikk"):
    # "Opponents of President X" are not X, whatever actor their modifiers name
    for tok in [head, *(k for k in head.children if k.dep_ == "appos")]:
        for rec in actors:
            if rec["start"] <= tok.idx < rec["end"]:
                return rec
    if head.pos_ == "NOUN" and _is_description(head):
        text = " ".join(span.text.split())
        for det in ("the ", "The "):
            text = text.removeprefix(det)
        kind = "media" if is_media(span) else _head_kind(head)
        return {"name": text, "kind": kind, "start": span.start_char, "end": span.end_char, "description": True}
    from claimledger.nlp.actors.component import (
        resolve_actor,  # imported here: the actors module loads a gazetteer table
    )

    found = resolve_actor(doc, span.start_char, span.end_char)
    if found:
        return found
    text = span.text.removeprefix("the ").removeprefix("The ")
    return {"name": text, "kind": "media" if is_media(span) else None, "start": span.start_char, "end": span.end_char}


def _is_description(head: Token) -> bool:
    """A common-noun phrase ("the ministry", "opponents of X", "a spokesman for Y"), not a name the
    tagger called a noun ("Trump said"): lower case, plural, determined or modified by a preposition."""
    return (
        head.is_lower
        or head.tag_ == "NNS"
        or any(k.dep_ == "det" for k in head.children)
        or any(k.dep_ == "prep" and k.lower_ in ("of", "for", "at", "with") for k in head.children)
    )


def _head_kind(head: Token) -> str | None:
    """The kind a description's head noun names (forces -> military, ministry -> government …)."""
    from claimledger.nlp.actors.component import GOVERNMENT_HEADS, MEDIA_HEADS, MILITARY_HEADS

    low = head.lower_
    if low in MILITARY_HEADS or head.lemma_.lower() in MILITARY_HEADS:
        return "military"
    if low in GOVERNMENT_HEADS or low in ("authorities", "police"):
        return "government"
    if low in MEDIA_HEADS:
        return "media"
    if head.lemma_.lower() in (
        "group",
        "party",
        "opposition",
        "company",
        "organisation",
        "organization",
        "committee",
        "campaign",
        "union",
        "movement",
        "coalition",
        "alliance",
    ):
        return "organization"
    return None


def is_media(span: Span) -> bool:
    """A news organisation by its words (agency names, "News", "Times", "TV" …)."""
    return any(t.lower_ in _MEDIA_HINTS for t in span) or any(
        t.ent_type_ == "ORG" and t.text.isupper() and 2 <= len(t.text) <= 5 for t in span
    )


def _hop(doc: Doc, tok: Token) -> dict[str, Any]:
    """A channel hop for the noun phrase headed by ``tok``."""
    left = min(t.i for t in tok.subtree if not t.is_punct) if list(tok.subtree) else tok.i
    right = max(t.i for t in tok.subtree if not t.is_punct)
    # keep the name, not a trailing clause ("AFP, which ...")
    for k in tok.children:
        if k.dep_ in ("relcl", "acl", "appos") and k.i > tok.i:
            right = min(right, k.left_edge.i - 1)
    while right > tok.i and doc[right].is_punct:
        right -= 1
    span = doc[left : right + 1]
    if span[0].lower_ == "the" and len(span) > 1:
        span = span[1:]
    actor = actor_of(doc, span)
    kind = actor.get("kind")
    if kind in (None, "organization") and is_media(span):
        kind = "media"
    return {"name": actor.get("name") or span.text, "kind": kind, "start": span.start_char, "end": span.end_char}


def _pobj(prep: Token) -> Token | None:
    return next((c for c in prep.children if c.dep_ == "pobj"), None)


def _add_if_news(hops: list[tuple[int, dict[str, Any]]], rank: int, obj: Token | None) -> None:
    """Add ``obj``'s phrase as a hop when it names a news organisation (or any organisation)."""
    if obj is None:
        return
    phrase = obj.doc[obj.left_edge.i : obj.right_edge.i + 1]
    if is_media(phrase) or obj.ent_type_ == "ORG":
        hops.append((rank, _hop(obj.doc, obj)))


def channel_hops(doc: Doc, head: Token, content: set[int], source: set[int]) -> list[dict[str, Any]]:
    """Intermediaries named around the cue verb ``head`` (nearest first, see module docstring)."""
    hops: list[tuple[int, dict[str, Any]]] = []  # (rank, hop): lower rank = nearer the speaker
    taken = content | source
    for k in head.children:
        if k.i in taken:
            continue
        low = k.lower_
        # "told AFP", "told reporters from the BBC"
        if k.dep_ in ("dobj", "dative") and head.lemma_.lower() in _SPOKE_TO:
            frm = next((c for c in k.children if c.dep_ == "prep" and c.lower_ in ("from", "for", "at")), None)
            obj = _pobj(frm) if frm is not None else None
            _add_if_news(hops, 0, obj or k)
        # "speaking to Reuters", "said to CNN"
        elif k.dep_ == "prep" and low in ("to", "with"):
            _add_if_news(hops, 0, _pobj(k))
        # "in an interview with CNN", "in comments to AFP", "in a BBC interview"
        elif k.dep_ == "prep" and low in ("in", "during"):
            noun = _pobj(k)
            if noun is not None and noun.lemma_.lower() in _INTERVIEW_NOUNS:
                for c in noun.children:
                    if c.dep_ == "prep" and c.lower_ in ("with", "to", "on"):
                        _add_if_news(hops, 0, _pobj(c))
                    elif c.dep_ == "poss":
                        _add_if_news(hops, 0, c)
        # "Speaking to Reuters, the governor said …"
        elif k.dep_ in ("advcl", "xcomp") and k.lemma_.lower() in ("speak", "talk", "write") and k.tag_ == "VBG":
            for c in k.children:
                if c.dep_ == "prep" and c.lower_ in ("to", "with"):
                    _add_if_news(hops, 0, _pobj(c))
        # "as reported by AFP", "as quoted by TASS"
        elif k.dep_ in ("advcl", "advmod", "prep") and k.lemma_.lower() in _REPORT_VERBS:
            agent = next((c for c in k.children if c.dep_ == "agent"), None)
            obj = _pobj(agent) if agent is not None else None
            if obj is not None:
                hops.append((1, _hop(doc, obj)))
    # "X said Y, the state news agency Tanjug reported": a news organisation reporting the report
    # (the parser hangs the relay clause on the cue, or the cue on the relay)
    relays = [head.head] if head.dep_ in ("ccomp", "parataxis") and head.head.i != head.i else []
    relays += [k for k in head.children if k.dep_ in ("ccomp", "parataxis") and k.i not in taken]
    for relay in relays:
        if relay.lemma_.lower() not in _REPORT_VERBS | {"say"}:
            continue
        subj = next((c for c in relay.children if c.dep_ == "nsubj"), None)
        if subj is not None and subj.i not in taken and is_media(doc[subj.left_edge.i : subj.right_edge.i + 1]):
            hops.append((2, _hop(doc, subj)))
    # "…, X said, according to AFP": anywhere in the cue's sentence, outside content and source
    for tok in head.sent:
        if tok.i in taken or tok.lower_ != "according" or tok.i + 1 >= len(doc):
            continue
        obj = _pobj(doc[tok.i + 1])
        if obj is not None and not (set(t.i for t in obj.subtree) & taken):
            hops.append((2, _hop(doc, obj)))
    seen: set[str] = set()
    out = []
    for _, hop in sorted(hops, key=lambda h: (h[0], h[1]["start"])):
        if hop["name"] not in seen:
            seen.add(hop["name"])
            out.append(hop)
    return out


def _inner_report(doc: Doc, content: list[Token], is_speech: Any) -> Token | None:
    """A reporting verb that heads the content and has its own subject inside it."""
    ids = {t.i for t in content}
    for tok in content:
        if tok.pos_ not in ("VERB", "AUX") or not is_speech(tok):
            continue
        subj = next((k for k in tok.children if k.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or subj.i not in ids:
            continue
        # the verb must govern most of the content (not sit in a relative clause)
        if sum(1 for t in tok.subtree if t.i in ids) * 2 >= len(ids):
            return tok
    return None


def unnest(doc: Doc, records: list[dict[str, Any]], lexicon: Any, make_record: Any) -> list[dict[str, Any]]:
    """Replace relay attributions ("according to X, Y said Z") by the embedded one, X first in its
    channel.  ``make_record(token_index)`` builds the record an embedded verb heads (or None)."""
    out = []
    for rec in records:
        cue = [t for s, e in rec.get("cue") or [] for t in (_span(doc, s, e) or [])]
        content = [t for s, e in rec.get("content") or [] for t in (_span(doc, s, e) or [])]
        relay = bool(cue) and (
            cue[0].lower_ in ("according", "as", "per", "in") or any(t.lemma_.lower() in _RELAY_CUES for t in cue)
        )
        src = _span(doc, *rec["source"]) if rec.get("source") else None
        if not relay and (src is None or not is_media(src)):
            out.append(rec)
            continue

        def speech(tok: Token) -> bool:
            return bool(lexicon.is_speech_verb(tok.lemma_.lower()))

        inner_tok = _inner_report(doc, content, speech)
        inner = make_record(inner_tok.i) if inner_tok is not None else None
        if inner is None or not inner.get("source") or not inner.get("content"):
            out.append(rec)
            continue
        hop = None
        if src is not None:
            hop = _hop(doc, root_token(src))
        inner["channel_outer"] = [hop] if hop else []
        inner["origin"] = rec.get("origin", inner.get("origin"))
        inner["unnested_from"] = {"cue": rec.get("cue"), "source": rec.get("source")}
        out.append(inner)
    return out


__all__ = ["actor_of", "channel_hops", "is_media", "unnest"]
