"""Recognition grammar for English time expressions (used by :mod:`claimledger.nlp.times.timex`).

One regular expression per kind of expression (``day_mdy``, ``weekday``, ``rel_unit``, ``ago`` ...).
Each is wrapped as ``PREP? MOD? CORE``: the governing preposition ("on", "since", "until") gives the
relation, the modifier ("early", "mid-", "the end of", "earlier") a ``mod``, and the core is the
expression the resolvers read; :func:`timex_extent` gives the TimeML/TIMEX3 extent (prepositions and
signal words excluded, determiners and modifiers included, as in TimeML guidelines and TempEval-3).
:func:`scan` returns every non-overlapping match, longest first.

The regexes, their word lists and trigger words are in :mod:`claimledger.nlp.times.patterns`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from claimledger.nlp.times.patterns import LOCATIVE_PREPS, RANGE_PREPS, patterns, triggers


@dataclass(frozen=True)
class Match:
    """One recognised expression: offsets of the whole phrase, of its core and of its TIMEX3 extent.

    ``start``/``end`` cover the phrase with its governing preposition ("since early November");
    ``core_start``/``core_end`` the expression the resolvers read ("November"); ``timex_start``/
    ``timex_end`` (see :attr:`timex`) the extent TimeML annotates ("early November"): modifiers
    included, prepositions and trailing signal words ("two days *before* the vote") and focus
    particles ("*just* a year") left out.  None means the same as the core.
    """

    start: int
    end: int
    core_start: int
    core_end: int
    kind: str
    groups: dict[str, str | None] = field(default_factory=dict)
    prep: str | None = None
    mod: str | None = None
    parts: tuple[Match, ...] = ()
    timex_start: int | None = None
    timex_end: int | None = None

    @property
    def timex(self) -> tuple[int, int]:
        """(start, end) of the TIMEX3 extent."""
        s = self.core_start if self.timex_start is None else self.timex_start
        e = self.core_end if self.timex_end is None else self.timex_end
        return s, e


# Focus particles before a time are not part of its TIMEX3 ("just one year after the launch").
_FOCUS = re.compile(r"(?:just|only|even)\s+", re.IGNORECASE)
# "two days before the vote", "three years after the war": the preposition is a TimeML signal.
_SIGNAL_DIRS = ("before", "after")


def timex_extent(kind: str, m: re.Match[str], text: str) -> tuple[int, int]:
    """The TIMEX3 extent of a regex match of :func:`~claimledger.nlp.times.patterns.patterns`.

    Args:
        kind: the kind of the pattern that matched.
        m: the match (groups ``mod``, ``core``, and ``dir`` for "ago" kinds).
        text: the text matched.
    """
    s = m.start("mod") if m.group("mod") else m.start("core")
    e = m.end("core")
    lead = _FOCUS.match(text, s, e)
    if lead is not None:
        s = lead.end()
    if kind == "ago" and (m.group("dir") or "").lower() in _SIGNAL_DIRS:
        e = m.start("dir")
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


_AMBIGUOUS_MONTHS = {"may", "march", "sat", "sun", "wed"}
_NOT_PLURAL = {
    "was",
    "is",
    "has",
    "as",
    "this",
    "his",
    "its",
    "us",
    "thus",
    "whereas",
    "plus",
    "versus",
    "across",
    "towards",
    "afterwards",
    "always",
    "perhaps",
}
_NEEDS_PREP = {"era", "event"}


# After "that day" these make "that" a pronoun or conjunction ("that day has come", "said that day would ...").
_NOT_AFTER_THAT = {"has", "have", "had", "is", "was", "will", "would", "could", "came", "comes", "when", "of"}


_NAMED_AFTER = re.compile(
    r"\s+as\b|['\u2019]s\b|\s+(?:in|of)\s+(?:(?:early|mid|late)[\s-]+)?"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|spring|summer|autumn|fall|winter|\d{4})",
    re.IGNORECASE,
)


def _accept_anaphor(g: dict[str, str | None], after: str) -> bool:
    """Not anaphoric: "the same day as the vote" (anchored to the vote), "that day in April" (says which),
    "that year's budget" (a possessive)."""
    if _NAMED_AFTER.match(after):
        return False
    nxt = re.match(r"\s+([a-z]+)", after, re.IGNORECASE)
    return not ((g.get("aw") or "").lower() == "that" and nxt and nxt[1].lower() in _NOT_AFTER_THAT)


# "ended the day up 2 %", "closed the day at": the day of the text's story, without a preposition.
_DAY_VERB_BEFORE = re.compile(
    r"(?:end|ends|ended|ending|finish|finished|finishing|close|closed|closing|start|started|starting|"
    r"open|opened|opening|begin|began|begun)\s+\Z",
    re.IGNORECASE,
)
_DAY_PREPS = ("for", "during", "throughout", "in", "over", "through")
_BARE_DURATION_PREPS = ("for", "in", "within", "over", "after", "during", "throughout")
# "15 a year", "15 jets a year", "twice a day", "$50,000 a year": a rate, i.e. a TIMEX3 set.
_RATE_BEFORE = re.compile(
    r"(?:\d[\d,.]*(?:\s*(?:%|million|billion|thousand|bn|m))?(?:\s+[a-z]+){0,2}|once|twice|thrice|times)\s+\Z",
    re.IGNORECASE,
)


def _accept_context(kind: str, g: dict[str, str | None], m: re.Match[str], text: str) -> bool | None:
    """Filters of the context-dependent kinds (True/False), or None for the general filters of :func:`_accept`."""
    prep, mod, core = g.get("prep"), g.get("mod"), g["core"] or ""
    before = text[max(0, m.start() - 25) : m.start()]
    if kind == "the_unit":
        idiom = (prep or "").lower() == "at" and re.match(r"\s*,", text[m.end() :])
        if idiom and (g.get("u") or "").lower() == "day" and "end" in (mod or "").lower():
            return False  # "At the end of the day, we need to ..." is a figure of speech
        if mod:
            return True
        if (g.get("u") or "").lower() != "day":
            return False
        if re.match(r"\s+(?:that|when|of|before|after)\b", text[m.end() :], re.IGNORECASE):
            return False  # "the day that the land vanishes", "the day of the vote": named by what follows
        return (prep or "").lower() in _DAY_PREPS or (prep is None and bool(_DAY_VERB_BEFORE.search(before)))
    if kind == "duration_bare":
        if (prep or "").lower() not in _BARE_DURATION_PREPS or mod:
            return False
        if core.lower().startswith("the") and (prep or "").lower() != "over":
            return False  # "over the years" is a stretch of time; "in the years after" names none
        return not re.match(r"[\s-]+(?:old|ago|of\s+age|later|earlier)\b", text[m.end() :], re.IGNORECASE)
    if kind == "set" and core.lower().startswith("a "):
        return bool(_RATE_BEFORE.search(before))
    if kind == "vague" and core.lower() == "now":
        return not re.search(r"(?:from|by|until|till|up\s+to|right)\s+\Z", before, re.IGNORECASE) or bool(prep)
    return None


def _accept(kind: str, m: re.Match[str], text: str) -> bool:
    """Filters that a regex cannot say well (capitalisation, context)."""
    g = m.groupdict()
    prep, mod, core = g.get("prep"), g.get("mod"), g["core"]
    decided = _accept_context(kind, g, m, text)
    if decided is not None:
        return decided
    if kind in _NEEDS_PREP and not (prep or mod):
        return False
    if kind == "event" and (not prep or prep.lower() in LOCATIVE_PREPS):
        return False  # "before the election" is a time, "in the election" is not
    if kind == "month" and g.get("mon") and g["mon"].lower() in _AMBIGUOUS_MONTHS:
        word = g["mon"]
        if not (g.get("year") or g.get("ry") or g.get("r") or prep or mod) or (word.islower() and not text.islower()):
            return False
    if kind in ("date_mdy", "date_dmy") and g.get("mon", "").lower() in _AMBIGUOUS_MONTHS:
        if g["mon"].islower() and not text.islower() and not g.get("year"):
            return False
    if kind == "duration" and g.get("u", "").lower().startswith(("quarter", "half")):
        if re.match(r"\s+of\b", text[m.end() :]) and not re.search(r"consecutive|straight|successive", core, re.I):
            return False  # "a quarter of the troops" is a fraction
    if kind in ("duration", "ago") and g.get("n", "").lower() in ("a", "an", "some", "many"):
        if kind == "duration" and not (prep or g.get("approx") or g.get("ctx")):
            return False
    if kind == "year":
        if g.get("year") and not (prep or mod or core.lower().startswith("the year")):
            value = int(g["year"])
            if not 1900 <= value <= 2100:
                return False
            before = text[max(0, m.start() - 2) : m.start()]
            if before.endswith(("$", "\u20ac", "\u00a3", "#", "No")):
                return False
            nxt = re.match(r"\s+([a-z]+)", text[m.end() :])
            if nxt and nxt[1].endswith("s") and nxt[1] not in _NOT_PLURAL:
                return False  # "2000 troops", "1900 homes": a count, not a year
    if kind == "anaphor" and not _accept_anaphor(g, text[m.end() :]):
        return False
    if kind == "set" and core.lower() in ("annual", "daily", "weekly", "monthly", "yearly", "quarterly"):
        return True
    if kind == "weekday" and core.lower() in ("sat", "sun", "wed", "mon", "fri"):
        return False
    if kind == "season":
        if not (g.get("r") or g.get("year") or g.get("ry") or prep or mod or core.lower().startswith("the")):
            return False
        if re.match(r"\s+of\s+(?!\d)", text[m.end() :]):
            return False
    if kind == "day_range_c" and prep not in ("from", "between"):
        return False
    if kind == "decade" and not (g.get("dc") or g.get("dd") or g.get("dd3") or g.get("dd4") or g.get("dd5")):
        return core.lower().startswith("the")
    return True


_RADIUS = 110
_WORD = re.compile(r"[A-Za-z]+|\d+")


@lru_cache(maxsize=1)
def _kinds_by_word() -> dict[str, tuple[str, ...]]:
    """Inverted triggers: word (or ``#4``/``#s`` for numbers) -> kinds it opens a window for."""
    inv: dict[str, list[str]] = {}
    for kind, words in triggers().items():
        for w in words:
            inv.setdefault(w, []).append(kind)
    return {w: tuple(ks) for w, ks in inv.items()}


def _windows(text: str) -> dict[str, list[tuple[int, int]]]:
    """Per kind, merged character windows around its trigger words."""
    inv = _kinds_by_word()
    n = len(text)
    out: dict[str, list[tuple[int, int]]] = {}
    for m in _WORD.finditer(text):
        w = m.group().lower()
        if w[0].isdigit():
            w = "#4" if len(w) == 4 and "1000" <= w <= "2099" else "#s"
        kinds = inv.get(w, ())
        if not kinds:
            continue
        s, e = max(0, m.start() - _RADIUS), min(n, m.end() + _RADIUS)
        for k in kinds:
            wins = out.setdefault(k, [])
            if wins and s <= wins[-1][1]:
                wins[-1] = (wins[-1][0], e)
            else:
                wins.append((s, e))
    return out


def scan(text: str) -> list[Match]:
    """Every time expression in ``text``: non-overlapping, in text order.

    Overlaps are resolved by length of the core, then of the whole phrase, then by pattern order.
    """
    cands: dict[tuple[int, int], tuple[int, int, int, Match]] = {}
    windows = _windows(text)
    for rank, (kind, rx) in enumerate(patterns()):
        for ws, we in windows.get(kind, ()):
            pos = ws
            while pos < we:
                m = rx.search(text, pos, we)
                if not m:
                    break
                if not _accept(kind, m, text):
                    # A rejected preposition/modifier must not hide a core that stands on its own.
                    pos = m.start() + 1
                    continue
                pos = m.end()
                g = {k: v for k, v in m.groupdict().items() if v is not None}
                prep = g.get("prep")
                ts, te = timex_extent(kind, m, text)
                match = Match(
                    m.start(),
                    m.end(),
                    m.start("core"),
                    m.end("core"),
                    kind,
                    g,
                    " ".join(prep.lower().split()) if prep else None,
                    " ".join(g["mod"].lower().split()) if g.get("mod") else None,
                    timex_start=ts,
                    timex_end=te,
                )
                key = (m.start(), rank)
                cands[key] = (-(m.end("core") - m.start("core")), -(m.end() - m.start()), rank, match)
    ordered = sorted(cands.values(), key=lambda c: (c[0], c[1], c[2], c[3].start))
    taken: list[Match] = []
    for *_, match in ordered:
        if all(match.end <= t.start or match.start >= t.end for t in taken):
            taken.append(match)
    taken.sort(key=lambda t: t.start)
    return _merge_clock_days(text, _merge_ranges(text, taken))


_DAY_KINDS = {"weekday", "dayword", "date_mdy", "date_dmy", "date_ymd", "date_numeric"}


def _merge_clock_days(text: str, taken: list[Match]) -> list[Match]:
    """ "16:00 UTC today", "12:00 UTC Monday", "8 p.m. Friday, Jan. 31": one TIME (no preposition between)."""
    out: list[Match] = []
    for m in taken:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind == "clock"
            and m.kind in _DAY_KINDS
            and m.prep is None
            and re.fullmatch(r"\s*,?\s*", text[prev.end : m.start])
        ):
            out[-1] = Match(
                prev.start,
                m.end,
                prev.core_start,
                m.core_end,
                "clock_day",
                {"core": text[prev.core_start : m.end]},
                prev.prep,
                None,
                (prev, m),
                prev.timex[0],
                m.timex[1],
            )
            continue
        out.append(m)
    return out


_CONNECTOR = re.compile(r"\s*(?:to|until|till|through|and|-|\u2013)\s*$", re.IGNORECASE)
_RANGE_KINDS = {
    "date_mdy",
    "date_dmy",
    "date_wd_the",
    "month",
    "month_abbr_year",
    "year_month",
    "year",
    "weekday",
    "dayword",
    "ym_numeric",
    "date_ymd",
    "date_numeric",
    "quarter",
    "quarter_q",
    "season",
    "holiday",
    "decade",
}
_STARTING = ("from", "starting", "beginning", "starting from", "starting on")
_RANGE_WORDS = ("-", "\u2013", "through", "until", "till")


def _merge_ranges(text: str, taken: list[Match]) -> list[Match]:
    """ "from 2014 to 2018", "between May 2015 and 2018", "Oct. 2 - Oct. 22": one range match."""
    out: list[Match] = []
    for m in taken:
        prev = out[-1] if out else None
        gap = text[prev.end : m.start] if prev is not None else ""
        if prev is not None and prev.kind == "duration" and m.prep in _STARTING and re.fullmatch(r"\s*,?\s*", gap):
            # "a 30-day truce starting Monday": the stretch of time begins at the date.
            out[-1] = Match(
                prev.start,
                m.end,
                prev.core_start,
                m.end,
                "range",
                {"core": text[prev.core_start : m.end]},
                prev.prep,
                None,
                (prev, m),
                prev.timex[0],
                m.timex[1],
            )
            continue
        if (
            prev is not None
            and m.prep in ("until", "till", "through")
            and not gap.strip()
            and prev.kind in _RANGE_KINDS
            and m.kind in _RANGE_KINDS
        ):
            out[-1] = Match(
                prev.start,
                m.end,
                prev.start if prev.prep in RANGE_PREPS else prev.core_start,
                m.end,
                "range",
                {"core": text[prev.core_start : m.end]},
                None if prev.prep in RANGE_PREPS else prev.prep,
                None,
                (prev, m),
                prev.timex[0],
                m.timex[1],
            )
            continue
        if (
            prev is not None
            and not m.prep
            and prev.kind in _RANGE_KINDS
            and m.kind in _RANGE_KINDS
            and _CONNECTOR.fullmatch(gap)
        ):
            between = text[prev.end : m.start].strip().lower()
            opened = prev.prep in RANGE_PREPS and (between != "and" or prev.prep == "between")
            if opened or between in _RANGE_WORDS or between == "to" and prev.kind == m.kind:
                prep = "from" if prev.prep == "from" else prev.prep
                out[-1] = Match(
                    prev.start,
                    m.end,
                    prev.start if prev.prep in RANGE_PREPS else prev.core_start,
                    m.end,
                    "range",
                    {"core": text[prev.core_start : m.end]},
                    None if prep in RANGE_PREPS else prep,
                    None,
                    (prev, m),
                    prev.timex[0],  # the TIMEX3 extent leaves the opening "from"/"between" out
                    m.timex[1],
                )
                continue
        out.append(m)
    return out
