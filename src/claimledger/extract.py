"""Doc -> Reading: the only code that reads ``doc._.cl_*`` and maps offsets back to the raw text.

The NLP components work on the repaired text (lines rejoined, captions dropped).  Every span the
ledger stores points into ``Article.text`` as ingested, so each offset pair goes through
``repaired.offsets.to_raw``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from spacy.tokens import Doc

from claimledger.models import (
    Actor,
    Article,
    ChannelHop,
    Claim,
    Figure,
    Place,
    Reading,
    Source,
    Span,
    TimeRef,
    stable_id,
)

_M = TypeVar("_M", Figure, TimeRef, Place, Actor)


class _Offsets(Protocol):
    def to_raw(self, start: int, end: int) -> tuple[int, int]: ...


class RepairedLike(Protocol):
    text: str
    offsets: _Offsets


class _Mapper:
    """Maps (start, end) in the analysed text to a :class:`Span` of the raw article text."""

    def __init__(self, article: Article, repaired: RepairedLike | None) -> None:
        self.raw = article.text
        self.offsets = repaired.offsets if repaired is not None else None

    def bounds(self, start: int, end: int) -> tuple[int, int]:
        if self.offsets is None:
            return start, end
        return self.offsets.to_raw(start, end)

    def span(self, start: int, end: int) -> Span:
        s, e = self.bounds(start, end)
        return Span(s, e, self.raw[s:e])

    def frags(self, frags: list[list[int]]) -> tuple[Span, ...]:
        return tuple(self.span(s, e) for s, e in frags)


def _merged(parts: tuple[Span, ...], raw: str) -> Span:
    """One span from the first to the last fragment."""
    start, end = parts[0].start, parts[-1].end
    return Span(start, end, raw[start:end])


WRITER_NAME = "the writer"  # a first person outside quotation marks when the article names no author


def _source(att: dict[str, Any], m: _Mapper, author: str | None = None) -> Source | None:
    src = att.get("source")
    if not src:
        return None
    span = m.span(src[0], src[1])
    writer = (author or WRITER_NAME) if att.get("source_writer") else None
    return Source(
        text=span.text,
        start=span.start,
        end=span.end,
        name=writer or att.get("source_name") or " ".join(span.text.split()),
        kind=att.get("source_kind"),
        role=att.get("source_role"),
        affiliation=att.get("source_affiliation"),
        entity_id=att.get("source_entity"),
    )


def _channel(att: dict[str, Any], m: _Mapper) -> tuple[ChannelHop, ...]:
    hops = []
    for hop in att.get("channel") or []:
        start, end = hop.get("start"), hop.get("end")
        if start is not None and end is not None:
            start, end = m.bounds(start, end)
        hops.append(ChannelHop(name=hop["name"], kind=hop.get("kind"), start=start, end=end))
    return tuple(hops)


_SPAN_FIELDS = {"doc_id", "text", "start", "end"}
# Second spans some records carry inside their main one: (text field, start field, end field).
_INNER_SPANS = (("timex_text", "timex_start", "timex_end"),)


def _build(
    cls: type[_M], records: list[dict[str, Any]], m: _Mapper, doc_id: str, links: Callable[[int], dict[str, Any]]
) -> tuple[_M, ...]:
    """Model objects from a component's records: the span mapped to the raw text, the other fields
    copied by name (booleans coerced, missing ones left to the model's defaults), ``links(i)`` added."""
    out = []
    for i, rec in enumerate(records):
        span = m.span(rec["start"], rec["end"])
        values: dict[str, Any] = {"doc_id": doc_id, "text": span.text, "start": span.start, "end": span.end}
        for f in dataclasses.fields(cls):
            if f.name in _SPAN_FIELDS:
                continue
            value = rec.get(f.name)
            if value is None and f.default is not dataclasses.MISSING:
                continue  # the model's default ("at" for a relation, False for a flag)
            values[f.name] = bool(value) if f.type in ("bool", bool) else value
        for text_f, start_f, end_f in _INNER_SPANS:
            if start_f in values and end_f in values and values[start_f] is not None and values[end_f] is not None:
                inner = m.span(values[start_f], values[end_f])
                values.update({text_f: inner.text, start_f: inner.start, end_f: inner.end})
        values.update(links(i))
        if cls is Actor and not values.get("name"):
            values["name"] = span.text
        out.append(cls(**values))
    return tuple(out)


def reading(doc: Doc, article: Article, repaired: RepairedLike | None = None) -> Reading:
    """Everything the pipeline found in ``doc``, as model objects with raw-text offsets.

    Args:
        doc: the processed Doc of ``repaired.text`` (or of ``article.text`` when not repaired).
        article: the article as ingested.
        repaired: the repair result whose ``offsets`` map analysed -> raw offsets.
    """
    m = _Mapper(article, repaired)
    doc_id = article.doc_id
    attributions = doc._.cl_attributions or []
    figures_raw = doc._.cl_figures or []
    times_raw = doc._.cl_times or []
    places_raw = doc._.cl_places or []
    actors_raw = doc._.cl_actors or []

    figure_ids = [stable_id("f", doc_id, *m.bounds(f["start"], f["end"])) for f in figures_raw]
    claim_ids: list[str] = []
    parts_of: list[tuple[Span, ...]] = []
    for att in attributions:
        cue_parts = m.frags(att.get("cue") or [])
        content_parts = m.frags(att.get("content") or [])
        parts_of.append(content_parts)
        cue0 = cue_parts[0] if cue_parts else Span(0, 0, "")
        c0 = content_parts[0] if content_parts else Span(0, 0, "")
        claim_ids.append(stable_id("c", doc_id, cue0.start, cue0.end, c0.start, c0.end))

    figure_claim: dict[int, str] = {}
    time_claim: dict[int, str] = {}
    place_claim: dict[int, str] = {}
    claims = []
    for i, att in enumerate(attributions):
        cue_parts = m.frags(att.get("cue") or [])
        content_parts = parts_of[i]
        if not cue_parts and not content_parts:
            continue
        for j in att.get("figures") or []:
            figure_claim.setdefault(j, claim_ids[i])
        for j in att.get("times") or []:
            time_claim.setdefault(j, claim_ids[i])
        if att.get("date_time") is not None:
            time_claim.setdefault(att["date_time"], claim_ids[i])
        for j in att.get("places") or []:
            place_claim.setdefault(j, claim_ids[i])
        cue = _merged(cue_parts, m.raw) if cue_parts else Span(0, 0, "")
        content = _merged(content_parts, m.raw) if content_parts else cue
        claims.append(
            Claim(
                claim_id=claim_ids[i],
                doc_id=doc_id,
                source=_source(att, m, article.author),
                cue=cue,
                content=content,
                direct=bool(att.get("direct")),
                stance=att.get("stance") or "assert",
                hedged=bool(att.get("hedged")),
                channel=_channel(att, m),
                date=att.get("date"),
                responds_to=tuple(claim_ids[j] for j in att.get("responds_to") or [] if 0 <= j < len(claim_ids)),
                figure_ids=tuple(figure_ids[j] for j in att.get("figures") or []),
                content_parts=content_parts if len(content_parts) > 1 else (),
                hedges=m.frags(att.get("hedges") or []),
                confidence=att.get("confidence"),
                origin=att.get("origin"),
            )
        )

    figures = _build(
        Figure, figures_raw, m, doc_id, lambda j: {"figure_id": figure_ids[j], "claim_id": figure_claim.get(j)}
    )
    times = _build(TimeRef, times_raw, m, doc_id, lambda j: {"claim_id": time_claim.get(j)})
    places = _build(Place, places_raw, m, doc_id, lambda j: {"claim_id": place_claim.get(j)})
    actors = _build(Actor, actors_raw, m, doc_id, lambda j: {})
    return Reading(article=article, claims=tuple(claims), figures=figures, times=times, places=places, actors=actors)
