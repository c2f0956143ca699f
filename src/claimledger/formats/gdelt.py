"""GDELT-shaped rows: events in the Events 2.0 columns, and a GKG-like row per article (records in, rows out).

GDELT (Leetaru & Schrodt 2013; GDELT 2.0 Event and GKG 2.1 codebooks) counts an event's mentions,
sources and articles.  :func:`event_rows` fills the 61 Events 2.0 columns from our merged events:
``NumArticles`` is the number of articles, ``NumSources`` the number of **independent origins**
(wire copies and outlets quoting one agency count once, which GDELT's per-outlet count does not
do), ``NumMentions`` the number of supporting claims.  ``EventCode`` is the CAMEO code of our type
(:data:`CAMEO`); GoldsteinScale and AvgTone are left empty (we compute neither), and country codes
are ISO 3166 alpha-2 (GDELT uses FIPS 10-4 for places and CAMEO codes for actors).

:func:`gkg_rows` writes one GKG-like row per article: ``Quotations`` as GDELT's
``offset|length|verb|quote`` records **plus the speaker** (``|speaker``, which GDELT lacks),
``Counts``/``V2Counts`` for the figures that count people (``KILL``, ``WOUND``, ``ARREST``,
``DISPLACED``, ``PROTEST`` as GDELT names them; our measure in capitals otherwise), ``Amounts``
for every figure, ``Locations``, ``Persons``, ``Organizations`` and ``Dates``.  Offsets are
character offsets into the article as ingested.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from claimledger.models import Article, Event, Place, Reading

_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
_ACTOR = (
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
)
EVENT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR),
    *(f"Actor2{c}" for c in _ACTOR),
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    *(f"Actor1Geo_{c}" for c in _GEO),
    *(f"Actor2Geo_{c}" for c in _GEO),
    *(f"ActionGeo_{c}" for c in _GEO),
    "DATEADDED",
    "SOURCEURL",
)
OUR_EVENT_COLUMNS: tuple[str, ...] = ("cl_event_id", "cl_story_id", "cl_type", "cl_claim_ids")
GKG_COLUMNS: tuple[str, ...] = (
    "GKGRECORDID",
    "DATE",
    "SourceCollectionIdentifier",
    "SourceCommonName",
    "DocumentIdentifier",
    "Counts",
    "V2Counts",
    "Themes",
    "V2Themes",
    "Locations",
    "V2Locations",
    "Persons",
    "V2Persons",
    "Organizations",
    "V2Organizations",
    "V2Tone",
    "Dates",
    "GCAM",
    "SharingImage",
    "RelatedImages",
    "SocialImageEmbeds",
    "SocialVideoEmbeds",
    "Quotations",
    "AllNames",
    "Amounts",
    "TranslationInfo",
    "Extras",
)
OUR_GKG_COLUMNS: tuple[str, ...] = ("cl_doc_id", "cl_story_id")

# Our type (and ACLED sub-type where it matters) -> CAMEO event code (CAMEO 1.1b3, Schrodt 2012).
CAMEO: dict[str, str] = {
    "attack": "195",  # employ aerial weapons (air/drone strike)
    "attack:Shelling/artillery/missile attack": "194",  # fight with artillery and tanks
    "battle": "190",  # use conventional military force
    "territory_captured": "192",  # occupy territory
    "violence_against_civilians": "180",  # use unconventional mass violence
    "violence_against_civilians:Sexual violence": "1821",
    "violence_against_civilians:Abduction/forced disappearance": "181",
    "protest": "141",  # demonstrate or rally
    "protest:Excessive force against protesters": "145",  # protest violently
    "deployment": "154",  # mobilize or increase armed forces
    "withdrawal": "0874",  # retreat or surrender militarily
    "agreement": "057",  # sign formal agreement
    "arrests": "173",  # arrest, detain
}
COUNT_TYPES: dict[str, str] = {
    "killed": "KILL",
    "injured": "WOUND",
    "arrested": "ARREST",
    "displaced": "DISPLACED",
    "protesters": "PROTEST",
    "prisoners": "SEIZE",
}
_GEO_TYPE = {"PCLI": 1, "ADM1": 5}


def cameo(event: Event) -> str | None:
    """The CAMEO code of ``event`` (None for a casualty report, which CAMEO does not code)."""
    return CAMEO.get(f"{event.type}:{event.sub_type}") or CAMEO.get(event.type)


def quad_class(code: str) -> int:
    """GDELT's QuadClass of a CAMEO code: 1 verbal / 2 material cooperation, 3 verbal / 4 material conflict."""
    root = int(code[:2])
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


def _geo(place: Mapping[str, Any] | None) -> dict[str, Any]:
    if not place:
        return dict.fromkeys(_GEO, "")
    feature = str(place.get("feature") or "")
    return {
        "Type": _GEO_TYPE.get(feature, 4 if feature.startswith("PPL") else 5),
        "FullName": ", ".join(str(x) for x in (place.get("name"), place.get("admin1"), place.get("country_name")) if x),
        "CountryCode": place.get("country") or "",
        "ADM1Code": place.get("admin1") or "",
        "ADM2Code": "",
        "Lat": place.get("lat", ""),
        "Long": place.get("lon", ""),
        "FeatureID": place.get("gazetteer_id") or "",
    }


def _day(value: str | None, fallback: date | None) -> date | None:
    if value and len(value) >= 10 and value[4] == "-":
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            pass
    if value and len(value) == 8 and value[5] == "W":
        return date.fromisocalendar(int(value[:4]), int(value[6:8]), 1)
    if value and len(value) == 7:
        return date(int(value[:4]), int(value[5:7]), 1)
    return fallback


def event_rows(events: Iterable[Event], articles: Mapping[str, Article]) -> list[dict[str, Any]]:
    """One Events 2.0 row (keys :data:`EVENT_COLUMNS` + :data:`OUR_EVENT_COLUMNS`) per event CAMEO codes.

    Args:
        events: merged events (``claimledger.reconcile``).
        articles: doc_id -> article (dates and URLs).
    """
    rows = []
    for n, e in enumerate(events, start=1):
        code = cameo(e)
        if code is None:
            continue
        docs: Sequence[Article] = [articles[d] for d in e.doc_ids if d in articles]
        days = sorted(a.published for a in docs if a.published)
        day = _day(e.date, days[0] if days else None)
        geo = _geo(e.place)
        row: dict[str, Any] = dict.fromkeys((*EVENT_COLUMNS, *OUR_EVENT_COLUMNS), "")
        actors = list(e.actors)
        row.update(
            GLOBALEVENTID=n,
            SQLDATE=day.strftime("%Y%m%d") if day else "",
            MonthYear=day.strftime("%Y%m") if day else "",
            Year=day.year if day else "",
            FractionDate=round(day.year + (day.timetuple().tm_yday - 1) / 365, 4) if day else "",
            Actor1Name=actors[0] if actors else "",
            Actor2Name=actors[1] if len(actors) > 1 else "",
            IsRootEvent=1,
            EventCode=code,
            EventBaseCode=code[:3],
            EventRootCode=code[:2],
            QuadClass=quad_class(code),
            NumMentions=len(e.supporting_claims),
            NumSources=e.origins if e.origins is not None else len(docs),
            NumArticles=len(e.doc_ids),
            SOURCEURL=next((a.url for a in docs if a.url), ""),
            cl_event_id=e.event_id,
            cl_story_id=e.story_id or "",
            cl_type=e.type,
            cl_claim_ids=" ".join(e.supporting_claims),
        )
        row.update({f"ActionGeo_{k}": v for k, v in geo.items()})
        rows.append(row)
    return rows


def _clean(text: str) -> str:
    """Text safe inside GDELT's delimiters (``|``, ``#``, ``;``, ``,``): whitespace collapsed, delimiters dropped."""
    return " ".join(text.replace("|", " ").replace("#", " ").replace(";", " ").split())


def _date_record(value: str, offset: int) -> str | None:
    parts = value.split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        return f"4#{int(parts[1])}#{int(parts[2])}#{parts[0]}#{offset}"
    if len(parts) == 2 and all(p.isdigit() for p in parts):
        return f"2#{int(parts[1])}#0#{parts[0]}#{offset}"
    if len(parts) == 1 and value.isdigit() and len(value) == 4:
        return f"1#0#0#{value}#{offset}"
    return None


def _location(p: Place | None) -> str:
    """GDELT's ``Type#FullName#CountryCode#ADM1Code#Lat#Long#FeatureID`` (empty fields for no place)."""
    if p is None:
        return "######"
    fields = [
        "4",
        _clean(p.name or p.text),
        p.country or "",
        p.admin1 or "",
        str(p.lat),
        str(p.lon),
        p.gazetteer_id or "",
    ]
    return "#".join(fields)


def _counts(reading: Reading, measures: Mapping[str, str]) -> tuple[list[str], list[str]]:
    """GKG ``Counts`` and ``V2Counts`` records of the figures that count what ``measures`` names."""
    by_claim = {p.claim_id: p for p in reading.places if p.claim_id and p.lat is not None and p.feature != "demonym"}
    counts, v2counts = [], []
    for f in reading.figures:
        measure = measures.get(f.figure_id)
        if measure is None or f.value is None:
            continue
        kind = COUNT_TYPES.get(measure.split(":")[0], measure.split(":")[0].upper())
        base = "#".join([kind, f"{f.value:g}", _clean(f.counts or ""), _location(by_claim.get(f.claim_id or ""))])
        counts.append(base)
        v2counts.append(f"{base}#{f.start}")
    return counts, v2counts


def gkg_row(reading: Reading, measures: Mapping[str, str], story_id: str | None = None) -> dict[str, Any]:
    """The GKG-like row of one article (keys :data:`GKG_COLUMNS` + :data:`OUR_GKG_COLUMNS`).

    Args:
        reading: the article and what was read from it.
        measures: figure_id -> measure (``killed``, ``injured`` …: the ledger's timeline rows).
        story_id: the article's story.
    """
    art = reading.article
    counts, v2counts = _counts(reading, measures)
    locations = [_location(p) for p in reading.places if p.lat is not None and p.feature != "demonym"]
    persons = list(dict.fromkeys(a.name for a in reading.actors if a.kind == "person"))
    orgs = list(dict.fromkeys(a.name for a in reading.actors if a.kind not in (None, "person")))
    quotes = [
        "|".join(
            [
                str(c.content.start),
                str(c.content.end - c.content.start),
                _clean(c.cue.text),
                _clean(c.content.text),
                _clean((c.source.name or c.source.text) if c.source else ""),
            ]
        )
        for c in reading.claims
        if c.direct
    ]
    amounts = [
        f"{f.value:g},{_clean(f.counts or f.text).replace(',', ' ')},{f.start}"
        for f in reading.figures
        if f.value is not None
    ]
    dates = [d for t in reading.times if t.value and (d := _date_record(t.value, t.start))]
    names = [f"{_clean(a.name)},{a.start}" for a in reading.actors]
    row: dict[str, Any] = dict.fromkeys((*GKG_COLUMNS, *OUR_GKG_COLUMNS), "")
    row.update(
        GKGRECORDID=reading.doc_id,
        DATE=art.published.strftime("%Y%m%d000000") if art.published else "",
        SourceCollectionIdentifier=1,
        SourceCommonName=art.outlet or "",
        DocumentIdentifier=art.url or art.external_id or reading.doc_id,
        Counts=";".join(counts),
        V2Counts=";".join(v2counts),
        Locations=";".join(locations),
        Persons=";".join(persons),
        Organizations=";".join(orgs),
        Dates=";".join(dates),
        Quotations="#".join(quotes),
        AllNames=";".join(names),
        Amounts=";".join(amounts),
        cl_doc_id=reading.doc_id,
        cl_story_id=story_id or art.story_id or "",
    )
    return row


__all__ = [
    "CAMEO",
    "COUNT_TYPES",
    "EVENT_COLUMNS",
    "GKG_COLUMNS",
    "OUR_EVENT_COLUMNS",
    "OUR_GKG_COLUMNS",
    "cameo",
    "event_rows",
    "gkg_row",
    "quad_class",
]
