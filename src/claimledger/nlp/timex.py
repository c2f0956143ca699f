"""Normalise English time expressions against a reference (publication) date.  Pure functions.

``normalise("on Friday", date(2025, 2, 1))`` -> ``Resolved(value="2025-01-31", grain="day", ...)``.

Value conventions (the ``times.jsonl`` contract allows ``2025-01-31, 2025-W04 or 2025-01-20``):

* ``value`` is the ISO start of the period at the precision ISO can name: a day ``2025-01-31``; a
  week the date of its Monday ``2025-01-20`` (grain ``week``; the ISO week ``2025-W04`` is kept in
  ``timex``); a month ``2024-08``; a quarter its first month ``2024-07`` (timex ``2024-Q3``); a year
  ``2016``; a decade its first year ``1990`` (timex ``199``); a century ``1900`` (timex ``19``).
* ``timex`` is the TIMEX3 value (``2025-W04``, ``2024-Q3``, ``P2Y``, ``PRESENT_REF``) used to score
  against TimeML corpora.  Durations and sets get ``value=None`` and their TIMEX3 in ``timex``.
* News convention for underspecified expressions: a bare weekday is the most recent past one or
  today; a bare month the most recent past one (or the current month); a day-and-month without year
  the nearest such date (so "Dec. 30" read on 2025-01-03 is 2024-12-30).  A ``direction`` hint
  (``"past"``/``"future"``, from the tense of the governing verb) overrides these.
* "since World War II" resolves to the end of the era (1945-09: the last time the era held), "during
  World War II" to its start with ``end``; eras are listed in ``resources/times/lexicon.json``.
* Without a reference date relative expressions keep ``value=None`` with ``note="no publication
  date"``; absolute ones still resolve.  Impossible dates ("31 February") give ``value=None`` and a
  note; nothing here raises on text.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from .timex_grammar import RELATION_OF_PREP, Match, lexicon, scan

__all__ = ["Resolved", "normalise", "resolve_match", "parse_reference", "interval"]

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


def _num(text: str | None) -> float | None:
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


def _shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    idx = y * 12 + (m - 1) + k
    return idx // 12, idx % 12 + 1


def _week(d: date) -> Resolved:
    monday = d - timedelta(days=d.weekday())
    iy, iw, _ = d.isocalendar()
    return Resolved(monday.isoformat(), "week", timex=f"{iy}-W{iw:02d}")


def _day(d: date) -> Resolved:
    return Resolved(d.isoformat(), "day", timex=d.isoformat())


def _month(y: int, m: int) -> Resolved:
    return Resolved(f"{y:04d}-{m:02d}", "month", timex=f"{y:04d}-{m:02d}")


def _year(y: int) -> Resolved:
    return Resolved(f"{y:04d}", "year", timex=f"{y:04d}")


def _quarter(y: int, q: int) -> Resolved:
    return Resolved(f"{y:04d}-{3 * q - 2:02d}", "quarter", timex=f"{y:04d}-Q{q}")


def _decade(start: int) -> Resolved:
    return Resolved(f"{start:04d}", "decade", timex=f"{start // 10:03d}")


def _unresolved(note: str, grain: str | None = None, timex: str | None = None) -> Resolved:
    return Resolved(None, grain, timex=timex, note=note)


def _rel_offset(word: str | None) -> int | None:
    """last -> -1, this -> 0, next -> +1 (None for no word)."""
    if not word:
        return None
    w = " ".join(word.lower().split()).removeprefix("the ")
    return {"last": -1, "past": -1, "previous": -1, "this": 0, "current": 0, "same": 0, "that": 0,
            "next": 1, "coming": 1, "upcoming": 1, "following": 1}.get(w)


def _year_from(g: dict[str, str | None], ref: date | None) -> int | None | str:
    """The year a match names: explicit digits, "this/last/next year", or None (unstated)."""
    if g.get("year"):
        return int(g["year"] or 0)
    if g.get("ry"):
        off = _rel_offset(g["ry"])
        if ref is None:
            return NO_REF
        return ref.year + (off or 0)
    return None


def _pick_year(month: int, day: int | None, ref: date, direction: str | None, nearest: bool) -> int:
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


def _date_or_note(y: int, m: int, d: int, raw: str) -> Resolved:
    try:
        return _day(date(y, m, d))
    except ValueError:
        return _unresolved(f"impossible date: {raw!r}", "day")


_PART_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI"}


def _with_part(res: Resolved, part: str | None) -> Resolved:
    """"Friday morning": the day as value, the TIMEX3 part of day (2025-01-31TMO) in timex."""
    code = _PART_OF_DAY.get((part or "").lower())
    if not code or not res.value:
        return res
    return replace(res, timex=f"{res.value}T{code}")


def _resolve_core(mt: Match, ref: date | None, direction: str | None, text: str) -> Resolved:
    g = mt.groups
    k = mt.kind
    lx = lexicon()
    raw = g.get("core") or ""
    low = " ".join(raw.lower().split())

    def month_no(name: str | None) -> int:
        return int(lx["months"][(name or "").lower().rstrip(".")])

    def day_no() -> int:
        if g.get("day"):
            return int(g["day"] or 0)
        return int(lx["ordinals"][" ".join((g.get("dayw") or "").lower().split()).replace(" ", "-")])

    if k == "date_ymd":
        return _date_or_note(int(g["y"] or 0), int(g["m"] or 0), int(g["d"] or 0), raw)
    if k == "date_numeric":
        a, b, c = int(g["a"] or 0), int(g["b"] or 0), g["c"] or ""
        y = int(c) if len(c) == 4 else (2000 + int(c) if int(c) < 50 else 1900 + int(c))
        mo, d = (a, b) if a <= 12 else (b, a)  # US month-first unless the first number cannot be a month
        return _date_or_note(y, mo, d, raw)
    if k in ("date_mdy", "date_dmy", "date_wd_the"):
        d = day_no()
        if k == "date_wd_the":
            if ref is None:
                return _unresolved(NO_REF, "day")
            wd = lx["weekdays"][g["wd"].lower()]
            # "Friday the 22nd": the nearest day-of-month falling on that weekday.
            for back in range(0, 400):
                for cand in (ref - timedelta(days=back), ref + timedelta(days=back)):
                    if cand.day == d and cand.weekday() == wd:
                        return _day(cand)
            return _unresolved(f"no such date: {raw!r}", "day")
        mo = month_no(g.get("mon"))
        y = _year_from(g, ref)
        if y is None:
            if ref is None:
                return _unresolved(NO_REF, "day", f"XXXX-{mo:02d}-{d:02d}")
            if not 1 <= d <= 29 and d > calendar.monthrange(2024, mo)[1]:
                return _unresolved(f"impossible date: {raw!r}", "day")
            y = _pick_year(mo, d, ref, direction, nearest=True)
            if mo == 2 and d == 29 and not calendar.isleap(int(y)):
                y = max(yy for yy in range(int(y) - 4, int(y) + 1) if calendar.isleap(yy))
        if isinstance(y, str):
            return _unresolved(y, "day")
        res = _date_or_note(int(y), mo, d, raw)
        if g.get("day2") and res.value:
            try:
                res = replace(res, end=date(int(y), mo, int(g["day2"] or 0)).isoformat())
            except ValueError:
                pass
        return res
    if k in ("month", "month_abbr_year", "year_month"):
        mo = month_no(g.get("mon"))
        y = _year_from(g, ref)
        off = _rel_offset(g.get("r"))
        if y is None:
            if ref is None:
                return _unresolved(NO_REF, "month", f"XXXX-{mo:02d}")
            if off == -1:
                y = ref.year - 1 if mo >= ref.month else ref.year
            elif off == 1:
                y = ref.year + 1 if mo <= ref.month else ref.year
            elif off == 0:
                y = ref.year
            else:
                prep_dir = "future" if mt.prep in ("until", "by", "till", "through") and direction != "past" else direction
                y = _pick_year(mo, None, ref, prep_dir, nearest=False)
        if isinstance(y, str):
            return _unresolved(y, "month")
        return _month(int(y), mo)
    if k == "ym_numeric":
        y = int(g.get("year") or g.get("year2") or 0)
        mo = int(g.get("mm") or g.get("mm2") or 0)
        if g.get("mm") and len(g["mm"] or "") == 2 and mo == (y + 1) % 100:
            return replace(_year(y), end=f"{y + 1:04d}")  # "2010-11": a season/fiscal year, not November
        return _month(y, mo)
    if k in ("day_range", "day_range_b", "day_range_c"):
        d1, d2 = int(g.get("d1") or g.get("d1b") or 0), day_no()
        if g.get("mon"):
            mo = month_no(g.get("mon"))
            y = _year_from(g, ref)
            if y is None:
                if ref is None:
                    return _unresolved(NO_REF, "day")
                y = _pick_year(mo, d1, ref, direction, nearest=True)
        else:
            if ref is None:
                return _unresolved(NO_REF, "day")
            y, mo = _shift_month(ref.year, ref.month, _rel_offset(g.get("r")) or 0)
        if isinstance(y, str):
            return _unresolved(y, "day")
        first = _date_or_note(int(y), mo, d1, raw)
        last = _date_or_note(int(y), mo, d2, raw)
        return replace(first, end=last.value) if first.value and last.value else (first if not first.value else last)
    if k == "day_of_month":
        if ref is None:
            return _unresolved(NO_REF, "day")
        yy, mo = _shift_month(ref.year, ref.month, _rel_offset(g.get("r")) or 0)
        return _date_or_note(yy, mo, day_no(), raw)
    if k == "quarter_yq":
        y = int(g.get("year") or 0)
        if g.get("hn"):
            h = int(g["hn"] or 1)
            return Resolved(f"{y:04d}-{1 if h == 1 else 7:02d}", "half", timex=f"{y:04d}-H{h}")
        return _quarter(y, int(g.get("qn") or 1))
    if k == "season":
        return _season(g, ref, direction)
    if k == "year_range":
        y1, y2 = g["year"] or "", g["year2"] or ""
        if len(y2) == 2:
            y2 = y1[:2] + y2
        return replace(_year(int(y1)), end=y2)
    if k == "year":
        if g.get("yy"):
            yy = int(g["yy"] or 0)
            base = ref.year if ref else 2000
            y = 2000 + yy if 2000 + yy <= base + 10 else 1900 + yy
            return _year(y)
        return _year(int(g.get("year") or g.get("fyy") or 0))
    if k in ("quarter", "quarter_q"):
        qo = (g.get("qo") or "").lower()
        qn = int(g["qn"]) if g.get("qn") else {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3,
                                                 "3rd": 3, "fourth": 4, "4th": 4}.get(qo)
        y = _year_from(g, ref)
        if isinstance(y, str):
            return _unresolved(y, "quarter")
        if ref is None and (y is None or qn is None):
            return _unresolved(NO_REF, "quarter")
        cur_q = (ref.month - 1) // 3 + 1 if ref else 1
        if qn is None:  # last / previous / current / latest
            yy, q = (ref.year if ref else 0), cur_q
            if qo in ("last", "previous", "final", "latest"):
                q -= 1
                if q == 0:
                    yy, q = yy - 1, 4
            return _quarter(int(y) if y and qo == "final" else yy, 4 if qo == "final" and y else q)
        if y is None:
            assert ref is not None
            y = ref.year if (qn <= cur_q or direction == "future") else ref.year - 1
        return _quarter(int(y), qn)
    if k == "half":
        y = _year_from(g, ref)
        if y is None and ref is not None:
            y = ref.year
        if y is None or isinstance(y, str):
            return _unresolved(NO_REF, "half")
        h = 1 if g["h"].lower() == "first" else 2
        return Resolved(f"{int(y):04d}-{1 if h == 1 else 7:02d}", "half", timex=f"{int(y):04d}-H{h}")
    if k == "decade":
        if g.get("dc"):
            return _decade(int(g["dc"] or 0))
        digit = g.get("dd") or g.get("dd3") or g.get("dd4")
        if digit is not None:
            dec = int(digit) * 10
            base = ref.year if ref else 2000
            century = 2000 if 2000 + dec <= base else 1900
            return _decade(century + dec)
        dw = (g.get("dw") or "").lower()
        dn = " ".join((g.get("dn") or "").lower().split())
        if dw == "tens":
            return _decade(2010) if dn in ("twenty", "two thousand and") else _unresolved("ambiguous decade")
        dec = lx["decade_words"][dw]
        century = 2000 if dn in ("twenty", "two thousand and") or dw == "noughties" else 1900
        return _decade(century + dec)
    if k == "century":
        if g.get("cr"):
            if ref is None:
                return _unresolved(NO_REF, "century")
            c = ref.year // 100 + (_rel_offset(g["cr"]) or 0)
        else:
            c = int(g["cn"]) - 1 if g.get("cn") else lx["ordinals"][g["cw"].lower()] - 1
        return Resolved(f"{c * 100:04d}", "century", timex=f"{c:02d}")
    if k == "era":
        name = " ".join(g["era"].lower().split())
        start, end = lx["eras"].get(name) or lx["eras"].get("the " + name)
        grain = {4: "year", 7: "month", 10: "day"}[len(start)]
        if mt.prep in ("since", "after", "following", "ever since"):
            g2 = {4: "year", 7: "month", 10: "day"}[len(end)]
            return Resolved(end, g2, timex=end, note=f"since the end of {raw} ({start}/{end})")
        return Resolved(start, grain, timex=start, end=end if end != start else None)
    if k == "event":
        return _unresolved(f"relative to an event ({raw}): not resolved")
    if k == "clock":
        return _clock(g, ref)
    if k == "set":
        s = (g.get("set") or "").lower()
        unit = next((u for u in ("day", "week", "month", "year") if u in s), None)
        unit = unit or {"daily": "day", "weekly": "week", "monthly": "month", "annual": "year", "annually": "year",
                        "yearly": "year", "quarterly": "quarter", "biannual": "half"}.get(s, "year")
        code = {"day": "P1D", "week": "P1W", "month": "P1M", "year": "P1Y", "quarter": "P3M", "half": "P6M"}[unit]
        return Resolved(None, unit, type="set", timex=code)
    if k == "vague":
        v = low
        tx = "FUTURE_REF" if "future" in v else ("PAST_REF" if v in ("recently", "the past", "lately", "in recent times") else "PRESENT_REF")
        return Resolved(None, None, type="vague", timex=tx, note="vague reference: not resolved to a date")
    if k in ("duration", "duration_vague"):
        return _duration(g, ref, direction, mt)
    if k == "holiday":
        return _holiday(g, ref, direction)
    # Everything below needs the reference date.
    if ref is None:
        grain = {"dayword": "day", "weekday": "day", "week_wd": "day", "weekend": "week", "ago": _unit(g.get("u")) or None,
                 "after_next": _unit(g.get("u")) or None}.get(k) or (
            "week" if (g.get("u") or "").lower() == "weekend" else _unit(g.get("u")) or None)
        return _unresolved(NO_REF, grain)
    if k == "dayword":
        dw = " ".join(g["dw"].lower().split())
        off = {"yesterday": -1, "last night": -1, "tomorrow": 1, "the day before yesterday": -2,
               "the day after tomorrow": 2}.get(dw, 0)
        part = g.get("part") or (dw.split()[-1] if dw.startswith(("this ", "last ")) or dw == "tonight" else None)
        return _with_part(_day(ref + timedelta(days=off)), part)
    if k in ("weekday", "week_wd"):
        wd = lx["weekdays"][g["wd"].lower()]
        r = (g.get("r") or "").lower()
        wk = (g.get("wk") or g.get("wk2") or "").lower()
        return _with_part(_weekday(wd, r, wk, ref, direction, mt.prep), g.get("part"))
    if k in ("rel_unit", "the_unit", "weekend"):
        u = (g.get("u") or "weekend").lower()
        off = _rel_offset(g.get("r")) if k == "rel_unit" else 0
        if k == "rel_unit" and " ".join((g.get("r") or "").lower().split()) in ("past", "the past"):
            code = {"week": "P1W", "month": "P1M", "year": "P1Y", "decade": "P10Y", "quarter": "P3M",
                    "weekend": "P2D", "century": "P100Y"}[u]
            return Resolved(None, u, type="duration", timex=code)
        off = off or 0
        if u == "week":
            return _week(ref + timedelta(weeks=off))
        if u == "weekend":
            if k != "rel_unit" and ref.weekday() < 5 and direction != "future":
                off = -1  # "over the weekend" read on a weekday: the one just past
            sat = ref - timedelta(days=ref.weekday()) + timedelta(days=5, weeks=off)
            iy, iw, _ = sat.isocalendar()
            return Resolved(sat.isoformat(), "week", timex=f"{iy}-W{iw:02d}-WE")
        if u == "month":
            return _month(*_shift_month(ref.year, ref.month, off))
        if u == "year":
            return _year(ref.year + off)
        if u == "quarter":
            q = (ref.month - 1) // 3 + off
            return _quarter(ref.year + q // 4, q % 4 + 1)
        if u == "decade":
            return _decade(ref.year // 10 * 10 + 10 * off)
        c = ref.year // 100 + off
        return Resolved(f"{c * 100:04d}", "century", timex=f"{c:02d}")
    if k == "ago":
        return _ago(g, ref, text)
    if k == "after_next":
        u = (g.get("u") or "").lower()
        if u == "week":
            return _week(ref + timedelta(weeks=2))
        if u == "weekend":
            sat = ref - timedelta(days=ref.weekday()) + timedelta(days=5, weeks=2)
            iy, iw, _ = sat.isocalendar()
            return Resolved(sat.isoformat(), "week", timex=f"{iy}-W{iw:02d}-WE")
        if u == "month":
            return _month(*_shift_month(ref.year, ref.month, 2))
        return _year(ref.year + 2)
    return _unresolved(f"not understood: {raw!r}")


def _weekday(wd: int, r: str, wk: str, ref: date, direction: str | None, prep: str | None) -> Resolved:
    if wk:
        monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=_rel_offset(wk) or 0)
        return _day(monday + timedelta(days=wd))
    delta = (ref.weekday() - wd) % 7
    if r in ("last", "past"):
        return _day(ref - timedelta(days=delta or 7))
    if r in ("next", "coming"):
        return _day(ref + timedelta(days=(wd - ref.weekday()) % 7 or 7))
    if r == "this":
        return _day(ref - timedelta(days=ref.weekday()) + timedelta(days=wd))
    if direction == "future" or direction is None and prep in ("until", "till", "by"):
        return _day(ref + timedelta(days=(wd - ref.weekday()) % 7))
    return _day(ref - timedelta(days=delta))


_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def _season(g: dict[str, str | None], ref: date | None, direction: str | None) -> Resolved:
    """"summer 2016" -> value 2016-06 (first month), grain season, timex 2016-SU."""
    code = lexicon()["seasons"][(g.get("season") or "").lower()]
    first = _SEASON_START[code]
    y = _year_from(g, ref)
    if isinstance(y, str):
        return _unresolved(y, "season")
    if y is None:
        if ref is None:
            return _unresolved(NO_REF, "season", f"XXXX-{code}")
        off = _rel_offset(g.get("r"))
        cur = ref.year if ref.month >= first else ref.year - 1  # the most recent start of that season
        inside = (ref.month - first) % 12 < 3 and (ref.year - cur) <= 1
        if off is None:
            y = cur + 1 if direction == "future" and not inside else cur
        elif off == 0:
            y = cur if inside or direction != "future" and code != "WI" and ref.month >= first else cur + (0 if inside else 1)
            if code != "WI":
                y = ref.year
        elif off < 0:
            y = cur - 1 if inside else cur
        else:
            y = cur + 1
    return Resolved(f"{int(y):04d}-{first:02d}", "season", timex=f"{int(y):04d}-{code}")


def _clock(g: dict[str, str | None], ref: date | None) -> Resolved:
    if g.get("nm"):
        h, mi = (12 if g["nm"].lower() == "noon" else 0), 0
    elif g.get("mil"):
        h, mi = int(g["mil"][:2]), int(g["mil"][2:])
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


_UNIT_CODE = {"day": "D", "week": "W", "fortnight": "W", "month": "M", "year": "Y", "decade": "Y",
              "quarter": "Q", "hour": "H", "minute": "M", "century": "Y", "centurie": "Y"}
_UNIT_FACTOR = {"fortnight": 2, "decade": 10, "century": 100, "centurie": 100}


def _unit(u: str | None) -> str:
    u = (u or "").lower()
    return u[:-1] if u.endswith("s") and u != "s" else u


def _duration(g: dict[str, str | None], ref: date | None, direction: str | None, mt: Match) -> Resolved:
    u = _unit(g.get("u"))
    n = _num(g.get("n")) if g.get("n") else None
    code = _UNIT_CODE.get(u, "X")
    if u == "quarter":
        code, factor = "Q", 1
    factor = _UNIT_FACTOR.get(u, 1)
    qty = "X" if n is None else f"{n * factor:g}"
    timex = f"PT{qty}{code}" if u in ("hour", "minute") else f"P{qty}{code}"
    ctx = " ".join((g.get("ctx") or "").lower().split()).removeprefix("the ")
    if mt.prep == "within" and ref is not None and n is not None and n == int(n) and ctx in ("", "next", "coming", "upcoming"):
        fwd = _stretch(ref, u, int(n), past=False)
        if fwd:  # "within 5 days": from the reference day on
            end = date.fromisoformat(fwd[1]) - timedelta(days=1)
            return Resolved(ref.isoformat(), u or None, type="duration", timex=timex, end=end.isoformat())
    if ref is not None and n is not None and ctx in ("past", "last", "previous", "next", "coming", "following"):
        span = _stretch(ref, u, int(n) if n == int(n) else n, ctx in ("past", "last", "previous"))
        if span:
            return Resolved(span[0], u or None, type="duration", timex=timex, end=span[1])
    # "in two weeks" said of the future is a date, not a stretch of time.
    if mt.prep == "in" and direction == "future" and ref is not None and n is not None and not g.get("ctx"):
        return _offset(ref, u, n)
    return Resolved(None, u or None, type="duration", timex=timex)


def _stretch(ref: date, u: str, n: float, past: bool) -> tuple[str, str] | None:
    """[start, end) ISO days of "the past/next N units" counted from the reference date."""
    if n != int(n):
        return None
    k = int(n)
    if u == "decade":
        base = ref.year // 10 * 10
        return (f"{base - 10 * k:04d}-01-01", f"{base:04d}-01-01") if past else (f"{base + 10:04d}-01-01", f"{base + 10 + 10 * k:04d}-01-01")
    if u in ("day", "week", "fortnight"):
        delta = timedelta(days=k * {"day": 1, "week": 7, "fortnight": 14}[u])
        return ((ref - delta).isoformat(), ref.isoformat()) if past else ((ref + timedelta(days=1)).isoformat(), (ref + timedelta(days=1) + delta).isoformat())
    months = {"month": 1, "quarter": 3, "year": 12}.get(u)
    if months is None:
        return None
    sign = -1 if past else 1
    y, m = _shift_month(ref.year, ref.month, sign * k * months)
    other = date(y, m, min(ref.day, calendar.monthrange(y, m)[1]))
    if past:
        return other.isoformat(), ref.isoformat()
    return (ref + timedelta(days=1)).isoformat(), (other + timedelta(days=1)).isoformat()


def _offset(ref: date, u: str, n: float) -> Resolved:
    k = int(n)
    if u in ("day", "week", "fortnight"):
        return _day(ref + timedelta(days=k * (1 if u == "day" else 7 * _UNIT_FACTOR.get(u, 1))))
    if u == "month":
        return _month(*_shift_month(ref.year, ref.month, k))
    if u == "quarter":
        y, m = _shift_month(ref.year, ref.month, 3 * k)
        return _quarter(y, (m - 1) // 3 + 1)
    if u in ("year", "decade", "century", "centurie"):
        y = ref.year + k * _UNIT_FACTOR.get(u, 1)
        return _year(y) if u == "year" else _decade(y // 10 * 10)
    return _unresolved(f"unit not resolved: {u}")


def _ago(g: dict[str, str | None], ref: date, text: str) -> Resolved:
    u = _unit(g.get("u"))
    n = _num(g.get("n"))
    d = " ".join((g.get("dir") or "").lower().split())
    if d in ("later", "earlier", "before", "after"):
        # "five years after the merger": TimeML marks the stretch of time; its anchor is elsewhere.
        dur = _duration(g, None, None, Match(0, 0, 0, 0, "duration", g))
        return replace(dur, note=f"relative to another time ({d}): not resolved to a date")
    if n is None:
        n_vague = (g.get("n") or "").lower()
        n = 3 if "few" in n_vague or "couple" in n_vague else None
        if n is None:
            return _unresolved(f"vague amount: {g.get('core')!r}", u or None)
    sign = -1 if d == "ago" else 1
    # Compound amounts ("1 month 21 days ago"): add every "<number> <unit>" part.
    parts = re.findall(r"(\d+(?:\.\d+)?|[a-z]+(?:[\s-]+[a-z]+)*?)[\s-]+(day|week|fortnight|month|year|decade)s?", (g.get("amount") or "").lower())
    if len(parts) > 1:
        y, m, days = ref.year, ref.month, 0
        for amount, unit in parts:
            v = _num(amount) or 0
            if unit in ("day", "week", "fortnight"):
                days += int(v) * {"day": 1, "week": 7, "fortnight": 14}[unit]
            elif unit == "month":
                y, m = _shift_month(y, m, sign * int(v))
            else:
                y += sign * int(v) * (10 if unit == "decade" else 1)
        base = date(y, m, min(ref.day, calendar.monthrange(y, m)[1]))
        return _day(base + timedelta(days=sign * days))
    if n != int(n):
        n_days = round(n * {"day": 1, "week": 7, "month": 30.4, "year": 365.25}.get(u, 1))
        return _day(ref + timedelta(days=sign * n_days)) if u in ("day", "week", "month", "year") else _unresolved("fraction")
    k = sign * int(n)
    if u in ("day", "week", "fortnight"):
        return _day(ref + timedelta(days=k * {"day": 1, "week": 7, "fortnight": 14}[u]))
    if u == "month":
        return _month(*_shift_month(ref.year, ref.month, k))
    if u == "year":
        return _year(ref.year + k)
    if u == "decade":
        return _year(ref.year + 10 * k)
    if u in ("hour", "minute"):
        return _day(ref)
    return _offset(ref, u, k)


def _holiday(g: dict[str, str | None], ref: date | None, direction: str | None) -> Resolved:
    name = " ".join((g.get("hol") or "").lower().split())
    spec = lexicon()["holidays"][name]
    y = int(g["year"]) if g.get("year") else None

    def on(year: int) -> date:
        parts = spec.split("-")
        m = int(parts[0])
        if len(parts) == 2:
            return date(year, m, int(parts[1]))
        wd = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"].index(parts[1])
        days = [date(year, m, d) for d in range(1, calendar.monthrange(year, m)[1] + 1) if date(year, m, d).weekday() == wd]
        return days[-1] if parts[2] == "L" else days[int(parts[2]) - 1]

    if y is not None:
        return _day(on(y))
    if ref is None:
        return _unresolved(NO_REF, "day")
    off = _rel_offset(g.get("r"))
    if off is not None:
        return _day(on(ref.year + off))
    this = on(ref.year)
    if direction == "future":
        return _day(this if this >= ref else on(ref.year + 1))
    return _day(this if this <= ref else on(ref.year - 1))


def _apply_mod(res: Resolved, mod: str | None) -> Resolved:
    if not mod:
        return res
    m = mod.lower()
    word = ("early" if m.startswith(("early", "beginning", "start", "the beginning", "the start", "at the beginning", "at the start"))
            else "mid" if m.startswith(("mid", "middle", "the middle"))
            else "late" if m.startswith(("late", "end", "the end", "close", "the close", "turn", "the turn", "at the end"))
            else "earlier" if m.startswith("earlier") else "later" if m.startswith("later") else m)
    return replace(res, mod=word)


def resolve_match(mt: Match, ref: date | None, direction: str | None = None, text: str = "") -> Resolved:
    """Resolve one :class:`~claimledger.nlp.timex_grammar.Match` against ``ref``; never raises."""
    relation = RELATION_OF_PREP.get(mt.prep or "", "at")
    if mt.kind == "range" and len(mt.parts) == 2:
        return _range(mt, ref, direction, text, relation)
    try:
        res = _resolve_core(mt, ref, direction, text)
    except (ValueError, KeyError, IndexError, OverflowError, StopIteration, TypeError) as exc:
        res = _unresolved(f"could not resolve {mt.groups.get('core')!r}: {type(exc).__name__}")
    res = _apply_mod(res, mt.mod)
    if mt.kind == "era" and relation == "since":
        pass
    return replace(res, relation=relation)


def _range(mt: Match, ref: date | None, direction: str | None, text: str, relation: str) -> Resolved:
    a, b = mt.parts
    rb = resolve_match(replace(b, prep=None), ref, direction, text)
    if a.kind == "duration":
        n = _num(a.groups.get("n"))
        u = _unit(a.groups.get("u"))
        if rb.value and len(rb.value) == 10 and n is not None and n == int(n):
            start = date.fromisoformat(rb.value)
            fwd = _stretch(start - timedelta(days=1), u, int(n), past=False)
            if fwd:
                return Resolved(rb.value, u or None, relation, "duration", _duration(a.groups, None, None, a).timex,
                                None, fwd[1])
        return rb
    ga = dict(a.groups)
    if not ga.get("year") and b.groups.get("year") and a.kind in ("date_mdy", "date_dmy", "month"):
        ga["year"] = b.groups["year"]  # "Feb 1st to March 2019": the year is said once
    ra = resolve_match(replace(a, prep=None, groups=ga), ref, direction, text)
    if ra.value and rb.value and rb.value < ra.value and len(rb.value) == len(ra.value) == 10 and not b.groups.get("year"):
        try:  # "Dec. 20 to Jan. 5": the end is in the next year
            rb = replace(rb, value=date.fromisoformat(rb.value).replace(year=int(ra.value[:4]) + 1).isoformat())
        except ValueError:
            pass
    note = ra.note or rb.note
    return Resolved(ra.value, ra.grain, relation, ra.type, ra.timex, ra.mod, rb.end or rb.value, note)


def normalise(text: str, ref: date | str | None, direction: str | None = None) -> Resolved:
    """Normalise the (longest) time expression in ``text`` against the reference date ``ref``.

    Args:
        text: a time expression with or without its preposition ("since November", "Jan. 5, 2024").
        ref: the publication date (``date`` or ISO text) or None.
        direction: ``"past"``/``"future"`` when the tense says which way an underspecified
            expression points; None for the news default (see the module docstring).
    """
    ref_d = parse_reference(ref)
    matches = scan(text)
    if not matches:
        return _unresolved(f"not a time expression: {text!r}")
    best = max(matches, key=lambda m: m.end - m.start)
    return resolve_match(best, ref_d, direction, text)


def interval(res: Resolved) -> tuple[date, date] | None:
    """The ``[start, end)`` dates a resolved date value covers (None for durations/unresolved)."""
    v = res.value
    if v and res.type == "duration" and res.end:
        try:
            return date.fromisoformat(v), date.fromisoformat(res.end)
        except ValueError:
            return None
    if not v or res.type not in ("date", "time"):
        return None
    try:
        if res.grain == "day" or res.grain == "time":
            s = date.fromisoformat(v[:10])
            e = s + timedelta(days=1)
        elif res.grain == "week":
            s = date.fromisoformat(v)
            e = s + timedelta(days=2 if (res.timex or "").endswith("WE") else 7)
        elif res.grain in ("month", "quarter", "half"):
            y, m = int(v[:4]), int(v[5:7])
            s = date(y, m, 1)
            ey, em = _shift_month(y, m, {"month": 1, "quarter": 3, "half": 6}[res.grain])
            e = date(ey, em, 1)
        elif res.grain in ("year", "decade", "century"):
            y = int(v[:4])
            s = date(y, 1, 1)
            e = date(y + {"year": 1, "decade": 10, "century": 100}[res.grain], 1, 1)
        else:
            return None
    except ValueError:
        return None
    if res.end:
        end = interval(Resolved(res.end, {4: "year", 7: "month", 10: "day"}.get(len(res.end), res.grain)))
        if end:
            e = end[1]
    return s, e
