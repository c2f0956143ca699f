"""``/api/v1/stories``: which articles report the same happening, with their independent origins."""

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
    DocumentPage,
    ErrorPublic,
    StoryPage,
    StoryPublic,
    document_public,
)
from claimledger.errors import NotFound
from claimledger.ledger.base import Ledger
from claimledger.models import Story

router = APIRouter(prefix="/stories", tags=["stories"])
StoryId = Annotated[str, Path(max_length=MAX_ID_CHARS, pattern=ID_PATTERN, description="The story's id.")]
_ERRORS: dict[int | str, dict[str, Any]] = {404: {"model": ErrorPublic}}


def _story(ledger: Ledger, story_id: str) -> Story:
    found = ledger.story(story_id)
    if found is None or found.story_id != story_id:
        raise NotFound("no story with this id", input=story_id)
    return found


@router.get("", response_model=StoryPage, summary="Stories, latest first")
def list_stories(
    ledger: LedgerDep,
    q: Annotated[
        str | None, Query(max_length=MAX_QUERY_CHARS, pattern=TEXT_PATTERN, description="Title words.")
    ] = None,
    cursor: Cursor = None,
    limit: Limit = 50,
) -> dict[str, Any]:
    """Stories (the same happening across articles), by their last article, newest first: their articles,
    outlets and the number of independent origins behind them."""
    page = ledger.stories_page(q=q or None, cursor=cursor, limit=limit)
    return {"items": [s.to_record() for s in page.items], "next_cursor": page.next_cursor}


@router.get("/{story_id}", response_model=StoryPublic, responses=_ERRORS, summary="One story")
def get_story(ledger: LedgerDep, story_id: StoryId) -> dict[str, Any]:
    """One story: its articles, dates, outlets and independent origins."""
    return _story(ledger, story_id).to_record()


@router.get("/{story_id}/documents", response_model=DocumentPage, responses=_ERRORS, summary="A story's articles")
def story_documents(ledger: LedgerDep, story_id: StoryId, cursor: Cursor = None, limit: Limit = 50) -> dict[str, Any]:
    """The articles of one story, newest first."""
    _story(ledger, story_id)
    page = ledger.documents_page(story_id=story_id, cursor=cursor, limit=limit)
    return {"items": [document_public(r) for r in page.items], "next_cursor": page.next_cursor}


@router.get("/{story_id}/claims", response_model=ClaimPage, responses=_ERRORS, summary="A story's claims")
def story_claims(
    ledger: LedgerDep,
    story_id: StoryId,
    filters: ClaimFilterDep,
    sort: Sort = "date",
    cursor: Cursor = None,
    limit: Limit = 50,
) -> dict[str, Any]:
    """The claims of one story's articles; the claim filters apply too."""
    _story(ledger, story_id)
    return claim_page(ledger, dataclasses.replace(filters, story_id=story_id), sort=sort, cursor=cursor, limit=limit)
