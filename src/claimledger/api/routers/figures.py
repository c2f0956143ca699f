"""``/api/v1/figures``: numbers with what they count; the measures; one measure's series by source."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from claimledger.api.deps import LedgerDep
from claimledger.api.params import TEXT_PATTERN, Cursor, IdParam, Limit
from claimledger.api.schemas import MAX_QUERY_CHARS, FigurePage, MeasurePublic, SourcedFigureList, plain

router = APIRouter(prefix="/figures", tags=["figures"])
Counts = Annotated[str | None, Query(max_length=MAX_QUERY_CHARS, pattern=TEXT_PATTERN, description="What is counted.")]


@router.get("", response_model=FigurePage, summary="Figures")
def list_figures(
    ledger: LedgerDep,
    doc_id: IdParam = None,
    counts: Counts = None,
    claim_id: IdParam = None,
    cursor: Cursor = None,
    limit: Limit = 100,
) -> dict[str, Any]:
    """Figures in article order; ``counts`` keeps those counting one thing (killed, troops …)."""
    page = ledger.figures_page(doc_id=doc_id, counts=counts or None, claim_id=claim_id, cursor=cursor, limit=limit)
    return {"items": [f.to_record() for f in page.items], "next_cursor": page.next_cursor}


@router.get("/measures", response_model=list[MeasurePublic], summary="What the figures count")
def list_measures(ledger: LedgerDep) -> list[dict[str, Any]]:
    """Every ``counts`` value with a number, most figures first."""
    return [{"counts": c, "figures": n} for c, n in ledger.measures()]


@router.get("/series", response_model=SourcedFigureList, summary="One measure over time, by source")
def figure_series(
    ledger: LedgerDep,
    counts: Annotated[str, Query(min_length=1, max_length=MAX_QUERY_CHARS, pattern=TEXT_PATTERN)],
    limit: Annotated[int, Query(ge=1, le=20_000)] = 5000,
) -> list[dict[str, Any]]:
    """Every figure counting ``counts`` with its claim's source and date, oldest first (one series per source)."""
    return [plain(f) for f in ledger.figure_series(counts, limit=limit)]
