"""``/api/v1/sources``: canonical sources (entities) with all their names, and their claims."""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from claimledger.api.deps import LedgerDep
from claimledger.api.params import ID_PATTERN, TEXT_PATTERN, ClaimFilterDep, Cursor, Limit, Sort
from claimledger.api.routers.claims import claim_page
from claimledger.api.schemas import (
    MAX_ID_CHARS,
    MAX_QUERY_CHARS,
    ClaimPage,
    ErrorPublic,
    SourcePage,
    SourcePublic,
    plain,
)
from claimledger.errors import NotFound

router = APIRouter(prefix="/sources", tags=["sources"])
# An entity id, or a source's name when the reader resolved it to no entity (names have spaces).
EntityId = Annotated[str, Path(max_length=MAX_QUERY_CHARS, pattern=r"^[^\x00-\x1f\x7f/]+$")]
_ERRORS: dict[int | str, dict[str, Any]] = {404: {"model": ErrorPublic}}
_ = ID_PATTERN, MAX_ID_CHARS


@router.get("", response_model=SourcePage, summary="Canonical sources, most claims first")
def list_sources(
    ledger: LedgerDep,
    q: Annotated[str | None, Query(max_length=MAX_QUERY_CHARS, pattern=TEXT_PATTERN, description="Any name.")] = None,
    cursor: Cursor = None,
    limit: Limit = 50,
) -> dict[str, Any]:
    """Sources resolved to one entity, with every name they were written as and their counts."""
    page = ledger.source_entities(q=q or None, cursor=cursor, limit=limit)
    return {"items": [plain(e) for e in page.items], "next_cursor": page.next_cursor}


@router.get("/{entity_id}", response_model=SourcePublic, responses=_ERRORS, summary="One source")
def get_source(ledger: LedgerDep, entity_id: EntityId) -> Any:
    """One source: its names, kind, role, affiliation, claim and article counts, first and last dates."""
    found = ledger.source_entity(entity_id)
    if found is None:
        raise NotFound("no source with this entity id", input=entity_id)
    return plain(found)


@router.get("/{entity_id}/claims", response_model=ClaimPage, responses=_ERRORS, summary="A source's claims")
def source_claims(
    ledger: LedgerDep,
    entity_id: EntityId,
    filters: ClaimFilterDep,
    sort: Sort = "date",
    cursor: Cursor = None,
    limit: Limit = 50,
) -> dict[str, Any]:
    """Every claim of one source over time (under all its names); the claim filters apply too."""
    if ledger.source_entity(entity_id) is None:
        raise NotFound("no source with this entity id", input=entity_id)
    return claim_page(ledger, dataclasses.replace(filters, entity_id=entity_id), sort=sort, cursor=cursor, limit=limit)
