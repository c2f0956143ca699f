"""``/api/v1/events``: ACLED-style events built from claims, with the claims supporting, contesting and
refusing comment on them."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from claimledger.api.deps import LedgerDep
from claimledger.api.params import ID_PATTERN, Cursor, IdParam, Limit
from claimledger.api.schemas import MAX_ID_CHARS, ErrorPublic, EventPage, EventPublic
from claimledger.errors import NotFound

router = APIRouter(prefix="/events", tags=["events"])


@router.get("", response_model=EventPage, summary="Events, oldest first")
def list_events(
    ledger: LedgerDep,
    story: IdParam = None,
    doc_id: IdParam = None,
    type: Annotated[str | None, Query(max_length=60, pattern=r"^[a-z_]+$", description="attack, protest …")] = None,
    cursor: Cursor = None,
    limit: Limit = 100,
) -> dict[str, Any]:
    """Events (undated last), filtered by story, by an article that reports them, or by type."""
    page = ledger.events_page(doc_id=doc_id, story_id=story, type=type, cursor=cursor, limit=limit)
    return {"items": [e.to_record() for e in page.items], "next_cursor": page.next_cursor}


@router.get("/{event_id}", response_model=EventPublic, responses={404: {"model": ErrorPublic}}, summary="One event")
def get_event(
    ledger: LedgerDep, event_id: Annotated[str, Path(max_length=MAX_ID_CHARS, pattern=ID_PATTERN)]
) -> dict[str, Any]:
    """One event: type, actors, place, date, figures and its supporting, contesting and refusing claims."""
    found = ledger.event(event_id)
    if found is None:
        raise NotFound("no event with this id", input=event_id)
    return found.to_record()
