"""One router per resource; ``ROUTERS`` lists them in the order the OpenAPI description shows them."""

from __future__ import annotations

from fastapi import APIRouter

from claimledger.api.routers import (
    claims,
    comparisons,
    documents,
    events,
    exports,
    figures,
    meta,
    places,
    sources,
    stories,
    timeline,
    times,
)

ROUTERS: tuple[APIRouter, ...] = (
    meta.router,
    documents.router,
    claims.router,
    sources.router,
    stories.router,
    events.router,
    comparisons.router,
    timeline.router,
    figures.router,
    times.router,
    places.router,
    exports.router,
)

__all__ = ["ROUTERS"]
