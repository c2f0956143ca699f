"""What the ledger's filtered, paginated reads return (see ``_query.py``), and their cursors.

Frozen dataclasses around the models of ``models.py``: a claim with its article's metadata, an
article without its text, a canonical source with all its names, a figure with its source and date.
The API's response shapes are derived from these and from the models, never written out again.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Generic, TypeVar

from claimledger.errors import QueryError
from claimledger.models import Article, Claim, Figure

MAX_PAGE = 500

T = TypeVar("T")


@dataclass(frozen=True)
class ClaimFilter:
    """What to keep of the claims; every field left None keeps everything.

    Args:
        source: a substring of the source's canonical name or of its text, case-insensitive.
        entity_id: the source's canonical entity (``/sources/{entity_id}``), exactly.
        stance: one stance (``assert``, ``deny`` …), exactly.
        channel: the name of an intermediary in the claim's reporting chain (AFP), case-insensitive.
        outlet: the outlet of the article, case-insensitive.
        story_id: the story of the article (when the ledger has stories).
        place: the name of a place the claim mentions, case-insensitive.
        since, until: ISO dates, inclusive, on the claim's date, else its article's publication date.
        q: words searched, as one substring, in the content, the cue and the source.
        min_confidence: only claims at least this confident (0–1).
        doc_id: only the claims of this article.
    """

    source: str | None = None
    entity_id: str | None = None
    stance: str | None = None
    channel: str | None = None
    outlet: str | None = None
    story_id: str | None = None
    place: str | None = None
    since: str | None = None
    until: str | None = None
    q: str | None = None
    min_confidence: float | None = None
    doc_id: str | None = None


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of results, with the cursor of the next one (None on the last page)."""

    items: tuple[T, ...]
    next_cursor: str | None = None


@dataclass(frozen=True)
class ClaimRow:
    """A claim with what the reader needs of its article to place it."""

    claim: Claim
    title: str | None
    outlet: str | None
    published: date | None
    external_id: str | None
    story_id: str | None = None


@dataclass(frozen=True)
class DocumentRow:
    """An article's metadata with how many claims were read in it.

    ``article.text`` is left empty (listings do not carry texts), so the id is ``doc_id`` here, not
    ``article.doc_id`` (which hashes the text).
    """

    doc_id: str
    article: Article
    claim_count: int
    story_id: str | None = None


@dataclass(frozen=True)
class SourceEntity:
    """One canonical source: every name it was written as, and how much it claims, when."""

    entity_id: str
    name: str
    names: tuple[str, ...]
    kind: str | None
    role: str | None
    affiliation: str | None
    claims: int
    documents: int
    first_published: date | None
    last_published: date | None


@dataclass(frozen=True)
class SourcedFigure:
    """A figure with the source that gives it and its date (statement date, else publication)."""

    figure: Figure
    source: str | None
    entity_id: str | None
    date: str | None
    outlet: str | None


@dataclass(frozen=True)
class PlaceCount:
    """A geocoded place and how often the ledger names it, between the first and last date."""

    name: str
    country: str | None
    admin1: str | None
    lat: float
    lon: float
    gazetteer_id: str | None
    mentions: int
    claims: int
    documents: int
    first_date: str | None
    last_date: str | None


@dataclass(frozen=True)
class EventPoint:
    """An event with a geocoded place, for a map."""

    event_id: str
    type: str
    date: str | None
    place: str | None
    lat: float
    lon: float


@dataclass(frozen=True)
class FacetValue:
    """One value of a facet and how many of the filtered claims have it."""

    value: str
    count: int


@dataclass(frozen=True)
class Facets:
    """Counts of the filtered claims per value, for each facet (most frequent first)."""

    total: int
    counts: dict[str, list[FacetValue]] = field(default_factory=dict)


def check_limit(limit: int) -> None:
    """Raise QueryError unless ``limit`` (rows per page) is between 1 and :data:`MAX_PAGE`."""
    if not 1 <= limit <= MAX_PAGE:
        raise QueryError(f"limit must be between 1 and {MAX_PAGE}", input=str(limit))


def encode_cursor(kind: str, values: Sequence[Any]) -> str:
    """An opaque cursor for the row whose sort key is ``values`` in a listing of ``kind``."""
    raw = json.dumps([kind, *values], separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(cursor: str, kind: str, types: Sequence[type]) -> list[Any]:
    """The sort key a cursor of ``kind`` holds, checked against ``types``.

    Raises:
        QueryError: the cursor was not made by :func:`encode_cursor` for this listing.
    """
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        data = json.loads(raw.decode("utf-8"))
    except (binascii.Error, ValueError, UnicodeDecodeError) as exc:
        raise QueryError("the cursor is not one this ledger gave out", input=cursor[:80]) from exc
    if not isinstance(data, list) or len(data) != len(types) + 1 or data[0] != kind:
        raise QueryError(f"the cursor does not belong to this listing ({kind})", input=cursor[:80])
    values = data[1:]
    for value, want in zip(values, types, strict=True):
        ok = isinstance(value, want) and not isinstance(value, bool)
        if want is float and isinstance(value, int) and not isinstance(value, bool):
            ok = True
        if not ok:
            raise QueryError("the cursor is damaged", input=cursor[:80])
    return values


__all__ = [
    "MAX_PAGE",
    "ClaimFilter",
    "ClaimRow",
    "DocumentRow",
    "EventPoint",
    "FacetValue",
    "Facets",
    "Page",
    "PlaceCount",
    "SourceEntity",
    "SourcedFigure",
    "check_limit",
    "decode_cursor",
    "encode_cursor",
]
