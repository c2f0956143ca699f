"""ACLED-shaped rows: one per event, in ACLED's columns, plus the claims behind it (records in, rows out).

ACLED (Armed Conflict Location & Event Data; Raleigh et al. 2010, ACLED Codebook 2023) records an
event as a fact with a source column.  :func:`acled_rows` fills ACLED's columns from our merged
events and keeps what ACLED cannot hold in columns of our own (``cl_*``): the supporting,
contesting and refusing claim ids, the other sources' figures (which ACLED can only put in its
free-text ``notes``), the independent origins and the articles.

Conventions followed (ACLED Codebook):

* ``fatalities``: the most conservative figure among the sources (``Event.fatalities``, computed
  by ``claimledger.reconcile``: vague counts as "dozens" = 12, "tens" = 10, "hundreds" = 100), 0
  when no source gives one;
* ``time_precision``: 1 the day is known, 2 only the week or a few days (the date is then the
  middle of the week; an event dated by no claim takes its first report's day), 3 only the month
  (the 15th);
* ``geo_precision``: 1 a town or village, 2 a district or a part of a region, 3 a province,
  region or country;
* ``event_type``/``sub_event_type`` from our types (``Event.sub_type``); casualty reports that
  belong to no event of ACLED's kinds (an earthquake's toll) are not ACLED events and are left out.

Columns ACLED derives from its own actor dictionary (``inter1``/``inter2`` codes other than
protesters (6) and civilians (7), ``interaction``, ``iso`` numeric codes, ``admin2``/``admin3``) are
left empty rather than guessed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from claimledger.models import Article, Claim, Event, Figure

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
OUR_COLUMNS: tuple[str, ...] = (
    "cl_event_id",
    "cl_story_id",
    "cl_type",
    "cl_claim_ids",
    "cl_contesting_claim_ids",
    "cl_refusing_claim_ids",
    "cl_other_figures",
    "cl_origins",
    "cl_articles",
    "cl_one_sided",
)
COLUMNS: tuple[str, ...] = ACLED_COLUMNS + OUR_COLUMNS

# Our event type -> (ACLED event type, ACLED disorder type).
EVENT_TYPES: dict[str, tuple[str, str]] = {
    "battle": ("Battles", "Political violence"),
    "territory_captured": ("Battles", "Political violence"),
    "attack": ("Explosions/Remote violence", "Political violence"),
    "violence_against_civilians": ("Violence against civilians", "Political violence"),
    "protest": ("Protests", "Demonstrations"),
    "riot": ("Riots", "Demonstrations"),
    "deployment": ("Strategic developments", "Strategic developments"),
    "withdrawal": ("Strategic developments", "Strategic developments"),
    "agreement": ("Strategic developments", "Strategic developments"),
    "arrests": ("Strategic developments", "Strategic developments"),
}


def event_date(value: str | None, fallback: date | None) -> tuple[str, int] | None:
    """ACLED's ``(event_date, time_precision)`` for one of our date values (module docstring).

    Args:
        value: ``2025-03-10``, ``2025-W11``, ``2025-03`` or None.
        fallback: the day of the first report, for an event no claim dates.
    """
    try:
        if value and len(value) >= 10 and value[4] == "-" and value[7] == "-":
            return date.fromisoformat(value[:10]).isoformat(), 1
        if value and len(value) == 8 and value[5] == "W":
            return date.fromisocalendar(int(value[:4]), int(value[6:8]), 3).isoformat(), 2
        if value and len(value) == 7:
            return date(int(value[:4]), int(value[5:7]), 15).isoformat(), 3
    except ValueError:
        pass
    if fallback is not None:
        return fallback.isoformat(), 2
    return None


def geo_precision(place: Mapping[str, Any] | None) -> int | None:
    """1 a populated place, 2 a district or part of a region, 3 a province, region or country."""
    if not place:
        return None
    feature = str(place.get("feature") or "")
    if feature.startswith("PPL"):
        return 1
    if feature in ("ADM2", "ADM3", "ADM4", "ADMD"):
        return 2
    return 3


def _source_name(claim: Claim | None) -> str:
    if claim is None or claim.source is None:
        return "the article"
    return claim.source.name or claim.source.text


def other_figures(event: Event, claims: Mapping[str, Claim], figures: Mapping[str, Figure]) -> str:
    """The event's figures as "source: text" (each source's statements, in order), "; "-separated."""
    seen: list[str] = []
    for fid in event.figures:
        fig = figures.get(fid)
        if fig is None:
            continue
        item = f"{_source_name(claims.get(fig.claim_id or ''))}: {fig.text}"
        if item not in seen:
            seen.append(item)
    return "; ".join(seen)


def _actors(event: Event, country: str) -> dict[str, Any]:
    names = list(event.actors)
    out: dict[str, Any] = {"actor1": names[0] if names else "", "actor2": names[1] if len(names) > 1 else ""}
    out["assoc_actor_1"] = "; ".join(names[2:])
    out["inter1"] = out["inter2"] = ""
    if event.type == "protest":
        out.update(actor1=f"Protesters ({country})" if country else "Protesters", inter1=6)
        out["assoc_actor_1"] = "; ".join(names)
    if event.type == "violence_against_civilians":
        out.update(actor2=f"Civilians ({country})" if country else "Civilians", inter2=7)
    return out


def _notes(event: Event, claims: Mapping[str, Claim]) -> str:
    parts = []
    first = next((claims[c] for c in event.supporting_claims if c in claims), None)
    if first is not None:
        parts.append(f"{_source_name(first)} {first.cue.text}: {' '.join(first.content.text.split())}")
    for label, ids in (("Contested by", event.contesting_claims), ("Refused comment", event.refusing_claims)):
        names = sorted({_source_name(claims.get(c)) for c in ids})
        if names:
            parts.append(f"{label}: {', '.join(names)}")
    return ". ".join(parts)


def acled_rows(
    events: Iterable[Event],
    claims: Mapping[str, Claim],
    figures: Mapping[str, Figure],
    articles: Mapping[str, Article],
) -> list[dict[str, Any]]:
    """One ACLED-shaped row (keys :data:`COLUMNS`) per event of an ACLED kind.

    Args:
        events: merged events (``claimledger.reconcile``); per-article ones work too.
        claims: claim_id -> claim, for every claim the events list.
        figures: figure_id -> figure, for every figure the events list.
        articles: doc_id -> article (outlets for ``source``, dates for undated events).
    """
    rows = []
    for e in events:
        kinds = EVENT_TYPES.get(e.type)
        if kinds is None:
            continue
        docs: Sequence[Article] = [articles[d] for d in e.doc_ids if d in articles]
        days = sorted(a.published for a in docs if a.published)
        when = event_date(e.date, days[0] if days else None)
        place = e.place or {}
        country = str(place.get("country_name") or place.get("country") or "")
        outlets = list(dict.fromkeys(a.outlet for a in docs if a.outlet))
        row: dict[str, Any] = dict.fromkeys(COLUMNS, "")
        row.update(
            event_id_cnty=e.event_id,
            event_date=when[0] if when else "",
            year=when[0][:4] if when else "",
            time_precision=when[1] if when else "",
            disorder_type=kinds[1],
            event_type=kinds[0],
            sub_event_type=e.sub_type or "",
            civilian_targeting="Civilian targeting" if e.type == "violence_against_civilians" else "",
            country=country,
            admin1=place.get("admin1") or "",
            location=place.get("name") or place.get("text") or "",
            latitude=place.get("lat", ""),
            longitude=place.get("lon", ""),
            geo_precision=geo_precision(place) or "",
            source="; ".join(outlets),
            notes=_notes(e, claims),
            fatalities=e.fatalities if e.fatalities is not None else 0,
            cl_event_id=e.event_id,
            cl_story_id=e.story_id or "",
            cl_type=e.type,
            cl_claim_ids=" ".join(e.supporting_claims),
            cl_contesting_claim_ids=" ".join(e.contesting_claims),
            cl_refusing_claim_ids=" ".join(e.refusing_claims),
            cl_other_figures=other_figures(e, claims, figures),
            cl_origins="" if e.origins is None else e.origins,
            cl_articles=len(e.doc_ids),
            cl_one_sided="" if e.one_sided is None else str(bool(e.one_sided)).lower(),
        )
        row.update(_actors(e, country))
        rows.append(row)
    return rows


__all__ = ["ACLED_COLUMNS", "COLUMNS", "EVENT_TYPES", "OUR_COLUMNS", "acled_rows", "event_date", "geo_precision"]
