"""The API's request and response shapes, derived from the data model (``models.py``, ``ledger/pages.py``).

No field is written out a second time here: each shape is built from ``dataclasses.fields`` of a
model (its resolved type hints, defaults and docstring), so a field added to a model appears in the
API and its OpenAPI description at once.  The split follows FastAPI's tutorial
(``HeroBase`` / ``HeroCreate`` / ``HeroPublic``):

* ``DocumentBase``   the metadata an article has (from :class:`~claimledger.models.Article`, without its text);
* ``DocumentCreate`` what ``POST /documents`` takes: the base plus the text or HTML, with size limits;
* ``DocumentPublic`` what a listing returns: the base plus ``doc_id``, the claim count and the story;
* ``DocumentReading`` one article with its text and every span read in it.

Nested records (``Span``, ``Source``, ``ChannelHop``) are the model dataclasses themselves: pydantic
reads them as they are.
"""

from __future__ import annotations

import dataclasses
import functools
import operator
import types
import typing
from collections.abc import Iterable
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

from claimledger.ingest.metadata import Metadata
from claimledger.ledger.pages import ClaimRow, DocumentRow, Facets, PlaceCount, SourcedFigure, SourceEntity
from claimledger.models import (
    Actor,
    Article,
    Claim,
    Comparison,
    Event,
    Figure,
    Place,
    Reading,
    Story,
    TimelinePoint,
    TimeRef,
)

# Size limits of what a client sends (the article's own limit is the ingest's max_article_bytes).
MAX_META_CHARS = 2_000
MAX_QUERY_CHARS = 200
MAX_ID_CHARS = 64
MAX_CURSOR_CHARS = 400


class PublicBase(BaseModel):
    """What every response shape shares: built from model records, so extra keys are ignored."""

    model_config = ConfigDict(extra="ignore")


class CreateBase(BaseModel):
    """What every request body shares: unknown fields are refused, strings are trimmed."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


def model_fields(model: type, *, exclude: Iterable[str] = (), limit_strings: int | None = None) -> dict[str, Any]:
    """``create_model`` field definitions for the dataclass ``model``'s fields (types and defaults).

    Args:
        model: a dataclass of ``models.py`` or ``ledger/pages.py``.
        exclude: field names to leave out.
        limit_strings: give ``str`` fields this ``max_length`` (for request bodies).
    """
    hints = typing.get_type_hints(model)
    skip = set(exclude)
    out: dict[str, Any] = {}
    for f in dataclasses.fields(model):
        if f.name in skip:
            continue
        kind: Any = _pydantic_safe(hints[f.name])
        if limit_strings and kind in (str, str | None):
            kind = Annotated[kind, Field(max_length=limit_strings)]
        if f.default is not dataclasses.MISSING:
            default: Any = f.default
        elif f.default_factory is not dataclasses.MISSING:
            default = f.default_factory()
        else:
            default = ...
        out[f.name] = (kind, default)
    return out


def _pydantic_safe(kind: Any) -> Any:
    """``kind`` with every ``typing.TypedDict`` replaced by ``dict[str, Any]``: pydantic reads only
    ``typing_extensions.TypedDict`` on Python 3.11, and models.py imports nothing but the standard library."""
    if typing.is_typeddict(kind):
        return dict[str, Any]
    args = typing.get_args(kind)
    if args and isinstance(kind, types.UnionType):
        return functools.reduce(operator.or_, (_pydantic_safe(a) for a in args))
    return kind


def derive(
    name: str,
    model: type,
    *,
    base: type[BaseModel] = PublicBase,
    exclude: Iterable[str] = (),
    extra: dict[str, Any] | None = None,
    doc: str | None = None,
    limit_strings: int | None = None,
) -> type[BaseModel]:
    """A pydantic model named ``name`` with the fields of the dataclass ``model`` (less ``exclude``,
    plus ``extra``: ``{field: (type, default)}``), documented by ``doc`` or the model's docstring."""
    fields = model_fields(model, exclude=exclude, limit_strings=limit_strings)
    fields.update(extra or {})
    made: type[BaseModel] = create_model(name, __base__=base, __doc__=doc or model.__doc__, **fields)
    return made


def page_of(item: type[BaseModel], *, counted: bool = False) -> type[BaseModel]:
    """A page of ``item``: the items, the cursor of the next page and, if ``counted``, the total."""
    extra: dict[str, Any] = {"items": (list[item], ...), "next_cursor": (str | None, None)}  # type: ignore[valid-type]
    if counted:
        extra["total"] = (int, ...)
    made: type[BaseModel] = create_model(
        f"{item.__name__}Page",
        __base__=PublicBase,
        __doc__=f"One page of {item.__name__}; pass ``next_cursor`` as ``cursor`` for the next one.",
        **extra,
    )
    return made


# ---- documents ---------------------------------------------------------------------------------
# The article's metadata: everything of Article but its text and where it was read from (a local path).
_NOT_PUBLIC = ("text", "input")
DocumentBase = derive("DocumentBase", Article, exclude=_NOT_PUBLIC, doc="An article's metadata.")
DocumentPublic = derive(
    "DocumentPublic",
    DocumentRow,
    base=DocumentBase,
    exclude=("article",),
    doc=DocumentRow.__doc__,
)
DocumentPage = page_of(DocumentPublic)

# What POST /documents takes: what the ingest knows about an article besides its text (its Metadata,
# each string at most MAX_META_CHARS), the user's id for it, and the text or the HTML page.
DocumentCreate = derive(
    "DocumentCreate",
    Metadata,
    base=CreateBase,
    limit_strings=MAX_META_CHARS,
    extra={
        "external_id": (str | None, Field(None, max_length=MAX_META_CHARS, description="Your id for the article.")),
        "text": (str | None, Field(None, description="The article as plain text (this or html).")),
        "html": (str | None, Field(None, description="The article as an HTML page; its main text is extracted.")),
    },
    doc="An article to read and store: its text (or HTML page) and what is known about it.",
)

ClaimPublic = derive(
    "ClaimPublic",
    Claim,
    extra={name: (kind, None) for name, kind in typing.get_type_hints(ClaimRow).items() if name != "claim"},
    doc="A claim (the interchange-contract record) with the metadata of its article.",
)
ClaimPage = page_of(ClaimPublic, counted=True)

FigurePublic = derive("FigurePublic", Figure)
TimePublic = derive("TimePublic", TimeRef)
PlacePublic = derive("PlacePublic", Place)
ActorPublic = derive("ActorPublic", Actor)
EventPublic = derive("EventPublic", Event)
FigurePage = page_of(FigurePublic)
EventPage = page_of(EventPublic)
ComparisonPublic = derive("ComparisonPublic", Comparison)
TimelinePointPublic = derive("TimelinePointPublic", TimelinePoint)
TimePage = page_of(TimePublic)
PlacePage = page_of(PlacePublic)

# One article with everything read in it: the record lists of Reading, each in its public shape.
_READING_PARTS: dict[str, type[BaseModel]] = {
    "claims": ClaimPublic,
    "figures": FigurePublic,
    "times": TimePublic,
    "places": PlacePublic,
    "actors": ActorPublic,
    "events": EventPublic,
}
assert set(_READING_PARTS) <= {f.name for f in dataclasses.fields(Reading)}
_parts: dict[str, Any] = {name: (list[part], []) for name, part in _READING_PARTS.items()}  # type: ignore[valid-type]
DocumentReading: type[BaseModel] = create_model(
    "DocumentReading",
    __base__=DocumentPublic,
    __doc__="One article: its text as ingested and every span read in it (offsets into that text).",
    text=(str, ...),
    **_parts,
)

StoryPublic = derive("StoryPublic", Story)
StoryPage = page_of(StoryPublic)
SourcePublic = derive("SourcePublic", SourceEntity)
SourcePage = page_of(SourcePublic)
FacetsPublic = derive("FacetsPublic", Facets)
SourcedFigurePublic = derive(
    "SourcedFigurePublic",
    SourcedFigure,
    exclude=("figure",),
    extra={"figure": (FigurePublic, ...)},
)
PlaceCountPublic = derive("PlaceCountPublic", PlaceCount)
# Lists of them, as response models (typed Any: mypy cannot check a type made at run time).
SourcedFigureList: Any = list[SourcedFigurePublic]  # type: ignore[valid-type]
PlaceCountList: Any = list[PlaceCountPublic]  # type: ignore[valid-type]
ComparisonList: Any = list[ComparisonPublic]  # type: ignore[valid-type]
TimelineList: Any = list[TimelinePointPublic]  # type: ignore[valid-type]


class MeasurePublic(PublicBase):
    """What figures count (``counts``) and how many figures count it."""

    counts: str
    figures: int


class StoredPublic(PublicBase):
    """What ``POST /documents`` did: the article's id and whether it was new."""

    doc_id: str | None
    stored: bool
    unchanged: bool
    duplicate_of: str | None = None
    claims: int = 0
    warnings: list[str] = []


class ErrorDetail(PublicBase):
    """Every error response: ``{"error": {...}}`` with a stable code, the kind of error and what went wrong."""

    code: str
    type: str
    message: str
    input: str | None = None
    fields: list[dict[str, Any]] = []


class ErrorPublic(PublicBase):
    error: ErrorDetail


class ApiInfo(PublicBase):
    """The API's version and the ledger's row counts."""

    version: str
    api: Literal["v1"] = "v1"
    schema_version: int
    counts: dict[str, int]
    first_date: str | None = None
    last_date: str | None = None


# ---- records -> response dicts ---------------------------------------------------------------------
def document_public(row: DocumentRow) -> dict[str, Any]:
    """The ``DocumentPublic`` dict of a listing row."""
    rec = row.article.to_record()
    for private in _NOT_PUBLIC:
        rec.pop(private, None)
    rec.update(doc_id=row.doc_id, claim_count=row.claim_count, story_id=row.story_id)
    return rec


def claim_public(row: ClaimRow) -> dict[str, Any]:
    """The ``ClaimPublic`` dict of a claim with its article's metadata."""
    rec = row.claim.to_record()
    rec.update(
        title=row.title,
        outlet=row.outlet,
        published=row.published.isoformat() if isinstance(row.published, date) else row.published,
        external_id=row.external_id,
        story_id=row.story_id,
    )
    return rec


def plain(obj: Any) -> Any:
    """A page record (``SourceEntity``, ``Facets`` …) as JSON-ready data."""
    if hasattr(obj, "to_record"):
        return obj.to_record()
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, date):
        return obj.isoformat()
    if isinstance(obj, dict):
        return {k: plain(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [plain(v) for v in obj]
    return obj


__all__ = [
    "ActorPublic",
    "ApiInfo",
    "ClaimPage",
    "ClaimPublic",
    "ComparisonList",
    "ComparisonPublic",
    "DocumentBase",
    "DocumentCreate",
    "DocumentPage",
    "DocumentPublic",
    "DocumentReading",
    "ErrorDetail",
    "ErrorPublic",
    "EventPage",
    "EventPublic",
    "FacetsPublic",
    "FigurePage",
    "FigurePublic",
    "MeasurePublic",
    "PlaceCountList",
    "PlaceCountPublic",
    "PlacePage",
    "PlacePublic",
    "SourcePage",
    "SourcePublic",
    "SourcedFigureList",
    "SourcedFigurePublic",
    "StoredPublic",
    "StoryPage",
    "StoryPublic",
    "TimePage",
    "TimePublic",
    "TimelineList",
    "TimelinePointPublic",
    "claim_public",
    "derive",
    "document_public",
    "page_of",
    "plain",
]
