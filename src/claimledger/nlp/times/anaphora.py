"""Times that refer back to an earlier time of the text: "the same day", "that week", "the next day".

Internal to :mod:`claimledger.nlp.times.timex`.  ``anchors`` are the times resolved earlier in the same
text, in text order; the most recent one at least as fine as the unit of the expression is the
anchor ("that day" needs a day, "that year" takes a day, month or year and keeps its year):

* "the same day", "that week", "that night" -> the anchor's day/week/month/year (night -> timex ``TNI``);
* "the next/following day", "the following week", "the day after" -> one unit after the anchor;
  "the previous/preceding ...", "the day before" -> one unit before; "the following Monday" -> the
  first Monday after the anchor day;
* "two days later", "a year earlier" -> the anchor moved by that amount (a date, no longer a
  duration); without a fine enough anchor they stay durations as before.

"the next week/month/year" stays relative to the publication date (news uses it for the coming
week); "the following/previous week" is read as anaphoric.  When the text has no fine enough earlier
time, an anaphor is counted from the publication date and says so in ``note`` (the TimeML practice of
anchoring to the document creation time); without either it stays unresolved.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from claimledger.nlp.times.calendar import with_part_of_day
from claimledger.nlp.times.grammar import Match
from claimledger.nlp.times.patterns import lexicon
from claimledger.nlp.times.spans import UNIT_COMPOUND
from claimledger.nlp.times.values import (
    NO_REF,
    Resolved,
    day_value,
    month_value,
    parse_number,
    shift_month,
    singular_unit,
    unresolved,
    week_value,
    weekend_value,
    year_value,
)

__all__ = ["resolve_anaphor", "resolve_shift"]

# How fine a grain is: an anchor can serve an expression whose unit is as fine or coarser.
_FINENESS = {"time": 0, "day": 0, "week": 1, "month": 2, "quarter": 3, "half": 3, "season": 3, "year": 4}
_UNIT_FINENESS = {"day": 0, "weekday": 0, "week": 1, "weekend": 1, "month": 2, "year": 4}
_PARTS = ("night", "morning", "afternoon", "evening")
_OFFSET = {"next": 1, "following": 1, "after": 1, "previous": -1, "preceding": -1, "prior": -1, "before": -1}


def _anchor(anchors: Sequence[Resolved], fineness: int) -> Resolved | None:
    """The most recent date or time at least as fine as ``fineness``."""
    for res in reversed(anchors):
        if res.value and res.type in ("date", "time") and _FINENESS.get(res.grain or "", 9) <= fineness:
            return res
    return None


def _start(res: Resolved) -> date:
    """The first day an anchor names; for a range of the same grain ("March 3-5") its last part."""
    v = res.value or ""
    if res.end and len(res.end) == len(v):
        v = res.end
    if len(v) >= 10:
        return date.fromisoformat(v[:10])
    if len(v) == 7:
        return date(int(v[:4]), int(v[5:7]), 1)
    return date(int(v[:4]), 1, 1)


def _base(anchors: Sequence[Resolved], fineness: int, ref: date | None, unit: str) -> tuple[date, str] | None:
    """The day to count from and the note that says where it came from (None: no anchor, no reference)."""
    anchor = _anchor(anchors, fineness)
    if anchor is not None:
        return _start(anchor), f"refers back to an earlier time of the text ({anchor.value})"
    if ref is not None:
        return ref, f"refers back to an earlier {unit}, none in the text: counted from the publication date"
    return None


def resolve_anaphor(mt: Match, ref: date | None, anchors: Sequence[Resolved]) -> Resolved:
    """Resolve an ``anaphor`` match ("the same day", "the following week") against the earlier times."""
    g = mt.groups
    word = " ".join((g.get("aw") or g.get("ar") or g.get("ar2") or g.get("ar3") or g.get("ad") or "").lower().split())
    offset = _OFFSET.get(word.removeprefix("the "), 0)
    unit_word = (g.get("au") or g.get("au2") or g.get("au3") or g.get("au4") or "").lower()
    unit = "weekday" if g.get("wd") else ("day" if unit_word in _PARTS else unit_word)
    grain = "day" if unit == "weekday" else ("week" if unit == "weekend" else unit)
    base = _base(anchors, _UNIT_FINENESS[unit], ref, grain)
    if base is None:
        return unresolved(NO_REF, grain)
    day, note = base
    if unit == "day":
        res = with_part_of_day(day_value(day + timedelta(days=offset)), unit_word if unit_word in _PARTS else None)
    elif unit == "weekday":
        wd = lexicon()["weekdays"][(g.get("wd") or "").lower()]
        step = -1 if offset < 0 else 1
        cand = day + timedelta(days=step)
        while cand.weekday() != wd:
            cand += timedelta(days=step)
        res = day_value(cand)
    elif unit == "week":
        res = week_value(day + timedelta(weeks=offset))
    elif unit == "weekend":
        res = weekend_value(day - timedelta(days=day.weekday()) + timedelta(days=5, weeks=offset))
    elif unit == "month":
        res = month_value(*shift_month(day.year, day.month, offset))
    else:
        res = year_value(day.year + offset)
    return Resolved(res.value, res.grain, type=res.type, timex=res.timex, note=note)


_SHIFT_UNITS = {"day": 1, "week": 7, "fortnight": 14}


def resolve_shift(mt: Match, anchors: Sequence[Resolved], text: str = "") -> Resolved | None:
    """ "two days later", "a year earlier": the anchor moved by the amount; None when the amount is vague,
    compound or in other units, the phrase compares ("three days later than planned"), or no earlier
    time is fine enough (the caller keeps the duration)."""
    g = mt.groups
    direction = " ".join((g.get("dir") or "").lower().split())
    if direction not in ("later", "earlier") or re.match(r"\s+than\b", text[mt.end :], re.IGNORECASE):
        return None
    n = parse_number(g.get("n"))
    unit = singular_unit(g.get("u"))
    if n is None or n != int(n) or len(UNIT_COMPOUND.findall((g.get("amount") or "").lower())) > 1:
        return None
    k = int(n) if direction == "later" else -int(n)
    if unit in _SHIFT_UNITS:
        anchor = _anchor(anchors, 1)
        if anchor is None:
            return None
        moved = _start(anchor) + timedelta(days=k * _SHIFT_UNITS[unit])
        res = week_value(moved) if anchor.grain == "week" else day_value(moved)
    elif unit == "month":
        anchor = _anchor(anchors, 2)
        if anchor is None:
            return None
        res = month_value(*shift_month(_start(anchor).year, _start(anchor).month, k))
    elif unit == "year":
        anchor = _anchor(anchors, 4)
        if anchor is None:
            return None
        res = year_value(_start(anchor).year + k)
    else:
        return None
    return Resolved(
        res.value,
        res.grain,
        type=res.type,
        timex=res.timex,
        note=f"counted from an earlier time of the text ({anchor.value})",
    )
