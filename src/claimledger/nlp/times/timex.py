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
* Expressions that refer back ("the same day", "the following week", "two days later") are
  counted from the most recent fitting time resolved earlier in the text (``anchors``), else from
  the reference date with a note (``timex_anaphora``).
* Without a reference date relative expressions keep ``value=None`` with ``note="no publication
  date"``; absolute ones still resolve.  Impossible dates ("31 February") give ``value=None`` and a
  note; nothing here raises on text.

Modules: :mod:`.grammar` recognises (:class:`Match`), this one dispatches on the kind of match and
handles ranges and modifiers; :mod:`.calendar` resolves days, weekdays, months, quarters, seasons,
years, decades, centuries, holidays and clock times; :mod:`.spans` durations, "N units ago", eras,
events, sets and vague references; :mod:`.anaphora` times that refer back to an earlier one;
:mod:`.values` holds :class:`Resolved` and the helpers the others share.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

from claimledger.nlp.times import calendar as timex_calendar
from claimledger.nlp.times import periods as timex_periods
from claimledger.nlp.times import spans as timex_spans
from claimledger.nlp.times.anaphora import resolve_anaphor, resolve_shift
from claimledger.nlp.times.grammar import Match, scan
from claimledger.nlp.times.patterns import RELATION_OF_PREP
from claimledger.nlp.times.spans import duration, stretch
from claimledger.nlp.times.values import (
    NO_REF,
    Resolved,
    parse_number,
    parse_reference,
    shift_month,
    singular_unit,
    unresolved,
)

__all__ = ["NO_REF", "Resolved", "interval", "normalise", "parse_reference", "resolve_match"]

# Kinds that resolve with or without a reference date (absolute dates, durations, eras ...).
_RESOLVERS = {**timex_calendar.RESOLVERS, **timex_spans.RESOLVERS, **timex_periods.RESOLVERS}
# Kinds that need one ("yesterday", "on Friday", "last week", "two years ago").
_RELATIVE_RESOLVERS = {**timex_calendar.RELATIVE_RESOLVERS, **timex_spans.RELATIVE_RESOLVERS}
_GRAIN_OF_KIND = {"dayword": "day", "weekday": "day", "week_wd": "day", "weekend": "week"}


def _resolve_core(
    mt: Match, ref: date | None, direction: str | None, text: str, anchors: Sequence[Resolved]
) -> Resolved:
    """Dispatch on the kind of match; a relative kind without ``ref`` gets ``NO_REF``."""
    if mt.kind == "anaphor":
        return resolve_anaphor(mt, ref, anchors)
    if mt.kind == "the_unit" and (mt.groups.get("u") or "").lower() == "day":
        # "ended the day up", "for the day", "later in the day": the day the text is about
        return resolve_anaphor(replace(mt, groups={**mt.groups, "aw": "the same", "au": "day"}), ref, anchors)
    if mt.kind == "ago" and anchors:
        shifted = resolve_shift(mt, anchors, text)
        if shifted is not None:
            return shifted
    resolver = _RESOLVERS.get(mt.kind)
    if resolver is not None:
        return resolver(mt, ref, direction, text)
    u = mt.groups.get("u")
    if ref is None:
        if mt.kind in ("ago", "after_next"):
            grain = singular_unit(u) or None  # "the weekend after next" keeps its unit
        else:
            unit = "week" if (u or "").lower() == "weekend" else singular_unit(u) or None
            grain = _GRAIN_OF_KIND.get(mt.kind) or unit
        return unresolved(NO_REF, grain)
    relative = _RELATIVE_RESOLVERS.get(mt.kind)
    if relative is not None:
        return relative(mt, ref, direction, text)
    return unresolved(f"not understood: {mt.groups.get('core') or ''!r}")


_EARLY = ("early", "beginning", "start", "the beginning", "the start", "at the beginning", "at the start")
_MID = ("mid", "middle", "the middle")
_LATE = ("late", "end", "the end", "close", "the close", "turn", "the turn", "at the end")


def _apply_mod(res: Resolved, mod: str | None) -> Resolved:
    """The TIMEX3 ``mod`` of a modifier: "the start of" -> early, "mid-" -> mid, "the end of" -> late."""
    if not mod:
        return res
    m = mod.lower()
    # "later" before "late": "later this year" is the TIMEX3 mod "later", not "late".
    word = (
        "earlier"
        if m.startswith("earlier")
        else "later"
        if m.startswith("later")
        else "early"
        if m.startswith(_EARLY)
        else "mid"
        if m.startswith(_MID)
        else "late"
        if m.startswith(_LATE)
        else m
    )
    return replace(res, mod=word)


def resolve_match(
    mt: Match, ref: date | None, direction: str | None = None, text: str = "", anchors: Sequence[Resolved] = ()
) -> Resolved:
    """Resolve one :class:`~claimledger.nlp.times.grammar.Match` against ``ref``; never raises.

    ``anchors``: the times resolved earlier in the same text, in text order, for expressions that
    refer back to one ("the same day", "the following week", "two days later").
    """
    relation = RELATION_OF_PREP.get(mt.prep or "", "at")
    if mt.kind == "range" and len(mt.parts) == 2:
        return _range(mt, ref, direction, text, relation, anchors)
    if mt.kind == "clock_day" and len(mt.parts) == 2:
        return _clock_day(mt, ref, direction, text, relation, anchors)
    try:
        res = _resolve_core(mt, ref, direction, text, anchors)
    except (ValueError, KeyError, IndexError, OverflowError, StopIteration, TypeError) as exc:
        res = unresolved(f"could not resolve {mt.groups.get('core')!r}: {type(exc).__name__}")
    res = _apply_mod(res, mt.mod)
    return replace(res, relation=relation)


def _range(
    mt: Match, ref: date | None, direction: str | None, text: str, relation: str, anchors: Sequence[Resolved]
) -> Resolved:
    """ "from 2014 to 2018", "Dec. 20 to Jan. 5", "three days from March 5": the start with ``end``."""
    a, b = mt.parts
    rb = resolve_match(replace(b, prep=None), ref, direction, text, anchors)
    if a.kind == "duration":
        n = parse_number(a.groups.get("n"))
        u = singular_unit(a.groups.get("u"))
        if rb.value and len(rb.value) == 10 and n is not None and n == int(n):
            start = date.fromisoformat(rb.value)
            fwd = stretch(start - timedelta(days=1), u, int(n), past=False)
            if fwd:
                return Resolved(
                    rb.value, u or None, relation, "duration", duration(a.groups, None, None, a).timex, None, fwd[1]
                )
        return rb
    ga = dict(a.groups)
    if not ga.get("year") and b.groups.get("year") and a.kind in ("date_mdy", "date_dmy", "month"):
        ga["year"] = b.groups["year"]  # "Feb 1st to March 2019": the year is said once
    ra = resolve_match(replace(a, prep=None, groups=ga), ref, direction, text, anchors)
    if (
        ra.value
        and rb.value
        and rb.value < ra.value
        and len(rb.value) == len(ra.value) == 10
        and not b.groups.get("year")
    ):
        try:  # "Dec. 20 to Jan. 5": the end is in the next year
            rb = replace(rb, value=date.fromisoformat(rb.value).replace(year=int(ra.value[:4]) + 1).isoformat())
        except ValueError:
            pass
    note = ra.note or rb.note
    return Resolved(ra.value, ra.grain, relation, ra.type, ra.timex, ra.mod, rb.end or rb.value, note)


def _clock_day(
    mt: Match, ref: date | None, direction: str | None, text: str, relation: str, anchors: Sequence[Resolved]
) -> Resolved:
    """ "16:00 UTC today", "8 p.m. Friday": the clock time on the day the second part names."""
    clock, day = mt.parts
    rd = resolve_match(replace(day, prep=None), ref, direction, text, anchors)
    on = parse_reference(rd.value) if rd.value and len(rd.value) == 10 else None
    rc = resolve_match(replace(clock, prep=None), on or ref, direction, text, anchors)
    return replace(rc, relation=relation, note=rc.note if on else rd.note or rc.note)


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
        return unresolved(f"not a time expression: {text!r}")
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
            ey, em = shift_month(y, m, {"month": 1, "quarter": 3, "half": 6}[res.grain])
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
