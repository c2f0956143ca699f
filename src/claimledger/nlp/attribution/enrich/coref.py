"""Coreference for attribution sources: pronouns and descriptions to a named antecedent.

coreferee cannot be installed here, so this is a small, explainable resolver for the cases news
attribution needs:

* personal pronouns (``he``/``she``/``they``/``it``/``we``/``I``) — the salience ranking of Lappin &
  Leass (1994, "An algorithm for pronominal anaphora resolution", *Computational Linguistics* 20(4),
  535–561; :func:`salience_resolve`): every noun phrase of the pronoun's sentence and the three before
  it is a candidate, weighted by recency (100), subject (80), existential (70), direct object (50),
  indirect object or oblique (40), head noun (80) and non-adverbial (50) emphasis, the weight halved for
  every sentence back; mentions of one entity (one actor name, or a pronoun resolved to it earlier) add
  up; role parallelism adds 35.  Candidates are filtered by agreement — person for he/she/I, singular
  non-person for it, plural or collective for they/we, and gender where the article shows it (Mr/Ms,
  spokeswoman, a pronoun already resolved to the entity) — and by the syntactic filter that an
  attribution's own content holds no antecedent of its source ('“Morale is high,” she said').  The most
  salient candidate wins, the nearest on a tie.  "It" (and "the statement", "the report") resolve to
  the statement's author when the antecedent is a statement ("The ministry issued a statement. It
  said …");
* ``who``/``that`` (relative) -> the noun the relative clause modifies;
* a definite description ("the spokesman", "the minister", "the Ukrainian president", "the
  agency") -> the nearest preceding person whose role contains its head noun, or the nearest
  organisation of the matching kind ("the ministry" -> a government, "the agency" -> media).

Mentions come from ``doc._.cl_actors`` when the actors component ran, plus the sources already
resolved in the same article.  Everything returned is plain data.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span, Token

from claimledger.nlp.attribution.enrich.salience import STATEMENT_NOUNS, salience_resolve, statement_author

MALE = frozenset({"he", "him", "his", "himself"})
FEMALE = frozenset({"she", "her", "hers", "herself"})
PLURAL = frozenset({"they", "them", "their", "themselves"})
RELATIVE = frozenset({"who", "that", "which", "whom"})
_KIND_NOUNS: dict[str, str] = {
    "ministry": "government",
    "government": "government",
    "kremlin": "government",
    "administration": "government",
    "office": "government",
    "cabinet": "government",
    "presidency": "government",
    "embassy": "government",
    "agency": "media",
    "newspaper": "media",
    "paper": "media",
    "broadcaster": "media",
    "outlet": "media",
    "channel": "media",
    "network": "media",
    "daily": "media",
    "army": "military",
    "military": "military",
    "forces": "military",
    "command": "military",
    "brigade": "military",
    "company": "organization",
    "group": "organization",
    "organisation": "organization",
    "organization": "organization",
    "committee": "organization",
    "campaign": "organization",
    "party": "organization",
}
WINDOW_CHARS = 2500  # how far back an antecedent may be


def root_token(span: Span) -> Token:
    """The syntactic head of a span (its first token whose head lies outside it)."""
    for tok in span:
        if tok.head.i < span.start or tok.head.i >= span.end or tok.head.i == tok.i:
            return tok
    return span[0]


def _mentions(
    doc: Doc, sources: list[dict[str, Any]], before: int, avoid: list[tuple[int, int]]
) -> list[dict[str, Any]]:
    """Known mentions ending before ``before`` and outside ``avoid``, nearest first."""
    out = []
    for m in list(doc._.cl_actors or []) + sources:
        if any(a <= m.get("start", 0) < b for a, b in avoid):
            continue
        if m.get("end", 0) <= before and before - m.get("end", 0) <= WINDOW_CHARS and m.get("name"):
            out.append(m)
    out.sort(key=lambda m: -m["end"])
    return out


def resolve(
    doc: Doc, span: Span, sources: list[dict[str, Any]], avoid: list[tuple[int, int]] | None = None
) -> dict[str, Any] | None:
    """The antecedent mention of a pronoun/relative/description source span, or None.

    ``sources`` are mentions already resolved in this article (dicts with ``start, end, name,
    kind, role, affiliation, entity_id``); mentions inside ``avoid`` (the attribution's own
    content: '“Morale is high,” she said' — she is not Morale) are skipped.  The result is one
    of those mention dicts.
    """
    root = root_token(span)
    low = root.lower_
    if low in RELATIVE and root.tag_ in ("WP", "WDT", "DT"):
        clause = root.head
        while clause.dep_ in ("xcomp", "conj") and clause.head.i != clause.i:
            clause = clause.head
        if clause.dep_ == "relcl":
            noun = clause.head
            known: list[dict[str, Any]] = sorted(sources + list(doc._.cl_actors or []), key=lambda m: m["start"])
            for m in known:
                if m["start"] <= noun.idx < m["end"]:
                    return m
            return {"start": noun.left_edge.idx, "end": noun.idx + len(noun), "name": noun.text, "kind": None}
        return None
    if root.pos_ == "PRON" and (low in MALE | FEMALE | PLURAL or low in ("i", "me", "we", "it")):
        found = salience_resolve(doc, span, sources, avoid)
        if found is not None and found.get("kind") == "person" and not found.get("entity_id"):
            # "In defeat, the president appeared cowed. … he barely mentioned it": the description's holder
            holder = _role_holder(doc, found, sources, avoid or [])
            return holder if holder is not None else found
        return found
    candidates = _mentions(doc, sources, span.start_char, avoid or [])
    if root.lemma_.lower() in STATEMENT_NOUNS and not any(t.pos_ == "PROPN" for t in span):
        # "the statement said": its author, written with it ("a statement from X") or at its first mention
        author = statement_author(doc, root)
        if author is None:
            earlier = [t for t in doc[max(0, root.sent.start - 60) : root.i] if t.lemma_ == root.lemma_]
            author = statement_author(doc, earlier[-1]) if earlier else None
        return author
    is_definite = any(t.lower_ in ("the", "this", "that") and t.dep_ == "det" for t in root.children)
    has_name = any(t.pos_ == "PROPN" for t in span)
    if is_definite and not has_name:
        head_noun = root.lemma_.lower()
        for m in candidates:
            if m.get("kind") == "person" and head_noun in _role_words(doc, m):
                return m
        kind = _KIND_NOUNS.get(head_noun)
        if kind is not None:
            return next((m for m in candidates if m.get("kind") == kind), None)
    return None


def _role_holder(
    doc: Doc, found: dict[str, Any], sources: list[dict[str, Any]], avoid: list[tuple[int, int]]
) -> dict[str, Any] | None:
    """The named person holding the role a definite description names ("the president"), or None."""
    desc = doc.char_span(found["start"], found["end"], alignment_mode="expand")
    if desc is None:
        return None
    head = root_token(desc)
    if head.pos_ != "NOUN" or not any(t.lower_ in ("the", "this", "that") and t.dep_ == "det" for t in head.children):
        return None
    for m in _mentions(doc, sources, found["start"], avoid):
        if m.get("kind") == "person" and m.get("entity_id") and head.lemma_.lower() in _role_words(doc, m):
            return m
    return None


def _role_words(doc: Doc, mention: dict[str, Any]) -> set[str]:
    """Lower-case words of a person's role and of the title written before the name."""
    words = set((mention.get("role") or "").lower().split())
    before = doc.char_span(max(0, mention["start"] - 40), mention["start"], alignment_mode="contract")
    tail = [t for t in (before or [])][-3:]
    inside = doc.char_span(mention["start"], mention["end"], alignment_mode="expand")
    for t in [*tail, *(inside or [])]:
        if t.pos_ in ("PROPN", "NOUN") and t.is_title or t.pos_ == "NOUN":
            words.add(t.lemma_.lower())
            words.add(t.lower_.rstrip("."))
    return words


__all__ = ["FEMALE", "MALE", "PLURAL", "RELATIVE", "resolve", "root_token"]
