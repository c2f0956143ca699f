"""Light coreference for attribution sources: pronouns and descriptions to a named antecedent.

coreferee cannot be installed here, so this is a small, explainable resolver for the cases news
attribution needs (after Hobbs-style recency with agreement, as in many rule systems):

* ``he``/``she``/``him``/``her`` -> the nearest preceding person mention (a person source of an
  earlier attribution or a person actor), within a window of sentences;
* ``they``/``them`` -> the nearest preceding plural or collective source (an organisation, a
  government, "officials");
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
    candidates = _mentions(doc, sources, span.start_char, avoid or [])
    if low in MALE or low in FEMALE or low in ("i", "me"):
        found = next((m for m in candidates if m.get("kind") == "person"), None)
        return found or _previous_subject(doc, span, person=True)
    if low in PLURAL or low == "we":
        found = next((m for m in candidates if m.get("kind") not in (None, "person")), None)
        return found or _previous_subject(doc, span, person=False)
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


def _previous_subject(doc: Doc, span: Span, person: bool) -> dict[str, Any] | None:
    """The subject of one of the three previous sentences (nearest first) agreeing in kind:
    a named person for he/she, a group or organisation for they."""
    sents = [s for s in doc.sents if s.end <= span.start]
    for sent in reversed(sents[-3:]):
        for tok in sent:
            if tok.dep_ not in ("nsubj", "nsubjpass") or tok.pos_ == "PRON" or tok.head.dep_ not in ("ROOT",):
                continue
            if person and not (tok.ent_type_ == "PERSON" or tok.pos_ == "PROPN"):
                continue
            if not person and not (
                tok.tag_ in ("NNS", "NNPS")
                or tok.lemma_.lower() in _KIND_NOUNS
                or tok.ent_type_ in ("ORG", "NORP", "GPE")
            ):
                continue
            words = [t for t in tok.subtree if t.i <= tok.i and t.dep_ != "det" and not t.is_punct]
            name = " ".join(t.text for t in words)
            return {
                "start": words[0].idx,
                "end": tok.idx + len(tok),
                "name": name,
                "kind": "person" if person else _KIND_NOUNS.get(tok.lemma_.lower(), "organization"),
            }
    return None


__all__ = ["FEMALE", "MALE", "PLURAL", "RELATIVE", "resolve", "root_token"]
