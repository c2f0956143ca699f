"""``Fig``: one figure while it is being assembled (by :mod:`.component` and :mod:`.context`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from claimledger.nlp.figures.numbers import NumberMatch


@dataclass
class Fig:
    """A figure being assembled (mutable; turned into a plain dict at the end)."""

    start: int
    end: int
    value: float | None
    kind: str  # number, fraction, ratio, vague (from numbers.py) then count, percent, money, length ...
    num_start: int
    num_end: int
    words: bool = False
    scaled: bool = False
    integer_digits: bool = False
    unit: str | None = None
    unit_kind: str | None = None
    bound: str | None = None
    approx: bool = False
    high: float | None = None
    note: str | None = None
    counts: str | None = None
    of: float | None = None
    derived_value: float | None = None
    measure: str | None = None  # killed, injured, arrested ... (claimledger.nlp.figures.measure)
    measure_subject: str | None = None  # civilians, children, soldiers ... or None
    cued: bool = False
    drop: str | None = None  # why this is not a figure
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_number(cls, m: NumberMatch) -> Fig:
        return cls(
            m.start,
            m.end,
            m.value,
            m.kind,
            m.start,
            m.end,
            words=m.words,
            scaled=m.scaled,
            integer_digits=m.integer_digits,
            bound=m.bound,
            approx=m.approx,
            note=m.note,
        )
