"""Claims -> events of one article: ACLED-style records that keep the claims behind them.

An event is never a bare fact: it is built from what claims say (their content), and lists the claims
that support it, those that contest it (denials and dismissals answering them) and those that refuse
to comment on it.  Event types are recognised from the content's predicate vocabulary, in the spirit
of the ACLED codebook (Raleigh et al. 2010; ACLED Codebook 2023, event types and sub-event types)
and CAMEO (Gerner et al. 2002), but kept deliberately small; :data:`KINDS` lists each type with its
ACLED event type and sub-event types.  A claim supports one event type, its first match in
:data:`KINDS` order, plus a casualty report when it states a toll beside a non-violent happening
("nearly half of the troops deployed since November had been killed or injured": a deployment and
casualties).

Every field keeps where it comes from (:class:`Trace`: claim, document, text and offsets): the
words that gave the type, the place, the date and the actors.

**Dates.**  An event is dated by a time expression *inside* a supporting claim's content, in the
same clause as the words that gave the type ("Monday's drone attack", "deployed since November":
a state that began then, so its "since" time is the event's date); times after a clause boundary
(", where the army launched an offensive in August") date another predicate.  Only when no content
gives a date does the statement date stand in ("On Friday, Moscow announced that its forces had
captured Dolynka": the event happened by then).  Relations before/after/until only bound an
event and never date it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any

from claimledger.models import Claim, Event, Place, Reading, TimeRef, stable_id
from claimledger.reconcile.event_types import (
    ACLED_TYPE,
    KIND_BY_NAME,
    KINDS,
    NON_VIOLENT,
    VIOLENT,
    EventKind,
    event_type,
    event_types,
    sub_type,
)

_CLAUSE_BREAK = re.compile(r",\s*(where|which|who|whom|when|while|after|before|as|since|until)\b|;|\s[–—]\s")
DATING_RELATIONS = frozenset({"at", "since"})
CONTINUATION_CHARS = 300


@dataclass(frozen=True)
class Trace:
    """Where a field of an event comes from: a span of one claim's article."""

    claim_id: str
    doc_id: str
    text: str
    start: int
    end: int

    def to_record(self) -> dict[str, Any]:
        return {
            "claim_id": self.claim_id,
            "doc_id": self.doc_id,
            "text": self.text,
            "start": self.start,
            "end": self.end,
        }


@dataclass
class ArticleEvent:
    """One event of one article while it is assembled (merged across articles by ``events_across``)."""

    kind: EventKind
    doc_id: str
    place: Place | None
    claims: list[str] = field(default_factory=list)
    contesting: list[str] = field(default_factory=list)
    refusing: list[str] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)
    actors: list[tuple[str, Trace]] = field(default_factory=list)
    triggers: list[Trace] = field(default_factory=list)
    content_dates: list[tuple[str, Trace]] = field(default_factory=list)
    statement_dates: list[tuple[str, Trace]] = field(default_factory=list)
    sub_types: Counter[str] = field(default_factory=Counter)
    place_trace: Trace | None = None

    @property
    def date(self) -> str | None:
        """The content date the most claims give (earliest on ties), else the earliest statement date."""
        if self.content_dates:
            counts = Counter(v for v, _ in self.content_dates)
            return min(counts, key=lambda v: (-counts[v], v))
        return min((v for v, _ in self.statement_dates), default=None)


def _specificity(place: Place) -> int:
    """Higher for more precise places: villages and towns > regions > countries."""
    feature = place.feature or ""
    if feature.startswith("PPL"):
        return 3
    if feature.startswith("ADM") or feature == "RGN":
        return 2
    return 1


_DATELINE = re.compile(r"^\s*[A-Z][A-Z .'’-]+(,\s*[A-Z][\w .'’-]{0,30})?\s*(\([^)\n]{1,30}\))?\s*[—–-]")


def dateline_end(text: str) -> int:
    """Where an article's dateline ("SUMY, Ukraine (AFP) —") ends, 0 when it has none: it says
    where the story was filed, not where its events happened."""
    m = _DATELINE.match(text[:80]) if text else None
    return m.end() if m else 0


def in_content(claim: Claim, start: int, end: int) -> bool:
    """Whether ``start:end`` lies inside the claim's content: inside one of its parts when the content
    is split ("More than 70 died ..., the civil society of North Kivu said, nearly double ..."), so
    that the source and cue between the parts, and their places and dates, are never content."""
    parts = claim.content_parts or (claim.content,)
    return any(p.start <= start and end <= p.end for p in parts)


def content_words(claim: Claim) -> str:
    """``claim.content.text`` with what lies between the parts of a split content (its source and cue)
    blanked out: the same length, so offsets into it still add to ``claim.content.start``."""
    text, base = claim.content.text, claim.content.start
    if not claim.content_parts:
        return text
    out = [" "] * len(text)
    for p in claim.content_parts:
        out[p.start - base : p.end - base] = text[p.start - base : p.end - base]
    return "".join(out)


def _place_for(claim: Claim, places: list[Place], text: str = "") -> Place | None:
    """The most precise place inside the claim's content, else the last precise place named before
    it in the same paragraph ("In Sumy, the governor said four people were killed").

    Demonyms ("Ukrainian troops") tell whose troops, not where: they never locate an event; neither
    does a dateline ("LIMA (AFP) —", :func:`dateline_end`) nor a place of an earlier paragraph.
    """
    skip = dateline_end(text)
    located = [p for p in places if p.feature != "demonym" and p.start >= skip]
    inside = [p for p in located if in_content(claim, p.start, p.end)]
    if inside:
        return max(inside, key=lambda p: (_specificity(p), -p.start))
    start = min(claim.content.start, claim.cue.start, claim.source.start if claim.source else claim.cue.start)
    paragraph = text.rfind("\n", 0, start) + 1 if text else 0
    before = [p for p in located if paragraph <= p.start and p.end <= claim.content.start and _specificity(p) > 1]
    return before[-1] if before else None


def place_record(place: Place | None) -> dict[str, Any] | None:
    """The JSON form of an event's place (name, text, country, admin1, lat, lon, gazetteer_id, feature)."""
    if place is None:
        return None
    keys = ("name", "text", "country", "admin1", "lat", "lon", "gazetteer_id", "feature")
    return {k: getattr(place, k) for k in keys}


def _trace(claim: Claim, start: int, end: int, text: str) -> Trace:
    return Trace(claim.claim_id, claim.doc_id, text, start, end)


def _content_dates(
    claim: Claim, times: list[TimeRef], trigger: re.Match[str], others: list[re.Match[str]]
) -> list[tuple[str, Trace]]:
    """Times inside the content, in the trigger's clause, nearer to it than to the content's other
    triggers, with a dating relation (module docstring)."""
    out = []
    text, base = claim.content.text, claim.content.start
    for t in times:
        if not t.value or t.relation not in DATING_RELATIONS:
            continue
        if not in_content(claim, t.start, t.end):
            continue
        at = t.start - base
        a, b = sorted((trigger.start(), at))
        if _CLAUSE_BREAK.search(text[a:b]):
            continue
        if any(abs(o.start() - at) < abs(trigger.start() - at) for o in others if o is not trigger):
            continue  # "deployed since November had been killed": November dates the deployment
        out.append((dated_value(t), Trace(claim.claim_id, claim.doc_id, t.text, t.start, t.end)))
    return out


def dated_value(t: TimeRef) -> str:
    """A time's value as an event date: a week as its ISO week ("2025-W21": the seed's "last week"
    is stored as its Monday with grain week), else the value as normalised."""
    value = t.value or ""
    if t.grain == "week" and len(value) == 10:
        from datetime import date

        try:
            year, week, _ = date.fromisoformat(value).isocalendar()
        except ValueError:
            return value
        return f"{year}-W{week:02d}"
    return value


def _statement_date(claim: Claim, times: list[TimeRef]) -> tuple[str, Trace] | None:
    if not claim.date:
        return None
    for t in times:
        if t.value == claim.date and not in_content(claim, t.start, t.end):
            return claim.date, Trace(claim.claim_id, claim.doc_id, t.text, t.start, t.end)
    return claim.date, Trace(claim.claim_id, claim.doc_id, claim.cue.text, claim.cue.start, claim.cue.end)


def _support(
    claim: Claim,
    reading: Reading,
    places: list[Place],
    times: list[TimeRef],
    groups: dict[tuple[str, str], ArticleEvent],
) -> list[tuple[str, str]]:
    """Add ``claim`` to the events its content supports; returns their keys."""
    figures = [f.figure_id for f in reading.figures if f.claim_id == claim.claim_id]
    keys = []
    words = content_words(claim)
    found = event_types(words)
    for kind, m in found:
        place = _place_for(claim, places, reading.article.text)
        key = (kind.name, (place.name or place.text) if place else "")
        ev = groups.get(key)
        if ev is None:
            ev = groups[key] = ArticleEvent(kind, reading.doc_id, place)
            if place is not None:
                ev.place_trace = Trace(claim.claim_id, claim.doc_id, place.text, place.start, place.end)
        ev.claims.append(claim.claim_id)
        ev.figures.extend(f for f in figures if f not in ev.figures)
        start = claim.content.start + m.start()
        ev.triggers.append(_trace(claim, start, start + len(m.group(0)), m.group(0)))
        if (sub := sub_type(kind, words)) is not None:
            ev.sub_types[sub] += 1
        ev.content_dates.extend(_content_dates(claim, times, m, [o for _, o in found]))
        if (stated := _statement_date(claim, times)) is not None:
            ev.statement_dates.append(stated)
        for actor in reading.actors:
            if in_content(claim, actor.start, actor.end) and actor.name not in {a for a, _ in ev.actors}:
                ev.actors.append((actor.name, Trace(claim.claim_id, claim.doc_id, actor.text, actor.start, actor.end)))
        keys.append(key)
    return keys


def _same_source(a: Claim, b: Claim) -> bool:
    """The same entity, or names of which one ends the other ("Hale", "Viktor Hale")."""
    if a.source is None or b.source is None:
        return False
    if a.source.entity_id and a.source.entity_id == b.source.entity_id:
        return True
    x = (a.source.name or a.source.text).lower().split()
    y = (b.source.name or b.source.text).lower().split()
    short, long = sorted((x, y), key=len)
    return bool(short) and long[-len(short) :] == short and short[-1][:1].isalpha()


def _continuations(
    reading: Reading, claim_events: dict[str, list[tuple[str, str]]], groups: dict[tuple[str, str], ArticleEvent]
) -> None:
    """A claim with no event vocabulary of its own that continues, within :data:`CONTINUATION_CHARS`,
    a claim of the same source with events supports those events too: a source's next sentence
    elaborates its statement ("X told AFP the troops had not been seen for weeks. 'We believe they
    have been withdrawn,' X said")."""
    claims = sorted((c for c in reading.claims if c.stance not in ("deny", "no_comment")), key=lambda c: c.cue.start)
    for i, claim in enumerate(claims):
        if claim_events.get(claim.claim_id):
            continue
        for j in (i - 1, i + 1):
            if not 0 <= j < len(claims):
                continue
            other = claims[j]
            lo, hi = sorted((claim, other), key=lambda c: c.content.start)
            gap = max(hi.content.start, hi.cue.start) - min(lo.content.end, lo.cue.end)
            keys = claim_events.get(other.claim_id) or []
            if keys and gap <= CONTINUATION_CHARS and _same_source(claim, other):
                for key in keys:
                    groups[key].claims.append(claim.claim_id)
                claim_events[claim.claim_id] = list(keys)
                break


# A denial that names what it answers only by reference ("dismissed the Russian statement",
# "rejected the claim", "declined to comment on the discrepancy") answers the story's main event.
_ANAPHORIC = re.compile(
    r"^\W*(the|these|this|those|such|that)\s+(\w+\s+){0,2}?(claims?|statements?|figures?|accusations?|allegations?|"
    r"reports?|charges?|discrepancy|toll|account|version|strike|attack|raid|incident|killings|deaths)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Answer:
    """A denial or refusal whose event is not in its own article: ``kind`` names the type it is
    about (None when it only refers to a statement: "rejected the claim"), for the story merge."""

    claim_id: str
    stance: str
    kind: str | None


def read_events(reading: Reading) -> tuple[list[ArticleEvent], list[Answer]]:
    """The events of one article (one per type and place, in the order their first claim appears),
    and its denials and refusals that answer no event of this article.

    Args:
        reading: the article's reading (claims, figures, times, places, actors).
    """
    places = sorted((p for p in reading.places if p.lat is not None), key=lambda p: p.start)
    times_by_claim: dict[str, list[TimeRef]] = {}
    for t in reading.times:
        if t.claim_id:
            times_by_claim.setdefault(t.claim_id, []).append(t)
    groups: dict[tuple[str, str], ArticleEvent] = {}
    claim_events: dict[str, list[tuple[str, str]]] = {}
    answering = [c for c in reading.claims if c.stance in ("deny", "no_comment")]
    for claim in reading.claims:
        if claim.stance in ("deny", "no_comment"):
            continue
        claim_events[claim.claim_id] = _support(claim, reading, places, times_by_claim.get(claim.claim_id, []), groups)
    _continuations(reading, claim_events, groups)
    pending = []
    for claim in answering:
        targets = {k for c in claim.responds_to for k in claim_events.get(c, [])}
        kind = event_type(f"{claim.cue.text} {content_words(claim)}", negated=True)
        if not targets and kind:
            targets = {key for key in groups if key[0] == kind}
        if not targets and (kind or _ANAPHORIC.match(claim.content.text)):
            pending.append(Answer(claim.claim_id, claim.stance, kind))
        for key in sorted(targets):
            (groups[key].refusing if claim.stance == "no_comment" else groups[key].contesting).append(claim.claim_id)
    return list(groups.values()), pending


def article_events(reading: Reading) -> list[ArticleEvent]:
    """The events of one article (see :func:`read_events`)."""
    return read_events(reading)[0]


def build_events(reading: Reading) -> Reading:
    """``reading`` with the events of its own claims (one per type and place), before any story merge."""
    events = []
    for ev in article_events(reading):
        where = (ev.place.name or ev.place.text) if ev.place else ""
        events.append(
            Event(
                event_id=stable_id("e", reading.doc_id, ev.kind.name, where, ev.claims[0]),
                doc_ids=(reading.doc_id,),
                type=ev.kind.name,
                actors=tuple(a for a, _ in ev.actors[:4]),
                place=place_record(ev.place),
                date=ev.date,
                figures=tuple(ev.figures),
                supporting_claims=tuple(ev.claims),
                contesting_claims=tuple(ev.contesting),
            )
        )
    return replace(reading, events=tuple(events))


__all__ = [
    "ACLED_TYPE",
    "KINDS",
    "KIND_BY_NAME",
    "NON_VIOLENT",
    "VIOLENT",
    "Answer",
    "ArticleEvent",
    "EventKind",
    "Trace",
    "article_events",
    "build_events",
    "dated_value",
    "dateline_end",
    "event_type",
    "event_types",
    "place_record",
    "read_events",
    "sub_type",
]
