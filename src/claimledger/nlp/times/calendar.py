"""Calendar expressions: days, weekdays, months, quarters, seasons, years, decades, centuries, holidays, clock times.

Internal to :mod:`claimledger.nlp.times.timex`.  One resolver per kind (or family of kinds) of
:class:`~claimledger.nlp.times.grammar.Match`; each takes ``(match, ref, direction, text)`` and
returns a :class:`~claimledger.nlp.times.values.Resolved`.  :data:`RESOLVERS` handle a missing
reference date themselves (absolute dates still resolve); :data:`RELATIVE_RESOLVERS` ("yesterday",
"on Friday", "next month") are only called with one.  Value conventions: :mod:`claimledger.nlp.times.timex`.
"""

from __future__ import annotations

import calendar
from dataclasses import replace
from datetime import date, timedelta

from claimledger.nlp.times.grammar import Match
from claimledger.nlp.times.patterns import lexicon
from claimledger.nlp.times.values import (
    NO_REF,
    RelativeResolver,
    Resolved,
    Resolver,
    date_or_note,
    day_value,
    decade_value,
    month_value,
    pick_year,
    quarter_value,
    relative_offset,
    shift_month,
    unresolved,
    week_value,
    weekend_value,
    year_from,
    year_value,
)

__all__ = ["RELATIVE_RESOLVERS", "RESOLVERS", "with_part_of_day"]

_PART_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI"}
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_QUARTER_WORDS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}


def _raw(mt: Match) -> str:
    return mt.groups.get("core") or ""


def _month_no(name: str | None) -> int:
    return int(lexicon()["months"][(name or "").lower().rstrip(".")])


def _day_no(g: dict[str, str | None]) -> int:
    """The day of month of a match: digits ("22nd") or an ordinal word ("twenty-second")."""
    if g.get("day"):
        return int(g["day"] or 0)
    return int(lexicon()["ordinals"][" ".join((g.get("dayw") or "").lower().split()).replace(" ", "-")])


def with_part_of_day(res: Resolved, part: str | None) -> Resolved:
    """ "Friday morning": the day as value, the TIMEX3 part of day (2025-01-31TMO) in timex."""
    code = _PART_OF_DAY.get((part or "").lower())
    if not code or not res.value:
        return res
    return replace(res, timex=f"{res.value}T{code}")


# --- days -----------------------------------------------------------------------------------------


def _date_ymd(mt: Match, ref: date | None, direction: str | None, text: str) -> Resolved:
    g = mt.groups
    return date_or_note(int(g["y"] or 0), int(g["m"] or 0), int(g["d"] or 0), _raw(mt))


def _date_numeric(mt: Match, ref: date | None, direction: str | None, text: str) -> Resolved:
    g = mt.groups
    a, b, c = int(g["a"] or 0), int(g["b"] or 0), g["c"] or ""
    y = int(c) if len(c) == 4 else (2000 + int(c) if int(c) < 50 else 1900 + int(c))
    mo, d = (a, b) if a <= 12 else (b, a)  # US month-first unless the first number cannot be a month
    return date_or_note(y, mo, d, _raw(mt))


def _day_and_month(mt: Match, ref: date | None, direction: str | None, text: str) -> Resolved:
    """ "Jan. 5, 2024", "5 January", "Friday the 22nd"; without a year the nearest such date."""
    g, raw = mt.groups, _raw(mt)
    d = _day_no(g)
    if mt.kind == "date_wd_the":
        if ref is None:
            return unresolved(NO_REF, "day")
        wd = lexicon()["weekdays"][(g["wd"] or "").lower()]
        # "Friday the 22nd": the nearest day-of-month falling on that weekday.
        for back in range(0, 400):
            for cand in (ref - timedelta(days=back), ref + timedelta(days=back)):
                if cand.day == d and cand.weekday() == wd:
                    return day_value(cand)
        return unresolved(f"no such date: {raw!r}", "day")
    mo = _month_no(g.get("mon"))
    y = year_from(g, ref)
    if y is None:
        if ref is None:
            return unresolved(NO_REF, "day", f"XXXX-{mo:02d}-{d:02d}")
        if not 1 <= d <= 29 and d > calendar.monthrange(2024, mo)[1]:
            return unresolved(f"impossible date: {raw!r}", "day")
        y = pick_year(mo, d, ref, direction, nearest=True)
        if mo == 2 and d == 29 and not calendar.isleap(int(y)):
            y = max(yy for yy in range(int(y) - 4, int(y) + 1) if calendar.isleap(yy))
    if isinstance(y, str):
        return unresolved(y, "day")
    res = date_or_note(int(y), mo, d, raw)
    if g.get("day2") and res.value:
        try:
            res = replace(res, end=date(int(y), mo, int(g["day2"] or 0)).isoformat())
        except ValueError:
            pass
    return res


def _day_range(mt: Match, ref: date | None, direction: str | None, text: str) -> Resolved:
    """ "5-7 March", "March between 5 and 7", "from 5 to March 7", "the 3rd to 5th of next month"."""
    g, raw = mt.groups, _raw(mt)
    d1, d2 = int(g.get("d1") or g.get("d1b") or 0), _day_no(g)
    if g.get("mon"):
        mo = _month_no(g.get("mon"))
        y = year_from(g, ref)
        if y is None:
            if ref is None:
                return unresolved(NO_REF, "day")
            y = pick_year(mo, d1, ref, direction, nearest=True)
    else:
        if ref is None:
            return unresolved(NO_REF, "day")
        y, mo = shift_month(ref.year, ref.month, relative_offset(g.get("r")) or 0)
    if isinstance(y, str):
        return unresolved(y, "day")
    first = date_or_note(int(y), mo, d1, raw)
    last = date_or_note(int(y), mo, d2, raw)
    return replace(first, end=last.value) if first.value and last.value else (first if not first.value else last)


def _day_of_month(mt: Match, ref: date | None, direction: str | None, text: str) -> Resolved:
    if ref is None:
        return unresolved(NO_REF, "day")
    yy, mo = shift_month(ref.year, ref.month, relative_offset(mt.groups.get("r")) or 0)
    return date_or_note(yy, mo, _day_no(mt.groups), _raw(mt))


def _holiday(mt: Match, ref: date | None, direction: str | None, text: str) -> Resolved:
    g = mt.groups
    name = " ".join((g.get("hol") or "").lower().split())
    spec = lexicon()["holidays"][name]
    y = int(g["year"] or 0) if g.get("year") else None

    def on(year: int) -> date:
        parts = spec.split("-")
        m = int(parts[0])
        if len(parts) == 2:
            return date(year, m, int(parts[1]))
        wd = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"].index(parts[1])
        days = [
            date(year, m, d) for d in range(1, calendar.monthrange(year, m)[1] + 1) if date(year, m, d).weekday() == wd
        ]
        return days[-1] if parts[2] == "L" else days[int(parts[2]) - 1]

    if y is not None:
        return day_value(on(y))
    if ref is None:
        return unresolved(NO_REF, "day")
    off = relative_offset(g.get("r"))
    if off is not None:
        return day_value(on(ref.year + off))
    this = on(ref.year)
    if direction == "future":
        return day_value(this if this >= ref else on(ref.year + 1))
    return day_value(this if this <= ref else on(ref.year - 1))


def _clock(mt: Match, ref: date | None, direction: str | None, text: str) -> Resolved:
    g = mt.groups
    if g.get("nm"):
        h, mi = (12 if (g["nm"] or "").lower() == "noon" else 0), 0
    elif mil := g.get("mil"):
        h, mi = int(mil[:2]), int(mil[2:])
    else:
        h = int(g.get("h") or g.get("h2") or 0)
        mi = int(g.get("mi") or g.get("mi2") or 0)
        ap = (g.get("ap") or "").lower().replace(".", "")
        if ap == "pm" and h < 12:
            h += 12
        elif ap == "am" and h == 12:
            h = 0
    tz = "Z" if (g.get("tz") or g.get("tz2") or g.get("tz3") or "").lower() in ("utc", "gmt") else ""
    day = ref.isoformat() if ref else "XXXX-XX-XX"
    tx = f"{day}T{h:02d}:{mi:02d}{tz}"
    return Resolved(tx if ref else None, "time", type="time", timex=tx, note=None if ref else NO_REF)


# --- months, quarters, seasons --------------------------------------------------------------------


def _month_named(mt: Match, ref: date | None, direction: str | None, text: str) -> Resolved:
    """ "in August" (the most recent past one), "last March", "June 2024", "2024 June"."""
    g = mt.groups
    mo = _month_no(g.get("mon"))
    y = year_from(g, ref)
    off = relative_offset(g.get("r"))
    if y is None:
        if ref is None:
            return unresolved(NO_REF, "month", f"XXXX-{mo:02d}")
        if off == -1:
            y = ref.year - 1 if mo >= ref.month else ref.year
        elif off == 1:
            y = ref.year + 1 if mo <= ref.month else ref.year
        elif off == 0:
            y = ref.year
        else:
            until = mt.prep in ("until", "by", "till", "through")
            prep_dir = "future" if until and direction != "past" else direction
            y = pick_year(mo, None, ref, prep_dir, nearest=False)
    if isinstance(y, str):
        return unresolved(y, "month")
    return month_value(int(y), mo)


def _ym_numeric(mt: Match, ref: date | None, direction: str | None, text: str) -> Resolved:
    g = mt.groups
    y = int(g.get("year") or g.get("year2") or 0)
    mo = int(g.get("mm") or g.get("mm2") or 0)
    if g.get("mm") and len(g["mm"] or "") == 2 and mo == (y + 1) % 100:
        return replace(year_value(y), end=f"{y + 1:04d}")  # "2010-11": a season/fiscal year, not November
    return month_value(y, mo)


def _quarter_yq(mt: Match, ref: date | None, direction: str | None, text: str) -> Resolved:
    g = mt.groups
    y = int(g.get("year") or 0)
    if g.get("hn"):
        h = int(g["hn"] or 1)
        return Resolved(f"{y:04d}-{1 if h == 1 else 7:02d}", "half", timex=f"{y:04d}-H{h}")
    return quarter_value(y, int(g.get("qn") or 1))


def _quarter_named(mt: Match, ref: date | None, direction: str | None, text: str) -> Resolved:
    """ "the third quarter", "Q3 2024", "last quarter", "the final quarter of 2023"."""
    g = mt.groups
    qo = (g.get("qo") or "").lower()
    qn = int(g["qn"] or 0) if g.get("qn") else _QUARTER_WORDS.get(qo)
    y = year_from(g, ref)
    if isinstance(y, str):
        return unresolved(y, "quarter")
    if ref is None and (y is None or qn is None):
        return unresolved(NO_REF, "quarter")
    cur_q = (ref.month - 1) // 3 + 1 if ref else 1
    if qn is None:  # last / previous / current / latest
        yy, q = (ref.year if ref else 0), cur_q
        if qo in ("last", "previous", "final", "latest"):
            q -= 1
            if q == 0:
                yy, q = yy - 1, 4
        return quarter_value(int(y) if y and qo == "final" else yy, 4 if qo == "final" and y else q)
    if y is None:
        assert ref is not None
        y = ref.year if (qn <= cur_q or direction == "future") else ref.year - 1
    return quarter_value(int(y), qn)


def _half(mt: Match, ref: date | None, direction: str | None, text: str) -> Resolved:
    g = mt.groups
    y = year_from(g, ref)
    if y is None and ref is not None:
        y = ref.year
    if y is None or isinstance(y, str):
        return unresolved(NO_REF, "half")
    h = 1 if (g["h"] or "").lower() == "first" else 2
    return Resolved(f"{int(y):04d}-{1 if h == 1 else 7:02d}", "half", timex=f"{int(y):04d}-H{h}")


def _season(mt: Match, ref: date | None, direction: str | None, text: str) -> Resolved:
    """ "summer 2016" -> value 2016-06 (first month), grain season, timex 2016-SU."""
    g = mt.groups
    code = lexicon()["seasons"][(g.get("season") or "").lower()]
    first = _SEASON_START[code]
    y = year_from(g, ref)
    if isinstance(y, str):
        return unresolved(y, "season")
    if y is None:
        if ref is None:
            return unresolved(NO_REF, "season", f"XXXX-{code}")
        off = relative_offset(g.get("r"))
        cur = ref.year if ref.month >= first else ref.year - 1  # the most recent start of that season
        inside = (ref.month - first) % 12 < 3 and (ref.year - cur) <= 1
        if off is None:
            y = cur + 1 if direction == "future" and not inside else cur
        elif off == 0:
            if inside or direction != "future" and code != "WI" and ref.month >= first:
                y = cur
            else:
                y = cur + (0 if inside else 1)
            if code != "WI":
                y = ref.year
        elif off < 0:
            y = cur - 1 if inside else cur
        else:
            y = cur + 1
    return Resolved(f"{int(y):04d}-{first:02d}", "season", timex=f"{int(y):04d}-{code}")


# --- years, decades, centuries --------------------------------------------------------------------


def _year_range(mt: Match, ref: date | None, direction: str | None, text: str) -> Resolved:
    y1, y2 = mt.groups["year"] or "", mt.groups["year2"] or ""
    if len(y2) == 2:
        y2 = y1[:2] + y2
    return replace(year_value(int(y1)), end=y2)


def _year_named(mt: Match, ref: date | None, direction: str | None, text: str) -> Resolved:
    g = mt.groups
    if g.get("yy"):
        yy = int(g["yy"] or 0)
        base = ref.year if ref else 2000
        y = 2000 + yy if 2000 + yy <= base + 10 else 1900 + yy
        return year_value(y)
    return year_value(int(g.get("year") or g.get("fyy") or 0))


def _decade_named(mt: Match, ref: date | None, direction: str | None, text: str) -> Resolved:
    """ "the 1990s", "the '80s", "the nineties", "the twenty-tens"."""
    g = mt.groups
    if g.get("dc"):
        return decade_value(int(g["dc"] or 0))
    digit = g.get("dd") or g.get("dd3") or g.get("dd4") or g.get("dd5")
    if digit is not None:
        dec = int(digit) * 10
        base = ref.year if ref else 2000
        century = 2000 if 2000 + dec <= base else 1900
        return decade_value(century + dec)
    dw = (g.get("dw") or "").lower()
    dn = " ".join((g.get("dn") or "").lower().split())
    if dw == "tens":
        return decade_value(2010) if dn in ("twenty", "two thousand and") else unresolved("ambiguous decade")
    dec = lexicon()["decade_words"][dw]
    century = 2000 if dn in ("twenty", "two thousand and") or dw == "noughties" else 1900
    return decade_value(century + dec)


def _century(mt: Match, ref: date | None, direction: str | None, text: str) -> Resolved:
    g = mt.groups
    if g.get("cr"):
        if ref is None:
            return unresolved(NO_REF, "century")
        c = ref.year // 100 + (relative_offset(g["cr"]) or 0)
    else:
        c = int(g["cn"] or 0) - 1 if g.get("cn") else lexicon()["ordinals"][(g["cw"] or "").lower()] - 1
    return Resolved(f"{c * 100:04d}", "century", timex=f"{c:02d}")


# --- relative to the reference date ---------------------------------------------------------------


def _dayword(mt: Match, ref: date, direction: str | None, text: str) -> Resolved:
    """ "yesterday", "tonight", "the day after tomorrow", "this morning"."""
    g = mt.groups
    dw = " ".join((g["dw"] or "").lower().split())
    off = {
        "yesterday": -1,
        "last night": -1,
        "tomorrow": 1,
        "the day before yesterday": -2,
        "the day after tomorrow": 2,
    }.get(dw, 0)
    part = g.get("part") or (dw.split()[-1] if dw.startswith(("this ", "last ")) or dw == "tonight" else None)
    return with_part_of_day(day_value(ref + timedelta(days=off)), part)


def _weekday(mt: Match, ref: date, direction: str | None, text: str) -> Resolved:
    """ "on Friday" (the most recent past one or today), "next Tuesday", "Monday of next week"."""
    g = mt.groups
    wd = lexicon()["weekdays"][(g["wd"] or "").lower()]
    r = (g.get("r") or "").lower()
    wk = (g.get("wk") or g.get("wk2") or "").lower()
    return with_part_of_day(_weekday_date(wd, r, wk, ref, direction, mt.prep), g.get("part"))


def _weekday_date(wd: int, r: str, wk: str, ref: date, direction: str | None, prep: str | None) -> Resolved:
    if wk:
        monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=relative_offset(wk) or 0)
        return day_value(monday + timedelta(days=wd))
    delta = (ref.weekday() - wd) % 7
    if r in ("last", "past"):
        return day_value(ref - timedelta(days=delta or 7))
    if r in ("next", "coming"):
        return day_value(ref + timedelta(days=(wd - ref.weekday()) % 7 or 7))
    if r == "this":
        return day_value(ref - timedelta(days=ref.weekday()) + timedelta(days=wd))
    if direction == "future" or direction is None and prep in ("until", "till", "by"):
        return day_value(ref + timedelta(days=(wd - ref.weekday()) % 7))
    return day_value(ref - timedelta(days=delta))


_PAST_UNIT = {
    "week": "P1W",
    "month": "P1M",
    "year": "P1Y",
    "decade": "P10Y",
    "quarter": "P3M",
    "weekend": "P2D",
    "century": "P100Y",
}


def _rel_unit(mt: Match, ref: date, direction: str | None, text: str) -> Resolved:
    """ "last week", "next month", "this year", "the weekend"; "the past year" is a duration."""
    g, k = mt.groups, mt.kind
    u = (g.get("u") or "weekend").lower()
    off = relative_offset(g.get("r")) if k == "rel_unit" else 0
    if k == "rel_unit" and " ".join((g.get("r") or "").lower().split()) in ("past", "the past"):
        return Resolved(None, u, type="duration", timex=_PAST_UNIT[u])
    off = off or 0
    if u == "week":
        return week_value(ref + timedelta(weeks=off))
    if u == "weekend":
        if k != "rel_unit" and ref.weekday() < 5 and direction != "future":
            off = -1  # "over the weekend" read on a weekday: the one just past
        return weekend_value(ref - timedelta(days=ref.weekday()) + timedelta(days=5, weeks=off))
    if u == "month":
        return month_value(*shift_month(ref.year, ref.month, off))
    if u == "year":
        return year_value(ref.year + off)
    if u == "quarter":
        q = (ref.month - 1) // 3 + off
        return quarter_value(ref.year + q // 4, q % 4 + 1)
    if u == "decade":
        return decade_value(ref.year // 10 * 10 + 10 * off)
    c = ref.year // 100 + off
    return Resolved(f"{c * 100:04d}", "century", timex=f"{c:02d}")


def _after_next(mt: Match, ref: date, direction: str | None, text: str) -> Resolved:
    u = (mt.groups.get("u") or "").lower()
    if u == "week":
        return week_value(ref + timedelta(weeks=2))
    if u == "weekend":
        return weekend_value(ref - timedelta(days=ref.weekday()) + timedelta(days=5, weeks=2))
    if u == "month":
        return month_value(*shift_month(ref.year, ref.month, 2))
    return year_value(ref.year + 2)


RESOLVERS: dict[str, Resolver] = {
    "date_ymd": _date_ymd,
    "date_numeric": _date_numeric,
    "date_mdy": _day_and_month,
    "date_dmy": _day_and_month,
    "date_wd_the": _day_and_month,
    "day_range": _day_range,
    "day_range_b": _day_range,
    "day_range_c": _day_range,
    "day_of_month": _day_of_month,
    "holiday": _holiday,
    "clock": _clock,
    "month": _month_named,
    "month_abbr_year": _month_named,
    "year_month": _month_named,
    "ym_numeric": _ym_numeric,
    "quarter_yq": _quarter_yq,
    "quarter": _quarter_named,
    "quarter_q": _quarter_named,
    "half": _half,
    "season": _season,
    "year_range": _year_range,
    "year": _year_named,
    "decade": _decade_named,
    "century": _century,
}
RELATIVE_RESOLVERS: dict[str, RelativeResolver] = {
    "dayword": _dayword,
    "weekday": _weekday,
    "week_wd": _weekday,
    "rel_unit": _rel_unit,
    "the_unit": _rel_unit,
    "weekend": _rel_unit,
    "after_next": _after_next,
}
