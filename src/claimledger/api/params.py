"""Query parameters shared by several routes, validated with types and size limits."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Query

from claimledger.api.schemas import MAX_CURSOR_CHARS, MAX_ID_CHARS, MAX_QUERY_CHARS
from claimledger.ledger.pages import MAX_PAGE, ClaimFilter
from claimledger.models import Stance

# No control characters in free text (NUL in particular: PostgreSQL refuses it in a string).
TEXT_PATTERN = r"^[^\x00-\x1f\x7f]*$"
ID_PATTERN = r"^[A-Za-z0-9_:.\-]+$"
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
CURSOR_PATTERN = r"^[A-Za-z0-9_\-]+$"
SORT_PATTERN = r"^-?(date|published|confidence|source|stance)$"


def _text(description: str) -> Any:
    return Query(max_length=MAX_QUERY_CHARS, pattern=TEXT_PATTERN, description=description)


def _id(description: str) -> Any:
    return Query(max_length=MAX_ID_CHARS, pattern=ID_PATTERN, description=description)


def _date(description: str) -> Any:
    return Query(pattern=DATE_PATTERN, description=description)


Text = Annotated[str | None, Query(max_length=MAX_QUERY_CHARS, pattern=TEXT_PATTERN)]
Cursor = Annotated[
    str | None,
    Query(max_length=MAX_CURSOR_CHARS, pattern=CURSOR_PATTERN, description="`next_cursor` of the previous page."),
]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description="Items per page.")]
IdParam = Annotated[str | None, Query(max_length=MAX_ID_CHARS, pattern=ID_PATTERN)]
DateParam = Annotated[str | None, Query(pattern=DATE_PATTERN, description="ISO date: 2025-01-31, 2025-01 or 2025.")]
Sort = Annotated[
    str,
    Query(
        pattern=SORT_PATTERN,
        description="date (the claim's, else its article's), published, confidence, source or stance; "
        "`-` first for descending.",
    ),
]


def claim_filter(
    source: Annotated[str | None, _text("A substring of the source's name or text (any case).")] = None,
    entity: Annotated[str | None, _id("The source's entity id (as in /sources).")] = None,
    stance: Annotated[Stance | None, Query(description="One stance.")] = None,
    channel: Annotated[str | None, _text("An intermediary of the reporting chain (AFP).")] = None,
    outlet: Annotated[str | None, _text("The article's outlet (any case).")] = None,
    story: Annotated[str | None, _id("The article's story id.")] = None,
    place: Annotated[str | None, _text("A place the claim names (any case).")] = None,
    since: Annotated[str | None, _date("First date (inclusive): the claim's, else its article's.")] = None,
    until: Annotated[str | None, _date("Last date (inclusive).")] = None,
    q: Annotated[str | None, _text("Words searched in the content, cue and source.")] = None,
    min_confidence: Annotated[float | None, Query(ge=0.0, le=1.0, description="Minimum confidence.")] = None,
    doc_id: Annotated[str | None, _id("Only the claims of this article.")] = None,
) -> ClaimFilter:
    """The :class:`ClaimFilter` the query string asks for (empty strings count as not given)."""
    return ClaimFilter(
        source=source or None,
        entity_id=entity or None,
        stance=stance,
        channel=channel or None,
        outlet=outlet or None,
        story_id=story or None,
        place=place or None,
        since=since or None,
        until=until or None,
        q=q or None,
        min_confidence=min_confidence,
        doc_id=doc_id or None,
    )


ClaimFilterDep = Annotated[ClaimFilter, Depends(claim_filter)]

__all__ = ["ClaimFilterDep", "Cursor", "DateParam", "IdParam", "Limit", "Sort", "Text", "claim_filter"]
