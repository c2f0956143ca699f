"""``/api/v1/places``: toponyms geocoded offline, and their counts for a map."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from claimledger.api.deps import LedgerDep
from claimledger.api.params import TEXT_PATTERN, Cursor, DateParam, IdParam, Limit
from claimledger.api.schemas import MAX_QUERY_CHARS, PlaceCountList, PlacePage, plain

router = APIRouter(prefix="/places", tags=["places"])


@router.get("", response_model=PlacePage, summary="Places")
def list_places(
    ledger: LedgerDep,
    doc_id: IdParam = None,
    country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{2}$", description="ISO 3166 alpha-2.")] = None,
    name: Annotated[str | None, Query(max_length=MAX_QUERY_CHARS, pattern=TEXT_PATTERN)] = None,
    claim_id: IdParam = None,
    cursor: Cursor = None,
    limit: Limit = 100,
) -> dict[str, Any]:
    """Places in article order, with country, first-level region and coordinates."""
    page = ledger.places_page(
        doc_id=doc_id, country=country, name=name or None, claim_id=claim_id, cursor=cursor, limit=limit
    )
    return {"items": [p.to_record() for p in page.items], "next_cursor": page.next_cursor}


@router.get("/counts", response_model=PlaceCountList, summary="Places with their mention counts")
def place_counts(
    ledger: LedgerDep,
    since: DateParam = None,
    until: DateParam = None,
    limit: Annotated[int, Query(ge=1, le=20_000)] = 2000,
) -> list[dict[str, Any]]:
    """Geocoded places (demonyms left out), most mentioned first, counted between ``since`` and ``until``."""
    return [plain(p) for p in ledger.place_counts(since=since, until=until, limit=limit)]
