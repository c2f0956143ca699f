"""``/api/v1/timeline``: each source's figures for one measure over time."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from claimledger.api.deps import LedgerDep
from claimledger.api.params import TEXT_PATTERN, IdParam
from claimledger.api.schemas import MAX_QUERY_CHARS, TimelineList

router = APIRouter(tags=["timeline"])
_Text = Annotated[str | None, Query(max_length=MAX_QUERY_CHARS, pattern=TEXT_PATTERN)]


@router.get("/timeline", response_model=TimelineList, summary="One measure over time, by source")
def timeline(
    ledger: LedgerDep,
    measure: Annotated[str, Query(min_length=1, max_length=MAX_QUERY_CHARS, pattern=TEXT_PATTERN)],
    about: _Text = None,
    source: _Text = None,
    story: IdParam = None,
) -> list[dict[str, Any]]:
    """Every source's figures for ``measure`` (dated by the statement, else the article), ordered by
    source then date; ``about`` keeps those whose story, claim or figure mentions it."""
    points = ledger.timeline(measure, about=about or None, source=source or None, story=story)
    return [p.to_record() for p in points]
