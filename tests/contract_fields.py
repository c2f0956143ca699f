"""The required fields of each file of the interchange contract (PRODUCT.md, "Interchange contracts"), in
contract order: what the export tests and the seed test check every exported row carries."""

from __future__ import annotations

CONTRACT: dict[str, tuple[str, ...]] = {
    "documents": ("doc_id", "external_id", "url", "title", "outlet", "published", "language", "text"),
    "claims": (
        "claim_id",
        "doc_id",
        "source",
        "cue",
        "content",
        "direct",
        "stance",
        "hedged",
        "channel",
        "date",
        "responds_to",
        "figure_ids",
    ),
    "figures": (
        "figure_id",
        "doc_id",
        "claim_id",
        "text",
        "start",
        "end",
        "value",
        "unit",
        "bound",
        "approx",
        "counts",
        "normalized",
        "of",
        "derived_value",
    ),
    "times": ("doc_id", "text", "start", "end", "value", "grain", "relation"),
    "places": ("doc_id", "text", "start", "end", "name", "country", "admin1", "lat", "lon", "gazetteer_id"),
    "events": (
        "event_id",
        "doc_ids",
        "type",
        "actors",
        "place",
        "date",
        "figures",
        "supporting_claims",
        "contesting_claims",
    ),
}

__all__ = ["CONTRACT"]
