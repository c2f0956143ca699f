"""Resolution of toponyms: one gazetteer entry per mention, from priors, then the article's context.

:func:`resolve` picks by :func:`~claimledger.nlp.places.context.prior`, then twice by
:func:`~claimledger.nlp.places.context.score` (the second pass measures distances to the first
pass's picks), one sense per discourse; then leaves unresolved what the text says the gazetteer
lacks (:func:`drop_stray_hamlets`, :func:`drop_contradicted`).
"""

from __future__ import annotations

from spacy.tokens import Doc

from claimledger.nlp.places.context import article_context, eligible, inside, links, listed_with_next, prior, score
from claimledger.nlp.places.gazetteer import KIND_ALT, KIND_DEMONYM, haversine_km
from claimledger.nlp.places.mentions import Mention

__all__ = ["STRAY_MAX_POP", "STRAY_MIN_KM", "drop_contradicted", "drop_stray_hamlets", "resolve"]


def resolve(doc: Doc, mentions: list[Mention]) -> None:
    """Pick one gazetteer entry per mention: priors, then context (two passes).

    One sense per discourse: mentions with the same text in an article share their anchors
    ("Santa Ana, California" ... "Santa Ana") and get the same pick.
    """
    for m in mentions:
        m.cands = eligible(m)
        m.pick = max(m.cands, key=lambda c: prior(c, m), default=None)
    groups: dict[tuple[str, bool, str], list[int]] = {}
    for i, m in enumerate(mentions):
        groups.setdefault((m.text.lower(), m.region_word, m.label), []).append(i)
    for _ in range(2):
        countries, admins = article_context(mentions)
        picks = [(m, m.pick) for m in mentions if m.pick is not None]
        for idxs in groups.values():
            m0 = mentions[idxs[0]]
            if len(m0.cands) < 2:
                continue
            group_links = links(doc, mentions, idxs)
            members = {id(mentions[i]) for i in idxs}
            sents = {doc[mentions[i].start].sent.start for i in idxs} if doc.has_annotation("SENT_START") else set()
            others = [
                (p, bool(sents) and doc[o.start].sent.start in sents)
                for o, p in picks
                if id(o) not in members and p.feature not in ("PCLI", "CONT", "RGN", "SEA") and p.kind != KIND_DEMONYM
            ]
            own, own_a = article_context([mentions[i] for i in idxs])  # the group's own picks are no context
            ctx, ctx_a = countries - own, admins - own_a
            best = max(m0.cands, key=lambda c: score(c, m0, ctx, ctx_a, group_links, others))
            for i in idxs:
                mentions[i].pick = best
    drop_stray_hamlets(mentions)
    drop_contradicted(doc, mentions)


STRAY_MAX_POP = 5_000
STRAY_MIN_KM = 2_000.0


def drop_stray_hamlets(mentions: list[Mention]) -> None:
    """Leave unresolved a pick that is a hamlet (under ``STRAY_MAX_POP`` people), or a town matched
    only by an alternate spelling ("Suba" for Suva), of a country the article names nowhere else,
    over ``STRAY_MIN_KM`` from every other place it names: the text means something the gazetteer
    lacks (a London street, an island, a Kenyan district), not that place.  So is a small district
    or town read for "<Name> province/region" when the article names countries, but not its own
    ("Nyanza province" in a story about Kenya is not Rwanda's Nyanza District)."""
    picks = [(m, m.pick) for m in mentions if m.pick is not None and m.pick.kind != KIND_DEMONYM]
    named = {p.cc for m, p in picks if p.feature == "PCLI"} | {
        m.pick.cc for m in mentions if m.pick is not None and m.pick.kind == KIND_DEMONYM
    }
    for m, p in picks:
        if m.region_word and named and p.cc not in named and p.feature in ("PPL", "ADM2") and p.pop < 100_000:
            if not any(q.cc == p.cc for o, q in picks if o.text.lower() != m.text.lower()):
                m.pick = None  # "Nyanza province" in a story about Kenya is not Rwanda's Nyanza
                continue
        if p.feature not in ("PPL", "PPLC") or p.approx or (p.pop >= STRAY_MAX_POP and p.kind != KIND_ALT):
            continue
        others = [q for o, q in picks if q.cc and q.id != p.id and o.text.lower() != m.text.lower()]
        if not others or any(q.cc == p.cc for q in others):
            continue
        if all(haversine_km(p.lat, p.lon, q.lat, q.lon) > STRAY_MIN_KM for q in others):
            m.pick = None


def drop_contradicted(doc: Doc, mentions: list[Mention]) -> None:
    """Leave unresolved a town whose text places it in a state or country ("Stroud, Ontario") that
    holds none of its candidates: the gazetteer lacks that town, and a namesake elsewhere is wrong."""
    for idx, m in enumerate(mentions):
        if m.pick is None or m.pick.feature not in ("PPL", "PPLC", "ADM2"):
            continue
        if idx + 1 >= len(mentions):
            continue
        gap = doc[m.end : mentions[idx + 1].start]
        if gap.text.strip() != "," and not (  # "Stroud, Ontario"; "Kalam in the Swat Valley, Pakistan"
            len(gap) <= 8 and len(gap) and gap[0].lower_ == "in" and "." not in gap.text
        ):
            continue
        o = mentions[idx + 1]
        region = o.pick
        if region is None or region.feature not in ("ADM1", "PCLI"):
            continue
        if listed_with_next(doc, mentions, idx + 1):
            continue  # "Washington, Pennsylvania and California": a list, not a town and its state
        if region.cc == m.pick.cc and (region.feature == "PCLI" or region.admin1 == m.pick.admin1):
            continue
        if not any(inside(c, region) for c in m.cands):
            m.pick = None
