"""The patterns of the time grammar: the lexicon, one regular expression per kind, and its trigger words.

:func:`patterns` compiles one regex per kind of expression, each wrapped as ``PREP? MOD? CORE``
(see :mod:`claimledger.nlp.times.grammar`, which runs them); :func:`triggers` lists, per kind, the
words near which its regex is worth running.  Word lists live in ``resources/times/lexicon.json``
and are read on first use, never at import.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

__all__ = ["LOCATIVE_PREPS", "RANGE_PREPS", "RELATION_OF_PREP", "lexicon", "patterns", "triggers"]

# Prepositions that govern a time expression, longest first.  Their relation:
RELATION_OF_PREP: dict[str, str] = {
    "since": "since",
    "from": "since",
    "starting": "since",
    "beginning": "since",
    "as of": "since",
    "starting in": "since",
    "starting on": "since",
    "starting from": "since",
    "ever since": "since",
    "until": "until",
    "till": "until",
    "til": "until",
    "through": "until",
    "up to": "until",
    "up until": "until",
    "by": "until",
    "no later than": "until",
    "before": "before",
    "prior to": "before",
    "ahead of": "before",
    "earlier than": "before",
    "after": "after",
    "following": "after",
    "later than": "after",
    "in the wake of": "after",
}
RANGE_PREPS = ("from", "between")
LOCATIVE_PREPS = ("on", "in", "at", "during", "over", "within", "for", "around", "throughout", "circa")

_UNITS = r"(?:day|week|fortnight|month|year|decade|quarter|hour|minute|centur(?:y|ie))s?"


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    """The word lists of ``resources/times/lexicon.json`` (read once)."""
    path = resources.files("claimledger.nlp").joinpath("resources/times/lexicon.json")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _alt(words: object) -> str:
    """A regex alternation of words (longest first, spaces as ``\\s+``)."""
    items = sorted({str(w) for w in words}, key=len, reverse=True)  # type: ignore[attr-defined]
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items) + ")"


@dataclass(frozen=True)
class _Blocks:
    """The sub-expressions the patterns share (named groups included), built from the lexicon."""

    lx: dict[str, Any]
    mon: str
    mon_full: str
    wd_any: str
    wd_full: str
    ordw: str
    day: str
    year: str
    year_mod: str
    numw: str
    num: str
    approx: str
    rel: str
    ryear: str
    season: str


def _blocks() -> _Blocks:
    lx = lexicon()
    full_months = [m for m in lx["months"] if len(m) > 4 or m in ("may", "june", "july")]
    mon = rf"(?P<mon>{_alt(lx['months'])})\.?"
    mon_full = rf"(?P<mon>{_alt(full_months)})"
    wd_any = rf"(?P<wd>{_alt(lx['weekdays'])})\.?"
    wd_full = rf"(?P<wd>{_alt([w for w in lx['weekdays'] if len(w) > 5])})"
    ordw = _alt(lx["ordinals"]).replace("\\-", "[\\s-]")
    day = rf"(?:(?P<day>[0-3]?\d)(?:st|nd|rd|th)?|(?P<dayw>{ordw}))"
    year = r"(?P<year>(?:1[0-9]|20)\d\d)"
    year_mod = r"(?P<year>(?:1[89]|20)\d\d)"
    numw = _alt([w for w in lx["numbers"] if w not in ("a", "an")])
    num = (
        rf"(?P<n>\d+(?:\.\d+)?|{numw}(?:[\s-]+{numw})*(?:\s+and\s+a\s+half)?|a\s+few|a\s+couple\s+of|"
        rf"a\s+couple|couple\s+of|few|several|many|some|a|an|a\s+dozen|dozens\s+of)"
    )
    approx = (
        r"(?P<approx>more\s+than\s+|less\s+than\s+|nearly\s+|almost\s+|about\s+|around\s+|over\s+"
        r"|at\s+least\s+|roughly\s+|some\s+|just\s+|only\s+)?"
    )
    rel = (
        r"(?P<r>last|next|this|past|coming|upcoming|previous|current|following"
        r"|the\s+last|the\s+next|the\s+past|the\s+coming|the\s+previous|the\s+following|the\s+current)"
    )
    ryear = r"(?:(?:of\s+)?(?:the\s+)?(?P<ry>this|last|next|the\s+same|that|the\s+previous|the\s+following)\s+year)"
    season = rf"(?P<season>{_alt(lx['seasons'])})"
    return _Blocks(lx, mon, mon_full, wd_any, wd_full, ordw, day, year, year_mod, numw, num, approx, rel, ryear, season)


def _date_patterns(b: _Blocks) -> list[tuple[str, str]]:
    """Calendar dates: numeric and written dates, day ranges, month and year names."""
    mon, mon_full, wd_any, day, year, rel, ryear = b.mon, b.mon_full, b.wd_any, b.day, b.year, b.rel, b.ryear
    return [
        ("date_ymd", r"(?P<y>(?:1[0-9]|20)\d\d)(?P<s>[-/.])(?P<m>[01]?\d)(?P=s)(?P<d>[0-3]?\d)(?!\d)"),
        (
            "date_numeric",
            r"(?P<a>[01]?\d|[23]\d)(?P<s>[/.-])(?P<b>[0-3]?\d)(?P=s)(?P<c>(?:1[0-9]|20)\d\d|\d\d)"
            r"(?![\d/.-]\d)",
        ),
        (
            "date_mdy",
            rf"(?:{wd_any},?\s+)?{mon}\s*(?:the\s+)?{day}(?:\s*[-\u2013]\s*(?P<day2>[0-3]?\d)"
            rf"(?:st|nd|rd|th)?)?(?:(?:\s*,\s*|\s+){year})?",
        ),
        (
            "date_dmy",
            rf"(?:{wd_any},?\s+)?(?:the\s+)?{day}\.?(?:\s*[-\u2013]\s*(?P<day2>[0-3]?\d)"
            rf"(?:st|nd|rd|th)?)?\s+(?:of\s+)?{mon}(?:(?:\s*,\s*|\s+){year})?",
        ),
        ("date_wd_the", rf"{wd_any}\s+the\s+{day}"),
        ("month", rf"(?:{rel}\s+)?{mon_full}(?:(?:\s*,\s*|\s+)(?:of\s+)?{year}|\s+{ryear})?"),
        ("month_abbr_year", rf"{mon}(?:\s*,\s*|\s+)(?:of\s+)?{year}"),
        ("year_month", rf"{year}(?:\s*,\s*|\s+){mon}"),
        (
            "ym_numeric",
            r"(?P<year>(?:1[89]|20)\d\d)\s*(?P<s>[-/.])\s*(?P<mm>1[0-2]|0?[1-9])(?![\d/.-]*\d)|"
            r"(?<![\d/.-])(?P<mm2>1[0-2]|0?[1-9])\s*[-/]\s*(?P<year2>(?:1[89]|20)\d\d)",
        ),
        (
            "day_range",
            rf"(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:-|\u2013|to|until|till|through|and)\s*{day}"
            rf"\s+(?:of\s+|in\s+)?(?:{mon}(?:\s*,?\s*{year})?|{rel}\s+month)",
        ),
        (
            "day_range_c",
            rf"(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:-|\u2013|to|until|till|through)\s*{mon}\s*{day}"
            rf"(?:\s*,?\s*{year})?",
        ),
        ("day_range_b", rf"{mon}\s+between\s+(?P<d1b>[0-3]?\d)(?:st|nd|rd|th)?\s+and\s+{day}"),
        ("day_of_month", rf"(?:the\s+)?{day}\s+of\s+{rel}\s+month"),
    ]


def _period_patterns(b: _Blocks) -> list[tuple[str, str]]:
    """Quarters, halves, weekdays, day words, times that refer back, and units relative to now."""
    wd_full, year, rel, ryear = b.wd_full, b.year, b.rel, b.ryear
    return [
        ("quarter_yq", rf"{year}\s*(?:q(?P<qn>[1-4])|h(?P<hn>[12]))"),
        ("after_next", r"the\s+(?P<u>week|weekend|month|year)\s+after\s+(?:the\s+)?next"),
        ("year_range", rf"{year}\s*[-\u2013]\s*(?P<year2>(?:1[0-9]|20)\d\d|\d\d)(?![\d-])"),
        (
            "quarter",
            rf"(?:the\s+)?(?P<qo>first|second|third|fourth|1st|2nd|3rd|4th"
            rf"|last|final|previous|current|latest|same)[\s-]+(?:fiscal\s+|financial\s+)?quarter(?:\s+(?:of\s+)?(?:{year}|{ryear}))?",
        ),
        ("quarter_q", rf"(?:(?P<qfy>fy|fiscal)\s*)?q(?P<qn>[1-4])(?:(?:\s*,\s*|\s+){year}|\s+{ryear})?"),
        ("half", rf"(?:the\s+)?(?P<h>first|second|latter)\s+half\s+of\s+(?:{year}|{ryear}|the\s+year)"),
        (
            "weekday",
            rf"(?:(?P<r>last|next|this|past|coming)\s+)?{wd_full}"
            rf"(?:\s+(?P<part>morning|afternoon|evening|night))?(?:\s+(?P<wk>next|last|this)\s+week|\s+of\s+(?P<wk2>next|last|this)\s+week)?",
        ),
        ("week_wd", rf"(?P<wk>next|last|this)\s+week(?:\s+on)?\s+{wd_full}"),
        (
            "dayword",
            r"(?P<dw>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|yesterday|today|tonight"
            r"|tomorrow|last\s+night|this\s+(?:morning|afternoon|evening))"
            r"(?:\s+(?P<part>morning|afternoon|evening|night))?",
        ),
        # Times that refer back to an earlier time of the text ("the same day", "the following week");
        # before rel_unit so that "the following week" is read as anaphoric, "next week" stays deictic.
        (
            "anaphor",
            rf"(?P<aw>that\s+same|that\s+very|that|the\s+same|the\s+very\s+same)\s+"
            rf"(?P<au>day|night|morning|afternoon|evening|week|weekend|month|year)(?![\w-])"
            rf"|(?P<ar>the\s+(?:next|following|previous|preceding|prior))\s+"
            rf"(?P<au2>day|night|morning|afternoon|evening)(?![\w-])"
            rf"|(?P<ar2>the\s+(?:following|previous|preceding|prior))\s+(?P<au3>week|weekend|month|year)(?![\w-])"
            rf"|the\s+(?P<au4>day|night|week|month|year)\s+(?P<ad>before|after)(?=\s*(?:[,.;:!?)]|$))"
            rf"|(?P<ar3>the\s+(?:following|previous|preceding))\s+{wd_full}",
        ),
        ("rel_unit", rf"{rel}\s+(?P<u>week|weekend|month|year|decade|quarter|century)(?!\w)"),
        ("the_unit", r"the\s+(?P<u>day|week|month|year|weekend)(?!\w)"),
        # "the same period last year", "the same quarter a year earlier": one DATE in TimeML.
        (
            "same_period",
            r"the\s+same\s+(?P<sp>period|time|quarter|month|week|day)\s+(?:of\s+)?"
            r"(?:(?P<ry>last|the\s+last|the\s+previous|previous|the\s+prior)\s+year|a\s+year\s+(?P<ya>ago|earlier|before))",
        ),
        # "for a second consecutive day", "the third straight week": the unit the reference is in.
        (
            "ordinal_unit",
            r"(?:a|the)\s+(?P<ord>second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d{1,2}(?:st|nd|rd|th))"
            r"\s+(?:consecutive|straight|successive)\s+(?P<u>day|week|month|year|quarter)(?!\w)",
        ),
        ("week_of", rf"the\s+(?P<wo>first|second|third|fourth|last|final)\s+week\s+of\s+{b.mon_full}(?:\s+{year})?"),
        ("weekend", r"the\s+weekend"),
    ]


def _span_patterns(b: _Blocks) -> list[tuple[str, str]]:
    """Counted spans ("two weeks ago", "three days"), decades, centuries, seasons, holidays, eras, years,
    clock times, events."""
    ordw, year, year_mod, numw, num, approx, rel, ryear, season, lx = (
        b.ordw,
        b.year,
        b.year_mod,
        b.numw,
        b.num,
        b.approx,
        b.rel,
        b.ryear,
        b.season,
        b.lx,
    )
    return [
        (
            "ago",
            rf"{approx}(?P<amount>{num}[\s-]+(?P<u>{_UNITS})(?:\s*,?\s+(?:and\s+)?(?:\d+(?:\.\d+)?"
            rf"|{numw})[\s-]+{_UNITS})*)\s+(?P<dir>ago|earlier|later|from\s+now|from\s+today|hence|before|after)"
            rf"(?=\W|$)",
        ),
        (
            "decade",
            rf"(?:the\s+)?(?P<dc>(?:1[5-9]|20)\d0)'?s|the\s+'?(?P<dd>\d)0'?s|(?<![\w'])(?P<dd4>\d)0's"
            rf"|'(?P<dd3>\d)0s|(?<=\band\s)(?P<dd5>\d)0s|(?:the\s+)?(?P<dn>nineteen|twenty|two\s+thousand\s+and)?[\s-]*"
            rf"(?P<dw>{_alt(lx['decade_words'])}|tens)",
        ),
        (
            "century",
            rf"(?:the\s+)?(?:(?P<cn>\d{{1,2}})(?:st|nd|rd|th)|(?P<cw>{ordw}))[\s-]+century"
            rf"|(?P<cr>this|last|next|the\s+last|the\s+previous)\s+century",
        ),
        ("season", rf"(?:(?:{rel}|the)\s+)?{season}(?:(?:\s*,\s*|\s+)(?:of\s+)?{year_mod}|\s+{ryear})?"),
        ("holiday", rf"(?:(?P<r>last|next|this)\s+)?(?P<hol>{_alt(lx['holidays'])})(?:(?:\s*,\s*|\s+){year_mod})?"),
        ("era", rf"(?P<era>{_alt(lx['eras'])})"),
        (
            "year",
            rf"(?:the\s+year\s+)?{year}(?!\s*(?:%|percent|per\s+cent))|'(?P<yy>\d\d)(?![\w'])"
            rf"|(?P<fy>fy|fiscal\s+year\s+)\s*(?P<fyy>(?:1[89]|20)\d\d)",
        ),
        (
            "duration",
            rf"{rel.replace('(?P<r>', '(?P<ctx>')}?\s*{approx}{num}(?:\s+and\s+a\s+half)?[\s-]+"
            rf"(?:(?:straight|consecutive|successive|full|long|more|additional|further|trading|business|working)\s+)?"
            rf"(?P<u>{_UNITS})"
            rf"(?![\w-])(?![\s-]+old)",
        ),
        # "for years", "in minutes", "over the years": an unspecified amount of the unit (PXY).
        ("duration_bare", r"(?:the\s+)?(?P<u>years|decades|months|weeks|days|hours|minutes)(?![\w-])"),
        (
            "duration_vague",
            r"(?:(?P<ctx>the\s+past|the\s+last|the\s+next|the\s+coming|recent)"
            r"\s+(?:few\s+|several\s+|couple\s+of\s+)?)(?P<u>days|weeks|months|years|decades)",
        ),
    ]


def _other_patterns(b: _Blocks) -> list[tuple[str, str]]:
    """Sets ("every week", "15 a year"), vague references ("recently", "now"), clock times, events."""
    lx = b.lx
    return [
        (
            "set",
            r"(?P<set>daily|weekly|monthly|annual|annually|yearly|quarterly|biannual"
            r"|every\s+(?:other\s+)?(?:day|week|month|year)|each\s+(?:day|week|month|year)|per\s+(?:day|week|month|year)"
            r"|a\s+(?:day|week|month|year)(?=\s*(?:[,.;:)]|$)))",
        ),
        (
            "vague",
            r"(?P<vg>currently|(?:more\s+|most\s+)?recently|nowadays|these\s+days|at\s+present|at\s+the\s+moment"
            r"|the\s+time\s+being|the\s+past|the\s+future|in\s+recent\s+times|lately|now(?!\s+that\b)"
            r"|the\s+(?:near|long|short|longer|medium)\s+term|recent(?=\s+[a-z]))",
        ),
        (
            "clock",
            r"(?P<h>[01]?\d|2[0-3])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>a\.m\.|p\.m\.|am|pm)"
            r"(?:\s*\(?\s*(?P<tz>utc|gmt|[ecmp][sd]t)(?:\s*[+-]\s*\d+)?\s*\)?)?"
            r"|(?P<h2>[01]?\d|2[0-3]):(?P<mi2>[0-5]\d)(?:\s*\(?(?P<tz2>utc|gmt|[ecmp][sd]t)\)?)?"
            r"|(?P<mil>[0-2]\d[0-5]\d)\s+(?P<tz3>utc|gmt)|(?P<nm>noon|midnight)",
        ),
        (
            "event",
            rf"(?:the\s+(?:start|beginning|end|outbreak|launch|onset|eve|collapse|fall)\s+of\s+)?"
            rf"(?P<det>the|this|last|next|its|their|his|her|this\s+year's|last\s+year's|next\s+year's|[a-z][\w.-]*'s)\s+"
            rf"(?:(?:{_alt(lx['event_adjectives'])}|\d{{4}})\s+){{0,2}}(?P<ev>{_alt(lx['event_nouns'])})",
        ),
    ]


@lru_cache(maxsize=1)
def patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Compiled ``(kind, regex)`` pairs; kinds earlier in the tuple win ties."""
    b = _blocks()
    core = _date_patterns(b) + _period_patterns(b) + _span_patterns(b) + _other_patterns(b)
    preps = _alt(list(RELATION_OF_PREP) + list(LOCATIVE_PREPS) + ["between"])
    mods = (
        r"(?P<mod>(?:early|mid|late)(?:\s+|-(?!\s))|mid-"
        r"|(?:the\s+|at\s+the\s+)?(?:beginning|start|end|middle|turn|close|rest|remainder)\s+of\s+"
        r"|(?:earlier|later)\s+(?:in\s+)?|(?:early|late)\s+in\s+)"
    )
    out = []
    for kind, body in core:
        rx = rf"(?<![\w'/.-])(?:(?P<prep>{preps})\s+)?{mods}?(?P<core>{body})(?![\w])"
        out.append((kind, re.compile(rx, re.IGNORECASE)))
    return tuple(out)


@lru_cache(maxsize=1)
def triggers() -> dict[str, frozenset[str]]:
    """Per kind, the words one of which a match must contain (a pattern only runs near them: speed).

    ``"#4"`` stands for a number 1000-2099 (a year), ``"#s"`` for any other number.
    """
    lx = lexicon()
    months = frozenset(lx["months"])
    days = frozenset(lx["weekdays"])
    units = frozenset(
        u + s
        for u in ("day", "week", "fortnight", "month", "year", "decade", "quarter", "hour", "minute")
        for s in ("", "s")
    ) | {"century", "centuries"}
    year4 = frozenset({"#4"})
    digit = frozenset({"#4", "#s"})
    words: dict[str, frozenset[str]] = {
        "date_ymd": year4,
        "date_numeric": digit,
        "date_mdy": months,
        "date_dmy": months,
        "month": months,
        "month_abbr_year": months,
        "year_month": months,
        "date_wd_the": days,
        "weekday": days,
        "week_wd": frozenset({"week"}),
        "year_range": year4,
        "ym_numeric": year4,
        "day_of_month": frozenset({"month"}),
        "day_range": months | {"month"},
        "day_range_b": months,
        "day_range_c": months,
        "quarter_yq": year4,
        "after_next": frozenset({"next"}),
        "quarter": frozenset({"quarter"}),
        "quarter_q": frozenset({"q1", "q2", "q3", "q4", "fy", "fiscal"}),
        "half": frozenset({"half"}),
        "dayword": frozenset({"yesterday", "today", "tonight", "tomorrow", "night", "morning", "afternoon", "evening"}),
        "anaphor": days | {"day", "night", "morning", "afternoon", "evening", "week", "weekend", "month", "year"},
        "rel_unit": units | {"weekend"},
        "the_unit": units | {"weekend"},
        "same_period": frozenset({"same"}),
        "ordinal_unit": frozenset({"consecutive", "straight", "successive"}),
        "week_of": frozenset({"week"}),
        "duration_bare": frozenset({"years", "decades", "months", "weeks", "days", "hours", "minutes"}),
        "weekend": frozenset({"weekend"}),
        "ago": units,
        "duration": units,
        "duration_vague": units,
        "decade": digit | frozenset(lx["decade_words"]) | {"tens"},
        "century": frozenset({"century"}),
        "season": frozenset(lx["seasons"]),
        "holiday": frozenset(h.split()[0].split("'")[0] for h in lx["holidays"]),
        "era": frozenset(w for e in lx["eras"] for w in re.findall(r"[a-z]+|\d+", e) if len(w) > 3)
        | {"wwii", "ww2", "wwi", "#4", "#s"},
        "year": digit,
        "set": frozenset("daily weekly monthly annual annually yearly quarterly biannual every each per".split())
        | {"day", "week", "month", "year"},  # "15 a year"
        "vague": frozenset(
            "currently recently recent nowadays days present moment being past future lately now term".split()
        ),
        "clock": digit | {"noon", "midnight"},
        "event": frozenset(lx["event_nouns"]),
    }
    return words
