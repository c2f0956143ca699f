"""``/api/v1/claims``: claims filtered by source, stance, channel, outlet, story, place, dates, words and
confidence, in cursor pages; their facets; one claim."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from claimledger.api.deps import LedgerDep
from claimledger.api.params import ID_PATTERN, ClaimFilterDep, Cursor, Limit, Sort
from claimledger.api.schemas import MAX_ID_CHARS, ClaimPage, ClaimPublic, ErrorPublic, FacetsPublic, claim_public, plain
from claimledger.errors import NotFound
from claimledger.ledger.base import Ledger
from claimledger.ledger.pages import ClaimFilter

router = APIRouter(prefix="/claims", tags=["claims"])


@router.get("", response_model=ClaimPage, responses={400: {"model": ErrorPublic}}, summary="Claims, filtered")
def list_claims(
    ledger: LedgerDep, filters: ClaimFilterDep, sort: Sort = "date", cursor: Cursor = None, limit: Limit = 50
) -> dict[str, Any]:
    """The claims the filters keep (all filters combine), ``limit`` at a time in ``sort`` order,
    with the total number kept."""
    return claim_page(ledger, filters, sort=sort, cursor=cursor, limit=limit)


def claim_page(ledger: Ledger, filters: ClaimFilter, *, sort: str, cursor: str | None, limit: int) -> dict[str, Any]:
    """A :class:`ClaimPage` body: one page of the claims ``filters`` keep, with the total they keep
    (also the body of a story's and a source's claims).

    Raises:
        QueryError: a bad cursor, sort or limit.
    """
    page = ledger.claims_page(filters, sort=sort, cursor=cursor, limit=limit)
    return {
        "items": [claim_public(r) for r in page.items],
        "next_cursor": page.next_cursor,
        "total": ledger.count_claims(filters),
    }


@router.get("/facets", response_model=FacetsPublic, responses={400: {"model": ErrorPublic}}, summary="Facet counts")
def claim_facets(
    ledger: LedgerDep,
    filters: ClaimFilterDep,
    top: Annotated[int, Query(ge=1, le=100, description="Values per facet.")] = 12,
) -> Any:
    """For each facet (stance, source, channel, outlet, place, story), the most frequent values among
    the filtered claims with their counts."""
    return plain(ledger.claim_facets(filters, top=top))


@router.get("/{claim_id}", response_model=ClaimPublic, responses={404: {"model": ErrorPublic}}, summary="One claim")
def get_claim(
    ledger: LedgerDep, claim_id: Annotated[str, Path(max_length=MAX_ID_CHARS, pattern=ID_PATTERN)]
) -> dict[str, Any]:
    """One claim with its article's metadata."""
    row = ledger.claim(claim_id)
    if row is None:
        raise NotFound("no claim with this claim_id", input=claim_id)
    return claim_public(row)
