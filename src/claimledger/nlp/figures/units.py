"""Units after a number ("500 square miles", "620-mile", "10kg", "$1.5bn") and their conversion to metric.

The surface forms live in ``resources/figures/units.json``; conversion goes through `pint` (loaded on
first use, ~0.4 s) behind :func:`to_metric`, with one conversion factor cached per unit, so a figure
costs a dictionary lookup after the first of its unit.

    >>> m = match_unit("about 500 square miles of land", 9)
    >>> (m.unit, m.kind)
    ('square mile', 'area')
    >>> round(to_metric(500, "square mile")[0])
    1295
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from claimledger.errors import ModelError
from claimledger.nlp.figures.numbers import lexicon

__all__ = [
    "UnitMatch",
    "currency_after",
    "currency_before",
    "match_unit",
    "pounds_money",
    "scaled_code",
    "to_metric",
    "unit_kind",
]


@dataclass(frozen=True)
class UnitMatch:
    """A unit found in text: ``text[start:end]`` is the unit (brackets included)."""

    start: int
    end: int
    unit: str
    kind: str


@lru_cache(maxsize=1)
def _table() -> dict[str, Any]:
    lex = lexicon("units")
    by_surface: dict[str, str] = {}
    kinds: dict[str, str] = {}
    pint_expr: dict[str, str] = {}
    for u in lex["units"]:
        kinds[u["unit"]] = u["kind"]
        pint_expr[u["unit"]] = u["pint"]
        for s in u["surfaces"]:
            by_surface.setdefault(s.lower(), u["unit"])
    surfaces = sorted(by_surface, key=len, reverse=True)
    alts = "|".join(re.escape(s).replace(r"\ ", r"\s+") for s in surfaces)
    unit_re = re.compile(
        rf"(?P<sep>[ \t\u00a0]{{0,2}}|-|\s?[(\[{{<]\s?)(?P<unit>{alts})(?P<close>\s?[)\]}}>])?(?![A-Za-z0-9²³])",
        re.IGNORECASE,
    )
    cur = lex["currencies"]
    prefixes = sorted(cur["prefix"], key=len, reverse=True)
    before_re = re.compile(r"(?:(?<![A-Za-z])(?:" + "|".join(re.escape(p) for p in prefixes) + r"))[ \u00a0]?\Z")
    words = sorted(cur["suffix"], key=len, reverse=True)
    after_re = re.compile(  # "-" as in "a 12-cent dividend", "a one-yen bid"
        r"(?:[ \u00a0]|-)?(?:US\s+|U\.S\.\s+)?(?P<cur>" + "|".join(re.escape(w) for w in words) + r")(?![A-Za-z])",
        re.IGNORECASE,
    )
    return {
        "by_surface": by_surface,
        "kinds": kinds,
        "pint": pint_expr,
        "unit_re": unit_re,
        "case": lex["case_sensitive"],
        "attached": set(lex["attached_only"]),
        "metric": lex["metric"],
        "metric_pint": lex["metric_pint"],
        "prefix": cur["prefix"],
        "before_re": before_re,
        "suffix": cur["suffix"],
        "after_re": after_re,
    }


# After 10 " or 6 ' a dimension word makes the mark an inch/foot sign, not a quotation mark.
_DIMENSION_AFTER = re.compile(r"\s+(?:long|tall|wide|high|thick|deep|across|in\s+diameter|screen|display)\b", re.I)


def unit_kind(unit: str | None) -> str | None:
    """The kind (length, area, duration, ...) of a canonical unit name; "money" for currency codes."""
    if unit is None:
        return None
    tab = _table()
    if unit in tab["kinds"]:
        return tab["kinds"][unit]  # type: ignore[no-any-return]
    if unit in set(tab["prefix"].values()) | set(tab["suffix"].values()):
        return "money"
    return None


def match_unit(text: str, pos: int) -> UnitMatch | None:
    """The unit starting at ``pos`` (right after a number), if any.

    Short ambiguous forms ("m", "t", "in", "h") count only when attached ("1.8m", "100t"); "620-mile"
    and "20 (kg)" are recognised.
    """
    tab = _table()
    m = tab["unit_re"].match(text, pos)
    if m is None:
        return None
    surface, sep = m.group("unit"), m.group("sep")
    low = surface.lower()
    mark = surface in "\"'" and sep == " " and _DIMENSION_AFTER.match(text, m.end()) is not None
    if low in tab["attached"] and sep != "" and not mark:
        return None
    if sep.strip() and sep.strip() in "([{<" and not m.group("close"):
        return None
    unit = tab["by_surface"][" ".join(low.split())]
    if surface in tab["case"]:
        mapped = tab["case"][surface]
        if mapped is None:
            return None
        unit = mapped
    elif low in ("c", "f"):
        return None
    bracketed = bool(sep.strip()) and sep.strip() in "([{<"
    start, end = (m.start(), m.end()) if bracketed else (m.start("unit"), m.end("unit"))
    return UnitMatch(start, end, unit, tab["kinds"][unit])


# "C$", "c $", "HK$", "usd$", "A$" (capital only: "a $5 bill" is an article): a dollar named by its country.
_DOLLAR_OF = re.compile(
    r"(?<![A-Za-z])(?P<cc>(?i:us|u\.s\.|usd|c|ca|can|cad|au|aud|hk|hkd|nz|nzd|sg|sgd|mex|mx|mxn)|A|S)"
    r"[ \u00a0]?\$[ \u00a0]?\Z"
)
_DOLLAR_CODES = {
    **dict.fromkeys(("us", "u.s.", "usd"), "USD"),
    **dict.fromkeys(("c", "ca", "can", "cad"), "CAD"),
    **dict.fromkeys(("a", "au", "aud"), "AUD"),
    **dict.fromkeys(("hk", "hkd"), "HKD"),
    **dict.fromkeys(("nz", "nzd"), "NZD"),
    **dict.fromkeys(("s", "sg", "sgd"), "SGD"),
    **dict.fromkeys(("mex", "mx", "mxn"), "MXN"),
}


def currency_before(text: str, pos: int) -> tuple[int, str] | None:
    """A currency sign or code right before ``pos`` ("$", "US$ ", "C$", "€", "Rs "): (start, ISO code).

    A code may carry a scale ("MUSD 20": ``USD-million``; see :func:`scaled_code`).
    """
    tab = _table()
    m = _DOLLAR_OF.search(text, max(0, pos - 8), pos)
    if m is not None:
        return m.start(), _DOLLAR_CODES[m.group("cc").lower()]
    m = tab["before_re"].search(text, max(0, pos - 6), pos)
    if m is None:
        return None
    return m.start(), tab["prefix"][m.group().strip()]


def scaled_code(code: str) -> tuple[str, float]:
    """("USD", 1e6) for "USD-million" (financial shorthand "MUSD"), else (code, 1.0)."""
    if code.endswith("-million"):
        return code.removesuffix("-million"), 1e6
    return code, 1.0


def currency_after(text: str, pos: int, *, scaled: bool = False) -> UnitMatch | None:
    """A currency word right after ``pos`` ("dollars", "euros", "million roubles" after its scale).

    "pounds" is money only when a scale precedes it ("20 million pounds") or "sterling" follows.
    """
    tab = _table()
    m = tab["after_re"].match(text, pos)
    if m is None:
        return None
    word = m.group("cur")
    code = tab["suffix"].get(word) or tab["suffix"].get(word.lower())
    if code is None:  # ISO codes ("USD") only in capitals
        return None
    return UnitMatch(m.start("cur"), m.end(), code, "money")


def pounds_money(text: str, pos: int, *, scaled: bool) -> UnitMatch | None:
    """ "20 million pounds" / "5 pounds sterling" as money (GBP)."""
    m = re.compile(r"[ \u00a0]?pounds?(?P<st>\s+sterling)?(?![A-Za-z])", re.IGNORECASE).match(text, pos)
    if m is None or not (scaled or m.group("st")):
        return None
    return UnitMatch(m.start() + (1 if text[m.start()] in " \u00a0" else 0), m.end(), "GBP", "money")


@lru_cache(maxsize=1)
def _registry() -> Any:
    try:
        import pint
    except ImportError as exc:  # pragma: no cover - pint is a dependency
        raise ModelError("pint is not installed; install claimledger's dependencies", input="pint") from exc
    return pint.UnitRegistry()


@cache
def _factor(unit: str) -> tuple[float, str] | None:
    tab = _table()
    kind = tab["kinds"].get(unit)
    if kind is None or kind == "temperature":
        return None
    target = tab["metric"][kind]
    ureg = _registry()
    q = ureg.parse_expression(tab["pint"][unit]) * 1.0
    return float(q.to(tab["metric_pint"][target]).magnitude), target


def to_metric(value: float | None, unit: str | None) -> tuple[float, str] | None:
    """``value`` in ``unit`` expressed in the metric unit of its kind (km, km2, kg, litre, km/h, day, °C).

    Returns None for unknown units, money and missing values.
    """
    if value is None or unit is None:
        return None
    tab = _table()
    kind = tab["kinds"].get(unit)
    if kind == "temperature":
        if not tab["pint"].get(unit):
            return None  # "24 degrees" without a scale
        ureg = _registry()
        q = ureg.Quantity(value, tab["pint"][unit]).to(tab["metric_pint"]["°C"])
        return float(q.magnitude), "°C"
    f = _factor(unit)
    if f is None:
        return None
    return value * f[0], f[1]
