"""Metonymy: a toponym that names a government or its forces ("Moscow announced") is an actor.

Rules over the dependency parse (after Markert & Nissim 2007, "SemEval-2007 Task 08: Metonymy
Resolution", whose *place-for-people* class covers these uses):

1. subject of a speech, cognition or state-action verb: "Moscow announced", "Kyiv sees",
   "Pyongyang deployed", "Russia has accused", also when conjoined ("Moscow and Pyongyang never
   confirming") or passive agent ("was denied by Beijing");
2. object of *with/between* after a relation noun: "negotiations with Moscow", "talks between Kyiv
   and Moscow", "relations with Washington";
3. possessor of an agent noun: "Moscow's forces", "Kyiv's offensive", "Pyongyang's troops";
4. a seat of government used as a name ("the Kremlin", "the White House", "Downing Street");
5. object of a verb whose object is someone who acts or answers for acts: "accused Moscow of",
   "urged Kyiv to", "blamed Damascus for", "called on Tehran to", "praised Ankara".

Only capitals, countries and first-level regions can be metonymic here (a village does not
announce); the caller decides which spans qualify.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

SPEECH_COGNITION_ACTION = frozenset(
    """
    say tell announce claim deny accuse warn confirm insist state declare urge demand threaten reject
    condemn criticize criticise welcome respond argue acknowledge admit vow pledge promise refuse
    dismiss blame allege complain protest insist maintain signal hint suggest propose offer agree
    disagree see believe consider view want hope fear expect regard think know recognise recognize
    deploy send sanction impose sign negotiate invade attack annex expel ban approve veto order
    supply provide seek plan intend try decide recall summon retaliate withdraw mobilize mobilise
    mobilise launch accept oppose support back fund arm pressure insist boycott host invite
    lodge summon respond retort comment
    """.split()
)
RELATION_NOUNS = frozenset(
    """
    negotiation negotiations talk talks relation relations tie ties dialogue deal deals agreement
    treaty accord contact contacts cooperation co-operation partnership alliance dispute tensions
    tension rift standoff conflict war peace ceasefire truce summit meeting meetings
    """.split()
)
AGENT_NOUNS = frozenset(
    """
    force forces troop troops army military government officials official leadership leader
    leaders regime position stance claim claims decision offensive counteroffensive ally allies
    diplomat diplomats envoy ambassador minister ministry president spokesman spokeswoman
    spokesperson intelligence soldiers navy air-force policy demands demand response refusal
    campaign strategy
    """.split()
)
# Verbs whose direct object (or "call on"'s object) can only be an agent: a place there is its people.
AGENT_OBJECT_VERBS = frozenset(
    """
    accuse blame urge condemn criticize criticise praise thank warn persuade pressure pressurise
    pressurize lobby implore exhort rebuke reprimand chastise fault commend congratulate
    """.split()
)
SEATS_OF_GOVERNMENT = frozenset(
    "kremlin|white house|downing street|pentagon|elysee|élysée|quai d'orsay|zhongnanhai|blue house|"
    "foggy bottom|whitehall|bankova".split("|")
)


def _head_of(span: Span) -> Token:
    return span.root


def _verb_subject(tok: Token) -> bool:
    """``tok`` (or the first conjunct it hangs on) is the subject of a metonymy verb."""
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    if tok.dep_ in ("nsubj", "nsubjpass", "csubj"):
        verb = tok.head
        if tok.dep_ == "nsubjpass":
            return False
        return verb.lemma_.lower() in SPEECH_COGNITION_ACTION or (
            verb.lemma_.lower() == "be"
            and any(c.dep_ == "acomp" and c.lemma_ in ("ready", "willing", "prepared") for c in verb.children)
        )
    if tok.dep_ == "pobj" and any(
        c.dep_ == "pcomp" and c.i > tok.i and c.lemma_.lower() in SPEECH_COGNITION_ACTION for c in tok.head.children
    ):
        return True  # "despite Moscow never confirming ..."
    if tok.dep_ == "pobj" and tok.head.head.tag_ == "VBG" and tok.head.head.i > tok.i:
        return tok.head.head.lemma_.lower() in SPEECH_COGNITION_ACTION  # same, parsed the other way
    if tok.dep_ == "pobj" and tok.head.lower_ == "by" and tok.head.dep_ == "agent":
        return tok.head.head.lemma_.lower() in SPEECH_COGNITION_ACTION
    return False


def _relation_object(tok: Token) -> bool:
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    if tok.dep_ != "pobj" or tok.head.lower_ not in ("with", "between", "to"):
        return False
    prep = tok.head
    return prep.head.lemma_.lower() in RELATION_NOUNS or prep.head.lower_ in RELATION_NOUNS


def _agent_object(tok: Token) -> bool:
    """``tok`` is the object of a verb that takes an agent ("accused Moscow of"), or "called on X to"."""
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    if tok.dep_ == "dobj":
        return tok.head.lemma_.lower() in AGENT_OBJECT_VERBS
    if tok.dep_ == "pobj" and tok.head.lower_ in ("on", "upon"):
        return tok.head.head.lemma_.lower() == "call"
    return False


def _agent_possessor(tok: Token, doc: Doc) -> bool:
    if tok.dep_ != "poss":
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if not (nxt is not None and nxt.tag_ == "POS"):
            return False
    head = tok.head
    if head.i <= tok.i:
        # attached elsewhere: look right past "'s" and adjectives
        j = tok.i + 1
        while j < len(doc) and (doc[j].tag_ == "POS" or doc[j].pos_ in ("ADJ", "PUNCT")):
            j += 1
        if j >= len(doc):
            return False
        head = doc[j]
    return head.lemma_.lower() in AGENT_NOUNS or head.lower_ in AGENT_NOUNS


def is_seat_of_government(text: str) -> bool:
    """True for names like "the Kremlin" that stand for a government."""
    t = text.lower().removeprefix("the ").strip()
    return t in SEATS_OF_GOVERNMENT


def metonymy_reason(doc: Doc, start: int, end: int) -> str | None:
    """Why the token span ``doc[start:end]`` names an actor rather than a place, or None if literal."""
    span = doc[start:end]
    if is_seat_of_government(span.text):
        return "seat-of-government"
    if not doc.has_annotation("DEP"):
        return None
    tok = _head_of(span)
    if _verb_subject(tok):
        return "subject-of-" + tok.head.lemma_.lower()
    if _relation_object(tok):
        return "relation-object"
    if _agent_object(tok):
        return "object-of-" + (tok.head.head if tok.dep_ == "pobj" else tok.head).lemma_.lower()
    if _agent_possessor(tok, doc):
        return "agent-possessor"
    return None


__all__ = [
    "AGENT_NOUNS",
    "AGENT_OBJECT_VERBS",
    "RELATION_NOUNS",
    "SEATS_OF_GOVERNMENT",
    "SPEECH_COGNITION_ACTION",
    "is_seat_of_government",
    "metonymy_reason",
]
