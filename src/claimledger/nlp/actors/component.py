"""``claimledger_actors``: people, organisations and governments, canonicalised within an article.

Writes ``doc.spans["cl_actor"]`` (label = kind) and ``doc._.cl_actors``: dicts with ``start, end``
(character offsets into ``doc.text``), ``name`` (canonical), ``kind`` (person, government,
military, media, organization), ``role``, ``affiliation``, ``entity_id`` and ``metonymy``.

* People: titles are dropped ("Gen Anna Kovalenko" -> "Anna Kovalenko"); a surname alone links
  to the earlier full name; a role and affiliation come from the words before the name
  ("Ukrainian President", "Kremlin spokesman") or an apposition after it ("X, a spokesman for Y");
  a role phrase alone ("the Ukrainian president") links to the person who holds it in the article.
* Organisations: a small curated table (``resources/actors/known.tsv``: AFP = Agence
  France-Presse, NYT = New York Times, the Kremlin ...) gives names that are the same across
  articles; otherwise the head noun decides the kind (forces -> military, ministry -> government,
  news/times -> media).
* Governments: a country or capital used for its government ("Moscow announced", "Russia has
  accused", decided by :mod:`claimledger.nlp.places.metonymy`) -> the country's name, ``metonymy: True``.

``entity_id`` is a hash of kind and canonical name, so the same actor has the same id in every
article.  :func:`resolve_actor` maps any span (e.g. an attribution's source) to an actor record.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from claimledger.nlp import extensions  # noqa: F401  (registers doc._.cl_*)
from claimledger.nlp.doctext import doc_text
from claimledger.nlp.places.gazetteer import KIND_DEMONYM, get_gazetteer, norm_key
from claimledger.nlp.places.metonymy import is_seat_of_government, metonymy_reason

KNOWN_PATH = Path(__file__).parents[1] / "resources" / "actors" / "known.tsv"
TITLES = frozenset(
    "mr mrs ms dr prof gen general col colonel lt lieutenant maj major capt captain sgt sergeant adm admiral "
    "sen senator rep gov governor pres president sir dame lord brig cmdr commander".split()
)
ROLE_WORDS = frozenset(
    """
    president vice prime minister ministers spokesman spokeswoman spokesperson commander chief leader head
    official officials governor mayor ambassador envoy secretary chancellor king queen director adviser
    advisor analyst expert professor lawmaker senator deputy general colonel lieutenant captain sergeant
    admiral military army defence defense foreign interior intelligence security press commander-in-chief
    chairman chairwoman chair premier foreign-minister representative negotiator aide officer
    """.split()
)
MILITARY_HEADS = frozenset(
    "forces force army military troops brigade battalion command navy guard units unit regiment".split()
)
GOVERNMENT_HEADS = frozenset(
    "ministry government parliament council office administration cabinet kremlin presidency".split()
)
MEDIA_HEADS = frozenset(
    "news times post agency tv television radio press journal herald tribune telegraph gazette media newspaper".split()
)
_GOV_FEATURES = frozenset({"PCLI", "PPLC"})


@lru_cache(maxsize=1)
def known_actors() -> dict[str, tuple[str, str, str | None]]:
    """Normalised alias -> (canonical name, kind, affiliation) from the curated table."""
    out: dict[str, tuple[str, str, str | None]] = {}
    for line in KNOWN_PATH.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, aliases, kind, aff = (line.split("\t") + ["", "", ""])[:4]
        for alias in [name, *filter(None, aliases.split("|"))]:
            out[norm_key(alias)] = (name, kind, aff or None)
    return out


def entity_id(kind: str, name: str) -> str:
    """Stable id of a canonical actor: the same in every article (a person's by
    :func:`claimledger.nlp.actors.names.person_key`: titles, diacritics and transliterations folded)."""
    from claimledger.nlp.actors.names import person_key

    key = person_key(name) if kind == "person" else norm_key(name)
    base = f"{'government' if kind == 'government' else 'actor'}:{key}"
    return "ent_" + hashlib.sha256(base.encode("utf-8")).hexdigest()[:12]


def _record(
    start: int,
    end: int,
    name: str,
    kind: str,
    role: str | None = None,
    affiliation: str | None = None,
    metonymy: bool = False,
) -> dict[str, Any]:
    return {
        "start": start,
        "end": end,
        "name": name,
        "kind": kind,
        "role": role,
        "affiliation": affiliation,
        "entity_id": entity_id(kind, name),
        "metonymy": metonymy,
    }


def _country_of_demonym(word: str) -> str | None:
    for e in get_gazetteer().lookup(word):
        if e.kind == KIND_DEMONYM:
            return e.name
    return None


def _strip_title(span: Span) -> Span:
    i = span.start
    while i < span.end - 1 and span.doc[i].lower_.rstrip(".") in TITLES:
        i += 1
    return span.doc[i : span.end]


def _premodifiers(doc: Doc, start: int) -> tuple[str | None, str | None, int]:
    """Role and affiliation from the words before a name: "Ukrainian military commander Gen"."""
    i = start
    role_toks: list[str] = []
    affiliation = None
    while i > 0:
        t = doc[i - 1]
        low = t.lower_.rstrip(".")
        if low in ROLE_WORDS or low in TITLES:
            if low not in TITLES or low in ("president", "general", "governor", "commander", "senator"):
                role_toks.insert(0, t.text)
            i -= 1
            continue
        break
    if i > 0 and role_toks:
        t = doc[i - 1]
        two = doc[i - 2 : i].text if i > 1 and doc[i - 2].is_title else ""
        country = _country_of_demonym(two) if two else None
        if country:
            affiliation, i = country, i - 2
        elif t.is_title and (country := _country_of_demonym(t.text)):
            affiliation, i = country, i - 1
        elif t.is_title and t.ent_type_ in ("ORG", "GPE", "NORP", "PERSON", ""):
            k = known_actors().get(norm_key(t.text))
            if k or t.ent_type_ in ("ORG", "GPE"):
                affiliation, i = (k[0] if k else t.text), i - 1
    role = " ".join(role_toks) if role_toks else None
    return role, affiliation, i


_APPOS = re.compile(
    r"^\s*,\s+(?:a|an|the)\s+((?:[\w-]+\s+){0,3}?[\w-]+)\s+(?:for|of|at|with|to)\s+(?:the\s+)?([^,.;]+)"
)


def _apposition(doc: Doc, end_char: int) -> tuple[str | None, str | None]:
    m = _APPOS.match(doc_text(doc)[end_char : end_char + 160])
    if not m or not any(w.lower() in ROLE_WORDS for w in m.group(1).split()):
        return None, None
    return m.group(1), m.group(2).strip()


def _org_kind(text: str) -> str:
    words = norm_key(text).split()
    head = words[-1] if words else ""
    if head in MILITARY_HEADS or any(w in MILITARY_HEADS for w in words[-2:]):
        return "military"
    if head in GOVERNMENT_HEADS:
        return "government"
    if head in MEDIA_HEADS:
        return "media"
    return "organization"


class ActorsComponent:
    """Find and canonicalise actors; see the module docstring."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def initialize(self, get_examples: Any = None, *, nlp: Language | None = None) -> None:
        """Load the curated table and the gazetteer now."""
        known_actors()
        get_gazetteer().lookup("Ukraine")

    def __call__(self, doc: Doc) -> Doc:
        records = actors_of(doc)
        doc._.cl_actors = records
        doc.spans["cl_actor"] = [s for r in records if (s := doc.char_span(r["start"], r["end"], label=r["kind"]))]
        return doc


def _metonym_spans(doc: Doc) -> list[tuple[int, int, str | None]]:
    """(start token, end token, country name) of toponyms used for a government."""
    from claimledger.nlp.places.component import METONYM_KEY

    if METONYM_KEY in doc.user_data:
        out = []
        for r in doc.user_data[METONYM_KEY]:
            span = doc.char_span(r["start"], r["end"], alignment_mode="expand")
            if span is not None and not is_seat_of_government(span.text):
                entry = get_gazetteer().country(r["country"]) if r.get("country") else None
                country = entry.name if entry is not None else None
                out.append((span.start, span.end, country))
        return out
    out = []
    for ent in doc.ents:
        if ent.label_ in ("GPE", "PERSON", "ORG"):
            cands = [
                c for c in get_gazetteer().lookup(ent.text) if c.feature in _GOV_FEATURES and c.kind != KIND_DEMONYM
            ]
            if cands and metonymy_reason(doc, ent.start, ent.end):
                best = max(cands, key=lambda c: c.pop)
                entry = get_gazetteer().country(best.cc) if best.cc else None
                country = entry.name if entry is not None else None
                out.append((ent.start, ent.end, country))
    return out


def actors_of(doc: Doc) -> list[dict[str, Any]]:
    """The actor records of a parsed doc (used by the component and by :func:`resolve_actor`)."""
    records: list[dict[str, Any]] = []
    taken: set[int] = set()
    for s, e, country in _metonym_spans(doc):
        span = doc[s:e]
        name = country or span.text
        records.append(_record(span.start_char, span.end_char, name, "government", affiliation=name, metonymy=True))
        taken.update(range(s, e))
    for span in doc.spans.get("cl_place", []):
        taken.update(range(span.start, span.end))  # toponyms the NER took for organisations
    people: list[dict[str, Any]] = []
    for ent in doc.ents:
        if any(i in taken for i in range(ent.start, ent.end)) and ent.label_ != "PERSON":
            continue
        if any(i in taken for i in range(ent.start, ent.end)) and ent.label_ == "PERSON" and len(ent) == 1:
            continue
        if ent.label_ == "PERSON" or _surname_of_earlier(ent, people):
            rec = _person_record(doc, ent, people)
            if rec is not None:
                records.append(rec)
                people.append(rec)
        elif ent.label_ in ("ORG", "NORP") or (ent.label_ in ("GPE", "FAC") and is_seat_of_government(ent.text)):
            text = ent.text.removeprefix("the ").removeprefix("The ")
            k = known_actors().get(norm_key(text)) or known_actors().get(norm_key(ent.text))
            if k:
                seat = is_seat_of_government(text)  # "the Kremlin said": a government named by its seat
                records.append(_record(ent.start_char, ent.end_char, k[0], k[1], affiliation=k[2], metonymy=seat))
            elif ent.label_ == "ORG":
                records.append(_record(ent.start_char, ent.end_char, text, _org_kind(text)))
    records.extend(_surname_mentions(doc, people, records))
    records.extend(_role_mentions(doc, people, taken))
    records.sort(key=lambda r: r["start"])
    return records


def _person_record(doc: Doc, ent: Span, people: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The record of a person named by ``ent`` (title and possessive dropped, linked to an earlier
    mention of the same person); None for a capital the NER took for a person."""
    core = _strip_title(ent)
    while len(core) > 1 and core[-1].tag_ == "POS":  # "Paul Benet's"
        core = core[:-1]
    lookup = get_gazetteer().lookup(core.text)
    if lookup and any(c.feature in _GOV_FEATURES for c in lookup) and len(core) == 1:
        return None  # a capital the NER took for a person, used literally
    role, aff, first = _premodifiers(doc, core.start)
    a_role, a_aff = _apposition(doc, core.end_char)
    role, aff = role or a_role, aff or a_aff
    name = core.text
    earlier = _link_person(people, core)
    if earlier is not None:
        name = earlier["name"]
        role, aff = role or earlier["role"], aff or earlier["affiliation"]
    return _record(doc[first].idx if role or aff else core.start_char, core.end_char, name, "person", role, aff)


def _surname_of_earlier(ent: Span, people: list[dict[str, Any]]) -> bool:
    """ "Fowler said" tagged ORG after "Don Fowler": a lone word that is the surname of a person named
    earlier in the article is that person (an NER confusion)."""
    if ent.label_ not in ("ORG", "NORP", "GPE") or len(ent) != 1 or ent.label_ == "GPE" and ent.root.dep_ != "nsubj":
        return False
    return any(len(p["name"].split()) > 1 and p["name"].split()[-1] == ent.text for p in people)


def _link_person(people: list[dict[str, Any]], core: Span) -> dict[str, Any] | None:
    """The earlier person a name repeats: the same name, or else the *first* full name ending in this
    surname whose gender does not contradict the title ("Mrs. Benet" is not Paul Benet).  News
    introduces its protagonist first and names a namesake relative in full each time ("Ted Cruz …
    Heidi Cruz … Cruz said"), so a lone surname goes to the first full name, not the latest."""
    from claimledger.nlp.actors.gender import name_gender, word_gender

    same = next((p for p in reversed(people) if p["name"] == core.text), None)  # the latest: roles carry on
    if same is not None or len(core.text.split()) != 1:
        return same
    title = word_gender(core.doc[core.start - 1].text) if core.start > 0 else None
    for person in people:
        full = person["name"].split()
        if title is not None and name_gender(person["name"]) not in (None, title):
            continue
        if len(full) > 1 and core.text == full[-1]:
            return person
    return None


def _surname_mentions(doc: Doc, people: list[dict[str, Any]], records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Surnames the NER missed ("Duda later told ...") after the full name was given."""
    first_at: dict[str, dict[str, Any]] = {}
    for p in people:
        parts = p["name"].split()
        if len(parts) > 1:
            first_at.setdefault(parts[-1], p)
    out = []
    covered = [(r["start"], r["end"]) for r in records]
    for tok in doc:
        first = first_at.get(tok.text)
        if first is None or tok.idx < first["end"] or not tok.is_title:
            continue
        if any(s <= tok.idx < e for s, e in covered):
            continue
        out.append(
            _record(tok.idx, tok.idx + len(tok.text), first["name"], "person", first["role"], first["affiliation"])
        )
    return out


_ROLE_PHRASE = re.compile(
    r"\bthe\s+([A-Z][a-z]+)\s+(president|prime minister|foreign minister|defence minister|defense minister|leader"
    r"|army chief|commander-in-chief)\b",
    re.I,
)


def _role_mentions(doc: Doc, people: list[dict[str, Any]], taken: set[int]) -> list[dict[str, Any]]:
    """ "the Ukrainian president" -> the person of the article holding that role."""
    out = []
    for m in _ROLE_PHRASE.finditer(doc_text(doc)):
        country = _country_of_demonym(m.group(1))
        if not country:
            continue
        role = m.group(2).lower()
        holder = next(
            (p for p in people if (p["role"] or "").lower().endswith(role) and p["affiliation"] == country), None
        )
        if holder is not None and not any(p["start"] <= m.start() < p["end"] for p in people):
            out.append(_record(m.start(), m.end(), holder["name"], "person", holder["role"], country))
    return out


def resolve_actor(doc: Doc, start: int, end: int) -> dict[str, Any] | None:
    """The actor named by the character span ``[start, end)`` of ``doc.text`` (e.g. a source span).

    Prefers the actor record with the largest overlap (a person over an organisation when
    "Kremlin spokesman Ivan Petrov" holds both); a span that overlaps no record is classified
    by its head noun ("intelligence agencies" -> organization).  None for an empty span.
    """
    if end <= start:
        return None
    records = doc._.cl_actors if doc._.cl_actors is not None else actors_of(doc)
    best, best_ov = None, 0
    for r in records:
        ov = min(end, r["end"]) - max(start, r["start"])
        if ov > 0 and (ov > best_ov or (r["kind"] == "person" and best is not None and best["kind"] != "person")):
            best, best_ov = r, ov
    if best is not None:
        return dict(best)
    text = doc_text(doc)[start:end].strip()
    if not text or not any(c.isalpha() for c in text):
        return None
    k = known_actors().get(norm_key(text.removeprefix("the ").removeprefix("The ")))
    if k:
        return _record(start, end, k[0], k[1], affiliation=k[2])
    return _record(start, end, text, _org_kind(text))


@Language.factory("claimledger_actors", default_config={}, assigns=["doc._.cl_actors"])
def make_actors(nlp: Language, name: str) -> ActorsComponent:
    """Factory of :class:`ActorsComponent`."""
    return ActorsComponent(nlp, name)


__all__ = ["ActorsComponent", "actors_of", "entity_id", "known_actors", "make_actors", "resolve_actor"]
