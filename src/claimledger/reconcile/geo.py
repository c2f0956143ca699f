"""Distances on the globe, for comparing where two figures or two events were placed."""

from __future__ import annotations

import math
from typing import Protocol

EARTH_KM = 6371  # mean Earth radius


class Located(Protocol):
    """Anything with an optional latitude and longitude (a :class:`~claimledger.models.Place`, a figure fact)."""

    @property
    def lat(self) -> float | None: ...
    @property
    def lon(self) -> float | None: ...


def km_apart(a: Located, b: Located) -> float | None:
    """The great-circle (haversine) distance between ``a`` and ``b`` in km; None when either has no coordinates."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return EARTH_KM * 2 * math.asin(math.sqrt(min(1.0, h)))


__all__ = ["EARTH_KM", "Located", "km_apart"]
