"""What a figure measures, in a small vocabulary: killed, injured, killed_or_injured, troops ...

The figure extractor gives the counted noun (``Figure.counts``: "soldiers", "people", "killed or
injured"); whether "four people" were killed or injured is in the words around the figure
("killing four people and injuring 12", "22 civilians were killed").  :func:`measure_of` reads
both and returns a :class:`Measure`: the quantity (``name``) and whose (``subject``: civilians,
children, soldiers, or None for people in general).

Two measures are compared as the same only when the names are equal and the subjects compatible;
``killed``/``injured`` against ``killed_or_injured`` are :data:`RELATED` (shown side by side as a
different measure, never as a contradiction).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimledger.models import Figure

MEASURES: tuple[str, ...] = (
    "killed",
    "injured",
    "killed_or_injured",
    "dead_or_missing",
    "missing",
    "rescued",
    "hospitalised",
    "arrested",
    "prisoners",
    "troops",
    "displaced",
    "protesters",
    "drones",
    "missiles",
    "buildings",
    "households",
    "settlements",
    "area",
)

# Measures whose figures are compared (the others only go to the timelines): counts of things such
# as buildings or drones are stated of too many different sets ("damaged", "to be rebuilt") to call
# two of them one quantity.
COMPARED = frozenset(
    {
        "killed",
        "injured",
        "killed_or_injured",
        "dead_or_missing",
        "missing",
        "rescued",
        "hospitalised",
        "arrested",
        "prisoners",
        "troops",
        "displaced",
        "protesters",
        "area",
    }
)

# Counts of victims and of people affected: what tolls, increments ("two more bodies") and parts
# ("148 of the dead") are about.
VICTIMS = frozenset(
    {"killed", "injured", "killed_or_injured", "dead_or_missing", "missing", "rescued", "hospitalised", "displaced"}
)

# Pairs that measure overlapping quantities: compared side by side as "different_measure".
RELATED: frozenset[frozenset[str]] = frozenset(
    frozenset(p)
    for p in (
        ("killed", "killed_or_injured"),
        ("injured", "killed_or_injured"),
        ("killed", "dead_or_missing"),
        ("missing", "dead_or_missing"),
        ("injured", "hospitalised"),
    )
)

# Subjects that are a part of "people": a count of children is no count of all victims.
SUBGROUPS = frozenset({"children", "women", "men", "elderly", "pensioners", "aid workers", "journalists", "workers"})
# Subjects that exclude each other (a count of soldiers never contradicts a count of civilians).
EXCLUSIVE = frozenset({"civilians", "soldiers", "police", "fighters"})

_COMBINED = re.compile(r"\b(killed|dead|died)\s+(or|and)\s+(injured|wounded|hurt)\b|\bcasualt(y|ies)\b", re.IGNORECASE)
_DEAD_OR_MISSING = re.compile(r"\b(dead|killed)\s+or\s+missing\b", re.IGNORECASE)
# (measure, pattern over the counted noun or a nearby verb)
_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in (
        ("killed", r"\b(kill\w*|dead|deaths?|died|dies|fatalit\w+|death toll|toll|lives|bodies|buried|perished)\b"),
        ("injured", r"\b(injur\w*|wound\w*|hurt)\b"),
        ("missing", r"\bmissing\b"),
        ("rescued", r"\b(rescued|survivors)\b"),
        ("hospitalised", r"\b(hospitali[sz]ed|taken to hospital)\b"),
        ("arrested", r"\b(arrest\w*|detain\w*)\b"),
        ("prisoners", r"\b(prisoners?|pows?|captives?)\b"),
        ("displaced", r"\b(displac\w*|fled|flee\w*|refugees|evacuat\w*|homeless)\b"),
        ("protesters", r"\b(protesters|demonstrators|marchers|took part|joined the (protest|blockade|march))\b"),
        ("troops", r"\b(troops|soldiers|servicemen|personnel|forces)\b"),
        ("drones", r"\bdrones?\b"),
        ("missiles", r"\b(missiles?|rockets?)\b"),
        ("buildings", r"\b(buildings?|homes?|houses?|apartments?)\b"),
        ("households", r"\bhouseholds?\b"),
        ("settlements", r"\b(settlements?|villages?|towns?)\b"),
    )
)
_VERB_FIRST = ("killed", "injured", "missing", "rescued", "hospitalised", "arrested", "displaced")
_SUBJECTS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in (
        ("children", r"\b(children|child|kids|girls|boys|minors)\b"),
        ("women", r"\bwomen\b"),
        ("aid workers", r"\baid workers\b"),
        ("workers", r"\bworkers\b"),
        ("journalists", r"\bjournalists\b"),
        ("pensioners", r"\b(pensioners|elderly)\b"),
        ("civilians", r"\bcivilians?\b"),
        ("police", r"\b(police|officers|policemen)\b"),
        ("soldiers", r"\b(soldiers|troops|servicemen|personnel)\b"),
        ("fighters", r"\b(fighters|militants|rebels|insurgents)\b"),
    )
)
_SENTENCE_END = re.compile(r"[.;!?\n]")


@dataclass(frozen=True)
class Measure:
    """What a figure measures: ``name`` from :data:`MEASURES`; ``subject`` whose (or None)."""

    name: str
    subject: str | None = None

    @property
    def key(self) -> str:
        """``name`` or ``name:subject`` (as stored in comparisons and timelines)."""
        return self.name if self.subject is None else f"{self.name}:{self.subject}"


def _subject(text: str) -> str | None:
    for name, pattern in _SUBJECTS:
        if pattern.search(text):
            return name
    return None


def _window(text: str, start: int, end: int) -> tuple[str, str]:
    """Up to three words before the figure and the rest of its clause after it (same sentence)."""
    before = text[max(0, start - 40) : start]
    before = " ".join(_SENTENCE_END.split(before)[-1].split()[-3:])
    after = text[end : end + 90]
    after = _SENTENCE_END.split(after)[0]
    return before, after


_INCREMENT_AFTER = re.compile(r"^\s*(more|additional|extra|other|further|new)\b", re.IGNORECASE)
_PART_OF = re.compile(r"^\s*of (the|them|those|whom|which|these)\b", re.IGNORECASE)
_INCREMENT_BEFORE = re.compile(r"\b(another|an additional|a further|(up|down) from|compared with)\s*$", re.IGNORECASE)
_HEDGE = r"(\s+(at least|about|some|nearly|almost|around|over|more than|up to))?\s*$"
_GERUND_BEFORE = re.compile(r"\b(killing|injuring|wounding|displacing)\b" + _HEDGE)
# a past-tense verb right before the figure ("we have buried at least 14", "rescued 58")
_VERB_BEFORE = re.compile(
    r"\b(killed|buried|injured|wounded|rescued|evacuated|arrested|detained|displaced|hospitali[sz]ed)\b" + _HEDGE,
    re.IGNORECASE,
)
_TOLL_BEFORE = re.compile(r"\b(death )?toll\b[^.;:]{0,70}\b(at|of|to)\s+((at least|about|some|nearly|over)\s+)?$", re.I)
_NUMBER_OF = re.compile(
    r"\bnumber of\b(?:\s+\w+){0,2}?\s+(killed|dead|injured|wounded|displaced|arrested|detained|missing)\b"
    r"[^.;:]{0,100}\b(to|at|of|is|was|stands at|reached)\s+((at least|about|some|nearly|over)\s+)?$",
    re.I,
)
_VERB_MEASURE = {"buried": "killed", "evacuated": "displaced", "detained": "arrested", "hospitalized": "hospitalised"}


def is_increment(fig: Figure, text: str) -> bool:
    """True for a figure that counts a change, an earlier value or a part, not the total: "two more
    bodies", "another 12", "40 injured, up from 31", "148 of the dead" (a share keeps its "of")."""
    if not text:
        return False
    is_share = fig.kind == "fraction" or (fig.normalized or {}).get("unit") == "fraction"
    if not is_share and _PART_OF.match(text[fig.end : fig.end + 20]):
        return True
    return bool(
        _INCREMENT_AFTER.match(text[fig.end : fig.end + 20])
        or _INCREMENT_BEFORE.search(text[max(0, fig.start - 20) : fig.start])
    )


def measure_of(fig: Figure, text: str = "") -> Measure | None:
    """The measure of ``fig`` from its counted noun and the words around it in ``text``.

    A figure with a decimal part below 100 ("magnitude 5.9") is no count of people or things, and an
    increment ("two more bodies") or an earlier value ("up from 31") is not what is counted: None.

    Args:
        fig: a figure (its ``counts``, ``kind`` and offsets are used).
        text: the article text the offsets point into ("" = judge by ``counts`` alone).
    """
    if fig.kind in ("duration", "length", "money", "percent", "speed", "temperature", "mass", "time"):
        return None
    counts = (fig.counts or "").strip()
    if fig.kind == "area" or (fig.normalized or {}).get("unit") == "km2":
        return Measure("area")
    is_share = fig.kind == "fraction" or (fig.normalized or {}).get("unit") == "fraction"
    if not is_share and fig.value is not None and fig.value < 100 and fig.value != int(fig.value):
        return None
    found = _measure(fig, text, counts)
    if found is not None and found.name in VICTIMS and is_increment(fig, text):
        return None  # "two more bodies": the toll's change, not the toll ("5,000 additional soldiers" stays)
    return found


def _measure(fig: Figure, text: str, counts: str) -> Measure | None:
    before, after = _window(text, fig.start, fig.end) if text else ("", "")
    after_words = " ".join(after.split()[:8])
    near = f"{counts} {after_words}"
    subject = _subject(counts)
    if _DEAD_OR_MISSING.search(near):
        return Measure("dead_or_missing", subject)
    if _COMBINED.search(near) or _COMBINED.search(before):
        return Measure("killed_or_injured", subject)
    # the counted noun itself names the measure ("deaths", "injured", "prisoners")
    for name, pattern in _WORDS:
        if counts and pattern.search(counts) and name not in ("troops",):
            return Measure(name, subject)
    # a gerund just before ("killing four people", "injuring 12") or a verb after ("were killed")
    gerund = _GERUND_BEFORE.search(before.lower())
    if gerund:
        verb = gerund.group(1)
        return Measure({"killing": "killed", "displacing": "displaced"}.get(verb, "injured"), subject)
    clause = _SENTENCE_END.split(text[max(0, fig.start - 160) : fig.start])[-1] if text else ""
    if _TOLL_BEFORE.search(clause):
        return Measure("killed", subject)  # "the toll at 200", "the death toll ... rose to 38"
    stated = _NUMBER_OF.search(clause)
    if stated:  # "the number of people killed in the protests has risen to 16"
        word = stated.group(1).lower()
        return Measure(next(n for n, p in _WORDS if n in _VERB_FIRST and p.search(word)), subject)
    verb_before = _VERB_BEFORE.search(before)
    if verb_before:
        verb = verb_before.group(1).lower()
        return Measure(_VERB_MEASURE.get(verb, verb), subject)
    hits = [(m.start(), name) for name, pattern in _WORDS if name in _VERB_FIRST for m in pattern.finditer(after_words)]
    if hits:
        return Measure(min(hits)[1], subject)
    for name, pattern in _WORDS:
        if counts and pattern.search(counts):
            return Measure(name, None if name == "troops" else subject)
    if re.search(r"\b(members|workers|people|thousands|protesters|demonstrators)\b", counts) and re.search(
        r"\b(took part|joined|marched|protest\w*|demonstrat\w*|rall\w+)\b", f"{before} {after_words}"
    ):
        return Measure("protesters")
    return None


def relation_of(a: Measure, b: Measure) -> str | None:
    """``same`` when two measures count one quantity, ``related`` when they overlap (killed against
    killed-or-injured, a subgroup against all), None when they are not comparable."""
    if a.name not in COMPARED or b.name not in COMPARED:
        return None
    if a.name != b.name:
        return "related" if frozenset((a.name, b.name)) in RELATED else None
    if a.subject == b.subject:
        return "same"
    subjects = {a.subject, b.subject}
    if subjects <= EXCLUSIVE | {None} and None not in subjects:
        return None  # civilians vs soldiers: two different groups
    if subjects & SUBGROUPS:
        return "related" if None in subjects or "civilians" in subjects else None
    if subjects & (EXCLUSIVE - {"civilians"}):
        return "related"  # police officers hurt beside people injured: side by side
    return "same"  # people in general vs civilians: the same victims in the reports we read


__all__ = [
    "COMPARED",
    "EXCLUSIVE",
    "MEASURES",
    "RELATED",
    "SUBGROUPS",
    "VICTIMS",
    "Measure",
    "is_increment",
    "measure_of",
    "relation_of",
]
