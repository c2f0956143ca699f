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
salience is the sum of its mentions'.  As in the paper, the he/she of the window are resolved in turn
and count as mentions of their entity (one level deep: "Mr. Varden said he … He went hiking … He
became interested").  Candidates that disagree with the pronoun are filtered out before ranking:

* person and number: he/she/I need one person (an entity once written alone, even if also in "Ruiz
  and Hale"); a person noun without a name counts only as a subject ("the spokesman said", not
  "to name a successor candidate"), and a name in apposition to an organisation noun ("a new
  company, Orlis") is none;
* gender, from a title or role noun (Mr/Mrs/Ms, spokeswoman), the first name
  (:func:`claimledger.nlp.actors.gender.name_gender`) and a he/she already resolved to the entity;
* animacy: "they said"/"it said" stand for people, a body (actors' kinds, ORG/GPE/NORP, the speaker
  nouns of PolNeAR train) or a statement; only a verb of evidence ("it shows", "they illustrate")
  takes a thing, and then "it" is the thing, not the statement's author;
* syntax: a predicate noun ("has been a leader") names no referent; the object of a non-finite
  adjunct whose understood subject is the pronoun ("Campaigning against Hale, he …") is its
  co-argument, not its antecedent; the attribution's own content holds none.

The window is the pronoun's sentence and the three before it, as in the paper's implementation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span, Token

from claimledger.nlp.actors.gender import name_gender, speaker_nouns, word_gender

MALE = frozenset({"he", "him", "his", "himself"})
FEMALE = frozenset({"she", "her", "hers", "herself"})
PLURAL = frozenset({"they", "them", "their", "themselves", "we", "us", "our"})
FIRST_SINGULAR = frozenset({"i", "me", "my"})
NEUTER = frozenset({"it", "its"})
WINDOW_SENTENCES = 3  # sentences before the pronoun's own

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
    singular: bool = False
    genders: set[str] = field(default_factory=set)
    statement: bool = False
    speaker: bool = False  # an organisation, government, army, agency … (what "it said" can stand for)
    animate: bool = False  # a person, a body, or a noun seen speaking in PolNeAR train ("insiders")


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
            if head.dep_ not in ("acl", "relcl") or head.head.pos_ not in ("NOUN", "PROPN"):
                break
            embedded = True  # "a new company, Orlis (pronounced …)": a clause inside a noun phrase
        cur = head
    return w + (0.0 if embedded else 80.0) + (0.0 if adverbial else 50.0)


def _gender_of(doc: Doc, tok: Token, actor: dict[str, Any] | None) -> set[str]:
    """Genders a mention shows: a title or role noun written before it ("Mrs. Benet", "the
    spokeswoman"), or its (canonical) name's first name ("Laura Benet")."""
    words = [t.text for t in doc[max(0, tok.left_edge.i - 3) : tok.i + 1]]
    out = {g for w in words if (g := word_gender(w))}
    if actor is not None and actor.get("kind") == "person" and (g := name_gender(str(actor["name"]))):
        out.add(g)
    return out


def _org_apposition(tok: Token) -> bool:
    """ "a new company, Orlis Healthcare": a name in apposition to an organisation noun is no person."""
    pairs = [k for k in tok.children if k.dep_ == "appos"] + ([tok.head] if tok.dep_ == "appos" else [])
    return any(k.lemma_.lower() in SPEAKER_NOUNS for k in pairs)


def _disjoint(tok: Token, pron: Token) -> bool:
    """Lappin & Leass's syntactic filter, the case of a non-finite adjunct: in "Campaigning against
    Viktor Hale, he barely mentioned it" the understood subject of "campaigning" is the pronoun, so
    the clause's object is a co-argument of the pronoun and not its antecedent."""
    verb = tok.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if verb.dep_ not in ("advcl", "xcomp") or verb.head.i != pron.head.i or pron.dep_ != "nsubj":
        return False
    own_subject = any(k.dep_ in ("nsubj", "nsubjpass", "csubj") for k in verb.children)
    return not own_subject and verb.tag_ in ("VBG", "VBN", "VB")


def _predicative(tok: Token) -> bool:
    """ "has been a leader", "if he's elected president": a predicate noun names no new referent."""
    return tok.dep_ == "oprd" or (tok.dep_ == "attr" and not any(k.dep_ == "expl" for k in tok.head.children))


def _classes(
    doc: Doc, pron: Token, sources: list[dict[str, Any]], avoid: list[tuple[int, int]], chain: bool = True
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
            if any(a <= tok.idx < b for a, b in avoid) or _predicative(tok) or _disjoint(tok, pron):
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
            lemma = tok.lemma_.lower()
            # a person: a named one, or a person noun that is the subject of its clause ("the spokesman
            # said"; not "to name a successor candidate", "the first of a woman president")
            person = kind == "person" or tok.ent_type_ == "PERSON" or (lemma in _PERSON_NOUNS and role == "subj")
            person = person and not _org_apposition(tok)
            cand.person = cand.person or person
            plural = tok.tag_ in ("NNS", "NNPS") or any(k.dep_ == "conj" for k in tok.children)
            cand.plural = cand.plural or plural
            cand.singular = cand.singular or not plural  # "Ruiz and Hale" once, "Ruiz" alone later
            cand.genders |= _gender_of(doc, tok, actor)
            cand.statement = cand.statement or (lemma in STATEMENT_NOUNS and actor is None)
            cand.speaker = cand.speaker or kind in _COLLECTIVE_KINDS or lemma in SPEAKER_NOUNS
            cand.speaker = cand.speaker or tok.ent_type_ in ("ORG", "GPE", "NORP") or _org_apposition(tok)
            cand.animate = cand.animate or person or lemma in _PERSON_NOUNS or lemma in speaker_nouns()
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
    if chain:
        _pronoun_mentions(doc, pron, window, classes, sources)
    return classes


def _pronoun_mentions(
    doc: Doc, pron: Token, window: list[Span], classes: dict[str, Candidate], sources: list[dict[str, Any]]
) -> None:
    """Lappin & Leass resolve every pronoun in turn and a resolved pronoun is a mention of its
    entity: "Mr. Varden said he … He went hiking … his wife … He became interested" keeps Varden
    salient.  The he/she of the window before ``pron`` (not already a resolved source) are resolved
    here from the named mentions alone (one level: no chain of chains) and add their weight."""
    from_sources = {int(src.get("start", -1)) for src in sources}
    pron_role = _role(pron)
    for offset, sent in enumerate(window):
        distance = len(window) - 1 - offset
        for tok in sent:
            if tok.i >= pron.i or tok.pos_ != "PRON" or tok.lower_ not in MALE | FEMALE or tok.idx in from_sources:
                continue
            ranked = _rank(doc, tok, sources, [], chain=False)
            if not ranked:
                continue
            best = ranked[0]
            cand = classes.setdefault(best.key, Candidate(best.key, dict(best.mention), person=True, singular=True))
            role = _role(tok)
            cand.salience += (_weight(tok, role) + (35.0 if role == pron_role else 0.0)) / (2**distance)
            cand.genders.add("m" if tok.lower_ in MALE else "f")
            cand.last = max(cand.last, best.last)


def _agrees(pron: Token, cand: Candidate) -> bool:
    """Person, number, gender and animacy agreement of a pronoun and a candidate."""
    low = pron.lower_
    if low in MALE | FEMALE | FIRST_SINGULAR:
        if not cand.person or not cand.singular:
            return False
        want = "m" if low in MALE else "f" if low in FEMALE else None
        return want is None or not cand.genders or want in cand.genders
    says = not _evidential(pron)  # "they said" needs people or a body; "they show" does not
    if low in NEUTER:  # a source "it" speaks (an organisation, a statement) or shows (a video, a poll)
        return not cand.person and cand.singular and (cand.speaker or cand.statement or not says)
    if low in PLURAL:
        if cand.mention.get("kind") in _COLLECTIVE_KINDS or (cand.speaker and not cand.person):
            return True
        return cand.plural and (cand.animate or cand.speaker or not says)
    return False


# verbs of evidence: their subject may be a thing ("the video shows", "the figures illustrate")
EVIDENTIAL_VERBS = frozenset(
    "show suggest indicate illustrate reveal mean prove demonstrate highlight underscore imply find".split()
)


def _evidential(pron: Token) -> bool:
    return pron.dep_ in ("nsubj", "nsubjpass") and pron.head.lemma_.lower() in EVIDENTIAL_VERBS


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


def _rank(
    doc: Doc, pron: Token, sources: list[dict[str, Any]], avoid: list[tuple[int, int]], chain: bool = True
) -> list[Candidate]:
    """The candidates that agree with ``pron``, most salient first (the nearest on a tie)."""
    classes = _classes(doc, pron, sources, avoid, chain)
    return sorted(
        (c for c in classes.values() if _agrees(pron, c) and c.mention),
        key=lambda c: (-c.salience, -c.last),
    )


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
    ranked = _rank(doc, pron, sources, avoid or [])
    if not ranked:
        return None
    best = ranked[0]
    if best.statement:  # "The ministry issued a statement. It said …": the statement's author
        return statement_author(doc, doc[best.mention["head"]])
    out = {k: v for k, v in best.mention.items() if k != "head"}
    if low in PLURAL:
        group = _coordination(doc, doc[best.mention["head"]])
        if group is not None:  # "Ms. Holt and Mr. Reyes say …, they say": both, not one of them
            out.update(name=group, entity_id=None, end=max(out["end"], best.mention["end"]))
    return out


def _coordination(doc: Doc, head: Token) -> str | None:
    """ "Anna Holt and Mark Reyes" for the head of a coordination of names, else None."""
    conjs = [k for k in head.conjuncts if k.i > head.i]
    if not conjs:
        return None
    actors: list[dict[str, Any]] = list(doc._.cl_actors or [])
    names = []
    for tok in [head, *conjs]:
        actor = next((a for a in actors if a["start"] <= tok.idx < a["end"]), None)
        if actor is None and tok.pos_ != "PROPN":
            return None
        names.append(str(actor["name"]) if actor else tok.text)
    return ", ".join(names[:-1]) + " and " + names[-1]


__all__ = ["SPEAKER_NOUNS", "STATEMENT_NOUNS", "salience_resolve", "statement_author"]
