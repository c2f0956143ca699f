"""Candidates and context of toponyms: which gazetteer entries a mention may mean, and how well each fits.

:func:`eligible` narrows a mention's candidates (a region word, a bigger namesake); :func:`prior`
scores a candidate alone (feature class, population); :func:`score` adds the article's context
(:func:`article_context`), the places named right after or before it (:func:`links`) and the
distance to the other places picked.  :mod:`.resolve` runs the passes.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc

from claimledger.nlp.places.gazetteer import KIND_ALT, KIND_DEMONYM, KIND_NAME, KIND_TOWN_REGION, Entry, haversine_km
from claimledger.nlp.places.mentions import REGION_FEATURES, Mention

__all__ = [
    "NAMESAKE_PENALTY",
    "Links",
    "article_context",
    "eligible",
    "inside",
    "links",
    "listed_with_next",
    "namesake_of_capital",
    "prior",
    "score",
]


def eligible(m: Mention) -> tuple[Entry, ...]:
    """The candidates a mention may mean: by its label, its region word, and the bigger namesakes."""
    cands = m.cands
    if m.label == "NORP":
        return tuple(c for c in cands if c.kind == KIND_DEMONYM)
    out = tuple(c for c in cands if c.kind != KIND_DEMONYM and (c.kind != KIND_TOWN_REGION or m.region_word))
    if m.region_word:
        # "Houston region", "Pacific region": not Houston or Pacific County (only "... county" is)
        if m.region_noun != "county":
            out = tuple(c for c in out if not (c.feature == "ADM2" and c.name.endswith(" County"))) or out
        regions = tuple(c for c in out if c.feature in REGION_FEATURES or c.feature in ("RGN", "SEA"))
        out = regions or out
    else:
        # "Kharkiv", "Odesa": the city, not the region named after it (unless "region" follows);
        # also when both are only alternately so named ("Mecca": Makkah, not its province)
        town_kinds = {
            (c.cc, c.admin1, c.kind)
            for c in out
            if c.feature in ("PPL", "PPLC") and c.kind <= KIND_ALT and c.pop >= 10_000
        }
        out = (
            tuple(
                c
                for c in out
                if not (c.feature == "ADM1" and any((c.cc, c.admin1, k) in town_kinds for k in range(c.kind + 1)))
            )
            or out
        )
        # a district named after its town ("Pokrovsk" raion) is never the town's reading
        towns = {(c.cc, c.admin1) for c in out if c.feature in ("PPL", "PPLC") and c.kind == 0}
        out = tuple(c for c in out if not (c.feature == "ADM2" and (c.cc, c.admin1) in towns)) or out
        # another place's alternate name does not compete with a bigger place's own name
        # ("Pittsburgh" is not Pittsburg, Kansas; "Sao Paulo" is not a village once so named)
        own = max((c.pop for c in out if c.kind == KIND_NAME), default=0)
        if own >= 10_000:
            out = tuple(c for c in out if c.kind != KIND_ALT or c.pop >= own) or out
    return out


def prior(c: Entry, m: Mention) -> float:
    """How likely ``c`` is what ``m`` means, before any context: feature class, population, name kind."""
    s = math.log10(c.pop + 10)
    s += {"PCLI": 6.0, "CONT": 6.0, "RGN": 5.0, "SEA": 4.0, "ADM1": 2.5, "PPLC": 1.5, "ADM2": -1.0}.get(c.feature, 0.0)
    if c.kind == KIND_ALT:
        s -= 0.8
    elif c.feature in ("PCLI", "CONT"):
        s += 3.0  # a country's own name rarely means a town named after it
    elif (
        c.feature == "ADM1"
        and c.kind == KIND_NAME
        and c.pop >= 1_000_000
        and not any(x.feature == "PPLC" for x in m.cands)
    ):
        s += 3.0  # nor a big state's or province's ("England", "Georgia" next to Atlanta), if no capital's
    if c.approx:
        s -= 0.3
    if c.feature == "PPLC" and any(x.feature == "ADM1" and x.cc == c.cc for x in m.cands):
        s += 2.5  # "Buenos Aires", "Washington": the capital, unless "province"/"state" says otherwise
    if m.region_word and c.feature == "ADM1":
        s += 6.0
    elif m.region_word and c.feature == "ADM2":
        s += 5.0
    return s


def namesake_of_capital(c: Entry, m: Mention) -> bool:
    """Is ``c`` a town (or district) named after a country or capital that ``m`` may also mean
    ("Russia", Ohio; "Moscow", Idaho; "Warsaw", Ohio)?  A country always outweighs it; a capital does
    when it is three times as populous ("Athens", Greece over Athens, Georgia; "Victoria", Seychelles
    does not outweigh Victoria, British Columbia)."""
    if c.feature not in ("PPL", "PPLC", "ADM2"):
        return False
    for x in m.cands:
        if x.id == c.id:
            continue
        if x.feature == "PCLI" and x.kind <= KIND_ALT:
            return True
        if x.feature == "PPLC" and x.kind == KIND_NAME and x.pop >= 3 * max(c.pop, 1) and x.pop >= 100_000:
            return True
    return False


#: What a namesake town of a country or capital loses without local evidence: more than any
#: context of the article can give it (country, region, distance: at most 11.5).
NAMESAKE_PENALTY = 12.0


def article_context(mentions: list[Mention]) -> tuple[Counter[str], Counter[tuple[str, str]]]:
    """Countries (weighted by how the article names them) and admin-1 regions of the current picks."""
    countries: Counter[str] = Counter()
    admins: Counter[tuple[str, str]] = Counter()
    for m in mentions:
        p = m.pick
        if p is None or not p.cc:
            continue
        weight = 2 if p.feature in ("PCLI", "ADM1") else 1
        countries[p.cc] += weight
        if p.admin1 and p.feature != "PCLI":
            admins[(p.cc, p.admin1)] += 1
    return countries, admins


def _anchor(doc: Doc, mentions: list[Mention], idx: int) -> list[Mention]:
    """Places named right after this one ("Santa Ana, California", "Novoselivka, a village in X")."""
    m = mentions[idx]
    out = []
    for k, o in enumerate(mentions[idx + 1 : idx + 4], start=idx + 1):
        gap = doc[m.end : o.start]
        if len(gap) <= 8 and gap.text.count(".") == 0 and (len(gap) == 0 or gap[0].text in (",", "(", "in")):
            if gap.text.strip() == "," and listed_with_next(doc, mentions, k):
                continue  # "Washington, Pennsylvania and California": states listed, none holds Washington
            out.append(o)
    return out


def listed_with_next(doc: Doc, mentions: list[Mention], k: int) -> bool:
    """Is mention ``k`` followed, as in a list, by a place of the same class (state, country)?"""
    if k + 1 >= len(mentions):
        return False
    o, n = mentions[k], mentions[k + 1]
    gap = doc[o.end : n.start]
    if not (0 < len(gap) <= 2 and all(t.text == "," or t.lower_ in ("and", "or", "&") for t in gap)):
        return False
    classes = {c.feature for c in o.cands if c.feature in ("ADM1", "PCLI") and c.kind <= KIND_ALT}
    return any(c.feature in classes and c.kind <= KIND_ALT for c in n.cands)


def _siblings(doc: Doc, mentions: list[Mention], idx: int) -> list[Mention]:
    """The mentions listed right before and after this one ("Texas and Georgia", "Armenia, Georgia, Iran")."""
    out = []
    for j in (idx - 1, idx + 1):
        if 0 <= j < len(mentions):
            a, b = sorted((mentions[idx], mentions[j]), key=lambda x: x.start)
            gap = doc[a.end : b.start]
            if 0 < len(gap) <= 2 and all(t.text == "," or t.lower_ in ("and", "or", "&") for t in gap):
                out.append(mentions[j])
    return out


@dataclass
class Links:
    """Candidates of the places this mention's group is named with."""

    anchors: list[tuple[Entry, ...]]  # named right after it: may contain it ("Atlanta, Georgia")
    contained: list[tuple[Entry, ...]]  # named right before it: it may contain them
    siblings: list[tuple[Entry, ...]]  # listed with it: regions of one country, or countries


def links(doc: Doc, mentions: list[Mention], idxs: list[int]) -> Links:
    """The candidates of the places the group ``idxs`` (one text, several mentions) is named with."""
    members = {id(mentions[i]) for i in idxs}
    anchors, contained, siblings = [], [], []
    for i in idxs:
        anchors += [o.cands for o in _anchor(doc, mentions, i) if id(o) not in members]
        siblings += [o.cands for o in _siblings(doc, mentions, i) if id(o) not in members]
        contained += [
            mentions[k].cands
            for k in range(max(0, i - 3), i)
            if id(mentions[k]) not in members and any(o is mentions[i] for o in _anchor(doc, mentions, k))
        ]
    return Links(anchors, contained, siblings)


def inside(c: Entry, region: Entry) -> bool:
    """Is ``c`` within the country or admin-1 region ``region``?"""
    if region.id == c.id or region.cc != c.cc:
        return False
    if region.feature == "PCLI":
        return c.feature != "PCLI"
    return region.feature == "ADM1" and c.admin1 == region.admin1 and c.feature != "ADM1"


def _local_evidence(c: Entry, m: Mention, nearby: Links) -> bool:
    """Does the text place ``c`` itself, not just its country or region?  A region named right after
    it that holds it ("Moscow, Idaho"), a region word ("Moscow County"), or a town listed with it
    that lies within 100 km, or a village or town noun before it ("the communities of San Juan")."""
    if m.region_word or m.small_settlement or any(inside(c, a) for cands in nearby.anchors for a in cands):
        return True
    return any(
        x.id != c.id and x.feature in ("PPL", "PPLC", "ADM2") and haversine_km(c.lat, c.lon, x.lat, x.lon) <= 100
        for cands in nearby.siblings
        for x in cands
    )


def score(
    c: Entry,
    m: Mention,
    countries: Counter[str],
    admins: Counter[tuple[str, str]],
    nearby: Links,
    others: list[tuple[Entry, bool]],
) -> float:
    """The score of candidate ``c`` for mention ``m`` in the article's context.

    Args:
        c: the candidate.
        m: the mention (its group's first one).
        countries: the countries the other picks lie in, weighted (:func:`article_context`).
        admins: the admin-1 regions of the other picks.
        nearby: the candidates of the places named with it (:func:`links`).
        others: the other picks, each with whether it is in the same sentence.
    """
    s = prior(c, m)
    if namesake_of_capital(c, m) and not _local_evidence(c, m, nearby):
        # "Moscow" in a story about Idaho is still Russia's capital; "Moscow, Idaho" is not
        s -= NAMESAKE_PENALTY
    if c.cc and countries:
        s += 3.0 * min(countries[c.cc], 6) / 6 + (1.5 if countries[c.cc] else 0.0)
    if c.cc and c.admin1 and admins.get((c.cc, c.admin1)):
        s += 3.0 if c.feature != "ADM1" else 4.0  # a town of that region is named too
    bonus = {"PCLI": 5.0, "ADM1": 7.0}
    for cands in nearby.anchors:  # "Santa Ana, California": Santa Ana lies in California
        s += max((bonus[a.feature] for a in cands if a.feature in bonus and inside(c, a)), default=0.0)
    if c.feature in bonus:  # "Atlanta, Georgia": the Georgia that holds an Atlanta
        s += bonus[c.feature] * any(inside(x, c) for cands in nearby.contained for x in cands)
        for cands in nearby.siblings:  # "Texas and Georgia": states of one country; countries
            s += 4.0 * any(
                x.feature == c.feature and x.id != c.id and (c.feature == "PCLI" or x.cc == c.cc) for x in cands
            )
    if others and c.feature not in ("PCLI", "CONT", "RGN", "SEA"):
        near = min((haversine_km(c.lat, c.lon, p.lat, p.lon) + (0 if same else 150)) for p, same in others)
        s += 4.0 * max(0.0, 1.0 - near / 400.0)
    return s
