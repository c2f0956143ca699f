"""The one data model of claimledger, shared by the library, the ledger, the exports and the CLI.

Every record is a frozen dataclass.  Offsets (``start``/``end``) are character offsets into
``Article.text`` *as ingested* (before scraped-text repair), end exclusive, so a span can always be
shown in the original text: ``article.text[span.start:span.end] == span.text``.

The field names follow the interchange contract in ``PRODUCT.md`` (``claims.jsonl``,
``figures.jsonl`` ...); ``to_record()`` gives that exact JSON-ready shape, ``from_record()`` reads it
back (the ledger and the exports use these two and nothing else).

Usage::

    >>> from claimledger.models import Span, Claim
    >>> cue = Span(10, 14, "said")
    >>> cue.to_record()
    {'text': 'said', 'start': 10, 'end': 14}
"""

from __future__ import annotations

import dataclasses
import hashlib
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

Stance = Literal["assert", "estimate", "accuse", "deny", "no_comment", "confirm", "praise", "question"]
SourceKind = Literal["person", "government", "military", "media", "organization", "anonymous", "other"]
Grain = Literal["day", "week", "month", "quarter", "year", "decade", "century", "time"]
Relation = Literal["at", "since", "until", "before", "after"]
Bound = Literal["lower", "upper"]

STANCES: tuple[str, ...] = ("assert", "estimate", "accuse", "deny", "no_comment", "confirm", "praise", "question")
SOURCE_KINDS: tuple[str, ...] = ("person", "government", "military", "media", "organization", "anonymous", "other")


def normalise_for_hash(text: str) -> str:
    """Text as used for the content hash: NFC, whitespace runs collapsed, stripped."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def content_hash(text: str) -> str:
    """The document id: first 16 hex digits of sha256 over the normalised text."""
    return hashlib.sha256(normalise_for_hash(text).encode("utf-8")).hexdigest()[:16]


def stable_id(prefix: str, *parts: object) -> str:
    """A short deterministic id (``prefix`` + 12 hex digits) from the given parts."""
    digest = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:12]
    return f"{prefix}{digest}"


class _Record:
    """Mixin: JSON-ready dict in contract field order, and back."""

    def to_record(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):  # type: ignore[arg-type]
            out[f.name] = _plain(getattr(self, f.name))
        return out


def _plain(value: Any) -> Any:
    if isinstance(value, _Record):
        return value.to_record()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


@dataclass(frozen=True)
class Span(_Record):
    """A piece of an article: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str

    def to_record(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}

    @classmethod
    def from_record(cls, rec: dict[str, Any]) -> Span:
        return cls(int(rec["start"]), int(rec["end"]), str(rec["text"]))


@dataclass(frozen=True)
class Article(_Record):
    """One news article as ingested.

    ``text`` is kept exactly as read (after decoding); every offset in the ledger points into it.
    ``input`` names where it came from (``path`` or ``path:line``) for error messages.
    ``duplicate_of`` is the doc_id of the earlier article this one nearly copies (a wire copy).
    """

    text: str
    external_id: str | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: date | None = None
    language: str | None = None
    input: str | None = None
    author: str | None = None
    duplicate_of: str | None = None

    @property
    def doc_id(self) -> str:
        return content_hash(self.text)

    def to_record(self) -> dict[str, Any]:
        rec = {"doc_id": self.doc_id}
        rec.update(super().to_record())
        return rec

    @classmethod
    def from_record(cls, rec: dict[str, Any]) -> Article:
        pub = rec.get("published")
        if isinstance(pub, str) and pub:
            pub = date.fromisoformat(pub[:10])
        return cls(
            text=rec["text"],
            external_id=rec.get("external_id"),
            url=rec.get("url"),
            title=rec.get("title"),
            outlet=rec.get("outlet"),
            published=pub or None,
            language=rec.get("language"),
            input=rec.get("input"),
            author=rec.get("author"),
            duplicate_of=rec.get("duplicate_of"),
        )


@dataclass(frozen=True)
class Source(_Record):
    """Who makes a claim: the span in the text plus what we resolved it to.

    ``name`` is the canonical name ("Volodymyr Zelensky" for "he" or "the Ukrainian president"),
    ``kind`` one of :data:`SOURCE_KINDS`; ``role``/``affiliation`` as stated ("spokesman",
    "Ukraine's Special Operations Forces").
    """

    text: str
    start: int
    end: int
    name: str | None = None
    kind: str | None = None
    role: str | None = None
    affiliation: str | None = None
    entity_id: str | None = None

    @classmethod
    def from_record(cls, rec: dict[str, Any]) -> Source:
        return cls(**{f.name: rec.get(f.name) for f in dataclasses.fields(cls)})


@dataclass(frozen=True)
class ChannelHop(_Record):
    """An intermediary a claim passed through (AFP in "the spokesman told AFP")."""

    name: str
    kind: str | None = None
    start: int | None = None
    end: int | None = None

    @classmethod
    def from_record(cls, rec: dict[str, Any]) -> ChannelHop:
        return cls(**{f.name: rec.get(f.name) for f in dataclasses.fields(cls)})


@dataclass(frozen=True)
class Claim(_Record):
    """An attribution: ``source`` says ``content`` (through ``cue``), possibly via ``channel``.

    ``source`` is None when the writer asserts it.  ``content_parts`` holds every fragment of a
    discontinuous content (a quote interrupted by "he said"); ``content`` spans the first to last.
    ``responds_to`` lists claim ids this one answers (a denial of an accusation).
    """

    claim_id: str
    doc_id: str
    source: Source | None
    cue: Span
    content: Span
    direct: bool = False
    stance: str = "assert"
    hedged: bool = False
    channel: tuple[ChannelHop, ...] = ()
    date: str | None = None
    responds_to: tuple[str, ...] = ()
    figure_ids: tuple[str, ...] = ()
    content_parts: tuple[Span, ...] = ()
    hedges: tuple[Span, ...] = ()
    confidence: float | None = None
    origin: str | None = None

    @classmethod
    def from_record(cls, rec: dict[str, Any]) -> Claim:
        src = rec.get("source")
        return cls(
            claim_id=rec["claim_id"],
            doc_id=rec["doc_id"],
            source=Source.from_record(src) if src else None,
            cue=Span.from_record(rec["cue"]),
            content=Span.from_record(rec["content"]),
            direct=bool(rec.get("direct")),
            stance=rec.get("stance") or "assert",
            hedged=bool(rec.get("hedged")),
            channel=tuple(ChannelHop.from_record(c) for c in rec.get("channel") or ()),
            date=rec.get("date"),
            responds_to=tuple(rec.get("responds_to") or ()),
            figure_ids=tuple(rec.get("figure_ids") or ()),
            content_parts=tuple(Span.from_record(s) for s in rec.get("content_parts") or ()),
            hedges=tuple(Span.from_record(s) for s in rec.get("hedges") or ()),
            confidence=rec.get("confidence"),
            origin=rec.get("origin"),
        )


@dataclass(frozen=True)
class Figure(_Record):
    """A number in the text with what it counts: "over 10,000 soldiers", "about one-third".

    ``value`` is a number (a fraction as 0.5); ``bound`` lower/upper for "over"/"up to";
    ``normalized`` = {"value", "unit"} in SI/metric; ``of`` and ``derived_value`` when a base is
    stated ("one-third of 12,000" -> of=12000, derived_value=4000).  ``note`` says why a value was
    kept as text only (unparseable or absurd).
    """

    figure_id: str
    doc_id: str
    claim_id: str | None
    text: str
    start: int
    end: int
    value: float | None
    unit: str | None = None
    bound: str | None = None
    approx: bool = False
    counts: str | None = None
    normalized: dict[str, Any] | None = None
    of: float | None = None
    derived_value: float | None = None
    kind: str | None = None
    high: float | None = None
    note: str | None = None

    @classmethod
    def from_record(cls, rec: dict[str, Any]) -> Figure:
        return cls(**{f.name: rec.get(f.name) for f in dataclasses.fields(cls)})


@dataclass(frozen=True)
class TimeRef(_Record):
    """A time expression normalised against the publication date.

    ``value`` is ISO (2025-01-31, 2025-W04, 2024-08, 2024) or None when it cannot be resolved
    (``note`` says why); ``grain`` day/week/month/year; ``relation`` at/since/until/before/after;
    ``timex`` the TIMEX3 form (2025-W04, P3W) and ``value_end`` the end of a stretch ("during the war").
    """

    doc_id: str
    text: str
    start: int
    end: int
    value: str | None
    grain: str | None = None
    relation: str = "at"
    claim_id: str | None = None
    note: str | None = None
    timex: str | None = None
    value_end: str | None = None

    @classmethod
    def from_record(cls, rec: dict[str, Any]) -> TimeRef:
        return cls(**{f.name: rec.get(f.name) for f in dataclasses.fields(cls)})


@dataclass(frozen=True)
class Place(_Record):
    """A toponym geocoded offline.  Metonymic uses ("Moscow announced") are actors, not places."""

    doc_id: str
    text: str
    start: int
    end: int
    name: str | None
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    gazetteer_id: str | None = None
    feature: str | None = None
    claim_id: str | None = None

    @classmethod
    def from_record(cls, rec: dict[str, Any]) -> Place:
        return cls(**{f.name: rec.get(f.name) for f in dataclasses.fields(cls)})


@dataclass(frozen=True)
class Actor(_Record):
    """A mention of a person, organisation or government, with its canonical entity.

    ``metonymy`` marks a place name standing for a government ("Moscow announced").
    """

    doc_id: str
    text: str
    start: int
    end: int
    name: str
    kind: str | None = None
    role: str | None = None
    affiliation: str | None = None
    entity_id: str | None = None
    metonymy: bool = False

    @classmethod
    def from_record(cls, rec: dict[str, Any]) -> Actor:
        return cls(**{f.name: rec.get(f.name) for f in dataclasses.fields(cls)})


@dataclass(frozen=True)
class Event(_Record):
    """An ACLED-style event built from claims, with the claims that support and contest it."""

    event_id: str
    doc_ids: tuple[str, ...]
    type: str
    actors: tuple[str, ...] = ()
    place: dict[str, Any] | None = None
    date: str | None = None
    figures: tuple[str, ...] = ()
    supporting_claims: tuple[str, ...] = ()
    contesting_claims: tuple[str, ...] = ()

    @classmethod
    def from_record(cls, rec: dict[str, Any]) -> Event:
        return cls(
            event_id=rec["event_id"],
            doc_ids=tuple(rec.get("doc_ids") or ()),
            type=rec["type"],
            actors=tuple(rec.get("actors") or ()),
            place=rec.get("place"),
            date=rec.get("date"),
            figures=tuple(rec.get("figures") or ()),
            supporting_claims=tuple(rec.get("supporting_claims") or ()),
            contesting_claims=tuple(rec.get("contesting_claims") or ()),
        )


@dataclass(frozen=True)
class Reading:
    """Everything read out of one article: the unit the ledger writes in one transaction."""

    article: Article
    claims: tuple[Claim, ...] = ()
    figures: tuple[Figure, ...] = ()
    times: tuple[TimeRef, ...] = ()
    places: tuple[Place, ...] = ()
    actors: tuple[Actor, ...] = ()
    events: tuple[Event, ...] = ()
    notes: tuple[str, ...] = field(default=())
    signature: str | None = None  # near-duplicate signature (base64), stored to find later wire copies

    @property
    def doc_id(self) -> str:
        return self.article.doc_id


__all__ = [
    "SOURCE_KINDS",
    "STANCES",
    "Actor",
    "Article",
    "ChannelHop",
    "Claim",
    "Event",
    "Figure",
    "Place",
    "Reading",
    "Source",
    "Span",
    "TimeRef",
    "content_hash",
    "normalise_for_hash",
    "stable_id",
]
