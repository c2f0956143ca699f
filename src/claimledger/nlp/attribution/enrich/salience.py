"""Pronoun resolution by salience (Lappin & Leass 1994), for the sources of attributions.

Lappin, S. & Leass, H. J. (1994). An algorithm for pronominal anaphora resolution.
*Computational Linguistics* 20(4), 535–561.  The salience factors and their weights are the paper's:

=========================  ======  =================================================================
factor                     weight  here (spaCy dependency labels)
=========================  ======  =================================================================
sentence recency           100     every candidate of the window
subject emphasis           80      ``nsubj``/``nsubjpass``/``csubj``
existential emphasis       70      ``attr`` of "there is"
accusative emphasis        50      ``dobj``
indirect object, oblique   40      ``dative``, ``pobj`` of a verb's preposition
head noun emphasis         80      the noun is not inside another noun phrase (no noun above it)
non-adverbial emphasis     50      not inside an adverbial prepositional phrase
parallelism (pronoun)      35      same grammatical role as the pronoun
=========================  ======  =================================================================

A candidate's weight is halved for every sentence between it and the pronoun; the mentions of one
entity (one canonical actor name; a pronoun resolved to it earlier) form an equivalence class whose
salience is the sum of its mentions'.  Candidates that disagree with the pronoun are filtered out
before ranking: person and number (he/she/I: one person; it: one non-person; they/we: a plural or a
collective), and gender where the article shows it (Mr/Mrs/Ms, spokesman/spokeswoman, a he/she already
resolved to the entity).  The window is the pronoun's sentence and the three before it, as in the
paper's implementation; mentions inside the attribution's own content are not candidates (the content
is what the source says, and a pronoun does not corefer with a co-argument of its own clause).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span, Token

MALE = frozenset({"he", "him", "his", "himself"})
FEMALE = frozenset({"she", "her", "hers", "herself"})
PLURAL = frozenset({"they", "them", "their", "themselves", "we", "us", "our"})
FIRST_SINGULAR = frozenset({"i", "me", "my"})
NEUTER = frozenset({"it", "its"})
WINDOW_SENTENCES = 3  # sentences before the pronoun's own

_MALE_WORDS = frozenset(
    "mr mr. sir lord king prince spokesman chairman congressman councilman businessman husband father "
    "son brother uncle".split()
)
_FEMALE_WORDS = frozenset(
    "mrs mrs. ms ms. miss madam dame lady queen princess spokeswoman chairwoman congresswoman "
    "councilwoman businesswoman wife mother daughter sister aunt".split()
)
_PERSON_NOUNS = frozenset(
    "spokesman spokeswoman spokesperson minister president commander general official governor mayor "
    "ambassador envoy secretary chancellor director prosecutor judge senator lawmaker chief leader "
    "candidate premier king queen officer adviser advisor aide analyst expert witness resident".split()
)
_COLLECTIVE_KINDS = frozenset({"government", "military", "media", "organization"})
# nouns of bodies that speak ("the ministry said", "the agency reported")
SPEAKER_NOUNS = frozenset(
    "ministry government army agency company group party office embassy police military committee council "
    "court campaign organisation organization administration kremlin newspaper network channel union bank "
    "commission board department force command movement coalition alliance militia authority "
    "broadcaster station service".split()
)
# statements whose author "it" and "the statement" stand for
STATEMENT_NOUNS = frozenset(
    {"statement", "report", "letter", "communique", "communiqué", "release", "document", "post", "tweet", "note"}
)


@dataclass
class Candidate:
    """One equivalence class of mentions: an entity and its salience."""

    key: str
    mention: dict[str, Any]  # the latest named mention (start, end, name, kind, ...)
    salience: float = 0.0
    last: int = -1  # character offset of the latest mention (ties go to the nearest)
    person: bool = False
    plural: bool = False
    genders: set[str] = field(default_factory=set)
    statement: bool = False
    speaker: bool = False  # an organisation, government, army, agency … (what "it said" can stand for)


def _role(tok: Token) -> str:
    if tok.dep_ in ("nsubj", "nsubjpass", "csubj"):
        return "subj"
    if tok.dep_ == "attr" and any(k.dep_ == "expl" for k in tok.head.children):
        return "exist"
    if tok.dep_ == "dobj":
        return "obj"
    if tok.dep_ in ("dative", "pobj"):
        return "obl"
    return "other"


def _weight(tok: Token, role: str) -> float:
    """Lappin & Leass salience of one mention before the per-sentence halving."""
    w = 100.0 + {"subj": 80.0, "exist": 70.0, "obj": 50.0, "obl": 40.0}.get(role, 0.0)
    cur, embedded, adverbial = tok, False, False
    for _ in range(6):
        head = cur.head
        if head.i == cur.i:
            break
        if head.pos_ in ("NOUN", "PROPN") and cur.dep_ not in ("appos", "conj"):
            embedded = True  # "the leader of the party": party is inside another noun phrase
        if cur.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
            adverbial = adverbial or head.lower_ not in ("to", "with", "from", "by")
        if head.pos_ in ("VERB", "AUX"):
            break
        cur = head
    return w + (0.0 if embedded else 80.0) + (0.0 if adverbial else 50.0)


def _gender_of(doc: Doc, start: int, end: int, tok: Token) -> set[str]:
    words = [t.lower_ for t in doc[max(0, tok.left_edge.i - 3) : tok.i + 1]]
    out = set()
    if any(w in _MALE_WORDS for w in words):
        out.add("m")
    if any(w in _FEMALE_WORDS for w in words):
        out.add("f")
    return out


def _classes(
    doc: Doc, pron: Token, sources: list[dict[str, Any]], avoid: list[tuple[int, int]]
) -> dict[str, Candidate]:
    sents = [s for s in doc.sents if s.start <= pron.i]
    window = sents[-(WINDOW_SENTENCES + 1) :]
    here = len(sents) - 1
    actors: list[dict[str, Any]] = list(doc._.cl_actors or [])
    classes: dict[str, Candidate] = {}
    pron_role = _role(pron)
    for offset, sent in enumerate(window):
        distance = len(window) - 1 - offset
        for tok in sent:
            if tok.i >= pron.i or tok.pos_ not in ("PROPN", "NOUN") or tok.dep_ in ("compound", "amod"):
                continue
            if any(a <= tok.idx < b for a, b in avoid):
                continue
            actor = next((a for a in actors if a["start"] <= tok.idx < a["end"]), None)
            for appos in (k for k in tok.children if k.dep_ == "appos") if actor is None else ():
                # "the ambassador, Mr. Karl Horn": one entity, named in apposition
                actor = next((a for a in actors if a["start"] <= appos.idx < a["end"]), None)
                if actor is not None:
                    break
            if actor is None and tok.pos_ == "PROPN" and tok.ent_type_ not in ("PERSON", "ORG", "NORP", "GPE"):
                continue
            name = actor["name"] if actor else " ".join(t.text for t in tok.subtree if t.i <= tok.i and t.dep_ != "det")
            key = (actor["name"] if actor else tok.lemma_).lower()
            role = _role(tok)
            sal = _weight(tok, role) + (35.0 if role == pron_role else 0.0)
            cand = classes.setdefault(key, Candidate(key, {}))
            cand.salience += sal / (2**distance)
            kind = actor.get("kind") if actor else None
            person = kind == "person" or tok.ent_type_ == "PERSON" or tok.lemma_.lower() in _PERSON_NOUNS
            cand.person = cand.person or person
            cand.plural = cand.plural or tok.tag_ in ("NNS", "NNPS") or any(k.dep_ == "conj" for k in tok.children)
            cand.genders |= _gender_of(doc, tok.idx, tok.idx + len(tok), tok)
            cand.statement = cand.statement or (tok.lemma_.lower() in STATEMENT_NOUNS and actor is None)
            cand.speaker = cand.speaker or kind in _COLLECTIVE_KINDS or tok.lemma_.lower() in SPEAKER_NOUNS
            cand.speaker = cand.speaker or tok.ent_type_ in ("ORG", "GPE", "NORP")
            if tok.idx > cand.last:
                cand.last = tok.idx
                start = actor["start"] if actor else tok.left_edge.idx
                cand.mention = dict(actor) if actor else {"start": start, "end": tok.idx + len(tok), "name": name}
                cand.mention.setdefault("kind", kind if kind else ("person" if person else None))
                cand.mention["head"] = tok.i
    # earlier resolved sources: a pronoun resolved to an entity is a mention of that entity
    first = window[0].start_char if window else 0
    for src in sources:
        if not (first <= src.get("start", -1) < pron.idx) or not src.get("name"):
            continue
        key = str(src["name"]).lower()
        known = classes.get(key)
        if known is None:
            continue
        cand = known
        span = doc.char_span(src["start"], src["end"], alignment_mode="expand")
        if span is None:
            continue
        low = span.root.lower_
        cand.genders |= {"m"} if low in MALE else {"f"} if low in FEMALE else set()
        at = next((i for i, s in enumerate(sents) if s.start <= span.root.i < s.end), here)
        if span.root.pos_ == "PRON":  # a subject mention of the entity: recency, subject, head, non-adverbial
            cand.salience += (100.0 + 80.0 + 80.0 + 50.0) / (2 ** max(0, here - at))
    return classes


def _agrees(pron: str, cand: Candidate) -> bool:
    if pron in MALE | FEMALE | FIRST_SINGULAR:
        if not cand.person or cand.plural:
            return False
        want = "m" if pron in MALE else "f" if pron in FEMALE else None
        return want is None or not cand.genders or want in cand.genders
    if pron in NEUTER:  # a source "it" is something that speaks: an organisation, or a statement
        return not cand.person and not cand.plural and (cand.speaker or cand.statement)
    if pron in PLURAL:
        return cand.plural or cand.mention.get("kind") in _COLLECTIVE_KINDS or (cand.speaker and not cand.person)
    return False


def statement_author(doc: Doc, noun: Token) -> dict[str, Any] | None:
    """Who made the statement ``noun`` names: "X issued a statement", "a statement from/by X", "X's
    statement"; None when the text does not say."""
    for k in noun.children:
        if k.dep_ == "poss":
            return _phrase(doc, k)
        if k.dep_ == "prep" and k.lower_ in ("from", "by", "of"):
            obj = next((c for c in k.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.lemma_.lower() not in STATEMENT_NOUNS:
                return _phrase(doc, obj)
    verb = noun.head
    if noun.dep_ in ("dobj", "nsubjpass") and verb.pos_ in ("VERB", "AUX"):
        agent = next((c for k in verb.children if k.dep_ == "agent" for c in k.children if c.dep_ == "pobj"), None)
        subj = next((k for k in verb.children if k.dep_ == "nsubj"), None) if noun.dep_ == "dobj" else agent
        if subj is not None and subj.pos_ != "PRON":
            return _phrase(doc, subj)
    return None


def _phrase(doc: Doc, tok: Token) -> dict[str, Any]:
    actors: list[dict[str, Any]] = list(doc._.cl_actors or [])
    actor = next((a for a in actors if a["start"] <= tok.idx < a["end"]), None)
    if actor is not None:
        return dict(actor)
    words = [t for t in tok.subtree if t.i <= tok.i and t.dep_ != "det" and t.tag_ != "POS"]
    return {"start": words[0].idx, "end": tok.idx + len(tok), "name": " ".join(t.text for t in words), "kind": None}


def salience_resolve(
    doc: Doc, span: Span, sources: list[dict[str, Any]], avoid: list[tuple[int, int]] | None = None
) -> dict[str, Any] | None:
    """The antecedent of the pronoun ``span`` (a mention dict), or None.

    Args:
        doc: the parsed Doc (``doc._.cl_actors`` listed when the actors component ran).
        span: the pronoun (its root is the pronoun token).
        sources: sources resolved so far in this article (``start, end, name, kind`` ...).
        avoid: character ranges holding no antecedent (the attribution's own content).
    """
    pron = span.root
    low = pron.lower_
    if low not in MALE | FEMALE | PLURAL | FIRST_SINGULAR | NEUTER:
        return None
    classes = _classes(doc, pron, sources, avoid or [])
    ranked = sorted(
        (c for c in classes.values() if _agrees(low, c) and c.mention),
        key=lambda c: (-c.salience, -c.last),
    )
    if not ranked:
        return None
    best = ranked[0]
    if best.statement:  # "The ministry issued a statement. It said …": the statement's author
        return statement_author(doc, doc[best.mention["head"]])
    return {k: v for k, v in best.mention.items() if k != "head"}


__all__ = ["SPEAKER_NOUNS", "STATEMENT_NOUNS", "salience_resolve", "statement_author"]
