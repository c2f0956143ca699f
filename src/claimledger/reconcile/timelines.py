"""Timelines: each source's figures for one measure over time.

A point is one figure (one per claim group: the copies of a statement are one point), dated by the
statement date where the claim has one ("said on Thursday"), else by the article's publication
date.  Series are keyed by (measure, source): "killed" by the governor, "killed" by the rights
commission ... so a user sees how each source's estimate moved.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from claimledger.models import TimelinePoint, stable_id
from claimledger.reconcile.comparisons import FigureFact


def timeline_points(
    story_id: str, facts: Iterable[FigureFact], group_of: Mapping[str, str] | None = None
) -> tuple[TimelinePoint, ...]:
    """The story's timeline points, sorted by measure, source and date.

    Args:
        story_id: the story.
        facts: its figure facts.
        group_of: claim_id -> claim_group; the copies of one statement give one point.
    """
    groups = group_of or {}
    seen: set[tuple[str, str, str, str | None]] = set()
    points: list[TimelinePoint] = []
    ordered: Sequence[FigureFact] = sorted(
        facts, key=lambda f: (f.measure.key, f.source, f.day or date.max, f.doc_id, f.figure_id)
    )
    for f in ordered:
        group = groups.get(f.claim_id or "")
        key = (f.measure.key, group or f.figure_id, repr(f.interval), f.day.isoformat() if f.day else None)
        if group is not None and key in seen:
            continue
        seen.add(key)
        high = None if f.interval.high == float("inf") else f.interval.high
        points.append(
            TimelinePoint(
                point_id=stable_id("t", story_id, f.measure.key, f.figure_id),
                story_id=story_id,
                measure=f.measure.key,
                source=f.source,
                date=f.day.isoformat() if f.day else None,
                dated_by=f.dated_by,
                value=f.interval.point,
                low=f.interval.low,
                high=high,
                text=f.text,
                figure_id=f.figure_id,
                claim_id=f.claim_id,
                doc_id=f.doc_id,
                origin=f.origin,
                claim_group=group,
            )
        )
    return tuple(points)


__all__ = ["TimelinePoint", "timeline_points"]
