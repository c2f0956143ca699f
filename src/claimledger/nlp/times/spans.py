"""Stretches of time and unanchored expressions: durations, "N units ago", eras, events, sets, vague references.

Internal to :mod:`claimledger.nlp.times.timex`.  "three weeks" is a duration (``value=None``, TIMEX3
``P3W``) unless it is anchored to the reference date ("the past two weeks", "within 5 days") or said
of the future ("in two weeks" -> a date).  "two years ago" is a date counted back from the reference.
Eras ("World War II") come from ``resources/times/lexicon.json``: "since" an era is its end, "during"
it its start with ``end``.  Events ("before the election") and vague references ("recently") stay
unresolved with a note.  :data:`RESOLVERS` / :data:`RELATIVE_RESOLVERS` as in
:mod:`claimledger.nlp.times.calendar`.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import replace
from datetime import date, timedelta

from claimledger.nlp.times.grammar import Match
from claimledger.nlp.times.patterns import lexicon
from claimledger.nlp.times.values import (
    RelativeResolver,
    Resolved,
    Resolver,
    day_value,
    month_value,
    parse_number,
    quarter_value,
    shift_month,
    singular_unit,
    unresolved,
    year_value,
)

__all__ = ["RELATIVE_RESOLVERS", "RESOLVERS", "UNIT_COMPOUND", "duration", "stretch"]

_UNIT_CODE = {
    "day": "D",
    "week": "W",
    "fortnight": "W",
    "month": "M",
    "year": "Y",
    "decade": "Y",
    "quarter": "Q",
    "hour": "H",
    "minute": "M",
    "century": "Y",
    "centurie": "Y",
}
_UNIT_FACTOR = {"fortnight": 2, "decade": 10, "century": 100, "centurie": 100}
_DAYS_OF = {"day": 1, "week": 7, "fortnight": 14}
_PAST_CTX = ("past", "last", "previous")
# "within five days", "the past three weeks": end-points of stretches anchored to the reference date.
_ANCHORED_CTX = (*_PAST_CTX, "next", "coming", "following")
_WITHIN_CTX = ("", "next", "coming", "upcoming")
UNIT_COMPOUND = re.compile(r"(\d+(?:\.\d+)?|[a-z]+(?:[\s-]+[a-z]+)*?)[\s-]+(day|week|fortnight|month|year|decade)s?")


def duration(g: dict[str, str | None], ref: date | None, direction: str | None, mt: Match) -> Resolved:
    """A duration's TIMEX3 (``P3W``); its [start, end) when anchored to ``ref``; a date for "in N units" ahead."""
    u = singular_unit(g.get("u"))
    n = parse_number(g.get("n")) if g.get("n") else None
    code = _UNIT_CODE.get(u, "X")
    factor = _UNIT_FACTOR.get(u, 1)
    qty = "X" if n is None else f"{n * factor:g}"
    timex = f"PT{qty}{code}" if u in ("hour", "minute") else f"P{qty}{code}"
    ctx = " ".join((g.get("ctx") or "").lower().split()).removeprefix("the ")
    if mt.prep == "within" and ref is not None and n is not None and n == int(n) and ctx in _WITHIN_CTX:
        fwd = stretch(ref, u, int(n), past=False)
        if fwd:  # "within 5 days": from the reference day on
            end = date.fromisoformat(fwd[1]) - timedelta(days=1)
            return Resolved(ref.isoformat(), u or None, type="duration", timex=timex, end=end.isoformat())
    if ref is not None and n is not None and ctx in _ANCHORED_CTX:
        span = stretch(ref, u, int(n) if n == int(n) else n, ctx in _PAST_CTX)
        if span:
            return Resolved(span[0], u or None, type="duration", timex=timex, end=span[1])
    # "in two weeks" said of the future is a date, not a stretch of time.
    if mt.prep == "in" and direction == "future" and ref is not None and n is not None and not g.get("ctx"):
        return _offset(ref, u, n)
    return Resolved(None, u or None, type="duration", timex=timex)


def stretch(ref: date, u: str, n: float, past: bool) -> tuple[str, str] | None:
    """[start, end) ISO days of "the past/next N units" counted from the reference date."""
    if n != int(n):
        return None
    k = int(n)
    if u == "decade":
        base = ref.year // 10 * 10
        if past:
            return f"{base - 10 * k:04d}-01-01", f"{base:04d}-01-01"
        return f"{base + 10:04d}-01-01", f"{base + 10 + 10 * k:04d}-01-01"
    if u in _DAYS_OF:
        delta = timedelta(days=k * _DAYS_OF[u])
        if past:
            return (ref - delta).isoformat(), ref.isoformat()
        return (ref + timedelta(days=1)).isoformat(), (ref + timedelta(days=1) + delta).isoformat()
    months = {"month": 1, "quarter": 3, "year": 12}.get(u)
    if months is None:
        return None
    sign = -1 if past else 1
    y, m = shift_month(ref.year, ref.month, sign * k * months)
    other = date(y, m, min(ref.day, calendar.monthrange(y, m)[1]))
    if past:
        return other.isoformat(), ref.isoformat()
    return (ref + timedelta(days=1)).isoformat(), (other + timedelta(days=1)).isoformat()


def _offset(ref: date, u: str, n: float) -> Resolved:
    """The period ``n`` units after ``ref``, at the grain of the unit."""
    k = int(n)
    if u in _DAYS_OF:
        return day_value(ref + timedelta(days=k * (1 if u == "day" else 7 * _UNIT_FACTOR.get(u, 1))))
    if u == "month":
        return month_value(*shift_month(ref.year, ref.month, k))
    if u == "quarter":
        y, m = shift_month(ref.year, ref.month, 3 * k)
        return quarter_value(y, (m - 1) // 3 + 1)
    if u in ("year", "decade", "century", "centurie"):
        # "in a decade" is the year ten years on, not the decade it falls in
        return year_value(ref.year + k * _UNIT_FACTOR.get(u, 1))
    return unresolved(f"unit not resolved: {u}")


def _ago(mt: Match, ref: date, direction: str | None, text: str) -> Resolved:
    """ "two years ago", "1 month 21 days ago", "in three days from now"; "five years after" stays a duration."""
    g = mt.groups
    u = singular_unit(g.get("u"))
    n = parse_number(g.get("n"))
    d = " ".join((g.get("dir") or "").lower().split())
    if d in ("later", "earlier", "before", "after"):
        # "five years after the merger": TimeML marks the stretch of time; its anchor is elsewhere.
        dur = duration(g, None, None, Match(0, 0, 0, 0, "duration", g))
        return replace(dur, note=f"relative to another time ({d}): not resolved to a date")
    if n is None:
        n_vague = (g.get("n") or "").lower()
        n = 3 if "few" in n_vague or "couple" in n_vague else None
        if n is None:
            return unresolved(f"vague amount: {g.get('core')!r}", u or None)
    sign = -1 if d == "ago" else 1
    # Compound amounts ("1 month 21 days ago"): add every "<number> <unit>" part.
    parts = UNIT_COMPOUND.findall((g.get("amount") or "").lower())
    if len(parts) > 1:
        y, m, days = ref.year, ref.month, 0
        for amount, unit in parts:
            v = parse_number(amount) or 0
            if unit in _DAYS_OF:
                days += int(v) * _DAYS_OF[unit]
            elif unit == "month":
                y, m = shift_month(y, m, sign * int(v))
            else:
                y += sign * int(v) * (10 if unit == "decade" else 1)
        base = date(y, m, min(ref.day, calendar.monthrange(y, m)[1]))
        return day_value(base + timedelta(days=sign * days))
    if n != int(n):
        if u not in ("day", "week", "month", "year"):
            return unresolved("fraction")
        n_days = round(n * {"day": 1, "week": 7, "month": 30.4, "year": 365.25}[u])
        return day_value(ref + timedelta(days=sign * n_days))
    k = sign * int(n)
    if u in _DAYS_OF:
        return day_value(ref + timedelta(days=k * _DAYS_OF[u]))
    if u == "month":
        return month_value(*shift_month(ref.year, ref.month, k))
    if u == "year":
        return year_value(ref.year + k)
    if u == "decade":
        return year_value(ref.year + 10 * k)
    if u in ("hour", "minute"):
        return day_value(ref)
    return _offset(ref, u, k)


def _duration_kind(mt: Match, ref: date | None, direction: str | None, text: str) -> Resolved:
    return duration(mt.groups, ref, direction, mt)


def _era(mt: Match, ref: date | None, direction: str | None, text: str) -> Resolved:
    """ "during World War II" -> its start with ``end``; "since World War II" -> its end."""
    g, raw = mt.groups, mt.groups.get("core") or ""
    eras = lexicon()["eras"]
    name = " ".join((g["era"] or "").lower().split())
    start, end = eras.get(name) or eras.get("the " + name)
    grain = {4: "year", 7: "month", 10: "day"}[len(start)]
    if mt.prep in ("since", "after", "following", "ever since"):
        g2 = {4: "year", 7: "month", 10: "day"}[len(end)]
        return Resolved(end, g2, timex=end, note=f"since the end of {raw} ({start}/{end})")
    return Resolved(start, grain, timex=start, end=end if end != start else None)


def _event(mt: Match, ref: date | None, direction: str | None, text: str) -> Resolved:
    return unresolved(f"relative to an event ({mt.groups.get('core') or ''}): not resolved")


_SET_WORDS = {
    "daily": "day",
    "weekly": "week",
    "monthly": "month",
    "annual": "year",
    "annually": "year",
    "yearly": "year",
    "quarterly": "quarter",
    "biannual": "half",
}
_SET_TIMEX = {"day": "P1D", "week": "P1W", "month": "P1M", "year": "P1Y", "quarter": "P3M", "half": "P6M"}


def _set(mt: Match, ref: date | None, direction: str | None, text: str) -> Resolved:
    """ "every week", "annually": a TIMEX3 set (``P1W``), no value."""
    s = (mt.groups.get("set") or "").lower()
    unit = next((u for u in ("day", "week", "month", "year") if u in s), None)
    unit = unit or _SET_WORDS.get(s, "year")
    return Resolved(None, unit, type="set", timex=_SET_TIMEX[unit])


def _vague(mt: Match, ref: date | None, direction: str | None, text: str) -> Resolved:
    v = " ".join((mt.groups.get("core") or "").lower().split())
    if "future" in v or v.endswith(" term"):
        tx = "FUTURE_REF"
    elif v.endswith("recently") or v in ("the past", "lately", "in recent times", "recent"):
        tx = "PAST_REF"
    else:
        tx = "PRESENT_REF"
    return Resolved(None, None, type="vague", timex=tx, note="vague reference: not resolved to a date")


RESOLVERS: dict[str, Resolver] = {
    "duration": _duration_kind,
    "duration_vague": _duration_kind,
    "duration_bare": _duration_kind,
    "era": _era,
    "event": _event,
    "set": _set,
    "vague": _vague,
}
RELATIVE_RESOLVERS: dict[str, RelativeResolver] = {"ago": _ago}
