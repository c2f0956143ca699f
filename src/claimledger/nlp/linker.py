"""Link figures, times and places to the attributions they belong to (factory ``claimledger_linker``).

Rules (all over character offsets into ``doc.text``):

* a figure, time or place lying inside a content fragment of an attribution belongs to that claim
  (``attribution["figures"]``, ``["times"]``, ``["places"]`` hold indices into ``doc._.cl_*``);
* the **statement date** of a claim (``attribution["date"]``) is a time expression of the cue's
  sentence, outside the content, whose syntactic head chain reaches the cue verb ("told AFP
  on Friday", "On Friday, X announced", "In a speech ... last week, X claimed").  This follows the
  TimeML intuition that a TIMEX anchors the event it modifies (Pustejovsky et al. 2003): so the
  chain must reach the cue without entering another clause first.  A time inside a relative,
  adverbial or complement clause dates that clause's event, not the statement ("X stated that
  troops were deployed to the region, where Ukraine launched an offensive in August": August dates
  the offensive, even when the content span stops short of it).
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from claimledger.nlp import extensions  # noqa: F401


def _inside(start: int, end: int, frags: list[list[int]]) -> bool:
    return any(s <= start and end <= e for s, e in frags)


def _span(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


# Dependencies that open a clause with its own event: a time below one dates that event.
_CLAUSES = frozenset({"relcl", "advcl", "ccomp", "xcomp", "csubj", "csubjpass", "conj", "parataxis"})


def _reaches(token: Any, targets: set[int], limit: int = 8) -> bool:
    """True when ``token`` or one of its first ``limit`` ancestors is in ``targets``, reached
    without leaving a clause of another predicate (a verb attached by a clausal dependency)."""
    for _ in range(limit):
        if token.i in targets:
            return True
        if token.head.i == token.i:
            return False
        if token.dep_ in _CLAUSES and token.pos_ in ("VERB", "AUX"):
            return False
        token = token.head
    return token.i in targets


def statement_time(doc: Doc, attribution: dict[str, Any], times: list[dict[str, Any]]) -> int | None:
    """Index of the time expression dating the statement of ``attribution``, or None."""
    cues = attribution.get("cue") or []
    if not cues:
        return None
    cue = _span(doc, cues[0][0], cues[-1][1])
    if cue is None:
        return None
    sent = cue.sent
    cue_tokens = {t.i for t in cue}
    content = attribution.get("content") or []
    best: tuple[int, int] | None = None
    for i, t in enumerate(times):
        if t.get("value") is None:
            continue
        if not (sent.start_char <= t["start"] and t["end"] <= sent.end_char):
            continue
        if _inside(t["start"], t["end"], content):
            continue
        span = _span(doc, t["start"], t["end"])
        if span is None or not _reaches(span.root, cue_tokens):
            continue
        distance = min(abs(t["start"] - cues[0][0]), abs(t["end"] - cues[-1][1]))
        if best is None or distance < best[0]:
            best = (distance, i)
    return best[1] if best else None


class Linker:
    """Attach figures/times/places to attributions and date each statement."""

    def __call__(self, doc: Doc) -> Doc:
        attributions = doc._.cl_attributions or []
        figures = doc._.cl_figures or []
        times = doc._.cl_times or []
        places = doc._.cl_places or []
        for att in attributions:
            frags = att.get("content") or []
            att["figures"] = [i for i, f in enumerate(figures) if _inside(f["start"], f["end"], frags)]
            att["times"] = [i for i, t in enumerate(times) if _inside(t["start"], t["end"], frags)]
            att["places"] = [i for i, p in enumerate(places) if _inside(p["start"], p["end"], frags)]
            idx = statement_time(doc, att, times) if times else None
            att["date_time"] = idx
            att["date"] = times[idx]["value"] if idx is not None else None
        doc._.cl_attributions = attributions
        return doc


@Language.factory(
    "claimledger_linker",
    assigns=["doc._.cl_attributions"],
    requires=["doc._.cl_attributions"],
    default_config={},
)
def make_linker(nlp: Language, name: str) -> Linker:
    """Factory for :class:`Linker` (no settings)."""
    return Linker()
