"""The record of a toponym: the ``doc._.cl_places`` dict written for each resolved (or unresolved) mention."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Span

from claimledger.nlp.places.gazetteer import KIND_DEMONYM, Entry, Gazetteer

__all__ = ["place_record"]


def place_record(
    span: Span, pick: Entry | None, direction: str | None, gaz: Gazetteer, *, demonym: bool = False
) -> dict[str, Any]:
    """The ``doc._.cl_places`` dict of a resolved (or unresolved) toponym span.

    Args:
        span: the toponym's tokens (its character offsets become ``start``/``end``).
        pick: the gazetteer entry it was resolved to, or None (all fields None).
        direction: "north", "southeast" ... for "northern China": the point moves to that sector.
        gaz: the gazetteer (for the sector's point).
        demonym: True for a country demonym ("Ukrainian"): ``feature == "demonym"``.
    """
    rec: dict[str, Any] = {
        "start": span.start_char,
        "end": span.end_char,
        "name": None,
        "country": None,
        "admin1": None,
        "lat": None,
        "lon": None,
        "gazetteer_id": None,
        "feature": None,
    }
    if pick is None:
        return rec
    lat, lon = pick.lat, pick.lon
    moved = False
    if direction and pick.cc and pick.feature in ("PCLI", "ADM1"):
        pt = gaz.sector(pick.cc, pick.admin1 if pick.feature == "ADM1" else None, direction)
        if pt is not None:
            lat, lon = pt
            moved = True
    rec.update(
        name=pick.name,
        country=pick.cc,
        admin1=pick.admin1 if pick.feature != "PCLI" else None,
        lat=lat,
        lon=lon,
        gazetteer_id=pick.gid,
        feature="demonym" if demonym or pick.kind == KIND_DEMONYM else pick.feature,
    )
    if pick.approx:
        rec["approx"] = True
    if direction:
        rec["direction"] = direction
    if moved:  # "northern China": the point is China's north; the named place's own point too
        rec["named_lat"], rec["named_lon"] = pick.lat, pick.lon
    return rec
