"""Figures compared across the articles of a story: agree, conflict or different measure.

Each figure that counts something (:func:`~claimledger.reconcile.measures.measure_of`) becomes a
:class:`FigureFact`: its interval (:func:`~claimledger.reconcile.intervals.interval_of`), who
states it, when, where and in which events.  Two facts are compared when

* their measures count the same quantity (``relation_of == "same"``) or overlapping ones
  (``"related"``: killed against killed-or-injured, a subgroup against all victims);
* they come from different sources (one source's new figure is a revision: see the timelines);
* they are about the same period.  A cumulative count (killed, injured, displaced ...: see
  :data:`CUMULATIVE`) grows while a story unfolds, so two such figures stated on different days
  (statement date, else publication date; a statement dated "last week" spans that week) are
  compared only to catch a fall: a later figure entirely below an earlier one from another source
  is a conflict ("the UN put the toll at 200" after "more than 300"), a later higher one is the
  toll rising (the timeline shows it, no comparison).  Other measures (troops, protesters, area)
  are compared whatever their dates;
* for counts of victims (the cumulative measures), they belong to the same event when both belong
  to events (the casualties of an attack are not those of the clash reported beside it);
* their places are compatible (no two located more than :data:`FAR_KM` apart) and, for the same
  measure, their units equal (side-by-side "different measure" pairs may mix a share with a count,
  and are shown whatever their dates).

The relation is ``different_measure`` for related measures, else ``agree`` when the intervals
overlap and ``conflict`` when they are disjoint.  Pairs with the same two sources and intervals are
reported once.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from claimledger.models import Comparison, ValueRange, stable_id
from claimledger.reconcile.geo import km_apart
from claimledger.reconcile.intervals import Interval
from claimledger.reconcile.measures import Measure, relation_of

FAR_KM = 150.0
CUMULATIVE = frozenset(
    {"killed", "injured", "killed_or_injured", "dead_or_missing", "arrested", "displaced", "hospitalised", "rescued"}
)


@dataclass(frozen=True)
class FigureFact:
    """One figure with everything a comparison needs (built by :mod:`claimledger.reconcile.across`)."""

    figure_id: str
    doc_id: str
    claim_id: str | None
    text: str
    measure: Measure
    interval: Interval
    source: str  # display name: the canonical source, else the outlet for the writer's own figures
    source_key: str  # who says it, for "different sources": entity id or normalised name
    origin: str  # independent origin (wire copies and one agency's report count once)
    day: date | None  # statement date, else publication date (first day of a week/month)
    dated_by: str  # "statement" | "published" | "none"
    event_ids: tuple[str, ...] = ()
    lat: float | None = None
    lon: float | None = None
    day_end: date | None = None  # last day the statement date covers (a week, a month); None = ``day``

    @property
    def last_day(self) -> date | None:
        return self.day_end or self.day


def _order(a: FigureFact, b: FigureFact) -> int:
    """-1 when ``a`` was stated before ``b`` (periods disjoint), 1 after, 0 same period or unknown."""
    if a.day is None or b.day is None or a.last_day is None or b.last_day is None:
        return 0
    if a.last_day < b.day:
        return -1
    if b.last_day < a.day:
        return 1
    return 0


def comparable(a: FigureFact, b: FigureFact) -> str | None:
    """``same``/``related`` when ``a`` and ``b`` should be compared (see the module docstring), else None."""
    if a.source_key == b.source_key:
        return None
    far = km_apart(a, b)
    if far is not None and far > FAR_KM:
        return None
    kind = relation_of(a.measure, b.measure)
    if kind == "same" and a.interval.unit != b.interval.unit:
        return None  # a share without its base against a count: nothing to compare
    if kind is None or a.measure.name not in CUMULATIVE or b.measure.name not in CUMULATIVE:
        return kind
    if a.event_ids and b.event_ids and not set(a.event_ids) & set(b.event_ids):
        return None  # victims of two different events of the story
    order = _order(a, b)
    if order == 0 or kind != "same":
        return kind
    early, late = (a, b) if order < 0 else (b, a)
    return "same" if late.interval.high < early.interval.low else None  # a fall, else the toll rising


def relation(a: FigureFact, b: FigureFact, kind: str) -> str:
    """The comparison's relation for two comparable facts (``kind`` from :func:`comparable`)."""
    if kind == "related":
        return "different_measure"
    return "agree" if a.interval.overlaps(b.interval) else "conflict"


def _shared_event(a: FigureFact, b: FigureFact) -> str | None:
    shared = sorted(set(a.event_ids) & set(b.event_ids))
    return shared[0] if shared else None


def _range(f: FigureFact) -> ValueRange:
    iv = f.interval
    return ValueRange(iv.low, None if math.isinf(iv.high) else iv.high, iv.unit, iv.rule)


def compare_facts(story_id: str, facts: Iterable[FigureFact]) -> tuple[Comparison, ...]:
    """Every comparison between ``facts`` of one story, in a deterministic order.

    Args:
        story_id: the story the facts belong to (part of each ``comparison_id``).
        facts: the story's figure facts (any order; sorted here by date, document, figure).
    """
    ordered = sorted(facts, key=lambda f: (f.day or date.max, f.doc_id, f.figure_id))
    # One representative per (source, measure, interval): copies of one statement compare once.
    reps: dict[tuple[str, str, Interval], FigureFact] = {}
    for f in ordered:
        reps.setdefault((f.source_key, f.measure.key, f.interval), f)
    uniq: Sequence[FigureFact] = list(reps.values())
    out: list[Comparison] = []
    seen: set[tuple[str, str, str, str]] = set()
    for i, a in enumerate(uniq):
        for b in uniq[i + 1 :]:
            kind = comparable(a, b)
            if kind is None:
                continue
            pair = tuple(sorted(((a.source_key, repr(a.interval)), (b.source_key, repr(b.interval)))))
            key = (pair[0][0], pair[0][1], pair[1][0], pair[1][1])
            if key in seen:
                continue
            seen.add(key)
            rel = relation(a, b, kind)
            measure = a.measure.key if kind == "same" else f"{a.measure.key}|{b.measure.key}"
            out.append(
                Comparison(
                    comparison_id=stable_id("m", story_id, a.figure_id, b.figure_id),
                    story_id=story_id,
                    event_id=_shared_event(a, b),
                    measure=measure,
                    relation=rel,
                    figure_ids=(a.figure_id, b.figure_id),
                    claim_ids=(a.claim_id, b.claim_id),
                    sources=(a.source, b.source),
                    intervals=(_range(a), _range(b)),
                    texts=(a.text, b.text),
                    doc_ids=(a.doc_id, b.doc_id),
                    dates=(a.day.isoformat() if a.day else None, b.day.isoformat() if b.day else None),
                    measures=(a.measure.key, b.measure.key),
                )
            )
    return tuple(out)


__all__ = ["CUMULATIVE", "FAR_KM", "Comparison", "FigureFact", "comparable", "compare_facts", "relation"]
