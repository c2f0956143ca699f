"""An article's text cut into segments for the article view, displaCy style.

Every claim's source, cue and content, and every figure, time and place, is a span of the text.  The
spans overlap (a figure inside a content, a claim inside another's content), so the text is cut at
every span boundary and each segment carries the set of layers covering it; the template renders a
segment as one ``<span>`` with those classes.  Nothing here builds HTML: the template does, with
autoescape on, so the text (untrusted: it comes from the web) is always shown as text.

Invisible characters that change how text *looks* are cut out as their own parts and shown as visible
markers: bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069, which could make the
rest of a line read backwards) and other control characters.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from claimledger.models import Claim, Reading

ROLES: tuple[str, ...] = ("source", "cue", "content")  # most specific first
MARKS: tuple[str, ...] = ("figure", "time", "place")
# Bidi controls and C0/C1 controls other than newline and tab.
INVISIBLE = re.compile(r"[\u200e\u200f\u202a-\u202e\u2066-\u2069\x00-\x08\x0b-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Part:
    """A piece of a segment's text: shown as is, or (``control``) as a visible marker of the character."""

    text: str
    control: bool = False

    @property
    def label(self) -> str:
        """``U+202E`` for a control character."""
        return f"U+{ord(self.text):04X}" if self.control else self.text

    @property
    def name(self) -> str:
        """The Unicode name of a control character (for its tooltip)."""
        return unicodedata.name(self.text, "control character") if self.control else ""


@dataclass(frozen=True)
class Segment:
    """A run of text covered by the same layers.

    Args:
        start, end: offsets into the article text.
        parts: the text, with control characters cut out as their own parts.
        role: ``source``, ``cue``, ``content`` or None (outside every claim).
        marks: ``figure``/``time``/``place`` covering it.
        claim_id: the claim this segment belongs to (the innermost), if any.
        title: the tooltip: who claims, stance, hedging, channel, date, place.
        anchor: an id to link to (``span-<claim_id>`` on a claim's first segment).
    """

    start: int
    end: int
    parts: tuple[Part, ...]
    role: str | None = None
    marks: tuple[str, ...] = ()
    claim_id: str | None = None
    title: str = ""
    anchor: str | None = None

    @property
    def css(self) -> str:
        """The CSS classes of this segment."""
        return " ".join(x for x in (self.role and f"m-{self.role}", *(f"m-{m}" for m in self.marks)) if x)


@dataclass
class _Layer:
    start: int
    end: int
    kind: str
    claim_id: str | None = None
    label: str = ""


@dataclass(frozen=True)
class ClaimNote:
    """What the tooltip and the claim card say about one claim's context."""

    figures: tuple[str, ...] = ()
    times: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    extra: dict[str, str] = field(default_factory=dict)


def notes_of(reading: Reading) -> dict[str, ClaimNote]:
    """For each claim id, the figures, dates and places read in it."""
    figs: dict[str, list[str]] = {}
    times: dict[str, list[str]] = {}
    places: dict[str, list[str]] = {}
    for f in reading.figures:
        if f.claim_id:
            value = f"{f.value:g}" if f.value is not None else "?"
            figs.setdefault(f.claim_id, []).append(" ".join(x for x in (f.text, "=", value, f.counts or "") if x))
    for t in reading.times:
        if t.claim_id:
            times.setdefault(t.claim_id, []).append(f"{t.text} = {t.value or '?'}")
    for p in reading.places:
        if p.claim_id and p.feature != "demonym" and p.name:
            places.setdefault(p.claim_id, []).append(", ".join(x for x in (p.name, p.admin1, p.country) if x))
    ids = {c.claim_id for c in reading.claims}
    return {
        cid: ClaimNote(tuple(figs.get(cid, ())), tuple(times.get(cid, ())), tuple(places.get(cid, ()))) for cid in ids
    }


def tooltip(claim: Claim, note: ClaimNote | None = None) -> str:
    """One line about a claim: who, how, through whom, when, where."""
    who = (claim.source.name or claim.source.text) if claim.source else "the writer"
    bits = [f"{who} · {claim.stance}"]
    if claim.hedged:
        bits.append("hedged")
    if claim.direct:
        bits.append("direct quote")
    if claim.channel:
        bits.append("via " + " > ".join(h.name for h in claim.channel))
    if claim.date:
        bits.append(f"dated {claim.date}")
    if note:
        bits += [f"place {p}" for p in note.places[:2]]
        bits += [f"figure {f}" for f in note.figures[:3]]
    return " · ".join(bits)


def _layers(reading: Reading, notes: dict[str, ClaimNote]) -> list[_Layer]:
    out: list[_Layer] = []
    for c in reading.claims:
        label = tooltip(c, notes.get(c.claim_id))
        for part in c.content_parts or (c.content,):
            out.append(_Layer(part.start, part.end, "content", c.claim_id, label))
        out.append(_Layer(c.cue.start, c.cue.end, "cue", c.claim_id, label))
        if c.source:
            out.append(_Layer(c.source.start, c.source.end, "source", c.claim_id, label))
    out += [_Layer(f.start, f.end, "figure", f.claim_id) for f in reading.figures]
    out += [_Layer(t.start, t.end, "time", t.claim_id) for t in reading.times]
    out += [_Layer(p.start, p.end, "place", p.claim_id) for p in reading.places if p.feature != "demonym"]
    return out


def split_controls(text: str) -> tuple[Part, ...]:
    """``text`` as parts, every invisible control character its own part."""
    parts: list[Part] = []
    pos = 0
    for m in INVISIBLE.finditer(text):
        if m.start() > pos:
            parts.append(Part(text[pos : m.start()]))
        parts.append(Part(m.group(), control=True))
        pos = m.end()
    if pos < len(text):
        parts.append(Part(text[pos:]))
    return tuple(parts)


def _pick(active: Iterable[_Layer]) -> tuple[str | None, str | None, str, tuple[str, ...]]:
    """The role, claim and tooltip of a segment from the layers covering it: the most specific role,
    and among layers of that role the shortest (innermost) span."""
    claims = [a for a in active if a.kind in ROLES]
    marks = tuple(sorted({a.kind for a in active if a.kind in MARKS}, key=MARKS.index))
    if not claims:
        return None, None, "", marks
    best = min(claims, key=lambda a: (ROLES.index(a.kind), a.end - a.start))
    return best.kind, best.claim_id, best.label, marks


def segments(reading: Reading, notes: dict[str, ClaimNote] | None = None) -> list[Segment]:
    """The article text of ``reading`` as segments (see the module docstring); their texts join to it."""
    text = reading.article.text
    n = len(text)
    layers = [a for a in _layers(reading, notes or notes_of(reading)) if 0 <= a.start < a.end <= n]
    cuts = {0, n}
    for a in layers:
        cuts.update((a.start, a.end))
    bounds = sorted(cuts)
    starts = sorted(layers, key=lambda a: a.start)
    out: list[Segment] = []
    anchored: set[str] = set()
    i = 0
    active: list[_Layer] = []
    for lo, hi in zip(bounds, bounds[1:], strict=False):
        while i < len(starts) and starts[i].start <= lo:
            active.append(starts[i])
            i += 1
        active = [a for a in active if a.end > lo]
        role, claim_id, title, marks = _pick(active)
        anchor = None
        if claim_id and role == "content" and claim_id not in anchored:
            anchored.add(claim_id)
            anchor = f"span-{claim_id}"
        out.append(Segment(lo, hi, split_controls(text[lo:hi]), role, marks, claim_id, title, anchor))
    return out


__all__ = [
    "INVISIBLE",
    "MARKS",
    "ROLES",
    "ClaimNote",
    "Part",
    "Segment",
    "notes_of",
    "segments",
    "split_controls",
    "tooltip",
]
