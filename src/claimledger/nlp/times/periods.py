"""Periods named relative to the reference date: "the same period last year", "a second consecutive
day", "the last week of March", and a clock time joined to its day ("16:00 UTC today").

Internal to :mod:`claimledger.nlp.times.timex`.  :data:`RESOLVERS` as in :mod:`.calendar`:

* "the same period/quarter/month last year", "... a year ago/earlier" -> the year before the
  reference (TimeML annotates the whole phrase as one DATE; which part of that year is meant is in
  the text before it, so only the year is claimed);
* "for a second consecutive day", "the third straight week" -> the day/week/month/quarter/year that
  contains the reference date (the run of days ends on it);
* "the first/last week of March" -> the ISO week of that month's first or last seven days.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from claimledger.nlp.times.grammar import Match
from claimledger.nlp.times.patterns import lexicon
from claimledger.nlp.times.values import (
    NO_REF,
    Resolved,
    Resolver,
    day_value,
    month_value,
    pick_year,
    quarter_value,
    unresolved,
    week_value,
    year_value,
)

__all__ = ["RESOLVERS"]


def _same_period(mt: Match, ref: date | None, direction: str | None, text: str) -> Resolved:
    if ref is None:
        return unresolved(NO_REF, "year")
    res = year_value(ref.year - 1)
    return Resolved(res.value, res.grain, timex=res.timex, note="the same period of the year before: only the year")


def _ordinal_unit(mt: Match, ref: date | None, direction: str | None, text: str) -> Resolved:
    u = (mt.groups.get("u") or "").lower()
    if ref is None:
        return unresolved(NO_REF, u or None)
    if u == "day":
        return day_value(ref)
    if u == "week":
        return week_value(ref)
    if u == "month":
        return month_value(ref.year, ref.month)
    if u == "quarter":
        return quarter_value(ref.year, (ref.month - 1) // 3 + 1)
    return year_value(ref.year)


_WEEK_START = {"first": 1, "second": 8, "third": 15, "fourth": 22}


def _week_of(mt: Match, ref: date | None, direction: str | None, text: str) -> Resolved:
    g = mt.groups
    month = int(lexicon()["months"][(g.get("mon") or "").lower()])
    if g.get("year"):
        y = int(g["year"] or 0)
    elif ref is not None:
        y = pick_year(month, None, ref, direction, nearest=False)
    else:
        return unresolved(NO_REF, "week")
    which = (g.get("wo") or "").lower()
    first = _WEEK_START.get(which)
    day = date(y, month, first) if first else date(y, month, calendar.monthrange(y, month)[1]) - timedelta(days=6)
    return week_value(day)


RESOLVERS: dict[str, Resolver] = {
    "same_period": _same_period,
    "ordinal_unit": _ordinal_unit,
    "week_of": _week_of,
}
