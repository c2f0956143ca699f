"""One story's articles reconciled: merged events, figure comparisons, claim groups, timelines.

:func:`reconcile_story` is a pure function from the :class:`~claimledger.models.Reading` of each
article of one story to a :class:`StoryReconciliation`; ``reconcile.run`` calls it for every story
it touched and stores the result with ``ledger.write_story_reconciliation(result)`` (which replaces
everything of that story in one transaction, so a rerun is idempotent).

Usage::

    from claimledger.reconcile.across import reconcile_story

    result = reconcile_story([ledger.reading(d) for d in doc_ids], "s123")
    [(e.type, e.doc_ids, e.origins) for e in result.events]
    [c for c in result.comparisons if c.relation == "conflict"]

The steps, each in its own module: per-article events (:mod:`.events`, rebuilt from the claims so
stored readings of an older claimledger get today's rules), merged across articles
(:func:`~claimledger.reconcile.events.merge_events`); independent origins (:mod:`.origins`); claim
groups (:mod:`.groups`); figures as intervals (:mod:`.intervals`, :mod:`.measures`) compared
(:mod:`.comparisons`); timelines (:mod:`.timelines`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from claimledger.models import Claim, ClaimLink, Comparison, Event, Figure, Reading, StoryReconciliation
from claimledger.reconcile.comparisons import FigureFact, compare_facts
from claimledger.reconcile.events_across import story_events
from claimledger.reconcile.groups import group_claims, source_key
from claimledger.reconcile.intervals import conservative_count, interval_of
from claimledger.reconcile.measures import measure_of
from claimledger.reconcile.origins import claim_origin, origin_function
from claimledger.reconcile.timelines import timeline_points

OriginOf = Callable[[Reading], str]


def _day(value: str | None) -> date | None:
    if value and len(value) >= 10:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _span_end(first: date, grain: str | None) -> date | None:
    """The last day a statement date of ``grain`` covers ("last week" = that week)."""
    if grain == "week":
        return first + timedelta(days=6)
    if grain == "month":
        nxt = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        return nxt - timedelta(days=1)
    return None


def _statement_grains(reading: Reading) -> dict[str, str | None]:
    """claim_id -> grain of its statement date (the time linked to the claim with that value)."""
    dates = {c.claim_id: c.date for c in reading.claims if c.date}
    out: dict[str, str | None] = {}
    for t in reading.times:
        if t.claim_id in dates and t.value == dates[t.claim_id]:
            out.setdefault(t.claim_id, t.grain)
    return out


def _facts(
    readings: Sequence[Reading],
    claim_events: Mapping[str, tuple[str, ...]],
    origin_of_claim: Callable[[Claim], str],
    doc_origin: Mapping[str, str],
) -> list[FigureFact]:
    facts = []
    for reading in readings:
        claims = {c.claim_id: c for c in reading.claims}
        # where a claim locates its figures: a named place, never a demonym ("North Korean troops")
        places = {p.claim_id: p for p in reading.places if p.claim_id and p.lat is not None and p.feature != "demonym"}
        grains = _statement_grains(reading)
        for fig in reading.figures:
            measure = measure_of(fig, reading.article.text)
            interval = interval_of(fig) if measure else None
            if measure is None or interval is None:
                continue
            claim = claims.get(fig.claim_id or "")
            stated = _day(claim.date) if claim else None
            day = stated or reading.article.published
            if claim is not None and claim.source is not None:
                name = claim.source.name or claim.source.text
                key, origin = source_key(claim), origin_of_claim(claim)
            else:
                name = reading.article.outlet or reading.doc_id
                key, origin = f"writer:{doc_origin[reading.doc_id]}", doc_origin[reading.doc_id]
            place = places.get(fig.claim_id or "")
            facts.append(
                FigureFact(
                    figure_id=fig.figure_id,
                    doc_id=reading.doc_id,
                    claim_id=fig.claim_id,
                    text=fig.text,
                    measure=measure,
                    interval=interval,
                    source=name,
                    source_key=key,
                    origin=origin,
                    day=day,
                    dated_by="statement" if stated else "published" if day else "none",
                    event_ids=claim_events.get(fig.claim_id or "", ()),
                    lat=place.lat if place else None,
                    lon=place.lon if place else None,
                    day_end=_span_end(stated, grains.get(claim.claim_id)) if stated and claim else None,
                )
            )
    return facts


_EVENT_FIELDS = frozenset(f.name for f in dataclasses.fields(Event))


def _minority_contesters(event_id: str, comparisons: Sequence[Comparison], facts: Sequence[FigureFact]) -> list[str]:
    """Claims whose figure conflicts with one that more independent origins back: a figure is backed
    by the origins of every figure of the same measure (in this event) whose interval overlaps it."""
    own = [f for f in facts if event_id in f.event_ids]

    def backing(f: FigureFact) -> int:
        return len({g.origin for g in own if g.measure.key == f.measure.key and g.interval.overlaps(f.interval)})

    by_id = {f.figure_id: f for f in facts}
    out = []
    for c in comparisons:
        if c.relation != "conflict":
            continue
        a, b = (by_id[i] for i in c.figure_ids)
        if event_id not in a.event_ids and event_id not in b.event_ids:
            continue
        na, nb = backing(a), backing(b)
        if na != nb:
            loser = a if na < nb else b
            if loser.claim_id and loser.claim_id not in out and event_id in loser.event_ids:
                out.append(loser.claim_id)
    return out


def fatalities(event_id: str, facts: Sequence[FigureFact], figures: Mapping[str, Figure]) -> int | None:
    """ACLED's fatality count for an event: each source's latest count of killed, then the most
    conservative (lowest) among the sources, vague counts as ACLED reads them ("dozens" = 12)."""
    latest: dict[str, tuple[date, int]] = {}
    for f in facts:
        if event_id not in f.event_ids or f.measure.name != "killed" or f.measure.subject is not None:
            continue
        count = conservative_count(figures[f.figure_id])
        if count is None:
            continue
        when = f.day or date.min
        if f.source_key not in latest or when >= latest[f.source_key][0]:
            latest[f.source_key] = (when, int(count))
    return min((n for _, n in latest.values()), default=None)


def _event(
    rec: dict[str, Any], comparisons: Sequence[Comparison], facts: Sequence[FigureFact], figures: Mapping[str, Figure]
) -> Event:
    """The Event model of one merged event: figure conflicts added to its contesting claims."""
    contest = [
        c for c in _minority_contesters(rec["event_id"], comparisons, facts) if c not in rec["contesting_claims"]
    ]
    if contest:
        rec = dict(rec, contesting_claims=(*rec["contesting_claims"], *contest))
        rec["supporting_claims"] = tuple(c for c in rec["supporting_claims"] if c not in contest)
    rec = dict(rec, fatalities=fatalities(rec["event_id"], facts, figures))
    return Event(**{k: v for k, v in rec.items() if k in _EVENT_FIELDS})


def reconcile_story(
    readings: Sequence[Reading],
    story_id: str,
    *,
    origin_of: OriginOf | None = None,
) -> StoryReconciliation:
    """Reconcile the articles of one story.

    Args:
        readings: the Reading of every article of the story (any order: sorted here by publication
            date and doc_id, so the result does not depend on it).  Their stored ``events`` are not
            used: events are rebuilt from the claims.
        story_id: the story's id (part of every derived id).
        origin_of: the independent origin key of a document; default
            :func:`claimledger.reconcile.origins.origin_function` of ``readings`` (wire copies and
            outlets crediting one agency count once).
    """
    ordered = sorted(readings, key=lambda r: (r.article.published or date.max, r.doc_id))
    doc_origin_fn = origin_of or origin_function(ordered)
    doc_origin = {r.doc_id: doc_origin_fn(r) for r in ordered}

    def origin_of_claim(claim: Claim) -> str:
        return claim_origin(claim, doc_origin[claim.doc_id])

    copies: dict[str, list[str]] = {}
    for r in ordered:
        if r.article.duplicate_of:
            copies.setdefault(r.article.duplicate_of, []).append(r.doc_id)
    records = story_events(ordered, story_id, copies, origin_of_claim)
    claim_events: dict[str, tuple[str, ...]] = {}
    for rec in records:
        for cid in (*rec["supporting_claims"], *rec["contesting_claims"], *rec["refusing_claims"]):
            claim_events[cid] = (*claim_events.get(cid, ()), rec["event_id"])
    claims = [c for r in ordered for c in r.claims]
    rank = {r.doc_id: i for i, r in enumerate(ordered)}
    groups = group_claims(story_id, claims, origin_of_claim, rank)
    group_of = {cid: g.claim_group for g in groups for cid in g.claim_ids}
    facts = _facts(ordered, claim_events, origin_of_claim, doc_origin)
    comparisons = compare_facts(story_id, facts)
    figures = {f.figure_id: f for r in ordered for f in r.figures}
    events = tuple(_event(rec, comparisons, facts, figures) for rec in records)
    claim_events = {}
    for e in events:
        for cid in (*e.supporting_claims, *e.contesting_claims, *e.refusing_claims):
            claim_events[cid] = (*claim_events.get(cid, ()), e.event_id)
    links = tuple(
        ClaimLink(c.claim_id, story_id, claim_events.get(c.claim_id, ()), group_of.get(c.claim_id)) for c in claims
    )
    return StoryReconciliation(
        story_id=story_id,
        doc_ids=tuple(r.doc_id for r in ordered),
        events=events,
        comparisons=comparisons,
        claim_groups=groups,
        timeline=timeline_points(story_id, facts, group_of),
        claim_links=links,
    )


__all__ = ["ClaimLink", "StoryReconciliation", "fatalities", "reconcile_story"]
