"""Token model and the word-number grammar behind :mod:`claimledger.nlp.figures.numbers` (not public API).

``WordParser.parse_words`` reads spelled numbers: "twenty-one", "one hundred and six", "half a million",
"two-thirds", "three twenty-firsts", "two and a half million", "nine point nought four".
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["NumberMatch", "Tok", "WordParser", "lexicon"]


@cache
def lexicon(name: str) -> dict[str, Any]:
    """A JSON lexicon from ``nlp/resources/figures/<name>.json`` (loaded once)."""
    path = resources.files("claimledger.nlp").joinpath("resources", "figures", f"{name}.json")
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@dataclass(frozen=True)
class Tok:
    """A token of :func:`tokenize`: kind is num, word, frac, punct, code or url."""

    start: int
    end: int
    text: str
    kind: str

    @property
    def low(self) -> str:
        return self.text.lower()


@dataclass(frozen=True)
class NumberMatch:
    """A number phrase: ``text == source[start:end]``.

    ``kind`` is number, fraction, ratio, vague or ordinal; ``words`` tells whether it was written
    (partly) in words; ``bound``/``approx`` are set for vague counts only.
    """

    start: int
    end: int
    text: str
    value: float | None
    kind: str = "number"
    words: bool = False
    approx: bool = False
    bound: str | None = None
    note: str | None = None
    scaled: bool = False  # carries a multiplier (million, bn, k, dozen)
    integer_digits: bool = False  # a plain run of digits without separators or decimals ("2024")


_ORD_UNITS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
}


class WordParser:
    """Token helpers and the spelled-number grammar; subclassed by the digit/phrase parser."""

    def __init__(self, text: str, toks: list[Tok]) -> None:
        lex = lexicon("numbers")
        self.text, self.toks = text, toks
        self.small: dict[str, float] = lex["small"]
        self.tens: dict[str, float] = lex["tens"]
        self.scales: dict[str, float] = lex["scales"]
        self.suffixes: dict[str, float] = lex["suffixes"]
        self.plural_scales: dict[str, float] = lex["plural_scales"]
        self.dozen: dict[str, float] = lex["dozen"]
        self.denoms: dict[str, float] = lex["denominators"]
        self.ordinals: dict[str, float | None] = lex["ordinals"]
        self.ufracs: dict[str, float] = lex["unicode_fractions"]
        self.vague: dict[str, dict[str, Any]] = lex["vague"]

    # -- helpers -------------------------------------------------------------------------------
    def tok(self, i: int) -> Tok | None:
        return self.toks[i] if 0 <= i < len(self.toks) else None

    def adjacent(self, i: int) -> bool:
        """True when token i starts right where token i-1 ends (no space)."""
        a, b = self.tok(i - 1), self.tok(i)
        return a is not None and b is not None and a.end == b.start

    def gap(self, i: int) -> str:
        a, b = self.tok(i - 1), self.tok(i)
        return self.text[a.end : b.start] if a and b else ""

    def low(self, i: int) -> str:
        t = self.tok(i)
        return t.low if t else ""

    def is_word(self, i: int, words: dict[str, Any] | set[str] | tuple[str, ...]) -> bool:
        t = self.tok(i)
        return t is not None and t.kind == "word" and t.low in words

    def hyphen_at(self, i: int) -> bool:
        t = self.tok(i)
        return t is not None and t.text in "-‐‑–" and len(t.text) == 1

    def match(self, i: int, j: int, value: float | None, **kw: Any) -> NumberMatch:
        s, e = self.toks[i].start, self.toks[j - 1].end
        if value is not None and (math.isinf(value) or math.isnan(value)):
            value, kw["note"] = None, "value overflows"
        return NumberMatch(s, e, self.text[s:e], value, **kw)

    def parse_words(self, i: int) -> tuple[NumberMatch, int] | None:
        """Number words: "twenty-one", "one hundred and six", "half a million", "two-thirds"."""
        total, _current = 0.0, None
        last, last_scale, k = "", math.inf, i
        kind, scaled = "number", False
        best: tuple[float, int, str, bool] | None = None
        cur: float | None = None

        def snapshot() -> None:
            nonlocal best
            best = (total + (cur or 0.0), k, kind, scaled)

        while True:
            t = self.tok(k)
            if t is None:
                break
            w = t.low if t.kind == "word" else t.text
            if (
                t.kind == "word"
                and w in self.tens
                and cur
                and last in ("small", "tens", "hundred", "a", "scale")
                and self._compound_denominator(k) is not None
            ):
                # "three twenty-firsts", "one hundred thirty fifths" (= 100/35)
                den, k = self._compound_denominator(k)  # type: ignore[misc]
                cur = (total + cur) / den if last != "scale" else cur / den
                total, kind, last = 0.0, "fraction", "denom"
                snapshot()
                break
            if t.kind == "word" and w in self.small or w in self.tens:
                v = self.small.get(w, self.tens.get(w, 0.0))
                if cur is None:
                    cur = v
                elif (
                    last == "tens"
                    and w in self.small
                    and 0 < v < 10
                    and not self.gap(k).strip()
                    or last == "hundred"
                    and cur % 100 == 0
                    or last == "and"
                    and cur % 100 == 0
                ):
                    cur += v
                elif last == "scale" and cur == 0:
                    cur = v
                else:
                    break
                last, k = ("tens" if w in self.tens else "small"), k + 1
                snapshot()
            elif t.kind == "word" and w == "hundred" and last in ("", "small", "tens", "a") and (cur or 1) < 100:
                cur = (cur or 1) * 100
                last, k, scaled = "hundred", k + 1, True
                snapshot()
            elif (
                t.kind == "word"
                and w in self.scales
                and (last in ("small", "tens", "hundred", "a", "half", "point") or cur)
                and self.scales[w] < last_scale
            ):
                total += (cur if cur is not None else 1.0) * self.scales[w]
                last_scale, cur, last, k, scaled = self.scales[w], 0.0, "scale", k + 1, True
                snapshot()
            elif t.kind == "word" and w in self.scales and last == "scale" and cur == 0 and self.scales[w] > last_scale:
                total *= self.scales[w]  # "three lakh crore"
                last_scale, k = self.scales[w], k + 1
                snapshot()
            elif (
                t.kind == "word"
                and w in self.dozen
                and last in ("small", "tens", "a", "half")
                and not w.endswith("s")
                or w in ("dozens", "dzs", "dozs")
                and last in ("small", "tens")
            ):
                base = cur if cur is not None else 1.0
                # "three hundred and two dozen" = 300 + 24: the dozen takes the group after the hundreds
                cur = base // 100 * 100 + base % 100 * 12 if base >= 100 and base % 100 else base * 12
                last, k, scaled = "scale", k + 1, True
                snapshot()
            elif t.kind == "word" and w in ("a", "an") and last == "":
                if (
                    self.low(k + 1) in ("hundred", "dozen", "half", "quarter", *self.scales)
                    or self.low(k + 1) in self.tens
                    and self._compound_denominator(k + 1) is not None
                    or self.low(k + 1) in self.denoms
                    and self._fraction_ok(k + 1)
                ):
                    cur, last, k = 1.0, "a", k + 1
                else:
                    break
            elif t.kind == "word" and w == "half" and last in ("", "a"):
                # "half a million", "half million", "half a dozen", "a half", "half"
                nk = k + 2 if self.low(k + 1) == "a" else k + 1
                nw = self.low(nk)
                if nw in self.scales or nw in self.dozen and not nw.endswith("s") or nw == "hundred":
                    mult = self.scales.get(nw, 12.0 if nw in self.dozen else 100.0)
                    if nw in self.scales:
                        total += 0.5 * mult
                        last_scale, cur = mult, 0.0
                    else:
                        cur = 0.5 * mult
                    last, k, scaled = "scale", nk + 1, True
                    snapshot()
                else:
                    if last == "" and self.low(k - 1) in ("first", "second", "other", "latter", "better"):
                        break
                    cur, kind, last, k = 0.5, "fraction", "denom", k + 1
                    snapshot()
                    break
            elif t.kind == "word" and w == "quarter" and last in ("", "a") and self.low(k + 1) in self.scales:
                total += 0.25 * self.scales[self.low(k + 1)]
                last_scale, cur, last, k, scaled = self.scales[self.low(k + 1)], 0.0, "scale", k + 2, True
                snapshot()
            elif (
                t.kind == "word"
                and w in self.denoms
                and last == "scale"
                and w.endswith("s")
                and self.denoms[w] >= 100
                and total
            ):
                cur, total = total / self.denoms[w], 0.0
                kind, last, k = "fraction", "denom", k + 1
                snapshot()
                break
            elif t.kind == "word" and w in self.denoms and last in ("small", "tens", "a", "hundred") and cur:
                plural = w.endswith("s")
                if cur != 1 and not plural and w != "half":
                    break  # "two millionth" is not a fraction
                if cur == 1 and not plural and not self._fraction_ok(k):
                    break
                if cur > 20 and w in ("second", "third") or w == "second":
                    break
                cur = cur / self.denoms[w]
                kind, last, k = "fraction", "denom", k + 1
                # "two thirds of a million", "a quarter of a million people": a share of a scale is a count
                if self.low(k) == "of" and self.low(k + 1) in ("a", "one") and self.low(k + 2) in self.scales:
                    cur, kind, scaled, k = cur * self.scales[self.low(k + 2)], "number", True, k + 3
                elif plural and self.low(k) in self.scales:  # "three quarters billion"
                    cur, kind, scaled, k = cur * self.scales[self.low(k)], "number", True, k + 1
                snapshot()
                break
            elif (
                t.kind == "punct"
                and w in "-‐‑–"
                and last in ("tens", "small", "a", "hundred", "and")
                and (
                    self.low(k + 1) in self.small
                    and last == "tens"
                    or self.low(k + 1) in self.denoms
                    or self.low(k + 1) in ("and", "a")
                    and self.adjacent(k + 1)
                )
            ):
                k += 1  # hyphen inside "twenty-one", "one-third", "four-and-a-half"
            elif t.kind == "word" and w == "and" and last in ("hundred", "scale", "small", "tens"):
                # "one hundred and six", "one and a half", "two million and a half", "twenty and three fifths"
                nw, nnw = self.low(k + 1), self.low(k + 2)
                if self.hyphen_at(k + 1) and self.hyphen_at(k + 3):  # "four-and-a-half"
                    nw, nnw = self.low(k + 2), self.low(k + 4)
                    if nw == "a" and nnw in ("half", "quarter"):
                        cur = (cur or 0.0) + (0.5 if nnw == "half" else 0.25)
                        k += 5
                        snapshot()
                        break
                frac: float | None = None
                k2 = k
                if nw in ("a", "one") and nnw in ("half", "quarter", *self.denoms) and nnw != "second":
                    frac, k2 = 1.0 / (2.0 if nnw == "half" else 4.0 if nnw == "quarter" else self.denoms[nnw]), k + 3
                elif nw in self.small or nw in self.tens:
                    sub = self.parse_words(k + 1)
                    if sub is not None and sub[0].kind == "fraction" and sub[0].value is not None and sub[0].value < 1:
                        frac, k2 = sub[0].value, sub[1]
                if frac is not None:
                    nscale = self.scales.get(self.low(k2))
                    if nscale is not None and nscale < last_scale:  # "five and a half million"
                        total += (frac if last == "scale" and cur == 0 else (cur or 0.0) + frac) * nscale
                        cur, k2, scaled = 0.0, k2 + 1, True
                    elif last == "scale" and cur == 0:  # "3 million and a half"
                        total += frac * last_scale
                    else:
                        cur = (cur or 0.0) + frac
                    k = k2
                    snapshot()
                    break
                if last in ("hundred", "scale") and (nw in self.small or nw in self.tens):
                    last, k = "and", k + 1
                else:
                    break
            elif t.kind == "word" and w == "point" and last in ("small", "tens", "hundred") and cur is not None:
                digits, k2 = "", k + 1
                while self.is_word(k2, self.small) and self.small[self.low(k2)] < 10:
                    digits += str(int(self.small[self.low(k2)]))
                    k2 += 1
                if not digits and (self.is_word(k2, self.tens) or self.is_word(k2, self.small)):
                    sub = self.parse_words(k2)
                    if sub and sub[0].value is not None and sub[0].value == int(sub[0].value):
                        digits, k2 = str(int(sub[0].value)), sub[1]
                if not digits:
                    break
                cur = cur + float("0." + digits)
                last, k = "point", k2
                snapshot()
            else:
                break
        if best is None:
            return None
        value, end, kind, scaled = best
        return self.match(i, end, value, kind=kind, words=True, scaled=scaled), end

    def _compound_denominator(self, k: int) -> tuple[float, int] | None:
        """ "twenty-first(s)", "thirty fifths" at ``k`` -> (21 or 35, index after), else None."""
        j = k + 2 if self.hyphen_at(k + 1) else k + 1
        w = self.low(j)
        base = w[:-1] if w.endswith("s") and w[:-1] in _ORD_UNITS else w
        if base not in _ORD_UNITS or self.low(k - 1) == "and":
            return None
        return self.tens[self.low(k)] + _ORD_UNITS[base], j + 1

    def _fraction_ok(self, k: int) -> bool:
        """A singular "third" after "a"/"one" is a fraction only before "of", a verb or the end (not "a third term")."""
        nxt = self.tok(k + 1)
        if self.hyphen_at(k + 1) and self.adjacent(k + 1):
            return False  # "a sixth-grader", "a third-party candidate"
        if nxt is None or nxt.kind != "word":
            return True
        return nxt.low in (
            "of",
            "and",
            "or",
            "to",
            "in",
            "at",
            "for",
            "from",
            "were",
            "was",
            "are",
            "is",
            "had",
            "have",
            "has",
            "been",
            "will",
            "would",
            "could",
            "said",
            "than",
            "as",
            "more",
            "less",
        )
