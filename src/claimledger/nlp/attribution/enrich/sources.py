"""Who a source is: its canonical name, kind, role and affiliation, filled into an attribution record.

:func:`fill_source` takes the actors component's listing (or resolves the span itself), resolves
pronouns and descriptions ("he", "the spokesman") to an earlier source with
:mod:`claimledger.nlp.attribution.enrich.coref`, reads the role and affiliation written in the
phrase ("a spokesman for Ukraine's Special Operations Forces") and marks unnamed sources
("officials said", "a source familiar with the talks") ``anonymous``.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Doc, Span

from claimledger.nlp.attribution.enrich.channels import actor_of, is_media
from claimledger.nlp.attribution.enrich.coref import RELATIVE, resolve, root_token
from claimledger.nlp.attribution.enrich.salience import STATEMENT_NOUNS
from claimledger.nlp.doctext import doc_text

__all__ = ["FIRST_PERSON", "clean_source_span", "fill_source", "is_writer"]

_ANON_HEADS = frozenset(
    {
        "official",
        "source",
        "person",
        "people",
        "aide",
        "diplomat",
        "insider",
        "officer",
        "resident",
        "witness",
        "analyst",
        "expert",
        "observer",
        "staffer",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "representative",
        "member",
        "soldier",
        "lawmaker",
        "negotiator",
        "adviser",
        "advisor",
        "investigator",
        "authority",
        "authorities",
    }
)
_ROLE_NOUNS = _ANON_HEADS | frozenset(
    {
        "president",
        "minister",
        "commander",
        "general",
        "chief",
        "head",
        "leader",
        "governor",
        "mayor",
        "ambassador",
        "envoy",
        "secretary",
        "chancellor",
        "director",
        "prosecutor",
        "judge",
        "colonel",
        "captain",
        "sergeant",
        "admiral",
        "premier",
        "king",
        "queen",
        "chairman",
        "chairwoman",
        "candidate",
        "senator",
        "deputy",
        "mp",
        "correspondent",
        "reporter",
        "journalist",
        "editor",
    }
)
_PERSON_ROLES = _ROLE_NOUNS - {"authority", "authorities", "people", "source", "member"}
_PRONOUNS = frozenset({"he", "she", "they", "him", "her", "them", "we", "i", "it"})


def _is_anonymous(span: Span) -> bool:
    """ "officials said", "a source familiar with the talks", "two senior diplomats"."""
    root = root_token(span)
    if any(t.pos_ == "PROPN" and t.ent_type_ not in ("NORP", "GPE") for t in span):
        return False
    if root.lower_ in _PRONOUNS or root.lower_ in RELATIVE:
        return False
    if any(t.dep_ == "poss" for t in root.children):
        return False  # "Ukraine's spokesman" names a post that one person holds
    if root.lemma_.lower() in ("source", "insider", "person", "people") or any(t.lower_ == "familiar" for t in span):
        return True
    return root.lemma_.lower() in _ANON_HEADS and (
        root.tag_ == "NNS"
        or any(t.lower_ in ("a", "an", "one", "two", "three", "several", "some", "senior") for t in root.children)
    )


def _role_affiliation(span: Span) -> tuple[str | None, str | None]:
    """Role and affiliation written in the source phrase ("a spokesman for X", "X spokesman Y")."""
    root = root_token(span)
    role_tok = None
    for tok in [root, *root.children]:
        if tok.dep_ == "appos" and tok.pos_ == "NOUN":
            role_tok = tok
            break
    if role_tok is None and root.pos_ == "NOUN":
        role_tok = root
    if role_tok is None or role_tok.lemma_.lower() not in _ROLE_NOUNS:
        return None, None
    mods = [
        t
        for t in role_tok.children
        if t.dep_ in ("compound", "amod")
        and t.i < role_tok.i
        and t.pos_ != "PROPN"
        and t.ent_type_ not in ("NORP", "GPE")
    ]
    role = " ".join(t.text for t in [*mods, role_tok])
    aff = None
    for k in role_tok.children:
        if k.dep_ == "prep" and k.lower_ in ("for", "of", "at", "with"):
            obj = next((c for c in k.children if c.dep_ == "pobj"), None)
            if obj is not None:
                aff = span.doc[obj.left_edge.i : obj.right_edge.i + 1].text.removeprefix("the ")
        elif k.dep_ == "poss" or (k.dep_ in ("compound", "amod") and (k.pos_ == "PROPN" or k.ent_type_)):
            aff = aff or span.doc[k.left_edge.i : k.i + 1].text.removesuffix("'s").removesuffix("’s")
    return role, aff


def fill_source(
    doc: Doc,
    rec: dict[str, Any],
    span: Span | None,
    sources: list[dict[str, Any]],
    quoted: set[int] | None = None,
) -> None:
    """Fill ``rec``'s ``source_name``, ``source_kind``, ``source_role``, ``source_affiliation`` and
    ``source_entity`` (all None without a source span).

    A first person outside quotation marks ("I knew this was wrong", "we are convinced" in an op-ed
    or a letter) is the writer of the article, never a person named in it: ``source_writer`` is set
    and the name left empty (:func:`claimledger.extract.reading` names the article's author).

    Args:
        doc: the parsed Doc (``doc._.cl_actors`` listed).
        rec: one ``doc._.cl_attributions`` record; changed in place.
        span: its source span, or None.
        sources: the sources resolved so far in text order (pronouns resolve to them); a named,
            non-anonymous source is appended.
        quoted: start offsets of the tokens inside quotation marks (None: not known, no writer).
    """
    for key in ("source_name", "source_kind", "source_role", "source_affiliation", "source_entity"):
        rec.setdefault(key, None)
    if span is None:
        return
    if quoted is not None and is_writer(span, quoted):
        rec["source_writer"] = True
        rec["source_kind"] = "person" if root_token(span).lower_ in ("i", "me") else None
        return
    mention = resolve(doc, span, sources, avoid=[(a, b) for a, b in rec.get("content") or []])
    root = root_token(span)
    if _negative(span):
        rec["unresolved_source"] = True  # "No group has claimed …": nobody made this claim
        return
    if mention is None and (root.lower_ in _PRONOUNS or root.lower_ in RELATIVE or _is_statement(span)):
        rec["source_kind"] = "person" if root.lower_ in ("he", "she", "him", "her", "i") else None
        # "it said", "the statement said" with no author in the text: nobody to attribute it to
        rec["unresolved_source"] = root.lower_ not in RELATIVE
        return
    actor = mention if mention is not None else actor_of(doc, span)
    role, aff = _role_affiliation(span)
    if mention is None and actor.get("kind") in (None, "organization", "person"):
        actor = _unlisted_person(span, actor)
    kind = actor.get("kind")
    if mention is None and _is_anonymous(span):
        kind = "anonymous"
    elif mention is None and kind in (None, "organization") and root.lemma_.lower() in _PERSON_ROLES:
        kind = "person"  # "the spokesman", "a senior commander" with no named antecedent
    elif kind in (None, "organization") and is_media(span):
        kind = "media"
    rec["source_name"] = actor.get("name") or " ".join(span.text.split())
    rec["source_kind"] = kind
    rec["source_role"] = actor.get("role") or role
    rec["source_affiliation"] = actor.get("affiliation") or aff
    rec["source_entity"] = _entity(span, actor, mention)
    if rec["source_entity"] is None and mention is None and _is_place(span, actor):
        rec["source_kind"] = None  # "Aleppo said": a place is no speaker without a governing body
    if kind != "anonymous":
        sources.append(
            {
                "start": span.start_char,
                "end": span.end_char,
                "name": rec["source_name"],
                "kind": kind,
                "role": rec["source_role"],
                "affiliation": rec["source_affiliation"],
                "entity_id": rec["source_entity"],
            }
        )


FIRST_PERSON = frozenset({"i", "me", "we", "us"})


def is_writer(span: Span, quoted: set[int]) -> bool:
    """A first-person source ("I", "we") outside quotation marks: the article's writer speaks."""
    root = root_token(span)
    return root.lower_ in FIRST_PERSON and root.pos_ == "PRON" and root.idx not in quoted


def _negative(span: Span) -> bool:
    """ "No group", "nobody", "none of the parties": a source that says nobody spoke."""
    root = root_token(span)
    return root.lower_ in ("nobody", "none", "noone") or any(
        k.dep_ == "det" and k.lower_ in ("no", "neither") for k in root.children
    )


def _is_statement(span: Span) -> bool:
    """ "the statement", "the report": a document standing for its author."""
    root = root_token(span)
    return root.lemma_.lower() in STATEMENT_NOUNS and not any(t.pos_ == "PROPN" for t in span)


def _is_place(span: Span, actor: dict[str, Any]) -> bool:
    root = root_token(span)
    return root.ent_type_ in ("GPE", "LOC", "FAC") and actor.get("kind") != "government"


def _entity(span: Span, actor: dict[str, Any], mention: dict[str, Any] | None) -> str | None:
    """The entity id of a source, or None for what is no entity: a description without a name ("the
    ministry", "opponents of X"), a pronoun, a name with a dangling dash ("SANA-"), a place used as a
    source without a governing body ("Aleppo said")."""
    if mention is not None:
        return mention.get("entity_id")
    name = str(actor.get("name") or "")
    if actor.get("description") or not name or name.rstrip().endswith(("-", "\u2013", "\u2014")):
        return None
    if root_token(span).lower_ in _PRONOUNS or _is_place(span, actor):
        return None
    named = any(t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE", "FAC") for t in span)
    return actor.get("entity_id") if named else None


def clean_source_span(doc: Doc, rec: dict[str, Any]) -> None:
    """Drop a dateline glued to a source ("SANA- The Syrian army" -> "The Syrian army") and a dash
    left at its end ("SANA-" -> "SANA").

    Args:
        doc: the parsed Doc.
        rec: one ``doc._.cl_attributions`` record; its ``source`` is changed in place.
    """
    src = rec.get("source")
    if not src:
        return
    text = doc_text(doc)[src[0] : src[1]]
    m = re.match(r"\s*[A-Z][A-Z.]{1,}\s*[-\u2013\u2014]+\s*(?=\S)", text)
    if m and len(text) > m.end():
        src = [src[0] + m.end(), src[1]]
    text = doc_text(doc)[src[0] : src[1]]
    stripped = text.rstrip(" -\u2013\u2014")
    if stripped and len(stripped) < len(text):
        src = [src[0], src[0] + len(stripped)]
    rec["source"] = src


_TITLES = frozenset(
    "mr mrs ms dr prof gen general col colonel lt lieutenant maj major capt captain sgt sergeant "
    "adm admiral sen senator rep gov governor president minister sir".split()
)


def _unlisted_person(span: Span, actor: dict[str, Any]) -> dict[str, Any]:
    """A source the actors layer did not list: a run of proper names, optionally after a title,
    is a person ("Major Ilse Brandt" -> Ilse Brandt, role Major)."""
    words = [t for t in span if not t.is_punct]
    root = root_token(span)
    if (
        root.pos_ != "PROPN"
        or not root.text[:1].isupper()
        or is_media(span)
        or root.ent_type_ in ("ORG", "GPE", "NORP", "FAC", "LOC")
    ):
        return actor
    name_toks = [t for t in words if t.i <= root.i and t.pos_ == "PROPN" and t.head.i in (root.i, t.i) or t.i == root.i]
    titles = [t for t in name_toks if t.lower_.rstrip(".") in _TITLES]
    name_toks = [t for t in name_toks if t not in titles]
    if not name_toks or len(name_toks) > 4:
        return actor
    out = dict(actor)
    out["name"] = " ".join(t.text for t in name_toks)
    out["kind"] = "person"
    from claimledger.nlp.actors.component import entity_id  # here: the actors module loads a gazetteer table

    out["entity_id"] = entity_id("person", out["name"])
    out.pop("description", None)
    if titles and not out.get("role"):
        out["role"] = " ".join(t.text for t in titles)
    return out
