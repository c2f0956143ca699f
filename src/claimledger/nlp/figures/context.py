"""Context of figures from the parse: what a figure counts, and the base a fraction is taken of.

Used by :mod:`.figures`; works on ``Fig`` objects within one text.

* ``counts`` — the counted noun ("over 10,000 soldiers" -> "soldiers", "dozens of settlements" ->
  "settlements"); for a fraction or a bare number that is the subject of a measure predicate, the
  predicate ("nearly half of the troops had been killed or injured" -> "killed or injured"); for "the
  death toll rose to 35", the subject ("death toll").
* ``of`` / ``derived_value`` — a fraction or percentage whose base figure is stated in the same sentence:
  "one-third of the 12,000 troops", "of the 12,000 troops, about one-third", "nearly half of that land"
  (that = the nearest earlier figure of the sentence).
* The parse and entities also veto two readings the surface cannot: a four-digit number inside a DATE
  entity is a year, and "one" is a number only as a numeric modifier or a CARDINAL entity.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from claimledger.nlp.figures.fig import Fig
from claimledger.nlp.figures.measure import measure_from_parse, measure_from_text
from claimledger.nlp.figures.numbers import lexicon

__all__ = ["apply", "apply_text"]

_BASEABLE_UNITS = ("money", "area", "length", "mass", "volume", None)
_OF_AFTER = re.compile(
    r"\s+of\s+(?:(?:the|all|these|those|its|their|a\s+total\s+of|an\s+estimated|some|about|"
    r"roughly|around|nearly|almost|over|more\s+than|at\s+least)\s+)*",
    re.IGNORECASE,
)
_OF_ANAPHOR = re.compile(
    r"\s+of\s+(?:that|this|these|those|them|it|the\s+total|the\s+figure)(?![A-Za-z])", re.IGNORECASE
)
_OF_BEFORE = re.compile(r"(?<![A-Za-z])of\s+(?:(?:the|all|these|those|its|their)\s+)?\Z", re.IGNORECASE)
_PARTITIVE_NOUNS = {"number", "toll", "total", "tally", "count", "figure", "share", "proportion", "percentage"}
_STOP = {
    "of",
    "the",
    "a",
    "an",
    "and",
    "or",
    "to",
    "in",
    "on",
    "at",
    "for",
    "from",
    "by",
    "with",
    "were",
    "was",
    "are",
    "is",
    "had",
    "have",
    "has",
    "been",
    "be",
    "will",
    "would",
    "could",
    "said",
    "that",
    "which",
    "who",
    "more",
    "than",
    "per",
    "each",
    "as",
    "this",
    "these",
    "those",
    "them",
    "their",
    "its",
    "it",
    "they",
}
_NUMBER_WORDS = {
    "hundreds",
    "thousands",
    "millions",
    "billions",
    "dozens",
    "tens",
    "scores",
    "hundred",
    "thousand",
    "million",
    "billion",
    "dozen",
    "half",
    "third",
    "quarter",
    "percent",
    "per",
}


def _is_fraction(f: Fig) -> bool:
    return f.kind in ("fraction", "ratio") or f.unit_kind == "percent"


def _is_base(f: Fig) -> bool:
    return not _is_fraction(f) and f.value is not None and f.unit_kind in _BASEABLE_UNITS and f.kind != "ordinal"


def _core_end(f: Fig) -> int:
    return int(f.extra.get("core_end", f.end))


# -- bases (shared by the parsed and the text-only paths) ----------------------------------------
def _attach_bases(text: str, figs: list[Fig], get_sentences: Callable[[], list[tuple[int, int]]]) -> None:
    if not any(_is_fraction(f) for f in figs):
        return
    sentences = get_sentences()

    def sent_of(pos: int) -> tuple[int, int]:
        for s, e in sentences:
            if s <= pos < e:
                return s, e
        return 0, len(text)

    for idx, f in enumerate(figs):
        if not _is_fraction(f) or f.value is None or f.of is not None:
            continue
        s_start, s_end = sent_of(f.start)
        base: Fig | None = None
        m = _OF_AFTER.match(text, f.end)
        if m is not None:
            base = next((g for g in figs[idx + 1 :] if g.num_start == m.end() or g.start == m.end()), None)
        if base is None and _OF_ANAPHOR.match(text, f.end):
            base = next((g for g in reversed(figs[:idx]) if g.start >= s_start and _is_base(g)), None)
        if base is None and m is None:
            for g in reversed(figs[:idx]):
                if g.start < s_start:
                    break
                if _is_fraction(g):
                    break
                if _is_base(g) and _OF_BEFORE.search(text, max(0, g.start - 20), g.start):
                    base = g
                    break
        if base is None or not _is_base(base) or base.value is None:
            continue
        share = f.value / 100.0 if f.unit_kind == "percent" and f.unit == "%" else f.value
        if f.unit_kind == "percent" and f.unit != "%":
            continue
        f.of = base.value
        f.derived_value = share * base.value
        if f.counts is None:
            f.counts = base.counts


# -- counts from the parse --------------------------------------------------------------------------
def _phrase(tok: Token) -> str | None:
    if tok.pos_ == "PRON" or tok.lower_ in _STOP:
        return None  # "537 of which"
    parts = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ in ("NOUN", "PROPN")]
    return " ".join(t.text for t in [*parts, tok]).lower()


def _of_group(tok: Token) -> Token | None:
    """Follow "X of Y of Z" to the last noun that is not itself a number word."""
    seen = 0
    while seen < 4:
        seen += 1
        prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if prep is None:
            return None
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if pobj is None:
            return None
        if pobj.lower_ in _NUMBER_WORDS or pobj.like_num:
            tok = pobj
            continue
        return pobj
    return None


def _predicate(root: Token, measures: set[str]) -> str | None:
    """ "half ... had been killed or injured" -> "killed or injured"; "300 were dead" -> "dead"."""
    head = root.head
    comp = next((c for c in head.children if c.dep_ in ("oprd", "xcomp", "acomp") and c.lower_ in measures), None)
    if root.dep_ in ("nsubjpass", "nsubj") and comp is not None:  # "were reported missing"
        return comp.lower_
    if root.dep_ == "nsubjpass" or (root.dep_ == "nsubj" and head.lower_ in measures):
        words = [head] + [c for c in head.children if c.dep_ == "conj" and c.tag_ in ("VBN", "VBD", "JJ")]
        cc = next((c for c in head.children if c.dep_ == "cc"), None)
        if len(words) > 1 and cc is not None:
            return f" {cc.lower_} ".join(w.lower_ for w in words)
        return head.lower_
    if root.dep_ == "nsubj" and head.lemma_ == "be":
        comp = next((c for c in head.children if c.dep_ in ("acomp", "attr") and c.i > root.i), None)
        if comp is not None and (comp.lower_ in measures or comp.pos_ == "ADJ"):
            return comp.lower_
    return None


def _counts(doc: Doc, f: Fig, measures: set[str]) -> str | None:
    if f.unit_kind in ("duration", "age", "temperature", "speed", "money"):
        return None
    span = doc.char_span(f.num_start, _core_end(f), alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    root = span.root
    head = root.head
    inside = span.start <= head.i < span.end
    # "over 10,000 soldiers", "12,000 North Korean troops"
    if (
        not inside
        and root.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod", "npadvmod")
        and head.pos_ in ("NOUN", "PROPN")
        and head.lower_ not in _NUMBER_WORDS
        and f.unit_kind is None
    ):
        return _phrase(head)
    pred = _predicate(root, measures) if f.unit_kind in (None, "percent") else None
    if pred is not None and _is_fraction(f):  # "nearly half ... had been killed or injured"
        return pred
    group = _of_group(root)
    if group is not None:  # "dozens of settlements", "40 percent of respondents"
        if group.lower_ in _PARTITIVE_NOUNS:
            inner = _of_group(group)
            return _phrase(inner) if inner is not None else _phrase(group)
        return _phrase(group)
    if pred is not None and f.unit_kind is None:  # "at least 300 were killed"
        return pred
    whole = doc.char_span(f.num_start, f.end, alignment_mode="expand") or span
    nxt = doc[whole.end] if whole.end < len(doc) else None
    if nxt is not None and nxt.pos_ == "NOUN" and nxt.tag_ == "NNS" and f.unit_kind in (None, "percent"):
        return _phrase(nxt)  # a misparsed "10,000-plus troops"
    if f.unit_kind is not None:
        return None
    # "the strike killed 12"
    if root.dep_ == "dobj" and head.lower_ in measures:
        return head.lower_
    # "the death toll rose to 35", "the toll stood at 35"
    if root.dep_ == "pobj" and head.lower_ in ("to", "at", "from") and head.head.pos_ in ("VERB", "AUX"):
        subj = next((c for c in head.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.pos_ in ("NOUN", "PROPN"):
            inner = _of_group(subj) if subj.lower_ in _PARTITIVE_NOUNS else None
            return _phrase(inner) if inner is not None else _phrase(subj)
    return None


def _parsed(doc: Doc) -> bool:
    """Whether a parser ran (a cheap stand-in for ``doc.has_annotation("DEP")``, which walks every token)."""
    return any(t.dep != 0 for t in doc[:20])


def _sentences(doc: Doc, text: str) -> list[tuple[int, int]]:
    if _parsed(doc) or doc.has_annotation("SENT_START"):
        return [(s.start_char, s.end_char) for s in doc.sents]
    return _text_sentences(text)


def _text_sentences(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in re.finditer(r"(?<=[.!?])[\"”’)]?\s+(?=[A-Z\"“‘(])|\n+", text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return out


def _vetoed(doc: Doc, f: Fig, parsed: bool) -> bool:
    span: Span | None = doc.char_span(f.num_start, f.num_end, alignment_mode="expand")
    if span is None:
        return False
    if f.integer_digits and f.value is not None and 1000 <= f.value <= 2100 and not f.cued and f.unit is None:
        if any(t.ent_type_ in ("DATE", "TIME") for t in span) and f.high is None:
            return True
    if f.words and f.value == 1 and f.kind == "number" and f.unit is None and not f.cued and parsed:
        tok = span.root
        if tok.dep_ not in ("nummod", "quantmod") and tok.ent_type_ != "CARDINAL":
            return True
    return False


def apply(doc: Doc, figs: list[Fig], text: str | None = None) -> list[Fig]:
    """Vetoes, counts and bases for figures of a parsed ``doc`` (``text`` = ``doc.text``); returns those kept."""
    text = doc.text if text is None else text
    measures = set(lexicon("cues")["predicate_measures"])
    parsed = _parsed(doc)
    kept = [f for f in figs if not _vetoed(doc, f, parsed)]
    if parsed:
        for f in kept:
            f.counts = _counts(doc, f, measures)
    else:
        _counts_from_text(text, kept)
    _attach_bases(text, kept, lambda: _sentences(doc, text))
    for f in kept:
        if _measurable(f):
            found = measure_from_parse(doc, f.num_start, _core_end(f), f.counts) if parsed else None
            f.measure, f.measure_subject = found or measure_from_text(text, f.num_start, _core_end(f), f.counts)
        elif f.unit_kind == "area":
            f.measure = "area"
    _inherit_measures(text, kept)
    return kept


_PART_OF = re.compile(r"(?:including|among\s+them|among\s+whom|of\s+whom|of\s+them)[\s,:]*\Z", re.IGNORECASE)


def _inherit_measures(text: str, figs: list[Fig]) -> None:
    """A part takes its whole's measure: "23 civilians dead, among them six children" (six: killed)."""
    for prev, f in zip(figs, figs[1:], strict=False):
        if f.measure is None and prev.measure is not None and _measurable(f):
            gap = text[prev.end : f.start]
            if len(gap) < 60 and _PART_OF.search(gap) and not re.search(r"[.;!?]", gap):
                f.measure = prev.measure


def _measurable(f: Fig) -> bool:
    """Counts of people and things (and shares of them) have a measure; money, lengths and times do not."""
    return f.unit_kind is None or (_is_fraction(f) and f.counts is not None)


def _counts_from_text(text: str, figs: list[Fig]) -> None:
    for f in figs:
        if f.unit_kind in ("duration", "age", "temperature", "speed", "percent") and not _is_fraction(f):
            continue
        m = re.match(r"\s+(?:of\s+(?:the\s+)?)?(?:[A-Z][a-z]+\s+)*([a-z][a-z-]+)", text[_core_end(f) :])
        if m and m.group(1) not in _STOP and m.group(1) not in _NUMBER_WORDS:
            f.counts = m.group(1)


def apply_text(text: str, figs: list[Fig]) -> None:
    """Counts (next noun), bases and measures for figures found without a parse."""
    _counts_from_text(text, figs)
    _attach_bases(text, figs, lambda: _text_sentences(text))
    for f in figs:
        if _measurable(f):
            f.measure, f.measure_subject = measure_from_text(text, f.num_start, _core_end(f), f.counts)
        elif f.unit_kind == "area":
            f.measure = "area"
    _inherit_measures(text, figs)
