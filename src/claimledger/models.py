"""The one data model of claimledger, shared by the library, the ledger, the exports and the CLI.

Every record is a frozen dataclass.  Offsets (``start``/``end``) are character offsets into
``Article.text`` *as ingested* (before scraped-text repair), end exclusive, so a span can always be
shown in the original text: ``article.text[span.start:span.end] == span.text``.

The field names follow the interchange contract in ``PRODUCT.md`` (``claims.jsonl``,
``figures.jsonl`` ...); ``to_record()`` gives that exact JSON-ready shape, ``from_record()`` reads it
back (the ledger and the exports use these two and nothing else).

The ledger's columns, the Parquet types and the row flattening are *derived* from these classes
(:func:`record_types` gives each record's keys and their types): adding a field here is the one
edit, plus a migration in ``ledger/migrations.py`` when the ledger must store it (a test names the
``ALTER TABLE`` line that is missing).

Usage::

    >>> from claimledger.models import Span, Claim
    >>> cue = Span(10, 14, "said")
    >>> cue.to_record()
    {'text': 'said', 'start': 10, 'end': 14}
"""

from __future__ import annotations

import dataclasses
import hashlib
import types
import typing
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, ClassVar, Literal, Self, TypedDict, get_args

Stance = Literal["assert", "estimate", "accuse", "deny", "no_comment", "confirm", "praise", "question"]
SourceKind = Literal["person", "government", "military", "media", "organization", "anonymous", "other"]
Grain = Literal["day", "week", "month", "quarter", "year", "decade", "century", "time"]
Relation = Literal["at", "since", "until", "before", "after"]
Bound = Literal["lower", "upper"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]  # TimeML TIMEX3 types

STANCES: tuple[Stance, ...] = get_args(Stance)
SOURCE_KINDS: tuple[SourceKind, ...] = get_args(SourceKind)


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
    """Mixin: a JSON-ready dict in contract field order (``to_record``) and back (``from_record``),
    both driven by the field types, so a new field needs no code here."""

    # Keys of ``to_record()`` that are properties, not fields, put first, with their types (Article.doc_id).
    _computed: ClassVar[Mapping[str, type]] = {}
    # The key order when the contract orders the fields differently from the constructor (Span).
    _order: ClassVar[tuple[str, ...]] = ()

    def to_record(self) -> dict[str, Any]:
        """This record as a JSON-ready dict: the keys of :func:`record_types`, nested records as
        dicts, tuples as lists, dates as ISO text."""
        return {name: plain(getattr(self, name)) for name in record_types(type(self))}

    @classmethod
    def from_record(cls, rec: Mapping[str, Any]) -> Self:
        """The object a record describes (what ``to_record`` gave, or a ledger row by field name).

        Nested records and tuples of them are read back, lists become tuples, ISO text becomes a
        date/datetime, booleans and integers are coerced; a missing or null value takes the
        field's default (``()`` for a tuple).  Keys that are not fields are ignored.

        Args:
            rec: the record.
        """
        kwargs: dict[str, Any] = {}
        for name, read, has_default in _plan(cls):
            value = rec.get(name)
            if value is None and has_default:
                continue
            kwargs[name] = read(value)
        return cls(**kwargs)


def _plan(cls: type[_Record]) -> list[tuple[str, Callable[[Any], Any], bool]]:
    """``(name, reader, has a default)`` of every constructor field of ``cls`` (built once per class)."""
    found = _PLANS.get(cls)
    if found is None:
        hints = typing.get_type_hints(cls)
        missing = dataclasses.MISSING
        found = _PLANS[cls] = [
            (f.name, _reader(hints[f.name]), f.default is not missing or f.default_factory is not missing)
            for f in dataclasses.fields(cls)  # type: ignore[arg-type]
        ]
    return found


def _reader(tp: Any) -> Callable[[Any], Any]:
    """A function turning one record value into what the field type ``tp`` holds."""
    inner, nullable = optional(tp)
    if typing.get_origin(inner) is tuple:
        item = get_args(inner)[0]
        if is_record(item):
            return lambda v: tuple(item.from_record(x) for x in v or ())
        return lambda v: tuple(v or ())
    if is_record(inner):  # an optional record given as {} is absent, like None
        return lambda v: inner.from_record(v) if v or (v is not None and not nullable) else None
    if inner is datetime:
        return lambda v: datetime.fromisoformat(v) if isinstance(v, str) else v
    if inner is date:
        return lambda v: (date.fromisoformat(v[:10]) if v else None) if isinstance(v, str) else v
    if inner is bool:
        return lambda v: None if v is None else bool(v)
    if inner is int:
        return lambda v: None if v is None else int(v)
    return lambda v: v


_PLANS: dict[type[_Record], list[tuple[str, Callable[[Any], Any], bool]]] = {}
_RECORD_TYPES: dict[type[_Record], Mapping[str, Any]] = {}


def record_types(cls: type[_Record]) -> Mapping[str, Any]:
    """The keys of ``cls``'s records, in order, each with its resolved type (``str | None``,
    ``tuple[Span, ...]``, ``Stance`` as its ``Literal``).  Every derived view reads this.

    Args:
        cls: a record class of this module (or any dataclass built on the same mixin).
    """
    found = _RECORD_TYPES.get(cls)
    if found is None:
        hints = typing.get_type_hints(cls)
        names = cls._order or tuple(f.name for f in dataclasses.fields(cls))  # type: ignore[arg-type]
        found = _RECORD_TYPES[cls] = types.MappingProxyType({**cls._computed, **{n: hints[n] for n in names}})
    return found


def optional(tp: Any) -> tuple[Any, bool]:
    """``(X, True)`` for ``X | None``, ``(tp, False)`` for any other type."""
    if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union:
        args = [a for a in get_args(tp) if a is not type(None)]
        if len(args) == 1:
            return args[0], True
    return tp, False


def is_record(tp: Any) -> bool:
    """Whether ``tp`` is a record class (a nested object: a struct in Parquet, flattened in SQL)."""
    return isinstance(tp, type) and issubclass(tp, _Record)


def plain(value: Any) -> Any:
    """``value`` as JSON-ready data: records as dicts, tuples as lists, dates as ISO text."""
    if isinstance(value, _Record):
        return value.to_record()
    if isinstance(value, tuple | list):
        return [plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


@dataclass(frozen=True)
class Span(_Record):
    """A piece of an article: ``text == article.text[start:end]``."""

    _order = ("text", "start", "end")  # the contract's order; the constructor takes (start, end, text)

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Article(_Record):
    """One news article as ingested.

    ``text`` is kept exactly as read (after decoding); every offset in the ledger points into it.
    ``input`` names where it came from (``path`` or ``path:line``) for error messages.
    ``duplicate_of`` is the doc_id of the earlier article this one nearly copies (a wire copy).
    ``story_id`` is the story it reports (set by ``claimledger.reconcile``; None until then).
    """

    _computed = {"doc_id": str}

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
    story_id: str | None = None

    @property
    def doc_id(self) -> str:
        """The content hash of ``text`` (:func:`content_hash`)."""
        return content_hash(self.text)


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
    kind: SourceKind | None = None
    role: str | None = None
    affiliation: str | None = None
    entity_id: str | None = None


@dataclass(frozen=True)
class ChannelHop(_Record):
    """An intermediary a claim passed through (AFP in "the spokesman told AFP")."""

    name: str
    kind: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class Claim(_Record):
    """An attribution: ``source`` says ``content`` (through ``cue``), possibly via ``channel``.

    ``source`` is None when the writer asserts it.  ``content_parts`` holds every fragment of a
    discontinuous content (a quote interrupted by "he said"); ``content`` spans the first to last.
    ``responds_to`` lists claim ids this one answers (a denial of an accusation).
    ``story_id``, ``event_ids`` and ``claim_group`` are set by ``claimledger.reconcile``: the story
    of its article, the events it supports, contests or refuses to comment on, and its claim group
    (the same statement by the same source in several articles shares one group).
    """

    claim_id: str
    doc_id: str
    source: Source | None
    cue: Span
    content: Span
    direct: bool = False
    stance: Stance = "assert"
    hedged: bool = False
    channel: tuple[ChannelHop, ...] = ()
    date: str | None = None
    responds_to: tuple[str, ...] = ()
    figure_ids: tuple[str, ...] = ()
    content_parts: tuple[Span, ...] = ()
    hedges: tuple[Span, ...] = ()
    confidence: float | None = None
    origin: str | None = None
    story_id: str | None = None
    event_ids: tuple[str, ...] = ()
    claim_group: str | None = None

    @classmethod
    def from_record(cls, rec: Mapping[str, Any]) -> Self:
        """A claim from its record (see ``_Record.from_record``); an empty stance reads as "assert"."""
        claim = super().from_record(rec)
        return claim if claim.stance else dataclasses.replace(claim, stance="assert")


class Normalized(TypedDict, total=False):
    """A figure's value in SI/metric units: ``{"value": 12.5, "unit": "km2"}`` (no other keys).

    The extractor sets both keys; ``total=False`` lets readers write ``(fig.normalized or {}).get("unit")``.
    """

    value: float
    unit: str


@dataclass(frozen=True)
class Figure(_Record):
    """A number in the text with what it counts: "over 10,000 soldiers", "about one-third".

    ``value`` is a number (a fraction as 0.5); ``bound`` lower/upper for "over"/"up to";
    ``normalized`` = {"value", "unit"} in SI/metric; ``of`` and ``derived_value`` when a base is
    stated ("one-third of 12,000" -> of=12000, derived_value=4000).  ``note`` says why a value was
    kept as text only (unparseable or absurd).  ``measure`` is what a count counts, in the small
    vocabulary the across-articles comparison uses (killed, injured, killed_or_injured, arrested,
    displaced, troops ...: ``claimledger.nlp.figures.measure.MEASURES``) and ``measure_subject`` whose
    count it is (civilians, children, soldiers, police ...); both None when the text does not say.
    """

    figure_id: str
    doc_id: str
    claim_id: str | None
    text: str
    start: int
    end: int
    value: float | None
    unit: str | None = None
    bound: Bound | None = None
    approx: bool = False
    counts: str | None = None
    normalized: Normalized | None = None
    of: float | None = None
    derived_value: float | None = None
    kind: str | None = None
    high: float | None = None
    note: str | None = None
    measure: str | None = None
    measure_subject: str | None = None


@dataclass(frozen=True)
class TimeRef(_Record):
    """A time expression normalised against the publication date.

    ``value`` is ISO (2025-01-31, 2025-W04, 2024-08, 2024) or None when it cannot be resolved
    (``note`` says why); ``grain`` day/week/month/year; ``relation`` at/since/until/before/after;
    ``timex`` the TIMEX3 form (2025-W04, P3W) and ``value_end`` the end of a stretch ("during the war").
    ``text``/``start``/``end`` are the phrase with its signal word ("since November", "in a decade");
    ``timex_text``/``timex_start``/``timex_end`` the TIMEX3 extent inside it, as TimeML annotates it
    ("November", "a decade"; offsets into the text as ingested), and ``type`` its TIMEX3 type: DATE,
    TIME, DURATION ("for eight years": P8Y) or SET ("every week").
    """

    doc_id: str
    text: str
    start: int
    end: int
    value: str | None
    grain: Grain | None = None
    relation: Relation = "at"
    claim_id: str | None = None
    note: str | None = None
    timex: str | None = None
    value_end: str | None = None
    timex_text: str | None = None
    timex_start: int | None = None
    timex_end: int | None = None
    type: TimexType | None = None


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


@dataclass(frozen=True)
class Event(_Record):
    """An ACLED-style event built from claims, with the claims that support, contest (deny,
    dismiss, state a conflicting figure) and refuse to comment on it.

    Read from one article it lists that article; merged across a story (``claimledger.reconcile``)
    it lists every article (``doc_ids``, wire copies included: ``articles``), its ``story_id``, the
    number of independent ``origins`` behind its supporting claims, ``one_sided`` when all of them
    come from sources of one side (``sides``: ISO country codes from their affiliations),
    ``sub_type`` (ACLED's sub-event type), ``fatalities`` (ACLED's convention: the most conservative
    count among the sources) and ``evidence``: for the type, place, date and actors, the claim and
    span each comes from.
    """

    event_id: str
    doc_ids: tuple[str, ...]
    type: str
    actors: tuple[str, ...] = ()
    place: dict[str, Any] | None = None
    date: str | None = None
    figures: tuple[str, ...] = ()
    supporting_claims: tuple[str, ...] = ()
    contesting_claims: tuple[str, ...] = ()
    refusing_claims: tuple[str, ...] = ()
    story_id: str | None = None
    one_sided: bool | None = None
    origins: int | None = None
    sub_type: str | None = None
    sides: tuple[str, ...] = ()
    articles: int | None = None
    fatalities: int | None = None
    evidence: dict[str, Any] | None = None


@dataclass(frozen=True)
class ValueRange(_Record):
    """The values a stated figure allows: ``low <= x <= high`` (``high`` None: unbounded), in
    ``unit`` (None for counts, ``fraction`` for a share without its base); ``rule`` names the
    reading (exact, rounded, about, nearly, lower, upper, range, vague: ``reconcile.intervals``)."""

    low: float
    high: float | None = None
    unit: str | None = None
    rule: str = "exact"


@dataclass(frozen=True)
class Comparison(_Record):
    """Two figures of one measure set side by side (``claimledger.reconcile.comparisons``).

    ``relation`` is ``agree`` (their ranges overlap), ``conflict`` (disjoint) or
    ``different_measure`` (killed against killed-or-injured: shown side by side, never a
    contradiction).  The tuples hold one entry per figure, in the same order.
    """

    comparison_id: str
    story_id: str
    event_id: str | None
    measure: str
    relation: str
    figure_ids: tuple[str, ...] = ()
    claim_ids: tuple[str | None, ...] = ()
    sources: tuple[str, ...] = ()
    intervals: tuple[ValueRange, ...] = ()
    texts: tuple[str, ...] = ()
    doc_ids: tuple[str, ...] = ()
    dates: tuple[str | None, ...] = ()
    measures: tuple[str, ...] = ()


@dataclass(frozen=True)
class ClaimGroup(_Record):
    """One statement by one source, as ``articles`` articles carry it from ``origins`` independent
    origins (wire copies and outlets quoting one agency count once)."""

    claim_group: str
    story_id: str
    source: str | None
    text: str
    claim_ids: tuple[str, ...] = ()
    doc_ids: tuple[str, ...] = ()
    articles: int = 0
    origins: int = 0


@dataclass(frozen=True)
class TimelinePoint(_Record):
    """One source's figure for one measure on one date (``dated_by``: statement | published | none);
    ``value`` is the middle of its range [``low``, ``high``] (``high`` None: "more than low")."""

    point_id: str
    story_id: str
    measure: str
    source: str
    date: str | None
    dated_by: str
    value: float
    low: float
    high: float | None
    text: str
    figure_id: str
    claim_id: str | None
    doc_id: str
    origin: str
    claim_group: str | None = None


@dataclass(frozen=True)
class Story(_Record):
    """A story: the articles that report one real-world happening (``claimledger.reconcile``).

    ``title`` is its first article's; ``outlets`` every outlet that ran it (first appearance
    first); ``origins`` the number of independent origins behind it (wire copies and outlets
    quoting one agency count once: ``reconcile.origins``), beside ``len(doc_ids)`` articles.
    ``seq`` is the order stories were opened in (assignment replays in that order).
    """

    story_id: str
    doc_ids: tuple[str, ...] = ()
    title: str | None = None
    first_published: date | None = None
    last_published: date | None = None
    outlets: tuple[str, ...] = ()
    origins: int = 0
    origin_keys: tuple[str, ...] = ()
    seq: int = 0


@dataclass(frozen=True)
class ErrorRecord(_Record):
    """One input that failed: the last code and message, when it was first/last seen, how often,
    and ``resolved_at`` once the same input was later stored successfully."""

    input: str
    code: str
    message: str
    first_seen: datetime
    last_seen: datetime
    count: int = 1
    resolved_at: datetime | None = None


@dataclass(frozen=True)
class ClaimLink:
    """What reconciling a story adds to one of its claims: the story, its events, its group."""

    claim_id: str
    story_id: str
    event_ids: tuple[str, ...] = ()
    claim_group: str | None = None


@dataclass(frozen=True)
class StoryReconciliation:
    """Everything ``reconcile_story`` derives for one story: what the ledger stores for it, all of
    it replaced at once (``ledger.write_story_reconciliation``)."""

    story_id: str
    doc_ids: tuple[str, ...]
    events: tuple[Event, ...] = ()
    comparisons: tuple[Comparison, ...] = ()
    claim_groups: tuple[ClaimGroup, ...] = ()
    timeline: tuple[TimelinePoint, ...] = ()
    claim_links: tuple[ClaimLink, ...] = ()


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
        """The article's content hash."""
        return self.article.doc_id


__all__ = [
    "SOURCE_KINDS",
    "STANCES",
    "Actor",
    "Article",
    "ChannelHop",
    "Claim",
    "ClaimGroup",
    "ClaimLink",
    "Comparison",
    "ErrorRecord",
    "Event",
    "Figure",
    "Normalized",
    "Place",
    "Reading",
    "Source",
    "Span",
    "Story",
    "StoryReconciliation",
    "TimeRef",
    "TimelinePoint",
    "ValueRange",
    "content_hash",
    "is_record",
    "normalise_for_hash",
    "optional",
    "plain",
    "record_types",
    "stable_id",
]
