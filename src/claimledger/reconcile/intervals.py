"""Figures as intervals: what range of true values a stated figure allows.

Comparing "over 10,000 soldiers" with "12,000 troops" needs more than the two numbers: the first
allows anything from 10,000 up, the second a rounded 12,000.  :func:`interval_of` turns a
:class:`~claimledger.models.Figure` into an :class:`Interval` by the rules below, each one named in
``Interval.rule`` so a user sees why two figures were found to agree or conflict.

Rules (first that applies):

``range``     "between 20 and 30", "20-30": [value, high].
``vague``     plural scale words without a number ("dozens", "tens of thousands"): at least two of
              the unit, fewer than ten of it (the point where the next word up, "hundreds",
              "hundreds of thousands", would be used instead): dozens = [24, 120), tens of
              thousands = [20,000, 100,000).  "several" = [3, 9], "a few" = [2, 5].
``lower``     "over", "more than", "at least": [value, ∞).
``nearly``    "nearly", "almost" (an upper bound stated approximately): [value·(1 − t), value].
``upper``     "up to", "fewer than", "at most": [0, value].
``about``     "about", "around", "some", "roughly": value ± t·value.
``rounded``   a bare count of 100 or more that is a multiple of 100 (news rounds such counts):
              value ± ROUNDED_TOLERANCE·value.
``exact``     any other number: [value, value].

``t`` is :data:`APPROX_TOLERANCE` (10 %): the spread readers give "about N" for round N in
elicitation studies of numerical hedges (Ferson et al. 2015, "Natural language of uncertainty:
numeric hedge words", Int. J. Approx. Reasoning 57; "about 100" read as roughly 90-110 on average).
A fraction with a stated base ("one-third of the 12,000") is compared through its absolute value
(``derived_value``); without a base it stays a share (unit ``fraction``) and is compared only with
other shares.  Areas, lengths and money are compared in their normalised unit.

    >>> from claimledger.models import Figure
    >>> interval_of(Figure("f1", "d", None, "over 10,000", 0, 11, 10000.0, bound="lower"))
    Interval(low=10000.0, high=inf, unit=None, rule='lower')
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from claimledger.models import Figure

APPROX_TOLERANCE = 0.10
ROUNDED_TOLERANCE = 0.05
INF = math.inf

# Plural scale words used as a count on their own ("dozens of", "tens of thousands").  The value the
# figure extractor gives them is the lower end (two of the unit); the unit is value / 2.
_VAGUE_PLURAL = re.compile(r"\b(dozens|scores|tens|hundreds|thousands|millions|billions)\b", re.IGNORECASE)
_SEVERAL = re.compile(r"^\s*several\s*$", re.IGNORECASE)
_A_FEW = re.compile(r"^\s*a\s+few\s*$", re.IGNORECASE)
_NEARLY = re.compile(r"\b(nearly|almost|close to|just under|just short of)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Interval:
    """The true values a figure allows: ``low <= x <= high`` (``high`` may be ``inf``).

    ``unit`` is None for counts, ``fraction`` for shares without a base, else the normalised unit
    (``km2``, ``km`` ...); ``rule`` names the rule of the module docstring that produced it.
    """

    low: float
    high: float
    unit: str | None = None
    rule: str = "exact"

    def overlaps(self, other: Interval) -> bool:
        """True when some value lies in both intervals (the figures can both be right)."""
        return self.low <= other.high and other.low <= self.high

    def to_record(self) -> dict[str, Any]:
        """JSON-ready form; an unbounded end is ``None`` (JSON has no infinity)."""
        return {
            "low": self.low,
            "high": None if math.isinf(self.high) else self.high,
            "unit": self.unit,
            "rule": self.rule,
        }

    @classmethod
    def from_record(cls, rec: dict[str, Any]) -> Interval:
        """The inverse of :meth:`to_record`."""
        high = rec.get("high")
        return cls(float(rec["low"]), INF if high is None else float(high), rec.get("unit"), rec.get("rule") or "exact")

    @property
    def point(self) -> float:
        """One representative value: the middle of a bounded interval, else its finite end."""
        if math.isinf(self.high):
            return self.low
        return (self.low + self.high) / 2


def _base(fig: Figure) -> tuple[float, str | None] | None:
    """The value and unit to compare: absolute where a fraction's base is stated, else normalised."""
    if fig.kind == "fraction" or (fig.normalized or {}).get("unit") == "fraction":
        if fig.derived_value is not None and math.isfinite(fig.derived_value):
            return float(fig.derived_value), None
        if fig.value is None:
            return None
        return float(fig.value), "fraction"
    norm = fig.normalized or {}
    value = norm.get("value", fig.value)
    if value is None or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    return float(value), norm.get("unit") if norm else fig.unit


def is_vague(fig: Figure) -> bool:
    """True for a vague count ("dozens", "tens of thousands", "several", "a few")."""
    text = fig.text or ""
    if _SEVERAL.match(text) or _A_FEW.match(text):
        return True
    return bool(fig.approx and _VAGUE_PLURAL.search(text) and not re.search(r"\d", text))


def interval_of(fig: Figure) -> Interval | None:
    """The interval of values ``fig`` allows, or None when it has no usable number.

    Args:
        fig: a figure as read from an article (value, bound, approx, high, normalized, derived_value).
    """
    base = _base(fig)
    if base is None:
        return None
    value, unit = base
    scale = value / fig.value if fig.value else 1.0  # normalised / stated (unit conversion, base)
    if fig.high is not None and math.isfinite(fig.high) and fig.high * scale >= value:
        return Interval(value, fig.high * scale, unit, "range")
    text = fig.text or ""
    if _SEVERAL.match(text):
        return Interval(3.0, 9.0, unit, "vague")
    if _A_FEW.match(text):
        return Interval(2.0, 5.0, unit, "vague")
    if is_vague(fig):
        # value = two of the unit; fewer than ten of it, or the next scale word would be used.
        return Interval(value, value * 5.0, unit, "vague")
    tol = APPROX_TOLERANCE * abs(value)
    if fig.bound == "lower":
        return Interval(value, INF, unit, "lower")
    if fig.bound == "upper":
        if fig.approx or _NEARLY.search(text):
            return Interval(value - tol, value, unit, "nearly")
        return Interval(0.0, value, unit, "upper")
    if fig.approx:
        return Interval(value - tol, value + tol, unit, "about")
    if unit is None and value >= 100 and value % 100 == 0:
        return Interval(value * (1 - ROUNDED_TOLERANCE), value * (1 + ROUNDED_TOLERANCE), unit, "rounded")
    return Interval(value, value, unit, "exact")


def conservative_count(fig: Figure) -> float | None:
    """The count ACLED would record for ``fig``: the number as stated, with vague plurals fixed at
    one unit as ACLED's codebook does ("dozens" = 12, "tens" = 10, "hundreds" = 100, "thousands" =
    1,000); "several" and "a few" at the lower end of our reading (3).  A fraction counts through its
    stated base ("one-third of 12,000" = 4,000), else it is no count (None).

    Args:
        fig: a count figure.
    """
    if fig.value is None or not math.isfinite(fig.value):
        return None
    text = fig.text or ""
    if _SEVERAL.match(text) or _A_FEW.match(text):
        return 3.0
    if is_vague(fig):
        return float(fig.value) / 2.0  # the extractor reads "Xs" as two X; ACLED counts one X
    if fig.kind == "fraction" or (fig.normalized or {}).get("unit") == "fraction":
        return None if fig.derived_value is None else float(math.floor(fig.derived_value))
    return float(fig.value)


__all__ = ["APPROX_TOLERANCE", "ROUNDED_TOLERANCE", "Interval", "conservative_count", "interval_of", "is_vague"]
