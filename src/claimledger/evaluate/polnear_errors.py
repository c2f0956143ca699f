"""Error analysis for PolNeAR predictions (``claimledger eval polnear --errors``).

Every gold and predicted attribution is put in one category, using the scorer's tokens and its
``attr`` matching (:func:`claimledger.evaluate.polnear.match_attributions`):

* matched attributions: ``ok`` or an edge error of a role — ``cue edge`` (too long/short),
  ``content edge`` (too long/short/shifted), ``source missing``/``source spurious``/
  ``source edge``/``source wrong``;
* missed gold attributions: ``cue missed`` (no predicted cue touches the gold cue; counted by cue
  words), ``content mismatch`` (a predicted attribution shares the cue but its content fails the
  50 % rule: ``too long``/``too short``/``elsewhere``), ``linking`` (cue and content both found but in
  different predicted attributions);
* false alarms: ``cue false alarm`` (counted by cue words) or ``content mismatch``.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from claimledger.evaluate.polnear import GoldDocs, TokenDoc, Tokens, gold_annotator, match_attributions, token_doc
from claimledger.formats.brat import parse_ann

_MAX_EXAMPLES = 3


@dataclass
class ErrorReport:
    """Counts per category (and per cue words within a category), with a few examples each."""

    counts: Counter[str] = field(default_factory=Counter)
    pairs: int = 0  # matched gold/pred pairs (one pair may have several edge errors)
    by_words: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    examples: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def add(self, category: str, example: str | None = None, words: str | None = None) -> None:
        self.counts[category] += 1
        if words is not None:
            self.by_words[category][words] += 1
        if example and len(self.examples[category]) < _MAX_EXAMPLES:
            self.examples[category].append(example)


def _text(text: str, toks: Tokens, ids: frozenset[int], limit: int = 90) -> str:
    if not ids:
        return "∅"
    s = " ".join(text[toks.starts[i] : toks.ends[i]] for i in sorted(ids))
    s = re.sub(r"\s+", " ", s)
    return s if len(s) <= limit else s[: limit - 1] + "…"


def _show(text: str, toks: Tokens, attr: tuple[frozenset[int], frozenset[int], frozenset[int]]) -> str:
    s, c, t = attr
    return f"[S {_text(text, toks, s, 40)}] [C {_text(text, toks, c, 30)}] [T {_text(text, toks, t)}]"


def _edge(gold: frozenset[int], pred: frozenset[int]) -> str:
    if pred == gold:
        return "exact"
    if not pred & gold:
        return "elsewhere"
    if pred > gold:
        return "too long"
    if pred < gold:
        return "too short"
    return "shifted"


def _doc_errors(report: ErrorReport, text: str, toks: Tokens, gold: TokenDoc, pred: TokenDoc) -> None:
    pairs = match_attributions(gold.attributions, pred.attributions, False)
    matched_g = {i for i, _ in pairs}
    matched_p = {j for _, j in pairs}
    report.pairs += len(pairs)
    for i, j in pairs:
        g, p = gold.attributions[i], pred.attributions[j]
        ex = f"gold {_show(text, toks, g)}\n        pred {_show(text, toks, p)}"
        errs = []
        if (e := _edge(g[1], p[1])) != "exact":
            errs.append(f"cue edge: {e}")
        if (e := _edge(g[2], p[2])) != "exact":
            errs.append(f"content edge: {e}")
        if g[0] and not p[0]:
            errs.append("source missing")
        elif p[0] and not g[0]:
            errs.append("source spurious")
        elif g[0] != p[0]:
            errs.append("source edge" if g[0] & p[0] else "source wrong")
        for err in errs or ["ok"]:
            report.add(f"matched / {err}", ex if err != "ok" else None)
    for i, g in enumerate(gold.attributions):
        if i in matched_g:
            continue
        words = _text(text, toks, g[1], 40).lower()
        same_cue = [p for j, p in enumerate(pred.attributions) if p[1] & g[1]]
        ex = f"gold {_show(text, toks, g)}"
        if not same_cue:
            content_elsewhere = any(p[2] & g[2] for p in pred.attributions)
            cat = "missed / cue missed" + (" (content in another attribution)" if content_elsewhere else "")
            report.add(cat, ex, words)
        else:
            p = same_cue[0]
            report.add(f"missed / content mismatch: {_edge(g[2], p[2])}", ex + f"\n        pred {_show(text, toks, p)}")
    for j, p in enumerate(pred.attributions):
        if j in matched_p:
            continue
        words = _text(text, toks, p[1], 40).lower()
        if not any(g[1] & p[1] for g in gold.attributions):
            in_content = any(g[2] & p[1] for g in gold.attributions)
            cat = "false alarm / cue false alarm" + (" (inside a gold content)" if in_content else "")
            report.add(cat, f"pred {_show(text, toks, p)}", words)
        else:
            report.add("false alarm / content mismatch", f"pred {_show(text, toks, p)}")


def analyse(gold_docs: GoldDocs, preds: dict[str, str]) -> ErrorReport:
    """Categorise every gold and predicted attribution of a split (see module docstring)."""
    report = ErrorReport()
    for article, (text, by_annotator) in gold_docs.items():
        if not by_annotator:
            continue
        toks = Tokens(text)
        gold = token_doc(parse_ann(by_annotator[gold_annotator(by_annotator)]), toks)
        pred = token_doc(parse_ann(preds.get(article, "")), toks)
        _doc_errors(report, text, toks, gold, pred)
    return report


def format_report(report: ErrorReport, top_words: int = 12) -> str:
    """A plain-text listing: categories by count, the most frequent cue words, examples."""
    lines = ["== error analysis (attr matching)"]
    groups: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for cat, n in report.counts.items():
        groups[cat.split(" / ")[0]].append((cat, n))
    for group in ("matched", "missed", "false alarm"):
        total = sum(n for _, n in groups.get(group, []))
        if group == "matched":
            lines.append(f"-- matched: {report.pairs} pairs (a pair may have several edge errors)")
        else:
            lines.append(f"-- {group}: {total}")
        for cat, n in sorted(groups.get(group, []), key=lambda x: -x[1]):
            lines.append(f"  {n:>6}  {cat.split(' / ', 1)[1]}")
            words = report.by_words.get(cat)
            if words:
                common = ", ".join(f"{w} ({k})" for w, k in words.most_common(top_words))
                lines.append(f"          by cue: {common}")
            for ex in report.examples.get(cat, []):
                lines.append(f"        {ex}")
    return "\n".join(lines)


__all__ = ["ErrorReport", "analyse", "format_report"]
