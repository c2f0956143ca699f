"""Numbers in English text: digits, words, fractions, ratios and vague counts, with character offsets.

No spaCy here: :func:`find_numbers` tokenises with one regular expression and parses number phrases
greedily (longest match), so it is cheap enough to run over every text and easy to test.

    >>> [(m.text, m.value, m.kind) for m in find_numbers("Of the 12,000 troops, about one-third died.")]
    [('12,000', 12000.0, 'number'), ('one-third', 0.3333333333333333, 'fraction')]
    >>> parse_number("two and a half million")
    2500000.0

Vague counts read "Xs" as *at least two X* ("dozens" = 24, "tens of thousands" = 20,000) with
``bound="lower"`` and ``approx=True``; "several" = at least 3, "a few" ≈ 3.  Values that overflow or
cannot be computed ("10^400", "1/0") come back with ``value=None`` and a ``note``.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from claimledger.nlp.figures.number_words import NumberMatch, Tok, WordParser, lexicon

__all__ = ["NumberMatch", "Tok", "find_numbers", "lexicon", "parse_number", "tokenize"]

MAX_EXPONENT = 300  # beyond 1e300 a value is not a figure, it is an overflow


_FRACS = "½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞⅐⅑⅒"
_TOKEN_RE = re.compile(
    r"(?P<url>(?:https?://|www\.)\S+)"
    r"|(?P<sci>[0-9]+(?:\.[0-9]+)?[eE][+-]?[0-9]+(?![\w.]))"
    r"|(?P<code>\d+(?:[.:]\d+){2,}|\+?\d+(?:-\d+){2,}|\d+/\d+/\d+|\d{1,2}:\d{2}(?::\d{2})?|\d+[A-Za-z]+\d{2,}\w*)"
    r"|(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d])"
    r"|\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?"
    r"|\d{1,3}(?:[\u202f\u00a0\u2009]\d{3})+(?:\.\d+)?"
    r"|\d+(?:\.\d+)?(?:[eE][+-]?\d+(?![A-Za-z]))?"
    r"|\.\d+)"
    rf"|(?P<frac>[{_FRACS}])"
    r"|(?P<word>[A-Za-z]+|[µμ][A-Za-z]+)"
    r"|(?P<punct>\S)"
)
_SPACE_GROUP = re.compile(r"\d{3}")
_SPACED_SCALES = {"M": 1e6, "G": 1e9, "B": 1e9, "bn": 1e9, "mn": 1e6}
_DENOMINATORS = {2.0, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0, 12.0, 16.0, 32.0, 64.0, 100.0, 1000.0}


def tokenize(text: str) -> list[Tok]:
    """Split ``text`` into :class:`Tok` (whitespace dropped; offsets kept)."""
    return [
        Tok(m.start(), m.end(), m.group(), "num" if m.lastgroup == "sci" else m.lastgroup or "punct")
        for m in _TOKEN_RE.finditer(text)
    ]


def _num_value(tok: Tok) -> float:
    return float(tok.text.replace(",", "").replace("\u202f", "").replace("\u00a0", "").replace("\u2009", ""))


class _Parser(WordParser):
    """Greedy longest-match parser over a token list (one instance per text)."""

    # -- entry point ---------------------------------------------------------------------------
    def parse_at(self, i: int) -> tuple[NumberMatch, int] | None:
        t = self.tok(i)
        if t is None or t.kind in ("url", "code", "punct") and t.text not in "-−":
            return None
        # signs: "minus five", "-4/5", "<-30" (never inside "1000-5000")
        if (
            t.kind == "word"
            and t.low in ("minus", "negative")
            or (
                t.text in "-−"
                and self.tok(i + 1) is not None
                and self.tok(i + 1).kind == "num"  # type: ignore[union-attr]
                and (self.gap(i + 1) in ("", " "))
                and not self._number_before(i)
            )
        ):
            sub = self.parse_core(i + 1)
            if sub is None:
                return None
            m, j = sub
            if m.kind in ("vague", "ordinal", "ratio"):
                return None
            val = -m.value if m.value is not None else None
            return self.match(i, j, val, kind=m.kind, words=m.words, note=m.note, scaled=m.scaled), j
        if t.kind == "punct":
            return None
        return self.parse_core(i)

    def _number_before(self, i: int) -> bool:
        p = self.tok(i - 1)
        return p is not None and (
            p.kind in ("num", "frac", "code") or p.kind == "word" and p.end == self.toks[i].start or p.text in "/±+"
        )

    def parse_core(self, i: int) -> tuple[NumberMatch, int] | None:
        t = self.tok(i)
        if t is None:
            return None
        if t.kind == "word":
            vague = self.parse_vague(i)
            if vague:
                return vague
            ordinal = self.parse_ordinal(i)
            if ordinal:
                return ordinal
        res = self.parse_amount(i)
        if res is None:
            return None
        m, j = res
        if m.kind == "number" and m.value is not None and m.value == int(m.value) and m.value >= 0:
            ratio = self.parse_ratio(i, m, j)
            if ratio:
                return ratio
        return res

    # -- vague counts, ordinals, ratios --------------------------------------------------------
    def parse_vague(self, i: int) -> tuple[NumberMatch, int] | None:
        w = self.low(i)
        for phrase in ("a couple of", "a handful of", "a few", "several"):
            parts = phrase.split()
            if all(self.low(i + k) == p for k, p in enumerate(parts)):
                j = i + len(parts)
                spec = self.vague[phrase]
                base, bound = float(spec["value"]), spec["bound"]
                # "several hundred", "a few thousand", "several dozen"
                mult, k = 1.0, j
                while self.is_word(k, self.scales) or self.low(k) == "hundred" or self.is_word(k, ("dozen",)):
                    lw = self.low(k)
                    mult *= 100.0 if lw == "hundred" else 12.0 if lw == "dozen" else self.scales[lw]
                    k += 1
                if mult > 1:
                    return self.match(
                        i, k, base * mult, kind="vague", words=True, approx=True, bound=bound, scaled=True
                    ), k
                return self.match(i, j, base, kind="vague", words=True, approx=True, bound=bound), j
        if w in self.plural_scales and self.tok(i).kind == "word":  # type: ignore[union-attr]
            # "tens of thousands", "hundreds of thousands", "dozens", "thousands"
            value, j = 2.0 * self.plural_scales[w], i + 1
            if w == "tens" and not (self.low(j) == "of" and self.low(j + 1) in self.plural_scales):
                return None
            while (
                self.low(j) == "of"
                and self.low(j + 1) in self.plural_scales
                and self.low(j + 1) not in ("dozens", "tens")
            ):
                value *= self.plural_scales[self.low(j + 1)]
                j += 2
            if w == "scores" and self.low(j) != "of":
                return None
            return self.match(i, j, value, kind="vague", words=True, approx=True, bound="lower", scaled=True), j
        return None

    def parse_ordinal(self, i: int) -> tuple[NumberMatch, int] | None:
        """ "first", "third" (alone, not after a numerator), "twenty-first"."""
        w = self.low(i)
        if w in self.tens:
            k = i + 2 if self.hyphen_at(i + 1) else i + 1
            o = self.ordinals.get(self.low(k))
            if o is not None and o < 10:
                return self.match(i, k + 1, self.tens[w] + o, kind="ordinal", words=True), k + 1
            return None
        val = self.ordinals.get(w)
        if val is None:
            return None
        return self.match(i, i + 1, val, kind="ordinal", words=True), i + 1

    def parse_ratio(self, i: int, m: NumberMatch, j: int) -> tuple[NumberMatch, int] | None:
        """ "one in three", "2 in 5", "nine out of ten", "two out of five hundred"."""
        if self.low(j) == "in":
            k = j + 1
        elif self.low(j) == "out" and self.low(j + 1) == "of":
            k = j + 2
        else:
            return None
        den_tok = self.tok(k)
        if den_tok is None or den_tok.kind not in ("num", "word"):
            return None
        sub = self.parse_amount(k)
        if sub is None:
            return None
        d, e = sub
        if d.value is None or m.value is None or d.kind != "number" or d.value < 2 or m.value > d.value:
            return None
        if d.integer_digits and 1800 <= d.value <= 2100:  # "3 in 2022" is a year
            return None
        if m.value > 100:
            return None
        return self.match(i, e, m.value / d.value, kind="ratio", words=m.words or d.words), e

    # -- amounts: digits and words with scales and fractions ------------------------------------
    def parse_amount(self, i: int) -> tuple[NumberMatch, int] | None:
        t = self.toks[i]
        if t.kind == "num":
            return self.parse_digits(i)
        if t.kind == "frac":
            return self.match(i, i + 1, self.ufracs[t.text], kind="fraction"), i + 1
        if t.kind == "word":
            return self.parse_words(i)
        return None

    def parse_digits(self, i: int) -> tuple[NumberMatch, int] | None:
        t = self.toks[i]
        value: float | None = _num_value(t)
        j, kind, note, scaled = i + 1, "number", None, False
        plain = bool(re.fullmatch(r"\d+", t.text))
        # "1 234 567": groups of exactly three digits after a short head
        if plain and len(t.text) <= 3:
            k = j
            while (
                self.gap(k) == " "
                and self.tok(k) is not None
                and self.toks[k].kind == "num"
                and _SPACE_GROUP.fullmatch(self.toks[k].text)
            ):
                k += 1
            if k > j:
                value = float("".join(x.text for x in self.toks[i:k]))
                j, plain = k, False
        nxt = self.tok(j)
        if nxt is not None and nxt.kind == "word" and self.adjacent(j) and nxt.low in ("st", "nd", "rd", "th"):
            return self.match(i, j + 1, value, kind="ordinal"), j + 1
        # fractions: "3/4", "-4/5", "2 1/4", "2½"
        if (
            nxt is not None
            and nxt.text == "/"
            and self.adjacent(j)
            and self.tok(j + 1) is not None
            and self.toks[j + 1].kind == "num"
            and self.adjacent(j + 1)
        ):
            den = _num_value(self.toks[j + 1])
            if den == 0:
                return self.match(i, j + 2, None, kind="fraction", note="division by zero"), j + 2
            if den not in _DENOMINATORS or value is None or value >= den:
                return self.match(i, j + 2, None, kind="code"), j + 2  # "24/7", "9/11": not fractions
            return self.match(i, j + 2, value / den, kind="fraction"), j + 2
        if (
            nxt is not None
            and nxt.kind == "num"
            and self.gap(j) in (" ", "  ")
            and self.tok(j + 1) is not None
            and self.toks[j + 1].text == "/"
            and self.adjacent(j + 1)
            and self.adjacent(j + 2)
            and self.tok(j + 2) is not None
            and self.toks[j + 2].kind == "num"
        ):
            a, b = _num_value(nxt), _num_value(self.toks[j + 2])
            if b and a < b and value is not None:
                return self.match(i, j + 3, value + a / b, kind="number"), j + 3
        if nxt is not None and nxt.kind == "frac" and self.adjacent(j) and value is not None:
            return self.match(i, j + 1, value + self.ufracs[nxt.text]), j + 1
        # exponents: "10^400", "1.1^23", "1.3x10^6", "2.48×10−5"
        if nxt is not None and nxt.text == "^" and self.adjacent(j):
            exp = self._signed_num(j + 1)
            if exp is not None:
                e, k = exp
                pv, pnote = _power(value or 0.0, e)
                return self.match(i, k, pv, note=pnote), k
        if (
            nxt is not None
            and nxt.low in ("x", "×")
            and self.adjacent(j)
            and self.tok(j + 1) is not None
            and self.toks[j + 1].text == "10"
            and self.adjacent(j + 1)
        ):
            k = j + 2
            if self.tok(k) is not None and self.toks[k].text == "^" and self.adjacent(k):
                k += 1
            exp = self._signed_num(k)
            if exp is not None and self.adjacent(k):
                e, k2 = exp
                p, pnote = _power(10.0, e)
                return self.match(i, k2, value * p if p is not None and value is not None else None, note=pnote), k2
        # attached multipliers: "10k", "1.2b", "3.5bn", "10M", "$2.174T"
        if nxt is not None and nxt.kind == "word" and self.adjacent(j) and nxt.text in self.suffixes:
            value = (value or 0.0) * self.suffixes[nxt.text]
            j, scaled, plain = j + 1, True, False
        elif (
            nxt is not None
            and nxt.kind == "word"
            and (nxt.text in ("k", "K") or nxt.text in _SPACED_SCALES and not plain)
            and self.gap(j) in (" ", "  ")
            and not (self.tok(j + 1) is not None and self.toks[j + 1].kind == "word" and self.adjacent(j + 1))
        ):
            # "10 k", "1,674,200.5 M", "1,674.5 G": a magnitude letter after a space; M/G/B only after
            # a grouped or decimal number ("5 M" may be a name, "1,674.5 M" is not)
            value = (value or 0.0) * (1e3 if nxt.text in ("k", "K") else _SPACED_SCALES[nxt.text])
            j, scaled, plain = j + 1, True, False
        # spelled scales: "1.5 million", "322 hundred", "three lakh crore", "4 thousand 3 hundred and 21"
        if not scaled:
            res = self._scale_tail(value or 0.0, j)
            if res is not None:
                value, j2 = res
                if j2 != j:
                    j, scaled, plain = j2, True, False
        return self.match(i, j, value, kind=kind, note=note, scaled=scaled, integer_digits=plain), j

    def _signed_num(self, k: int) -> tuple[float, int] | None:
        sign = 1.0
        while self.tok(k) is not None and self.toks[k].text in "+-−" and len(self.toks[k].text) == 1:
            sign = -sign if self.toks[k].text != "+" else sign
            k += 1
        t = self.tok(k)
        if t is None or t.kind != "num":
            return None
        return sign * _num_value(t), k + 1

    def _scale_tail(self, value: float, j: int) -> tuple[float, int] | None:
        """Digits followed by hundred/thousand/million words (and "and 21" after them)."""
        total, current, k, last_scale = 0.0, value, j, math.inf
        had = False
        while True:
            w = self.low(k)
            if self.tok(k) is None or self.toks[k].kind != "word":
                break
            if self.adjacent(k) and w not in ("hundred", "thousand", "million", "billion", "trillion"):
                break  # "7.62mm" is a unit, not millions
            if w == "hundred" and current < 1000:
                current *= 100
                k, had = k + 1, True
            elif w in self.scales and self.scales[w] < last_scale:
                total += current * self.scales[w]
                last_scale, current, k, had = self.scales[w], 0.0, k + 1, True
            elif w in self.scales and had and self.scales[w] >= last_scale and current == 0:
                total *= self.scales[w]  # "three lakh crore"
                last_scale, k = self.scales[w], k + 1
            elif w in self.dozen:
                current *= 12
                k, had = k + 1, True
            else:
                break
            # continuation: "4 thousand 3 hundred and 21", "3 million and a half"
            nk = k + 1 if self.low(k) == "and" else k
            t = self.tok(nk)
            if had and t is not None and t.kind == "num" and self.low(nk + 1) in ("hundred", *self.scales):
                if current != 0 or last_scale == math.inf:
                    break
                current, k = _num_value(t), nk + 1
                continue
            if (
                had
                and t is not None
                and t.kind == "num"
                and nk != k
                and 0 < _num_value(t) < 100  # "4 thousand 3 hundred and 0 are two numbers": 0 stands alone
                and self.low(nk + 1) not in ("hundred", *self.scales)
            ):
                current += _num_value(t)
                k = nk + 1
                break
            if (
                had
                and nk != k
                and t is not None
                and t.kind == "word"
                and (t.low in self.small or t.low in self.tens)
                and self.low(nk + 1) not in ("half", "quarter")
            ):
                sub = self.parse_words(nk)  # "3 hundred and one", "6 crore and two hundred"
                limit = last_scale if last_scale != math.inf else 100.0
                if sub is not None and sub[0].kind == "number" and sub[0].value is not None and sub[0].value < limit:
                    current += sub[0].value
                    k = sub[1]
                break
            if had and nk != k and self.low(nk) in ("a", "one") and self.low(nk + 1) in ("half", "quarter"):
                frac = 0.5 if self.low(nk + 1) == "half" else 0.25
                base = last_scale if current == 0 and last_scale != math.inf else 1.0
                current += frac * base if current == 0 else frac
                k = nk + 2
                break
        if not had:
            return None
        return total + current, k


def _power(base: float, exp: float) -> tuple[float | None, str | None]:
    """``base ** exp`` or (None, reason) when it overflows."""
    try:
        if base and abs(exp * math.log10(abs(base))) > MAX_EXPONENT:
            return None, f"value overflows ({base:g}^{exp:g})"
        return float(base**exp), None
    except (OverflowError, ValueError, ZeroDivisionError):
        return None, f"value cannot be computed ({base:g}^{exp:g})"


@lru_cache(maxsize=1)
def _start_words() -> frozenset[str]:
    """Lower-cased words a number phrase can start with."""
    lex = lexicon("numbers")
    words = set(lex["small"]) | set(lex["tens"]) | set(lex["plural_scales"]) | set(lex["ordinals"])
    words |= {"a", "an", "half", "quarter", "hundred", "minus", "negative", "several"} | set(lex["scales"])
    return frozenset(words)


def find_numbers(text: str, toks: list[Tok] | None = None) -> list[NumberMatch]:
    """Every number phrase in ``text``, left to right, non-overlapping (longest match wins)."""
    toks = tokenize(text) if toks is None else toks
    parser = _Parser(text, toks)
    starts = _start_words()
    out: list[NumberMatch] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        if t.kind == "word" and t.low not in starts or t.kind == "punct" and t.text not in "-−":
            i += 1  # cheap skip: most tokens cannot start a number
            continue
        res = parser.parse_at(i)
        if res is None:
            i += 1
            continue
        m, j = res
        if m.kind != "code":
            out.append(m)
        i = max(j, i + 1)
    return out


def parse_number(text: str) -> float | None:
    """The value of ``text`` when the whole (stripped) string is one number phrase, else None."""
    text = text.strip()
    found = find_numbers(text)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(text):
        return found[0].value
    return None
