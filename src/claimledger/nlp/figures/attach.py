"""A number's surroundings: its unit, currency or percent sign, and the bound cues around it.

Used by :mod:`.component` (and :func:`patterns` by its drop rules): :func:`attach_unit` reads the
currency before or after a number ("$5m", "C$ 300 million", "120 MEUR", "75 USD million"), a percent
sign or a physical unit after it; :func:`prefix_cues`/:func:`suffix_cues` the bound and
approximation cues ("more than", "or more"); :func:`no_overlaps` and :func:`imperial_compound` tidy
the list ("5 feet 2 inches" is one length); :func:`money_compounds` joins "3 dollars 50 cents";
:func:`refine_kind` turns durations into ages ("87 years of age", "a 6-year-old") and degrees into
temperatures where the sentence speaks of temperature.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from claimledger.nlp.figures.fig import Fig
from claimledger.nlp.figures.numbers import lexicon
from claimledger.nlp.figures.units import (
    currency_after,
    currency_before,
    match_unit,
    pounds_money,
    scaled_code,
)

__all__ = [
    "attach_unit",
    "imperial_compound",
    "money_compounds",
    "no_overlaps",
    "patterns",
    "prefix_cues",
    "refine_kind",
    "suffix_cues",
]

_METRE_WORDS = {"tall", "long", "high", "wide", "deep", "away", "across", "below", "above", "thick", "in", "of", "from"}


@lru_cache(maxsize=1)
def patterns() -> dict[str, Any]:
    cues = lexicon("cues")

    def alt(phrases: list[str]) -> str:
        out = []
        for p in sorted(phrases, key=len, reverse=True):
            esc = re.escape(p).replace(r"\ ", r"\s+")
            out.append(esc if not p[0].isalpha() else r"(?<![A-Za-z])" + esc)
        return "|".join(out)

    months = [m for m in cues["months"]]
    return {
        "prefix": re.compile(r"(?P<cue>" + alt(list(cues["prefix"])) + r")\s*\Z", re.IGNORECASE),
        "suffix": re.compile(
            r"(?P<cue>\s*(?:" + alt([s for s in cues["suffix"] if not s[0].isalpha()]) + r")"
            r"|\s+(?:" + alt([s for s in cues["suffix"] if s[0].isalpha()]) + r"))(?![A-Za-z0-9])",
            re.IGNORECASE,
        ),
        "percent": re.compile(
            r"(?P<sep>[ \u00a0]?)(?P<pc>%|per\s?cent(?:age)?\s+points?|percentage\s+points?|"
            r"per\s?cents?|percent(?:age)?s?(?!\s+of\b)|pct\.?|pc(?![A-Za-z]))(?![A-Za-z])",
            re.IGNORECASE,
        ),
        "month_before": re.compile(r"(?<![A-Za-z])(?:" + "|".join(m.title() for m in months) + r")\.?,?\s*\Z"),
        "month_after": re.compile(
            r"(?:st|nd|rd|th)?(?:\s+of)?\s+(?:" + "|".join(m.title() for m in months) + r")(?![a-z])"
        ),
        "time_after": re.compile(
            r"\s*(?:a\.m\.|p\.m\.|am|pm|o'clock|o’clock|GMT|UTC|CET|MSK|EST|EDT|local\s+time)"
            r"(?![A-Za-z])",
            re.IGNORECASE,
        ),
        "ago": re.compile(r"\s+(?:ago|earlier|later|hence|from\s+now|before|after)(?![A-Za-z])", re.IGNORECASE),
        "old": re.compile(r"(?:-|\s+)old(?![A-Za-z])", re.IGNORECASE),
        "aged": re.compile(r"(?<![A-Za-z])(?:aged|age|ages)\s+\Z", re.IGNORECASE),
        "year_prep": re.compile(
            r"(?<![A-Za-z])(?:in|since|by|of|until|till|from|before|after|during|early|late|mid|"
            r"the|year|fiscal|through|spring|summer|autumn|fall|winter|between|and|to|"
            r"this|last|next|its|their|his|her)[\s-]*\Z|['’]s\s*\Z",
            re.IGNORECASE,
        ),
        "id_before": re.compile(
            r"(?<![A-Za-z])(?:" + "|".join(re.escape(w) for w in cues["id_nouns"]) + r")\.?\s*#?\s*\Z", re.IGNORECASE
        ),
        "range_gap": re.compile(r"\s*(?:-|–|—|~)\s*(?:to\s+)?|\s*-?\s+(?:to|through|thru|or)\s+", re.IGNORECASE),
        "and_gap": re.compile(r"\s+and\s+", re.IGNORECASE),
        "between": re.compile(r"(?<![A-Za-z])(?:somewhere\s+)?between\s+\Z", re.IGNORECASE),
        "from": re.compile(r"(?<![A-Za-z])from\s+\Z", re.IGNORECASE),
        "change": re.compile(r"(?<![A-Za-z])(?:" + "|".join(cues["change_words"]) + r")\s+(?:by\s+)?\Z", re.IGNORECASE),
        "list_item": re.compile(r"(?:\A|\n)[ \t]*\(?\Z"),
        "scale_word": re.compile(r"(?:\s|\d)(?P<w>million|billion|trillion|thousand|hundred|bn|mn|m|k|M|K|B|tn)\Z"),
        "cues": cues,
    }


def prefix_cues(text: str, fig: Fig) -> None:
    pats = patterns()
    for _ in range(2):  # stacked cues: "more than about"
        window = text[max(0, fig.start - 40) : fig.start]
        m = pats["prefix"].search(window)
        if m is None:
            return
        spec = pats["cues"]["prefix"][" ".join(m.group("cue").lower().split())]
        fig.bound = fig.bound or spec.get("bound")
        fig.approx = fig.approx or bool(spec.get("approx"))
        fig.start = fig.start - (len(window) - m.start("cue"))
        fig.cued = True


def suffix_cues(text: str, fig: Fig) -> None:
    pats = patterns()
    m = pats["suffix"].match(text, fig.end)
    if m is None:
        return
    spec = pats["cues"]["suffix"][" ".join(m.group("cue").strip().lower().split())]
    fig.bound = fig.bound or spec.get("bound")
    fig.approx = fig.approx or bool(spec.get("approx"))
    fig.end = m.end()
    fig.cued = True


def attach_unit(text: str, fig: Fig) -> None:
    """Currency before/after, percent, or a physical unit after the number."""
    pats = patterns()
    digit_fraction = fig.kind == "fraction" and not fig.words
    word_fraction = fig.kind == "fraction" and fig.words and fig.value is not None and fig.value < 1
    if fig.kind == "vague" and fig.scaled and fig.value is not None:
        of = re.match(r"\s+of", text[fig.end : fig.end + 4])
        money = currency_after(text, fig.end + of.end()) if of else None
        if money is not None and money.unit.isalpha():
            fig.unit, fig.unit_kind, fig.end = money.unit, "money", money.end
        return
    if fig.kind != "number" and not (digit_fraction or word_fraction) or fig.value is None and fig.note is None:
        return
    cur = currency_before(text, fig.num_start)
    if cur is not None:
        fig.start, fig.unit, fig.unit_kind = cur[0], cur[1], "money"
        _unscale_code(fig)
        m = re.match(r"m(?![A-Za-z])", text[fig.end : fig.end + 2])
        if m and not fig.scaled and fig.value is not None:  # "$5m" = five million dollars
            fig.value, fig.end, fig.scaled = fig.value * 1e6, fig.end + 1, True
        after = currency_after(text, fig.end)
        if after is not None and after.unit == fig.unit:
            fig.end = after.end
        return
    if digit_fraction or word_fraction:  # "1/4 mile", "½ cup", "half a mile", "a quarter mile", "a half turn"
        article = re.match(r"\s+an?(?=\s)", text[fig.end :]) if word_fraction else None
        unit = match_unit(text, fig.end + (article.end() if article else 0))
        if unit is not None and (not word_fraction or unit.kind != "money"):
            fig.unit, fig.unit_kind, fig.end, fig.kind = unit.unit, unit.kind, unit.end, "number"
        return
    pc = pats["percent"].match(text, fig.end)
    if pc is not None:
        points = "point" in pc.group("pc").lower()
        fig.unit, fig.unit_kind, fig.end = ("percentage point" if points else "%"), "percent", pc.end()
        return
    money = currency_after(text, fig.end) or pounds_money(text, fig.end, scaled=fig.scaled)
    if money is None and fig.scaled:  # "hundreds of billions of dollars", "millions of euros"
        of = re.match(r"\s+of", text[fig.end : fig.end + 4])
        money = currency_after(text, fig.end + of.end()) if of else None
    if money is not None:
        fig.unit, fig.unit_kind, fig.end = money.unit, "money", money.end
        _unscale_code(fig)
        scale = _SCALE_AFTER_CODE.match(text, fig.end)
        if scale is not None and not fig.scaled and fig.value is not None and fig.unit.isupper():
            # "75 USD million": the scale word after an ISO code
            fig.value *= lexicon("numbers")["scales"][scale.group(1).lower()]
            fig.end, fig.scaled = scale.end(), True
        return
    unit = match_unit(text, fig.end)
    if unit is not None and unit.unit == "m" and unit.start == fig.end and fig.value is not None and not fig.scaled:
        # "3.7m Ukrainians", "3m tonnes": an attached "m" before a plural noun or a unit means million
        nxt = re.match(r"\s+([A-Za-z]+)", text[unit.end :])
        if (
            nxt is not None
            and nxt.group(1).lower() not in _METRE_WORDS
            and (nxt.group(1)[0].isupper() or nxt.group(1).endswith("s"))
        ):
            fig.value, fig.scaled, fig.end = fig.value * 1e6, True, unit.end
            unit = match_unit(text, fig.end)
            if unit is None:
                return
    if unit is not None:
        fig.unit, fig.unit_kind, fig.end = unit.unit, unit.kind, unit.end


_SCALE_AFTER_CODE = re.compile(r"[ \u00a0]+(million|billion|thousand|trillion)(?![A-Za-z])", re.IGNORECASE)


def _unscale_code(fig: Fig) -> None:
    """ "MUSD 20", "120 MEUR": financial shorthand for millions of a currency."""
    code, factor = scaled_code(fig.unit or "")
    if factor != 1.0:
        fig.unit = code
        if fig.value is not None:
            fig.value *= factor
            fig.scaled = True


def no_overlaps(text: str, figs: list[Fig]) -> list[Fig]:
    out: list[Fig] = []
    for f in figs:
        prev = out[-1] if out else None
        if (
            prev is not None
            and f.start < prev.end <= f.num_start
            and f.unit_kind == "money"
            and prev.start < prev.num_start
        ):
            # "$ 20,000.00 $ 37,305.97": the first has its own sign before it, so the one between is the second's
            prev.end = f.start
            while prev.end > prev.num_end and text[prev.end - 1].isspace():
                prev.end -= 1
        elif prev is not None and f.start < prev.end <= f.num_start and f.unit_kind == "money":
            # "10 $ 30 $", "10 $ 30 cent": a sign between two amounts is the first one's; the second
            # keeps only a currency of its own after it ("30 $", "30 cents")
            f.start = prev.end
            while f.start < f.num_start and text[f.start].isspace():
                f.start += 1
            own = currency_after(text, f.num_end)
            f.unit, f.end = (own.unit, own.end) if own is not None else (None, f.num_end)
            f.unit_kind = "money" if own is not None else None
        if not out or f.start >= out[-1].end:
            out.append(f)
    return out


def imperial_compound(text: str, figs: list[Fig]) -> list[Fig]:
    """ "5 feet 2 inches", "12 ft 2 in" -> one length in feet."""
    out: list[Fig] = []
    for f in figs:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.unit == "foot"
            and f.kind == "number"
            and f.value is not None
            and prev.value is not None
            and re.fullmatch(r"\s+(?:and\s+)?", text[prev.end : f.start])
        ):
            m = re.match(r"\s?(?:inches|inch|in)(?![A-Za-z])", text[f.end :])
            if f.unit == "inch" or (f.unit is None and m):
                prev.value += f.value / 12.0
                prev.end = f.end if f.unit == "inch" else f.end + m.end()  # type: ignore[union-attr]
                continue
        out.append(f)
    return out


# -- money in two parts, ages, temperatures -------------------------------------------------------
_MAJOR = frozenset({"USD", "EUR", "GBP", "CAD", "AUD", "NZD", "HKD", "SGD", "MXN", "CHF", "CNY"})
_MINOR_OF = {"USD-cent": "USD", "EUR-cent": "EUR", "GBP-penny": "GBP"}
_CENTS_JOIN = re.compile(r"[ \u00a0]*(?:and[ \u00a0]+)?\Z", re.IGNORECASE)
_AMOUNT_ENDS = re.compile(r"[ \u00a0]*(?:[.,;:!?)\]]|\Z|more\b|less\b)", re.IGNORECASE)


def money_compounds(text: str, figs: list[Fig]) -> list[Fig]:
    """ "3 dollars 50 cents", "thirteen dollars and forty-five cents", "17 USD 25." -> one amount.

    The second number joins when it is under 100, whole, and either names the minor unit (cents,
    pence) of the first's currency or ends the amount (punctuation, "more"): "15 dollars 50 people"
    stays two figures.
    """
    out: list[Fig] = []
    for f in figs:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.unit_kind == "money"
            and prev.unit in _MAJOR
            and prev.value is not None
            and prev.value == int(prev.value)
            and not prev.scaled
            and f.value is not None
            and 0 < f.value < 100
            and f.value == int(f.value)
            and f.kind == "number"
            and _CENTS_JOIN.match(text[prev.end : f.start])
            and (_MINOR_OF.get(f.unit or "") == prev.unit or f.unit is None and _AMOUNT_ENDS.match(text, f.end))
        ):
            prev.value += f.value / 100.0
            prev.end = f.end
            continue
        out.append(f)
    return out


_OF_AGE = re.compile(r"\s+of\s+age\b", re.IGNORECASE)
_YO = re.compile(r"[ \u00a0]?(?:y\.?o\.?|yrs?\.?\s+old)(?![A-Za-z])", re.IGNORECASE)
_TEMPERATURE_WORDS = re.compile(
    r"\b(?:temperatures?|thermostat|thermometer|heat\w*|warm\w*|cold\w*|hot|hotter|freezing|weather|fever)\b",
    re.IGNORECASE,
)
_AGE_UNITS = frozenset({"year", "month", "week", "day"})


def refine_kind(text: str, fig: Fig) -> None:
    """Ages ("a 6-year-old", "aged 40", "87 years of age", "an 87 yo man") and temperatures ("the
    temperature is 24 degrees", "set the thermostat to 85°": a degree with no scale, ``°``)."""
    pats = patterns()
    before = text[max(0, fig.start - 10) : fig.start]
    if fig.unit_kind == "duration" and fig.unit in _AGE_UNITS:
        old = pats["old"].match(text, fig.end)
        of_age = _OF_AGE.match(text, fig.end)
        if old or of_age or pats["aged"].search(before):
            fig.unit_kind = "age"
            fig.unit = fig.unit if of_age else "year"
            fig.end = old.end() if old else fig.end
        return
    if fig.unit is None and fig.kind == "number":
        yo = _YO.match(text, fig.end)
        if yo is not None or pats["aged"].search(before):
            fig.unit_kind, fig.unit = "age", "year"
            fig.end = yo.end() if yo else fig.end
        return
    if fig.unit == "degree":
        sentence = re.split(r"[.!?;\n]", text[max(0, fig.start - 80) : fig.start])[-1]
        if _TEMPERATURE_WORDS.search(sentence):
            fig.unit, fig.unit_kind = "°", "temperature"
