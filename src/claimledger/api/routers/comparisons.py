"""``/api/v1/comparisons`` and ``/api/v1/conflicts``: figures of the same measure compared as intervals
(agree, conflict, different measure), with their claims and sources."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from claimledger.api.deps import LedgerDep
from claimledger.api.params import TEXT_PATTERN, IdParam
from claimledger.api.schemas import MAX_QUERY_CHARS, ComparisonList

router = APIRouter(tags=["comparisons"])
Measure = Annotated[
    str | None,
    Query(max_length=MAX_QUERY_CHARS, pattern=TEXT_PATTERN, description="killed (also keeps killed:civilians) …"),
]


@router.get("/comparisons", response_model=ComparisonList, summary="Figures compared")
def list_comparisons(
    ledger: LedgerDep,
    story: IdParam = None,
    event: IdParam = None,
    relation: Annotated[Literal["agree", "conflict", "different_measure"] | None, Query()] = None,
    measure: Measure = None,
) -> list[dict[str, Any]]:
    """Figures about the same measure of one event or story, compared: ``agree`` (ranges overlap),
    ``conflict`` (disjoint), ``different_measure`` (side by side, never a contradiction)."""
    found = ledger.comparisons(story=story, event=event, relation=relation, measure=measure or None)
    return [c.to_record() for c in found]


@router.get("/conflicts", response_model=ComparisonList, summary="Figures that contradict each other")
def list_conflicts(ledger: LedgerDep, story: IdParam = None, measure: Measure = None) -> list[dict[str, Any]]:
    """The comparisons whose figures' ranges are disjoint, with their sources."""
    return [c.to_record() for c in ledger.conflicts(story=story, measure=measure or None)]
