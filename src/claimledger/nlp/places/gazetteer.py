"""Offline gazetteer: a read-only SQLite index of GeoNames-derived places shipped with the package.

The index (``resources/places/gazetteer.sqlite``) is built by ``scripts/build_gazetteer.py`` from
PyPI packages' data; nothing is downloaded at run time.  It is opened lazily on first lookup
(memory-mapped, immutable), so importing this module costs nothing and the resident memory is the
pages actually read.

Usage::

    from claimledger.nlp.places.gazetteer import get_gazetteer
    gaz = get_gazetteer()
    [e.name for e in gaz.lookup("Kiev")][:1]      # ['Kyiv']
    [e.name for e in gaz.lookup_folded("Qamishli")][:1]  # ['Al Qāmishlī'] (a spelling variant)

Spelling variants the index does not list ("Qamishli" for GeoNames' "Al Qāmishlī", "Nuseirat" for
"An Nuşayrāt") are found through :func:`fold_key`, over a side index of folded keys
(``resources/places/folds.sqlite``, built from the main index by ``scripts/build_gazetteer_folds.py``).
"""

from __future__ import annotations

import math
import os
import re
import sqlite3
import statistics
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from claimledger.errors import ModelError

DEFAULT_PATH = Path(__file__).parents[1] / "resources" / "places" / "gazetteer.sqlite"
#: The side index of folded keys, next to the main index (same stem + ``folds``).
FOLDS_NAME = "folds.sqlite"

#: Match kinds of a name: the place's own name, an alternate name/transliteration, a demonym or
#: adjective of a country, a region's name short of its region word (a region named after its main
#: town, "Scott" of "Scott County": only valid before "region", "county", ...).
KIND_NAME, KIND_ALT, KIND_DEMONYM, KIND_TOWN_REGION = 0, 1, 2, 3

#: English geographic common nouns and directions: never a place's alternate name ("Island" for
#: Iceland) nor, alone, a toponym inside a longer unknown name ("Lake" of "Lake Titicaca").
GENERIC_TERMS = frozenset(
    "island islands isle lake lakes valley bay river rivers mountain mountains hill hills sea gulf cape coast "
    "delta plateau desert forest park square city town village port harbour harbor beach springs falls "
    "north south east west central northern southern eastern western middle upper lower new old great "
    "northeast northwest southeast southwest northeastern northwestern southeastern southwestern "
    "pacific atlantic mission union liberty independence occidental oriental".split()
)

_QUOTES = str.maketrans({"\u2019": "", "\u2018": "", "'": "", "`": "", "\u02bc": "", "\u00b4": "", ".": ""})
_SPACES = re.compile(r"[\s\-\u2010-\u2015_/]+")


def norm_key(text: str) -> str:
    """The lookup key of a name: accents and apostrophes dropped, lower case, hyphens as spaces.

    ``norm_key("Kryvyi Rih") == norm_key("kryvyi-rih")``; ``norm_key("U.S.") == "us"``.
    """
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    folded = folded.translate(_QUOTES).casefold()
    return _SPACES.sub(" ", folded).strip()


# Romanisations of Arabic (and of Persian, Kurdish, Russian loans) that the English press spells
# in several ways; each rule maps the variants to one form (after the BGN/PCGN and ALA-LC
# romanisation tables and the press styles that simplify them, e.g. AP's "Qamishli", "Hodeidah"):
# the definite article al- and its sun-letter assimilations (an-, ar-, as-, ash-, ad-, az-, el-,
# ul-) dropped at the start and made "al" inside; q/k (qaf); dh/d and dj/j (French "Djibo"); the
# long and short u (ou, oo, o); ee/i; the diphthong ay (ei, ey, ai); doubled consonants and vowels
# (shadda, long vowels: "Maarrat"/"Maarat"); the feminine ending -ah/-eh/-a (ta marbuta, "Hawijah");
# and Ukrainian -iv-/-ivka/-ivsk where Russian has -ov- ("Artemivsk"/"Artemovsk", "Kharkiv"/"Kharkov").
_ARTICLES = "al|el|ul|il|an|ar|as|ash|at|ath|az|ad|adh|ed|en|er|es|esh|et|ez"
_LEAD_ARTICLE = re.compile(rf"^(?:{_ARTICLES}) (?=\w\w)")
_INNER_ARTICLE = re.compile(rf" (?:{_ARTICLES}) ")
_FOLDS = tuple(
    (re.compile(p), r)
    for p, r in (
        (r"iv(?=sk|k|\b)", "ov"),
        (r"q", "k"),
        (r"dh", "d"),
        (r"dj", "j"),
        (r"ou|oo|o", "u"),
        (r"ee", "i"),
        (r"(?:ei|ey|ai|ay)(?![aeiou])", "ay"),
        (r"([a-z])\1+", r"\1"),
        (r"(?:ah|eh|ih|e)\b", "a"),
    )
)


def fold_key(key: str) -> str:
    """One form for the romanisation variants of a lookup key (:func:`norm_key`'s output).

    ``fold_key("qamishli") == fold_key("al qamishli")``; ``fold_key("nuseirat") ==
    fold_key("an nusayrat")``; ``fold_key("maarat al numan") == fold_key("maarrat an numan")``.
    """
    k = _LEAD_ARTICLE.sub("", key)
    k = _INNER_ARTICLE.sub(" al ", f" {k} ").strip()
    for pattern, repl in _FOLDS:
        k = pattern.sub(repl, k)
    return k


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer record matched by a name (``kind`` says how the name matched)."""

    id: int
    gid: str
    name: str
    cc: str | None
    admin1: str | None
    lat: float
    lon: float
    pop: int
    feature: str
    approx: bool
    kind: int = KIND_NAME


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


_SELECT = "SELECT p.id, p.gid, p.name, p.cc, p.admin1, p.lat, p.lon, p.pop, p.feature, p.approx"


class Gazetteer:
    """Lookups by normalised name over the shipped index (thread- and fork-safe, opened lazily)."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path else DEFAULT_PATH
        self._con: sqlite3.Connection | None = None
        self._pid = -1
        self._lock = threading.Lock()
        self._cache: dict[str, tuple[Entry, ...]] = {}
        self._folds = False

    def _db(self) -> sqlite3.Connection:
        if self._con is None or self._pid != os.getpid():
            if not self.path.exists():
                raise ModelError("gazetteer index missing; run scripts/build_gazetteer.py", input=str(self.path))
            uri = f"file:{self.path}?mode=ro&immutable=1"
            self._con = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self._con.execute("PRAGMA mmap_size=268435456")
            folds = self.path.with_name(FOLDS_NAME)
            self._folds = folds.exists()
            if self._folds:
                self._con.execute("ATTACH DATABASE ? AS folds", (f"file:{folds}?mode=ro&immutable=1",))
            self._pid = os.getpid()
            self._cache = {}
        return self._con

    def lookup(self, text: str) -> tuple[Entry, ...]:
        """All places whose name, alternate name or demonym normalises like ``text``."""
        key = norm_key(text)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        with self._lock:
            rows = (
                self._db()
                .execute(f"{_SELECT}, n.kind FROM name n JOIN place p ON p.id = n.place WHERE n.key = ?", (key,))
                .fetchall()
            )
        res = tuple(_entry(r) for r in rows)
        if len(self._cache) > 200_000:
            self._cache.clear()
        self._cache[key] = res
        return res

    def lookup_folded(self, text: str) -> tuple[Entry, ...]:
        """Places whose name or alternate name is a romanisation variant of ``text`` (:func:`fold_key`),
        as alternate-name matches (``kind == KIND_ALT``); demonyms are never matched so.  Empty
        when the side index is missing."""
        key = "\x00fold:" + fold_key(norm_key(text))
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        folded = key.removeprefix("\x00fold:")
        with self._lock:
            db = self._db()
            sql = f"{_SELECT}, n.kind FROM name n JOIN place p ON p.id = n.place WHERE n.key = ? AND n.kind != ?"
            rows = db.execute(sql, (folded, KIND_DEMONYM)).fetchall()
            if self._folds:
                sql = f"{_SELECT}, f.kind FROM folds.fold f JOIN place p ON p.id = f.place WHERE f.key = ?"
                rows += db.execute(sql, (folded,)).fetchall()
        seen: set[int] = set()
        out = []
        for r in rows:
            if r[0] not in seen:
                seen.add(r[0])
                e = _entry(r)
                out.append(e if e.kind != KIND_NAME else _entry((*r[:10], KIND_ALT)))
        res = tuple(out)
        self._cache[key] = res
        return res

    def country(self, cc: str) -> Entry | None:
        """The country record of an ISO alpha-2 code."""
        key = "\x00cc:" + cc
        if key not in self._cache:
            with self._lock:
                row = (
                    self._db()
                    .execute(f"{_SELECT} FROM place p WHERE p.cc = ? AND p.feature = 'PCLI'", (cc,))
                    .fetchone()
                )
            self._cache[key] = (_entry((*row, KIND_NAME)),) if row else ()
        hit = self._cache[key]
        return hit[0] if hit else None

    def admin1(self, cc: str, name: str) -> Entry | None:
        """The admin-1 record named ``name`` in country ``cc``."""
        with self._lock:
            row = (
                self._db()
                .execute(f"{_SELECT} FROM place p WHERE p.cc = ? AND p.feature = 'ADM1' AND p.admin1 = ?", (cc, name))
                .fetchone()
            )
        return _entry((*row, KIND_NAME)) if row else None

    @lru_cache(maxsize=512)  # noqa: B019 - one gazetteer per process
    def sector(self, cc: str, admin1: str | None, direction: str) -> tuple[float, float] | None:
        """A point for the ``direction`` part ("north", "southeast", "central" ...) of an area: the
        populated place nearest the median of the area's places in that part (its outer third by
        latitude for north/south, by longitude for east/west, both for the diagonals).  A real place, so
        the point stays inside the area even when its shape is far from its bounding box ("southern
        Russia" is the Caucasus and the lower Volga, not the middle of the box, in Kazakhstan)."""
        where, args = "cc = ? AND feature IN ('PPL','PPLC')", [cc]
        if admin1:
            where += " AND admin1 = ?"
            args.append(admin1)
        with self._lock:
            pts = self._db().execute(f"SELECT lat, lon FROM place WHERE {where}", args).fetchall()
        if len(pts) < 5:
            return None
        part = _sector_part(pts, direction)
        lat_m = statistics.median(p[0] for p in part)
        lon_m = statistics.median(p[1] for p in part)
        lat, lon = min(part, key=lambda p: (p[0] - lat_m) ** 2 + (p[1] - lon_m) ** 2)
        return round(lat, 4), round(lon, 4)

    def stats(self) -> dict[str, int]:
        """Counts of places and names in the index."""
        with self._lock:
            return dict(self._db().execute("SELECT k, CAST(v AS INTEGER) FROM meta WHERE k != 'version'").fetchall())


def _sector_part(pts: list[tuple[float, float]], direction: str) -> list[tuple[float, float]]:
    """The places of ``pts`` in the ``direction`` third of the area (the middle third for "central")."""
    third = max(1, len(pts) // 3)
    part = pts
    for axis, low, high in ((0, "south", "north"), (1, "west", "east")):
        ranked = sorted(part, key=lambda p: p[axis])
        cut = max(1, len(ranked) // 3) if part is not pts else third
        if high in direction:
            part = ranked[-cut:]
        elif low in direction:
            part = ranked[:cut]
        elif direction in ("central", "centre", "center", "middle"):
            part = ranked[cut:-cut] or ranked
    return part


def _entry(r: tuple[Any, ...]) -> Entry:
    return Entry(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7] or 0, r[8], bool(r[9]), r[10])


_GAZ: Gazetteer | None = None


def get_gazetteer(path: str | Path | None = None) -> Gazetteer:
    """The process-wide gazetteer (a new one when ``path`` is given)."""
    global _GAZ
    if path is not None:
        return Gazetteer(path)
    if _GAZ is None:
        _GAZ = Gazetteer()
    return _GAZ


__all__ = [
    "DEFAULT_PATH",
    "FOLDS_NAME",
    "GENERIC_TERMS",
    "Entry",
    "Gazetteer",
    "fold_key",
    "get_gazetteer",
    "haversine_km",
    "norm_key",
]
