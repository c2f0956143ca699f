"""Values of normalised time expressions and the small helpers every resolver shares.

Internal to the ``times`` family (:mod:`claimledger.nlp.times.timex` re-exports :class:`Resolved`,
:data:`NO_REF` and :func:`parse_reference`): the ``Resolved`` record, its constructors per grain
(:func:`day_value`, :func:`week_value`, :func:`month_value` ...), reference-date parsing, number words,
unit words and year picking for underspecified dates.  Every name the other ``times`` modules share
lives here (or, for the few that belong to one family of resolvers, in :mod:`.calendar` and
:mod:`.spans`) under a public name: no module imports another's ``_private`` name.  Value conventions
are in the docstring of :mod:`claimledger.nlp.times.timex`.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from claimledger.nlp.times.grammar import Match
from claimledger.nlp.times.patterns import lexicon

__all__ = [
    "NO_REF",
    "RelativeResolver",
    "Resolved",
    "Resolver",
    "date_or_note",
    "day_value",
    "decade_value",
    "month_value",
    "parse_number",
    "parse_reference",
    "pick_year",
    "quarter_value",
    "relative_offset",
    "shift_month",
    "singular_unit",
    "unresolved",
    "week_value",
    "weekend_value",
    "year_from",
    "year_value",
]

NO_REF = "no publication date"


@dataclass(frozen=True)
class Resolved:
    """A normalised time expression (see the module docstring for the value conventions)."""

    value: str | None
    grain: str | None
    relation: str = "at"
    type: str = "date"
    timex: str | None = None
    mod: str | None = None
    end: str | None = None
    note: str | None = None


# A resolver of one kind of match: (match, reference date, tense direction, whole text) -> value.
Resolver = Callable[[Match, date | None, str | None, str], Resolved]
# The same for kinds that need the reference date ("yesterday", "last week"): never called without one.
RelativeResolver = Callable[[Match, date, str | None, str], Resolved]


def parse_reference(ref: object) -> date | None:
    """A reference date from ``date``, ISO text (``2025-02-01``, ``2025-02-01T10:00``) or None.

    Day-first ``DD-MM-YYYY`` text is accepted too; anything else gives None (never raises).
    """
    if ref is None or isinstance(ref, date):
        return ref
    s = str(ref).strip()
    m = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})", s) or None
    try:
        if m:
            return date(int(m[1]), int(m[2]), int(m[3]))
        m = re.match(r"(\d{1,2})-(\d{1,2})-(\d{4})$", s)
        if m:
            return date(int(m[3]), int(m[2]), int(m[1]))
    except ValueError:
        return None
    return None


def parse_number(text: str | None) -> float | None:
    """A number from digits or English words ("two and a half", "twenty-five"); None if vague."""
    if not text:
        return None
    t = " ".join(text.lower().replace("-", " ").split())
    try:
        return float(t)
    except ValueError:
        pass
    words = lexicon()["numbers"]
    half = t.endswith(" and a half")
    t = t.removesuffix(" and a half")
    if t in ("a couple of", "a couple", "couple of"):
        return 2.0 + half * 0.5
    total = 0
    for w in t.split():
        if w == "and":
            continue
        if w not in words:
            return None
        v = words[w]
        total = total * v if v == 100 and total else total + v
    return total + (0.5 if half else 0.0)


def shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    """(year, month) ``k`` months after ``y``-``m`` (``k`` may be negative)."""
    idx = y * 12 + (m - 1) + k
    return idx // 12, idx % 12 + 1


def week_value(d: date) -> Resolved:
    """The ISO week containing ``d``: its Monday as value, ``2025-W04`` as TIMEX3."""
    monday = d - timedelta(days=d.weekday())
    iy, iw, _ = d.isocalendar()
    return Resolved(monday.isoformat(), "week", timex=f"{iy}-W{iw:02d}")


def day_value(d: date) -> Resolved:
    """The day ``d`` (grain day)."""
    return Resolved(d.isoformat(), "day", timex=d.isoformat())


def month_value(y: int, m: int) -> Resolved:
    """The month ``y``-``m`` (grain month)."""
    return Resolved(f"{y:04d}-{m:02d}", "month", timex=f"{y:04d}-{m:02d}")


def year_value(y: int) -> Resolved:
    """The year ``y`` (grain year)."""
    return Resolved(f"{y:04d}", "year", timex=f"{y:04d}")


def quarter_value(y: int, q: int) -> Resolved:
    """Quarter ``q`` (1-4) of ``y``: its first month as value, ``2024-Q3`` as TIMEX3."""
    return Resolved(f"{y:04d}-{3 * q - 2:02d}", "quarter", timex=f"{y:04d}-Q{q}")


def decade_value(start: int) -> Resolved:
    """The decade starting in ``start``: its first year as value, ``199`` as TIMEX3."""
    return Resolved(f"{start:04d}", "decade", timex=f"{start // 10:03d}")


def weekend_value(sat: date) -> Resolved:
    """The weekend that starts on Saturday ``sat`` (grain week, TIMEX3 ``2025-W05-WE``)."""
    iy, iw, _ = sat.isocalendar()
    return Resolved(sat.isoformat(), "week", timex=f"{iy}-W{iw:02d}-WE")


def unresolved(note: str, grain: str | None = None, timex: str | None = None) -> Resolved:
    """No value, with the reason in ``note`` (grain and TIMEX3 kept when known)."""
    return Resolved(None, grain, timex=timex, note=note)


def singular_unit(u: str | None) -> str:
    """A unit word without its plural ``s`` ("weeks" -> "week", "centuries" -> "centurie")."""
    u = (u or "").lower()
    return u[:-1] if u.endswith("s") and u != "s" else u


def relative_offset(word: str | None) -> int | None:
    """last -> -1, this -> 0, next -> +1 (None for no word)."""
    if not word:
        return None
    w = " ".join(word.lower().split()).removeprefix("the ")
    return {
        "last": -1,
        "past": -1,
        "previous": -1,
        "this": 0,
        "current": 0,
        "same": 0,
        "that": 0,
        "next": 1,
        "coming": 1,
        "upcoming": 1,
        "following": 1,
    }.get(w)


def year_from(g: dict[str, str | None], ref: date | None) -> int | None | str:
    """The year a match names: explicit digits, "this/last/next year", or None (unstated)."""
    if g.get("year"):
        return int(g["year"] or 0)
    if g.get("ry"):
        off = relative_offset(g["ry"])
        if ref is None:
            return NO_REF
        return ref.year + (off or 0)
    return None


def pick_year(month: int, day: int | None, ref: date, direction: str | None, nearest: bool) -> int:
    """The year of an underspecified month/day: nearest, most recent past, or next."""
    cands = []
    for y in (ref.year - 1, ref.year, ref.year + 1):
        dd = min(day or 1, calendar.monthrange(y, month)[1])
        cands.append((y, date(y, month, dd)))
    if direction == "future":
        return next(y for y, d in cands if (d >= ref if day else (y, month) >= (ref.year, ref.month)))
    if direction == "past" or not nearest:
        return [y for y, d in cands if (d <= ref if day else (y, month) <= (ref.year, ref.month))][-1]
    return min(cands, key=lambda c: (abs((c[1] - ref).days), c[1] > ref))[0]


def date_or_note(y: int, m: int, d: int, raw: str) -> Resolved:
    """The day ``y-m-d``, or unresolved with a note when it does not exist ("31 February")."""
    try:
        return day_value(date(y, m, d))
    except ValueError:
        return unresolved(f"impossible date: {raw!r}", "day")
