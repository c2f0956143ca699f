"""Events merged across the articles of one story, with the sides and origins behind them.

Two article events are the same happening when they have the same type, the same or a nearby place
and a compatible date (rules in :func:`places_compatible` and :func:`dates_compatible`); the story
assignment already tells apart two strikes on two towns in one week, so within a story these rules
only keep apart what one story reports beside its main event (the deployment beside the clashes).
A casualty report then folds into the one violent event of the story it belongs to (an attack, a
clash, a protest, violence against civilians: its toll is that event's toll), except that
soldiers' losses never fold into violence against civilians.

Each merged event lists every article (wire copies too: ``articles`` counts them) and the
independent ``origins`` behind its supporting claims, and ``one_sided`` is True when every
supporting claim's source belongs to one and the same side (:func:`side_of`: the country its
affiliation, name or role names), e.g. Ukrainian officials only.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from claimledger.models import Claim, Place, Reading, stable_id
from claimledger.reconcile.events import (
    KIND_BY_NAME,
    VIOLENT,
    Answer,
    ArticleEvent,
    EventKind,
    place_record,
    read_events,
)
from claimledger.reconcile.geo import km_apart

NEARBY_KM = 50.0
DATE_SLACK_DAYS = 1
_COMBATANTS = re.compile(r"\b(troops|soldiers|fighters|forces|servicemen|militants|combatants)\b", re.IGNORECASE)
_WORD = re.compile(r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?")


@dataclass
class MergedEvent:
    """An event of a story while it is assembled from article events."""

    kind: EventKind
    parts: list[ArticleEvent] = field(default_factory=list)
    folded: list[ArticleEvent] = field(default_factory=list)  # casualty reports folded into it
    answers_contesting: list[str] = field(default_factory=list)  # denials from articles without the event
    answers_refusing: list[str] = field(default_factory=list)

    def all_parts_claims(self) -> list[str]:
        """The supporting claims of every part."""
        return [c for p in self.all_parts for c in p.claims]

    @property
    def all_parts(self) -> list[ArticleEvent]:
        return self.parts + self.folded

    @property
    def place(self) -> Place | None:
        """The place most of its parts name (ties: the more precise, then the first)."""
        located = [p.place for p in self.all_parts if p.place is not None]
        if not located:
            return None
        keys = Counter(p.gazetteer_id or p.name for p in located)
        return min(located, key=lambda p: (-keys[p.gazetteer_id or p.name], -_specificity(p)))

    @property
    def date(self) -> str | None:
        content = [v for p in self.all_parts for v, _ in p.content_dates]
        if content:
            counts = Counter(content)
            return min(counts, key=lambda v: (-counts[v], v))
        return min((v for p in self.all_parts for v, _ in p.statement_dates), default=None)

    @property
    def dated_by_content(self) -> bool:
        """True when the date comes from a claim's content (else it is a statement date: a bound)."""
        return any(p.content_dates for p in self.all_parts)


def _specificity(place: Place) -> int:
    feature = place.feature or ""
    return 3 if feature.startswith("PPL") else 2 if feature.startswith("ADM") or feature == "RGN" else 1


def places_compatible(a: Place | None, b: Place | None) -> int:
    """How well two places agree: 3 the same place, 2 nearby (within :data:`NEARBY_KM`, or a region
    and a place in it), 1 unknown or one is the other's country, 0 incompatible."""
    if a is None or b is None:
        return 1
    if (a.gazetteer_id and a.gazetteer_id == b.gazetteer_id) or (a.name and a.name == b.name):
        return 3
    far = km_apart(a, b)
    if far is not None and far <= NEARBY_KM:
        return 2
    coarse, fine = sorted((a, b), key=_specificity)
    if _specificity(coarse) == 1:
        return 1  # a country: too coarse to tell two happenings of one story apart (it may be a party)
    if a.country == b.country and _specificity(coarse) == 2 and coarse.admin1 and coarse.admin1 == fine.admin1:
        return 2
    return 0


def date_range(value: str) -> tuple[date, date] | None:
    """The first and last day an ISO date value covers (2025, 2025-03, 2025-03-10, 2025-W11)."""
    try:
        if re.fullmatch(r"\d{4}-W\d{2}", value):
            first = date.fromisocalendar(int(value[:4]), int(value[6:8]), 1)
            return first, first + timedelta(days=6)
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value[:10]) and len(value) >= 10:
            day = date.fromisoformat(value[:10])
            return day, day
        if re.fullmatch(r"\d{4}-\d{2}", value):
            first = date(int(value[:4]), int(value[5:7]), 1)
            nxt = date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first, nxt - timedelta(days=1)
        if re.fullmatch(r"\d{4}", value):
            return date(int(value), 1, 1), date(int(value), 12, 31)
    except ValueError:
        return None
    return None


def dates_compatible(a: str | None, b: str | None, *, a_bound: bool = False, b_bound: bool = False) -> bool:
    """Unknown dates agree with any; a month contains its days and a week its days; two dates at most
    :data:`DATE_SLACK_DAYS` apart (a night attack is "Sunday" in one report and "Monday" in another).
    A statement date (``*_bound``) only bounds the event: it happened on or before it, so it agrees
    with any earlier date."""
    if not a or not b:
        return True
    ra, rb = date_range(a), date_range(b)
    if ra is None or rb is None:
        return a.startswith(b) or b.startswith(a)
    slack = timedelta(days=DATE_SLACK_DAYS)
    if a_bound and b_bound:
        return True
    if a_bound:  # the event b happened by a
        return rb[0] <= ra[1] + slack
    if b_bound:
        return ra[0] <= rb[1] + slack
    return ra[0] <= rb[1] + slack and rb[0] <= ra[1] + slack


def _best(candidates: Sequence[MergedEvent], part: ArticleEvent) -> MergedEvent | None:
    best: tuple[int, int] | None = None
    pick = None
    for i, m in enumerate(candidates):
        score = places_compatible(m.place, part.place)
        bounds = {"a_bound": not m.dated_by_content, "b_bound": not part.content_dates}
        if score == 0 or not dates_compatible(m.date, part.date, **bounds):
            continue
        if best is None or (score, -i) > best:
            best, pick = (score, -i), m
    return pick


def merge(parts: Sequence[ArticleEvent], claims: Mapping[str, Claim]) -> list[MergedEvent]:
    """Article events (in publication order) merged into the story's events (module docstring)."""
    merged: list[MergedEvent] = []
    for part in parts:
        same_kind = [m for m in merged if m.kind.name == part.kind.name]
        home = _best(same_kind, part)
        if home is None:
            merged.append(MergedEvent(part.kind, [part]))
        else:
            home.parts.append(part)
    violent = [m for m in merged if m.kind.name in VIOLENT]
    out = []
    for m in merged:
        if m.kind.name != "casualties" or not violent:
            out.append(m)
            continue
        texts = " ".join(claims[c].content.text for p in m.parts for c in p.claims if c in claims)
        targets = [
            v for v in violent if not (_COMBATANTS.search(texts) and v.kind.name == "violence_against_civilians")
        ]
        home = _best(targets, _as_part(m))
        if home is None:
            out.append(m)
        else:
            home.folded.extend(m.parts)
    return out


def _as_part(m: MergedEvent) -> ArticleEvent:
    part = ArticleEvent(m.kind, m.parts[0].doc_id, m.place)
    part.content_dates = [d for p in m.parts for d in p.content_dates]
    part.statement_dates = [d for p in m.parts for d in p.statement_dates]
    return part


# ---- sides -------------------------------------------------------------------------------------
@lru_cache(maxsize=4096)
def _countries(text: str) -> frozenset[str]:
    """Country codes named in ``text`` by a country name or demonym ("Ukraine's", "Russian")."""
    from claimledger.nlp.places.gazetteer import KIND_DEMONYM, get_gazetteer

    gaz = get_gazetteer()
    found: set[str] = set()
    for m in _WORD.finditer(text):
        for cand in (m.group(0), m.group(0).split()[0]):
            cand = re.sub(r"['’]s$", "", cand)
            hits = [e for e in gaz.lookup(cand) if e.cc and (e.kind == KIND_DEMONYM or e.feature == "PCLI")]
            if hits:
                found.add(hits[0].cc or "")
                break
    return frozenset(found - {""})


def side_of(claim: Claim) -> str | None:
    """The side (an ISO country code) a claim's source belongs to, as its affiliation, name or role
    gives it; None for the writer, for sources of no country (the UN, an agency) and for sources
    naming several ("Western, South Korean, and Ukrainian intelligence agencies")."""
    src = claim.source
    if src is None:
        return None
    for part in (src.affiliation, src.name, src.role, src.text):
        if not part:
            continue
        found = _countries(part)
        if len(found) == 1:
            return next(iter(found))
        if len(found) > 1:
            return None
    return None


# ---- records -----------------------------------------------------------------------------------
@lru_cache(maxsize=512)
def country_name(cc: str) -> str | None:
    """The English name of the country ``cc`` (ISO alpha-2) from the gazetteer, or None."""
    from claimledger.nlp.places.gazetteer import get_gazetteer

    entry = get_gazetteer().country(cc)
    return entry.name if entry else None


def _with_country_name(place: dict[str, Any] | None) -> dict[str, Any] | None:
    """The place record with ``country_name`` (exports such as ACLED's name the country)."""
    if place is None or not place.get("country"):
        return place
    return {**place, "country_name": country_name(str(place["country"]))}


def _unique(items: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def event_record(
    m: MergedEvent,
    story_id: str,
    claims: Mapping[str, Claim],
    copies: Mapping[str, Sequence[str]],
    origin_of_claim: Callable[[Claim], str],
) -> dict[str, Any]:
    """The fields of one merged event (``models.Event`` keyword arguments, less the fatalities)."""
    parts = m.all_parts
    supporting = _unique([c for p in parts for c in p.claims])
    contesting = tuple(
        c for c in _unique([c for p in parts for c in p.contesting] + m.answers_contesting) if c not in supporting
    )
    refusing = _unique([c for p in parts for c in p.refusing] + m.answers_refusing)
    docs = _unique([p.doc_id for p in parts])
    doc_ids = _unique([d for doc in docs for d in (doc, *copies.get(doc, ()))])
    actor_counts = Counter(a for p in parts for a, _ in p.actors)
    actors = tuple(sorted(actor_counts, key=lambda a: -actor_counts[a])[:4])
    subs = Counter[str]()
    for p in m.parts:  # the folded casualty reports say nothing of the event's sub-type
        subs.update(p.sub_types)
    sides = [side_of(claims[c]) for c in supporting if c in claims]
    place = m.place
    date = m.date
    place_trace = next((p.place_trace for p in parts if p.place is place), None)
    date_trace = next((t for p in parts for v, t in (*p.content_dates, *p.statement_dates) if v == date), None)
    key = (place.name or place.text) if place else ""
    evidence: dict[str, Any] = {
        "type": [t.to_record() for p in parts for t in p.triggers],
        "place": place_trace.to_record() if place_trace else None,
        "date": date_trace.to_record() if date_trace else None,
        "actors": [{"name": a, **t.to_record()} for p in parts for a, t in p.actors if a in actors],
    }
    return {
        "event_id": stable_id("e", story_id, m.kind.name, key, supporting[0] if supporting else ""),
        "doc_ids": doc_ids,
        "type": m.kind.name,
        "sub_type": max(subs, key=lambda s: subs[s]) if subs else m.kind.default_sub_type,
        "actors": actors,
        "place": _with_country_name(place_record(place)),
        "date": date,
        "figures": _unique([f for p in parts for f in p.figures]),
        "supporting_claims": supporting,
        "contesting_claims": contesting,
        "refusing_claims": refusing,
        "story_id": story_id,
        "one_sided": bool(sides) and None not in sides and len(set(sides)) == 1,
        "sides": tuple(sorted({s for s in sides if s})),
        "origins": len({origin_of_claim(claims[c]) for c in supporting if c in claims}),
        "articles": len(doc_ids),
        "evidence": evidence,
    }


def story_events(
    readings: Sequence[Reading],
    story_id: str,
    copies: Mapping[str, Sequence[str]],
    origin_of_claim: Callable[[Claim], str],
) -> list[dict[str, Any]]:
    """The merged events of one story as field dicts (see :func:`event_record`).

    Args:
        readings: the story's readings in publication order.
        story_id: the story.
        copies: doc_id -> the wire copies of it in the story (they share its events).
        origin_of_claim: a claim's independent origin.
    """
    claims = {c.claim_id: c for r in readings for c in r.claims}
    parts: list[ArticleEvent] = []
    answers: list[Answer] = []
    for r in readings:
        found, pending = read_events(r)
        parts += found
        answers += pending
    merged = merge(parts, claims)
    _resolve_answers(merged, answers)
    return [event_record(m, story_id, claims, copies, origin_of_claim) for m in merged]


def _resolve_answers(merged: Sequence[MergedEvent], answers: Sequence[Answer]) -> None:
    """Attach the denials and refusals no article event took: to the story's events of their type
    (a casualty report's type: to the violent events it folded into), else, when they name no type,
    to the story's main event when it clearly has one (at least twice the claims of any other)."""
    for answer in answers:
        targets = [m for m in merged if m.kind.name == answer.kind]
        if not targets and answer.kind == "casualties":
            targets = [m for m in merged if m.folded]
        if not targets and answer.kind is None:
            sizes = sorted(((len(m.all_parts_claims()), i) for i, m in enumerate(merged)), reverse=True)
            if sizes and (len(sizes) == 1 or sizes[0][0] >= 2 * sizes[1][0]):
                targets = [merged[sizes[0][1]]]
        for m in targets[:1]:
            (m.answers_refusing if answer.stance == "no_comment" else m.answers_contesting).append(answer.claim_id)


__all__ = [
    "DATE_SLACK_DAYS",
    "KIND_BY_NAME",
    "NEARBY_KM",
    "country_name",
    "MergedEvent",
    "dates_compatible",
    "event_record",
    "merge",
    "places_compatible",
    "side_of",
    "story_events",
]
